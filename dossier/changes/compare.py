"""What changed from one dossier snapshot to another, as plain data.

Both sides are dossier JSON documents (schema ``dossier/1``, ``dossier/2`` or ``dossier/3``), so
a kept snapshot, a published ``downloads/dossier.json`` and the current build compare alike. Items are
matched by id first (ids are derived from content, so they survive rebuilds); an item whose id
changed is matched by what it is made of, so a change is reported as a change, not as a removal
and an addition: a figure group by the figures in it, an event or a statement by the source
sentences it reports (article, paragraph and characters), a source by its content hash.

Reported: new and removed sources; figure groups whose latest value, range across sources or
latest claim (claimant, as-of date) changed, and new and dropped groups; new and resolved
disagreements; new and removed events; new and dropped takeaways (statements reported by more
than one source: the key points pages lead with).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from dossier.changes import view
from dossier.changes.snapshots import Snapshot
from dossier.export.dossier import DISPUTED, plain_number
from dossier.model import FuzzyDate, SourceRef

T = TypeVar("T", view.Group, view.Item)


@dataclass(frozen=True)
class Ref:
    """A source paragraph a change comes from (in the newer dossier)."""

    article: str
    paragraph: int
    outlet: str
    anchor: str

    @property
    def source(self) -> SourceRef:
        return SourceRef(self.article, self.paragraph)


@dataclass(frozen=True)
class Briefing:
    """One side of the comparison."""

    label: str  # a snapshot's file name, or "this build"
    title: str
    as_of: str | None  # ISO date
    sources: int

    @property
    def as_of_human(self) -> str:
        return human_date(self.as_of) or "an unknown date"


@dataclass(frozen=True)
class SourceChange:
    id: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class FigureState:
    """A figure group as a reader sees it on one side."""

    value: str  # the latest figure, as people read it ("at least 16")
    range: str  # across sources ("16 – 31")
    claimant: str
    as_of: str | None
    reports: int
    agreement: str

    @property
    def when(self) -> str:
        return human_date(self.as_of) or "undated"


@dataclass(frozen=True)
class FigureChange:
    """A figure group that is new, dropped, or whose value, range or latest claim changed."""

    id: str
    label: str
    subject: str
    old: FigureState | None
    new: FigureState | None
    changed: tuple[str, ...]  # of "value", "range", "latest"
    refs: tuple[Ref, ...]  # the paragraph of the latest figure

    @property
    def kind(self) -> str:
        return "new" if self.old is None else "dropped" if self.new is None else "changed"

    @property
    def range_changed(self) -> bool:
        """Whether the range across sources says more than the latest values do."""
        if self.old is None or self.new is None or "range" not in self.changed:
            return False
        return not (self.old.range == self.old.value and self.new.range == self.new.value)


@dataclass(frozen=True)
class Disagreement:
    id: str
    label: str
    subject: str
    note: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class ItemChange:
    """A new or removed event, a new or dropped takeaway."""

    id: str
    text: str
    date: str | None
    refs: tuple[Ref, ...]

    @property
    def when(self) -> str:
        return human_date(self.date) or ""


@dataclass(frozen=True)
class Changes:
    """Everything that changed from `old` to `new`, each list in a stable order."""

    old: Briefing
    new: Briefing
    sources_added: tuple[SourceChange, ...] = ()
    sources_removed: tuple[SourceChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    disagreements_new: tuple[Disagreement, ...] = ()
    disagreements_resolved: tuple[Disagreement, ...] = ()
    events_new: tuple[ItemChange, ...] = ()
    events_removed: tuple[ItemChange, ...] = ()
    takeaways_new: tuple[ItemChange, ...] = ()
    takeaways_dropped: tuple[ItemChange, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(getattr(self, name)) for name in LISTS)

    @property
    def empty(self) -> bool:
        return self.count == 0


LISTS = ("sources_added", "sources_removed", "figures", "disagreements_new", "disagreements_resolved",
         "events_new", "events_removed", "takeaways_new", "takeaways_dropped")


def human_date(iso: str | None) -> str | None:
    """`2025-04-24` -> `24 April 2025` (`2025-04` -> `April 2025`)."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        return FuzzyDate(*parts).human()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return iso


# ------------------------------------------------------------------------------ compare

def compare(old: Snapshot, new: Snapshot) -> Changes:
    """What changed from `old` to `new` (references point into `new`)."""
    a, b = _Side(old), _Side(new)
    added, removed = _sources(a, b)
    figures, disputed_new, resolved = _figures(a, b)
    events_new, events_removed = _events(a, b)
    takeaways_new, takeaways_dropped = _takeaways(a, b)
    return Changes(
        old=a.briefing(), new=b.briefing(),
        sources_added=added, sources_removed=removed, figures=figures,
        disagreements_new=disputed_new, disagreements_resolved=resolved,
        events_new=events_new, events_removed=events_removed,
        takeaways_new=takeaways_new, takeaways_dropped=takeaways_dropped,
    )


class _Side:
    """One snapshot, indexed once."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.doc = snapshot.doc
        self.articles: dict[str, view.Article] = {a.id: a for a in self.doc.articles}
        self.figures: dict[str, view.Figure] = {f.id: f for f in self.doc.figures}

    def briefing(self) -> Briefing:
        return Briefing(self.snapshot.label, self.doc.title, self.doc.as_of, len(self.articles))

    def ref(self, article_id: str, paragraph: int) -> Ref | None:
        article = self.articles.get(article_id)
        if article is None or not 1 <= paragraph <= len(article.paragraphs):
            return None
        outlet = article.outlet or (article_id if len(article_id) <= 16 else article_id[:12] + "…")
        return Ref(article_id, paragraph, outlet, article.paragraphs[paragraph - 1].anchor)

    def refs(self, sources: Iterable[view.Source]) -> tuple[Ref, ...]:
        places = sorted({(s.article, s.paragraph) for s in sources})
        return tuple(r for r in (self.ref(*place) for place in places) if r is not None)

    def mention_refs(self, item: view.Item) -> tuple[Ref, ...]:
        return self.refs(m.source for m in item.mentions)


def _source(article: view.Article) -> SourceChange:
    return SourceChange(article.id, article.title or article.id, article.outlet, article.date, article.url)


def _sources(a: _Side, b: _Side) -> tuple[tuple[SourceChange, ...], tuple[SourceChange, ...]]:
    """New and removed articles; a file renamed with the same content is neither."""
    gone = [x for i, x in a.articles.items() if i not in b.articles]
    came = [x for i, x in b.articles.items() if i not in a.articles]
    gone_hashes = {x.content_hash for x in gone} - {""}
    came_hashes = {x.content_hash for x in came} - {""}
    added = [_source(x) for x in came if x.content_hash not in gone_hashes]
    removed = [_source(x) for x in gone if x.content_hash not in came_hashes]
    order = lambda s: (s.date or "", s.id)  # noqa: E731
    return tuple(sorted(added, key=order)), tuple(sorted(removed, key=order))


# ------------------------------------------------------------------------------ matching

def match(old: Sequence[T], new: Sequence[T], parts: Callable[[T], Iterable[Hashable]]) -> dict[int, int]:
    """Pairs (new index -> old index): the same id first, then the old item sharing the most
    `parts` (figure ids, mention places) with a new one, each old item used once."""
    old_ids = {item.id: index for index, item in enumerate(old)}
    pairs: dict[int, int] = {}
    for index, item in enumerate(new):
        found = old_ids.get(item.id)
        if found is not None:
            pairs[index] = found
    if len(pairs) == len(new) or len(pairs) == len(old):
        return pairs
    used = set(pairs.values())
    owners: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(old):
        if index not in used:
            for part in parts(item):
                owners[part].append(index)
    for index, item in enumerate(new):
        if index in pairs:
            continue
        shared: dict[int, int] = defaultdict(int)
        for part in parts(item):
            for candidate in owners.get(part, ()):
                shared[candidate] += 1
        best = sorted((c for c in shared if c not in used), key=lambda c: (-shared[c], old[c].id))
        if best:
            pairs[index] = best[0]
            used.add(best[0])
    return pairs


def _places(item: view.Item) -> list[view.Source]:
    return [m.source for m in item.mentions]


def _events(a: _Side, b: _Side) -> tuple[tuple[ItemChange, ...], tuple[ItemChange, ...]]:
    """Events of `new` that match none of `old`, and events of `old` that match none of `new`."""
    old, new = a.doc.events, b.doc.events
    pairs = match(old, new, _places)
    kept = set(pairs.values())
    came = [ItemChange(x.id, x.text, x.date, b.mention_refs(x)) for i, x in enumerate(new) if i not in pairs]
    gone = [ItemChange(x.id, x.text, x.date, ()) for i, x in enumerate(old) if i not in kept]
    return tuple(came), tuple(gone)


def _sources_of(item: view.Item) -> int:
    return len({m.source.article for m in item.mentions})


def _takeaways(a: _Side, b: _Side) -> tuple[tuple[ItemChange, ...], tuple[ItemChange, ...]]:
    """Takeaways are statements reported by more than one source. A statement that gains its
    second source is a new takeaway; one that falls back to a single source is dropped."""
    old, new = a.doc.statements, b.doc.statements
    pairs = match(old, new, _places)
    back = {o: n for n, o in pairs.items()}
    came = [x for i, x in enumerate(new)
            if _sources_of(x) > 1 and (i not in pairs or _sources_of(old[pairs[i]]) < 2)]
    gone = [x for i, x in enumerate(old)
            if _sources_of(x) > 1 and (i not in back or _sources_of(new[back[i]]) < 2)]
    order = lambda x: (-_sources_of(x), x.id)  # noqa: E731
    return (tuple(ItemChange(x.id, x.text, None, b.mention_refs(x)) for x in sorted(came, key=order)),
            tuple(ItemChange(x.id, x.text, None, ()) for x in sorted(gone, key=order)))


# ------------------------------------------------------------------------------ figures

def _figures(a: _Side, b: _Side):
    old_groups, new_groups = a.doc.groups, b.doc.groups
    pairs = match(old_groups, new_groups, lambda g: g.figures)
    matched_old = set(pairs.values())
    changes: list[tuple[tuple, FigureChange]] = []
    disputed_new: list[Disagreement] = []
    resolved: list[Disagreement] = []
    for index, group in enumerate(new_groups):
        old = old_groups[pairs[index]] if index in pairs else None
        changed = _changed(old, group, a, b) if old is not None else ("value", "range", "latest")
        if changed:
            new_state = _state(group, b)
            latest = b.figures.get(group.latest)
            refs = b.refs([latest.source]) if latest else ()
            change = FigureChange(group.id, group.label, group.subject,
                                  _state(old, a) if old is not None else None, new_state, changed, refs)
            changes.append(((-new_state.reports, change.label, change.subject, change.id), change))
        was_disputed = old is not None and _disputed(old)
        if _disputed(group) and not was_disputed:
            disputed_new.append(_disagreement(group, b))
        elif was_disputed and not _disputed(group):
            resolved.append(_disagreement(group, b))
    for index, group in enumerate(old_groups):
        if index not in matched_old:
            change = FigureChange(group.id, group.label, group.subject, _state(group, a), None,
                                  ("value", "range", "latest"), ())
            changes.append(((1, change.label, change.subject, change.id), change))
    ordered = tuple(c for _, c in sorted(changes, key=lambda pair: pair[0]))
    return ordered, tuple(disputed_new), tuple(resolved)


def _disputed(group: view.Group) -> bool:
    return group.agreement in DISPUTED  # "differ" ("conflict" in dossier/1 snapshots)


def _disagreement(group: view.Group, side: _Side) -> Disagreement:
    sources = [side.figures[f].source for f in group.figures if f in side.figures]
    return Disagreement(group.id, group.label, group.subject, group.note, side.refs(sources))


def _state(group: view.Group, side: _Side) -> FigureState:
    latest = side.figures.get(group.latest)
    return FigureState(
        value=(latest.display or latest.text) if latest else "",
        range=group.display_range or _range(group.low, group.high),
        claimant=latest.claimant if latest else "",
        as_of=latest.as_of if latest else None,
        reports=len(group.figures),
        agreement=group.agreement,
    )


def _value(figure: view.Figure | None) -> tuple:
    return (figure.value, figure.value_max, figure.qualifier, figure.unit) if figure else ()


def _changed(old: view.Group, new: view.Group, a: _Side, b: _Side) -> tuple[str, ...]:
    """Which of value, range and latest claim differ (numbers compared as numbers)."""
    x, y = a.figures.get(old.latest), b.figures.get(new.latest)
    changed = []
    if _value(x) != _value(y):
        changed.append("value")
    if (old.low, old.high) != (new.low, new.high):
        changed.append("range")
    if (x and (x.claimant, x.as_of)) != (y and (y.claimant, y.as_of)):
        changed.append("latest")
    return tuple(changed)


def _range(low: float | None, high: float | None) -> str:
    """As dossier/2 and /3 write `display_range` (a dossier/1 snapshot has only `low` and `high`)."""
    if low is None or high is None:
        return ""
    return plain_number(low) if low == high else f"{plain_number(low)} – {plain_number(high)}"
