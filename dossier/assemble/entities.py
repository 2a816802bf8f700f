"""The entity index across articles: one entry per canonical name, with every mention.

Curated entities are always kept. A name found only by capitalisation (not curated) is kept
when it is mentioned at least `min_mentions` times in the whole dossier, which keeps noise
(a one-off capitalised phrase) out of the index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from dossier.assemble.clusters import mention_order
from dossier.model import Entity, Mention, content_id

MIN_MENTIONS = 2


def merge_entities(entities: Sequence[Entity], min_mentions: int = MIN_MENTIONS) -> tuple[Entity, ...]:
    """Entities with the same canonical name merged, sorted by name (case-insensitive)."""
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_name[entity.name].append(entity)
    merged = [_merge(name, group) for name, group in by_name.items()]
    kept = [e for e in merged if e.curated or len(e.mentions) >= min_mentions]
    return tuple(sorted(kept, key=lambda e: (e.name.casefold(), e.name)))


def _kind(group: Sequence[Entity]) -> str:
    """The curated kind if any; else the most frequent specific kind; else "other"."""
    curated = [e.kind for e in group if e.curated]
    if curated:
        return curated[0]
    kinds = Counter(e.kind for e in group if e.kind != "other")
    return min(kinds, key=lambda k: (-kinds[k], k)) if kinds else "other"


def _merge(name: str, group: Sequence[Entity]) -> Entity:
    # each mention once, in source order: keyed by its source and words, which are its whole
    # value (hashing the plain tuples is cheaper than hashing the dataclasses)
    unique: dict[tuple[str, int, int, int, str], Mention] = {}
    for entity in group:
        for mention in entity.mentions:
            unique.setdefault(mention_order(mention), mention)
    mentions = tuple(unique[key] for key in sorted(unique))
    aliases = tuple(sorted({a for e in group for a in e.aliases} - {name}))
    return Entity(
        id=content_id("entity", name),
        name=name,
        kind=_kind(group),
        aliases=aliases,
        mentions=mentions,
        curated=any(e.curated for e in group),
    )
