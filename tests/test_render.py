"""Render and write: article text is never interpreted, links resolve, output is deterministic."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import DossierError
from dossier.pipeline import build
from dossier.render.markdown import balance_quotes, escape, link, number
from dossier.write import write_pages
from tests.conftest import FIXTURES, ROOT

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "abbr", "def_list", "footnotes", "toc"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> and <b>bold</b>",
        "**not bold** _not italic_ `not code` [not a link](http://x) ![img](y.png)",
        "# not a heading",
        "1. not a list",
        "- not a list",
        "> not a quote",
        ": not a definition",
        "a | b | c",
        "{{ jinja }} {% if x %} {#p-abc} { #id .class }",
        "&amp; stays &amp; and &copy;",
        "*[HTML]: not an abbreviation [^1]",
    ],
)
def test_article_text_is_shown_literally(text):
    html = to_html("Intro.\n\n" + escape(text))
    paragraph = re.findall(r"<p>(.*?)</p>", html, re.S)[-1]
    assert html_module.unescape(paragraph) == text
    assert "<script" not in html and "<b>" not in html and "<a " not in html and "<h1" not in html


def test_links_are_relative_to_the_page():
    assert link("topics/a.md", "sources/b.md", "p-1") == "../sources/b.md#p-1"
    assert link("index.md", "topics/a.md") == "topics/a.md"
    assert link("figures.md", "figures.md", "g-1") == "#g-1"


def test_numbers_are_written_as_readers_expect():
    assert [number(v) for v in (12, 11000.0, 2.7, 20e9, None)] == ["12", "11,000", "2.7", "20,000,000,000", ""]


def test_write_refuses_paths_outside_the_output_folder(tmp_path: Path):
    with pytest.raises(DossierError, match="outside the output folder"):
        write_pages({"../escape.md": "x"}, tmp_path / "out")
    with pytest.raises(DossierError, match="outside the output folder"):
        write_pages({"/etc/passwd": "x"}, tmp_path / "out")
    assert not (tmp_path / "escape.md").exists()
    # through a link in the output folder, to a folder or a file outside it, or up and out
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "f.md").write_text("theirs")
    write_pages({"a.md": "one"}, out)
    (out / "sub").symlink_to(elsewhere)
    (out / "f.md").symlink_to(elsewhere / "f.md")
    for path in ("sub/x.md", "f.md", "a/../../escape.md", "sub/../../escape.md"):
        with pytest.raises(DossierError, match="outside the output folder"):
            write_pages({"a.md": "two", path: "x"}, out)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["f.md"] and (elsewhere / "f.md").read_text() == "theirs"
    assert (out / "a.md").read_text() == "one" and not (tmp_path / "escape.md").exists()
    # a link to another folder of the output is refused too (the pages would land beside it)
    (out / "b").mkdir()
    (out / "inside").symlink_to(out / "b", target_is_directory=True)
    with pytest.raises(DossierError, match="'inside' in the output folder .* is a link"):
        write_pages({"a.md": "one", "inside/y.md": "y"}, out)
    assert not (out / "b" / "y.md").exists() and (out / "inside").is_symlink()


def test_write_touches_only_changed_files(tmp_path: Path):
    out = tmp_path / "out"
    assert write_pages({"a.md": "one", "b/c.md": "two"}, out) == ["a.md", "b/c.md"]
    assert write_pages({"a.md": "one", "b/c.md": "three"}, out) == ["b/c.md"]


def test_a_spooled_download_becomes_the_outputs_file_and_a_cached_page_is_copied(tmp_path: Path, monkeypatch):
    """A download spooled by the build (the dossier JSON: 220 MB at 10,000 articles) becomes the
    output's file without a copy, and stays it once the spool lets go of it; a page of the
    pages cache is copied, so editing the output never changes what the cache keeps; where no
    link can be made, the download is copied."""
    import os

    from dossier.write import Spool, Spooled, let_go_of_spooled

    spool = Spool(tmp_path / "cache")
    download = spool.write("downloads/dossier.json", [b'{"a":', b"1}\n"])
    cached = tmp_path / "cache" / "page.md"
    cached.write_bytes(b"# A page\n")
    page = Spooled(cached, cached.stat().st_size, "unused", None)
    out = tmp_path / "out"
    pages = {"downloads/dossier.json": download, "sources/a.md": page}
    assert write_pages(pages, out) == ["downloads/dossier.json", "sources/a.md"]
    assert (out / "downloads/dossier.json").stat().st_ino == download.path.stat().st_ino
    assert (out / "sources/a.md").read_bytes() == b"# A page\n"
    assert (out / "sources/a.md").stat().st_ino != cached.stat().st_ino
    written = (out / "downloads/dossier.json").stat()
    let_go_of_spooled(pages)
    assert not download.path.exists() and cached.exists()  # (the cache's page is the cache's)
    assert (out / "downloads/dossier.json").read_bytes() == b'{"a":1}\n'
    let_go_of_spooled(pages)  # (again: nothing left to let go of)
    stamped = (out / "downloads/dossier.json").stat()  # what the build stamp then records
    spool._folder.cleanup()  # the spool goes (at the latest as the process ends): the output is as it was stamped
    after = (out / "downloads/dossier.json").stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (stamped.st_ino, stamped.st_mtime_ns, stamped.st_ctime_ns)
    assert after.st_ino == written.st_ino

    def no_links(*args, **kwargs):
        raise OSError("no links on this disk")

    monkeypatch.setattr(os, "link", no_links)
    other = Spool(tmp_path / "cache").write("downloads/dossier.json", [b'{"a":2}\n'])
    assert write_pages({"downloads/dossier.json": other, "sources/a.md": page}, out) == ["downloads/dossier.json"]
    assert (out / "downloads/dossier.json").read_bytes() == b'{"a":2}\n'
    assert (out / "downloads/dossier.json").stat().st_ino != other.path.stat().st_ino


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.text(alphabet="ab\u00e9\u20ac\U0001f600\n", max_size=40),
       after=st.text(alphabet="ab\u00e9\u20ac\U0001f600\n", max_size=40))
def test_a_long_page_is_compared_and_written_a_chunk_at_a_time(tmp_path_factory, monkeypatch, before, after):
    """Pages longer than a chunk (the dossier JSON: hundreds of MB) are compared with the
    file and written a chunk at a time: the same result as whole, one byte or four each."""
    import dossier.write as write

    monkeypatch.setattr(write, "CHUNK", 3)
    out = tmp_path_factory.mktemp("out")
    write_pages({"p.json": before}, out)
    inode = (out / "p.json").stat().st_ino
    assert write_pages({"p.json": after}, out) == ([] if after == before else ["p.json"])
    assert (out / "p.json").read_bytes() == after.encode("utf-8")
    assert ((out / "p.json").stat().st_ino == inode) == (after == before)


def test_same_input_gives_byte_identical_pages():
    first = build(ROOT / "seeds", ROOT / "dossier.yml").pages
    second = build(ROOT / "seeds", ROOT / "dossier.yml").pages
    assert first == second


def test_every_markdown_link_points_to_a_generated_page_and_anchor():
    pages = build(ROOT / "seeds", ROOT / "dossier.yml").pages
    anchors = {path: set(re.findall(r'(?:\{ ?#|id=")([\w-]+)', text)) for path, text in pages.items() if path.endswith(".md")}
    checked = 0
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http", "mailto")) or target.endswith(".pdf"):
                continue
            page, _, anchor = target.partition("#")
            resolved = Path(path).parent.joinpath(page).as_posix() if page else path
            resolved = str(Path(resolved)).replace("\\", "/")
            resolved = re.sub(r"[^/]+/\.\./", "", resolved)
            assert resolved in pages, f"{path}: link to missing page {target}"
            if anchor and anchor != "review":
                assert anchor in anchors[resolved], f"{path}: link to missing anchor {target}"
            checked += 1
    assert checked > 100


def test_injected_markup_in_an_article_is_escaped_on_its_page(make_seeds):
    seeds, config = make_seeds(
        {"evil.txt": " date 2025-01-01 The <script>alert('x')</script> attack killed 3 people. {{ config }} [x](javascript:alert(1))"},
    )
    pages = build(seeds, config).pages
    page = pages["sources/evil.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "\\[x\\]" in page and "\\{\\{ config \\}\\}" in page


def test_another_event_builds_with_its_own_topics():
    result = build(FIXTURES / "flood" / "seeds", FIXTURES / "flood" / "dossier.yml")
    assert {"topics/floods.md", "topics/aid.md", "sources/valencia-wire.md", "sources/valencia-daily.md"} <= set(result.pages)
    assert "Valencia floods, October 2024" in result.pages["index.md"]
    floods = result.pages["topics/floods.md"]
    assert "158" in floods and "more than 200" in floods


def test_first_mention_of_each_entity_on_a_page_links_to_the_entity_index():
    result = build(ROOT / "seeds", ROOT / "dossier.yml")
    zelensky = next(e for e in result.dossier.entities if e.name == "Volodymyr Zelensky")
    for path in ("topics/kyiv-strike.md", "sources/001_51b9b6dadb1c8773.md"):
        page = result.pages[path]
        links = re.findall(rf"\]\(\.\./entities\.md#e-{zelensky.id}\)", page)
        assert len(links) == 1, path
    assert "#e-" not in result.pages["entities.md"].replace('id="e-', "")


@pytest.mark.parametrize("articles", [0, 60])  # the seeds, or that many generated articles
def test_a_source_page_links_only_the_names_the_index_found_in_that_article(articles, tmp_path):
    """A name on a source's page links to the entity index only where the index cites that
    article for it: the link leads to an entry that lists the page it was followed from (a
    capitalised word that begins a sentence here is no entity because it was one elsewhere)."""
    from benchmarks import generate

    root = ROOT
    if articles:
        generate.generate(articles, tmp_path)
        root = tmp_path
    result = build(root / "seeds", root / "dossier.yml", pdf=False)
    linked_somewhere = 0
    for article in result.dossier.articles:
        mentioned = {e.id for e in result.dossier.entities if any(m.source.article == article.id for m in e.mentions)}
        linked = set(re.findall(r"\]\(\.\./entities\.md#e-(\w+)\)", result.pages[f"sources/{article.id}.md"]))
        assert linked <= mentioned, article.id
        linked_somewhere += len(linked)
    assert linked_somewhere >= 10


@pytest.mark.parametrize("text, shown", [
    ('until the fate is known," Zelensky noted.', '"until the fate is known," Zelensky noted.'),
    ('"No country should be left alone.', '"No country should be left alone."'),
    ('He said "yes" to it.', 'He said "yes" to it.'),
    ("the alliances of killers,” the Head of State summed up.", "“the alliances of killers,” the Head of State summed up."),
])
def test_a_sentence_cut_from_a_quotation_gets_its_quotation_mark_back(text, shown):
    assert balance_quotes(text) == shown


def test_analyst_overrides_are_shown_as_corrections_and_keep_the_original(tmp_path):
    flood = FIXTURES / "flood"
    first = build(flood / "seeds", flood / "dossier.yml").dossier
    killed = next(f for f in first.figures if f.metric == "killed" and f.value == 158)
    soldiers = next(f for f in first.figures if f.value == 1200)
    config = tmp_path / "dossier.yml"
    config.write_text(
        (flood / "dossier.yml").read_text()
        + f"overrides:\n  - figure: {killed.id}\n    value: 159\n    note: Revised by the region.\n"
        + f"  - figure: {soldiers.id}\n    exclude: true\n"
        + "  - figure: nosuchid\n    exclude: true\n"
    )
    result = build(flood / "seeds", config)
    fixed = next(f for f in result.dossier.figures if f.id == killed.id)
    assert fixed.value == 159 and fixed.text == "at least 158"
    assert fixed.correction == "Analyst: value 159 (the source says 'at least 158'). Revised by the region."
    source_page = result.pages["sources/valencia-wire.md"]
    assert "**at least 159** “at least 158” *(Analyst: value 159 (the source says 'at least 158')" in source_page
    assert "~~1,200~~ *(excluded by the analyst)*" in source_page
    assert all(soldiers.id not in {f.id for f in g.figures} for g in result.dossier.groups)
    assert any("override names figure 'nosuchid'" in n.message and n.line > 0 for n in result.dossier.notices)


def _built(make_seeds, monkeypatch, files: dict[str, str]):
    """A build of these seed files (no cache, no snapshot) and its page of the topic `main`."""
    from dossier.pipeline import build

    monkeypatch.setenv("DOSSIER_SNAPSHOTS", "0")
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    result = build(*make_seeds(files), pdf=False)
    return result, result.pages["topics/main.md"]


def test_a_topic_page_is_bounded_whatever_the_number_of_articles(make_seeds, monkeypatch):
    """70 articles with distinct statements and figures: each section of the topic page shows
    at most TOPIC_LIMIT items and counts the rest, linking to the full record."""
    from dossier.assemble.briefing import headline_groups
    from dossier.render.paths import TOPIC_LIMIT

    places = ["Arlen", "Borsk", "Cavella", "Dunmore", "Estrel", "Farrow", "Galen"]
    files = {
        f"a{n:03d}.txt": (f" date 2026-03-{1 + n % 28:02d} Storm report number {n}\n\n"
                          f"The storm destroyed {n + 3} houses in {places[n % 7]} village on the coast, "
                          f"the mayor said in statement {n}.\n\n"
                          f"Residents of the street numbered {n} cleared the debris with the help of volunteers.\n")
        for n in range(70)
    }
    result, page = _built(make_seeds, monkeypatch, files)
    statements = page[page.index("??? note"):page.index("## Figures")]
    assert statements.count("\n    - ") == TOPIC_LIMIT
    assert "more statements are on the [source pages]" in statements
    # more figures than rows: the latest figure of each figure group, most reported first
    figures = page[page.index("## Figures"):page.index("## Discrepancies")]
    rows = [line for line in figures.splitlines() if line.startswith("| [")]
    groups = [g for g in headline_groups(result.dossier.groups) if "main" in g.topics]
    assert 1 < len(groups) == len(rows) <= TOPIC_LIMIT
    for group, row in zip(groups, rows):
        assert f"#{group.id})" in row and f"**{group.latest.display}**" in row
    total = sum(1 for f in result.dossier.figures if "main" in f.topics and not f.excluded)
    assert total > TOPIC_LIMIT
    assert (f"The latest figure of each of the {len(groups)} most reported figure groups of this topic; "
            f"all {total} figures are grouped on the [figures page]") in figures
    sources = page[page.index("## Sources"):]
    assert "10 more sources of this topic are in the [sources index]" in sources


def test_a_long_topic_shows_its_latest_events_and_counts_the_quotations_it_leaves_out(make_seeds, monkeypatch):
    """Past the limit, a topic's timeline shows its latest events (an unfolding event's news),
    and the quotations it cannot show are counted and pointed to, never dropped silently."""
    from dossier.render.paths import TOPIC_LIMIT

    files = {
        f"a{n:03d}.txt": (f" date 2026-{1 + n // 28:02d}-{1 + n % 28:02d} Flood update {n}\n\n"
                          f"On {1 + n % 28} {('January', 'February', 'March')[n // 28]} 2026, the river rose "
                          f"above the {n + 2} metre mark at gauge {n}, the water agency said.\n\n"
                          f'"We are watching gauge {n} around the clock," said hydrologist Mara Velden.\n')
        for n in range(70)
    }
    result, page = _built(make_seeds, monkeypatch, files)
    events = [e for e in result.dossier.events if "main" in e.topics]
    assert len(events) > TOPIC_LIMIT
    timeline = page[page.index("## Timeline"):page.index("## Sources")]
    assert f"The latest {TOPIC_LIMIT} of this topic's {len(events)} dated events, oldest first" in timeline
    dates = [e.date.human() for e in events]
    shown = re.findall(r"^- \*\*(.+?)\*\*", timeline, re.M)
    assert shown == dates[-TOPIC_LIMIT:] and dates[0] not in shown
    quotes = [q for q in result.dossier.quotes if "main" in q.topics]
    assert len(quotes) > TOPIC_LIMIT
    section = page[page.index("## Quotes"):page.index("## Timeline")]
    assert f"*{len(quotes) - TOPIC_LIMIT} more quotations of this topic, reported by fewer sources, are on the [source pages]" in section


def _source_pages(pages: dict[str, str]) -> dict[str, str]:
    """The pages the pages cache keeps: the sources', the timeline's and the table of every figure's."""
    return {path: page for path, page in pages.items()
            if path.startswith(("sources/", "record/figures-", "timeline.md", "record/timeline-"))}


def test_cached_source_pages_follow_what_other_records_change():
    """A source's page, a page of the table of every figure or of the timeline, is taken from
    the pages cache only while everything it shows is unchanged: its figures' groups
    (agreement, subject, page), its topics' titles, the entity names it links, the outlets and
    paragraphs it cites, whose words its events are. Each change below, made to records other
    than the figures and events, must show."""
    from dataclasses import replace

    from dossier.cache import PageFiles
    from dossier.curation import load_curation
    from dossier.pipeline import build_dossier
    from dossier.render import render_pages

    curation = load_curation(ROOT / "dossier.yml")
    dossier = build_dossier(ROOT / "seeds", ROOT / "dossier.yml")
    group = next(g for g in dossier.groups if g.agreement != "differ")
    word = next(w for w in dossier.articles[0].paragraphs[0].text.split() if len(w) > 5 and w.isalpha())
    spoken = {(m.source.article, m.source.paragraph, m.source.start)
              for s in dossier.statements if s.speaker for m in s.mentions}
    # an event told in the outlet's own words: giving it a speaker is a change to show
    event = next(e for e in dossier.events if (e.mentions[0].source.article, e.mentions[0].source.paragraph,
                                                e.mentions[0].source.start) not in spoken)
    event_word = next(w for w in event.text.split() if len(w) > 5 and w.isalpha())
    cited = event.mentions[0].source

    def mentioned_in(article_id: str):  # a page links the names of the entities mentioned in its articles
        return next(e for e in dossier.entities if any(m.source.article == article_id for m in e.mentions))

    entity, event_entity = mentioned_in(dossier.articles[0].id), mentioned_in(cited.article)
    variants = {
        "group agreement": replace(dossier, groups=tuple(
            replace(g, agreement="differ") if g is group else g for g in dossier.groups)),
        "group subject": replace(dossier, groups=tuple(
            replace(g, subject=g.subject + " (renamed)") if g is group else g for g in dossier.groups)),
        "topic title": replace(dossier, topics=tuple(
            replace(t, title=t.title + " (renamed)") for t in dossier.topics)),
        "outlet": replace(dossier, articles=tuple(
            replace(a, outlet=(a.outlet or "") + " (renamed)") if a.id == dossier.figures[0].source.article else a
            for a in dossier.articles)),
        "entity alias": replace(dossier, entities=tuple(
            replace(e, aliases=(*e.aliases, word)) if e is entity else e for e in dossier.entities)),
        "entity alias in an event": replace(dossier, entities=tuple(
            replace(e, aliases=(*e.aliases, event_word)) if e is event_entity else e for e in dossier.entities)),
        "cited paragraph": replace(dossier, articles=tuple(
            replace(a, paragraphs=tuple(replace(p, text=p.text + " ") if p.number == cited.paragraph else p
                                        for p in a.paragraphs)) if a.id == cited.article else a
            for a in dossier.articles)),
        "speaker": replace(dossier, statements=(
            replace(dossier.statements[0], speaker="A. N. Other",
                    mentions=(replace(dossier.statements[0].mentions[0], source=cited),)),
            *dossier.statements[1:])),
    }
    cache = PageFiles(None)
    before = _source_pages(render_pages(dossier, curation, cache=cache))
    for change, changed in variants.items():
        fresh = _source_pages(render_pages(changed, curation))
        assert fresh != before, change  # the change shows on some source's page
        assert _source_pages(render_pages(changed, curation, cache=cache)) == fresh, change
    assert _source_pages(render_pages(dossier, curation, cache=cache)) == before


def test_the_home_page_counts_what_the_build_holds_and_methodology_points_there():
    """The census of a build (sources, topics, groups, figures, statements, quotes, events) is
    on the home page, beside the downloads, each count with its noun in the right number; the
    methodology page, which a save should not rewrite for a count, points there."""
    result = build(FIXTURES / "flood" / "seeds", FIXTURES / "flood" / "dossier.yml")
    d, home = result.dossier, result.pages["index.md"]
    included = [f for f in d.figures if not f.excluded]
    census = home[home.index("This build holds"):]
    census = " ".join(census[:census.index("\n{ .dossier-screen-only }")].split())
    assert len(d.quotes) == 1 and len(d.articles) == 2
    assert census == (f"This build holds **2 sources** dated 2024-11-01 to 2024-11-03: {len(d.topics)} topics, "
                      f"{len(d.groups)} figure groups from {len(included)} figures, {len(d.statements)} statements, "
                      f"1 quote and {len(d.events)} dated events.")
    assert home.index("## Downloads { #downloads") < home.index("This build holds")
    methodology = result.pages["methodology.md"]
    assert "[home page](index.md#downloads)" in methodology
    assert not re.search(r"\b\d+ (?:statements|figures|figure groups)\b", methodology)
