"""Figures across articles: the analyst's overrides, then groups of figures about one thing.

A group holds the figures of one metric about one subject: the counted noun's class (people,
civilians and "others" are people; soldiers, troops and servicemen are troops; missiles,
drones, weapons and "means of destruction" are weapons; other nouns stand for themselves) and
its context (whose, where: "North Korean", "from the DPRK", "Russia", resolved through the
curation's entity aliases). Figures without a context join the one group of their kind that
has one, if there is exactly one. Agreement: "single"; "agree" when every pair of figures is
compatible ("at least 12" and "12"); "differ_over_time" when they are stated as of different
dates; "conflict" when two incompatible figures have the same date.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace

from dossier.analyse.attribution import resolve_name
from dossier.curation.model import Curation, Override
from dossier.model import Figure, FigureGroup, Notice, content_id, describe_value

_CLASSES = {
    "people": "people persons civilians residents individuals others victims inhabitants",
    "troops": "troops soldiers servicemen personnel fighters military",
    "weapons": "weapons missiles drones rockets projectiles means",
}
_HEAD_CLASS = {word: name for name, words in _CLASSES.items() for word in words.split()}
_CONTEXT_STOP = frozenset(
    """the a an of from in on additional more other new extra some about including all total
    further another fresh""".split()
)
_INCREMENT = frozenset({"additional", "extra", "further", "more", "new", "fresh", "another"})


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
        name, kind = resolve_name(override.claimant, curation) or (override.claimant, "organisation")
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

def group_figures(figures: tuple[Figure, ...], curation: Curation) -> tuple[FigureGroup, ...]:
    """Figures about the same subject and metric across sources, as groups (excluded figures
    are left out). Sorted by the curation's metric order, then subject."""
    kinds: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if not figure.excluded:
            kinds[(figure.metric, subject_class(figure.subject))].append(figure)
    groups = [
        _group(kind, context, members)
        for kind, members in kinds.items()
        for context, members in _by_context(members, curation).items()
    ]
    order = {m.id: i for i, m in enumerate(curation.metrics)}
    return tuple(sorted(groups, key=lambda g: (order.get(g.metric, len(order)), g.subject, g.id)))


def subject_class(subject: str) -> str:
    """The counted noun's class: "North Korean troops" -> "troops", "civilians" -> "people"."""
    head = re.sub(r"\s*\(.*\)$", "", subject)
    head = re.split(r"\s+(?:of|from)\s+", head)[0].split()
    word = head[-1].lower() if head else subject.lower()
    name = _HEAD_CLASS.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)
    increment = any(w.lower() in _INCREMENT for w in head)
    return name + " (additional)" if increment else name


def subject_context(subject: str, curation: Curation) -> frozenset[str]:
    """Whose or where, as word stems of canonical names: "North Korean troops", "soldiers
    (DPRK)" and "soldiers from North Korea" all give {"north", "korea"} when DPRK is an alias."""
    words = re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", subject)
    stems: set[str] = set()
    for phrase in words:
        resolved = resolve_name(phrase, curation)
        name = resolved[0] if resolved and resolved[1] != "person" else phrase
        stems.update(w.lower()[:5] for w in re.findall(r"[\w]+", name) if w.lower() not in _CONTEXT_STOP)
    return frozenset(stems)


def _by_context(members: list[Figure], curation: Curation) -> dict[frozenset[str], list[Figure]]:
    clusters: dict[frozenset[str], list[Figure]] = defaultdict(list)
    for figure in members:
        clusters[subject_context(figure.subject, curation)].append(figure)
    bare = clusters.pop(frozenset(), [])
    if bare and len(clusters) == 1:
        next(iter(clusters.values())).extend(bare)
    elif bare:
        clusters[frozenset()] = bare
    return clusters


def _group(kind: tuple[str, str], context: frozenset[str], members: list[Figure]) -> FigureGroup:
    members = sorted(members, key=lambda f: f.sort_key)
    latest = max(members, key=lambda f: (f.as_of.sort_key if f.as_of else (0, 0, 0), f.sort_key))
    topics = tuple(sorted({t for f in members for t in f.topics}))
    return FigureGroup(
        id="g-" + content_id(kind[0], kind[1], *sorted(context)),
        metric=kind[0],
        label=members[0].label,
        subject=_representative_subject(members),
        topics=topics,
        figures=tuple(members),
        low=min(f.value for f in members),
        high=max(f.value_max if f.value_max is not None else f.value for f in members),
        latest=latest,
        agreement=agreement(members),
        note=_note(members, agreement(members)),
    )


def _representative_subject(members: list[Figure]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for figure in members:
        counts[figure.subject] += 1
    return sorted(counts, key=lambda s: (-bool(re.search(r"[A-Z]", s)), -counts[s], s))[0]


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure allows: "more than 100" -> (100+, inf), "about 12 000" -> ±10%."""
    v = figure.value
    return {
        "exact": (v, v),
        "more_than": (math.nextafter(v, math.inf), math.inf),
        "at_least": (v, math.inf),
        "approx": (v * 0.9, v * 1.1),
        "almost": (v * 0.9, math.nextafter(v, -math.inf)),
        "up_to": (0.0, v),
        "range": (v, figure.value_max if figure.value_max is not None else v),
    }[figure.qualifier]


def compatible(a: Figure, b: Figure) -> bool:
    (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
    return a_low <= b_high and b_low <= a_high


def agreement(members: list[Figure]) -> str:
    if len(members) == 1:
        return "single"
    pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    dates = {f.as_of for f in members}
    if all(compatible(a, b) for a, b in pairs) and (len(dates) == 1 or len({describe(f) for f in members}) == 1):
        return "agree"
    if any(not compatible(a, b) and a.as_of == b.as_of for a, b in pairs):
        return "conflict"
    return "differ_over_time"


def describe(figure: Figure) -> str:
    """A figure in canonical words: "more than 100", "about 12,000", "$20 billion"."""
    return figure.display


def _note(members: list[Figure], agreement_kind: str = "conflict") -> str:
    """"90 (HNGN, 24 April 2025) vs more than 100 (Volodymyr Zelensky, 24 April 2025)";
    figures that agree are listed with "and" instead of "vs"."""
    seen: dict[str, list[str]] = {}
    for figure in sorted(members, key=lambda f: (f.as_of.sort_key if f.as_of else (0, 0, 0), f.value, f.sort_key)):
        when = figure.as_of.human() if figure.as_of else "undated"
        source = f"{figure.claimant}, {when}"
        sources = seen.setdefault(describe(figure), [])
        if source not in sources:
            sources.append(source)
    separator = " vs " if agreement_kind in ("conflict", "differ_over_time") else " and "
    return separator.join(f"{text} ({'; '.join(sources)})" for text, sources in seen.items())
