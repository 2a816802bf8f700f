"""The built site, served over HTTP, driven by headless Chromium (playwright, sync API).

The browser is Debian's `chromium` (playwright cannot download its own here). When it is
missing, the browser tests are skipped with the reason, unless DOSSIER_REQUIRE_BROWSER=1 (as
CI sets), when they fail instead.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is None:
        return
    if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (DOSSIER_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the default dossier into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    # no cache or snapshot shared with the other builds of the repository the suite runs at once
    # (`make test` runs test files in parallel)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DOSSIER_CACHE": "0", "DOSSIER_SNAPSHOTS": str(out.parent / "snapshots")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@contextlib.contextmanager
def served(folder: Path):
    """A built site served by `http.server` in a thread on a free port of 127.0.0.1: its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site, served on loopback."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Problems:
    """What went wrong while a page was open: console errors, page errors, failed requests."""

    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.console or self.requests)


@pytest.fixture
def page(browser, site_url):
    """A fresh page; `page.problems` collects console errors and failed requests."""
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = Problems()
    page.on("console", lambda m: m.type == "error" and problems.console.append(m.text))
    page.on("pageerror", lambda e: problems.console.append(str(e)))
    page.on("requestfailed", lambda r: problems.requests.append(f"{r.url}: {r.failure}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.requests.append(f"{r.url}: HTTP {r.status}"),
    )
    # Nothing may be fetched from outside the site (no web fonts, no CDN): record and refuse.
    def outside(route):
        problems.requests.append(f"{route.request.url}: outside the site")
        route.abort()

    context.route(lambda url: not url.startswith(site_url), outside)
    page.problems = problems
    yield page
    context.close()
