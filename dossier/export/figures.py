"""The figures table as JSON and CSV, byte-stable across rebuilds.

One row per figure (excluded ones included, with `excluded` true), in the figures' stable
order. Columns: id, source (article id), paragraph, value, value_max, qualifier, unit, metric,
label, topic (the figure's topic ids joined with "; ", empty when none), claimant,
claimant_kind, as_of (ISO, possibly partial: 2025, 2025-04, 2025-04-24), as_of_stated, text
(the number as written), quote (the sentence), group (its group id, empty when excluded),
correction, excluded.
"""

from __future__ import annotations

import csv
import io
import json

from dossier.model import Figure, FigureGroup

COLUMNS = (
    "id", "source", "paragraph", "value", "value_max", "qualifier", "unit", "metric", "label",
    "topic", "claimant", "claimant_kind", "as_of", "as_of_stated", "text", "quote", "group",
    "correction", "excluded",
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
            "qualifier": f.qualifier,
            "unit": f.unit,
            "metric": f.metric,
            "label": f.label,
            "topic": "; ".join(f.topics),
            "claimant": f.claimant,
            "claimant_kind": f.claimant_kind,
            "as_of": f.as_of.iso if f.as_of else None,
            "as_of_stated": f.as_of_stated,
            "text": f.text,
            "quote": f.sentence,
            "group": group_of.get(f.id),
            "correction": f.correction,
            "excluded": f.excluded,
        }
        for f in sorted(figures, key=lambda f: f.sort_key)
    ]


def figures_json(figures: tuple[Figure, ...], groups: tuple[FigureGroup, ...]) -> str:
    """`{"figures": [...]}`: sorted keys, indent 2, UTF-8 text, trailing newline."""
    data = {"figures": figure_rows(figures, groups)}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
