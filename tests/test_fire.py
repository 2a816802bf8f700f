"""The fire fixture as a principal reads it: the area burned and the containment rising on
their own, homes destroyed apart from homes damaged, the share price no rival of the
containment, a live blog dated by its month-first stamp, and no age or unit conversion
counted as a figure."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("fire", tmp_path_factory)


def test_each_measure_of_the_fire_is_its_own_group(built):
    groups = {(g.metric, g.subject): ([f.display for f in g.figures], g.agreement) for g in built.dossier.groups}
    assert groups[("percentage", "contained")] == (["5%", "8%", "15%", "22%"], "updated")
    assert groups[("percentage", "share")] == (["11%"], "single")
    assert groups[("other", "acres")] == (["12,000 acres", "more than 25,000 acres", "31,400 acres", "34,000 acres"], "updated")
    assert groups[("buildings", "buildings damaged")] == (["40"], "single")
    destroyed = next(g for g in built.dossier.groups if g.subject.startswith("buildings destroyed"))
    assert "40" not in [f.display for f in destroyed.figures]  # the damaged 40 are no rival of 158 destroyed
    assert not any(f.unit == "hectares" or f.display == "over 70" for f in built.dossier.figures)
    assert ("displaced", "people") in groups and not any(g.metric == "affected" and "9,500" in g.display_range
                                                         for g in built.dossier.groups)


def test_a_live_blog_is_dated_by_its_month_first_stamp(built):
    live = built.dossier.article("ridge-fire-live")
    assert live.date.iso == "2025-08-14" and live.outlet == "KCVN News"
    assert all(f.as_of and f.as_of.iso == "2025-08-14" for f in built.dossier.figures if f.source.article == live.id)


def test_the_home_page_never_calls_a_share_price_a_dispute_over_containment(built):
    home = built.pages[HOME]
    disputed = home.split("## What is disputed", 1)[1].split("\n## ", 1)[0]
    assert "Percentage" not in disputed and "11%" not in disputed


def test_the_bottom_line_leads_with_the_dead_the_topic_names_first(built):
    home = built.pages[HOME]
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    assert bottom.split("\n1. ", 1)[1].startswith("**Killed** — people (Millbrook): 5")
    assert "Percentage" not in bottom  # the containment is in the table, not ahead of the dead
