"""Saved web pages (`.html`, `.htm`): the article's text and metadata, read with trafilatura.

trafilatura finds the main text and leaves out the page furniture (navigation, share bars,
related links, cookie banners, comments); it reads the title, date (JSON-LD, `og:`/`article:`
meta, `<time>`), site name and canonical address. Every visible block of the page that it left
out is listed as dropped, with the kind of page part it came from, never discarded silently.
Nothing on the page is fetched or run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from dossier.model import DroppedLine

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"})
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u "
    "var wbr font label img".split()
)
_SPACE = re.compile(r"\s+")
# Page parts, recognised by tag, role or class/id words, in the order they are tried.
_PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cookie banner", re.compile(r"cookie|consent|gdpr|cmp\b|privacy-?banner")),
    ("share bar", re.compile(r"share|sharing|social|sociallinks")),
    ("related links", re.compile(r"related|recommend|more-?stories|read-?more|read-?also|also-?read|teaser|most-?read|popular|trending|outbrain|taboola")),
    ("comments", re.compile(r"comment|disqus|discussion")),
    ("newsletter or subscription box", re.compile(r"newsletter|subscri|signup|sign-up|paywall|register")),
    ("advertisement", re.compile(r"\bads?\b|advert|sponsor|promo|banner-ad|dfp|commercial")),
    ("photo caption or credit", re.compile(r"caption|credit|figcaption|photo-?info")),
    ("tag list", re.compile(r"\btags?\b|keywords|topics-?list")),
    ("byline", re.compile(r"author|byline|writer")),
    ("date stamp", re.compile(r"\bdate\b|published|timestamp|dateline|\btime\b|updated")),
    ("embedded post or player", re.compile(r"embed|player|video|telegram|twitter-tweet|instagram")),
    ("navigation", re.compile(r"\bnav|menu|breadcrumb|navbar|pagination|skip-?link")),
    ("page header", re.compile(r"header|masthead|topbar|top-bar|logo|brand")),
    ("page footer", re.compile(r"footer|copyright|bottom-?bar|legal")),
    ("sidebar", re.compile(r"sidebar|aside|rail|widget")),
    ("article details (date, views, author)", re.compile(r"\bmeta\b|-meta|meta-|info\b|details|stats|views")),
)
_TAG_PARTS = {
    "nav": "navigation", "header": "page header", "footer": "page footer", "aside": "sidebar",
    "form": "form", "button": "button", "figcaption": "photo caption or credit",
    "dialog": "pop-up", "menu": "navigation", "select": "form",
}
_ROLE_PARTS = {"navigation": "navigation", "banner": "page header", "contentinfo": "page footer",
               "complementary": "sidebar", "dialog": "pop-up", "alertdialog": "pop-up",
               "search": "search box", "menu": "navigation", "menubar": "navigation"}


@dataclass
class SavedPage:
    """What was read from one saved page: text lines, metadata, and what was left out."""

    lines: list[tuple[int, str]]
    title: str | None = None
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    dropped: list[DroppedLine] = field(default_factory=list)


@dataclass
class _Block:
    line: int
    element: etree._Element
    texts: list[str]

    @property
    def text(self) -> str:
        return _SPACE.sub(" ", " ".join(self.texts)).strip()


def read_saved_page(html: str) -> SavedPage:
    """The article in a saved page: its paragraphs (each with the page line it starts on), the
    metadata the page states, and every visible block left out as page furniture."""
    from trafilatura import bare_extraction

    document = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    blocks = _visible_blocks(html)
    if document is None:
        return SavedPage([], dropped=[_drop(b, "not article text (no main text found on the page)") for b in blocks])
    paragraphs = [_SPACE.sub(" ", p).strip() for p in (document.text or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    title = _clean(document.title)
    lines: list[tuple[int, str]] = []
    for text in paragraphs:
        lines.append((_line_of(text, blocks), text))
        lines.append((0, ""))
    dropped = []
    seen: set[str] = set()
    for block in blocks:
        text = block.text
        if not any(ch.isalnum() for ch in text) or text in seen or text == title or _kept(text, paragraphs):
            continue
        seen.add(text)
        dropped.append(_drop(block, f"page furniture ({_part_of(block.element)}), left out by trafilatura"))
    return SavedPage(
        lines=lines,
        title=title,
        date=_clean(document.date),
        site_name=_clean(document.sitename),
        url=_clean(document.url) or _saved_from(html),
        dropped=dropped,
    )


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+?)\s*-->")


def _saved_from(html: str) -> str | None:
    """The address a browser notes when it saves a page ("<!-- saved from url=(0071)... -->")."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group("url") if match else None


def _kept(block: str, paragraphs: list[str]) -> bool:
    """A page block is part of the kept text: it is a paragraph (a list item without its
    dash), holds one, or is a sizeable part of one; a word or two that merely occur in the text
    ("Ukraine" in a menu) are not."""
    for paragraph in paragraphs:
        bare = paragraph.removeprefix("- ")
        if block == bare or bare in block or (block in bare and len(block.split()) >= 4):
            return True
    return False


def _clean(value: object) -> str | None:
    text = _SPACE.sub(" ", str(value)).strip() if value else ""
    return text or None


def _drop(block: _Block, reason: str) -> DroppedLine:
    return DroppedLine(block.line, block.text, reason)


def _visible_blocks(html: str) -> list[_Block]:
    """Every run of visible text, grouped by the nearest block-level element, in page order."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    blocks: dict[int, _Block] = {}
    order: list[int] = []

    def add(container: etree._Element, line: int, text: str | None) -> None:
        if not text or not text.strip():
            return
        key = id(container)
        if key not in blocks:
            blocks[key] = _Block(line or 0, container, [])
            order.append(key)
        blocks[key].texts.append(text)

    def walk(element: etree._Element, container: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _SKIP or not tag or element.get("hidden") is not None:
            return
        own = element if tag.lower() not in _INLINE else container
        add(own, element.sourceline, element.text)
        for child in element:
            walk(child, own)
            add(own, child.sourceline or element.sourceline, child.tail)

    walk(root, root)
    return [blocks[k] for k in order]


def _line_of(text: str, blocks: list[_Block]) -> int:
    """The page line a kept paragraph starts on (its block in the saved file)."""
    head = text[:60]
    for block in blocks:
        if head and (head in block.text or block.text[:60] == head):
            return block.line
    return 0


def _part_of(element: etree._Element) -> str:
    """What part of the page an element belongs to, from its tags, roles and class names."""
    for node in [element, *element.iterancestors()]:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _TAG_PARTS:
            return _TAG_PARTS[tag]
        role = (node.get("role") or "").lower()
        if role in _ROLE_PARTS:
            return _ROLE_PARTS[role]
        words = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("aria-label")))).lower()
        for name, pattern in _PARTS:
            if words and pattern.search(words):
                return name
    return "outside the main text"
