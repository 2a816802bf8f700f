"""The whole assembled dossier as one JSON document (schema ``dossier/1``).

Documented in ``docs/reference/export-schema.md``. Output is deterministic: sorted keys,
lists in the dossier's own (stable) order, dates as ISO strings that keep their precision
(``2025-04-24``, ``2025-04`` or ``2025``), UTF-8 text unescaped, a trailing newline.
Figure groups refer to their figures by id instead of repeating them.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dossier.model import Article, Dossier, Event, FigureGroup, FuzzyDate, Paragraph, Quote, Statement

SCHEMA = "dossier/1"


def dossier_json(d: Dossier) -> str:
    """The dossier as a JSON document with a top-level ``"schema": "dossier/1"``."""
    return json.dumps(dossier_data(d), sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def dossier_data(d: Dossier) -> dict[str, Any]:
    """The plain data behind :func:`dossier_json`."""
    return {
        "schema": SCHEMA,
        "title": d.title,
        "subtitle": d.subtitle,
        "as_of": _date(d.as_of),
        "articles": [_article(a) for a in d.articles],
        "topics": _plain(d.topics),
        "figures": _plain(d.figures),
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


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, dates to ISO strings."""
    if isinstance(value, FuzzyDate):
        return value.iso
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
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


def _group(group: FigureGroup) -> dict[str, Any]:
    data = _plain(group)
    data["figures"] = [f.id for f in group.figures]
    data["latest"] = group.latest.id
    return data


def _cluster(item: Statement | Quote) -> dict[str, Any]:
    data = _plain(item)
    data["articles"] = list(item.articles)
    return data


def _event(event: Event) -> dict[str, Any]:
    data = _plain(event)
    data["precision"] = event.date.precision
    return data
