"""Turn a seed file into an Article naively, for tests of the analyse and assemble stages.

Strips a leading ` date YYYY-MM-DD ` marker and splits on blank lines. The default seeds
are read by the real ingest (`seed_article`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from dossier.curation.model import Curation, EntitySpec
from dossier.ingest import read_seeds
from dossier.model import Article, FuzzyDate, Paragraph

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_MARKER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\s+")

# The article date each default seed carries (003 has none; the ingest infers it from the text).
SEED_DATES = {"000": FuzzyDate(2025, 4, 24), "001": FuzzyDate(2025, 4, 24),
              "002": FuzzyDate(2025, 4, 24), "003": FuzzyDate(2025, 4, 24),
              "004": FuzzyDate(2024, 12, 14)}


def article_from_text(article_id: str, text: str, date: FuzzyDate | None = None) -> Article:
    """An Article from plain text: a leading date marker sets the date; blank lines split."""
    origin = "unknown" if date is None else "inferred from text"
    marker = _MARKER.match(text)
    if marker:
        date = FuzzyDate(*(int(g) for g in marker.groups()))
        origin = "marker"
        text = text[marker.end():]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    paragraphs = tuple(Paragraph(i, block, i) for i, block in enumerate(blocks, start=1))
    return Article(id=article_id, path=f"{article_id}.txt", title=article_id, title_inferred=True,
                   outlet=None, outlet_inferred=True, url=None, date=date, date_origin=origin,
                   paragraphs=paragraphs)


def seed_article(prefix: str) -> Article:
    """The default seed whose file name starts with `prefix` ("000" ... "004"), read by the
    real ingest (furniture dropped, date inferred), with its id shortened to the prefix."""
    articles, _ = read_seeds(SEEDS, Curation(title="Test dossier"))
    article = next(a for a in articles if a.id.startswith(prefix))
    return replace(article, id=prefix)


def seed_articles() -> tuple[Article, ...]:
    return tuple(seed_article(p) for p in sorted(SEED_DATES))


def seed_curation() -> Curation:
    """A small curation like the analyst's: Zelensky's aliases and a few other entities."""
    return Curation(
        title="Test dossier",
        entities=(
            EntitySpec("Volodymyr Zelensky", "person",
                       ("Zelensky", "Zelenskyy", "Volodymyr Zelenskyy", "the President",
                        "the head of state", "the Ukrainian leader")),
            EntitySpec("Vladimir Putin", "person", ("Putin",)),
            EntitySpec("North Korea", "place", ("DPRK", "Pyongyang")),
            EntitySpec("Kyiv", "place", ()),
        ),
    )
