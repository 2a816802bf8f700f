"""`mkdocs serve` watches seeds/ and dossier.yml and rebuilds once per change, never in a loop."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pypdf
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def saved_slowly(path: Path, text: str) -> None:
    """Save `text` at the end of the file as many editors and copies save: the file opened
    emptied, then written a moment later (here 0.3 s, as a busy machine may pause a writer:
    longer than MkDocs waits for a burst of events to end). One save, one build, of the file
    as saved: the empty file in between is not reported (`dossier.plugin._Notified`)."""
    content = path.read_text(encoding="utf-8") + text
    with path.open("w", encoding="utf-8") as handle:
        time.sleep(0.3)
        handle.write(content)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "dossier.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def mkdocs_serve(folder: Path, port: int, log: Path, env: dict[str, str], *options: str) -> subprocess.Popen:
    """`mkdocs serve --livereload` in `folder` on a loopback port, its output in `log`."""
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", *options, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env,
        )


def test_serve_stopped_by_sigterm_leaves_no_folder_behind(project: Path):
    """An editor's stop button, `kill` or a container stopping sends SIGTERM: the server ends
    as with Ctrl-C, and neither MkDocs' site folder nor dossier's page and PDF folders stay in
    the temporary folder (each session at 1,000 articles left 54 MB there)."""
    temporary = project / "tmp"
    temporary.mkdir()
    port = free_port()
    log = project / "serve.log"
    # (the PDF on: it is typeset in the background after the first build, so it is still being
    # typeset when the server is stopped, and must not be written into the removed site folder)
    env = {**os.environ, "DOSSIER_PDF": "1", "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    server = mkdocs_serve(project, port, log, env, "--dirty", "--no-strict")  # as `make serve`
    try:
        url = f"http://127.0.0.1:{port}/sources/003_8d79e1fded180656/"
        assert wait_for(lambda: "Novyny.LIVE" in fetch(url), 90), log.read_text()
        made = sorted(p.name for p in temporary.iterdir())
        assert all(any(name.startswith(prefix) for name in made) for prefix in ("mkdocs_", "dossier-pages-", "dossier-pdf-")), made
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0, log.read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=20)
    assert "Shutting down" in log.read_text() and "Traceback" not in log.read_text(), log.read_text()
    assert list(temporary.iterdir()) == []


def test_serve_rebuilds_once_when_a_seed_changes(project: Path):
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "DOSSIER_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    server = mkdocs_serve(project, port, log, env)
    try:
        url = f"http://127.0.0.1:{port}/sources/003_8d79e1fded180656/"
        assert wait_for(lambda: "Novyny.LIVE" in fetch(url), 90), log.read_text()
        builds = lambda: log.read_text().count("Building documentation")
        assert builds() == 1
        seed = project / "seeds" / "003_8d79e1fded180656.txt"
        saved_slowly(seed, "\n\nThe Zaporizhzhiatestword paragraph was added later.\n")
        assert wait_for(lambda: "Zaporizhzhiatestword" in fetch(url), 90), log.read_text()
        time.sleep(6)  # a rebuild loop would show up as more builds by now
        assert builds() == 2, log.read_text()
        # a hand-written page saved: the site is built again, the briefing is not
        page = project / "docs" / "reference" / "export-schema.md"
        saved_slowly(page, "\nA Handwrittentestword note.\n")
        served = f"http://127.0.0.1:{port}/reference/export-schema/"
        assert wait_for(lambda: "Handwrittentestword" in fetch(served), 90), log.read_text()
        time.sleep(3)
        assert builds() == 3, log.read_text()
        assert log.read_text().count("as the last build read them: its pages stand") == 1
        # each build tells its seconds and the briefing's part of them (the bench reads them)
        assert len(re.findall(r"dossier: site built in [0-9.]+ seconds, the briefing [0-9.]+ of them", log.read_text())) == 3
        assert "Zaporizhzhiatestword" in fetch(url)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_of_a_new_dossier_does_not_wait_for_the_pdf_and_rebuilds_once(tmp_path: Path):
    """`dossier new` layout (docs_dir: seeds): pages first, the PDF typeset in the background."""
    from dossier.new import new_dossier
    from tests.conftest import FIXTURES

    new_dossier(tmp_path, "Ternopil strike")
    for seed in (FIXTURES / "ingest" / "seeds").iterdir():
        shutil.copy(seed, tmp_path / "seeds" / seed.name)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DOSSIER_PDF", None)
    server = mkdocs_serve(tmp_path, port, log, env)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "Ternopil strike" in fetch(base), 90), log.read_text()
        built = log.read_text()
        assert "Serving on" in built or "Documentation built" in built

        def pdf_ready() -> bool:
            with urllib.request.urlopen(base + "briefing.pdf", timeout=5) as response:
                data = response.read()
            if not data.rstrip().endswith(b"%%EOF"):
                return False  # the placeholder served until the background job is done
            return len(pypdf.PdfReader(io.BytesIO(data)).pages) > 1

        assert wait_for(pdf_ready, 180), log.read_text()
        assert "briefing.pdf:" in log.read_text()  # "N pages in S s", logged by the background job
        builds = lambda: log.read_text().count("Building documentation")
        assert builds() == 1
        seed = tmp_path / "seeds" / "ternopil-menafn.txt"
        saved_slowly(seed, "\nThe Zaporizhzhiatestword paragraph was added later.\n")
        page = base + "sources/ternopil-menafn/"
        assert wait_for(lambda: "Zaporizhzhiatestword" in fetch(page), 90), log.read_text()
        time.sleep(6)
        assert builds() == 2, log.read_text()
        assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == sorted(
            p.name for p in (FIXTURES / "ingest" / "seeds").iterdir())  # nothing written into seeds/
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_dirty_builds_again_only_the_pages_a_save_changed(project: Path):
    """`mkdocs serve --dirty` (what `make serve` runs): the generated pages are files that are
    rewritten only when their Markdown changes, so a save rebuilds the edited article's source
    page and the pages that summarise it, never the other articles' pages."""
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "DOSSIER_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-v", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    try:
        url = f"http://127.0.0.1:{port}/sources/003_8d79e1fded180656/"
        assert wait_for(lambda: "Novyny.LIVE" in fetch(url), 90), log.read_text()
        first = log.read_text()
        built_first = {line.split("Building page ")[1].strip() for line in first.splitlines() if "Building page " in line}
        assert "sources/001_51b9b6dadb1c8773.md" in built_first and len(built_first) > 10
        seed = project / "seeds" / "003_8d79e1fded180656.txt"
        seed.write_text(seed.read_text() + "\n\nThe Zaporizhzhiatestword paragraph was added later.\n")
        assert wait_for(lambda: "Zaporizhzhiatestword" in fetch(url), 90), log.read_text()
        time.sleep(3)
        second = log.read_text()[len(first):]
        changed = next(line for line in second.splitlines() if "dossier: changed: " in line)
        changed = set(changed.split("dossier: changed: ")[1].split())
        assert "sources/003_8d79e1fded180656.md" in changed, second
        assert not {p for p in changed if p.startswith("sources/0") and "003_" not in p}, changed  # other articles
        pages = {p for p in changed if p.endswith(".md")}
        assert len(pages) < len(built_first) / 2, changed
        # MkDocs built those pages again, and only those (one search-index event per page built)
        assert second.count("Running `page_context` event from plugin 'material/search'") == len(pages), second
        # an untouched article's page is still served, whole
        assert "Censor.NET" in fetch(f"http://127.0.0.1:{port}/sources/001_51b9b6dadb1c8773/")
    finally:
        server.terminate()
        server.wait(timeout=20)


def serve_builds(folder: Path, site: Path):
    """Build `folder` as `mkdocs serve --dirty` does, in this process: the first build, then
    `rebuild()` after each change (the configuration is read again, the plugins are kept)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    serve_url = "http://127.0.0.1:8000/"
    config = None

    def rebuild():
        nonlocal config
        fresh = load_config(str(folder / "mkdocs.yml"), site_dir=str(site), strict=False)
        fresh.site_url = serve_url
        if config is None:
            fresh.plugins.on_startup(command="serve", dirty=True)
        config = fresh
        build(config, serve_url=serve_url, dirty=True)
        return config

    return rebuild


def full_build(folder: Path, site: Path, site_url: str = "http://127.0.0.1:8000/") -> None:
    """`mkdocs build` (clean, not dirty) of `folder` into `site`, in this process (with the
    `site_url` that `serve` sets)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(folder / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.site_url = site_url
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def search_docs(site: Path) -> list[dict]:
    import json

    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_serve_dirty_search_index_is_the_full_builds_after_a_save(project: Path, tmp_path: Path, monkeypatch):
    """A save rebuilds several pages (the article's and the pages that summarise it); the search
    index then still has each page once, as it is now: the one a full build writes."""
    monkeypatch.setenv("DOSSIER_PDF", "0")
    monkeypatch.chdir(project)
    rebuild = serve_builds(project, tmp_path / "served")
    rebuild()
    seed = project / "seeds" / "003_8d79e1fded180656.txt"
    seed.write_text(seed.read_text() + "\n\nThe Zaporizhzhiatestword paragraph was added later: 12 people were injured.\n")
    rebuild()
    served = search_docs(tmp_path / "served")
    full_build(project, tmp_path / "full")
    full = search_docs(tmp_path / "full")
    assert any("Zaporizhzhiatestword" in doc["text"] for doc in served)
    assert len({doc["location"] for doc in served}) == len(served)  # no section twice
    assert served == full


def test_serve_dirty_writes_the_pages_a_save_changed_as_a_full_build_does(project: Path, tmp_path: Path, monkeypatch):
    """Each page a dirty rebuild writes is the one a full build writes: the nav names the pages
    that the rebuild did not read (the hand-written reference pages) by their titles, not "None"."""
    monkeypatch.setenv("DOSSIER_PDF", "0")
    monkeypatch.chdir(project)
    served = tmp_path / "served"
    rebuild = serve_builds(project, served)
    rebuild()
    seed = project / "seeds" / "003_8d79e1fded180656.txt"
    seed.write_text(seed.read_text() + "\n\nThe Zaporizhzhiatestword paragraph was added later.\n")
    saved = time.time()
    time.sleep(0.01)
    rebuild()
    full_build(project, tmp_path / "full")
    written = [p.relative_to(served).as_posix() for p in served.rglob("*.html") if p.stat().st_mtime > saved]
    assert "sources/003_8d79e1fded180656/index.html" in written and "index.html" in written
    assert "sources/001_51b9b6dadb1c8773/index.html" not in written
    for page in written:
        assert (served / page).read_text() == (tmp_path / "full" / page).read_text(), page
    assert "Export schema" in (served / "index.html").read_text()


def test_serve_dirty_reuses_the_lines_it_parsed_and_still_writes_a_full_builds_pages(project: Path, tmp_path: Path,
                                                                                    monkeypatch):
    """From the second save on, a page converted again takes what the inline parser made of its
    unchanged lines from the save before (`dossier.inline_reuse`; the first build keeps
    nothing); the pages written are still those of a full build, and the PDF, typeset in
    another thread, is converted without it."""
    from types import SimpleNamespace

    import dossier.pdf
    from dossier.inline_reuse import InlineReuseExtension

    monkeypatch.setenv("DOSSIER_PDF", "0")
    monkeypatch.chdir(project)
    served = tmp_path / "served"
    rebuild = serve_builds(project, served)
    config = rebuild()
    plugin = config.plugins["dossier"]
    assert not [e for e in config.markdown_extensions if isinstance(e, InlineReuseExtension)]
    seed = project / "seeds" / "003_8d79e1fded180656.txt"
    text = seed.read_text()
    reused = []
    for n in range(3):
        seed.write_text(text + f"\n\nThe Zaporizhzhiatestword{n} paragraph: {n + 12} people were injured.\n")
        saved = time.time()
        time.sleep(0.01)
        config = rebuild()
        assert len([e for e in config.markdown_extensions if isinstance(e, InlineReuseExtension)]) == 1
        reused.append((plugin.inline.reused, plugin.inline.parsed))
    # the first save parses most lines again (the first build kept none: only lines its pages
    # share are reused), the next ones few (the edited article's page, its topics', the home page)
    assert reused[0][1] > 500, reused
    for again, parsed in reused[1:]:
        assert again > 10 * parsed, reused
    full_build(project, tmp_path / "full")
    written = [p.relative_to(served).as_posix() for p in served.rglob("*.html") if p.stat().st_mtime > saved]
    assert "sources/003_8d79e1fded180656/index.html" in written and "index.html" in written
    for page in written:
        assert (served / page).read_text() == (tmp_path / "full" / page).read_text(), page
    given = []
    monkeypatch.setattr(dossier.pdf, "build_pdf", lambda *args, **kwargs: given.append(args[3]) or
                        SimpleNamespace(pages=1, seconds=0.0))
    plugin._pdf_file(config)
    assert given and not [e for e in given[0] if isinstance(e, InlineReuseExtension)]
    assert list(given[0]) == [e for e in config.markdown_extensions if not isinstance(e, InlineReuseExtension)]


def test_a_generated_page_written_again_is_a_new_file_and_its_last_one_goes(monkeypatch):
    """Under `mkdocs serve --dirty` a page whose Markdown changed is written as a new file (never
    rewritten in place: the file system then writes it out at once), the last one removed; an
    unchanged page keeps its file, and MkDocs leaves it alone."""
    from dossier.plugin import PageFolder

    real = Path.write_bytes
    monkeypatch.setattr(Path, "write_bytes", lambda self, data: real(self, data) if not self.exists() else 1 / 0)
    folder = PageFolder()
    try:
        first = folder.write("sources/a.md", b"One.")
        assert folder.write("sources/a.md", b"One.") == first and folder.changed == ["sources/a.md"]
        written = [first]
        for text in (b"Two.", b"Three.", b"Four."):
            path = folder.write("sources/a.md", text)
            assert Path(path).read_bytes() == text and path != written[-1] and not Path(written[-1]).exists()
            written.append(path)
        assert folder.changed == ["sources/a.md"] * 4
        folder.touch_all()  # (a changed nav: every page written again)
        again = folder.write("sources/a.md", b"Four.")
        assert again != written[-1] and Path(again).read_bytes() == b"Four." and len(folder.changed) == 5
    finally:
        folder.remove()
    assert not folder.root.exists()


def test_serve_compiles_the_themes_templates_once(project: Path, tmp_path: Path, monkeypatch):
    """MkDocs makes a new theme environment for each build; a save does not compile Material's
    templates again (their compiled code is kept for the builds of one `mkdocs serve`)."""
    import jinja2

    monkeypatch.setenv("DOSSIER_PDF", "0")
    monkeypatch.chdir(project)
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    rebuild = serve_builds(project, tmp_path / "served")
    rebuild()
    assert {"main.html", "base.html", "404.html"} <= set(compiled)
    seed = project / "seeds" / "003_8d79e1fded180656.txt"
    seed.write_text(seed.read_text() + "\n\nThe Zaporizhzhiatestword paragraph was added later.\n")
    compiled.clear()
    rebuild()
    assert "Zaporizhzhiatestword" in (tmp_path / "served" / "sources/003_8d79e1fded180656/index.html").read_text()
    assert not {"main.html", "base.html", "404.html", "partials/nav.html"} & set(compiled), compiled


class Recorder:
    """Stands in for MkDocs' handler: the events passed on to it."""

    def __init__(self) -> None:
        self.events: list = []

    def dispatch(self, event) -> None:
        self.events.append(event)


def test_serve_sees_a_save_at_once_and_reports_it_once(tmp_path: Path):
    """Seeds are watched with the system's notifications as well as MkDocs' polling: a save is
    reported before the next poll (here 30 s away), reading a file is not a change, and the same
    save seen by both is passed on once."""
    from watchdog.events import FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileOpenedEvent
    from watchdog.observers.polling import PollingObserver

    from dossier.plugin import Watchers

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("One.\n")
    slow = Watchers(PollingObserver(timeout=30))
    recorder = Recorder()
    slow.schedule(recorder, str(seeds), recursive=True)
    woken = []
    first_report = slow.first_report
    slow.first_report = lambda event: woken.append(event) or first_report(event)
    slow.start()
    try:
        time.sleep(0.2)
        (seeds / "a.txt").read_text()  # each build reads every seed: no event at all
        time.sleep(0.3)
        assert recorder.events == [] and woken == []
        (seeds / "a.txt").write_text("One.\nTwo.\n")
        assert wait_for(lambda: recorder.events, 2)
    finally:
        slow.stop()
        slow.join()
    # the same save, seen by the notifications and then by a poll, is passed on once
    watchers = Watchers(PollingObserver(timeout=30))
    seed = str(seeds / "b.txt")
    (seeds / "b.txt").write_text("Three.\n")
    assert watchers.first_report(FileCreatedEvent(seed))
    assert not watchers.first_report(FileModifiedEvent(seed))  # the poll, later
    assert not watchers.first_report(FileOpenedEvent(seed))
    (seeds / "b.txt").write_text("Three.\nFour.\n")
    assert watchers.first_report(FileModifiedEvent(seed))
    (seeds / "b.txt").unlink()
    assert watchers.first_report(FileDeletedEvent(seed))
    assert not watchers.first_report(FileDeletedEvent(seed))


def test_a_save_that_empties_the_file_first_is_reported_once_it_is_closed(tmp_path: Path, monkeypatch):
    """Where notifications tell when a written file is closed (inotify), a save that opens the
    file emptied, pauses, then writes it is reported once, as saved (reported at once, the empty
    file was built, then the written one); a writer that keeps the file open is reported after
    HOLD seconds; a deletion is reported at once, and nothing held is reported once the watchers stop."""
    from watchdog.observers.polling import PollingObserver

    from dossier import plugin

    monkeypatch.setattr(plugin, "HOLD", 0.6)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / "a.txt"
    seed.write_text("One.\n")
    watchers = plugin.Watchers(PollingObserver(timeout=30))
    if not watchers.closes:
        pytest.skip("this system's notifications do not tell when a file is closed")
    recorder = Recorder()
    watchers.schedule(recorder, str(seeds), recursive=True)
    watchers.start()
    try:
        time.sleep(0.2)
        with seed.open("w", encoding="utf-8") as handle:  # emptied
            time.sleep(0.4)  # (MkDocs would have built by now what was reported)
            assert recorder.events == []
            handle.write("One.\nTwo.\n")
        assert wait_for(lambda: recorder.events, 2)
        time.sleep(0.8)  # (past HOLD: the held change is not reported again)
        assert [e.event_type for e in recorder.events] == ["closed"]
        assert watchers._states[str(seed)] == plugin._file_state(str(seed))  # as saved
        # a writer that keeps the file open: reported after HOLD all the same
        handle = seed.open("a", encoding="utf-8")
        handle.write("Three.\n")
        handle.flush()
        started = time.monotonic()
        assert wait_for(lambda: len(recorder.events) == 2, 3)
        assert time.monotonic() - started >= 0.5
        assert recorder.events[-1].event_type == "modified"
        handle.close()  # (the same state: not reported again)
        time.sleep(0.3)
        assert len(recorder.events) == 2
        seed.unlink()
        assert wait_for(lambda: len(recorder.events) == 3, 2)
        assert recorder.events[-1].event_type == "deleted"
        held = (seeds / "b.txt").open("w")  # created, and held while it is open
        time.sleep(0.2)
    finally:
        watchers.stop()
        watchers.join()
    time.sleep(0.8)
    held.close()
    assert len(recorder.events) == 3
    assert watchers.closes == sys.platform.startswith("linux")


def test_serve_polls_a_folder_slower_once_its_notifications_come(tmp_path: Path):
    """A folder is polled at MkDocs' pace until a notification comes from it, then every
    FALLBACK_POLL seconds (each poll stats every seed); a save is still reported after the move,
    and a folder that is no longer watched is neither polled nor notified. A folder whose
    notifications never come is polled at MkDocs' pace still."""
    from watchdog.observers.polling import PollingObserver

    from dossier.plugin import FALLBACK_POLL, Watchers

    def polled(observer) -> set[str]:
        return {emitter.watch.path for emitter in observer.emitters}

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("One.\n")
    watchers = Watchers(PollingObserver(timeout=30))
    recorder = Recorder()
    watch = watchers.schedule(recorder, str(seeds), recursive=True)
    watchers.start()
    try:
        assert polled(watchers.polling) == {str(seeds)} and not polled(watchers.fallback)
        assert watchers.fallback.timeout == FALLBACK_POLL
        (seeds / "a.txt").write_text("One.\nTwo.\n")
        assert wait_for(lambda: recorder.events, 2)
        assert wait_for(lambda: polled(watchers.fallback) == {str(seeds)}, 2)
        assert not polled(watchers.polling)
        reported = len(recorder.events)
        (seeds / "a.txt").write_text("Three.\n")  # notified still, at once
        assert wait_for(lambda: len(recorder.events) > reported, 2)
        watchers.unschedule(watch)
        assert not polled(watchers.fallback) and not polled(watchers.polling) and not polled(watchers.native)
    finally:
        watchers.stop()
        watchers.join()

    # a notification that comes as the server stops (its thread moves the folder after the
    # observers let go of every watch) moves nothing, and raises nothing
    late = Watchers(PollingObserver(timeout=30))
    watch = late.schedule(Recorder(), str(seeds), recursive=True)
    late.start()
    late.stop()
    late.join()
    late._poll_slower(watch, None)
    assert not polled(late.fallback) and not late._fallback_watches

    # no notifications (a file system they do not reach): the poll finds the save, and stays
    quiet = Watchers(PollingObserver(timeout=0.1))
    quiet.native.schedule = lambda *args, **kwargs: (_ for _ in ()).throw(OSError("no notifications here"))
    recorder = Recorder()
    quiet.schedule(recorder, str(seeds), recursive=True)
    quiet.start()
    try:
        time.sleep(0.3)
        (seeds / "a.txt").write_text("Four.\n")
        assert wait_for(lambda: recorder.events, 2)
        time.sleep(0.3)
        assert polled(quiet.polling) == {str(seeds)} and not polled(quiet.fallback)
    finally:
        quiet.stop()
        quiet.join()


def test_the_slower_poll_looks_at_a_folder_between_builds_only(tmp_path: Path, monkeypatch):
    """Once a folder's notifications come, its slower poll waits while a build runs (at 10,000
    seeds a poll beside the build's own reading of the seeds slowed both): not one snapshot is
    taken during a build, neither the first nor a later one, and a change made meanwhile is
    reported by the first poll after it."""
    import watchdog.observers.polling as polling

    from dossier import plugin

    taken = []
    real = polling.DirectorySnapshot
    monkeypatch.setattr(polling, "DirectorySnapshot",
                        lambda *args, **kwargs: taken.append(plugin._BETWEEN_BUILDS.is_set()) or real(*args, **kwargs))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("One.\n")
    poll = plugin._SlowerPoll(0.05)
    recorder = Recorder()
    poll.start()
    plugin._BETWEEN_BUILDS.clear()  # a build runs
    try:
        poll.schedule(recorder, str(seeds), recursive=True)  # (moved to the slower poll during a build)
        time.sleep(0.4)
        assert taken == []  # not even the first snapshot
        plugin._BETWEEN_BUILDS.set()  # the build is done
        assert wait_for(lambda: len(taken) >= 2, 5)  # the first snapshot, then polls
        plugin._BETWEEN_BUILDS.clear()  # the next build
        time.sleep(0.2)  # (a poll under way ends)
        polls = len(taken)
        (seeds / "a.txt").write_text("One.\nTwo.\n")
        time.sleep(0.4)
        assert len(taken) == polls and recorder.events == []
        plugin._BETWEEN_BUILDS.set()
        assert wait_for(lambda: recorder.events, 5)
        assert all(taken)
    finally:
        plugin._BETWEEN_BUILDS.set()
        poll.stop()
        poll.join()


def test_a_build_that_fails_lets_the_slower_poll_go_on(project: Path, monkeypatch):
    """The plugin marks a build from `on_config` until MkDocs has written the pages; a build
    that fails, in the pipeline or later in MkDocs, leaves the slower poll free again."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from dossier import plugin
    from dossier.errors import DossierError

    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    seen = []

    def failing(*args, **kwargs):
        seen.append(plugin._BETWEEN_BUILDS.is_set())
        raise DossierError("seeds/bad.txt, line 1: broken")

    monkeypatch.setattr(plugin, "build", failing)
    with pytest.raises(Abort):
        mkdocs_build(config)
    assert seen == [False] and plugin._BETWEEN_BUILDS.is_set()


def test_serve_watches_the_seeds_with_notifications_unless_turned_off(project: Path, monkeypatch):
    """With notifications a save (of a seed or of a hand-written page) is seen at once, and the
    rebuild starts after SETTLE seconds of quiet instead of MkDocs' tenth of a second; without
    them MkDocs' pace is kept."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    from dossier.plugin import SETTLE, Watchers

    monkeypatch.chdir(project)
    for on in (True, False):
        config = load_config(str(project / "mkdocs.yml"))
        plugin = config.plugins["dossier"]
        plugin.config.notifications = on
        plugin.on_config(config)
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(project))
        server.watch(config.docs_dir)
        default = server.build_delay
        plugin.on_serve(server, config, None)
        assert isinstance(server.observer, Watchers) == on
        assert server.build_delay == (SETTLE if on else default) and SETTLE < default
        if on:
            watched = {emitter.watch.path for emitter in server.observer.native.emitters}
            assert {str(project / "seeds"), str(project / "docs")} <= watched
            # (MkDocs' own poll of docs/ was moved to the watchers: one watch of the folder each)
            assert [e.watch.path for e in server.observer.polling.emitters].count(str(project / "docs")) == 1
        server.server_close()
