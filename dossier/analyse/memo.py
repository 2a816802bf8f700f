"""Helpers that make the analysers cheaper without changing what they find.

`by_identity`: a cache for pure functions of a curation's parts (its tuple of entities or
metrics), looked up by the object's identity.

`functools.lru_cache` hashes its arguments on every call, and hashing a tuple of frozen
dataclasses walks every field of every entry: for a helper asked once per sentence or per
number, that costs more than the work it saves. A curation's tuples are the same objects for a
whole build, so their identity is a sufficient key (the cache holds the object, so its id
cannot be reused while it is kept).

`finditer_at_words`, `longest_matches`: a long alternation tried only where a word it starts
with stands; `Gated`: a pattern searched only in a text holding a word every match holds."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
_SIZE = 64


def by_identity(function: Callable[[Any], T]) -> Callable[[Any], T]:
    """`function` of one argument, computed once per argument object (the last 64 kept)."""
    memo: dict[int, tuple[Any, T]] = {}

    @functools.wraps(function)
    def cached(argument: Any) -> T:
        found = memo.get(id(argument))
        if found is not None and found[0] is argument:
            return found[1]
        if len(memo) >= _SIZE:
            memo.clear()
        value = function(argument)
        memo[id(argument)] = (argument, value)
        return value

    return cached


class Gated:
    """A pattern searched in a text only if the text holds a word every match holds.

    A pattern of many alternatives searched for anywhere in a text is tried at each character
    (not only at word starts, as `finditer_at_words` requires: "©", "(c)", a "/" or a button
    after a full stop open some); the words are found much faster (ingest's page furniture:
    reading 10,000 generated articles on one core, 6.6-6.9 s before the gates, 4.9-5.0 s
    after). `words`: one of them is in every match (in lower case if the pattern ignores case);
    `starts`: or the text starts with one of them (for alternatives anchored at its start).
    Under IGNORECASE a text with other than ASCII is searched whatever it holds: the pattern
    matches "ſ" for "s" and "K" for "k", which lower-casing does not give. `tests/test_ingest.py`
    checks that every text each gated pattern matches holds one of its words."""

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...], starts: tuple[str, ...] = ()) -> None:
        self.pattern, self.words, self.starts = pattern, words, starts
        self._folded = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, text: str) -> bool:
        if self._folded:
            if not text.isascii():
                return True
            text = text.lower()
        if text.startswith(self.starts):
            return True
        for word in self.words:  # (a loop: `any` of a generator took a third of the time)
            if word in text:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None


_WORD_RUN = re.compile(r"\w+")


def finditer_at_words(pattern: re.Pattern[str], first_words: frozenset[str] | None, text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern that only matches at the start of a run of word
    characters (after a word boundary) whose run is one of `first_words` (lower case ASCII),
    tried only at such runs: far cheaper than trying a long alternation at every position.

    A run with a non-ASCII character is always tried (case-insensitive matching folds a few
    letters, such as the long s, to ASCII ones). `first_words` None: no filter."""
    if first_words is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in _starts(first_words, text):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            yield match
            end = max(match.end(), start + 1)


def longest_matches(pattern: re.Pattern[str], first_words: frozenset[str] | None, text: str) -> list[re.Match[str]]:
    """The matches of `pattern` at word starts (see `finditer_at_words`) that do not overlap,
    the longer kept where two do whichever starts first: "were taken to hospital" holds
    "taken to hospital", not "were taken". In the order of the text."""
    starts = range(len(text)) if first_words is None else _starts(first_words, text)  # (None: tried everywhere)
    found = [m for m in map(lambda start: pattern.match(text, start), starts) if m]
    if len(found) < 2:
        return found
    kept: list[re.Match[str]] = []
    for match in sorted(found, key=lambda m: (m.start() - m.end(), m.start())):
        if all(match.end() <= k.start() or k.end() <= match.start() for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start())


def _starts(first_words: frozenset[str], text: str) -> list[int]:
    """Where a match may start, in order: at the text's runs of word characters that are one of
    `first_words` (the few looked up in the many), and at every run that is not plain ASCII."""
    by_word, unusual = _word_runs(text)
    starts = list(unusual)
    for word in first_words.intersection(by_word):
        starts += by_word[word]
    starts.sort()
    return starts


@functools.lru_cache(maxsize=256)
def _word_runs(text: str) -> tuple[dict[str, list[int]], list[int]]:
    """Where each run of word characters starts, by the run in lower case (ASCII runs), and
    where the other runs start. Several patterns ask about the same sentence in a row."""
    by_word: dict[str, list[int]] = {}
    unusual: list[int] = []
    if text.isascii():  # lower case keeps every position: one lower() for the whole text
        for run in _WORD_RUN.finditer(text.lower()):
            by_word.setdefault(run.group(), []).append(run.start())
        return by_word, unusual
    for run in _WORD_RUN.finditer(text):
        word = run.group()
        if word.isascii():
            by_word.setdefault(word.lower(), []).append(run.start())
        else:
            unusual.append(run.start())
    return by_word, unusual


def first_words(alternation: str) -> frozenset[str]:
    """The words (lower case) the alternatives of an alternation of plain words can start with,
    for `finditer_at_words`: the first word of each alternative, up to a space, `\\s`, `-` or
    `\\.`; letter classes (`emphasi[sz]ed`, `[Oo]n`) and an optional last letter (`Sept?`)
    spelled out. Anything else is refused (ValueError), never guessed."""
    words: set[str] = set()
    for alternative in alternation.split("|"):
        first = re.split(r" |\\s|-|\\\.", alternative, maxsplit=1)[0].lower()
        spellings = [""]
        for piece in re.findall(r"\[[a-z]+\]|[a-z]\??|.", first):
            if piece.startswith("["):
                choices = list(piece[1:-1])  # a letter class
            elif piece.endswith("?"):
                choices = ["", piece[0]]  # an optional letter
            else:
                choices = [piece]  # a letter (anything else is refused below)
            spellings = [spelling + choice for spelling in spellings for choice in choices]
        for spelling in spellings:
            if not re.fullmatch(r"[a-z]+", spelling):
                raise ValueError(f"not an alternative of plain words: {alternative!r}")
            words.add(spelling)
    return frozenset(words)
