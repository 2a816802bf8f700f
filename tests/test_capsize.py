"""The capsize fixture as a principal reads it: how many were on board, which the claimants give
differently on different days (a dispute, not a count rising), bodies recovered rising over
three days, survivors with children among them, and a year's count of other crossings that is
no part of this toll. The curation names no metrics."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("capsize", tmp_path_factory)


def _group(dossier, metric, counted="people"):
    return next(g for g in dossier.groups if (g.metric, g.counted) == (metric, counted) and not g.part_of)


def test_the_estimates_of_those_on_board_disagree_whatever_their_days(built):
    aboard = _group(built.dossier, "aboard")
    assert [(f.display, f.claimant) for f in aboard.figures] == [
        ("400 to 500", "Coast Wire"), ("up to 500", "Aid groups"), ("about 750", "UN refugee agency")]
    assert aboard.agreement == "differ"
    bottom = home_section(built, "Bottom line")
    assert ("**On board** — people: about 750, according to UN refugee agency (5 May 2026). **Disputed:** "
            "400 to 500 according to Coast Wire (3 May 2026), against about 750 according to UN refugee agency") in bottom


def test_the_toll_rises_and_a_years_count_of_other_crossings_is_apart(built):
    dossier = built.dossier
    killed = _group(dossier, "killed")
    assert [f.display for f in killed.figures] == ["at least 18", "79", "82"] and killed.agreement == "updated"
    # "Last year, 3,105 people died or went missing while trying to cross the Mediterranean"
    year = figures_by_text(dossier, "unhcr-0505")["3,105"]
    assert year.background and str(year.as_of) == "2025" and year not in killed.figures
    table = home_section(built, "Headline figures")
    assert "3,105" not in table and "another event" not in table and "Other" not in table


def test_children_among_the_survivors_are_a_part_of_them(built):
    dossier = built.dossier
    # "Rescuers pulled 104 survivors from the water." ... "At least 12 of the survivors were children."
    pulled, children = figures_by_text(dossier, "coastwire-0503")["104"], figures_by_text(dossier, "coastwire-0503")["At least 12"]
    assert pulled.metric == "rescued" and children.counted == "children" and children.part_of == pulled.id
    # "between 400 and 500 people" on board, said in between, is not what the children are a part of
    assert children.part_of != figures_by_text(dossier, "coastwire-0503")["between 400 and 500"].id
