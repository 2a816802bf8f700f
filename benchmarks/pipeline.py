"""Speed and memory of dossier at N generated articles: `make bench` (BENCH_SIZES="100 1000").

For each N, in a temporary project made by `benchmarks/generate.py` (realistic generated
articles, deterministic), every step runs in a new process and is timed from outside:
- pipeline: `dossier build` cold (no analysis cache; the fastest of BENCH_COLD_RUNS, default
  2, since the machine's noise is larger than what is measured), then warm (cache filled), seconds,
  ms per article and peak RSS of the largest process, with the seconds of each stage; and
  the CPU a cold build spends per article (in all its processes) next to what the target of
  20 s for 10,000 articles allows on this machine's cores;
- rebuild: `dossier build` after one article changed (new process, warm cache), seconds and
  peak RSS;
- site: `mkdocs build` with the dossier plugin (warm cache, no PDF) next to plain MkDocs
  building the same generated Markdown with the same theme and a small nav (the floor,
  measured in the same run), and their ratio;
- serve: under `mkdocs serve --dirty` (no PDF), seconds from saving one article to its page
  served changed, and the CPU seconds the server spent meanwhile, three saves in a row, then
  two of a hand-written page of `docs/`, with the seconds of each build as the server logs them
  (MkDocs' whole build, and the briefing's pipeline within it), and the server's peak and
  resident memory once done (only for N <= BENCH_SERVE_MAX, default 1,000);
- scaling: at the end, time(N) / time(previous N) of those cold builds, wall and CPU;
- PDF: `dossier pdf` seconds and peak RSS (only for N <= BENCH_PDF_MAX, default 100; stopped
  past BENCH_PDF_LIMIT_GB of address space or BENCH_PDF_TIMEOUT seconds, and reported so).

Peak RSS is the largest single process (with the process pool, each worker is counted
apart). Seconds are wall-clock on whatever else the machine is doing: run it on a quiet
machine, and compare CPU seconds (also printed) when it is not.
Usage: python benchmarks/pipeline.py [N ...]
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    ok: bool
    note: str = ""
    err: str = ""  # what the command wrote on stderr

    def stages(self) -> str:
        """The stage timings `dossier` printed (DOSSIER_PROGRESS=1): "ingest 0.1, analyse 0.5 s"."""
        found = re.findall(r"dossier: (\w+)(?: [^:\r\n]*)?: ([0-9.]+) s", self.err)
        return ", ".join(f"{name} {seconds}" for name, seconds in found) + " s" if found else "not printed"


def measure(args: list[str], cwd: Path, env: dict[str, str] | None = None, *, limit_gb: float | None = None,
            timeout: float | None = None) -> Run:
    """Run a command in a new process; its wall and CPU seconds and the peak RSS of its
    largest process (os.wait4 reports the child and the children it waited for)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}

    def limits() -> None:
        if limit_gb:
            size = int(limit_gb * 1024 ** 3)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    started = time.perf_counter()
    with tempfile.TemporaryFile() as err_file:
        process = subprocess.Popen(args, cwd=cwd, env=environment, stdout=subprocess.DEVNULL,
                                   stderr=err_file, preexec_fn=limits)
        note = ""
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.perf_counter() - started > timeout:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                note = f"stopped after {timeout:.0f} s"
                break
            time.sleep(0.05)
        process.returncode = code = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    ok = code == 0 and not note
    if not ok and not note:
        last = (err.strip().splitlines() or [""])[-1][:120]
        note = f"stopped (memory limit?): {last}" if "MemoryError" in err or code < 0 else f"failed ({code}): {last}"
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, ok, note, err)


def _memory_mb(pid: int) -> tuple[float, float] | None:
    """A running process's peak and present resident memory in MiB (Linux's /proc: VmHWM and
    VmRSS; None elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M))
    if len(found) != 2:
        return None
    return int(found["VmHWM"]) / 1024, int(found["VmRSS"]) / 1024


def _cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds a running process has used (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


@dataclass(frozen=True)
class Save:
    """One save under `mkdocs serve`: seconds from the save to the page served changed, and
    the CPU seconds the server spent meanwhile (steadier on a busy machine; None without /proc);
    from the server's log, the seconds of the build (MkDocs' and the dossier plugin's) and of
    the briefing within it (None when not logged)."""

    seconds: float
    cpu: float | None
    built: float | None = None
    briefing: float | None = None


_BUILT = re.compile(r"dossier: site built in ([0-9.]+) seconds, the briefing ([0-9.]+) of them")


def _logged_build(log, builds: int, wait: float = 10.0) -> tuple[float | None, float | None]:
    """The seconds of the server's last build and of the briefing within it, as the dossier
    plugin logs them, once its log holds more than `builds` builds (logged as the pages are
    written, so a page may be served a moment before); (None, None) when not logged."""
    deadline = time.monotonic() + wait
    while True:
        built = _BUILT.findall(_text_of(log))
        if len(built) > builds:
            return float(built[-1][0]), float(built[-1][1])
        if time.monotonic() > deadline:
            return None, None
        time.sleep(0.05)


def _builds_logged(log) -> int:
    return len(_BUILT.findall(_text_of(log)))


def _text_of(log) -> str:
    """What the server has logged so far. Read at an offset (`pread`): the server writes through
    the same open file, whose position a seek would move under its next write."""
    fd = log.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace")


def serve_rebuild(project: Path, edits: int = 3, page_edits: int = 2,
                  memory: list[tuple[float, float]] | None = None) -> tuple[list[Save], list[Save]]:
    """Each of `edits` saves in a row of one article under `mkdocs serve --dirty` (what `make
    serve` runs; no PDF), then `page_edits` of a hand-written page (`docs/`): seconds to its
    page served changed, and the server's CPU seconds. `memory`: given, the server's peak and
    resident MiB once the saves are done are added to it (`_memory_mb`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    def fetch(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_PDF": "0"}
    args = [str(BIN / "mkdocs"), "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
    url = f"http://127.0.0.1:{port}/sources/a00002/"
    saves: list[Save] = []
    page_saves: list[Save] = []
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(args, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 1800
            while "a00002" not in fetch(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    return [], []
                time.sleep(0.5)
            seed = project / "seeds" / "a00002.txt"
            page = project / "docs" / "reference" / "export-schema.md"
            for n in range(edits + page_edits):
                file, served = (seed, url) if n < edits else (page, f"http://127.0.0.1:{port}/reference/export-schema/")
                time.sleep(3)  # let the watcher settle
                word = f"Benchmarkword{n}x{file.stat().st_size}"
                cpu = _cpu_seconds(server.pid)
                builds = _builds_logged(log)
                started = time.perf_counter()
                file.write_text(file.read_text(encoding="utf-8") + f"\nOfficials said {n + 4} people were hurt in {word}.\n",
                                encoding="utf-8")
                while word not in fetch(served):
                    if time.perf_counter() - started > 900:
                        return saves, page_saves
                    time.sleep(0.05)
                seconds = time.perf_counter() - started
                after = _cpu_seconds(server.pid)
                (saves if n < edits else page_saves).append(
                    Save(seconds, after - cpu if cpu is not None and after is not None else None,
                         *_logged_build(log, builds)))
        finally:
            if memory is not None and (used := _memory_mb(server.pid)) is not None:
                memory.append(used)
            server.terminate()
            server.wait(timeout=60)
    return saves, page_saves


def make_project(folder: Path, count: int) -> None:
    generate(count, folder)
    shutil.copytree(ROOT / "docs", folder / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("strict: true", "strict: false"), encoding="utf-8")


def make_floor(project: Path, pages: Path, floor: Path) -> None:
    """Plain MkDocs on the same generated Markdown: same theme, small nav, no dossier plugin."""
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(pages, floor / "docs", dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = config[config.index("  - dossier:"):config.index("markdown_extensions:")]
    config = config.replace(plugin, "\n")
    topics = sorted(p.name for p in (floor / "docs" / "topics").glob("*.md"))
    nav = ["nav:", "  - Briefing: index.md", "  - Topics:"] + [f"    - topics/{t}" for t in topics] + [
        "  - Figures: figures.md", "  - Timeline: timeline.md", "  - Entities: entities.md",
        "  - Sources: sources/index.md", "  - Methodology: methodology.md"]
    (floor / "mkdocs.yml").write_text(config + "\n" + "\n".join(nav) + "\n"
                                      + "not_in_nav: |\n  /sources/\n  /record/\n  /reference/\n",
                                      encoding="utf-8")


COLD_RUNS = max(1, int(os.environ.get("BENCH_COLD_RUNS", "2")))
COLD: dict[int, Run] = {}  # the fastest cold build of each size, for the scaling line


def scaling() -> list[str]:
    """time(N) / time(previous N) of the fastest cold builds, wall and CPU (the target: at most
    11 from 1,000 to 10,000 articles)."""
    sizes = sorted(COLD)
    return [f"scaling, cold: time({b:,}) / time({a:,}) = {COLD[b].seconds / COLD[a].seconds:.1f}"
            f" (cpu {COLD[b].cpu / COLD[a].cpu:.1f}) for {b / a:.0f} times the articles"
            for a, b in zip(sizes, sizes[1:]) if COLD[a].ok and COLD[b].ok and COLD[a].seconds and COLD[a].cpu]


def bench(count: int, pdf_max: int):
    """The lines of the report for `count` articles, each yielded as soon as it is measured."""
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        project = Path(tmp) / "project"
        make_project(project, count)
        dossier, mkdocs = str(BIN / "dossier"), str(BIN / "mkdocs")
        build_cmd = [dossier, "build", "--out", "out"]
        yield f"N = {count:,} articles"
        progress = {"DOSSIER_PROGRESS": "1"}
        colds = []
        for run in range(COLD_RUNS):  # the machine's noise is ±20% from run to run: the fastest counts
            shutil.rmtree(project / ".dossier", ignore_errors=True)  # no cache, no snapshot
            colds.append(measure(build_cmd, project, progress))
        cold = min(colds, key=lambda r: (not r.ok, r.seconds))
        COLD[count] = cold
        others = f" (of {', '.join(f'{r.seconds:.1f}' for r in colds)} s)" if len(colds) > 1 else ""
        yield (f"  pipeline cold   {cold.seconds:7.1f} s  {1000 * cold.seconds / count:6.1f} ms/article"
               f"  cpu {cold.cpu:7.1f} s  peak RSS {cold.peak_mb:6.0f} MB {cold.note}{others}")
        yield f"    its stages: {cold.stages()}"
        # what the 20-second target at 10,000 articles leaves each article on this machine's cores
        budget = 1000 * 20 * (os.cpu_count() or 1) / 10_000
        yield (f"    cpu per article {1000 * cold.cpu / count:.1f} ms (all processes; the target of"
               f" 20 s for 10,000 on {os.cpu_count()} cores allows {budget:.1f} ms)")
        warm = measure(build_cmd, project, progress)
        yield (f"  pipeline warm   {warm.seconds:7.1f} s  {1000 * warm.seconds / count:6.1f} ms/article"
               f"  cpu {warm.cpu:7.1f} s  peak RSS {warm.peak_mb:6.0f} MB {warm.note}")
        yield f"    its stages: {warm.stages()}"
        changed = project / "seeds" / "a00001.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOfficials said 7 more people were injured.\n",
                           encoding="utf-8")
        rebuild = measure(build_cmd, project, {"DOSSIER_PROGRESS": "1"})
        yield (f"  one article changed, new process: {rebuild.seconds:6.1f} s, cpu {rebuild.cpu:6.1f} s"
               f"  peak RSS {rebuild.peak_mb:6.0f} MB {rebuild.note}")  # (every other analysis read from the cache)
        yield f"    its stages: {rebuild.stages()}"
        site = measure([mkdocs, "build", "-q", "-d", "site"], project, {"DOSSIER_PDF": "0"})
        yield f"  mkdocs build    {site.seconds:7.1f} s  cpu {site.cpu:7.1f} s  peak RSS {site.peak_mb:6.0f} MB {site.note}"
        floor_dir = Path(tmp) / "floor"
        make_floor(project, project / "out", floor_dir)
        floor = measure([mkdocs, "build", "-q", "-d", "site"], floor_dir)
        pages = sum(1 for p in (project / "out").rglob("*.md"))
        largest = max(p.stat().st_size for p in (project / "out").rglob("*.md")) / 1024
        yield f"  plain MkDocs    {floor.seconds:7.1f} s  cpu {floor.cpu:7.1f} s  peak RSS {floor.peak_mb:6.0f} MB (floor: {pages:,} pages, largest {largest:,.0f} KB) {floor.note}"
        ratio = site.seconds / floor.seconds if floor.ok and floor.seconds else float("nan")
        cpu_ratio = site.cpu / floor.cpu if floor.ok and floor.cpu else float("nan")
        yield f"  ratio           {ratio:7.2f}  (cpu {cpu_ratio:.2f})"
        if count <= pdf_max:
            limit = float(os.environ.get("BENCH_PDF_LIMIT_GB", "3"))
            timeout = float(os.environ.get("BENCH_PDF_TIMEOUT", "600"))
            pdf = measure([dossier, "pdf", "--out", "briefing.pdf"], project, limit_gb=limit, timeout=timeout)
            yield f"  PDF             {pdf.seconds:7.1f} s  cpu {pdf.cpu:7.1f} s  peak RSS {pdf.peak_mb:6.0f} MB {pdf.note}"
        if count <= int(os.environ.get("BENCH_SERVE_MAX", "1000")):
            memory: list[tuple[float, float]] = []
            for label, served in zip(("one article changed", "a hand-written page changed"),
                                     serve_rebuild(project, memory=memory)):
                shown = ", ".join(f"{s.seconds:.1f}" for s in served) or "did not finish"
                cpu = ", ".join(f"{s.cpu:.1f}" for s in served if s.cpu is not None)
                yield (f"  {label}, under mkdocs serve --dirty: {shown} s (save to page served)"
                       + (f", server cpu {cpu} s" if cpu else ""))
                if served and all(s.built is not None and s.briefing is not None for s in served):
                    yield ("    logged by the server: the build " + ", ".join(f"{s.built:.2f}" for s in served)
                           + " s, of which the briefing (the dossier pipeline) "
                           + ", ".join(f"{s.briefing:.2f}" for s in served) + " s")
            if memory:
                yield f"  the server after the saves: peak RSS {memory[0][0]:,.0f} MB, resident {memory[0][1]:,.0f} MB"


def bench_default_pdf() -> str:
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "seeds", project / "seeds")
        shutil.copy(ROOT / "dossier.yml", project / "dossier.yml")
        shutil.copytree(ROOT / "docs", project / "docs")
        run = measure([str(BIN / "dossier"), "pdf", "--out", "briefing.pdf"], project)
        return (f"default dossier (5 seeds): PDF {run.seconds:.1f} s, cpu {run.cpu:.1f} s, "
                f"peak RSS {run.peak_mb:.0f} MB {run.note}")


def main(argv: list[str]) -> None:
    counts = [int(a) for a in argv] or [int(n) for n in os.environ.get("BENCH_SIZES", "100 1000").split()]
    pdf_max = int(os.environ.get("BENCH_PDF_MAX", "100"))
    print(f"dossier benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    print(bench_default_pdf(), flush=True)
    for count in counts:
        for line in bench(count, pdf_max):
            print(line, flush=True)
    for line in scaling():
        print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
