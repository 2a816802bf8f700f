"""Run the whole pipeline (read, analyse, assemble, render) on generated hostile articles, one
by one in a worker process with a time limit, and print the figures: inputs tried, crashes
(by distinct exception and place), hangs, and the slowest article.

    .venv/bin/python -m benchmarks.fuzz_hostile [N] [--timeout SECONDS]

Articles come from the Hypothesis strategies in tests/hostile.py (derandomized: the same N
gives the same articles). A failing article is saved under /tmp/dossier-fuzz/ to replay.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from tests.hostile import articles

SAVE = Path(tempfile.gettempdir()) / "dossier-fuzz"
CURATION = """\
title: Fuzz
topics:
  - id: main
    title: Main
    keywords: [the, killed]
    min_keywords: 1
entities:
  - name: Volodymyr Zelensky
    kind: person
    aliases: [Zelensky, the President]
"""


def generate(n: int) -> list[str]:
    texts: list[str] = []

    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck), derandomize=True)
    @given(articles())
    def collect(text: str) -> None:
        texts.append(text)

    collect()
    return texts


def run_one(text: str, folder: Path) -> None:
    """The whole pipeline on one article file."""
    from dossier.pipeline import build

    seeds = folder / "seeds"
    seeds.mkdir(exist_ok=True)
    for old in seeds.iterdir():
        old.unlink()
    (seeds / "article.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "dossier.yml").write_text(CURATION, encoding="utf-8")
    build(seeds, folder / "dossier.yml")


def worker(conn) -> None:
    folder = Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
    while True:
        text = conn.recv()
        if text is None:
            return
        started = time.perf_counter()
        try:
            run_one(text, folder)
            conn.send(("ok", time.perf_counter() - started, ""))
        except Exception as exc:  # noqa: BLE001 - every crash is counted and reported
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            place = f"{type(exc).__name__} at {Path(tb.filename).name}:{tb.lineno} {tb.name}"
            conn.send(("crash", time.perf_counter() - started, place))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    started = time.perf_counter()
    texts = generate(args.n)
    print(f"generated {len(texts)} articles in {time.perf_counter() - started:.0f} s "
          f"({sum(map(len, texts)) / max(1, len(texts)):,.0f} characters on average, "
          f"largest {max(map(len, texts)):,})", flush=True)
    SAVE.mkdir(exist_ok=True)
    crashes: Counter[str] = Counter()
    hangs = 0
    slowest = (0.0, -1)
    ctx = mp.get_context("fork")
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=worker, args=(child,), daemon=True)
    proc.start()
    for index, text in enumerate(texts):
        conn.send(text)
        if conn.poll(args.timeout):
            status, seconds, place = conn.recv()
            slowest = max(slowest, (seconds, index))
            if status == "crash":
                if place not in crashes:
                    (SAVE / f"crash-{index}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
                    print(f"  crash on article {index}: {place}", flush=True)
                crashes[place] += 1
        else:
            hangs += 1
            (SAVE / f"hang-{index}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
            print(f"  hang on article {index} (over {args.timeout:.0f} s, {len(text):,} characters)", flush=True)
            proc.kill()
            proc.join()
            conn, child = ctx.Pipe()
            proc = ctx.Process(target=worker, args=(child,), daemon=True)
            proc.start()
        if (index + 1) % 500 == 0:
            print(f"  {index + 1} done, {sum(crashes.values())} crashes, {hangs} hangs, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
    conn.send(None)
    proc.join(5)
    print(f"inputs tried: {len(texts)}; crashes: {sum(crashes.values())} ({len(crashes)} distinct); "
          f"hangs (over {args.timeout:.0f} s): {hangs}; slowest article: {slowest[0]:.2f} s (#{slowest[1]}); "
          f"total {time.perf_counter() - started:.0f} s")
    for place, count in crashes.most_common():
        print(f"  {count:5d}  {place}")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
