"""The named hostile cases of issue 13, each run through the pipeline with its time, the process's
peak memory so far and outcome; and the bytes opened outside the seeds folder while reading a folder
that links to /etc/passwd, /dev/zero, a FIFO and a file beside it (via an audit hook on every
`open`).

    .venv/bin/python -m benchmarks.hostile_cases [PARAGRAPHS]   (default 10,000)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import resource
from pathlib import Path

from dossier.curation.schema import parse_curation
from dossier.errors import DossierError
from dossier.ingest import read_seeds
from dossier.pipeline import build

CURATION = "title: Cases\ntopics:\n  - id: main\n    title: Main\n    keywords: [killed]\n    min_keywords: 1\n"


def _case(name: str, files: dict[str, str], curation: str = CURATION) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for file, text in files.items():
            (seeds / file).write_text(text, encoding="utf-8")
        config = Path(tmp) / "dossier.yml"
        config.write_text(curation, encoding="utf-8")
        started = time.perf_counter()
        try:
            result = build(seeds, config)
            outcome = (f"ok: {len(result.dossier.articles)} articles, "
                       f"{sum(len(a.paragraphs) for a in result.dossier.articles):,} paragraphs, "
                       f"largest page {max(len(p) for p in result.pages.values()):,} characters, "
                       f"{len(result.dossier.notices)} notices")
        except DossierError as exc:
            outcome = f"refused (exit 2): {str(exc).splitlines()[0][:90]}"
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        print(f"{name:48s} {seconds:7.2f} s {peak:8.0f} MB  {outcome}", flush=True)


def _outside_reads() -> None:
    opened: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        (seeds / "ok.txt").write_text(" date 2025-01-01 The strike killed 4 people.")
        (Path(tmp) / "beside.txt").write_text("SECRET")
        (seeds / "passwd.txt").symlink_to("/etc/passwd")
        (seeds / "zero.txt").symlink_to("/dev/zero")
        (seeds / "beside.txt").symlink_to(Path(tmp) / "beside.txt")
        (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
        os.mkfifo(seeds / "pipe.txt")
        curation = parse_curation(CURATION)
        root = seeds.resolve()

        def hook(event: str, args: tuple) -> None:
            if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
                opened.append(os.fsdecode(args[0]))

        sys.addaudithook(hook)
        started = time.perf_counter()
        articles, notices = read_seeds(seeds, curation)
        seconds = time.perf_counter() - started
        outside = [p for p in opened if not Path(os.path.realpath(p)).is_relative_to(root)]
        size = sum(Path(p).stat().st_size for p in outside if Path(p).is_file())
        print(f"{'seeds/ with links out, /dev/zero, FIFO, loop':48s} {seconds:7.2f} s"
              f"           ok: {len(articles)} article, {sum(n.skipped for n in notices)} skipped; "
              f"files opened outside seeds/: {len(outside)}, bytes read outside seeds/: {size}")


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sentences = "He ran. " * (254_000 // 8)
    print(f"{'case':48s} {'time':>9s} {'peak RSS so far':>11s}  outcome")
    _case("one paragraph of short sentences (254 KB)", {"a.txt": " date 2025-01-01 " + sentences})
    _case(f"{paragraphs:,} paragraphs", {"a.txt": " date 2025-01-01 " + "\n\n".join(
        f"The strike on day {i} killed {i % 50 + 2} people, officials said." for i in range(paragraphs))})
    _case("a 1 MB word", {"a.txt": " date 2025-01-01 The strike killed 4 people. " + "x" * 1_000_000})
    _case("front-matter alias bomb (354 bytes)", {"a.md": "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
          + "".join(f"{c}: &{c} [{(',').join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh"))
          + "title: *h\n---\nThe strike killed 4 people.\n"})
    _case("10 MB curation file", {"a.txt": "The strike killed 4 people."},
          CURATION + "# " + "x" * 10_000_000 + "\n")
    _case("curation: 20,000 nested brackets", {"a.txt": "x"}, CURATION + "subtitle: " + "[" * 20_000 + "]" * 20_000)
    _outside_reads()


if __name__ == "__main__":
    main()
