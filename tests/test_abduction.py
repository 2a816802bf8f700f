"""The abduction fixture, written blind from an event's facts (a school abduction followed over
five days; its answer key is `fixtures/abduction/ANSWERS.md`): a wire story, a live blog with
GMT stamps, a paper pasted with its masthead, share row and subscription offer, an agency
update and an analysis. What the briefing must tell apart: those abducted, those who escaped,
those freed by troops and those still held; a national tally and a price per child from the
event's own counts."""

from __future__ import annotations

import pytest

from dossier.curation import load_curation
from dossier.ingest import read_seeds
from dossier.render.paths import HOME
from tests.conftest import FIXTURES, build_fixture, figures_by_text


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture("abduction", tmp_path_factory)


def _groups(dossier, metric: str):
    return [g for g in dossier.groups if g.metric == metric]


def test_the_five_articles_are_read_with_their_outlet_title_and_date():
    here = FIXTURES / "abduction"
    articles, notices = read_seeds(here / "seeds", load_curation(here / "dossier.yml"))
    read = {a.id: (a.outlet, a.title.split(" - ")[0][:40].strip(), a.date.iso) for a in articles}
    assert read["meridian-kelmari-school-attack"] == ("Meridian News", "Gunmen abduct pupils from boarding schoo", "2027-03-09")
    assert read["liveblog-kelmari-day2"][::2] == ("Kandora Today", "2027-03-10")
    # the masthead names the paper; the copyright line names its publisher ("... Media Group")
    assert read["kandora-herald-troops-free-pupils"] == (
        "The Kandora Herald", "Troops free 76 Kelmari pupils in forest", "2027-03-11")
    assert read["kna-update-kelmari-freed-dead"][2] == "2027-03-12"
    assert read["analysis-kelmari-ransom-count"] == ("The Continental Review", read["analysis-kelmari-ransom-count"][1], "2027-03-13")
    herald = next(a for a in articles if a.id == "kandora-herald-troops-free-pupils")
    # the masthead, byline, date line, share row, "Related:" links, subscription offer and
    # copyright line are furniture, each named
    dropped = {d.line: d.reason for d in herald.dropped}
    assert set(dropped) == {1, 3, 4, 15, 16, 17, 18, 19, 20, 21}
    assert dropped[17] == dropped[18] == "web leftover: link to another article"
    assert not any("Subscribe" in p.text or "Related" in p.text or "WhatsApp" in p.text for p in herald.paragraphs)
    assert herald.paragraphs[-1].text == "The freed students were being taken by road to Baranko for medical checks."
    assert not [n for n in notices if n.skipped]


def test_freed_escaped_abducted_and_still_held_are_told_apart(built):
    dossier = built.dossier
    herald = figures_by_text(dossier, "kandora-herald-troops-free-pupils")
    # "Soldiers ... freed 76 students abducted from Kelmari Government Science College": freed
    assert (herald["76"].metric, herald["76"].counted) == ("released", "pupils")
    assert herald["98"].metric == "missing"  # "leaving 98 pupils still in the hands of their kidnappers"
    assert herald["Forty-one"].metric == "escaped"
    both_agree = {f.text: f for f in dossier.figures
                  if f.source.article == "analysis-kelmari-ransom-count" and f.source.paragraph == 7}
    # "41 escaped, 98 were freed by troops and two pupils were killed": who acted is not counted
    assert [both_agree[t].metric for t in ("41", "98", "two")] == ["escaped", "released", "killed"]
    assert not _groups(dossier, "troops")
    (escaped,) = [g for g in _groups(dossier, "escaped") if g.subject == "pupils (Kelmari)"]
    # 28 overnight, then 41 in the blog, the paper, the agency and the analysis: one count,
    # not parted by the village the first entry named; the live blog's place is the town its
    # headline names ("LIVE: Kelmari school abduction"), not the village named once
    assert not any("Kofar Sule" in g.subject for g in dossier.groups)
    assert [f.display for f in escaped.figures] == ["28", "41", "41", "41", "41"]
    assert escaped.agreement == "updated"
    (freed,) = [g for g in _groups(dossier, "released") if g.subject == "pupils (Kelmari)"]
    assert {f.value for f in freed.figures} == {98} and freed.agreement == "agree"
    held = next(g for g in _groups(dossier, "missing") if g.subject == "pupils (Kelmari)")
    assert held.latest.display == "74" and held.latest.claimant == "Salisu Imam Dankoli"


def test_who_says_so_and_as_of_when(built):
    agency = {f.source.paragraph: f for f in built.dossier.figures
              if f.source.article == "kna-update-kelmari-freed-dead" and f.text == "215"}
    # "Of the 215 students the government says were taken, 41 escaped on their own on Wednesday"
    assert (agency[5].claimant, agency[5].as_of.iso, agency[5].metric) == ("government", "2027-03-12", "abducted")
    blog = [f for f in built.dossier.figures if f.source.article == "liveblog-kelmari-day2" and f.source.paragraph == 2]
    # "The school said 287 pupils and a teacher were missing; police said 121 were taken;
    # parents say more than 300."
    assert [(f.display, f.metric, f.claimant) for f in blog] == [
        ("287", "missing", "Kelmari Government Science College"), ("121", "abducted", "police"),
        ("more than 300", "abducted", "parents")]
    analysis = figures_by_text(built.dossier, "analysis-kelmari-ransom-count")
    # "The government's baseline is 215 abducted; the parents count 230, saying 15 junior pupils
    # admitted in January ...": January dates the parents' reason, not the 215
    assert (analysis["215"].claimant, analysis["215"].as_of.iso) == ("government", "2027-03-13")


def test_a_national_tally_and_a_price_per_child_are_no_counts_of_the_event(built):
    dossier = built.dossier
    analysis = figures_by_text(dossier, "analysis-kelmari-ransom-count")
    # "Rights groups say more than 1,400 pupils have been abducted from Kandoran schools since 2014"
    assert analysis["more than 1,400"].counted == "pupils since 2014"
    event = [g for g in _groups(dossier, "abducted") if g.subject == "pupils (Kelmari)"]
    assert event and all(f.value < 1000 for g in event for f in g.figures)
    # "2 million kora (roughly $1,600) per child" beside "1.5 billion kora (about $1.2 million)"
    assert analysis["roughly $1,600"].counted == "per child"
    assert not [g for g in _groups(dossier, "money") if g.agreement == "differ"]
    home = built.pages[HOME]
    assert "$1,600 according to Some families; about $1.2 million" not in home


def test_a_live_blogs_sign_off_is_nobodys_speech_and_its_time_zone_no_name(built):
    home = built.pages[HOME]
    timeline = built.pages["timeline.md"]
    # the sign-off tells nothing that happened: no event (nor anyone's words)
    assert "That's it for today's live coverage" not in timeline
    assert "GMT](" not in timeline
    assert not [e for e in built.dossier.entities if e.name == "GMT"]
    assert "GMT](" not in home


def test_what_the_analyst_counts_as_one_population_is_compared_as_one(built):
    """`counted: {pupils: [children, students]}`: the parents count children, the school pupils,
    the police students; compared side by side, each figure keeping its own words."""
    dossier = built.dossier
    blog = figures_by_text(dossier, "liveblog-kelmari-day2")
    parents = blog["at least 230"]
    assert parents.counted == "children"  # as the parents said it
    (abducted,) = [g for g in _groups(dossier, "abducted") if g.subject == "pupils (Kelmari)"]
    assert parents in abducted.figures and {"121", "215", "more than 300"} <= {f.display for f in abducted.figures}
    # day 1: the school's 287 pupils missing and the parents' "more than 300 children": a dispute
    (missing,) = [g for g in _groups(dossier, "missing") if g.subject == "pupils (Kelmari)"]
    assert missing.note.startswith("287 according to Joseph Andaki; more than 300 according to Kelmari College "
                                   "Parents' Association, both 9 March 2027.")
    assert not [g for g in dossier.groups if g.counted == "children" and g.metric in ("abducted", "missing")]


def test_admitted_for_treatment_is_injured_and_its_gunshot_wounds_a_part(built):
    kna = figures_by_text(built.dossier, "kna-update-kelmari-freed-dead")
    # "19 were admitted for treatment, two of them for gunshot wounds"
    assert kna["19"].metric == "injured" and kna["two"].part_of == kna["19"].id
    # "15 junior pupils admitted in January": admitted to the school, not to hospital
    analysis = figures_by_text(built.dossier, "analysis-kelmari-ransom-count")
    assert analysis.get("15") is None or analysis["15"].metric != "injured"


def test_a_tally_of_years_is_no_headline_figure_of_the_event(built):
    from dossier.assemble.briefing import headline_groups

    ranked = headline_groups(built.dossier.groups)
    tally = next(g for g in ranked if g.subject == "pupils since 2014")
    # "more than 1,400 pupils have been abducted from Kandoran schools since 2014": context,
    # ranked after every count of the event itself
    assert ranked.index(tally) > max(ranked.index(g) for g in ranked if g.metric in ("abducted", "released")
                                     and g.subject.endswith("(Kelmari)"))
    assert "since 2014" not in built.pages[HOME].split("## Headline figures")[1].split("## Topics")[0]
