"""The whole assembled dossier as one JSON document (schema ``dossier/3``).

Documented in ``docs/reference/export-schema.md``. The same bytes are the site's
``downloads/dossier.json`` and a build's snapshot (:mod:`dossier.changes`), so any of them can
be compared with another by ``dossier diff``. Output is deterministic and compact: sorted keys,
no indentation, lists in the dossier's own (stable) order, dates as ISO strings that keep their
precision (``2025-04-24``, ``2025-04`` or ``2025``), UTF-8 text unescaped, a trailing newline.

A record that has its own list with ids is written there once; everywhere else it is referred
to by its id: figure groups refer to their figures, and the briefing to the figure groups and
statements its bottom-line clauses, takeaways and other key points are about (``dossier/2``
repeated them there in full: a fifth of a 1,000-article document).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from dossier.cache import paused_gc
from dossier.export import ENCODER, to_compact_json
from dossier.export.kept import KeptChunks, content_spans
from dossier.model import (
    Article, Briefing, Clause, Dossier, Event, Figure, FigureGroup, FuzzyDate, Paragraph, Quote,
    Statement, Takeaway,
)
from dossier.reuse import KEYS

SCHEMA = "dossier/3"
# Older schemas `dossier diff` still reads (a site published before the upgrade carries one).
READABLE_SCHEMAS = ("dossier/1", "dossier/2", SCHEMA)
# Agreement values that mean sources disagree (`conflict` before the groups rework, `differ` after).
DISPUTED = ("conflict", "differ")


def dossier_json(d: Dossier) -> str:
    """The dossier as a JSON document with a top-level ``"schema": "dossier/3"``."""
    with paused_gc():  # hundreds of thousands of acyclic dicts and lists: nothing to collect
        return to_compact_json(dossier_data(d))


def dossier_data(d: Dossier) -> dict[str, Any]:
    """The plain data behind :func:`dossier_json`."""
    return {key: [plain for chunk in value.chunks() for plain in chunk] if isinstance(value, Records) else value
            for key, value in dossier_sections(d).items()}


RECORD_LISTS = ("articles", "figures", "groups", "statements", "quotes", "events")
"""The document's lists encoded a chunk of records at a time (`Records`, `document_pieces`)."""
RECORD_CHUNK = 1024
"""Records made plain and encoded at a time: at 10,000 articles the plain data of the whole
document and its bytes were each hundreds of MB at once."""
ARTICLE_FRACTION = 8
"""Articles are encoded `RECORD_CHUNK // 8` at a time: each holds its whole text (about 4 KB),
and the chunk of a changed article is encoded again by the next build (`dossier.export.kept`).
Every one of `RECORD_LISTS` but the figure groups is kept so (each record keyed by its `content_key`; a group's
holds its figures). The comparison's view of a chunk of articles taken from the last document
is decoded from it (with copies of its strings); that of a chunk of figures, statements or
events is read from the records themselves (`Records.viewed`), sharing their strings: decoded,
the view of 140,000 figures (10,000 articles) was 65 MB more at the peak, and that of the
statements and events 21 MB more after one changed article."""


@dataclasses.dataclass(frozen=True)
class Records:
    """One of the document's lists of records, made plain a chunk at a time. `key`: each
    record's content key (`dossier.reuse.KEYS`), for a list whose chunks end where their
    records' content says (`spans`) and may be kept between builds (`dossier.export.kept`)."""

    items: Sequence[Any]
    plain: Callable[[Any], Any]
    key: Callable[[Any], bytes] | None = None
    fraction: int = 1  # chunks of `RECORD_CHUNK // fraction` records (large records: smaller chunks)
    viewed: bool = False  # a view reads the records themselves (`Seen.records`), not their plain data

    def chunks(self, size: int | None = None) -> Iterator[list[Any]]:
        for start, end, _ in self.spans(size):
            yield [self.plain(item) for item in self.items[start:end]]

    def spans(self, size: int | None = None) -> Iterator[tuple[int, int, list[bytes] | None]]:
        """Each chunk's (start, end) in the list, and its records' keys (None: not keyed).

        A keyed list's chunks end where their records' keys say (`content_spans`: `size`
        records a chunk on average, `RECORD_CHUNK` by default), so a record added or removed
        changes its own chunk, not every chunk after it. Another list's chunks are `size`
        records each."""
        size = max(1, (size or RECORD_CHUNK) // self.fraction)
        if self.key is None:
            for start in range(0, len(self.items), size):
                yield start, min(start + size, len(self.items)), None
            return
        yield from content_spans(self.items, self.key, size)


class Seen(Protocol):
    """What `document_pieces` shows the document's values to (a `ViewCollector`)."""

    def __call__(self, key: str, plain: Any) -> None: ...

    def decoded(self, key: str, text: bytes) -> None: ...

    def records(self, key: str, records: Sequence[Any]) -> None: ...


def dossier_sections(d: Dossier) -> dict[str, Any]:
    """The document's top-level fields: plain data, or `Records` for `RECORD_LISTS`."""
    return {
        "schema": SCHEMA,
        "title": d.title,
        "subtitle": d.subtitle,
        "as_of": _date(d.as_of),
        "briefing": _briefing(getattr(d, "briefing", None), d),
        "topics": _plain(d.topics),
        **record_lists(d),
        "entities": _plain(d.entities),
        "unmatched": _plain(d.unmatched),
        "notices": _plain(d.notices),
    }


def record_lists(d: Dossier) -> dict[str, Records]:
    """The document's lists of records (`RECORD_LISTS`), each as `Records`."""
    return {
        "articles": Records(d.articles, _article, KEYS, ARTICLE_FRACTION),
        "figures": Records(d.figures, _figure, KEYS, viewed=True),
        "groups": Records(d.groups, _group),
        "statements": Records(d.statements, _cluster, KEYS, viewed=True),
        "quotes": Records(d.quotes, _cluster, KEYS, viewed=True),
        "events": Records(d.events, _event, KEYS, viewed=True),
    }


def document_pieces(d: Dossier, seen: Seen | None = None, kept: KeptChunks | None = None) -> Iterator[bytes]:
    """:func:`dossier_json`'s text as UTF-8, a piece at a time: the same bytes, without the
    whole plain data or the whole text in memory at once. `seen(key, plain)` is shown each
    top-level value as it is encoded, a list of records a chunk at a time (what a caller
    that also wants a view of the document reads), and `seen.decoded(key, text)` a chunk
    taken from `kept` as its JSON text; a list whose view reads its records themselves
    (`Records.viewed`: the figures) is shown them, `seen.records(key, records)`, a chunk at
    a time, whether the chunk is made or taken.

    The pieces: `{"key":` (`,"key":` for the keys after the first), then the key's value
    whole, or for one of `RECORD_LISTS` `[]`, or `[` and its first chunk of records, a comma
    and each next chunk, and `]`; at the end `}` and a newline. A kept snapshot keeps them
    as they are (`dossier.changes.snapshots`), to be read back a piece at a time.

    `kept`: the chunks of records the last build kept (`dossier.export.kept`): a chunk of the
    same records is taken from there, not made plain and encoded again; each keyed chunk is
    noted in it, to be kept for the next build."""
    sections = dossier_sections(d)
    pieces = 0
    for number, key in enumerate(sorted(sections)):  # the keys in the order the encoder sorts them
        yield (b"{" if number == 0 else b",") + ENCODER.encode(key) + b":"
        pieces += 1
        value = sections[key]
        if not isinstance(value, Records):
            if seen is not None:
                seen(key, value)
            yield ENCODER.encode(value)
            pieces += 1
            continue
        opened = b"["
        for start, end, keys in value.spans():

            def made(start: int = start, end: int = end) -> bytes:
                chunk = [value.plain(item) for item in value.items[start:end]]
                if seen is not None and not value.viewed:
                    seen(key, chunk)
                return ENCODER.encode(chunk)[1:-1]  # `[a,b]` without its brackets: joined to the chunk before by a comma

            if kept is not None and keys is not None:
                records, taken = kept.take(kept.key(key, keys), pieces, made, name=key)
                if taken and seen is not None and not value.viewed:
                    seen.decoded(key, b"[" + records + b"]")
            else:
                records = made()
            if seen is not None and value.viewed:
                seen.records(key, value.items[start:end])
            yield opened + records
            pieces += 1
            opened = b","
        yield b"[]" if opened == b"[" else b"]"
        pieces += 1
    yield b"}\n"


def _date(value: FuzzyDate | None) -> str | None:
    return value.iso if value is not None else None


_SCALARS = (str, int, float, bool, type(None))
_NATIVE: dict[type, bool] = {}  # a dataclass msgspec may encode as it is (see `_native`)
# by class and the fields its caller replaces: the fields to write, those of them to make plain
_PLANS: dict[tuple[type, tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, dates to ISO strings: what the JSON shows.

    Only as deep as it needs to: a dataclass without dates inside (a mention, a source
    reference, a statement...) and a field typed as holding only such values stay as they
    are, for msgspec encodes them itself, field by field, as the same JSON object or array (so
    a dossier's millions of mentions never become dicts)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, FuzzyDate):
        return value.iso
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value if _native(type(value)) else _fields(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _fields(value: Any, replaced: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass as a dict of its fields, each made plain, but for the `replaced` ones: the
    caller writes those itself (a group's figures as their ids...), so they are left out rather
    than made plain for nothing (a group's figures in full were two fifths of the export)."""
    key = (type(value), replaced)
    plan = _PLANS.get(key)
    if plan is None:
        hints = typing.get_type_hints(type(value))
        names = tuple(f.name for f in dataclasses.fields(value) if f.name not in replaced)
        plan = _PLANS[key] = (names, tuple(n for n in names if not _native_hint(hints[n])))
    names, converted = plan
    data = {name: getattr(value, name) for name in names}
    for name in converted:
        data[name] = _plain(data[name])
    return data


def _native(cls: type) -> bool:
    """Whether msgspec's own encoding of `cls` is what `_plain` makes of it: a scalar, or a
    dataclass whose field types (by their annotations, recursively) hold no date and nothing
    untyped. Decided once per class."""
    if cls in _SCALARS:
        return True
    found = _NATIVE.get(cls)
    if found is None:
        if not dataclasses.is_dataclass(cls) or cls is FuzzyDate:
            return False
        _NATIVE[cls] = False  # while deciding (a recursive type is not native)
        hints = typing.get_type_hints(cls)
        found = _NATIVE[cls] = all(_native_hint(hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _native_hint(hint: Any) -> bool:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return all(isinstance(a, (str, int, bool)) for a in args)
    if origin in (typing.Union, types.UnionType):
        return all(_native_hint(a) for a in args)
    if origin is tuple:
        return bool(args) and all(_native_hint(a) for a in args if a is not Ellipsis)
    if origin is dict:
        return args[:1] == (str,) and _native_hint(args[1])
    return isinstance(hint, type) and (hint in _SCALARS or _native(hint))


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    return {**_fields(paragraph), "anchor": paragraph.anchor}


def _article(article: Article) -> dict[str, Any]:
    data = _fields(article, ("paragraphs",))
    data["paragraphs"] = [_paragraph(p) for p in article.paragraphs]
    data["date_inferred"] = article.date_inferred
    return data


def _figure(figure: Figure) -> dict[str, Any]:
    data = _fields(figure)
    data["display"] = figure.display
    return data


def _group(group: FigureGroup) -> dict[str, Any]:
    data = _fields(group, ("figures", "latest"))
    data["figures"] = [f.id for f in group.figures]
    data["latest"] = group.latest.id
    data["display_range"] = group.display_range
    data["claimants"] = list(group.claimants)
    return data


def plain_number(value: float) -> str:
    """As the pages print numbers (`dossier.render.markdown.number`, which imports this module)."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _cluster(item: Statement | Quote) -> dict[str, Any]:
    data = _fields(item)
    data["articles"] = list(item.articles)
    if isinstance(item, Statement):
        data["originators"] = list(item.originators)
    return data


def _event(event: Event) -> dict[str, Any]:
    data = _fields(event)
    data["precision"] = event.date.precision
    return data


# ------------------------------------------------------------------------------ the briefing
# Its clauses, takeaways and other key points are about figure groups and statements of the
# dossier's own lists: written as their ids. A takeaway's statement may be the listed one with
# its near-duplicates' mentions and outlets merged in: its `merged` holds the fields in which it
# differs from the listed statement (null when it does not). So do a clause's `group_merged` and
# `statement_merged`, and `rest_merged` for the other key points, which in a built dossier are
# null and empty (a briefing record differs from its listed one only in a dossier put together
# by hand; one not listed at all is written whole there). Every other field is written as it
# is, so a field added to these records later is exported without a change here.

def _briefing(briefing: Briefing | None, d: Dossier) -> dict[str, Any] | None:
    if briefing is None:
        return None
    groups = _Listed(d.groups)
    statements = _Listed(d.statements)
    data = _fields(briefing, ("bottom_line", "takeaways", "rest"))
    data["bottom_line"] = [_clause(c, groups, statements) for c in briefing.bottom_line]
    data["takeaways"] = {str(topic): [_takeaway(t, statements) for t in chosen]
                         for topic, chosen in briefing.takeaways.items()}
    data["rest"] = {str(topic): [s.id for s in others] for topic, others in briefing.rest.items()}
    rest_merged: dict[str, dict[str, Any]] = {}
    for topic, others in briefing.rest.items():
        for s in others:
            merged = statements.merged(s)
            if merged is not None:
                rest_merged.setdefault(str(topic), {})[s.id] = merged
    data["rest_merged"] = rest_merged
    return data


def _clause(clause: Clause, groups: _Listed, statements: _Listed) -> dict[str, Any]:
    data = _fields(clause, ("group", "statement"))
    data["group"] = clause.group.id if clause.group is not None else None
    data["group_merged"] = groups.merged(clause.group) if clause.group is not None else None
    data["statement"] = clause.statement.id if clause.statement is not None else None
    data["statement_merged"] = statements.merged(clause.statement) if clause.statement is not None else None
    return data


def _takeaway(takeaway: Takeaway, statements: _Listed) -> dict[str, Any]:
    data = _fields(takeaway, ("statement", "variants"))
    data["statement"] = takeaway.statement.id
    data["variants"] = [s.id for s in takeaway.variants]  # (statements of the dossier's list, unmerged)
    data["merged"] = statements.merged(takeaway.statement)
    return data


class _Listed:
    """The records of one of the dossier's lists, by id: what the briefing refers to."""

    def __init__(self, records: Any):
        self.by_id = {r.id: r for r in records}

    def merged(self, record: Any) -> dict[str, Any] | None:
        """The fields in which `record` differs from the listed record of its id: None when it
        is that record (or an equal one), every field when none is listed."""
        listed = self.by_id.get(record.id)
        if listed is record or listed == record:
            return None
        return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)
                if listed is None or getattr(record, f.name) != getattr(listed, f.name)}
