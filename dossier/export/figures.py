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

from dossier.export import to_json
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


def figure_rows(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> list[dict[str, object]]:
    """One dict per figure, keyed by COLUMNS, sorted by the figures' stable key."""
    group_of = {f.id: g.id for g in groups for f in g.figures}
    return [
        {
            "id": f.id,
            "source": f.source.article,
            "paragraph": f.source.paragraph,
            "value": _number(f.value),
            "value_max": _number(f.value_max),
            "display": f.display,
            "qualifier": f.qualifier,
            "unit": f.unit,
            "metric": f.metric,
            "label": f.label,
            "counted": f.counted,
            "place": f.place,
            "side": f.side,
            "part_of": f.part_of,
            "superseded_by": f.superseded_by,
            "topic": "; ".join(f.topics),
            "claimant": f.claimant,
            "claimant_kind": f.claimant_kind,
            "as_of": f.as_of.iso if f.as_of else None,
            "as_of_origin": f.as_of_origin,
            "as_of_time": f.as_of_time,
            "background": f.background,
            "as_of_stated": f.as_of_stated,
            "text": f.text,
            "quote": f.sentence,
            "group": group_of.get(f.id),
            "correction": f.correction,
            "excluded": f.excluded,
        }
        for f in sorted(figures, key=lambda f: f.sort_key)
    ]


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
    data = {"figures": figure_rows(figures, groups), "groups": group_rows(groups)}
    return to_json(data)


def figures_csv(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> str:
    """The same rows as CSV with a header, `\\n` line endings; empty cells for None."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in figure_rows(figures, groups):
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else spreadsheet_safe(v))
                         for k, v in row.items()})
    return out.getvalue()


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet will not run as a formula: one starting with =, +, -, @, a tab
    or a carriage return gets a leading apostrophe (OWASP's advice). Numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
