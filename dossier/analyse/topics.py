"""Which topics a paragraph belongs to, from the curation's phrases, keywords and metrics."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from dossier.curation.model import TopicSpec


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern; plural/possessive endings are allowed."""
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?:s|es|'s|’s)?(?![\w-])", re.IGNORECASE)


def _count(terms: Iterable[str], text: str) -> int:
    return sum(1 for term in terms if _pattern(term).search(text))


def topic_score(spec: TopicSpec, text: str, metrics: Iterable[str] = ()) -> float:
    """0 when the paragraph does not match the topic; otherwise higher for a stronger match.

    A paragraph matches when it contains one of the topic's phrases, at least
    `min_keywords` of its keywords, or a figure of one of its metrics.
    """
    phrases = _count(spec.phrases, text)
    keywords = _count(spec.keywords, text)
    metric_hits = len(set(metrics) & set(spec.metrics))
    if not (phrases or keywords >= spec.min_keywords or metric_hits):
        return 0.0
    return 2.0 * phrases + keywords + 1.5 * metric_hits


def match_topics(
    specs: Iterable[TopicSpec], text: str, metrics: Iterable[str] = ()
) -> tuple[str, ...]:
    """The ids of the topics the paragraph matches, strongest first (ties in curation order)."""
    metrics = tuple(metrics)
    scored = [(topic_score(spec, text, metrics), index, spec.id) for index, spec in enumerate(specs)]
    return tuple(topic_id for score, _, topic_id in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0)
