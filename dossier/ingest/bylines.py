"""Bylines: who wrote an article and for which outlet, read from the shape of the line.

Real copy names its writers in many shapes: "By Lena Farrow, Island Post", "By Lena Farrow |
The Coast Times", "By JONAS BREE Ressa Press Association", "Lena Farrow, Coast Wire
correspondent", "Island Post staff", "Island Post reporters", "From our correspondent in
Talsey", "Staff and agencies", "Lena Farrow in Talsey". The outlet is told from a person or a
place by the line's structure (the words before "staff" or "reporters", after "for", in
brackets), by the shape of the name ("The ...", an acronym, a domain, a word with a digit or
an inner capital) or by the common nouns outlets are named with ("Post", "Times", "Wire",
"News"...), never by a list of outlets. A person's name alone names no outlet, nor does a
role ("Staff Reporter", "Diplomatic Editor"), a beat or a place ("Talsey correspondent").
"""

from __future__ import annotations

import re

from dossier.analyse.dates import DAY_OF_MONTH, find_dates

# Who wrote it: a role ends a byline's part ("Coast Wire correspondent", "Staff Reporter").
ROLE_WORDS = frozenset("""staff reporter reporters correspondent correspondents writer writers editor
    editors contributor contributors columnist columnists journalist journalists bureau chief desk
    newsroom producer""".split())
# Many people of one outlet: the words before them are the outlet ("Island Post staff",
# "Ressa Now reporters", "Coast Daily live team"); before a desk or a bureau, only words that name an outlet (a
# "Talsey Bureau" is a place's).
_COLLECTIVE = re.compile(
    r"^(?P<outlet>.+?)\s+(?:(?P<people>staff(?:\s+(?:writers?|reporters?))?|reporters|correspondents|journalists|"
    r"(?:live\s+|news\s+|web\s+)?team)|"
    r"newsroom|news\s*desk|desk|bureau)(?:\s+(?:and|&)\s+(?:agencies|wires|wire services))?$",
    re.IGNORECASE,
)
# Words that qualify a role and never name an outlet: a rank, a beat, "our", "wire".
_QUALIFIERS = frozenset("""our your their own a an the from by with senior chief special foreign political
    diplomatic economics economic business health science defence defense security legal home world
    international national regional local sport sports crime courts court environment environmental
    climate energy technology tech culture arts education transport investigations investigative
    associate assistant deputy managing executive contributing freelance guest staff news web online
    digital city metro wire wires agency agencies and &""".split())
# "Staff and agencies", "Agencies", "With agencies", "Staff and wire reports": no outlet.
_CREDIT_ONLY_WORDS = frozenset("staff and & with agencies agency wires wire reports services service".split())
# "From our correspondent in Talsey", "Our own correspondent", "A staff reporter"
_OUR_CORRESPONDENT = re.compile(
    r"(?i)^(?:from\s+)?(?:our|a|an)\s+(?:own\s+)?(?:[a-z]+\s+)?(?:correspondents?|reporters?|staff(?:\s+\w+)?|"
    r"team|writers?)$"
)
# The common nouns outlets are named with: "Island Post", "Coast Wire", "Ressa Press Association".
_OUTLET_NOUNS = frozenset("""news post times wire herald tribune journal gazette chronicle courier ledger
    press daily weekly radio tv television broadcasting network media agency service express
    observer guardian telegraph mirror mail star standard independent monitor sentinel examiner
    inquirer enquirer dispatch bulletin record register review report today online insider leader
    echo voice globe nation citizen magazine digest channel live info newspaper""".split())
_ARTICLES = frozenset("the le la les el der die das il".split())  # "The Coast Times", "Le Monde"
_CONNECTORS = frozenset("of and & the de du la le el al for".split())  # "Voice of the Coast"
# An acronym or a coined name: "BBC", "RFE/RL", "Censor.NET", "NewsNow", "Varna24"
_ACRONYM = re.compile(r"^(?:[A-Z]{2,5}|[A-Z][A-Za-z]*[/&.][\w/&.]*\w|(?!Mc|Mac|O')[A-Z][a-z]+[A-Z]\w*|[A-Z][A-Za-z]*\d+)$")
_NEWS_AGENCIES = frozenset(
    "reuters interfax ukrinform bloomberg xinhua tass dpa anadolu kyodo yonhap efe ansa".split()
)
_DOMAIN = re.compile(
    r"(?i)^(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12})(?:/\S*)?$"
)
# A person's name: "Lena Farrow", "J. K. Doe", "Ana de la Cruz", "Mary-Ann O'Neill", "LENA FARROW".
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.(?:[A-Z]\.)*|(?:Mc|Mac|O['’])[A-Z][a-z]+|[A-Z][A-Z'’-]+)$"
)
_PARTICLES = frozenset("de da del della van von der den la le du al bin ibn ter dos das di".split())

# What a byline line carries besides names: dates, times, time zones, reading time.
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?:T[\d:.]+Z?)?\b")
_TIME = re.compile(
    r"(?i)(?:\bat\s+)?\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.m\.|\b\d{1,2}\s*[ap]m\b"
    r"|\b(?:GMT|UTC|CET|CEST|EET|EEST|BST|EST|EDT|CST|CDT|PST|PDT|local time)\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?|\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?,?(?=\s*\d)"
    r"|\b(?:updated|published|posted|last updated|first published|modified)\b\s*:?(?:\s+on\b)?"
    r"|\b\d+\s*(?:min(?:ute)?s?)\s+read\b"
)
# "| KELL, March 14" in a byline: a dateline's place in capitals before its date, after the
# writer ("By AFP, March 3": the agency comes first)
_DATELINE_PLACE = re.compile(r"(?<=[\s|·•])[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*,\s*$")
_DAY_AND_YEAR = re.compile(DAY_OF_MONTH.pattern + r"(?:,?\s+(?:19|20)\d\d\b)?")
_BRACKETED = re.compile(r"\((?P<name>[A-Z][\w/&.'’ -]{0,40}?)\)")
_SEPARATOR = re.compile(r"(\s*[|·•;]\s*|\s+[-–—]+\s+|,\s*|\s+for\s+(?:the\s+)?|\s+in\s+|\s+at\s+)")
_BY = re.compile(r"^(?:By|BY|by)\s*:?\s+")
_WRITTEN_BY = re.compile(r"^(?:(?i:written|story|words|text|report|reported|posted|analysis|opinion|commentary)\s+)?(?:By|BY|by)\s*:?\s+")
_LONGEST = 200  # a byline is a short line; a longer one is read as none


def byline_outlet(text: str) -> str | None:
    """The outlet a byline names (a "By ..." line or a line `is_staff_line` accepts), or None
    when it names people, roles and places only."""
    text = text.strip()
    if len(text) > _LONGEST:
        return None
    bracketed = [m.group("name").strip() for m in _BRACKETED.finditer(text)]
    for name in bracketed:  # "By Mart Kask | TALLINN, March 3 (Baltic Wire)"
        if without_dates(name) == name and _capitalised(name):  # not "(Updated)", "(March 3)"
            return name
    return _read(_BRACKETED.sub(" ", text))[1]


def is_staff_line(text: str, first: bool = False) -> bool:
    """A byline without "By" (near the top of an article only: elsewhere such a line can be a
    heading): "Island Post staff", "Lena Farrow, Coast Wire correspondent", "From our
    correspondent in Talsey", "Lena Farrow | Island Post", "Lena Farrow in Talsey". `first`:
    the text's first line, more likely a headline ("Storm Damage in Talsey"), is a byline only
    when it names a role or an outlet."""
    if len(text.split()) > 12 or _BY.match(text) or re.search(r"[!?\"“”]|[a-z]{3}\.$", text):
        return False
    return _read(text, top=first)[0]


def is_credit_only(text: str) -> bool:
    """A line that says only that staff or agencies wrote the article ("Staff and agencies",
    "With agencies"): dropped anywhere, it names no outlet."""
    if len(text) > 60:
        return False
    words = text.strip(" .()").lower().split()
    return 0 < len(words) <= 6 and all(w in _CREDIT_ONLY_WORDS for w in words) and any(
        w in ("staff", "agencies", "wires") for w in words)


def _read(text: str, top: bool = False) -> tuple[bool, str | None]:
    """(whether `text` is a byline by its shape, the outlet it names)."""
    if len(text) > _LONGEST:
        return False, None
    body = _WRITTEN_BY.sub("", text.strip(), count=1)
    by = body != text.strip()
    body = without_dates(body)
    if not body:
        return False, None
    if is_credit_only(body) or _OUR_CORRESPONDENT.match(_SEPARATOR.split(body)[0].strip()):
        return True, None
    collective = _COLLECTIVE.match(body)
    if collective and not _SEPARATOR.search(collective.group("outlet")):
        outlet = collective.group("outlet").strip()
        words = outlet.split()
        if all(w.lower() in _QUALIFIERS for w in words):
            return True, None  # "Staff reporters", "Our reporters", "Foreign staff"
        named = outlet_name(outlet)
        if named or (_capitalised(outlet) and collective.group("people") and len(words) >= 2):
            return True, named or outlet  # one ordinary word ("Hospital staff") names no outlet
    parts = _SEPARATOR.split(body)
    first, rest = _split_shouted_name(parts[0].strip())
    pieces: list[tuple[str, str]] = [("", first)] + ([("", rest)] if rest else [])
    pieces += [(parts[i].strip().lower(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    outlet = None
    people = roles = places = 0
    for index, (separator, piece) in enumerate(pieces):
        piece = piece.strip(" .,;:-–—")
        if not piece:
            continue
        if separator in ("in", "at"):
            if not _capitalised(piece) or len(piece.split()) > 4:
                return by, outlet  # "Hospital staff in Kell walk out ...": a headline
            places += 1  # "Lena Farrow in Talsey": where, not for whom
            continue
        if separator.startswith("for") and _capitalised(piece) and not _role_only(piece):
            outlet = outlet or piece  # "Lena Farrow for Ressa Now"
            continue
        role, named = _role(piece, after_name=people > 0) if not _starts_with_article(piece) else (False, None)
        if role:
            roles += 1
            outlet = outlet or named
            continue
        if index == 0 and _people(piece):
            people += 1  # the writer comes first
            continue
        named = outlet_name(piece)
        if named:
            outlet = outlet or named
            continue
        if _people(piece):
            people += 1
            continue
        if by and index == 0:
            return True, None  # "By" and words that are neither names nor an outlet
        return by, outlet  # a part that is none of these: not a byline by its shape
    # a name and a place alone on the first line is more likely a headline ("Storm Damage in Talsey")
    located = places > 0 and not top
    is_byline = by or (people > 0 and bool(roles or outlet or located)) or (not people and roles > 0 and not places)
    return is_byline, outlet


def without_dates(text: str) -> str:
    """The byline without its dates, times and a dateline's place ("KELL, March 14")."""
    written = [m.text for m in find_dates(text)]
    written += [text[m.start():m.end()] for m in _DAY_AND_YEAR.finditer(text)]  # "March 14": no year to resolve
    for mention in sorted(written, key=len, reverse=True):
        at = text.find(mention)
        if at < 0:
            continue
        before = _DATELINE_PLACE.search(text[:at])
        start = before.start() if before else at
        text = text[:start] + " " + text[at + len(mention):]
    text = _NUMERIC_DATE.sub(" ", text)
    text = _TIME.sub(" ", text)
    text = re.sub(r"(?:\s*[|·•,;]\s*)+$", "", re.sub(r"^(?:\s*[|·•,;]\s*)+", "", text))
    text = re.sub(r"\s*([|·•])(?:\s*[|·•,])+\s*", r" \1 ", text)
    return " ".join(text.split()).strip(" ,;|·•")


def _split_shouted_name(text: str) -> tuple[str, str]:
    """ "JONAS BREE Ressa Press Association" -> ("JONAS BREE", "Ressa Press Association")."""
    words = text.split()
    caps = 0
    while caps < len(words) and len(words[caps]) > 1 and words[caps].isupper() and words[caps].isalpha():
        caps += 1
    if caps >= 2 and caps < len(words) and _capitalised(" ".join(words[caps:])):
        return " ".join(words[:caps]), " ".join(words[caps:])
    return text, ""


def _starts_with_article(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and words[0].lower() in _ARTICLES  # "The Coast Reporter" is a name


def _capitalised(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)


def _role_only(text: str) -> bool:
    return all(w.lower().strip(".,") in ROLE_WORDS | _QUALIFIERS for w in text.split())


def _role(piece: str, after_name: bool) -> tuple[bool, str | None]:
    """Whether a part names a role, and the outlet before it if its words name one:
    "Coast Wire correspondent" (True, "Coast Wire"), "Staff Reporter", "Talsey correspondent",
    "health correspondent" (True, None). Before any name, its words are capitalised or
    qualifiers ("Rescue workers and reporters" is no role); after a name, any beat will do
    ("Lena Farrow, weather correspondent")."""
    words = piece.split()
    if not words or len(words) > 7 or words[-1].lower().strip(".") not in ROLE_WORDS:
        return False, None
    if not after_name and not all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in _QUALIFIERS | _CONNECTORS | ROLE_WORDS
            for w in words):
        return False, None
    head: list[str] = []  # the capitalised words before any lower-case qualifier or the role
    for word in words[:-1]:
        if not (word[:1].isupper() or word[:1].isdigit() or (head and word.lower() in _CONNECTORS)):
            break
        head.append(word)
    while head and head[-1].lower() in _QUALIFIERS | ROLE_WORDS and head[-1].lower() not in _OUTLET_NOUNS:
        head.pop()  # "Island Post Senior" -> "Island Post"; "Coast Wire" stays
    return True, (outlet_name(" ".join(head)) if head else None)


def outlet_name(phrase: str) -> str | None:
    """`phrase` when its shape names an outlet ("The Coast Times", "Island Post", "BBC News",
    "RFE/RL", "example.org", "Ressa Press Association"), else None: a person's name, a place, a
    role or a date is none."""
    phrase = phrase.strip(" ,;:-–—|·•")
    if not phrase or len(phrase) > 60:
        return None
    domain = _DOMAIN.match(phrase)
    if domain:
        return domain.group("domain").lower()
    words = phrase.split()
    lowered = [w.lower().strip(".,") for w in words]
    if len(words) > 6 or not _capitalised(phrase) or _is_date_words(phrase):
        return None
    if len(words) >= 2 and lowered[0] in _ARTICLES:
        return phrase
    if any(w in ROLE_WORDS for w in lowered) or all(w in _QUALIFIERS for w in lowered):
        return None
    if len(words) >= 2 and any(w in _OUTLET_NOUNS for w in lowered):
        return phrase
    first = words[0]
    shouted = len(words) > 1 and all(w.isupper() and len(w) > 1 for w in words)  # "JANE DOE"
    if _ACRONYM.match(first) and not shouted:
        return phrase
    if len(words) == 1 and lowered[0] in _NEWS_AGENCIES:
        return phrase
    return None


def _people(text: str) -> bool:
    """Names of people: "Lena Farrow", "Lena Farrow and Tom Hale", "LENA FARROW"."""
    parts = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", text) if p.strip()]
    return bool(parts) and all(_person(p) for p in parts)


def _person(text: str) -> bool:
    words = [w for w in text.split() if w not in _PARTICLES]
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


def _is_date_words(text: str) -> bool:
    return bool(find_dates(text)) or text.strip().isdigit()
