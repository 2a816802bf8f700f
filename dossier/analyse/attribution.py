"""Who says so: the speaker of a quotation and the claimant of a sentence.

Patterns, in order of strength: the sentence lies inside a quotation whose speaker is named
before or after it (`"...," the Head of State summed up`); "according to X"; "X said / told
Reuters / reported / believes / estimates"; "said X"; "sources in X". Names are resolved to
the curation's canonical entity names through their aliases; pronouns and bare roles ("he",
"him", "the president" when not an alias) go to the last person named before them. When
nobody is named, the claimant is the article's outlet (or its id), of kind "outlet".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dossier.analyse import speech
from dossier.analyse.dates import WEEKDAYS
from dossier.analyse.numbers import is_number_word
from dossier.analyse.memo import by_identity, finditer_at_words, first_words
from dossier.analyse.sentences import STOPWORDS, split_sentences
from dossier.curation.lexicon import lexicon_for
from dossier.curation.model import Curation, EntitySpec
from dossier.model import Article, ClaimantKind

_VERBS = (
    # "The agency raised (kept, cut) the death toll to 38": who gives the count (plain alternatives:
    # `first_words` reads them)
    "".join(rf"{verb}\s+\w+\s+(?:death\s+)?{count}|" for verb in ("raised", "revised", "updated", "lowered", "kept",
                                                                  "held", "maintained", "cut")
            for count in ("toll", "count", "tally"))
    + speech.alternation(speech.SAYING, speech.COUNTING, speech.PLEDGING) + "|according"
)
_AUXILIARIES = r"has|have|had"
_ADVERBS = r"also|publicly|previously|earlier|first|later|now|again|still"
_SPEECH = re.compile(
    # (not after "is", "be": a passive; nor after "the", "that", "these": "said that reports
    # that 100,000 had fled were exaggerated", a noun)
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)"
    r"(?<!\bthe\s)(?<!\bthat\s)(?<!\bthese\s)(?<!\bthose\s)"
    rf"\b(?:(?:{_AUXILIARIES})\s+)?(?:(?:{_ADVERBS})\s+)?"
    rf"(?P<verb>{_VERBS})\b",
    re.IGNORECASE,
)


# The words a match of `_SPEECH` can start with (`memo.finditer_at_words`).
_SPEECH_FIRST = first_words("|".join((_AUXILIARIES, _ADVERBS, _VERBS)))


def speech_verbs(text: str) -> Iterator[re.Match[str]]:
    """Every "(has also) said", "reported", ... in `text` (`_SPEECH.finditer`, tried only
    where one of its words starts)."""
    return finditer_at_words(_SPEECH, _SPEECH_FIRST, text)


def may_name_claimant(text: str) -> bool:
    """Whether a sentence has what a claim without quotation marks needs: "according to",
    "was reported by", a reporting verb, or an owner's figure opening it ("The institute's
    latest figure is ..."; otherwise `claimant_for` finds nobody in it)."""
    return bool(next(_according(text), None) or next(_by_agent(text), None) or next(speech_verbs(text), None)
                or _OWNED_FIGURE.match(text))
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,;.\"“”]+)", re.IGNORECASE)
_PASSIVE = r"was|were|has\s+been|have\s+been|is|are|as"
# a count given out by someone, named after it: "The toll, given by the regional governor on Telegram, rose to 31"
_GIVEN = speech.alternation(speech.GIVING)
_BY_AGENT = re.compile(rf"\b(?:(?:{_PASSIVE})\s+(?:{_VERBS})|{_GIVEN})\s+by\s+(?P<who>[^,;.\"“”]+)", re.IGNORECASE)
_ACCORDING_FIRST = first_words("according")
_BY_AGENT_FIRST = first_words(_PASSIVE) | first_words(_GIVEN)
_ON_CHANNEL = re.compile(r"\s+(?:on|via)\s+", re.IGNORECASE)  # "by the governor on Telegram": where, not who


def _according(text: str) -> Iterator[re.Match[str]]:
    """Every "according to X" (`_ACCORDING.finditer`, tried only at the word "according")."""
    return finditer_at_words(_ACCORDING, _ACCORDING_FIRST, text)


def _by_agent(text: str) -> Iterator[re.Match[str]]:
    """Every "was reported by X" (`_BY_AGENT.finditer`, tried only where its first word starts)."""
    return finditer_at_words(_BY_AGENT, _BY_AGENT_FIRST, text)
_SAID_AFTER = re.compile(rf"^[\s,.…]*(?:(?P<verb1>{_VERBS})\s+(?P<who1>[^,;.\"“”]+)|(?P<who2>[^,;.\"“”]+?)\s+(?:{_VERBS})\b)", re.IGNORECASE)
_SAID_BEFORE = re.compile(rf"(?P<who>[^,;.\"“”]+?)\s+(?:{_VERBS})\s*(?:that\s*)?[:,]?\s*$", re.IGNORECASE)
_REPORTED_SPEECH = re.compile(r"\s*(?:(?:on|in|earlier|last|this|late|early)\b[^.;\"“]{0,30}?,?\s*)?(?:that\b|:)", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”]")
_PRONOUN = re.compile(r"^(?:he|she|him|her|they|them|his|her)$", re.IGNORECASE)
_SOURCES_IN = re.compile(r"^(?:unnamed\s+|anonymous\s+)?(?:sources?|officials?)\s+(?:in|at|from|close\s+to|with)\s+", re.IGNORECASE)
_ORG_NOUNS = frozenset(
    """intelligence officials official source sources military army police authorities ministry
    government spokesperson spokesman spokeswoman agency service services office command
    committee council commission institute analysts experts rescuers forces staff survey
    department directorate data media group groups organisers organizers insurers poll city
    municipality administration hospital hospitals doctors medics police prosecutors investigators
    prosecutor force guard coroner coroners sheriff examiner firefighters paramedics coastguard
    officers troopers inspectors engineers scientists researchers observers monitors lawyers
    regulator operator witnesses residents survivors relatives volunteers agencies prefecture
    unions union board bureau inspectorate tribunal court watchdog authority school college
    laboratory opposition activists campaigners rebels militants insurgents separatists villagers
    locals families parents teachers workers employees organisation organization charity
    centre center headquarters secretariat diplomats diplomat mediators negotiators mission embassy
    delegation""".split()
)


def is_group_noun(word: str) -> bool:
    """Whether the word names a group or body that can speak: "officials", "police", "coroner"."""
    return word.lower() in _ORG_NOUNS


def _is_place(name: str, curation: Curation) -> bool:
    """Whether `name` is the canonical name of one of the curation's places."""
    return any(e.kind == "place" and e.name == name for e in curation.entities)


_OUTLET_NOUNS = frozenset(
    """times post news journal herald tribune telegraph gazette press guardian observer
    independent economist reuters agency wire""".split()
)
# the words that end a speaker's description on its left: "the town, where officials said",
# "at dawn, when local authorities said" (a clause's opening word is no part of who speaks)
_DETERMINERS = frozenset("""the a an its their his her our this that while and but in on of said where when
    whereas as after before because since although though if once until which who whom whose""".split())
_LEADING = re.compile(r"^(?:(?:the|a|an|and|but|while|also|then|so|this|that|in|on)\s+)+", re.IGNORECASE)
_SOURCE_RECORD = re.compile(
    r"\b(?:data|figures|statistics|records|survey|poll|polls|results|count|tally|estimates|census|report)"
    r"(?:\s+(?:from|of|by|published\s+by|released\s+by)\s+[^,;]+)?\s*$",  # "Figures from the health ministry show"
    re.IGNORECASE)
# Bare nouns that, after "the", refer back to an organisation already named.
_ANY_ORGANISATION = frozenset("company firm group organisation organization".split())
_ANAPHORIC = frozenset(
    """company firm group agency commission ministry department utility union organisation
    organization charity carrier airline bank lender regulator insurer retailer carmaker automaker
    truckmaker manufacturer maker operator watchdog institute committee council authority board
    party alliance coalition campaign club federation association service administration
    ministry office command""".split()
)
_NOT_CLAIMANTS = frozenset({"it", "this", "that", "there", "preliminary information", "preliminary data",
                            "we", "i", "you", "which", "who"})


@dataclass(frozen=True)
class Claim:
    """A claimant and, when it came with one, the position after which the claim is reported."""

    name: str
    kind: ClaimantKind
    reported_speech: bool = False  # "X reported that ...": the next sentences may continue it
    contrasted: bool = False  # "..., but survivors said ...": X's words start a clause of their own


# "..., it said.": the organisation that spoke last in the article says this too
IT_SAID = re.compile(rf"\b(?:it|they)\s+(?:also\s+)?(?:{speech.alternation(speech.SAYING)})\b", re.IGNORECASE)


def outlet_claim(article: Article) -> Claim:
    """The claimant when nobody is named: the article's outlet, or its id."""
    return Claim(article.shown_outlet, "outlet")


def last_person(text: str, curation: Curation) -> tuple[str, ClaimantKind] | None:
    """The person named last in `text` (for "he", "him", "the president")."""
    lexicon = lexicon_for(curation)
    people = [(end, -rank) for _, end, rank in lexicon.occurrences(text, exact_case=True)
              if (pair := lexicon.name_pairs[rank])[1].kind == "person" and not pair[0][:1].islower()]
    if people:  # the one ending last (of two, the longer alias)
        return lexicon.name_pairs[-max(people)[1]][1].name, "person"
    titled = list(re.finditer(r"\b(?:President|Minister|Mr|Mrs|Ms|Dr|Chancellor|[Mm]ayor|[Gg]overnor|[Cc]ommander|"
                              r"[Ss]pokes(?:man|woman|person))\.?,?\s+((?:[A-Z][\w'-]+\s?){1,3})", text))
    if titled:
        return titled[-1].group(1).strip(), "person"
    return None


_BRACKETS = re.compile(r"\([^)]*\)")
_DAYS_NEAR = frozenset({"yesterday", "today", "tonight", "tomorrow", "overnight"})


def _clean_who(phrase: str) -> str:
    phrase = _BRACKETS.sub("", phrase).strip()
    phrase = _SOURCES_IN.sub("", phrase)
    words = phrase.split()
    # keep the run of names and organisation words right before the verb
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip("'’").lower()
        if bare in WEEKDAYS or bare in _DAYS_NEAR:
            break  # "On Saturday the government announced", "Yesterday officials had put": a day is no part of who speaks
        if word[:1].isupper() or bare in _ORG_NOUNS or bare in ("of", "for", "the") and kept \
                or word.endswith(("'s", "’s")) or not kept and bare in speech.TITLES:  # "the fire chief"
            kept.insert(0, word)
        else:
            break
    if kept and all(w.islower() for w in kept) and (kept[-1] in _ORG_NOUNS or kept[-1] in speech.TITLES):
        rest = words[: len(words) - len(kept)]
        while rest and rest[-1].isalpha() and rest[-1].islower() and rest[-1] not in _DETERMINERS:
            kept.insert(0, rest.pop())
    nouns = [i for i, w in enumerate(kept[:-1]) if w.islower() and w in _ORG_NOUNS]
    if nouns and all(w[:1].isupper() for w in kept[nouns[-1] + 1:]):
        kept = kept[nouns[-1] + 1:]  # "the agency AEMET", "the group Georgian Dream Watch"
    while kept and (kept[0] in ("of", "for", "the", "a", "an", "The", "A", "An")
                    or kept[0].lower() in ("its", "their", "his", "her", "our")) and not _is_title_name(kept):
        kept.pop(0)  # ("Its residents said": residents, nobody named)
    return " ".join(kept)


def _is_title_name(words: list[str]) -> bool:
    """"The New York Times", "The Guardian": an outlet's name that starts with "The"."""
    return words[0] == "The" and len(words) > 1 and words[-1].lower() in _OUTLET_NOUNS


# "the president", "the acting mayor of Kyiv": a title alone refers to the last person named
_BARE_TITLE = re.compile(r"(?:the\s+)?(?:(?:acting|deputy|former|interim|regional|city|local|chief)\s+)*"
                         r"(?:" + "|".join(sorted(speech.TITLES, key=lambda t: (-len(t), t))) + r")(?:\s+of\s+\w+)?", re.IGNORECASE)


def _name_to_claim(who: str, article: Article, before: str, curation: Curation) -> Claim | None:
    """A claim from the words naming the speaker; `before` is the article text up to here."""
    who = _STAMP.sub("", _POSSESSIVE_RECORD.sub("", who.strip()))
    located = _located_group(who, article, before, curation)
    if located:
        return located
    resolved = _speaker_in(who, curation)
    if resolved and _is_place(resolved[0], curation):
        body = _clean_who(who)  # "the Paris police prefecture said": the prefecture, not Paris
        if body and body.casefold() != resolved[0].casefold():
            if any(w.lower() in _ORG_NOUNS for w in body.split()):
                return Claim(body, "organisation")
            if body.split()[-1].lower() in speech.TITLES:
                return Claim(body, "person")  # "Lindau's mayor told reporters": the mayor, not Lindau
            if len(body.split()) > 1 and all(w[:1].isupper() for w in body.split()):
                # "Ardena Power says": a name of its own that holds the place's ("Kyiv Post")
                name, kind = _unresolved(body)
                return Claim(name, kind if name != body else "organisation")
    if resolved:
        return Claim(*resolved)
    referred = _definite_reference(who, before, curation) or _whose_body(who, before, curation)
    if referred:
        return referred
    bare = _LEADING.sub("", who).strip()
    if _PRONOUN.match(bare) or _BARE_TITLE.fullmatch(who.strip()):
        found = last_person(before, curation)
        if found:
            return Claim(*found)
        # "the mayor said": nobody named, but the mayor counted, not the outlet
        return Claim(_clean_who(who), "person") if _BARE_TITLE.fullmatch(who.strip()) else None
    name = _clean_who(who)
    if not name or (name.lower() in _NOT_CLAIMANTS and not name.isupper()) or not any(w[:1].isupper() for w in name.split()) \
            and name.split()[-1].lower() not in _ORG_NOUNS and name.split()[-1].lower() not in speech.TITLES:
        return None
    name, kind = _unresolved(name)
    if kind == "person" and re.fullmatch(r"the\s+" + re.escape(name), who.strip(), re.IGNORECASE):
        kind = "organisation"  # "the Red Cross said": nobody goes by "the" and a name
    return Claim(name, kind)


# "police in Kharkiv", "local authorities in the Odesa region", "officials at the ministry":
# a group named by where it is
_GROUP_AT = re.compile(r"(?:the\s+)?(?P<group>(?:[a-z]+\s+){0,2}?(?P<noun>[A-Za-z]+))\s+(?:in|at|from)\s+(?P<where>.+)",
                       re.IGNORECASE)


_GROUP_ON_SIDE = re.compile(r"(?:the\s+)?(?P<group>(?:[a-z]+\s+){0,2}?(?P<noun>[A-Za-z]+))\s+on\s+"
                            r"(?:both|either|each|all|the\s+[A-Za-z]+|the\s+other)\s+sides?", re.IGNORECASE)


def _located_group(who: str, article: Article, before: str, curation: Curation) -> Claim | None:
    """"Officials in Kyiv", "police in Kharkiv": the group, named by the place it is in (a
    place does not speak, and "Kharkiv" alone would hide that it was the police), or, when
    the words after "in" name an organisation or a person ("sources in the General Staff",
    "officials at the Defence Ministry"), that organisation or person; "officials on both
    sides": the group, named by the side it is on."""
    if " on " in who:
        sided = _GROUP_ON_SIDE.fullmatch(who.strip())
        if sided and sided.group("noun").lower() in _ORG_NOUNS:
            return Claim(re.sub(r"\s+", " ", sided.group(0)[sided.start("group"):]).lower(), "organisation")
    if not (" in " in who or " at " in who or " from " in who):
        return None  # (most speakers: the pattern is not tried)
    match = _GROUP_AT.fullmatch(who.strip())
    if not match or match.group("noun").lower() not in _ORG_NOUNS or not match.group("group").islower() \
            and not (who.strip()[:1].isupper() and match.group("group")[1:].islower()):
        return None  # (the group may open the sentence: "Police in Kharkiv said ...")
    where = match.group("where").strip()
    named = _speaker_in(where, curation)
    if named and not _is_place(named[0], curation):
        return Claim(*named)
    if not named:
        claim = _name_to_claim(where, article, before, curation)
        if claim and claim.kind == "organisation" \
                and any(w.lower() in _ORG_NOUNS or w.lower() in _OUTLET_NOUNS for w in claim.name.split()):
            return claim  # "the General Staff", "the Ministry of Defence", "The New York Times"
    if not any(w[:1].isupper() for w in where.split()):
        if not named:
            return None  # "officials in charge", "sources at the scene": no place named
        where = named[0]  # "health officials in the province": the province the curation names
    return Claim(f"{match.group('group').lower()} {who.strip()[match.end('group'):match.start('where')].strip()} {where}",
                 "organisation")


# "14 September 2025 09:10 - Prosecutors in Tarsa say": a live blog's entry stamp, or any words
# a dash sets before the speaker, are no part of who speaks
_STAMP = re.compile(r"^.*\s[-–—]\s+(?=\S)")

# "the ministry's daily report", "X's statement": the claim is the owner's
_POSSESSIVE_RECORD = re.compile(r"['’]s?\s+(?:\w+\s+)?(?:report|statement|data|figures|estimate|update|post|message|"
                                r"count|tally|bulletin|briefing|summary|assessment|account)$", re.IGNORECASE)


def _speaker_in(phrase: str, curation: Curation) -> tuple[str, ClaimantKind] | None:
    """The entity named in the words naming a speaker; a person before an organisation ("the
    head of the Regional Administration Oleh Voronyi" is Voronyi speaking)."""
    found = [entity for _, entity, _, _ in sorted(lexicon_for(curation).named(phrase), key=lambda named: -len(named[0]))]
    people = [e for e in found if e.kind == "person"]
    chosen = people[0] if people else found[0] if found else None
    return (chosen.name, chosen.claimant_kind) if chosen else None


_THE_NOUN = re.compile(r"(?:the|that|this)\s+(?P<noun>[a-z]+)", re.IGNORECASE)


# a public body named with its capitalised name ("the California Department of Forestry and Fire
# Protection"), maybe with the short name it is known as (", known as Cal Fire", " (Cal Fire)")
_BODY_NAMED = re.compile(
    r"(?P<name>(?:[A-Z][\w'’&-]*\s+)*(?:Department|Ministry|Agency|Service|Authority|Office|Administration|"
    r"Directorate|Institute|Commission|Board|Bureau)(?:\s+(?:of|for|and|on)\s+(?:the\s+)?[A-Z][\w'’&-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w'’&-]*)*)?)"
    r"(?:,?\s+(?:known\s+as|also\s+known\s+as|called)\s+(?P<short>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})"
    r"|\s+\((?P<abbr>[A-Z][\w&-]{1,10}(?:\s+[A-Z][\w&-]*)?)\))?")
_BODY_REACH = 400  # characters back: the sentence or two before


_ITS_BODY = re.compile(r"(?:its|their)\s+(?P<body>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’&-]*)+")


def _whose_body(who: str, before: str, curation: Curation) -> Claim | None:
    """"Pelmark says it has taken in 9,800 refugees. Its border guard said ...": the body of
    the place or organisation the sentence before opens with, by the curation's name for it
    ("Pelmark's border guard" -> "Pelmark border guard"), else named as its ("Pelmark's
    border guard"). Only a group or an office ("its health ministry", "their spokesman", "its
    residents"), and only when the sentence before names a curated place or organisation."""
    match = _ITS_BODY.fullmatch(who.strip())
    if not match or match.group("body").split()[-1].lower() not in (*_ORG_NOUNS, *speech.TITLES):
        return None
    # (`before` runs into this sentence's words: the one before it is the last but one)
    sentences = [s.text for line in before.splitlines()[-2:] for s in split_sentences(line)]
    if len(sentences) < 2:
        return None
    sentence = sentences[-2]
    named = next(((written, entity, end) for written, entity, _, end in lexicon_for(curation).named(sentence)
                  if entity.kind in ("place", "organisation")), None)  # who the sentence is about: named first
    if named is None:
        return None
    written, entity, end = named
    longer = _NAME_GOES_ON.match(sentence, end)
    # ("Korvane Central Hospital says ... Its director": the hospital's, not Korvane's)
    owner = f"{written}{longer.group(0)}" if longer else entity.name
    body = " ".join(match.group("body").split())
    whose = f"{owner}'s {body}"
    resolved = _speaker_in(whose, curation)
    if resolved and resolved[0] != owner and not _is_place(resolved[0], curation):
        return Claim(*resolved)  # the curation's name for that body
    return Claim(whose, "person" if body.split()[-1].lower() in speech.TITLES else "organisation")


def _definite_reference(who: str, before: str, curation: Curation) -> Claim | None:
    """"the company said", "the agency said": the organisation named before that the bare noun
    refers back to. First one whose name holds the noun ("the commission" -> "Central Election
    Commission", "the airline" -> "Aeroveld Airlines"), in the curation or capitalised in the text;
    else the same noun described before ("the regional emergency service"); else, for a noun any
    organisation goes by ("the company", "the group"), the curation organisation named last."""
    match = _THE_NOUN.fullmatch(who.strip())
    if not match or match.group("noun").lower() not in _ANAPHORIC:
        return None
    noun = match.group("noun").lower()
    lexicon = lexicon_for(curation)
    named = [(end, lexicon.name_pairs[rank][1]) for _, end, rank in sorted(lexicon.occurrences(before), key=lambda o: (o[1], o[2]))
             if lexicon.name_pairs[rank][1].kind != "person"]  # in the order they end (of two, the longer alias first)
    # (in the singular or the plural: "the airline" is Aeroveld Airlines)
    holding = [e for _, e in named if any(re.search(rf"\b{noun}s?\b", a, re.IGNORECASE) for a in (e.name, *e.aliases))]
    if holding:
        return Claim(holding[-1].name, holding[-1].claimant_kind)
    capitalised = list(re.finditer(rf"\b((?:[A-Z][\w'’&-]*\s+(?:of\s+|for\s+|and\s+)?)+{noun.capitalize()}s?)\b", before))
    if capitalised:
        return Claim(capitalised[-1].group(1).removeprefix("The ").strip(), "organisation")
    described = [m for m in re.finditer(rf"\b[Tt]he\s+((?:[a-z][\w-]*\s+){{1,3}}{noun}s?)\b", before)
                 if not any(w in STOPWORDS for w in m.group(1).split()[:-1])]
    if described:  # "the regional emergency service said ..., according to the service"
        return Claim(described[-1].group(1), "organisation")
    if noun in speech.BODY_NOUNS:
        # "the California Department of Forestry and Fire Protection, known as Cal Fire. The
        # agency said": the public body named last, by the short name it is known as
        bodies = list(_BODY_NAMED.finditer(before[-_BODY_REACH:]))
        if bodies:
            last = bodies[-1]
            return Claim(last.group("short") or last.group("abbr") or last.group("name"), "organisation")
    organisations = [e for _, e in named if e.kind == "organisation"]
    if organisations and noun in _ANY_ORGANISATION:  # "the union" is no company named before
        return Claim(organisations[-1].name, "organisation")
    return None


def _unresolved(name: str) -> tuple[str, ClaimantKind]:
    words = name.split()
    if words and words[-1].lower() in _ORG_NOUNS:
        return name, "organisation"  # "General Staff", "Emergency Service"
    titled = [i for i, w in enumerate(words) if w.lower() in speech.TITLES]
    if titled and titled[-1] < len(words) - 1:
        return " ".join(words[titled[-1] + 1:]), "person"
    if any(w.lower() in _ORG_NOUNS or w.lower() in _OUTLET_NOUNS for w in words) or len(words) == 1:
        return name, "organisation"
    return name, "person" if all(w[:1].isupper() for w in words) and len(words) <= 3 else "organisation"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in `text`, quote marks included."""
    return list(_quote_spans(text))


@functools.lru_cache(maxsize=64)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """`quote_spans`, found once per text: every sentence of a paragraph asks about the
    paragraph's quotations (am I inside one? who speaks it?)."""
    marks = [m.start() for m in _QUOTES.finditer(text)]
    return tuple((marks[i], marks[i + 1] + 1) for i in range(0, len(marks) - 1, 2))


# How much of the article before a claim is searched for the person a pronoun or title refers
# to: the nearest few paragraphs, not the whole article (which made every quote cost as much
# as the article, and long articles quadratic).
_CONTEXT_BEFORE = 8_000
# How far from a quotation its "X said" is looked for (patterns anchored at the quotation).
_SPEAKER_WINDOW = 300


def _article_text_before(article: Article, paragraph_number: int, position: int) -> str:
    parts = [article.paragraph(paragraph_number).text[:position]]
    size = len(parts[0])
    for p in reversed(article.paragraphs[: max(0, paragraph_number - 1)]):
        if size >= _CONTEXT_BEFORE:
            break
        parts.append(p.text)
        size += len(p.text) + 1
    return "\n".join(reversed(parts))[-_CONTEXT_BEFORE:]


def speaker_of(article: Article, paragraph_number: int, start: int, end: int,
               curation: Curation) -> tuple[str, ClaimantKind] | None:
    """The named speaker of the quotation holding `start:end` of a paragraph, if any."""
    text = article.paragraph(paragraph_number).text
    for q_start, q_end in _quote_spans(text):
        if q_start <= start and end <= q_end:
            claim = _speaker_around(article, paragraph_number, text, q_start, q_end, curation)
            return (claim.name, claim.kind) if claim else None
    return None


def _speaker_around(article: Article, number: int, text: str, q_start: int, q_end: int,
                    curation: Curation) -> Claim | None:
    before = _article_text_before(article, number, q_start)
    after = _SAID_AFTER.match(text[q_end:q_end + _SPEAKER_WINDOW])
    if after:
        who = after.group("who1") or after.group("who2")
        claim = _name_to_claim(who, article, before, curation)
        if claim:
            return claim
    lead = _SAID_BEFORE.search(text[max(0, q_start - _SPEAKER_WINDOW):q_start])
    if lead:
        return _name_to_claim(lead.group("who"), article, before, curation)
    return None


def _in_quote(text: str, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in _quote_spans(text))


def rival_voices(article: Article, paragraph_number: int, start: int, end: int,
                 curation: Curation) -> tuple[str, ...]:
    """The claimants a sentence sets side by side outside quotations: its first, and each one
    whose claim opens a clause of contrast ("Police counted 30,000 marchers, while the union
    said 120,000 took part"; "The company says 22 are still trapped; by our count 18 remain"),
    each once. Not those it only cites ("at least 17 are dead, far more than the 11 the
    authorities have confirmed"; "raised the toll to 38: Port Varna counted 27")."""
    spoken, according, claims = _sentence_claims(article, paragraph_number, start, end, curation)
    if spoken is not None:
        return (spoken.name,) if spoken else ()
    first = according or (claims[0][1] if claims else None)
    names = ([first.name] if first else []) + [claim.name for _, claim in claims if claim.contrasted]
    return tuple(dict.fromkeys(names))


def claimant_for(article: Article, paragraph_number: int, start: int, end: int,
                 curation: Curation, position: int | None = None) -> Claim | None:
    """Who the sentence at `start:end` of a paragraph attributes its claim to, if anyone.

    With `position` (an offset in the paragraph), a sentence naming several sources ("the
    ministry said 812 ..., while the group said 790") gives the one named last before it.
    Returns None when nobody is named (the caller falls back to the outlet or to a claim
    carried over from the previous sentence).
    """
    spoken, according, claims = _sentence_claims(article, paragraph_number, start, end, curation)
    if spoken is not None:
        return spoken or None  # () when the sentence is quoted and nobody is named
    if according:
        # "22,000 marched, according to the prefecture, while organisers counted 50,000": a
        # claim after "according to" and before the number is the number's
        sentence = article.paragraph(paragraph_number).text[start:end]
        later = [claim for at, claim in claims if at < position - start and not _clause_ended(sentence, at, position - start)] \
            if position is not None else []
        return later[-1] if later else according
    if not claims:
        return None
    if position is not None:
        sentence = article.paragraph(paragraph_number).text[start:end]
        named_after = next((claim for at, claim in claims if at > position - start
                            and _CLAIMED_AFTER.match(sentence, position - start, at)), None)
        if named_after is not None:  # "far more than the 11 the authorities have confirmed"
            return named_after
        # (at the number itself too: "analysts estimated 12,000", whose "estimated" the number
        # takes as its qualifier)
        earlier = [(at, claim) for at, claim in claims if at <= position - start]
        if earlier and not _clause_ended(sentence, earlier[-1][0], position - start):
            return earlier[-1][1]
        # a claim after the number is its claimant unless it opens a clause of its own ("The
        # manifest listed 163 passengers, but survivors said many more had boarded")
        return next((claim for at, claim in claims if not claim.contrasted and at >= position - start), None)
    return claims[0][1]


# a number whose claimant a relative clause names right after it: "the 11 (that) the
# authorities have confirmed", "the 40 police counted"
_CLAIMED_AFTER = re.compile(r"[\w.,]+(?:\s+(?:million|billion|thousand))?\s+(?:that\s+|which\s+)?"
                            r"(?:(?:the|its|their)\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,2}?|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
                            r"\s+(?:(?:have|has|had)\s+)?$")
_SAYING_AT = re.compile(rf"(?:{speech.alternation(speech.SAYING)})\b", re.IGNORECASE)


def _clause_ended(sentence: str, at: int, position: int) -> bool:
    """Whether a claim made at `at` by a verb of doing, not of saying, ends at a semicolon
    before `position` ("The government has pledged $2 million; ReliefNet is appealing for $5.5
    million": the $5.5 million is not pledged by the government). What someone said goes on
    past it ("the ministry said 12 were killed; 40 were injured")."""
    if _AS_SAID.search(sentence, 0, at):
        # "nine are dead, not five as the company has said: ... four more": the company's
        # words are the five, and end with their phrase
        return bool(re.search(r"[,;:]", sentence[at:position]))
    return ";" in sentence[at:position] and not _SAYING_AT.match(sentence, at)


_AS_SAID = re.compile(r"\bas\s+(?!well\b)[^,;:]{1,50}$", re.IGNORECASE)


# (the quotation's speaker, () or None; the "according to" claim; every "X said" claim)
_SentenceClaims = tuple[object, "Claim | None", "list[tuple[int, Claim]]"]
_CLAIMS_MEMO: list = []  # [article, curation, {(paragraph, start, end): _SentenceClaims}]


def _sentence_claims(article: Article, paragraph_number: int, start: int, end: int,
                     curation: Curation) -> _SentenceClaims:
    """What `claimant_for` reads of a sentence, whatever the position asked about: the speaker
    of the quotation holding it (() for a quotation without one; None outside quotations),
    the "according to" claim and every "X said" claim. Kept for the article being analysed:
    the figures ask once per sentence and once per number, the speakers once more."""
    if not (_CLAIMS_MEMO and _CLAIMS_MEMO[0] is article and _CLAIMS_MEMO[1] is curation):
        _CLAIMS_MEMO[:] = [article, curation, {}]
    memo = _CLAIMS_MEMO[2]
    key = (paragraph_number, start, end)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _read_sentence_claims(article, paragraph_number, start, end, curation)
    return found


def _read_sentence_claims(article: Article, paragraph_number: int, start: int, end: int,
                          curation: Curation) -> _SentenceClaims:
    text = article.paragraph(paragraph_number).text
    sentence = text[start:end]
    before = _article_text_before(article, paragraph_number, start)
    spoken = speaker_of(article, paragraph_number, start, end, curation)
    if spoken:
        return Claim(*spoken), None, []
    if _in_quote(text, start, end):
        return (), None, []
    according = _according_to(sentence, article, before, curation) or _owner_of_figure(sentence, article, before, curation)
    if according:
        opened = next(_according(sentence), None)
        after = opened.end() if opened else len(sentence)  # the claims said after "according to X"
        return None, according, [(at, claim) for at, claim in _reporting_claims(sentence, article, before, curation)
                                 if at > after]
    return None, None, _reporting_claims(sentence, article, before, curation)


# "The national health institute's own latest figure, published on Tuesday, is 298": the
# figure's owner gives it (opening the sentence; a place's toll is where, not who)
_OWNED_FIGURE = re.compile(r"^\s*(?P<who>(?:[Tt]he\s+)?[\w'’. -]{2,60}?)['’]s?\s+(?:(?:own|latest|last|new|official|updated|"
                           r"daily|final|revised|provisional)\s+)*(?:figure|toll|count|tally|estimate|baseline)s?\b")


def _owner_of_figure(sentence: str, article: Article, before: str, curation: Curation) -> Claim | None:
    found = _OWNED_FIGURE.match(sentence)
    if not found:
        return None
    claim = _name_to_claim(found.group("who"), article, before, curation)
    return None if claim is None or _is_place(claim.name, curation) else claim


_APPOSITIVE = re.compile(r",\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*(?:[,.;]|$)")


def _according_to(sentence: str, article: Article, before: str, curation: Curation) -> Claim | None:
    for match in _according(sentence):
        named = _APPOSITIVE.match(sentence, match.end())  # "according to the acting mayor, Ana Moreau"
        if named and re.fullmatch(r"(?:the\s+)?[a-z'’ ]+", match.group("who").strip()):  # "the city's mayor, X"
            claim = _name_to_claim(named.group("name"), article, before, curation)
            if claim:
                return claim
        claim = _name_to_claim(match.group("who"), article, before + sentence[: match.start()], curation)
        if claim:
            return claim
    for match in _by_agent(sentence):
        # ("given by the regional governor on Telegram": the governor, not where he posted it)
        claim = _name_to_claim(_ON_CHANNEL.split(match.group("who"), maxsplit=1)[0], article, before, curation)
        if claim:
            return claim
    return None


_SEGMENT_BREAK = re.compile(r"[,;:\"“”—–]|\bthat\b")


# a claim named by who made it: "claims by the armed forces that", "reports from the rebels that"
_CLAIMS_BY = re.compile(r"\b(?:claims?|reports?|statements?|assertions?|allegations?)\s+(?:made\s+)?(?:by|from)\s+"
                        r"(?P<who>[^,;.\d]{2,60}?)\s+that\b", re.IGNORECASE)


def _reporting_claims(sentence: str, article: Article, before: str, curation: Curation) -> list[tuple[int, Claim]]:
    """(position, claim) for each "X said" in the sentence."""
    found: list[tuple[int, Claim]] = []
    unquoted = _blank_quotes(sentence)
    for match in speech_verbs(unquoted):
        if match.group("verb").lower() == "according":
            continue
        segments = [seg for seg in _SEGMENT_BREAK.split(unquoted[: match.start()]) if seg.strip()]
        clause = segments[-1] if segments else ""
        if _RELATIVE_ASIDE.match(clause) and len(segments) > 1 and unquoted[: match.start()].rstrip().endswith(",") \
                and not any(ch.isdigit() or is_number_word(word) for word in clause.split() for ch in word[:1]):
            # "Governor X, who toured Sarnow by helicopter, said": the governor (not "the strike,
            # which officials say killed 25": there the clause names who speaks; and a count in
            # the aside, "the union, which has 400 members, said", is the writer's)
            clause = segments[-2]
        counted_then_speaker = _COUNTED_THEN_SPEAKER.search(clause)
        if counted_then_speaker:
            clause = counted_then_speaker.group("who")  # "Of the 215 students the government says were taken"
        if match.group("verb").lower() in ("showed", "shows", "show") and not _SOURCE_RECORD.search(clause):
            continue  # "OCHA data showed", "a Gallup poll shows"; not "footage showed"
        # "the Coastal States Development Fund, a regional lender, pledged", "Lidia Marek, the
        # opposition MP, says": the one described, first when a name, else when the
        # description names no one
        described = segments[-2].strip() if _DESCRIPTION.match(clause) and len(segments) > 1 \
            and unquoted[: match.start()].rstrip().endswith(",") else None
        said_before = before + sentence[: match.start()]
        named = described is not None and _NAME_START.match(described) is not None and len(described.split()) <= 6
        claim = (_name_to_claim(described, article, said_before, curation) if named else None) \
            or _name_to_claim(clause, article, said_before, curation)
        if claim is None and described is not None and not named:
            claim = _name_to_claim(described, article, said_before, curation)
        if claim is None and not re.search(r"\w", clause.split("\n")[-1]):  # "..., said X"
            said_who = re.match(r"\s*(?P<who>(?:[A-Z][\w'’-]*\s?){1,4})", unquoted[match.end():])
            if said_who and match.group("verb").lower() in ("said", "says", "added", "wrote"):
                claim = _name_to_claim(said_who.group("who"), article, before, curation)
        if claim:
            speech = bool(_REPORTED_SPEECH.match(unquoted[match.end():]))
            found.append((match.start(), Claim(claim.name, claim.kind, reported_speech=speech,
                                               contrasted=bool(_CONTRAST.match(clause)))))
    for match in _OWN_CLAIM.finditer(unquoted):
        # "North Korea's claim that 300 were killed", "the ministry ... its claim of 40": the owner's
        who = match.group("owner")
        if who is None:
            subject = _SUBJECT.match(unquoted, 0, match.start())
            who = subject.group("who") if subject else ""
        claim = _name_to_claim(who, article, before, curation) if who else None
        if claim:
            found.append((match.start(), Claim(claim.name, claim.kind, reported_speech=True)))
    for match in _CLAIMS_BY.finditer(unquoted):
        # "could not verify claims by the armed forces that 60 fighters were killed": theirs
        claim = _name_to_claim(match.group("who"), article, before + sentence[: match.start("who")], curation)
        if claim:
            found.append((match.start(), Claim(claim.name, claim.kind, reported_speech=True)))
    if article.outlet:
        # "The company says 22 are still trapped; by our count 18 remain": the writer's own count
        for match in _OUR_COUNT.finditer(unquoted):
            ours = _name_to_claim(article.outlet, article, before, curation) or Claim(article.outlet, "outlet")
            found.append((match.start(), Claim(ours.name, ours.kind, contrasted=True)))
    found.sort(key=lambda pair: pair[0])
    return found


def contradicted(article: Article, paragraph_number: int, start: int, end: int, curation: Curation) -> str | None:
    """The claimant whose count the sentence rejects, if it says so ("at least nine miners are
    dead, not five as the company has said"; "62, rather than the 40 the ministry reported"),
    by the name its figures are claimed under."""
    text = article.paragraph(paragraph_number).text
    found = _CONTRADICTION.search(text, start, end)
    if not found:
        return None
    who = "who" if found.group("who") else "who2"
    claim = _name_to_claim(found.group(who), article, _article_text_before(article, paragraph_number, found.start(who)),
                           curation)
    return claim.name if claim else None


_CONTRADICTION = re.compile(
    r"\bnot\s+(?:the\s+)?[\w,.]+(?:\s+[a-z]+)?\s+as\s+(?P<who>[^,;:]{2,50}?)\s+(?:(?:has|had|have)\s+)?"
    r"(?:" + speech.alternation(speech.SAYING, speech.COUNTING) + r")\b"
    r"|\brather\s+than\s+(?:the\s+)?[\w,.]+(?:\s+[a-z]+)?\s+(?:that\s+)?(?P<who2>[^,;:]{2,50}?)\s+(?:(?:has|had|have)\s+)?"
    r"(?:" + speech.alternation(speech.SAYING, speech.COUNTING) + r"|gave|cited)\b",
    re.IGNORECASE)


# the writer's own count, in the first person ("by our count", "according to our records",
# "we have counted")
_OUR_COUNT = re.compile(r"\b(?:by|according\s+to|on)\s+our\s+(?:own\s+)?(?:count|tally|figures|estimates?|records|"
                        r"information|data|reckoning)\b|\bwe\s+(?:have\s+)?(?:counted|recorded|registered|confirmed|"
                        r"verified|documented)\b", re.IGNORECASE)


# a claim named by its owner: "Varland's claim that", "its claim of" (whose, then: the sentence's subject)
_OWN_CLAIM = re.compile(r"(?:\b(?:[Ii]ts|[Tt]heir)|(?P<owner>\b[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){0,3}|"
                        r"\b[Tt]he\s+(?:[a-z]+\s+){0,2}[a-z]+)['’]s?)"
                        r"\s+(?:(?:own|earlier|latest|new|repeated)\s+)?(?:claims?|assertions?|allegations?)\s+(?:of|that)\b")
# a sentence's subject: its opening words, up to a verb after any auxiliaries and adverbs
_SUBJECT = re.compile(r"\s*(?P<who>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+(?:(?:has|have|had|is|are|was|were|will|would|"
                      r"did|does|do|again|also|now|still|no\s+longer)\s+)*[a-z]+(?:ed|s)\b")
_CONTRAST = re.compile(r"\s*(?:but|while|whereas|although|though|yet)\b", re.IGNORECASE)
# a count, its noun, then who speaks of it: "(Of) the 215 students the government (says were taken)"
_COUNTED_THEN_SPEAKER = re.compile(r"\d[\d,.]*\s+[a-z][\w-]*\s+(?P<who>(?:the|a|an)\s+[^\d]+)$")
_RELATIVE_ASIDE = re.compile(r"\s*(?:who|whose|which)\b", re.IGNORECASE)
_DESCRIPTION = re.compile(r"\s*(?:a|an|the)\s+[a-z]", re.IGNORECASE)
_NAME_START = re.compile(r"(?:[Tt]he\s+)?[A-Z]")


def _blank_quotes(text: str) -> str:
    spans = _quote_spans(text)
    if not spans:
        return text  # most sentences: nothing quoted, nothing to copy
    chars = list(text)
    for start, end in spans:
        for i in range(start + 1, end - 1):
            chars[i] = " "
    return "".join(chars)
