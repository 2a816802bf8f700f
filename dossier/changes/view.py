"""The parts of a dossier JSON document that `dossier diff` compares, as typed structs.

A 1,000-article dossier is a 24 MB document (63 MB in ``dossier/2``), most of it article text,
entity mentions, the briefing and the wording of every source sentence, none of which a
comparison needs. msgspec decodes straight into these structs and skips every field they do
not declare without building Python objects for it, about nine times faster than `json.loads`
on such a file (and, holding no cycles, the structs are left out of the garbage collector's
tracking: 16 bytes less each, 16 MB of the 170 MB view of a 10,000-article snapshot). Fields new in ``dossier/2`` have defaults, so a ``dossier/1`` document (a site
published before) decodes too; ``dossier/3`` changed only the briefing (references instead of
copies) and the layout (compact), neither of which is read here, so all three decode alike.
"""

from __future__ import annotations

import functools
import operator
import typing
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import msgspec

from dossier.model import FuzzyDate
from dossier.reuse import REUSE, Memo


class Source(msgspec.Struct, frozen=True, gc=False):
    article: str
    paragraph: int
    start: int = 0
    end: int = 0


class Mention(msgspec.Struct, frozen=True, gc=False):
    source: Source


class Paragraph(msgspec.Struct, frozen=True, gc=False):
    anchor: str = ""


class Article(msgspec.Struct, frozen=True, gc=False):
    id: str
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    content_hash: str = ""
    paragraphs: list[Paragraph] = []


class Figure(msgspec.Struct, frozen=True, gc=False):
    id: str
    source: Source
    value: float
    value_max: float | None = None
    qualifier: str = "exact"
    unit: str = ""
    claimant: str = ""
    as_of: str | None = None
    text: str = ""
    display: str | None = None  # dossier/2


class Group(msgspec.Struct, frozen=True, gc=False):
    id: str
    label: str = ""
    subject: str = ""
    figures: list[str] = []
    latest: str = ""
    low: float | None = None
    high: float | None = None
    agreement: str = ""
    note: str = ""
    display_range: str | None = None  # dossier/2
    disputed: list[str] = []  # dossier/2: figure ids in pairs, one pair per date in dispute


class Item(msgspec.Struct, frozen=True, gc=False):
    """A statement or an event."""

    id: str
    text: str = ""
    mentions: list[Mention] = []
    date: str | None = None  # events only


class Document(msgspec.Struct, frozen=True, gc=False):
    schema: str | None = None
    title: str = ""
    as_of: str | None = None
    articles: list[Article] = []
    figures: list[Figure] = []
    groups: list[Group] = []
    statements: list[Item] = []
    events: list[Item] = []


DECODER = msgspec.json.Decoder(Document)


def decode(data: bytes | str) -> Document:
    """The document's comparable parts; raises msgspec.DecodeError (not JSON) or
    msgspec.ValidationError (JSON of another shape, with the path of the first mismatch)."""
    return DECODER.decode(data)


class ViewCollector:
    """The comparable parts of the plain data a dossier JSON document is encoded from: what
    `decode` gives for that document, without writing and parsing it (this build's side of a
    comparison). Shown each top-level value of the plain data, and each list a chunk of
    records at a time, as they are encoded (`dossier.export.dossier.document_pieces`), it
    converts the parts the view reads, so the whole plain data is never held. The view's
    strings are the dossier's own, not copies. Records msgspec encodes as they are (a
    statement's mentions) are read by their attributes."""

    _TYPES = typing.get_type_hints(Document)

    def __init__(self) -> None:
        self._scalars: dict[str, Any] = {}
        self._lists: dict[str, list[Any]] = {}

    def __call__(self, key: str, plain: Any) -> None:
        kind = self._TYPES.get(key)
        if kind is not None:
            self._add(key, kind, msgspec.convert(plain, kind, from_attributes=True) if _is_list(kind) else plain)

    def decoded(self, key: str, text: bytes, only: AbstractSet[str] | None = None) -> None:
        """The same for a value as JSON (a list's: a chunk of its records), decoded straight
        into the view's types (a snapshot read a piece at a time). `only`: the ids of the
        records of the list to keep."""
        kind = self._TYPES.get(key)
        if kind is not None:
            value = _decoder(kind).decode(text)
            self._add(key, kind, value if only is None else [record for record in value if record.id in only])

    def records(self, key: str, records: Sequence[Any]) -> None:
        """The same for a chunk of a list's records themselves (the dossier's dataclasses), read
        by the attributes the view declares, without making the rest of them plain: what
        `self(key, plain)` makes of their plain data (a date is the one such attribute its
        plain data writes otherwise: as its ISO string). The view's strings are the records'
        own, as they are from the plain data; for a chunk of records taken from the last
        build's document (`dossier.export.kept`) nothing is decoded either."""
        kind = self._TYPES.get(key)
        if kind is None or not _is_list(kind) or not records:
            return
        self._add(key, kind, viewed(typing.get_args(kind)[0], records))

    def latest_figures(self) -> set[str]:
        """The ids of the latest figure of each group shown so far."""
        return {group.latest for group in self._lists.get("groups", ())}

    def _add(self, key: str, kind: Any, value: Any) -> None:
        if _is_list(kind):
            self._lists.setdefault(key, []).extend(value)
        else:
            self._scalars[key] = value

    def document(self) -> Document:
        return msgspec.structs.replace(msgspec.convert(self._scalars, Document, from_attributes=True), **self._lists)


def viewed(struct: type, records: Sequence[Any]) -> list[Any]:
    """Each record's view as a `struct` (`ViewCollector.records`). Under `mkdocs serve` (when
    `REUSE` is enabled) the views are remembered by record (`_memo`), so a record of the last
    build keeps its view: at 10,000 articles, the views of 190,000 figures, statements and
    events took the exporting child 0.6 s on every save. The serving process makes them before
    it forks that child (`dossier.changes.snapshots.prepare_export`), which finds them made."""
    if not REUSE.enabled:
        return _made(struct, records)
    return _memo(struct).values(records, functools.partial(_made, struct))


def _made(struct: type, records: Sequence[Any]) -> list[Any]:
    """The records' views as `struct`, made from the attributes of theirs it declares (the
    attributes the records have: a statement has no date, and its plain data none either)."""
    names = tuple(name for name in _fields_of(struct) if hasattr(records[0], name))
    read = operator.attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))
    rows = [dict(zip(names, [v.iso if type(v) is FuzzyDate else v for v in read(record)])) for record in records]
    return msgspec.convert(rows, list[struct], from_attributes=True)


@functools.lru_cache(maxsize=None)
def _memo(struct: type) -> Memo[Any]:
    """The views as `struct` of records, by record (one memo a struct: kept alive here)."""
    return Memo(lambda record: _made(struct, [record])[0])


@functools.lru_cache(maxsize=None)
def _fields_of(struct: type) -> tuple[str, ...]:
    return tuple(struct.__struct_fields__)


@functools.lru_cache(maxsize=None)
def _decoder(kind: Any) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind)


def _is_list(kind: Any) -> bool:
    return typing.get_origin(kind) is list
