"""Analyse: per article, a pure function of (article, curation), cached by content hash.

Finds the figures, quotations, dated events and entity mentions of one article, and which
topics each of its paragraphs belongs to.

`analyse_articles` analyses many articles: results come from the on-disk cache when the
article, the curation's analysed parts and the code are unchanged (see `dossier.cache`);
the rest are analysed, in a process pool when there are many of them.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterator, Sequence
import logging
from dataclasses import dataclass, field, replace
from functools import partial

from dossier import processes
from dossier.processes import default_workers
from dossier.cache import Cache, paused_gc
from dossier.curation.lexicon import lexicon_for
from dossier.curation.model import Curation
from dossier.model import Article, Entity, Event, Figure, Mention, Quote, content_key

log = logging.getLogger("dossier.analyse")
PARALLEL_THRESHOLD = 200
"""Analyse in a process pool only when at least this many articles are not cached: below it,
starting the workers costs more than it saves."""
FORK_READS = 100
"""Analyses read back from the cache's pack from which fewer than `PARALLEL_THRESHOLD`
missing ones are analysed in a forked child meanwhile (fewer: forking costs more than the
reading it overlaps)."""


@dataclass(frozen=True)
class Analysis:
    """What one article yields; `topics` maps a paragraph number to its topic ids."""

    article: str
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    entities: tuple[Entity, ...]
    topics: dict[int, tuple[str, ...]]
    sentences: tuple[Mention, ...] = ()  # every sentence of the text, with its span
    speakers: dict[tuple[int, int], str | None] = field(default_factory=dict)  # (paragraph, start) -> whose words
    figure_keys: tuple[bytes, ...] = ()  # each figure's `content_key`, made here once (`dossier.reuse.KEYS`)


def analyse_article(article: Article, curation: Curation) -> Analysis:
    """Analyse one article (kept in this process's memory by the article's content and the
    curation; see `analyse_articles` for the persistent cache)."""
    return analyse_articles([article], curation)[0]


def article_key(article: Article) -> bytes:
    """Everything of the article the analysis reads (text, date, outlet...), hashed: every
    field, encoded (`content_key`; its `repr` took three times as long: 0.19 s at 10,000
    articles, on every save under `mkdocs serve`)."""
    return content_key(article)


def analyse_articles(articles: Sequence[Article], curation: Curation, cache: Cache | None = None,
                     workers: int | None = None, *, keyed: Callable[[Article], bytes] = article_key) -> list[Analysis]:
    """The analysis of every article, in order: from `cache` (the persistent cache's
    `analysis` stage; None: this process's memory only) where it holds one, otherwise
    computed (in a pool of `workers` processes when many are missing). `keyed`: each
    article's `article_key` (a build gives its own `dossier.reuse.KEYS`: exporting the
    article asks for it again, and under `mkdocs serve` an unchanged article keeps its key
    from the last save)."""
    cache = cache if cache is not None else Cache(None, "analysis")
    lexicon = lexicon_for(curation)
    keys = [Cache.key("analysis", a.id, keyed(a), lexicon.key) for a in articles]
    workers = default_workers() if workers is None else workers
    stored = [cache.stored(key) for key in keys]
    absent = [i for i, where in enumerate(stored) if where is None]
    # A few articles new to the cache are analysed in a forked child while this process reads
    # the others back from the pack: the second core imports the extractors (their patterns
    # take a tenth of a second to compile) and analyses, this one unpickles.
    forked = workers > 1 and 0 < len(absent) < PARALLEL_THRESHOLD and stored.count("pack") >= FORK_READS
    with processes.in_child(partial(_pickled_analyses, [articles[i] for i in absent], curation)) \
            if forked else contextlib.nullcontext() as child:
        results: list[Analysis | None] = []
        for article, key in zip(articles, keys):
            found = cache.get(key)
            results.append(found if isinstance(found, Analysis) and found.article == article.id else None)
        if child is not None:
            for i, data in zip(absent, child.result(), strict=True):
                results[i] = pickle.loads(data)
                cache.put(keys[i], results[i], data)
    # (an entry the pack holds but cannot give back, damaged or of another article, too)
    missing = [i for i, r in enumerate(results) if r is None]
    for i, (analysis, pickled) in zip(missing, _compute([articles[i] for i in missing], curation, workers), strict=True):
        results[i] = analysis
        cache.put(keys[i], analysis, pickled)
    return results  # type: ignore[return-value]


def _pickled_analysis(article: Article, curation: Curation) -> bytes:
    """The article's analysis, pickled as the cache keeps it (made in another process, which
    sends it pickled anyway: a forked child, a pool's worker)."""
    return pickle.dumps(_analyse(article, curation), protocol=pickle.HIGHEST_PROTOCOL)


def _pickled_analyses(articles: list[Article], curation: Curation) -> list[bytes]:
    """Each article's analysis, pickled (in a forked child: `analyse_articles`)."""
    return [_pickled_analysis(article, curation) for article in articles]


def _compute(articles: list[Article], curation: Curation, workers: int,
             ) -> Iterator[tuple[Analysis, bytes | None]]:
    """Each article's analysis, in order, with its pickled bytes when a worker made it (the
    worker pickles it to send it anyway: the cache keeps those bytes, not pickled again)."""
    if workers < 2 or len(articles) < PARALLEL_THRESHOLD:
        for article in articles:
            yield _analyse(article, curation), None
        return
    # Spawned workers (`dossier.processes`): fresh interpreters, children of this process
    # (safe under the threads of `mkdocs serve`; their CPU and memory are accounted to it).
    from concurrent.futures.process import BrokenProcessPool  # (only a pool needs it: not imported by every build)

    chunk = max(1, min(64, len(articles) // (workers * 8)))
    done = 0
    try:
        with processes.pool(workers, _set_curation, (curation,)) as workers_pool:
            for data in workers_pool.map(_analyse_in_worker, articles, chunksize=chunk):
                with paused_gc():
                    analysis = pickle.loads(data)  # while the workers go on
                yield analysis, data
                done += 1
    except BrokenProcessPool as exc:  # e.g. called from a script without a __main__ guard
        log.warning(f"dossier: analysing without worker processes ({exc})")
        for article in articles[done:]:
            yield _analyse(article, curation), None


_WORKER_CURATION: list[Curation] = []


def _set_curation(curation: Curation) -> None:
    _WORKER_CURATION[:] = [curation]


def _analyse_in_worker(article: Article) -> bytes:
    return _pickled_analysis(article, _WORKER_CURATION[0])


def _analyse(article: Article, curation: Curation) -> Analysis:
    # The extractors are imported when an article is analysed, not with this package: their
    # patterns take a third of a second to compile, and a build whose analyses all come from
    # the cache, or a command that reads a date or the curation, never runs them.
    from dossier.analyse.entities import find_entities
    from dossier.analyse.events import extract_events
    from dossier.analyse.figures import extract_figures
    from dossier.analyse.quotes import extract_quotes, sentence_speakers
    from dossier.analyse.sentences import sentence_mentions
    from dossier.analyse.topics import match_topics

    lexicon = lexicon_for(curation)
    figures = extract_figures(article, curation)
    topics: dict[int, tuple[str, ...]] = {}
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        metrics = [f.metric for f in figures if f.source.paragraph == paragraph.number]
        topics[paragraph.number] = match_topics(lexicon, paragraph.text, metrics)
    figures = tuple(replace(f, topics=topics.get(f.source.paragraph, ())) for f in figures)
    quotes = extract_quotes(article, curation)
    return Analysis(
        article=article.id,
        figures=figures,
        quotes=quotes,
        events=extract_events(article, curation),
        entities=find_entities(article, curation),
        topics=topics,
        sentences=tuple(sentence_mentions(article)),
        speakers=sentence_speakers(article, curation, quotes, figures),
        figure_keys=tuple(map(content_key, figures)),
    )
