"""Assemble: across articles. Figure groups, statement and quote clusters, the timeline,
the entity index, topics with their paragraphs, and the cross-links between topics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from dossier.analyse import Analysis
from dossier.assemble import briefing, clusters
from dossier.assemble.briefing import compose_briefing
from dossier.assemble.clusters import cluster_quotes, sentence_groups, statement_sentences, statements_of
from dossier.assemble.entities import merge_entities
from dossier.assemble.figures import apply_overrides, distinct_ids, group_figures
from dossier.assemble.timeline import merge_events
from dossier.curation.model import Curation
from dossier.model import Article, Dossier, Figure, Mention, Notice, SourceRef, Topic
from dossier.processes import default_workers, in_child
from dossier.reuse import KEYS, REUSE, Kept, forget_memos

ParagraphTopics = dict[tuple[str, int], tuple[str, ...]]

FORK_SENTENCES = 5_000
"""Sentences from which statements are clustered in a forked child, beside the rest of
assembling (fewer: forking costs more than it saves)."""


def assemble(
    curation: Curation,
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    notices: Sequence[Notice] = (),
    *,
    kept: Kept | None = None,
) -> Dossier:
    """Everything the pages need, with every cross-reference resolved. `kept`: what builds of
    other processes assembled, by content (`dossier.reuse.Kept`; the figure groups)."""
    for analysis in analyses:
        KEYS.given(analysis.figures, analysis.figure_keys)
    paragraph_topics: ParagraphTopics = {
        (a.article, number): topics for a in analyses for number, topics in a.topics.items()
    }
    figures, override_notices = apply_overrides(
        distinct_ids(tuple(f for a in analyses for f in a.figures)), curation
    )
    places_named = {
        a.article: frozenset(name.casefold() for e in a.entities if e.kind == "place" for name in (e.name, *e.aliases))
        for a in analyses
    }
    sentences = statement_sentences(articles, curation, analysed={a.article: (a.sentences, a.speakers) for a in analyses})
    # Which sentences say the same thing is found on a second core, in a forked child, while
    # this process groups the figures and merges quotes, events and entities (a dossier too
    # small for it to pay is clustered here, at the same point: the output is the same).
    forked = default_workers() > 1 and len(sentences.items) >= FORK_SENTENCES
    # (under `mkdocs serve`, with what the last save found: each wording's MinHash, each pair's check)
    memory = clusters.MEMORY if REUSE.enabled else None
    with in_child(partial(sentence_groups, sentences, memory), enabled=forked) as clustering:
        groups = group_figures(tuple(f for f in figures if not f.excluded), curation, places_named, kept=kept,
                               runs=_runs(figures, analyses))
        quotes = _with_topics(cluster_quotes(tuple(q for a in analyses for q in a.quotes)), paragraph_topics)
        events = _with_topics(merge_events(tuple(e for a in analyses for e in a.events), sentences.proper), paragraph_topics)
        entities = merge_entities(tuple(e for a in analyses for e in a.entities))
        grouped = clustering.result()
        statements = _with_topics(statements_of(sentences, grouped.groups), paragraph_topics)
    if memory is not None:
        memory.learn(sentences.items, grouped.learned)
    del sentences, grouped
    topics = _topics(curation, paragraph_topics, groups)
    briefing = compose_briefing(curation, articles, topics, statements, groups)
    unmatched = tuple(
        SourceRef(article, number) for (article, number), ids in sorted(paragraph_topics.items()) if not ids
    )
    all_notices = list(curation.warnings) + list(notices) + override_notices
    all_notices += [n for article in articles for n in article.notices]
    return Dossier(
        title=curation.title,
        subtitle=curation.subtitle,
        as_of=curation.as_of or _newest(articles),
        articles=tuple(sorted(articles, key=lambda a: a.id)),
        topics=topics,
        figures=tuple(sorted(figures, key=lambda f: f.sort_key)),
        groups=groups,
        statements=statements,
        quotes=quotes,
        events=events,
        entities=entities,
        unmatched=unmatched,
        notices=tuple(sorted(set(all_notices), key=lambda n: (n.file, n.line, n.message))),
        briefing=briefing,
    )


def _runs(figures: tuple[Figure, ...], analyses: Sequence[Analysis]) -> list[tuple[Figure, ...]]:
    """The figures (those of the analyses, in order, their ids made distinct and the analyst's
    overrides applied) cut by article: the analysis's own tuple where none of its figures was
    changed (under `mkdocs serve`, the very tuple of the last build for an unchanged article)."""
    runs, start = [], 0
    for analysis in analyses:
        run = figures[start:start + len(analysis.figures)]
        start += len(analysis.figures)
        runs.append(analysis.figures if run == analysis.figures else run)  # (compared by identity first, in C)
    return runs


def forget_sentences() -> None:
    """Let go of what assembling remembers of sentences across calls: their comparison
    features and word stems (`dossier.assemble.clusters`) and which are rhetoric
    (`dossier.assemble.briefing`). A build that runs once no longer needs them once assembled
    (at 10,000 articles about 45 MB of the peak, which is reached while the pages are written);
    under `mkdocs serve` they stay, for the next save."""
    clusters.forget()
    briefing.forget()


def forget_records() -> None:
    """Let go of what is remembered of the last dossier's records: what the memos made of
    them (`dossier.reuse.Memo`: their content keys, `KEYS`, which holds the records keyed) and
    the ranking of its figure groups (`dossier.assemble.briefing.headline_groups`)."""
    forget_memos()
    briefing.forget_ranking()


def _newest(articles: Sequence[Article]):
    dates = [a.date for a in articles if a.date is not None]
    return max(dates, key=lambda d: d.sort_key) if dates else None


def _mention_topics(mentions: Sequence[Mention], paragraph_topics: ParagraphTopics) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for mention in mentions:
        for topic in paragraph_topics.get((mention.source.article, mention.source.paragraph), ()):
            found.setdefault(topic)
    return tuple(found)


def _with_topics(items, paragraph_topics: ParagraphTopics):
    """The items with the topics of the paragraphs they are mentioned in (an item whose topics
    are already those is kept as it is: copying it would give an equal item). Under `mkdocs
    serve` an item the last build had too (the very object, `dossier.reuse`: a statement or
    the events of a date, made again only of changed records) is given what it was given
    then: its mentions are those of unchanged articles, whose paragraphs' topics are those of
    then (they are the analysis's; a change to the curation analyses every article again)."""
    return tuple(REUSE.get("with topics", (item,), partial(_given_topics, item, paragraph_topics)) for item in items)


def _given_topics(item, paragraph_topics: ParagraphTopics):
    topics = _mention_topics(item.mentions, paragraph_topics)
    return item if topics == item.topics else replace(item, topics=topics)


def _topics(curation: Curation, paragraph_topics: ParagraphTopics, groups) -> tuple[Topic, ...]:
    """Topics in curation order; related = curated links, then topics sharing figure groups."""
    topics = []
    by_topic: dict[str, list[SourceRef]] = {spec.id: [] for spec in curation.topics}
    for (article, number), ids in sorted(paragraph_topics.items()):  # one pass, not one per topic
        for topic_id in dict.fromkeys(ids):
            if topic_id in by_topic:
                by_topic[topic_id].append(SourceRef(article, number))
    for spec in curation.topics:
        paragraphs = tuple(by_topic[spec.id])
        related = list(spec.related)
        for group in groups:
            if spec.id in group.topics:
                related += [t for t in group.topics if t != spec.id and t not in related]
        topics.append(
            Topic(spec.id, spec.title, spec.description, tuple(related), paragraphs, spec.notes)
        )
    return tuple(topics)
