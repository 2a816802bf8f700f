"""The whole pipeline as one script of named stages: ingest -> analyse -> assemble -> render.

Everything is gathered before anything is written; the MkDocs plugin and the CLI both call
these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.analyse import analyse_article
from dossier.assemble import assemble
from dossier.curation import Curation, load_curation
from dossier.ingest import read_seeds
from dossier.model import Dossier
from dossier.progress import Progress
from dossier.render import render_pages


@dataclass(frozen=True)
class Build:
    """A built dossier and its pages (relative path -> content)."""

    curation: Curation
    dossier: Dossier
    pages: dict[str, str]


def build_dossier(seeds: Path, curation_path: Path, progress: Progress | None = None) -> Dossier:
    """Read, analyse and assemble: the dossier as plain data, nothing written."""
    curation = load_curation(curation_path)
    return assemble_dossier(seeds, curation, progress)


def assemble_dossier(seeds: Path, curation: Curation, progress: Progress | None = None) -> Dossier:
    progress = progress or Progress.quiet()
    with progress.stage("ingest"):
        articles, notices = read_seeds(seeds, curation)
    with progress.stage("analyse", f"{len(articles)} article{'' if len(articles) == 1 else 's'}"):
        analyses = [analyse_article(article, curation)
                    for article in progress.count(articles, len(articles), "analyse")]
    with progress.stage("assemble"):
        return assemble(curation, articles, analyses, notices)


def build(seeds: Path, curation_path: Path, *, pdf: bool = True, progress: Progress | None = None) -> Build:
    """The dossier and every generated page (Markdown and the data downloads).

    `pdf` says whether the site will carry the briefing PDF (the home page links to it).
    """
    progress = progress or Progress.quiet()
    curation = load_curation(curation_path)
    dossier = assemble_dossier(seeds, curation, progress)
    with progress.stage("render"):
        pages = render_pages(dossier, curation, pdf=pdf)
    return Build(curation, dossier, pages)
