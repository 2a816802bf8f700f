"""The avalanche fixture as a principal reads it: two resorts hit, a toll that rises from five
skiers to nine people over three days, the dead found at each resort told as parts of the
toll, missing and rescued counts that change, and a police release that calls an earlier
toll of ten wrong. Written in the shape of real copy: a wire story with a dateline, a byline
and a copyright line, a local paper under its headline, and a police press release under
its masthead."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_containing, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("avalanche", tmp_path_factory)


def test_the_toll_leads_the_headline_figures_and_is_no_part_of_the_first_day_s_smaller_count(built):
    """"Five skiers were killed ... Four of the dead were found at Sankt Orlen and one at
    Merz": the four and the one part the five; the toll of nine people (from seven the day
    before) is not made a part of the five by them, it leads the headline figures."""
    nine = figures_by_text(built.dossier, "police-0117")["nine"]
    toll = group_containing(built, nine)
    assert (toll.metric, toll.part_of, toll.agreement) == ("killed", None, "updated")
    assert figures_by_text(built.dossier, "local-0116")["seven"] in toll.figures
    headline = home_section(built, "Headline figures")
    rows = [row for row in headline.splitlines() if row.startswith("| [")]
    assert rows[0].startswith("| [Killed](figures.md#") and "**9**, Valdren Cantonal Police" in rows[0]


def test_the_dead_found_at_each_resort_are_parts_of_the_skiers_killed(built):
    """"Four of the dead were found at Sankt Orlen and one at Merz": the one is of the dead
    as the four are (a sibling of a part is a part of the same whole), and both count the
    skiers the whole counts, not people of a count of their own."""
    wire = figures_by_text(built.dossier, "wire-0115")
    five = wire["Five"]
    assert [(wire[t].part_of, wire[t].counted) for t in ("Four", "one")] == [(five.id, "skiers"), (five.id, "skiers")]
    assert all(f.value <= 5 for f in group_containing(built, wire["one"]).figures)
