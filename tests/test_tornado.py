"""The tornado fixture as a principal reads it: tornadoes over two states, tolls by town that
rise over three days, children among the dead, a state agency that calls a social-media toll
wrong, a power company named after the state, and a live blog whose entries each name their
own town. Written in the shape of real copy: a wire story with a dateline, a byline and web
leftovers, a local paper with front matter, a live blog in reverse order with present-tense
entries, and an agency's situation report with its "Next update" line."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_of, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("tornado", tmp_path_factory)


def test_a_live_blog_entry_lends_its_town_to_no_other_entry(built):
    """The first entry names Dunmore ("a second death in Dunmore"); the power company's
    customers and the governor's patients two entries later are not Dunmore's."""
    blog = figures_by_text(built.dossier, "live-0417")
    assert blog["two"].place == "Dunmore"
    assert [blog[t].place for t in ("31,000", "48,000", "19", "six")] == [None, None, None, None]


def test_a_town_in_the_neighbouring_state_stays_out_of_the_event_s_toll(built):
    """"raising the state's toll to two" (Voss's) is no count of Ardena, the dossier's place:
    Dunmore's 1 then 2 side by side, and Ardena's toll holds only Ardena's counts."""
    ardena = group_of(built, "killed", "people", "Ardena")
    assert {f.place for f in ardena.figures} == {"Ardena"}
    dunmore = group_of(built, "killed", "people", "Dunmore")
    assert ([f.display for f in dunmore.figures], dunmore.agreement) == (["1", "2"], "updated")


def test_a_toll_the_agency_calls_wrong_is_social_media_s_not_the_agency_s(built):
    """"Reports on social media that 20 people were killed are not correct", in the agency's
    situation report: the 20 is social media's, set against the agency, never the agency's
    own rival count."""
    twenty = figures_by_text(built.dossier, "aema-0418")["20"]
    assert (twenty.claimant, twenty.contradicts, twenty.as_of) == (
        "social media", "Ardena Emergency Management Agency", None)
    line = home_section(built, "Bottom line")
    assert ("**Disputed:** 12 according to Ardena Emergency Management Agency (18 April 2031), against 20 "
            "according to social media (undated). Three reports from three claimants.") in line


def test_a_whole_named_again_is_one_report(built):
    """"The agency confirms 12 deaths ... Of the 12 dead, five were children": one count of
    12, the five a part of it."""
    report = [f for f in built.dossier.figures if f.source.article == "aema-0418" and f.source.paragraph == 1]
    twelve = [f for f in report if f.value == 12]
    assert len(twelve) == 1
    five = next(f for f in report if f.value == 5)
    assert (five.metric, five.part_of) == ("children_killed", twelve[0].id)


def test_children_are_a_part_of_the_town_s_toll_named_by_its_number(built):
    """"The number of people killed in Harlow rose to eight ... Four of the eight were
    children": four children killed, a part of the eight; the children's counts rise 3, 4, 5
    apart from the toll."""
    paper = figures_by_text(built.dossier, "herald-0416")
    assert (paper["Four"].metric, paper["Four"].part_of) == ("children_killed", paper["eight"].id)
    children = group_of(built, "children_killed", "children", None)
    assert [f.display for f in children.figures] == ["3", "4", "5"]
    assert all(f.metric == "killed" for f in group_of(built, "killed", "people", "Harlow").figures)


def test_homes_damaged_after_homes_destroyed_are_counted_apart_and_not_added(built):
    """"At least 240 homes in Harlow were destroyed, and about 90 more damaged": the 90 are
    damaged homes (their own clause says so), and "more" says they are others, not an
    addition to a count of the damaged."""
    paper = figures_by_text(built.dossier, "herald-0416")
    assert (paper["At least 240"].counted, paper["about 90"].counted) == ("buildings destroyed", "buildings damaged")
    assert not paper["about 90"].increment


def test_a_company_named_after_the_state_speaks_and_is_listed_by_its_own_name(built):
    """"Ardena Power says 31,000 customers remain without power": the company, not the state
    of Ardena; listed as "Ardena Power", never as "Power", and not a mention of the state.
    "The Red Cross said" is an organisation: nobody goes by "the" and a name."""
    blog = figures_by_text(built.dossier, "live-0417")
    assert (blog["31,000"].claimant, blog["31,000"].claimant_kind) == ("Ardena Power", "organisation")
    names = {e.name: e for e in built.dossier.entities}
    assert "Ardena Power" in names and "Power" not in names
    assert all(not m.text.startswith("Ardena Power") for m in names["Ardena"].mentions)
    assert not any(m.source.article == "live-0417" for m in names["Ardena"].mentions)
    red_cross = figures_by_text(built.dossier, "herald-0416")["410"]
    assert (red_cross.claimant, red_cross.claimant_kind) == ("Red Cross", "organisation")
    # a present-tense plural verb names who speaks: "Voss officials confirm a second death"
    assert blog["two"].claimant == "Voss officials"


def test_a_school_named_after_the_town_is_no_place(built):
    """"Harlow Elementary School, where 35 children sheltered": not a place called
    "Elementary School"."""
    assert figures_by_text(built.dossier, "herald-0416")["35"].place != "Elementary School"
    assert all(g.place != "Elementary School" for g in built.dossier.groups)


def test_the_report_s_next_update_is_no_event(built):
    """"Next update: 19 April 2031." is the report's schedule: not the latest event."""
    assert not any("Next update" in e.text for e in built.dossier.events)
    assert "Next update" not in home_section(built, "Latest events")
