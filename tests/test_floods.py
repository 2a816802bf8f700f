"""The floods fixture as a principal reads it: river floods over towns of two countries, each
country's toll and its towns', a total over both, an aid group whose count is above the
government's, the missing found alive, and a director who denies a rumoured toll. Written in the
shape of real copy: a wire story pasted without blank lines with a dateline and credit line, a
paper's front matter, a radio site with its menu and a stamp, an aid group's update."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_of, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("floods", tmp_path_factory)


def test_a_fronted_country_is_the_whole_s_and_the_town_after_its_part_is_the_part_s(built):
    """"In Norland, 17 people died, 11 of them in the town of Bergholt": the 17 are Norland's,
    the 11 Bergholt's; Bergholt's group holds no count of the country."""
    wire = figures_by_text(built.dossier, "wire-0611")
    assert (wire["17"].place, wire["11"].place, wire["11"].part_of) == ("Norland", "Bergholt", wire["17"].id)
    assert [f.display for f in group_of(built, "killed", "people", "Bergholt").figures] == ["11"]


def test_the_national_toll_is_the_country_s_and_a_total_over_two_countries_is_neither_s(built):
    """"The national toll rose to 19", in a paper of a Norland town: Norland's, after its 17;
    "killing at least 23 ... in southern Norland and neighbouring Saxmark": both countries'
    count, never a rival of Norland's."""
    assert figures_by_text(built.dossier, "times-0612")["19"].place == "Norland"
    norland = group_of(built, "killed", "people", "Norland")
    assert [f.display for f in norland.figures] == ["17", "19", "21", "26"]
    both = figures_by_text(built.dossier, "wire-0611")["at least 23"]
    assert both.place is None and both not in norland.figures


def test_a_town_s_country_toll_is_the_country_s(built):
    """"bringing the Saxmark toll to eight": Saxmark's eight, the two found in Velm an addition."""
    radio = figures_by_text(built.dossier, "radio-0613")
    assert (radio["eight"].place, radio["two"].place, radio["two"].increment) == ("Saxmark", "Velm", True)


def test_a_denied_toll_is_the_reports_against_who_denies_it(built):
    """"Anna Kroll, denied reports that 15 people had died in Velm": the reports' 15, against
    Kroll, undated; never Kroll's own count nor the radio's."""
    fifteen = figures_by_text(built.dossier, "radio-0613")["15"]
    assert (fifteen.claimant, fifteen.contradicts, fifteen.as_of) == ("unattributed reports", "Anna Kroll", None)
    assert ("Disputed — **Killed** (people (Velm)): 6 according to civil defence agency (11 June 2031), against "
            "15 according to unattributed reports (undated).") in home_section(built, "Bottom line")


def test_people_found_alive_are_rescued(built):
    """"rescuers found 31 people alive in flooded homes": 31 rescued (a phrasal word split by
    its count), in Bergholt."""
    found = figures_by_text(built.dossier, "times-0612")["31"]
    assert (found.metric, found.place) == ("rescued", "Bergholt")


def test_the_aid_group_s_higher_count_is_disputed_with_the_government_s(built):
    """"26 people have died ..., more than the 21 the government has confirmed": the
    government's 21 against the Red Cross's 26, both on its date, in the bottom line."""
    update = figures_by_text(built.dossier, "redcross-0614")
    assert (update["21"].claimant, update["26"].claimant) == ("government", "Norland Red Cross")
    assert group_of(built, "killed", "people", "Norland").agreement == "differ"
    assert ("**Disputed:** 21 according to government; 26 according to Norland Red Cross, both 14 June 2031."
            in home_section(built, "Bottom line"))


def test_the_missing_falling_as_people_are_found_is_an_update_not_a_dispute(built):
    """"Between 40 and 50 people were unaccounted for in Bergholt" (the wire, Wednesday), then
    "The number of people missing in Bergholt fell to 12 on Wednesday as rescuers found 31
    people alive": the same day, but stated as a fall, so the 12 is the later count."""
    missing = group_of(built, "missing", "people", "Bergholt")
    assert missing.agreement == "updated" and missing.latest.display == "12"
    assert "The figure fell from 40 to 50 (police) to 12 (Petra Lind) on 11 June 2031." in missing.note
