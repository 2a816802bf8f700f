"""The exchange fixture as a principal reads it: three hostages freed for 90 prisoners (both
released, by whatever noun), the prisoners named again with the women among them, and what is
to come (33 hostages for about 1,900 prisoners over six weeks, four more on Saturday) kept
apart from what happened: a plan is never a count that rose."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("exchange", tmp_path_factory)


def test_hostages_and_prisoners_freed_are_released_and_named_again_alike(built):
    wire = figures_by_text(built.dossier, "wire-0119")
    freed, again = sorted((f for f in built.dossier.figures if f.text == "90" and f.source.article == "wire-0119"),
                          key=lambda f: f.source.paragraph)
    # "released three hostages ..., and 90 prisoners were freed in exchange"
    assert (wire["three"].metric, freed.metric) == ("released", "released")
    # "Of the 90 prisoners, 69 were women and 21 were teenagers": the 90 freed, named again; the
    # women and the teenagers each a part of them
    assert again.source.paragraph == 2 and again.metric == "released" and wire["69"].part_of == again.id
    assert wire["21"].part_of == again.id
    # "the release of 3 hostages and 90 detainees": released, not abducted
    red_cross = figures_by_text(built.dossier, "redcross-0121")
    assert red_cross["3"].metric == "released"
    bottom = home_section(built, "Bottom line")
    assert "**Released or freed** — hostages: 3" in bottom and "**Released or freed** — prisoners: 90" in bottom


def test_what_is_to_come_is_a_plan_apart_from_what_happened(built):
    dossier = built.dossier
    wire, daily = figures_by_text(dossier, "wire-0119"), figures_by_text(dossier, "daily-0120")
    # "33 hostages are to be freed over six weeks in exchange for about 1,900 prisoners"
    assert wire["33"].planned and wire["about 1,900"].planned and wire["about 1,900"].metric == "released"
    assert daily["four"].planned  # "said it would free four more hostages on Saturday"
    assert not wire["three"].planned and not wire["90"].planned
    freed = next(g for g in dossier.groups if (g.metric, g.counted) == ("released", "hostages"))
    assert {f.display for f in freed.figures} == {"3"} and freed.agreement != "differ"
    assert not any(g.agreement == "differ" for g in dossier.groups if g.metric == "released")
