"""Every figure on every page links to a source paragraph that contains its number."""

from __future__ import annotations

import re

import pytest

from dossier.pipeline import build
from tests.conftest import FIXTURES, ROOT

LINK = re.compile(r"\[[^\]]*¶(\d+)\]\(((?:\.\./)?(?:sources/)?([^)#/]+)\.md)?#(p-[0-9a-f]+)\)")


def plain(text: str) -> str:
    """Digits grouped any way ("2 700", "2,700") read the same."""
    return re.sub(r"(?<=\d)[\s,\u00a0\u202f](?=\d)", "", text)


@pytest.mark.parametrize("seeds, config", [
    (ROOT / "seeds", ROOT / "dossier.yml"),
    (FIXTURES / "flood" / "seeds", FIXTURES / "flood" / "dossier.yml"),
])
def test_each_figure_row_links_to_a_paragraph_holding_its_number(seeds, config):
    result = build(seeds, config)
    paragraphs = {
        (a.id, p.anchor): p.text for a in result.dossier.articles for p in a.paragraphs
    }
    rows = 0
    for path, text in result.pages.items():
        if not path.endswith(".md"):
            continue
        for line in text.splitlines():
            cells = line.split(" | ")
            if len(cells) < 6 or "**" not in line or "](" not in cells[0]:
                continue
            # the value as read, then the words as stated when they differ ("**6** “six”")
            quoted = re.search(r"“(.+?)”", cells[1])
            stated = (quoted or re.search(r"\*\*(.+?)\*\*", line)).group(1).replace("\\", "")
            link = LINK.search(line)
            assert link, f"{path}: figure row without a source link: {line}"
            article = link.group(3) or path.removeprefix("sources/").removesuffix(".md")
            paragraph = paragraphs[(article, link.group(4))]
            assert plain(stated).casefold() in plain(paragraph).casefold(), f"{path}: {stated!r} not in its paragraph {link.group(0)}"
            rows += 1
    assert rows >= len(result.dossier.figures)
