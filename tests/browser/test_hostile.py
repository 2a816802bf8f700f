"""Hostile input in a real browser: a dossier whose articles, front matter, file names and
curation strings hold every payload of issue 13 is built with MkDocs, and every page is opened
in Chromium. Nothing may run (no dialog), no element may carry an on* handler, no script or
iframe may appear that the site did not ship, and no request may leave the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = "<img src=x onerror=alert(1)>"
CURATION = f"""\
title: "Briefing </title><script>alert('title')</script> {XSS}"
subtitle: "[click](javascript:alert('subtitle')) <svg onload=alert(2)>"
topics:
  - id: attack
    title: "Attack </title><script>alert('topic')</script>"
    description: "{XSS} <iframe src=//evil.example></iframe>"
    keywords: [killed, the]
    min_keywords: 1
    notes: ["<script>alert('note')</script> [x](javascript:alert(3))"]
metrics:
  - id: killed
    label: "killed <img src=x onerror=alert('metric')>"
    words: [killed, dead]
entities:
  - name: "Ivan <b onmouseover=alert('entity')>Petrov</b>"
    kind: person
    aliases: [Petrov]
sources:
  plain:
    outlet: "<script>alert('outlet')</script>"
    notes: "{XSS}"
"""
FRONT_MATTER = """\
---
title: "</title><script>alert('fm-title')</script>"
outlet: "<img src=x onerror=alert('fm-outlet')>"
url: "javascript:alert(document.domain)"
reliability: "<img src=x onerror=alert(2)>"
notes: "<link rel=attachment href=file:///proc/self/environ>"
date: 2025-03-01
---
"""
ARTICLE = """\
The attack killed 12 people <script>alert('body')</script> on 1 March 2025, officials said.

Petrov said "<img src=x onerror=alert('quote')>" and [click](javascript:alert('link')) then
<a href="javascript:alert('a')">x</a> {{ config }} <iframe src="//evil.example/"></iframe>
<img src="http://127.0.0.1:9/x.png"> \x1b[31m 10,000 to 12,000 people fled.
"""
FILES = {
    "front.md": FRONT_MATTER + ARTICLE,
    "plain.txt": "</title><script>alert('txt-title')</script>\n\n date 2025-03-02 " + ARTICLE,
    "x\n<img src=x onerror=alert(5)>.txt": " date 2025-03-03 " + ARTICLE,
    "<svg onload=alert(6)>.md": "# <script>alert('heading')</script>\n\n" + ARTICLE,
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "dossier.yml").write_text(CURATION, encoding="utf-8")
    seeds = project / "seeds"
    seeds.mkdir()
    for name, text in FILES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    out = project / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project, capture_output=True,
        text=True, timeout=900, env={**os.environ, "DOSSIER_PDF": "0", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with served(hostile_site) as url:
        yield url


# What the page's DOM holds that would run or load something the site did not ship.
_FIND_LIVE = """(site) => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(attr.name.toLowerCase())) {
        const v = attr.value.trim().toLowerCase();
        if (v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text/html'))
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.src && !s.src.startsWith(site)) found.push(`script src=${s.src}`);
    if (!s.src && /alert|onerror|onload/.test(s.textContent) && s.type !== 'application/json')
      found.push(`inline script ${s.textContent.slice(0, 80)}`);
  }
  for (const f of document.querySelectorAll('iframe, object, embed, frame')) found.push(f.outerHTML.slice(0, 80));
  for (const i of document.querySelectorAll('img')) if (!i.src.startsWith(site)) found.push(`img ${i.src}`);
  return found;
}"""


def test_no_payload_runs_or_loads_anything_on_any_page(hostile_site, hostile_url, browser):
    # (the session's one browser: a second Playwright in the same process is refused while it lives)
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) >= 10
    dialogs, live, outside = [], {}, []
    context = browser.new_context(base_url=hostile_url)
    try:
        def refuse(route):
            outside.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(hostile_url), refuse)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        for path in pages:
            page.goto(path, wait_until="load")
            page.wait_for_timeout(50)
            found = page.evaluate(_FIND_LIVE, hostile_url)
            if found:
                live[path] = found
            title = page.title()
            assert "<script" not in page.evaluate("document.head.innerHTML").split("</title>")[0].lower(), path
            assert "alert" not in title or "<" in title or "script" in title, title
    finally:
        context.close()
    print(f"hostile browser test: {len(pages)} pages opened, {len(dialogs)} dialogs, "
          f"{sum(map(len, live.values()))} live elements, {len(outside)} requests to other hosts")
    assert dialogs == []
    assert live == {}
    assert outside == []
    # The payloads are shown as text, not dropped.
    source = next(p for p in pages if p.startswith("sources/front"))
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in (hostile_site / source).read_text(encoding="utf-8")
