"""Build each page's template context and render it; every cross-link is resolved here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple
from dataclasses import dataclass, field
import dataclasses
import functools
import hashlib
import operator
import zlib
from pathlib import Path
import posixpath
import re
from functools import partial

import jinja2
import msgspec
from markupsafe import Markup

from dossier.assemble.briefing import figures_written, headline_groups, is_context, is_disputed
from dossier.cache import PageFiles, code_version, cycles_freed, digest
from dossier.curation.lexicon import PhraseIndex
from dossier.curation.model import Curation
from dossier.export.dossier import dossier_json
from dossier.export.figures import figures_downloads
from dossier.export.kept import FIGURES_CSV, FIGURES_JSON, KeptChunks
from dossier.model import Article, Dossier, Event, Figure, FigureGroup, Mention, SourceRef, Topic, source_order
from dossier.processes import default_workers, in_halves
from dossier.render import markdown as md
from dossier.render import tables
from dossier.render.tables import AGREEMENT_LABELS
from dossier.reuse import KEYS, REUSE, Memo
from dossier.write import Content, Pages, Spool, Spooled
from dossier.render.paths import (
    DOWNLOADS, ENTITIES, TOPIC_LIMIT, PAGER_WINDOW, DISPUTES_PER_TOPIC, DISPUTES_IN_BRIEFING, HEADLINE_ROWS, NAMES_PER_GROUP, SUMMARY_NAMES, REVIEW_LIMIT, ENTITIES_PER_PAGE, MENTIONS_PER_ENTITY, FIGURES, FIGURES_PER_PAGE, HOME, METHODOLOGY, PAGE_PATHS, PDF, SOURCES,
    GROUPS_PER_PAGE, SOURCES_PER_PAGE, TIMELINE, TIMELINE_PER_PAGE, figures_page, groups_page,
    entities_page, in_search, is_entities_page, source_page, sources_page, timeline_page, topic_page,
)

__all__ = ["PAGE_PATHS", "PDF", "render_pages", "render_print_pages", "nav_for", "topic_page", "source_page"]

CHANGES_LIMIT = 8  # items per list in "Since the last briefing" (`dossier diff` lists them all)

EntityNames = tuple[PhraseIndex, dict[str, str]]


def entity_names(entities: Iterable) -> EntityNames:
    """An index of every entity name and alias (case-sensitive, on word boundaries, the
    longest at each position), and the entity id of each name (by its case-folded spelling)."""
    ids: dict[str, str] = {}
    spelled: set[str] = set()
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            if len(name) > 2 and ids.setdefault(name.casefold(), entity.id) == entity.id:
                spelled.add(name)
    names = sorted(spelled, key=lambda n: (-len(n), n))
    return PhraseIndex(names, hyphen_bound=True, ignore_case=False), ids


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier process, kept in the cache folder (Jinja checks each
    against its template's source and its own version): a new process renders without
    compiling them again (0.6 s). A folder that cannot be written only costs the next
    process that time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file: compile the template again, never fail
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=4)
def _environment(compiled: Path | None = None) -> jinja2.Environment:
    """One environment per process and cache folder (templates compiled once; `compiled`:
    the folder where they are kept for the next process); what differs per build goes in
    each page's context, never in the environment's globals."""
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
        except OSError:
            compiled = None
    env = jinja2.Environment(
        bytecode_cache=_CompiledTemplates(str(compiled)) if compiled is not None else None,
        loader=jinja2.PackageLoader("dossier.render", "templates"),
        undefined=jinja2.StrictUndefined,
        # Escape by default, in one place: every `{{ }}` value that code did not mark safe
        # (article text, front matter, file names, curation strings) is escaped as Markdown
        # text by `finalize`; helpers that build Markdown (links, cites) return safe values.
        autoescape=True,
        finalize=md.finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(esc=md.escape, cell=md.cell, attr=md.attribute, num=md.number,
                       balance_quotes=md.balance_quotes, path=md.shown_path, code=md.code, heading=md.heading,
                       url=md.url)
    env.globals.update(tables=tables, join_names=join_names, figures_written=figures_written)  # functions of their arguments only
    env.tests["gt_one"] = lambda items: len(items) > 1
    return env


@dataclass(frozen=True)
class Links:
    """Link helpers bound to the page being rendered (every link is relative to it)."""

    dossier: Dossier
    page: str
    entity_names: EntityNames
    linked: set[str] = field(default_factory=set)  # entities already linked on this page
    figure_pages: dict[str, str] = field(default_factory=dict)  # figure or group id -> its page
    memo: dict = field(default_factory=dict)  # shared by every page of one build
    names_only: AbstractSet[int] | None = None  # the names (indexes in `entity_names`) linked; None: all
    seen: list[set[str]] = field(default_factory=list)  # while an item is rendered (`shown_item`): the entities named

    def text(self, text: str) -> Markup:
        """Article text escaped, with the first mention on this page of each entity linked
        to the entity index."""
        text = " ".join(text.split())
        out, position = [], 0
        index, ids = self.entity_names
        if is_entities_page(self.page):
            return md.guard_line_start(md.escape(text, inline=True).strip())
        for start, end, _ in index.scan(text, self.names_only):
            name = text[start:end]
            entity_id = ids[name.casefold()]
            if self.seen:
                self.seen[-1].add(entity_id)
            if entity_id in self.linked:
                continue
            self.linked.add(entity_id)
            out.append(md.escape(text[position:start], inline=True))
            page = self.figure_pages.get("e-" + entity_id, ENTITIES)
            out.append(f"[{md.escape(name)}]({self._target(page, 'e-' + entity_id)})")
            position = end
        out.append(md.escape(text[position:], inline=True))
        return Markup(md.guard_line_start("".join(out).strip()))

    def to(self, page: str, anchor: str | None = None) -> Markup:
        """A relative link to `page` (paths and anchors are built from safe ids)."""
        return Markup(self._target(page, anchor))

    def _target(self, page: str, anchor: str | None = None) -> str:
        if page == self.page:
            return md.link(page, page, anchor)
        target = md.relative(page, self.directory)
        return f"{target}#{anchor}" if anchor else target

    @functools.cached_property
    def directory(self) -> str:
        """The folder of this page (relative to docs/; empty at the top)."""
        return posixpath.dirname(self.page)

    def article(self, article_id: str) -> Article:
        return self.dossier.article(article_id)

    def outlet(self, article_id: str) -> str:
        """The outlet's name, or a short form of the article id when no outlet is known (made
        once per article for every page of the build)."""
        key = ("outlet of", article_id)
        found = self.memo.get(key)
        if found is None:
            article = self.article(article_id)
            found = self.memo[key] = article.outlet or (article.id if len(article.id) <= 16 else article.id[:12] + "…")
        return found

    def paragraph(self, ref: SourceRef) -> str:
        """`../sources/ID.md#p-abc123` for a source paragraph."""
        return Markup(self._paragraph_at(ref.article, ref.paragraph))

    def _paragraph_at(self, article_id: str, number: int) -> str:
        key = ("anchor", article_id, number)
        anchor = self.memo.get(key)
        if anchor is None:
            anchor = self.memo[key] = self.article(article_id).paragraph(number).anchor
        return self._target(source_page(article_id), anchor)

    def cite(self, ref: SourceRef) -> Markup:
        """A Markdown link naming the outlet and paragraph: `[HNGN ¶3](...)`."""
        return self._cite((ref.article, ref.paragraph))

    def _cite(self, at: tuple[str, int], told: str = "") -> Markup:
        """`cite` of a paragraph given as (article id, paragraph number); `told`: what tells it
        from a link of the same outlet and paragraph beside it (see `cite_list`)."""
        article_id, number = at
        key = ("outlet", article_id)
        outlet = self.memo.get(key)
        if outlet is None:
            outlet = self.memo[key] = md.escape(self.outlet(article_id))
        told = f" ({md.escape(told)})" if told else ""
        return Markup(f"[{outlet} ¶{number}{told}]({self._paragraph_at(article_id, number)})")

    def cite_list(self, refs: Sequence[tuple[str, int]], most: int | None = None, *,
                  outlets_first: bool = False) -> Markup:
        """Links to the paragraphs `refs`, each (article id, paragraph number), at most `most`
        of them (the caller counts the rest), joined by commas. `outlets_first`: one paragraph
        of each outlet before a second of any (so "4 independent reports" cites four outlets,
        not one outlet's four articles). Links that would read alike, one outlet's paragraph of
        the same number in two of its articles, are told apart by the article's date, else by
        its id: "Metro Herald ¶5 (2025-03-14), Metro Herald ¶5 (2025-03-15)", never the same
        words twice for two places. (Plain pairs, not `SourceRef`s: a statement relayed by
        thousands of articles is cited on its topics' pages, the home page and the PDF, and a
        record made for each of its paragraphs only to be counted cost a fifth of rendering
        those pages at 10,000 articles.)"""
        most = len(refs) if most is None else most
        if outlets_first:
            firsts: list[tuple[str, int]] = []
            seconds: list[tuple[str, int]] = []
            seen: set[str] = set()
            for ref in refs:  # (enough outlets found: the rest is not read)
                outlet = self.outlet(ref[0])
                if outlet not in seen:
                    seen.add(outlet)
                    firsts.append(ref)
                    if len(firsts) == most:
                        break
                elif len(seconds) < most:
                    seconds.append(ref)
            shown = (firsts + seconds)[:most]
        else:
            shown = list(refs[:most])
        labels = [(self.outlet(article_id), number) for article_id, number in shown]
        if len(set(labels)) == len(labels):
            return Markup(", ").join(map(self._cite, shown))
        alike = {label for label, n in Counter(labels).items() if n > 1}
        dated = [(label, _date_of(self.article(r[0]))) if label in alike else None
                 for label, r in zip(labels, shown)]
        counts = Counter(d for d in dated if d is not None)
        told = ["" if d is None else (d[1] if d[1] and counts[d] == 1 else r[0]) for d, r in zip(dated, shown)]
        return Markup(", ").join(self._cite(r, t) for r, t in zip(shown, told))

    def cites(self, refs: Iterable[SourceRef | tuple[str, int]], most: int) -> Markup:
        """A statement's or a clause's paragraphs (`cite_list`, one of each outlet first):
        `most` links, then "and N more" (paragraphs: two sentences of one are one link).
        `refs`: source references, or paragraphs as (article id, number) (`sources_of`)."""
        paragraphs = list(dict.fromkeys(r if isinstance(r, tuple) else (r.article, r.paragraph) for r in refs))
        shown = self.cite_list(paragraphs, most, outlets_first=True)
        return shown + Markup(f" and {len(paragraphs) - most:,} more") if len(paragraphs) > most else shown

    def cite_all(self, mentions: Iterable[Mention], limit: int | None = NAMES_PER_GROUP) -> Markup:
        """Links to the paragraphs of `mentions`, each once (`cite_list`); past `limit`, a count
        of the rest (a statement relayed by a thousand articles is not a thousand links)."""
        refs = sorted({(m.source.article, m.source.paragraph) for m in mentions})
        shown = self.cite_list(refs, limit)
        if limit is None or len(refs) <= limit:
            return shown
        rest = refs[limit:]
        return shown + Markup(f" and {len(rest):,} more paragraphs in {len({a for a, _ in rest}):,} sources")

    def figure(self, figure: Figure) -> str:
        """The figure's row in the paged table of every figure."""
        return self.to(self.figure_pages.get(figure.id, figures_page(1)), f"f-{figure.id}")

    def group(self, group: FigureGroup) -> str:
        """The group on its page of the figures page."""
        return self.to(self.figure_pages.get(group.id, FIGURES), group.id)

    def topic(self, topic_id: str) -> str:
        return self.to(topic_page(topic_id))

    def source(self, article_id: str) -> str:
        return self.to(source_page(article_id))


class _Shown:
    """What `shown_item` keeps of one item on one page: the entities whose names its text gives,
    and what it reads as for each set of those already linked above it on the page."""

    __slots__ = ("seen", "variants")

    def __init__(self) -> None:
        self.seen: frozenset[str] | None = None
        # entities of `seen` linked before it -> (its Markdown, the entities it links, their pages)
        self.variants: dict[frozenset[str], tuple[Markup, frozenset[str], tuple[str, ...]]] = {}


def shown_item(links: Links, item: object, macro: Callable[[object], Markup], *, also: tuple = ()) -> Markup:
    """`macro(item)`: a statement, quotation or event as a page lists it. Under `mkdocs serve`,
    what it gave in the last build for the very item (`dossier.reuse`: a record of unchanged
    articles, made again only when what it holds changed) on the same page, under the same
    `also` (the index of entity names, and what else the macro reads that the item does not
    hold), when the entities it names are linked above it as they were then (a name is linked
    at its first mention on a page) and their entries are on the same pages. At 1,000
    articles the five topic pages took 0.12 s a save to render, most of it their lists."""
    if not REUSE.enabled:
        return macro(item)
    entry = REUSE.get("item shown", (item,), _Shown, also=(links.page, *also))
    if entry.seen is not None:
        found = entry.variants.get(frozenset(links.linked.intersection(entry.seen)))
        if found is not None and found[2] == _entity_pages(links, entry.seen):
            links.linked.update(found[1])
            return found[0]
    before = frozenset(links.linked)
    links.seen.append(set())
    try:
        text = macro(item)
    finally:
        seen = frozenset(links.seen.pop())
    entry.seen = seen
    entry.variants[before & seen] = (text, frozenset(links.linked - before), _entity_pages(links, seen))
    return text


def _entity_pages(links: Links, entities: AbstractSet[str]) -> tuple[str, ...]:
    return tuple(links.figure_pages.get("e-" + entity, ENTITIES) for entity in sorted(entities))


@dataclass(frozen=True)
class Pager:
    """Where a page of a paged list stands: its number, and a link to every page with a label
    (the range of entries it holds)."""

    number: int
    pages: tuple[tuple[str, str], ...]  # (label, link) per page
    entries: tuple[str, ...] = ()  # `[label](link)` per page, label escaped (shared by a folder's pages)

    @property
    def total(self) -> int:
        return len(self.pages)

    def line(self) -> Markup:
        """`*Page 2 of 3:* [a – b](...) · **c – d** · [e – f](...)`: pages by their labels, this
        one in bold; past a few pages, the first, the last and PAGER_WINDOW on each side of
        this one, gaps shown as "…" (a long record has hundreds of pages)."""
        entries = list(self.entries or (f"[{md.escape(label)}]({href})" for label, href in self.pages))
        entries[self.number - 1] = f"**{md.escape(self.pages[self.number - 1][0])}**"
        shown: list[str] = []
        previous = 0
        for number in sorted({1, self.total, *range(max(1, self.number - PAGER_WINDOW),
                                                    min(self.total, self.number + PAGER_WINDOW) + 1)}):
            if previous and number > previous + 1:
                shown.append("…")
            shown.append(entries[number - 1])
            previous = number
        return Markup(f"*Page {md.finalize(self.number)} of {md.finalize(self.total)}:* {' · '.join(shown)}")


def _finished(rendered: str, path: str) -> str:
    """A rendered page as it is kept: one newline at its end, and front matter that leaves it
    out of the site's search when `in_search` says so (Material's `search.exclude`)."""
    text = str(rendered).rstrip() + "\n"
    return text if in_search(path) else _NOT_SEARCHED + text


_NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


def stable_parts(items: tuple, size: int) -> list[tuple]:
    """One page when `size` items or fewer. Else the first `size` items (the most important:
    the list's own order), then every item, those included, spread over a power of two of
    pages (about `size` each) by a hash of its id, in order within each: its home, where the
    links to it lead. An item keeps its home when others are added or reordered, so the pages
    that link to it do not change with every new report (`mkdocs serve --dirty` then rebuilds
    few pages); all move only when the number of pages doubles. (Homes for the rest only made
    one new item among the first push the last of them to another page, and every page that
    links to it with it: 62 of 124 pages for one sentence at 100 articles.) A page left empty
    is not made."""
    if len(items) <= size:
        return [items]
    return [items[:size], *hashed_parts(items, size, lambda item: item.id)]


def hashed_parts(items: tuple, size: int, key: Callable[[object], str]) -> list[tuple]:
    """`items` spread over a power of two of pages (about `size` each, at most `size` on
    average) by a hash of `key(item)`, in order within each page; items with the same key on
    the same page; empty pages left out."""
    if not items:
        return [()]
    buckets = 1 << (-(-len(items) // size) - 1).bit_length()
    parts: list[list] = [[] for _ in range(buckets)]
    for item in items:
        parts[zlib.crc32(key(item).encode("utf-8")) % buckets].append(item)
    return [tuple(part) for part in parts if part]


def content_parts(items: tuple, most: int, key: Callable[[object], str]) -> list[tuple]:
    """`items` in consecutive pages of at most `most`, in their order, cut after each item
    whose `key` hashes to 0 modulo `most` // 2 (so about half of `most` a page, at most
    `most`). Where the cuts fall depends on the items, not on their positions (content-defined,
    as rsync cuts a file): an item added or removed changes the page it is on, not every page
    after it, so a new report does not rewrite the whole timeline (nor make `mkdocs serve
    --dirty` rebuild it). One empty page when there is none."""
    parts: list[tuple] = []
    page: list = []
    every = max(1, most // 2)
    for item in items:
        page.append(item)
        if len(page) >= most or zlib.crc32(key(item).encode("utf-8")) % every == 0:
            parts.append(tuple(page))
            page = []
    if page or not parts:
        parts.append(tuple(page))
    return parts


@dataclass(frozen=True)
class _Renderer:
    env: jinja2.Environment
    dossier: Dossier
    curation: Curation | None
    names: EntityNames
    figure_pages: dict[str, str]
    memo: dict
    views: dict  # what every page of this build shares (never the environment's globals: it is shared by builds)
    made: Callable[[], None] = lambda: None  # called after each page rendered (`cycles_freed`)
    pending: list[_Job] | None = None  # kept pages to render in a batch (`_render_pending`); None: at once
    done: dict[str, Content] = field(default_factory=dict)  # those rendered, by path, for `_render_site` to place

    def __call__(self, template: str | jinja2.Template, path: str, **extra: object) -> str:
        links = Links(self.dossier, path, self.names, figure_pages=self.figure_pages, memo=self.memo)
        context = {
            **self.views,
            "d": self.dossier,
            "curation": self.curation,
            "page": path,
            "links": links,
            **self._index_links(links),
            "figure_pages": _Lazy(lambda: [(label, links.to(page)) for label, page in self._figure_page_list()]),
            "figures_per_page": FIGURES_PER_PAGE,
            "agreement_labels": AGREEMENT_LABELS,
            "kept_item": partial(self.kept_item, links),
            **extra,
        }
        tpl = self.env.get_template(template) if isinstance(template, str) else template
        text = _finished(tpl.render(context), path)
        self.made()
        return text

    def kept_item(self, links: Links, kind: str, item, macro: Callable[[object], Markup]) -> Markup:
        """`macro(item)` for a page's list of statements, quotations or events, kept for the next
        build (`shown_item`) under what the macro reads that the item does not hold: the index
        of entity names, a statement's speaker's aliases (whether its words name the speaker)
        and the speaker the sentences of an event give (by the statements they are in)."""
        if not REUSE.enabled:
            return macro(item)
        if kind == "statement":
            also = self.views["speaker_aliases"].get(item.speaker, ()) if item.speaker else ()
        elif kind == "event":
            also = self.views["speaker_of_mentions"](item.mentions)
        else:
            also = None
        return shown_item(links, item, macro, also=(kind, self._names_key(), also))

    def _names_key(self) -> bytes:
        """The index of entity names (each name and its entity), hashed once a build."""
        if "names key" not in self.memo:
            index, ids = self.names
            self.memo["names key"] = hashlib.sha256("\x1f".join(f"{name}\x1e{ids[name.casefold()]}"
                                                                  for name in index.phrases).encode("utf-8")).digest()
        return self.memo["names key"]

    def page(self, template: str | jinja2.Template, path: str, **extra: object) -> bytes:
        """A page of the site, as it is held and written (UTF-8)."""
        return self(template, path, **extra).encode("utf-8")

    def _index_links(self, links: Links) -> dict[str, object]:
        """Links to the downloads, the PDF and the index pages: the same for every page of a
        folder (but the page itself, linked by its path), so made once per folder."""
        memo_key = ("index links", links.directory, links.page if links.page in _INDEX_TARGETS else None)
        if memo_key not in self.memo:
            self.memo[memo_key] = {
                "downloads": {key: links.to(value) for key, value in DOWNLOADS.items()},
                "pdf": links.to(PDF),
                "pages": {
                    "home": links.to(HOME), "figures": links.to(FIGURES), "timeline": links.to(TIMELINE),
                    "entities": links.to(ENTITIES), "sources": links.to(SOURCES),
                    "methodology": links.to(METHODOLOGY),
                },
            }
        return self.memo[memo_key]

    def _figure_page_list(self) -> list[tuple[str, str]]:
        if _FIGURE_PAGE_LIST not in self.memo:  # (`_render_site` gives it from the parts it made)
            self.memo[_FIGURE_PAGE_LIST] = _figure_page_list(_figure_parts(self.dossier))
        return self.memo[_FIGURE_PAGE_LIST]

    def citations(self, refs: Iterable[tuple[str, int]]) -> str:
        """What citing these paragraphs, (article id, paragraph number) in the page's order,
        shows (`Links.cite`: the outlet, else the id, and the paragraph's anchor), as part of
        the key of a page kept in the pages cache: a page that cites paragraph 3 of an article
        is not stale when another paragraph of it changes."""
        of_article = self.memo.setdefault("citations", {})  # article id -> `_CITATIONS` of the article
        shown = []
        for article_id, number in refs:
            texts = of_article.get(article_id)
            if texts is None:
                texts = of_article[article_id] = _CITATIONS(self.dossier.article(article_id))
            text = texts.get(number)
            if text is None:
                article = self.dossier.article(article_id)
                text = texts[number] = (f"{article_id}\x1e{article.outlet}\x1e{_date_of(article)}\x1e"
                                        f"{number}:{article.paragraph(number).anchor}")
            shown.append(text)
        return "\x1d".join(shown)

    def cited(self, records: tuple, refs: Callable[[], Iterable[tuple[str, int]]]) -> bytes:
        """What citing the paragraphs `refs()` of these records shows (`citations`), hashed: as
        part of a page's key. Under `mkdocs serve` the very records of the last build (its
        figures, a group of the same figures, the events of the same mentions: `dossier.reuse`)
        cite paragraphs of the same articles, unchanged, so what citing them shows is what it
        was: at 10,000 articles a save listed 450,000 citations again for the keys of pages
        nearly all kept (0.4 s)."""
        return REUSE.get("citations", records, lambda: hashlib.sha256(self.citations(refs()).encode("utf-8")).digest())

    def local_names(self, article_ids: Iterable[str]) -> tuple[frozenset[int], bytes]:
        """The entity names a page showing these articles' text links (`Links.text`): those of
        the entities the index lists as mentioned in them, so a name links to an entry that
        cites the article it is read in. Returned as the names' indexes in `entity_names` and
        what the links show, as part of the page's key: each name, its entity and that
        entity's page. A name new to the dossier elsewhere leaves the key of this page alone
        (with every name in every key, one new name made every kept page stale)."""
        if "entities of" not in self.memo:
            index, ids = self.names
            names_of: dict[str, list[int]] = {}
            for number, name in enumerate(index.phrases):
                names_of.setdefault(ids[name.casefold()], []).append(number)
            of: dict[str, dict[str, None]] = {}
            for entity in self.dossier.entities:
                if entity.id in names_of:
                    for mention in entity.mentions:
                        of.setdefault(mention.source.article, {})[entity.id] = None
            self.memo["entities of"] = of, names_of
        of, names_of = self.memo["entities of"]
        entities = sorted({e for a in set(article_ids) for e in of.get(a, ())})
        only = frozenset(n for e in entities for n in names_of[e])
        shown = self.memo.setdefault("entity shown", {})  # by entity: its names and page, encoded once a build
        parts = []
        for e in entities:
            found = shown.get(e)
            if found is None:
                found = shown[e] = _shown((e, [self.names[0].phrases[n] for n in names_of[e]],
                                           self.figure_pages.get("e-" + e, ENTITIES)))
            parts.append(found)
        return only, b"".join(parts)

    def shown_pager(self, pager: Pager) -> bytes:
        """A pager as part of a page's key: its number, and every page it lists hashed once
        for all the pages of a folder, which share that list (`paged`). Encoded whole for each
        page, the 1,024 pages of the table of every figure at 10,000 articles encoded a
        million links a build (0.13 s), and twice as many pages four times as many."""
        memo = self.memo.setdefault("pagers", {})
        key = (id(pager.pages), id(pager.entries))
        found = memo.get(key)
        if found is None or found[0] is not pager.pages or found[1] is not pager.entries:
            listed = hashlib.sha256(_shown((pager.pages, pager.entries))).digest()
            found = memo[key] = (pager.pages, pager.entries, listed)  # (holds the lists: their ids stay theirs)
        return pager.number.to_bytes(8, "little") + found[2]

    def shown_figures(self, article_id: str) -> bytes:
        """An article's figures as part of a page's key (`_shown`), made once per build for the
        keys of both its source page and the page of the table of every figure that holds them."""
        key = ("shown figures", article_id)
        if key not in self.memo:
            self.memo[key] = _shown_records(tuple(self.views["figures_of"](article_id)))
        return self.memo[key]

    def paged(self, template: str, parts: list[tuple], page_path, label,
              page: Callable[[str, str, tuple, Pager], Content] | None = None, **extra: object) -> dict[str, Content]:
        """One page per part (`content_parts`, `hashed_parts`, `stable_parts`), each with a
        pager, as UTF-8; `page(template, path, items, pager)` renders one (default: with every
        view of the build and `extra`)."""
        paths = [page_path(number) for number in range(1, len(parts) + 1)]
        labels = [label(number, part) for number, part in enumerate(parts, 1)]
        shown = [md.escape(text) for text in labels]
        by_folder: dict[str, tuple] = {}  # the pager's links are the same from every page of a folder
        out = {}
        for number, (path, part) in enumerate(zip(paths, parts), 1):
            links = Links(self.dossier, path, self.names, figure_pages=self.figure_pages, memo=self.memo)
            if links.directory not in by_folder:
                # relative to the folder: the page itself is shown in bold, never linked
                hrefs = [Markup(md.relative(target, links.directory)) for target in paths]
                by_folder[links.directory] = (tuple(zip(labels, hrefs)),
                                              tuple(f"[{text}]({href})" for text, href in zip(shown, hrefs)))
            pager = Pager(number, *by_folder[links.directory])
            if page is not None:
                out[path] = page(template, path, part, pager)
            else:
                out[path] = self.page(template, path, items=part, pager=pager, **extra)
        return out


_CITATIONS: Memo[dict[int, str]] = Memo(lambda article: {})
"""What citing each paragraph of an article shows (`_Renderer.citations`), by paragraph number,
filled as the pages' keys ask. It is the article's alone (its id, outlet, date and paragraph
anchors), so under `mkdocs serve` an unchanged article, the very object of the last save
(`dossier.reuse`), keeps what its paragraphs were found to show: at 1,000 articles the keys of
the 17 pages of figure groups list 17,000 citations, which took 25 ms to write out and 2 ms to
look up."""

_INDEX_TARGETS = frozenset({*DOWNLOADS.values(), PDF, HOME, FIGURES, TIMELINE, ENTITIES, SOURCES, METHODOLOGY})


class _Lazy(Sequence):
    """A list made when a template first reads it (most pages never read it)."""

    def __init__(self, make: Callable[[], list]) -> None:
        self._make = make
        self._items: list | None = None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())


def _figure_parts(dossier: Dossier) -> list[tuple]:
    """The pages of the table of every figure: each source's figures together, sources spread
    over the pages by a hash of their id (a new figure changes one page, not every page after
    it)."""
    return hashed_parts(tuple(dossier.figures), FIGURES_PER_PAGE, lambda f: f.source.article)


def _figure_page_list(parts: list[tuple]) -> list[tuple[str, str]]:
    """(label, path) of each page of the table of every figure (`parts`: `_figure_parts`):
    labelled by number (a label made of what the page holds would change, and with it every
    pager that shows it)."""
    return [(str(n), figures_page(n)) for n, part in enumerate(parts, 1) if part]


_FIGURE_PAGE_LIST = "figure page list"
"""The build memo's key of `_figure_page_list` (spread once a build: by a hash of every figure's source)."""


def render_pages(
    dossier: Dossier, curation: Curation | None = None, *, pdf: bool = True, changes: object = None,
    dossier_json_document: bytes | Spooled | None = None, cache: PageFiles | None = None,
    spool: Spool | None = None,
) -> Pages:
    """Every generated file: Markdown pages and the data downloads, by path under docs/ (the
    pages held as UTF-8, each encoded as it is rendered): `site_downloads` and `render_site`.

    `pdf`: the site carries the briefing PDF, so the home page links to it. The full record
    (sources index, timeline, table of every figure) is paged: see `dossier.render.paths`.
    `changes`: what changed since the last briefing (`dossier.changes.Changes`, or None when
    there is no previous snapshot), shown by `_partials/changes.md.j2`.
    `dossier_json_document`: `dossier_json(dossier)` as UTF-8, when the caller has it already (the build
    compares it with the last snapshot first).
    `cache`: where the pages of sources and of the record are kept between builds (see
    `_kept_page`); those pages are then its files, not bytes (`dossier.cache.PageFiles`).
    `spool`: where the figures downloads are written as soon as they are made (see
    `dossier.write.Spool`; None: they are bytes in memory).
    """
    downloads = site_downloads(dossier, dossier_json_document, spool)
    return site_pages(downloads, render_site(dossier, curation, pdf=pdf, changes=changes, cache=cache))


def site_pages(downloads: dict[str, Content], markdown: dict[str, Content]) -> Pages:
    """Every generated file, in path order: the downloads (`site_downloads`) and the Markdown
    pages (`render_site`)."""
    return Pages(dict(sorted({**downloads, **markdown}.items())))


def site_downloads(dossier: Dossier, dossier_json_document: bytes | Spooled | None = None,
                   spool: Spool | None = None, kept_in: Path | None = None) -> dict[str, Content]:
    """The data downloads: the dossier JSON (`dossier_json_document` when the caller made it
    already) and the figures as JSON and CSV, spooled a piece at a time (never whole in
    memory) when there is a `spool`. `kept_in` (with a `spool`): the folder where the figures
    downloads are kept for the next build, which copies the chunks of rows that did not change
    from them (`dossier.export.kept`; None: every row is made)."""
    pages: dict[str, Content] = {}
    kept = (KeptChunks(kept_in, *FIGURES_JSON), KeptChunks(kept_in, *FIGURES_CSV)) \
        if kept_in is not None and spool is not None else None
    try:
        with cycles_freed():
            downloads = figures_downloads(dossier.figures, dossier.groups, kept)  # (JSON, CSV): each chunk's rows made once for both
            for path, pieces, store in zip((DOWNLOADS["figures_json"], DOWNLOADS["figures_csv"]), downloads,
                                           kept or (None, None)):
                pages[path] = spool.write(path, pieces) if spool is not None else b"".join(pieces)
                if store is not None:
                    store.keep(pages[path])
            del downloads, pieces
    finally:
        for one in kept or ():
            one.close()
    document = dossier_json_document if dossier_json_document is not None else dossier_json(dossier).encode("utf-8")
    pages[DOWNLOADS["dossier_json"]] = document
    return pages


def render_site(dossier: Dossier, curation: Curation | None = None, *, pdf: bool = True,
                changes: object = None, cache: PageFiles | None = None) -> dict[str, Content]:
    """The Markdown pages, by path, as UTF-8 or, kept in `cache`, as its files (see
    `render_pages`). `changes` may also be a
    function that gives them: it is called last, for the home page, the one page that shows
    them (so a build may still be comparing while the other pages are rendered)."""
    with cycles_freed() as made:  # what Jinja leaves of each page, freed as the pages are made
        return _render_site(dossier, curation, pdf, changes, cache, made)


def _render_site(dossier: Dossier, curation: Curation | None, pdf: bool, changes: object,
                 cache: PageFiles | None, made: Callable[[], None]) -> dict[str, Content]:
    pages: dict[str, Content] = {}
    env = _environment(cache.folder / "templates" if cache is not None and cache.folder is not None else None)
    views = {"has_pdf": pdf, **_views(dossier), "changes": None, "changes_limit": CHANGES_LIMIT}
    figure_parts = _figure_parts(dossier)
    figure_pages = {f.id: figures_page(n) for n, part in enumerate(figure_parts, 1) for f in part}
    entities = tuple(sorted(dossier.entities, key=lambda e: e.kind))  # as the page groups them
    # cut by content: a new entity changes the page it joins, not the page of every entity
    # after it (and with it the links to them on every kept page)
    entity_parts = content_parts(entities, ENTITIES_PER_PAGE, lambda e: e.id)
    for n, part in enumerate(entity_parts, 1):
        figure_pages.update({"e-" + e.id: entities_page(n) for e in part})
    group_parts = stable_parts(tuple(dossier.groups), GROUPS_PER_PAGE)
    # each group's home: the page of the record it is hashed to (a later page wins over the first)
    figure_pages.update({g.id: groups_page(n) for n, part in enumerate(group_parts, 1) for g in part})
    render = _Renderer(env, dossier, curation, entity_names(dossier.entities), figure_pages, {}, views, made, [])
    render.memo[_FIGURE_PAGE_LIST] = _figure_page_list(figure_parts)
    pages[METHODOLOGY] = render.page("methodology.md.j2", METHODOLOGY)
    pages.update(render.paged("figures.md.j2", group_parts, groups_page,
                              lambda n, part: f"first {len(part)}" if n == 1 else str(n),
                              page=partial(_groups_page, render, views, cache)))
    pages.update(render.paged("entities.md.j2", entity_parts, entities_page,
                              lambda n, part: f"from {part[0].name}" if part else "—",
                              mentions_per_entity=MENTIONS_PER_ENTITY))
    # cut by content: a new article changes the page it joins, not every page after it; each
    # page labelled by its first source, so one added after the last changes no pager
    pages.update(render.paged("sources.md.j2", content_parts(tuple(dossier.articles), SOURCES_PER_PAGE, lambda a: a.id),
                              sources_page, lambda n, part: f"from {part[0].id}" if part else "—",
                              page=partial(_sources_index_page, render, views, cache)))
    timeline_parts = content_parts(tuple(dossier.events), TIMELINE_PER_PAGE, lambda e: e.id)
    pages.update(render.paged("timeline.md.j2", timeline_parts, timeline_page,
                              lambda n, part: _timeline_label(timeline_parts, n),
                              page=partial(_timeline_page, render, views, cache)))
    if dossier.figures:
        pages.update(render.paged("figures-all.md.j2", figure_parts, figures_page,
                                  lambda n, part: str(n), page=partial(_figures_page, render, views, cache)))
    for topic in dossier.topics:
        path = topic_page(topic.id)
        template = env.select_template([f"topic-{topic.id}.md.j2", "topic.md.j2"])
        pages[path] = render.page(template, path, topic=topic)
    pages.update(_source_pages(render, views, cache))
    _place_rendered(render, cache, pages)
    # the one page that shows the changes, last
    pages[HOME] = render.page("home.md.j2", HOME, changes=changes() if callable(changes) else changes)
    return pages


def _text_of(value: object) -> str:
    if isinstance(value, str):  # Markup, in a pager's links
        return str(value)
    raise TypeError(f"a page's key cannot hold a {type(value).__name__}")


_KEY_ENCODER = msgspec.msgpack.Encoder(enc_hook=_text_of)


def _shown(value: object) -> bytes:
    """Records as part of a page's key in the pages cache: every field of every record in
    them (dataclasses, tuples, strings, numbers), encoded in order; four times faster than
    their repr, which also leaves out fields marked `repr=False`."""
    return _KEY_ENCODER.encode(value)


def _shown_records(records: tuple[Figure | FigureGroup, ...]) -> bytes:
    """Figures or figure groups as part of a page's key: a SHA-256 of every field of every
    record, made of each figure's content key (`dossier.reuse.KEYS`: the analysis made those of
    the figures of unchanged articles, and the figure groups were grouped by them), or what it
    gave for these very objects in the last build of this process (`dossier.reuse`: under
    `mkdocs serve` the figures and groups of unchanged articles are the objects the last save
    used). Encoding every figure again for the pages' keys cost as much as rendering the pages
    the keys spare."""
    return REUSE.get("shown records", records,
                     lambda: hashlib.sha256(b"".join(map(_record_key, records))).digest())


_GROUP_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(FigureGroup) if f.name not in ("figures", "latest")))


def _record_key(record: Figure | FigureGroup) -> bytes:
    """A figure's content key; a group's: its fields but its figures, which figure is the latest,
    then the content key of each figure, in order."""
    if isinstance(record, FigureGroup):
        return b"".join((_shown((_GROUP_FIELDS(record), record.latest.id)), *map(KEYS, record.figures)))
    return KEYS(record)


#: The code a source's page depends on besides its data (the key of the pages cache).
RENDER_CODE = ("__init__.py", "model.py", "render")


class _TopicLink(NamedTuple):
    id: str
    title: str


class _GroupCell(NamedTuple):
    """What a figures table shows of a figure's group (`tables.figures_table`)."""

    id: str
    subject: str
    agreement: str


class _Job(NamedTuple):
    """A kept page that is not in the pages cache: what rendering it takes (`_kept_page`)."""

    path: str
    key: str | None
    template: jinja2.Template
    context: Callable[[Links], dict]
    names_only: AbstractSet[int] | None


def _kept_page(render: _Renderer, cache: PageFiles | None, key: Callable[[], str], template: jinja2.Template,
               path: str, context: Callable[[Links], dict], names_only: AbstractSet[int] | None = None) -> Content:
    """A page of the pages cache: taken from `cache` under `key()` (a hash of everything the page
    shows) when a build, this one or the last, rendered it; else rendered from `context(links)`
    and the page's own links alone, so it cannot read something the key misses, and kept.
    `names_only`: the entity names the page links (`_Renderer.local_names`; None: every name).
    With `render.pending`, a page to render is left to `_render_pending` (`_PENDING` stands for
    it until then)."""
    hashed = key() if cache is not None else None
    if cache is not None:
        page = cache.get(hashed)
        if page is not None:
            return page
    job = _Job(path, hashed, template, context, names_only)
    if render.pending is not None:
        render.pending.append(job)
        if len(render.pending) >= PENDING_BATCH:
            _render_pending(render, cache)
        return _PENDING
    page = _rendered(render, job)
    if cache is not None:
        page = cache.store(page)
        cache.keep(hashed, page)
    return page


_PENDING = b"\0pending\0"
"""What `_kept_page` gives for a page `_render_pending` renders later (never a page: it is not
Markdown, and `_render_pending` checks none is left)."""


def _rendered(render: _Renderer, job: _Job) -> bytes:
    links = Links(render.dossier, job.path, render.names, figure_pages=render.figure_pages, memo=render.memo,
                  names_only=job.names_only)
    page = _finished(job.template.render({**job.context(links), "links": links, "page": job.path}), job.path)
    render.made()
    return page.encode("utf-8")


def _rendered_share(render: _Renderer, cache: PageFiles | None, jobs: Sequence[_Job]) -> list[Content]:
    """The pages of `jobs`, each kept in `cache` as soon as it is rendered (a file of the
    cache folder stands for it: `PageFiles`), so their bytes are never all held at once."""
    return [cache.store(_rendered(render, job)) if cache is not None else _rendered(render, job) for job in jobs]


FORK_PAGES = 120
"""Kept pages to render from which a forked child renders half of them (fewer: forking costs
more than the rendering it shares)."""
PENDING_BATCH = 20_000
"""Kept pages left to render at most at a time, so what their contexts hold until they are
rendered stays bounded however large the dossier (at 10,000 articles, 11,400 pages: one batch,
their contexts about 45 MB; each batch is one more fork, whose copy-on-write costs the child
and the parent again: batches of 2,000 took 16.4 s to render there instead of 13.4 s)."""


def _render_pending(render: _Renderer, cache: PageFiles | None) -> None:
    """Render the kept pages `_kept_page` left for later into `render.done` and keep them in
    `cache`. When there are many (a cold build: at 10,000 articles about 11,000 pages, 10 s of
    rendering), a forked child renders every other one on the second core meanwhile; each page
    is the same whichever process renders it, for both render it from the same records."""
    jobs = list(render.pending or ())
    if render.pending:
        render.pending.clear()
    made = in_halves(partial(_rendered_share, render, cache), jobs, enabled=len(jobs) >= FORK_PAGES and default_workers() > 1)
    for job, page in zip(jobs, made, strict=True):
        render.done[job.path] = page
        if cache is not None:
            cache.keep(job.key, page)


def _place_rendered(render: _Renderer, cache: PageFiles | None, pages: dict[str, Content]) -> None:
    """Render the kept pages still left (`_render_pending`) and put every page rendered so in
    `pages`, in the place `_kept_page` kept for it."""
    _render_pending(render, cache)
    pages.update((path, page) for path, page in render.done.items() if path in pages)
    render.done.clear()
    if any(page is _PENDING for page in pages.values()):
        raise RuntimeError("a kept page was left unrendered")


def _group_cells(render: _Renderer, views: dict, figures: Sequence[Figure]) -> tuple[Callable[[], dict[str, _GroupCell]], bytes]:
    """What a figures table shows of the figures' groups (by figure id; made when the page is
    rendered), and the part of a page's key that says it: for each figure in turn, its group's
    cell and the page the group is on, encoded once a group (sorting and encoding each page's
    cells took 0.33 s a save at 10,000 articles, for keys of pages nearly all kept)."""
    group_of = views["group_of"]
    shown = render.memo.setdefault("group cells shown", {})  # by group id
    groups = [group_of.get(f.id) for f in figures]
    parts = []
    for group in groups:
        if group is None:
            parts.append(b"-")  # (no group: a value no encoded cell is)
            continue
        found = shown.get(group.id)
        if found is None:
            found = shown[group.id] = _shown((group.id, group.subject, group.agreement,
                                               render.figure_pages.get(group.id, FIGURES)))
        parts.append(found)

    def cells() -> dict[str, _GroupCell]:
        made = render.memo.setdefault("group cells", {})  # one cell a group, shared by every page that shows it
        return {f.id: made.get(g.id) or made.setdefault(g.id, _GroupCell(g.id, g.subject, g.agreement))
                for f, g in zip(figures, groups) if g is not None}

    return cells, b"".join(parts)


def _figures_page(render: _Renderer, views: dict, cache: PageFiles | None, template: str, path: str,
                  figures: tuple[Figure, ...], pager: Pager) -> Content:
    """One page of the table of every figure (`_kept_page`), its key hashing its figures, what
    the table shows of their groups and the pages these are on, what citing their sources
    shows, and its pager. The sources are spread over these pages by a hash of their id, so a
    build after one changed article renders again the page of that article's figures, not the
    hundreds of others."""
    groups, shown_groups = _group_cells(render, views, figures)
    return _kept_page(
        render, cache,
        # the figures in order, by id (unique), and what each source's figures are
        lambda: digest(code_version(RENDER_CODE), jinja2.__version__, template, path, render.shown_pager(pager),
                       "\x1f".join(f.id for f in figures),
                       *(render.shown_figures(a) for a in dict.fromkeys(f.source.article for f in figures)),
                       shown_groups, render.cited(figures, lambda: ((f.source.article, f.source.paragraph) for f in figures))),
        render.env.get_template(template), path,
        lambda links: {"items": figures, "pager": pager, "group_of": groups(), **render._index_links(links)})


def _groups_page(render: _Renderer, views: dict, cache: PageFiles | None, template: str, path: str,
                 groups: tuple[FigureGroup, ...], pager: Pager) -> Content:
    """One page of the figure groups (`_kept_page`), its key hashing its groups with their
    figures, the groups they are parts or totals of, the pages every group it links is on, the
    titles of their topics, what citing their sources shows, and its pager; the first page also
    lists every disputed and updated group (the first 60 of each, and how many). A build after one
    changed article renders again the pages of the groups its figures are in (each group's home
    is hashed from its id: `stable_parts`), and the first when it lists something that changed."""
    first = pager.number == 1
    by_id = views["group_by_id"]
    related = {other: by_id[other] for g in groups for other in (*g.parts, *filter(None, (g.part_of,)))}
    disputed = [g for g in render.dossier.groups if g.agreement == "differ"] if first else []
    updated = [g for g in render.dossier.groups if g.agreement == "updated"] if first else []
    listed = [*disputed[:TOPIC_LIMIT], *updated[:TOPIC_LIMIT]]
    titles = views["topic_titles"]
    topic_titles = {t: titles[t] for g in groups for t in g.topics}
    # (how many groups and figures there are in all is left to the home page: every added figure
    # would change this page, the largest a save rewrites, for one number)
    counts = (len(disputed), len(updated)) if first else ()
    figure_list = render._figure_page_list() if first else []
    linked = sorted({(g.id, render.figure_pages.get(g.id, FIGURES)) for g in (*groups, *related.values(), *listed)})
    return _kept_page(
        render, cache,
        lambda: digest(code_version(RENDER_CODE), jinja2.__version__, template, path, render.shown_pager(pager),
                       *(_shown_records((g,)) for g in groups),
                       _shown([(g.id, g.label, g.subject, g.display_range) for g in related.values()]),
                       _shown([(g.id, g.label, g.subject, g.note) for g in listed]), _shown(linked),
                       _shown(sorted(topic_titles.items())), _shown(counts), _shown(figure_list),
                       render.cited(groups, lambda: ((f.source.article, f.source.paragraph) for g in groups for f in g.figures))),
        render.env.get_template(template), path,
        lambda links: {"items": groups, "pager": pager, "disputed": disputed, "updated": updated,
                       "figure_pages": [(label, links.to(page)) for label, page in figure_list],
                       "figures_per_page": FIGURES_PER_PAGE, "group_by_id": related, "topic_titles": topic_titles,
                       "topic_limit": TOPIC_LIMIT, "names_limit": NAMES_PER_GROUP,
                       "agreement_labels": AGREEMENT_LABELS, **render._index_links(links)})


def _timeline_page(render: _Renderer, views: dict, cache: PageFiles | None, template: str, path: str,
                   events: tuple[Event, ...], pager: Pager) -> Content:
    """One page of the timeline (`_kept_page`), its key hashing its events, whose words each
    reports and by which outlets, the titles of their topics, what citing their sources shows,
    the entity names it links, and its pager. Its events are cut by content
    (`content_parts`), so a build after one changed article renders again the pages whose
    events changed."""
    speaker_of, outlets_of = views["speaker_of_mentions"], views["outlets_of"]
    titles = views["topic_titles"]
    topic_titles = {t: titles[t] for e in events for t in e.topics}
    names_only, shown_names = render.local_names(m.source.article for e in events for m in e.mentions)
    return _kept_page(
        render, cache,
        lambda: digest(code_version(RENDER_CODE), jinja2.__version__, template, path, render.shown_pager(pager),
                       # (each event by its content key, `KEYS`: encoded whole, with every mention, on every save)
                       _shown([(KEYS(e), speaker_of(e.mentions), outlets_of(e)) for e in events]),
                       _shown(sorted(topic_titles.items())), shown_names,
                       render.cited(events, lambda: ((m.source.article, m.source.paragraph) for e in events for m in e.mentions))),
        render.env.get_template(template), path,
        lambda links: {"items": events, "pager": pager, "topic_titles": topic_titles, "speaker_of_mentions": speaker_of,
                       "outlets_of": outlets_of, "relayed_speaker": views["relayed_speaker"],
                       **render._index_links(links)},
        names_only)


def _sources_index_page(render: _Renderer, views: dict, cache: PageFiles | None, template: str, path: str,
                        articles: tuple[Article, ...], pager: Pager) -> Content:
    """One page of the sources index (`_kept_page`), its key hashing the row each of its
    articles shows, the count of every source (on the first page alone) and its pager. Its
    articles are cut by content (`content_parts`), so a build after one changed article renders
    again the page of that article when its row changed (at 10,000 articles, 88 pages rendered
    again on every save under `mkdocs serve`)."""
    figures_of = views["figures_of"]
    rows = tuple(_SourceRow(a.id, a.title, a.outlet, a.outlet_inferred, a.date.iso if a.date else None,
                            a.date_inferred, a.reliability, len(a.paragraphs), len(figures_of(a.id)), len(a.dropped))
                 for a in articles)
    count = len(render.dossier.articles) if pager.number == 1 and pager.total > 1 else None
    return _kept_page(
        render, cache,
        lambda: digest(code_version(RENDER_CODE), jinja2.__version__, template, path, render.shown_pager(pager), _shown(count),
                       _shown(rows)),
        render.env.get_template(template), path,
        lambda links: {"items": rows, "pager": pager, "count": count, **render._index_links(links)})


class _SourceRow(NamedTuple):
    """What the sources index shows of an article (`_sources_index_page`)."""

    id: str
    title: str
    outlet: str | None
    outlet_inferred: bool
    date: str | None  # ISO
    date_inferred: bool
    reliability: str | None
    paragraphs: int
    figures: int
    dropped: int


def _source_pages(render: _Renderer, views: dict, cache: PageFiles | None) -> dict[str, Content]:
    """Every source's page (`_kept_page`), its key hashing the article, its figures, what the
    table shows of their groups and the pages these are on, its topics, and the names of the
    entities mentioned in it with their pages: a build after one changed article renders that
    article's page again, and the pages whose figures or entities moved."""
    template = render.env.get_template("source.md.j2")
    shared = digest(code_version(RENDER_CODE), jinja2.__version__)
    return {source_page(article.id): _source_page(render, views, cache, template, shared, article)
            for article in render.dossier.articles}


def _topic_links(render: _Renderer, topics: Iterable[Topic]) -> tuple[_TopicLink, ...]:
    """Links to these topics: one tuple for each set of topics, shared by every paragraph and
    page that shows it (a source page waits to be rendered holding those of its paragraphs)."""
    made = render.memo.setdefault("topic links", {})
    ids = tuple(t.id for t in topics)
    found = made.get(ids)
    if found is None:
        found = made[ids] = tuple(_TopicLink(t.id, t.title) for t in topics)
    return found


def _source_page(render: _Renderer, views: dict, cache: PageFiles | None, template: jinja2.Template, shared: str,
                 article: Article) -> Content:
    """One source's page (`_source_pages`). (A function of its own: the page's context is read
    when it is rendered, perhaps after every other page's key was made.)"""
    figures = tuple(views["figures_of"](article.id))
    groups, shown_groups = _group_cells(render, views, figures)
    topics = _topic_links(render, views["topics_of_article"](article.id))
    by_paragraph = {p.number: found for p in article.paragraphs
                    if (found := _topic_links(render, views["paragraph_topics"](article.id, p.number)))}
    names_only, shown_names = render.local_names((article.id,))
    return _kept_page(
        render, cache,
        # (the article by its content key, `KEYS`: encoded whole, with its text, on every save)
        lambda: digest(shared, KEYS(article), render.shown_figures(article.id), shown_groups,
                       _shown(topics), _shown(sorted(by_paragraph.items())), shown_names),
        template, source_page(article.id),
        lambda links: {"article": article, "figures": figures, "group_of": groups(), "topics": topics,
                       "topics_of_paragraph": by_paragraph},
        names_only)


#: How many rows each printed annex holds at most (the PDF is bounded by the briefing).
PRINT_LIMITS = {"figures": 40, "timeline": 40, "sources": 60}


def render_print_pages(dossier: Dossier, curation: Curation | None = None, *, changes: object = None) -> dict[str, str]:
    """The pages of the briefing PDF, at the site's paths (so links between them hold): the
    briefing (bottom line, headline figures, each topic's takeaways, what is disputed) in
    the home page's place, then bounded annexes of figures, timeline and sources."""
    env = _environment()
    views = {"has_pdf": False, **_views(dossier), "changes": changes, "changes_limit": CHANGES_LIMIT}
    render = _Renderer(env, dossier, curation, entity_names(dossier.entities), {}, {}, views)
    pages = {HOME: render("print_briefing.md.j2", HOME)}
    for annex, path in (("figures", FIGURES), ("timeline", TIMELINE), ("sources", SOURCES)):
        pages[path] = render("print_annexes.md.j2", path, annex=annex, limit=PRINT_LIMITS[annex])
    return pages


def _date_of(article: Article) -> str:
    """The article's date as a citation tells two alike apart (`Links.cite_list`): ISO, or ""."""
    return article.date.iso if article.date else ""


def _timeline_label(parts: list[tuple], number: int) -> str:
    """A timeline page's label in the pager, by the date of the event that ends the page before
    it ("from 2025-03-16"; the first page: "to" its own last date). That event is where the
    page was cut (`content_parts`), which an added or removed event rarely moves: labelled by
    their own first dates, one event added before all others, or the first event of the last
    page removed, changed a label that every page's pager shows, and so every page."""
    if number == 1:
        part = parts[0]
        return f"to {part[-1].date.iso}" if part and len(parts) > 1 else (f"from {part[0].date.iso}" if part else "—")
    return f"from {parts[number - 2][-1].date.iso}"


def _by_article(refs: Iterable[SourceRef]) -> dict[str, list[SourceRef]]:
    grouped: dict[str, list[SourceRef]] = {}
    for ref in refs:
        grouped.setdefault(ref.article, []).append(ref)
    return grouped


def _views(dossier: Dossier) -> dict[str, object]:
    """Lookups the templates share, indexed once per build (pages must not scan the whole
    dossier each: thousands of source pages would make rendering quadratic)."""
    # (each figure is in one group and each sentence in one statement: under `mkdocs serve`,
    # both indexes are the last build's, with the entries of the records that changed)
    group_of = REUSE.index("group of figure", dossier.groups, lambda g: ((f.id, g) for f in g.figures))
    headline = headline_groups(dossier.groups)
    paragraphs_of_topic: dict[str, dict[str, list[SourceRef]]] = {}
    outlet_names = {a.id: a.shown_outlet for a in dossier.articles}
    figures_by_article: dict[str, list[Figure]] = {}
    for figure in dossier.figures:
        figures_by_article.setdefault(figure.source.article, []).append(figure)
    # (by article and number: a tuple hashes in C, a SourceRef in Python, and a topic's
    # paragraphs are most of a dossier's at 10,000 articles)
    topics_by_paragraph: dict[tuple[str, int], list[Topic]] = {}
    topics_by_article: dict[str, list[Topic]] = {}
    for topic in dossier.topics:
        for ref in topic.paragraphs:
            topics_by_paragraph.setdefault((ref.article, ref.paragraph), []).append(topic)
            article_topics = topics_by_article.setdefault(ref.article, [])
            if topic not in article_topics:
                article_topics.append(topic)
    groups_by_topic: dict[str, list[FigureGroup]] = {}
    for group in dossier.groups:
        for topic_id in group.topics:
            groups_by_topic.setdefault(topic_id, []).append(group)
    speaker_at = REUSE.index("speaker of sentence", dossier.statements,
                             lambda s: (((m.source.article, m.source.paragraph, m.source.start), s.speaker)
                                        for m in s.mentions) if s.speaker else ())

    aliases = {e.name: e.aliases for e in dossier.entities}  # (whether a statement's words name its speaker)
    topic_index: dict[int, tuple[object, dict[str, list]]] = {}

    def by_topic(items, topic: str) -> list:
        """The items of a topic, in their order (each collection indexed by topic once)."""
        indexed = topic_index.get(id(items))
        if indexed is None or indexed[0] is not items:
            index: dict[str, list] = {}
            for item in items:
                for topic_id in dict.fromkeys(item.topics):
                    index.setdefault(topic_id, []).append(item)
            indexed = topic_index[id(items)] = (items, index)
        return list(indexed[1].get(topic, ()))

    def speaker_of_mentions(mentions) -> str | None:
        """Whose words the mentions report (the speech detection of their sentences)."""
        for m in mentions:
            speaker = speaker_at.get((m.source.article, m.source.paragraph, m.source.start))
            if speaker:
                return speaker
        return None

    of_mentions: dict[tuple[str, int], tuple[tuple, list]] = {}

    def per_mentions(kind: str, make: Callable[[tuple], list]) -> Callable[[object], list]:
        """`make(item.mentions)`, made once per item of the build (a statement relayed by a
        thousand articles is shown on its topics' pages, the home page and the PDF)."""
        def made(item) -> list:
            mentions = item.mentions
            found = of_mentions.get((kind, id(mentions)))
            if found is None or found[0] is not mentions:
                found = of_mentions[(kind, id(mentions))] = (mentions, make(mentions))
            return list(found[1])
        return made

    included_of_topic: dict[str, list[Figure]] = {}

    def included_figures_of_topic(topic: str) -> list[Figure]:
        """The topic's figures the analyst did not exclude (filtered in Python: a filter in the
        template costs a hundred times more, on tens of thousands of figures), once per topic:
        its page counts them, then shows some (`shown_figures_of_topic`)."""
        found = included_of_topic.get(topic)
        if found is None:
            found = included_of_topic[topic] = [f for f in by_topic(dossier.figures, topic) if not f.excluded]
        return list(found)

    def shown_figures_of_topic(topic: str) -> list[Figure]:
        """The rows of a topic page's figures table: every figure of the topic while they fit
        in TOPIC_LIMIT rows; past that, the latest figure of each of the topic's figure
        groups, the most reported groups first (the first rows of a thousand articles' figures
        in reading order say nothing of the topic)."""
        figures = included_figures_of_topic(topic)
        if len(figures) <= TOPIC_LIMIT:
            return figures
        of_topic = {g.id for g in groups_by_topic.get(topic, [])}
        return [g.latest for g in headline if g.id in of_topic][:TOPIC_LIMIT]

    return {
        "in_reading_order": lambda items: sorted(items, key=lambda i: min(source_order(m.source) for m in i.mentions)),
        "included_figures_of_topic": included_figures_of_topic,
        "shown_figures_of_topic": shown_figures_of_topic,
        # the paragraphs cited for the mentions, each once, in order, as (article id, number)
        "sources_of": per_mentions("sources", lambda mentions: sorted({(m.source.article, m.source.paragraph) for m in mentions})),
        "included_figures": _Lazy(lambda: [f for f in dossier.figures if not f.excluded]),
        "unnamed_figures": _Lazy(lambda: [f for f in dossier.figures if f.claimant_kind == "outlet"]),
        "headline_groups": headline,
        # the headline figures table: this event's counts (context only when there are none)
        "headline_rows": ([g for g in headline if not is_context(g)] or headline)[:HEADLINE_ROWS],
        "group_of": group_of,
        "speaker_of_mentions": speaker_of_mentions,
        "outlets_of": per_mentions("outlets", lambda mentions: sorted({outlet_names[m.source.article] for m in mentions},
                                                                      key=str.casefold)),
        # whose words an item relays, unless the speaker is its one outlet, speaking for itself
        # ("according to a report seen by the Post": the Post alone, not "the Post, reported by the Post")
        "relayed_speaker": lambda speaker, outlets: speaker if speaker and list(outlets) != [speaker] else None,
        "speaker_named": partial(speaker_named, aliases=aliases),
        "speaker_aliases": aliases,
        "disputed": is_disputed,
        "disputed_groups": [g for g in headline if is_disputed(g)],
        "group_by_id": {g.id: g for g in dossier.groups},
        "by_topic": by_topic,
        "figures_of": lambda article_id: figures_by_article.get(article_id, []),
        "groups_of_topic": lambda topic: groups_by_topic.get(topic, []),
        "articles_of_topic": lambda topic: sorted({ref.article for ref in topic.paragraphs}),
        "topics_of_article": lambda article_id: topics_by_article.get(article_id, []),
        "paragraph_topics": lambda article_id, number: topics_by_paragraph.get((article_id, number), []),
        "topic_limit": TOPIC_LIMIT,
        "disputes_limit": DISPUTES_PER_TOPIC,
        "briefing_disputes_limit": DISPUTES_IN_BRIEFING,
        "names_limit": NAMES_PER_GROUP,
        "summary_names": SUMMARY_NAMES,
        "review_limit": REVIEW_LIMIT,
        "topic_titles": {t.id: t.title for t in dossier.topics},
        "topic_paragraphs": lambda topic: paragraphs_of_topic.setdefault(topic.id, _by_article(topic.paragraphs)),
    }


def join_names(names: Iterable[str], limit: int | None = NAMES_PER_GROUP) -> str:
    """`A`, `A and B`, `A, B and C`; past `limit` names, `A, B, ... and 40 more` (one more is
    named: "and 1 more" would say less in as many words)."""
    names = list(names)
    if limit is not None and len(names) > limit + 1:
        return ", ".join(names[:limit]) + f" and {len(names) - limit:,} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def speaker_named(statement, aliases: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Whether the statement's words name its speaker ("Zelensky stressed that ..."), so
    they can be shown as written; else the page names the speaker before them. `aliases`:
    the other names of each entity (a capitalised alias such as "the Prime Minister" counts)."""
    if not statement.speaker:
        return False
    words = [w for w in re.findall(r"[\w'’-]+", statement.speaker) if len(w) >= 4 and w[0].isupper()]
    names = [*(rf"(?<!\w){re.escape(w)}" for w in words),
             *(rf"(?<!\w){re.escape(a)}(?!\w)" for a in (aliases or {}).get(statement.speaker, ())
               if any(c.isupper() for c in a))]
    # the whole name, or an alias of several words ("the prime minister"), in any case
    phrases = [statement.speaker, *(a for a in (aliases or {}).get(statement.speaker, ()) if " " in a)]
    return any(re.search(pattern, statement.text) for pattern in names) or any(
        re.search(rf"(?<!\w){re.escape(p)}(?!\w)", statement.text, re.IGNORECASE) for p in phrases)


def topic_of(dossier: Dossier, topic_id: str) -> Topic:
    return next(t for t in dossier.topics if t.id == topic_id)


def nav_for(dossier: Dossier, hand_written: Iterable[str] = ()) -> list:
    """A small, bounded nav: home, topics, the index pages; never one entry per source or
    per page of the paged record."""
    generated = {HOME, FIGURES, TIMELINE, ENTITIES, SOURCES, METHODOLOGY}
    nav: list = [
        {"Briefing": HOME},
        *([{"Topics": [{md.nav_title(t.title): topic_page(t.id)} for t in dossier.topics]}] if dossier.topics else []),
        {"Figures": FIGURES},
        {"Timeline": TIMELINE},
        {"Entities": ENTITIES},
        {"Sources": SOURCES},
        {"Methodology": METHODOLOGY},
    ]
    extra = [p for p in hand_written if p not in generated and not p.startswith(("topics/", "sources/", "record/"))]
    if extra:
        nav.append({"Reference": extra})
    return nav
