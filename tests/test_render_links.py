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
