"""The data model: frozen dataclasses passed from one pipeline stage to the next.

Every extracted item carries a :class:`SourceRef` saying where it came from, and every
collection is sorted by a stable key, so output never depends on dict or file-system order.
IDs and anchors are derived from content, not from list positions.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Qualifier = Literal["exact", "more_than", "at_least", "approx", "almost", "up_to", "range"]
ClaimantKind = Literal["person", "organisation", "outlet"]


def content_id(*parts: object, length: int = 8) -> str:
    """A short, stable id made from content (not from list positions)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


@functools.total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        """`2025-04-24`, `2025-04` or `2025`."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def human(self) -> str:
        """`24 April 2025`, `April 2025` or `2025`."""
        if self.month is None:
            return str(self.year)
        month = dt.date(2000, self.month, 1).strftime("%B")
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @classmethod
    def from_date(cls, value: dt.date) -> FuzzyDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.iso

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key < other.sort_key


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where an item came from: an article, a paragraph in it, a character span in that."""

    article: str
    paragraph: int
    start: int = 0
    end: int = 0


SKIPPED = "skipped: "


@dataclass(frozen=True)
class Notice:
    """A warning about the input, naming the file and line it is about."""

    file: str
    line: int
    message: str
    @property
    def skipped(self) -> bool:
        """The file was not used at all (every command reports these; --strict fails on them)."""
        return self.message.startswith(SKIPPED)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article's cleaned text. `number` is 1-based among kept paragraphs."""

    number: int
    text: str
    line: int
    heading: bool = False

    @property
    def anchor(self) -> str:
        """A content-derived anchor, so links survive paragraphs added before this one."""
        return f"p-{content_id(self.text, length=6)}"


@dataclass(frozen=True)
class DroppedLine:
    """A line dropped as page furniture, with the reason: never dropped silently."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One seed file, read and cleaned."""

    id: str
    path: str
    title: str
    title_inferred: bool
    outlet: str | None
    outlet_inferred: bool
    url: str | None
    date: FuzzyDate | None
    date_origin: str  # "curation", "front matter", "marker", "inferred from text", "unknown"
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[DroppedLine, ...] = ()
    notices: tuple[Notice, ...] = ()
    reliability: str | None = None
    notes: str | None = None
    content_hash: str = ""

    @property
    def date_inferred(self) -> bool:
        return self.date_origin == "inferred from text"

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


@dataclass(frozen=True)
class Figure:
    """A number stated in an article, with what it counts, who claimed it and as of when."""

    id: str
    source: SourceRef
    value: float
    value_max: float | None
    qualifier: Qualifier
    unit: str
    metric: str  # a metric id from the curation, or "other"
    label: str  # the metric's human label
    subject: str  # what is counted, in the article's words ("North Korean troops")
    claimant: str
    claimant_kind: ClaimantKind
    as_of: FuzzyDate | None
    as_of_stated: bool  # True when the sentence states the date, False when it is the article's
    sentence: str
    text: str  # the number as written, with its qualifier ("more than 11,000")
    topics: tuple[str, ...] = ()
    correction: str | None = None  # the analyst's correction, shown as such
    excluded: bool = False

    @property
    def sort_key(self) -> tuple:
        return (self.source.article, self.source.paragraph, self.source.start, self.id)


@dataclass(frozen=True)
class FigureGroup:
    """Figures about the same subject and metric from several places, side by side."""

    id: str
    metric: str
    label: str
    subject: str
    topics: tuple[str, ...]
    figures: tuple[Figure, ...]
    low: float
    high: float
    latest: Figure
    agreement: Literal["single", "agree", "differ_over_time", "conflict"]
    note: str


@dataclass(frozen=True)
class Mention:
    """One place an item is reported: a source paragraph and the exact words there."""

    source: SourceRef
    text: str


@dataclass(frozen=True)
class Statement:
    """A cluster of sentences saying the same thing across articles (a key point)."""

    id: str
    text: str  # the representative wording
    mentions: tuple[Mention, ...]
    topics: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.source.article for m in self.mentions}))


@dataclass(frozen=True)
class Quote:
    """A quotation, once, with its speaker and every source (and wording) that reports it."""

    id: str
    text: str
    speaker: str | None
    mentions: tuple[Mention, ...]
    topics: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.source.article for m in self.mentions}))


@dataclass(frozen=True)
class Event:
    """Something that happened on a (possibly partial) date, with its sources."""

    id: str
    date: FuzzyDate
    text: str
    mentions: tuple[Mention, ...]
    date_inferred: bool = False  # resolved from a relative date or the article's date
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or weapon system named in the articles."""

    id: str
    name: str
    kind: str  # person, organisation, place, weapon, other
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    curated: bool = False


@dataclass(frozen=True)
class Topic:
    """A topic from the curation file with the paragraphs that match it."""

    id: str
    title: str
    description: str
    related: tuple[str, ...] = ()
    paragraphs: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dossier:
    """Everything assembled across articles, ready to render."""

    title: str
    subtitle: str
    as_of: FuzzyDate | None
    articles: tuple[Article, ...]
    topics: tuple[Topic, ...]
    figures: tuple[Figure, ...]
    groups: tuple[FigureGroup, ...]
    statements: tuple[Statement, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    unmatched: tuple[SourceRef, ...] = ()
    notices: tuple[Notice, ...] = field(default_factory=tuple)

    @functools.cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    def article(self, article_id: str) -> Article:
        return self._articles_by_id[article_id]
