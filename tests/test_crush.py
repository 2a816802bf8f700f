"""The crush fixture as a principal reads it: a crowd crush at a festival gate, the injured
taken to hospitals in one city and flown to another, children among the dead counted by age,
a rising toll, the organisers' and the police's crowd sizes, and a live blog saved as a `.txt`
with a front matter block."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME
from tests.conftest import build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("crush", tmp_path_factory)


def test_hospitals_the_injured_were_taken_to_are_no_damaged_buildings(built):
    dossier = built.dossier
    wire = figures_by_text(dossier, "wire-day1")
    # "The injured were taken to three hospitals in Tarsa": where they went, not what was hit
    assert (wire["three"].metric, wire["three"].counted) == ("other", "hospitals")
    assert not any(g.metric == "buildings" for g in dossier.groups)
    assert "Buildings damaged" not in built.pages[HOME]
    # "... and 11 of them, in critical condition, were flown to the regional trauma centre in
    # Belmor": 11 of the injured in serious condition, in Belmor (the aside does not end their clause)
    flown = wire["11"]
    assert (flown.metric, flown.counted, flown.place) == ("injured", "people in serious condition", "Belmor")


def test_children_among_the_dead_are_counted_by_age_as_a_part_of_the_toll(built):
    dossier = built.dossier
    agency = figures_by_text(dossier, "agency-day3")
    # "Of the 22 dead, seven were under 18."
    seven = agency["seven"]
    assert seven.metric == "children_killed" and seven.counted == "children"
    whole = next(f for f in dossier.figures if f.id == seven.part_of)
    assert (whole.value, whole.metric) == (22, "killed")
    # "Four of the dead were teenagers"
    assert figures_by_text(dossier, "wire-day1")["Four"].metric == "children_killed"


def test_a_blog_saved_as_text_with_front_matter_names_its_outlet(built):
    dossier = built.dossier
    blog = next(a for a in dossier.articles if a.id == "blog")
    assert (blog.outlet, blog.title) == ("Halvik Radio", "Tarsa crush - live updates")
    assert not blog.outlet_inferred
    assert all(not p.text.startswith("title:") for p in blog.paragraphs)
    assert "unnamed outlet" not in built.pages[HOME]
    assert "reported by Halvik Radio" in built.pages[HOME]


def test_the_toll_rises_and_the_ages_are_no_counts(built):
    dossier = built.dossier
    killed = sorted({f.value for f in dossier.figures if f.metric == "killed" and not f.increment})
    assert {17, 21, 22} <= set(killed)
    assert not any(f.value in (14, 19, 18) and f.metric in ("killed", "children_killed") for f in dossier.figures)


def test_a_part_stays_where_its_whole_is_and_the_official_toll_is_the_officials(built):
    dossier = built.dossier
    paste = figures_by_text(dossier, "local-paste")
    # "In total 73 people were treated in hospital, 40 of whom have since been discharged": the
    # sentence before named Belmor, but the 73 are nobody's town, and so are the 40
    assert paste["73"].place is None and paste["40"].place is None and paste["40"].part_of == paste["73"].id
    # "his ward received 23 bodies on Saturday night, more than the official toll of 21": the
    # doctor's 23 against the officials' 21, not a count of the doctor's that rose
    blog = figures_by_text(dossier, "blog")
    assert blog["23"].claimant == "Tarsa General Hospital" and blog["21"].claimant == "officials"


def test_it_said_is_the_words_of_the_body_that_spoke_before(built):
    """"A woman died ..., the province's health department said. Eight people remain in
    critical condition, it said.": the department's words, relayed, not the agency's own."""
    from dossier.render.paths import topic_page

    page = built.pages[topic_page("toll")]
    line = next(i for i, text in enumerate(page.splitlines()) if "Eight people remain in critical condition" in text)
    assert "*health department, reported by Northern Wire:*" in page.splitlines()[line + 1]


def test_the_bottom_line_cites_each_paragraph_once(built):
    """The doctor's 23 and the officials' 21 come from one paragraph of the blog: one link."""
    import re

    home = built.pages[HOME]
    bottom = home.split("## Bottom line", 1)[1].split("\n## ", 1)[0]
    items = [line for line in bottom.splitlines() if re.match(r"\d+\. ", line)]
    assert items
    for item in items:
        links = re.findall(r"\[[^\]]+ ¶\d+\]\([^)]+\)", item)
        assert len(links) == len(set(links)), item


def test_the_toll_is_one_series_in_the_events_place_and_leads_the_bottom_line(built):
    """The curation's title names Tarsa: the dateline's Belmor ("BELMOR, Sept 15 - ... died in
    hospital in Belmor, bringing the death toll ... to 22"), the blog's province and the pasted
    copy's toll without a place are all the crush's toll, one group, not four; the gravest of
    the injured, flown to Belmor, are a series of their own, not the latest count of them all."""
    dossier = built.dossier
    assert built.curation.place == "Tarsa"
    tolls = [g for g in dossier.groups if g.metric == "killed" and not all(f.increment for f in g.figures)]
    assert [g.subject for g in tolls] == ["people (Tarsa)"]
    assert sorted(f.value for f in tolls[0].figures) == [17, 21, 21, 22, 22, 23]
    assert tolls[0].latest.display == "22" and tolls[0].agreement == "differ"
    grave = next(g for g in dossier.groups if g.subject == "people in serious condition (Belmor)")
    assert [f.display for f in grave.figures] == ["11", "9", "8"]
    home = built.pages[HOME]
    bottom = [line for line in home.split("## Bottom line", 1)[1].split("\n## ", 1)[0].splitlines() if line[:3] in ("1. ", "2. ")]
    assert bottom[0].startswith("1. **Killed** — people (Tarsa): 22, according to health department (15 September 2025). "
                                "**Disputed:** 21 according to officials; 23 according to Tarsa General Hospital")
    assert bottom[1].startswith("2. **Injured** — people (Tarsa): 73, according to Tarsa Evening Post")
