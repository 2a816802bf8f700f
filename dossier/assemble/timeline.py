"""The timeline: dated events from all articles, the same event from several sources merged.

Two events are the same when they fall on the same (possibly partial) date and their texts say
the same thing (the statement-clustering rules of :mod:`dossier.assemble.clusters`, with a
lower similarity floor, since event sentences about one date share their subject).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import partial

from dossier.assemble.clusters import (NEAR_IDENTICAL, Features, UnionFind, features, mention_order, names_seen,
                                       proper_openers, same_statement)
from dossier.model import Event, content_id
from dossier.reuse import REUSE

MIN_EVENT_SIMILARITY = 60.0


def merge_events(events: Sequence[Event], proper: frozenset[str] | None = None) -> tuple[Event, ...]:
    """Events merged across articles, sorted by date, then text. `proper`: the names the
    dossier's sentences give mid-sentence (`dossier.assemble.clusters.names_seen`; None: those
    of the events), which tell whether an event's opening word is a name.

    Only events of one date are ever merged: under `mkdocs serve` a date whose events are the
    very ones the last build merged gives the events it gave then (`dossier.reuse`), so a
    save merges again the dates the changed article tells of."""
    by_date: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_date[event.date.iso].append(event)
    # an event opening with a name ("Morvania attacked ...") is another's ("Severia attacked
    # ...") only if the name is the same: whether the opening word is a name is told by all
    # sentences (`proper_openers`), so a date's merge depends on which of its openers are names
    if proper is None:
        proper = names_seen(features(event.text) for event in events)
    merged = [event for same_day in by_date.values()
              for event in REUSE.get("events of a date", tuple(same_day), partial(_merged_day, same_day, proper),
                                     also=_named_openers(same_day, proper))]
    return tuple(sorted(merged, key=lambda e: (e.date.sort_key, e.date.iso, e.time, e.text, e.id)))


def _named_openers(events: list[Event], proper: frozenset[str]) -> tuple[str, ...]:
    """The opening words of `events` that are names (`proper`): all a date's merge reads of the rest."""
    return tuple(sorted({features(event.text).opener for event in events} & proper))


def _merged_day(events: list[Event], proper: frozenset[str]) -> list[Event]:
    return [_merge(group) for group in _groups(events, proper)]


def _groups(events: list[Event], proper: frozenset[str]) -> list[list[Event]]:
    """Events of one date, grouped by what they say (`proper`: the names seen, `proper_openers`)."""
    events = sorted(events, key=lambda e: (e.mentions[0].source, e.text) if e.mentions else ((), e.text))
    union = UnionFind(len(events))
    join_same(tuple(proper_openers([features(e.text) for e in events], proper)), union, MIN_EVENT_SIMILARITY)
    return [[events[i] for i in group] for group in union.groups()]


def join_same(items: Sequence[Features], union: UnionFind, min_similarity: float) -> None:
    """Join in `union` every pair (i, j) that `same_statement(items[i], items[j],
    min_similarity)` accepts, without trying all pairs (a busy date has hundreds of events).
    Exact: the groups are those of trying every pair, since only the groups (not which pairs
    joined them) are kept. The rules that narrow the pairs down:

    * items with equal features answer alike: one of them (the first) stands for them all;
    * the same wording is always the same: joined outright;
    * a fragment joins only a near-identical twin (`fuzz.ratio` >= NEAR_IDENTICAL), whose
      wording is therefore about as long: only those are tried;
    * two complete sentences must have the same numbers and a Dice overlap of at least
      MIN_DICE (0.5), so they share at least max(2, ceil(k/3)) of the k stems of either, and
      so (prefix filtering) one of the first k - that + 1 of each one's stems in a common order,
      rarest first: only the sentences sharing such a stem (and the numbers) are tried.

    A pair already joined through others is not compared: the groups would not change."""
    stands_for: dict[Features, int] = {}
    first_wording: dict[str, int] = {}
    nodes: list[int] = []  # the first item of each distinct features, in order
    for index, item in enumerate(items):
        node = stands_for.setdefault(item, index)
        if node == index:
            nodes.append(index)
            node = first_wording.setdefault(item.norm, index)
        if node != index:
            union.union(node, index)

    def verify(i: int, j: int) -> None:
        if union.find(i) != union.find(j) and same_statement(items[i], items[j], min_similarity):
            union.union(i, j)

    # fragments: only the wordings of about the same length can be near-identical twins
    by_length = sorted(nodes, key=lambda n: (len(items[n].norm), n))
    lengths = [len(items[n].norm) for n in by_length]
    for i in nodes:
        if not items[i].complete:
            size = len(items[i].norm)
            low, high = _twin_lengths(size)
            for j in by_length[bisect_left(lengths, low):bisect_right(lengths, high)]:
                if j != i:
                    verify(i, j)
    # complete sentences: the same numbers and a stem among the first of their prefixes
    frequency = Counter(stem for n in nodes for stem in items[n].stems)
    buckets: dict[tuple[frozenset[str], str], list[int]] = defaultdict(list)
    for j in nodes:
        item = items[j]
        k = len(item.stems)
        if not item.complete or k < 2:
            continue
        overlap = max(2, (k + 2) // 3)
        prefix = sorted(item.stems, key=lambda stem: (frequency[stem], stem))[: k - overlap + 1]
        found = [buckets[(item.numbers, stem)] for stem in prefix]
        for i in sorted(set().union(*found)):
            verify(i, j)
        for bucket in found:
            bucket.append(j)


def _twin_lengths(size: int) -> tuple[int, int]:
    """The lengths a wording of `size` characters may have to be near-identical to it:
    fuzz.ratio is at most 100 * (1 - |a - b| / (a + b)) for lengths a and b, which must reach
    NEAR_IDENTICAL. (A character's leeway either side keeps the bound safe from rounding.)"""
    share = NEAR_IDENTICAL / 100
    return (math.floor(size * share / (2 - share)) - 1, math.ceil(size * (2 - share) / share) + 1)


def _merge(group: list[Event]) -> Event:
    mentions = tuple(sorted({m for e in group for m in e.mentions}, key=mention_order))
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
        time=min((e.time for e in group if e.time and e.date == date), default=""),  # the first told
    )
