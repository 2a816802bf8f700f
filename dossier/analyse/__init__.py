"""Analyse: per article, a pure function of (article, curation), cached by content hash.

Finds the figures, quotations, dated events and entity mentions of one article, and which
topics each of its paragraphs belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dossier.analyse.entities import find_entities
from dossier.analyse.events import extract_events
from dossier.analyse.figures import extract_figures
from dossier.analyse.quotes import extract_quotes
from dossier.analyse.topics import match_topics
from dossier.curation.model import Curation
from dossier.model import Article, Entity, Event, Figure, Quote


@dataclass(frozen=True)
class Analysis:
    """What one article yields; `topics` maps a paragraph number to its topic ids."""

    article: str
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    entities: tuple[Entity, ...]
    topics: dict[int, tuple[str, ...]]


_CACHE: dict[tuple[str, str, int], Analysis] = {}


def analyse_article(article: Article, curation: Curation) -> Analysis:
    """Analyse one article; the result is cached by the article's content and the curation."""
    key = (article.id, article.content_hash + repr(article.date), hash(repr(curation)))
    if key not in _CACHE:
        _CACHE[key] = _analyse(article, curation)
    return _CACHE[key]


def _analyse(article: Article, curation: Curation) -> Analysis:
    figures = extract_figures(article, curation)
    topics: dict[int, tuple[str, ...]] = {}
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        metrics = [f.metric for f in figures if f.source.paragraph == paragraph.number]
        topics[paragraph.number] = match_topics(curation.topics, paragraph.text, metrics)
    figures = tuple(replace(f, topics=topics.get(f.source.paragraph, ())) for f in figures)
    return Analysis(
        article=article.id,
        figures=figures,
        quotes=extract_quotes(article, curation),
        events=extract_events(article, curation),
        entities=find_entities(article, curation),
        topics=topics,
    )
