"""The curation compiled once into a lexicon that analyse and render share.

Every stage that looks words up in the text (entity aliases, topic phrases and keywords, metric
words) asks the `Lexicon` of the curation instead of reading the raw curation
and building patterns per call. A lexicon is built once per curation (by its hash) and kept.

Lookups go through a `PhraseIndex`: the phrases are bucketed by their first characters, and the
text is visited once, word start by word start, so the cost grows with the text, not with the
number of phrases times the text (one big regular-expression alternation tries every branch at
every position; hundreds of separate patterns scan the text hundreds of times).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from dossier.curation.model import Curation, EntitySpec, MetricSpec, TopicSpec
from dossier.model import ClaimantKind

TOPIC_SUFFIXES = ("s", "es", "'s", "’s", "")
"""A topic phrase or keyword also matches with a plural or possessive ending."""

_KEY = 3  # phrases are bucketed by (up to) their first three characters
NAMED_KEPT = 20_000  # texts whose names a lexicon remembers (`Lexicon.named`)


def _is_word(char: str) -> bool:
    """`\\w` of Python's `re` for one character (letters, digits, underscore)."""
    return char.isalnum() or char == "_"


def _same_length_lower(text: str) -> str:
    """`text` in lower case, one character for one (`re.IGNORECASE` compares char by char)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class PhraseIndex:
    """Every occurrence of a set of phrases in a text, on word boundaries.

    `hyphen_bound`: a hyphen next to the phrase counts as part of a word (``(?<![\\w-])``), so
    "strike" is not found in "pre-strike"; otherwise only letters, digits and ``_`` do.
    `ignore_case`: compare in lower case; otherwise exactly as written.
    `suffixes`: endings allowed after the phrase (tried in order; "" = none).
    """

    def __init__(self, phrases: Sequence[str], *, hyphen_bound: bool, ignore_case: bool,
                 suffixes: Sequence[str] = ("",)) -> None:
        self.phrases = tuple(phrases)
        self.hyphen_bound = hyphen_bound
        self.ignore_case = ignore_case
        self.suffixes = tuple(suffixes)
        self._starts = re.compile(r"(?<![\w-])\w" if hyphen_bound else r"(?<!\w)\w")
        self._buckets: dict[str, list[tuple[str, int]]] = {}
        self._odd: list[tuple[re.Pattern[str], int]] = []  # phrases not starting with a word char
        for index, phrase in enumerate(self.phrases):
            key_text = phrase.lower() if ignore_case else phrase
            if not phrase:
                continue
            if not _is_word(phrase[0]):
                self._odd.append((self._pattern(phrase), index))
                continue
            self._buckets.setdefault(key_text[:_KEY], []).append((key_text, index))
        for bucket in self._buckets.values():
            bucket.sort(key=lambda item: (-len(item[0]), item[1]))
        self._lengths = sorted({len(key) for key in self._buckets}, reverse=True)

    def _pattern(self, phrase: str) -> re.Pattern[str]:
        left, right = (r"(?<![\w-])", r"(?![\w-])") if self.hyphen_bound else (r"(?<!\w)", r"(?!\w)")
        ends = "|".join(re.escape(s) for s in self.suffixes)
        flags = re.IGNORECASE if self.ignore_case else 0
        return re.compile(left + re.escape(phrase) + f"(?:{ends})" + right, flags)

    def _bounded(self, text: str, end: int) -> int | None:
        """Where the match ends after an allowed suffix and a right word boundary, or None."""
        for suffix in self.suffixes:
            stop = end + len(suffix)
            if suffix and (self.ignore_case and text[end:stop].lower() != suffix
                           or not self.ignore_case and text[end:stop] != suffix):
                continue
            after = text[stop:stop + 1]
            if not after or not (_is_word(after) or (self.hyphen_bound and after == "-")):
                return stop
        return None

    def find_all(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, phrase index) of every occurrence of every phrase, overlaps included."""
        folded = _same_length_lower(text) if self.ignore_case else text
        found: list[tuple[int, int, int]] = []
        buckets, lengths = self._buckets, self._lengths
        for match in self._starts.finditer(text):  # `_at`, inlined: this runs once per word of every text
            start = match.start()
            for length in lengths:
                # (near the end a longer slice is a shorter key: its bucket once, not twice)
                bucket = buckets.get(folded[start:start + length]) if start + length <= len(folded) else None
                if bucket:
                    for key_text, index in bucket:
                        if folded.startswith(key_text, start):
                            end = self._bounded(text, start + len(key_text))
                            if end is not None:
                                found.append((start, end, index))
        for pattern, index in self._odd:
            found.extend((m.start(), m.end(), index) for m in pattern.finditer(text))
        return found

    def scan(self, text: str, only: Set[int] | None = None) -> list[tuple[int, int, int]]:
        """Non-overlapping matches left to right, the longest at each position (what a regular
        expression alternation of the phrases, longest first, finds). `only`: of these phrases
        (by index) alone, as an index of them would find them."""
        found = self.find_all(text)
        if only is not None:
            found = [f for f in found if f[2] in only]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
        kept: list[tuple[int, int, int]] = []
        for item in found:
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return kept

    def present(self, text: str) -> set[int]:
        """The indexes of the phrases found at least once."""
        return {index for _, _, index in self.find_all(text)}


@dataclass(frozen=True)
class Alias:
    """One spelling of a curated entity, with the case rule of `dossier.analyse.entities`."""

    text: str
    entity: EntitySpec

    def case_ok(self, found: str) -> bool:
        """An alias in lower case matches in any case; one with capitals matches as written,
        except that its first letter may change case (at a sentence start)."""
        if self.text == self.text.lower():
            return True
        return found[1:] == self.text[1:] and found[:1].lower() == self.text[:1].lower()


class Lexicon:
    """The curation's words, compiled once: see the module docstring."""

    def __init__(self, curation: Curation) -> None:
        self.key = curation_hash(curation)
        self.topics: tuple[TopicSpec, ...] = curation.topics
        self.metrics: tuple[MetricSpec, ...] = curation.metrics
        self.entities: tuple[EntitySpec, ...] = curation.entities
        self.entity_by_name = {spec.name: spec for spec in curation.entities}
        self.aliases = _ordered_aliases(curation.entities)
        self.alias_index = PhraseIndex([a.text for a in self.aliases], hyphen_bound=False, ignore_case=True)
        # who or where a phrase names (`named`, `occurrences`): each name and alias as (alias,
        # entity), longest first, then in curation order; looked up by its words in lower case
        self.name_pairs: tuple[tuple[str, EntitySpec], ...] = tuple(sorted(
            ((alias, spec) for spec in curation.entities for alias in (spec.name, *spec.aliases)),
            key=lambda pair: -len(pair[0])))
        ranks: dict[str, list[int]] = {}
        for rank, (alias, _) in enumerate(self.name_pairs):
            if words := " ".join(alias.lower().split()):
                ranks.setdefault(words, []).append(rank)
        keys = sorted(ranks, key=lambda words: (-len(words), words))
        self._name_ranks = tuple(tuple(ranks[key]) for key in keys)
        self._name_index = PhraseIndex(keys, hyphen_bound=True, ignore_case=True)
        self._named: dict[str, tuple[tuple[str, EntitySpec, int, int], ...]] = {}  # by text: claimants' and places'
        # names come back sentence after sentence ("the health ministry", "Kharkiv")
        terms = sorted({t.lower() for spec in curation.topics for t in (*spec.phrases, *spec.keywords)})
        self._topic_terms = {term: i for i, term in enumerate(terms)}
        self.topic_index = PhraseIndex(terms, hyphen_bound=True, ignore_case=True, suffixes=TOPIC_SUFFIXES)
        words: dict[str, list[MetricSpec]] = {}
        for metric in curation.metrics:
            for word in metric.words:
                if word.strip() and metric not in words.setdefault(word.lower(), []):
                    words[word.lower()].append(metric)
        self.metric_words = {word: tuple(specs) for word, specs in words.items()}
        ordered = sorted(self.metric_words, key=lambda w: (-len(w), w))
        self.metric_pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])" if ordered else r"(?!x)x",
            re.IGNORECASE,
        )
        """Every metric word of the curation in one pattern, longest first."""

    # --- entities ---------------------------------------------------------------------

    def alias_matches(self, text: str) -> list[tuple[Alias, int, int]]:
        """Curated entity mentions: every alias occurrence that passes the case rule, longest
        alias first, an occurrence overlapping one already taken dropped; in text order."""
        found = [(index, start, end) for start, end, index in self.alias_index.find_all(text)
                 if self.aliases[index].case_ok(text[start:end])]
        found.sort()
        taken: list[tuple[Alias, int, int]] = []
        for index, start, end in found:
            if all(end <= s or start >= e for _, s, e in taken):
                taken.append((self.aliases[index], start, end))
        return sorted(taken, key=lambda t: t[1])

    def named(self, text: str) -> tuple[tuple[str, EntitySpec, int, int], ...]:
        """(the alias as written, its entity, start, end) for each curated name or alias in
        `text`, in order: any case, any spacing between its words, not inside a word or a
        hyphenated one; where several start at one place the longest, and none overlapping
        (what a regular expression of the aliases, longest first, finds). An alias two
        entities share names the first of the curation."""
        known = self._named.get(text)
        if known is not None:
            return known
        spaced, at = _single_spaced(text)
        found = []
        for start, end, index in self._name_index.scan(spaced):
            start, end = (at[start], at[end - 1] + 1) if at else (start, end)
            found.append((text[start:end], self.name_pairs[self._name_ranks[index][0]][1], start, end))
        if len(self._named) >= NAMED_KEPT:
            self._named.clear()
        self._named[text] = found = tuple(found)
        return found

    def occurrences(self, text: str, *, exact_case: bool = False) -> list[tuple[int, int, int]]:
        """(start, end, rank) of every occurrence of every alias (`name_pairs[rank]`), overlaps
        included, any case (`exact_case`: as the alias is written), not inside a word or a
        hyphenated one, spaced as the alias is."""
        spaced, at = _single_spaced(text)
        found = []
        for start, end, index in self._name_index.find_all(spaced):
            start, end = (at[start], at[end - 1] + 1) if at else (start, end)
            written = text[start:end]
            for rank in self._name_ranks[index]:
                alias = self.name_pairs[rank][0]
                if written == alias or not exact_case and written.lower() == alias.lower():
                    found.append((start, end, rank))
        return found

    def resolve(self, phrase: str) -> EntitySpec | None:
        """The curated entity `phrase` names by its longest alias (`named`), if any."""
        named = self.named(phrase)
        return max(named, key=lambda found: len(found[0]))[1] if named else None

    def claimant(self, phrase: str) -> tuple[str, ClaimantKind] | None:
        """Who `phrase` names as a claimant (`resolve`): the entity's name, and "person" for a
        person, else "organisation"."""
        entity = self.resolve(phrase)
        return (entity.name, entity.claimant_kind) if entity else None

    # --- topics -----------------------------------------------------------------------

    def topic_terms(self, text: str) -> frozenset[str]:
        """The topic phrases and keywords (lower case) that occur in `text`."""
        terms = self.topic_index.phrases
        return frozenset(terms[i] for i in self.topic_index.present(text))

    # --- metrics ----------------------------------------------------------------------

    def metric_hits(self, text: str) -> list[tuple[int, int, tuple[MetricSpec, ...]]]:
        """Every metric word in the text, longest first where they overlap, with the metrics
        it signals (a word shared by two metrics: both compete)."""
        return [(m.start(), m.end(), self.metric_words[m.group(0).lower()])
                for m in self.metric_pattern.finditer(text)]


_IRREGULAR_SPACE = re.compile(r"[^\S ]|  ")


def _single_spaced(text: str) -> tuple[str, list[int] | None]:
    """`text` with each run of white space one space, and where each of its characters was in
    `text` (None: it was single-spaced already)."""
    if not _IRREGULAR_SPACE.search(text):
        return text, None
    spaced: list[str] = []
    at: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if spaced and spaced[-1] == " ":
                continue
            char = " "
        spaced.append(char)
        at.append(index)
    return "".join(spaced), at


def _ordered_aliases(entities: tuple[EntitySpec, ...]) -> tuple[Alias, ...]:
    """Every name and alias once per entity, longest first (then alphabetical)."""
    pairs = {(alias, spec.name) for spec in entities for alias in (spec.name, *spec.aliases) if alias.strip()}
    by_name = {spec.name: spec for spec in entities}
    return tuple(Alias(alias, by_name[name]) for alias, name in sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1])))


def curation_hash(curation: Curation) -> str:
    """A hash of what the analysis of an article depends on: topics, metrics and entities
    (not the per-source metadata, which reaches the analysis through the article itself)."""
    text = repr((curation.topics, curation.metrics, curation.entities))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


_LEXICONS: dict[str, Lexicon] = {}
_BY_IDENTITY: dict[int, tuple[Curation, Lexicon]] = {}


def lexicon_for(curation: Curation) -> Lexicon:
    """The lexicon of `curation`, built once per curation (looked up by identity, then hash)."""
    seen = _BY_IDENTITY.get(id(curation))
    if seen is not None and seen[0] is curation:
        return seen[1]
    key = curation_hash(curation)
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        if len(_LEXICONS) >= 8:
            _LEXICONS.clear()
        lexicon = _LEXICONS[key] = Lexicon(curation)
    if len(_BY_IDENTITY) >= 8:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(curation)] = (curation, lexicon)
    return lexicon
