"""The whole assembled dossier as one JSON document (schema ``dossier/2``).

Documented in ``docs/reference/export-schema.md``. The same bytes are the site's
``downloads/dossier.json`` and a build's snapshot (:mod:`dossier.changes`), so any of them can
be compared with another by ``dossier diff``. Output is deterministic: sorted keys,
lists in the dossier's own (stable) order, dates as ISO strings that keep their precision
(``2025-04-24``, ``2025-04`` or ``2025``), UTF-8 text unescaped, a trailing newline.
Figure groups refer to their figures by id instead of repeating them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from dossier.export import to_json
from dossier.model import (
    Article, Dossier, Event, Figure, FigureGroup, FuzzyDate, Paragraph, Quote, Statement,
)

SCHEMA = "dossier/2"
# Older schemas `dossier diff` still reads (a site published before the upgrade carries one).
READABLE_SCHEMAS = ("dossier/1", SCHEMA)
# Agreement values that mean sources disagree (`conflict` before the groups rework, `differ` after).
DISPUTED = ("conflict", "differ")


def dossier_json(d: Dossier) -> str:
    """The dossier as a JSON document with a top-level ``"schema": "dossier/2"``."""
    return to_json(dossier_data(d))


def dossier_data(d: Dossier) -> dict[str, Any]:
    """The plain data behind :func:`dossier_json`."""
    return {
        "schema": SCHEMA,
        "title": d.title,
        "subtitle": d.subtitle,
        "as_of": _date(d.as_of),
        "briefing": _plain(getattr(d, "briefing", None)),
        "articles": [_article(a) for a in d.articles],
        "topics": _plain(d.topics),
        "figures": [_figure(f) for f in d.figures],
        "groups": [_group(g) for g in d.groups],
        "statements": [_cluster(s) for s in d.statements],
        "quotes": [_cluster(q) for q in d.quotes],
        "events": [_event(e) for e in d.events],
        "entities": _plain(d.entities),
        "unmatched": _plain(d.unmatched),
        "notices": _plain(d.notices),
    }


def _date(value: FuzzyDate | None) -> str | None:
    return value.iso if value is not None else None


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, dates to ISO strings."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, FuzzyDate):
        return value.iso
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    return {**_plain(paragraph), "anchor": paragraph.anchor}


def _article(article: Article) -> dict[str, Any]:
    data = _plain(article)
    data["paragraphs"] = [_paragraph(p) for p in article.paragraphs]
    data["date_inferred"] = article.date_inferred
    return data


def _figure(figure: Figure) -> dict[str, Any]:
    data = _plain(figure)
    data["display"] = figure.display
    return data


def _group(group: FigureGroup) -> dict[str, Any]:
    data = _plain(group)
    data["figures"] = [f.id for f in group.figures]
    data["latest"] = group.latest.id
    data["display_range"] = group.display_range
    data["claimants"] = list(group.claimants)
    return data


def plain_number(value: float) -> str:
    """As the pages print numbers (`dossier.render.markdown.number`, which imports this module)."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _cluster(item: Statement | Quote) -> dict[str, Any]:
    data = _plain(item)
    data["articles"] = list(item.articles)
    if isinstance(item, Statement):
        data["originators"] = list(item.originators)
    return data


def _event(event: Event) -> dict[str, Any]:
    data = _plain(event)
    data["precision"] = event.date.precision
    return data
