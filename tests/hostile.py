"""Hypothesis strategies for hostile input: articles mixing markup payloads, random Unicode,
numbers of any size and form, dates real and impossible, attributions, quotations, odd
punctuation and extreme lengths. Used by the property tests and the long fuzzing run."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "{{ config }} {% for x in y %}",
    "\x1b[2J\x1b[31mred",
    "<link rel=\"attachment\" href=\"file:///proc/self/environ\">",
    "<iframe src=//evil.example></iframe>",
    "`` ` ``` ~~~ *** ___ ||| ### !!! ??? ::: >>> ---",
    "\u202e\u2066\u200b\ufeff\ud7ff\U0010ffff",
    "&amp; &#x3c; &lt;script&gt;",
]
NUMBERS = [
    "1" + "0" * 400, "9" * 5000, "1e308", "1e999", "10,000,000,000,000,000,000,000", "0.000000001",
    "12 000", "2.7", "three", "Twelve", "one-tonne", "$20 billion", "10,000 to 12,000", "-5",
    "nine hundred ninety-nine quadrillion", "1,2,3,4,5,6,7,8,9", "1.2.3.4", "１２３", "٣٤٥", "Ⅻ",
    "more than 100", "almost 2,700", "at least 16", "up to 5 million", "99999999999999999999 trillion",
    "1/2", "50%", "€3bn", "0x1F", "1_000",
]
DATES = [
    "yesterday", "today", "last month", "last year", "this morning", "2025-04-00", "2025-13-45",
    "31 February 2025", "on 0 March", "1 January 0001", "9999-12-31", "December 31, 9999",
    "on Monday", "in May", "May 2025", "24 April", "2025", "last night", "earlier this month",
]
WORDS = [
    "killed", "injured", "died", "missiles", "drones", "people", "children", "soldiers", "said",
    "told", "according to", "reported", "President", "Mr.", "Dr.", "U.S.", "e.g.", "No.", "St.",
    "officials", "the", "of", "in", "including", "rose", "to", "Zelensky", "Kyiv", "“", "”", "\"",
    "'", "(", ")", ",", ".", ";", "—", "–", "-", "…", "?", "!", ":", "\t", "  ",
]


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(PAYLOADS), st.sampled_from(NUMBERS), st.sampled_from(DATES),
        st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS),
        st.text(max_size=30),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
        st.builds(lambda c, n: c * n, st.sampled_from(["a", ".", " ", "-", "\"", "(", "Mr. ", "A. ", "x. ", "1 "]),
                  st.integers(1, 400)),
    )


def sentences() -> st.SearchStrategy[str]:
    return st.lists(_piece(), max_size=40).map(" ".join)


def paragraphs() -> st.SearchStrategy[str]:
    return st.lists(sentences(), min_size=1, max_size=6).map(lambda s: ". ".join(s) + ".")


def project(folder: Path, texts: list[str], suffix: str, curation: str) -> tuple[Path, Path]:
    """A project in `folder`: each text as an article file (lone surrogates kept as they are,
    as a damaged file has them) and the curation; returns (seeds folder, curation file)."""
    seeds = folder / "seeds"
    seeds.mkdir()
    for index, text in enumerate(texts):
        (seeds / f"a{index}{suffix}").write_text(text, encoding="utf-8", errors="surrogatepass")
    config = folder / "dossier.yml"
    config.write_text(curation, encoding="utf-8")
    return seeds, config


def articles() -> st.SearchStrategy[str]:
    """A whole article file's text: an optional date marker or title, then paragraphs split
    by blank lines or single newlines (as pasted text has them)."""
    head = st.sampled_from(["", " date 2025-01-01 ", " date 2025-04-00 ", "Title line\n\n",
                            "</title><script>alert(1)</script>\n\n", "---\ntitle: x\n---\n"])
    body = st.lists(paragraphs(), min_size=1, max_size=8)
    sep = st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\u2028", " "])
    return st.builds(lambda h, b, s: h + s.join(b), head, body, sep)
