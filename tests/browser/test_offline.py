"""The site built to be opened from a folder (OFFLINE=true): file:// links reach pages, not
directory listings, and search finds an article, with nothing fetched from the internet."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from dossier.new import new_dossier
from tests.conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    new_dossier(folder, "Ternopil strike")
    for seed in (FIXTURES / "ingest" / "seeds").iterdir():
        shutil.copy(seed, folder / "seeds" / seed.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_PDF": "0", "OFFLINE": "true"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder / "site")],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "site"


@pytest.fixture
def file_page(offline_site, browser):
    """A page of the session's one browser (a second Playwright in the same process is refused
    while it lives), refusing every address but files."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.route(lambda url: not url.startswith("file://"), lambda r: (outside.append(r.request.url), r.abort()))
    page.outside = outside
    yield page
    context.close()


def test_links_from_disk_reach_pages(file_page, offline_site):
    file_page.goto((offline_site / "index.html").as_uri())
    file_page.locator(".md-tabs__link", has_text="Sources").click()
    file_page.wait_for_load_state()
    assert file_page.url.endswith("/sources/index.html")
    assert file_page.locator("h1").first.inner_text().rstrip("¶") == "Sources"
    file_page.locator("article a", has_text="Ternopil strike: toll rises to 31").first.click()
    file_page.wait_for_load_state()
    assert file_page.url.endswith("/sources/ternopil-news-site.html")
    assert "Kyiv Evening" in file_page.locator("article").inner_text()
    assert "Index of" not in file_page.content()
    assert file_page.outside == []


def test_search_works_from_disk(file_page, offline_site):
    file_page.goto((offline_site / "index.html").as_uri())
    file_page.locator("label.md-search__icon, .md-search__input").first.click()
    file_page.locator("input.md-search__input").press_sequentially("nehoda", delay=60)
    results = file_page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("sources/ternopil-rferl.html" in href for href in hrefs), hrefs
    assert file_page.outside == []
