"""The timeline: dated events from all articles, the same event from several sources merged.

Two events are the same when they fall on the same (possibly partial) date and their texts say
the same thing (the statement-clustering rules of :mod:`dossier.assemble.clusters`, with a
lower similarity floor, since event sentences about one date share their subject).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from dossier.assemble.clusters import Features, UnionFind, _source_key, features, same_statement
from dossier.model import Event, content_id

MIN_EVENT_SIMILARITY = 60.0


def merge_events(events: Sequence[Event]) -> tuple[Event, ...]:
    """Events merged across articles, sorted by date, then text."""
    by_date: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_date[event.date.iso].append(event)
    merged = [_merge(group) for same_day in by_date.values() for group in _groups(same_day)]
    return tuple(sorted(merged, key=lambda e: (e.date.sort_key, e.date.iso, e.text, e.id)))


def _groups(events: list[Event]) -> list[list[Event]]:
    """Events of one date, grouped by what they say."""
    events = sorted(events, key=lambda e: (e.mentions[0].source, e.text) if e.mentions else ((), e.text))
    items = [features(e.text) for e in events]
    union = UnionFind(len(events))
    for i, j in sorted(_possible_pairs(items)):
        # a pair already joined through others is not compared: the groups would not change
        if union.find(i) != union.find(j) and same_statement(items[i], items[j], MIN_EVENT_SIMILARITY):
            union.union(i, j)
    return [[events[i] for i in group] for group in union.groups()]


def _possible_pairs(items: Sequence[Features]) -> set[tuple[int, int]]:
    """Every pair (i < j) `same_statement` can accept, and few others, without trying all
    pairs (a busy date has thousands of events): the same wording; a fragment with anything
    (it joins only a near-identical twin, rare); else two complete sentences with the same
    numbers sharing enough stems. Their Dice overlap must reach MIN_DICE (0.5), so a pair
    shares at least max(2, ceil(k/3)) of the k stems of either, and so (prefix filtering)
    shares one of the first k - that + 1 of each one's stems in a common order, rarest first:
    only those are indexed. Exact: the same pairs pass as when all are tried."""
    pairs: set[tuple[int, int]] = set()
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        pairs.add((first.setdefault(item.norm, index), index))
    fragments = [i for i, item in enumerate(items) if not item.complete]
    for i in fragments:
        pairs.update((min(i, j), max(i, j)) for j in range(len(items)))
    frequency = Counter(stem for item in items for stem in item.stems)
    index: dict[tuple[frozenset[str], str], list[int]] = defaultdict(list)
    for j, item in enumerate(items):
        k = len(item.stems)
        if not item.complete or k < 2:
            continue
        overlap = max(2, (k + 2) // 3)
        prefix = sorted(item.stems, key=lambda stem: (frequency[stem], stem))[: k - overlap + 1]
        for stem in prefix:
            bucket = index[(item.numbers, stem)]
            pairs.update((i, j) for i in bucket)
            bucket.append(j)
    pairs.discard((0, 0))
    return {(i, j) for i, j in pairs if i < j}


def _merge(group: list[Event]) -> Event:
    mentions = tuple(sorted({m for e in group for m in e.mentions}, key=_source_key))
    texts = Counter(e.text for e in group)
    text = min(texts, key=lambda t: (-texts[t], len(t), t))
    date = group[0].date
    topics = tuple(dict.fromkeys(t for e in group for t in e.topics))
    return Event(
        id=content_id("event", date.iso, text),
        date=date,
        text=text,
        mentions=mentions,
        date_inferred=all(e.date_inferred for e in group),
        topics=topics,
    )
