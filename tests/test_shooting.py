"""The shooting fixture as a principal reads it: a toll brought up by a death in hospital (an
update of the same report's count, no dispute), the wounded with those in critical condition
among them, ages and rounds that are no toll, an earlier shooting apart, and a TV station's
bulleted list read as statements in its own words."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("shooting", tmp_path_factory)


def test_a_death_in_hospital_brings_the_toll_up_and_nothing_is_disputed(built):
    dossier = built.dossier
    killed = next(g for g in dossier.groups if g.metric == "killed" and g.counted == "people" and g.place == "Dunford")
    assert killed.agreement == "updated" and killed.latest.display == "8"
    tv = figures_by_text(dossier, "tv-0309")
    assert tv["Seven"].superseded_by == tv["8"].id  # "bringing the toll to 8"
    assert not any(g.agreement == "differ" for g in dossier.groups)
    # "It was the deadliest shooting in the state since 2019, when a gunman killed 12 people"
    assert figures_by_text(dossier, "wire-0308")["12"].background
    # "aged between 17 and 71", "A 19-year-old gunman", "a 52-year-old man": ages, no counts
    assert not any(f.value in (17, 71, 19, 52) for f in dossier.figures)


def test_a_bulleted_list_is_read_item_by_item_in_its_own_words(built):
    home, bottom = built.pages[HOME], home_section(built, "Bottom line")
    assert "&#45;" not in home and "\n- - " not in home
    assert "**Channel 7 News** reports: The gunman, who was killed by [police]" in bottom
    texts = [p.text for p in built.dossier.article("tv-0309").paragraphs]
    assert "2 victims remain in critical condition." in texts
