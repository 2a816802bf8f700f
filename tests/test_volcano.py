"""The volcano fixture as a principal reads it: an eruption over three days, evacuations
rising, homes destroyed by lava island-wide and in one town, flights cancelled, and an agency
whose situation report says local media's count of the dead is wrong. Written in the shape of
real copy: a wire story with a dateline and credit line, an island paper with its masthead,
byline and web leftovers, a live blog in reverse order, a report in front matter."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("volcano", tmp_path_factory)


def test_a_count_the_agency_calls_wrong_is_disputed_not_an_update(built):
    """"Local media reports of five deaths are not correct" (the agency's report): local
    media's five against the agency's three, not a toll that rose to five, nor its latest."""
    report = figures_by_text(built.dossier, "agency-0604")
    five = next(f for f in built.dossier.figures if f.source.article == "agency-0604" and f.value == 5)
    assert (five.claimant, five.contradicts) == ("Local media", "Civil Protection Agency")
    assert report["Three"].claimant == "Civil Protection Agency"
    killed = next(g for g in built.dossier.groups if (g.metric, g.counted, g.place) == ("killed", "people", None))
    # when local media gave it is not said (the report is when it was denied): never the latest
    assert five.as_of is None and killed.latest.claimant == "Civil Protection Agency"
    assert killed.agreement == "differ"
    assert ("Disputed — **Killed** (people): 3 according to Civil Protection Agency (2 June 2027), against 5 "
            "according to Local media (undated).") in home_section(built, "Bottom line")


def test_homes_destroyed_are_buildings_island_wide_and_in_one_town(built):
    """"A total of 52 homes have been destroyed by lava and 130 damaged by ash, 37 of the
    destroyed homes in Lisca": homes, never weapons intercepted ("destroyed" says that of
    drones); destroyed and damaged apart; the 37 Lisca's."""
    report = figures_by_text(built.dossier, "agency-0604")
    assert [(report[t].metric, report[t].counted, report[t].place) for t in ("52", "130", "37")] == [
        ("buildings", "buildings destroyed", None), ("buildings", "buildings damaged", None),
        ("buildings", "buildings destroyed", "Lisca")]
    assert not any(f.metric == "intercepted" for f in built.dossier.figures)
    # the 1988 eruption's dead are another event's
    assert figures_by_text(built.dossier, "wire-0602")["31"].background


def test_those_in_shelters_are_a_part_of_the_evacuated(built):
    """"8,200 people have been evacuated from 14 villages ... Of these, 3,900 are in 22 public
    shelters": the 3,900 are a part of the 8,200, shown under them, never their rival."""
    report = figures_by_text(built.dossier, "agency-0604")
    assert report["3,900"].part_of == report["8,200"].id and report["3,900"].metric == "displaced"
    evacuated = next(g for g in built.dossier.groups if (g.metric, g.counted, g.place) == ("displaced", "people", None))
    assert [f.display for f in evacuated.figures] == ["7,500", "7,900", "8,200"]
    # the 22 shelters they are in are no people
    assert (report["22"].metric, report["22"].counted) == ("other", "shelters")
