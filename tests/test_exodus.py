"""The exodus fixture as a principal reads it: people fleeing fighting in one country's
province into two neighbouring countries over four days, told by a wire story with a byline
and a dateline, a live blog of time-stamped lines pasted without blank lines, a UN agency's
flash update written as "we", and a regional paper whose masthead prints the day beside its
edition. Each receiving country counts its own arrivals, the UN agency counts both, and the
government of the country they fled denies a larger count. Written from the event's facts,
not from the code."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("exodus", tmp_path_factory)


def test_each_country_s_arrivals_are_counted_where_people_went(built):
    """"crossed from Vesland into Ostria ... after fighting reached the outskirts of Karov" is
    a count of Ostria's arrivals, not Karov's; "Pelmark's border guard said 6,200 people had
    entered the country" counts Pelmark's, as "Ostria's interior ministry says 31,400 people
    have now crossed into the country" counts Ostria's; "44,000 to Ostria and 17,000 to
    Pelmark" gives each number its own country."""
    dossier = built.dossier
    wire = figures_by_text(dossier, "northline-0302")
    live = figures_by_text(dossier, "herald-live-0304")
    unhcr = figures_by_text(dossier, "unhcr-0305")
    assert wire["More than 18,000"].place == "Ostria"
    assert wire["6,200"].place == "Pelmark"
    assert live["31,400"].place == "Ostria"
    assert live["at least 27,000"].place == "Ostria"
    assert (unhcr["44,000"].place, unhcr["17,000"].place) == ("Ostria", "Pelmark")
    for group in dossier.groups:
        assert not {"Ostria", "Pelmark"} <= {f.place for f in group.figures}, group.subject
    ostria = next(g for g in dossier.groups if g.metric == "crossed" and g.place == "Ostria" and g.counted == "people")
    assert {f.value for f in ostria.figures} >= {18000, 31400, 27000}


def test_another_body_s_count_of_the_same_crossings_stands_beside_it_disputed(built):
    """"More than 18,000 people crossed from Vesland into Ostria ..., Ostria's interior
    ministry said on Sunday. The UN refugee agency put the number at about 15,000.": UNHCR's
    count of the same crossings, as of the same day, a rival, not a later fall (and not a
    count of nowhere in a group of its own)."""
    restated = figures_by_text(built.dossier, "northline-0302")["about 15,000"]
    ministry = figures_by_text(built.dossier, "northline-0302")["More than 18,000"]
    assert (restated.place, restated.claimant, restated.as_of) == ("Ostria", "UNHCR", ministry.as_of)
    group = next(g for g in built.dossier.groups if restated in g.figures)
    assert ministry in group.figures and group.agreement == "differ"
    assert "about 15,000 according to UNHCR; more than 18,000 according to Ostrian interior ministry" in group.note


def test_a_count_inside_the_country_they_fled_is_that_country_s(built):
    """"Inside Vesland, an estimated 200,000 people are internally displaced, according to IOM",
    right after a sentence naming Ostria and Pelmark: Vesland's, IOM's."""
    displaced = figures_by_text(built.dossier, "unhcr-0305")["an estimated 200,000"]
    assert (displaced.place, displaced.claimant, displaced.metric) == ("Vesland", "IOM", "displaced")


def test_a_count_the_government_calls_exaggerated_is_the_reports_not_its_own(built):
    """"Vesland's government said ... that reports that 100,000 people had fled Karov were
    'grossly exaggerated'": the 100,000 is unattributed reports', set against the government,
    never the government's own count (the "reports" there is a noun, not who speaks)."""
    denied = figures_by_text(built.dossier, "courier-0306")["100,000"]
    assert denied.claimant == "unattributed reports"
    assert denied.contradicts == "Vesland's government"
    # "... and put the number who had left the province at under 20,000": the government's own
    # count of the same thing, set against the reports'
    own = figures_by_text(built.dossier, "courier-0306")["under 20,000"]
    assert (own.claimant, own.metric, own.qualifier, own.value) == ("Vesland's government", "crossed", "up_to", 20000)
    group = next(g for g in built.dossier.groups if denied in g.figures)
    assert own in group.figures and group.agreement == "differ"
    assert "up to 20,000 according to Vesland's government" in group.note


def test_a_masthead_printing_the_day_dates_the_paper_and_is_no_headline(built):
    """"Saturday 6 March 2032 | Hollin edition" above the headline: the paper's date (so "on
    Friday" is 5 March), and the title is the headline under it."""
    courier = next(a for a in built.dossier.articles if a.id == "courier-0306")
    assert courier.date.iso == "2032-03-06"
    assert courier.title == "Vesland says exodus figures 'grossly exaggerated'"
    pelmark = figures_by_text(built.dossier, "courier-0306")["12,400"]
    assert (pelmark.place, pelmark.as_of.iso) == ("Pelmark", "2032-03-06")
