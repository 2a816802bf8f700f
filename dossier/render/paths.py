"""Where every generated page lives (paths relative to docs/): the one place that names them.

The full record is paged so that no page grows with the number of articles: the sources
index, the timeline and the table of all figures are split into pages of a fixed number of
entries. The first page of each keeps its usual path (the one in the nav); the further pages
live under `record/` and are reached from a pager on each page, never listed in the nav.
"""

from __future__ import annotations

HOME = "index.md"
FIGURES = "figures.md"
TIMELINE = "timeline.md"
ENTITIES = "entities.md"
SOURCES = "sources/index.md"
METHODOLOGY = "methodology.md"
DOWNLOADS = {
    "figures_json": "downloads/figures.json",
    "figures_csv": "downloads/figures.csv",
    "dossier_json": "downloads/dossier.json",
}
PDF = "briefing.pdf"
PAGE_PATHS = (HOME, FIGURES, TIMELINE, ENTITIES, SOURCES, METHODOLOGY)
RECORD = "record/"
"""The folder of the further pages of the paged record (outside the nav)."""

SOURCES_PER_PAGE = 250
TIMELINE_PER_PAGE = 250
FIGURES_PER_PAGE = 250
GROUPS_PER_PAGE = 25
TOPIC_LIMIT = 60  # items per section of a topic page (statements, figures, quotes, events, sources); the rest are counted and linked
ENTITIES_PER_PAGE = 250
MENTIONS_PER_ENTITY = 40
"""The entities index cites at most this many paragraphs per entity (the rest are counted)."""
COMPARISON_ROWS = 20
"""Rows of a figure group's side-by-side table: each distinct claim (who, what value) once; the
reports that repeat one are counted (every figure stays in the table of every figure)."""
DISPUTES_PER_TOPIC = 10
"""Disputed figure groups shown in full on a topic page (the rest are counted and linked)."""
HEADLINE_ROWS = 6
"""Rows of the headline figures table (home page and printed briefing): the most reported
counts of this event (`headline_groups`). Another event's count or a number no metric names
is no headline while there is a count to show (it stays on the figures page)."""
DISPUTES_IN_BRIEFING = 6
"""Disputed figure groups the home page and the printed briefing state, the most reported
first (like the headline figures): what a principal reads in a minute, whatever the number
of articles. The rest are counted and linked to the figures page, which lists them."""
NAMES_PER_GROUP = 12
"""Names (claimants, relaying outlets) and paragraph links listed for one item: the rest are counted."""
SUMMARY_NAMES = 3
"""Names a line of the briefing lists before counting the rest: the outlets of a takeaway no
one is named for, the claimants of a headline figure."""
REVIEW_LIMIT = 100
"""Items per review list of the methodology page; `dossier check` prints them all."""
PAGER_WINDOW = 3
"""A paged list's pager links the first and last pages and this many on each side of the
current one, so the pager (and the page) does not grow with the number of pages."""


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def source_page(article_id: str) -> str:
    return f"sources/{article_id}.md"


def sources_page(number: int) -> str:
    """Page `number` (from 1) of the sources index."""
    return SOURCES if number == 1 else f"{RECORD}sources-{number}.md"


def timeline_page(number: int) -> str:
    """Page `number` (from 1) of the timeline."""
    return TIMELINE if number == 1 else f"{RECORD}timeline-{number}.md"


def groups_page(number: int) -> str:
    """Page `number` (from 1) of the figures page (the figure groups)."""
    return FIGURES if number == 1 else f"{RECORD}groups-{number}.md"


def entities_page(number: int) -> str:
    """Page `number` (from 1) of the entities index."""
    return ENTITIES if number == 1 else f"{RECORD}entities-{number}.md"


def is_entities_page(path: str) -> bool:
    return path == ENTITIES or path.startswith(f"{RECORD}entities-")


def figures_page(number: int) -> str:
    """Page `number` (from 1) of the table of every figure (the figures page holds the groups)."""
    return f"{RECORD}figures-{number}.md"


def in_search(path: str) -> bool:
    """Whether the site's search indexes a generated page. Not the further pages of the record
    (tables of every figure, timeline, sources, entities and figure groups past their first
    page): each of their rows is a sentence or a number of a source, which search finds on
    the source's own page, and at thousands of articles they were a third of the index."""
    return not path.startswith(RECORD)


def in_nav(path: str) -> bool:
    """Whether a generated page belongs in the nav: per-source pages, the further pages of
    the record and the downloads are reached from index pages instead."""
    if path.startswith(("downloads/", RECORD)):
        return False
    return not path.startswith("sources/") or path == SOURCES
