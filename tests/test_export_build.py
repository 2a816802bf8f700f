"""A build's own snapshot (`export_build`) is what parsing its dossier JSON back gave.

A build compares itself with the previous snapshot through a view converted from the plain data
its dossier JSON is encoded from, not parsed back from that JSON; these tests hold the two
equal, down to each value's type (an int where the JSON reads back a float would compare equal
but print differently), on the default seeds, the quake fixture, hand-made records with edge
values and generated articles through the whole pipeline.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import replace
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.changes import compare, digest, export_build, parse_snapshot
from dossier.export import dossier as export_dossier
from dossier.export.dossier import dossier_json
from dossier.model import Dossier, FuzzyDate, Mention, SourceRef, Statement
from dossier.pipeline import build_dossier
from dossier.write import Spool, Spooled
from tests.conftest import MINIMAL_CURATION
from tests.hostile import articles, project
from tests.test_export_dossier import _briefed_dossier, small_dossier

ROOT = Path(__file__).resolve().parent.parent
QUAKE = Path(__file__).resolve().parent / "fixtures" / "marenza"
FAST = settings(max_examples=int(os.environ.get("DOSSIER_HYPOTHESIS_PIPELINE", 8)), deadline=None,
                suppress_health_check=list(HealthCheck), derandomize=True, database=None)


def assert_same_as_parsed(d: Dossier) -> None:
    """`export_build(d)` gives `dossier_json(d)`, its digest, and the view parsing it gives,
    whatever the number of records encoded at a time, in memory or spooled."""
    text = dossier_json(d)
    for chunk in (1, 2, 3, None):
        with pytest.MonkeyPatch.context() as patch:
            if chunk is not None:
                patch.setattr(export_dossier, "RECORD_CHUNK", chunk)
            assert_exported_as_parsed(d, text, export_build(d))
    spooled = export_build(d, spool=Spool())
    assert isinstance(spooled.document, Spooled) and spooled.document.read_bytes() == text.encode("utf-8")
    assert_exported_as_parsed(d, text, replace(spooled, document=spooled.document.read_bytes()))


def assert_exported_as_parsed(d: Dossier, text: str, exported) -> None:
    parsed = parse_snapshot(text, "this build")
    assert exported.document == text.encode("utf-8")
    assert exported.digest == digest(text) == parsed.digest
    own = exported.snapshot
    assert own is not None and own.label == "this build" and own.digest == parsed.digest
    assert own.doc == parsed.doc
    assert msgspec.json.encode(own.doc) == msgspec.json.encode(parsed.doc)  # types too (1 vs 1.0)
    # and either side compares alike with the other
    assert compare(parsed, own).empty and compare(own, parsed).empty
    assert export_build(d, compared=False).snapshot is None


def test_the_default_seeds():
    assert_same_as_parsed(build_dossier(ROOT / "seeds", ROOT / "dossier.yml"))


def test_the_quake_fixture():
    assert_same_as_parsed(build_dossier(QUAKE / "seeds", QUAKE / "dossier.yml"))


@pytest.mark.parametrize("make", [small_dossier, _briefed_dossier])
def test_hand_made_dossiers(make):
    assert_same_as_parsed(make())


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # (no lone surrogates: not UTF-8)
NUMBER = st.one_of(st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False))
DATE = st.one_of(
    st.none(),
    st.builds(FuzzyDate, st.integers(1, 9999), st.none(), st.none()),
    st.builds(FuzzyDate, st.integers(1, 9999), st.integers(1, 12), st.none()),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(FuzzyDate.from_date),
)


@FAST
@given(value=NUMBER, value_max=st.one_of(st.none(), NUMBER), low=NUMBER, high=NUMBER, text=TEXT,
       outlet=st.one_of(st.none(), TEXT), date=DATE, as_of=DATE, claimant=TEXT,
       places=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2**31)), max_size=4))
def test_generated_values(value, value_max, low, high, text, outlet, date, as_of, claimant, places):
    d = small_dossier()
    (article,) = d.articles
    (figure,) = d.figures
    (group,) = d.groups
    figure = replace(figure, value=value, value_max=value_max, text=text, claimant=claimant, as_of=as_of)
    group = replace(group, figures=(figure,), latest=figure, low=low, high=high, note=text)
    mentions = tuple(Mention(SourceRef("kyiv", paragraph, start, start + 1), text) for paragraph, start in places)
    d = replace(
        d, articles=(replace(article, outlet=outlet, date=date, title=text),), figures=(figure,), groups=(group,),
        statements=(*d.statements, Statement("s2", text, mentions)),
        events=tuple(replace(e, text=text, mentions=mentions) for e in d.events),
    )
    assert_same_as_parsed(d)


@FAST
@given(st.lists(articles(), min_size=1, max_size=3), st.sampled_from([".txt", ".md"]))
def test_generated_articles_through_the_pipeline(texts, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        assert_same_as_parsed(build_dossier(*project(Path(tmp), texts, suffix, MINIMAL_CURATION)))
