"""The whole pipeline as one script of named stages: ingest -> analyse -> assemble -> render.

Everything is gathered before anything is written; the MkDocs plugin and the CLI both call
these functions.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from dossier.analyse import analyse_articles
from dossier.cache import Cache, PageFiles, cache_dir_for, give_back_free_memory, paused_gc
from dossier.assemble import assemble, forget_records, forget_sentences
from dossier.changes import Changes, Snapshot, compare, export_build, keep_snapshot, prepare_export
from dossier.changes import previous_snapshot
from dossier.changes.snapshots import prune_snapshots
from dossier.changes.snapshots import snapshot_folder  # noqa: F401 (the CLI and plugin use it from here)
from dossier.curation import Curation, load_curation
from dossier.errors import DossierError
from dossier.export.kept import KeptChunks
from dossier.ingest import read_seeds
from dossier.ingest.files import SeedFolder
from dossier.model import Dossier
from dossier.processes import default_workers, in_child
from dossier.progress import Progress
from dossier.reuse import KEYS, REUSE, Kept
from dossier.stamp import input_fingerprint, read_listing
from dossier.render.pages import DOWNLOADS, render_site, site_downloads, site_pages
from dossier.write import Content, Pages, Spool, Spooled


@dataclass(frozen=True)
class Build:
    """A built dossier and its pages (relative path -> content: a page's text, held as UTF-8,
    or for the downloads a file spooled on disk; see `dossier.write`)."""

    curation: Curation
    dossier: Dossier
    pages: Pages
    changes: Changes | None = None  # since the previous snapshot (None: there is none)
    snapshot_digest: str | None = None  # `digest(snapshot)`

    @property
    def snapshot(self) -> Content:
        """The whole dossier as JSON (UTF-8): the site's download, and what a snapshot keeps."""
        return self.pages[DOWNLOADS["dossier_json"]]


def build_dossier(seeds: Path, curation_path: Path, progress: Progress | None = None) -> Dossier:
    """Read, analyse and assemble: the dossier as plain data, nothing written."""
    curation = load_curation(curation_path)
    return assemble_dossier(seeds, curation, progress, cache_dir=cache_dir_for(curation_path))


def assemble_dossier(seeds: Path, curation: Curation, progress: Progress | None = None, *,
                     cache_dir: Path | None = None, remember: bool = False,
                     listing: SeedFolder | None = None) -> Dossier:
    """`cache_dir`: the persistent cache (None: this process's memory only; see `dossier.cache`).
    `remember`: keep what was read and analysed in this process's memory for its next build
    (else it is let go once assembled), and what was made of it (`dossier.reuse`).
    `listing`: the seeds folder as this build read it already (`read_seed_folder`)."""
    progress = progress or Progress.quiet()
    REUSE.start(remember)  # what the last build of this process made of the same records
    read, analysed = Cache(cache_dir, "ingest", remember=remember), Cache(cache_dir, "analysis", remember=remember)
    # The cyclic garbage collector finds nothing in these acyclic records, but it would scan
    # them again and again while they are built: paused, a 1,000-article build is a third faster.
    with paused_gc():
        with progress.stage("ingest"):
            articles, notices = read_seeds(seeds, curation, read, listing=listing)
        with progress.stage("analyse", f"{len(articles)} article{'' if len(articles) == 1 else 's'}"):
            analyses = analyse_articles(articles, curation, analysed, keyed=KEYS)
            read.release()
            analysed.release()
            give_back_free_memory()  # the packs' bytes, before assembling makes its records
        with progress.stage("assemble"):
            assembled = Cache(cache_dir, "assembly", remember=remember) if cache_dir is not None else None
            dossier = assemble(curation, articles, analyses, notices,
                               kept=Kept(assembled) if assembled is not None else None)
            if assembled is not None:
                assembled.release()
            if not remember:
                forget_sentences()
    return dossier


def build(seeds: Path, curation_path: Path, *, pdf: bool = True, snapshots: Path | None = None,
          progress: Progress | None = None, site: bool = True, remember: bool = False,
          listing: SeedFolder | None = None, keep: bool = False) -> Build:
    """The dossier and every generated page (Markdown and the data downloads).

    `pdf` says whether the site will carry the briefing PDF (the home page links to it).
    `snapshots`: the folder of kept snapshots the curation's `compare_with: last | DATE` looks
    in (None: only `compare_with: FILE` gives the "Since the last briefing" section).
    `site` False renders no page but the dossier JSON (what the briefing PDF alone needs).
    `remember`: this process builds again (`mkdocs serve`): keep what each stage read,
    analysed and rendered in memory for the next build.
    `listing`: the seeds folder as the caller read it already (`read_seed_folder`).
    `keep`: the caller keeps the build's snapshot (`keep`): it is compressed on a thread as
    soon as it is exported, while the caller writes the pages (at 1,000 articles 0.08 s less
    after them).
    """
    progress = progress or Progress.quiet()
    curation = load_curation(curation_path)
    if remember:  # under `mkdocs serve`, a save of a hand-written page rebuilds the site too
        # the folder read once: to tell whether it changed, then (if it did) by ingest
        listing = listing if listing is not None else read_listing(seeds, curation)
        inputs = (seeds, curation_path, pdf, snapshots, site, input_fingerprint(seeds, curation, curation_path, snapshots, listing))
        last = _LAST_BUILD.get("inputs")
        if last == inputs:
            return _LAST_BUILD["build"]  # the same seeds, curation and snapshots: the same build
        _LAST_BUILD.clear()
    # Paused for the whole build, not only while assembling: rendering and export make
    # millions of short-lived acyclic objects while the dossier's records stay alive, and each
    # collection would scan them all again (a fifth of a 1,000-article rebuild).
    cache_dir = cache_dir_for(curation_path)
    # the downloads are held there, not in memory, until written (390 MB at 10,000 articles)
    spool = Spool(cache_dir)
    with paused_gc():
        dossier = assemble_dossier(seeds, curation, progress, cache_dir=cache_dir, remember=remember, listing=listing)
        del listing  # the Articles hold what ingest kept of it
        compared = curation.compare_with.kind != "none"
        forked = default_workers() > 1
        if forked and remember and compared:
            # what a child reads is gone with it: the snapshot every save compares with is
            # read (once) here, where it is remembered and each child finds it
            with contextlib.suppress(DossierError):
                previous_snapshot(curation.compare_with, snapshots, curation_path.parent, remember=True)
        if forked and remember:
            prepare_export(dossier, compared=compared)  # (what each child would make and lose, made here)
        # Exporting and comparing (and the data downloads) read the dossier and write files: a
        # forked child does them while this process renders the pages, on a second core. Only
        # the home page shows what the comparison found: it is rendered last, once it is known.
        with in_child(partial(_exported, dossier, curation, curation_path.parent, snapshots, spool,
                              compared=compared, downloads=site, remember=remember, cache_dir=cache_dir),
                      enabled=forked) as exporting:

            def export_done() -> _Export:
                exported = exporting.result()
                if keep and isinstance(document := exported.downloads[DOWNLOADS["dossier_json"]], Spooled):
                    document.pack()  # (the second core is free again: the child is done)
                return exported

            with progress.stage("render"):
                if site:
                    rendered = PageFiles(cache_dir, "pages", remember=remember)
                    markdown = render_site(dossier, curation, pdf=pdf, changes=lambda: export_done().changes,
                                           cache=rendered)
                    rendered.release()
            with progress.stage("export"):
                exported = export_done()
        changes, content = exported.changes, exported.digest
        pages = site_pages(exported.downloads, markdown) if site else Pages(exported.downloads)
    result = Build(curation, dossier, pages, changes, content)
    if remember:
        _LAST_BUILD.update(inputs=inputs, build=result)
    return result


_LAST_BUILD: dict[str, object] = {}
"""This process's last build made with `remember` and what it was made of (`input_fingerprint`)."""



@dataclass(frozen=True)
class _Export:
    """What a build exports: the data downloads (the dossier JSON alone without a site), the
    JSON's digest, and what changed since the snapshot compared with."""

    downloads: dict[str, Content]
    digest: str
    changes: Changes | None


def _exported(dossier: Dossier, curation: Curation, base: Path, snapshots: Path | None, spool: Spool, *,
              compared: bool, downloads: bool, remember: bool, cache_dir: Path | None = None) -> _Export:
    # hashed once: to find the snapshot to compare with, then to keep this one; the chunks
    # of records of unchanged articles (and of the figures downloads' rows of unchanged
    # figures) taken from the last build's files (`cache_dir`)
    exported = export_build(dossier, compared=compared, spool=spool, kept=KeptChunks(cache_dir))
    changes = changes_since(exported.snapshot, curation, base, snapshots, remember=remember)
    document, content = exported.document, exported.digest
    del exported  # this build's view for the comparison (tens of MB at 10,000 articles)
    files = site_downloads(dossier, document, spool, cache_dir) if downloads else {DOWNLOADS["dossier_json"]: document}
    return _Export(files, content, changes)


def changes_since(current: Snapshot | None, curation: Curation, base: Path,
                  snapshots: Path | None, *, remember: bool = False) -> Changes | None:
    """What changed from the snapshot the curation's `compare_with` names to this build's
    snapshot `current` (`export_build(...).snapshot`, None when not made); None when there is
    nothing to compare with. `remember`: keep the previous snapshot read for the next build."""
    if curation.compare_with.kind == "none" or current is None:
        return None
    previous = previous_snapshot(curation.compare_with, snapshots, base, current=current.digest, remember=remember)
    if previous is None:
        return None
    return compare(previous, current)


def without_records(result: Build) -> Build:
    """The build with its dossier reduced to its title, subtitle and date (what keeping its
    snapshot reads: `keep`), and what assembling remembers of its records let go
    (`forget_records`). A `mkdocs build` that has handed the pages over and typeset the PDF
    needs no more of it: MkDocs then converts the pages in the memory the records took."""
    forget_records()
    empty = replace(result.dossier, articles=(), topics=(), figures=(), groups=(), statements=(), quotes=(),
                    events=(), entities=(), unmatched=(), notices=(), briefing=None)
    return replace(result, dossier=empty)


def keep(result: Build, folder: Path) -> Path | None:
    """Keep the build's snapshot in `folder` (None: the same content is already kept)."""
    as_of = result.dossier.as_of.iso if result.dossier.as_of else None
    return keep_snapshot(result.snapshot, folder, as_of, content_digest=result.snapshot_digest)


def keep_and_prune(result: Build, folder: Path) -> tuple[Path | None, list[Path]]:
    """`keep`, then, when a snapshot was kept, remove those no comparison reaches any more
    (`prune_snapshots`): the snapshot kept (None: unchanged) and the ones removed."""
    kept = keep(result, folder)
    return kept, prune_snapshots(folder) if kept is not None else []
