"""Figures across articles: the analyst's overrides, then groups of figures about one thing.

Like with like. A group's key is the metric, what is counted (`Figure.counted`), where
(`place`), whose (`side`) and the unit (dollars never meet euros). Places and sides are
resolved through the curation's entity aliases ("DPRK" -> North Korea) and compared
case-insensitively. Figures that name no place (or side) join the group of their kind that
names one when the dossier's figures name only that one place (side): "12 people were
killed" is about Kyiv when Kyiv is the only place named. Where several places are named, a
figure without one may be the total and stays apart, and one city is never compared with
another. Group ids are
derived from the key, never from the member figures, so adding articles keeps them stable.

Parts. A group is a part of another, shown under it and never as a rival value, when its
figures are `part_of` a figure of that group ("31 people died, including 6 children"), or
when what it counts is a kind of what the other counts (children, women, men... of people;
missiles, drones... of weapons; homes, schools... of buildings) with the same place and side
and the same metric (or a metric id ending in "_" + that metric: `children_killed`). A part
of a figure that counts the same thing ("640 injured, 85 of them seriously") forms a group
"<counted> (a part)" under it. A sum and its parts ("483 = 442 drones + 34 + 7 missiles") are in different groups: no conflict.

Who. A figure's originator is its claimant; a figure only the outlet vouches for
(`claimant_kind == "outlet"`) traces to the named claimant of the group giving the same
value, if there is one: an outlet relaying a count is not a second, independent source.

Latest: the figure with the newest as-of; superseded figures (`superseded_by`) never are.
On the same as-of date, a figure dated by its article or by "as of now" counts as later than
one whose sentence names that day (a date in the sentence usually dates the event the count
is about; the article, its publication, which comes after); then the higher count (tolls of
one day rise as they are updated); then reading order.

Agreement, computed by sorting (O(n log n); no pair of figures is ever enumerated):
- "single": one article giving one value;
- "differ": two different originators give incompatible values as of the same date: a
  dispute (`disputed` holds, per date in dispute, newest first, the pair furthest apart:
  the one allowing the least, then the one allowing the most); or, on no such date, one
  originator's count falls below what another gave before it (`_fallen`: counts that add
  up do not fall back when someone else gives them; not for a `current` metric, missing or
  displaced, whose counts fall as people are found or go home);
- "agree": all values are compatible ("at least 12" and "12") and, across dates, unchanged;
- "updated": otherwise: a later count, by the same claimant or another ("rose from at least
  16 (officials, 19 November) to 31 (regional administration, 21 November)").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from itertools import groupby
from typing import NamedTuple

from dossier.curation.lexicon import lexicon_for
from dossier.curation.model import Curation, Override, enclosing, places_within
from dossier.model import STATES, Figure, FigureGroup, Notice, content_id, describe_value, source_order
from dossier.reuse import REUSE, Kept



# ---------------------------------------------------------------- ids

def distinct_ids(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """The figures, each with an id of its own across the dossier. A figure's id is a short
    hash of its article and sentence (unique within its article: `dossier.analyse.figures`),
    so two figures of different articles may draw one id: 139,000 figures (10,000 articles) of
    32-bit ids share one twice on average (once in the benchmark's), and then an override, a
    table row or a page anchor named one figure for both, and assembling kept one of them, twice. Of figures sharing an id, the one
    first in source order keeps it; each other takes one that adds where it is, and the
    figures of its article that are part of it, or superseded by it, name that one."""
    seen = Counter(f.id for f in figures)
    if len(seen) == len(figures):
        return figures
    taken = set(seen)
    renamed: dict[tuple[str, str], str] = {}  # (article, id) -> the id it takes
    owner: dict[str, str] = {}  # each shared id -> the article whose figure keeps it
    for figure in sorted((f for f in figures if seen[f.id] > 1), key=lambda f: f.sort_key):
        if owner.setdefault(figure.id, figure.source.article) != figure.source.article:
            new = content_id(figure.id, *source_order(figure.source))
            while new in taken:
                new = content_id(new)
            taken.add(new)
            renamed[(figure.source.article, figure.id)] = new
    articles = {article for article, _ in renamed}

    def own(figure: Figure) -> Figure:
        article = figure.source.article
        changes = {name: renamed[(article, value)] for name, value in
                   (("id", figure.id), ("part_of", figure.part_of), ("superseded_by", figure.superseded_by))
                   if (article, value) in renamed}
        return replace(figure, **changes) if changes else figure  # type: ignore[arg-type]

    return tuple(own(f) if f.source.article in articles else f for f in figures)


# ---------------------------------------------------------------- overrides

def apply_overrides(figures: tuple[Figure, ...], curation: Curation) -> tuple[tuple[Figure, ...], list[Notice]]:
    """The figures with the analyst's overrides applied, and a notice per override that names
    no extracted figure. Excluded figures stay, marked `excluded`."""
    by_id = {f.id: f for f in figures}
    notices: list[Notice] = []
    for override in curation.overrides:
        figure = by_id.get(override.figure)
        if figure is None:
            notices.append(Notice(curation.path, override.line,
                                  f"override names figure '{override.figure}', which no article yields; "
                                  "see the figures table (dossier figures) for the ids"))
            continue
        by_id[figure.id] = _overridden(figure, override, curation)
    return tuple(by_id[f.id] for f in figures), notices


def _overridden(figure: Figure, override: Override, curation: Curation) -> Figure:
    changes: dict[str, object] = {}
    said: list[str] = []
    if override.value is not None or override.value_max is not None:
        value = figure.value if override.value is None else override.value
        changes.update(value=value, value_max=override.value_max,
                       qualifier="range" if override.value_max is not None else figure.qualifier)
        said.append(f"value {describe_value(value, override.value_max, figure.unit)} "
                    f"(the source says '{figure.text}')")
    if override.metric:
        spec = curation.metric(override.metric)
        changes.update(metric=override.metric, label=spec.label if spec else override.metric)
        said.append(f"metric {override.metric} (extracted as {figure.metric})")
    if override.claimant:
        name, kind = lexicon_for(curation).claimant(override.claimant) or (override.claimant, "organisation")
        changes.update(claimant=name, claimant_kind=kind)
        said.append(f"claimant {name} (extracted as {figure.claimant})")
    if override.exclude:
        changes["excluded"] = True
        said.insert(0, "excluded")
    text = "Analyst: " + "; ".join(said) if said else "Analyst's note"
    if override.note:
        text += f". {override.note}"
    return replace(figure, correction=text, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- groups

_WHOLES = {
    "people": """children child minors boys girls babies infants toddlers teenagers women men elderly
                 pensioners pupils students schoolchildren""",
    "weapons": "missiles drones rockets shells bombs projectiles warheads",
    "buildings": "homes houses apartments schools hospitals churches mosques shops",
}
_WHOLE_OF = {part: whole for whole, parts in _WHOLES.items() for part in parts.split()}
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()

Key = tuple[str, str, str, str, str]  # metric, counted, place, side, unit (casefolded; "" = none)


def group_figures(figures: tuple[Figure, ...], curation: Curation,
                  places_named: Mapping[str, frozenset[str]] | None = None, *,
                  kept: Kept | None = None, runs: Sequence[tuple[Figure, ...]] | None = None) -> tuple[FigureGroup, ...]:
    """Figures about the same thing across sources, as groups (excluded figures are left
    out). Sorted by the curation's metric order, then subject; each group's parts follow it.

    `places_named`: per article id, the places it names (case-folded; from analyse's entity
    mentions). A figure without a place joins the one place its kind is counted in elsewhere
    when its own article names that place ("12 people died" in an article about Kyiv, when
    the only killed people with a place are in Kyiv).

    `kept`: groups made by the builds of other processes, read back for figures of the same
    content (`dossier.reuse.Kept`). `runs`: the same figures (excluded ones may be among them),
    each article's in a tuple, in order; under `mkdocs serve`, the tuple of an unchanged
    article is the one the last build was given, and what its figures count is what it was
    then (`dossier.reuse`: at 10,000 articles, 0.3 s a save)."""
    if not REUSE.enabled:  # (a build that runs once: all at once, without a call per article)
        runs = [figures]
    elif runs is None:
        runs = [tuple(run) for _, run in groupby(figures, key=_article_of)]
    names = _Names(curation)  # (each name resolved once for all the articles)
    by_article = [REUSE.get("figure kinds", (curation, run), partial(_article_kinds, run, curation, names=names))
                  for run in runs]
    outside = {part for counted in by_article for part in counted.outside}
    if outside and outside & {f.id for f in figures if not f.excluded}:
        # a part of a figure of another article (an analysis makes none): looked up among all
        same = {f.id: key for counted in by_article for f, key in zip(counted.figures, counted.same)}
        by_article = [_article_kinds(run, curation, same, names=names) for run in runs]
    kinds: dict[tuple[str, str, str], dict[tuple[str, str], list[Figure]]] = defaultdict(lambda: defaultdict(list))
    spelled: Counter[tuple[Key, tuple[str, str | None, str | None]]] = Counter()
    structured: set[tuple[str, str | None, str | None]] = set()
    for counted in by_article:  # (in the figures' order: each list of a kind's figures in a place stays in it)
        for kind, contexts in counted.kinds.items():
            into = kinds[kind]
            for context, found in contexts.items():
                into[context].extend(found)
        spelled.update(counted.spellings)
        structured.update(counted.structured)
    spellings: dict[Key, Counter[tuple[str, str | None, str | None]]] = defaultdict(Counter)
    for (key, spelling), count in spelled.items():
        spellings[key][spelling] = count
    fold = names.fold
    places = {fold(subject)[1] for subject in structured} - {""}
    sides = {fold(subject)[2] for subject in structured} - {""}
    within = places_within(curation.entities, fold=True)
    tops = {_outermost(place, within) for place in places}  # a province's figures are its country's too
    event = (curation.place or "").casefold()
    for contexts in kinds.values():
        _to_event_place(contexts, event, within)
        _place_bare(contexts, places_named or {}, within)
    members: dict[Key, list[Figure]] = {}
    for kind, contexts in kinds.items():
        # a sum that names nobody is not a rival of one that does ("needed $4 million", "donors
        # pledged $2.5 million"): money joins no context it does not name itself
        money = kind[2].isupper()
        for context, found in _join_bare(contexts, len(tops) <= 1 and not money, len(sides) <= 1 and not money,
                                         within).items():
            members[(kind[0], kind[1], *context, kind[2])] = found
    part_of = _parts(members, within)
    shown = {key: min(counts, key=lambda s: (-counts[s], str(s))) for key, counts in spellings.items()}
    spelled_place = {(place or "").casefold(): place for (_, place, _) in shown.values()}
    spelled_kind = {(key[0], key[1], key[4]): spelled[0] for key, spelled in sorted(shown.items())}
    subjects: dict[int, tuple[str, str | None, str | None]] = {}

    def subject_of(figure: Figure) -> tuple[str, str | None, str | None]:
        if not subjects:  # (by identity: looked up for a few figures, each of a group's first)
            subjects.update((id(f), subject) for counted in by_article for f, subject in zip(counted.figures, counted.subjects))
        return subjects[id(figure)]

    for key, found in members.items():  # figures that took their kind's only place, or lost a lent one
        if key not in shown:
            counted, _, side = subject_of(found[0])
            # (as its kind is spelled: "pupils (added)")
            shown[key] = (spelled_kind.get((key[0], key[1], key[4]), counted), spelled_place.get(key[2], key[2]) or None, side)
    # (under `mkdocs serve`, a group of the very figures the last build grouped is reused; a
    # new process reads back the groups of figures of the same content from `kept`)
    current = {m.id for m in curation.metrics if m.current}
    fixed = {m.id for m in curation.metrics if m.fixed}
    built = {key: REUSE.get("figure group", tuple(found),
                            partial(_group, key, shown[key], found, part_of.get(key), key[0] in current,
                                    fixed=key[0] in fixed),
                            also=(key, shown[key], part_of.get(key), key[0] in current, key[0] in fixed), kept=kept)
             for key, found in members.items()}
    children: dict[str, list[FigureGroup]] = defaultdict(list)
    for group in built.values():
        if group.part_of:
            children[group.part_of].append(group)
    order = {m.id: i for i, m in enumerate(curation.metrics)}

    def rank(group: FigureGroup) -> tuple:
        return (order.get(group.metric, len(order)), group.subject, group.id)

    result: list[FigureGroup] = []

    def visit(group: FigureGroup) -> None:
        parts = sorted(children.get(group.id, []), key=rank)
        ids = tuple(p.id for p in parts)
        result.append(group if group.parts == ids else replace(group, parts=ids))
        for part in parts:
            visit(part)

    for group in sorted((g for g in built.values() if not g.part_of), key=rank):
        visit(group)
    return tuple(result)


class _Counted(NamedTuple):
    """What one article's figures count, where and whose (`_article_kinds`)."""

    figures: tuple[Figure, ...]
    subjects: tuple[tuple[str, str | None, str | None], ...]  # per figure: what it counts, where and whose
    same: tuple[tuple, ...]  # per figure: its metric, what it counts, where, whose and unit, folded
    kinds: dict[tuple[str, str, str], dict[tuple[str, str], list[Figure]]]  # kind -> (place, side) -> figures
    spellings: Counter[tuple[Key, tuple[str, str | None, str | None]]]  # each key and how it is written, counted
    structured: frozenset[tuple[str, str | None, str | None]]  # the subjects of figures that have `counted`
    outside: frozenset[str]  # the ids of figures they are a part of that are not among them


def _fold(subject: tuple[str, str | None, str | None]) -> tuple[str, str, str]:
    """What is counted, where and whose, compared case-insensitively ("" = none)."""
    return subject[0].casefold(), (subject[1] or "").casefold(), (subject[2] or "").casefold()


class _Names:
    """Names and subjects as grouping compares them, each worked out once for all the articles of
    a build: a place or side resolved through the curation's aliases (`_canonical`), and what
    is counted, where and whose, case-folded (`_fold`: thousands of figures share one)."""

    def __init__(self, curation: Curation) -> None:
        self.curation = curation
        self._names: dict[str | None, str | None] = {}
        self._folded: dict[tuple[str, str | None, str | None], tuple[str, str, str]] = {}

    def canonical(self, name: str | None) -> str | None:
        if name not in self._names:
            self._names[name] = _canonical(name, self.curation)
        return self._names[name]

    def fold(self, subject: tuple[str, str | None, str | None]) -> tuple[str, str, str]:
        found = self._folded.get(subject)
        if found is None:
            found = self._folded[subject] = _fold(subject)
        return found


def _article_kinds(figures: tuple[Figure, ...], curation: Curation, same_of: Mapping[str, tuple] | None = None, *,
                   names: _Names | None = None) -> _Counted:
    """What an article's figures count, where and whose (`group_figures`): each figure's kind
    (metric, what it counts as compared, unit) and context (place, side), as analyse gave them,
    places and sides resolved through the curation's aliases once per name. A figure without
    `counted` comes from an analysis that predates the structured subject: its subject phrase
    stands in. `same_of`: where the figures they are a part of are looked up (default: among
    these; an analysis makes a figure a part of another of its article only). Excluded
    figures are left out. `names`: the curation's names resolved and subjects folded, shared by
    the calls of one build (`_Names`)."""
    figures = tuple(f for f in figures if not f.excluded)
    names = names if names is not None else _Names(curation)
    canonical, fold = names.canonical, names.fold
    # (what the analyst counts as one, `counted:`: "children" compared as "pupils")
    subjects = tuple((curation.counted_as(f.counted, f.metric), canonical(f.place), canonical(f.side)) if f.counted
                     else _legacy_subject(f.subject, curation) for f in figures)
    same = tuple((f.metric, *fold(subject), f.unit) for f, subject in zip(figures, subjects))
    of = dict(zip((f.id for f in figures), same)) if same_of is None else same_of
    kinds: dict[tuple[str, str, str], dict[tuple[str, str], list[Figure]]] = defaultdict(lambda: defaultdict(list))
    spellings: Counter[tuple[Key, tuple[str, str | None, str | None]]] = Counter()
    for figure, subject, key in zip(figures, subjects, same):
        counted, place, side = subject
        if figure.part_of in of and of[figure.part_of] == key:
            counted += " (a part)"  # "640 injured, 85 of them seriously": under the 640, not its rival
        elif figure.planned:
            counted += " (planned)"  # "33 hostages are to be freed over six weeks", "will free 4 more": not yet
        elif figure.increment:
            counted += " (added)"  # "3,000 additional soldiers", "3 more bodies": not a total
        elif figure.background:
            counted += " (another event)"  # "a similar attack earlier this month killed 4"
        # a number no metric names ("40 polling stations", "2,400 polling stations") may count
        # anything: only one claimant's counts of it are compared (Cal Fire's acres, day by day)
        kind = (figure.metric, counted.casefold() + (f"\x1f{figure.claimant}" if figure.metric == "other" else ""),
                figure.unit)
        context = key[2:4]
        kinds[kind][context].append(figure)
        spellings[((kind[0], kind[1], *context, kind[2]), (counted, place, side))] += 1
    ids = {f.id for f in figures}
    return _Counted(figures, subjects, same, {kind: dict(contexts) for kind, contexts in kinds.items()}, spellings,
                    frozenset(subject for f, subject in zip(figures, subjects) if f.counted),
                    frozenset(f.part_of for f in figures if f.part_of and f.part_of not in ids))


def _article_of(figure: Figure) -> str:
    return figure.source.article


def group_id(key: Key) -> str:
    """The group's id, from its key only (stable when unrelated figures come and go)."""
    return "g-" + content_id(*key)


def _canonical(name: str | None, curation: Curation) -> str | None:
    if not name or not name.strip():
        return None
    name = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    resolved = lexicon_for(curation).claimant(name)
    return resolved[0] if resolved and resolved[1] != "person" else name


# Figures without `counted` (analyses made before the structured subject): the subject phrase's
# head noun class and its capitalised context, as word stems. Dormant once analyse fills `counted`.
_CLASSES = {
    "people": "people persons civilians residents individuals others victims inhabitants",
    "troops": "troops soldiers servicemen personnel fighters military",
    "weapons": "weapons missiles drones rockets projectiles means",
}
_HEAD_CLASS = {word: name for name, words in _CLASSES.items() for word in words.split()}
_CONTEXT_STOP = frozenset("the a an of from in on additional more other new extra some about including all "
                          "total further another fresh".split())
_INCREMENT = frozenset({"additional", "extra", "further", "more", "new", "fresh", "another"})


def _legacy_subject(subject: str, curation: Curation) -> tuple[str, str | None, str | None]:
    head = re.split(r"\s+(?:of|from)\s+", re.sub(r"\s*\(.*\)$", "", subject))[0].split()
    word = head[-1].lower() if head else subject.lower()
    counted = _HEAD_CLASS.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)
    if any(w.lower() in _INCREMENT for w in head):
        counted += " (additional)"
    stems: set[str] = set()
    for phrase in re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", subject):
        resolved = lexicon_for(curation).claimant(phrase)
        name = resolved[0] if resolved and resolved[1] != "person" else phrase
        stems.update(w.lower()[:5] for w in re.findall(r"\w+", name) if w.lower() not in _CONTEXT_STOP)
    return counted, None, " ".join(sorted(stems)) or None


def _outermost(place: str, within: Mapping[str, str]) -> str:
    """The place (case-folded) that `place` lies within at the top: a province's country."""
    return (enclosing(place, within) or [place])[-1]


def _to_event_place(contexts: dict[tuple[str, str], list[Figure]], event: str, within: Mapping[str, str]) -> None:
    """Where the kind is counted in the event's place (the curation's `place`), its figures
    without a place, or with one only lent to them (an article's main place or dateline, the
    place of another clause: "a woman died in Belmor, bringing the toll to 22"), are the
    event's: they join it, but for a lent place that lies within the event's (a part of it).
    An overall count ("in total", a whole broken down by place) joins it only where the kind
    is counted in no other place ("19 still in hospital, six of them in Port Halden" is not
    the count of the event's city where another place's is given apart)."""
    if not event:
        return
    if not any(place == event for place, _ in contexts):
        _unlend(contexts)
        return
    alone = all(not place or place == event or event in enclosing(place, within) for place, _ in contexts)
    for context in sorted(contexts):
        place, side = context
        if place == event:
            continue
        part = bool(place) and event in enclosing(place, within)
        # a place within another than the event's ("Dunmore", in the neighbouring state) is
        # not the event's, even lent: "a second death in Dunmore, raising the state's toll to two"
        elsewhere = bool(place) and not part and bool(enclosing(place, within))

        def moves(figure: Figure) -> bool:
            return not place and (alone or not figure.overall) or figure.place_lent and not part and not elsewhere

        moving, staying = [], []
        for figure in contexts[context]:
            (moving if moves(figure) else staying).append(figure)
        if not moving:
            continue
        contexts.setdefault((event, side), []).extend(moving)
        if staying:
            contexts[context] = staying
        else:
            del contexts[context]


def _unlend(contexts: dict[tuple[str, str], list[Figure]]) -> None:
    """Where no figure of a kind states where it was counted, the places only lent to some
    (their article's main place or dateline) do not part them: "28 pupils escaped" in a live
    blog whose entry named a village, and "41 escaped" in a paper whose lead named a forest,
    are one count. (A lent place that parts nothing stays: it is all the reader has.)"""
    if len({place for place, _ in contexts}) < 2 \
            or any(place and not f.place_lent for (place, _), found in contexts.items() for f in found):
        return
    for context in sorted(contexts):
        if context[0]:
            contexts.setdefault(("", context[1]), []).extend(contexts.pop(context))


def _parts_only(contexts: dict[tuple[str, str], list[Figure]]) -> set[tuple[str, str]]:
    """The contexts with a place whose figures are all parts of another count ("In Dunmere
    alone, 900"): only parts join them."""
    return {c for c, found in contexts.items() if c[0] and all(f.part_of for f in found)}


def _place_bare(contexts: dict[tuple[str, str], list[Figure]], places_named: Mapping[str, frozenset[str]],
                within: Mapping[str, str] | None = None) -> None:
    """Figures of a kind with no place join the kind's only place if their article names it
    (not an overall count: "the overall toll", "across the province"); where the kind's places
    are a country and places within it, the country. A place that only parts of counts name
    ("In Dunmere alone, 900", a part of the 4,100 before it) only parts join."""
    named = {place for place, _ in contexts if place}
    parts_only = {place for place, _ in _parts_only(contexts)}
    places = {place for place in named if _outermost(place, within or {}) == place}
    bare = [context for context in contexts if not context[0]]
    if len(places) != 1 or not bare or {_outermost(place, within or {}) for place in named} != places:
        return
    (place,) = places
    for context in bare:
        target = (place, context[1])
        staying = []
        for figure in contexts[context]:
            if place in places_named.get(figure.source.article, ()) and not figure.overall \
                    and (figure.part_of or place not in parts_only):
                contexts.setdefault(target, []).append(figure)
            else:
                staying.append(figure)
        if staying:
            contexts[context] = staying
        else:
            del contexts[context]


def _join_bare(contexts: dict[tuple[str, str], list[Figure]], join_place: bool,
               join_side: bool, within: Mapping[str, str] | None = None) -> dict[tuple[str, str], list[Figure]]:
    """Figures whose context leaves out a place (or side) join the one context that fills it
    in, if there is exactly one and the dossier's figures name no other place (or side):
    where several are named, a figure without one may be the total, and stays apart. Places
    within another (a province in its country: `within`) are parts of it, not rivals: a figure
    without a place joins the country. An overall count never joins a place, nor any count a
    place only parts name ("In Dunmere alone, 900": a part of the count before it)."""
    joined = {c: list(found) for c, found in contexts.items()}
    may = (join_place, join_side)
    within = within or {}
    parts_only = _parts_only(contexts)
    for context in sorted(contexts, key=lambda c: sum(bool(x) for x in c)):
        wider = [d for d in joined if d != context and (context[0] or d[0] not in within)
                 and all(x == y or (not x and ok) for x, y, ok in zip(context, d, may))]
        if len(wider) == 1 and context in joined:
            target = wider[0]
            # an overall count ("in all", "of Lindau and Ostrava") is no one place's
            staying = [f for f in joined[context] if f.overall or target in parts_only and not f.part_of] \
                if target[0] and not context[0] else []
            joined[target].extend(f for f in joined.pop(context) if not any(f is g for g in staying))
            if staying:
                joined[context] = staying
    return joined


def _parts(members: dict[Key, list[Figure]], within: Mapping[str, str] | None = None) -> dict[Key, str]:
    """The id of the group each part group belongs under: the group its figures are a part of,
    the group of what it counts a kind of (children of people), or the same count in the
    place its place lies within (a province's toll under the country's)."""
    key_of = {f.id: key for key, found in members.items() for f in found}
    by_subject: dict[tuple[str, str, str, str], list[Key]] = defaultdict(list)
    for key in members:
        by_subject[(key[1], key[2], key[3], key[4])].append(key)
    parent: dict[Key, Key] = {}
    for key, found in sorted(members.items()):
        linked = Counter(key_of[f.part_of] for f in found if f.part_of in key_of and key_of[f.part_of] != key)
        if linked:
            parent[key] = sorted(linked.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            continue
        whole = _WHOLE_OF.get(key[1])
        candidates = [k for k in by_subject.get((whole, key[2], key[3], key[4]), ())
                      if k[0] == key[0] or key[0].endswith("_" + k[0])] if whole else []
        if candidates:
            parent[key] = min(candidates, key=lambda k: (k[0] != key[0], k))
            continue
        wider = [(key[0], key[1], up, *key[3:]) for up in enclosing(key[2], within or {})]
        found = next((k for k in wider if k in members), None)  # the nearest place counting it
        if found is not None and not _exceeds(members[key], members[found]):
            # (not a province's toll under a national count it passed before the national
            # count was told: a part never counts more than its whole)
            parent[key] = found
    for key in sorted(parent):  # no cycles: a part whose chain leads back to itself stays on top
        seen, up = {key}, parent.get(key)
        while up is not None and up not in seen:
            seen.add(up)
            up = parent.get(up)
        if up is not None:
            del parent[key]
    return {key: group_id(up) for key, up in parent.items()}


def _exceeds(part: list[Figure], whole: list[Figure]) -> bool:
    """Whether the part counted more, by a day no later than the whole's newest count, than the
    whole ever did (undated counts and additions, "3 more", say nothing of it)."""
    dated = [f for f in whole if f.as_of is not None and not f.increment]
    if not dated:
        return False
    newest = max(f.as_of.sort_key for f in dated)  # type: ignore[union-attr]
    top = max(f.value_max or f.value for f in dated)
    return any(f.as_of is not None and not f.increment and f.as_of.sort_key <= newest and f.value > top for f in part)


def _group(key: Key, shown: tuple[str, str | None, str | None], members: list[Figure],
           part_of: str | None, current: bool = False, *, fixed: bool = False) -> FigureGroup:
    """One group: `shown` is the most used spelling of its counted noun, place and side;
    `current`: its metric counts those in a state now (`MetricSpec.current`); `fixed`: a
    quantity given once and for all (`MetricSpec.fixed`)."""
    members = in_time_order(members)
    origins = originators(members)
    latest = latest_figure(members)
    kind, disputed = _agreement(members, origins, current, fixed)
    counted, place, side = shown
    topics = tuple(sorted({t for f in members for t in f.topics}))
    return FigureGroup(
        id=group_id(key),
        metric=key[0],
        label=members[0].label,
        subject=_subject_text(members, counted, place, side),
        topics=topics,
        figures=tuple(members),
        low=min(f.value for f in members),
        high=max(_top(f) for f in members),
        latest=latest,
        agreement=kind,  # type: ignore[arg-type]
        note=_note(kind, members, origins, latest, disputed),
        counted=counted,
        place=place,
        side=side,
        unit=members[0].unit,
        originators=tuple(origins[f.id] for f in members),
        disputed=tuple(f.id for f in disputed),
        part_of=part_of,
    )


def _subject_text(members: list[Figure], counted: str, place: str | None, side: str | None) -> str:
    """"people (Kyiv)", "soldiers (Kursk, North Korea)"; the article's words for figures
    that carry no structured subject."""
    if not any(f.counted for f in members):
        counts = Counter(f.subject for f in members)
        return sorted(counts, key=lambda s: (-bool(re.search(r"[A-Z]", s)), -counts[s], s))[0]
    context = ", ".join(x for x in (place, side) if x)
    if context and counted.endswith(")"):  # "people (a part)" in Kyiv: "people (a part, Kyiv)"
        return f"{counted[:-1]}, {context})"
    return f"{counted} ({context})" if context else counted


def _top(figure: Figure) -> float:
    return figure.value_max if figure.value_max is not None else figure.value


def _as_of_key(figure: Figure) -> tuple[int, int, int]:
    return figure.as_of.sort_key if figure.as_of else (0, 0, 0)


_ORIGIN_RANK = {"none": 0, "stated": 1, "article": 2, "relative": 2}


def time_key(figure: Figure, timed: bool = True) -> tuple:
    """The order in which counts were given (see the module notes on "latest"); `timed`: by
    the time of day the text gives, before the value; a count stated as a fall after the
    others of its day ("fell to 12" is later than the 40 to 50 it fell from)."""
    return (_as_of_key(figure), figure.superseded_by is None, _ORIGIN_RANK.get(figure.as_of_origin, 1),
            (figure.as_of_time or "") if timed else "", figure.falling, _top(figure), figure.value, figure.sort_key)


def _timed_days(members: list[Figure]) -> set[tuple[int, int, int]]:
    """The days on which every count gives its time of day ("09:40 - The toll has risen to
    33"): only there does the time order them, and tell a rise from a dispute. A count without
    one may be from any hour of its day, and the values' order stands in for the hours."""
    days = {_as_of_key(f) for f in members}
    return days - {_as_of_key(f) for f in members if not f.as_of_time}


def in_time_order(members: list[Figure]) -> list[Figure]:
    """`members` in the order the counts were given (`time_key`, by the time of day only on
    `_timed_days`)."""
    timed = _timed_days(members)
    return sorted(members, key=lambda f: time_key(f, _as_of_key(f) in timed))


def latest_figure(members: list[Figure]) -> Figure:
    """The newest figure that nothing in its article supersedes (`members` in time order)."""
    return next((f for f in reversed(members) if f.superseded_by is None), members[-1])


def originators(members: list[Figure]) -> dict[str, str]:
    """Each figure's independent originator: its claimant, or for a figure only the outlet
    vouches for, the named claimant giving the same value (the first to give it; `members`
    in time order)."""
    named: dict[tuple[float, float | None], str] = {}
    for figure in members:
        if figure.claimant_kind != "outlet":
            named.setdefault((figure.value, figure.value_max), figure.claimant)
    return {f.id: named.get((f.value, f.value_max), f.claimant) if f.claimant_kind == "outlet" else f.claimant
            for f in members}


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows: "more than 100" -> (100+, inf), "about 12 000" -> ±10%."""
    v, q = figure.value, figure.qualifier
    if q == "exact":
        return v, v
    if q == "more_than":
        return math.nextafter(v, math.inf), math.inf
    if q == "at_least":
        return v, math.inf
    if q == "approx":
        return v * 0.9, v * 1.1
    if q == "almost":
        return v * 0.9, math.nextafter(v, -math.inf)
    if q == "up_to":
        return 0.0, v
    return v, figure.value_max if figure.value_max is not None else v  # range


def compatible(a: Figure, b: Figure) -> bool:
    (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
    return a_low <= b_high and b_low <= a_high


def agreement(members: list[Figure], current: bool = False, fixed: bool = False) -> str:
    """"single", "agree", "updated" or "differ" (see the module notes)."""
    members = in_time_order(members)
    return _agreement(members, originators(members), current, fixed)[0]


def _agreement(members: list[Figure], origins: dict[str, str], current: bool = False,
               fixed: bool = False) -> tuple[str, tuple[Figure, ...]]:
    readings = {(f.value, f.value_max, f.qualifier, f.unit) for f in members}
    if len({f.source.article for f in members}) == 1 and len(readings) == 1:
        return "single", ()
    live = [f for f in members if f.superseded_by is None]
    # rivals are counts as of the same day and, on a day every count gives its time, the same
    # time of day: a live blog's "09:40 - 33" and "17:30 - 41" are one count rising, not a dispute
    timed = _timed_days(live)
    by_date: dict[tuple[tuple[int, int, int], str], list[Figure]] = defaultdict(list)
    for figure in live:
        day = _as_of_key(figure)
        by_date[(day, (figure.as_of_time or "") if day in timed else "")].append(figure)
    if fixed:
        # how many were on board: one quantity, whatever day each claimant gave it on, when
        # the claimants name it alike ("181 passengers" and "187 people" on board are not rivals)
        by_date = defaultdict(list)
        for figure in live:
            by_date[((0, 0, 0), figure.subject.split(" (")[0].casefold())].append(figure)
    disputes = [pair for date in sorted(by_date) if (pair := _dispute(by_date[date], origins))]
    rejected = _rejected(live)
    if rejected is not None and not any(rejected[0] in pair and rejected[1] in pair for pair in disputes):
        disputes.append(rejected)
    if disputes:  # one pair per date in dispute, the newest first
        return "differ", tuple(f for pair in reversed(disputes) for f in pair)
    fallen = None if current else _fallen(live, origins)
    if fallen is not None:
        return "differ", fallen
    lows, highs = zip(*(interval(f) for f in members))
    same_value = len({(f.value, f.value_max) for f in members}) == 1
    if len(live) == len(members) and max(lows) <= min(highs) and (len(by_date) == 1 or same_value):
        return "agree", ()
    return "updated", ()


def _dispute(figures: list[Figure], origins: dict[str, str]) -> tuple[Figure, Figure] | None:
    """Two figures of different originators whose values cannot both be true, the one
    allowing the least first; None when there are none. Linear: only the two lowest tops and
    the two highest bottoms of distinct originators can form the widest such pair. A count
    stated as a rise ("the toll rose to 29 by late last night") is above another article's
    lower count of its day, and one stated as a fall ("the number of missing fell to 12") below
    another article's higher one, not its rival: it is not the higher side against it (in one
    article, "rose to 187 ... put the number of dead at 176" stays a dispute). Nor is a count
    of the day the timed counts show rising to, or one whose time is known beside one whose
    time is not."""
    first_time: dict[float, str] = {}
    for figure in figures:  # (the earliest time of day each value is given at)
        if figure.as_of_time and figure.as_of_time < first_time.get(figure.value, "~"):
            first_time[figure.value] = figure.as_of_time

    def rival(a: Figure, b: Figure) -> bool:
        """Whether b, above a, may be its rival: not when b is stated as a rise, or a as a fall,
        in another article; not a value the day's timed counts show a's rising to ("17 at
        07:30 ... 34 at 18:45"); and not one count with its time of day beside one without
        (the lower may be the earlier: "Eleven of the dead were in Sarnow" in the morning
        paper, "18:45 - 18 in Sarnow")."""
        rose = (b.rising or a.falling) and a.source.article != b.source.article
        timed = a.value in first_time and b.value in first_time and first_time[a.value] < first_time[b.value]
        return not (rose or timed or (a.as_of_time is None) != (b.as_of_time is None))

    for a in _two_best(figures, origins, lambda f: interval(f)[1]):
        # (one pass per low side, at most two: linear in the day's figures)
        highest = _two_best([b for b in figures if rival(a, b)], origins, lambda f: -interval(f)[0])
        pair = _widest([a], highest, origins)
        if pair is not None:
            return pair
    return None


def _rejected(figures: list[Figure]) -> tuple[Figure, Figure] | None:
    """The newest count set against another claimant's (`Figure.contradicts`: "at least nine
    are dead, not five as the company has said"; "Local media reports of five deaths are not
    correct") with that claimant's latest count, when their values differ, the lower first;
    None when there is none. Linear (`figures` in time order)."""
    latest = {figure.claimant: figure for figure in figures}
    found = None
    for figure in figures:
        other = latest.get(figure.contradicts or "")
        if other is not None and (other.value, other.value_max) != (figure.value, figure.value_max):
            found = (other, figure) if interval(other)[1] <= interval(figure)[1] else (figure, other)
    return found


def _fallen(figures: list[Figure], origins: dict[str, str]) -> tuple[Figure, Figure] | None:
    """One originator's latest count below what another gave before it and still gives ("the
    gang claims 1.2 million records" on Wednesday and 1.5 million on Sunday, "the trust
    confirmed about 300,000" on Saturday): rivals, not an update, for counts that add up do not
    fall back when someone else gives them. The newest such latest count against the other's
    latest, the one allowing the least first; None when there is none.

    O(n): each originator A stands for the least of its highest count so far and its latest
    (both must be above B's latest), a value that only grows; the two highest such values, of
    distinct originators, are all a latest count must be compared with (`figures` in time
    order; additions, background and counts of those in a state now apart)."""
    eligible = [f for f in figures if not (f.increment or f.background or f.planned or f.counted.endswith(STATES))]
    last = {origins[f.id]: f for f in eligible}
    if len(last) < 2:
        return None
    floor = {origin: interval(f)[0] for origin, f in last.items()}
    standing: dict[str, float] = {}
    top: list[tuple[float, str]] = []  # the two highest standings, of distinct originators
    found = None
    for figure in eligible:
        origin = origins[figure.id]
        if last[origin] is figure:
            high = interval(figure)[1]
            rival = next((other for value, other in top if other != origin and high < value), None)
            if rival is not None:
                found = (figure, last[rival])
        value = min(interval(figure)[0], floor[origin])
        if value > standing.get(origin, -math.inf):
            standing[origin] = value
            top = sorted([(v, o) for v, o in top if o != origin] + [(value, origin)], reverse=True)[:2]
    return found


def _widest(lowest: list[Figure], highest: list[Figure], origins: dict[str, str]) -> tuple[Figure, Figure] | None:
    for a in lowest:
        for b in highest:
            if origins[a.id] != origins[b.id] and interval(a)[1] < interval(b)[0]:
                return a, b
    return None


def _two_best(figures: list[Figure], origins: dict[str, str], key) -> list[Figure]:
    """The best figure by `key` (smallest) and the best of another originator."""
    if not figures:
        return []
    keyed = [(key(f), f.sort_key, i) for i, f in enumerate(figures)]  # each key computed once
    best = figures[min(keyed)[2]]  # (ties: the first)
    others = [k for k in keyed if origins[figures[k[2]].id] != origins[best.id]]
    return [best] + ([figures[min(others)[2]]] if others else [])


# ---------------------------------------------------------------- notes

def _count(n: int, noun: str) -> str:
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else f"{n:,}"
    return f"{word} {noun}{'' if n == 1 else 's'}"


def _date(figure: Figure) -> str:
    return figure.as_of.human() if figure.as_of else "undated"


def _note(kind: str, members: list[Figure], origins: dict[str, str], latest: Figure,
          disputed: tuple[Figure, ...]) -> str:
    """One sentence explaining the agreement, naming claimants and dates ("31 according to the
    regional administration": a claimant is a person, a body or a plural, "police", so no verb
    has to agree with it)."""
    claimants = list(dict.fromkeys(origins[f.id] for f in members))  # members are in time order
    reports = _count(len(members), "report")
    if kind == "single":
        return f"One source: {latest.display} according to {origins[latest.id]} ({_date(latest)})."
    if kind == "differ":
        pairs = list(zip(disputed[::2], disputed[1::2]))
        said = [f"{a.display} according to {origins[a.id]}; {b.display} according to {origins[b.id]}"
                + ("." if a.as_of is None else f", both {_date(a)}.")
                if _as_of_key(a) == _as_of_key(b) else
                f"{a.display} according to {origins[a.id]} ({_date(a)}), against {b.display} according to {origins[b.id]} ({_date(b)})."
                for a, b in pairs[:3]]
        # (counts no one dated are not earlier than the others: they are said apart)
        text = "".join(("" if i == 0 else " Undated: " if a.as_of is None and b.as_of is None else " Earlier, ") + one
                       for i, (one, (a, b)) in enumerate(zip(said, pairs)))
        if pairs[0][0].as_of is None and pairs[0][1].as_of is None:
            text = "Undated: " + text
        if len(pairs) > 3:
            text += f" They also differ on {_count(len(pairs) - 3, 'other date')}."
        if len(claimants) > 2:
            text += f" {reports.capitalize()} from {_count(len(claimants), 'claimant')}."
        return text
    if kind == "agree":
        if len(claimants) == 1:
            return f"One claimant, {reports}: {latest.display} according to {claimants[0]} ({_date(latest)})."
        first = {}
        for figure in members:
            first.setdefault(origins[figure.id], figure)
        listed = [f"{first[c].display} according to {c} ({_date(first[c])})" for c in claimants[:4]]
        more = f"; and {_count(len(claimants) - 4, 'other claimant')}" if len(claimants) > 4 else ""
        return f"{_count(len(claimants), 'claimant').capitalize()} agree: {'; '.join(listed)}{more}."
    return _update_note(members, origins, claimants, reports)


def _possessive(name: str) -> str:
    """"Lemmo's", "officials'", "Reuters'", "the Red Cross's"."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") else f"{name}'s"


def _meets(vaguer: Figure, before: Figure) -> bool:
    """Whether `vaguer` is an open bound ("at least 24", "dozens", "more than 300") that the
    value `before` gave already satisfies."""
    low, high = interval(vaguer)
    return high == math.inf and vaguer.qualifier != "exact" and low <= before.value


def _update_note(members: list[Figure], origins: dict[str, str], claimants: list[str], reports: str) -> str:
    """"The figure rose from at least 16 (officials, 19 November 2026) to 31 (regional
    administration, 21 November 2026)."; one claimant on one day: "X's count rose from 90 to
    more than 100 on 24 April 2025 (five reports).\""""
    steps: list[Figure] = []
    for figure in members:  # in time order
        if steps and steps[-1].display == figure.display:
            steps[-1] = figure
        else:
            steps.append(figure)
    # a vaguer count that the one before it already meets ("dozens" after 310 homes) moves
    # nothing: no step of its own, unless it is the latest
    steps = [s for i, s in enumerate(steps) if i in (0, len(steps) - 1) or not _meets(s, steps[i - 1])]
    if len(steps) < 2:
        steps = [members[0], members[-1]]
    if len(steps) > 4:
        steps = [steps[0], steps[-2], steps[-1]]
    claimants = list(dict.fromkeys(origins[f.id] for f in steps))  # those the sentence names
    one_claimant = len(claimants) == 1
    one_date = len({_as_of_key(f) for f in steps}) == 1

    def label(figure: Figure) -> str:
        said = [] if one_claimant else [origins[figure.id]]
        said += [] if one_date else [_date(figure)]
        return f"{figure.display} ({', '.join(said)})" if said else figure.display

    first, last = steps[0], steps[-1]
    moves = {(b.value > a.value) - (b.value < a.value) for a, b in zip(steps, steps[1:])}
    verb = ("went" if {1, -1} <= moves  # up, then down: "went from dozens to 64, then 45"
            else "rose" if last.value > first.value and interval(last)[0] >= interval(first)[0]
            else "fell" if interval(last)[1] < interval(first)[0] else "went")
    counts = not (members[0].unit.isupper() or members[0].unit == "percent")  # money and shares are no counts
    subject = f"{_possessive(claimants[0])} {'count' if counts else 'figure'}" if one_claimant else "The figure"
    subject = subject[:1].upper() + subject[1:]  # it opens a sentence: "Police's count rose ..."
    path = f" to {label(steps[1])}" + "".join(f", then {label(s)}" for s in steps[2:])
    when = f" on {_date(first)}" if one_date else ""
    extra = f" ({reports})" if len(members) > len(steps) else ""
    return f"{subject} {verb} from {label(first)}{path}{when}{extra}."
