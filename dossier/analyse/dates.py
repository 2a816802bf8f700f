"""Find date expressions in text and resolve them against a reference date (the article's).

"on October 24, 2024", "24 April 2025", "on 25 April", "December 13", "in January and
February", "in March", "November 2024", "2025-04-24", "today", "yesterday", "earlier this
month". A date without a year takes the latest year that does not put it after the reference
date, and is marked as resolved (not stated).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from dossier.analyse.memo import finditer_at_words, first_words
from dossier.model import FuzzyDate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
MONTH_NAMES = _MONTH_NAMES  # the alternation of month names and abbreviations (for other modules' patterns)
_MONTH = r"(?P<{}>" + _MONTH_NAMES + r")\.?"
# A day and its month, either way round ("18 May", "May 18", "3rd of March"): what two wordings
# of one statement must agree on besides their numbers (`dossier.assemble.clusters`)
DAY_OF_MONTH = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<after>" + _MONTH_NAMES + r")|(?P<before>"
                          + _MONTH_NAMES + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?)\b")
_MONTH_PREPOSITIONS = r"in|since|by|until|from|of|during|early|late|mid-?|last|this|and|to"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b" + _YEAR.format("y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # April 24, 2025 / April 24 2025 / April 24
    (
        "mdy",
        re.compile(
            r"\b" + _MONTH.format("mn") + r"\s+" + _DAY.format("d")
            + r"(?:,?\s+" + _YEAR.format("y") + r")?(?![\d:])\b"
        ),
    ),
    # 24 April 2025 / 24 April
    (
        "dmy",
        re.compile(
            r"\b" + _DAY.format("d") + r"\s+(?:of\s+)?" + _MONTH.format("mn")
            + r"(?:,?\s+" + _YEAR.format("y") + r")?\b"
        ),
    ),
    # November 2024 / in January (month alone needs a preposition: "May" is also a verb)
    (
        "my",
        re.compile(
            r"\b(?:(?P<prep>" + _MONTH_PREPOSITIONS + r")\s+)?"
            + _MONTH.format("mn") + r"(?:,?\s+" + _YEAR.format("y") + r")?\b",
            re.IGNORECASE,
        ),
    ),
]
_RELATIVE_WORDS = (r"today|tonight|yesterday|this morning|this evening|last night|"
                   r"earlier this month|this month|last month|earlier this year|this year|last year")
_RELATIVE = re.compile(r"\b(?P<word>" + _RELATIVE_WORDS + r")\b", re.IGNORECASE)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# the zones a time is given in ("09:20 GMT"): part of a time, never a name
TIME_ZONES = frozenset("gmt utc bst cet cest eet eest est edt cst cdt mst mdt pst pdt ist jst msk".split())
# "on Monday", "Tuesday's strike", "last Friday": resolved against the reference date (capitalised
# only: a weekday is a proper noun).
_WEEKDAY_PREPOSITIONS = r"[Oo]n|[Ll]ast|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate"
_WEEKDAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WEEKDAY = re.compile(
    r"\b(?:(?P<prep>" + _WEEKDAY_PREPOSITIONS + r")\s+)?"
    r"(?P<wd>" + _WEEKDAY_NAMES + r")(?P<poss>['’]s)?\b"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?")
# A year on its own needs a preposition: "in 2024", "during 2023" ("2024" alone may be a count).
_YEAR_PREPOSITIONS = r"[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]or|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom"
_YEAR_ALONE = re.compile(r"\b(?:" + _YEAR_PREPOSITIONS + r")\s+(?P<y>(?:19|20)\d\d)\b(?![-–/]\d)")

# The patterns that start with a word (on a word boundary) are tried only where a word they
# may start with starts (`memo.finditer_at_words`): the month-year pattern (case-insensitive,
# led by common words), month-day dates, relative words, weekdays and years after a
# preposition. The day-month and ISO dates start with digits: scanned plainly. Every pattern
# but month-year, relative words and weekdays needs a digit.
_MY_FIRST_WORDS = first_words(_MONTH_PREPOSITIONS) | first_words(_MONTH_NAMES)
_FIRST_WORDS = {"iso": None, "mdy": first_words(_MONTH_NAMES), "dmy": None, "my": _MY_FIRST_WORDS}
_RELATIVE_FIRST_WORDS = first_words(_RELATIVE_WORDS)
_WEEKDAY_FIRST_WORDS = first_words(_WEEKDAY_PREPOSITIONS) | first_words(_WEEKDAY_NAMES)
_YEAR_FIRST_WORDS = first_words(_YEAR_PREPOSITIONS)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: FuzzyDate
    stated: bool  # True when the text gives the full date itself, False when resolved


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _resolve_year(month: int, day: int | None, reference: FuzzyDate | None) -> int | None:
    """The year that puts (month, day) nearest before the reference date.

    A day up to a week after the reference keeps the reference's year: articles announce
    what comes next ("On 25 April, Kyiv has declared a Day of Mourning").
    """
    if reference is None:
        return None
    year = reference.year
    if reference.month is None:
        return year
    if day is None:
        return year if month <= reference.month else year - 1
    ref_day = dt.date(reference.year, reference.month, reference.day or 28)
    try:
        candidate = dt.date(year, month, day)
    except ValueError:
        return year
    return year if candidate <= ref_day + dt.timedelta(days=7) else year - 1


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, 1 if day is None else day)  # day 0 is no day
    except (ValueError, OverflowError):
        return False
    return True


def find_dates(text: str, reference: FuzzyDate | None = None, *, weekdays: bool = False) -> list[DateMention]:
    """All date expressions in `text`, in order, without overlaps.

    With `weekdays`, also "on Monday" (the latest Monday not after the reference date; "last
    Monday" the one before) and a year after a preposition ("in 2024")."""
    return list(_find_dates(text, reference, weekdays))


@functools.lru_cache(maxsize=1024)
def _find_dates(text: str, reference: FuzzyDate | None, weekdays: bool) -> tuple[DateMention, ...]:
    """Several analysers ask for the dates of the same sentence: found once (with `weekdays`,
    the calendar dates are those found without, and the weekdays and years are added)."""
    if not weekdays:
        return tuple(sorted(_calendar_dates(text, reference), key=lambda m: m.start))
    found = list(_calendar_dates(text, reference))
    taken = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in finditer_at_words(_WEEKDAY, _WEEKDAY_FIRST_WORDS, text):
        mention = _weekday(match, reference)
        if mention and free(mention.start, mention.end):
            found.append(mention)
            taken.append((mention.start, mention.end))
    for match in finditer_at_words(_YEAR_ALONE, _YEAR_FIRST_WORDS, text) if _DIGIT.search(text) else ():
        if free(match.start("y"), match.end("y")):
            found.append(DateMention(match.start(), match.end(), match.group(0), FuzzyDate(int(match.group("y"))), True))
            taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda m: m.start))


@functools.lru_cache(maxsize=1024)
def _calendar_dates(text: str, reference: FuzzyDate | None) -> tuple[DateMention, ...]:
    """The dates of the patterns and the relative words, in the order found (not sorted)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    digits = _DIGIT.search(text) is not None
    for kind, pattern in _PATTERNS:
        if kind != "my" and not digits:
            continue
        for match in finditer_at_words(pattern, _FIRST_WORDS[kind], text):
            mention = _from_match(kind, match, reference)
            if mention and free(mention.start, mention.end):
                found.append(mention)
                taken.append((mention.start, mention.end))
    for match in finditer_at_words(_RELATIVE, _RELATIVE_FIRST_WORDS, text):
        mention = _relative(match, reference)
        if mention and free(match.start(), match.end()):
            found.append(mention)
            taken.append((match.start(), match.end()))
    return tuple(found)


def _weekday(match: re.Match[str], reference: FuzzyDate | None) -> DateMention | None:
    if reference is None or reference.precision != "day":
        return None
    day = dt.date(reference.year, reference.month, reference.day)  # type: ignore[arg-type]
    back = (day.weekday() - WEEKDAYS.index(match.group("wd").lower())) % 7
    if (match.group("prep") or "").lower() == "last" and back == 0:
        back = 7
    return DateMention(match.start(), match.end(), match.group(0),
                       FuzzyDate.from_date(day - dt.timedelta(days=back)), stated=False)


def _from_match(kind: str, match: re.Match[str], reference: FuzzyDate | None) -> DateMention | None:
    groups = match.groupdict()
    start, end = match.span()
    if kind == "iso":
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        stated = True
    else:
        name = groups["mn"]
        if kind == "my":
            prep = groups.get("prep")
            if not name[0].isupper():
                return None
            if not groups.get("y") and not prep:
                return None  # a bare "May" or "March" is too often not a date
            if prep:
                start = match.start("mn") if prep.lower() in ("and", "to", "of") else start
        month = _month(name)
        day = int(groups["d"]) if groups.get("d") else None
        if day is not None and not 1 <= day <= 31:
            return None
        stated = bool(groups.get("y"))
        year = int(groups["y"]) if groups.get("y") else _resolve_year(month, day, reference)
        if year is None:
            return None
    if not _valid(year, month, day):
        return None
    return DateMention(start, end, match.string[start:end], FuzzyDate(year, month, day), stated)


def _relative(match: re.Match[str], reference: FuzzyDate | None) -> DateMention | None:
    if reference is None or reference.precision != "day":
        return None
    try:
        return _relative_to(match, reference)
    except (ValueError, OverflowError):  # a reference date that is no real day, or year 1
        return None


def _relative_to(match: re.Match[str], reference: FuzzyDate) -> DateMention | None:
    word = match.group("word").lower()
    day = dt.date(reference.year, reference.month, reference.day)  # type: ignore[arg-type]
    if word in ("today", "tonight", "this morning", "this evening"):
        date = FuzzyDate.from_date(day)
    elif word in ("yesterday", "last night"):
        date = FuzzyDate.from_date(day - dt.timedelta(days=1))
    elif word in ("earlier this month", "this month"):
        date = FuzzyDate(day.year, day.month)
    elif word == "last month":
        previous = day.replace(day=1) - dt.timedelta(days=1)
        date = FuzzyDate(previous.year, previous.month)
    elif word in ("earlier this year", "this year"):
        date = FuzzyDate(day.year)
    else:  # last year
        date = FuzzyDate(day.year - 1)
    return DateMention(match.start(), match.end(), match.group(0), date, stated=False)


def parse_date(value: str) -> FuzzyDate | None:
    """A date written on its own (curation file, front matter): `2025-04-24`, `2025-04`, `2025`,
    or any single expression `find_dates` understands with a year."""
    value = value.strip()
    iso = re.fullmatch(r"((?:19|20)\d\d)(?:-([01]\d)(?:-([0-3]\d))?)?", value)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        if _valid(year, 1 if month is None else month, day):  # type: ignore[arg-type]
            return FuzzyDate(year, month, day)  # type: ignore[arg-type]
        return None
    mentions = find_dates(value)
    if len(mentions) == 1 and mentions[0].stated:
        return mentions[0].date
    return None


# a live blog's entry stamp opening a paragraph: "09:40 - ", "**13:20** - ", "8:45 a.m. The ...",
# "14 September 2025 09:10 - ", "Yesterday 18:00 ", "12 March 18:00 " (the day before the
# time, if any)
ENTRY_STAMP = re.compile(
    r"^\W{0,3}(?P<day>(?:[^.\n]{0,30}?\b\d{4}|[Yy]esterday|[Tt]oday"
    r"|\d{1,2}\s+(?:" + _MONTH_NAMES + r")|(?:" + _MONTH_NAMES + r")\s+\d{1,2}),?\s+)?(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)"
    r"(?:\s*(?P<ap>[ap])\.?m\b\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T)\b)?(?:\*\*|__)?\s*(?:[-–—|]\s+|(?=[A-Z\"“]))")


@dataclass(frozen=True)
class EntryStamp:
    """A live blog entry's stamp opening a paragraph: its time ("HH:MM"), its day (the
    stamp's own, else the reference given), whether the stamp gives the day, and where the
    entry's words begin."""

    time: str
    day: FuzzyDate | None
    day_given: bool
    end: int


def entry_stamp(text: str, reference: FuzzyDate | None) -> EntryStamp | None:
    """The stamp of the live blog entry the paragraph opens with, if it does: the time its
    figures are given for, when they are of that day and name no time of their own."""
    match = ENTRY_STAMP.match(text)
    if match is None:
        return None
    hour = hour24(int(match.group("h")), match.group("ap"))
    days = find_dates(match.group("day"), reference) if match.group("day") else []
    return EntryStamp(f"{hour:02d}:{int(match.group('m')):02d}", days[0].date if days else reference,
                      bool(days), match.end())


def hour24(hour: int, half: str | None) -> int:
    """The hour on a 24-hour clock, from "7" and "p" (7 p.m.) or "12" and "a" (midnight)."""
    half = (half or "").lower()
    if half == "p" and hour < 12:
        return hour + 12
    return 0 if half == "a" and hour == 12 else hour
