"""The figures table as JSON and CSV, byte-stable across rebuilds.

One row per figure (excluded ones included, with `excluded` true), in the figures' stable
order. Columns: id, source (article id), paragraph, value, value_max (the numbers), display
(the value as people read it, qualifier and unit included: "more than 100", "$20 billion"),
qualifier, unit, metric, label, counted (what is counted: people, children, missiles...),
place, side, part_of (id of the figure this one is a part of), superseded_by (id of the
figure that updates it in the same article), topic (the figure's topic ids joined with "; ",
empty when none), claimant, claimant_kind, as_of (ISO, possibly partial: 2025, 2025-04,
2025-04-24), as_of_origin (stated, relative, article, none), as_of_stated, text (the number
as written), quote (the sentence), group (its group id, empty when excluded), correction,
excluded.

The JSON also lists the groups (`group_rows`): one object per figure group with its key
(metric, counted, place, side, unit), display_range, agreement, note, the latest figure (id,
display, claimant, as_of), claimants, parts and part_of, and its figures' ids.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from operator import attrgetter, itemgetter

import msgspec

from dossier.cache import paused_gc
from dossier.export import ENCODER, to_json
from dossier.model import Figure, FigureGroup

COLUMNS = (
    "id", "source", "paragraph", "value", "value_max", "display", "qualifier", "unit", "metric", "label",
    "counted", "place", "side", "part_of", "superseded_by", "background",
    "topic", "claimant", "claimant_kind", "as_of", "as_of_time", "as_of_origin", "as_of_stated", "text", "quote", "group",
    "correction", "excluded",
)
GROUP_COLUMNS = (
    "id", "metric", "label", "subject", "counted", "place", "side", "unit", "display_range", "low", "high",
    "agreement", "note", "latest", "latest_display", "latest_claimant", "latest_as_of", "claimants",
    "disputed", "parts", "part_of", "figures",
)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _numbers(values) -> list[int | float | None]:
    """`_number` of each value (inlined: one figure has three of them)."""
    return [None if v is None else int(v) if float(v).is_integer() else v for v in values]


# What a row reads of a figure, in COLUMNS order ("topics", "as_of", "value" and "value_max"
# made into cells afterwards, "group" looked up by id), after its sort key.
_READ = ("sort_key", "id", "source.article", "source.paragraph", "value", "value_max", "display", "qualifier",
         "unit", "metric", "label", "counted", "place", "side", "part_of", "superseded_by", "background", "topics",
         "claimant", "claimant_kind", "as_of", "as_of_time", "as_of_origin", "as_of_stated", "text", "sentence",
         "id", "correction", "excluded")


def _figure_columns(figures, groups: tuple[FigureGroup, ...]) -> dict[str, list]:
    """The table column by column (one cell per figure, figures sorted by their stable key),
    computed once for both the JSON and the CSV: each figure is read once, all its attributes
    at a time (`attrgetter`, no Python call per cell), then the few derived columns are made."""
    rows = list(map(attrgetter(*_READ), figures))
    rows.sort(key=_FIRST)  # stable, like sorted(figures, key=sort_key)
    columns = dict(zip(("sort_key",) + COLUMNS, map(list, zip(*rows)))) if rows else {n: [] for n in COLUMNS}
    del rows
    columns.pop("sort_key", None)
    group_of: dict[str, str] = {}
    for g in groups:
        group_of.update(dict.fromkeys(map(_ID, g.figures), g.id))
    columns["value"] = _numbers(columns["value"])
    columns["value_max"] = _numbers(columns["value_max"])
    columns["topic"] = list(map("; ".join, columns["topic"]))
    columns["as_of"] = [d.iso if d else None for d in columns["as_of"]]
    columns["group"] = list(map(group_of.get, columns["group"]))
    return columns


_FIRST = itemgetter(0)
_ID = attrgetter("id")
# A JSON row: a struct whose fields are the columns in sorted order, which is how `to_json`
# writes an object's keys (a struct is made and encoded faster than a dict).
_JSON_ORDER = tuple(sorted(COLUMNS))
_Row = msgspec.defstruct("_Row", _JSON_ORDER, gc=False)


def figure_rows(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> list[dict[str, object]]:
    """One dict per figure, keyed by COLUMNS, sorted by the figures' stable key."""
    columns = _figure_columns(figures, groups)
    return [dict(zip(COLUMNS, row)) for row in zip(*(columns[name] for name in COLUMNS))]


def group_rows(groups: tuple[FigureGroup, ...]) -> list[dict[str, object]]:
    """One dict per group, keyed by GROUP_COLUMNS, in the groups' order (each total followed
    by its parts)."""
    return [
        {
            "id": g.id,
            "metric": g.metric,
            "label": g.label,
            "subject": g.subject,
            "counted": g.counted,
            "place": g.place,
            "side": g.side,
            "unit": g.unit,
            "display_range": g.display_range,
            "low": _number(g.low),
            "high": _number(g.high),
            "agreement": g.agreement,
            "note": g.note,
            "latest": g.latest.id,
            "latest_display": g.latest.display,
            "latest_claimant": g.latest_claimant,
            "latest_as_of": g.latest.as_of.iso if g.latest.as_of else None,
            "claimants": list(g.claimants),
            "disputed": list(g.disputed),
            "parts": list(g.parts),
            "part_of": g.part_of,
            "figures": [f.id for f in g.figures],
        }
        for g in groups
    ]


def groups_json(groups: tuple[FigureGroup, ...]) -> str:
    """`{"groups": [...]}` alone (the golden export of a fixture's groups)."""
    return to_json({"groups": group_rows(groups)})


def figures_json(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> str:
    """`{"figures": [...], "groups": [...]}`: sorted keys, indent 2, UTF-8 text, trailing newline."""
    with paused_gc():
        return b"".join(figures_downloads(figures, groups)[0]).decode("utf-8")


def figures_csv(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> str:
    """The same rows as CSV with a header, `\\n` line endings; empty cells for None, `true` /
    `false` for booleans, text cells made spreadsheet-safe (`spreadsheet_safe`)."""
    with paused_gc():
        return b"".join(figures_downloads(figures, groups)[1]).decode("utf-8")


DOWNLOAD_CHUNK = 2048
"""Rows made and encoded at a time: at 10,000 articles the two downloads are 150 MB of UTF-8,
which a build held whole (its peak memory) before they were spooled."""


def figures_downloads(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...],
                      ) -> tuple[Iterator[bytes], Iterator[bytes]]:
    """`figures_json(...)` and `figures_csv(...)` as UTF-8, each a piece at a time
    (`DOWNLOAD_CHUNK` rows), the columns computed once for both: never a whole download in
    memory. Each iterator is read once, the JSON's and the CSV's in either order."""
    columns = _figure_columns(figures, groups)
    return _json_pieces(columns, groups), _csv_pieces(columns)


def _json_pieces(columns: dict[str, list], groups: tuple[FigureGroup, ...]) -> Iterator[bytes]:
    """`to_json_bytes({"figures": rows, "groups": group_rows(groups)})`, byte for byte, a chunk
    of rows at a time: each chunk formatted as the value of its key alone (`{"figures": [...]}`),
    then cut out of it, at the depth it has in the whole document."""
    rows = len(columns["id"])
    sections = (
        ("figures", (list(map(_Row, *(columns[name][start:start + DOWNLOAD_CHUNK] for name in _JSON_ORDER)))
                     for start in range(0, rows, DOWNLOAD_CHUNK))),
        ("groups", (group_rows(groups[start:start + DOWNLOAD_CHUNK]) for start in range(0, len(groups), DOWNLOAD_CHUNK))),
    )  # in the order the encoder sorts the keys
    yield b"{\n"
    for number, (key, chunks) in enumerate(sections):
        name = ENCODER.encode(key)
        yield (b"" if number == 0 else b",\n") + b"  " + name + b": "
        head, tail = len(b"{\n  " + name + b": [\n"), len(b"\n  ]\n}")
        opened = b"[\n"
        for chunk in chunks:
            yield opened + msgspec.json.format(ENCODER.encode({key: chunk}), indent=2)[head:-tail]
            opened = b",\n"
        yield b"[]" if opened == b"[\n" else b"\n  ]"
    yield b"\n}\n"


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet will not run as a formula: one starting with =, +, -, @, a tab
    or a carriage return gets a leading apostrophe (OWASP's advice). Numbers stay numbers."""
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text column needs `spreadsheet_safe` only when one of its cells starts with one of those:
# searched for at once in the column's cells joined by NUL (a NUL inside a cell can only give a
# false alarm, which costs the cell by cell pass and changes nothing).
_FORMULA_CELL = re.compile("\x00[" + re.escape("".join(_FORMULA_STARTS)) + "]")
_NONE = type(None)
_BOOL_TEXT = {True: "true", False: "false"}


def _csv_cell(value: object) -> object:
    """A cell as given to the csv module: "" for None, `true` / `false`, text made safe."""
    return "" if value is None else str(value).lower() if isinstance(value, bool) else spreadsheet_safe(value)


def _csv_column(values: list) -> list:
    """`_csv_cell` of each cell or what the csv module writes the same, by the column's types at
    once rather than cell by cell: None and numbers as they are (the module writes None as an
    empty cell, a number as str() does), text as it is unless a cell starts like a formula."""
    types = set(map(type, values))
    if types <= {str, _NONE}:
        texts = filter(None, values) if _NONE in types else values
        if _FORMULA_CELL.search("\x00" + "\x00".join(texts)):
            return ["" if v is None else spreadsheet_safe(v) for v in values]
        return values
    if types <= {int, float, _NONE}:
        return values
    if types <= {bool}:
        return list(map(_BOOL_TEXT.__getitem__, values))
    return [_csv_cell(v) for v in values]


def _csv_pieces(columns: dict[str, list]) -> Iterator[bytes]:
    """The CSV (header, then the rows) as UTF-8, `DOWNLOAD_CHUNK` rows at a time."""
    cells = [_csv_column(columns[name]) for name in COLUMNS]
    yield _csv_lines([COLUMNS])
    for start in range(0, len(columns["id"]), DOWNLOAD_CHUNK):
        yield _csv_lines(zip(*(column[start:start + DOWNLOAD_CHUNK] for column in cells)))


def _csv_lines(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")
