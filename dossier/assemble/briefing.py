"""The briefing on top of the record: each topic's key takeaways and the bottom line.

Takeaways. A topic's statements are ranked by :func:`score`, best first:

0. whether its own words use any of the topic's phrases or keywords (or a one-word keyword
   in another form: "vaccinated" for "vaccination"), or it carries a headline figure (a
   statement is in a topic by its paragraph, and a paragraph's other sentences may be about
   something else: a quote beside the toll is no takeaway on the floods before a sentence
   that names them);
1. independent originators (a speech relayed by three outlets is one originator; three
   outlets reporting on their own account are three);
2. whether it carries a headline figure (a figure of one of the top figure groups);
3. recency (the newest article reporting it);
4. how many articles report it (relays count here, after the originators);
5. fit to the topic (how many of the topic's phrases and keywords it uses);
6. then its id, so the order is stable.

Fragments (headings, bylines), questions and rhetoric are left out by general rules (see
:func:`is_rhetoric`); a statement that says nearly the same as a better-ranked one (the same
numbers and half its content words, or the same speaker's same figures and a fifth of them)
is merged into it; one that says the same with other figures ("The toll has reached 75" after
"The toll has reached 41": a rival count or an update) is no takeaway of its own but one of
the better one's `variants`, which the pages show beside it. At most `takeaways` are kept (a
curation setting, 7 by default, also per topic); every other statement of the topic stays
available, collapsed, in reading order.

Bottom line. Up to five clauses, composed by the templates from: the analyst's own
`bottom_line:` sentences (first; with `replace: true`, only those), the headline figure
groups (latest value, range, claimants; never a group of what no metric names, "Other"), the
most independently supported takeaway, what is disputed, and the analyst's judgments (the
topics' notes). Nothing is invented: each clause holds the data it is composed from and the
source paragraphs it rests on.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from dataclasses import replace

from dossier.analyse.dates import DAY_OF_MONTH
from dossier.analyse.numbers import find_numbers
from dossier.assemble.clusters import STOPWORDS, _source_key, features
from dossier.curation.model import Curation, TopicSpec
from dossier.model import STATES, Article, Briefing, Clause, FigureGroup, Statement, Takeaway, Topic, is_tally, source_order
from dossier.reuse import REUSE, Memo

MAX_BOTTOM_LINE = 5
HEADLINE_GROUPS = 5
MIN_WORDS = 6  # shorter sentences ("It always is.", "So far, only there.") are not takeaways
MAX_TAKEAWAY_CHARS = 320  # a takeaway is a sentence, not a paragraph

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_COURTESY = re.compile(r"\b(?:thank|thanks|thankful|grateful|gratitude|condolences|sympath(?:y|ies)|"
                       r"glory\s+to|god\s+bless|pray|prayers)\b", re.IGNORECASE)
_SPEAKER_PERSON = re.compile(r"\b(?:we|us|our|you|your|let's|let\s+us)\b", re.IGNORECASE)
_OBLIGATION = re.compile(r"\b(?:must|need\s+to|needs\s+to|should|have\s+to|has\s+to|ought\s+to|"
                         r"let's|let\s+us|will\s+continue|shall)\b", re.IGNORECASE)


def is_rhetoric(text: str) -> bool:
    """Whether a sentence is rhetoric or a pleasantry rather than information, by general
    rules (no word list of any one event):

    * short (fewer than MIN_WORDS words): "It always is.", "My condolences...";
    * a question;
    * little content: fewer than three content words and no figure or name;
    * courtesy: thanks, condolences, sympathy, prayers;
    * a first- or second-person exhortation without a figure: "We need to put real pressure
      on Russia", "We must stand together", "Let us ...".
    """
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or text.rstrip(" \"”'’)").endswith("?"):
        return True
    # little content: the names are looked for only then (most sentences have content enough)
    if sum(1 for w in words if len(w) > 2 and w.lower() not in STOPWORDS) < 3 \
            and not any(w[:1].isupper() and w.lower() not in STOPWORDS for w in words[1:]) \
            and not _has_figure(text):
        return True
    if _COURTESY.search(text):
        return True
    return bool(_SPEAKER_PERSON.search(text) and _OBLIGATION.search(text) and not _has_figure(text))


def _has_figure(text: str) -> bool:
    """Whether the text states a number (the one number parser: digits, words, scales). Asked
    only when the cheaper tests leave it open: parsing numbers is most of `is_rhetoric`'s work."""
    return bool(find_numbers(text))


def headline_groups(groups: Sequence[FigureGroup]) -> list[FigureGroup]:
    """Figure groups, most important first: totals before what is only a part of one, an
    addition ("7 more bodies"), a count of another event, a tally of years ("since 2014") or
    an unclassified number; then
    reported by most articles, then by most claimants, groups of one report last.

    The ranking of a dossier's groups (a tuple) is made once: the briefing asks for it, then
    the pages, of the very same tuple. Under `mkdocs serve` a group of the last build (the
    very object: `dossier.reuse`) keeps its rank's key."""
    last = _RANKED[0]  # (read once: the PDF is typeset on a thread of `mkdocs serve`)
    if last[0] is groups:
        return list(last[1])
    keys = _RANK.values(groups)  # (looked up for all at once: one `REUSE.get` a group took 0.06 s at 10,000 articles)
    ranked = [groups[i] for i in sorted(range(len(groups)), key=keys.__getitem__)]
    if isinstance(groups, tuple):  # (immutable: what is ranked stays what was ranked)
        _RANKED[0] = (groups, tuple(ranked))
    return ranked


def _rank(group: FigureGroup) -> tuple:
    return (is_secondary(group), -len({f.source.article for f in group.figures}), group.agreement == "single",
            -len(group.claimants), group.label, group.id)


_RANK: Memo[tuple] = Memo(_rank)
"""Each group's `_rank`, by identity (under `mkdocs serve` an unchanged group keeps its own)."""

_RANKED: list[tuple[Sequence[FigureGroup] | None, tuple[FigureGroup, ...]]] = [(None, ())]
"""The last tuple of groups ranked and its ranking (`headline_groups`), replaced whole."""


def is_context(group: FigureGroup) -> bool:
    """A number no metric names ("Other") or another event's count ("Last year, 3,105 people
    died crossing"): context on the figures page, no headline figure of this event."""
    return group.metric == "other" or all(f.background for f in group.figures)


def is_secondary(group: FigureGroup) -> bool:
    """A part of another count, an addition ("7 more bodies"), a count of another event or of
    those still in a state, a tally of years, or a number no metric names: never a headline
    ahead of this event's counts."""
    return (group.part_of is not None or group.metric == "other"
            or all(f.increment or f.background or f.planned or f.counted.endswith(STATES) or is_tally(f.counted)
                   for f in group.figures))


def compose_briefing(
    curation: Curation,
    articles: Sequence[Article],
    topics: Sequence[Topic],
    statements: Sequence[Statement],
    groups: Sequence[FigureGroup],
) -> Briefing:
    """Each topic's takeaways (and the rest of its statements) and the bottom line."""
    dates = {a.id: (a.date.sort_key if a.date else (0, 0, 0)) for a in articles}
    headline = headline_groups(groups)[:HEADLINE_GROUPS]
    headline_spans = {(f.source.article, f.source.paragraph): [] for g in headline for f in g.figures}
    for g in headline:
        for f in g.figures:
            headline_spans[(f.source.article, f.source.paragraph)].append(f.source.start)
    counts_at = REUSE.grouped("figure counts", groups, _counts_of)  # (under `mkdocs serve`, the last save's changed)
    counts: dict[int, frozenset] = {}  # per statement (by identity): what its figures count
    takeaways: dict[str, tuple[Takeaway, ...]] = {}
    rest: dict[str, tuple[Statement, ...]] = {}
    by_topic: dict[str, list[Statement]] = {topic.id: [] for topic in topics}
    for statement in statements:  # one pass, not one per topic
        for topic_id in statement.topics:
            if topic_id in by_topic:
                by_topic[topic_id].append(statement)
    reach: dict[int, tuple] = {}  # per statement (by identity): the part of its score no topic changes
    _SCORES.start(dates, headline_spans, curation.topics)
    for topic in topics:
        spec = curation.topic(topic.id)
        limit = spec.takeaways if spec and spec.takeaways else curation.takeaways
        own = by_topic[topic.id]
        # under `mkdocs serve` a statement the last build scored for this topic keeps its score
        # (the same statement: its sentences are those of unchanged articles; see `_Scores`)
        ranks = functools.partial(_SCORES.ranks, topic.id,
                                  functools.partial(score, spec=spec, dates=dates, spans=headline_spans, reach=reach))
        chosen = choose_takeaways(own, spec, dates, headline_spans, limit, ranks=ranks,
                                  counted=lambda s: _counted(s, counts_at, counts))
        takeaways[topic.id] = chosen
        # the others, where each is first reported (its mentions are in source order); one whose
        # first mention is in no takeaway is one (most of them, told without hashing mentions)
        kept = {m for t in chosen for m in t.statement.mentions}
        kept_at = {_source_key(m) for m in kept}
        first = _FIRST.values(own)
        rest[topic.id] = tuple(own[i] for i in sorted(range(len(own)), key=first.__getitem__)
                               if first[i] not in kept_at or not all(m in kept for m in own[i].mentions))
    bottom = bottom_line(curation, topics, takeaways, headline, groups)
    return Briefing(bottom_line=bottom, takeaways=takeaways, rest=rest, limit=curation.takeaways)


class _Scores:
    """The takeaway scores of the last briefing made, for the next one in the same process.

    Under `mkdocs serve` a statement of the build before (by identity: `dossier.reuse.REUSE`)
    holds the same sentences, of the same articles, so for the same topic it has the score it
    had then, as long as the topics' specifications are those of then, and none of its
    articles has another date and none of its paragraphs gained or lost a headline figure (a
    save that adds a figure to a headline group changes that at the saved article alone)."""

    def __init__(self) -> None:
        self.specs: tuple | None = None
        self.dates: dict = {}  # each article's date's sort key
        self.spans: dict = {}  # where the headline figures are, per paragraph (see `compose_briefing`)
        self.moved: frozenset = frozenset()  # the articles whose date is not that of the last briefing
        self.changed: frozenset = frozenset()  # the paragraphs whose headline figures are not those of it
        # per topic, each statement's (score, articles, paragraphs), given as they are made
        self.of_topic: dict[str, Memo[tuple]] = {}

    def start(self, dates: dict, spans: dict, specs: Sequence[TopicSpec]) -> None:
        """A briefing begins: what it may take from the last one (under `mkdocs serve`)."""
        if tuple(specs) != self.specs:
            self.specs, self.dates, self.spans, self.of_topic = tuple(specs), {}, {}, {}
        self.moved = _differ(dates, self.dates)
        self.changed = _differ(spans, self.spans)
        self.dates, self.spans = dates, spans

    def ranks(self, topic: str, scored: Callable[[Statement], tuple], statements: Sequence[Statement]) -> list[tuple]:
        """Each statement's score for `topic` (`scored`), or what it was in the last briefing,
        looked up for all at once (at 10,000 articles, 57,000 a save: one at a time, with
        what else each was made from checked, they took a third of the briefing)."""
        if not REUSE.enabled:  # (a build that runs once)
            return list(map(scored, statements))
        memo = self.of_topic.get(topic) or self.of_topic.setdefault(topic, Memo())
        moved, changed = self.moved, self.changed
        found = memo.values(statements, lambda again: [(scored(statement), *_WHERE(statement)) for statement in again],
                            fresh=lambda kept: moved.isdisjoint(kept[1]) and changed.isdisjoint(kept[2]))
        return [entry[0] for entry in found]

    def forget(self) -> None:
        self.specs, self.dates, self.spans, self.of_topic = None, {}, {}, {}
        _WHERE.clear()


_FIRST: Memo[tuple] = Memo(lambda statement: _source_key(statement.mentions[0]))
"""Where each statement is first reported (`_source_key` of its first mention), by identity."""

_WHERE: Memo[tuple[frozenset, frozenset]] = Memo(lambda statement: (
    frozenset(m.source.article for m in statement.mentions),
    frozenset((m.source.article, m.source.paragraph) for m in statement.mentions)))
"""Each statement's articles and paragraphs (what a score kept is checked against)."""


def _differ(new: dict, old: dict) -> frozenset:
    return frozenset(k for k in new.keys() | old.keys() if new.get(k) != old.get(k))


_SCORES = _Scores()


def _counts_of(group: FigureGroup) -> Iterator[tuple[tuple[str, int], tuple[int, tuple[str, str], str]]]:
    """Per paragraph, where each figure of a named metric is and what it counts (metric and
    counted noun: what tells a takeaway's variants, `_variant`; not its group, whose place may
    be lent by the article's dateline), as (start, (metric, counted), figure id)."""
    if group.metric != "other":
        count = (group.metric, group.counted)
        for f in group.figures:
            yield (f.source.article, f.source.paragraph), (f.source.start, count, f.id)


def _counted(statement: Statement, counts_at: dict, known: dict[int, frozenset]) -> frozenset:
    """What the figures the statement's words give count (metric and counted noun, of a named
    metric), computed once a statement."""
    found = known.get(id(statement))
    if found is None:
        found = known[id(statement)] = frozenset(
            count for m in statement.mentions for start, count, _ in counts_at.get((m.source.article, m.source.paragraph), ())
            if m.source.start <= start < m.source.end)
    return found


def _carries_headline(statement: Statement, spans: dict) -> bool:
    for m in statement.mentions:
        for start in spans.get((m.source.article, m.source.paragraph), ()):
            if m.source.start <= start < m.source.end:
                return True
    return False


def _fit(text: str, spec: TopicSpec | None) -> int:
    if spec is None:
        return 0
    lower = text.lower()
    return sum(1 for phrase, pattern in _phrase_patterns((*spec.phrases, *spec.keywords))
               if phrase in lower and pattern.search(lower))  # the plain test first: it is cheaper


def _touches(text: str, spec: TopicSpec) -> bool:
    """Whether the text uses a word of the topic's one-word keywords in another form
    ("vaccinated" for "vaccination", "shelled" for "shelling"): the first five letters of a
    word of five or more."""
    return not _topic_stems(spec).isdisjoint(_STEM.findall(text.lower()))


_STEM = re.compile(r"(?<![\w])([a-z]{5})[a-z]*")


@functools.lru_cache(maxsize=64)
def _topic_stems(spec: TopicSpec) -> frozenset[str]:
    """The first five letters of the topic's one-word phrases and keywords of five or more."""
    return frozenset(word.lower()[:5] for word in (*spec.phrases, *spec.keywords) if " " not in word and len(word) >= 5)


@functools.lru_cache(maxsize=64)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A topic's phrases and keywords (lower-case) with their whole-word patterns, compiled
    once per topic."""
    return tuple((phrase.lower(), re.compile(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)"))
                 for phrase in phrases)


def score(statement: Statement, spec: TopicSpec | None, dates: dict, spans: dict,
          reach: dict[int, tuple] | None = None) -> tuple:
    """The sort key of a candidate takeaway: smaller is better (see the module docstring).
    `reach`: the first four parts (they do not depend on the topic) already computed, per
    statement by identity; filled in here."""
    known = reach.get(id(statement)) if reach is not None else None
    if known is None:
        articles = {m.source.article for m in statement.mentions}  # = statement.articles, unsorted
        newest = max(map(dates.get, articles, repeat((0, 0, 0))))
        known = (-len(statement.originators), not _carries_headline(statement, spans),
                 tuple(-x for x in newest), -len(articles))
        if reach is not None:
            reach[id(statement)] = known
    fit = _fit(statement.text, spec)
    return (spec is not None and fit == 0 and known[1] and not _touches(statement.text, spec), *known, -fit, statement.id)


def choose_takeaways(statements: Sequence[Statement], spec: TopicSpec | None, dates: dict,
                     spans: dict, limit: int, *, ranks: Callable[[Sequence[Statement]], list[tuple]] | None = None,
                     counted=lambda statement: frozenset()) -> tuple[Takeaway, ...]:
    """At most `limit` takeaways, near-duplicates merged into the better-ranked one, and what
    says the same with other figures kept as its variants. `ranks`: the `score` of each of a
    list of statements (for this topic, dates and headline figures), as the briefing keeps
    them; computed here without it. `counted`: what the figures a statement gives count (see
    `_variant`; without it, no statement has variants)."""
    if ranks is None:
        ranks = functools.partial(map, functools.partial(score, spec=spec, dates=dates, spans=spans))
    candidates = [s for s in statements if _may_be_takeaway(s.text)]
    keys = list(ranks(candidates))
    chosen: list[Statement] = []
    twins: list[list[Statement]] = []  # what merges into each chosen one (only its text and
    # speaker decide: merged once at the end)
    variants: list[list[Statement]] = []  # what each chosen one says with other figures
    kinds: dict[tuple, list[int]] = {}  # the chosen ones with numbers, by names and speaker (see _variant)
    alike: dict[frozenset[str], list[int]] = {}  # the chosen ones by their numbers: a near-
    # duplicate has the same (see _near_duplicate)
    for statement in _best_first(candidates, keys, lambda: len(chosen) < limit):
        # rhetoric is no takeaway, and merges into none: asked only of a statement that would
        # be chosen or merged (a topic's best few, and the few near-duplicates of those)
        own = features(statement.text)
        same = alike.get(own.numbers)  # (most of a topic's statements share no chosen one's numbers)
        twin = next((i for i in same if _near_duplicate(chosen[i], statement)), None) if same else None
        if twin is not None:
            if not _rhetoric(statement.text):
                twins[twin].append(statement)
            continue
        kind = (own.names, statement.speaker)
        near = kinds.get(kind) if own.numbers else None
        other = next((i for i in near if _variant(chosen[i], statement, counted)), None) if near else None
        if other is not None:
            if not _rhetoric(statement.text):
                variants[other].append(statement)
        elif len(chosen) < limit and not _rhetoric(statement.text):
            alike.setdefault(own.numbers, []).append(len(chosen))
            if own.numbers:
                kinds.setdefault(kind, []).append(len(chosen))
            chosen.append(statement)
            twins.append([])
            variants.append([])
    chosen = [_merged(c, merged) if merged else c for c, merged in zip(chosen, twins)]
    # (those found once all were chosen come in no order)
    key_of = {id(s): key for s, key in zip(candidates, keys)} if any(variants) else {}
    return tuple(Takeaway(s, score(s, spec, dates, spans), _carries_headline(s, spans),
                          tuple(sorted(others, key=lambda other: key_of[id(other)])))
                 for s, others in zip(chosen, variants))


def _best_first(items: Sequence[Statement], keys: Sequence, ordered) -> Iterator[Statement]:
    """The items by their `keys` (ties: in the order given) while `ordered()` holds, then the
    rest in no particular order: the takeaways need the ranking only until all are chosen
    (each one after that is only compared with the chosen ones), so a heap ranks only those
    popped instead of sorting every candidate."""
    heap = [(key, position) for position, key in enumerate(keys)]
    heapq.heapify(heap)
    while heap and ordered():
        yield items[heapq.heappop(heap)[1]]
    for _, position in heap:
        yield items[position]


def _may_be_takeaway(text: str) -> bool:
    """A complete sentence, not too long (and, asked later of the few it matters for, not
    rhetoric: `_rhetoric`)."""
    return features(text).complete and len(text) <= MAX_TAKEAWAY_CHARS


_rhetoric = functools.lru_cache(maxsize=1 << 16)(is_rhetoric)  # a statement in several topics is asked about once


def forget() -> None:
    """Let go of which sentences are rhetoric, as remembered, and of the last scoring context
    (`dossier.assemble.forget_sentences`)."""
    _rhetoric.cache_clear()
    _days.cache_clear()
    _SCORES.forget()


def forget_ranking() -> None:
    """Let go of the last groups ranked (`headline_groups`), and so of their records."""
    _RANKED[0] = (None, ())


def _merged(statement: Statement, twins: Sequence[Statement]) -> Statement:
    """The statement with its near-duplicates' mentions and outlets."""
    mentions = set(statement.mentions).union(*(t.mentions for t in twins))
    outlets = set(statement.outlets).union(*(t.outlets for t in twins))
    return replace(statement, mentions=tuple(sorted(mentions, key=_source_key)), outlets=tuple(sorted(outlets)))


def _near_duplicate(a: Statement, b: Statement) -> bool:
    fa, fb = features(a.text), features(b.text)
    if fa.numbers != fb.numbers or not fa.stems or not fb.stems:
        return False
    overlap = len(fa.stems & fb.stems) / len(fa.stems | fb.stems)
    if a.speaker and a.speaker == b.speaker and fa.numbers:
        return overlap >= 0.2  # the same person's same figure, worded twice
    return overlap >= 0.5 and (a.speaker == b.speaker or not a.speaker or not b.speaker)


VARIANT_WORDS = 0.6
"""The share of their content words two statements with other figures must have in common to
say the same thing (`_variant`)."""


def _variant(a: Statement, b: Statement, counted) -> bool:
    """Whether `b` says what `a` says with other figures: "The number of dead has reached 75"
    beside "... has reached 41" (a rival count, or an update). The same speaker (or none),
    the same names and days of the month, most of the same content words, other numbers, and
    figures that count the same things (`counted`: metric and counted noun, of a named metric;
    a place the sentence does not name is in neither, else its names differ): "A
    magnitude 5.7 earthquake struck near Tamsk on 15 July" and "... on 1 November" are two
    events, and "Rescuers cleared building number 3" and "... number 7" two buildings, not
    one thing told twice."""
    fa, fb = features(a.text), features(b.text)
    if not fa.numbers or not fb.numbers or fa.numbers == fb.numbers or fa.names != fb.names \
            or a.speaker != b.speaker or not fa.stems or not fb.stems:
        return False
    if len(fa.stems & fb.stems) < VARIANT_WORDS * len(fa.stems | fb.stems) or _days(a.text) != _days(b.text):
        return False
    counts = counted(a)
    return bool(counts) and counts == counted(b)


def figures_written(text: str) -> tuple[str, ...]:
    """The numbers a statement gives, as written and in order ("75", "more than 200"): what
    tells a takeaway's variants apart (the one number parser, `find_numbers`)."""
    return tuple(m.text for m in find_numbers(text))


@functools.lru_cache(maxsize=4096)  # a chosen takeaway is compared with many statements
def _days(text: str) -> tuple[str, ...]:
    return tuple(" ".join(m.group(0).lower().split()) for m in DAY_OF_MONTH.finditer(text))


def bottom_line(curation: Curation, topics: Sequence[Topic], takeaways: dict[str, tuple[Takeaway, ...]],
                headline: Sequence[FigureGroup], groups: Sequence[FigureGroup]) -> tuple[Clause, ...]:
    """The analyst's sentences, then composed clauses, at most MAX_BOTTOM_LINE in all (the
    analyst's own are always kept)."""
    own = [Clause("analyst", text=text) for text in curation.bottom_line]
    if curation.bottom_line_replace:
        return tuple(own)
    composed: list[Clause] = []
    # the counts the analyst's topics name (`metrics:`), in the order named, lead: a fire's dead
    # before its containment, however many reports each has; then the most reported
    named = {metric: i for i, metric in enumerate(dict.fromkeys(m for t in curation.topics for m in t.metrics))}
    # a number no metric names ("Other": 2,300 patients whose appointments were cancelled, then
    # 300,000 whose records were taken) may count anything: no clause of the bottom line
    known = [g for g in headline if g.metric != "other"]
    reported = [g for g in known if len(g.figures) > 1]
    figures = sorted(reported, key=lambda g: named.get(g.metric, len(named)) if not is_secondary(g) else len(named) + 1)[:2] \
        or known[:1]
    composed += [Clause("figure", refs=_refs(g), group=g) for g in figures]
    best = sorted((t for ts in takeaways.values() for t in ts), key=lambda t: t.score)
    seen: set[str] = set()
    for t in best:
        if t.statement.id not in seen and not t.headline:
            composed.append(Clause("takeaway", refs=_statement_refs(t.statement), statement=t.statement))
            break
    disputed = headline_groups([g for g in groups if is_disputed(g) and g not in figures])  # (ranked
    # by a total order: filtering first leaves the same ones in the same order)
    if disputed:
        composed.append(Clause("disputed", refs=_refs(disputed[0]), group=disputed[0]))
    for topic in topics:
        for note in topic.notes:
            composed.append(Clause("judgment", text=note, topic=topic.id))
    judgments = [c for c in composed if c.kind == "judgment"][:1]
    others = [c for c in composed if c.kind != "judgment"]
    room = max(0, MAX_BOTTOM_LINE - len(own) - len(judgments))
    return tuple(own + others[:room] + judgments)


def is_disputed(group: FigureGroup) -> bool:
    """Different claimants disagree as of the same date, or a count fell below another claimant's."""
    return group.agreement == "differ"


def _refs(group: FigureGroup):
    return _each_paragraph_once(f.source for f in group.figures)


def _statement_refs(statement: Statement):
    return _each_paragraph_once(m.source for m in statement.mentions)


def _each_paragraph_once(refs):
    """The paragraphs cited, each once and in source order: two figures of one paragraph are
    one link ("Halvik Radio ¶3, Halvik Radio ¶3" was the same paragraph twice)."""
    first: dict[tuple[str, int], object] = {}
    for ref in sorted(set(refs), key=source_order):
        first.setdefault((ref.article, ref.paragraph), ref)
    return tuple(first.values())

