"""A page converted again under `mkdocs serve --dirty` reuses what the inline parser made of its
unchanged lines (`dossier.inline_reuse`), and reads byte for byte as converted from scratch."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import Treeprocessor

from dossier import inline_reuse
from dossier.inline_reuse import InlineReuse
from tests.conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def site_markdown():
    """The default site's Markdown extensions and their options, as MkDocs gives them."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def convert(text: str, site, kept: InlineReuse | None = None) -> str:
    extensions, configs = site
    return markdown.Markdown(extensions=[*extensions, *([kept.extension()] if kept is not None else [])],
                             extension_configs=configs).convert(text)


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory) -> dict[str, str]:
    """The Markdown pages of the default dossier and of a fixture of another event."""
    from dossier.pipeline import build

    pages = {}
    for name, seeds, curation in (("default", ROOT / "seeds", ROOT / "dossier.yml"),
                                  ("floods", FIXTURES / "floods" / "seeds", FIXTURES / "floods" / "dossier.yml")):
        built = build(seeds, curation, pdf=False, snapshots=tmp_path_factory.mktemp("snapshots"))
        pages.update({f"{name}/{path}": text for path, text in built.pages.items() if path.endswith(".md")})
    return pages


def test_every_generated_page_reads_the_same_with_its_lines_reused(generated_pages, site_markdown):
    kept = InlineReuse()
    kept.start()
    plain = {path: convert(text, site_markdown) for path, text in generated_pages.items()}
    for path, text in generated_pages.items():  # each page after the others: the lines it shares with them reused
        assert convert(text, site_markdown, kept) == plain[path], path
    kept.start()
    for path, text in generated_pages.items():  # every page again
        assert convert(text, site_markdown, kept) == plain[path], path
    # every line was given back, those with an entity or inline HTML too (a row of the table of
    # every figure opens with its anchor), but a footnote's reference
    assert kept.reused > 1000 and kept.parsed < kept.reused / 100, (kept.reused, kept.parsed)


def test_a_line_with_inline_html_is_reused_with_this_pages_placeholders(site_markdown):
    """Inline HTML and entities are set aside in the page's HTML stash, numbered in the order
    of the page: a line holding them is given back with the same HTML set aside in the new
    page's stash, wherever it now stands among the others."""
    rows = "\n".join(f'| <span id="f-{n}"></span>[Killed](groups.md#g-{n}) &amp; more | **{n}** |' for n in range(30))
    table = "| What | Value |\n|:-----|:------|\n" + rows
    kept = InlineReuse()
    kept.start()
    assert convert(table, site_markdown, kept) == convert(table, site_markdown)
    assert (kept.reused, kept.parsed) == (0, 62)
    kept.start()
    moved = "A <b>bold</b> start &copy; and <i>more</i> HTML set aside first.\n\n" + table.replace("| **7** |", "| **70** |")
    html = convert(moved, site_markdown, kept)
    assert html == convert(moved, site_markdown) and '<span id="f-29"></span>' in html
    assert (kept.reused, kept.parsed) == (61, 2)


# Lines of Markdown whose inline parsing depends on the page around them (footnotes, link
# references, abbreviations, raw HTML and entities in the HTML stash) or on where they stand.
WORDS = st.sampled_from(["alpha", "Beta", "HTML", "W3C", "toll", "12", "ünïcode", "a_b", "x*y"])
INLINE = st.sampled_from([
    "[a link](../sources/a.md#p-1)", "[ref link][r1]", "[r2]", "*em*", "**strong**", "`code`",
    "&amp;", "&copy;", "<span>raw</span>", "<b>bold</b>", "\\*not em\\*", "[^1]", "[^n]", "HTML",
    "https://example.org/x", "<https://example.org/auto>", "![img](x.png)", "[a](<b c>)",
    "{ #anchor }", "<!-- note -->", "a  \nb",
])
LINE = st.lists(st.one_of(WORDS, INLINE), min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda line: "## " + line),
    st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "\n".join("- " + line for line in lines)),
    st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))),
    st.tuples(LINE, LINE).map(lambda cells: f"| A | B |\n|---|---|\n| {cells[0].replace('|', '')} | {cells[1].replace('|', '')} |"),
    LINE.map(lambda line: '!!! note "Note"\n    ' + line),
    LINE.map(lambda line: "> " + line),
    LINE.map(lambda line: "Term\n:   " + line),
    LINE.map(lambda line: "<div markdown>\n" + line + "\n</div>"),
    st.sampled_from(["[r1]: https://example.org/one", "[r2]: ../two.md", "[^1]: A footnote.",
                     "[^n]: Another *note*.", "*[HTML]: Hyper Text", "*[W3C]: World Wide Web Consortium",
                     "<div>raw block</div>", "```\n[not](a link)\n```"]),
)
DOCUMENT = st.lists(BLOCK, min_size=1, max_size=8).map("\n\n".join)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(DOCUMENT, min_size=2, max_size=4))
@example([  # the same lines under other link references, abbreviations and footnotes
    "[r1]: https://example.org/one\n\nSee [the report][r1] on HTML.\n\nA note[^1].\n\n*[HTML]: Hyper Text\n\n[^1]: A note.",
    "See [the report][r1] on HTML.\n\nA note[^1].",
    "[r1]: ../two.md\n\nSee [the report][r1] on HTML.\n\n*[HTML]: Other",
])
def test_a_page_converted_after_others_sharing_its_lines_reads_as_converted_alone(site_markdown, documents):
    """Each document converted after the ones before it (lines kept, then reused wherever
    they are the same text in the same place) is the document converted alone."""
    kept = InlineReuse()
    kept.start()
    for text in documents + documents[::-1]:
        assert convert(text, site_markdown, kept) == convert(text, site_markdown), text


def test_a_processor_run_between_turns_reuse_off(site_markdown):
    """Another tree processor between the two of the extension and the inline parser would see
    reused lines half made: then nothing is reused (nor kept)."""
    text = "A [link](a.md) and *more*.\n\n- [b](b.md)\n"

    class Between(Treeprocessor):
        def run(self, root):
            return None

    class Extension(markdown.Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Between(md), "between", 20.2)

    kept = InlineReuse()
    kept.start()
    extensions, configs = site_markdown
    for _ in range(2):
        md = markdown.Markdown(extensions=[*extensions, Extension(), kept.extension()], extension_configs=configs)
        assert md.convert(text) == convert(text, site_markdown)
    assert (kept.reused, kept.parsed, len(kept)) == (0, 0, 0)


def test_what_is_kept_is_this_builds_and_the_last_and_bounded(site_markdown, monkeypatch):
    kept = InlineReuse()
    kept.start("settings")
    convert("One [a](a.md).\n\nTwo *b*.\n", site_markdown, kept)
    assert (kept.reused, kept.parsed, len(kept)) == (0, 2, 2)
    kept.start("settings")
    convert("One [a](a.md).\n", site_markdown, kept)
    assert (kept.reused, kept.parsed) == (1, 0)
    kept.start("settings")  # "Two" was used by neither this build nor the last: it goes
    assert len(kept) == 1
    kept.start("settings")
    kept.start("settings")  # builds that convert nothing keep what was kept
    assert len(kept) == 1
    kept.start("other settings")  # the site's extensions or their options changed
    assert len(kept) == 0
    monkeypatch.setattr(inline_reuse, "MAX_KEPT", 3)
    kept.start("other settings")
    convert("\n\n".join(f"Line {n} [a](a.md)." for n in range(10)), site_markdown, kept)
    assert (kept.parsed, len(kept)) == (10, 3)
