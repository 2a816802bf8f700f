"""The vote fixture as a principal reads it: each party's share apart, turnout against the last
election, the crowd disputed between police and organisers and nothing else in that dispute,
polling stations counted by three bodies never made rivals, and the masthead naming the outlet."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("vote", tmp_path_factory)


def test_each_partys_share_and_the_turnout_are_apart(built):
    shares = {(g.subject, g.side): [f.display for f in g.figures] for g in built.dossier.groups if g.unit == "percent"}
    assert shares[("vote (Unity Party)", "Unity Party")] == ["54.2%"]
    # "won 71% ..., compared with 49% in 2021", "Turnout was 61%, down from 68% in 2021": the
    # last election's shares are another event's, compared with, never an earlier count of this one
    assert shares[("vote (Drav, Unity Party)", "Unity Party")] == ["71%"]
    assert shares[("vote (another event, Drav, Unity Party)", "Unity Party")] == ["49%"]
    assert shares[("percent (Civic Alliance)", "Civic Alliance")] == ["31.5%"]
    assert shares[("turnout", None)] == ["61%"] and shares[("turnout (another event)", None)] == ["68%"]


def test_only_the_crowd_is_disputed(built):
    disputed = [g for g in built.dossier.groups if g.agreement == "differ"]
    assert [(g.metric, sorted(f.claimant for f in g.figures)) for g in disputed] == [
        ("participants", ["Police", "Velgrad Times", "organisers"])]
    home = built.pages[HOME]
    assert "about 18,000 according to Police; 75,000 according to organisers" in home
    assert "stations" not in home.split("## What is disputed", 1)[1].split("\n## ", 1)[0]


def test_the_masthead_names_the_outlet_and_the_released_are_not_a_crowd(built):
    herald = built.dossier.article("drav-herald-0514")
    assert herald.outlet == "Drav Herald" and herald.title.startswith("Election commission orders recount")
    assert [f.metric for f in built.dossier.figures if f.display == "61"] == ["released"]
