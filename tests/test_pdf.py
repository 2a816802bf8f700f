"""The briefing PDF: built once per module from the default dossier, then read back."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from dossier.pdf import build_pdf, print_html
from dossier.pdf.document import (
    build_document,
    demote_headings,
    drop_screen_only_sections,
    page_slug,
    rewrite,
)

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4
SIDE_MARGIN = 18 * MM  # briefing.css: @page margin, left and right


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# ---- The print document, on small pages (fast) --------------------------------------------

SMALL = {
    "index.md": "# Home\n\n[Kyiv](topics/kyiv.md) · [who](entities.md#zelensky) · [pdf](briefing.pdf)\n",
    "topics/kyiv.md": (
        "# The Kyiv strike\n\n## Figures\n\n12 killed [BBC](../sources/001_bbc.md#p-abcdef), "
        "[below](#figures), [web](https://example.org/a?b=1&c=2).\n"
    ),
    "topics/dprk.md": "# DPRK troops\n\nText.\n",
    "figures.md": "# Figures\n\n| a | b |\n|---|---|\n| 1 | [s](sources/001_bbc.md) |\n",
    "entities.md": "# Entities\n\n## Zelensky\n",
    "sources/index.md": "# Sources\n\n- [BBC](001_bbc.md)\n",
    "sources/001_bbc.md": "# BBC article\n\nFirst paragraph.\n{ #p-abcdef .dossier-paragraph }\n",
    "figures.csv": "a,b\n",
}


def _small_dossier() -> SimpleNamespace:
    return SimpleNamespace(
        title="Small briefing",
        subtitle="A test",
        as_of=None,
        articles=[SimpleNamespace(id="001_bbc", outlet="BBC")],
        topics=[SimpleNamespace(id="kyiv"), SimpleNamespace(id="dprk")],
        figures=[],
        groups=[],
    )


def test_page_slugs():
    assert page_slug("index.md") == "home"
    assert page_slug("sources/index.md") == "sources"
    assert page_slug("topics/kyiv-strike.md") == "topics-kyiv-strike"
    assert page_slug("sources/001_51b9b6dadb1c8773.md") == "sources-001_51b9b6dadb1c8773"


def test_links_between_pages_become_links_inside_the_document():
    slugs = {"topics/kyiv.md": "topics-kyiv", "sources/001_bbc.md": "sources-001_bbc"}
    body = (
        '<h2 id="figures">Figures</h2><p><a href="../sources/001_bbc.md#p-abcdef">BBC</a> '
        '<a href="#figures">below</a> <a href="https://example.org/x">web</a> '
        '<a href="../entities.md#zelensky">who</a></p>'
    )
    unlinked: set[str] = set()
    out = rewrite(body, "topics/kyiv.md", "topics-kyiv", slugs, unlinked=unlinked)
    assert 'id="topics-kyiv--figures"' in out
    assert 'href="#sources-001_bbc--p-abcdef"' in out
    assert 'href="#topics-kyiv--figures"' in out
    assert 'href="https://example.org/x"' in out
    assert "<a>who</a>" in out  # not in the briefing: plain text
    assert unlinked == {"entities.md"}
    with_site = rewrite(body, "topics/kyiv.md", "topics-kyiv", slugs, site_url="https://x.org/b/")
    assert 'href="https://x.org/b/entities/#zelensky"' in with_site


def test_headings_are_demoted_inside_parts():
    assert demote_headings("<h1 id='a'>A</h1><h6>B</h6>", 1) == "<h2 id='a'>A</h2><h6>B</h6>"


def test_screen_only_sections_are_left_out():
    body = (
        '<h2 id="a">Figures</h2><p>1</p><h2 class="dossier-screen-only" id="dl">Downloads</h2>'
        "<ul><li>CSV</li></ul><h3>More</h3><p>2</p><h2>Review</h2><p>3</p>"
    )
    assert drop_screen_only_sections(body) == '<h2 id="a">Figures</h2><p>1</p><h2>Review</h2><p>3</p>'


def test_briefing_order_and_what_is_left_out():
    document = build_document(SMALL, _small_dossier())
    assert [p.path for p in document.pages] == [
        "index.md",
        "topics/kyiv.md",
        "topics/dprk.md",
        "figures.md",
        "sources/index.md",
        "sources/001_bbc.md",
    ]
    assert document.skipped == ("entities.md", "figures.csv")
    assert [part.title for part in document.parts] == ["Briefing", "Topics", "Annex: Figures", "Annex: Sources"]
    topic = document.pages[1]
    assert topic.title == "The Kyiv strike" and topic.level == 2
    assert topic.body.startswith("<h2")  # demoted under the "Topics" part heading
    assert 'href="#sources-001_bbc--p-abcdef"' in topic.body
    assert "¶" not in topic.body  # no permalinks on paper


def test_print_html_has_cover_contents_and_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745884800")
    text, _ = print_html(_small_dossier(), SMALL)
    assert '<meta name="dcterms.created" content="2025-04-29T00:00:00Z">' in text
    assert 'class="cover"' in text and "1 article from BBC" in text
    assert '<a href="#figures">Annex: Figures</a>' in text  # the contents, on the cover
    assert "The Kyiv strike" not in text  # topic pages are the site's; the PDF is the briefing
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert "dcterms.created" not in print_html(_small_dossier(), SMALL)[0]


def test_small_pdf_is_reproducible_and_its_links_resolve(tmp_path, monkeypatch):
    import dossier.pdf as pdf

    first = build_pdf(_small_dossier(), SMALL, tmp_path / "a.pdf")
    pdf._last.clear()  # typeset again, not from the in-process cache
    second = build_pdf(_small_dossier(), SMALL, tmp_path / "b.pdf")
    assert not first.cached and not second.cached
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert not [w for w in first.warnings if "anchor" in w.lower()], first.warnings
    third = build_pdf(_small_dossier(), SMALL, tmp_path / "c.pdf")
    assert third.cached and third.pages == first.pages


# ---- The default dossier's PDF (slow: built once for the module) --------------------------


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    from dossier.pipeline import build

    built = build(ROOT / "seeds", ROOT / "dossier.yml")
    out = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    report = build_pdf(built.dossier, built.pages, out)
    reader = PdfReader(out)
    texts = [page.extract_text() or "" for page in reader.pages]
    return SimpleNamespace(built=built, dossier=built.dossier, report=report, path=out,
                           reader=reader, texts=texts)


@pytest.mark.slow
def test_pdf_is_a_short_briefing_with_the_bottom_line_on_page_two(briefing):
    dossier = briefing.dossier
    assert len(briefing.reader.pages) == briefing.report.pages <= 12
    second = _norm(briefing.texts[1])
    assert second.startswith(_norm(dossier.title)[:30]) or "briefing" in second[:200]
    assert "bottom line" in second
    # the bottom line's first clause is on page two, with a source paragraph cited
    assert "¶" in briefing.texts[1]
    assert briefing.report.seconds < 60


@pytest.mark.slow
def test_briefing_part_fits_in_four_pages(briefing):
    starts = [i for i, text in enumerate(briefing.texts) if re.search(r"(?m)^\s*Figures\s*$", text)]
    annex = min(i for i in starts if i > 1)
    assert 2 <= annex <= 5  # cover, then the briefing on at most four pages, then the annexes


@pytest.mark.slow
def test_pdf_prints_no_screen_only_line_and_no_page_furniture(briefing):
    text = _norm(" ".join(briefing.texts))
    assert "download" not in text
    assert "all statements" not in text  # the collapsed record stays on the site
    for article in briefing.dossier.articles:
        for line in article.dropped:
            if len(line.text) >= 25:
                assert _norm(line.text) not in text, line.text


@pytest.mark.slow
def test_full_sources_only_on_request_and_still_without_furniture(briefing, tmp_path):
    out = tmp_path / "full.pdf"
    report = build_pdf(briefing.dossier, briefing.built.pages, out, annexes=("sources",))
    texts = [page.extract_text() or "" for page in PdfReader(out).pages]
    assert report.pages > briefing.report.pages
    text = _norm(" ".join(texts))
    short = _norm(" ".join(briefing.texts))
    paragraphs = [_norm(p.text)[:50] for a in briefing.dossier.articles for p in a.paragraphs]
    assert all(p in text for p in paragraphs)  # every source's full text
    assert sum(p in short for p in paragraphs) < len(paragraphs) / 2  # not in the default PDF
    for a in briefing.dossier.articles:
        for line in a.dropped:
            if len(line.text) >= 25:
                assert _norm(line.text) not in text, line.text


@pytest.mark.slow
def test_cover_names_title_date_and_source_count(briefing):
    cover = _norm(briefing.texts[0])
    dossier = briefing.dossier
    assert _norm(dossier.title) in cover
    if dossier.as_of is not None:
        assert _norm(dossier.as_of.human()) in cover
    assert f"{len(dossier.articles)} articles" in cover
    assert briefing.reader.metadata.title == dossier.title


def _contents_entries(briefing) -> list[tuple[str, int]]:
    entries = []
    for line in briefing.texts[0].splitlines():
        match = re.match(r"^(.*?\S)[\s.]*?\s*(\d+)$", line.strip())
        if match and "page" not in match.group(1).lower() and "." in line:
            title = re.sub(r"[\s.]+$", "", match.group(1))
            entries.append((title, int(match.group(2))))
    return entries


@pytest.mark.slow
def test_contents_on_the_cover_point_at_their_pages(briefing):
    entries = _contents_entries(briefing)
    assert [t for t, _ in entries][:1] == ["Briefing"], entries
    assert len(entries) >= 4, entries
    for title, number in entries:
        assert 2 <= number <= len(briefing.texts), (title, number)
        heading = _norm(title.removeprefix("Annex: "))
        assert heading in _norm(briefing.texts[number - 1]), (title, number)


@pytest.mark.slow
def test_every_topic_title_and_headline_figure_is_in_the_pdf(briefing):
    from dossier.assemble.briefing import headline_groups

    text = _norm(" ".join(briefing.texts))
    for topic in briefing.dossier.topics:
        assert _norm(topic.title) in text, topic.title
    for group in headline_groups(briefing.dossier.groups)[:6]:
        assert _norm(group.label) in text, group.label


@pytest.mark.slow
def test_bookmarks_follow_the_parts(briefing):
    def titles(outline) -> list[str]:
        out = []
        for item in outline:
            if isinstance(item, list):
                out.extend(titles(item))
            else:
                out.append(_norm(item.title))
        return out

    outline = titles(briefing.reader.outline)
    for heading in ("briefing", "bottom line", "figures", "timeline", "sources"):
        assert heading in outline, outline


@pytest.mark.slow
def test_internal_links_all_resolve(briefing):
    missing = [w for w in briefing.report.warnings if "anchor" in w.lower()]
    assert not missing, missing[:5]


@pytest.mark.slow
def test_no_text_leaves_the_page(briefing):
    pdfplumber = pytest.importorskip("pdfplumber")
    outside = []
    with pdfplumber.open(briefing.path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            left, right = (0, page.width) if number == 1 else (SIDE_MARGIN, page.width - SIDE_MARGIN)
            for char in page.chars:
                if not char["text"].strip():
                    continue
                if (
                    char["x0"] < left - 1
                    or char["x1"] > right + 1
                    or char["top"] < 0
                    or char["bottom"] > page.height
                ):
                    outside.append((number, char["text"], round(char["x0"]), round(char["x1"])))
    assert not outside, outside[:10]


@pytest.mark.slow
def test_no_outlet_name_is_broken_across_lines(briefing):
    """A citation such as "Censor.NET ¶6" wraps as a whole: its words are never split without a
    hyphen at a line's end ("Cens" / "or.NET")."""
    outlets = {a.shown_outlet for a in briefing.dossier.articles if a.shown_outlet}
    lines = [line.strip() for text in briefing.texts for line in text.splitlines() if line.strip()]
    assert any(outlet in line for outlet in outlets for line in lines)
    for before, after in zip(lines, lines[1:]):
        for outlet in outlets:
            for cut in range(2, len(outlet) - 1):
                head, tail = outlet[:cut], outlet[cut:]
                if " " in head or " " in tail:
                    continue
                assert not (before.endswith(head) and after.startswith(tail)), (before, after)


@pytest.mark.slow
def test_running_footer_says_page_n_of_total(briefing):
    total = len(briefing.texts)
    for number in (2, total):
        assert f"page {number} of {total}" in _norm(briefing.texts[number - 1])
    assert "page 1 of" not in _norm(briefing.texts[0])  # the cover has none
