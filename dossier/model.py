"""The data model: frozen dataclasses passed from one pipeline stage to the next.

Every extracted item carries a :class:`SourceRef` saying where it came from, and every
collection is sorted by a stable key, so output never depends on dict or file-system order.
IDs and anchors are derived from content, not from list positions.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import operator
from dataclasses import dataclass, field, fields
from typing import Literal

import msgspec

Precision = Literal["day", "month", "year"]
Qualifier = Literal["exact", "more_than", "at_least", "approx", "almost", "up_to", "range"]
ClaimantKind = Literal["person", "organisation", "outlet"]


_VAGUE = re.compile(r"(?:several\s+|many\s+)?(?:dozens|hundreds|thousands|tens\s+of\s+thousands|"
                    r"hundreds\s+of\s+thousands|millions)\b", re.IGNORECASE)


def record(cls: type | None = None, /, **options: bool):
    """`@dataclass(frozen=True, slots=True, **options)`, pickled as the tuple of its fields'
    values. The `__getstate__`/`__setstate__` that dataclasses gives a frozen slotted class
    look its fields up again for every object: a third of the time a build takes to read
    its cached analyses (hundreds of thousands of source references and mentions)."""

    def make(cls: type) -> type:
        cls = dataclass(frozen=True, slots=True, **options)(cls)
        names = tuple(f.name for f in fields(cls))
        values = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

        def __getstate__(self) -> tuple:
            return values(self)

        cls.__getstate__, cls.__setstate__ = __getstate__, _setstate(cls, names)
        return cls

    return make(cls) if cls is not None else make


def _setstate(cls: type, names: tuple[str, ...]):
    """A record's `__setstate__`: the state unpacked into its fields' slots, one statement per
    field, written out as dataclasses writes an `__init__` (with a loop over the fields,
    unpickling 1,000 cached analyses took 0.17 s; so, 0.12 s). A state of another length
    raises, as a damaged cache entry should."""
    setters = {f"_set_{n}": getattr(cls, name).__set__ for n, name in enumerate(names)}  # the slots' own: frozen is for callers
    unpacked = "".join(f"_{n}, " for n in range(len(names)))
    body = "".join(f"    _set_{n}(self, _{n})\n" for n in range(len(names)))
    namespace: dict[str, object] = {}
    exec(f"def __setstate__(self, state):\n    {unpacked}= state\n{body}", setters, namespace)
    setstate = namespace["__setstate__"]
    setstate.__qualname__ = f"{cls.__qualname__}.__setstate__"
    return setstate


_KEY_ENCODER = msgspec.msgpack.Encoder()


def content_key(record: object) -> bytes:
    """A digest of every field of a record (a dataclass of strings, numbers, tuples and other
    such records): two records with one key hold the same."""
    return hashlib.blake2b(_KEY_ENCODER.encode(record), digest_size=16).digest()


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

    @functools.cached_property  # computed once per object (read on every page that shows it)
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


@record(order=True)
class SourceRef:
    """Where an item came from: an article, a paragraph in it, a character span in that."""

    article: str
    paragraph: int
    start: int = 0
    end: int = 0


source_order = operator.attrgetter("article", "paragraph", "start", "end")
"""A SourceRef's own order as a plain tuple (`sorted(refs, key=source_order)`): its generated
comparisons are Python calls, a million of them to sort a widely relayed statement's sources."""


SKIPPED = "skipped: "


@record
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

    @functools.cached_property  # computed once per object (read on every page that shows it)
    def anchor(self) -> str:
        """A content-derived anchor, so links survive paragraphs added before this one."""
        return f"p-{content_id(self.text, length=6)}"


@record
class DroppedLine:
    """A line dropped as page furniture, with the reason: never dropped silently."""

    line: int
    text: str
    reason: str


@record
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
    date_origin: str  # "curation", "front matter", "article's header", "marker", "inferred from text", "unknown"
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[DroppedLine, ...] = ()
    notices: tuple[Notice, ...] = ()
    reliability: str | None = None
    notes: str | None = None
    content_hash: str = ""
    page_fields: tuple[str, ...] = ()  # read from a saved web page's metadata (shown as inferred)

    @property
    def shown_outlet(self) -> str:
        """The outlet's name, or, when neither the curation nor the text names one, what a
        reader is told instead: "unnamed outlet (000_12fd…)" (the article's file name)."""
        if self.outlet:
            return self.outlet
        return f"unnamed outlet ({self.id if len(self.id) <= 12 else self.id[:8] + '…'})"

    @property
    def date_inferred(self) -> bool:
        return self.date_origin.startswith("inferred")  # "inferred from text" / "... the page"

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


QUALIFIER_WORDS: dict[str, str] = {
    "exact": "", "more_than": "more than ", "at_least": "at least ", "approx": "about ",
    "almost": "almost ", "up_to": "up to ", "range": "",
}
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
AsOfOrigin = Literal["stated", "relative", "article", "none"]


MEASURE_UNITS = frozenset(
    """km miles m hectares acres tonnes litres gallons barrels kilograms bytes kilobytes megabytes gigabytes
    terabytes petabytes megawatts gigawatts""".split())
"""Units of measure, which a value is shown with ("38 km", "3,000 barrels"): a count of people or
things is shown without its noun, which its subject names."""


def describe_value(value: float, value_max: float | None, unit: str) -> str:
    """A value as people read it: "2,700", "$20 billion", "10,000 to 12,000", "12%", "38 km"."""
    def number(x: float) -> str:
        if x >= 1e9 and x % 1e7 == 0:
            return f"{x / 1e9:g} billion"
        if x >= 1e6 and x % 1e4 == 0:
            return f"{x / 1e6:g} million"
        return f"{x:,.0f}" if x == int(x) else f"{x:,g}"
    text = number(value) if value_max is None else f"{number(value)} to {number(value_max)}"
    if unit in _CURRENCY_SIGNS:
        return _CURRENCY_SIGNS[unit] + text
    if len(unit) == 3 and unit.isupper() or unit in ("crowns", "francs", "pesos", "dinars", "rupees"):
        return f"{text} {unit}"  # "3.1 billion SEK", "41.7 billion crowns"
    if unit in MEASURE_UNITS:
        return f"{text} {unit[:-1] if value == 1 and value_max is None and unit.endswith('s') else unit}"  # "1 tonne"
    return text + ("%" if unit == "percent" else "")


# what a count of the injured adds to its counted noun when its words say they are in serious or
# critical condition ("11 of them, in critical condition"): a subset, never a rival of all of them
GRAVE = "in serious condition"
# and when they say its injured are still being treated ("11 were still being treated", "19 are
# still in hospital"): those in hospital now, never a rival of all who were hurt
STILL_TREATED = "still in hospital"
# and when they say those detained are still held ("Eight remain in custody"): not all who were
STILL_HELD = "still in custody"
# the states a count of people now may end its counted noun with: a count apart, that may fall
STATES = (GRAVE, STILL_TREATED, STILL_HELD)

# what a count adds to its counted noun when it counts over a period rather than the event: since
# a year before the article's ("1,400 pupils abducted since 2014"), or over a span of time ("9,000
# drones in the first two months of the year", "3,000 drones since the beginning of March",
# "1,300 servicemen in the past 24 hours"): a tally, context for the event, never its own count
_SINCE = re.compile(r" since (?:19|20)\d\d$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PERIOD = re.compile(
    r"\bsince\s+the\s+(?:beginning|start|outbreak)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    rf"(?:year|month|war|invasion|conflict|{_MONTHS})\b"
    r"|\bin\s+the\s+(?:first|past|last)\s+(?:[\w-]+\s+)?(?:hours?|days?|weeks?|months?|years?)(?:\s+of\s+the\s+(?:year|war))?\b"
    r"|\bover\s+the\s+(?:past|last)\s+(?:[\w-]+\s+)?(?:hours?|days?|weeks?|months?|years?)\b"
    r"|\bso\s+far\s+this\s+(?:year|month)\b"
    rf"|\bsince\s+(?:{_MONTHS})\b(?!\s+\d)",
    re.IGNORECASE)


def is_tally(counted: str) -> bool:
    """Whether a counted noun is a tally over a period (`pupils since 2014`, `drones in the
    first two months of the year`)."""
    return bool(_SINCE.search(counted)) or any(m.end() == len(counted) for m in PERIOD.finditer(counted))


@record
class Figure:
    """A number stated in an article, with what it counts, who claimed it and as of when.

    Slotted (`record`): a dossier holds hundreds of thousands of figures, and a figure with
    an instance dictionary took 1.5 KB more (211 of the 790 MiB a 10,000-article build held
    once assembled)."""

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
    # The structured subject: what is counted ("people", "children", "drones", "rescuers"...),
    # where, whose side, and the figure this one is a part of ("including 6 children" -> 31).
    counted: str = ""
    place: str | None = None
    side: str | None = None
    part_of: str | None = None  # id of the figure of the same article this one is a part of
    superseded_by: str | None = None  # id of the figure that updates it in the same article
    increment: bool = False  # "3 more bodies", "3,000 additional soldiers": an addition, not a total
    background: bool = False  # about another event ("a similar attack earlier this month killed 4")
    overall: bool = False  # the whole ("raising the overall toll to 40", a toll broken down by town): no town's
    as_of_time: str | None = None  # "18:00": the time of day the text gives for the count ("As of 18:00, ...")
    as_of_origin: AsOfOrigin = "article"  # stated, relative (resolved), article (its date), none
    # its place was not said of it: the article's main place (or dateline), or the place of
    # another clause ("a woman died in Belmor, bringing the toll to 22"); the event's place
    # may take it when grouping
    place_lent: bool = False
    # stated as a rise ("the toll rose to 29", "has climbed to 37"): above an earlier count of the
    # same day, never its rival
    rising: bool = False
    # stated as a fall ("the number of missing fell to 12 as people were found"): below an
    # earlier count of the same day in another article, never its rival
    falling: bool = False
    # a count of what is to happen, not of what happened ("33 hostages are to be freed over six
    # weeks", "will free four more"): never compared with the counts of what happened
    planned: bool = False
    # the claimant whose count the sentence rejects ("nine are dead, not five as the company has
    # said"): a dispute with that claimant's counts, whatever their dates
    contradicts: str | None = None

    @property
    def sort_key(self) -> tuple:
        return (self.source.article, self.source.paragraph, self.source.start, self.id)

    @property
    def display(self) -> str:
        """The value as people read it, with its qualifier: "more than 100", "almost 2,700",
        "$20 billion", "10,000 to 12,000"; vague counts as written ("dozens")."""
        return _display(self.text, self.qualifier, self.value, self.value_max, self.unit)


@functools.lru_cache(maxsize=1 << 14)  # (read on every page that shows a figure; many figures read alike)
def _display(text: str, qualifier: str, value: float, value_max: float | None, unit: str) -> str:
    vague = _VAGUE.match(text)
    if vague:
        return vague.group(0).lower()
    return QUALIFIER_WORDS[qualifier] + describe_value(value, value_max, unit)


Agreement = Literal["single", "agree", "updated", "differ"]


@dataclass(frozen=True)  # not slotted: its derived values are computed once (cached_property)
class FigureGroup:
    """Figures of one metric about one thing (what is counted, where, whose) across sources.

    `figures` are in the order the counts were given (oldest first, see `latest`).
    What a headline row or a figures page needs, ready to print:
    - `display_range`: the values as read, qualifiers kept ("at least 16 – 31", "more than 100");
    - `latest`: the newest figure (its `display`, `as_of`, `as_of_origin`); `latest_claimant`
      who gives it (its originator);
    - `agreement`: "single" (one source), "agree", "updated" (a later count, not a dispute),
      "differ" (different claimants disagree as of the same date, or one's count fell below another's: a dispute); `note` explains
      it in one sentence, naming claimants and dates;
    - `claimants`: the distinct independent originators; `originators[i]` is the originator of
      `figures[i]` (an outlet's unattributed figure traces to the named claimant giving the
      same value);
    - `disputed`: for "differ", figure ids in pairs (one pair per date in dispute, newest
      first: the figure allowing the least, then the one allowing the most);
    - `parts` / `part_of`: group ids of the parts shown under this total / of the total this
      group is a part of (children among the people killed; drones among weapons launched).
    Ids come from the group's key (metric, counted, place, side, unit), never from members.
    """

    id: str
    metric: str
    label: str
    subject: str
    topics: tuple[str, ...]
    figures: tuple[Figure, ...]
    low: float
    high: float
    latest: Figure
    agreement: Agreement
    note: str
    counted: str = ""
    place: str | None = None
    side: str | None = None
    unit: str = ""
    originators: tuple[str, ...] = ()
    disputed: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    part_of: str | None = None

    @functools.cached_property
    def latest_claimant(self) -> str:
        """Who gives the latest figure: its originator (the named claimant an outlet relays)."""
        return dict(zip((f.id for f in self.figures), self.originators)).get(self.latest.id, self.latest.claimant)

    @functools.cached_property
    def claimants(self) -> tuple[str, ...]:
        """Distinct independent originators, in the order they first report (by as-of)."""
        order = sorted(range(len(self.figures)), key=lambda i: (_as_of_key(self.figures[i]), i))
        return tuple(dict.fromkeys(self.originators[i] for i in order if i < len(self.originators)))

    @functools.cached_property
    def display_range(self) -> str:
        """The lowest and the highest value as read: "at least 16 – 31", "90 – more than 100";
        one value when they are the same ("more than 100")."""
        low = min(self.figures, key=lambda f: (f.value, f.id))
        high = max(self.figures, key=lambda f: (_top(f), f.qualifier == "more_than", f.id))
        if low is high or low.display == high.display:
            return low.display
        if low.value == _top(high) and high.qualifier != "range":
            return high.display if high.qualifier in ("at_least", "more_than") else low.display
        low_text = QUALIFIER_WORDS[low.qualifier] + describe_value(low.value, None, low.unit)
        high_text = describe_value(_top(high), None, high.unit) if high.qualifier == "range" else high.display
        return low_text if low_text == high_text else f"{low_text} – {high_text}"


def _top(figure: Figure) -> float:
    return figure.value_max if figure.value_max is not None else figure.value


def _as_of_key(figure: Figure) -> tuple[int, int, int]:
    return figure.as_of.sort_key if figure.as_of else (0, 0, 0)


@record
class Mention:
    """One place an item is reported: a source paragraph and the exact words there."""

    source: SourceRef
    text: str


@record
class Statement:
    """A cluster of sentences saying the same thing across articles (a key point)."""

    id: str
    text: str  # the representative wording
    mentions: tuple[Mention, ...]  # in source order (`source_order`): the first is where it is first reported
    topics: tuple[str, ...] = ()
    speaker: str | None = None  # whose words these are; None = the outlets' own reporting
    outlets: tuple[str, ...] = ()  # the outlet of each reporting article (set when assembled)

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.source.article for m in self.mentions}))

    @property
    def originators(self) -> tuple[str, ...]:
        """Independent originators: the speaker (one, however many outlets relay it), else
        each outlet (or article, when outlets are unknown) reporting it on its own account."""
        if self.speaker:
            return (self.speaker,)
        return tuple(sorted(set(self.outlets))) or self.articles


@record
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


@record
class Event:
    """Something that happened on a (possibly partial) date, with its sources."""

    id: str
    date: FuzzyDate
    text: str
    mentions: tuple[Mention, ...]
    date_inferred: bool = False  # resolved from a relative date or the article's date
    topics: tuple[str, ...] = ()
    time: str = ""  # "22:15": the live blog entry it was told in, on the day of that entry ("": none)


@record
class Entity:
    """A person, organisation, place or weapon system named in the articles."""

    id: str
    name: str
    kind: str  # person, organisation, place, weapon, other
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    curated: bool = False


@record
class Topic:
    """A topic from the curation file with the paragraphs that match it."""

    id: str
    title: str
    description: str
    related: tuple[str, ...] = ()
    paragraphs: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()


@record
class Clause:
    """One sentence of the bottom line. The templates compose its words from what it holds:
    a figure group ("figure", "disputed"), a statement ("takeaway"), or the analyst's own
    text ("analyst": from `bottom_line:`, "judgment": a topic's note)."""

    kind: Literal["figure", "disputed", "takeaway", "judgment", "analyst"]
    refs: tuple[SourceRef, ...] = ()  # the source paragraphs it rests on
    group: FigureGroup | None = None
    statement: Statement | None = None
    text: str = ""  # the analyst's words (analyst, judgment)
    topic: str | None = None  # the topic a judgment belongs to


@record
class Takeaway:
    """A statement chosen as one of a topic's key takeaways, with its score's parts."""

    statement: Statement
    score: tuple  # the sort key (see `dossier.assemble.briefing.score`), best first
    headline: bool = False  # carries a headline figure
    # the same said with other figures ("The toll has reached 75" beside "... reached 41"), by
    # worse-ranked statements of the topic left out of its takeaways: best first
    variants: tuple[Statement, ...] = ()


@record
class Briefing:
    """The briefing on top of the record: the bottom line and each topic's takeaways."""

    bottom_line: tuple[Clause, ...] = ()
    takeaways: dict[str, tuple[Takeaway, ...]] = field(default_factory=dict)  # by topic id
    rest: dict[str, tuple[Statement, ...]] = field(default_factory=dict)  # the other statements
    limit: int = 7


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
    briefing: Briefing | None = None  # the bottom line and each topic's takeaways

    @functools.cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}

    def article(self, article_id: str) -> Article:
        return self._articles_by_id[article_id]
