"""Ingest: metadata, page furniture, paragraphs and bad files, on small fixtures and the seeds."""

from __future__ import annotations

import pytest

from dossier.curation import load_curation, parse_curation
from dossier.errors import SeedError
from dossier.ingest import read_seeds
from dossier.model import FuzzyDate
from tests.conftest import FIXTURES, MINIMAL_CURATION, ROOT


def one(make_seeds, name: str, text, curation: str = MINIMAL_CURATION):
    seeds, config = make_seeds({name: text}, curation)
    articles, notices = read_seeds(seeds, parse_curation(config.read_text()))
    return (articles[0] if articles else None), notices


def test_date_marker_on_the_same_line_as_the_text(make_seeds):
    article, _ = one(make_seeds, "a.txt", " date 2025-04-24 The first paragraph.\n\nThe second.")
    assert article.date == FuzzyDate(2025, 4, 24) and article.date_origin == "date marker"
    assert [p.text for p in article.paragraphs] == ["The first paragraph.", "The second."]


def test_front_matter_in_markdown(make_seeds):
    text = "---\ntitle: Floods\noutlet: Daily\ndate: 2024-11-03\nurl: https://example.org/a\n---\n# Floods\n\nBody **bold** [link](x).\n"
    article, _ = one(make_seeds, "a.md", text)
    assert (article.title, article.outlet, article.url) == ("Floods", "Daily", "https://example.org/a")
    assert article.date == FuzzyDate(2024, 11, 3) and article.date_origin == "front matter"
    assert not article.title_inferred and not article.outlet_inferred
    assert article.paragraphs[-1].text == "Body bold link."


def test_front_matter_in_a_plain_text_file(make_seeds):
    """A `.txt` file that opens with a YAML block of front matter keys: its title, outlet and
    date, named in the notes, not a first paragraph reading "title: ... outlet: ..."."""
    text = "---\ntitle: Tarsa crush - live updates\noutlet: Halvik Radio\ndate: 2025-09-14\n---\nThe gates opened at 10 pm.\n"
    article, _ = one(make_seeds, "a.txt", text)
    assert (article.title, article.outlet) == ("Tarsa crush - live updates", "Halvik Radio")
    assert article.date == FuzzyDate(2025, 9, 14) and article.date_origin == "front matter"
    assert [p.text for p in article.paragraphs] == ["The gates opened at 10 pm."]
    assert any(n.line == 1 and "front matter: date, outlet, title" in n.message for n in article.notices)


@pytest.mark.parametrize("text", [
    "---\nThe gates opened at 10 pm: nobody knew why.\n---\nMore.",  # a rule, a line of text, a rule
    "---\nwitness: I saw it\n---\nMore.",  # a mapping, but of no front matter key
    "---\nThe gates opened at 10 pm.\n",  # a rule above the text, never closed
])
def test_a_plain_text_file_opened_by_a_rule_keeps_its_text(make_seeds, text):
    article, _ = one(make_seeds, "a.txt", text)
    assert article.date_origin != "front matter"
    assert "The gates opened at 10 pm" in " ".join(p.text for p in article.paragraphs) or "I saw it" in article.paragraphs[0].text


def test_labelled_lines_above_the_text_are_read_as_front_matter(make_seeds):
    """A note saved by a read-later tool: "Title:", "Source:", "Published:", "URL:" lines, one
    after the other, then the text (and no YAML block)."""
    text = ("\nTitle: Dam holds as river peaks\nSource: Valley Courier\nPublished: 2025-05-06\n"
            "URL: https://example.org/dam\n\nThe river peaked on Monday night.\n")
    article, _ = one(make_seeds, "a.txt", text)
    assert (article.title, article.outlet, article.url) == ("Dam holds as river peaks", "Valley Courier", "https://example.org/dam")
    assert article.date == FuzzyDate(2025, 5, 6) and article.date_origin == "article's header"
    assert not article.title_inferred and not article.outlet_inferred
    assert [p.text for p in article.paragraphs] == ["The river peaked on Monday night."]
    assert any(n.line == 2 and "title, outlet, date, url" in n.message for n in article.notices)


@pytest.mark.parametrize("text", [
    "Source: Valley Courier\n\nThe river peaked on Monday night.",  # one labelled line: a line of the text
    "Note: the river peaked.\nDate: Monday\n\nThe river peaked on Monday night.",  # "Note" is no label
    "The river peaked.\nTitle: a word\nSource: b\n",  # not at the top
])
def test_a_labelled_line_that_is_no_header_stays_in_the_text(make_seeds, text):
    article, _ = one(make_seeds, "a.txt", text)
    assert not any("labelled lines" in n.message for n in article.notices)
    assert article.date_origin != "article's header"


def test_a_labelled_date_that_is_no_date_is_named_and_left(make_seeds):
    article, _ = one(make_seeds, "a.txt", "Title: Dam holds\nDate: soon\n\nThe river peaked on 5 May 2025.")
    assert article.title == "Dam holds"
    assert any(n.line == 2 and "header line date 'soon' is not a date" in n.message for n in article.notices)
    assert article.date_origin != "article's header"


def test_title_line_and_lines_joined_within_a_paragraph(make_seeds):
    text = "Storm Hits The Coast Overnight\n\nWinds reached the coast\nat dawn on Monday.\n\nMore followed."
    article, _ = one(make_seeds, "a.txt", text)
    assert article.title == "Storm Hits The Coast Overnight" and not article.title_inferred
    assert [p.text for p in article.paragraphs] == ["Winds reached the coast at dawn on Monday.", "More followed."]


def test_each_item_of_a_pasted_list_is_a_paragraph_without_its_marker(make_seeds):
    """"- Seven people were killed ..." under a short heading, lines not ended by a sentence:
    each item stands alone, in its own words (no "-" in a statement, no two items joined)."""
    text = ("Mall Shooting: What We Know\n\nWhat we know\n- Seven people were killed, police say\n"
            "- 2 victims remain in critical condition\n* The gunman had no criminal record\n\n"
            "\u2022 A vigil is planned for Tuesday.")
    article, _ = one(make_seeds, "a.txt", text)
    assert [p.text for p in article.paragraphs][-4:] == [
        "Seven people were killed, police say", "2 victims remain in critical condition",
        "The gunman had no criminal record", "A vigil is planned for Tuesday."]


def test_title_is_inferred_from_the_first_non_quote_sentence(make_seeds):
    article, _ = one(make_seeds, "a.txt", '"We will rebuild," she said.\n\nThe dam broke on Monday. Water rose.')
    assert article.title == "The dam broke on Monday" and article.title_inferred


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("The mayor spoke, Example.NET reports.\n\nMore text here.", "Example.NET"),
        ("The aftermath. Photos: Novosti.LIVE\n\nThe town was flooded.", "Novosti.LIVE"),
        ("The town was flooded.\n\n© 2024 Daily Planet, All rights reserved.", "Daily Planet"),
    ],
)
def test_outlet_named_in_the_text_is_inferred(make_seeds, text, outlet):
    article, _ = one(make_seeds, "a.txt", text)
    assert article.outlet == outlet and article.outlet_inferred


def test_a_news_agency_photo_credit_is_not_the_outlet(make_seeds):
    article, _ = one(make_seeds, "a.txt", "Rescuers at work. Photo: Reuters\n\nThe town was flooded.")
    assert article.outlet is None


def test_page_furniture_is_dropped_and_listed_with_reasons(make_seeds):
    text = (
        "World\n\nBig Storm Floods The Coastal Towns\n\nBy\nstaff\n"
        "Rescuers on a boat. JOHN DOE/AFP via Getty Images\n\n"
        "The storm flooded the towns on Monday. Share\n\n"
        "Tags\nStorm, Flood\n© 2024 Example News. All rights reserved.\n"
        "Most Read\nTen Best Beaches\nCelebrity Spotted On Date Night\n"
    )
    article, _ = one(make_seeds, "a.txt", text)
    assert [p.text for p in article.paragraphs] == ["The storm flooded the towns on Monday."]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons == {
        "World": "section label",
        "By": "byline",
        "staff": "byline",
        "Rescuers on a boat. JOHN DOE/AFP via Getty Images": "photo caption or credit",
        "Share": "share or page button",
        "Tags": "tag list",
        "Storm, Flood": "tag list",
        "© 2024 Example News. All rights reserved.": "copyright line",
        "Most Read": "link list heading",
        "Ten Best Beaches": "link list (unrelated headlines)",
        "Celebrity Spotted On Date Night": "link list (unrelated headlines)",
    }


def test_prose_after_a_link_list_is_kept(make_seeds):
    prose = (
        "The regional government said on Friday that the clean-up of the flooded towns would take "
        "months and that thousands of homes would need to be rebuilt before the winter."
    )
    article, _ = one(make_seeds, "a.txt", f"First paragraph.\n\nRelated\nSome Other Story\n\n{prose}")
    assert article.paragraphs[-1].text == prose


def test_undated_article_gets_its_date_inferred_and_marked(make_seeds):
    seeds, config = make_seeds(
        {
            "a.txt": " date 2025-04-24 Something happened.",
            "b.txt": "On the night of April 24, the city was attacked.\n\nRubble is cleared.",
        }
    )
    articles, _ = read_seeds(seeds, parse_curation(config.read_text()))
    undated = articles[1]
    assert undated.date == FuzzyDate(2025, 4, 24)
    assert undated.date_inferred and undated.date_origin == "inferred from text"
    assert any("inferred 2025-04-24 from 'April 24'" in n.message for n in undated.notices)


def test_article_without_any_date_is_reported(make_seeds):
    article, _ = one(make_seeds, "a.txt", "Nothing dated here.")
    assert article.date is None
    assert any("no date given and none found" in n.message for n in article.notices)


def test_empty_and_binary_files_are_skipped_with_a_notice(make_seeds):
    seeds, config = make_seeds({"empty.txt": "  \n", "image.txt": b"\x89PNG\x00\x00", "ok.txt": "Text."})
    articles, notices = read_seeds(seeds, parse_curation(config.read_text()))
    assert [a.id for a in articles] == ["ok"]
    messages = {n.file: n.message for n in notices}
    assert messages["seeds/empty.txt"] == "skipped: empty file"
    assert messages["seeds/image.txt"].startswith("skipped: binary file")


def test_wrong_encoding_is_read_and_reported_with_its_line(make_seeds):
    article, _ = one(make_seeds, "a.txt", "First line.\n\nCaf\xe9 owners said so.".encode("cp1252"))
    assert article.paragraphs[1].text == "Café owners said so."
    [notice] = [n for n in article.notices if "UTF-8" in n.message]
    assert (notice.file, notice.line) == ("seeds/a.txt", 3)


def test_duplicate_ids_are_an_error_naming_both_files(make_seeds):
    seeds, config = make_seeds({"a.txt": "One.", "a.md": "Two."})
    with pytest.raises(SeedError, match=r"seeds/a.txt: duplicate article id 'a' \(also .*a.md\)"):
        read_seeds(seeds, parse_curation(config.read_text()))


def test_unsafe_file_names_get_a_safe_id(make_seeds):
    article, notices = one(make_seeds, "../x y?.txt".replace("../", ""), "Text.")
    assert article.id == "x-y"
    assert any("not a safe id" in n.message for n in notices)


def test_other_files_and_missing_folder(make_seeds, tmp_path):
    seeds, config = make_seeds({"notes.docx": b"PK", "a.txt": "Text."})
    _, notices = read_seeds(seeds, parse_curation(config.read_text()))
    assert any(n.file == "seeds/notes.docx" and "skipped" in n.message for n in notices)
    with pytest.raises(SeedError, match="no such seeds folder"):
        read_seeds(tmp_path / "nope", parse_curation(config.read_text()))


def test_default_seeds():
    articles, notices = read_seeds(ROOT / "seeds", load_curation(ROOT / "dossier.yml"))
    by_id = {a.id: a for a in articles}
    assert len(articles) == 5 and notices == ()
    undated = by_id["003_8d79e1fded180656"]
    assert undated.date == FuzzyDate(2025, 4, 24) and undated.date_inferred
    hngn = by_id["002_8cb8c157f863bf0a"]
    text = " ".join(p.text for p in hngn.paragraphs)
    for furniture in ("Most Read", "Editor's Pick", "10 Best Modern K-Dramas", "Getty Images", "All rights reserved"):
        assert furniture not in text
    assert len(hngn.dropped) >= 20
    assert hngn.title.startswith("North Korea-Made Ballistic Missile")
    zelensky = by_id["004_d0be01d1c03ce5eb"]
    assert all(not p.text.endswith("Share") for p in zelensky.paragraphs)


def test_outlets_are_inferred_without_curation():
    articles, _ = read_seeds(ROOT / "seeds", parse_curation("title: T\n"))
    outlets = {a.id[:3]: (a.outlet, a.outlet_inferred) for a in articles}
    assert outlets["001"] == ("Censor.NET", True)
    assert outlets["002"] == ("HNGN", True)
    assert outlets["003"] == ("Novyny.LIVE", True)


def test_other_event_fixture():
    articles, notices = read_seeds(FIXTURES / "flood" / "seeds", load_curation(FIXTURES / "flood" / "dossier.yml"))
    daily, wire = articles
    assert daily.title == "Death toll from Valencia floods rises above 200"
    assert [d.reason for d in daily.dropped] == ["link list heading"] + ["link list (unrelated headlines)"] * 2
    assert wire.outlet == "Test Wire" and wire.reliability == "B"
    assert {d.reason for d in wire.dropped} == {"photo caption or credit", "share or page button"}


def test_a_bare_today_never_dates_an_article_even_when_others_are_dated(make_seeds):
    seeds, config = make_seeds({"a.txt": " date 2025-11-21 Dated text.", "b.txt": "The toll rose.\nToday\n"})
    articles, _ = read_seeds(seeds, parse_curation(config.read_text()))
    assert articles[1].date is None
    assert [d.reason for d in articles[1].dropped] == ["web leftover: relative time stamp (no date)"]


def test_pasted_lines_split_but_hard_wrapped_lines_join(make_seeds):
    pasted = "Storm floods coastal towns overnight\nThe sea rose by two metres.\nShops were closed.\n"
    wrapped = "The sea rose by two metres after the storm\nreached the coast, and shops stayed closed\nall day on Monday.\n"
    seeds, config = make_seeds({"a.txt": pasted, "b.txt": wrapped})
    a, b = read_seeds(seeds, parse_curation(config.read_text()))[0]
    assert a.title == "Storm floods coastal towns overnight"
    assert [p.text for p in a.paragraphs] == ["The sea rose by two metres.", "Shops were closed."]
    assert len(b.paragraphs) == 1 and b.paragraphs[0].text.endswith("all day on Monday.")


def test_hard_wrapped_copy_without_blank_lines_splits_where_a_sentence_ends_short(make_seeds):
    wrapped = ("HARBOUR CITY, May 3 (Test Wire) - Prosecutors detained the owner of the\n"
               "ferry company on Saturday on suspicion of negligence, three days\n"
               "after the sinking.\n"
               "The union says the toll is higher: its leader told reporters that\n"
               "13 crew members were dead, including two who were not on the list\n"
               "of the crew.\n"
               "The coast guard kept its toll at 11. A spokeswoman said: \"We count\n"
               "the victims we have identified.\"\n"
               "Shares in the company fell 8% on Friday, and the harbour remained\n"
               "closed to passenger traffic.\n")
    article, _ = one(make_seeds, "a.txt", wrapped)
    assert [p.text.split()[-1] for p in article.paragraphs] == ["sinking.", "crew.", "identified.\"", "traffic."]
    assert article.paragraphs[1].text.startswith("The union says")


def test_an_outlets_name_above_the_date_and_headline_is_its_masthead(make_seeds):
    article, _ = one(make_seeds, "a.txt", "Harbour Herald\n14.05.2026\nCommission orders recount in 40 stations\n"
                                          "The commission on Wednesday ordered a recount in 40 polling stations.\n"
                                          "Observers had reported ballot stuffing.\n")
    assert (article.outlet, article.title) == ("Harbour Herald", "Commission orders recount in 40 stations")
    assert [p.text[:14] for p in article.paragraphs] == ["The commission", "Observers had "]
    assert not any(p.heading for p in article.paragraphs)


def test_a_masthead_with_its_edition_and_motto_is_no_headline(make_seeds):
    article, _ = one(make_seeds, "a.txt", "THE CORVELLA HERALD | Sunday Edition | Your Province, Your News\n"
                                          "Maelis toll rises to 17 as Sarnow counts its dead\nBy Mirela Danescu\n"
                                          "4 October 2026\nThe death toll from the storm rose to at least 17 yesterday.\n"
                                          "Rescuers reached the harbour.\n")
    assert (article.outlet, article.title) == ("The Corvella Herald", "Maelis toll rises to 17 as Sarnow counts its dead")


@pytest.mark.parametrize("masthead, outlet", [
    # a masthead set in capitals: the name as it is written, initials left in capitals
    ("THE KORVANE COURIER", "The Korvane Courier"),
    ("THE NEW YORK TIMES", "The New York Times"),
    ("BBC NEWS", "BBC News"),
    ("Harbour Herald", "Harbour Herald"),
])
def test_a_masthead_in_capitals_names_the_outlet_as_written(make_seeds, masthead, outlet):
    article, _ = one(make_seeds, "a.txt", f"{masthead}\n14.05.2026\nCommission orders recount in 40 stations\n"
                                          "The commission on Wednesday ordered a recount in 40 polling stations.\n")
    assert article.outlet == outlet


def test_a_desk_named_under_the_title_is_its_outlet_s(make_seeds):
    article, _ = one(make_seeds, "a.txt", "Valley clashes: live updates\nValley Times live desk\n"
                                          "Updated 4 September, 18:40\n18:40\nThe toll has risen to 17 dead.\n"
                                          "16:05\nThe army now says nine soldiers were killed.\n")
    assert (article.outlet, article.title) == ("Valley Times", "Valley clashes: live updates")


def test_a_sentence_starting_with_by_is_not_a_byline(make_seeds):
    article, _ = one(make_seeds, "a.txt", "First line here.\nBy Monday evening, the toll had risen to nine.\n")
    assert article.paragraphs[-1].text == "By Monday evening, the toll had risen to nine."
    assert article.outlet is None


@pytest.mark.parametrize(
    "first_lines, outlet",
    [
        ("By Jane Doe | Reuters\nThe toll rose to nine.", "Reuters"),
        ("By Jane Doe, BBC News\nThe toll rose to nine.", "BBC News"),
        ("By Interfax\nThe toll rose to nine.", "Interfax"),
        ("By Jane Doe\nThe toll rose to nine.", None),
        ("By staff\nThe toll rose to nine.", None),
        ("LONDON (AP) — The toll rose to nine.", "AP"),
        ("Kyiv, 19 November (Ukrinform) – The toll rose to nine.", "Ukrinform"),
        ("The toll rose to nine.\nSource: www.example-news.org", "example-news.org"),
        ("The toll rose to nine.\nexample.com.ua", "example.com.ua"),
    ],
)
def test_outlet_from_bylines_datelines_and_addresses(make_seeds, first_lines, outlet):
    article, _ = one(make_seeds, "a.txt", first_lines + "\nRescuers searched the rubble.\n")
    assert article.outlet == outlet
    assert article.outlet_inferred == (outlet is not None)
    assert [p.text for p in article.paragraphs][-1] == "Rescuers searched the rubble."


@pytest.mark.parametrize(
    "stamp, iso",
    [
        ("19.11.2025 14:05", "2025-11-19"),
        ("Published: 19.11.2025", "2025-11-19"),
        ("Updated November 19, 2025 at 14:05", "2025-11-19"),
        ("11/19/2025", "2025-11-19"),
        ("Last updated: 08.14.2025 09:10", "2025-08-14"),  # dotted, month first: no month 14
        ("04.08.2025", "2025-08-04"),  # dotted: day first
        ("2025-11-19", "2025-11-19"),
        ("03/04/2025", None),  # day or month first? not guessed
        ("2 hours ago", None),
        ("Yesterday", None),
    ],
)
def test_date_from_a_stamp_line_never_from_a_relative_word(make_seeds, stamp, iso):
    article, _ = one(make_seeds, "a.txt", f"Quake toll rises in the valley\n{stamp}\nThe toll rose to nine.\n")
    assert (article.date.iso if article.date else None) == iso
    assert all(stamp not in p.text for p in article.paragraphs)


def test_saved_page_in_its_declared_encoding_and_a_page_without_text(make_seeds):
    page = ('<html><head><meta charset="windows-1251"><title>Обстріл Тернополя: загинули 25 людей</title></head>'
            "<body><nav><a href='/'>Головна</a></nav><article><p>Кількість загиблих унаслідок удару по Тернополю "
            "зросла до 25 людей, серед них троє дітей, повідомили в обласній військовій адміністрації.</p>"
            "<p>Рятувальники продовжують розбирати завали двох багатоповерхівок у центрі міста.</p>"
            "</article></body></html>").encode("cp1251")
    seeds, config = make_seeds({"ua.html": page, "empty.htm": "<html><body><div></div></body></html>"})
    articles, _ = read_seeds(seeds, parse_curation(config.read_text()))
    empty, ua = articles
    assert ua.title == "Обстріл Тернополя: загинули 25 людей" and ua.title_inferred
    assert ua.paragraphs[0].text.startswith("Кількість загиблих унаслідок удару по Тернополю")
    assert any("windows-1251" in n.message or "cp1251" in n.message for n in ua.notices)
    assert empty.paragraphs == ()
    assert any("no article text found in the saved page" in n.message for n in empty.notices)


def test_markdown_heading_without_a_blank_line_is_its_own_line(make_seeds):
    text = "# Floods hit the delta\nWaters rose overnight\nand reached the town square.\n## Aid\nTrucks arrived.\n"
    article, _ = one(make_seeds, "a.md", text)
    assert article.title == "Floods hit the delta"
    assert [p.text for p in article.paragraphs] == [
        "Waters rose overnight and reached the town square.", "Aid", "Trucks arrived."]
    assert article.paragraphs[1].heading


def test_masthead_and_date_lines_under_the_headline_are_dropped_with_a_reason(make_seeds):
    article, _ = one(make_seeds, "m.txt", (
        "Toll rises to 40 after dam burst\n"
        "Riverside Courier | Tuesday, 3 March 2026\n"
        "Thursday, 5 March 2026, 14:05\n"
        "The death toll from the dam burst rose to 40 on Thursday, officials said.\n"
        "Rescue work continued.\n"))
    assert article.title == "Toll rises to 40 after dam burst"
    assert article.paragraphs[0].text.startswith("The death toll")
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Riverside Courier | Tuesday, 3 March 2026"].startswith("masthead line")
    assert reasons["Thursday, 5 March 2026, 14:05"] == "date stamp"


def test_the_outlet_named_above_the_article_beats_a_photo_credit(make_seeds):
    article, _ = one(make_seeds, "u.txt", (
        "Drones hit two cities overnight\n"
        "Ukrinform\n"
        "14.09.2025 09:12\n"
        "Russia attacked overnight with 86 drones, the air force said.\n"
        "Photo: State Emergency Service\n"))
    assert (article.outlet, article.outlet_inferred) == ("Ukrinform", True)
    assert article.date.iso == "2025-09-14"


# --- the word gates of the furniture patterns (`Gated`): a speed-up that must change nothing --------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossier.ingest import furniture, limits, metadata  # noqa: E402

_GATES = {
    "copyright": furniture._COPYRIGHT_LINE,
    "credit": furniture._CREDIT_LINE,
    "notice": furniture._NOTICE_LINE,
    "trailing button": furniture._TRAILING_BUTTON_LINE,
    "source domain": metadata._SOURCE_DOMAIN_LINE,
}


@pytest.mark.parametrize("name", sorted(_GATES))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_text_a_gated_pattern_matches_passes_its_gate(name, data):
    """Texts made to match the pattern (any alternative, with anything around it) all hold one
    of the gate's words: a word missing from the gate (an alternative added to the pattern
    without its word) is found here."""
    gate = _GATES[name]
    text = data.draw(st.from_regex(gate.pattern))
    assert gate.pattern.search(text)
    assert gate.may_match(text), text
    assert gate.search(text).span() == gate.pattern.search(text).span()


def test_the_gates_drop_nothing_on_any_line_of_the_fixtures_and_seeds():
    """Every line and paragraph end of every fixture and seed article: the gated search finds what
    the pattern finds (and the gates do turn most lines away: they are not always open)."""
    articles = [p for p in FIXTURES.rglob("*") if "seeds" in p.relative_to(FIXTURES).parts] + list((ROOT / "seeds").glob("*"))
    lines = [line.strip() for path in sorted(articles) if path.is_file()
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    assert len(lines) > 1_500
    for gate in _GATES.values():
        assert [bool(gate.search(line)) for line in lines] == [bool(gate.pattern.search(line)) for line in lines]
        assert sum(gate.may_match(line) for line in lines) < len(lines) / 2
    matched = {name: sum(bool(gate.search(line)) for line in lines) for name, gate in _GATES.items()}
    assert matched["copyright"] and matched["credit"] and matched["notice"]


@pytest.mark.parametrize("text", ["Foto credit ſ: x", "Image\u212a: KYIV", "\u212aopyright 2024", "all rightſ reserved",
                                  "PHOTO: Reuters", "We use COOKIES", "Advertisement", "ad", "Try our digital edition for $1 a week"])
def test_a_gate_ignoring_case_searches_a_text_with_other_than_ascii_whatever_it_holds(text):
    for gate in (furniture._COPYRIGHT_LINE, furniture._CREDIT_LINE, furniture._NOTICE_LINE):
        assert bool(gate.search(text)) == bool(gate.pattern.search(text))
    assert not furniture._CREDIT_LINE.may_match("Rescuers worked through the night in Kyiv.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="ab\u00a0 \t\n", max_size=30),
                          st.integers(90, 230).map(lambda n: "x" * n)), max_size=6).map("".join))
def test_long_words_are_found_from_their_start_as_before(text):
    """`_LONG_WORD` matches from a word's start only: the same runs found, counted and cut as by
    the plain `\\S{101,}`."""
    import re

    plain = re.compile(rf"\S{{{limits.MAX_WORD + 1},}}")
    assert [m.span() for m in limits._LONG_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert limits.bound_words(text, "a.txt")[0] == plain.sub(lambda m: m.group(0)[:limits.MAX_WORD] + "…", text) \
        if plain.search(text) else limits.bound_words(text, "a.txt")[0] == text
