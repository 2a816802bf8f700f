"""A dossier of protests (tests/fixtures/protests): marches against a pension bill counted by
the interior ministry and the police on one side, the unions and organisers on the other,
nationwide and in three cities the curation puts `within` the country; arrests near a square
with a French name; a ministry count revised two days later. The story of such an event is
the gap between the two counts, so each must be a figure with its claimant, side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.pipeline import build

HERE = Path(__file__).resolve().parent / "fixtures" / "protests"


@pytest.fixture(scope="module")
def built():
    return build(HERE / "seeds", HERE / "dossier.yml", pdf=False)


def participants(built) -> dict[str, object]:
    return {g.subject: g for g in built.dossier.groups if g.label == "Participants"}


def test_the_nationwide_turnout_is_disputed_between_the_ministry_and_the_union(built):
    national = participants(built)["people (France)"]
    assert national.agreement == "differ"
    assert national.note.startswith("1.28 million according to Interior Ministry; 3.5 million according to CGT")
    # "the retirement age to 64" is an age, not a turnout
    assert "64" not in {f.display for g in built.dossier.groups for f in g.figures}


def test_each_citys_two_counts_are_side_by_side_under_the_country(built):
    groups = participants(built)
    national = groups["people (France)"]
    ranges = {city: groups[f"people ({city})"] for city in ("Paris", "Lyon", "Marseille")}
    assert {city: g.display_range for city, g in ranges.items()} == {
        "Paris": "81,000 – 700,000", "Lyon": "about 22,000 – 50,000", "Marseille": "30,000 – 245,000"}
    assert all(g.part_of == national.id for g in ranges.values())
    paris = ranges["Paris"]
    assert paris.agreement == "differ" and set(paris.claimants) == {"police", "CGT"}


def test_a_square_and_a_prefecture_are_named_as_they_are(built):
    arrests = [g for g in built.dossier.groups if g.label == "Captured or detained"]
    assert sorted(g.subject for g in arrests) == ["arrests (Place de la Nation)", "people (Paris)"]
    detained = next(g for g in arrests if g.subject == "people (Paris)")
    assert detained.latest_claimant == "Paris police prefecture"  # not "Paris": a city does not speak


def test_the_home_page_leads_with_both_disputes(built):
    home = built.pages["index.md"]
    home = home.decode() if isinstance(home, bytes) else str(home)
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    assert "**Participants** — people (France): 3.5 million, according to CGT" in bottom
    assert "Disputed — **Participants** (people (Paris)): 81,000 according to police; 700,000 according to CGT" in bottom
