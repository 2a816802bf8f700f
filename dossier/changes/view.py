"""The parts of a dossier JSON document that `dossier diff` compares, as typed structs.

A 1,000-article dossier is a 35 MB document, most of it article text, entity mentions and the
wording of every source sentence, none of which a comparison needs. msgspec decodes straight
into these structs and skips every field they do not declare without building Python objects
for it, about nine times faster than `json.loads` on such a file. Fields new in ``dossier/2``
have defaults, so a ``dossier/1`` document (a site published before) decodes too.
"""

from __future__ import annotations

import msgspec


class Source(msgspec.Struct, frozen=True):
    article: str
    paragraph: int
    start: int = 0
    end: int = 0


class Mention(msgspec.Struct, frozen=True):
    source: Source


class Paragraph(msgspec.Struct, frozen=True):
    anchor: str = ""


class Article(msgspec.Struct, frozen=True):
    id: str
    title: str = ""
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    content_hash: str = ""
    paragraphs: list[Paragraph] = []


class Figure(msgspec.Struct, frozen=True):
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


class Group(msgspec.Struct, frozen=True):
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


class Item(msgspec.Struct, frozen=True):
    """A statement or an event."""

    id: str
    text: str = ""
    mentions: list[Mention] = []
    date: str | None = None  # events only


class Document(msgspec.Struct, frozen=True):
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
