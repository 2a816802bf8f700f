"""The prison riot fixture as a principal reads it: a toll that rises over four days and that
the ministry breaks down into inmates and officers, a toll the ministry calls wrong, an
inmate reported dead who is alive, escapees caught day by day, and a live blog under a
three-word headline whose entries each name their own town. Written in the shape of real
copy: a wire story with a dateline, a byline and web leftovers, a local paper with front
matter (and a key it does not know), a ministry's statement under its masthead, and a live
blog in reverse order with a date stamp and "Yesterday" entries."""

from __future__ import annotations

import pytest

from tests.conftest import build_fixture, figures_by_text, group_containing, home_section


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("riot", tmp_path_factory)


def test_a_toll_that_rose_is_a_toll_whatever_else_the_sentence_says(built):
    """"Families gathered outside the prison ... as the death toll from the riot rose to 17":
    the 17 is the dead (what rose is the toll), not a crowd that gathered; so the paper's 17
    stands beside the ministry's 16 in one group of the dead."""
    seventeen = figures_by_text(built.dossier, "gazette-0311")["17"]
    assert (seventeen.metric, seventeen.rising) == ("killed", True)
    toll = group_containing(built, seventeen)
    assert {f.source.article for f in toll.figures} >= {"gazette-0311", "ministry-0312", "wire-0310"}
    assert not [g for g in built.dossier.groups if g.metric == "participants"]


def test_a_toll_broken_down_after_a_colon_is_its_parts(built):
    """"16 people died ...: 13 inmates and 3 prison officers": the 13 and the 3 are who among
    the 16 died, parts of it, not counts of inmates and officers of their own; so no group
    of "other" inmates says the ministry's count "rose from 13 to 27" (27 escaped)."""
    statement = figures_by_text(built.dossier, "ministry-0312")
    sixteen = statement["16"]
    assert [(statement[t].metric, statement[t].counted, statement[t].part_of) for t in ("13", "3")] == [
        ("killed", "inmates", sixteen.id), ("killed", "officers", sixteen.id)]
    inmates = group_containing(built, statement["13"])
    assert ([f.display for f in inmates.figures], inmates.agreement) == (["11", "13"], "updated")
    figures_page = built.pages["figures.md"]
    assert "rose from 13 to 27" not in figures_page
    assert "Of which: [inmates]" in figures_page


def test_an_inmate_reported_dead_who_is_alive_is_no_count_of_the_dead(built):
    """"A hospital in Lindor says one inmate reported dead is alive": a correction of the
    toll, not a toll of one in Lindor."""
    blog = figures_by_text(built.dossier, "live-0313")
    assert "one" not in blog
    assert not [g for g in built.dossier.groups if g.metric == "killed" and g.place == "Lindor"]


def test_a_capital_that_opens_a_live_blog_entry_is_nobody_s_side(built):
    """"08:15 Prison officers' union says ... The union puts the number of officers injured at
    14": "Prison" opens the entry's sentence, it names no side the officers are of, and the
    town the entry before named (Lindor) is not lent to them."""
    fourteen = figures_by_text(built.dossier, "live-0313")["14"]
    assert (fourteen.metric, fourteen.counted, fourteen.side, fourteen.place, fourteen.claimant) == (
        "injured", "officers", None, None, "union")
    headline = home_section(built, "Headline figures")
    assert "| [Injured](figures.md#" in headline and "officers (" not in headline


def test_a_three_word_headline_above_a_live_blog_is_its_title(built):
    """"Korvale riot: latest" above the date stamp and the entries: the page's title, not a
    paragraph (the title is no longer the first entry's sentence)."""
    blog = next(a for a in built.dossier.articles if a.id == "live-0313")
    assert blog.title == "Korvale riot: latest"
    assert blog.paragraphs[0].text.startswith("09:40 Police say")


def test_the_bottom_line_leads_with_the_disputed_toll_and_names_both_sides(built):
    line = home_section(built, "Bottom line")
    first = next(row for row in line.splitlines() if row.startswith("1. "))
    assert first.startswith("1. **Killed** — people")
    assert ("**Disputed:** 16 according to Ministry of Justice (12 March 2032), against 17 according to "
            "unattributed reports (undated).") in first


def test_a_live_blog_entry_stamped_yesterday_is_of_the_day_before_at_its_time(built):
    """"Yesterday 18:00 The ministry said 16 people died": an entry's stamp, as "18:00" alone
    is; the 16 is as of 12 March at 18:00 (the blog is of 13 March), and the stamp is not read
    out as the start of the ministry's sentence."""
    sixteen = figures_by_text(built.dossier, "live-0313")["16"]
    assert (sixteen.as_of.iso, sixteen.as_of_time) == ("2032-03-12", "18:00")
    topic = home_section(built, "Topics")
    assert "- The ministry said 16 people died, including 3 officers." in topic
    assert "Yesterday 18:00" not in built.pages["index.md"]
