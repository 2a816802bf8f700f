"""Data exports: figures as JSON/CSV, the whole dossier as JSON."""

from __future__ import annotations

from typing import Any

import msgspec


def to_json(data: Any) -> str:
    """Every JSON file dossier writes, in one form: keys sorted, indent 2, UTF-8 text (no
    \\u escapes), a trailing newline. Byte for byte what `json.dumps(data, sort_keys=True,
    ensure_ascii=False, indent=2)` gives, about six times faster (a 1,000-article dossier's
    JSON is 60 MB)."""
    return msgspec.json.format(msgspec.json.encode(data, order="sorted"), indent=2).decode("utf-8") + "\n"
