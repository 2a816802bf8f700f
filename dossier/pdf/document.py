"""The print document: the rendered Markdown pages, in briefing order, as one HTML file.

Each page becomes a `<section id="{slug}">`; every id inside it is prefixed with the page's
slug (`sources/001_x.md#p-1a2b3c` -> `#sources-001_x--p-1a2b3c`), so links between pages become
links inside the one document and jump inside the PDF. Links to pages the briefing does not
print become plain text (or absolute links when the site's URL is known).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import markdown

#: The Markdown extensions of the default mkdocs.yml; the plugin passes the site's own.
DEFAULT_EXTENSIONS: tuple[str, ...] = (
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "abbr",
    "def_list",
    "footnotes",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)

#: Extensions that only make sense on screen, left out of the print document.
SCREEN_ONLY_EXTENSIONS = frozenset({"pymdownx.tabbed", "pymdownx.emoji"})

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*?)?(/?)>")
_ID_ATTR = re.compile(r'(\s(?:id|for)=)"([^"]*)"')
_HREF_ATTR = re.compile(r'(\shref=)"([^"]*)"')
_SRC_ATTR = re.compile(r'(\ssrc=)"([^"]*)"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TAGS = re.compile(r"<[^>]+>")
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HEADING_TAG = re.compile(r"<h([1-6])(\s[^>]*)?>")
SCREEN_ONLY = "dossier-screen-only"
HOME_TITLE = "Briefing"


@dataclass(frozen=True)
class PrintPage:
    """One site page as printed: where it came from, its anchor, title and HTML body."""

    path: str  # the page's path relative to docs/ ("topics/kyiv.md")
    slug: str  # its anchor in the print document ("topics-kyiv")
    title: str  # the text of its first h1 (or its path)
    body: str  # its HTML, with ids prefixed and links rewritten
    level: int = 1  # 1 for a chapter, 2 for a page inside a part (topics, sources)

    @property
    def running(self) -> str:
        """The page's name in the running header, cut short so it fits beside the title."""
        return shorten(self.title, 60)


@dataclass(frozen=True)
class Part:
    """A chapter of the briefing: one page, or a heading over several (topics, sources)."""

    slug: str
    title: str
    pages: tuple[PrintPage, ...]
    intro: PrintPage | None = None  # the part's own page (sources/index.md), if any


@dataclass(frozen=True)
class PrintDocument:
    """Everything the print template needs, in order."""

    parts: tuple[Part, ...]
    skipped: tuple[str, ...] = ()  # pages of the site left out of the briefing
    unlinked: tuple[str, ...] = field(default=())  # link targets made plain text

    @property
    def pages(self) -> tuple[PrintPage, ...]:
        out: list[PrintPage] = []
        for part in self.parts:
            if part.intro is not None:
                out.append(part.intro)
            out.extend(part.pages)
        return tuple(out)


def page_slug(path: str) -> str:
    """`index.md` -> `home`, `sources/index.md` -> `sources`, `topics/kyiv.md` -> `topics-kyiv`."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return "home"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "page"


def briefing_order(pages: Mapping[str, str], dossier: Any = None) -> list[tuple[str, list[str], str | None]]:
    """The parts of the briefing as (part title, page paths, intro page path).

    The briefing (the home page's place), topics when given (in the curation's order), then
    the annexes: figures, timeline, sources (in the dossier's order, after the sources
    index), methodology. The entities index is left out: it is a site navigation aid.
    """
    topic_order = [f"topics/{t.id}.md" for t in getattr(dossier, "topics", ())]
    source_order = [f"sources/{a.id}.md" for a in getattr(dossier, "articles", ())]
    topics = _ordered([p for p in pages if p.startswith("topics/")], topic_order)
    sources = _ordered(
        [p for p in pages if p.startswith("sources/") and p != "sources/index.md"], source_order
    )
    parts: list[tuple[str, list[str], str | None]] = []
    if "index.md" in pages:
        parts.append((HOME_TITLE, ["index.md"], None))
    if topics:
        parts.append(("Topics", topics, None))
    for path, title in (("figures.md", "Annex: Figures"), ("timeline.md", "Annex: Timeline")):
        if path in pages:
            parts.append((title, [path], None))
    if sources or "sources/index.md" in pages:
        intro = "sources/index.md" if "sources/index.md" in pages else None
        parts.append(("Annex: Sources", sources, intro))
    if "methodology.md" in pages:
        parts.append(("Annex: Methodology", ["methodology.md"], None))
    return parts


def _ordered(paths: Iterable[str], preferred: list[str]) -> list[str]:
    rank = {path: i for i, path in enumerate(preferred)}
    return sorted(paths, key=lambda p: (rank.get(p, len(rank)), p))


def build_document(
    pages: Mapping[str, str],
    dossier: Any = None,
    *,
    markdown_extensions: Iterable[Any] = DEFAULT_EXTENSIONS,
    extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
    docs_dir: Path | None = None,
    site_url: str | None = None,
) -> PrintDocument:
    """Convert the pages to HTML and tie them into one document, in briefing order."""
    md = _markdown(markdown_extensions, extension_configs or {})
    plan = briefing_order(pages, dossier)
    printed = {path for _, paths, intro in plan for path in [*paths, *([intro] if intro else [])]}
    slugs = {path: page_slug(path) for path in printed}
    unlinked: set[str] = set()
    parts: list[Part] = []
    for title, paths, intro_path in plan:
        grouped = len(paths) > 1 or intro_path is not None or title in ("Topics", "Annex: Sources")
        level = 2 if grouped else 1
        converted = tuple(
            _page(md, path, pages[path], slugs, level, docs_dir, site_url, unlinked)
            for path in paths
        )
        intro = None
        if intro_path is not None:
            intro = _page(md, intro_path, pages[intro_path], slugs, 1, docs_dir, site_url, unlinked)
        if grouped:
            slug = intro.slug if intro else page_slug(title.lower())
            part_title = title
            parts.append(Part(slug=slug, title=part_title, pages=converted, intro=intro))
        else:
            page = converted[0]
            parts.append(Part(slug=page.slug, title=title, pages=converted))
    skipped = tuple(sorted(set(pages) - printed))
    return PrintDocument(parts=tuple(parts), skipped=skipped, unlinked=tuple(sorted(unlinked)))


def _markdown(extensions: Iterable[Any], configs: Mapping[str, Mapping[str, Any]]) -> markdown.Markdown:
    names = [e for e in extensions if not (isinstance(e, str) and e in SCREEN_ONLY_EXTENSIONS)]
    cfg = {key: dict(value) for key, value in configs.items() if key not in SCREEN_ONLY_EXTENSIONS}
    # No permalink pilcrows on paper.
    if "toc" in names or "markdown.extensions.toc" in names:
        cfg.setdefault("toc", {})
        cfg["toc"] = {**cfg["toc"], "permalink": False}
    return markdown.Markdown(extensions=names, extension_configs=cfg, output_format="html")


def _page(
    md: markdown.Markdown,
    path: str,
    text: str,
    slugs: Mapping[str, str],
    level: int,
    docs_dir: Path | None,
    site_url: str | None,
    unlinked: set[str],
) -> PrintPage:
    md.reset()
    body = md.convert(text)
    match = _H1.search(body)
    title = html.unescape(_TAGS.sub("", match.group(1))).strip() if match else path
    if path == "index.md":
        # The cover carries the dossier's title; the home page is its summary.
        title = HOME_TITLE
        if match:
            body = body[: match.start(1)] + HOME_TITLE + body[match.end(1) :]
    slug = slugs[path]
    body = drop_screen_only_sections(body)
    body = rewrite(body, path, slug, slugs, docs_dir=docs_dir, site_url=site_url, unlinked=unlinked)
    if level > 1:
        body = demote_headings(body, level - 1)
    body = size_table_columns(body)
    return PrintPage(path=path, slug=slug, title=title, body=body, level=level)


def rewrite(
    body: str,
    path: str,
    slug: str,
    slugs: Mapping[str, str],
    *,
    docs_dir: Path | None = None,
    site_url: str | None = None,
    unlinked: set[str] | None = None,
) -> str:
    """Prefix the ids of one page's HTML with its slug and point its links into the document."""
    unlinked = unlinked if unlinked is not None else set()

    def one_tag(match: re.Match[str]) -> str:
        attrs = match.group(2)
        if not attrs:
            return match.group(0)
        attrs = _ID_ATTR.sub(lambda m: f'{m.group(1)}"{slug}--{m.group(2)}"', attrs)
        attrs = _HREF_ATTR.sub(lambda m: _href(m, path, slug, slugs, site_url, unlinked), attrs)
        if docs_dir is not None:
            attrs = _SRC_ATTR.sub(lambda m: _src(m, path, docs_dir), attrs)
        return f"<{match.group(1)}{attrs}{match.group(3)}>"

    return _TAG.sub(one_tag, body)


def _href(
    match: re.Match[str],
    path: str,
    slug: str,
    slugs: Mapping[str, str],
    site_url: str | None,
    unlinked: set[str],
) -> str:
    href = html.unescape(match.group(2))
    if not href or _EXTERNAL.match(href) or href.startswith("//"):
        return match.group(0)
    target, _, fragment = href.partition("#")
    if not target:
        return f'{match.group(1)}"#{slug}--{fragment}"' if fragment else f'{match.group(1)}"#{slug}"'
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
    if resolved.endswith("/") or not posixpath.splitext(resolved)[1]:
        resolved = posixpath.join(resolved, "index.md")
    if resolved in slugs:
        anchor = slugs[resolved] + (f"--{fragment}" if fragment else "")
        return f'{match.group(1)}"#{anchor}"'
    unlinked.add(resolved)
    if site_url:
        url = site_url.rstrip("/") + "/" + _site_path(resolved) + (f"#{fragment}" if fragment else "")
        return f'{match.group(1)}"{html.escape(url, quote=True)}"'
    return ""  # not in the briefing and no site to point at: plain text


def _site_path(resolved: str) -> str:
    if resolved.endswith("index.md"):
        return resolved[: -len("index.md")]
    if resolved.endswith(".md"):
        return resolved[:-3] + "/"
    return resolved


def _src(match: re.Match[str], path: str, docs_dir: Path) -> str:
    src = html.unescape(match.group(2))
    if not src or _EXTERNAL.match(src) or src.startswith("//"):
        return match.group(0)
    resolved = (docs_dir / posixpath.dirname(path) / src).resolve()
    return f'{match.group(1)}"{html.escape(resolved.as_uri(), quote=True)}"'


def demote_headings(body: str, by: int) -> str:
    """`<h1>` -> `<h2>` and so on, so a page inside a part nests under the part's heading."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", body)


def drop_screen_only_sections(body: str) -> str:
    """Leave out each section whose heading has the class `dossier-screen-only` (Downloads...).

    The section runs to the next heading of the same or a higher level. A screen-only element
    that is not a heading is hidden by the print stylesheet instead.
    """
    while True:
        start = _screen_only_heading(body)
        if start is None:
            return body
        level = int(start.group(1))
        end = len(body)
        for later in _HEADING_TAG.finditer(body, start.end()):
            if int(later.group(1)) <= level:
                end = later.start()
                break
        body = body[: start.start()] + body[end:]


def _screen_only_heading(body: str) -> re.Match[str] | None:
    for match in _HEADING_TAG.finditer(body):
        classes = re.search(r'\sclass="([^"]*)"', match.group(2) or "")
        if classes and SCREEN_ONLY in classes.group(1).split():
            return match
    return None


def shorten(text: str, width: int) -> str:
    """`text`, or its first words and an ellipsis when it is longer than `width` characters."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return cut + "…"


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)


def size_table_columns(body: str) -> str:
    """Give each table's columns widths from their content, for a fixed table layout.

    The print stylesheet lays tables out with `table-layout: fixed` at the full width, so no
    table can run off the page however long a word in it. Here each column first gets room
    for its longest word (capped, so an id or a URL cannot take the table), then what is left
    of the width goes to the columns whose cells would like more (long sentences), in
    proportion to how much more.
    """
    return _TABLE.sub(_sized_table, body)


#: The text width of a page (A4 less 2 x 18 mm) in characters of the table font (7.5 pt
#: DejaVu Sans: ~4.4 pt a character), less each cell's padding.
_PAGE_WIDTH_PT = (210 - 2 * 18) * 72 / 25.4
_CHAR_PT = 4.4
_PADDING_PT = 2 * 1.6 * 72 / 25.4
_WORD_CAP = 15  # characters: a longer word (an id, a URL) is broken rather than given room
_CELL_CAP = 70


def _sized_table(match: re.Match[str]) -> str:
    rows = [
        [" ".join(html.unescape(_TAGS.sub(" ", cell)).split()) for cell in _CELL.findall(row)]
        for row in _ROW.findall(match.group(1))
    ]
    columns = max((len(row) for row in rows), default=0)
    if columns < 2:
        return match.group(0)
    least, wish = [], []
    for index in range(columns):
        cells = [row[index] for row in rows if index < len(row)] or [""]
        word = max((len(w) for cell in cells for w in cell.split()), default=1)
        least.append(min(word, _WORD_CAP) * 1.15 + 1.5)  # bold headers and values are wider
        wish.append(min(max(len(cell) for cell in cells), _CELL_CAP) + 1.5)
    room = (_PAGE_WIDTH_PT - columns * _PADDING_PT) / _CHAR_PT
    spare = room - sum(least)
    widths = list(least)
    if spare > 0:
        wants = [max(0.0, w - m) for w, m in zip(wish, least)]
        total_want = sum(wants)
        if total_want > 0:
            share = min(1.0, spare / total_want)
            widths = [m + want * share for m, want in zip(least, wants)]
    total = sum(widths)
    cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in widths)
    return f'<table class="sized"><colgroup>{cols}</colgroup>{match.group(1)}</table>'
