"""Split a paragraph into sentences, keeping each sentence's character span."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.analyse.dates import ENTRY_STAMP, MONTH_NAMES

if TYPE_CHECKING:
    from dossier.model import Article, Mention

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt rep sen gov pres st jr sr vs etc no nos
    jan feb mar apr jun jul aug sep sept oct nov dec approx est inc ltd co corp dept fig
    u.s u.k u.n e.g i.e a.m p.m""".split()
)

# Words that start sentences and never follow an initial ("on X. He ...", not "J. Smith").
_SENTENCE_STARTERS = frozenset(
    """he she it they we i you his her its their our my this that these those there the a an
    in on at but and so yet however meanwhile earlier later after before when while if as
    according also then""".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))

# A sentence ends at . ! ? or an ellipsis, optionally followed by closing quotes/brackets,
# then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""(?:\.{3}|…|[.!?])["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9А-ЯЁІЇЄҐ])""")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


_LAST_WORD = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(]?([A-Za-z]+)")


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # Only the few characters before the dot: a word longer than the window is no
    # abbreviation, and searching the whole text before every dot would be quadratic.
    window = text[max(0, dot - _LONGEST_ABBREVIATION - 1):dot]
    match = _LAST_WORD.search(window)
    if not match or len(match.group(1)) > _LONGEST_ABBREVIATION:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # single capital initial ("J. Smith"), but not a sentence ending in a one-letter word,
    # nor one-letter names before a word that starts sentences ("posted on X. He said")
    if len(word) == 1 and text[dot - 1].isupper():
        following = _NEXT_WORD.match(text[dot + 1:])
        return not (following and following.group(1).lower() in _SENTENCE_STARTERS)
    return False


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their spans; `text[s.start:s.end] == s.text` always holds."""
    return list(_split(text))


@functools.lru_cache(maxsize=1024)
def _split(text: str) -> tuple[Sentence, ...]:
    """Each analyser splits the same paragraphs: split once (the result is immutable)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return tuple(sentences)


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end, text[start:end]))


# A wire dateline opening a paragraph: the place (and date) an article was filed from, and the
# agency in brackets when there is one. Two shapes: with the agency ("KYIV (Reuters) - ",
# "Kyiv, Nov 19 (AP) — ", "(MENAFN) "), or a place in capitals and a dash ("ZAVODSK — ",
# "LONDON, April 24 — ", "KYIV, Ukraine — ").
_AGENCY_DATELINE = re.compile(
    r"(?:(?P<place>[A-Z][\w'’.-]*(?:[ ,]+[\w'’.-]+){0,5}?)\s*)?"
    r"\((?P<agency>[A-Z][\w/&.'’-]*(?:[ -][A-Z][\w/&.'’-]*){0,3})\)\s*(?:[-–—:]\s*|(?=[A-Z\"“]))"
)
_CAPITALS_DATELINE = re.compile(
    r"(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]{2,}(?:[ -][A-ZÀ-ÖØ-Þ'’.-]+){0,3}(?:,(?: [\w'’.]+){1,3})?)"
    r"\s*[—–-]+\s+(?=[A-Z\"“‘'])"
)


# A live blog's stamp opening an entry: "20 July 2025 08:15 - ", "July 20, 2025, 9:30 am — ",
# "11 Oct 09:40: ". It opens any paragraph (every entry has one), and its date is the entry's.
_STAMP_DATELINE = re.compile(
    r"\s*(?:\d{1,2}\s+(?:" + MONTH_NAMES + r")\.?(?:\s+\d{4})?|(?:" + MONTH_NAMES + r")\.?\s+\d{1,2}(?:,?\s+\d{4})?)"
    r",?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[-–—:|]\s+(?=[A-Z\"“‘'])"
)


# The dash after a name in capitals closed again in the same sentence: the name is the
# subject of a sentence with an aside ("NATO — Which has no role in the region — was not
# involved."), not a dateline's place.
_ASIDE_CLOSED = re.compile(r"[^.!?]*?\s[—–-]+\s")


@dataclass(frozen=True)
class Dateline:
    """A dateline opening a text: `text[:end]` is the dateline, `text[end:]` the story."""

    end: int
    place: str | None  # "KYIV, Nov 20"; None for "(MENAFN) "
    agency: str | None  # "Reuters"; None for "ZAVODSK — "


# A dateline opens the story: one of its first paragraphs (a standfirst or a caption may come
# before it). Further down, "NATO — The alliance said ..." is a sentence.
DATELINE_PARAGRAPHS = 3


def dateline(text: str, paragraph: int | None = None) -> Dateline | None:
    """The wire dateline `text` opens with, if any (the one definition of what a dateline
    is: metadata reads the date and agency in it, entities and statements skip it), or a
    live blog entry's stamp (`_STAMP_DATELINE`, `ENTRY_STAMP`: "16 March 10:05 - ", "11:45 The
    trust says ...", in any paragraph). `paragraph`: the number of
    the paragraph `text` opens, when known: past the first DATELINE_PARAGRAPHS, no wire
    dateline opens one."""
    stamp = _STAMP_DATELINE.match(text) or ENTRY_STAMP.match(text)
    if stamp is not None and stamp.end() < len(text.rstrip()):
        return Dateline(stamp.end(), None, None)
    if paragraph is not None and paragraph > DATELINE_PARAGRAPHS:
        return None
    match = _AGENCY_DATELINE.match(text)
    if match is None:
        match = _CAPITALS_DATELINE.match(text)
        if match is not None and _ASIDE_CLOSED.match(text, match.end()):
            return None  # "NATO — which has no role here — was not involved": an aside, not a place
    if match is None or match.end() >= len(text.rstrip()):
        return None  # a line that is all dateline is no dateline of a story
    groups = match.groupdict()
    place = (groups.get("place") or "").strip(" ,") or None
    return Dateline(match.end(), place, groups.get("agency"))


def story_sentences(text: str, opening: Dateline | None) -> list[Sentence]:
    """The sentences of a paragraph after `opening`, its leading dateline (`dateline(text)`),
    if any: the first one starts where the story does ("KYIV, Nov 20 (Reuters) - Police said
    ..." -> "Police said ...")."""
    if opening is None:
        return split_sentences(text)
    return [s if s.start >= opening.end else Sentence(opening.end, s.end, text[opening.end:s.end])
            for s in split_sentences(text) if s.end > opening.end]


# Function words and reporting verbs: what two wordings of a statement need not share, and no
# name or counted thing is made of (`dossier.assemble.clusters`, `dossier.analyse.figures`)
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each even ever every few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just may me might more most must my no nor not now of off on once only or other our
    ours out over own per same shall she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would yet you your s t that's it's there's
    said says say told noted added stressed wrote stated according reported also already still
    whose whether than""".split()
)

QUOTE_MARKS = "\"“”„«»"


def strip_stray_quotes(text: str) -> str:
    """The sentence without a quotation mark left open or closed by the split into sentences."""
    text = text.strip()
    if text[:1] in QUOTE_MARKS and not any(q in text[1:] for q in QUOTE_MARKS):
        text = text[1:]
    if text[-1:] in QUOTE_MARKS and not any(q in text[:-1] for q in QUOTE_MARKS):
        text = text[:-1]
    return text.strip()


def sentence_mentions(article: "Article") -> list["Mention"]:
    """Every sentence of the article's non-heading paragraphs, as a Mention with its span."""
    from dossier.model import Mention, SourceRef

    return [
        Mention(SourceRef(article.id, paragraph.number, s.start, s.end), s.text)
        for paragraph in article.paragraphs
        if not paragraph.heading
        for s in split_sentences(paragraph.text)
    ]
