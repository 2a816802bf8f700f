"""The crash fixture as a principal reads it: an air crash at one city, survivors flown to
another, a toll that rises over five days while injured survivors die, an airline counting the
missing, a live blog, pasted copy without blank lines, and a saved note whose labelled lines
("Title:", "Source:", "Date:") say what the article is."""

from __future__ import annotations

import pytest

from dossier.render.paths import HOME, source_page, topic_page
from tests.conftest import build_fixture


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("crash", tmp_path_factory)


def _figure(dossier, article, text):
    return next(f for f in dossier.figures if f.source.article == article and f.text == text)


def test_labelled_lines_above_the_text_are_its_title_outlet_and_date(built):
    gazette = built.dossier.article("gazette-update")
    assert gazette.title == "Recorders point to wind shear in Merisa crash, board says" and not gazette.title_inferred
    assert gazette.outlet == "The Northern Gazette" and not gazette.outlet_inferred
    assert gazette.date.iso == "2025-10-14"
    assert not any(p.text.startswith(("Title:", "Source:", "Date:")) for p in gazette.paragraphs)
    page = built.pages[source_page("gazette-update")]
    assert "| Date | 14 October 2025 *(from the article's header)* |" in page
    assert any("read from the labelled lines above the text: title, outlet, date" in n.message for n in gazette.notices)
    # the live blog's credit line names its outlet
    assert built.dossier.article("live-blog").outlet == "Coast Daily"


def test_the_toll_rises_and_deaths_among_the_injured_add_to_it(built):
    dossier = built.dossier
    killed = next(g for g in dossier.groups if g.metric == "killed" and g.counted == "people" and not g.part_of)
    assert killed.agreement == "updated" and killed.latest.display == "83"
    assert killed.latest.claimant == "regional health department"
    # "Two of the injured died in hospital overnight": two deaths more, never a toll of two
    for article, text in (("live-blog", "Two"), ("gazette-update", "two")):
        died = _figure(dossier, article, text)
        assert died.metric == "killed" and died.increment
    assert not any(f.display.lower() == "two" and f.metric == "injured" for f in dossier.figures)
    home = built.pages[HOME]
    bottom = home[home.index("## Bottom line"):home.index("## Headline figures")]
    assert bottom.index("**Killed**") < bottom.index("**Missing**")
    # "pulled 94 survivors ..., 31 of them in critical condition", "23 patients were still in
    # intensive care": the gravest of the injured, a series apart from "19 are still in hospital"
    grave = next(g for g in dossier.groups if g.metric == "injured" and g.figures[0].counted == "people in serious condition")
    assert [f.display for f in grave.figures] == ["31", "23"]
    assert not any(f.display == "19" for f in grave.figures)
    assert "83, according to regional health department" in bottom
    assert "No two claimants disagree on a figure." in home


def test_who_says_so_is_read_from_the_verb_and_the_names_before(built):
    dossier = built.dossier
    assert _figure(dossier, "live-blog", "81").claimant == "health department"  # "now says"
    assert _figure(dossier, "live-blog", "14").claimant == "Aeroveld Airlines"  # "the airline had said"
    assert _figure(dossier, "wire-crash", "94").claimant == "regional emergency service"  # "according to the service"
    investigation = built.pages[topic_page("investigation")]
    assert "*transport safety board, reported by Coast Daily:*" in investigation
    assert "*Lena Ostrova, reported by Coast Daily:*" in investigation  # "Chair Lena Ostrova cautioned"


def test_where_each_count_is_and_what_it_counts(built):
    dossier = built.dossier
    # "40 remain in hospital in Merisa and 12 were flown to Port Halden"
    assert _figure(dossier, "courier-pasted", "40").place == "Merisa"
    assert _figure(dossier, "courier-pasted", "12").place == "Port Halden"
    # "19 are still in hospital, six of them in Port Halden": the 19 are not all there
    nineteen = _figure(dossier, "gazette-update", "19")
    assert nineteen.place is None and nineteen.overall
    assert _figure(dossier, "gazette-update", "six").place == "Port Halden"
    # "put the number of people on board at 187": people on board, not injured
    aboard = _figure(dossier, "courier-pasted", "187")
    assert aboard.metric == "aboard" and aboard.counted == "people"
    # "23 patients were still in intensive care"
    assert _figure(dossier, "live-blog", "23").metric == "injured"
    # "Of the 108 survivors, ...": "Of" is no name
    assert not any("(Of)" in f.subject for f in dossier.figures)
