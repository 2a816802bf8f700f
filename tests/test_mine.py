"""The coal mine fixture as a principal reads it: a shift trapped underground, miners brought
out over two days, a company and a miners' federation that give different counts of the dead
and of those still trapped, and say so ("at least nine miners are dead, not five as the
company has said"; "The company says 22 are still trapped; by our count 18 remain"). Written
in the shape of real copy: a wire story with a dateline and credit line, a paper with its
masthead, byline and web leftovers, a live blog in reverse order, a statement in front matter."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("mine", tmp_path_factory)


def _group(dossier, metric, counted):
    return next(g for g in dossier.groups if (g.metric, g.counted, g.place) == (metric, counted, None))


def test_the_federation_disputes_the_companys_toll_and_the_bottom_line_says_so(built):
    """Not a rise from 5 to 9: the federation says the company's five is wrong."""
    union = figures_by_text(built.dossier, "union-0313")
    nine, four = union["at least nine"], union["four"]
    # "our members ... have seen the bodies of four more men": the federation's, not the company's
    # ("as the company has said" says whose the five is, and ends with its phrase)
    assert (nine.claimant, four.claimant) == ("Miners' Federation", "Miners' Federation")
    assert nine.contradicts == "Dravik Mining Company"
    killed = _group(built.dossier, "killed", "miners")
    assert killed.agreement == "differ"
    assert killed.note.startswith("5 according to Dravik Mining Company (12 March 2027), against at least 9 "
                                  "according to Miners' Federation (13 March 2027).")
    bottom = home_section(built, "Bottom line")
    assert "**Disputed:** 5 according to Dravik Mining Company (12 March 2027), against at least 9" in bottom


def test_those_still_trapped_are_one_count_of_miners_and_the_federations_own_is_its_own(built):
    """46 trapped, 27 after 19 were brought out, then 22 (the company) against 18 (the
    federation's own count: "by our count"): one group of missing miners, disputed."""
    union = figures_by_text(built.dossier, "union-0313")
    assert (union["22"].claimant, union["18"].claimant) == ("Dravik Mining Company", "Miners' Federation")
    assert union["22"].counted == "miners"  # "nine miners are dead ... 22 are still trapped": miners again
    missing = _group(built.dossier, "missing", "miners")
    assert [f.display for f in missing.figures] == ["46", "27", "22", "18", "22"]
    assert missing.agreement == "differ" and missing.note.startswith(
        "18 according to Miners' Federation; 22 according to Dravik Mining Company, both 13 March 2027.")
    bottom = home_section(built, "Bottom line")
    assert bottom.index("**Missing** — miners: 22") < bottom.index("**Killed** — miners")


def test_the_rescued_are_counted_apart_from_the_rescuers_and_teams_from_people(built):
    dossier = built.dossier
    wire, herald = figures_by_text(dossier, "wire-0311"), figures_by_text(dossier, "herald-0312")
    # "trapping 46 miners"; "Rescue teams had made contact with a group of 19 miners": the 19
    # are no rescuers (who acts is not whom the number counts)
    assert wire["46"].metric == "missing" and wire["19"].metric != "rescuers"
    # "All 19 miners who had been sheltering in a side gallery were brought to the surface"
    assert (herald["19"].metric, herald["19"].counted) == ("rescued", "miners")
    # "Eight rescue teams, some 160 rescuers in all": eight teams, not eight people
    assert (herald["Eight"].counted, herald["some 160"].counted) == ("teams", "rescuers")
    rescuers = _group(dossier, "rescuers", "rescuers")
    assert [f.display for f in rescuers.figures] == ["about 160"]
    figures_table = home_section(built, "Headline figures")
    assert "| [Rescued](figures.md#" in figures_table and "**19**, Dravik Mining Company" in figures_table


def test_a_day_of_mourning_called_for_monday_is_not_a_past_event(built):
    """"calls a day of mourning ... on Monday" (a statement of Saturday 13 March): the Monday to
    come, which the timeline must not put on 8 March."""
    assert not any(e.date.iso == "2027-03-08" for e in built.dossier.events)
    assert "2019" in " ".join(f.as_of.iso for f in built.dossier.figures if f.background and f.as_of)


def test_the_live_blogs_entries_are_the_timeline_of_the_second_day(built):
    """The live blog's entries tell what happened through 12 March, each at its time: in the
    timeline in the order of their times, on the home page newest first."""
    second_day = [(e.time, e.text.split(":")[0]) for e in built.dossier.events if e.date.iso == "2027-03-12"]
    assert second_day == [("09:30", "27 miners are still trapped at the Kestrel shaft, where rescuers worked through "
                                    "the night."),
                          ("18:40", "Rescuers have broken through to a second chamber, mine director Jonas Brell says."),
                          ("22:15", "The company confirms the first deaths")]
    latest = home_section(built, "Latest events")
    assert latest.index("**12 March 2027, 22:15**") < latest.index("**12 March 2027, 18:40**") \
        < latest.index("**11 March 2027**")
