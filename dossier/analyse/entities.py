"""Entity mentions in one article: curated entities by alias, other names by capitalisation.

Curated entities (``curation.entities``) are matched first, by their name and every alias,
longest first, on word boundaries. Case rule: an alias written with capitals (``Zelensky``,
``the President``) matches with its capitals as written, except that its first letter may
change case at a sentence start (``The President``); an alias written all in lower case
(``the capital``) matches in any case. So ``the President`` does not match "the president
of the company", and the analyst can opt in to case-insensitive matching by writing the alias
in lower case.

Other names are runs of capitalised words (joined by ``of``, ``for``, ``the``, ``de``), with a
few general cues for the kind: a code such as ``KN-23`` is a weapon, ``... region`` or
``... Oblast`` a place, ``Institute``, ``Ministry``, ``Service`` or ``intelligence`` an
organisation, a title (``President``) or a speech verb (``... said``) a person; the rest is
"other". A single capitalised word opening a sentence only counts when the same name also
appears inside a sentence, since sentence-initial capitals say nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from dossier.analyse import speech
from dossier.analyse.dates import MONTHS, TIME_ZONES, WEEKDAYS
from dossier.analyse.sentences import Sentence, dateline, story_sentences
from dossier.curation.lexicon import Lexicon, lexicon_for
from dossier.curation.model import Curation, EntitySpec
from dossier.model import Article, Entity, Mention, Paragraph, SourceRef, content_id

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[\w]|[^\W\d_]|\d[\w-]*")
_CODE = re.compile(r"^[A-Z]{1,4}-?\d{1,4}[A-Z]?$")
_CONNECTORS = frozenset({"of", "for", "the", "de", "du", "al", "bin"})
_STOP = frozenset(
    """a an the this that these those it its he she they we i you our their his her my your
    in on at by for from to of with as and but or if so yet then there here when where while
    after before since during until according however meanwhile also now today yesterday
    between among amid despite against about across through into within without over under
    near via per is are was were has have had will would can could may might must
    tomorrow all some many most no not only just even both each every another other such
    share tags read more editor editor's pick photo photos video news world tech
    mr mrs ms dr""".split()
)
# a name before a verb of saying speaks (one speaker: "residents of the Sern say" is no person)
_SPEECH = re.compile(rf"^\s+(?:{speech.alternation(speech.singular(speech.SAYING))})\b")
_PLACE_TRAILERS = frozenset({"region", "oblast", "district", "province", "city"})
_ORG_TRAILERS = frozenset({"intelligence"})
_TRAILERS = _PLACE_TRAILERS | _ORG_TRAILERS
_PLACE_WORDS = frozenset({"Oblast", "Region", "Province", "District", "Krai", "Raion", "City"})
_ORG_WORDS = frozenset(
    """Institute Ministry Service Services Directorate Agency Forces Force Army Navy Council
    Committee Office Department Intelligence Bureau Command Parliament Government Union
    Organization Organisation University Corporation Company Bank Fund Party Guard Times Post
    Agency Commission Court Assembly Duma Rada Staff""".split()
)
MAX_NAME_WORDS = 8  # longer runs of capitals are title-case text, not names
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|can|ch)$")


@dataclass(frozen=True)
class _Found:
    name: str
    kind: str
    start: int
    end: int
    initial: bool  # a single word at a sentence start: kept only if the name recurs inside
    # "Residents of Zavodsk" opening a sentence: unless the whole name recurs inside a
    # sentence ("the Bank of England"), the name is what follows the connector ("Zavodsk")
    fallback: _Found | None = None


_LAST: list[tuple[Article, str, tuple[Entity, ...]]] = []  # the last article's result


def find_entities(article: Article, curation: Curation) -> tuple[Entity, ...]:
    """Every curated and capitalised-name entity of the article with its mentions.

    The result for the last article is kept: several analysers ask for the same article's
    entities in a row."""
    lexicon = lexicon_for(curation)
    if _LAST and _LAST[0][0] is article and _LAST[0][1] == lexicon.key:
        return _LAST[0][2]
    entities = _find_entities(article, lexicon)
    _LAST[:] = [(article, lexicon.key, entities)]
    return entities


def _find_entities(article: Article, lexicon: Lexicon) -> tuple[Entity, ...]:
    specs = lexicon.entity_by_name
    mentions: dict[str, list[Mention]] = defaultdict(list)
    kinds: dict[str, str] = {}
    candidates: list[tuple[Paragraph, _Found]] = []
    for paragraph in article.paragraphs:
        curated = _curated_matches(paragraph.text, lexicon)
        taken = [(start, end) for _, start, end in curated]
        found = _capitalised(paragraph.text, taken, paragraph.number)
        for name, start, end in curated:
            after = next((f for f in found if f.start == end + 1 and paragraph.text[end] == " "), None)
            if after is not None and specs[name].kind == "place" and not after.initial:
                # "Ardena Power", "Harlow Elementary School": a name of its own that opens with
                # the place's, not the place and a name "Power"
                found[found.index(after)] = replace(after, name=f"{paragraph.text[start:end]} {after.name}", start=start,
                                                    kind="other" if after.kind == "person" else after.kind)
                continue
            mentions[name].append(_mention(article, paragraph, start, end))
        candidates += [(paragraph, f) for f in found]
    inside = {f.name for _, f in candidates if not f.initial}
    for paragraph, found in candidates:
        if found.initial and found.name not in inside:
            found = found.fallback
            if found is None:
                continue
        mentions[found.name].append(_mention(article, paragraph, found.start, found.end))
        if kinds.get(found.name, "other") == "other":
            kinds[found.name] = found.kind
    entities = [_entity(name, ms, specs.get(name), kinds.get(name, "other")) for name, ms in mentions.items()]
    return tuple(sorted(entities, key=lambda e: (e.name.casefold(), e.name)))


def _mention(article: Article, paragraph: Paragraph, start: int, end: int) -> Mention:
    return Mention(SourceRef(article.id, paragraph.number, start, end), paragraph.text[start:end])


def _entity(name: str, mentions: list[Mention], spec: EntitySpec | None, kind: str) -> Entity:
    return Entity(
        id=content_id("entity", name),
        name=name,
        kind=spec.kind if spec else kind,
        aliases=tuple(spec.aliases) if spec else (),
        mentions=tuple(sorted(set(mentions), key=lambda m: (m.source, m.text))),
        curated=spec is not None,
    )


# --- curated entities -------------------------------------------------------------------


def alias_pattern(alias: str) -> re.Pattern[str]:
    """The pattern for one alias (see the module docstring for the case rule)."""
    if alias == alias.lower():
        return re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE)
    first = alias[0]
    head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else re.escape(first)
    return re.compile(r"(?<!\w)" + head + re.escape(alias[1:]) + r"(?!\w)")


def _curated_matches(text: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """Non-overlapping (name, start, end) matches, longest alias first; adjacent matches of
    one entity are joined ("Ukrainian President" + "Volodymyr Zelensky" is one mention)."""
    found = [(alias.entity.name, start, end) for alias, start, end in lexicon.alias_matches(text)]
    joined: list[tuple[str, int, int]] = []
    for name, start, end in found:
        if joined and joined[-1][0] == name and not text[joined[-1][2]:start].strip():
            joined[-1] = (name, joined[-1][1], end)
        else:
            joined.append((name, start, end))
    return joined


# --- capitalised names ------------------------------------------------------------------


def _capitalised(text: str, taken: list[tuple[int, int]], paragraph: int | None = None) -> list[_Found]:
    """Runs of capitalised words in `text` (the paragraph numbered `paragraph`), outside the
    spans already taken."""
    found = []
    place, sentences = _sentences(text, paragraph)
    for sentence in sentences:
        # The sentence's tokens where they stand in `text` (the sentence is `text` from its
        # start for its length, and the token pattern looks at nothing around a token).
        tokens = [(m.start(), m.end(), m.group(0))
                  for m in _TOKEN.finditer(text, sentence.start, sentence.start + len(sentence.text))]
        if _title_case(sentence.text, tokens):
            continue  # a headline in title case: every word capitalised says nothing
        here = [(s, e) for s, e in taken if s < sentence.end and e > sentence.start]  # the rest overlap no token of it
        if len(here) == 1:  # the usual case: one name taken, compared without a generator
            (s, e), = here
            tokens = [t for t in tokens if t[1] <= s or t[0] >= e]
        elif here:
            tokens = [t for t in tokens if all(t[1] <= s or t[0] >= e for s, e in here)]
        first_word = sentence.start + len(sentence.text) - len(sentence.text.lstrip("\"'“‘([ "))
        for run in _runs(text, tokens):
            candidate = _candidate(text, run, first_word)
            if candidate and sentence is place:
                candidate = _dateline_place(candidate)
            if candidate:
                found.append(candidate)
    return found


def _sentences(text: str, paragraph: int | None = None) -> tuple[Sentence | None, list[Sentence]]:
    """The sentences of a paragraph, with a leading dateline apart: its place (returned first,
    and first in the list) is read on its own, its agency (the outlet, which the metadata
    records) not at all, and the story's first sentence starts after it ("KYIV (Reuters) -
    Police said ...": "Police" opens it)."""
    opening = dateline(text, paragraph)
    if opening is None or not opening.place:
        return None, story_sentences(text, opening)
    place = Sentence(0, len(opening.place), opening.place)
    return place, [place, *story_sentences(text, opening)]


def _dateline_place(found: _Found) -> _Found:
    """A name in a dateline's place ("PORT ALDA, 9 February", "MAKASSAR, Indonesia") is a
    place, capitalised because it is a name (not because it opens a sentence), and named as
    the story writes it: "Port Alda", not "PORT ALDA"."""
    name = found.name
    if name.isupper():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), name)
    return replace(found, name=name, kind="place", initial=False, fallback=None)


def _title_case(sentence: str, tokens: list[tuple[int, int, str]]) -> bool:
    """A headline: no closing full stop, and most words capitalised."""
    words = [t[2] for t in tokens if t[2].isalpha()]
    ended = sentence.rstrip("\"'”’)").endswith((".", "!", "?"))
    return not ended and len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _is_cap(word: str) -> bool:
    """A capitalised word or a code (`_CODE` starts with a capital letter too, so the first
    letter alone decides: no pattern to try for every lower-case word)."""
    return word[0].isupper()


def _runs(text: str, tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Maximal runs of capitalised tokens separated by single spaces (connectors allowed)."""
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for index, token in enumerate(tokens):
        word = token[2]
        if not current and not _is_cap(word):
            continue  # most words: lower case, outside any run (nothing to close or extend)
        adjacent = current and text[current[-1][1]:token[0]] == " " and not _ends_run(current[-1][2])
        if _is_cap(word):
            if not adjacent:
                _close(runs, current)
                current = []
            current.append(token)
        elif adjacent and word in _CONNECTORS and _cap_follows(tokens, index + 1):
            current.append(token)
        elif adjacent and word.lower() in _TRAILERS:
            current.append(token)
            _close(runs, current)
            current = []
        else:
            _close(runs, current)
            current = []
    _close(runs, current)
    return runs


def _cap_follows(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a capitalised word follows, after at most one more connector ("of the")."""
    for token in tokens[index:index + 2]:
        if _is_cap(token[2]):
            return True
        if token[2] not in _CONNECTORS:
            return False
    return False


def _ends_run(word: str) -> bool:
    """A possessive or a hyphenated lower-case suffix ends a name: Ukraine's, Korean-made."""
    return word.endswith(("'s", "’s")) or bool(_HYPHEN_SUFFIX.search(word))


def _close(runs: list, current: list) -> None:
    while current and current[-1][2] in _CONNECTORS:
        current.pop()
    if current:
        runs.append(list(current))


_HYPHEN_SUFFIX = re.compile(r"-[a-z]+$")
_POSSESSIVE = re.compile(r"['’]s$")


def _clean_word(word: str) -> str:
    word = _POSSESSIVE.sub("", word)
    return _HYPHEN_SUFFIX.sub("", word) if not _CODE.match(word) else word


def _candidate(text: str, run: list[tuple[int, int, str]], first_word: int) -> _Found | None:
    """The name a run of capitalised words stands for, or None if it is not a name."""
    initial = run[0][0] == first_word
    person = False
    while run and (run[0][2].lower() in _STOP or run[0][2] in _CONNECTORS):
        run = run[1:]
    title = _title_index(run) if run else None
    if title is not None:
        run, person = run[title:], True
    if not run or all(_noise(t[2]) for t in run) or sum(_is_cap(t[2]) for t in run) > MAX_NAME_WORDS:
        return None
    words = [_clean_word(t[2]) for t in run]
    start, end = run[0][0], run[-1][0] + len(words[-1])
    name = text[start:end]
    if _DEMONYM.search(words[-1]):
        return None  # an adjective: Russian, North Korean
    kind = _kind(words, person or bool(_SPEECH.match(text[end:])))
    opens = initial and run[0][0] == first_word
    if opens and title is None and len(run) > 2 and run[1][2] in _CONNECTORS:
        rest = run[1:]
        while rest and rest[0][2] in _CONNECTORS:
            rest = rest[1:]
        return _Found(name, kind, start, end, initial=True, fallback=_candidate(text, rest, -1))
    return _Found(name, kind, start, end, initial=opens and len(run) == 1)



def _title_index(run: list[tuple[int, int, str]]) -> int | None:
    """Where the name starts after a leading title ("Ukrainian President Volodymyr Zelensky")."""
    index = 0
    while index < len(run) and _DEMONYM.search(run[index][2]) and run[index][2][0].isupper():
        index += 1
    if index < len(run) and run[index][2].lower().rstrip(".") in speech.TITLES:
        while index < len(run) and run[index][2].lower().rstrip(".") in speech.TITLES:
            index += 1
        if index + 1 < len(run) and run[index][2] == "of":  # President of Ukraine Volodymyr ...
            index += 2
        return index if index < len(run) else len(run)  # a bare title: "Ukrainian President"
    return None


def _noise(word: str) -> bool:
    lower = word.lower().rstrip(".")
    return lower in _STOP or lower in MONTHS or lower in WEEKDAYS or lower in _CONNECTORS or lower in TIME_ZONES


def _kind(words: list[str], person_cue: bool) -> str:
    if any(_CODE.match(w) for w in words):
        return "weapon"
    if words[-1] in _PLACE_WORDS or words[-1].lower() in _PLACE_TRAILERS:
        return "place"
    if any(w in _ORG_WORDS for w in words) or words[-1].lower() in _ORG_TRAILERS:
        return "organisation"
    if person_cue:
        return "person"
    return "other"
