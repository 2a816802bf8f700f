"""Figure groups at scale: time and peak memory of `group_figures` on one large group.

Agreement is computed by sorting, never by enumerating pairs of figures (the pairwise version
held n²/2 pairs: 2.5 million for the 2,219 figures of the largest group at 1,000 articles;
measured on this data on 2026-11-22: 3.05 CPU s and 160 MB peak for those 2,219 figures,
against 0.03 s and 0.7 MB now). Prints one line per size; run
`python -m benchmarks.figure_groups`.
"""

from __future__ import annotations

import random
import time
import tracemalloc

from dossier.assemble.figures import group_figures
from dossier.curation import default_metrics
from dossier.curation.model import Curation
from dossier.model import Figure, FuzzyDate, SourceRef

QUALIFIERS = ["exact", "exact", "exact", "more_than", "at_least", "approx", "almost"]


def figures(n: int, seed: int = 12) -> tuple[Figure, ...]:
    """n figures of one metric about one thing: a toll rising over 20 days, 60 claimants."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = 1 + i % 20
        out.append(Figure(
            id=f"f{i}", source=SourceRef(f"a{i // 3}", 1 + i % 3, 0, 2), value=float(10 * day + rng.randint(0, 9)),
            value_max=None, qualifier=rng.choice(QUALIFIERS), unit="people", metric="killed", label="Killed",
            subject="people", claimant=f"Claimant {rng.randint(0, 59)}",
            claimant_kind=rng.choice(["person", "organisation", "outlet"]), as_of=FuzzyDate(2026, 11, day),
            as_of_stated=False, sentence="s", text="t", counted="people", place="Kessaran"))
    return tuple(out)


def main() -> None:
    curation = Curation(title="bench", metrics=default_metrics())
    print(f"{'figures':>8} {'groups':>6} {'CPU s':>8} {'peak MB':>8}  agreement")
    for n in (2_219, 20_000, 100_000):
        data = figures(n)
        start = time.process_time()
        groups = group_figures(data, curation)
        seconds = time.process_time() - start  # CPU seconds: the machine may be shared
        tracemalloc.start()  # memory in a second run: tracing slows Python down several times
        group_figures(data, curation)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{n:>8,} {len(groups):>6} {seconds:>8.2f} {peak:>8.1f}  {groups[0].agreement}")


if __name__ == "__main__":
    main()
