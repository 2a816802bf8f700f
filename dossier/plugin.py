"""The MkDocs plugin: runs the pipeline inside `mkdocs build`, `serve` and `gh-deploy`.

Handlers only delegate to the library the CLI also uses. Pages are added as generated files
(never written into docs/), so `mkdocs serve` rebuilds once per change, never in a loop.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from dossier.errors import DossierError
from dossier.pipeline import Build, build
from dossier.render.pages import PDF, nav_for

log = logging.getLogger("mkdocs.plugins.dossier")
_PDF_DIR = tempfile.TemporaryDirectory(prefix="dossier-pdf-")


class DossierConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    """The folder of articles, relative to mkdocs.yml."""
    curation = c.Type(str, default="dossier.yml")
    """The curation file, relative to mkdocs.yml."""
    pdf = c.Type(bool, default=True)
    """Build the briefing PDF into the site (set DOSSIER_PDF=0 to skip it while serving)."""


class DossierPlugin(BasePlugin[DossierConfig]):
    def __init__(self) -> None:
        self.result: Build | None = None
        self.seeds = Path("seeds")
        self.curation = Path("dossier.yml")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.seeds = root / self.config.seeds
        self.curation = root / self.config.curation
        try:
            self.result = build(self.seeds, self.curation, pdf=self._pdf_enabled())
        except DossierError as exc:
            raise PluginError(f"dossier: {exc}") from exc
        for warning in self.result.curation.warnings:
            log.warning(str(warning))
        for notice in self.result.dossier.notices:
            if notice.skipped:
                log.warning(str(notice))  # a file that was not used: `--strict` fails on it
            elif notice not in self.result.curation.warnings:
                log.info(str(notice))
        if not config.nav:
            config.nav = nav_for(self.result.dossier, _hand_written(Path(config.docs_dir)))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        for path, content in self.result.pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"dossier: docs/{path} is written by hand but dossier generates it; "
                    "rename or remove the hand-written file"
                )
            inclusion = InclusionLevel.NOT_IN_NAV if _outside_nav(path) else InclusionLevel.UNDEFINED
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        if self._pdf_enabled():
            files.append(self._pdf_file(config))
        return files

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.seeds))
        server.watch(str(self.curation))
        return server

    def _pdf_enabled(self) -> bool:
        return self.config.pdf and os.environ.get("DOSSIER_PDF", "1") != "0"

    def _pdf_file(self, config: MkDocsConfig) -> File:
        """Typeset the briefing PDF from the same pages, as a site file (so links to it are
        checked and it can never be stale: it is made in the same build)."""
        from dossier.pdf import build_pdf

        assert self.result is not None
        out = Path(_PDF_DIR.name) / PDF
        try:
            report = build_pdf(
                self.result.dossier, self.result.pages, out,
                config.markdown_extensions, config.mdx_configs,
                docs_dir=Path(config.docs_dir), site_url=config.site_url or None,
            )
        except DossierError as exc:
            raise PluginError(f"dossier: {exc}") from exc
        log.info(f"dossier: {PDF}: {report.pages} pages in {report.seconds:.1f} s")
        return File.generated(config, PDF, abs_src_path=str(out))


def _outside_nav(path: str) -> bool:
    """Per-source pages and downloads are reached from index pages, not listed in the nav."""
    return path.startswith("downloads/") or (path.startswith("sources/") and path != "sources/index.md")


def _hand_written(docs_dir: Path) -> list[str]:
    """Markdown pages an author wrote in docs/ (they join the nav after the generated ones)."""
    if not docs_dir.is_dir():
        return []
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
