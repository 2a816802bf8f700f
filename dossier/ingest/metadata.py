"""Infer an article's title, outlet and date from its text when nobody gave them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.analyse.dates import find_dates
from dossier.analyse.sentences import split_sentences
from dossier.ingest.furniture import ends_sentence
from dossier.model import DroppedLine, FuzzyDate, Paragraph

# "..., Censor.NET reports." / "..., reports Kyiv Independent."
_REPORTS = re.compile(
    r"(?:,\s*|\bthe\s+)(?P<a>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:reports|writes|informs)\.?$"
    r"|\breports\s+(?P<b>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\.?$"
)
_PHOTO_CREDIT = re.compile(r"(?i)\bphotos?\s*:\s*(?P<name>[\w][\w .&'-]{1,40}?)\s*$")
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\([cC]\))\s*(?:\d{4}\s*(?:-\s*\d{4})?)?\s*(?P<name>[A-Z][\w.&' -]{1,40}?)\s*(?:[,.]|All rights|$)"
)
_AGENCIES = frozenset({"afp", "ap", "reuters", "getty", "getty images", "epa", "shutterstock"})
_TITLE_MIN_WORDS, _TITLE_MAX_WORDS = 4, 24
_SMALL_WORDS = frozenset("a an the of in on at to for by and or but with from as is vs".split())


def looks_like_heading(text: str) -> bool:
    """A short line without final punctuation: a title or a sub-heading."""
    words = text.split()
    return 2 <= len(words) <= _TITLE_MAX_WORDS and not ends_sentence(text) and text[0].isupper()


def looks_like_title(text: str) -> bool:
    """A headline: a heading line long enough, mostly in Title Case or a plain short sentence."""
    words = text.split()
    if not (_TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS) or ends_sentence(text):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return bool(content) and capitalised / len(content) >= 0.6


def infer_title(paragraphs: Sequence[Paragraph]) -> str:
    """The first sentence of the first paragraph that is not a quotation or a heading."""
    for paragraph in paragraphs:
        text = paragraph.text
        if paragraph.heading or text[:1] in "\"“'‘«":
            continue
        sentences = split_sentences(text)
        if sentences:
            return _shorten(sentences[0].text.rstrip("."))
    return _shorten(paragraphs[0].text) if paragraphs else "Untitled article"


def _shorten(text: str, limit: int = 120) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + "…"


def infer_outlet(paragraphs: Sequence[Paragraph], dropped: Sequence[DroppedLine]) -> str | None:
    """The outlet named in the text: a copyright owner, "X reports", or a photo credit."""
    for line in dropped:
        match = _COPYRIGHT_OWNER.search(line.text)
        if line.reason == "copyright line" and match:
            return match.group("name").strip()
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph.text):
            match = _REPORTS.search(sentence.text)
            if match:
                return (match.group("a") or match.group("b")).strip()
    for line in dropped:
        match = _PHOTO_CREDIT.search(line.text)
        if line.reason == "photo caption or credit" and match:
            name = match.group("name").strip()
            if name.lower() not in _AGENCIES:
                return name
    return None


def infer_date(
    paragraphs: Sequence[Paragraph], reference: FuzzyDate | None
) -> tuple[FuzzyDate, str] | None:
    """The latest date the text mentions (an article reports what has happened by its date).

    Dates without a year are resolved against `reference` (the newest dated article or the
    curation's as_of). Returns the date and the words it was read from.
    """
    best: tuple[tuple[int, int, int], FuzzyDate, str] | None = None
    for paragraph in paragraphs:
        for mention in find_dates(paragraph.text, reference):
            if mention.date.precision != "day":
                continue
            if reference is not None and mention.date.sort_key > reference.sort_key:
                continue  # announced for later ("will declare on 25 April"): not the writing date
            if best is None or mention.date.sort_key > best[0]:
                best = (mention.date.sort_key, mention.date, mention.text)
    return (best[1], best[2]) if best else None
