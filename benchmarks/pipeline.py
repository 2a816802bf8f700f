"""Speed and memory of the dossier pipeline (ingest -> analyse -> assemble -> render).

Makes N articles by copying the default seeds under new names (with a line that makes each
copy distinct), builds the dossier and its pages without MkDocs, and prints seconds, ms per
article and peak memory. Usage: python benchmarks/pipeline.py [N ...] (default 5 100 500).
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.analyse import _CACHE  # noqa: E402
from dossier.pipeline import build  # noqa: E402


def make_seeds(folder: Path, count: int) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for index in range(count):
        source = seeds[index % len(seeds)]
        text = source.read_text(encoding="utf-8")
        extra = f"\n\nCopy {index} of the article was filed by desk {index % 17}.\n"
        (folder / f"{index:05d}_{source.stem[4:]}.txt").write_text(text + extra, encoding="utf-8")


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        make_seeds(seeds, count)
        _CACHE.clear()
        started = time.perf_counter()
        result = build(seeds, ROOT / "dossier.yml", pdf=False)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        build(seeds, ROOT / "dossier.yml", pdf=False)
        warm = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{count:6d} articles: {cold:7.2f} s cold ({1000 * cold / count:6.1f} ms/article), "
        f"{warm:7.2f} s warm (analysis cached), {len(result.pages):6d} files, "
        f"peak RSS {peak_mb:7.1f} MB"
    )


def main(argv: list[str]) -> None:
    counts = [int(a) for a in argv] or [5, 100, 500]
    for count in counts:
        run(count)
    shutil.rmtree(ROOT / ".benchmarks", ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
