"""The heat fixture as a principal reads it: a national toll rising over a week, a province's
and a town's counts, the ages of the dead, an estimate of excess deaths beside the official
count, power cuts and wildfires, and a live blog stamped line by line."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("heat", tmp_path_factory)


def test_ages_and_days_are_no_counts(built):
    dossier = built.dossier
    # "most of them over 75", "81% of the dead were older than 75", "between 14 and 20 July"
    assert not any(f.value in (75, 14) and f.metric == "killed" for f in dossier.figures)
    assert set(figures_by_text(dossier, "weekly")) == {"520", "38%", "298", "81%"}


def test_the_national_toll_rises_and_the_capital_and_the_town_are_their_own(built):
    dossier = built.dossier
    national = next(g for g in dossier.groups if g.metric == "killed" and g.counted == "people" and g.place is None
                    and not g.part_of)
    assert national.latest.display == "298" and "253" in [f.display for f in national.figures]
    # "has raised its count of heat deaths to 253": the institute counts
    assert figures_by_text(dossier, "blog")["253"].claimant == "National Health Institute"
    # "The capital Salvera recorded 38.": the count before, continued, in the capital
    capital = figures_by_text(dossier, "agency-day3")["38"]
    assert (capital.metric, capital.place, capital.claimant) == ("killed", "Salvera", "National Health Institute")
    # "Arvel's provincial health office now says 159 have died in the province"
    province = figures_by_text(dossier, "blog")["159"]
    assert (province.place, province.claimant) == ("Arvel", "provincial health office")
    # "the mayor said 23 people had died": the mayor counts, not the newspaper
    assert figures_by_text(dossier, "local-paper")["23"].claimant == "mayor"
    # "520 more people died ... than in an average July week": excess deaths, no toll and no addition
    # "The national health institute's own latest figure ... is 298": the institute's, not the weekly's
    assert figures_by_text(dossier, "weekly")["298"].claimant == "National Health Institute"
    assert "*National Health Institute, reported by Salvera Weekly:*" in built.pages[HOME]  # the statement too
    excess = figures_by_text(dossier, "weekly")["520"]
    assert excess.counted == "excess people" and not excess.increment
    assert excess.claimant == "public health school"


def test_what_is_not_a_death_count_is_counted_as_what_it_is(built):
    dossier = built.dossier
    blog, paper = figures_by_text(dossier, "blog"), figures_by_text(dossier, "local-paper")
    assert (blog["27"].metric, blog["27"].counted) == ("other", "wildfires")  # not firefighters at work
    assert paper["about 60,000"].counted == "buildings without power"  # "homes lost power": not destroyed
    assert paper["40"].place is None  # "water was rationed in 40 villages": no one town's
    agency = figures_by_text(dossier, "agency-day3")
    assert agency["1,900"].place is None and agency["1,900"].overall  # "hospitals across the country"
    assert agency["11"].place is None and agency["14"].place is None  # "11 of the country's 14 provinces"
    assert agency["131"].subject == "deaths (Arvel)"  # not "(Celsius)", of "44 degrees Celsius"


def test_the_bottom_line_leads_with_the_national_toll_and_no_province_s_count(built):
    home = built.pages[HOME]
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    assert "1. **Killed** — people: 298" in bottom
    # "the province's toll at 146" is Arvel's (the region named before), not a national count
    assert ("National Health Institute's count rose from at least 214 (18 July 2025) to 253 (20 July 2025), "
            "then 298 (22 July 2025)") in bottom
    assert "146" not in bottom.split("\n")[2]
    assert figures_by_text(built.dossier, "local-paper")["146"].place == "Arvel"
    # "11 of the country's 14 provinces": a part, not a count that rose from 11 to 14
    agency = figures_by_text(built.dossier, "agency-day3")
    assert agency["11"].part_of == agency["14"].id and "rose from 11 to 14" not in home


def test_a_live_blog_entry_s_stamp_is_no_part_of_its_words(built):
    home = built.pages[HOME]
    assert "20 July 2025 09:30 -" not in home and "Arvel's provincial health office now says 159" in home.replace(
        "[Arvel](entities.md#e-72db47b7)", "Arvel")
    assert not any("(Firefighters)" in f.subject for f in built.dossier.figures)
    # the stamp stays in the source's text
    assert built.dossier.article("blog").paragraphs[1].text.startswith("20 July 2025 09:30 - ")
