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

from dossier.analyse.attribution import speaker_of
from dossier.analyse.entities import alias_pattern, find_entities
from dossier.curation.model import Curation
from dossier.model import Article, Entity, Mention, Paragraph, Quote, SourceRef, content_id

MIN_WORDS = 4
_OPEN = "\"“„«"
_CLOSE = "\"”»"
_VERBS = (
    r"said|says|wrote|writes|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|stated|"
    r"states|told|declared|explained|announced|claimed|continued|warned|insisted|replied|"
    r"asked|summed up|concluded|recalled|remarked|underlined|pointed out|tweeted|posted"
)
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
        opening = next((i for i in range(index, len(text)) if text[i] in _OPEN), None)
        if opening is None:
            break
        closing = next((i for i in range(opening + 1, len(text)) if text[i] in _CLOSE), None)
        if closing is None:
            closing = len(text)
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
