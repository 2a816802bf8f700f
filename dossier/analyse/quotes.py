"""Quotations in one article, with their speakers.

A quotation is text in straight or curly double quotes, within a paragraph (a quote opened and
not closed runs to the paragraph's end, as in a quote continued over paragraphs). Quotes of
fewer than ``MIN_WORDS`` words are scare quotes ("partner") and are skipped.

The speaker is who :func:`dossier.analyse.attribution.speaker_of` names (shared with the
figures' claimants). When it names nobody, this module's own fallback reads the attribution
next to the quote: after it (``," the president
wrote``, ``," Zelensky noted``, ``," said Putin``) or before it (``Zelensky said:``,
``According to him,``). The phrase is resolved to an entity:

1. a curated name or alias (matched case-insensitively: in the speaker slot that is safe);
2. a person entity found in the article inside the phrase (``Ukrainian President Volodymyr
   Zelensky``);
3. a pronoun (``he added``) or a role (``the head of state``) -> the last person named before
   the quote outside quotations (or else the first named after it);
4. otherwise a capitalised phrase as written, or no speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse import speech
from dossier.analyse.attribution import IT_SAID, may_name_claimant, speaker_of
from dossier.analyse.dates import ENTRY_STAMP
from dossier.analyse.entities import alias_pattern, find_entities
from dossier.curation.lexicon import lexicon_for
from dossier.curation.model import Curation
from dossier.model import Article, Entity, Figure, Mention, Paragraph, Quote, SourceRef, content_id

MIN_WORDS = 4
_OPEN = "\"“„«"
_CLOSE = "\"”»"
_OPEN_MARK = re.compile(f"[{_OPEN}]")  # found by the pattern engine, not char by char in Python
_CLOSE_MARK = re.compile(f"[{_CLOSE}]")
_VERBS = speech.alternation(speech.SAYING, speech.ANSWERING)
_AFTER = re.compile(
    r"^[\s,]*(?:(?P<verb1>" + _VERBS + r")\s+(?P<who1>[^,.;:!?\"“”]{1,60})"
    r"|(?P<who2>[^,.;:!?\"“”]{1,80}?)\s+(?:" + _VERBS + r"))\b"
)
_BEFORE = re.compile(
    r"(?P<who>[^,.;:!?\"“”]{1,80}?)\s+(?:" + _VERBS + r")(?:\s+(?:that|in [^,.:]{1,40}|on [^,.:]{1,30}))?"
    r"\s*[:,]?\s*$"
)
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,.;:\"“”]{1,60}),\s*[^.!?\"“”]*$", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})
_CUT = re.compile(r"\s+(?:in|on|during|at|via|through|after|before|when|while)\s+.*$")


@dataclass(frozen=True)
class _Span:
    paragraph: Paragraph
    start: int  # the quoted words, without the quotation marks
    end: int
    close: int  # just after the closing mark (== end when the quote runs to the paragraph end)


def extract_quotes(article: Article, curation: Curation) -> tuple[Quote, ...]:
    """Every quotation of at least MIN_WORDS words, in article order."""
    spans = [s for p in article.paragraphs for s in _quotations(p)]
    entities = find_entities(article, curation)
    quotes = []
    for span in spans:
        text = span.paragraph.text[span.start:span.end]
        ref = SourceRef(article.id, span.paragraph.number, span.start, span.end)
        shared = speaker_of(article, ref.paragraph, ref.start, ref.end, curation)
        speaker = shared[0] if shared else _speaker(article, span, spans, entities, curation)
        quotes.append(Quote(id=content_id("quote", article.id, ref.paragraph, ref.start),
                            text=text, speaker=speaker, mentions=(Mention(ref, text),)))
    return tuple(quotes)


def _quotations(paragraph: Paragraph) -> list[_Span]:
    """Quoted spans of a paragraph, pairing quotation marks in order."""
    text = paragraph.text
    spans = []
    index = 0
    while True:
        found = _OPEN_MARK.search(text, index)
        if found is None:
            break
        opening = found.start()
        found = _CLOSE_MARK.search(text, opening + 1)
        closing = found.start() if found else len(text)
        span = _trim(text, opening + 1, closing, min(closing + 1, len(text)))
        if span and len(text[span[0]:span[1]].split()) >= MIN_WORDS:
            spans.append(_Span(paragraph, *span))
        index = closing + 1
    return spans


def _trim(text: str, start: int, end: int, close: int) -> tuple[int, int, int] | None:
    """The quoted words without surrounding spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end, close) if start < end else None


# --- speakers -----------------------------------------------------------------------------


def _speaker(article: Article, span: _Span, spans: list[_Span], entities: tuple[Entity, ...],
             curation: Curation) -> str | None:
    text = span.paragraph.text
    phrase = _attribution(text, span)
    if phrase is None:
        return None
    who, start = phrase
    return _resolve(who, span.paragraph.number, start, span, spans, entities, curation)


def _attribution(text: str, span: _Span) -> tuple[str, int] | None:
    """The speaker phrase next to the quote and where it starts in the paragraph."""
    after = text[span.close:]
    match = _AFTER.match(after)
    if match and span.close < len(text):
        group = "who1" if match.group("who1") else "who2"
        return match.group(group).strip(), span.close + match.start(group)
    before_end = span.start - 1
    sentence_start = max(text.rfind(". ", 0, before_end) + 1, text.rfind("\"", 0, before_end) + 1, 0)
    before = text[sentence_start:before_end]
    for pattern in (_BEFORE, _ACCORDING):
        match = pattern.search(before)
        if match:
            return match.group("who").strip(), sentence_start + match.start("who")
    return None


def _resolve(who: str, paragraph: int, start: int, span: _Span, spans: list[_Span],
             entities: tuple[Entity, ...], curation: Curation) -> str | None:
    who = _CUT.sub("", who).strip()
    bare = re.sub(r"^(?:the|our)\s+", "", who, flags=re.IGNORECASE)
    for spec in curation.entities:
        for alias in (spec.name, *spec.aliases):
            if alias_pattern(alias.lower()).fullmatch(who) or alias_pattern(alias.lower()).fullmatch(bare):
                return spec.name
    persons = [e for e in entities if e.kind == "person"]
    for entity in persons:
        for mention in entity.mentions:
            ref = mention.source
            if ref.paragraph == paragraph and start <= ref.start < start + len(who):
                return entity.name
    if who.lower() in _PRONOUNS or who.lower() == who or re.match(r"(?i)(?:the|our)\s", who):
        return _nearest_person(persons, (span.paragraph.number, span.start), spans)
    return who if who[:1].isupper() else None


def _outside_quotes(ref: SourceRef, spans: list[_Span]) -> bool:
    return not any(s.paragraph.number == ref.paragraph and s.start <= ref.start < s.end for s in spans)


def _nearest_person(persons: list[Entity], position: tuple[int, int], spans: list[_Span]) -> str | None:
    """The person named last before `position` outside quotations, else the first after it."""
    named = sorted(
        ((m.source.paragraph, m.source.start), e.name)
        for e in persons for m in e.mentions if _outside_quotes(m.source, spans)
    )
    before = [name for where, name in named if where < position]
    if before:
        return before[-1]
    return named[0][1] if named else None


# --- whose words a sentence is ------------------------------------------------------------

_WE_WORDS = r"we|We|our|Our|us|ourselves"
_I_WORDS = r"I|I'm|I've|my|My|me|myself"
_WE = re.compile(rf"\b(?:{_WE_WORDS})\b")
_I = re.compile(rf"\b(?:{_I_WORDS})\b")
_FIRST_PERSON = re.compile(rf"\b(?:{_I_WORDS}|{_WE_WORDS})\b")


def sentence_speakers(article: Article, curation: Curation,
                      quotes: tuple[Quote, ...] | None = None,
                      figures: tuple[Figure, ...] = ()) -> dict[tuple[int, int], str | None]:
    """Whose words each sentence of the article is, by (paragraph number, sentence start).

    None means the outlet's own reporting. A sentence is someone's speech when

    1. it is attributed by the shared attribution rules (inside a quotation whose speaker is
       named, "according to X", "X said / stressed / wrote ...", "he added" -> the last person
       named);
    2. it lies inside a quotation (also a paragraph-long one, opened and not closed): the
       quotation's speaker, else the speaker of the neighbouring paragraph;
    3. it continues a relayed speech: a sentence with no attribution of its own after a
       sentence of the same paragraph attributed to a person ("The President stressed that
       ... According to him, ... A complete cessation is needed."), or a first-person
       sentence ("We will defend ourselves") next to a person's speech in the same or the
       neighbouring paragraph;
    4. its figures (`figures`, the article's) all belong to one claimant the figures carried
       over from the sentence before ("Ukrainian intelligence reported on October 24 that ...
       There are approximately 12,000 soldiers"): the statement is that claimant's, as its
       figures are.
    """
    from dossier.analyse.attribution import claimant_for, rival_voices
    from dossier.analyse.sentences import split_sentences

    if quotes is None:  # the analysis already found them: pass them in to save the work
        quotes = extract_quotes(article, curation)
    quoted = [(q.mentions[0].source, q.speaker) for q in quotes]
    persons = {e.name for e in curation.entities if e.kind == "person"}
    rows: list[tuple[int, int, str, str | None, bool, bool]] = []  # para, start, text, speaker, person, in quote
    several: set[int] = set()  # the rows that name several claimants: the outlet's, whoever is around
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        quoted_paragraph = any(mark in paragraph.text for mark in _OPEN + _CLOSE)
        for s in split_sentences(paragraph.text):
            speaker, person, inside = None, False, False
            claim = None
            if quoted_paragraph or may_name_claimant(s.text):  # else nobody is named: skip the work
                claim = claimant_for(article, paragraph.number, s.start, s.end, curation)
                if claim is not None and len(rival_voices(article, paragraph.number, s.start, s.end, curation)) > 1:
                    # "Police counted 30,000 marchers, while the union said 120,000 took part":
                    # the outlet reports both claims, neither speaks the sentence
                    claim = None
                    several.add(len(rows))
            for ref, quote_speaker in quoted:
                if ref.paragraph == paragraph.number and ref.start < s.end and s.start < ref.end:
                    inside = True
                    if claim is None and quote_speaker:
                        speaker, person = quote_speaker, True
            if claim is not None and claim.kind != "outlet":
                speaker = claim.name
                person = claim.kind == "person" or claim.name in persons
            rows.append((paragraph.number, s.start, s.text, speaker, person, inside))
    speakers = [row[3] for row in rows]
    # an organisation's own statement speaks as "we" before it quotes anyone ("Our hospital in
    # Kessan received 96 wounded patients ... 'We ran out of blood,' said Dr Kheir"): its other
    # sentences in the first person plural are the writer's, not the person quoted next to them
    first_we = next((i for i, row in enumerate(rows) if not row[5] and _WE.search(row[2])), None)
    writer_we = first_we is not None and all(row[3] is None and not row[5] for row in rows[:first_we + 1])
    # a live blog's entries are told apart: nobody speaks on into the next entry
    entries = frozenset(p.number for p in article.paragraphs if ENTRY_STAMP.match(p.text))
    for index, (number, _start, text, speaker, _person, inside) in enumerate(rows):
        if speaker is not None or index in several:
            continue
        if _signature(text, curation, persons):
            speakers[index] = _signature(text, curation, persons)
            continue
        if IT_SAID.search(text):  # "Eight people remain in critical condition, it said."
            body = next((speakers[j] for j in range(index - 1, -1, -1) if speakers[j] is not None and not rows[j][4]), None)
            if body is not None:
                speakers[index] = body
                continue
        first_person = bool(_FIRST_PERSON.search(text))
        if writer_we and not inside and _WE.search(text) and not _I.search(text):
            continue  # the writing organisation's own words
        reach = inside or first_person or bool(_PRONOUN_START.match(text))
        if reach:
            earlier = _neighbour(rows, speakers, index, -1, number, True, entries)
            later = _neighbour(rows, speakers, index, 1, number, inside or first_person, entries)
            found = earlier or (later if inside or first_person else None)
            if found is not None:
                speakers[index] = found[0]
        elif index and rows[index - 1][0] == number and rows[index - 1][3] and rows[index - 1][4]:
            # right after a sentence attributed to a person in its own words ("The President
            # stressed that ... According to him, ..."): the relayed speech goes on
            speakers[index] = rows[index - 1][3]
    # A paragraph of relayed speech with no attribution of its own: when its only voice is
    # one person's (a first-person or quoted sentence, or a signature line), its other
    # sentences are that person's words too.
    by_paragraph: dict[int, list[int]] = {}
    for index, row in enumerate(rows):
        by_paragraph.setdefault(row[0], []).append(index)
    for indexes in by_paragraph.values():
        voices = {speakers[i] for i in indexes if speakers[i] is not None}
        own = {rows[i][3] for i in indexes if rows[i][3] is not None}
        if len(voices) == 1 and not own and any(speakers[i] is None for i in indexes):
            voice = voices.pop()
            for i in indexes:
                speakers[i] = speakers[i] or (None if i in several else voice)
    if figures:
        outlet = article.shown_outlet
        for index, (number, start, text, *_rest) in enumerate(rows):
            if speakers[index] is None and index not in several:
                speakers[index] = _figures_claimant(figures, number, start, start + len(text), outlet)
    return {(row[0], row[1]): speaker for row, speaker in zip(rows, speakers)}


def _figures_claimant(figures: tuple[Figure, ...], paragraph: int, start: int, end: int, outlet: str) -> str | None:
    """The one claimant every figure of the sentence at `start:end` is given to, when that is
    someone other than the outlet and no figure is set against another's count."""
    held = [f for f in figures if f.source.paragraph == paragraph and start <= f.source.start < end]
    claimants = {f.claimant for f in held}
    if len(claimants) != 1 or any(f.contradicts or f.claimant_kind == "outlet" for f in held):
        return None
    claimant = claimants.pop()
    return None if claimant == outlet else claimant


_PRONOUN_START = re.compile(r"^(?:He|She)\s+[a-z]")


def _signature(text: str, curation: Curation, persons: set[str]) -> str | None:
    """A line that is only a person's name and title ("Volodymyr Zelenskyy President of
    Ukraine"), signing the words before it."""
    words = text.rstrip(".").split()
    if not 1 < len(words) <= 8 or any(w.islower() and w not in ("of", "the", "and") for w in words):
        return None
    found = lexicon_for(curation).claimant(text)
    return found[0] if found and found[0] in persons else None


def _neighbour(rows, speakers, index: int, step: int, number: int, reach: bool, entries: frozenset[int] = frozenset()):
    """The nearest person speaker before (step -1) or after (step 1) the sentence: in its own
    paragraph, or, when `reach`, in the neighbouring paragraph (not across a live blog's
    entries: `entries`, the paragraphs opening with an entry's time stamp)."""
    position = index + step
    while 0 <= position < len(rows):
        row_number, person = rows[position][0], rows[position][4]
        if abs(row_number - number) > (1 if reach else 0):
            return None
        if row_number != number and (max(row_number, number) in entries):
            return None
        if speakers[position] is not None and (person or rows[position][3] is None):
            return speakers[position], row_number
        if rows[position][3] is not None and not person:
            return None  # an organisation's claim in between: not a person's speech
        position += step
    return None
