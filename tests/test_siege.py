"""The siege fixture as a principal reads it: the shelling of a besieged city's market, a toll
that rises over four days through a wire story, an aid group's hospital, a local paper and a UN
flash update; each side's claims about the other's dead fighters; a drone strike in another
town; a besieged population and people who fled. Written in the shape of real copy: a wire
story with a dateline and a credit line, an NGO statement in front matter, a local site with its
menu and share buttons, and a flash update with its number and date lines."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_of, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("siege", tmp_path_factory)


def test_the_toll_rises_day_by_day_and_the_report_of_later_days_is_dated_by_them(built):
    """"At least 52 civilians were killed ... in the shelling of Kessan central market on 31
    August", in the flash update of 3 September: the shelling's day, not the count's, so the
    toll reads 31, 43, 52, at least 52 in time order, never 52 on the day of the 31."""
    update = figures_by_text(built.dossier, "ocha-0903")
    assert str(update["At least 52"].as_of) == "2031-09-03"
    toll = group_of(built, "killed", "people", "Kessan")
    dated = [f.display for f in toll.figures if f.as_of is not None]
    assert dated == ["at least 31", "43", "52", "at least 52"]
    # the UN's own flash update is the UN's claim, not a relay of the directorate's 52
    assert update["At least 52"].claimant_kind == "organisation"
    assert "Killed** — people (Kessan): at least 52, according to OCHA (3 September 2031)" in home_section(
        built, "Bottom line")


def test_a_count_set_against_the_one_reported_is_not_its_writers(built):
    """"The death toll is higher than the 31 reported so far: our teams counted 43 bodies": the
    31 is what was reported, set against by the aid group, whose count is the 43."""
    statement = figures_by_text(built.dossier, "ngo-0901")
    assert (statement["31"].claimant, statement["31"].contradicts, statement["31"].as_of) == (
        "earlier reports", "Doctors Across Borders", None)
    assert statement["43"].claimant == "Doctors Across Borders"


def test_patients_who_died_of_their_injuries_are_a_part_of_the_wounded_not_a_toll(built):
    """"received 96 wounded patients ... Nine died of their injuries after arrival": nine of
    the 96, an addition to the dead, never a rival of the toll of 52."""
    statement = figures_by_text(built.dossier, "ngo-0901")
    nine = statement["Nine"]
    assert (nine.metric, nine.part_of, nine.increment) == ("killed", statement["96"].id, True)
    assert nine not in group_of(built, "killed", "people", "Kessan").figures


def test_each_side_s_claim_on_the_fighters_killed_is_disputed(built):
    """The Front says 12 of its fighters died in Ul Ada; the army says it killed "more than 60
    terrorists" around Ul Ada (quoted words, still a count of fighters killed); the UN relays
    "claims by the armed forces that 60 fighters were killed", the army's, not the UN's."""
    wire = figures_by_text(built.dossier, "wire-0831")
    assert (wire["more than 60"].metric, wire["more than 60"].counted, wire["more than 60"].place) == (
        "killed", "soldiers", "Ul Ada")
    assert figures_by_text(built.dossier, "ocha-0903")["60"].claimant == "Almiran army"
    fighters = group_of(built, "killed", "soldiers", "Ul Ada")
    assert fighters.agreement == "differ"
    assert ("Disputed — **Killed** (soldiers (Ul Ada)): 12 according to Northern Front; more than 60 according "
            "to Almiran army, both 31 August 2031.") in home_section(built, "Bottom line")


def test_a_besieged_population_is_not_missing(built):
    """"About 200,000 people remain trapped in Kessan, which has been under siege": the city's
    people, not 200,000 missing (as are miners trapped in a shaft)."""
    besieged = figures_by_text(built.dossier, "wire-0831")["About 200,000"]
    assert besieged.metric != "missing"
    assert not any(g.metric == "missing" for g in built.dossier.groups)


def test_parts_listed_together_are_parts_of_the_whole(built):
    """"risen to 52 ..., including 11 children and 9 women": both of the 52, the women not a
    part of the children."""
    paper = figures_by_text(built.dossier, "local-0902")
    assert paper["11"].part_of == paper["9"].part_of == paper["52"].id


def test_a_strike_on_another_town_and_a_province_by_its_curated_name(built):
    """The drone strike on a wedding in Marit is Marit's, not a count of Kessan's market;
    "In Dorra province" is the curation's "Dorra province", not a place "Dorra"."""
    assert group_of(built, "killed", "people", "Marit").figures[0].display == "7"
    assert figures_by_text(built.dossier, "ocha-0903")["1.1 million"].place == "Dorra province"


def test_an_organisation_writing_as_we_speaks_for_itself_not_for_the_doctor_it_quotes(built):
    """The aid group's statement opens "Our hospital in Kessan received 96 wounded patients"
    and later quotes its coordinator: its own "we" and "our" sentences are the group's, only
    the quotation is Dr Kheir's."""
    def speaker(start: str):
        return next(s.speaker for s in built.dossier.statements if s.text.startswith(start))

    assert speaker("Our hospital in Kessan received 96") is None
    assert speaker("We call on all parties") is None
    assert speaker("Our last shipment") is None
    assert speaker("\"We ran out of blood bags") == "Amal Kheir"
