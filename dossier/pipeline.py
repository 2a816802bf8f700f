"""The whole pipeline as one script of named stages: ingest -> analyse -> assemble -> render.

Everything is gathered before anything is written; the MkDocs plugin and the CLI both call
these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.analyse import analyse_articles
from dossier.analyse.cache import AnalysisCache, cache_dir_for
from dossier.assemble import assemble
from dossier.curation import Curation, load_curation
from dossier.ingest import read_seeds
from dossier.model import Dossier
from dossier.render import render_pages


@dataclass(frozen=True)
class Build:
    """A built dossier and its pages (relative path -> content)."""

    curation: Curation
    dossier: Dossier
    pages: dict[str, str]


def build_dossier(seeds: Path, curation_path: Path) -> Dossier:
    """Read, analyse and assemble: the dossier as plain data, nothing written."""
    curation = load_curation(curation_path)
    return assemble_dossier(seeds, curation, cache_dir_for(curation_path))


def assemble_dossier(seeds: Path, curation: Curation, cache_dir: Path | None = None) -> Dossier:
    """`cache_dir`: the persistent analysis cache (None: analyse every article afresh)."""
    articles, notices = read_seeds(seeds, curation)
    cache = AnalysisCache(cache_dir) if cache_dir is not None else None
    analyses = analyse_articles(articles, curation, cache)
    return assemble(curation, articles, analyses, notices)


def build(seeds: Path, curation_path: Path, *, pdf: bool = True) -> Build:
    """The dossier and every generated page (Markdown and the data downloads).

    `pdf` says whether the site will carry the briefing PDF (the home page links to it).
    """
    curation = load_curation(curation_path)
    dossier = assemble_dossier(seeds, curation, cache_dir_for(curation_path))
    return Build(curation, dossier, render_pages(dossier, curation, pdf=pdf))
