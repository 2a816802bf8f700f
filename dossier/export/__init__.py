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
    return (ENCODER.encode(data) + b"\n").decode("utf-8")


# The one encoder of every JSON file. Dataclasses (those `dossier.export.dossier` leaves as
# they are) are encoded field by field, their keys sorted like a dict's.
ENCODER = msgspec.json.Encoder(order="sorted")
