"""The methanol fixture as a principal reads it: bootleg spirits laced with methanol kill
people in five towns of a province over a week, told by a wire story (byline, dateline), a
live blog stamped without its year, the health ministry's own press release (its name in
capitals above it) and an analysis piece days later. Police and a hospital disagree, an
opposition MP gives a higher toll, and the analysis compares the toll with another outbreak
years before. Written from the event's facts, not from the code."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_containing, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("methanol", tmp_path_factory)


def test_a_live_blog_stamped_without_its_year_is_dated_in_the_year_of_the_others(built):
    """"Updated 13 March, 22:40": 13 March 2029, the year of the other articles; its counts are
    dated with it, not "undated"."""
    live = built.dossier.article("live-0313")
    assert live.date is not None and live.date.iso == "2029-03-13"
    assert all(f.as_of is not None and f.as_of.iso == "2029-03-13" for f in built.dossier.figures
               if f.source.article == "live-0313")


def test_a_year_in_a_clause_about_another_outbreak_dates_only_that_outbreak(built):
    """"has killed at least 47 people ... since 11 March ..., surpassing an outbreak in the south
    in 2017 that killed 23": the 47 is this event's, as of the article's day; the 23 is 2017's."""
    analysis = figures_by_text(built.dossier, "analysis-0318")
    this, other = analysis["at least 47"], analysis["23"]
    assert (this.as_of.iso, this.background) == ("2029-03-18", False)
    assert (other.as_of.iso, other.background) == ("2017", True)
    assert this in group_containing(built, figures_by_text(built.dossier, "moh-0315")["at least 47"]).figures


def test_the_press_release_is_the_ministry_s_and_its_counts_too(built):
    """A body's name in capitals above "Press release": the outlet, not the title; the title is
    the release's own heading, and the counts it gives are the ministry's, not an unnamed outlet's."""
    release = built.dossier.article("moh-0315")
    assert (release.outlet, release.title) == ("Ministry of Health", "Update on methanol poisoning in Tarn province")
    claimants = {f.claimant for f in built.dossier.figures if f.source.article == "moh-0315"}
    assert claimants == {"Ministry of Health"}
    assert "unnamed outlet" not in built.pages["index.md"]


def test_who_says_each_toll(built):
    """"Lidia Marek, the opposition MP, says the real toll is above 60": hers, not an "MP"
    body's; "according to provincial police chief Viktor Sarn": both counts of the sentence."""
    marek = figures_by_text(built.dossier, "analysis-0318")["above 60"]
    assert (marek.claimant, marek.claimant_kind) == ("Lidia Marek", "person")
    wire = figures_by_text(built.dossier, "wire-0312")
    assert [(wire[t].value, wire[t].place, wire[t].claimant) for t in ("Eight", "four")] == \
        [(8, "Korval", "Viktor Sarn"), (4, "Drenmouth", "Viktor Sarn")]


def test_patients_treated_for_vision_loss_are_counted_as_losing_their_sight(built):
    """"of the roughly 40 patients her hospital has treated for vision loss": the curated
    "Lost their sight", beside the ministry's 21, not among the 112 hospitalised."""
    forty = figures_by_text(built.dossier, "analysis-0318")["roughly 40"]
    assert forty.metric == "blinded"
    group = group_containing(built, forty)
    assert figures_by_text(built.dossier, "moh-0315")["21"] in group.figures
    assert all(f.metric == "injured" for f in group_containing(built, figures_by_text(built.dossier, "moh-0315")["112"]).figures)


def test_the_bottom_line_leads_with_the_death_toll_not_under_a_smaller_national_count(built):
    """The national count of 31 told on 13 March is passed the same day by the province's own
    counts: the province's toll is no part of it, and the death toll leads the bottom line."""
    toll = group_containing(built, figures_by_text(built.dossier, "moh-0315")["at least 47"])
    assert toll.part_of is None and toll.place == "Tarn province"
    items = [line for line in home_section(built, "Bottom line").splitlines() if line.startswith("1. ")]
    assert items and items[0].startswith("1. **Killed** — people (Tarn province)")
