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
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import attrgetter

import msgspec

from dossier.cache import paused_gc
from dossier.export import ENCODER, to_json
from dossier.export.kept import KeptChunks, content_spans
from dossier.model import Figure, FigureGroup
from dossier.reuse import KEYS

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
    """The table column by column (one cell per figure, figures sorted by their stable key)."""
    return _columns(sorted(figures, key=_SORT_KEY), _group_of(groups))


def _group_of(groups: tuple[FigureGroup, ...]) -> dict[str, str]:
    """Each grouped figure's group id, by the figure's id."""
    group_of: dict[str, str] = {}
    for g in groups:
        group_of.update(dict.fromkeys(map(_ID, g.figures), g.id))
    return group_of


def _columns(figures, group_of: dict[str, str]) -> dict[str, list]:
    """The columns of these figures' rows, in their order: each figure is read once, all its
    attributes at a time (`attrgetter`, no Python call per cell), then the few derived columns
    are made."""
    rows = list(map(attrgetter(*_READ), figures))
    columns = dict(zip(("sort_key",) + COLUMNS, map(list, zip(*rows)))) if rows else {n: [] for n in COLUMNS}
    del rows
    columns.pop("sort_key", None)
    columns["value"] = _numbers(columns["value"])
    columns["value_max"] = _numbers(columns["value_max"])
    columns["topic"] = list(map("; ".join, columns["topic"]))
    columns["as_of"] = [d.iso if d else None for d in columns["as_of"]]
    columns["group"] = list(map(group_of.get, columns["group"]))
    return columns


_SORT_KEY = attrgetter("sort_key")
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
"""Rows made and encoded at a time, on average (at most four times as many: a chunk ends after
a figure whose content key says so, `content_spans`): at 10,000 articles the two downloads are
150 MB of UTF-8, which a build held whole (its peak memory) before they were spooled."""


def figures_downloads(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...],
                      kept: tuple[KeptChunks, KeptChunks] | None = None,
                      ) -> tuple[Iterator[bytes], Iterator[bytes]]:
    """`figures_json(...)` and `figures_csv(...)` as UTF-8, each a piece at a time (a chunk of
    rows, `DOWNLOAD_CHUNK` on average), the columns of a chunk computed once for both: never a
    whole download in memory. Each iterator is read once, the JSON's and the CSV's in either
    order.

    `kept`: the chunks of the JSON's and the CSV's rows the last build kept
    (`dossier.export.kept`): a chunk of the same figures in the same groups is copied from
    there, not made again; each chunk is noted there, to be kept for the next build."""
    table = _Table(tuple(sorted(figures, key=_SORT_KEY)), groups)
    json_kept, csv_kept = kept if kept is not None else (None, None)
    return _json_pieces(table, groups, json_kept), _csv_pieces(table, csv_kept)


class _Table:
    """The figures' rows a chunk at a time (`content_spans` of the figures' content keys), each
    chunk's columns computed when the first of the two downloads asks for them and let go
    when the second has them (or takes that chunk from its kept file)."""

    def __init__(self, figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> None:
        self.figures = figures
        self.group_of = _group_of(groups)
        self.spans = list(content_spans(figures, KEYS, DOWNLOAD_CHUNK))
        self._made: dict[int, dict[str, list]] = {}
        self._groups: dict[int, bytes] = {}  # each chunk's figures' group ids, as its key holds them
        self._wanted = [2] * len(self.spans)  # the downloads yet to write each chunk

    def key(self, kept: KeptChunks, name: str, number: int) -> str:
        """The key of chunk `number` in the file `kept` keeps: its figures' content keys, and
        the group each is in (a row's one cell its figure's record does not hold)."""
        start, end, keys = self.spans[number]
        groups = self._groups.get(number)
        if groups is None:  # (made once for both downloads)
            groups = self._groups[number] = "\x00".join(
                map(self.group_of.get, map(_ID, self.figures[start:end]), repeat(""))).encode("utf-8")
        return kept.key(name, keys, groups)

    def columns(self, number: int) -> dict[str, list]:
        """Chunk `number`'s columns (then `done(number)`)."""
        made = self._made.get(number)
        if made is None:
            start, end, _ = self.spans[number]
            made = self._made[number] = _columns(self.figures[start:end], self.group_of)
        return made

    def done(self, number: int) -> None:
        """One download has written chunk `number`."""
        self._wanted[number] -= 1
        if self._wanted[number] <= 0:
            self._made.pop(number, None)
            self._groups.pop(number, None)


def _chunk(table: _Table, kept: KeptChunks | None, name: str, number: int, piece: int, *, opening: int,
           make: Callable[[dict[str, list]], bytes]) -> bytes:
    """Chunk `number` of one download, without the `opening` bytes that join it to the piece
    before: taken from `kept`, or made from its columns (`KeptChunks.take`, as piece `piece`)."""
    def made() -> bytes:
        return make(table.columns(number))

    chunk = made() if kept is None else kept.take(table.key(kept, name, number), piece, made, opening=opening)[0]
    table.done(number)
    return chunk


def _json_pieces(table: _Table, groups: tuple[FigureGroup, ...], kept: KeptChunks | None) -> Iterator[bytes]:
    """`to_json_bytes({"figures": rows, "groups": group_rows(groups)})`, byte for byte, a chunk
    of rows at a time: each chunk formatted as the value of its key alone (`{"figures": [...]}`),
    then cut out of it, at the depth it has in the whole document."""
    yield b"{\n"
    pieces = 1
    for number, key in enumerate(("figures", "groups")):  # in the order the encoder sorts the keys
        name = ENCODER.encode(key)
        yield (b"" if number == 0 else b",\n") + b"  " + name + b": "
        pieces += 1
        head, tail = len(b"{\n  " + name + b": [\n"), len(b"\n  ]\n}")

        def formatted(rows: list, key: str = key, head: int = head, tail: int = tail) -> bytes:
            return msgspec.json.format(ENCODER.encode({key: rows}), indent=2)[head:-tail]

        opened = b"[\n"
        if key == "figures":
            for chunk in range(len(table.spans)):
                yield opened + _chunk(table, kept, key, chunk, pieces, opening=len(opened),
                                      make=lambda columns: formatted(list(map(_Row, *(columns[c] for c in _JSON_ORDER)))))
                pieces += 1
                opened = b",\n"
        else:
            for start in range(0, len(groups), DOWNLOAD_CHUNK):
                yield opened + formatted(group_rows(groups[start:start + DOWNLOAD_CHUNK]))
                pieces += 1
                opened = b",\n"
        yield b"[]" if opened == b"[\n" else b"\n  ]"
        pieces += 1
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


def _csv_pieces(table: _Table, kept: KeptChunks | None) -> Iterator[bytes]:
    """The CSV (header, then the rows) as UTF-8, a chunk of rows at a time."""
    yield _csv_lines([COLUMNS])
    for number in range(len(table.spans)):
        yield _chunk(table, kept, "figures.csv", number, number + 1, opening=0,
                     make=lambda columns: _csv_lines(zip(*(_csv_column(columns[name]) for name in COLUMNS))))


def _csv_lines(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")
