"""The built site in a real browser: pages load cleanly, search, source links, sorting."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(page, path: str):
    response = page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    page.wait_for_load_state("networkidle")
    return response


@pytest.fixture(scope="module")
def search_index(built_site) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text())["docs"]


@pytest.fixture(scope="module")
def topic_path(built_site) -> str:
    topics = sorted(p.parent.name for p in (built_site / "topics").glob("*/index.html"))
    assert topics, "no topic pages were built"
    return f"topics/{topics[0]}/"


@pytest.mark.parametrize("which", ["home", "topic", "figures"])
def test_page_loads_without_errors(page, which, topic_path):
    path = {"home": "", "topic": topic_path, "figures": "figures/"}[which]
    _open(page, path)
    assert page.locator("article h1").count() >= 1
    assert not page.problems, page.problems


def test_home_links_to_the_pdf(page, built_site):
    _open(page, "")
    assert (built_site / "briefing.pdf").is_file()
    link = page.locator('article a[href$="briefing.pdf"]').first
    assert link.count() == 1
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok and response.headers["content-type"] == "application/pdf"


def _distinctive_word(docs: list[dict]) -> tuple[str, str]:
    """A word of a seed article, on its source page and on as few other pages as possible."""
    seeds = {path.stem: path.read_text(encoding="utf-8") for path in (ROOT / "seeds").iterdir()}
    words_of = {}
    for doc in docs:
        article = doc["location"].removeprefix("sources/").rstrip("/")
        if doc["location"].startswith("sources/") and article in seeds:
            in_seed = set(re.findall(r"[A-Za-z]{8,}", seeds[article]))
            words_of[doc["location"]] = in_seed & set(re.findall(r"[A-Za-z]{8,}", doc["text"]))
    everywhere = Counter(
        w.lower() for doc in docs for w in set(re.findall(r"[A-Za-z]{8,}", doc["text"]))
    )
    candidates = sorted(
        (everywhere[word.lower()], word, location)
        for location, words in words_of.items()
        for word in words
    )
    assert candidates, "no source page text in the search index"
    _, word, location = candidates[0]
    return word, location


def test_search_finds_a_source_by_a_word_from_it(page, search_index):
    word, location = _distinctive_word(search_index)
    _open(page, "")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # typed key by key, as a reader would: the search worker may still be loading its index
    page.locator("input.md-search__input").press_sequentially(word.lower(), delay=60)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(location.split("#")[0].rstrip("/") in href for href in hrefs), (word, location, hrefs)
    assert not page.problems, page.problems


def test_a_figure_source_link_lands_on_the_highlighted_paragraph(page):
    _open(page, "figures/")
    link = page.locator('article a[href*="sources/"][href*="#p-"]').first
    assert link.count() == 1, "the figures page links no source paragraph"
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf".*#{re.escape(anchor)}$"))
    page.wait_for_load_state("load")
    target = page.locator(":target")
    assert target.count() == 1 and target.get_attribute("id") == anchor
    assert "dossier-paragraph" in (target.get_attribute("class") or "")
    outline = target.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"  # dossier.css: .dossier-paragraph:target
    in_view = target.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }"
    )
    assert in_view
    assert not page.problems, page.problems


def _column(table, index: int) -> list[str]:
    return table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()


def test_the_figures_table_sorts_on_a_header_click(page):
    _open(page, "record/figures-1/")  # the table of all figures (paged: see render/paths.py)
    tables = page.locator("article table:not([class])")
    assert tables.count() >= 1, "no data table on the page of all figures"
    # the table of all figures: the one with the most rows
    rows = [tables.nth(i).locator("tbody tr").count() for i in range(tables.count())]
    table = tables.nth(rows.index(max(rows)))
    headers = table.locator("thead th")
    assert headers.count() >= 2
    # a text column with at least two different values, so a sort shows
    for index in range(headers.count()):
        cells = [c.strip().lower() for c in _column(table, index)]
        if len(set(cells)) > 1 and not any(c[:1].isdigit() for c in cells):
            break
    else:
        pytest.fail("no text column with different values to sort on")
    header = headers.nth(index)
    header.click()
    direction = header.get_attribute("aria-sort")
    assert direction in ("ascending", "descending")
    after = [c.strip().lower() for c in _column(table, index)]
    expected = sorted(after, reverse=(direction == "descending"))
    assert after == expected
    header.click()
    flipped = header.get_attribute("aria-sort")
    assert flipped in ("ascending", "descending") and flipped != direction
    assert [c.strip().lower() for c in _column(table, index)] == sorted(after, reverse=(flipped == "descending"))
    assert not page.problems, page.problems


def test_a_source_page_shows_its_facts_without_an_empty_header_row(page):
    seed = sorted(path.stem for path in (ROOT / "seeds").iterdir())[0]
    _open(page, f"sources/{seed}/")
    table = page.locator("article .dossier-facts table").first
    assert table.count() == 1
    # the first row a reader sees is the outlet, not a blank header
    rows = table.locator("tr:visible")
    assert rows.first.inner_text().split("\t")[0].strip() == "Outlet"
    assert not table.locator("thead").is_visible()
