"""The clash fixture as a principal reads it: artillery exchanges across a disputed border, told
by a wire story (byline, dateline), a live blog of time-stamped lines, the UN mission's own
statement and an analysis piece days later. Each side counts its own dead and the other's;
the mission verifies civilians on each side; people flee on both sides. Written from the
event's facts, not from the code."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_containing, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("clash", tmp_path_factory)


def test_the_soldiers_toll_is_disputed_between_the_side_that_lost_them_and_the_side_that_fired(built):
    """Osterra's army says seven (then nine) of its soldiers died; Varland's defence ministry
    claims "more than 40" Osterran soldiers. One group, Osterra's soldiers, in dispute; no
    civilian count in it."""
    wire = figures_by_text(built.dossier, "wire-0903")
    own, claimed = wire["seven"], wire["more than 40"]
    assert (own.claimant, own.side, own.counted) == ("Osterra's army", "Osterra", "soldiers")
    assert (claimed.claimant, claimed.side, claimed.counted) == ("defence ministry", "Osterra", "soldiers")
    group = group_containing(built, own)
    assert claimed in group.figures and group.agreement == "differ"
    assert all(f.counted == "soldiers" for f in group.figures)
    disputed = home_section(built, "What is disputed")
    assert "soldiers (Osterra)" in disputed and "Osterra's army" in disputed and "defence ministry" in disputed


def test_a_claim_the_speaker_denies_is_the_claim_of_whom_he_denies(built):
    """"Col Venn denied Varland's claim that dozens of Osterran troops had died": Varland's
    dozens, against Venn, who is nobody's source of it."""
    dozens = figures_by_text(built.dossier, "live-0904")["dozens"]
    assert (dozens.claimant, dozens.contradicts) == ("Varland", "Dara Venn")
    assert built.dossier.article("live-0904").outlet == "Valley Times"  # "Valley Times live desk"
    assert all(f.claimant != "Dara Venn" for f in built.dossier.figures)


def test_whose_words_each_toll_is(built):
    """"killed at least 19 people ..., officials on both sides said"; "The UN mission, the only
    independent observer, has verified 21 civilian deaths"; "its claim of more than 40 ...,
    and diplomats in Arvo say ...": the ministry's claim, not the city's."""
    assert figures_by_text(built.dossier, "wire-0903")["at least 19"].claimant == "officials on both sides"
    analysis = figures_by_text(built.dossier, "analysis-0907")
    assert analysis["21"].claimant == "UN Observer Mission in the Mirek Valley"
    assert analysis["more than 40"].claimant == "defence ministry"
    assert all(f.claimant != "Arvo" for f in built.dossier.figures)


def test_tolls_of_each_country_and_of_the_valley_are_not_mixed(built):
    """Varland's civilian dead (17 by Varland, 16 by the mission), the valley's dead on both
    sides (19, then 30) and the mission's 21 of both sides are three different counts: none is
    another's rival, and a count of both sides is placed in neither."""
    unomv = figures_by_text(built.dossier, "unomv-0905")
    analysis = figures_by_text(built.dossier, "analysis-0907")
    varland, both = unomv["16"], analysis["21"]
    assert (varland.place, analysis["17"].place, both.place) == ("Varland", "Varland", None)
    assert analysis["17"] in group_containing(built, varland).figures
    valley = group_containing(built, figures_by_text(built.dossier, "wire-0903")["at least 19"])
    assert valley.place == "Mirek valley" and analysis["at least 30"] in valley.figures
    assert varland not in valley.figures and both not in valley.figures and both not in group_containing(built, varland).figures


def test_people_displaced_on_each_side_are_two_counts(built):
    """"some 6,000 people have been displaced on the Varland side and about 800 on the Osterran
    side": both counted, each in its country."""
    unomv = figures_by_text(built.dossier, "unomv-0905")
    assert [(unomv[t].metric, unomv[t].place) for t in ("some 6,000", "about 800")] == [
        ("displaced", "Varland"), ("displaced", "Osterra")]


def test_one_standing_for_a_noun_is_no_figure_and_the_children_among_the_dead_are_counted_apart(built):
    """"the only one I would put in a report" counts nothing; "At least seven of those killed
    were children" is a count of children killed."""
    analysis = figures_by_text(built.dossier, "analysis-0907")
    assert "one" not in analysis and not any(f.value == 1 and f.source.article == "analysis-0907"
                                             for f in built.dossier.figures)
    children = figures_by_text(built.dossier, "unomv-0905")["At least seven"]
    assert (children.metric, children.counted) == ("children_killed", "children")
