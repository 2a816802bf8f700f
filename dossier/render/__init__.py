"""Render: Dossier -> {relative path: page content}, through Jinja2 templates.

Page templates live in `templates/`, partials in `templates/_partials/`. A per-topic template
(`topic-<id>.md.j2`) is looked up before `topic.md.j2`. Jinja's StrictUndefined makes a
missing value fail the build instead of printing nothing.
"""

from __future__ import annotations

from dossier.curation.model import Curation
from dossier.model import Dossier
from dossier.render.pages import PAGE_PATHS, render_pages

__all__ = ["PAGE_PATHS", "render_pages", "Curation", "Dossier"]
