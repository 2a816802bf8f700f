"""The landslide fixture as a principal reads it: a toll rising over four days with children
among the dead, villages' own counts, animals killed beside people, a village's population,
families and people displaced, and a government's pledge beside an aid group's appeal, in
pasted copy with bylines, datelines and an update stamp. The curation names no metrics."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("landslide", tmp_path_factory)


def _group(dossier, metric, counted, place=None):
    return next(g for g in dossier.groups if (g.metric, g.counted, g.place) == (metric, counted, place))


def test_the_toll_rises_with_its_children_and_no_animal_among_the_dead(built):
    dossier = built.dossier
    dead = _group(dossier, "killed", "people", "Halvor")
    assert [f.display for f in dead.figures] == ["at least 12", "27", "34", "34"]
    assert (dead.latest.display, dead.latest.claimant) == ("34", "ReliefNet")
    assert dead.agreement == "updated"
    children = _group(dossier, "children_killed", "children")
    assert children.part_of == dead.id and [f.display for f in children.figures] == ["4", "9"]
    # "killed about 600 goats and 80 cattle", "1,200 head of livestock were lost": each its own count
    animals = {f.text: f.counted for f in dossier.figures if f.counted in ("goats", "cattle", "head")}
    assert animals == {"about 600": "goats", "80": "cattle", "1,200": "head"}
    assert not any(f.counted != "people" for f in dead.figures)
    # "Toska, a village of about 1,500 people": how many live there, no figure
    assert "about 1,500" not in figures_by_text(dossier, "tidewire-0712")
    # "A landslide in the same valley in 2022 killed 20 people": another event, not the toll
    earlier = figures_by_text(dossier, "tidewire-0712")["20"]
    assert earlier not in dead.figures and _group(dossier, "killed", "people (another event)").figures == (earlier,)


def test_the_displaced_in_camps_are_a_part_and_the_camps_no_count_of_people(built):
    dossier = built.dossier
    relief = figures_by_text(dossier, "relief-0715")
    whole = relief["An estimated 17,000"]
    assert relief["Around 6,500"].part_of == whole.id  # "Around 6,500 of the displaced"
    assert (relief["four"].metric, relief["four"].counted) == ("other", "camps")  # "sheltering in four camps"
    displaced = _group(dossier, "displaced", "people", "Brenmark")
    assert "Around 6,500" not in [f.text for f in displaced.figures]


def test_a_pledge_and_an_appeal_are_two_sums_each_of_its_own_claimant(built):
    dossier = built.dossier
    relief = figures_by_text(dossier, "relief-0715")
    pledged, appeal = relief["$2 million"], relief["$5.5 million"]
    # "The government has pledged $2 million; ReliefNet is appealing for $5.5 million"
    assert pledged.claimant == "government" and appeal.claimant == "ReliefNet"
    assert pledged.subject.startswith("pledged") and appeal.subject.startswith("requested")
    assert not any(g.metric == "money" and g.agreement == "differ" for g in dossier.groups)
    bottom = home_section(built, "Bottom line")
    assert "Money" not in bottom and "Disputed" not in bottom
    # the bottom line states the dead and the missing with who counts them, latest first
    assert "**Killed** — people (Halvor): 34, according to National Disaster Agency" in bottom
    assert "**Missing** — people (Halvor): 29, according to National Disaster Agency" in bottom
