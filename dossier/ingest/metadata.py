"""Infer an article's title, outlet and date from its text when nobody gave them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.analyse.speech import ISSUING_NOUNS
from dossier.analyse.dates import find_dates, parse_date
from dossier.analyse.memo import Gated
from dossier.analyse.sentences import dateline, split_sentences
from dossier.ingest.bylines import byline_outlet, outlet_name, without_dates
from dossier.ingest.furniture import ends_sentence, is_masthead
from dossier.model import DroppedLine, FuzzyDate, Paragraph

# "..., Censor.NET reports." / "..., reports Kyiv Independent."
_REPORTS = re.compile(
    r"(?:,\s*|\bthe\s+)(?P<a>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:reports|writes|informs)\.?$"
    r"|\breports\s+(?P<b>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\.?$"
)
_PHOTO_CREDIT = re.compile(r"(?i)\bphotos?\s*:\s*(?P<name>[\w][\w .&'-]{1,40}?)\s*$")
# "© 2026 Island Post", "Copyright (c) 2026 Island Post Media Ltd.", "© Island Post 2026"
_COPYRIGHT_OWNER = re.compile(
    r"(?:©|\([cC]\)|\b[Cc]opyright\b)(?:\s*(?:©|\([cC]\)))?\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*"
    r"(?P<name>[A-Z][\w.&'’ -]{1,40}?)\s*(?:\b(?:19|20)\d\d\b)?\s*(?:[,.|]|All rights|$)"
)
_COMPANY = re.compile(r"(?:,?\s+(?:Ltd|Limited|Inc|LLC|plc|PLC|GmbH|S\.A|AG|Corp|Co))+\.?$")
_PHOTO_COPYRIGHT = re.compile(r"(?i)\b(?:photos?|images?|pictures?|illustration|video)\b[^©]{0,20}(?:©|\(c\)|copyright)")
# "— write: www.radiosvoboda.org", "Source: example.com", a bare "www.example.org" line.
_DOMAIN = r"(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12})(?:/\S*)?"
_SOURCE_DOMAIN = re.compile(
    r"(?i)(?:^|[—–-]\s*|\b)(?:write|writes|wrote|reports?|source|via|read more at|published on|"
    r"originally published (?:at|on|by))\s*:?\s*" + _DOMAIN + r"\s*\.?\s*$"
)
_SOURCE_DOMAIN_LINE = Gated(_SOURCE_DOMAIN, ("write", "wrote", "report", "source", "via", "read more at", "published"))
_BARE_DOMAIN = re.compile(r"(?i)^" + _DOMAIN + r"$")
_AGENCIES = frozenset({"afp", "ap", "reuters", "getty", "getty images", "epa", "shutterstock"})
_TITLE_MIN_WORDS, _TITLE_MAX_WORDS = 4, 24
_DESK = re.compile(r"\s+(?:live|news|foreign|world|metro|city|national|breaking(?:\s+news)?)\s+(?:desk|team|blog)$",
                   re.IGNORECASE)
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


def looks_like_headline(text: str) -> bool:
    """A headline in sentence case on its own line: enough words, no final full stop, a letter
    first, and more than a number or two ("0 13" is a counter, not a title)."""
    words = text.split()
    letters = sum(1 for w in words if any(ch.isalpha() for ch in w))
    return (
        (_TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS or _SHORT_KICKED.fullmatch(text) is not None)
        and letters >= _TITLE_MIN_WORDS - 1
        and not text.rstrip().endswith((".", ":", ",", ";", "…"))
        and text[:1].isupper()
    )


# a live page's short headline, a story's name then what the page is: "Korvale riot: latest"
_SHORT_KICKED = re.compile(r"[A-Z][\w'’-]*\s+[\w'’-]+:\s+[A-Za-z][\w'’-]*")


def infer_title(paragraphs: Sequence[Paragraph]) -> str:
    """The first sentence of the first paragraph that is not a quotation or a heading."""
    for paragraph in paragraphs:
        text = paragraph.text
        if paragraph.heading or text[:1] in "\"“'‘«":
            continue
        if not any(ch.isalpha() for ch in text):
            continue  # "0 13": counters, not a title
        opening = dateline(text, paragraph.number)
        if opening:
            text = text[opening.end:]
        sentences = split_sentences(text)
        if sentences:
            return _shorten(sentences[0].text.rstrip("."))
    return _shorten(paragraphs[0].text) if paragraphs else "Untitled article"


def _shorten(text: str, limit: int = 120) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + "…"


def infer_outlet(paragraphs: Sequence[Paragraph], dropped: Sequence[DroppedLine]) -> str | None:
    """The outlet named in the text: a byline naming an agency, a dateline's agency, a copyright
    owner, "X reports", "— write: domain", a site address on its own line, or a photo credit."""
    for line in dropped:
        if line.reason == "byline":
            outlet = byline_outlet(line.text)
            if outlet:
                return outlet
    for paragraph in paragraphs[:3]:
        opening = dateline(paragraph.text)
        if opening and opening.agency and not _is_date_words(opening.agency):
            return opening.agency.strip()
    return _named_outlet(paragraphs, dropped)


def _named_outlet(paragraphs: Sequence[Paragraph], dropped: Sequence[DroppedLine]) -> str | None:
    for text in [p.text for p in paragraphs] + [d.text for d in dropped]:
        tail = text[-120:]  # a credit closes the text: "... — write: www.example.org"
        match = _SOURCE_DOMAIN_LINE.search(tail) or _BARE_DOMAIN.match(text.strip())
        if match:
            return match.group("domain").lower()
    for line in dropped:  # the name above the article ("Ukrinform", "Capital News Network"): the
        # title readers know, before the company a copyright line names ("... Media Group")
        if line.reason.startswith("masthead line"):
            name = _masthead_name(line.text)
            if name:
                return name
    for line in dropped:
        if line.reason == "copyright line" and not _PHOTO_COPYRIGHT.search(line.text):
            match = _COPYRIGHT_OWNER.search(line.text)
            name = _COMPANY.sub("", match.group("name").strip()).strip(" ,.") if match else ""
            if name and not _is_date_words(name):
                return name
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


def issuing_body(text: str) -> str | None:
    """A body's name alone on a line above its own statement ("MINISTRY OF HEALTH OF THE
    REPUBLIC OF VELDORIA", "Coastal Protection Authority"): the name, in the case names are
    written in and without the state it belongs to ("Ministry of Health"); None for any other
    line (a headline in capitals says what happened: "HEALTH MINISTRY WARNS OF ...")."""
    words = text.split()
    if not 2 <= len(words) <= 10 or ends_sentence(text) or any(ch.isdigit() for ch in text):
        return None
    if not all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) or not words[0][:1].isupper():
        return None
    lowered = [w.lower() for w in words]
    # the body's noun ends the name ("Veldorian Health Ministry") or is followed by what it is of
    if not any(w in ISSUING_NOUNS and (i == len(words) - 1 or lowered[i + 1] in ("of", "for"))
               for i, w in enumerate(lowered)):
        return None
    return _OF_THE_STATE.sub("", _unshouted(text.strip())) or None


# "... of the Republic of Veldoria": the state a ministry belongs to, not part of its usual name
_OF_THE_STATE = re.compile(r"\s+of\s+the\s+(?:Republic|Kingdom|State|Federation|Commonwealth|Principality|"
                           r"Government|Emirate|Sultanate)\b.*$", re.IGNORECASE)


def _masthead_name(text: str) -> str | None:
    """The outlet's name in a masthead line: its first part before a date or separator, when
    it is an outlet's name (`bylines.outlet_name`: "Capital News Network", "The Ledger", "BBC")
    or one capitalised word ("Ukrinform"); never a section word or a person's name ("Mira
    Castell", "LENA FARROW")."""
    first = re.split(r"\s*(?:[|·•]|\s[-–—]\s)\s*", text.strip())[0]
    first = _DESK.sub("", without_dates(first)).strip(" ,;")  # "Valley Times live desk": the Valley Times
    words = first.split()
    if len(words) > 4 and (body := issuing_body(first)):
        return body
    if not words or len(words) > 4 or first.lower() in _SECTION_WORDS:
        return None
    if _BARE_DOMAIN.match(first):
        return first.lower()
    named = outlet_name(first)
    if named:
        return _unshouted(named)
    single = len(words) == 1 and words[0][:1].isupper() and not words[0].isupper() and words[0].isalpha()
    # a body's name issuing its own statement ("Coastal Protection Authority", "Ministry of Health")
    body = len(words) >= 2 and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) \
        and words[0][:1].isupper() and any(w.lower() in ISSUING_NOUNS for w in words)
    return first if single or body or (len(words) == 1 and 2 <= len(first) <= 5 and first.isupper()) else None


_SMALL_WORDS = frozenset("the of and a an for on in at de la le el der die das".split())


# initials, not a word: two letters, or three with no vowel after the first ("BBC", "AFP", "TV")
_INITIALS = re.compile(r"[A-Z]{1,2}|[A-Z][B-DF-HJ-NP-TV-Z]{2}|[A-Z]+\.(?:[A-Z]+\.)*")


def _unshouted(name: str) -> str:
    """A masthead set in capitals, in the case names are written in: "THE KORVANE COURIER" ->
    "The Korvane Courier"; initials stay in capitals ("BBC NEWS" -> "BBC News")."""
    words = name.split()
    if len(words) < 2 or not name.isupper():
        return name
    shown = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in _SMALL_WORDS:
            shown.append(low.capitalize() if i == 0 else low)
        else:
            shown.append(word if _INITIALS.fullmatch(word) else "-".join(part.capitalize() for part in word.split("-")))
    return " ".join(shown)


_SECTION_WORDS = frozenset("""world news politics business economy europe asia africa americas war
    analysis opinion live latest breaking home sport sports culture""".split())


def _is_date_words(text: str) -> bool:
    return bool(find_dates(text)) or text.strip().isdigit()


_NUMERIC_STAMP = re.compile(r"\b(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b")


def stamp_date(
    paragraphs: Sequence[Paragraph], dropped: Sequence[DroppedLine], reference: FuzzyDate | None
) -> tuple[FuzzyDate, str] | None:
    """The publication date where a page prints it: a date stamp or byline line ("19.11.2025
    14:05", "By RFE/RL November 19, 2025") or a dateline ("KYIV, Nov 19 (Reuters) -"); one
    without its year takes the year that puts it nearest before `reference`."""
    for line in dropped:
        if line.reason in ("date stamp", "byline"):
            # "Updated 13 March, 22:40": a stamp without its year, in the year of the other
            # articles (the newest date they or the curation give: `reference`)
            found = _full_date(line.text, reference)
            if found:
                return found, line.text
    for paragraph in paragraphs[:3]:
        opening = dateline(paragraph.text)
        if opening and opening.place:
            found = _full_date(opening.place, reference)
            if found:
                return found, paragraph.text[:opening.end].strip()
    return None


def is_dated_masthead(text: str) -> bool:
    """A masthead line printing the day of the issue with its edition or section ("Saturday 6
    March 2032 | Hollin edition"): the page's date stamp, not the headline."""
    return is_masthead(text) and _full_date(text, None) is not None


_ISO_DATE_TIME = re.compile(r"\b(?P<date>(?:19|20)\d\d-[01]\d-[0-3]\d)T\d")


def _full_date(text: str, reference: FuzzyDate | None) -> FuzzyDate | None:
    iso = _ISO_DATE_TIME.search(text)  # "2026-03-15T10:42:00Z"
    if iso:
        return parse_date(iso.group("date"))
    numeric = _NUMERIC_STAMP.search(text)
    if numeric:
        day, month = int(numeric.group("d")), int(numeric.group("m"))
        if month > 12 >= day:
            day, month = month, day  # 11/19/2025, 08.14.2025: month first (no month 19 or 14)
        elif numeric.group("sep") == "/" and day <= 12:
            return None  # 03/04/2025 is ambiguous
        return parse_date(f"{numeric.group('y')}-{month:02d}-{day:02d}")
    for mention in find_dates(text, reference):
        if mention.date.precision == "day" and not _RELATIVE_WORD.match(mention.text):
            return mention.date
    return None


_RELATIVE_WORD = re.compile(
    r"(?i)^(?:today|tonight|yesterday|this morning|this evening|last night|earlier this month|"
    r"this month|last month|earlier this year|this year|last year)$"
)


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
            if mention.date.precision != "day" or _RELATIVE_WORD.match(mention.text):
                continue  # "Today" says nothing without the article's own date
            if reference is not None and mention.date.sort_key > reference.sort_key:
                continue  # announced for later ("will declare on 25 April"): not the writing date
            if best is None or mention.date.sort_key > best[0]:
                best = (mention.date.sort_key, mention.date, mention.text)
    return (best[1], best[2]) if best else None
