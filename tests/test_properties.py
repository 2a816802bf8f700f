"""Property tests: no input crashes the number parser, the date finder, the reader or the whole
pipeline, and nothing in an article becomes live markup on a page.

Fast by default (a few seconds in `make test`); `DOSSIER_HYPOTHESIS=long` tries thousands of
inputs per property. `python -m benchmarks.fuzz_hostile N` runs the whole pipeline on N
generated articles with a time limit each and prints the figures.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.analyse.dates import find_dates, parse_date
from dossier.analyse.numbers import find_numbers
from dossier.analyse.sentences import split_sentences
from dossier.curation.schema import parse_curation
from dossier.ingest import read_seeds
from dossier.model import FuzzyDate
from dossier.pipeline import build
from tests.conftest import MINIMAL_CURATION
from tests.hostile import articles, paragraphs, project, sentences
from tests.test_security import EXTENSIONS, _live

settings.register_profile("fast", max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
                          derandomize=True, database=None)
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck),
                          database=None)
settings.load_profile(os.environ.get("DOSSIER_HYPOTHESIS", "fast"))

TEXT = st.one_of(sentences(), paragraphs(), st.text(max_size=300))
REFERENCE = st.one_of(
    st.none(),
    st.builds(FuzzyDate, st.integers(1, 9999), st.none(), st.none()),
    st.builds(FuzzyDate, st.integers(1, 9999), st.integers(1, 12), st.none()),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(FuzzyDate.from_date),
)


@given(TEXT, REFERENCE)
def test_the_number_parser_never_fails_and_keeps_its_spans(text, reference):
    for mention in find_numbers(text, reference):
        assert text[mention.start:mention.end] == mention.text
        assert math.isfinite(mention.value)
        assert mention.value_max is None or math.isfinite(mention.value_max)


@given(TEXT, REFERENCE)
def test_the_date_finder_never_fails(text, reference):
    for mention in find_dates(text, reference):
        assert 0 <= mention.start < mention.end <= len(text)
        assert 1 <= mention.date.year <= 9999


@given(st.one_of(st.text(max_size=40), st.from_regex(r"\A\d{1,5}(-\d{1,3}(-\d{1,3})?)?\Z")))
def test_parse_date_never_fails_and_gives_real_dates(value):
    date = parse_date(value)
    if date is not None and date.day is not None:
        dt.date(date.year, date.month, date.day)


@given(TEXT)
def test_sentences_cover_the_text_in_order(text):
    previous = 0
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.start >= previous
        previous = sentence.end


@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md"]))
def test_the_reader_never_fails_on_any_bytes(data, name):
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        (seeds / name).write_bytes(data)
        articles_read, notices = read_seeds(seeds, parse_curation(MINIMAL_CURATION))
        assert len(articles_read) + sum(n.skipped for n in notices) == 1


@settings(max_examples=int(os.environ.get("DOSSIER_HYPOTHESIS_PIPELINE", 8)))
@given(st.lists(articles(), min_size=1, max_size=3), st.sampled_from([".txt", ".md"]))
def test_the_whole_pipeline_survives_hostile_articles_and_leaves_nothing_live(texts, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        seeds, config = project(Path(tmp), texts, suffix, MINIMAL_CURATION)
        result = build(seeds, config)
        for path, page in result.pages.items():
            if path.endswith(".md"):
                assert not _live(markdown.markdown(page, extensions=EXTENSIONS)), path
