"""Find the numbers in a sentence, in every form news writes them, with their qualifier.

Digits with comma or space thousands separators (`11,000`, `12 000`), decimals (`2.7`), number
words (`three`, `Twelve`, `a dozen`), scales and currencies (`$20 billion`, `€3m`, `1.5
million`, `1.5 lakh`, `Rs 500 crore`, South Asian digit groups `2,00,000`), percentages, hyphenated units (`one-tonne warhead`) and ranges (`10,000 to 12,000`,
`10,000-12,000`, `between 10 and 12`). The qualifier comes from the words before (`more than`,
`at least`, `about`, `almost`, `up to`) or after (`or more`, `or so`).

Not numbers for our purpose: dates and years, times of day, ordinals, parts of names and
models (`KN-23`, `Su-34`, `G7`, `M1991`, `Flight 370`). What the number counts is the figure
extractor's business (`dossier.analyse.figures`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from dossier.analyse.dates import DAY_OF_MONTH, MONTH_NAMES, find_dates
from dossier.model import FuzzyDate, Qualifier

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12, "trn": 1e12,
    # South Asian scales ("1.5 lakh people", "Rs 500 crore")
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}
#: Every number word the parser knows, with its value: the one table other stages use.
NUMBER_WORDS: dict[str, float] = {**_UNITS, **_TENS, **_SCALES}


def number_words(min_length: int = 1) -> str:
    """The number words of at least `min_length` letters as one regular-expression alternation,
    the longest first ("fourteen" before "four")."""
    return "|".join(sorted((w for w in NUMBER_WORDS if len(w) >= min_length), key=len, reverse=True))


def is_number_word(word: str) -> bool:
    """"Twelve", "twenty-five", "Hundred": a number written as a word (never a name, a side
    or a place, though it opens a sentence with a capital)."""
    parts = word.casefold().strip(".,;:'’").split("-")
    return bool(parts[0]) and all(part in NUMBER_WORDS for part in parts)


_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "₴": "UAH", "₽": "RUB", "₹": "INR",
    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "hryvnias": "UAH", "hryvnia": "UAH", "roubles": "RUB", "rubles": "RUB", "yen": "JPY", "inr": "INR",
    "pkr": "PKR", "lkr": "LKR", "npr": "NPR",
    "yuan": "CNY", "renminbi": "CNY", "kronor": "SEK", "koruna": "CZK", "zloty": "PLN",
    "zlotys": "PLN", "forints": "HUF", "lira": "TRY", "liras": "TRY", "rand": "ZAR",
    "levs": "BGN", "leva": "BGN", "shekels": "ILS", "naira": "NGN", "baht": "THB",
    "ringgit": "MYR", "dirhams": "AED", "riyals": "SAR", "rials": "IRR", "lei": "RON",
    # the same word for several currencies: the code needs the adjective ("Swedish crowns")
    "crowns": "crowns", "kroner": "crowns", "francs": "francs", "pesos": "pesos", "dinars": "dinars",
    # ("Rs" and "rupees" are India's, Pakistan's, Sri Lanka's and Nepal's: the adjective or code says which)
    "rupees": "rupees", "rs": "rupees", "rs.": "rupees",
}
# "Swedish crowns", "Swiss francs", "Australian dollars": the adjective names the currency.
_CURRENCY_ADJECTIVES = {
    ("swedish", "crowns"): "SEK", ("norwegian", "crowns"): "NOK", ("danish", "crowns"): "DKK",
    ("czech", "crowns"): "CZK", ("icelandic", "crowns"): "ISK", ("norwegian", "kroner"): "NOK",
    ("danish", "kroner"): "DKK", ("swiss", "francs"): "CHF", ("mexican", "pesos"): "MXN",
    ("argentine", "pesos"): "ARS", ("philippine", "pesos"): "PHP", ("colombian", "pesos"): "COP",
    ("chilean", "pesos"): "CLP", ("australian", "dollars"): "AUD", ("canadian", "dollars"): "CAD",
    ("singapore", "dollars"): "SGD", ("taiwan", "dollars"): "TWD", ("zealand", "dollars"): "NZD",
    ("kong", "dollars"): "HKD", ("us", "dollars"): "USD", ("u.s.", "dollars"): "USD",
    ("jordanian", "dinars"): "JOD", ("kuwaiti", "dinars"): "KWD", ("iraqi", "dinars"): "IQD",
    ("indian", "rupees"): "INR", ("pakistani", "rupees"): "PKR", ("lankan", "rupees"): "LKR",
    ("nepalese", "rupees"): "NPR", ("nepali", "rupees"): "NPR",
}
CURRENCY_CODES = frozenset(_CURRENCIES.values()) | frozenset(_CURRENCY_ADJECTIVES.values()) | {
    "CHF", "SEK", "NOK", "DKK", "AUD", "CAD", "CNY"}
_CURRENCY_WORD_AFTER = re.compile(
    r"^\s+(?:(?P<adj>(?:[A-Z][a-z]+\s+)?[A-Z][\w.]*)\s+)?(?P<word>"
    + "|".join(sorted((w for w in _CURRENCIES if w.isalpha()), key=len, reverse=True))
    + r")\b", re.IGNORECASE)

_SPACE = r"[ \u00a0\u202f]"
_DIGITS = rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)|\d+(?:\.\d+)?"
_WORD_NUMBER = (
    r"(?:" + "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True)) + r")"
    r"(?:-(?:" + "|".join(_UNITS) + r"))?"
    r"(?:\s+hundred(?:\s+and\s+(?:" + "|".join(list(_TENS) + list(_UNITS)) + r"))?)?"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakhs?|lacs?|crores?)"
_SCALE_SHORT = r"(?:mn|mln|bn|trn|tn|m|b|k)"
_CURRENCY_PREFIX = r"(?P<cur>(?:US|HK|NZ|A|C|S)\$|\$|€|£|¥|₴|₽|₹|(?:USD|EUR|GBP|CHF|SEK|NOK|DKK|JPY|CNY|AUD|CAD|INR|PKR|LKR|NPR)\s?|Rs\.?\s?)"
# "dozens", "hundreds of": vague counts, read as their least ("dozens" is at least 24)
_VAGUE = {"dozens": 24.0, "hundreds": 200.0, "thousands": 2000.0, "tens of thousands": 20000.0,
          "hundreds of thousands": 200000.0}
_AMOUNT = (
    rf"(?:(?P<digits>{_DIGITS})|(?P<dozen>(?:a|two|three|four|five|six|several)\s+dozen)(?!s)"
    rf"|(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands)(?=\s+of\s)|(?P<a_scale>an?\s+(?:hundred|thousand))(?![\w-])"
    rf"|(?P<fraction>half\s+a|(?:a\s+)?quarter\s+of\s+a|three[-\s]quarters\s+of\s+a)(?=\s+(?:million|billion)\b)"
    rf"|(?P<words>{_WORD_NUMBER}))"
    rf"(?:(?:\s+|-)(?P<scale>{_SCALE_WORD})\b|(?P<short>{_SCALE_SHORT})\b)?"
)
_PERCENT = r"\s?%|\s+per\s?cent\b"
_BODY = rf"(?:{_CURRENCY_PREFIX})?{_AMOUNT}(?P<percent>{_PERCENT})?"
PERCENT_SIGN = re.compile(_PERCENT, re.IGNORECASE)
"""A percentage's sign as a number is written with it ("12%", "12 %", "12 percent", "12 per
cent"): the one the number reader reads."""
_NUMBER = re.compile(r"(?<![\w.,:/$€£¥₴₽₹#-])" + _BODY, re.IGNORECASE)
_NUMBER_BODY = re.compile(_BODY, re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^(?:[-–]|\s+to\s+)", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"^\s+(?:[a-z]+s|people|children|men|women|police|personnel|staff)\b")

_BEFORE: list[tuple[Qualifier, re.Pattern[str]]] = [
    (q, re.compile(r"\b(?:" + words + r")\s*$", re.IGNORECASE))
    for q, words in [
        ("almost", r"almost|nearly|just\s+under|just\s+shy\s+of|close\s+to|just\s+below"),
        ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|not\s+less\s+than"),
        ("more_than", r"(?:well\s+|far\s+|slightly\s+)?(?:(?<!\bno\s)(?<!\bnot\s)more\s+than|over|above|in\s+excess\s+of|upwards\s+of|"
                      r"greater\s+than|exceeded|exceeds|exceeding|exceed|surpassed|surpassing|topped)"),
        ("up_to", r"up\s+to|as\s+many\s+as|as\s+much\s+as|a\s+maximum\s+of|fewer\s+than|less\s+than|no\s+more\s+than|not\s+more\s+than|under|below"),
        ("approx", r"about|approximately|around|roughly|some|an\s+estimated|estimated|circa|"
                   r"approx\.?|an\s+approximate|some\s+estimated|almost\s+exactly"),
    ]
]
_AFTER: list[tuple[Qualifier, re.Pattern[str]]] = [
    ("at_least", re.compile(r"^\s*or\s+more\b", re.IGNORECASE)),
    ("more_than", re.compile(r"^(?:\+|-plus\b|\s+plus\b)", re.IGNORECASE)),
    ("approx", re.compile(r"^\s*or\s+so\b", re.IGNORECASE)),
]
# How far before a number the patterns that end at it (`...\s*$`) look: a qualifier or name
# stands right before the number; searching the whole text before every number is quadratic.
_LOOKBACK = 120
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)

_TIME_AFTER = re.compile(r"^(?::\d\d|\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\s*o'clock|\s*GMT|\s*UTC|h\d\d)", re.IGNORECASE)
_ATTACHED = re.compile(r"^(?:[A-Za-z]|[/.:,]\d|-\d)")
_HYPHEN_UNIT = re.compile(r"^-(?P<unit>[a-z]+(?:-[a-z]+)*)", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:\bNo\.|\bnumber|#)\s*$")
_CAPITAL_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)\s+$")
# Capitalised words that may stand right before a count: calendar words, sentence openers.
_CAPITAL_OK = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December In On At By Of For And But
    Some About Over Around Nearly Almost Approximately Roughly Only Just Another With Another
    Among All Another Of Up Than Least Exceeded More Fewer Estimated""".split()
)
_BACK = 60  # characters looked at around a number: its qualifier and context words are near it
_YEAR_CONTEXT = re.compile(r"\b(?:in|since|by|of|from|until|till|the|a|an|early|late|mid|before|after|during)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """A number in `text`; `start:end` covers the qualifier, the number and its unit marks.

    `unit` is a currency code ("USD"), "percent", or the word a hyphen attaches ("tonne" in
    "one-tonne"); None for a plain count. `number_start:number_end` covers the number alone.
    """

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    value_max: float | None
    qualifier: Qualifier
    text: str
    unit: str | None = None
    words: bool = False  # written in words ("three"), not digits


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    value: float
    scale: float
    currency: str | None
    percent: bool
    words: bool
    scaled: bool


_DIGIT = re.compile(r"\d")


_DAY_RANGE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:and|to|until|till|through|-|–|—)\s*"
                        r"(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + MONTH_NAMES + r")\b)", re.IGNORECASE)


def _mask_dates(text: str, reference: FuzzyDate | None) -> str:
    """`text` with every date expression blanked, so its numbers are never read as counts: a
    day and its month too when no year can be given to it ("on 14 March" in an undated article
    is no count of 14)."""
    spans = [(m.start, m.end) for m in find_dates(text, reference)]
    if reference is None and _DIGIT.search(text):
        spans += [m.span() for m in DAY_OF_MONTH.finditer(text)]
    if spans:  # "between 14 and 20 July", "from 3 to 9 May", "14-20 July": the first day too
        spans += [m.span(1) for m in _DAY_RANGE.finditer(text)]
    if not spans:
        return text  # most sentences: no date, nothing to copy
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = "#"
    return "".join(chars)


def _word_value(words: str) -> float:
    total = 0.0
    for part in re.split(r"[\s-]+", words.lower()):
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
    return total


_SEPARATORS = re.compile(rf"[,{_SPACE[1:-1]}]")  # thousands separators


def _raw(match: re.Match[str]) -> _Raw:
    groups = match.groupdict()
    if groups["digits"]:
        value = float(_SEPARATORS.sub("", groups["digits"]))
    elif groups["dozen"]:
        value = 12.0 * (_word_value(groups["dozen"].split()[0]) or (3 if groups["dozen"].startswith("several") else 1))
    elif groups["vague"]:
        value = _VAGUE[" ".join(groups["vague"].lower().split())]
    elif groups["a_scale"]:
        value = _SCALES[groups["a_scale"].split()[-1].lower()]
    elif groups["fraction"]:  # "half a million", "a quarter of a million"
        fraction = groups["fraction"].lower()
        value = 0.5 if fraction.startswith("half") else 0.75 if fraction.startswith("three") else 0.25
    else:
        value = _word_value(groups["words"])
    scale_word = (groups["scale"] or groups["short"] or "").lower()
    scale = _SCALES.get(scale_word, 1.0)
    currency = None
    if groups["cur"]:
        currency = _CURRENCIES.get(groups["cur"].strip().lower(), groups["cur"].strip().upper())
    return _Raw(match.start(), match.end(), value, scale, currency, bool(groups["percent"]),
                bool(groups["words"] or groups["dozen"] or groups["vague"] or groups["a_scale"] or groups["fraction"]),
                bool(scale_word))


def _is_identifier(text: str, start: int, end: int) -> bool:
    """Part of a name, model or code: KN-23, Su-34, G7, M1991, 5km, No. 7, Flight 370."""
    before, after = text[max(0, start - _BACK):start], text[end:end + _BACK]
    if _NAME_BEFORE.search(before) or _ATTACHED.match(after):
        return True
    capital = _CAPITAL_BEFORE.search(before)
    if not capital or capital.group(1) in _CAPITAL_OK or capital.group(1).endswith(("'s", "’s")):
        return False
    preceding = before[: capital.start()].rstrip()
    if _LIST_ITEM_BEFORE.search(preceding):
        return False  # "the toll rose to 38: Lindau counted 27 and Ostrava 11": an item of a list of counts
    return bool(preceding) and preceding[-1] not in ".!?\"“:;—"


# a list of counts, one item of it (with its number) before this one: after a colon ("38: Lindau
# counted 27 and Ostrava 11"), or a count with its noun ("Vardi counted 29 dead and the village
# of Olmet 12")
_LIST_ITEM_BEFORE = re.compile(r"(?::[^.;:!?]*\d[^.;:!?\d]*|\d\s+[a-z]+(?:\s+[a-z]+)?\s*)(?:,|\band)"
                               r"(?:\s+the\s+(?:village|town|city|district|region|province|port)\s+of)?$")


_YEAR_DIGITS = re.compile(r"(1[89]|20)\d\d")


def _is_time_or_year(text: str, raw: _Raw, qualified: bool) -> bool:
    after = text[raw.end:]
    if _TIME_AFTER.match(after):
        return True
    written = text[raw.start:raw.end]
    if not _YEAR_DIGITS.fullmatch(written) or raw.currency or raw.percent or qualified:
        return False
    return bool(_YEAR_CONTEXT.search(text[max(0, raw.start - _BACK): raw.start])) or not _PLURAL_AFTER.match(after)


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int] | None:
    offset = max(0, start - _BACK)
    before = text[offset:start]
    for qualifier, pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return qualifier, offset + match.start()
    return None


def _qualifier_after(text: str, end: int) -> tuple[Qualifier, int] | None:
    for qualifier, pattern in _AFTER:
        match = pattern.match(text[end:])
        if match:
            return qualifier, end + match.end()
    return None


def _hyphen_unit(text: str, end: int) -> tuple[str, int] | None:
    match = _HYPHEN_UNIT.match(text[end:])
    if not match:
        return None
    return match.group("unit").lower(), end + match.end()


def _next_number(masked: str, position: int) -> re.Match[str] | None:
    match = _NUMBER_BODY.match(masked, position)
    return match if match and match.group(0).strip() else None


def _range_end(masked: str, first: _Raw) -> _Raw | None:
    """The second number of "10,000 to 12,000", "10-12", "between 10 and 12"."""
    join = _RANGE_JOIN.match(masked[first.end:])
    if not join and _BETWEEN.search(masked[max(0, first.start - _BACK): first.start]):
        join = re.match(r"^\s+and\s+", masked[first.end:])
    if not join or _FROM.search(masked[max(0, first.start - _BACK): first.start]) and "to" in join.group(0).lower():
        return None
    match = _next_number(masked, first.end + join.end())
    if not match:
        return None
    second = _raw(match)
    if second.words != first.words and "-" in join.group(0):
        return None
    if first.percent and not second.percent:
        return None  # "fell 9% to 41.7 billion": a change and a level, not a range
    low = first.value * (first.scale if first.scaled else second.scale)
    if low > second.value * second.scale:
        return None  # "cut from 12 to 8"-like descents are two figures, never a range
    return second


MAX_VALUE = 1e15  # larger numbers are not counts of anything a briefing reports


_A_OR_SEVERAL = re.compile(r"(?:an?|several)\s", re.IGNORECASE)


def _mention(text: str, masked: str, raw: _Raw, second: _Raw | None) -> NumberMention | None:
    qualifier: Qualifier = "exact"
    start, end = raw.start, (second or raw).end
    before = _qualifier_before(masked, raw.start)
    offset = max(0, raw.start - _BACK)
    between = _BETWEEN.search(masked[offset: raw.start])
    if between and second:
        start = offset + between.start()
    elif before:
        qualifier, start = before
    written = text[raw.start:raw.end]
    if qualifier == "exact" and _A_OR_SEVERAL.match(written):
        qualifier = "approx"  # "a dozen", "a hundred"
    if qualifier == "exact" and " ".join(written.lower().split()) in _VAGUE:
        qualifier = "at_least"  # "dozens": at least two dozen
    after = _qualifier_after(masked, end)
    if after and qualifier == "exact":
        qualifier, end = after
    if _is_time_or_year(masked, raw, before is not None):
        return None
    scale = raw.scale if raw.scaled or not second else second.scale
    value = raw.value * scale
    value_max = None
    if second:
        value_max = second.value * second.scale
        qualifier = "range"
    if not all(math.isfinite(v) and abs(v) <= MAX_VALUE for v in (value, value_max or 0.0)):
        return None  # "1" followed by 400 zeros is no count, and no float holds it
    currency = raw.currency or (second.currency if second else None)
    unit: str | None = currency or ("percent" if raw.percent or (second and second.percent) else None)
    hyphen = None if unit else _hyphen_unit(masked, end)
    if hyphen:
        unit, end = hyphen
    elif unit is None:
        unit = _currency_after(masked, end)
    return NumberMention(start, end, raw.start, (second or raw).end, value, value_max, qualifier,
                         text[start:end], unit, raw.words)


def _currency_after(text: str, end: int) -> str | None:
    """The currency written after an amount: "5 billion crowns", "3.1 billion Swedish crowns"."""
    match = _CURRENCY_WORD_AFTER.match(text[end:])
    if not match:
        return None
    word = match.group("word").lower()
    adjective = (match.group("adj") or "").split()
    if adjective:
        code = _CURRENCY_ADJECTIVES.get((adjective[-1].lower(), word))
        if code:
            return code
        if not adjective[-1].istitle() or not adjective[-1].isalpha():
            return None
    if word.endswith("s") or word in ("yen", "yuan", "renminbi", "rand", "lira", "leva", "naira", "baht",
                                      "ringgit", "zloty", "lei", "koruna", "kronor", "euro", "dollar", "hryvnia"):
        return _CURRENCIES[word]
    return None


def is_currency_word(word: str) -> bool:
    """Whether the word names a currency ("euros", "dollars", "hryvnias")."""
    return word.lower() in _CURRENCIES


def _conversion_qualifiers(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """"more than 450,000 levs ($250,000)": an amount converted in brackets keeps the
    qualifier of the amount it converts."""
    out: list[NumberMention] = []
    for mention in found:
        previous = out[-1] if out else None
        if (previous and mention.qualifier == "exact" and previous.qualifier not in ("exact", "range")
                and mention.unit in CURRENCY_CODES and previous.unit in CURRENCY_CODES
                and re.fullmatch(r"(?:\s+[A-Za-z.]+){0,2}\s*\(\s*", text[previous.end:mention.start])):
            mention = replace(mention, qualifier=previous.qualifier)
        out.append(mention)
    return out


def find_numbers(text: str, reference: FuzzyDate | None = None) -> list[NumberMention]:
    """Every number in `text` that may be a figure, in order, without overlaps.

    `reference` is the article's date, used to recognise dates without a year.
    """
    masked = _mask_dates(text, reference)
    found: list[NumberMention] = []
    position = 0
    for match in _NUMBER.finditer(masked):
        if match.start() < position or not match.group(0).strip():
            continue
        raw = _raw(match)
        second = _range_end(masked, raw)
        if second and _is_identifier(masked, second.start, second.end):
            second = None
        last = second or raw
        position = last.end
        if _is_identifier(masked, raw.start, last.end):
            continue
        mention = _mention(text, masked, raw, second)
        if mention:
            found.append(mention)
            position = max(position, mention.end)
    return _conversion_qualifiers(masked, found)
