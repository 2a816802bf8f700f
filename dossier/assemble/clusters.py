"""Statements and quotations that say the same thing across articles, clustered.

Every sentence of every article is a candidate statement. Sentences are compared through
cheap features (normalised text, light word stems without function words, the numbers and the
capitalised names they contain). MinHash LSH over the stems, among the sentences that give the
same numbers, proposes candidate pairs, so the work grows near-linearly with the number of
sentences; each candidate pair is then verified:

* both are complete sentences (a byline or heading joins only its near-identical twin);
* the numbers in both sentences are the same (``12 000`` and ``12,000`` agree, 24 and 25 don't);
* the names agree (one sentence's names are among the other's: ``Kyiv`` vs ``Odesa`` fails),
  and they do not open with two different names (who did it to whom); an opening word counts
  as a name when the dossier capitalises it mid-sentence somewhere (`proper_openers`);
* at least two content words are shared, with a Dice overlap of at least ``MIN_DICE``, and
  two of the words other than names (as many as there are, if fewer): a long name shared is
  not a statement shared;
* rapidfuzz similarity (the best of ratio, token sort and token set ratio) of at least
  ``MIN_SIMILARITY``, which lets differently translated wording through.

Statements are stars of accepted pairs (every member matches its cluster's centre: see
`_cluster`); quotations are joined with union-find. IDs are derived from the representative
text, so they survive rebuilds.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import sys
import zlib
from functools import partial

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from dossier.analyse.dates import DAY_OF_MONTH, MONTHS
from dossier.analyse.numbers import NUMBER_WORDS
from dossier.analyse.sentences import QUOTE_MARKS, STOPWORDS, dateline, sentence_mentions, split_sentences, strip_stray_quotes
from dossier.curation.model import Curation
from dossier.model import Article, Mention, Quote, Statement, content_id, source_order
from dossier.reuse import REUSE

MIN_DICE = 0.5
MIN_SIMILARITY = 65.0
NEAR_IDENTICAL = 92.0  # same-article pairs join only when (almost) word for word the same
NUM_PERM = 96
MAX_BUCKET = 64  # wordings of an LSH bucket proposed pairwise; a larger bucket's are proposed with its anchors
PAIRS_AT_ONCE = 1 << 20  # proposals of buckets made unique together (bounds the arrays that hold them)
LSH_BANDS = (32, 3)  # 32 bands of 3 rows: a pair with Jaccard 0.33 is proposed ~70% of the time

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER = re.compile(r"\d{1,3}(?:[ ,]\d{3})+(?![\d])|\d+(?:\.\d+)?")
# Number words that must agree between two wordings ("one" is left out: it is mostly a pronoun)
_NUMBER_WORDS = {word: value for word, value in NUMBER_WORDS.items() if value >= 2}
_SUFFIXES = (("ingly", ""), ("edly", ""), ("ies", "i"), ("ves", "f"), ("ing", ""), ("ed", ""),
             ("es", ""), ("s", ""), ("e", ""), ("y", "i"))
_QUOTES = QUOTE_MARKS


@dataclass(frozen=True, slots=True)
class Features:
    """What two sentences are compared by."""

    norm: str  # lower-case words joined by single spaces
    complete: bool  # ends like a sentence; fragments (bylines, headings) only join their twins
    stems: frozenset[str]  # content-word stems
    numbers: frozenset[str]
    names: frozenset[str]  # the first five letters of capitalised words not opening the sentence
    opener: str = ""  # those of the opening word, capitalised and no stopword (a name or not: see `proper_openers`)


@functools.lru_cache(maxsize=1 << 16)  # a vocabulary is far smaller than its running text
def stem(word: str) -> str:
    """A crude, deterministic stem: `killed`/`kills` -> `kill`, `lives`/`life` -> `lif`."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)] + replacement
    return word


@functools.lru_cache(maxsize=1 << 12)  # the same few numbers, again and again
def _number_key(written: str) -> str:
    """A number as it is compared: "12,000", "12 000" and "12000" are "12000.0"."""
    return str(float(written.replace(",", "").replace(" ", "")))


def _numbers(text: str, lower_words: Iterable[str]) -> frozenset[str]:
    """The numbers a sentence gives (`lower_words`: its words, lower-case), and the month of
    each day it names ("month 5" for "18 May"): "on 18 May" and "on 18 March" are not one
    statement, though "May" is a stopword and so no name to tell them apart by."""
    found = set(map(_number_key, _NUMBER.findall(text)))
    if found:
        found.update(f"month {MONTHS[(m.group('after') or m.group('before')).lower()]}"
                     for m in DAY_OF_MONTH.finditer(text))
    found.update(str(float(_NUMBER_WORDS[word])) for word in _NUMBER_WORDS.keys() & lower_words)
    return frozenset(found)


@functools.lru_cache(maxsize=1 << 16)
def features(text: str) -> Features:
    """The comparison features of one sentence (cached: clustering, the timeline and the
    briefing ask for the same sentences' features several times)."""
    words = _WORD.findall(text)
    lower = [w.lower() for w in words]
    stems = frozenset(stem(w) for w in lower if w not in STOPWORDS and not w.isdigit())
    names = frozenset(w[:5].lower() for w in words[1:] if w[0].isupper() and w.lower() not in STOPWORDS)
    complete = text.rstrip().rstrip(_QUOTES + "'’)")[-1:] in (".", "!", "?", "…")
    opener = sys.intern(lower[0][:5]) if words and words[0][0].isupper() and lower[0] not in STOPWORDS else ""
    return Features(" ".join(lower), complete, stems, _numbers(text, lower), names, opener)


def proper_openers(items: Sequence[Features], proper: frozenset[str] | None = None) -> list[Features]:
    """The items, each with its opening word among its names when that word is a name.

    Whether a sentence's first word is a name cannot be told from its capital letter; a word
    is taken for one when some complete sentence of the same dossier capitalises it in its
    middle. So "Kirenia has deployed 12,000 troops to the border" and "Morvania has deployed
    12,000 troops to the border" are not one statement when either country is named mid-sentence
    anywhere, while "Officials said ..." and "Rescuers said ..." keep comparing by what they say.
    `proper`: the names seen (`names_seen`), when the items are some of the sentences they
    were seen in; else those of every item, whatever their order: the result depends on the
    set of sentences alone."""
    if proper is None:
        proper = names_seen(items)
    named: dict[int, Features] = {}  # one copy per distinct wording (the features are shared by text)
    result = []
    for item in items:
        if item.opener in proper and item.opener not in item.names:
            copy = named.get(id(item))
            if copy is None:
                copy = named[id(item)] = replace(item, names=item.names | {item.opener})
            item = copy
        result.append(item)
    return result


def forget() -> None:
    """Let go of the features, stems and numbers remembered, and of what clustering found
    (`MEMORY`; `dossier.assemble.forget_sentences`)."""
    for remembered in (features, stem, _number_key, _stem_hash):
        remembered.cache_clear()
    MEMORY.clear()


def names_seen(items: Iterable[Features]) -> frozenset[str]:
    """The names (first five letters) complete sentences among `items` capitalise mid-sentence."""
    return frozenset(name for item in items if item.complete for name in item.names)


def _names_agree(a: Features, b: Features) -> bool:
    """One sentence's names are among the other's, and they do not open with two names:
    "Ostland accused Valdoria of shelling the plant" is not "Valdoria accused Ostland of
    shelling the plant", though they name the same two."""
    if a.opener != b.opener and a.opener in a.names and b.opener in b.names:
        return False
    return not a.names or not b.names or a.names <= b.names or b.names <= a.names


def similarity(a: Features, b: Features) -> float:
    """The best of rapidfuzz's ratio, token sort ratio and token set ratio (0-100)."""
    return max(fuzz.ratio(a.norm, b.norm), fuzz.token_sort_ratio(a.norm, b.norm),
               fuzz.token_set_ratio(a.norm, b.norm))


def same_statement(a: Features, b: Features, min_similarity: float = MIN_SIMILARITY) -> bool:
    """Whether two sentences say the same thing (see the module docstring for the rules)."""
    if a.norm == b.norm:
        return True
    if not (a.complete and b.complete):
        return fuzz.ratio(a.norm, b.norm) >= NEAR_IDENTICAL
    if a.numbers != b.numbers or not _names_agree(a, b):
        return False
    shared = len(a.stems & b.stems)
    if shared < 2 or 2 * shared / (len(a.stems) + len(b.stems)) < MIN_DICE:
        return False
    # two of the words other than names must be shared too (as many as there are, if fewer):
    # "Governor Salisu Imam Dankoli insists no ransom will be paid" is not "Governor Salisu
    # Imam Dankoli has visited the school", though four of their six content words are the same
    told_a, told_b = _told(a), _told(b)
    if len(told_a & told_b) < min(2, len(told_a), len(told_b)):
        return False
    return similarity(a, b) >= min_similarity


def _told(item: Features) -> frozenset[str]:
    """The stems of the content words that are no name (a name's first five letters are not
    theirs, nor, for a stem shorter than that, do they begin one: "Ilse" is stemmed "ils"):
    what the sentence says of the names. Made when asked for, not kept with every sentence
    (at 10,000 articles a set for each of 240,000 sentences is tens of MB)."""
    if not item.names:
        return item.stems
    return frozenset(s for s in item.stems
                     if s[:5] not in item.names and not (len(s) < 5 and any(n.startswith(s) for n in item.names)))


def _same_in_one_article(a: Features, b: Features) -> bool:
    """Two sentences of one article are one statement only when (almost) word for word the
    same, with the same numbers and names: a live blog's "The toll rose to 12" and, hours
    later, "The toll rose to 15" are two reports, and "Residents of Carvello gathered ..." is
    not "Residents of Velora gathered ..." told in the same article."""
    return a.numbers == b.numbers and _names_agree(a, b) and fuzz.ratio(a.norm, b.norm) >= NEAR_IDENTICAL


def candidate_pairs(items: Sequence[Features]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth verifying: identical wording, or an LSH collision on stems."""
    pairs: set[tuple[int, int]] = set()
    by_norm = _wordings(items)
    for group in by_norm.values():
        pairs.update((group[0], other) for other in group[1:])
    firsts, seconds = _proposals(items, [group[0] for group in by_norm.values()])
    pairs.update(zip(firsts.tolist(), seconds.tolist()))
    return pairs


def _proposals(items: Sequence[Features], representatives: Sequence[int],
               signed: Callable[[list[int]], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of representatives (one per wording, in index order) with at least two stems
    that give the same numbers and whose MinHash collides in a band of LSH_BANDS: two arrays,
    `firsts` and `seconds` (every first < its second), sorted.

    Every pair of a bucket of at most MAX_BUCKET wordings is proposed; in a larger bucket
    (thousands of near-copies of one sentence), each wording is proposed only with the
    bucket's MAX_BUCKET anchors, the wordings that come first by `_anchor_rank`, a hash of
    their words. So what is proposed depends on which wordings share a bucket, never on the
    order they come in: adding or renaming an article changes the proposals of the buckets
    its sentences fall in, and no other (the clusters of the rest stay as they were).

    The banding of datasketch's `MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)`, each band's
    key extended by the sentence's numbers, with each band's bucket found once for all
    sentences by numpy instead of by hashing bytes per query. The numbers are in the key
    because template-like copy ("... gathered on 12 March", "... on 13 March") shares nearly
    every stem: without them, hundreds of variants that cannot match would crowd one bucket.
    `signed(indexes)`: the MinHash of those items (default `minhash_signatures` of their stems).
    """
    usable = np.array([i for i in representatives if _proposable(items[i])], dtype=np.int64)
    none = np.empty(0, dtype=np.int64)
    if len(usable) < 2:
        return none, none
    bands, rows = LSH_BANDS
    number_ids: dict[frozenset[str], int] = {}
    signatures = (signed(usable.tolist()) if signed is not None
                  else minhash_signatures([items[i].stems for i in usable.tolist()]))
    numbers = np.array([number_ids.setdefault(items[i].numbers, len(number_ids)) for i in usable.tolist()],
                       dtype=np.uint32)
    labels = np.empty((len(usable), bands), dtype=np.int32)  # (fewer buckets than 2**31: 32 a sentence)
    offset = 0
    # one band at a time: its key is the band's MinHash rows, then the sentence's numbers (all the
    # bands' keys at once were 512 bytes a sentence: at 10,000 articles most of what clustering
    # added to the memory it forked with)
    for band in range(bands):
        found = _buckets([*signatures[:, band * rows:(band + 1) * rows].T, numbers])
        labels[:, band] = found + offset
        offset += int(found.max()) + 1
    del signatures, numbers
    # (bucket, member) for each bucket more than one wording falls in, by bucket then member
    count = len(usable)
    label = labels.ravel()
    shared = np.bincount(label)[label] > 1
    ordered = np.sort(label[shared].astype(np.int64) * count
                      + np.repeat(np.arange(count, dtype=np.int64), bands)[shared])
    label, member = ordered // count, (ordered % count).astype(np.int32)
    starts = np.flatnonzero(np.r_[True, label[1:] != label[:-1]])
    sizes = np.diff(np.r_[starts, len(label)])
    del label, ordered, labels, shared
    # each pair as one number, smaller * count + larger, made unique a few buckets at a time: a
    # pair shares a bucket in up to all 32 bands, and every band's copy at once took most of
    # what clustering 10,000 articles added to the memory it forked with
    codes: list[np.ndarray] = [none]

    def add(firsts: np.ndarray, seconds: np.ndarray) -> None:
        firsts, seconds = firsts.astype(np.int64), seconds.astype(np.int64)
        low, high = np.minimum(firsts, seconds), np.maximum(firsts, seconds)
        codes.append(_sorted_unique((low * count + high)[low != high]))  # (not an anchor with itself)

    for size in _sorted_unique(sizes).tolist():
        at = starts[sizes == size]
        if size < 2:  # (no bucket is shared: nothing)
            continue
        if size <= MAX_BUCKET:  # every pair of each bucket of this size, many buckets at once
            upper, lower = np.triu_indices(size, 1)
            step = max(1, PAIRS_AT_ONCE // len(upper))
            for chunk in range(0, len(at), step):
                grid = member[at[chunk:chunk + step, None] + np.arange(size)]
                add(grid[:, upper].ravel(), grid[:, lower].ravel())
            continue
        for start in at.tolist():  # each wording of the bucket with its anchors
            wordings = member[start:start + size]
            ranks = [_anchor_rank(items[i].norm) for i in usable[wordings].tolist()]
            anchors = wordings[sorted(range(size), key=ranks.__getitem__)[:MAX_BUCKET]]
            add(np.repeat(anchors, size), np.tile(wordings, len(anchors)))
    pair = _sorted_unique(np.concatenate(codes))
    return usable[pair // count], usable[pair % count]


def _buckets(columns: Sequence[np.ndarray]) -> np.ndarray:
    """For rows of equal-length uint32 columns, a bucket number per row: rows alike in every
    column share one. Each pair of columns is one uint64 key, and the keys are sorted together
    (`np.lexsort`): the rows as one opaque record (`np.unique` of a void view) were compared
    byte by byte, twice as slow."""
    if len(columns) % 2:
        columns = [*columns, np.zeros_like(columns[0])]
    keys = [columns[k].astype(np.uint64) << np.uint64(32) | columns[k + 1].astype(np.uint64)
            for k in range(0, len(columns), 2)]
    order = np.lexsort(keys[::-1])
    first = np.zeros(len(order), dtype=bool)  # (whether each row in that order opens a bucket)
    first[:1] = True
    for key in keys:
        ranked = key[order]
        first[1:] |= ranked[1:] != ranked[:-1]
    found = np.empty(len(order), dtype=np.int64)
    found[order] = np.cumsum(first) - 1
    return found


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)`: each value once, in order, found by sorting. (numpy 2.3 and later
    find them with a hash table when nothing but the values is asked for: 35 times slower here
    on a million int64 codes, a third of the clustering of 10,000 articles.)"""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _proposable(item: Features) -> bool:
    """Whether a wording is proposed for pairs at all (`_proposals`): two stems at least."""
    return len(item.stems) >= 2


def _anchor_rank(norm: str) -> tuple[int, str]:
    """The order a large bucket's anchors are taken in: a hash of the wording's words (then
    the words), the same in every process and whatever the order the sentences come in."""
    return zlib.crc32(norm.encode("utf-8")), norm


# MinHash, as datasketch 2 computes it by default (scheme "affine32", seed 1): each stem's first
# four SHA-1 bytes (little-endian), the MurmurHash3 finalizer, then NUM_PERM permutations
# h -> a*h + b mod 2^32 with odd `a`; a sentence's signature is the minimum per permutation.
# Written out here (tests/test_clusters.py checks it against datasketch) so the clusters never
# depend on the installed datasketch's default scheme, and a build does not import SciPy.
_PERMUTATIONS = np.random.RandomState(1)
_A = _PERMUTATIONS.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
_B = _PERMUTATIONS.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
_CHUNK = 4096  # sentences per step: bounds the (stems x NUM_PERM) array


def minhash_signatures(stem_sets: Sequence[Iterable[str]]) -> np.ndarray:
    """The MinHash of each non-empty set of stems: an array (sets, NUM_PERM) of uint32."""
    out = np.empty((len(stem_sets), NUM_PERM), dtype=np.uint32)
    for start in range(0, len(stem_sets), _CHUNK):
        chunk = [list(stems) for stems in stem_sets[start:start + _CHUNK]]
        hv = np.fromiter((_stem_hash(stem) for stems in chunk for stem in stems), dtype=np.uint32)
        hv ^= hv >> np.uint32(16)
        hv *= np.uint32(0x85EBCA6B)
        hv ^= hv >> np.uint32(13)
        hv *= np.uint32(0xC2B2AE35)
        hv ^= hv >> np.uint32(16)
        offsets = np.cumsum([0, *(len(stems) for stems in chunk[:-1])])
        out[start:start + len(chunk)] = np.minimum.reduceat(hv[:, None] * _A + _B, offsets, axis=0)
    return out


@functools.lru_cache(maxsize=1 << 16)  # the same stems recur in sentence after sentence
def _stem_hash(stem: str) -> int:
    """The stem's first four SHA-1 bytes, little-endian."""
    return int.from_bytes(hashlib.sha1(stem.encode("utf-8")).digest()[:4], "little")


class UnionFind:
    """Disjoint sets over 0..n-1, with path halving."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return list(found.values())


def _source_key(mention: Mention) -> tuple[str, int, int, int]:
    """The order of `mention.source` (SourceRef's own), as a plain tuple: faster to sort by."""
    return source_order(mention.source)


def mention_order(mention: Mention) -> tuple[str, int, int, int, str]:
    """A total order of mentions (source, then words): a set of them sorted by it comes out
    the same whatever the set's order (the hash seed), even when two share a source."""
    return (*_source_key(mention), mention.text)


def clean_text(text: str, paragraph: int | None = None) -> str:
    """The sentence without quotation marks left open or closed by the split into sentences,
    and without a leading dateline ("KÄRDLA — ", "KYIV (Reuters) - "; `paragraph`: the number
    of the paragraph the sentence is in, when known)."""
    text = strip_stray_quotes(text)
    opening = dateline(text, paragraph)
    return text[opening.end:] if opening else text


def _story(mention: Mention) -> str:
    """A sentence as a statement is compared: without the dateline that opens its paragraph
    ("KYIV (Reuters) - Police said ..." says what "Police said ..." says, so the wire copy and
    the outlet that dropped the dateline are one statement)."""
    if mention.source.start == 0:
        opening = dateline(mention.text, mention.source.paragraph)
        if opening is not None:
            return mention.text[opening.end:]
    return mention.text


def _complete(text: str) -> bool:
    return text[:1].isupper() and text.rstrip(_QUOTES + "’'")[-1:] in ".!?"


def _statement_representative(mentions: Sequence[Mention], norms: Sequence[str], centre: str = "") -> str:
    """The wording found in most articles; ties go to the cluster's centre (the wording
    every other one matches), then to the shortest complete sentence."""
    by_norm: dict[str, list[Mention]] = defaultdict(list)
    for mention, norm in zip(mentions, norms):
        by_norm[norm].append(mention)

    def key(item: tuple[str, list[Mention]]) -> tuple:
        norm, group = item
        text = _clean(min(group, key=lambda m: m.text))
        return (-len({m.source.article for m in group}), norm != centre, not _complete(text),
                len(text), text)

    best = min(by_norm.items(), key=key)[1] if len(by_norm) > 1 else next(iter(by_norm.values()))
    return _clean(min(best, key=lambda m: m.text))


def _clean(mention: Mention) -> str:
    return clean_text(mention.text, mention.source.paragraph)


def _cluster(items: Sequence[Features], articles: Sequence[str]) -> list[list[int]]:
    """Groups of item indexes saying the same thing; same-article pairs only when near-identical.

    Star clustering over the verified pairs, not their transitive closure: the sentence with
    the most verified matches becomes a centre and takes the unassigned sentences that match
    it directly; then the next. Every member of a cluster matches its centre itself, so a
    chain of slightly different sentences (A~B, B~C, C~D ...) can never pull unrelated
    statements together, and the work stays linear in the verified pairs. Identical wordings
    (wire copies) are one node, so they always stay together. Which pairs are proposed and
    which sentence becomes a centre depend on the sentences' words alone, never on their
    order: a cluster is decided by the sentences of its connected component of verified pairs,
    so articles added, removed or renamed elsewhere leave it as it was.
    """
    by_norm = _wordings(items)
    return _stars(items, by_norm, _verified(items, articles, _proposals(items, [members[0] for members in by_norm.values()])))


def _wordings(items: Sequence[Features]) -> dict[str, list[int]]:
    """The indexes of the items of each wording, the wordings in the order they first come."""
    by_norm: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_norm[item.norm].append(index)
    return by_norm


def _stars(items: Sequence[Features], by_norm: Mapping[str, list[int]], verified: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The clusters of `_cluster`, from the wordings' items and the verified pairs of them."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for i, j in verified:
        neighbours[i].add(j)
        neighbours[j].add(i)
    nodes = sorted(by_norm.values(), key=lambda members: members[0])
    weight = {m[0]: len(m) for m in nodes}
    # the most matched first; of equals, the shortest wording, then the first by its words (not
    # the first reported: the clusters are the same whatever the order the articles sort in)
    order = sorted(weight, key=lambda n: (-(weight[n] + sum(weight[o] for o in neighbours[n])), len(items[n].norm),
                                          items[n].norm))
    centre_of: dict[int, int] = {}
    for node in order:
        if node in centre_of:
            continue
        centre_of[node] = node
        for other in sorted(neighbours[node]):
            centre_of.setdefault(other, node)
    groups: dict[int, list[int]] = defaultdict(list)
    for members in nodes:
        groups[centre_of[members[0]]].extend(members)
    # the centre first (every member matches it), then the others in order
    return [[centre, *sorted(i for i in g if i != centre)] for centre, g in groups.items()]


def _verified(items: Sequence[Features], articles: Sequence[str],
              proposals: tuple[Sequence[int], Sequence[int]],
              decided: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None) -> list[tuple[int, int]]:
    """The proposed pairs (`proposals`: the firsts and the seconds, as `_proposals` gives
    them) that say the same thing (`same_statement`; two sentences of one article only when
    near-identical: `_same_in_one_article`), in the order proposed.

    Proposals that differ in their numbers (what `same_statement` checks first; `_proposals`
    makes none, other callers may) are rejected all at once by numpy, comparing per-sentence
    numbers of articles and of number sets, and only the rest is checked one by one.
    `decided(firsts, seconds, same_article)`: for those, what is known of each pair already
    (1 says the same, 0 not, -1 unknown: checked here)."""
    i, j = (np.asarray(side, dtype=np.int64) for side in proposals)
    if not len(i):
        return []
    number_ids: dict[frozenset[str], int] = {}
    numbers = np.array([number_ids.setdefault(item.numbers, len(number_ids)) for item in items])
    article_ids: dict[str, int] = {}
    article = np.array([article_ids.setdefault(a, len(article_ids)) for a in articles])
    complete = np.array([item.complete for item in items])
    same_article = article[i] == article[j]
    # (an article's two sentences, like any two complete ones, give the same numbers)
    keep = ~((same_article | (complete[i] & complete[j])) & (numbers[i] != numbers[j]))
    i, j, same_article = i[keep], j[keep], same_article[keep]
    known = decided(i, j, same_article) if decided is not None else np.full(len(i), -1, dtype=np.int8)
    verified = []
    for a, b, near, found in zip(i.tolist(), j.tolist(), same_article.tolist(), known.tolist()):
        if found == 1 or (found < 0 and (_same_in_one_article(items[a], items[b]) if near
                                         else same_statement(items[a], items[b]))):
            verified.append((a, b))
    return verified


def _statement_sort_key(item: Statement | Quote) -> tuple:
    originators = len(item.originators) if isinstance(item, Statement) else 0
    return (-originators, -len(item.articles), item.id)


@dataclass(frozen=True)
class Sentences:
    """Every sentence of every article as statements are clustered from (`statement_sentences`):
    the mentions in source order, each one's comparison features, article, speaker and outlet."""

    mentions: list[Mention]
    items: list[Features]
    sources: list[str]  # the article of each
    voice: list[str | None] | None  # whose words each is (None: no speech detection)
    outlets: list[str]  # the outlet reporting each
    proper: frozenset[str]  # the names their complete sentences give mid-sentence (`names_seen`)


def cluster_statements(articles: Sequence[Article], curation: Curation | None = None,
                       quotes: Mapping[str, tuple[Quote, ...]] | None = None, *,
                       analysed: Mapping[str, tuple[tuple[Mention, ...], Mapping[tuple[int, int], str | None]]] | None = None,
                       ) -> tuple[Statement, ...]:
    """Every sentence of every article, clustered with the sentences that say the same thing.

    Each statement carries its speaker (whose words it is, by the speech detection of
    :func:`dossier.analyse.quotes.sentence_speakers`; the speaker most of its mentions give)
    and the outlets reporting it (`quotes`: each article's quotations, when the analysis
    already found them). Sorted by independent originators, then distinct articles
    (most first), then id. `analysed`: each article's sentences and their speakers as the
    (cached) analysis found them (`Analysis.sentences`, `Analysis.speakers`); articles not in
    it are split and read here.

    The same as `statements_of(sentences, sentence_groups(sentences))` of
    `statement_sentences(...)`: a build finds the groups in a forked child meanwhile.
    """
    sentences = statement_sentences(articles, curation, quotes, analysed=analysed)
    return statements_of(sentences, sentence_groups(sentences).groups)


def statement_sentences(articles: Sequence[Article], curation: Curation | None = None,
                        quotes: Mapping[str, tuple[Quote, ...]] | None = None, *,
                        analysed: Mapping[str, tuple[tuple[Mention, ...], Mapping[tuple[int, int], str | None]]] | None = None,
                        ) -> Sentences:
    """The sentences statements are clustered from (see `cluster_statements`): each article's
    (`_article_sentences`), in source order, whatever order the articles come in (the
    clusters do not depend on it)."""
    analysed = analysed or {}
    ordered = sorted(articles, key=lambda a: a.id)
    parts = [_article_sentences(article, curation, quotes, analysed) for article in ordered]
    if len({a.id for a in ordered}) != len(ordered):  # (two articles of one id, which ingest refuses: interleaved)
        rows = sorted((row for part in parts for row in zip(*part.columns())), key=lambda row: _source_key(row[0]))
        columns = [list(column) for column in zip(*rows)] if rows else [[] for _ in range(5)]
        parts = [_Part(*columns, names_seen(columns[1]), any(part.heard for part in parts))]
    mentions = [m for part in parts for m in part.mentions]
    items = [item for part in parts for item in part.items]
    proper = frozenset().union(*(part.names for part in parts))
    items = proper_openers(items, proper)
    sources = [article for part in parts for article in part.sources]
    # per sentence: whose words it is (None for all when no article's speech was read), which outlet reports it
    voice = [v for part in parts for v in part.voice] if any(part.heard for part in parts) else None
    return Sentences(mentions, items, sources, voice, [o for part in parts for o in part.outlets], proper)


class _Part(NamedTuple):
    """One article's sentences as `Sentences` holds them (`_article_sentences`)."""

    mentions: list[Mention]
    items: list[Features]  # before `proper_openers`, which needs every article's names
    sources: list[str]
    voice: list[str | None]
    outlets: list[str]
    names: frozenset[str]  # `names_seen` of its items
    heard: bool = False  # its speech was read (`sentence_speakers` gave its sentences a speaker or None)

    def columns(self) -> tuple[list, ...]:
        return self.mentions, self.items, self.sources, self.voice, self.outlets


def _article_sentences(article: Article, curation: Curation | None, quotes: Mapping[str, tuple[Quote, ...]] | None,
                       analysed: Mapping[str, tuple[tuple[Mention, ...], Mapping[tuple[int, int], str | None]]]) -> _Part:
    """An article's sentences in source order, with their features, speakers and outlet: from
    what its (cached) analysis found, else split and read here. Under `mkdocs serve` an
    article whose analysis is the last build's gives the part it gave then (`dossier.reuse`:
    at 10,000 articles, sorting and looking up every sentence's features took 0.6 s a save)."""
    outlet = article.shown_outlet
    if article.id in analysed:
        mentions, found = analysed[article.id]
        return REUSE.get("article sentences", (mentions, found),
                         partial(_part, article.id, outlet, mentions, found if curation is not None else None),
                         also=(article.id, outlet, curation is not None))
    found = None
    if curation is not None:
        from dossier.analyse.quotes import sentence_speakers  # the analysis found them already

        found = sentence_speakers(article, curation, (quotes or {}).get(article.id))
    return _part(article.id, outlet, sentence_mentions(article), found)


def _part(article_id: str, outlet: str, mentions: Sequence[Mention], found: Mapping[tuple[int, int], str | None] | None) -> _Part:
    ordered = sorted(mentions, key=_source_key)
    items = [features(_story(m)) for m in ordered]
    voice = [found.get((m.source.paragraph, m.source.start)) for m in ordered] if found else [None] * len(ordered)
    return _Part(ordered, items, [article_id] * len(ordered), voice, [outlet] * len(ordered), names_seen(items),
                 bool(found))


class Grouped(NamedTuple):
    """What `sentence_groups` found: plain numbers and arrays, cheap to send back from a child."""

    groups: list[list[int]]  # the sentences (their indexes) of each group
    learned: Learned | None = None  # what it found that `memory` lacked, for `ClusterMemory.learn`


def sentence_groups(sentences: Sentences, memory: ClusterMemory | None = None) -> Grouped:
    """The groups of sentences that say the same thing: `_cluster`. With `memory` (what the last
    build of this process found: `ClusterMemory`), the same groups, found with the MinHash and
    the pair checks of the wordings it holds; it is only read (a forked child may find the
    groups), and what it lacked comes back to be learned in this process."""
    if memory is None:
        return Grouped(_cluster(sentences.items, sentences.sources))
    return memory.groups(sentences.items, sentences.sources)


class Learned(NamedTuple):
    """What a build's clustering found that its `ClusterMemory` did not hold (`ClusterMemory.learn`)."""

    base: int  # how many wordings the memory held (the first new wording's number)
    wordings: np.ndarray  # the item index of each new wording, in the order of their numbers
    signatures: np.ndarray  # their MinHash (wordings, NUM_PERM)
    codes: np.ndarray  # every pair of wordings checked by this build (`ClusterMemory.code`), sorted
    same: np.ndarray  # whether each says the same thing
    live: int  # how many wordings this build compared


class ClusterMemory:
    """What clustering the sentences of one build found, for the next build of the same process
    (`mkdocs serve`): each wording's MinHash, and whether each pair of wordings proposed says the
    same thing. Both depend on the wordings' features alone (`Features`, compared whole: the
    same text with another opening name is another wording) and, for a pair, on whether the two
    are of one article, so a build that takes them from here groups the sentences as a fresh
    build does; a save computes them for the wordings of the article it changed. At 10,000
    articles those were 0.8 s of the 2.2 s clustering takes, which gated assembling.

    Each wording is numbered once (`ids`, numbers 0, 1, ... in the order they came); the pairs
    kept are those the last build checked (one build's worth); the numbers start again from
    nothing once fewer than half of those held are still compared (so what is held stays within
    about twice a build's wordings)."""

    SLACK = 4096  # wordings held beyond twice the last build's before the memory starts again

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.ids: dict[Features, int] = {}
        self.signatures = np.empty((0, NUM_PERM), dtype=np.uint32)
        self.codes = np.empty(0, dtype=np.int64)  # sorted
        self.same = np.empty(0, dtype=bool)

    @staticmethod
    def code(firsts: np.ndarray, seconds: np.ndarray, near: np.ndarray) -> np.ndarray:
        """A pair of wordings (their numbers, in the order proposed) and whether both are of
        one article, as one number."""
        return ((firsts.astype(np.int64) << 31) | seconds.astype(np.int64)) << 1 | near.astype(np.int64)

    def groups(self, items: Sequence[Features], articles: Sequence[str]) -> Grouped:
        """`Grouped` by `_cluster`, with what this memory holds; it is not changed."""
        by_norm = _wordings(items)
        representatives = [members[0] for members in by_norm.values()]
        numbers = np.full(len(items), -1, dtype=np.int64)  # per item: its wording's number
        base, new = len(self.ids), []
        for index in representatives:
            if _proposable(items[index]):
                number = self.ids.get(items[index])
                if number is None:
                    number = base + len(new)
                    new.append(index)
                numbers[index] = number
        fresh: list[np.ndarray] = []

        def signed(usable: list[int]) -> np.ndarray:
            rows = numbers[usable]
            held = rows < base
            out = np.empty((len(usable), NUM_PERM), dtype=np.uint32)
            out[held] = self.signatures[rows[held]]
            made = minhash_signatures([items[usable[k]].stems for k in np.flatnonzero(~held).tolist()])
            out[~held] = made
            fresh.append(made[np.argsort(rows[~held])])  # (in the order of their numbers)
            return out

        checked: list[tuple[np.ndarray, ...]] = []

        def decided(firsts: np.ndarray, seconds: np.ndarray, near: np.ndarray) -> np.ndarray:
            codes = self.code(numbers[firsts], numbers[seconds], near)
            known = np.full(len(codes), -1, dtype=np.int8)
            if len(self.codes):
                at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
                held = self.codes[at] == codes
                known[held] = self.same[at[held]]
            checked.append((firsts, seconds, codes, known))
            return known

        pairs = _verified(items, articles, _proposals(items, representatives, signed), decided)
        if not fresh:  # (fewer than two wordings to propose: none was signed)
            fresh.append(minhash_signatures([items[index].stems for index in new]))
        if checked:
            firsts, seconds, codes, known = checked[0]
            unknown = np.flatnonzero(known < 0)
            if len(unknown):  # checked now: those verified say the same thing, the others not
                verified = set(pairs)
                known = known.copy()
                known[unknown] = [(a, b) in verified for a, b in zip(firsts[unknown].tolist(), seconds[unknown].tolist())]
            order = np.argsort(codes)
            codes, same = codes[order], known[order] == 1
        else:
            codes, same = np.empty(0, dtype=np.int64), np.empty(0, dtype=bool)
        learned = Learned(base, np.array(new, dtype=np.int64), fresh[0], codes, same, int((numbers >= 0).sum()))
        return Grouped(_stars(items, by_norm, pairs), learned)

    def learn(self, items: Sequence[Features], learned: Learned | None) -> None:
        """Hold what a build's clustering of `items` found (`groups`, maybe in a child) that this
        memory lacked: its new wordings, their MinHash, and the pairs it checked (in place of
        those of the build before)."""
        if learned is None:
            return
        if learned.base != len(self.ids) or len(learned.signatures) != len(learned.wordings):
            # (found against another state of the memory: not held)
            self.clear()
            return
        for offset, index in enumerate(learned.wordings.tolist(), learned.base):
            self.ids[items[index]] = offset
        self.signatures = np.concatenate([self.signatures, learned.signatures])
        self.codes, self.same = learned.codes, learned.same
        if len(self.ids) > 2 * learned.live + self.SLACK:
            self.clear()


MEMORY = ClusterMemory()
"""What the last build of this process found clustering its sentences (`mkdocs serve`)."""


def statements_of(sentences: Sentences, groups: list[list[int]]) -> tuple[Statement, ...]:
    """One statement per group of sentences (`sentence_groups`), sorted (see `cluster_statements`).

    Under `mkdocs serve` a group of the very sentences the last build grouped, with the same
    speakers and outlets, gives the statement it gave then (`dossier.reuse`): a save remakes
    the statements of the article it changed (at 1,000 articles 0.08 -> 0.04 s a save)."""
    mentions, items, sources, voice, outlets_of = (sentences.mentions, sentences.items, sentences.sources,
                                                   sentences.voice, sentences.outlets)
    made = []
    for group in groups:
        centre = items[group[0]].norm  # the wording every other one matches
        if len(group) == 1:  # (most are: a sentence no other says)
            members, voices, outlets = (mentions[group[0]],), (voice[group[0]],) if voice else None, (outlets_of[group[0]],)
        else:
            group = sorted(group)  # = by source: the mentions are in source order
            picked = operator.itemgetter(*group)  # (a tuple of each column's, at C speed: a save asks for every group's)
            members, voices, outlets = picked(mentions), picked(voice) if voice else None, picked(outlets_of)
        # (the wordings and articles only when the statement is made: a save reuses nearly all)
        make = partial(_grouped_statement, group, members, items, centre, voices, sources, outlets)
        made.append(REUSE.get("statement", members, make, also=(centre, voices, outlets)))
    # per statement's mentions (by identity, which a new id for a shared text keeps): its counts
    reach = {id(statement.mentions): counts for statement, counts in made}  # (alive with `made`)
    return tuple(sorted(_unique_ids([statement for statement, _ in made]),
                        key=lambda s: (-reach[id(s.mentions)][0], -reach[id(s.mentions)][1], s.id)))


def _grouped_statement(group: list[int], members: tuple[Mention, ...], items: Sequence[Features], centre: str,
                       voices: tuple[str | None, ...] | None, sources: Sequence[str],
                       outlets: tuple[str, ...]) -> tuple[Statement, tuple[int, int]]:
    return _statement(members, [items[i].norm for i in group], centre, voices, [sources[i] for i in group], outlets)


def _statement(members: tuple[Mention, ...], norms: list[str], centre: str, voices: tuple[str | None, ...] | None,
               sources: list[str], outlets: tuple[str, ...]) -> tuple[Statement, tuple[int, int]]:
    """The statement of a group of sentences (in source order; `centre`: the wording of the one
    every other matches), and its sort key's counts (`Statement.originators` and `.articles`,
    counted without building them)."""
    text = _statement_representative(members, norms, centre)
    speaker = _most_voiced([v for v in voices if v]) if voices else None
    shown = tuple(sorted(set(outlets)))
    reporting = len(set(sources))
    statement = Statement(id=content_id("statement", text), text=text, mentions=members, speaker=speaker, outlets=shown)
    return statement, (1 if speaker else len(shown) or reporting, reporting)


def _most_voiced(voices: list[str]) -> str | None:
    """The speaker most of a statement's sentences give (ties: the first by name); None."""
    if len(set(voices)) <= 1:
        return voices[0] if voices else None
    counts = Counter(voices)
    return min(counts, key=lambda v: (-counts[v], v))


def _unique_ids(items: list) -> list:
    """Keep IDs unique when two clusters share a representative text (a statement rarely; a
    quotation whenever two speakers say the same words, or one says them in two articles that
    do not quote each other: "No comment"). Under `mkdocs serve` the very item of the last
    build is given the copy it was given then (`dossier.reuse`), so what is made of that copy
    later (its topics, its content key for the export) is kept too."""
    seen: Counter[str] = Counter()
    result = []
    for item in sorted(items, key=lambda x: (x.id, source_order(x.mentions[0].source))):
        seen[item.id] += 1
        if seen[item.id] > 1:
            item = REUSE.get("unique id", (item,), partial(_renamed, item))
        result.append(item)
    return result


def _renamed(item):
    """The item with an id of its own: its text's, and where it is first reported."""
    return replace(item, id=content_id(item.id, item.mentions[0].source))


# --- quotations -----------------------------------------------------------------------


def _quote_representative(mentions: Sequence[Mention]) -> str:
    """The wording reported by most articles; ties go to the longest."""
    by_norm: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_norm[features(mention.text).norm].append(mention)
    best = min(by_norm.values(), key=lambda g: (-len({m.source.article for m in g}),
                                                -len(g[0].text), min(m.text for m in g)))
    return min(m.text for m in best)


def _speakers_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def cluster_quotes(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Each quotation once, with the mentions (and wordings) of every source that reports it.

    Two quotations are the same when any sentence of one says the same thing as any sentence
    of the other (so a source quoting only part of a statement joins it) and their speakers
    do not differ.

    Under `mkdocs serve` a group of the very quotations the last build merged (those of
    unchanged articles) gives the quotation it gave then (`dossier.reuse`), so what is made of
    it later (its topics, its content key for the export) is kept too: made anew on every
    save, the 20,000 quotations of 10,000 articles were keyed again before each export.
    """
    owners: list[int] = []
    sentences: list[Features] = []
    for index, quote in enumerate(quotes):
        for mention in quote.mentions:
            for sentence in _quote_sentences(mention.text):
                owners.append(index)
                sentences.append(sentence)
    union = UnionFind(len(quotes))
    for i, j in sorted(candidate_pairs(sentences)):
        a, b = owners[i], owners[j]
        # quotations already joined through others are not compared: the groups would not change
        if a != b and union.find(a) != union.find(b) and _speakers_agree(quotes[a].speaker, quotes[b].speaker) \
                and same_statement(sentences[i], sentences[j]):
            union.union(a, b)
    merged = []
    for g in union.groups():
        group = tuple(quotes[i] for i in g)
        merged.append(REUSE.get("quote", group, partial(_merge_quotes, group)))
    return tuple(sorted(_unique_ids(merged), key=_statement_sort_key))


@functools.lru_cache(maxsize=1 << 16)  # the same quotations, relayed, and again at every save under serve
def _quote_sentences(text: str) -> tuple[Features, ...]:
    """The comparison features of each sentence of a quotation, each one complete (a
    quotation may end mid-sentence: "...partnership," he added)."""
    return tuple(replace(features(sentence.text), complete=True) for sentence in split_sentences(text))


def _merge_quotes(group: Sequence[Quote]) -> Quote:
    mentions = tuple(sorted({m for q in group for m in q.mentions}, key=mention_order))
    text = _quote_representative(mentions)
    speakers = Counter(q.speaker for q in group if q.speaker)
    speaker = min(speakers, key=lambda s: (-speakers[s], s)) if speakers else None
    topics = tuple(sorted({t for q in group for t in q.topics}))
    return Quote(id=content_id("quote", text), text=text, speaker=speaker, mentions=mentions,
                 topics=topics)
