"""Time statement clustering on 1,000 and 10,000 synthetic articles.

Each article has 20 sentences (5 paragraphs of 4) drawn from a fixed vocabulary; one sentence
in five comes from a shared pool of statements, lightly paraphrased (a content word swapped
or dropped), so real clusters exist across articles. Prints the time per size and the ratio:
near-linear scaling means a ratio near 10 for 10x the data.

Run: .venv/bin/python benchmarks/clustering.py [sizes...]
"""

from __future__ import annotations

import random
import sys
import time

from dossier.assemble.clusters import cluster_statements
from dossier.model import Article, FuzzyDate, Paragraph

SENTENCES = 20
SHARED_EVERY = 5
FUNCTION_WORDS = "the a of to in and on for with that is was by from at as has have will".split()


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vor", "gel", "pin", "dra", "zu", "kel", "ost", "mar"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def sentence(rng: random.Random, words: list[str]) -> list[str]:
    out = []
    for _ in range(rng.randint(10, 16)):
        out.append(rng.choice(FUNCTION_WORDS) if rng.random() < 0.4 else rng.choice(words))
    if rng.random() < 0.3:
        out.insert(rng.randrange(len(out)), str(rng.randint(2, 5000)))
    return out


def paraphrase(rng: random.Random, words: list[str], base: list[str]) -> list[str]:
    out = list(base)
    content = [i for i, w in enumerate(out) if w not in FUNCTION_WORDS and not w.isdigit()]
    if rng.random() < 0.5 and content:
        out[rng.choice(content)] = rng.choice(words)
    elif content:
        del out[rng.choice(content)]
    return out


def text(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def articles(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    pool = [sentence(rng, words) for _ in range(max(count // 2, 10))]
    result = []
    for number in range(count):
        sentences = [
            text(paraphrase(rng, words, rng.choice(pool)) if i % SHARED_EVERY == 0 else sentence(rng, words))
            for i in range(SENTENCES)
        ]
        paragraphs = tuple(
            Paragraph(p + 1, " ".join(sentences[p * 4:(p + 1) * 4]), p + 1) for p in range(SENTENCES // 4)
        )
        result.append(Article(
            id=f"a{number:05d}", path=f"a{number:05d}.txt", title="t", title_inferred=False, outlet="X",
            outlet_inferred=False, url=None, date=FuzzyDate(2025, 4, 24), date_origin="marker",
            paragraphs=paragraphs,
        ))
    return result


def run(count: int) -> float:
    data = articles(count)
    start = time.perf_counter()
    statements = cluster_statements(data, None)
    elapsed = time.perf_counter() - start
    shared = sum(1 for s in statements if len(s.articles) > 1)
    largest = max(statements, key=lambda s: len(s.mentions))
    print(f"{count:>6} articles, {count * SENTENCES:>7} sentences: {elapsed:7.2f} s, "
          f"{len(statements)} statements, {shared} across articles; largest cluster "
          f"{len(largest.mentions)} sentences from {len(largest.articles)} articles")
    return elapsed


def main(sizes: list[int]) -> None:
    times = [run(size) for size in sizes]
    for (small, t_small), (large, t_large) in zip(zip(sizes, times), zip(sizes[1:], times[1:])):
        print(f"ratio {large}/{small} articles: {t_large / t_small:.1f} (data x{large / small:.0f})")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000])
