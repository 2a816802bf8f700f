"""The spill fixture as a principal reads it: a subsea pipeline ruptures off a coast, told by a
wire story with a byline and a dateline, a live blog of time-stamped lines, the regulator's own
statement (its name alone under the title), and an analysis piece days later. The company, the
regulator and independent analysts give three different volumes; dead and rescued birds are
counted day by day; the oiled coast is measured in kilometres. The curation adds metrics in
barrels, in km and of animals. Written from the event's facts, not from the code."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_containing, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("spill", tmp_path_factory)


def test_the_three_volumes_stand_side_by_side_each_its_claimant_s(built):
    """"Norrland Energy ... maintains that no more than 3,000 barrels escaped. The Coastal
    Protection Authority puts the figure at 9,500 to 11,000 barrels, and independent analysts at
    the Marine Data Institute estimated 12,000 barrels": three claimants, one disputed group."""
    ledger = figures_by_text(built.dossier, "ledger-analysis-0615")
    company, regulator, analysts = ledger["no more than 3,000"], ledger["9,500 to 11,000"], ledger["estimated 12,000"]
    assert (company.claimant, company.qualifier) == ("Norrland Energy", "up_to")
    assert regulator.claimant == "Coastal Protection Authority"
    assert analysts.claimant == "Marine Data Institute"
    group = group_containing(built, company)
    assert regulator in group.figures and analysts in group.figures and group.agreement == "differ"
    assert "Oil spilled" in home_section(built, "What is disputed")


def test_a_figure_the_director_rejects_is_not_hers(built):
    """'"The flow rate data do not support 2,000 barrels," CPA director Ines Hallberg said': the
    2,000 is the count she sets the authority's against, never her claim."""
    rejected = figures_by_text(built.dossier, "coastal-live-0612")["2,000"]
    assert rejected.claimant != "Ines Hallberg" and rejected.contradicts == "Ines Hallberg"
    assert all(f.claimant != "Ines Hallberg" for f in built.dossier.figures)


def test_dead_birds_are_counted_apart_from_birds_rescued_alive(built):
    """2,150 dead and 410 live oiled birds (the regulator, 13 June), 2,600 dead (the trust, 15
    June), 340 rescued (the trust, 12 June): the dead rose from 2,150 to 2,600; the living are
    in no group of the dead."""
    cpa = figures_by_text(built.dossier, "cpa-statement-0613")
    dead, alive = cpa["2,150"], cpa["410"]
    later = figures_by_text(built.dossier, "ledger-analysis-0615")["2,600"]
    rescued = figures_by_text(built.dossier, "coastal-live-0612")["340"]
    group = group_containing(built, dead)
    assert later in group.figures and group.agreement == "updated"
    assert alive not in group.figures and rescued not in group.figures
    assert (dead.counted, rescued.counted) == ("dead birds", "rescued birds")


def test_the_regulator_s_statement_is_the_regulator_s_and_the_oiled_coast_is_measured_in_km(built):
    """The statement under the line "Coastal Protection Authority" is the authority's (not an
    unnamed outlet's); "31 kilometres of shoreline" (12 June) and "38 km of shoreline" (13 June)
    are one count in km that rose; the fishing zones (20, 35 km) and the boom laid (18 km) are
    no oiled coast."""
    statement = built.dossier.article("cpa-statement-0613")
    assert statement.outlet == "Coastal Protection Authority"
    coast = figures_by_text(built.dossier, "cpa-statement-0613")["38"]
    earlier = figures_by_text(built.dossier, "coastal-live-0612")["31"]
    assert (coast.claimant, coast.metric, coast.counted) == ("Coastal Protection Authority", "coastline", "km")
    group = group_containing(built, coast)
    assert earlier in group.figures and group.agreement == "updated"
    assert not any(f.metric == "coastline" and f.value in (20, 35, 18) for f in built.dossier.figures)
    # a length and a volume are shown in their units, wherever a value is read
    assert (coast.display, earlier.display) == ("38 km", "31 km")
    assert "9,500 to 11,000 barrels" in figures_by_text(built.dossier, "ledger-analysis-0615")["9,500 to 11,000"].display
    assert "**38 km**" in home_section(built, "Headline figures")
