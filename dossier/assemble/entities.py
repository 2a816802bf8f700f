"""The entity index across articles: one entry per canonical name, with every mention.

Curated entities are always kept. A name found only by capitalisation (not curated) is kept
when it is mentioned at least `min_mentions` times in the whole dossier, which keeps noise
(a one-off capitalised phrase) out of the index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import partial
from itertools import chain

from dossier.assemble.clusters import mention_order
from dossier.model import Entity, Mention, content_id
from dossier.reuse import REUSE

MIN_MENTIONS = 2


def merge_entities(entities: Sequence[Entity], min_mentions: int = MIN_MENTIONS) -> tuple[Entity, ...]:
    """Entities with the same canonical name merged, sorted by name (case-insensitive)."""
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_name[entity.name].append(entity)
    # (under `mkdocs serve` a name whose entities are the very ones of the last build, those of
    # unchanged articles, is the entry it was: `dossier.reuse`)
    merged = [REUSE.get("entity", tuple(group), partial(_merge, name, group), also=name) for name, group in by_name.items()]
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
    mentions = _article_after_article(group)
    if mentions is None:
        mentions = _sorted_mentions(group)
    aliases = tuple(sorted({a for e in group for a in e.aliases} - {name}))
    return Entity(
        id=content_id("entity", name),
        name=name,
        kind=_kind(group),
        aliases=aliases,
        mentions=mentions,
        curated=any(e.curated for e in group),
    )


def _article_after_article(group: Sequence[Entity]) -> tuple[Mention, ...] | None:
    """The mentions of entities of one article each, each article's once (an analysis gives
    an entity per name and article, its mentions in source order, each once:
    `dossier.analyse.entities`), as `_sorted_mentions` gives them: the articles' in the
    order of their ids, one after the other. The source order begins with the article, so
    this is that order without sorting a widely named place's hundreds of thousands of
    mentions again (at 10,000 articles 0.33 s of each build, now 0.14 s). None when an entity's
    mentions are of several articles, or an article has two entities of the name."""
    by_article: dict[str, tuple[Mention, ...]] = {}
    for entity in group:
        if not entity.mentions:
            continue
        article = entity.mentions[0].source.article
        if entity.mentions[-1].source.article != article or article in by_article:
            return None
        by_article[article] = entity.mentions
    return tuple(chain.from_iterable(by_article[article] for article in sorted(by_article)))


def _sorted_mentions(group: Sequence[Entity]) -> tuple[Mention, ...]:
    # each mention once, in source order: keyed by its source and words, which are its whole
    # value (hashing the plain tuples is cheaper than hashing the dataclasses)
    unique: dict[tuple[str, int, int, int, str], Mention] = {}
    for entity in group:
        for mention in entity.mentions:
            unique.setdefault(mention_order(mention), mention)
    return tuple(unique[key] for key in sorted(unique))
