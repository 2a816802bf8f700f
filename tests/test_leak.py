"""The chemical plant fixture as a principal reads it: a toll rising through a live blog and a
wire story, and a union that sets its own count of the dead against the authorities' ("at least
17 workers are dead, far more than the 11 the authorities have confirmed"): a dispute the
bottom line states, each side named."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("leak", tmp_path_factory)


def test_the_unions_count_is_set_against_the_authorities(built):
    union = figures_by_text(built.dossier, "union-0920")
    seventeen, eleven = union["at least 17"], union["11"]
    assert (seventeen.claimant, eleven.claimant) == ("Chemical Workers Union", "authorities")
    assert (eleven.metric, eleven.counted) == ("killed", "workers")  # the count it is compared with
    workers = next(g for g in built.dossier.groups if g.metric == "killed" and g.counted == "workers")
    assert workers.agreement == "differ"
    bottom = home_section(built, "Bottom line")
    assert ("Disputed — **Killed** (workers): 11 according to authorities; at least 17 according to "
            "Chemical Workers Union") in bottom


def test_the_toll_rises_hour_by_hour_and_distances_are_no_counts(built):
    dossier = built.dossier
    killed = next(g for g in dossier.groups if (g.metric, g.counted, g.place) == ("killed", "people", None))
    assert [(f.display, f.as_of_time) for f in killed.figures] == [("at least 4", "17:30"), ("9", "21:40"), ("11", None)]
    assert killed.agreement == "updated" and killed.latest.claimant == "health officials"
    assert not any(f.value in (3, 5) and f.metric != "other" for f in dossier.figures)  # "within 3 km", "5 km downwind"
    # "A similar blast at a plant in the region in 2019 killed 8 workers": another event
    assert figures_by_text(dossier, "wire-0919")["8"].background
