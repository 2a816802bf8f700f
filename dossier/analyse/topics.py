"""Which topics a paragraph belongs to, from the curation's phrases, keywords and metrics.

Phrases and keywords match case-insensitively on word boundaries, with a plural or
possessive ending allowed; the text is scanned once for all of them (`Lexicon.topic_terms`).
"""

from __future__ import annotations

from collections.abc import Iterable

from dossier.curation.lexicon import Lexicon
from dossier.curation.model import TopicSpec

RELATIVE_FLOOR = 0.4
"""A topic matched by keywords only must score at least this share of the paragraph's best
topic: a paragraph about troops that mentions "artillery strikes" is not about a strike."""


def _count(terms: Iterable[str], found: frozenset[str]) -> int:
    return sum(1 for term in terms if term.lower() in found)


def topic_score(spec: TopicSpec, found: frozenset[str], metrics: Iterable[str] = ()) -> float:
    """0 when the paragraph does not match the topic; otherwise higher for a stronger match.

    `found` holds the topic terms (lower case) present in the paragraph. A paragraph matches
    when it contains one of the topic's phrases, at least `min_keywords` of its keywords, or a
    figure of one of its metrics.
    """
    phrases = _count(spec.phrases, found)
    keywords = _count(spec.keywords, found)
    metric_hits = len(set(metrics) & set(spec.metrics))
    if not (phrases or keywords >= spec.min_keywords or metric_hits):
        return 0.0
    return 2.0 * phrases + keywords + 1.5 * metric_hits


def match_topics(lexicon: Lexicon, text: str, metrics: Iterable[str] = ()) -> tuple[str, ...]:
    """The ids of the topics the paragraph matches, strongest first (ties in curation order).

    A topic matched by one of its phrases or metrics always counts; one matched by keywords
    alone counts when it scores at least RELATIVE_FLOOR of the best topic's score.
    """
    metrics = tuple(metrics)
    found = lexicon.topic_terms(text)
    scored = [(topic_score(spec, found, metrics), index, spec) for index, spec in enumerate(lexicon.topics)]
    best = max((score for score, _, _ in scored), default=0.0)
    kept = [
        (score, index, spec.id)
        for score, index, spec in scored
        if score > 0 and (_strong(spec, found, metrics) or score >= RELATIVE_FLOOR * best)
    ]
    return tuple(topic_id for _, _, topic_id in sorted(kept, key=lambda s: (-s[0], s[1])))


def _strong(spec: TopicSpec, found: frozenset[str], metrics: tuple[str, ...]) -> bool:
    return bool(_count(spec.phrases, found) or set(metrics) & set(spec.metrics))
