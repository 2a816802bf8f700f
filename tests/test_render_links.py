"""Relative links are made by string operations on page paths (rendering makes hundreds of
thousands): they must be what `posixpath.relpath` gives, for plain paths and any other."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from dossier.render.markdown import link, relative

PARTS = st.sampled_from(["a", "b", "sources", "record", "index.md", "x.md", ".hidden", ".", "..", ""])
PATHS = st.lists(PARTS, max_size=4).map("/".join) | st.lists(PARTS, min_size=1, max_size=3).map(lambda p: "/" + "/".join(p))


@given(PATHS.filter(bool), PATHS)
def test_relative_is_relpath(to_page: str, from_dir: str) -> None:
    try:
        expected = posixpath.relpath(to_page, from_dir or ".")
    except ValueError:
        return
    assert relative(to_page, from_dir) == expected


def test_links_between_pages() -> None:
    assert link("sources/a.md", "sources/b.md", "p-1") == "b.md#p-1"
    assert link("record/figures-2.md", "figures.md", "g-1") == "../figures.md#g-1"
    assert link("index.md", "record/figures-2.md") == "record/figures-2.md"
    assert link("sources/index.md", "sources/index.md") == "sources/index.md"  # the page itself, by its path


def test_an_item_kept_for_the_next_build_reads_as_it_would_where_it_now_stands() -> None:
    """Under `mkdocs serve` an item of a page's list is taken from the last build (`shown_item`)
    only where it would read the same: a name is linked at its first mention on a page, so an
    item whose entity is now linked above it is rendered again (and one that links it still
    marks it linked for the items below), and so is one whose entity's entry moved page."""
    from types import SimpleNamespace

    from dossier.model import Entity
    from dossier.render.pages import Links, entity_names, shown_item
    from dossier.reuse import REUSE

    names = entity_names([Entity("e1", "Marinsk", "place", ()), Entity("e2", "Ivo Marchetti", "person", ("Marchetti",))])
    item = SimpleNamespace(text="Ivo Marchetti said 12 people died in Marinsk.")
    rendered: list[str] = []

    def macro(links: Links):
        return lambda one: rendered.append(one.text) or links.text(one.text)

    def page(linked=(), pages=None) -> Links:
        return Links(None, "topics/strike.md", names, linked=set(linked), figure_pages=pages or {})  # type: ignore[arg-type]

    try:
        REUSE.start(True)
        first = page()
        plain = shown_item(first, item, macro(first))
        assert plain.count("](../entities.md#e-") == 2 and first.linked == {"e1", "e2"} and len(rendered) == 1
        for build, linked, pages in ((2, (), None), (3, ("e1",), None), (4, (), None), (5, ("e1",), None),
                                     (6, (), {"e-e2": "record/entities-2.md"})):
            REUSE.start(True)
            links, alone = page(linked, pages), page(linked, pages)
            assert shown_item(links, item, macro(links)) == alone.text(item.text), build
            assert links.linked == alone.linked == {"e1", "e2"}, build
        # rendered: the first, then where Marinsk was linked above it, then the entry moved
        assert len(rendered) == 3
    finally:
        REUSE.start(False)
