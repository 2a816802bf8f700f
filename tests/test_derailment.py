"""A dossier of another kind of event (tests/fixtures/derailment): a freight train derails and
burns on the edge of one town, smoke drives the people of a second town from their homes, and
over five days four outlets (a wire copy with a dateline, pasted text with a byline and page
furniture and no blank lines, front matter, a radio summary) give a toll rising from "at least
4" to 9 with two children among the dead, the injured, the evacuated and those who went home,
and two sums of money that are not about the same thing. Claimants are bodies and roles in
lower case ("the county coroner", "police in Brennick", "hospital officials"), as in real copy.
What a principal reads on the home page, and what the figures say underneath."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.pipeline import build

HERE = Path(__file__).resolve().parent / "fixtures" / "derailment"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(HERE / "seeds", HERE / "dossier.yml", pdf=False)


def group(dossier, label: str, subject: str):
    (found,) = [g for g in dossier.groups if g.label == label and g.subject == subject]
    return found


def page(built, path: str) -> str:
    return built.pages[path].decode() if isinstance(built.pages[path], bytes) else str(built.pages[path])


def test_the_toll_rises_by_the_coroners_counts_with_the_children_a_part_of_it(built):
    toll = group(built.dossier, "Killed", "people (Brennick)")
    assert (toll.agreement, toll.latest.display, toll.display_range) == ("updated", "9", "at least 4 – 9")
    assert "county coroner" in toll.claimants  # "..., the county coroner said": not the outlet's
    # the radio's "at least 8 ... killed when the train derailed on Friday night" is dated by
    # the deaths; "which said the coroner's count of 9 included ..." is not: Friday's "when"
    # dates the derailment, not that count, which is the article's (7 May)
    assert toll.note == ("The figure went from at least 4 (officials, 2 May 2025) to at least 8 (state health "
                         "department, 2 May 2025), then 7 (county coroner, 5 May 2025), then 9 (coroner's office, "
                         "7 May 2025) (seven reports).")
    children = group(built.dossier, "Children killed", "children (Brennick)")
    assert children.part_of == toll.id and children.latest.display == "2"


def test_evacuated_and_returned_home_are_apart_and_the_fund_is_no_rival_of_the_damage(built):
    labels = {(g.label, g.subject): g for g in built.dossier.groups}
    evacuated = labels[("Displaced or evacuated", "people (Brennick)")]
    assert evacuated.display_range == "about 350 – about 1,200"
    assert labels[("Returned home", "people (Brennick)")].latest.display == "more than 1,000"
    money = [g for g in built.dossier.groups if g.label == "Money"]
    assert sorted(g.subject for g in money) == ["fund", "money"]
    assert not any(g.agreement == "differ" for g in money)


def test_those_still_in_hospital_are_no_rival_of_all_who_were_treated(built):
    # "Hospital officials said 11 people were still being treated. Police in Brennick put the
    # number of people treated since Friday at 26": two measures, not a dispute
    assert not [g for g in built.dossier.groups if g.agreement == "differ"]
    injured = next(g for g in built.dossier.groups if (g.label, g.subject) == ("Injured", "people (Brennick)"))
    assert [f.display for f in injured.figures] == ["15", "21", "26"] and injured.agreement == "updated"
    assert injured.latest.claimant == "police in Brennick"
    still = next(g for g in built.dossier.groups if g.subject == "people still in hospital (Brennick)")
    assert [(f.display, f.claimant) for f in still.figures] == [("11", "Hospital officials")]


def test_the_home_page_names_whose_claim_each_line_is(built):
    home = page(built, "index.md")
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    items = re.findall(r"^\d+\. (.+)$", bottom, re.M)
    assert 3 <= len(items) <= 5
    assert all("according to" in item or "said" in item for item in items), items
    assert "gives" not in bottom  # "Hospital officials gives 11" was the old wording
    # the coroner's sentence is the coroner's, relayed by an outlet that has no name
    assert "*county coroner, reported by unnamed outlet (courier-day2):*" in home
    # a group named by its town is not the town
    assert "police in Brennick" in home and "*Brennick, reported" not in home
