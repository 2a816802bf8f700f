"""The MkDocs plugin: runs the pipeline inside `mkdocs build`, `serve` and `gh-deploy`.

Handlers only delegate to the library the CLI also uses. Pages are added as generated files
(never written into docs/), so `mkdocs serve` rebuilds once per change, never in a loop. The
site's own CSS and JavaScript ship in the package and are added the same way, so a dossier needs
no docs/ folder. Under `mkdocs serve` the PDF is typeset in the background after the pages are
built, so a save reloads the browser at once; `mkdocs build` typesets it before writing.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import jinja2
import watchdog.events
import watchdog.observers
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingEmitter
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from dossier.errors import DossierError
from dossier.inline_reuse import InlineReuse, InlineReuseExtension
from dossier.model import Notice
from dossier.pipeline import Build, build, keep_and_prune, snapshot_folder, without_records
from dossier.render.pages import PDF, nav_for
from dossier.render.paths import in_nav
from dossier.write import Content, Spooled, contents_of

log = logging.getLogger("mkdocs.plugins.dossier")
_PDF_DIR = tempfile.TemporaryDirectory(prefix="dossier-pdf-")
ASSETS = Path(__file__).resolve().parent / "assets"
EXTRA_CSS = ("assets/stylesheets/dossier.css", "assets/stylesheets/print.css")
# Sortable tables (tablesort 5.6.0, MIT, vendored: nothing is fetched from a CDN).
EXTRA_JAVASCRIPT = ("assets/javascripts/tablesort.min.js", "assets/javascripts/tablesort.number.min.js",
                    "assets/javascripts/tablesort-init.js")
# The web-worker shim that lets search run from file:// (vendored, MIT; Material's offline
# plugin would link it from unpkg.com).
IFRAME_WORKER = "assets/javascripts/iframe-worker-shim.js"


def _pending_pdf(message: str) -> bytes:
    """A one-page PDF saying the briefing is being typeset (served until it is ready)."""
    text = message.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 14 Tf 56 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_PENDING = _pending_pdf("The briefing PDF is being typeset: reload this page in a few seconds.")


class DossierConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    """The folder of articles, relative to mkdocs.yml."""
    curation = c.Type(str, default="dossier.yml")
    """The curation file, relative to mkdocs.yml."""
    pdf = c.Type(bool, default=True)
    """Build the briefing PDF into the site (set DOSSIER_PDF=0 to skip it while serving)."""
    pdf_annexes = c.ListOfItems(c.Choice(("sources",)), default=[])
    """What the PDF prints beyond the briefing and its bounded annexes: `sources` adds each
    source's full text and the methodology with its review lists."""
    snapshots = c.Optional(c.Type(str))
    """The folder of kept snapshots, relative to mkdocs.yml (default: `.dossier/snapshots` beside
    the curation file; the DOSSIER_SNAPSHOTS environment variable overrides it, `0` turns it off)."""
    snapshot = c.Type(bool, default=True)
    """Keep a snapshot of each `mkdocs build` and `gh-deploy` (never of `serve`)."""
    notifications = c.Type(bool, default=True)
    """Under `mkdocs serve`, also watch the seeds and docs/ with the system's file notifications, so a save
    is seen at once rather than at MkDocs' next poll (within half a second); MkDocs' polling stays
    on, every five seconds once a folder's notifications are seen to come (`Watchers`)."""


class DossierPlugin(BasePlugin[DossierConfig]):
    def __init__(self) -> None:
        self.result: Build | None = None
        self.seeds = Path("seeds")
        self.curation = Path("dossier.yml")
        self.serving = False
        self._pdf_generation = 0
        self._pdf_lock = threading.Lock()
        self.snapshots: Path | None = None
        self.command = "build"
        self.pages: PageFolder | None = None  # under `mkdocs serve --dirty`
        self.search: SearchEntries | None = None  # under `mkdocs serve --dirty`
        self.titles: PageTitles | None = None  # under `mkdocs serve --dirty`
        self.templates: TemplateCache | None = None  # under `mkdocs serve`
        self.inline: InlineReuse | None = None  # under `mkdocs serve --dirty`
        self._nav: object = None
        self._noted: set[Notice] = set()  # under `mkdocs serve`, the notes on the seeds the last build logged
        self._timed = (time.perf_counter(), 0.0)  # this build's start, and the seconds the briefing took

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.serving = command == "serve"
        self.templates = TemplateCache() if self.serving else None
        self._noted = set()
        if self.serving and dirty:
            self.pages = PageFolder()
            self.search = SearchEntries()
            self.titles = PageTitles()
            self.inline = InlineReuse()
        if self.serving:
            _stop_on_sigterm()

    def on_shutdown(self) -> None:
        """`mkdocs serve` ends (Ctrl-C, or SIGTERM: `_stop_on_sigterm`): a PDF still being typeset
        is not written (MkDocs removes the site folder), and the page folder goes now."""
        _BETWEEN_BUILDS.set()
        self._pdf_generation += 1
        if self.pages is not None:
            self.pages.remove()
            self.pages = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.seeds = root / self.config.seeds
        self.curation = root / self.config.curation
        configured = root / self.config.snapshots if self.config.snapshots else None
        self.snapshots = snapshot_folder(configured, self.curation)
        gc.unfreeze()  # the previous build's records (under serve) may be collected again
        previous = self.result
        _BETWEEN_BUILDS.clear()  # (the slower poll waits until `on_post_build` or `on_build_error`)
        started = time.perf_counter()
        try:
            self.result = build(self.seeds, self.curation, pdf=self._pdf_enabled(), snapshots=self.snapshots,
                                remember=self.serving, keep=self._keeps_snapshot())
        except DossierError as exc:
            raise PluginError(f"dossier: {exc}") from exc
        self._timed = (started, time.perf_counter() - started)  # (logged once the pages are written)
        if self.inline is not None:
            if self.inline.builds:  # (a server's first build converts every page: it keeps none)
                self.inline.start(repr((config.markdown_extensions, config.mdx_configs)))
                config.markdown_extensions.append(self.inline.extension())
            self.inline.builds += 1
        if self.result is previous:
            log.info("dossier: the seeds, the curation and the snapshots are as the last build read them: "
                     "its pages stand")
        # The dossier and its pages stay alive while MkDocs renders every page: kept out of
        # the collector's sight, they are not scanned again by each of its collections.
        gc.freeze()
        for warning in self.result.curation.warnings:
            log.warning(str(warning))
        if self.result.changes is not None:
            log.info(f"dossier: {self.result.changes.count} changes since {self.result.changes.old.label}")
        self._log_notices(self.result)
        if _offline(config):  # Material's offline plugin also turns off directory URLs
            polyfills = config.extra.get("polyfills", [])
            config.extra["polyfills"] = [
                *(p for p in polyfills if "iframe-worker" not in str(p)), IFRAME_WORKER,
            ]
        # the site is named as the analyst names the dossier: a new event's dossier.yml under a
        # copied mkdocs.yml does not carry the old event's name in every page's header
        # (escaped: the themes print site_name as it is, and the curation is untrusted)
        config.site_name = html.escape(self.result.curation.title) if self.result.curation.title else config.site_name
        if not config.nav:
            config.nav = nav_for(self.result.dossier, _hand_written(config, self.seeds))
        if self.pages is not None and config.nav != self._nav:
            self.pages.touch_all()  # every page shows the nav: a changed nav rebuilds them all
        self._nav = config.nav
        config.extra_css = [*(p for p in EXTRA_CSS if p not in config.extra_css), *config.extra_css]
        listed = {str(script) for script in config.extra_javascript}
        config.extra_javascript = [*(p for p in EXTRA_JAVASCRIPT if p not in listed), *config.extra_javascript]
        return config

    def _log_notices(self, result: Build) -> None:
        """Each file not used, as a warning (`--strict` fails on it), and what the build noted of
        the seeds (an inferred date...). Under `mkdocs serve` a save logs the notes it brings,
        not again every note the server logged already (an inferred date a seed: 672 lines a save
        at 1,000 generated articles, in which the save's own were lost): `dossier check` lists
        them all."""
        repeated = 0
        noted = set()
        for notice in result.dossier.notices:
            if notice.skipped:
                log.warning(str(notice))
            elif notice not in result.curation.warnings:
                noted.add(notice)
                if notice in self._noted:
                    repeated += 1
                else:
                    log.info(str(notice))
        if repeated:
            log.info(f"dossier: {repeated} note{'' if repeated == 1 else 's'} on the seeds as logged before "
                     "(`dossier check` lists them all)")
        if self.serving:
            self._noted = noted

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        if Path(config.docs_dir).resolve() == self.seeds.resolve():
            for file in [f for f in files if not f.generated_by and _inside(f.abs_src_path, self.seeds)]:
                files.remove(file)  # docs_dir: seeds (as `dossier new` writes): articles are no pages
        offline = (IFRAME_WORKER,) if _offline(config) else ()
        for path in EXTRA_CSS + EXTRA_JAVASCRIPT + offline:
            if files.get_file_from_path(path) is None:  # a hand-written copy in docs/ wins
                files.append(File.generated(config, path, abs_src_path=str(ASSETS / path.split("/", 1)[1]),
                                           inclusion=InclusionLevel.INCLUDED))
        written = len(self.pages.changed) if self.pages is not None else 0
        for path, content in contents_of(self.result.pages).items():
            existing = files.get_file_from_path(path)
            if existing is not None and existing.inclusion.is_excluded():
                files.remove(existing)
            elif existing is not None:
                raise PluginError(
                    f"dossier: docs/{path} is written by hand but dossier generates it; "
                    "rename or remove the hand-written file"
                )
            inclusion = InclusionLevel.INCLUDED if in_nav(path) else InclusionLevel.NOT_IN_NAV
            if self.pages is not None:  # only pages whose Markdown changed are built again
                files.append(File.generated(config, path, abs_src_path=self.pages.write(path, content),
                                           inclusion=inclusion))
            elif isinstance(content, Spooled):  # (a download, copied from its spooled file)
                files.append(File.generated(config, path, abs_src_path=str(content.path), inclusion=inclusion))
            else:
                files.append(File.generated(config, path, content=content, inclusion=inclusion))
        if self.pages is not None:
            changed = self.pages.changed[written:]
            log.info(f"dossier: {len(changed)} of {len(self.result.pages)} generated pages changed")
            log.debug("dossier: changed: " + " ".join(changed))
        if self._pdf_enabled() and self.serving:
            files.append(File.generated(config, PDF, content=PDF_PENDING, inclusion=InclusionLevel.INCLUDED))
        elif self._pdf_enabled():
            files.append(self._pdf_file(config))
        if not self.serving:  # the pages are MkDocs' and the PDF is typeset: the records can go
            self.result = without_records(self.result)
        return files

    @event_priority(-100)  # after the search plugin indexed the page
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if self.search is not None:
            self.search.page_built(page, _search_plugin(config))
        if self.titles is not None:
            self.titles.page_built(page)
        return context

    @event_priority(-100)  # the files and the environment as every other plugin left them
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files):
        if self.search is not None:
            self.search.files = files
        if self.titles is not None:
            self.titles.restore(files)
        if self.templates is not None and env.bytecode_cache is None:
            # MkDocs makes a new theme environment for each build, which compiles Material's
            # templates again (about 40): under serve, each save would pay for it.
            env.bytecode_cache = self.templates
        return env

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the pages: under `mkdocs serve`, complete the search index of a dirty build and
        typeset the PDF in the background (the newest build wins); otherwise keep this build's
        snapshot (never while serving: every save would become a "briefing")."""
        _BETWEEN_BUILDS.set()  # (MkDocs has written the pages)
        if self.search is not None:
            self.search.complete(_search_plugin(config))
        # the briefing's part of a build (MkDocs' own "Documentation built in" line is not logged
        # again with the same text, by its DuplicateFilter: a save as long as an earlier one has none)
        started, briefing = self._timed
        log.info(f"dossier: site built in {time.perf_counter() - started:.2f} seconds, the briefing {briefing:.2f} of them")
        if self.inline is not None and self.inline.reused + self.inline.parsed:
            log.debug(f"dossier: Markdown: {self.inline.reused} lines reused, {self.inline.parsed} parsed")
        if self.serving:
            if self._pdf_enabled():
                self._pdf_generation += 1
                worker = threading.Thread(
                    target=self._pdf_in_background, args=(config, self._pdf_generation), daemon=True
                )
                worker.start()
            return
        if self.result is None or not self._keeps_snapshot():
            return
        try:
            kept, removed = keep_and_prune(self.result, self.snapshots)
        except DossierError as exc:
            raise PluginError(f"dossier: {exc}") from exc
        log.info(f"dossier: snapshot {kept}" if kept else "dossier: snapshot unchanged")
        if removed:
            log.info(f"dossier: removed {len(removed)} older snapshots: {', '.join(p.name for p in removed)}")

    def on_build_error(self, *, error: Exception) -> None:
        _BETWEEN_BUILDS.set()  # (a build that failed, in `on_config` or later; a stopped server: `on_shutdown`)

    def _keeps_snapshot(self) -> bool:
        """Whether this build keeps its snapshot: not under `mkdocs serve`, and only with a
        snapshots folder and the `snapshot` setting on."""
        return not self.serving and self.snapshots is not None and bool(self.config.snapshot)

    def _pdf_in_background(self, config: MkDocsConfig, generation: int) -> None:
        """An older build still typesetting is not written."""
        with self._pdf_lock:
            if generation != self._pdf_generation:
                return
            try:
                file = self._pdf_file(config, in_worker=True)
            except PluginError as exc:
                log.error(str(exc))
                return
            if generation == self._pdf_generation:
                target = Path(config.site_dir) / PDF
                partial = target.with_suffix(".partial")
                try:
                    partial.write_bytes(Path(file.abs_src_path).read_bytes())
                    os.replace(partial, target)
                except FileNotFoundError:  # the server stopped meanwhile: its site folder is gone
                    log.debug("dossier: the server stopped before the briefing PDF was typeset")

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.config.notifications and not isinstance(server.observer, Watchers):
            server.observer = Watchers(server.observer)
            if getattr(server, "build_delay", 0) > SETTLE:  # (MkDocs' LiveReloadServer: 0.1 s)
                server.build_delay = SETTLE
            # watched already, by MkDocs' poll alone: again, with notifications (a hand-written
            # page's save is seen at once too, and held until it is written: `_Notified`)
            server.unwatch(config.docs_dir)
            server.watch(config.docs_dir)
        server.watch(str(self.seeds))
        server.watch(str(self.curation))
        return server

    def _pdf_enabled(self) -> bool:
        return self.config.pdf and os.environ.get("DOSSIER_PDF", "1") != "0"

    def _pdf_file(self, config: MkDocsConfig, *, in_worker: bool = False) -> File:
        """Typeset the briefing PDF from the same pages, as a site file (so links to it are
        checked and it can never be stale: it is made in the same build)."""
        from dossier.pdf import build_pdf

        assert self.result is not None
        out = Path(_PDF_DIR.name) / PDF
        try:
            report = build_pdf(
                self.result.dossier, self.result.pages, out,
                [e for e in config.markdown_extensions if not isinstance(e, InlineReuseExtension)], config.mdx_configs,
                docs_dir=Path(config.docs_dir), site_url=config.site_url or None,
                annexes=self.config.pdf_annexes, changes=self.result.changes, in_worker=in_worker,
            )
        except DossierError as exc:
            raise PluginError(f"dossier: {exc}") from exc
        log.info(f"dossier: {PDF}: {report.pages} pages in {report.seconds:.1f} s")
        return File.generated(config, PDF, abs_src_path=str(out), inclusion=InclusionLevel.INCLUDED)


def _stop_on_sigterm() -> None:
    """Under `mkdocs serve`, SIGTERM (an editor's stop button, `kill`, a container or service
    stopping) ends the server as Ctrl-C does, so MkDocs removes its site folder and dossier its
    page and PDF folders. Python's default for SIGTERM is to end at once: both stayed behind in
    the system's temporary folder, 54 MB a session at 1,000 articles. Only from the main thread
    (MkDocs runs its builds there) and only when no one else handles SIGTERM."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    signal.signal(signum, signal.SIG_DFL)  # a second SIGTERM ends the process at once, as before
    raise KeyboardInterrupt(f"signal {signum}")


class PageFolder:
    """The generated pages as files, for `mkdocs serve --dirty`: MkDocs then builds again only
    the pages whose source file is newer than the HTML it wrote, so a page is written here only
    when its content changed (a save that changes one article rebuilds its source page and the
    pages that summarise it, not thousands). A temporary folder, removed when the server stops
    (`on_shutdown`) or else at exit."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="dossier-pages-")
        self.root = Path(self._folder.name)
        self.contents: dict[str, str | bytes] = {}  # a spooled file's: its SHA-256
        self.changed: list[str] = []  # every path written, in order
        self.files: dict[str, tuple[str, str]] = {}  # each page's file now: its folder ("a" or "b") and path

    def remove(self) -> None:
        self._folder.cleanup()

    def write(self, path: str, content: Content) -> str:
        """The page's file, written again when its content changed: as a new file in the other
        of two folders, the last one then removed. (Rewriting a file, in place or by renaming a
        new one over it, made the file system write it out at once: 4-5 ms a page, a tenth of
        MkDocs' part of a save at 1,000 articles.)"""
        known = content.sha256 if isinstance(content, Spooled) else content
        last = self.files.get(path)
        if last is None or self.contents.get(path) != known:
            side = "b" if last is not None and last[0] == "a" else "a"
            target = self.root / side / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Spooled):
                shutil.copyfile(content.path, target)
            else:
                target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            if last is not None:
                Path(last[1]).unlink(missing_ok=True)
            self.files[path] = last = (side, str(target))
            self.contents[path] = known
            self.changed.append(path)
        return last[1]

    def touch_all(self) -> None:
        """Mark every page changed (the next build writes them all again)."""
        self.contents.clear()


# The events that change a file (not its being opened or read: each build reads every seed).
_CHANGES = frozenset({watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_MODIFIED,
                      watchdog.events.EVENT_TYPE_DELETED, watchdog.events.EVENT_TYPE_MOVED,
                      watchdog.events.EVENT_TYPE_CLOSED})
_UNSEEN = object()
# The same, as the events asked of the system (so reading a seed does not even wake the watcher).
_CHANGE_EVENTS = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
                  watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
                  watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent,
                  watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent]


FALLBACK_POLL = 5.0
"""Seconds between polls of a folder once its notifications are seen to come (`Watchers`)."""

_BETWEEN_BUILDS = threading.Event()
"""Set while no build of this process runs (the plugin clears it in `on_config` and sets it
once MkDocs has written the pages, or the build failed): the slower poll waits for it."""
_BETWEEN_BUILDS.set()


class _PollBetweenBuilds(PollingEmitter):
    """The slower poll of a folder (`Watchers`) looks at it between builds only.

    A poll lists and stats every file of the folder on a thread of the server; during a build
    it competed with the build's own listing and reading of the same seeds (each hands the
    interpreter to the other at every system call). At 10,000 seeds, a poll during a build
    took 0.2-1.4 s instead of 0.06 s, and a save 10.2-11.4 s (9.1-10.5 s with the poll waiting);
    the folder's first poll, taken as a notification moved it to this slower pace, is the
    save's own, and took 3.8 s beside the 4.0 s the build then spent listing the seeds (0.2-0.3
    s alone). The folder's notifications, which came already, report a change made meanwhile
    at once; the poll is for the day they stop."""

    def on_thread_start(self) -> None:
        # (watchdog calls this in the thread that schedules the folder, which must not wait for
        # a build: the first snapshot, which later polls are compared with, is taken by the
        # poll's own thread, between builds)
        self._baseline_taken = False

    def queue_events(self, timeout) -> None:
        if not self._baseline_taken:
            if not _between_builds(self):
                return
            super().on_thread_start()
            self._baseline_taken = True
        if self.stopped_event.wait(timeout) or not _between_builds(self):
            return
        super().queue_events(0)  # (waited already)


def _between_builds(emitter: PollingEmitter) -> bool:
    """Wait until no build runs; False when the emitter is stopped meanwhile."""
    while not _BETWEEN_BUILDS.wait(0.5):
        if emitter.stopped_event.is_set():
            return False
    return not emitter.stopped_event.is_set()


class _SlowerPoll(BaseObserver):
    """A polling observer whose emitters poll between builds only (`_PollBetweenBuilds`)."""

    def __init__(self, timeout: float) -> None:
        super().__init__(_PollBetweenBuilds, timeout=timeout)


SETTLE = 0.02
"""Seconds without another file event that `mkdocs serve` waits, once a change is seen, before it
rebuilds (MkDocs waits 0.1 s, made for its half-second poll). A save notified at once is one
burst of events a few milliseconds long (an editor writes, closes, renames): each of those waits
was a tenth of the time from a save to the page at 1,000 articles. A change that goes on
longer (files copied one by one over seconds) rebuilds again once it is done, as before."""


class Watchers:
    """What `mkdocs serve` watches files with (its `server.observer`): MkDocs' polling observer,
    and for folders the system's file notifications as well (inotify, FSEvents...).

    MkDocs polls every half second, so a save waits 0.25 s on average before the rebuild starts
    (0.5 s at worst); a notification comes at once. Notifications do not reach every file
    system (a Windows folder seen from WSL, some Docker and network mounts), so a folder is
    polled at MkDocs' pace until a notification has come from it; from then on it is polled
    every `FALLBACK_POLL` seconds only, in case its notifications stop (each poll lists and
    stats every file: 57 ms of the server's CPU at 10,000 seeds, twice a second, which slowed
    each rebuild by more than a second), and only between builds (`_PollBetweenBuilds`). Each state of a file (its size and modification time)
    is reported once, by whichever watcher sees it first, so a save still starts one rebuild.
    Where the notifications also tell when a file written to is closed (inotify), a file's
    creation or change is reported once the writer closes it (`_Notified`), so a save that
    empties the file and then writes it is one rebuild, of the file as saved.
    Single files (mkdocs.yml, dossier.yml) are only polled: an editor that saves by renaming a
    new file over the old one would end a notification watch on that file."""

    def __init__(self, polling) -> None:
        self.polling = polling
        self.native = watchdog.observers.Observer()
        self.fallback = _SlowerPoll(FALLBACK_POLL)
        self._native_watches: dict[object, object] = {}  # polling watch -> its notification watch
        self._fallback_watches: dict[object, object] = {}  # polling watch -> its watch on the slower poll
        self._states: dict[str, object] = {}  # path -> its state when last reported
        self._lock = threading.Lock()
        self._moving = threading.Lock()  # held while a folder moves to the slower poll or stops being watched
        self._stopped = False  # (the observers let go of every watch as they stop: none is moved then)
        self.closes = _notifies_closes(self.native)  # (a file's creation or change then waits for its closing)
        self._held: dict[str, threading.Timer] = {}  # path -> the timer that reports it unclosed (`hold`)

    def schedule(self, handler, path: str, *, recursive: bool = True):
        once = _ReportOnce(handler, self)
        watch = self.polling.schedule(once, path, recursive=recursive)
        if os.path.isdir(path):
            notified = _Notified(once, self, watch)
            try:
                try:
                    native = self.native.schedule(notified, path, recursive=recursive, event_filter=_CHANGE_EVENTS)
                except TypeError:  # watchdog < 4: every event, filtered in first_report
                    native = self.native.schedule(notified, path, recursive=recursive)
                self._native_watches[watch] = native
            except OSError as exc:  # e.g. the system's limit of watches: polling only
                log.info(f"dossier: {path} is polled only ({exc})")
        return watch

    def notified(self, watch, once: _ReportOnce) -> None:
        """A notification came from the folder of `watch`: from now on it is polled every
        `FALLBACK_POLL` seconds instead of MkDocs' half second. (Moved on a thread of its own:
        the notification's thread holds its observer's lock, which `unschedule` may be waiting
        for while it holds the lock of the move.)"""
        threading.Thread(target=self._poll_slower, args=(watch, once), daemon=True).start()

    def _poll_slower(self, watch, once: _ReportOnce) -> None:
        with self._moving:
            if self._stopped or watch in self._fallback_watches or watch not in self._native_watches:
                return  # moved already, no longer watched, or the server stopped
            self.polling.unschedule(watch)
            self._fallback_watches[watch] = self.fallback.schedule(once, watch.path, recursive=watch.is_recursive)

    def unschedule(self, watch) -> None:
        with self._moving:
            native = self._native_watches.pop(watch, None)
            if native is not None:
                self.native.unschedule(native)
            slower = self._fallback_watches.pop(watch, None)
            if slower is not None:
                self.fallback.unschedule(slower)
            else:
                self.polling.unschedule(watch)

    def start(self) -> None:
        self.polling.start()
        self.fallback.start()
        try:
            self.native.start()
        except OSError as exc:
            log.info(f"dossier: file notifications are off, the files are polled ({exc})")

    def stop(self) -> None:
        with self._moving:  # (a notification that came as the server stopped moves nothing)
            self._stopped = True
        with self._lock:  # (nothing held is reported any more)
            held, self._held = self._held, {}
        for timer in held.values():
            timer.cancel()
        for observer in (self.polling, self.fallback, self.native):
            observer.stop()

    def join(self, timeout: float | None = None) -> None:
        for observer in (self.polling, self.fallback, self.native):
            if observer.is_alive():
                observer.join(timeout)

    def hold(self, event: watchdog.events.FileSystemEvent, once: _ReportOnce) -> None:
        """Report a file's creation or change (`event`) once its writer closes the file
        (`release`), or after `HOLD` seconds should no closing come (a writer that keeps the
        file open); a file held already waits for the same closing."""
        path = os.fsdecode(event.src_path)
        with self._lock:
            if path in self._held or self._stopped:
                return
            timer = threading.Timer(HOLD, self._unclosed, (path, event, once))
            timer.daemon = True
            self._held[path] = timer
        timer.start()

    def _unclosed(self, path: str, event: watchdog.events.FileSystemEvent, once: _ReportOnce) -> None:
        with self._lock:
            if self._held.get(path) is not threading.current_thread():
                return  # closed meanwhile (then reported), or the server stopped
            del self._held[path]
        once.dispatch(event)

    def release(self, path: str) -> None:
        """The file at `path` was closed by its writer: no longer held (its closing reports it)."""
        with self._lock:
            timer = self._held.pop(path, None)
        if timer is not None:
            timer.cancel()

    def first_report(self, event: watchdog.events.FileSystemEvent) -> bool:
        """Whether `event` shows a file in a state not reported yet (then it is recorded). A file
        held until its writer closes it (`hold`) is reported then, not by a poll meanwhile."""
        if event.is_directory or event.event_type not in _CHANGES:
            return False
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):  # a move (older watchdog has it on moves only)
            paths.append(os.fsdecode(event.dest_path))
        new = False
        with self._lock:
            if any(path in self._held for path in paths):
                return False
            for path in paths:
                state = _file_state(path)
                if self._states.get(path, _UNSEEN) != state:
                    self._states[path] = state
                    new = True
        return new


class _ReportOnce(watchdog.events.FileSystemEventHandler):
    """Passes an event on to MkDocs' handler unless the file's state was reported already."""

    def __init__(self, handler, watchers: Watchers) -> None:
        self.handler = handler
        self.watchers = watchers

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if self.watchers.first_report(event):
            self.handler.dispatch(event)


class _Notified(watchdog.events.FileSystemEventHandler):
    """A folder's notifications: each passed on like a poll's (`_ReportOnce`); the first change
    shows they come, and the folder's polling slows down (`Watchers.notified`).

    Where the notifications also tell when a file written to is closed (`Watchers.closes`:
    inotify's IN_CLOSE_WRITE), a file's creation or change is held until the writer closes it,
    and passed on as the closing (`Watchers.hold`). A save that opens the file emptied and then
    writes it showed the empty file in between: when the writer paused between the two for
    longer than MkDocs waits for a burst of events to end (`SETTLE`), the empty file was
    reported and built, then the written one again (two builds of a save, the first missing
    its article)."""

    def __init__(self, once: _ReportOnce, watchers: Watchers, watch) -> None:
        self.once = once
        self.watchers = watchers
        self.watch = watch
        self.seen = False

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if self.watchers.closes and not event.is_directory and event.event_type in _WRITTEN:
            self.watchers.hold(event, self.once)
        else:
            if event.event_type == watchdog.events.EVENT_TYPE_CLOSED:
                self.watchers.release(os.fsdecode(event.src_path))
            self.once.dispatch(event)  # (the rebuild is asked for first)
        if not self.seen and not event.is_directory and event.event_type in _CHANGES:
            self.seen = True
            self.watchers.notified(self.watch, self.once)


HOLD = 1.0
"""Seconds a file's creation or change, notified where closings are too, waits for the writer
to close the file before it is reported anyway (`Watchers.hold`)."""

_WRITTEN = frozenset({watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_MODIFIED})


def _notifies_closes(observer: BaseObserver) -> bool:
    """Whether `observer`'s notifications tell when a file written to is closed: inotify's do
    (watchdog's FileClosedEvent); FSEvents, kqueue and Windows' do not."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except Exception:  # noqa: BLE001 (not Linux, or a C library without inotify: any error of the import)
        return False
    return isinstance(observer, InotifyObserver)


def _file_state(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None  # deleted
    return stat.st_size, stat.st_mtime_ns


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for the builds of one `mkdocs serve`. Jinja checks a
    template's source against the one it was compiled from, so an edited template (a theme
    override) is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class PageTitles:
    """The titles (and front matter) of the pages, for `mkdocs serve --dirty`.

    A dirty build does not read the pages that did not change, and a page's title comes from its
    Markdown (its first heading, unless the nav names it): every page the build writes would show
    "None" in the nav and the footer for each unchanged page the nav does not name (the
    hand-written reference pages). Each page's title and front matter are kept from the build that
    last read it, and given back to it when a build does not read it."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str | None, dict]] = {}  # page URL -> its title and meta

    def page_built(self, page) -> None:
        self.pages[page.url] = (page.title, page.meta)

    def restore(self, files: Files) -> None:
        """After the build read the pages that changed, before it writes them."""
        for file in files.documentation_pages(inclusion=lambda _: True):
            page = file.page
            if page is not None and page.markdown is None and page.url in self.pages:
                title, meta = self.pages[page.url]
                if page.title is None:
                    page.title = title
                page.meta = meta


class SearchEntries:
    """The search index of every page, for `mkdocs serve --dirty`.

    A dirty build renders again only the pages that changed, so Material's search plugin indexes
    only those; it then merges them into the previous index on the assumption that one page
    changed (it drops the previous entries of the first page only). A save here changes several
    pages (the article's, the topics, the figures...), so the index would keep each of those
    pages twice, as it was and as it is. This keeps each page's entries as they were when it was
    last built, and hands the search plugin the whole index in the site's order: the index a
    full build writes."""

    def __init__(self) -> None:
        self.entries: dict[str, list[dict]] = {}  # page URL -> its search entries
        self.files: Files | None = None  # this build's files (their order is the index's)
        self._index: object = None  # the search plugin's index of this build
        self._seen = 0  # how many of its entries belong to pages already recorded

    def page_built(self, page, search) -> None:
        """After the search plugin indexed `page` (an entry per section): keep its entries."""
        index = getattr(search, "search_index", None)
        if index is None:
            return
        if index is not self._index:  # a new build: the plugin's index starts empty
            self._index, self._seen = index, 0
        self.entries[page.url] = index.entries[self._seen:]
        self._seen = len(index.entries)

    def complete(self, search) -> None:
        """Before the search plugin writes its index: make it the index of every page."""
        index = getattr(search, "search_index", None)
        if index is None or self.files is None or not hasattr(search, "search_index_prev"):
            return
        urls = [file.page.url for file in self.files.documentation_pages(inclusion=lambda _: True)
                if file.page is not None]
        self.entries = {url: self.entries[url] for url in urls if url in self.entries}  # removed pages go
        index.entries = [entry for entries in self.entries.values() for entry in entries]
        search.search_index_prev = None  # nothing left to merge
        self.files = None  # the build's pages are not kept until the next one


def _search_plugin(config: MkDocsConfig):
    """Material's search plugin, if it is on."""
    return config.plugins.get("material/search")


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and Path(path).resolve().is_relative_to(folder.resolve())


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's `offline` plugin is on (a site to open from disk, not a server)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.get("enabled", True))


def _hand_written(config: MkDocsConfig, seeds: Path) -> list[str]:
    """Markdown pages an author wrote in docs/ (they join the nav after the generated ones);
    files that `exclude_docs` leaves out are not pages."""
    docs_dir = Path(config.docs_dir)
    if not docs_dir.is_dir() or docs_dir.resolve() == seeds.resolve():
        return []
    pages = (p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    excluded = config.exclude_docs
    return sorted(p for p in pages if excluded is None or not excluded.match_file(p))
