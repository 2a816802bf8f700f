"""The analyst's curation, as validated plain data (see `schema.py` for the file format)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from dossier.model import ClaimantKind, FuzzyDate, Notice


@dataclass(frozen=True)
class SourceInfo:
    """What the analyst knows about one article; anything missing is inferred from the text."""

    id: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    date: FuzzyDate | None = None
    reliability: str | None = None  # A-F, the Admiralty source grading
    notes: str | None = None


@dataclass(frozen=True)
class TopicSpec:
    """A topic and what makes a paragraph belong to it.

    A paragraph matches when it contains any of `phrases`, or at least `min_keywords` of
    `keywords`, or a figure of one of `metrics` (all case-insensitive, on word boundaries).
    """

    id: str
    title: str
    description: str = ""
    phrases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    min_keywords: int = 2
    metrics: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # the analyst's key judgments, shown as such
    takeaways: int | None = None  # how many key takeaways this topic shows (else the top-level)


@dataclass(frozen=True)
class MetricSpec:
    """What a number counts (killed, injured, troops...) and the words that signal it."""

    id: str
    label: str
    words: tuple[str, ...]
    unit: str = "people"
    # a count of those in a state now (missing, displaced, deployed): it falls as well as
    # rises, so a lower count after another's is an update, not a rival (`assemble.figures`)
    current: bool = False
    # a quantity given once and for all (how many were on board, a ship's crew): claimants who
    # give different values disagree, whatever the dates they give them on
    fixed: bool = False


@dataclass(frozen=True)
class EntitySpec:
    """A canonical name with its kind and aliases (Zelensky, Zelenskyy, the President...)."""

    name: str
    kind: str = "other"  # person, organisation, place, weapon, other
    aliases: tuple[str, ...] = ()
    within: str | None = None  # a place: the curation's place it lies in (a province's country)

    @property
    def claimant_kind(self) -> ClaimantKind:
        """What a claim of the entity's is by: a person, or else an organisation."""
        return "person" if self.kind == "person" else "organisation"


def places_within(entities: tuple[EntitySpec, ...] | list[EntitySpec], fold: bool = False) -> dict[str, str]:
    """Each curated place that lies `within` another: its name -> that place's name (both
    case-folded with `fold`)."""
    return {(e.name.casefold() if fold else e.name): (e.within.casefold() if fold else e.within)
            for e in entities if e.kind == "place" and e.within}


def enclosing(place: str, within: Mapping[str, str]) -> list[str]:
    """The places `place` lies within, the nearest first, up to its country (`places_within`)."""
    found: list[str] = []
    while place in within and within[place] not in found and within[place] != place:
        place = within[place]
        found.append(place)
    return found


@dataclass(frozen=True)
class Override:
    """The analyst's correction to one extracted figure, addressed by its id."""

    figure: str
    exclude: bool = False
    value: float | None = None
    value_max: float | None = None
    metric: str | None = None
    claimant: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class CompareWith:
    """Which earlier briefing "Since the last briefing" compares with: `last` (the newest kept
    snapshot that differs from this build), `none`, a `date` (the newest kept snapshot of a
    briefing as of that date or earlier) or a `file` (a dossier JSON, relative to the curation)."""

    kind: str  # "last", "none", "date", "file"
    date: FuzzyDate | None = None
    file: str | None = None

    def __str__(self) -> str:
        return self.file if self.kind == "file" else self.date.iso if self.date else self.kind


@dataclass(frozen=True)
class Curation:
    """The whole validated curation file."""

    title: str
    subtitle: str = ""
    place: str | None = None  # where the event happened (a place entity's name): `place:`, or the title's
    as_of: FuzzyDate | None = None
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    topics: tuple[TopicSpec, ...] = ()
    metrics: tuple[MetricSpec, ...] = ()
    entities: tuple[EntitySpec, ...] = ()
    overrides: tuple[Override, ...] = ()
    bottom_line: tuple[str, ...] = ()  # the analyst's own bottom-line sentences
    bottom_line_replace: bool = False  # True: they replace the composed sentences
    takeaways: int = 7  # key takeaways per topic
    compare_with: CompareWith = CompareWith("last")
    path: str = "dossier.yml"
    warnings: tuple[Notice, ...] = ()
    max_article_bytes: int = 5_000_000  # larger seed files are skipped with a notice
    # `counted:` what figures count under other names in this event, compared as one: a noun as
    # analyse reads it (case-folded: "children") -> the noun it is counted as ("pupils")
    counted: dict[str, str] = field(default_factory=dict)

    def counted_as(self, noun: str, metric: str = "") -> str:
        """What a figure counting `noun` is compared as (`counted:`; else the noun itself). Not
        under a metric named for the noun (`children_killed` counts children, whatever else
        the analyst counts them as)."""
        if not self.counted or metric.casefold().startswith(noun.casefold() + "_"):
            return noun
        return self.counted.get(noun.casefold(), noun)

    def metric(self, metric_id: str) -> MetricSpec | None:
        return next((m for m in self.metrics if m.id == metric_id), None)

    def topic(self, topic_id: str) -> TopicSpec | None:
        return next((t for t in self.topics if t.id == topic_id), None)
