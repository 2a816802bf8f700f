"""Build each page's template context and render it; every cross-link is resolved here."""

from __future__ import annotations

from collections.abc import Iterable
import re
from dataclasses import dataclass, field
import functools
from functools import partial

import jinja2
from markupsafe import Markup

from dossier.curation.model import Curation
from dossier.export.dossier import dossier_json
from dossier.export.figures import figures_csv, figures_json
from dossier.model import Article, Dossier, Figure, FigureGroup, Mention, SourceRef, Topic
from dossier.render import markdown as md

HOME = "index.md"
FIGURES = "figures.md"
TIMELINE = "timeline.md"
ENTITIES = "entities.md"
SOURCES = "sources/index.md"
METHODOLOGY = "methodology.md"
DOWNLOADS = {
    "figures_json": "downloads/figures.json",
    "figures_csv": "downloads/figures.csv",
    "dossier_json": "downloads/dossier.json",
}
PDF = "briefing.pdf"
PAGE_PATHS = (HOME, FIGURES, TIMELINE, ENTITIES, SOURCES, METHODOLOGY)

AGREEMENT_LABELS = {
    "single": "one source",
    "agree": "sources agree",
    "differ_over_time": "differ over time",
    "conflict": "sources disagree",
}


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def source_page(article_id: str) -> str:
    return f"sources/{article_id}.md"


EntityNames = tuple[re.Pattern[str], dict[str, str]]


def entity_names(entities: Iterable) -> EntityNames:
    """One case-sensitive pattern of every entity name and alias (longest first), and the
    entity id of each name (by its case-folded spelling)."""
    ids: dict[str, str] = {}
    spelled: set[str] = set()
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            if len(name) > 2 and ids.setdefault(name.casefold(), entity.id) == entity.id:
                spelled.add(name)
    if not spelled:
        return re.compile(r"(?!x)x"), ids
    names = sorted(spelled, key=lambda n: (-len(n), n))
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"), ids


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment per process (templates compiled once); what differs per build goes in
    each page's context, never in the environment's globals."""
    env = jinja2.Environment(
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
    env.tests["gt_one"] = lambda items: len(items) > 1
    return env


@dataclass(frozen=True)
class Links:
    """Link helpers bound to the page being rendered (every link is relative to it)."""

    dossier: Dossier
    page: str
    entity_names: EntityNames
    linked: set[str] = field(default_factory=set)  # entities already linked on this page

    def text(self, text: str) -> Markup:
        """Article text escaped, with the first mention on this page of each entity linked
        to the entity index."""
        text = " ".join(text.split())
        out, position = [], 0
        pattern, ids = self.entity_names
        for match in pattern.finditer(text):
            entity_id = ids[match.group(0).casefold()]
            if entity_id in self.linked or self.page == ENTITIES:
                continue
            self.linked.add(entity_id)
            out.append(md.escape(text[position:match.start()], inline=True))
            out.append(f"[{md.escape(match.group(0))}]({self.to(ENTITIES, 'e-' + entity_id)})")
            position = match.end()
        out.append(md.escape(text[position:], inline=True))
        return Markup(md.guard_line_start("".join(out).strip()))

    def to(self, page: str, anchor: str | None = None) -> Markup:
        return md.link(self.page, page, anchor)

    def article(self, article_id: str) -> Article:
        return self.dossier.article(article_id)

    def outlet(self, article_id: str) -> str:
        """The outlet's name, or a short form of the article id when no outlet is known."""
        article = self.article(article_id)
        if article.outlet:
            return article.outlet
        return article.id if len(article.id) <= 16 else article.id[:12] + "…"

    def paragraph(self, ref: SourceRef) -> str:
        """`../sources/ID.md#p-abc123` for a source paragraph."""
        article = self.article(ref.article)
        return self.to(source_page(ref.article), article.paragraph(ref.paragraph).anchor)

    def cite(self, ref: SourceRef) -> Markup:
        """A Markdown link naming the outlet and paragraph: `[HNGN ¶3](...)`."""
        return Markup(f"[{md.escape(self.outlet(ref.article))} ¶{ref.paragraph}]({self.paragraph(ref)})")

    def cite_all(self, mentions: Iterable[Mention]) -> Markup:
        refs = sorted({m.source for m in mentions}, key=lambda r: (r.article, r.paragraph))
        return Markup(", ").join(self.cite(ref) for ref in refs)

    def figure(self, figure: Figure) -> str:
        return self.to(FIGURES, f"f-{figure.id}")

    def group(self, group: FigureGroup) -> str:
        return self.to(FIGURES, group.id)

    def topic(self, topic_id: str) -> str:
        return self.to(topic_page(topic_id))

    def source(self, article_id: str) -> str:
        return self.to(source_page(article_id))


def render_pages(dossier: Dossier, curation: Curation | None = None, *, pdf: bool = True) -> dict[str, str]:
    """Every generated file: Markdown pages and the data downloads, by path under docs/.

    `pdf`: the site carries the briefing PDF, so the home page links to it.
    """
    env = _environment()
    views = {"has_pdf": pdf, **_views(dossier)}
    names = entity_names(dossier.entities)
    render = partial(_render, env, dossier, curation, names, views=views)
    pages = {
        HOME: render("home.md.j2", HOME),
        FIGURES: render("figures.md.j2", FIGURES),
        TIMELINE: render("timeline.md.j2", TIMELINE),
        ENTITIES: render("entities.md.j2", ENTITIES),
        SOURCES: render("sources.md.j2", SOURCES),
        METHODOLOGY: render("methodology.md.j2", METHODOLOGY),
    }
    for topic in dossier.topics:
        path = topic_page(topic.id)
        template = env.select_template([f"topic-{topic.id}.md.j2", "topic.md.j2"])
        pages[path] = _render(env, dossier, curation, names, template, path, views=views, topic=topic)
    for article in dossier.articles:
        path = source_page(article.id)
        pages[path] = render("source.md.j2", path, article=article)
    figures = tuple(f for f in dossier.figures)
    pages[DOWNLOADS["figures_json"]] = figures_json(figures, dossier.groups)
    pages[DOWNLOADS["figures_csv"]] = figures_csv(figures, dossier.groups)
    pages[DOWNLOADS["dossier_json"]] = dossier_json(dossier)
    return dict(sorted(pages.items()))


def _render(
    env: jinja2.Environment,
    dossier: Dossier,
    curation: Curation | None,
    names: EntityNames,
    template: str | jinja2.Template,
    path: str,
    views: dict[str, object],
    **extra: object,
) -> str:
    links = Links(dossier, path, names)
    context = {
        **views,
        "d": dossier,
        "curation": curation,
        "page": path,
        "links": links,
        "downloads": {key: links.to(value) for key, value in DOWNLOADS.items()},
        "pdf": links.to(PDF),
        "pages": {
            "home": links.to(HOME), "figures": links.to(FIGURES), "timeline": links.to(TIMELINE),
            "entities": links.to(ENTITIES), "sources": links.to(SOURCES),
            "methodology": links.to(METHODOLOGY),
        },
        "agreement_labels": AGREEMENT_LABELS,
        "topic_titles": {t.id: t.title for t in dossier.topics},
        **extra,
    }
    tpl = env.get_template(template) if isinstance(template, str) else template
    text = str(tpl.render(context))
    return text.rstrip() + "\n"


def _views(dossier: Dossier) -> dict[str, object]:
    """Lookups the templates share, indexed once per build (pages must not scan the whole
    dossier each: thousands of source pages would make rendering quadratic)."""
    group_of = {f.id: g for g in dossier.groups for f in g.figures}
    headline = sorted(
        dossier.groups,
        key=lambda g: (-len({f.source.article for f in g.figures}), g.agreement == "single", g.label, g.id),
    )
    figures_by_article: dict[str, list[Figure]] = {}
    for figure in dossier.figures:
        figures_by_article.setdefault(figure.source.article, []).append(figure)
    topics_by_paragraph: dict[SourceRef, list[Topic]] = {}
    topics_by_article: dict[str, list[Topic]] = {}
    for topic in dossier.topics:
        for ref in topic.paragraphs:
            topics_by_paragraph.setdefault(ref, []).append(topic)
            article_topics = topics_by_article.setdefault(ref.article, [])
            if topic not in article_topics:
                article_topics.append(topic)
    groups_by_topic: dict[str, list[FigureGroup]] = {}
    for group in dossier.groups:
        for topic_id in group.topics:
            groups_by_topic.setdefault(topic_id, []).append(group)
    return {
        "in_reading_order": lambda items: sorted(items, key=lambda i: min(m.source for m in i.mentions)),
        "headline_groups": headline,
        "group_of": group_of,
        "by_topic": lambda items, topic: [i for i in items if topic in i.topics],
        "figures_of": lambda article_id: figures_by_article.get(article_id, []),
        "groups_of_topic": lambda topic: groups_by_topic.get(topic, []),
        "articles_of_topic": lambda topic: sorted({ref.article for ref in topic.paragraphs}),
        "topics_of_article": lambda article_id: topics_by_article.get(article_id, []),
        "paragraph_topics": lambda article_id, number: topics_by_paragraph.get(SourceRef(article_id, number), []),
    }


def topic_of(dossier: Dossier, topic_id: str) -> Topic:
    return next(t for t in dossier.topics if t.id == topic_id)


def nav_for(dossier: Dossier, hand_written: Iterable[str] = ()) -> list:
    """A small, bounded nav: home, topics, the index pages; never one entry per source."""
    generated = {HOME, FIGURES, TIMELINE, ENTITIES, SOURCES, METHODOLOGY}
    nav: list = [
        {"Briefing": HOME},
        {"Topics": [{md.nav_title(t.title): topic_page(t.id)} for t in dossier.topics]},
        {"Figures": FIGURES},
        {"Timeline": TIMELINE},
        {"Entities": ENTITIES},
        {"Sources": SOURCES},
        {"Methodology": METHODOLOGY},
    ]
    extra = [p for p in hand_written if p not in generated and not p.startswith(("topics/", "sources/"))]
    if extra:
        nav.append({"Reference": extra})
    return nav
