"""A dossier of two other events in the messy shape of real copy (tests/fixtures/ferry-drones):
a ferry toll rising over three days with children among the dead and an earlier tally of the
missing; a drone strike on two cities with a background count of an earlier attack, a masthead
line and a photo credit. What an analyst would write down, and nothing else flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.pipeline import build_dossier
from dossier.review import review_lines

HERE = Path(__file__).resolve().parent / "fixtures" / "ferry-drones"


@pytest.fixture(scope="module")
def dossier():
    return build_dossier(HERE / "seeds", HERE / "dossier.yml")


def group(dossier, label: str, subject: str):
    (found,) = [g for g in dossier.groups if g.label == label and g.subject == subject]
    return found


def test_no_dispute_is_flagged_where_an_analyst_sees_none(dossier):
    assert [g.subject for g in dossier.groups if g.agreement == "differ"] == []
    lines = review_lines(dossier)
    start = lines.index(next(line for line in lines if line.startswith("# Disputed figures")))
    assert lines[start] == "# Disputed figures (0)"


def test_one_city_is_never_counted_into_another(dossier):
    assert (group(dossier, "Killed", "people (Odesa)").display_range,
            group(dossier, "Killed", "people (Kharkiv)").display_range) == ("3", "2")
    assert group(dossier, "Injured", "people (Kharkiv)").display_range == "at least 20"


def test_an_earlier_attack_is_not_an_update_of_todays_toll(dossier):
    earlier = [g for g in dossier.groups if g.label == "Killed" and "another event" in g.subject]
    # ("In 2018, a ferry sank in Lake Toba, killing more than 160 people": years before, another too)
    assert sorted((g.display_range, g.agreement) for g in earlier) == [("4", "single"), ("more than 160", "single")]


def test_the_toll_rises_over_days_and_the_missing_fall_with_children_as_parts(dossier):
    toll = group(dossier, "Killed", "people")
    # day one's "at least 14" too: the port the ferry left from, named two paragraphs later,
    # is not where the dead are counted
    assert (toll.display_range, toll.agreement, toll.latest.display) == ("at least 14 – 38", "updated", "38")
    children = group(dossier, "Children killed", "children")
    assert children.part_of == toll.id and children.latest.display == "10"
    missing = group(dossier, "Missing", "people")
    assert (missing.agreement, missing.latest.display) == ("updated", "45")
    # day one's "dozens" missing, then 64, falling to 45 as people are found
    assert missing.note.startswith("The figure went from dozens (AP, undated) to 64 (Jakarta Daily, 12 August 2025)")
    assert missing.note.endswith("then 45 (navy official, 13 August 2025).")


def test_the_outlet_above_the_article_not_the_photo_credit(dossier):
    article = dossier.article("drones-odesa")
    assert (article.outlet, article.date.iso) == ("Ukrinform", "2025-09-14")
