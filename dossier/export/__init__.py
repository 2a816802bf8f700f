"""Data exports: figures as JSON/CSV, the whole dossier as JSON."""

from __future__ import annotations

from typing import Any

import msgspec


def to_json(data: Any) -> str:
    """Every JSON file dossier writes, in one form: keys sorted, indent 2, UTF-8 text (no
    \\u escapes), a trailing newline. Byte for byte what `json.dumps(data, sort_keys=True,
    ensure_ascii=False, indent=2)` gives, about six times faster (a 1,000-article dossier's
    JSON is 60 MB)."""
    return to_json_bytes(data).decode("utf-8")


def to_json_bytes(data: Any) -> bytes:
    """:func:`to_json`'s text as UTF-8 (a download kept as the bytes it is served as: as a
    str, a text with characters of more than one byte takes twice its size in memory)."""
    formatted = msgspec.json.format(ENCODER.encode(data), indent=2)
    return formatted + b"\n"


def to_compact_json(data: Any) -> str:
    """The whole-dossier JSON's form: as :func:`to_json` but without indentation (what
    `json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))` gives): a
    1,000-article dossier's document is tens of MB, two fifths of them indentation."""
    return compact_json_bytes(data).decode("utf-8")


def compact_json_bytes(data: Any) -> bytearray:
    """:func:`to_compact_json`'s text as UTF-8, trailing newline included: what a caller that
    also hashes or compresses the document needs, without encoding the text again (at 10,000
    articles the text is 230 MB, twice that as a str)."""
    encoded = bytearray()
    ENCODER.encode_into(data, encoded)
    encoded += b"\n"  # in place (a bytes would be copied whole)
    return encoded


# The one encoder of every JSON file. Dataclasses (those `dossier.export.dossier` leaves as they are) are encoded field by field,
# their keys sorted like a dict's.
ENCODER = msgspec.json.Encoder(order="sorted")
