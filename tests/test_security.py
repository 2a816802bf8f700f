"""Untrusted input stays inert: article text, front matter, file names and curation strings
never become markup, links to other schemes, or live tags in a page title."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from dossier.pipeline import build
from dossier.render.markdown import code, escape, finalize, heading, nav_title, safe_url

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "abbr", "def_list", "footnotes", "toc"]
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    '"><svg onload=alert(1)>',
    "{{ config }} {% raw %}",
    "`code` **bold** _em_ | pipe",
    "\x1b[31mred\x1b[0m",
    "line one\n<script>alert(2)</script>",
]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


class _Live(HTMLParser):
    """Real elements and attributes (not text) that would run or load something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "img", "svg", "object", "embed", "link", "meta", "style"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and value and not re.match(r"^(https?:|#|\.{0,2}/|[\w.-]+(/|\.md|#|$))", value):
                self.found.append(f"{tag} {name}={value}")


def _live(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_escaping_helper_leaves_no_live_markup(payload):
    for value in (escape(payload), escape(payload, inline=True), finalize(payload), heading(payload),
                  code(payload)):
        html = to_html(f"Before {value} after")
        assert not _live(html), (payload, html)
        assert "\x1b" not in html


def test_escaping_is_idempotent_on_safe_values():
    once = escape("<b> & [x]")
    assert escape(once) == once and finalize(once) == once


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>",
                                 "vbscript:msgbox", "http://x/\"onmouseover=alert(1)", "http://a b",
                                 "ftp://x", "//evil.example", "http://x/" + "a" * 3000])
def test_only_plain_http_addresses_become_links(url):
    assert safe_url(url) is None


def test_a_plain_address_is_kept():
    assert safe_url(" https://example.org/a_b?c=1&d=2#x ") == "https://example.org/a_b?c=1&d=2#x"


def test_a_page_title_with_tags_stays_inert_after_the_theme_strips_tags():
    # Material prints `page.title | striptags`, which decodes entities; MkDocs keeps them.
    from markupsafe import Markup

    for title in (heading("</title><script>alert(1)</script>"), nav_title("</title><script>alert(1)</script>")):
        shown = Markup(str(title)).striptags()
        assert not re.search(r"<[/a-zA-Z]", shown), shown


HOSTILE_MD = """\
---
title: "</title><script>alert(1)</script>"
outlet: "<img src=x onerror=alert(3)>"
url: "javascript:alert(document.domain)"
reliability: "<img src=x onerror=alert(2)>"
notes: "[x](javascript:alert(4))"
---
The attack killed 3 people on 1 January 2025, officials said.
"""


def test_hostile_front_matter_is_validated_and_escaped(make_seeds):
    seeds, config = make_seeds({"evil.md": HOSTILE_MD, "plain.txt": " date 2025-01-02 The strike killed 4 people."})
    result = build(seeds, config)
    article = result.dossier.article("evil")
    assert article.reliability is None and article.url is None
    messages = " ".join(n.message for n in article.notices)
    assert "reliability" in messages and "must be a grade A-F" in messages
    assert "url" in messages and "http" in messages
    for path, page in result.pages.items():
        if path.endswith(".md"):
            html = to_html(page)
            assert not _live(html), (path, _live(html))


def test_a_file_name_with_a_newline_and_markup_is_shown_as_text(make_seeds):
    name = "x\n<img src=x onerror=alert(5)>.txt"
    seeds, config = make_seeds({name: " date 2025-01-01 The strike killed 4 people in the city."})
    result = build(seeds, config)
    for path, page in result.pages.items():
        if path.endswith(".md"):
            assert not _live(to_html(page)), path
    methodology = to_html(result.pages["methodology.md"])
    assert "&lt;img src=x onerror=alert(5)&gt;" in methodology


def test_front_matter_alias_bomb_is_refused(make_seeds):
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" \
           "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: *d\n---\nThe strike killed 4 people.\n"
    seeds, config = make_seeds({"bomb.md": bomb})
    result = build(seeds, config)
    article = result.dossier.article("bomb")
    assert len(article.title) < 200
    assert any("aliases" in n.message for n in article.notices)
    assert max(len(p) for p in result.pages.values()) < 100_000


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(make_seeds):
    import csv
    import io

    from dossier.export.figures import figures_csv, spreadsheet_safe

    assert spreadsheet_safe("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [spreadsheet_safe(v) for v in ("+1", "-1", "@SUM(A1)", "\tx", "ok", -5, 2.5)] == \
        ["'+1", "'-1", "'@SUM(A1)", "'\tx", "ok", -5, 2.5]
    seeds, config = make_seeds({"a.txt": ' date 2025-01-01 =cmd|"/c calc"!A0 said the strike killed 4 people.\n\n'
                                          '@SUM(1) The blast killed 7 people, officials said.'})
    result = build(seeds, config)
    rows = list(csv.DictReader(io.StringIO(figures_csv(result.dossier.figures, result.dossier.groups))))
    assert any(v.startswith(("'=", "'@")) for row in rows for v in row.values())
    for row in rows:
        for value in row.values():
            assert not value[:1] in ("=", "+", "@", "\t", "\r") and not (value.startswith("-") and not value[1:2].isdigit()), row


# Regression tests: each distinct crash or stall the hostile run found.
def test_a_number_too_large_for_a_float_is_no_figure():
    from dossier.analyse.numbers import find_numbers

    text = "1" + "0" * 400 + " people were killed and " + "9" * 5000 + " drones 10,000 to 1" + "0" * 330 + " people"
    assert all(m.value < 1e16 for m in find_numbers(text))


def test_relative_dates_against_a_day_zero_or_year_one_reference():
    from dossier.analyse.dates import find_dates, parse_date
    from dossier.model import FuzzyDate

    assert parse_date("2025-04-00") is None and parse_date("2025-00") is None
    for reference in (FuzzyDate(2025, 4, 0), FuzzyDate(1, 1, 1), FuzzyDate(2025, 2, 30)):
        find_dates("It happened yesterday, last month and last year.", reference)


def test_a_front_matter_date_with_day_zero_builds(make_seeds):
    seeds, config = make_seeds({"a.md": "---\ndate: 2025-04-00\n---\nYesterday the strike killed 4 people."})
    article = build(seeds, config).dossier.article("a")
    assert any("is not a date" in n.message for n in article.notices)


def test_long_words_are_cut_and_long_paragraphs_split_with_notices(make_seeds):
    word = "A" * 5000
    sentences = "Go. " * 3000
    seeds, config = make_seeds({"a.txt": f" date 2025-01-01 The strike killed 4 people. {word} end.\n\n{sentences}"})
    article = build(seeds, config).dossier.article("a")
    assert max(len(w) for p in article.paragraphs for w in p.text.split()) <= 101
    assert max(len(p.text) for p in article.paragraphs) <= 4000
    messages = [str(n) for n in article.notices]
    assert any("seeds/a.txt:1: 1 word longer than 100 characters cut" in m for m in messages)
    assert any("split into" in m and m.startswith("seeds/a.txt:3:") for m in messages)
