"""How real pasted copy names its outlet: bylines ("By X, Outlet", "By X | Outlet", "X, Outlet
correspondent"), staff lines ("Outlet staff", "Outlet reporters"), datelines, copyright lines,
and the lines that name no outlet ("Reporting by ...; Editing by ...", "From our correspondent
in ...", "Staff and agencies", a person's name alone). The fixture (tests/fixtures/bylines) is
invented events in Ressa province, pasted without front matter and mostly without blank lines.

Per file: the outlet (and whether it was inferred), the date, the lines dropped with their
reason and text that must stay in the body. Then single lines, datelines, and the built pages.
"""

from __future__ import annotations

import shutil

import pytest

from dossier.analyse.sentences import dateline
from dossier.curation import parse_curation
from dossier.ingest import read_seeds
from tests.conftest import FIXTURES

FOLDER = FIXTURES / "bylines"
MASTHEAD = "masthead line above the article (outlet, section or author)"

# file id: (outlet, inferred, date, {dropped line: reason}, [text the body keeps])
# A date without a year ("TALSEY, March 13", "on 14 March") stays unknown: no article in the
# folder gives its date (front matter, marker or curation) for the year to come from.
EXPECTED = {
    "island-post-landslide": (
        "Island Post", True, "2026-03-15",
        {"Island Post staff": "byline", "March 15, 2026": "date stamp",
         "Share 88": "web leftover: share or view count"},
        ["NATO — which has no role in the region — was not involved, a defence ministry spokesman said"]),
    "coast-times-fire": (
        "The Coast Times", True, "2026-03-14",
        {"By Lena Farrow | The Coast Times": "byline", "Updated 14 March 2026, 18:20": "date stamp",
         "Related stories": "link list heading"},
        ["Two dock workers were killed"]),
    "coast-wire-bridge": (  # Reuters' tail names people, not the outlet: the dateline does
        "Coast Wire", True, None,
        {"Reporting by Lena Farrow; Editing by Tom Hale": "credit line"},
        ["TALSEY, March 13 (Coast Wire) - A section of the old road bridge", "Divers pulled four people"]),
    "coast-wire-survivors": (
        "Coast Wire", True, "2026-03-15",
        {"Lena Farrow, Coast Wire correspondent": "byline", "Sun 15 Mar 2026 10.42 GMT": "date stamp"},
        ["Survivors of the landslide"]),
    "ledger-blackout": (  # the name above the text is the author's; the copyright owner is the outlet
        "Harbour Ledger", True, "2026-03-14",
        {"Mira Castell": MASTHEAD, "14/03/2026 07:55": "date stamp",
         "© 2026 Harbour Ledger. All rights reserved.": "copyright line"},
        ["A fault at the Dorn substation"]),
    "castell-column": (  # a person's name alone is never an outlet
        None, False, None, {"Mira Castell": MASTHEAD}, ["The lights went out in Kell"]),
    "ressa-now-bus": (  # the staff line names the outlet; a police photo credit does not
        "Ressa Now", True, "2026-03-16",
        {"Ressa Now reporters": "byline", "16.03.2026 | 08:10": "date stamp",
         "Photo: Ressa Police": "photo caption or credit"},
        ["A bus carrying 40 passengers"]),
    "talsey-letter": (  # "our correspondent" and "staff and agencies" name no outlet
        None, False, None,
        {"From our correspondent in Talsey": "byline", "Staff and agencies": "byline"},
        ["Shopkeepers on the east bank", "said Pavel Dunn, who runs a bakery by the river."]),
    "island-post-hospital": (
        "Island Post", True, "2026-03-16",
        {"By Tomas Okafor, Island Post": "byline", "March 16, 2026 at 9:05 a.m.": "date stamp"},
        ["Nurses and porters"]),
    "press-association-mine": (  # an agency's byline: the writer's name in capitals, then the agency
        "Ressa Press Association", True, None,
        {"By JONAS BREE Ressa Press Association": "byline"},
        ["DORN — Rescuers brought seven miners"]),
    "wire-byline-dateline": (  # the agency in the byline's dateline, not its place
        "Coast Wire", True, None,
        {"By Ana Ruiz | KELL, March 14 (Coast Wire)": "byline"},
        ["Rescuers recovered two more bodies"]),
    "shouted-name-road": (  # a name in capitals is still a person
        None, False, None, {"By LENA FARROW": "byline"},
        ["PORT VARNA, March 16 — The coast road"]),
    "foretold-analysis": (  # "Name in Place" under a standfirst, then the Guardian's stamp
        None, False, "2026-03-15",
        {"Lena Farrow in Talsey": "byline", "Sun 15 Mar 2026 10.42 GMT": "date stamp"},
        ["Geologists warned for years", "In 2019 a survey"]),
    "gazette-curated": (  # the curation's outlet wins over the byline's
        "Dorn Evening Gazette", False, "2026-03-15",
        {"By Piet Vos, Dorn Gazette": "byline", "15 March 2026 · 3 min read": "date stamp"},
        ["Fishermen in Dorn said on Sunday"]),
    "ressa-police-statement": (  # a body's statement: its name above the text is who issues it
        "Ressa Provincial Police", True, "2026-03-16",
        {"Ressa Provincial Police": MASTHEAD, "16 March 2026": "date stamp"},
        ["The coast road between Dorn and Port Varna will stay closed"]),
    "wire-harbour": (  # "(Coast Wire) —" opening the text
        "Coast Wire", True, None,
        {"Copyright 2026 Coast Wire Ltd. All rights reserved.": "copyright line"},
        ["(Coast Wire) — Port Varna's harbour master"]),
}


TITLES = {
    "island-post-landslide": "Ressa: death toll climbs to 38, says agency",
    "coast-times-fire": "Warehouse fire at Port Varna docks burns for second day",
    "coast-wire-bridge": "Part of Talsey river bridge collapses, three cars fall into water",
    "coast-wire-survivors": "Kell landslide survivors describe wall of mud",
    "ledger-blackout": "Blackout leaves 200,000 without power across Ressa",
    "castell-column": "What the blackout taught Ressa about its grid",
    "ressa-now-bus": "Bus plunges off coast road near Dorn, 11 injured",
    "talsey-letter": "Talsey counts the cost of the bridge collapse",
    "island-post-hospital": "Hospital staff in Kell walk out over unpaid overtime",
    "press-association-mine": "Miners rescued after 30 hours trapped in flooded Dorn pit",
    "wire-byline-dateline": "Kell landslide: rescuers find two more bodies",
    "shouted-name-road": "Coast road to reopen after landslide repairs",
    "foretold-analysis": "Ressa's landslide was a disaster foretold",
    "gazette-curated": "Dorn fishermen fear for season after fuel spill",
    "ressa-police-statement": "Statement on the Dorn coast road closure",
    "wire-harbour": None,  # no headline: inferred from the first sentence
}


@pytest.fixture(scope="module")
def articles():
    found, notices = read_seeds(FOLDER / "seeds", parse_curation((FOLDER / "dossier.yml").read_text(encoding="utf-8")))
    assert not [n for n in notices if "matches no seed file" in n.message]
    return {a.id: a for a in found}


def test_every_fixture_file_has_expectations(articles):
    assert sorted(articles) == sorted(EXPECTED) == sorted(TITLES)


@pytest.mark.parametrize("name", sorted(TITLES))
def test_the_headline_is_the_title_never_a_byline(articles, name):
    article = articles[name]
    assert (article.title, article.title_inferred) == (TITLES[name] or article.title, TITLES[name] is None)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outlet_date_and_dropped_lines(articles, name):
    article = articles[name]
    outlet, inferred, date, dropped, kept = EXPECTED[name]
    assert (article.outlet, article.outlet_inferred) == (outlet, inferred)
    assert (article.date.iso if article.date else None) == date
    reasons = {d.text: d.reason for d in article.dropped}
    assert {text: reasons.get(text) for text in dropped} == dropped
    body = "\n".join(p.text for p in article.paragraphs)
    for text in kept:
        assert text in body
    assert not any(text in body for text in dropped)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_line_is_lost(articles, name):
    """Every line of the file is in the title, a paragraph, or the dropped lines with a reason."""
    article = articles[name]
    body = "\n".join([article.title] + [p.text for p in article.paragraphs])
    listed = {d.text for d in article.dropped}
    for line in (FOLDER / "seeds" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        assert not line or line in body or line in listed, line


@pytest.mark.parametrize(
    "line, outlet",
    [
        ("Island Post staff", "Island Post"),
        ("Island Post reporters", "Island Post"),
        ("The Coast Times staff and agencies", "The Coast Times"),
        ("Island Post staff | March 15, 2026", "Island Post"),
        ("By Lena Farrow, Island Post", "Island Post"),
        ("By Lena Farrow | The Coast Times", "The Coast Times"),
        ("By Lena Farrow for Ressa Now", "Ressa Now"),
        ("By Lena Farrow and Tom Hale, Island Post", "Island Post"),
        ("By Lena Farrow, Island Post | March 15, 2026 10:42 am", "Island Post"),
        ("Lena Farrow, Coast Wire correspondent", "Coast Wire"),
        ("Lena Farrow | Island Post", "Island Post"),
        ("Lena Farrow, health correspondent, Island Post", "Island Post"),
        ("By Mart Kask | TALSEY, March 3 (Coast Wire)", "Coast Wire"),
        ("By JONAS BREE Ressa Press Association", "Ressa Press Association"),
        ("© 2026 Island Post", "Island Post"),
        ("© Island Post 2026", "Island Post"),
        ("Copyright (c) 2026 Island Post Media Ltd. All rights reserved.", "Island Post Media"),
        ("Island Post Staff Writer", "Island Post"),
        ("By Lena Farrow, The Coast Reporter", "The Coast Reporter"),
        # no outlet named
        ("Lena Farrow", None),
        ("LENA FARROW", None),
        ("By LENA FARROW", None),
        ("By Lena Farrow, Tom Hale and Ana Ruiz", None),
        ("By Tomas Reyes, Port Alda", None),
        ("By Priya Das, Staff Reporter", None),
        ("By Mart Kask | TALSEY, March 3", None),
        ("By Ana Ruiz | KELL, March 14", None),
        ("Lena Farrow, Diplomatic Editor", None),
        ("Lena Farrow, Talsey correspondent", None),
        ("Lena Farrow in Talsey", None),
        ("From our correspondent in Talsey", None),
        ("Our correspondent", None),
        ("Staff reporter", None),
        ("Staff and agencies", None),
        ("Reporting by Lena Farrow in Talsey; Editing by Tom Hale", None),
        ("Sun 15 Mar 2026 10.42 GMT", None),
        ("2026-03-15T10:42:00Z", None),
        ("Written by Lena Farrow", None),
        ("Analysis by Lena Farrow, Island Post", "Island Post"),
        ("Story by Lena Farrow • 3 min read", None),
        ("Lena Farrow, weather correspondent", None),
        ("Talsey Bureau", None),
        ("Staff Reporter in Talsey", None),
        ("Hospital staff", None),
        ("Photo © Lena Farrow", None),
    ],
)
def test_the_outlet_a_line_names(make_seeds, line, outlet):
    text = ("Harbour fire spreads to warehouses in Port Varna\n" + line + "\n"
            "Firefighters fought the blaze for a second day on Sunday, officials said.\n"
            "Two dock workers were killed and nine were taken to hospital.\n")
    seeds, config = make_seeds({"a.txt": text}, "title: T\n")
    (article,), _ = read_seeds(seeds, parse_curation(config.read_text()))
    assert (article.outlet, article.outlet_inferred) == (outlet, outlet is not None)
    assert [p.text for p in article.paragraphs] == [
        "Firefighters fought the blaze for a second day on Sunday, officials said.",
        "Two dock workers were killed and nine were taken to hospital."]
    assert [d.text for d in article.dropped] == [line]


@pytest.mark.parametrize("line", [
    "Staff and agencies", "Island Post staff", "Lena Farrow, Coast Wire correspondent", "Lena Farrow"])
def test_a_byline_in_the_middle_of_the_story_is_not_the_outlet_or_is_kept(make_seeds, line):
    """Past the top of the text, only a line that can be nothing else is dropped as a byline;
    a staff line there names no outlet."""
    text = ("Harbour fire spreads to warehouses in Port Varna\n"
            "Firefighters fought the blaze for a second day on Sunday, officials said.\n"
            "Two dock workers were killed and nine were taken to hospital, the port authority said.\n"
            "The cause of the fire was not known on Sunday evening, the fire service said.\n"
            + line + "\nAn inquiry has been opened into the fire, the prosecutor's office said.\n")
    seeds, config = make_seeds({"a.txt": text}, "title: T\n")
    (article,), _ = read_seeds(seeds, parse_curation(config.read_text()))
    assert article.outlet is None
    body = [p.text for p in article.paragraphs]
    assert line in body or [d.text for d in article.dropped] == [line]


@pytest.mark.parametrize(
    "text, place, agency",
    [
        ("PORT VARNA, March 12 (Coast Wire) — Rescuers searched the docks.", "PORT VARNA, March 12", "Coast Wire"),
        ("KYIV — Rescuers searched the rubble on Sunday.", "KYIV", None),
        ("LONDON (Reuters) - Police said on Sunday that two men were arrested.", "LONDON", "Reuters"),
        ("(Coast Wire) — Port Varna's harbour master closed the basin.", None, "Coast Wire"),
    ],
)
def test_real_datelines_are_read(text, place, agency):
    opening = dateline(text)
    assert opening is not None and (opening.place, opening.agency) == (place, agency)


@pytest.mark.parametrize("text, story", [
    ("20 July 2025 08:15 - The institute raised its count to 253.", "The institute raised its count to 253."),
    ("July 20, 2025, 9:30 am — Firefighters are battling 27 wildfires.", "Firefighters are battling 27 wildfires."),
    ("11 Oct 09:40: The health department now says 81 people died.", "The health department now says 81 people died."),
])
def test_a_live_blog_entry_s_stamp_opens_any_paragraph_as_a_dateline(text, story):
    opening = dateline(text, 12)
    assert opening is not None and text[opening.end:] == story and opening.place is None


@pytest.mark.parametrize("text", [
    "20 July 2025 - Police said the road was closed.",  # a date without a time is no stamp
    "The count rose at 10:30 - police said.",
    "20 July 2025 08:15",  # a stamp alone on its line opens no story
])
def test_a_date_or_time_in_a_sentence_is_no_stamp(text):
    assert dateline(text, 12) is None


@pytest.mark.parametrize("text", [
    "NATO — which has no role in the region — was not involved.",
    "NATO — Which has no role in the region — was not involved, officials said.",
    "UNICEF — the UN children's agency — said 40 children were among the displaced.",
])
def test_an_acronym_and_a_dash_in_a_sentence_is_no_dateline(make_seeds, text):
    assert dateline(text) is None
    story = ("Harbour fire spreads to warehouses in Port Varna\n"
             "PORT VARNA, March 12 (Coast Wire) — Firefighters fought the blaze for a second day.\n"
             + text + "\nTwo dock workers were killed and nine were taken to hospital.\n")
    seeds, config = make_seeds({"a.txt": story}, "title: T\n")
    (article,), _ = read_seeds(seeds, parse_curation(config.read_text()))
    assert [p.text for p in article.paragraphs][1] == text
    assert article.dropped == ()
    assert article.outlet == "Coast Wire"


def test_the_built_pages_name_the_outlets(tmp_path):
    """The source pages and the home page: an outlet read from the text is named, as inferred;
    an article that names none says so, never a person's name."""
    from dossier.pipeline import build

    folder = tmp_path / "bylines"
    shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns(".dossier"))
    pages = build(folder / "seeds", folder / "dossier.yml", pdf=False).pages
    for name, (outlet, inferred, *_rest) in EXPECTED.items():
        page = pages[f"sources/{name}.md"]
        row = next(line for line in page.splitlines() if line.startswith("| Outlet |"))
        if outlet is None:
            assert "| unknown" in row, row
        else:
            assert outlet in row and ("inferred from the text" in row) == inferred, row
    home = pages["index.md"]
    for name, (outlet, *_rest) in EXPECTED.items():
        if outlet is not None:
            assert f"unnamed outlet ({name[:8]}" not in home


def test_a_name_in_capitals_and_a_dash_further_down_is_no_dateline(make_seeds):
    """Only the first paragraphs can open with a dateline: further down, "NATO — The alliance
    ..." is a sentence about NATO, not a story filed from a place called Nato."""
    from dossier.analyse.entities import find_entities

    text = ("Harbour fire spreads to warehouses in Port Varna\n"
            "PORT VARNA, March 12 (Coast Wire) — Firefighters fought the blaze for a second day.\n"
            "Two dock workers were killed and nine were taken to hospital, the port authority said.\n"
            "The cause of the fire was not known on Sunday evening, the fire service said.\n"
            "NATO — The alliance said on Sunday that it had sent no ships to the port.\n")
    seeds, config = make_seeds({"a.txt": text}, "title: T\n")
    curation = parse_curation(config.read_text())
    (article,), _ = read_seeds(seeds, curation)
    last = article.paragraphs[-1]
    assert last.number > 3 and dateline(last.text) is not None  # the shape alone is a dateline's
    assert dateline(last.text, last.number) is None
    kinds = {e.name: e.kind for e in find_entities(article, curation)}
    assert "Nato" not in kinds and kinds.get("NATO") != "place"
    assert kinds.get("Port Varna") == "place"


def test_a_headline_shaped_like_name_in_place_stays_the_title(make_seeds):
    """On the first line, "Two Words in Place" is a headline, not a byline; under it, it is one."""
    text = ("Storm Damage in Talsey\nLena Farrow in Talsey\n"
            "Firefighters fought the blaze for a second day on Sunday, officials said.\n")
    seeds, config = make_seeds({"a.txt": text}, "title: T\n")
    (article,), _ = read_seeds(seeds, parse_curation(config.read_text()))
    assert article.title == "Storm Damage in Talsey"
    assert [(d.text, d.reason) for d in article.dropped] == [("Lena Farrow in Talsey", "byline")]
