"""The briefing: attribution everywhere, takeaways, the bottom line, on three events."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from dossier.analyse.quotes import extract_quotes, sentence_speakers
from dossier.analyse.sentences import split_sentences
from dossier.assemble import clusters
from dossier.assemble.briefing import is_rhetoric
from dossier.curation import load_curation
from dossier.curation.schema import parse_curation
from dossier.errors import CurationError
from dossier.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EVENTS = {
    "default": (ROOT / "seeds", ROOT / "dossier.yml"),
    "flood": (FIXTURES / "flood" / "seeds", FIXTURES / "flood" / "dossier.yml"),
    "speech": (FIXTURES / "speech" / "seeds", FIXTURES / "speech" / "dossier.yml"),
}


@pytest.fixture(scope="module", params=sorted(EVENTS))
def built(request):
    seeds, config = EVENTS[request.param]
    return build(seeds, config, pdf=False)


def _plain(markdown: str) -> str:
    """Page text as read: links reduced to their words, escapes and emphasis removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = text.replace("\\", "").replace("**", "").replace("*", "")
    return " ".join(text.replace("“", '"').replace("”", '"').split())


def _items(markdown: str, rows: bool = False) -> list[str]:
    """Each list item or quotation block of a page (and table row, with `rows`), with its
    continuation lines."""
    items: list[list[str]] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        starts = re.match(r"^(?:[-*|]|\d+\.)\s" if rows else r"^(?:[-*]|\d+\.)\s", stripped) or (stripped.startswith(">") and not (items and items[-1][0].lstrip().startswith(">")))
        if starts:
            items.append([line])
        elif items and stripped:
            items[-1].append(line)
        elif items and not stripped and not items[-1][0].lstrip().startswith(">"):
            items.append([""])
    return [_plain("\n".join(item)) for item in items if item[0]]


def _names(curation, speaker: str) -> list[str]:
    spec = next((e for e in curation.entities if e.name == speaker), None)
    return [speaker, *(spec.aliases if spec else ())]


def _briefing_pages(pages: dict[str, str]) -> dict[str, str]:
    return {p: t for p, t in pages.items() if p in ("index.md", "figures.md") or p.startswith("topics/")}


# ---- attribution ---------------------------------------------------------------------------


def test_no_speech_appears_on_a_briefing_page_without_its_speaker(built):
    """Every sentence the speech detection gives a speaker (quotations, "X said", relayed
    speech) is shown, wherever it appears on the home or a topic page, with that speaker."""
    curation = built.curation
    checked = 0
    for article in built.dossier.articles:
        speakers = sentence_speakers(article, curation)
        for paragraph in article.paragraphs:
            for sentence in split_sentences(paragraph.text):
                speaker = speakers.get((paragraph.number, sentence.start))
                snippet = _plain(clusters.clean_text(sentence.text))[:45]
                if speaker is None or len(snippet) < 30:
                    continue
                for path, page in _briefing_pages(built.pages).items():
                    for item in _items(page, rows=path == "figures.md"):
                        if snippet in item:
                            checked += 1
                            assert any(n in item for n in _names(curation, speaker)), (path, item)
    assert checked > 0


def test_every_quotation_on_a_briefing_page_names_its_speaker(built):
    for article in built.dossier.articles:
        for quote in extract_quotes(article, built.curation):
            snippet = _plain(quote.text)[:40]
            for path, page in _briefing_pages(built.pages).items():
                for item in _items(page):
                    if snippet in item:
                        expected = _names(built.curation, quote.speaker) if quote.speaker else ["speaker not named"]
                        assert any(n in item for n in expected) or any(
                            n in item for q in built.dossier.quotes if snippet in _plain(q.text)
                            for n in _names(built.curation, q.speaker or "speaker not named")
                        ), (path, item)


def test_every_takeaway_says_whose_claim_it_is(built):
    """Either the speaker ("Kaja Tamm: ...", "Zelensky stressed ...") or the outlets' own
    reporting ("HNGN reports: ...")."""
    for topic in built.dossier.topics:
        for takeaway in built.dossier.briefing.takeaways[topic.id]:
            s = takeaway.statement
            page = _plain(built.pages[f"topics/{topic.id}.md"])
            claim = _plain(clusters.clean_text(s.text))[:40]
            assert claim in page
            item = next(i for i in _items(built.pages[f"topics/{topic.id}.md"]) if claim in i)
            if s.speaker:
                assert any(n in item for n in _names(built.curation, s.speaker)), item
            else:
                assert re.search(r"\breports?:", item), item


# ---- takeaways ------------------------------------------------------------------------------


def _takeaway_section(page: str) -> str:
    section = page.split("## Key takeaways", 1)[1]
    return re.split(r"\n\?\?\? |\n## ", section, maxsplit=1)[0]


def test_each_topic_shows_at_most_the_configured_takeaways_outside_the_collapsed_record(built):
    curation = built.curation
    for topic in built.dossier.topics:
        spec = curation.topic(topic.id)
        limit = spec.takeaways or curation.takeaways
        shown = re.findall(r"(?m)^\d+\. ", _takeaway_section(built.pages[f"topics/{topic.id}.md"]))
        assert len(shown) <= limit
        statements = [s for s in built.dossier.statements if topic.id in s.topics]
        if len(statements) > limit:
            assert "??? note \"All statements" in built.pages[f"topics/{topic.id}.md"]


def test_takeaways_are_ranked_by_independent_originators(built):
    """Those that name the topic or carry a headline figure first (`score`'s first part), then,
    within each, by independent originators."""
    for takeaways in built.dossier.briefing.takeaways.values():
        keys = [(t.score[0], -len(t.statement.originators)) for t in takeaways]
        assert keys == sorted(keys)


def test_a_topic_s_takeaways_are_about_the_topic():
    """A statement is in a topic by its paragraph: "Ukrainian security services are checking
    all the details", beside the DPRK troops in Zelensky's address, is relayed by two outlets
    but says nothing of the troops, so it is no takeaway of that topic; nor is "The Russian
    Federation attacked Kyiv" one of the casualty estimates, which it does not give."""
    result = build(*EVENTS["default"], pdf=False)
    texts = {topic: [t.statement.text for t in takeaways] for topic, takeaways in result.dossier.briefing.takeaways.items()}
    assert not any("security services are checking" in text for text in texts["dprk-troops"])
    assert not any(text.startswith("The Russian Federation attacked Kyiv") for text in texts["casualties"])
    assert any(text.startswith("The Russian Federation attacked Kyiv") for text in texts["kyiv-strike"])


def test_a_takeaway_names_the_claimant_of_its_figures():
    """"Ukrainian intelligence reported on October 24, 2024, that ... There are approximately
    12 000 soldiers, including 500 officers and three generals": the figures table gives the
    12,000 to the Main Intelligence Directorate, so the takeaway does too, not "unnamed outlet
    reports"."""
    result = build(*EVENTS["default"], pdf=False)
    soldiers = next(s for s in result.dossier.statements if s.text.startswith("There are approximately 12 000 soldiers"))
    figures = [f for f in result.dossier.figures if f.source in {m.source for m in soldiers.mentions}
               or any(f.source.article == m.source.article and f.source.paragraph == m.source.paragraph
                      and m.source.start <= f.source.start < m.source.end for m in soldiers.mentions)]
    assert {f.claimant for f in figures} == {"Main Intelligence Directorate of Ukraine"}
    assert soldiers.speaker == "Main Intelligence Directorate of Ukraine"
    item = next(i for i in _items(result.pages["topics/dprk-troops.md"]) if "approximately 12 000 soldiers" in i)
    assert "reports:" not in item and "Main Intelligence Directorate of Ukraine" in item


def test_speech_fixture_counts_one_originator_for_a_relayed_address():
    result = build(*EVENTS["speech"], pdf=False)
    relayed = [s for s in result.dossier.statements if s.speaker == "Kaja Tamm" and len(s.articles) == 3]
    assert relayed, [(s.speaker, s.text) for s in result.dossier.statements]
    for s in relayed:
        assert s.originators == ("Kaja Tamm",)
    page = _plain(result.pages["topics/response.md"])
    assert "Kaja Tamm, relayed by Baltic Wire, Harbour News and Tallinn Post" in page
    limits = {"sinking": 3, "response": 4}
    for topic, limit in limits.items():
        assert len(result.dossier.briefing.takeaways[topic]) <= limit


@pytest.mark.parametrize("text", [
    "It always is.",
    "So far, only there.",
    "My condolences to their loved ones.",
    "I thank everyone in the world who is helping.",
    "We need to put real pressure on them to stop this.",
    "Thank you to the rescuers who worked through the night.",
    "And if this is not escalation, then what is?",
])
def test_rhetoric_and_pleasantries_are_not_takeaways(text):
    assert is_rhetoric(text)


@pytest.mark.parametrize("text", [
    "The attack killed 12 people in the capital overnight.",
    "Rescuers pulled 61 survivors from the water overnight.",
    "The inquiry will be independent, and it will report within six months.",
    "We counted 31 bodies in the basement of the school.",
])
def test_information_is_kept(text):
    assert not is_rhetoric(text)


# ---- the bottom line ------------------------------------------------------------------------


def test_bottom_line_comes_first_and_cites_source_paragraphs(built):
    home = built.pages["index.md"]
    headings = re.findall(r"(?m)^## (.+?)(?: \{.*\})?$", home)
    assert headings[:3] == ["Bottom line", "Headline figures", "Topics"]
    order = ["Bottom line", "Headline figures", "Topics", "What is disputed", "Latest events",
             "What to review", "Downloads"]
    assert [h for h in headings if h in order] == order
    section = home.split("## Bottom line", 1)[1].split("\n## ", 1)[0]
    clauses = re.findall(r"(?m)^\d+\. (.*)$", section)
    assert 1 <= len(clauses) <= 5
    for clause in clauses:
        if clause.startswith("*Analyst"):
            continue
        assert re.search(r"\]\(sources/[^)]+\.md#p-[0-9a-f]+\)", clause), clause


def test_the_analysts_bottom_line_comes_first_and_is_marked_as_theirs():
    result = build(*EVENTS["speech"], pdf=False)
    first = result.dossier.briefing.bottom_line[0]
    assert first.kind == "analyst" and "provisional" in first.text
    section = result.pages["index.md"].split("## Bottom line", 1)[1]
    assert re.search(r"(?m)^1\. \*Analyst:\* The toll is still rising", section)


def test_bottom_line_curation_key(tmp_path):
    base = "title: T\ntopics:\n  - id: a\n    title: A\n    keywords: [x]\n"
    curation = parse_curation(base + "bottom_line:\n  sentences: [One.]\n  replace: true\ntakeaways: 3\n")
    assert curation.bottom_line == ("One.",) and curation.bottom_line_replace and curation.takeaways == 3
    assert parse_curation(base + "bottom_line: [A., B.]\n").bottom_line == ("A.", "B.")
    with pytest.raises(CurationError) as error:
        parse_curation(base + "bottom_line:\n  replace: true\ntakeaways: none\n")
    message = str(error.value)
    assert "dossier.yml:7: bottom_line.sentences is required" in message
    assert "dossier.yml:8: takeaways must be a whole number" in message
    many = parse_curation(base + "bottom_line: [A., B., C., D., E., F.]\n")
    assert [(w.line, w.message[:27]) for w in many.warnings] == [(6, "bottom_line has 6 sentences")]


# ---- clustering and sentences ----------------------------------------------------------------


def test_clustering_never_chains_unrelated_statements(monkeypatch):
    """A ~ B ~ C ~ D ~ E, each verified like its neighbours only: no cluster holds both ends
    (single-link clustering would make them one)."""
    items = [clusters.features(f"Sentence number {i} about things.") for i in range(5)]
    chain = [(i, i + 1) for i in range(4)]
    monkeypatch.setattr(clusters, "_verified", lambda _items, _articles, _proposals: chain)
    groups = clusters._cluster(items, [str(i) for i in range(5)])
    assert sorted(i for g in groups for i in g) == list(range(5))
    assert not any(0 in g and 4 in g for g in groups)
    assert max(len(g) for g in groups) <= 3


def test_wire_copies_stay_one_cluster():
    from dossier.model import Article, Paragraph

    text = "The storm killed 14 people on the island of Hiiumaa on Monday night, officials said."
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", title="t", title_inferred=False, outlet=f"O{i}",
                        outlet_inferred=False, url=None, date=None, date_origin="unknown",
                        paragraphs=(Paragraph(1, text, 1),)) for i in range(30)]
    statements = clusters.cluster_statements(articles)
    assert len(statements) == 1 and len(statements[0].articles) == 30


@pytest.mark.parametrize("text, expected", [
    ("He posted on X. He added more.", ["He posted on X.", "He added more."]),
    ("J. Smith said so. Then he left.", ["J. Smith said so.", "Then he left."]),
    ("George W. Bush spoke. A crowd came.", ["George W. Bush spoke.", "A crowd came."]),
])
def test_sentence_splitting_after_a_one_letter_name(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_speech_detection_on_another_event():
    seeds, config = EVENTS["speech"]
    curation = load_curation(config)
    from dossier.ingest import read_seeds

    articles, _ = read_seeds(seeds, curation)
    found = {}
    for article in articles:
        speakers = sentence_speakers(article, curation)
        for p in article.paragraphs:
            for s in split_sentences(p.text):
                found[s.text] = speakers.get((p.number, s.start))
    # a quoted paragraph whose speaker is named in the paragraph before it
    assert found['"Nobody who cut corners on safety will be protected.'] == "Kaja Tamm"
    # "According to her, ..." and a pronoun start
    assert found["According to her, the ferry had passed its last inspection in January."] == "Kaja Tamm"
    assert found["She stressed that compensation for the families would be paid within a month."] == "Kaja Tamm"
    # the outlet's own reporting stays the outlet's
    assert found["Wednesday was declared a day of national mourning."] is None
    assert found["Divers reached the hull of the ferry on Wednesday and recovered five bodies."] is None


# ---- the PDF on other events ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("event", ["flood", "speech"])
def test_pdf_of_another_event_is_a_short_briefing(event, tmp_path):
    from pypdf import PdfReader

    from dossier.pdf import build_pdf

    result = build(*EVENTS[event])
    report = build_pdf(result.dossier, result.pages, tmp_path / "b.pdf")
    texts = [page.extract_text() or "" for page in PdfReader(tmp_path / "b.pdf").pages]
    assert 3 <= report.pages <= 12
    assert "Bottom line" in texts[1]
    text = " ".join(" ".join(t.split()) for t in texts)
    assert "Download" not in text and "All statements" not in text
    for article in result.dossier.articles:
        for line in article.dropped:
            if len(line.text) >= 20:
                assert " ".join(line.text.split()) not in text, line.text


@pytest.mark.slow
def test_printed_briefing_is_bounded_by_the_briefing_not_the_articles(tmp_path):
    """Sixty articles: the printed annexes are capped in rows and the takeaways in number."""
    from dossier.render.pages import PRINT_LIMITS, render_print_pages

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for index in range(60):
        source = sorted((ROOT / "seeds").glob("*.txt"))[index % 5]
        extra = f"\n\nOn {1 + index % 28} March 2025 desk {index} filed copy number {index}.\n"
        (seeds / f"{index:03d}_{source.stem[4:]}.txt").write_text(source.read_text(encoding="utf-8") + extra,
                                                                  encoding="utf-8")
    result = build(seeds, ROOT / "dossier.yml", pdf=False)
    printed = render_print_pages(result.dossier)
    assert len(result.dossier.events) > PRINT_LIMITS["timeline"]
    for path, annex in (("figures.md", "figures"), ("timeline.md", "timeline"), ("sources/index.md", "sources")):
        rows = [line for line in printed[path].splitlines() if line.startswith("| ") and "---" not in line]
        assert len(rows) - 1 <= PRINT_LIMITS[annex], path
    takeaways = re.findall(r"(?m)^\d+\. ", printed["index.md"].split("## Key takeaways", 1)[1])
    assert len(takeaways) <= 21


def test_plugin_option_for_the_sources_annex_is_validated():
    from dossier.plugin import DossierPlugin

    plugin = DossierPlugin()
    errors, _warnings = plugin.load_config({"pdf_annexes": ["sources"]})
    assert not errors and plugin.config.pdf_annexes == ["sources"]
    errors, _warnings = DossierPlugin().load_config({"pdf_annexes": ["everything"]})
    assert errors and "pdf_annexes" in str(errors[0][0])


def test_cli_pdf_takes_the_sources_annex():
    from dossier.cli import make_parser

    assert make_parser().parse_args(["pdf", "--annex", "sources"]).annex == ["sources"]
    assert make_parser().parse_args(["pdf"]).annex == []
    with pytest.raises(SystemExit):
        make_parser().parse_args(["pdf", "--annex", "everything"])


# ---- _best_first: ranked while needed, then every other one ----------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=30), st.integers(0, 35))
def test_best_first_ranks_as_a_stable_sort_until_told_to_stop(keys, wanted):
    from dossier.assemble.briefing import _best_first

    items = list(range(len(keys)))  # the positions, ranked by keys[position]
    taken: list[int] = []
    for item in _best_first(items, keys, lambda: len(taken) < wanted):
        taken.append(item)
    ranked = sorted(items, key=keys.__getitem__)
    assert taken[:wanted] == ranked[:wanted]
    assert sorted(taken) == items


@pytest.mark.slow
def test_the_briefing_states_the_most_reported_disputes_and_counts_the_rest(tmp_path):
    """Sixty generated articles of several events dispute more figures than a principal reads:
    the home page and the printed briefing state the DISPUTES_IN_BRIEFING most reported (in
    the order of the headline figures), then count the others and say where they are; the
    figures page still lists every one of them."""
    import importlib.util

    from dossier.assemble.briefing import headline_groups, is_disputed
    from dossier.render.pages import render_print_pages
    from dossier.render.paths import DISPUTES_IN_BRIEFING

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(60, tmp_path)
    result = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False)
    disputed = [g for g in headline_groups(result.dossier.groups) if is_disputed(g)]
    assert len(disputed) > DISPUTES_IN_BRIEFING  # the case this test is about
    more = len(disputed) - DISPUTES_IN_BRIEFING
    home = result.pages["index.md"]
    printed = render_print_pages(result.dossier)["index.md"]
    for text, heading in ((home, "## What is disputed\n"), (printed, "## What is disputed and why\n")):
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        items = re.findall(r"(?m)^- \*\*(.+?)\*\* — (.+?):", section)
        assert items == [(g.label, g.subject) for g in disputed[:DISPUTES_IN_BRIEFING]]
        assert f"*{more} more disputed figures, reported by fewer sources, are listed on " in section
    assert "[the figures page](figures.md#where-sources-disagree)" in home
    figures = result.pages["figures.md"]
    listed = figures.split("## Where sources disagree", 1)[1].split("\n## ", 1)[0]
    assert all(f"#{g.id})" in listed for g in disputed)


def test_the_ranking_of_a_dossiers_groups_is_made_once_and_never_shared_for_change(tmp_path, monkeypatch):
    """The briefing and the pages rank the same tuple of groups: ranked once, each caller
    gets a list of its own, and other groups are ranked afresh."""
    import dossier.assemble.briefing as briefing

    result = build(ROOT / "seeds", ROOT / "dossier.yml", pdf=False)
    groups = result.dossier.groups
    first = briefing.headline_groups(groups)
    calls = []
    real = briefing.is_secondary
    monkeypatch.setattr(briefing, "is_secondary", lambda g: calls.append(g) or real(g))
    first.reverse()  # a caller's own list
    again = briefing.headline_groups(groups)
    assert calls == [] and again == list(reversed(first)) and len(again) == len(groups) > 3
    others = tuple(reversed(groups[1:]))
    assert briefing.headline_groups(others) == sorted(others, key=again.index)  # ranked afresh
    changed = dataclasses.replace(groups[0], figures=groups[0].figures[:1])  # another group: one report
    calls.clear()
    ranked = briefing.headline_groups((*others, changed))
    assert calls == [changed]  # (a group this build ranked already keeps its key: a pure function of it)
    assert ranked == sorted((*others, changed), key=briefing._rank)
    from dossier.reuse import REUSE

    try:  # under `mkdocs serve` the next build's tuple holds the very groups of the last one, but one
        REUSE.start(True)
        briefing.headline_groups(tuple(list(others)))  # (another tuple: `others` was ranked already)
        REUSE.start(True)
        calls.clear()
        fewer = others[1:]
        assert briefing.headline_groups(fewer) == sorted(fewer, key=again.index) and calls == []
        new = dataclasses.replace(groups[0])  # an equal group, not the same object: ranked
        assert briefing.headline_groups((new, *fewer)) == [new if g is groups[0] else g for g in again if g is not others[0]]
        assert calls == [new]
    finally:
        REUSE.start(False)


def _reported(text: str, *articles: str, speaker: str | None = None):
    from dossier.model import Mention, SourceRef, Statement

    mentions = tuple(Mention(SourceRef(a, 1, 0, len(text)), text) for a in articles)
    return Statement(id=f"s-{abs(hash(text)) % 10**8}", text=text, mentions=mentions, speaker=speaker,
                     outlets=tuple(sorted(articles)))


def test_rhetoric_is_neither_a_takeaway_nor_merged_into_one_and_is_asked_of_the_few_it_matters_for(monkeypatch):
    """The best-reported statement is an exhortation: it is passed over for the next ones; a
    question that repeats a chosen takeaway's figure does not lend it its sources. Whether a
    statement is rhetoric is asked only of those a topic would choose or merge, not of
    every statement of the topic (most of a briefing's time at 10,000 articles)."""
    from dossier.assemble import briefing

    asked: list[str] = []
    real = briefing._rhetoric
    monkeypatch.setattr(briefing, "_rhetoric", lambda text: asked.append(text) or real(text))
    exhortation = _reported("We must stand together and we will continue to support our partners.",
                            "a1", "a2", "a3", "a4", "a5", "a6")
    toll = _reported("Officials said 12 people were killed in the attack on the station.", "a1", "a2", "a3", "a4")
    question = _reported("Were 12 people killed in the attack on the station by the officials?", "a7", "a8", "a9")
    others = [_reported(f"Rescuers cleared debris from building number {n} on the main avenue today.", f"b{n}")
              for n in range(40)]
    dates = {a: (2025, 4, 24) for s in (exhortation, toll, question, *others) for a in s.articles}
    chosen = briefing.choose_takeaways([*others, question, toll, exhortation], None, dates, {}, 3)
    texts = [t.statement.text for t in chosen]
    assert exhortation.text not in texts and question.text not in texts
    assert texts[0] == toll.text and len(texts) == 3
    assert chosen[0].statement.articles == toll.articles  # the question's articles were not merged in
    assert briefing.is_rhetoric(exhortation.text) and briefing.is_rhetoric(question.text)
    assert len(asked) <= 6 < len(others)


def test_a_speech_relayed_by_many_outlets_names_three_and_counts_the_rest(tmp_path):
    """The briefing names a statement's first three sources and counts the rest ("15
    sources (A, B, C and 12 more) report"); a speaker's relays are named the same way, not
    twelve outlet names in a row before the links."""
    seeds, curation = EVENTS["speech"]
    shutil.copytree(seeds, tmp_path / "seeds")
    shutil.copy(curation, tmp_path / "dossier.yml")
    wire = (seeds / "baltic-wire.txt").read_text()
    for outlet in ("Narva Courier", "Island Radio", "Parnu Daily"):
        (tmp_path / "seeds" / f"{outlet.lower().replace(' ', '-')}.txt").write_text(wire.replace("Baltic Wire", outlet))
    result = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False)
    relayed = [s for s in result.dossier.statements if s.speaker == "Kaja Tamm" and len(s.articles) == 6]
    assert relayed
    for page in ("topics/response.md", "index.md"):
        text = _plain(result.pages[page])
        assert re.search(r"Kaja Tamm, relayed by [^,]+, [^,]+, [^,]+ and 3 more", text), page
        assert "relayed by Baltic Wire, Harbour News, Island Radio, Narva Courier" not in text


def test_one_outlets_copies_of_a_story_are_cited_after_the_other_outlets_and_told_apart(tmp_path):
    """An outlet that runs its story again the next day (the same sentence in the same
    paragraph) gave "Baltic Wire ¶2, Baltic Wire ¶2, Baltic Wire ¶2, Narva Courier ¶2": links
    that read alike, and the outlet's copies before the other outlet. Each outlet's first
    paragraph now comes first, so "2 independent reports" cites the two outlets, and links that
    would read alike carry their article's date, else (the same date) its file name."""
    seeds, curation = EVENTS["speech"]
    shutil.copytree(seeds, tmp_path / "seeds")
    shutil.copy(curation, tmp_path / "dossier.yml")
    wire = (seeds / "baltic-wire.txt").read_text()
    assert wire.startswith("date 2026-03-03\n")
    again = wire.replace("date 2026-03-03", "date 2026-03-04", 1)
    for name, text in (("baltic-wire-again", again), ("baltic-wire-late", again),
                       ("narva-courier", wire.replace("Baltic Wire", "Narva Courier"))):
        (tmp_path / "seeds" / f"{name}.txt").write_text(text)
    result = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False)
    statement = next(s for s in result.dossier.statements if s.text.startswith("Rescuers pulled 61 survivors"))
    assert statement.articles == ("baltic-wire", "baltic-wire-again", "baltic-wire-late", "narva-courier")
    lines = [line for path, page in result.pages.items() if path.startswith("topics/") for line in page.splitlines()
             if "independent reports:*" in line and "baltic-wire-late.md" in line]
    assert lines
    for line in lines:
        assert "*2 independent reports:*" in line
        labels = re.findall(r"\[([^\]]+)\]\(\.\./sources/([\w-]+)\.md#", line)
        assert [article for _, article in labels] == ["baltic-wire", "narva-courier", "baltic-wire-again", "baltic-wire-late"]
        assert [label for label, _ in labels] == ["Baltic Wire ¶2 (2026-03-03)", "Narva Courier ¶2",
                                                  "Baltic Wire ¶2 (baltic-wire-again)", "Baltic Wire ¶2 (baltic-wire-late)"]
    # nowhere (quotations, the timeline, the entity index...) do two links of one line read alike
    checked = 0
    for path, page in result.pages.items():
        if path.endswith(".md"):
            for line in page.splitlines():
                cited = re.findall(r"\[([^\]]+ ¶\d+(?: \([^)]+\))?)\]\(([^)]+)\)", line)
                assert len({label for label, _ in cited}) == len(set(cited)), (path, line)
                checked += len(cited) > 1 and any("Baltic Wire" in label for label, _ in cited)
    assert checked >= 5


def test_a_statement_told_again_with_other_figures_is_a_variant_of_the_takeaway_not_another():
    """"The number of dead has reached 75" beside "... has reached 41": one takeaway, with the
    other figures beside it (a rival count or an update), so the topic's other takeaways say
    other things. Two buildings, or two earthquakes on two dates, stay two takeaways."""
    from dossier.assemble import briefing

    early = _reported("The number of dead has reached 41 and 205 people were wounded.", "a1", "a2", "a3")
    later = _reported("The number of dead has reached 75 and 363 people were wounded.", "a4", "a5")
    third = _reported("The number of dead has reached 18 and 108 people were wounded.", "a6")
    first_quake = _reported("A magnitude 5.7 earthquake struck near Tamsk on 15 July.", "b1", "b2")
    second_quake = _reported("A magnitude 7.7 earthquake struck near Tamsk on 1 November.", "b3", "b4")
    building = _reported("Rescuers cleared the rubble of building number 3 on the main avenue.", "c1", "c2")
    other_building = _reported("Rescuers cleared the rubble of building number 7 on the main avenue.", "c3", "c4")
    named = {early.id: {"killed", "injured"}, later.id: {"killed", "injured"}, third.id: {"killed", "injured"},
             first_quake.id: {"magnitude"}, second_quake.id: {"magnitude"}}  # the buildings: no count
    statements = [early, later, third, first_quake, second_quake, building, other_building]
    dates = {a: (2025, 4, 24) for s in statements for a in s.articles}
    chosen = briefing.choose_takeaways(statements, None, dates, {}, 7,
                                       counted=lambda s: frozenset(named.get(s.id, ())))
    texts = [t.statement.text for t in chosen]
    assert texts[0] == early.text and later.text not in texts and third.text not in texts
    assert chosen[0].variants == (later, third)  # best first: more sources
    assert {first_quake.text, second_quake.text, building.text, other_building.text} <= set(texts)
    assert all(t.variants == () for t in chosen[1:])
    assert briefing.figures_written(later.text) == ("75", "363")


def test_the_pages_show_a_takeaways_other_figures_beside_it(tmp_path):
    import importlib.util

    from dossier.assemble.briefing import figures_written

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(60, tmp_path)
    result = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False)
    b = result.dossier.briefing
    varied = [(topic, t) for topic, ts in b.takeaways.items() for t in ts if t.variants]
    assert varied
    for topic, t in varied:
        texts = {x.statement.text for x in b.takeaways[topic]}
        assert not texts & {v.text for v in t.variants}  # none is a takeaway of its own...
        assert set(t.variants) <= set(b.rest[topic])  # ...and each stays among the topic's statements
    for topic, rest in b.rest.items():  # the topic's other statements, in the order they are first reported
        firsts = [min((m.source.article, m.source.paragraph, m.source.start) for m in s.mentions) for s in rest]
        assert firsts == sorted(firsts)
    assert max(map(len, b.rest.values())) > 10
    topic, t = varied[0]
    item = next(i for i in _items(result.pages[f"topics/{topic}.md"]) if t.statement.text in _plain(i))
    shown = _plain(item).split("Other reports of this give: ", 1)[1]
    assert shown.startswith(" and ".join(figures_written(t.variants[0].text)) + " (")
    # in the PDF's briefing too, each takeaway its own numbered item, its other figures after it
    from dossier.render.pages import HOME, render_print_pages

    printed = render_print_pages(result.dossier, result.curation)[HOME]
    line = next(ln for ln in printed.splitlines() if t.statement.text in _plain(ln) and "Other reports of this give:" in ln)
    assert re.match(r"\d+\. ", line) and not re.search(r"more\d+\. ", line)
    assert not re.search(r"\)\*\d+\. ", printed)  # no takeaway runs on after the one before it
