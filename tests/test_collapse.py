"""The collapse fixture as a principal reads it: a factory building falls in Korvane and the
toll rises over five days, through a wire story with a dateline, a local paper pasted with
its masthead in capitals and no blank lines, a live blog whose entries are stamped with the
time of day, an agency update and an analysis. The articles were written by someone who had
not read the code, from the event's facts alone."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("collapse", tmp_path_factory)


def _bottom_line(built) -> list[str]:
    home = built.pages[HOME]
    return [line for line in home.split("## Bottom line", 1)[1].split("\n## ", 1)[0].splitlines() if line[:1].isdigit()]


def test_the_toll_rises_day_by_day_and_hour_by_hour_and_only_the_unions_count_disputes_it(built):
    """23 on the first morning, "rose to 29 by late last night", the live blog's 33 at 09:40,
    37 at 13:20 and 41 at 17:30, then 52, 64 and the minister's 67: one count rising. The one
    dispute is the union's: "the official toll had risen to 67 ... says the real figure is at
    least 81"."""
    dossier = built.dossier
    (toll,) = [g for g in dossier.groups if g.metric == "killed" and not g.figures[0].background]
    assert toll.subject == "people (Korvane)" and toll.agreement == "differ"
    assert toll.note.startswith("67 according to Ilse Varnholt; at least 81 according to Sorvanian Garment "
                                "Workers' Federation, both 10 May 2026.")
    assert "Earlier" not in toll.note  # no day before it is in dispute
    blog = figures_by_text(dossier, "03-live-blog-day2")
    assert [(blog[t].as_of_time, blog[t].claimant) for t in ("33", "37", "41")] == [
        ("09:40", "fire service"), ("13:20", "Lusa Demberg"), ("17:30", "Officials")]
    assert sorted({f.value for f in toll.figures}) == [23, 29, 33, 37, 41, 52, 64, 67, 81]
    first = _bottom_line(built)[0]
    assert first.startswith("1. **Killed** — people (Korvane): ")
    assert ("**Disputed:** 67 according to Ilse Varnholt; at least 81 according to Sorvanian Garment "
            "Workers' Federation, both 10 May 2026.") in first
    # "A similar collapse in 2019 killed 31 people in the port city of Halvoren": another event
    (other,) = [g for g in dossier.groups if g.metric == "killed" and g.figures[0].background]
    assert other.subject == "people (another event, Halvoren)"


def test_the_gravest_the_children_and_the_rescued_are_counted_apart(built):
    dossier = built.dossier
    agency = figures_by_text(dossier, "04-cpa-update-day4")
    # "Of the 64 dead, nine were children": a part of the toll
    assert agency["nine"].metric == "children_killed" and agency["nine"].part_of == agency["64"].id
    # "88 of the more than 250 people injured were still in hospital, 14 of them in critical condition"
    assert (agency["14"].metric, agency["14"].counted) == ("injured", "people in serious condition")
    injured = next(g for g in dossier.groups if g.subject == "people (Korvane)" and g.metric == "injured")
    assert injured.latest.display == "more than 250"
    rescued = next(g for g in dossier.groups if g.metric == "rescued" and g.subject == "people (Korvane)")
    assert [f.display for f in rescued.figures] == ["more than 120", "187", "212"]
    # "transferred ... to Almarra General Hospital in Almarra" does not make Almarra the story's
    # place, nor the place of the 23 transferred: where people were taken is not where they were hurt
    assert agency["Twenty-three"].place is None
    assert (agency["14"].place, agency["14"].place_lent) == ("Korvane", True)
    gravest = [g.subject for g in dossier.groups if g.counted.startswith("people in serious")]
    assert gravest == ["people in serious condition (Korvane)"]


def test_a_masthead_in_capitals_and_a_day_before_the_speaker(built):
    dossier = built.dossier
    # "THE KORVANE COURIER" above the pasted story: the outlet as its name is written
    assert dossier.article("02-korvane-courier-day2").outlet == "The Korvane Courier"
    # "On Saturday the government announced a compensation fund of $5 million"
    money = figures_by_text(dossier, "05-analysis-day5")["$5 million"]
    assert money.claimant == "government"
    assert "*government, reported by The Harbourline Review:*" in built.pages[HOME]
