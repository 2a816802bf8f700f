"""The default dossier built by `mkdocs build --strict`, checked the way a reader would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
TOPICS = ("kyiv-strike", "dprk-troops", "casualties")
FURNITURE = ("Most Read", "Editor's Pick", "10 Best Modern K-Dramas", "Harvey Weinstein",
             "Getty Images", "All rights reserved", "Appstore")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "DOSSIER_PDF": "0", "NO_MKDOCS_2_WARNING": "1", "DOSSIER_SNAPSHOTS": "0",
           "DOSSIER_CACHE": "0"}  # no cache shared with the suite's other builds, run at once
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def resolve(site: Path, from_path: str, href: str) -> tuple[Path, str]:
    url = urlparse(urljoin("http://x/" + from_path, href))
    target = site / url.path.lstrip("/")
    if url.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, url.fragment


def test_each_topic_page_lists_figures_linking_to_existing_source_paragraphs(site):
    for topic in TOPICS:
        path = f"topics/{topic}/index.html"
        soup = page(site, path)
        table = soup.find("h2", id="figures").find_next("table")
        rows = table.find_all("tr")[1:]
        assert rows, f"{topic}: no figures"
        for row in rows:
            link = row.find_all("td")[4].find("a")
            target, anchor = resolve(site, path, link["href"])
            assert target.is_file(), link["href"]
            paragraph = page(site, str(target.relative_to(site))).find(id=anchor)
            assert paragraph is not None and "dossier-paragraph" in paragraph["class"], link["href"]
            # the value as read ("more than 100"), then the words as stated when they differ
            value_cell = row.find_all("td")[1].get_text(" ", strip=True)
            stated = re.search(r"“(.+?)”", value_cell)
            number = stated.group(1) if stated else value_cell.split()[-1]
            digits = re.sub(r"(?<=\d)[\s,\u00a0\u202f](?=\d)", "", paragraph.get_text(" "))
            assert re.sub(r"(?<=\d)[\s,](?=\d)", "", number) in digits, (number, link["href"])


def test_dropped_furniture_is_on_no_topic_page_but_listed_on_its_source_page(site):
    for topic in TOPICS:
        text = page(site, f"topics/{topic}/index.html").get_text(" ")
        for furniture in FURNITURE:
            assert furniture not in text, f"{furniture!r} on topic {topic}"
    source = page(site, "sources/002_8cb8c157f863bf0a/index.html")
    dropped = source.find("h2", id="dropped-as-page-furniture").find_next("table").get_text(" ")
    for furniture in FURNITURE:
        assert furniture in dropped


def test_undated_seed_shows_its_date_as_inferred(site):
    source = page(site, "sources/003_8d79e1fded180656/index.html").get_text(" ")
    assert "24 April 2025 (inferred from the text)" in " ".join(source.split())
    index = page(site, "sources/index.html")
    row = next(tr for tr in index.find_all("tr") if "003_8d79e1fded180656" in str(tr))
    assert "2025-04-24 (inferred)" in " ".join(row.get_text(" ").split())


def test_nav_lists_topics_and_index_pages_but_not_each_source(site):
    nav = page(site, "index.html").find("nav", class_="md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.find_all("a")]
    for label in ("Kyiv strike of 24 April 2025", "Figures", "Timeline", "Sources", "Methodology"):
        assert label in labels
    assert not any("sources/0" in a.get("href", "") for a in nav.find_all("a"))
    index_links = [a["href"] for a in page(site, "sources/index.html").select("article a")]
    assert sum("00" in href for href in index_links) >= 5


def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[Path, set[str]] = {}  # each page's element ids, parsed once (not once per link to it)
    checked = 0
    for html in site.rglob("*.html"):
        rel = str(html.relative_to(site))
        soup = page(site, rel)
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, anchor = resolve(site, rel, href)
            assert target.exists(), f"{rel}: {href}"
            if anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {tag["id"] for tag in page(site, str(target.relative_to(site))).find_all(id=True)}
                assert anchor in ids[target], f"{rel}: {href}"
            checked += 1
    assert checked > 300


def test_nothing_is_fetched_from_the_internet(site):
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img"]):
            src = tag.get("src") or tag.get("href") or ""
            assert not src.startswith(("http:", "https:", "//")), f"{html}: {src}"


def test_downloads_are_in_the_site(site):
    assert (site / "downloads/figures.csv").read_text().startswith("id,") or "id" in (site / "downloads/figures.csv").read_text().splitlines()[0]
    assert '"figures"' in (site / "downloads/figures.json").read_text()
    assert '"schema"' in (site / "downloads/dossier.json").read_text()


def test_search_indexes_the_briefing_and_each_sources_text_but_not_the_paged_record(site):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [doc["location"] for doc in docs]
    seeds = sorted(path.stem for path in (ROOT / "seeds").iterdir())
    # every source's text, and the pages a reader starts from
    for seed in seeds:
        assert f"sources/{seed}/#text" in locations, seed
    for topic in TOPICS:
        assert any(location.startswith(f"topics/{topic}/") for location in locations), topic
    assert any(location.startswith("figures/") for location in locations)
    # not the tables of the full record (their rows are sentences and numbers of the sources'
    # texts, found there), nor a source page's figures table and dropped furniture
    assert (site / "record" / "figures-1" / "index.html").is_file()
    assert not [location for location in locations if location.startswith("record/")]
    assert not [location for location in locations
                if location.endswith(("#extracted-figures", "#dropped-as-page-furniture"))]
    # and what a reader would search for in a source is found in it
    text = next(doc["text"] for doc in docs if doc["location"] == f"sources/{seeds[0]}/#text")
    assert "ballistic missile" in text
