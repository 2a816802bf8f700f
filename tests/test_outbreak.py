"""A dossier of an epidemic (tests/fixtures/outbreak): a cholera outbreak over three weeks,
counted for the country and for two of its provinces, by the WHO, the health ministry, the
minister and a provincial office, with children among the dead and a lower WHO count; a wire
copy with a Geneva dateline and no date, a dated article with a dateline and a byline, and a
radio page pasted with its share buttons. The curation says the provinces lie within the
country (`within`), so a province's toll is a part of the country's, never its rival, and a
toll that names no place is the country's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.pipeline import build

HERE = Path(__file__).resolve().parent / "fixtures" / "outbreak"


@pytest.fixture(scope="module")
def built():
    return build(HERE / "seeds", HERE / "dossier.yml", pdf=False)


def groups(built, label: str) -> dict[str, object]:
    return {g.subject: g for g in built.dossier.groups if g.label == label}


def test_the_national_toll_is_one_figure_with_the_province_under_it(built):
    killed = groups(built, "Killed")
    national = killed["people (Lower Tavra)"]
    assert (national.display_range, national.latest.display, national.latest_claimant) == \
        ("23 – 58", "52", "World Health Organization")
    # 23, 41, 58, then the WHO's 52 ("counting only deaths confirmed in treatment centres"): a
    # toll does not fall when another body gives it, so the WHO's count is the ministry's rival
    assert national.agreement == "differ"
    assert national.note == ("52 according to World Health Organization (16 March 2025), against 58 according to "
                             "Ministry of Health (14 March 2025). Four reports from three claimants.")
    province = killed["people (Dorvale)"]
    assert province.part_of == national.id and province.latest.display == "7"
    assert province.id in national.parts
    # the minister's 41, given in a Kessin-datelined story before Dorvale is named, is national
    assert "41" in {f.display for f in national.figures}


def test_cases_are_people_and_the_provinces_cases_are_a_part_of_the_countrys(built):
    cases = groups(built, "Cases")
    national = cases["people (Lower Tavra)"]
    assert (national.display_range, national.latest.display) == ("at least 410 – 1,730", "1,730")
    assert cases["people (Dorvale)"].part_of == national.id


def test_only_the_national_toll_is_disputed_and_no_sum_compared_with_another_thing(built):
    assert [g.subject for g in built.dossier.groups if g.agreement == "differ"] == ["people (Lower Tavra)"]
    money = [g for g in built.dossier.groups if g.label == "Money"]
    assert all(g.agreement == "single" for g in money), [(g.subject, g.note) for g in money]


def test_the_home_page_leads_with_the_countrys_counts_and_names_their_claimants(built):
    home = built.pages["index.md"]
    home = home.decode() if isinstance(home, bytes) else str(home)
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    # in the order the topic names its metrics (`metrics: [killed, cases]`)
    assert bottom.index("**Killed** — people (Lower Tavra): 52, according to World Health Organization") \
        < bottom.index("**Cases** — people (Lower Tavra): 1,730, according to Ministry of Health")
    table = home[home.index("## Headline figures"):home.index("[All figures]")]
    assert "people (Dorvale)" not in table  # a part is shown under its country, not beside it
