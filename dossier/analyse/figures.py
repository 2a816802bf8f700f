"""Figures: the numbers an article states, with what they count, who claims them and when.

For each sentence of each non-heading paragraph: find the numbers (`numbers.find_numbers`),
decide what each counts (the curation's metrics, compiled once into one pattern by
`metric_matcher`, by the words nearest the number in its clause; the counted noun after the
number names the subject and, normalised, `counted`), where (`place`) and whose (`side`), who
claims it (`attribution.claimant_for`, else "it said" or "This was stated by X" in a sentence
next to it, else a claim carried from "X reported that ...", else the outlet) and as of when
(a date in the number's clause, else the date the claim was made, else the article's date,
with `as_of_origin` saying which).

Then, across the article: what each figure is a part of ("31 people died, including 6
children"; "18 of them children"; "shot down 442 of 476 drones"), the metric a part takes from
its whole (children's metrics: `children_<metric>`), and which smaller, earlier count an
update ("increased to 31", "rose from 16 to 21") supersedes.

A number that matches no metric is kept, as metric "other", only when a noun after it says
what it counts; durations ("14 years"), ages, storeys, "one of the X", headlines and bare
numbers are dropped. Every cue is looked for in a bounded window around its number, so a
sentence with thousands of numbers stays near linear.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from dossier.analyse import speech
from dossier.analyse.attribution import (
    IT_SAID, Claim, claimant_for, contradicted, is_group_noun, outlet_claim,
)
from dossier.analyse.dates import DateMention, EntryStamp, entry_stamp, find_dates, hour24
from dossier.analyse.memo import by_identity, longest_matches
from dossier.analyse.numbers import (
    CURRENCY_CODES, NumberMention, find_numbers, is_currency_word, is_number_word, number_words,
)
from dossier.analyse.sentences import STOPWORDS, Sentence, dateline, split_sentences
from dossier.curation.lexicon import lexicon_for
from dossier.curation.model import Curation, EntitySpec, MetricSpec, enclosing, places_within
from dossier.model import (
    GRAVE, PERIOD, STATES, STILL_HELD, STILL_TREATED, Article, ClaimantKind, Figure, FuzzyDate, Paragraph, SourceRef, content_id,
)

CURRENCY_UNITS = frozenset({"currency", "money"})
_CURRENCY_CODES = CURRENCY_CODES
_PLURAL_IRREGULAR = frozenset(
    "people children men women police personnel staff military aircraft livestock cattle crew "
    "others civilians sheep deer fish poultry swine head".split()
)
"""Plurals not ending in -s. Animals among them ("300 sheep", "1,200 head of cattle") are no
people: a verb of what befalls people ("killed", "rescued") still counts them, as themselves."""
_NOT_NOUNS = frozenset(
    """has was is as this his its us thus across plus yes less unless always perhaps was does
    goes alongside besides towards afterwards whereas was""".split()
)
_STOP = frozenset(
    """have has had were was are is will would could may might can shall should in on at of to
    from for by with and or but who that which than as more less into after before during
    since until while when where this these those their its his her our your been being be
    a an the per each every said had also already across among between within without through
    throughout around near over under beyond inside outside against toward towards""".split()
)
_DURATIONS = frozenset(
    """year years month months week weeks day days hour hours minute minutes second seconds
    decade decades century centuries time times year-old years-old night nights km kilometres
    kilometers miles metres meters feet degrees km/h kph kmh mph knots millimetres millimeters mm
    centimetres centimeters cm inches""".split()
)
_MEASURES = frozenset(
    """tonnes tons tonne ton kilograms kilogram kilos kg pounds lbs litres liters litre liter
    gallons barrels cubic hectares hectare acres acre bytes kilobytes megabytes gigabytes terabytes
    petabytes kb mb gb tb""".split()
)
"""Units of measure: a number of them ("400 gigabytes of data", "4,000 hectares") is a quantity,
never a count of people, buildings or weapons."""
# the heads whose noun phrase goes on with "of X" ("400 tonnes of grain", "12 containers of aid")
_MEASURE_HEADS = _MEASURES | frozenset(
    """means containers units pieces rounds cases sets batches shipments truckloads consignments head""".split()
)


def _measures(metric: MetricSpec, head: str) -> bool:
    """Whether a metric is a quantity in this unit of measure (its unit, or one of its words;
    a unit however it is spelt: "km", "kilometres", "kilometers")."""
    unit = _unit_name(head)
    return _unit_name(metric.unit) == unit or any(_unit_name(w) == unit for w in metric.words)


# the spellings of a unit of measure, by one name ("kilometres" -> "km")
_UNIT_SPELLINGS = {
    "km": "km kms kilometre kilometres kilometer kilometers", "miles": "mile miles mi",
    "m": "m metre metres meter meters", "hectares": "ha hectare hectares", "acres": "acre acres",
    "tonnes": "t tonne tonnes ton tons metric-tons", "litres": "l litre litres liter liters",
    "gallons": "gallon gallons", "barrels": "bbl barrel barrels",
}
_UNIT_NAMES = {spelling: name for name, spellings in _UNIT_SPELLINGS.items() for spelling in spellings.split()}


def _unit_name(word: str) -> str:
    word = word.lower()
    return _UNIT_NAMES.get(word) or (word[:-1] if word.endswith("s") else word)


_BOUNDARY = re.compile(r"[,;:()\"“”—–]|\s-\s|\b(?:and|but|while|whereas|which|who|after|before|because|when)\b",
                       re.IGNORECASE)
_LINKING = re.compile(r"\b(?:to|reached|reach|at|exceeded|is|was|are|were|stood at|stands at|of)\s*(?:\S+\s+){0,2}$", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|these|those|both|all|its|their|our|his|her|this|each|every|any|no)\s+$", re.IGNORECASE)
_CAPITALISED_RUN = re.compile(r"\b(?:[A-Z][\w'’-]*)(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")
_OPENERS = frozenset(
    """The A An In On At But And It This That These Those He She They We I As After Before When
    While Since According Among Between During If Some Most Many All Also Yet So Then There Here
    Today Yesterday Just Even Only Now More Over About Almost Nearly Of For With From To By Out Under
    Until Despite Following Without Within Across Near Into Amid Against Along Around Beyond Unlike
    Throughout Towards Toward Via Per""".split()
)
_CALENDAR = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    metric: MetricSpec


@dataclass(frozen=True)
class _Noun:
    """The counted noun phrase after a number: `head` is the noun, `text` the whole phrase."""

    start: int
    end: int
    head: str
    text: str


@dataclass
class _Info:
    """What the extractor knew about a figure when it made it, for the article-level pass."""

    figure: Figure
    sentence: int  # the sentence's position in the article
    own_claim: bool  # the claimant is named in the sentence itself
    how: str  # how the metric was chosen: "head", "verb", "inherited", "none"
    part_cue: str | None  # "including", "of them", or the noun of "of the dead"
    earlier: bool  # stated as an earlier count ("Earlier, 16 were reported")
    update: bool  # stated as a new count ("rose to 31")
    increment: bool  # "3 more", "another 5": an addition, never a replaced count
    overall: bool = False  # "raising the overall toll to 40": nobody's town (no place lent to it)
    lent: bool = False  # its place is the article's main place, not named with it
    # a toll brought up by a death in another clause ("died in Belmor, bringing the toll to 22"):
    # its place is that clause's, lent
    toll_lent: bool = False
    start: int = 0  # the number's span in its sentence
    end: int = 0
    fall: bool = False  # stated as a fall ("the number of missing fell to 12")
    sibling: bool = False  # the same count as the figure before, elsewhere ("8 in Merz and 4 in Orlen")


@dataclass
class _State:
    """Article-level memory while reading its sentences."""

    infos: list[_Info] = field(default_factory=list)
    sentence: int = 0
    last_organisation: Claim | None = None
    first_place: str | None = None  # the article's main place: the one named most
    first_place_from: int = 0  # the paragraph that names it first: a figure before it is not there
    last_place: str | None = None
    ids: set[str] = field(default_factory=set)  # the ids of the article's figures so far (`_figure`)
    previous_infos: list[_Info] = field(default_factory=list)  # the figures of the sentence before
    entry: EntryStamp | None = None  # the paragraph's live blog entry stamp: its time and day


def extract_figures(article: Article, curation: Curation) -> tuple[Figure, ...]:
    """Every figure stated in the article's non-heading paragraphs, in reading order, with
    what each is a part of and which later figure of the article supersedes it."""
    main_place, named_from = _main_place(article, curation)
    state = _State(first_place=main_place, first_place_from=named_from)
    for paragraph in article.paragraphs:
        if not paragraph.heading:
            _paragraph_figures(article, paragraph, curation, state)
    _unlend_main_place(state.infos, main_place, curation)
    for info in state.infos:
        lent = bool((info.lent or info.toll_lent) and info.figure.place)
        if info.overall or lent or info.update or info.fall:
            info.figure = replace(info.figure, overall=info.overall or info.figure.overall, place_lent=lent,
                                  rising=info.update, falling=info.fall)
    restated = _restated(state.infos)
    own = _own_report(article, curation)
    if own is not None:
        for info in state.infos:
            if info.figure.claimant_kind == "outlet" and info.figure.claimant == own[0]:
                info.figure = replace(info.figure, claimant_kind=own[1])
    figures = _relate(state.infos, curation)
    if restated:
        figures = [_refer(f, restated) for f in figures if f.id not in restated]
    return tuple(sorted(figures, key=lambda f: f.sort_key))


def _own_report(article: Article, curation: Curation) -> tuple[str, ClaimantKind] | None:
    """The name and kind of the curation's organisation or person whose own report the article
    is (its outlet is that entity: "OCHA Flash Update No. 7", an agency's situation report), if
    it is one: what it says, no one else named, is its own claim, not an outlet relaying one."""
    resolved = lexicon_for(curation).claimant(article.shown_outlet) if article.outlet else None
    return resolved if resolved is not None and resolved[0] == article.shown_outlet else None


def _restated(infos: list[_Info]) -> dict[str, str]:
    """The figures that only name again a whole the sentence before told ("The agency confirms
    12 deaths ... Of the 12 dead, five were children": one report of 12, not two, whoever the
    second sentence is attributed to), by id, with the id of the figure they name again."""
    restated: dict[str, str] = {}
    for index, info in enumerate(infos):
        figure = info.figure
        if not _OF_THE_BEFORE.search(figure.sentence, max(0, info.start - 12), info.start):
            continue
        told = next((i.figure for i in reversed(infos[:index])
                     if i.sentence == info.sentence - 1 and i.figure.value == figure.value), None)
        if told is not None and told.source.paragraph == figure.source.paragraph \
                and (told.value, told.metric, told.counted, told.place) == (figure.value, figure.metric, figure.counted, figure.place):
            restated[figure.id] = restated.get(told.id, told.id)
    return restated


def _refer(figure: Figure, restated: dict[str, str]) -> Figure:
    """The figure with what it is a part of, or superseded by, named by the figure first told."""
    part_of = restated.get(figure.part_of or "", figure.part_of)
    superseded_by = restated.get(figure.superseded_by or "", figure.superseded_by)
    if part_of == figure.id:
        part_of = None
    if superseded_by == figure.id:
        superseded_by = None
    return replace(figure, part_of=part_of, superseded_by=superseded_by) \
        if (part_of, superseded_by) != (figure.part_of, figure.superseded_by) else figure


# "This was stated by X", "These figures were reported by X": a claim about the previous sentence
_BACK_REFERENCE = re.compile(r"^\s*(?:this|that|these(?:\s+\w+)?|the\s+(?:figures?|numbers?|data|information))\s+"
                             r"(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?"
                             rf"(?:{speech.alternation(speech.GIVING, speech.SAYING)})\s+by\b",
                             re.IGNORECASE)
_AS_OF_NOW = re.compile(r"\b(?:as\s+of\s+(?:this\s+moment|now|this\s+writing|the\s+time\s+of\s+writing)|"
                        r"at\s+the\s+moment|currently|so\s+far)\b", re.IGNORECASE)


def _paragraph_figures(article: Article, paragraph: Paragraph, curation: Curation, state: _State) -> None:
    carried: tuple[Claim, DateMention | None] | None = None
    state.entry = entry_stamp(paragraph.text, article.date)
    for sentence in split_sentences(paragraph.text):
        state.sentence += 1
        claim = named = claimant_for(article, paragraph.number, sentence.start, sentence.end, curation)
        dates = _sentence_dates(sentence.text, article.date)
        own_claim = claim is not None
        if claim is None and state.last_organisation and IT_SAID.search(sentence.text):
            claim, own_claim = state.last_organisation, True  # "..., it said."
        if claim is None and carried:
            claim, carried_date = carried
            dates = dates or ([carried_date] if carried_date else [])
        if claim and claim.reported_speech:
            carried = (claim, _reporting_date(sentence.text, dates))
        if claim and own_claim and claim.kind == "organisation":
            state.last_organisation = claim
        if own_claim and claim and _BACK_REFERENCE.search(sentence.text):
            _attribute_back(state.previous_infos, claim)  # also across a line break (pasted text)
        if _looks_like_headline(sentence.text):
            state.previous_infos = []
            continue

        def claim_at(offset: int, sentence: Sentence = sentence, fallback: Claim | None = claim,
                     named: bool = named is not None) -> Claim:
            if own_claim:
                at = claimant_for(article, paragraph.number, sentence.start, sentence.end, curation,
                                  sentence.start + offset)
                if at is None and named:  # "The manifest listed 163 passengers, but survivors
                    return outlet_claim(article)  # said ...": not the survivors' figure
                return at or fallback or outlet_claim(article)
            return fallback or outlet_claim(article)

        infos = _sentence_figures(article, paragraph, sentence, curation, claim_at, dates, own_claim, state)
        against = contradicted(article, paragraph.number, sentence.start, sentence.end, curation) if infos else None
        for info in infos:
            _set_against(info, sentence.text, against, named, article)
        _places(sentence.text, infos, curation, state)
        state.infos.extend(infos)
        state.previous_infos = infos


def _set_against(info: _Info, text: str, against: str | None, named: Claim | None, article: Article) -> None:
    """Whose counts the figure is set against (`Figure.contradicts`): the claimant the sentence
    rejects ("at least nine are dead, not five as the company has said": `against`), or, for
    a count the sentence calls wrong (`_denied`), who says so: the sentence's named claimant
    ("Reports that 50 had died are false, the ministry said": then the 50 is not the
    ministry's but the unattributed reports'), else the outlet ("Local media reports of five
    deaths are not correct", in the agency's statement: Local media's five, against the agency)."""
    if against:
        if info.figure.claimant != against:
            info.figure = replace(info.figure, contradicts=against)
        return
    if _THAN_THE.search(text, max(0, info.start - 30), info.start) and _REPORTED_COUNT.match(text, info.end) \
            or _NOT_BORNE_OUT.search(text, max(0, info.start - 60), info.start):
        # ("The flow rate data do not support 2,000 barrels," the director said: a count she
        # rejects, not hers)
        # "The death toll is higher than the 31 reported so far: our teams counted 43": the 31
        # is what was reported, which the sentence's claimant sets its own count against
        info.figure = replace(info.figure, claimant="earlier reports", claimant_kind="organisation",
                              contradicts=info.figure.claimant, as_of=None, as_of_stated=False, as_of_origin="none",
                              as_of_time=None)
        return
    owner = _denied(text, info)
    if owner is None:
        return
    reporter = named is not None \
        and text[:owner.start()].rstrip().lower().endswith(named.name.lower().split()[-1])  # "Local media reports"
    denier = named if named is not None and not reporter else outlet_claim(article)
    if denier.name == info.figure.claimant:
        # the count is not its denier's: it is the reports' ("Reports on social media that 20
        # were killed are not correct", in the agency's situation report: social media's 20;
        # "Kroll denied reports that 15 people had died": reports nobody is named for)
        by = owner.group("by")
        info.figure = replace(info.figure, claimant=re.sub(r"^the\s+", "", by, flags=re.IGNORECASE) if by else "unattributed reports",
                              claimant_kind="organisation")
    if denier.name != info.figure.claimant:
        # (when the count was given is not said: the sentence is when it was denied)
        info.figure = replace(info.figure, contradicts=denier.name, as_of=None, as_of_stated=False, as_of_origin="none",
                              as_of_time=None)


_NOT_BORNE_OUT = re.compile(r"\b(?:do|does|did|can|could|would)\s*(?:not\s+|n['’]t\s+)(?:support|reflect|justify|bear\s+out|"
                            r"square\s+with|back\s+up)\s+(?:the\s+|a\s+|any\s+)?(?:(?:figure|estimate|claim|count|toll)\s+of\s+)?$",
                            re.IGNORECASE)
_THAN_THE = re.compile(r"\b(?:higher|more|greater|larger|lower|fewer|less|above|below)\s+than\s+(?:the\s+)?$", re.IGNORECASE)
_REPORTED_COUNT = re.compile(r"\s+(?:(?:dead|deaths|killed|injured|people)\s+)?(?:officially\s+)?"
                             rf"(?:{speech.alternation(speech.SAYING, speech.RECORDING, speech.GIVING)})\b", re.IGNORECASE)


def _denied(text: str, info: _Info) -> re.Match[str] | None:
    """Where the sentence says the count is wrong ("Local media reports of five deaths are not
    correct", "claims of 200 arrests are false", "reports that 50 had died have been denied",
    "denied reports that 15 people had died"): the words that report it ("reports of"), or None."""
    reported = _DENIED_BEFORE.search(text, max(0, info.start - 60), info.start)
    if reported and _DENYING.search(text, max(0, reported.start() - 30), reported.start()):
        return reported
    return reported if reported and _DENIAL_AFTER.match(text, info.end) else None


# (the reports may be named by whose they are: "denied Varland's claim that")
_DENYING = re.compile(rf"\b(?:{speech.alternation(speech.DENYING)})\s+(?:the\s+|earlier\s+)?"
                      r"(?:(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s?\s+)?$", re.IGNORECASE)


_DENIED_BEFORE = re.compile(r"\b(?:reports?|claims?|rumou?rs?|accounts?|suggestions?)"
                            # where they were made: "reports on social media that", "claims by the rebels of"
                            r"(?:\s+(?:on|in|by|from)\s+(?P<by>(?:the\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+))?"
                            r"\s+(?:of|that)\s+(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
# (the verdict may be quoted and graded: were "grossly exaggerated")
_DENIAL_AFTER = re.compile(r"[^.;]{0,60}?\b(?:(?:is|are|was|were)\s+[\"“'‘]?(?:\w+ly\s+)?(?:not\s+(?:correct|true|accurate|right|confirmed)|"
                           r"false|untrue|incorrect|inaccurate|wrong|unfounded|baseless|exaggerated|inflated|overstated)|"
                           r"(?:has|have)\s+been\s+(?:denied|rejected))\b", re.IGNORECASE)


# A place's name: capitalised words, with the particles of names such as "Place de la Nation",
# "Rio de Janeiro" or "Kafr al Sheikh" between them
_PLACE_NAME = (r"[A-Z][\w'’-]+(?:(?:\s+(?:de|del|della|di|da|do|dos|das|du|des|la|le|von|van|der|den|al|el))+"
               r"\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)?")
# what a place is called after its name ("Kessin province", "the Kherson region")
_AREA_NOUNS = r"province|region|district|county|oblast|governorate|prefecture|state|municipality"
_PLACE_OPENING = re.compile(
    r"^\s*(?P<p>[A-Z][\w'’-]+),\s+(?:a|the)\s+(?:[\w-]+\s+){0,3}(?:city|town|port|village|region|capital)\b"
    # "In Odesa, three people were killed ...": a fronted place holds for the whole sentence
    r"|^\s*(?:In|At|Near|Across)\s+(?:the\s+(?:city|town|village|region|province|district)\s+of\s+)?"
    r"(?P<q>" + _PLACE_NAME + r")(?:\s+(?:" + _AREA_NOUNS + r"))?(?:\s+alone)?\s*,")
_PLACE_NOUNS = r"city|town|region|village|port|capital|area"
_DEFINITE_PLACE = re.compile(rf"\bthe\s+(?:{_PLACE_NOUNS})\b", re.IGNORECASE)
_DEFINITE_AREA = re.compile(rf"\bthe\s+(?P<area>{_PLACE_NOUNS}|province|district|county|oblast)\b", re.IGNORECASE)
_REGION_NOUNS = frozenset({"region", "province", "district", "county", "oblast"})


def _region_of(place: str, entities: tuple[EntitySpec, ...]) -> str | None:
    """The region a place names or lies in, as the curation's `within` says: the place itself
    when others lie within it, else the place it lies within; never the country (the place
    every other lies within), and None when the curation says nothing of it."""
    within = places_within(entities)
    country = _country(entities)
    if place in within.values() and place != country:
        return place
    around = enclosing(place, within)
    return around[0] if around and around[0] != country else None


def _opening_place(opening: re.Match[str], curation: Curation) -> str | None:
    """The place a sentence opens with, unless it is a month, a weekday or not a place."""
    name = opening.group("p") or opening.group("q")
    if name.split()[0] in _NOT_PLACES or name in _CALENDAR:
        return None
    kind = _entity_kind(name, curation)
    return None if kind and kind != "place" else name


def _main_place(article: Article, curation: Curation) -> tuple[str | None, int]:
    """The place the article names most (in the most paragraphs, where "the city of X", "the
    attack on X", "X's toll" or a fronted "In X," count twice a plain "in X" of a sentence
    that counts something; the first of equals; not "X alone", a part of the story), and the
    number of the paragraph that first mentions it in any way ("struck Kyiv")."""
    counts: dict[str, int] = {}
    entries: dict[str, int] = {}  # a live blog's entries that name each place
    live = sum(entry_stamp(p.text, None) is not None for p in article.paragraphs) > 1
    for paragraph in article.paragraphs:
        named: dict[str, int] = {}
        for name, weight in _places_named(paragraph.text, curation):
            if _says_alone(paragraph.text, name):
                continue  # "In Dorvale province alone, 7 died": a part of what the article is about
            named[name] = max(named.get(name, 0), weight)
        for name, weight in named.items():
            counts[name] = counts.get(name, 0) + weight
            entries[name] = entries.get(name, 0) + 1
    if not counts:
        return None, 0
    # the headline names the story's place ("LIVE: Kelmari school abduction"): a place the text
    # names as where things happen counts twice more when the headline names it too, so a
    # village named once as "the village of X" is not the place of the story
    mentioned = {name: _mentioned(name, curation) for name in counts}
    for name, pattern in mentioned.items():
        if article.title and pattern.search(article.title):
            counts[name] += 2
    main = max(counts, key=lambda name: counts[name])  # max keeps the first of equals
    if live and entries[main] < 2 and not (article.title and mentioned[main].search(article.title)):
        # each entry of a live blog is a report of its own: a place one entry names ("a second
        # death in Dunmore") is not where the next entry's customers without power are
        return None, 0
    return main, next((p.number for p in article.paragraphs if mentioned[main].search(p.text)), 0)


def _mentioned(place: str, curation: Curation) -> re.Pattern[str]:
    """A place by any of its capitalised names (the curation's aliases too), as a word."""
    entity = next((e for _, e, _, _ in lexicon_for(curation).named(place) if e.kind == "place"), None)
    names = [n for n in ((entity.name, *entity.aliases) if entity else (place,)) if n[:1].isupper()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w-])")


def _unlend_main_place(infos: list[_Info], main: str | None, curation: Curation) -> None:
    """An article whose figures are placed in two places (not one within the other) lends
    neither to a figure that names none: "9 died in Talsey ... 22 dead in Port Varna ...
    140 were treated" does not say where the 140 were."""
    if main is None:
        return
    within = places_within(curation.entities)
    related = {main, *enclosing(main, within)}
    if any(info.figure.place not in related and main not in enclosing(info.figure.place, within)
           and not _says_alone(info.figure.sentence, info.figure.place)
           for info in infos if info.figure.place and not info.lent):  # ("In Kessaran alone": a part of the story)
        for info in infos:
            if info.lent:
                info.figure = replace(info.figure, place=None)
                info.lent = False


def _places(text: str, infos: list[_Info], curation: Curation, state: _State) -> None:
    """Figures of what happened to people and buildings whose sentence names no place take
    "the city" named before, else the place of the figure before them, else the place the
    article names most."""
    opening = _PLACE_OPENING.match(text)
    fronted = _opening_place(opening, curation) if opening else None
    named = fronted or _place(text, None, curation)
    definite_match = _DEFINITE_PLACE.search(text) if infos else None
    curated = _curated_place(definite_match.group(0), curation) if definite_match else None
    area = _DEFINITE_AREA.search(text) if curated is None and infos else None
    if area:
        # "Arvel's provincial health office says 159 have died in the province": the place the
        # sentence itself names, when it names one curated place
        named_here = {name for _, _, _, name in _place_candidates(text, curation)} | {
            e.name for _, e, _, _ in lexicon_for(curation).named(text) if e.kind == "place"}
        curated = next(iter(named_here)) if len(named_here) == 1 else None
        if curated is None and area.group("area").lower() in _REGION_NOUNS:
            # "52 had died in the province - 27 in Sarnow, 16 in Dunmere and nine in Kell
            # Harbour": the one region the towns it names lie in
            regions = {region for name in named_here if (region := _region_of(name, curation.entities))}
            curated = regions.pop() if len(regions) == 1 else None
        if curated is None and area.group("area").lower() in _REGION_NOUNS and state.last_place:
            # "the province's toll": the region named last, or the one the town named last is in
            curated = _region_of(state.last_place, curation.entities)
    if curated is None and infos and not named and _NATIONWIDE.search(text):
        curated = _country(curation.entities)  # "1.28 million people had marched nationwide"
    definite = definite_match is not None
    nationwide = _NATIONWIDE.search(text)
    for index, info in enumerate(infos):
        if nationwide and info.figure.place is None:
            info.overall = True  # "Hospitals across the country admitted 1,900": no town's count
        if info.overall:
            country = (_country(curation.entities) or _country_of(state.first_place, curation)) if nationwide else None
            if info.figure.place is None and country:
                # ("The national toll rose to 19", in a paper of a town of one of two countries: that one's)
                info.figure = replace(info.figure, place=country)
            elif info.figure.place is None and area is not None and curated and 0 <= area.start() - info.end <= 40 \
                    and not _OWN_END.search(text, info.end, area.start()) and _region_of(curated, curation.entities) == curated:
                # "52 had died in the province - 27 in Sarnow, ...": the region the towns lie in
                info.figure = replace(info.figure, place=curated)
            continue  # an overall count is not the town named before it
        whole = infos[index - 1] if index and info.part_cue not in (None, "total", "listed") else None
        if whole is not None and whole.figure.place is None and info.figure.place is None:
            continue  # "73 people were treated in hospital, 40 of whom ...": the part is where its whole is
        if info.figure.place is None and (info.figure.unit in _LENT_UNITS or curated and info.figure.unit == "places"):
            if curated:
                place = curated  # "the capital" is an alias the curation gives a place
            elif definite and state.last_place:
                place = state.last_place
            else:
                # (the count before, not an item of the list that broke it down)
                last = next((i for i in reversed(state.infos) if i.part_cue != "listed"), None)
                before = last.figure if last else None
                same_paragraph = before is not None and before.source.paragraph == info.figure.source.paragraph
                main = state.first_place if info.figure.source.paragraph >= state.first_place_from else None
                if main is None and state.entry is not None:
                    main = named  # a live blog entry's own place ("arrested two men, aged 19 and 23, in Dunmere")
                # (a toll given before the article names any place is not the toll of the place
                # it names later: "41 people have died ... In Dorvale province alone, 7")
                # a plain "in X" after the number is where something else happened ("9 are
                # missing, adding that the search in Olmet had ended"); before it, the place of
                # the sentence ("22,000 marched in Lyon, while organisers counted 50,000")
                here = fronted or _place(text[: info.start], None, curation) or _place(text, None, curation, strong=True)
                if not here and same_paragraph and last.overall and before.metric == info.figure.metric:  # type: ignore[union-attr]
                    # "52 had died in the province - 27 in Sarnow, ... Officials had put the toll
                    # at 47": the whole again, no town's
                    info.overall = True
                    info.figure = replace(info.figure, place=before.place)  # type: ignore[union-attr]
                    continue
                place = here or (before.place if same_paragraph else None) or main  # type: ignore[union-attr]
                info.lent = not here and ((last.lent or last.toll_lent) if same_paragraph and before.place  # type: ignore[union-attr]
                                          else place is not None)
            info.figure = replace(info.figure, place=place)
    state.last_place = named or state.last_place


_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|countrywide|across\s+the\s+(?:country|nation)|the\s+country['’]s|"
                         r"the\s+national\s+(?:death\s+)?(?:toll|count|tally))\b",
                         re.IGNORECASE)


def _country_of(place: str | None, curation: Curation) -> str | None:
    """The place the curation puts `place` within at the top (a town's country), if any."""
    around = enclosing(place, places_within(curation.entities)) if place else []
    return around[-1] if around else None


@by_identity
def _country(entities: tuple[EntitySpec, ...]) -> str | None:
    """The curation's one place that every other place lies `within` (the country of its
    provinces and cities), if there is one: a province that holds one town, beside a capital
    that lies in none, is no country."""
    within = places_within(entities)
    tops = {enclosing(place, within)[-1] for place in within}
    if len(tops) != 1:
        return None
    top = next(iter(tops))
    places = [e.name for e in entities if e.kind == "place" and e.name != top]
    return top if all(top in enclosing(place, within) for place in places) else None


def _attribute_back(infos: list[_Info], claim: Claim) -> None:
    """"16 people died. This was stated by the governor.": the governor claims the 16."""
    for info in infos:
        if not info.own_claim:
            info.figure = replace(info.figure, claimant=claim.name, claimant_kind=claim.kind)
            info.own_claim = True


# "since early on Friday" starts a period; "down from 27 on Friday" dates the 27 (a number between)
_PERIOD_START_BEFORE = re.compile(r"\b(?:since|from|after)\b[^,.;\d]{0,30}$", re.IGNORECASE)
_PERIOD_START = re.compile(r"(?:since|from|after)\b", re.IGNORECASE)
_AS_OF_BEFORE = re.compile(r"\b(?:as\s+of|on|by|until)\s+$", re.IGNORECASE)


def _sentence_dates(text: str, reference: FuzzyDate | None) -> list[DateMention]:
    """Dates in the sentence that may date a figure, in order: not the attributive ones
    ("Tuesday's strike", "the March 10 attack") nor the starts of periods ("since March")."""
    found = []
    for mention in find_dates(text, reference, weekdays=True):
        before = text[max(0, mention.start - _LOOK_BACK): mention.start]
        if _PERIOD_START_BEFORE.search(before) or _PERIOD_START.match(mention.text):
            continue  # "since February 2022": the start of a period, not as of when
        if mention.text.endswith(("'s", "’s")) and not _AS_OF_BEFORE.search(before):
            continue
        if _attributive(text, mention):
            continue
        if reference is not None and mention.date.precision == "day" and mention.date < reference \
                and _OF_THE_EVENT.search(before):
            continue  # "52 were killed in the shelling of the market on 31 August", said days later: the shelling's day
        found.append(mention)
    return found


# the event named with its day, in a report of a later day: "killed in the shelling of Kessan
# central market on 31 August" dates the shelling, not the count of its dead
_OF_THE_EVENT = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|air\s+raid|raid|shelling|bombing|assault|quake|"
                           r"earthquake|flood|fire|wildfire|blast|explosion|crash|sinking|storm|landslide|collapse)"
                           r"(?:\s+(?:of|on|in|at|near)\s+[^,;:.\d]{1,40}?)?\s+on\s+$", re.IGNORECASE)


def _attributive(text: str, mention: DateMention) -> bool:
    """A bare date before a noun ("Russia's March 10 missile attack"): it names an event."""
    if not _CALENDAR_WORD.search(mention.text):
        return False  # "Today alone, ...": relative words date the sentence
    if _LED_BY_PREPOSITION.match(mention.text):
        return False
    if _PREPOSITION_BEFORE.search(text[max(0, mention.start - 30): mention.start]):
        return False
    return bool(_WORD_AFTER.match(text[mention.end:])) and not _NOT_A_NOUN_AFTER.match(text[mention.end:])


_CALENDAR_WORD = re.compile(r"\d|(?<![Yy]ester)(?<![Tt]o)day\b|January|February|March|April|May|June|July|August|September|October|November|December")
_LED_BY_PREPOSITION = re.compile(r"(?i)(?:on|in|since|by|until|from|of|during|early|late|mid|last|this|and|to)\b")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|as\s+of|by|until|during|of|and|to|at)\s+(?:the\s+)?$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s+(?:[a-z]+-)?[a-z]+")
_NOT_A_NOUN_AFTER = re.compile(r"\s+(?:that|when|after|before|as|morning|evening|night|afternoon|and|at|it|the|a|in|on)\b")


_REPORT_VERB = re.compile(rf"\b(?:{speech.alternation(speech.SAYING)})\s+$", re.IGNORECASE)


def _reporting_date(text: str, dates: list[DateMention]) -> DateMention | None:
    """The date the claim was made ("said on Monday"), else the last date of the sentence."""
    for mention in dates:
        if _REPORT_VERB.search(text[max(0, mention.start - 30): mention.start]):
            return mention
    return dates[-1] if dates else None


def _as_of(text: str, mention: NumberMention, dates: list[DateMention], window: tuple[int, int],
           article: Article) -> tuple[FuzzyDate | None, str]:
    """As of when a number counts, and how that is known: a date in its clause ("killed 10 on
    December 27, 2024"), else the date the claim was made ("said on Monday"), else the nearest
    date in the sentence; a less precise date gives way to a more precise one inside it ("this
    month" and "on Wednesday"). Without any: the article's date."""
    # a date past a semicolon after the number dates the statement that follows ("The baseline
    # is 215; the parents count 230, saying 15 pupils admitted in January were not on the
    # roll"); one before it sets the scene ("reopened on Sunday; about 240 flights were cancelled")
    segment_end = text.find(";", mention.end) % (len(text) + 1)
    dates = [d for d in dates if d.end <= segment_end]
    if not dates:
        if article.date is None:
            return None, "none"
        return article.date, "relative" if _says_now(text) else "article"
    clause_start, clause_end = _clause(text, mention)
    if _FRONTED_OF.search(text, 0, mention.start) and "," in text[mention.end:clause_end]:
        clause_end = text.index(",", mention.end)  # "Of the 215 students the government says were taken, 41 ..."
    inside = [d for d in dates if clause_start <= d.start and d.end <= clause_end]
    if inside:
        chosen = min(inside, key=lambda d: abs(d.start - mention.start))
    elif article.date is not None and _SAYS_IN_CLAUSE.search(text, clause_start, clause_end):
        # "Of the 215 students the government says were taken, 41 escaped on Wednesday": says
        # now, whatever the dates of the other clauses
        return article.date, "article"
    else:
        # "killed when the train derailed on Friday night, according to the health department,
        # which said the coroner's count of 9 included ...": a date in another clause's "when"
        # dates that event, not the count of this one
        dates = [d for d in dates if not _EVENT_WHEN.search(text, max(0, d.start - 60), d.start)] or \
            ([] if article.date is not None else dates)
        if not dates:
            return article.date, "article"
        chosen = _reporting_date(text, dates) or dates[-1]
    finer = [d for d in dates if d.date.precision != chosen.date.precision and _within(d.date, chosen.date)]
    if finer and chosen.date.precision != "day":
        chosen = max(finer, key=lambda d: len(d.date.iso))
    return chosen.date, "stated" if chosen.stated else "relative"


_EVENT_NOUN = (r"(?:attack|strike|air\s+raid|raid|shelling|bombing|missile\s+attack|drone\s+attack|assault|"
               r"offensive|quake|earthquake|flood|fire|wildfire|blast|explosion|crash|sinking|storm|"
               r"hurricane|cyclone|typhoon|landslide|collapse|incident|disaster|tragedy)")
_ANOTHER_EVENT = re.compile(
    rf"\b(?:a|an)\s+(?:similar|previous|earlier|separate|prior|comparable)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b"
    rf"|\banother\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b"
    rf"|\b(?:last|the\s+previous)\s+(?:week|month|year)['’]s\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b",
    re.IGNORECASE)


_AFTERSHOCK = re.compile(r"\baftershocks?\b", re.IGNORECASE)
# "a strike on the city", "an earthquake": an event named as one of many, not as the one reported
_AN_EVENT = re.compile(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b", re.IGNORECASE)
_EARLIER_EVENT_DAYS = 31


_EVENT_WHEN = re.compile(r"\b(?:when|as|after)\s+(?:the|a|an|its|their)\s+[^,;:]*$", re.IGNORECASE)


def _long_before(date: FuzzyDate, article: Article) -> bool:
    """Whether a date known to the month lies more than a month before the article's."""
    if article.date is None or article.date.month is None:
        return False
    then = dt.date(date.year, date.month or 12, date.day or 28)  # (its latest day: the benefit of the doubt)
    now = dt.date(article.date.year, article.date.month, article.date.day or 1)
    return (now - then).days > _EARLIER_EVENT_DAYS


# a year, then a clause of what happened then: "since 2011, when a tremor killed 600", "in
# 2019, when floods displaced 3,000" (no sentence break between the year and the number)
# a sentence framed by the year before the article's: "Last year, ..." (not "In 2025, ...": in
# an article of early 2026 that may be the event itself)
_YEAR_FRAME = re.compile(r"\W*(?:(?:in|during|over|throughout)\s+)?(?:(?:the\s+)?(?:last|previous|past)\s+year|"
                         r"a\s+year\s+(?:earlier|before))\s*,", re.IGNORECASE)
_YEAR_WHEN = re.compile(r"\b(?P<year>(?:19|20)\d\d),?\s+when\b(?:[^.;!?]|\.(?=\d))*$")


def _about_another_event(text: str, mention: NumberMention) -> bool:
    """"Earlier this month, a similar attack on Kharkiv killed 4 people": the count belongs to
    another event, named in the number's clause, and is never compared with this one's."""
    clause_start, clause_end = _clause(text, mention)
    return _ANOTHER_EVENT.search(text, max(0, clause_start - 80), clause_end) is not None


_TIME_OF_DAY = re.compile(
    r"\b(?:as\s+of|at|by|since)\s+(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
    r"|\b(?:as\s+of|at|by)\s+(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>[ap])\.?m\b\.?", re.IGNORECASE)


def _time_of_day(text: str, mention: NumberMention) -> str | None:
    """"As of 18:00, the toll rose to 21", "by 9 a.m. 14 people were rescued": the time the
    count is given for, when it stands in the number's clause or opens the sentence; 24-hour
    "HH:MM"."""
    clause_start, clause_end = _clause(text, mention)
    for start, end, hour, minute in _times_of_day(text):
        if not (clause_start <= start < clause_end or start < 3):
            continue
        if start <= mention.start < end:
            continue
        return f"{hour:02d}:{minute:02d}"  # a string of its own per figure (as pickled)
    return None


@functools.lru_cache(maxsize=64)
def _times_of_day(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """(start, end, hour, minute) of every time of day in the sentence, in order: read once
    per sentence, not once per number."""
    times = []
    for match in _TIME_OF_DAY.finditer(text):
        hour = hour24(int(match.group("h") or match.group("h2")), match.group("ap") or match.group("ap2"))
        times.append((match.start(), match.end(), hour, int(match.group("m") or 0)))
    return tuple(times)


_FRONTED_OF = re.compile(r"(?:^|[.;:]\s+)(?:out\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)
_SAYS_IN_CLAUSE = re.compile(rf"\b(?:{speech.alternation(speech.present(speech.SAYING))})\b(?!\s+(?:on|in|that\s+on)\b)")


@functools.lru_cache(maxsize=64)
def _says_now(text: str) -> bool:
    """"as of this moment", "currently": the sentence dates itself to the article (once per sentence)."""
    return _AS_OF_NOW.search(text) is not None


def _within(inner: FuzzyDate, outer: FuzzyDate) -> bool:
    return (len(inner.iso) > len(outer.iso)) and inner.iso.startswith(outer.iso)


_CLAUSE_BREAK = re.compile(r"[;:()—–]|,\s+(?:while|whereas|but|and|which|who|part\s+of|after|before)\b|\s+(?:while|whereas|but)\s", re.IGNORECASE)


# what is to happen, governing the number: "will free 4 more", "plans to send 500", "is expected
# to deploy 3,000"; or said of its noun: "33 hostages are to be freed", "500 troops will be sent"
_PLANNED_BEFORE = re.compile(r"\b(?:will|would|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|going)\s+to|"
                             r"(?:plans?|planned|plan|intends?|intended|aims?|aimed)\s+to)\s+(?:also\s+|then\s+)?"
                             r"(?:[a-z]+)\s+(?:(?:another|a\s+further|up\s+to|about|some|around|at\s+least)\s+)*$",
                             re.IGNORECASE)
_PLANNED_AFTER = re.compile(r"\s+(?:(?:more|additional|further|other|[a-z]+)\s+){0,3}?(?:(?:is|are)\s+(?:due\s+|set\s+|"
                            r"scheduled\s+|expected\s+)?to\s+be|(?:will|would)\s+be)\s+[a-z]+ed\b", re.IGNORECASE)
# "... are to be freed in exchange for about 1,900 prisoners": the other side of what is to happen
_IN_EXCHANGE = re.compile(r"\b(?:in\s+exchange\s+for|in\s+return\s+for)\s+(?:about\s+|some\s+|around\s+|nearly\s+|up\s+to\s+)?$",
                          re.IGNORECASE)


_OF_THE_BEFORE = re.compile(r"(?:^|[.;:]\s+)(?:out\s+)?of\s+(?:the|these|those)\s+$", re.IGNORECASE)


def _named_again(text: str, mention: NumberMention, after: list[NumberMention], before: list[_Info]) -> _Info | None:
    """The count told before that "N of the M were ..." names by its number M (`_number_whole`)."""
    end = _number_whole(text, mention)
    whole = after[0] if after and end is not None and after[0].end <= end else None
    return next((i for i in reversed(before) if whole is not None and i.figure.value == whole.value
                 and _people(i.figure) and i.figure.metric != "other"), None)


def _told_before(before: list[_Info], mention: NumberMention) -> _Info | None:
    """The count of the same value the article gave last, told by a verb (a whole named again
    by its number: "Of the 90 prisoners" after "90 prisoners were freed")."""
    return next((i for i in reversed(before) if i.figure.value == mention.value and i.how == "verb"
                 and i.figure.unit in ("people", "troops") and i.figure.metric != "other"), None)


def _planned(text: str, mention: NumberMention, noun: _Noun | None) -> bool:
    """Whether the number counts what is to happen, not what happened: the verb governing it
    says so ("will free four more hostages"), or the words after its noun ("33 hostages are to
    be freed over six weeks"). Not a count that another will change ("40 have died, and the
    toll will rise")."""
    clause_start = _clause(text, mention)[0]
    if _PLANNED_BEFORE.search(text, clause_start, mention.start):
        return True
    return bool(_PLANNED_AFTER.match(text, mention.end))


def _clause(text: str, mention: NumberMention) -> tuple[int, int]:
    """The clause holding the number, between strong breaks (semicolons, brackets, dashes,
    ", while", ", part of")."""
    return _clause_span(text, mention.start, mention.end)


@functools.lru_cache(maxsize=64)
def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`_clause`, found once per number (the metric, the date, the time, the place and the
    other event of a number each ask for it)."""
    low = max(0, start - _LOOK_BACK)
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, low, start)]
    high = min(len(text), end + _LOOK_BACK)
    after = _CLAUSE_BREAK.search(text, end, high)
    return (starts[-1] if starts else low, after.start() if after else high)


def _looks_like_headline(text: str) -> bool:
    """Title Case without a final stop: a headline or teaser, not a sentence of the article."""
    if text.rstrip()[-1:] in ".!?\"”’":
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


# "including three children", "(including 6 children)", "among them 11 children"
_PART_BEFORE = re.compile(r"(?:\binclud(?:ing|es|ed)|\bamong\s+(?:them|whom|those|which|the\s+\w+)(?:\s+(?:are|were|is|was))?"
                          r"|\bof\s+(?:whom|which)|\bincluding\s+(?:at\s+least|some|about)?)\s*$", re.IGNORECASE)
# "among them a pregnant woman and four children": the cue holds for the whole list
_PART_LIST = re.compile(r"(?:\binclud(?:ing|es|ed)|\bamong\s+(?:them|whom))\s+[^.;:()]{1,60}?(?:,|\s+and)\s+$", re.IGNORECASE)
# "Of the 96 missiles launched at the city, 31 were shot down": a part of the number fronted
# "Of the 120 injured, 30 were in serious condition and 12 were police officers", "Of the 47
# dead, 24 were in Sarnow, 15 in Dunmere and 8 in Kell Harbour": each is a part of the whole
_FRONTED_SIBLINGS = (r"(?:\s*(?:about\s+|some\s+|at\s+least\s+)?[\w-]+\s+(?:(?:were|are|was|is)\s+[^,;.]{1,60}?"
                     r"|(?:in|at)\s+(?:the\s+)?[A-Z][^,;.]{0,40}?)(?:,\s*(?:and\s+)?|\s+and\s+|\s+while\s+))*")
_COPULA_PLACE = re.compile(r"\s+(?:were|are|was|is)\s+(?:in|at|from)\s+(?:the\s+)?[A-Z]")
_FRONTED_WHOLE = re.compile(r"(?:^|[.;:]\s+)(?:(?:out\s+)?of\s+(?:the\s+)?[\d][\d,.]*\s[^,;.]{1,80},"
                            + _FRONTED_SIBLINGS + r"|among\s+(?:the\s+)?[\d][\d,.]*\s[^,;.]{1,60}\s(?:were|are|was|is))\s*$", re.IGNORECASE)
# "18 of them", "Six of the dead", "442 of the drones", "17 of those injured"
_PART_AFTER = re.compile(r"^\s+of\s+(?:(?P<pronoun>them|whom|those|these)\b|the\s+(?P<noun>[a-z]+))", re.IGNORECASE)
# "of them children", "of the dead were children": what the part counts
_PART_COUNTED = re.compile(r"^\s+of\s+(?:them|whom|those(?:\s+(?:killed|dead|who\s+died|injured|wounded|hurt))?|these|the\s+[a-z]+)\s+(?:(?:were|are|was|is|being)\s+)?(?P<noun>[a-z]+s|children|people|women|men)\b",
                           re.IGNORECASE)
_AND_BEFORE = re.compile(r",\s+and\s+$")
_BRACKET_BEFORE = re.compile(r"\(\s*$")
_PASSIVE_BEFORE = re.compile(r"\b(?:(?:had|has|have)\s+(?:since\s+|now\s+|already\s+)?been|were|was)\s+(?:later\s+|since\s+|already\s+)?$")
_OF_NUMBER_AFTER = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?(?:about\s+|some\s+)?\d")  # "11 of the country's 14"
_OF_TOTAL = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)  # "442 of 476 drones": the second is the total
_UPDATE_BEFORE = re.compile(r"\b(?:rose|risen|rises|rising|increased|increases|climbed|climbs|grew|grown|jumped|"
                            r"reached|reaches|went\s+up|has\s+hit|now\s+stands\s+at|stands\s+at|now\s+at)\s+(?:to\s+)?$",
                            re.IGNORECASE)
# "The number of people missing fell to 12": a new count below an earlier one
_FALL_BEFORE = re.compile(r"\b(?:fell|fallen|falls|dropped|drops|decreased|decreases|declined|declines|went\s+down|"
                          r"(?:has|have|had)\s+come\s+down)\s+(?:to\s+)?$", re.IGNORECASE)
# "rose from 16 to 21": the first is the earlier count, the second the update
_RISE_FROM = re.compile(r"\b(?:rose|risen|rises|increased|increases|climbed|climbs|grew|grown|jumped|went\s+up)\s+from\s+$", re.IGNORECASE)
_RISE_FROM_TO = re.compile(r"\b(?:rose|risen|rises|increased|increases|climbed|climbs|grew|grown|jumped|went\s+up)\s+from\s+"
                           r"(?:about\s+|at\s+least\s+)?[\w,. ]{1,20}?\s+to\s+$", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:earlier|previously|initially|initial|before\s+that|at\s+first|had\s+(?:been\s+)?reported)\b", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(r"\s+(?:more|additional|further|extra|new)\b", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.IGNORECASE)
# "The toll rose to 11 after two injured workers died": the two are why it rose, not a toll
_ROSE_AFTER = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|went\s+up)\b[^.;:]{0,80}?"
                         r"\bafter\s+(?:another\s+|a\s+further\s+|an\s+additional\s+)?$", re.IGNORECASE)
_REPORTED_AFTER = re.compile(r"[^.]{0,40}\b(?:were|was|had\s+been)\s+reported\b")
_LOOK_BACK = 240  # characters before a number that its cues are looked for in
_QUOTED_NAME = re.compile(r"^\s*[“\"«‘][^”\"»’]{1,40}[”\"»’]")
_THAN = re.compile(r"\bthan\b", re.IGNORECASE)
_OF_THOSE = re.compile(r"\s*(?:of|among)\s+(?:those|them|these|the\s+dead|the\s+victims)\s*,\s*$", re.IGNORECASE)
_COUNT_VERB_BEFORE = re.compile(rf"\b(?:{speech.alternation(speech.RECORDING)})\s+"
                                r"(?:about\s+|some\s+|at\s+least\s+|another\s+|a\s+further\s+)?$", re.IGNORECASE)
_ENDS_AFTER = re.compile(r"\s*(?:[.;!?]|,\s|$|\s+(?:on|in|by|during|over|since|so\s+far)\b)")
# "the official toll of 21", "the official figure was 21": the officials' count, cited by whoever speaks
_OFFICIAL_FIGURE = re.compile(r"\bthe\s+official\s+(?:death\s+)?(?:toll|figure|count|tally|number)\s+"
                              r"(?:of|at|is|was|stood\s+at|stands\s+at|remains|remained)\s+$", re.IGNORECASE)
_REAL_FIGURE = re.compile(r"\bthe\s+(?:real|actual|true|correct|full|final)\s+(?:number|toll|figure|count|tally|total)\s+"
                          r"(?:is|was|stands\s+at|would\s+be|could\s+be|may\s+be|might\s+be|was\s+likely)\s+$", re.IGNORECASE)
_REFERS_BACK = re.compile(r"\bthe\s+(?:number|toll|figure|count|tally|total)\b"
                          r"(?:\s+(?:who|that|which)\s[^.;,]{0,50}?|[^.;]{0,20}?)\s+at\s+$", re.IGNORECASE)


def _sentence_figures(article: Article, paragraph: Paragraph, sentence: Sentence, curation: Curation,
                      claim_at: Callable[[int], Claim], dates: list[DateMention], own_claim: bool,
                      state: _State) -> list[_Info]:
    text = sentence.text
    mentions = find_numbers(text, article.date)
    if not mentions:
        return []
    hits = [h for h in _metric_hits(text, curation.metrics) if not _besieged(text, h, curation)]
    infos: list[_Info] = []
    previous_subject: dict[str, str] = {}
    previous: tuple[NumberMention, _Noun | None, MetricSpec | None] | None = None
    anchor: tuple[NumberMention, _Noun | None, MetricSpec | None] | None = None  # last figure a comparison refers to
    last: tuple[NumberMention, _Noun | None, MetricSpec | None, str] | None = None
    whole_noun: _Noun | None = None  # the counted noun of the last figure a list may break down
    for index, mention in enumerate(mentions):
        window = _window(text, mentions, index)
        referred: _Info | None = None  # the count before that this number gives again, if it refers back
        noun = own_noun = _partitive_copula(text, mention) or _counted_noun(text, mention) or _copula_noun(text, mention)
        passed = _passed_into(text, mention, _usable_hits(text, mention, hits))  # read once: the metric and the increment
        metric, how = _choose_metric(text, mention, noun, hits, window, curation.metrics,
                                     [m for m in mentions if m is not mention], passed)
        if noun is None:
            noun = own_noun = _number_of_noun(text, mention)  # "put the number of people on board at 187"
        if noun is None and metric is None and previous and _elliptic(text, previous, mention):
            noun, metric, how = previous[1], previous[2], "inherited"  # "by 286 votes to 134"
        elif noun is None and metric is None and anchor and _continues(text, anchor, mention):
            noun, metric, how = anchor[1], anchor[2], "inherited"  # "down from 2.6 million", "770,000 of whom"
        elif metric is None and noun is None and previous and previous[2] is not None \
                and (_COPULA_PLACE.match(text, mention.end) or _PLACED_AFTER.match(text, mention.end)) \
                and _FRONTED_WHOLE.search(text[max(0, mention.start - _LOOK_BACK): mention.start]):
            # "Of the 47 dead, 24 were in Sarnow, 15 in Dunmere": the whole's, in a place
            noun, metric, how = previous[1], previous[2], "inherited"
        elif last and last[3] == "verb" and how in ("head", "none") and last[2] and _coordinated(text, last, mention, metric) \
                and not _state_named(text, noun, metric, hits):
            metric, how = last[2], "inherited"  # "shot down 442 of the drones and 34 missiles"
        elif last and last[2] and how in ("head", "none") and last[2].unit == "people" \
                and _IN_EXCHANGE.search(text, max(0, mention.start - 40), mention.start):
            metric, how = last[2], "inherited"  # "3 hostages were freed in exchange for 90 prisoners": freed too
        elif how in ("head", "none") and (named_again := _named_again(text, mention, mentions[index + 1:],
                                                                      [*state.infos, *infos])) is not None:
            # "Four of the eight were children", after "the toll in Harlow rose to eight": a part
            # of that count, counted by what befell it
            metric, how = next((m for m in curation.metrics if m.id == named_again.figure.metric), metric), "inherited"
        elif how == "head" and _OF_THE_BEFORE.search(text, max(0, mention.start - 12), mention.start) \
                and (told := _told_before(state.infos, mention)) is not None:
            # "90 prisoners were freed ... Of the 90 prisoners, 69 were women": the count told
            # before, named again, is what befell them there
            metric, how = next((m for m in curation.metrics if m.id == told.figure.metric), metric), "inherited"
        elif metric is None and noun is None and state.infos and not infos \
                and state.infos[-1].figure.source.paragraph == paragraph.number \
                and (_OF_THOSE.match(text, 0, mention.start)
                     or _COUNT_VERB_BEFORE.search(text, max(0, mention.start - 40), mention.start)
                     and _ENDS_AFTER.match(text, mention.end)):
            # "Of those, 171 were in Arvel", "The capital recorded 38.": the count before, continued
            # (after "8,200 people have been evacuated from 14 villages. Of these, 3,900 ...", the
            # people: the count the sentence before led with)
            opened = _OF_THOSE.match(text, 0, mention.start)
            before = state.previous_infos[0] if opened and state.previous_infos else state.infos[-1]
            metric = next((m for m in curation.metrics if m.id == before.figure.metric), None)
            how = "inherited"
        elif metric is None and noun is None and _REFERS_BACK.search(text[max(0, mention.start - _LOOK_BACK): mention.start]) \
                and not _NUMBER_OF.search(text, max(0, mention.start - 90), mention.start) and (state.infos or infos):
            # (not "put the number of people on board at 187": it says what it counts)
            # "Earlier reports put the number at 28"; "52 had died in the province - 27 in Sarnow,
            # ... Yesterday officials had put the toll at 47": the count, not the list's last item;
            # "said reports that 100,000 had fled were exaggerated and put the number who had
            # left at under 20,000": the count before, in the same sentence
            told = [*state.infos, *infos]
            before = next((i for i in reversed(told) if i.part_cue != "listed"), told[-1])
            metric = next((m for m in curation.metrics if m.id == before.figure.metric), None)
            how = "inherited"
            referred = before
        elif metric is None and noun is None and state.previous_infos \
                and _REAL_FIGURE.search(text, max(0, mention.start - 60), mention.start):
            # "the official toll had risen to 67, with 14 still missing. The union says the real
            # figure is at least 81": the count the sentence before led with, given otherwise
            before = state.previous_infos[0]
            metric = next((m for m in curation.metrics if m.id == before.figure.metric), None)
            how = "inherited"
            referred = before
        if (noun is None and metric is not None and last and last[1] is not None and infos
                and infos[-1].part_cue is None and _elliptic_count(text, last[0], mention)
                and (metric.unit not in ("people", "troops") or _may_be_people(last[1].head))):
            noun = last[1]  # "300 soldiers were killed and almost 2,700 wounded": the same soldiers (not
            # "taken to three hospitals, and 11 of them, in critical condition": hospitals are no people)
        whole = next((i for i in reversed(infos) if i.part_cue != "listed"), None)
        item = _listed_item(text, whole, mention) if noun is None and whole and whole.figure.metric != "other" else None
        if item is not None and whole is not None:  # "raised the toll to 38: Lindau counted 27 and Ostrava 11"
            noun, metric, how = whole_noun, next((m for m in curation.metrics if m.id == whole.figure.metric), metric), "inherited"
        sibling = _sibling_item(text, infos[-1], mention) if item is None and noun is None and infos else None
        if sibling is not None:  # "Vardi counted 29 dead and the village of Olmet 12": the same count, elsewhere
            noun, metric, how = whole_noun, next((m for m in curation.metrics if m.id == infos[-1].figure.metric), metric), "inherited"
        previous = (mention, noun, metric)
        if (noun or metric) and not _PARTITIVE_OBJECT.search(text[max(0, mention.start - 40): mention.start]):
            anchor = previous
        if not _keep(text, mention, noun, metric) or _conversion(text, mentions, index):
            continue
        last_before, last = last, (mention, noun, metric, how)
        if item is None:
            whole_noun = noun
        claim = claim_at(mention.start) if item is None or whole is None else \
            Claim(whole.figure.claimant, whole.figure.claimant_kind)  # the whole's count, broken down
        if item is None and _OFFICIAL_FIGURE.search(text, max(0, mention.start - 60), mention.start):
            claim = Claim("officials", "organisation")  # "received 23 bodies, more than the official toll of 21"
        counted_in = _counted_in(text, claim, curation)
        if counted_in:  # "Vardi counted 29 dead": where they were counted, not who says so
            said = infos[-1].figure if infos else state.infos[-1].figure if state.infos else None
            claim = Claim(said.claimant, said.claimant_kind) if said and said.claimant != claim.name \
                and said.source.paragraph == paragraph.number else outlet_claim(article)
        unit = _unit(mention, metric, noun)
        overall = _overall(text, mentions[index - 1].end if index else 0, mention)
        subject = _subject(article, paragraph, sentence, mention, noun, metric, unit, previous_subject, curation,
                           local=overall is None)
        previous_subject[_family(unit)] = subject
        as_of, origin = _as_of(text, mention, _own_dates(text, mention, mentions, dates), window, article)
        as_of_time, background = _time_of_day(text, mention), _about_another_event(text, mention)
        if referred is not None and origin == "article" and referred.figure.as_of_origin in ("stated", "relative") \
                and referred.figure.as_of != article.date:
            # "The UN refugee agency put the number at about 15,000": another's count of what the
            # count before it counted, as of the same day (a rival estimate, not a later one)
            as_of, origin = referred.figure.as_of, referred.figure.as_of_origin
            as_of_time = as_of_time or referred.figure.as_of_time
        if origin == "stated" and as_of is not None and article.date is not None \
                and as_of.year <= article.date.year - 2:
            background = True  # "Storm Ardent, which killed 112 people in the province in 2019": years before
        if origin == "stated" and as_of is not None and as_of.month is not None and _long_before(as_of, article) \
                and _AN_EVENT.search(text, *_clause(text, mention)):
            background = True  # "A strike on the city in January 2025 killed 13 people": an earlier one
        when = _YEAR_WHEN.search(text, max(0, mention.start - _LOOK_BACK), mention.start)
        if when and article.date is not None and int(when.group("year")) < article.date.year:
            # "the deadliest since 2011, when a magnitude 7.1 tremor killed more than 600 people"
            as_of, origin, background = FuzzyDate(int(when.group("year"))), "stated", True
        framed = _YEAR_FRAME.match(text) if article.date is not None else None
        if framed and mention.start >= framed.end():
            # "Last year, 3,105 people died or went missing trying to cross": a year's count, not this event's
            as_of, origin, background = FuzzyDate(article.date.year - 1), "stated", True  # type: ignore[union-attr]
        if as_of_time is None and state.entry and as_of == state.entry.day:
            as_of_time = state.entry.time  # "09:40 - The toll has risen to 33": the live blog entry's time
        stated_part = own_noun is None and _PART_COUNTED.match(text[mention.end:])
        side = _side(text, mention, noun, curation) or _side_earlier(paragraph, sentence, mention, noun, curation)
        if side is None and mention.unit == "percent":
            side = _percent_whose(text, mention)
        if side is None and infos and last_before and infos[-1].figure.side and _joined(text, last_before, mention):
            side = infos[-1].figure.side  # "the Civic Alliance got 31.5% and 44 seats": its seats too
        counted = _counted(text, mention, None if stated_part else noun, metric)
        if noun is None and not stated_part and metric is not None and metric.unit == "people":
            named = _number_of_noun(text, mention)  # "the verified number of abducted students is 215"
            named_counted = _counted(text, mention, named, metric) if named else None
            # (not a toll a death brings up: "Two firefighters died ..., bringing the total number
            # of dead to 27" counts all the dead)
            brought = _TOLL_TO.search(text, max(0, mention.start - _LOOK_BACK), mention.start)
            counted = named_counted if named_counted in _PERSON_CLASSES else \
                (None if brought else _elided(paragraph, infos or state.infos)) or counted
        if metric is not None and metric.unit == "magnitude" and _AFTERSHOCK.search(text, *_clause(text, mention)):
            counted = "aftershocks"  # "aftershocks of up to magnitude 5.1": not the quake's own magnitude
        if metric is not None and metric.unit == "buildings" and counted:
            counted = _with_state(text, mention, counted)  # destroyed and damaged are not rival counts
        elif metric is not None and counted and metric.unit not in _OWN_STATES and counted not in _MEASURES \
                and counted not in _UNIT_NAMES and (befell := _befell(text, mention, noun, hits)) is not None:
            counted = f"{befell} {counted}"  # "2,150 dead birds", "rescued 340 oiled birds": the dead apart from the rescued
        elif metric is not None and metric.id == "injured" and counted and _grave(text, mention):
            counted = f"{counted} {GRAVE}"  # not rivals of all the injured, nor their latest count
        elif metric is not None and metric.id == "injured" and counted and _still_treated(text, mention):
            counted = f"{counted} {STILL_TREATED}"  # "11 were still being treated": not all who were hurt
        elif metric is not None and metric.id == "captured" and counted and _own_words_say(_STILL_HELD, text, mention):
            counted = f"{counted} {STILL_HELD}"  # "Eight remain in custody": not all who were detained
        lead = text[max(0, mention.start - 40): mention.start]
        compared = infos[-1].figure if infos and mention.unit == "percent" and infos[-1].figure.unit == "percent" \
            and _compared_with_before(lead) else None
        if compared is not None and not _percent_of(text, mention):
            # "Turnout was 61%, down from 68%", "won 71% ..., compared with 49%": the same share
            counted, subject, side = compared.counted, compared.subject, side or compared.side
        # where people were taken ("23 of the most seriously hurt were transferred to Almarra
        # General Hospital in Almarra") is not where they were hurt; where soldiers were sent is
        # where they are
        place = _place(text, mention, curation, destination=counted == "soldiers") if overall is None \
            else _place_after(text, overall, mention, curation)
        if counted_in and overall is None:
            place = counted_in
        owned_side = False
        if (side is None and counted == "soldiers" or place is None and counted != "soldiers") \
                and (owner := _owner_place(text, mention, noun, claim.name, curation)) is not None:
            # "Varland says 17 of its civilians died", "Osterra's army said seven of its soldiers
            # had died": whose they are is the claimant's country (the soldiers' side, the
            # civilians' place)
            if counted == "soldiers":
                side, owned_side = owner, True  # (a country's losses: no town's, none lent to them)
            else:
                place = owner
        if place is None and _OF_THE_BEFORE.search(text, max(0, mention.start - 12), mention.start) \
                and (told := _told_before(state.infos, mention)) is not None and not (told.lent or told.toll_lent):
            place = told.figure.place  # "Of the 47 dead, ..." after "47 were killed in Corvella": there
        if place is None and referred is not None and not (referred.lent or referred.toll_lent):
            place = referred.figure.place  # "put the number at about 15,000", after 18,000 crossed into Ostria: there
        if sibling is not None:
            place = _item_place(text, sibling, curation)
            before_item = infos[-1]
            if place is not None and before_item.figure.place == place \
                    and not _mentioned(place, curation).search(text, 0, sibling[0]):
                # "killed 9 people in the port and 4 more in the nearby town of Vell": the town is the 4's
                before_item.figure = replace(before_item.figure, place=None)
        if item is not None and whole is not None:
            place = _item_place(text, item, curation)
            whole.overall = True  # a count broken down by place is the sum of them, no one place's
            if place is not None and whole.figure.place == place:
                # ("told reporters in Sarnow that 52 had died in the province - 27 in Sarnow, ...")
                whole.figure = replace(whole.figure, place=None)
        before = text[max(0, mention.start - _LOOK_BACK): mention.start]  # bounded: linear in long sentences
        part_after = _PART_AFTER.match(text[mention.end:])
        cue = None
        if item is not None:
            cue = "listed"
        elif (_PART_BEFORE.search(before) or _PART_LIST.search(before) and not _AND_BEFORE.search(before)
                or _BRACKET_BEFORE.search(before) and infos):
            cue = "including"
        elif _FRONTED_WHOLE.search(before) and infos:
            cue = "fronted"
        elif not infos and _OF_THOSE.match(text, 0, mention.start):
            cue = "these"  # "Of these, 3,900 are in 22 public shelters": a part of the count before
        elif how == "inherited" and _number_whole(text, mention) is not None:
            cue = "the"  # "Four of the eight were children": of the eight told before
        elif _OF_NUMBER_AFTER.match(text[mention.end:]):
            cue = "total"  # "442 of 476 drones", "11 of the country's 14 provinces": a part of the next number
        elif part_after:
            cue = (part_after.group("noun") or "them").lower()
        elif passed is not None and _DIED_OF_INJURIES.match(text, mention.end):
            cue = "injured"  # of the injured counted before
        elif place is not None and (infos or state.infos) and _alone(text, mention, place):
            cue = "alone"  # "In Dunmere alone, 900 operations were postponed": a part of the count before
        if cue is not None and cue != "total" and place is not None and infos and infos[-1].figure.place is None:
            # "19 are still in hospital, six of them in Port Halden": the whole is not all there,
            # and so takes no place from the sentences around it either
            infos[-1].overall = True
        more = _INCREMENT_AFTER.match(text, mention.end)
        excess = more and _THAN.search(text, mention.end, _clause(text, mention)[1])
        if excess and counted:
            counted = f"excess {counted}"  # "520 more people died than in an average week": no toll, no addition to one
        tally = _tally_since(text, mention, article)
        if tally and counted:
            counted = f"{counted} {tally}"  # "1,400 pupils abducted from the country's schools since 2014": no count of this event
        # "another 5 died" after a toll adds to it; "The toll rose to 47. A further 163 were
        # injured": after a count of something else, "a further" is "also", a total of its own
        counted_before = infos[-1] if infos else state.infos[-1] if state.infos else None
        added_to = counted_before is None or metric is None or counted_before.figure.metric == metric.id
        # ("240 homes were destroyed, and about 90 more damaged": others, in another state, not
        # an addition to the count of the damaged)
        other_state = bool(more and counted_before and metric is not None and metric.unit == "buildings"
                           and counted_before.figure.metric == metric.id and counted_before.figure.counted != counted)
        increment = bool(more and not excess and not other_state or added_to and _INCREMENT_BEFORE.search(before[-40:])
                         or _ROSE_AFTER.search(before) or passed is not None)
        # (a sum is asked for, pledged or received: `_money_verb` tells which, a plan or not)
        planned = unit not in _CURRENCY_CODES and unit != "percent" and (_planned(text, mention, noun) or bool(
            infos and infos[-1].figure.planned and infos[-1].sentence == state.sentence
            and _IN_EXCHANGE.search(text, max(0, mention.start - 40), mention.start)))
        figure = _figure(article, paragraph, sentence, mention, metric, unit, subject, claim, as_of, origin,
                         as_of_time=as_of_time, background=background, counted=counted, place=place, side=side,
                         increment=increment, planned=planned, taken=state.ids)
        infos.append(_Info(
            figure=figure, sentence=state.sentence, own_claim=own_claim, how=how, part_cue=cue,
            earlier=bool(_EARLIER.search(before)) or bool(_RISE_FROM.search(before)) or bool(_DOWN_FROM.search(before))
            or bool(_REPORTED_AFTER.match(text, mention.end) and _EARLIER.search(text)),
            # ("bringing the toll to 8": the count it brings up, an update of the one before)
            update=bool(_UPDATE_BEFORE.search(before) or _RISE_FROM_TO.search(before) or _TOLL_TO.search(before)),
            increment=increment, overall=overall is not None or owned_side
            or place is None and (_spans_places(text, mention, curation) or bool(_BOTH_SIDES.search(text, *_clause(text, mention))))
            or (place is None and referred is not None and referred.overall),  # the whole it refers back to is no town's
            toll_lent=place is not None and _toll_of_another_clause(text, mention, place, curation),
            start=mention.start, end=mention.end, fall=bool(_FALL_BEFORE.search(before)),
            sibling=sibling is not None,
        ))
    _share_verbs(text, infos)
    return infos


_SINCE_YEAR = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?(?P<year>(?:19|20)\d\d)\b")


def _tally_since(text: str, mention: NumberMention, article: Article) -> str | None:
    """The period a count runs over, when its clause says it counts over a span of time
    (`model.PERIOD`: "in the first two months of the year", "since the start of the full-scale
    invasion") or since a year before the article's ("since 2014"): a tally, not a count of the
    event the article reports."""
    start, end = _clause(text, mention)
    period = PERIOD.search(text, start, end)
    if period is not None and not _SUPERLATIVE_BEFORE.search(text, max(0, period.start() - 50), period.start()):
        words = " ".join(period.group(0).split())
        return words[:1].lower() + words[1:]  # "in the first two months of the year"
    found = _SINCE_YEAR.search(text, start, end)
    if found is None or article.date is None or int(found.group("year")) >= article.date.year \
            or _SUPERLATIVE_BEFORE.search(text, max(0, found.start() - 50), found.start()):
        return None  # ("the largest demonstration since 2019": this one, measured against the years)
    return f"since {found.group('year')}"


_SUPERLATIVE_BEFORE = re.compile(r"\b(?:[a-z]+est|first|most|biggest|worst)\b[^,;.]*$", re.IGNORECASE)


def _elided(paragraph: Paragraph, infos: list[_Info]) -> str | None:
    """What a count that names nothing counts, when the count before it in the paragraph names
    who ("28 pupils escaped ... the number who have escaped rose to 41"; "police said 121 were
    taken"): those people again. Not children: "two boys died and 40 were hurt" does not say
    the 40 are children, and a count of children beside a toll is its part, never its rival.
    People named by what they do go on being counted ("nine miners are dead ... 22 are still
    trapped"), past an addition of people named by who they are ("the bodies of four more men")."""
    before = next((i.figure for i in reversed(infos) if not (i.increment and i.figure.counted in _DEMOGRAPHIC)), None)
    if before is None or before.source.paragraph != paragraph.number or before.background:
        return None
    counted = before.counted
    if counted in _PERSON_CLASSES or counted not in _COUNTED and counted not in _DEMOGRAPHIC \
            and _is_plural(counted) and _may_be_people(counted) and " " not in counted:
        return counted
    return None


# people named by who they are, not by what they do: a count after them need not count them
_DEMOGRAPHIC = frozenset("men women elderly families households relatives adults".split())


# "12 are still missing, down from 27 on Friday": the 27 is the count before, and the date its own
_COMPARED = re.compile(r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+$", re.IGNORECASE)
# "down from 27"; "revised down to 41 from 44", "rose to 41 from 38": the count it was before
_TO_FROM = r"\bto\s+(?:about\s+|at\s+least\s+)?\d[\d,.]*(?:\s+[a-z]+)?\s+from"
_DOWN_FROM = re.compile(rf"(?:\b(?:up|down|rising|falling|fell|dropped|decreased)\s+from|{_TO_FROM})\s+$", re.IGNORECASE)


def _compared_with_before(lead: str) -> bool:
    """Whether the words before a number set it against the count before it ("down from",
    "compared with")."""
    return bool(_DOWN_FROM.search(lead) or _COMPARED.search(lead))


def _own_dates(text: str, mention: NumberMention, mentions: list[NumberMention],
               dates: list[DateMention]) -> list[DateMention]:
    """The sentence's dates less those that date a compared count after this number ("12 are
    still missing, down from 27 on Friday": Friday is the 27's, not the 12's)."""
    # "killed 47 since 11 March, surpassing an outbreak in 2017 that killed 23": a date that
    # a relative clause ties to a later number dates that number, not this one
    later = [m for m in mentions if m.start > mention.end]
    dates = [d for d in dates if d.start < mention.end or
             not any(d.end <= m.start and _DATE_OF_NEXT.match(text, d.end, m.start) for m in later)]
    compared = [m for m in later if _compared_with_before(text[max(0, m.start - 40): m.start])]
    if not compared:
        return dates
    first = compared[0].start
    return [d for d in dates if d.start < first]


# between a date and the number after it: a relative clause of what happened then ("in 2017
# that killed 23", "in 2019, when floods displaced 3,000", "on Friday, which left 12 dead")
_DATE_OF_NEXT = re.compile(r",?\s+(?:that|which|when)\s+(?:[\w'’-]+\s+){0,4}?$", re.IGNORECASE)


# "A woman died in hospital in Belmor, bringing the death toll from Saturday's crush to 22": a
# toll brought to a number by what the clause before it tells (the place is that death's)
_TOLL_TO = re.compile(r"\b(?:bringing|taking|raising|pushing|lifting|putting)\s+(?:the|its|their)\s+"
                      r"(?:[\w'’-]+\s+){0,2}?(?:toll|tally|total|count|number\s+of\s+(?:dead|deaths|victims|fatalities))"
                      r"\b[^.;:]{0,120}?\s+to\s+$", re.IGNORECASE)


def _alone(text: str, mention: NumberMention, place: str) -> bool:
    """Whether the number's clause says its place "alone" ("900 in Dunmere alone"): a part of
    a count given before."""
    return _says_alone(text[slice(*_clause(text, mention))], place)


def _says_alone(text: str, place: str) -> bool:
    """Whether `text` names `place` "alone" ("In Dorvale province alone, 7"): a part of what
    is counted, not the story's place."""
    return "alone" in text and re.search(rf"(?<![\w-]){re.escape(place)}(?:\s+(?:{_AREA_NOUNS}))?\s+alone\b", text) is not None


def _toll_of_another_clause(text: str, mention: NumberMention, place: str, curation: Curation) -> bool:
    """Whether the number is a toll that a clause before it brought up ("X died in Belmor,
    bringing the toll to 22"), its place named only in that clause: the toll is of the whole
    event, wherever that happened, and the place only lent to it."""
    cue = _TOLL_TO.search(text, max(0, mention.start - _LOOK_BACK), mention.start)
    if cue is None:
        return False
    return not any(name == place and cue.start() <= start < _clause(text, mention)[1]
                   for _, start, _, name in _place_candidates(text, curation))


# what says a count is the whole, not one town's: "raising the overall toll to 40", "bringing
# the total number of victims to 19", "in all, 23 have died", "23 have died across the region"
_OVERALL = re.compile(r"\b(?:overall|in\s+all|in\s+total|all\s+told|altogether|combined|nationwide|nationally|"
                      r"countrywide|(?:the|a)\s+(?:new\s+)?total\s+(?:number|toll|count|tally|death\s+toll)|the\s+total\b|"
                      r"across\s+the\s+(?:country|nation|region|province|state|island|area|coast|district|county))\b",
                      re.IGNORECASE)
_OWN_END = re.compile(r"[,;:.()—–]|\s+(?:and|but|while|whereas)\s")


def _overall(text: str, start: int, mention: NumberMention) -> re.Match[str] | None:
    """The cue that the number counts the whole (its words since the number before it, or up
    to the end of its own phrase), if any."""
    end = _OWN_END.search(text, mention.end)
    return (_OVERALL.search(text, max(start, mention.start - _LOOK_BACK), mention.start)
            or _OVERALL.search(text, mention.end, end.start() if end else len(text)))


def _place_after(text: str, cue: re.Match[str], mention: NumberMention, curation: Curation) -> str | None:
    """The place an overall count names itself, after its cue ("the overall toll in Dorvale
    province rose to 40"), else none."""
    end = _OWN_END.search(text, mention.end)
    stop = end.start() if end else len(text)
    start = min(cue.start(), mention.start)
    found = [(abs(at - mention.start), name) for _, at, _, name in _place_candidates(text, curation) if start <= at < stop]
    return min(found)[1] if found else None


_ITEM_START = re.compile(r"[:,;]\s*|\s+and\s+")
_ITEM_END = re.compile(r"[,;:.()]|\s+and\s+")
_ITEM_NAME = re.compile(r"\s*(?:(?:and|in|at)\s+)?(?:the\s+(?:village|town|city|district|region|province|port)\s+of\s+)?"
                        r"(?P<p>" + _PLACE_NAME + r")")


_LIST_OPENS = re.compile(r":|\s[-–—]\s")


def _listed_item(text: str, whole: _Info, mention: NumberMention) -> tuple[int, int] | None:
    """The span of a bare number's item in a list that breaks down the count before it, after
    a colon or a dash ("raised the death toll to 38: Lindau counted 27 and Ostrava 11", "31: 22
    in Lindau and 9 in Ostrava", "52 had died - 27 in Sarnow, 16 in Dunmere"); None when the
    number is not such an item."""
    between = text[whole.end: mention.start]
    opened = _LIST_OPENS.search(between)  # a colon, or a dash: "52 had died in the province - 27 in Sarnow, ..."
    colon = opened.start() if opened else -1
    if colon < 0 or len(between) > 160 or re.search(r"[.;!?()]", between[colon:]):
        return None
    starts = [m.end() for m in _ITEM_START.finditer(text, whole.end + colon, mention.start)]
    end = _ITEM_END.search(text, mention.end)
    item = (starts[-1] if starts else whole.end + colon + 1, end.start() if end else len(text))
    words = text[item[0]: mention.start].split()
    return item if len(words) <= 4 else None  # "Lindau counted", "in Lindau": a short item


def _counted_in(text: str, claim: Claim, curation: Curation) -> str | None:
    """The curated place a claim names when the place is what "counted" or "recorded" the
    dead ("Vardi counted 29 dead"): where, not who. (Not "Kyiv estimates ...": a capital
    that estimates speaks for its government.)"""
    if claim.kind == "person" or _entity_kind(claim.name, curation) != "place":
        return None
    found = re.search(rf"(?<![\w-]){re.escape(claim.name)}\s+(?:has\s+|had\s+)?(?:counted|recorded|registered|buried)\b", text)
    return claim.name if found else None


def _sibling_item(text: str, before: _Info, mention: NumberMention) -> tuple[int, int] | None:
    """The span of a bare number coordinated after a count of the same thing in another place
    ("Vardi counted 29 dead and the village of Olmet 12", "22 in Lindau, 9 in Ostrava"); None
    when the number is not such an item."""
    if before.figure.metric == "other":
        return None
    if before.part_cue in _NOT_SIBLING_CUES or before.part_cue is not None and not _PLACED_AFTER.match(text, mention.end):
        return None  # (but "Eight of the dead were from Korval and four from Drenmouth": a part in each)
    between = text[before.end: mention.start]
    if len(between) > 80 or re.search(r"[.;:!?()]", between):
        return None
    separator = list(re.finditer(r",\s*(?:and\s+)?|\s+and\s+", between))
    if not separator:
        return None
    start = before.end + separator[-1].end()
    end = _ITEM_END.search(text, mention.end)
    item = (start, end.start() if end else len(text))
    words = text[start: mention.start].split()
    if not words and _PLACED_AFTER.match(text, mention.end):
        return item  # "killed 9 people in the port and 4 more in the nearby town of Vell"
    went = _GONE_TO_AFTER.match(text, mention.end)
    if not words and went and re.search(rf"\b{went.group('to')}\s+(?:the\s+)?[A-Z]", between):
        return item  # "44,000 had fled to Ostria and 17,000 to Pelmark": the verb said once for both
    if not words and _ON_THE_SIDE.match(text, mention.end + 1) and _ON_THE_SIDE.search(between):
        return item  # "6,000 displaced on the Varland side and 800 on the Osterran side"
    return item if 1 <= len(words) <= 5 and _ITEM_NAME.match(text, start, mention.start) else None


_NOT_SIBLING_CUES = frozenset({"including", "total", "alone", "injured"})
_GONE_TO_AFTER = re.compile(r"\s+(?:more\s+|others?\s+)?(?P<to>to|into)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?[A-Z]")
_PLACED_AFTER = re.compile(r"\s+(?:more\s+|others?\s+)?(?:in|at|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,4}?[A-Z]")


def _item_place(text: str, item: tuple[int, int], curation: Curation) -> str | None:
    """Where a listed count is: the place named in its item ("22 in Lindau", "Lindau counted
    27", "Ostrava 11")."""
    found = [name for _, at, _, name in _place_candidates(text, curation) if item[0] <= at < item[1]]
    if found:
        return found[0]
    named = _ITEM_NAME.match(text, item[0], item[1])
    if named is None:
        return None
    name = named.group("p")
    if name.split()[0] in _NOT_PLACES or name in _CALENDAR or is_number_word(name.split()[0]):
        return None
    kind = _entity_kind(name, curation)
    return None if kind and kind != "place" or _is_person_like(name, curation) else name


def _elliptic_count(text: str, before: NumberMention, mention: NumberMention) -> bool:
    """A bare count coordinated after a counted noun in the same clause chain ("... 300 soldiers
    have been killed in the war and almost 2 700 have been wounded") counts the same noun."""
    between = text[before.end: mention.start]
    return len(between) <= 120 and not re.search(r"[.;:!?]", between) and bool(
        re.search(r"\b(?:and|while|whereas|but)\s+(?:\w+\s+){0,2}$|,\s*(?:\w+\s+){0,2}$", between))


def _share_verbs(text: str, infos: list[_Info]) -> None:
    """"14 firefighters and 3 paramedics were hurt": the verb after the last of coordinated
    counts of people tells what happened to each of them."""
    for first, second in zip(reversed(infos[:-1]), reversed(infos[1:])):
        a, b = first.figure, second.figure
        between = text[first.end: second.start]
        if (first.how == "head" and second.how == "verb" and _people(a) and _people(b) and a.metric != b.metric
                and b.unit == "people" and re.fullmatch(r"\s*[\w' -]{0,40}?(?:,\s*|\s+)(?:and|or)\s+", between)
                and not re.search(r"\b(?:were|was|are|is|have|has|had)\b", between)):
            first.figure = replace(a, metric=b.metric, label=b.label, unit=b.unit)
            first.how = "verb"


def _state_named(text: str, noun: _Noun | None, metric: MetricSpec | None, hits: list[_Hit]) -> bool:
    """Whether the number's own noun phrase says what befell those counted, before its head,
    and a verb of its own follows ("rescued 340 oiled birds, and 1,200 dead seabirds have been
    collected"): that state, not the verb of the number before, is their metric. (Without a
    verb of its own the number is that verb's object too: "freed 12 miners and 3 injured
    workers" were freed.)"""
    return noun is not None and metric is not None and metric.unit in ("people", "troops") and any(
        h.metric is metric and noun.start <= h.start and h.end < noun.end for h in hits) \
        and _OWN_VERB.match(text, noun.end) is not None


_OWN_VERB = re.compile(r"\s+(?:have|has|had|were|was|are|is|remain|remained)\b", re.IGNORECASE)


def _coordinated(text: str, last: tuple[NumberMention, _Noun | None, MetricSpec | None, str],
                 mention: NumberMention, metric: MetricSpec | None) -> bool:
    """"shot down 442 of the drones and 34 missiles": a number coordinated with the one before
    takes what happened to it, when its own noun only says what it is."""
    if metric is not None and last[2] is not None and metric.unit != last[2].unit:
        return False
    if last[2] is not None and not _compatible(last[2], mention):
        return False  # "31.5% and 44 seats": seats are no percentage
    return _joined(text, last, mention)


def _joined(text: str, last: tuple, mention: NumberMention) -> bool:
    """Whether a number follows the one before (with its noun) after only "and" or a comma."""
    start = last[1].end if last[1] else last[0].end
    return start <= mention.start and re.fullmatch(r"\s*(?:,\s*|\s+and\s+|,\s+and\s+|\s+as\s+well\s+as\s+)", text[start:mention.start]) is not None


def _elliptic(text: str, previous: tuple[NumberMention, _Noun | None, MetricSpec | None],
              mention: NumberMention) -> bool:
    """"286 votes to 134", "12 goals against 3": the second number counts the same thing."""
    noun = previous[1]
    return noun is not None and re.fullmatch(r"\s+(?:to|against|versus|vs\.?)\s+", text[noun.end:mention.start]) is not None


_PARTITIVE_OBJECT = re.compile(r"\bof\s+(?:the|its|their|all|some)\s+$", re.IGNORECASE)
# "down from 2.6 million", "compared with 5,000", "against 12", "770,000 of whom", "and 41 damaged"
# Another claimant's count of the same thing, later in the sentence: "police counted 81,000
# marchers while the union said 700,000", "...; police put the figure at 30,000"
_RIVAL_BEFORE = re.compile(r"(?:\b(?:while|whereas|but)\b|[;,])[^.;]*?\b(?:"
                           r"gave|put\s+(?:the\s+)?(?:figure|number|turnout|total|count|toll|crowd)\s+at|"
                           + speech.alternation(speech.SAYING, speech.COUNTING) + r")\s+(?:that\s+|it\s+at\s+)?$",
                           re.IGNORECASE)
_COMPARISON_BEFORE = re.compile(
    r"(?:\b(?:up|down|rising|falling|rose|fell|increased|decreased|dropped)\s+from|\bcompared\s+(?:with|to)"
    r"|\bagainst|\bversus|\bvs\.?|\bfrom\s+(?:a|an)\s+(?:previous|earlier)\s+(?:estimate|figure|toll)\s+of"
    # "at least 17 workers are dead, far more than the 11 the authorities have confirmed"
    r"|\b(?:more|fewer|less|higher|lower|greater)\s+than\s+the)\s+$",
    re.IGNORECASE)
_OF_WHOM = re.compile(r"^\s+(?:of\s+(?:whom|them|those|which)|among\s+them)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"(?:\band|\bwhile|\bbut|,)\s+(?:another\s+|a\s+further\s+|some\s+)?$", re.IGNORECASE)
_PARTICIPLE_AFTER = re.compile(r"^\s+(?:(?:were|was|had\s+been|have\s+been|are)\s+)?[a-z]+(?:ed|en)\b")


def _continues(text: str, anchor: tuple[NumberMention, _Noun | None, MetricSpec | None],
               mention: NumberMention) -> bool:
    """A bare number that counts what an earlier number in the sentence counts: a comparison
    ("2.3 million voters, down from 2.6 million"), a partitive ("1.3 million refugees, 770,000
    of whom") or an ellipsis ("134 homes were destroyed and 41 damaged")."""
    if mention.unit != anchor[0].unit:
        return False
    before = text[anchor[0].end: mention.start]
    if _COMPARISON_BEFORE.search(before) or _OF_WHOM.match(text[mention.end:]) or _RIVAL_BEFORE.search(before):
        return True
    if _DOWN_FROM.search(text[max(0, anchor[0].start - 40): mention.start]):  # "revised to 41 from 44"
        return True
    return bool(anchor[1] and _COORDINATED.search(before) and _PARTICIPLE_AFTER.match(text[mention.end:])
                and not re.search(r"[.;:]", before))


@by_identity
def metric_matcher(metrics: tuple[MetricSpec, ...]) -> tuple[re.Pattern[str] | None, dict[str, tuple[MetricSpec, ...]]]:
    """The curation's metric words compiled once: one pattern (longest words first) and the
    metrics each word signals (the same words in two metrics: both compete)."""
    by_word: dict[str, list[MetricSpec]] = {}
    for metric in metrics:
        for word in metric.words:
            key = " ".join(word.lower().split())
            if key and metric not in by_word.setdefault(key, []):
                by_word[key].append(metric)
    if not by_word:
        return None, {}
    words = sorted(by_word, key=lambda w: (-len(w), w))
    alternation = "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in words)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return pattern, {w: tuple(m) for w, m in by_word.items()}


@by_identity
def _metric_first_words(metrics: tuple[MetricSpec, ...]) -> frozenset[str] | None:
    """The words a metric word of `metric_matcher`'s pattern starts with (its first run of
    word characters, lower case), for `memo.longest_matches`; None when a metric word does
    not start with a plain ASCII word (then every position is tried)."""
    _, by_word = metric_matcher(metrics)
    firsts = [re.match(r"\w*", word).group(0) for word in by_word]  # type: ignore[union-attr]
    if not all(first and first.isascii() for first in firsts):
        return None
    return frozenset(firsts)


def _metric_hits(text: str, metrics: tuple[MetricSpec, ...]) -> list[_Hit]:
    """Every metric word in the text, the longest where they overlap; a phrasal one also with
    the count between its verb and the rest (`_split_matcher`)."""
    pattern, by_word = metric_matcher(metrics)
    if pattern is None:
        return []
    hits = [_Hit(m.start(), m.end(), metric) for m in longest_matches(pattern, _metric_first_words(metrics), text)
            if m.group(0) not in _CALENDAR  # "March 12" is a date, not a march
            for metric in by_word[" ".join(m.group(0).lower().split())]]
    split, by_parts, verbs = _split_matcher(metrics)
    if split is None:
        return hits
    for m in longest_matches(split, verbs, text):  # tried only where one of the verbs is
        if not any(h.start < m.end("verb") and m.start("verb") < h.end for h in hits):
            key = (m.group("verb").lower(), " ".join(m.group("rest").lower().split()))
            hits += [_Hit(m.start("verb"), m.end("verb"), metric) for metric in by_parts.get(key, ())]
    return sorted(hits, key=lambda h: h.start)


# the second word of a phrasal metric word a count may stand before: "brought seven miners to
# the surface", "taken 12 people to hospital", "forced about 4,000 people from their homes"
_PARTICLES = frozenset("to out from off up down away back into alive home free".split())


@by_identity
def _split_matcher(metrics: tuple[MetricSpec, ...]) -> tuple[re.Pattern[str] | None, dict[tuple[str, str], tuple[MetricSpec, ...]],
                                                             frozenset[str]]:
    """The phrasal metric words ("brought to the surface") split by a count and what it counts
    ("brought seven miners to the surface"): one pattern whose group "verb" is the hit, the
    metrics by (verb, rest) and the verbs. Only with a number right after the verb: the words
    between are then what is counted, not a clause of their own."""
    _, by_word = metric_matcher(metrics)
    by_parts: dict[tuple[str, str], tuple[MetricSpec, ...]] = {}
    for word, found in by_word.items():
        parts = word.split(" ")
        if len(parts) > 1 and parts[1] in _PARTICLES and parts[0].isalpha() and parts[0] not in _STOP:
            by_parts[(parts[0], " ".join(parts[1:]))] = found
    if not by_parts:
        return None, {}, frozenset()
    verbs = "|".join(sorted({verb for verb, _ in by_parts}, key=lambda v: (-len(v), v)))
    rests = "|".join(r"\s+".join(map(re.escape, rest.split(" "))) for rest in sorted({r for _, r in by_parts}, key=lambda r: (-len(r), r)))
    return re.compile(rf"(?<![\w-])(?P<verb>{verbs})\s+(?:(?:about|some|around|nearly|almost|over|at\s+least|more\s+than)\s+)?"
                      rf"(?:\d[\d,.]*|(?:{number_words(3)})\b)\s+(?:[\w'’-]+\s+){{0,4}}?(?P<rest>{rests})(?![\w-])",
                      re.IGNORECASE), by_parts, frozenset(verb for verb, _ in by_parts)


# a few words quoted from the count's claimant ('had killed "more than 60 terrorists"'): the
# quote opens inside the clause, at the number (whose mention begins with its qualifier)
_QUOTE_OPENS = re.compile(r"[\"“]\s*$")
_QUOTE_CLOSES = re.compile(r"[^\"“”]{0,60}?[\"”]")


def _scare_quote(text: str, boundary: re.Match[str], mention: NumberMention) -> bool:
    """Whether the boundary is a quote mark opening a few quoted words that hold the number."""
    return bool(_QUOTE_OPENS.fullmatch(text, boundary.start(), mention.start)) and _QUOTE_CLOSES.match(text, mention.end) is not None


def _window(text: str, mentions: list[NumberMention], index: int) -> tuple[int, int]:
    """The clause around a number: from the last boundary before it to the first after it,
    never past a neighbouring number."""
    mention = mentions[index]
    left = mentions[index - 1].end if index > 0 else 0
    right = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
    boundaries_before = [m.end() for m in _BOUNDARY.finditer(text, left, mention.start)
                         if not _joins_names(text, m) and not _scare_quote(text, m, mention)]
    aside = _PART_ASIDE.match(text, mention.end)  # "11 of them, in critical condition, were ...": its clause goes on
    # "All 19 miners who had been sheltering in a gallery were brought to the surface": the verb
    # after the relative clause is the 19's
    aside = aside or _RELATIVE_ASIDE.match(text, mention.end)
    parts = _PARTS_ASIDE.match(text, mention.end)
    if parts and index + 1 < len(mentions) and mentions[index + 1].end <= parts.end():
        # "At least 15 people, including four children, were killed": the verb past the part is the 15's too
        aside = parts
        later = [m for m in mentions[index + 1:] if m.start >= parts.end()]
        right = later[0].start if later else len(text)
    after = next((m for m in _BOUNDARY.finditer(text, aside.end() if aside else mention.end, right)
                  if not _joins_names(text, m) and not _joins_subjects(text, mention, m)), None)
    return (max([left, *boundaries_before]), after.start() if after else right)


# "287 pupils and a teacher were missing", "five soldiers and a civilian were killed", "4,300
# operations and appointments have been cancelled": one
# subject of two nouns, whose verb comes after the second
_SECOND_SUBJECT = re.compile(r"\s+(?:(?:a|an|one|the|their|its|his|her)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+"
                             r"(?:were|was|are|is|have|had|has)\b"
                             r"|(?:[a-z][\w-]*\s+)?[a-z][\w-]*s\s+(?:were|are|have|had)\b)")  # "operations and appointments have"


def _joins_subjects(text: str, mention: NumberMention, boundary: re.Match[str]) -> bool:
    return boundary.group(0).lower() == "and" and _words_between(text[mention.end:boundary.start()]) <= 2 \
        and _SECOND_SUBJECT.match(text, boundary.end()) is not None


_PART_ASIDE = re.compile(r"\s+of\s+(?:them|whom|those|these)\s*,", re.IGNORECASE)
_RELATIVE_ASIDE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:who|that)\s+[^,;.()]{1,80}?\s"
                             r"(?=(?:were|was|are|is|have|has|had)\s+(?:been\s+|all\s+)?[a-z]+(?:ed|en|ught)\b)")
# "15 people, including four children, were killed"; "1.9 million people, or about 85% of the
# population, have been displaced": an aside between the count and its verb
_PARTS_ASIDE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*\s*,\s+(?:including|among\s+them|or)\s+[^,;.()]{1,50},",
                          re.IGNORECASE)


_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_NAME_AFTER = re.compile(r"\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?:of\s+)?[A-Z]")


def _joins_names(text: str, boundary: re.Match[str]) -> bool:
    """Whether a boundary is an "and" between two names ("residents of Lindau and the village
    of Ostrava remain ..."), inside one phrase rather than between two clauses."""
    return boundary.group(0).lower() == "and" and bool(
        _NAME_BEFORE.search(text, max(0, boundary.start() - 40), boundary.start())
        and _NAME_AFTER.match(text, boundary.end()))


_WORD = re.compile(r"[\w'’-]+")


def _words_between(text: str) -> int:
    return len(_WORD.findall(text))


def _compatible(metric: MetricSpec, mention: NumberMention) -> bool:
    unit = mention.unit
    if unit in _CURRENCY_CODES:
        return metric.unit in CURRENCY_UNITS or metric.unit == unit
    if unit == "percent":
        return metric.unit == "percent"
    if unit:  # a hyphenated unit: "one-tonne", "7.8-magnitude"
        return _measures(metric, unit)
    return metric.unit not in CURRENCY_UNITS and metric.unit != "percent"


# "98 were freed by troops", "rescued by firefighters": who acted, named after "by", is not
# what is counted
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[a-z][\w-]*\s+)?$", re.IGNORECASE)


def _usable_hits(text: str, mention: NumberMention, hits: list[_Hit]) -> list[_Hit]:
    """The metric words a number may take: of its kind (people, money, a share...), and not
    the words that name who speaks ("emergency services said 126 ...") or who acted ("freed
    by troops")."""
    return [h for h in hits if _compatible(h.metric, mention) and not _SPEAKER_AFTER.match(text, h.end)
            and not (h.start > mention.end and _AGENT_BEFORE.search(text, max(mention.end, h.start - 30), h.start))]


# "Two of the injured died", "three more of the missing were found dead", "12 of the wounded
# have since died": a part of one count (the metric word after "of the") that passed into
# another (the verb after it). They are counted by what befell them, and they add to that
# count: an increment, never a rival of its total ("the toll rose to 81; two of the injured
# died overnight" is no toll of two).
_MORE_OF = re.compile(r"\s+(?:more|further|other)\b")
_MAIN_VERB_GAP = re.compile(r"^\s+(?:(?:had|has|have|since|later|subsequently|also|then|now|were|was|been|found|pronounced)\s+)*$",
                            re.IGNORECASE)


# "trapped in Kessan", "trapped inside the besieged city of Kessan": a city's people under siege,
# not missing (as are those trapped in a mine, under rubble or "in Kessan's collapsed hospital")
_IN_TOWN = re.compile(r"\s+(?:in|inside)\s+(?:the\s+(?:besieged\s+)?(?:city|town|enclave)\s+of\s+)?(?P<place>[A-Z][\w'’-]*)")


def _besieged(text: str, hit: _Hit, curation: Curation) -> bool:
    """Whether a metric word of the missing ("trapped") is said of the people of a place the
    curation names (`_IN_TOWN`)."""
    if hit.metric.id != "missing" or "trapped" not in text[hit.start:hit.end].lower():
        return False  # (hostages "still being held in Varnish" are held, not besieged)
    town = _IN_TOWN.match(text, hit.end)
    return town is not None and not re.search(r"['’]s$", town.group("place")) \
        and any(e.kind == "place" and text.startswith(alias, town.start("place"))
                for alias, e, _, _ in lexicon_for(curation).named(text[town.start("place"):]))


# "Nine died of their injuries after arrival", "three have since succumbed to their wounds":
# a part of the injured counted before, who died (an increment of the dead, no toll)
_DIED_OF_INJURIES = re.compile(r"\s+(?:(?:people|patients|of\s+them|more)\s+)?(?:(?:have|has|had|later|since|"
                               r"subsequently|also)\s+)*(?P<died>died|succumbed)\s+(?:of|from|to)\s+"
                               r"(?:their|his|her|the)\s+(?:injuries|wounds)\b", re.IGNORECASE)


def _passed_into(text: str, mention: NumberMention, ok: list[_Hit]) -> _Hit | None:
    """The metric word of the count a part passed into (see `_MORE_OF`, `_DIED_OF_INJURIES`), or None."""
    start = mention.end
    died = _DIED_OF_INJURIES.match(text, start)
    if died:
        return next((h for h in ok if h.start == died.start("died") and h.metric.unit == "people"), None)
    more = _MORE_OF.match(text, start)
    partitive = _PARTITIVE.match(text[more.end() if more else start:])
    if not partitive or partitive.group("number"):
        return None
    start = (more.end() if more else start) + partitive.end()
    after = [h for h in ok if h.start >= start]
    if len(after) < 2 or after[0].start != start:
        return None  # the noun after "of the" is no count
    if after[0].metric.unit == "troops":
        return None  # "seven of its soldiers had died": the soldiers' toll, not a part of one that passed into it
    main = after[1]
    if main.metric is after[0].metric or main.metric.unit not in ("people", "troops"):
        return None
    copula = _COPULA_NOUN.match(text, after[0].end)
    if copula and copula.start("noun") == main.start and _is_plural(text[main.start:main.end].split()[-1]):
        return None  # "Nine of the dead were soldiers": what they were, not what befell them
    return main if _MAIN_VERB_GAP.match(text[after[0].end:main.start]) else None


# "puts its losses at 11 soldiers": the count the number is of, named before "at"
_PUT_AT = re.compile(r"\s+at\s+")


# a verb of acting between who acts and the number ("had made contact with", "reached",
# "evacuated"), not "were" or "among"
_ACTED_ON = re.compile(r"\b(?:[a-z]+ed|had|has|have|made|makes|make|found|finds|saw|sees|reached|reach|took|takes|"
                       r"brought|brings|sent|sends|led|leads|got|gets|met|meets|freed|frees|pulled|pulls)\b")


def _choose_metric(text: str, mention: NumberMention, noun: _Noun | None, hits: list[_Hit],
                   window: tuple[int, int], metrics: tuple[MetricSpec, ...],
                   others: list[NumberMention] = (),  # type: ignore[assignment]
                   passed: _Hit | None = None) -> tuple[MetricSpec | None, str]:
    """The metric whose words stand nearest the number in its clause, and how it was chosen
    ("head": the counted noun alone; "verb": a word of what happened; "none").

    The counted noun names the metric (soldiers -> troops) unless what happened to them is
    also named (soldiers ... killed -> killed; drones ... shot down -> intercepted). A number
    that is the total of a part ("442 of 476 drones") takes its noun's metric only."""
    ok = _usable_hits(text, mention, hits)
    if mention.unit and mention.unit not in _CURRENCY_CODES and mention.unit != "percent":
        found = next((m for m in metrics if _compatible(m, mention)), None)
        return found, "verb" if found else "none"
    if _OF_NUMBER_AFTER.match(text[mention.end:]):
        # "61 of the 140 protesters detained on Tuesday had been released": what befell the part
        # is the main verb, not the participle that says what the whole are
        main = next((h for h in ok if h.start > mention.end and _PASSIVE_BEFORE.search(text, max(0, h.start - 20), h.start)), None)
        if main is not None and main.metric.unit in ("people", "troops"):
            return main.metric, "verb"
    if passed is not None:  # "Two of the injured died" (`_passed_into`): what befell them, not what they were
        return passed.metric, "verb"
    counted = _NUMBER_OF.search(text, max(0, mention.start - 90), mention.start)
    if counted:  # "put the number of homes lost at 61": the noun counted, not what befell it
        inside = [h for h in ok if counted.start("what") <= h.start and h.end <= counted.end("what")]
        if inside and noun is None:
            return inside[0].metric, "verb"
        # "... that data had been taken, and that the number of patients whose appointments were
        # cancelled had risen to 2,300": the number counts what "the number of" names, nothing before it
        ok = [h for h in ok if h.start >= counted.start("what")]
        # ("the number of cancelled operations reached 4,100 across both hospitals": operations)
        noun = noun or _number_of_noun(text, mention)
    if noun is not None and noun.head in _MEASURES:
        # "stolen 400 gigabytes of data", "destroyed 4,000 hectares of forest": a quantity takes
        # only a metric of its measure, never what befalls people, buildings or weapons
        ok = [h for h in ok if _measures(h.metric, noun.head)]
    ordered = _ORDERED.search(text, max(0, mention.start - 30), mention.start)
    if ordered:  # "ordered 4,000 residents of X and Y to leave their homes": what they were told to do
        told = next((h for h in ok if h.start > mention.end and h.metric.unit == "people"
                     and _TO_DO.search(text, mention.end, h.start)), None)
        if told:
            return told.metric, "verb"
    # the noun's head word names it: "37 of the destroyed homes" counts homes (buildings),
    # whatever "destroyed" may say of drones; "15,800 containers of munitions", containers
    heads = [h for h in ok if noun and noun.start <= h.start < noun.end]
    head = next((h for h in heads if noun and text[h.start:h.end].split()[-1].lower() == noun.head.lower()),
                heads[0] if heads else None)
    if head is not None and noun is not None and head.metric.unit in ("people", "troops") and noun.head.lower() in _THINGS:
        # "3,900 are in 22 public shelters": people are in shelters, the 22 are no people
        ok = [h for h in ok if h is not head]
        head = None
    if head is None and noun is not None and noun.head.lower() in _PERSONS:
        # "2,500 people remain out of their homes": people are no buildings, weapons or places
        ok = [h for h in ok if h.metric.unit in ("people", "troops")]
    if head is None and noun is not None:
        # "forcing its two hospitals to cancel 1,140 operations": a number with a noun of its own
        # counts that noun; a counted noun of a metric nearby ("hospitals", "drones") is another
        # number's (what befell them, "damaged", "shot down", still may be this one's), unless
        # the number is its measure ("the records of 1.2 million patients")
        ok = [h for h in ok if h.metric.unit in ("people", "troops") or not _is_plural(text[h.start:h.end].split()[-1])
              or _OF_THE_NUMBER.fullmatch(text, h.end, mention.start + 1)]
    if head is None and noun is not None and _may_be_people(noun.head):
        # "Rescue teams had made contact with a group of 19 miners": who acts, named before the
        # verb, is not whom the number counts (unless it says they were: "among the casualties were")
        ok = [h for h in ok if not (h.end <= mention.start and h.metric.unit in ("people", "troops")
                                    and _is_plural(text[h.start:h.end].split()[-1])
                                    and _ACTED_ON.search(text, h.end, mention.start))]
    if head is None and noun is not None and not _may_be_people(noun.head):
        # "Firefighters are battling 27 wildfires": who acts is no count of wildfires
        ok = [h for h in ok if not (h.metric.unit in ("people", "troops") and _is_plural(text[h.start:h.end].split()[-1]))]
        if _WHERE_BEFORE.search(text, max(0, mention.start - 12), mention.start):
            # "the displaced are sheltering in four camps": where it befell people, not whom
            ok = [h for h in ok if h.metric.unit not in ("people", "troops")]
    relative = _RELATIVE_ASIDE.match(text, noun.end if noun is not None and noun.start >= mention.end else mention.end)
    if relative and any(h.start >= relative.end() and _in_window(h, mention, window) for h in ok):
        # "40 people who took part in the march were arrested": what the main verb says befell them
        ok = [h for h in ok if not mention.end <= h.start < relative.end()]
    near = sorted(
        ((_distance(text, h, mention, noun), h) for h in ok if h is not head and _in_window(h, mention, window)),
        key=lambda pair: pair[0],
    )
    if head and head.metric.unit == "buildings" and _WHERE_BEFORE.search(text, max(0, mention.start - 12), mention.start) \
            and not _BUILDING_STATE.search(text, *_clause(text, mention)) \
            and not _CUT_TO.search(text, max(0, mention.start - 60), mention.start):
        return None, "none"  # "taken to three hospitals", "moved to 12 schools": where, not what was damaged
    if head:
        if _OF_TOTAL.match(text[max(0, mention.start - 12): mention.start]) and re.search(r"\d\s+(?:out\s+)?of\s+$", text[max(0, mention.start - 20): mention.start]):
            return head.metric, "head"
        if text[head.start:head.end].split()[-1].lower() in _THE_DEAD:
            return head.metric, "head"  # "pulled 14 bodies from the rubble": the dead, whatever was done
        # (not who acted, named before it: "Firefighters recovered 12 bodies" counts the dead)
        # (the head's own word signalling another metric too is no other event: "refugees" of
        # the curation's metric and of the default `displaced` is the curation's, listed first)
        events = [h for _, h in near if h.metric.unit == "people" and h.metric.id != head.metric.id
                  and (h.start, h.end) != (head.start, head.end)
                  and not (h.end <= mention.start and _is_plural(text[h.start:h.end].split()[-1])
                           and not _PUT_AT.fullmatch(text, h.end, mention.start))]
        if events and head.metric.unit in ("people", "troops"):
            return (_object_of(text, mention, events) or events[0]).metric, "verb"
        acts = [h for _, h in near if h.metric.unit == head.metric.unit and h.metric.id != head.metric.id
                and (h.start, h.end) != (head.start, head.end) and h.metric.unit not in ("people", "troops")]
        if acts:
            return acts[0].metric, "verb"  # "shot down 442 drones", "10 missiles were destroyed"
        if head.metric.unit == "buildings" and not _building_state_near(text, mention):
            return None, "none"  # "opened four schools as shelters": buildings, nothing befell them
        return head.metric, "head"
    near = _conditions_first(text, near)
    verb = _object_of(text, mention, [h for _, h in near])
    if verb is not None:
        return verb.metric, "verb"  # "freed 76 students abducted from the school": they were freed
    if near and near[0][0] == 0 and near[0][1].start >= mention.end:
        return near[0][1].metric, "verb"  # "13 injured"
    clause_start = _clause(text, mention)[0]
    if noun is None and _UPDATE_LINK.search(text[clause_start: mention.start]):
        before = [h for h in ok if clause_start <= h.start and h.end <= mention.start and not _taken(text, h, others)]
        # what rose is named by a noun ("the death toll"), not by an earlier verb of the
        # sentence: "Families gathered outside the prison as the death toll rose to 17"
        before = [h for h in before if not _past_verb(text, h)] or before
        if before:
            return before[0].metric, "verb"  # "The death toll from the missile attack has risen to 31"
    if near:
        return near[0][1].metric, "verb"
    if noun is None and _LINKING.search(text[window[0]: mention.start]):
        before = [h for h in ok if h.end <= mention.start and not _taken(text, h, others)]
        if before:
            return before[-1].metric, "verb"  # "The death toll ... has risen to 5,000"
    if mention.unit in _CURRENCY_CODES or mention.unit == "percent":
        found = next((m for m in metrics if _compatible(m, mention)), None)  # "12% contained"
        return found, "verb" if found else "none"
    return None, "none"


# "treated for vision loss", "hospitalised with burns", "suffering from smoke inhalation": the
# condition named after the care or the suffering is what the patients counted have
_FOR_CONDITION = re.compile(r"\s+(?:for|with|from)\s+(?:(?:severe|serious|suspected|acute|partial|permanent)\s+)?$",
                            re.IGNORECASE)


def _conditions_first(text: str, near: list[tuple[int, _Hit]]) -> list[tuple[int, _Hit]]:
    """`near` with each condition moved before the care it is the object of."""
    for index, (_, care) in enumerate(near):
        condition = next((pair for pair in near if pair[1].start > care.end and pair[1].metric.id != care.metric.id
                          and _FOR_CONDITION.fullmatch(text, care.end, pair[1].start)), None)
        if condition is not None:
            rest = [pair for pair in near if pair is not condition]
            return [*rest[:index], condition, *rest[index:]]
    return near


def _object_of(text: str, mention: NumberMention, hits: list[_Hit]) -> _Hit | None:
    """The verb in the past tense right before the number that governs it ("troops freed 76
    students", "the blast injured 40"): what befell those counted, whatever participle then
    says what they had been ("76 students abducted from the school" were freed)."""
    return next((h for h in hits if h.end <= mention.start and text[h.start:h.end].lower().endswith("ed")
                 and " " not in text[h.start:h.end] and not text[h.end:mention.start].strip()), None)


def _past_verb(text: str, hit: _Hit) -> bool:
    """Whether a metric's word is a verb in the past tense ("gathered", "killed"), not a
    noun ("the death toll") nor a participle standing for one ("the injured", "those killed")."""
    word = text[hit.start:hit.end]
    return " " not in word and word.lower().endswith("ed") and not _NOUN_BEFORE.search(text, max(0, hit.start - 8), hit.start)


_NOUN_BEFORE = re.compile(r"\b(?:the|those|of)\s+$", re.IGNORECASE)


_OF_THE_NUMBER = re.compile(r"\s+of\s+(?:the\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)*\S")
_THE_DEAD = frozenset({"bodies", "corpses", "dead", "remains", "fatalities"})
_NUMBER_OF = re.compile(r"\b(?:number|count|tally|total)\s+of\s+(?P<what>[^.,;:\d]{1,50}?)\s+(?:(?:was\s+|is\s+|has\s+|had\s+)?"
                        r"(?:at|to|stood\s+at|stands\s+at|reached|risen\s+to|rose\s+to|climbed\s+to)|is|was)\s+"
                        r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?$", re.IGNORECASE)
_WHERE_BEFORE = re.compile(r"\b(?:to|at|in|into|inside|across|among|between|from)\s+$", re.IGNORECASE)
_ORDERED = re.compile(r"\b(?:ordered|forced|forcing|forces|told|urged|asked|advised|instructed)\s+(?:about\s+|some\s+|around\s+|"
                      r"more\s+than\s+|nearly\s+|almost\s+|over\s+)?$", re.IGNORECASE)
_TO_DO = re.compile(r"\bto\s+(?:[a-z]+\s+){0,1}$|\bto\s+$")
_PERSONS = frozenset({"people", "persons", "individuals", "residents", "inhabitants", "men", "women"})
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents", "ees", "men", "women", "ren", "ims", "ies", "ops",
                   "iers", "ives", "ics", "els", "les", "ews", "aff", "ice")


def _may_be_people(head: str) -> bool:
    """Whether a plural noun may name people ("workers", "civilians", "victims", "families",
    "troops", "crews"): by its ending, erring towards yes; "wildfires", "hectares", "homes",
    "villages" do not."""
    lower = head.lower()
    if lower in _THINGS:
        return False
    return lower in _PERSONS or lower.endswith(_PEOPLE_ENDINGS) or not _is_plural(lower)


# places and things whose plural ends like a word for people ("shelters", "helicopters",
# "vehicles", "facilities"): "3,900 are in 22 public shelters" counts no people in the 22
_THINGS = frozenset("""shelters centres centers headquarters quarters borders containers helicopters trailers
    towers waters computers servers meters metres litres liters numbers letters vehicles facilities cities
    countries properties supplies batteries factories refineries libraries territories tents""".split())

_UPDATE_LINK = re.compile(r"\b(?:rose|risen|increased|climbed|grew|grown|jumped|reached|stands|stood|is|was|now)\s+(?:to\s+|at\s+)?$",
                          re.IGNORECASE)


# "Emergency services said 126 people were evacuated": the words name who speaks, not what is counted
_SPEAKER_AFTER = re.compile(rf"\s+(?:have\s+|has\s+|also\s+)?(?:{speech.alternation(speech.SAYING)})\b", re.IGNORECASE)


def _taken(text: str, hit: _Hit, others: list[NumberMention]) -> bool:
    """A metric word right next to another number belongs to that number."""
    return any(_words_between(text[min(hit.end, m.end):max(hit.start, m.start)]) <= 1 for m in others)


def _in_window(hit: _Hit, mention: NumberMention, window: tuple[int, int]) -> bool:
    return (window[0] <= hit.start and hit.end <= mention.start) or (mention.end <= hit.start < window[1])


def _distance(text: str, hit: _Hit, mention: NumberMention, noun: _Noun | None = None) -> float:
    """Words between the number (with its counted noun) and a metric word; words before the
    number count a little more."""
    if hit.start >= mention.end:
        end = noun.end if noun and noun.end <= hit.start else mention.end
        return _words_between(text[end:hit.start])
    return _words_between(text[hit.end:mention.start]) + 0.5


_PARTITIVE = re.compile(
    r"^\s+of\s+(?:the|its|their|his|her|our|these|those|all|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s)\s+"
    r"(?:(?:company|country|city|state|group|firm|region|nation|union|party)['’]s\s+)?"
    r"(?:(?:about|some|roughly|around|estimated)\s+)?(?P<number>(?:[\d.,]+|(?i:" + number_words(3) + r")\b)"
    r"(?:\s+(?:million|billion|thousand))?\s+)?")


# a word, a number or a mark between words ("300 sheep and 40 cattle": the 300 counts no cattle)
_NOUN_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d[\d.,]*|[^\w\s]")


def _partitive_noun(text: str, mention: NumberMention) -> _Noun | None:
    """"12,000 of the company's workers", "2.3 million of the 6.6 million eligible voters": the
    number counts part of the plural noun after "of the"."""
    match = _PARTITIVE.match(text[mention.end:])
    if not match:
        return None
    base = mention.end + match.end()
    tokens = list(_NOUN_TOKEN.finditer(text[base:]))
    for i, token in enumerate(tokens[:4]):
        word = token.group(0)
        if not word[0].isalpha() or word.lower() in _STOP:
            return None
        if _is_plural(word):
            while i + 1 < len(tokens) and _is_plural(tokens[i + 1].group(0)) and tokens[i + 1].group(0).islower():
                i, token = i + 1, tokens[i + 1]
            return _noun_phrase(text, base, tokens[0].start(), token)
    return None


def _counted_noun(text: str, mention: NumberMention) -> _Noun | None:
    """The noun phrase right after a number ("North Korean troops", "containers of munitions"),
    or after "of the" in a partitive ("12,000 of the company's workers")."""
    if mention.unit in _CURRENCY_CODES or mention.unit == "percent":
        return None
    partitive = _partitive_noun(text, mention)
    if partitive:
        return partitive
    end = mention.end
    if text[end:end + 1] in ('"', "”", "’") and text[mention.start - 1: mention.start] in ('"', "“", "‘"):
        end += 1  # killed “more than 40” soldiers: the number alone was quoted
    skip = _SKIP_BEFORE_NOUN.match(text[end:])
    if skip and (not skip.group("of") or _VAGUE_WORDS.match(mention.text)):
        end += skip.end()
    quoted = _QUOTED_NAME.match(text[end:])
    if quoted:
        end += quoted.end()  # 8 “Iskander-K” cruise missiles
    noun = _noun_after(text, mention, end)
    if noun and skip and not skip.group("of") and not quoted:
        start = mention.end + len(skip.group(0)) - len(skip.group(0).lstrip())
        noun = _Noun(start, noun.end, noun.head, text[start:noun.end])  # "additional soldiers"
    return noun


_COPULA_NOUN = re.compile(r"\s+(?:were|are|was|is)\s+(?:all\s+)?(?P<noun>[a-z]+)\b")
_CHILD_AGE = re.compile(r"(?:aged\s+)?(?:under|below|younger\s+than)\s+(?:the\s+age\s+of\s+)?(?P<age>\d{1,2})\b", re.IGNORECASE)


def _copula_noun(text: str, mention: NumberMention) -> _Noun | None:
    """"At least 40 people died, of whom 12 were children", "Of the 22 dead, seven were
    children": the people a part counts, named after "were" (only after a part's cue: "of
    whom", "among them", "including", or the whole fronted)."""
    found = _COPULA_NOUN.match(text, mention.end)
    if not found or not (_PART_BEFORE.search(text, max(0, mention.start - 40), mention.start)
                         or _FRONTED_WHOLE.search(text[max(0, mention.start - _LOOK_BACK): mention.start])):
        return None
    return _people_after_copula(text, found)


def _partitive_copula(text: str, mention: NumberMention) -> _Noun | None:
    """"At least 12 of the survivors were children": the people a part of a plural noun counts,
    named after "were" (the part is of the survivors; what it counts is children; not "were
    people", which says nothing more)."""
    partitive = _partitive_noun(text, mention)
    found = _COPULA_NOUN.match(text, partitive.end) if partitive else None
    if partitive is None and (whole := _number_whole(text, mention)) is not None:
        found = _COPULA_NOUN.match(text, whole)  # "Four of the eight were children"
    return _people_after_copula(text, found) if found and found.group("noun").lower() not in _PERSONS else None


def _number_whole(text: str, mention: NumberMention) -> int | None:
    """Where "N of the M" ends when the whole is a number and no noun follows it ("Four of the
    eight were children": the eight counted before, named again by its number), else None."""
    match = _PARTITIVE.match(text[mention.end:])
    if not match or not match.group("number"):
        return None
    end = mention.end + len(match.group(0).rstrip())
    return end if _COPULA_NOUN.match(text, end) else None


def _people_after_copula(text: str, found: re.Match[str]) -> _Noun | None:
    """The people named after "were" (`_COPULA_NOUN`): children by their age ("seven were
    under 18"), else a plural noun that may name people."""
    age = _CHILD_AGE.match(text, found.start("noun"))
    if age and int(age.group("age")) <= 18:
        return _Noun(age.start(), age.end(), "children", "children")
    word = found.group("noun")
    if not _is_plural(word) or not _may_be_people(word):
        return None
    return _Noun(found.start("noun"), found.end("noun"), word, word)


def _number_of_noun(text: str, mention: NumberMention) -> _Noun | None:
    """"put the number of people on board at 187": the plural noun the number counts, named
    before it (`_NUMBER_OF`)."""
    found = _NUMBER_OF.search(text, max(0, mention.start - 90), mention.start)
    if not found:
        return None
    base = found.start("what")
    tokens = list(_NOUN_TOKEN.finditer(text[base:found.end("what")]))
    for token in tokens[:4]:
        word = token.group(0)
        if not word[0].isalpha() or word.lower() in _STOP:
            return None
        if _is_plural(word):
            return _noun_phrase(text, base, tokens[0].start(), token)
    return None


_SKIP_BEFORE_NOUN = re.compile(r"^\s+(?:(?P<of>of)|more|additional|further|extra|new)(?=\s)", re.IGNORECASE)
_VAGUE_WORDS = re.compile(r"(?:.*\s)?(?:dozens|hundreds|thousands)$", re.IGNORECASE)


def _noun_after(text: str, mention: NumberMention, base: int) -> _Noun | None:
    tokens = list(_NOUN_TOKEN.finditer(text[base: base + 160]))
    for i, token in enumerate(tokens[:5]):
        word = token.group(0)
        if i and tokens[i - 1].end() == token.start() and not word.isalpha():
            return None
        if not word[0].isalpha() or (word.lower() in _STOP and not (word.lower() == "and" and i)):
            return None
        if text[base: base + token.start()].strip(" \u00a0") and i == 0:
            return None
        if word.lower() == "and" and i and not _is_plural(tokens[i - 1].group(0)):
            continue  # "search and rescue personnel"
        if _is_plural(word) or (mention.value == 1 and not mention.unit) or mention.unit:
            while i + 1 < len(tokens) and _is_plural(tokens[i + 1].group(0)) and tokens[i + 1].group(0).islower():
                i, token = i + 1, tokens[i + 1]  # "police officers"
            return _noun_phrase(text, base, tokens[0].start(), token)
    return None


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _PLURAL_IRREGULAR or lower.endswith(("men", "women")) and len(lower) > 5:
        return True  # "servicemen", "firemen", "policewomen"
    return lower.endswith("s") and not lower.endswith("ss") and lower not in _NOT_NOUNS and len(lower) > 2


_NOUN_TAIL = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|[a-z]+)")
_FROM = re.compile(r"\s+from\s")
_CAPITAL = re.compile(r"[A-Z]")


def _noun_phrase(text: str, base: int, first: int, head: re.Match[str]) -> _Noun:
    start, end = base + first, base + head.end()
    tail = _NOUN_TAIL.match(text[end:])
    if tail and (head.group(0).lower() in _MEASURE_HEADS or _FROM.match(tail.group(0)) and _CAPITAL.search(tail.group(0))):
        end += tail.end()
    return _Noun(start, end, head.group(0).lower(), text[start:end])


# "one" standing for a noun said before: "the only one", "a more credible one", "one I would trust"
_ONE_STANDS_AFTER = re.compile(r"\b(?:the|a|an|this|that|no|every|any|which)\s+(?:(?:more|less|most|very)\s+)?"
                               r"(?:only|same|other|first|last|latest|new|old|right|wrong|real|main|\w+(?:est|ble|al|ous|ive|er))\s+$",
                               re.IGNORECASE)
_ONE_STANDS_BEFORE = re.compile(r"\s+(?:I|we|you|they|he|she|another)\b|\s+than\b")
_ONE_OF = re.compile(r"^\s+of\s+(?:the|them|those|these|its|their|his|her|our|[A-Z][\w'’-]*['’]s)\b", re.IGNORECASE)
_OLDER_THAN = re.compile(r"\b(?:victims|people|dead|residents|survivors|patients|passengers|they|all|both|most|many|"
                         r"some|who|whom)\s+(?:were|are|was|is)\s+$", re.IGNORECASE)
_AGE_THAN = re.compile(r"\b(?:older|younger)\s+than\s+$", re.IGNORECASE)
_AGE_OVER = re.compile(r"\b(?:of\s+(?:them|whom|those)|the\s+dead|victims)\s+$", re.IGNORECASE)  # "... over 75"
_AGE_BEFORE = re.compile(r"\b(?:aged|ages|age)(?:\s+(?:between|to|of|from|at))?\s+$", re.IGNORECASE)  # "retirement age to 64"


_CONVERTED_BEFORE = re.compile(r"^\s*(?:[A-Za-z][\w-]*\s*){0,2}\(\s*(?:about|some|around|roughly|nearly|almost|"
                               r"approximately|more\s+than|over)?\s*$", re.IGNORECASE)
_CONVERTED_AFTER = re.compile(r"^\s*(?:[A-Za-z][\w-]*\s*){0,2}\)")


def _conversion(text: str, mentions: list[NumberMention], index: int) -> bool:
    """A number in brackets right after another, in other units: the same amount converted
    ("12,000 acres (4,856 hectares)", "10 miles (16 km)"), not a figure of its own (a sum in
    another currency is kept)."""
    if index == 0:
        return False
    mention, before = mentions[index], mentions[index - 1]
    if mention.unit in _CURRENCY_CODES or before.unit in _CURRENCY_CODES:
        return False  # a sum in another currency is kept: the tables compare sums by currency
    return bool(_CONVERTED_BEFORE.match(text[before.end: mention.start]) and _CONVERTED_AFTER.match(text[mention.end: mention.end + 40]))


_UNIT_AFTER = re.compile(r"\s*([A-Za-z][\w/]*)")


_PLACE_SIZE = re.compile(r"(?:\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?:town|city|village|community|settlement|municipality|"
                         r"island|country|nation|population|hamlet|suburb|district|region|province)\s+of|\bhome\s+to)\s+"
                         r"(?:(?:about|some|around|roughly|nearly|almost|over|under|barely|just|more\s+than|fewer\s+than|"
                         r"less\s+than)\s+)*$", re.IGNORECASE)


# a share of a count, which the verb is about, not the count: "half of the 300 residents",
# "most of the 40 workers", "a third of its 1,200 beds" (not "all of the 300": all of them)
_SHARE_OF = re.compile(r"\b(?:half|(?:a|one|two)[\s-]thirds?|(?:a|one|three)[\s-]quarters?|most|many|some|several|"
                       r"(?:a\s+)?few|none|a\s+fraction|the\s+(?:majority|bulk|rest)|a\s+(?:majority|minority)|"
                       r"\d+(?:\.\d+)?\s*(?:%|per\s*cent))\s+of\s+(?:the|its|their|his|her|our|those|these)\s+$",
                       re.IGNORECASE)
# what a count says was wrong with another one: "three victims had been counted twice", "two
# bodies were wrongly included", "four were double-counted"
_MISCOUNTED = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:had\s+been|have\s+been|has\s+been|were|was|are|is)\s+(?:"
    r"(?:wrongly|mistakenly|erroneously|accidentally|inadvertently)\s+(?:counted|listed|included|recorded|registered|reported)"
    r"|(?:counted|listed|recorded|registered|reported|included)\s+(?:twice|two\s+times|more\s+than\s+once|in\s+error|by\s+mistake)"
    r"|double[- ]?counted|duplicates?\b)"
    # "one inmate reported dead is alive", "two of those listed as dead were found alive"
    rf"|(?:\s+[\w-]+){{0,4}}?\s+(?:{speech.alternation(speech.RECORDING)}|listed|thought|feared|presumed)\s+(?:as\s+)?"
    r"(?:dead|killed)\s+(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:in\s+fact\s+|actually\s+|still\s+|found\s+)*alive\b",
    re.IGNORECASE)


def _keep(text: str, mention: NumberMention, noun: _Noun | None, metric: MetricSpec | None) -> bool:
    if mention.words and _DETERMINER.search(text[max(0, mention.start - 20): mention.start]):
        return False  # "the two countries": a reference, not a count
    if mention.value == 1 and mention.qualifier == "exact" and (
            _ONE_OF.match(text[mention.end:]) or mention.words and (
                _ONE_STANDS_AFTER.search(text[max(0, mention.start - 40): mention.start])
                or _ONE_STANDS_BEFORE.match(text, mention.end))):
        return False  # "one of the missiles hit", "the only one I would trust": not a count
    if _AGE_BEFORE.search(text[max(0, mention.start - 20): mention.start]):
        return False  # "aged 7 and 12"
    if noun is None and mention.qualifier != "exact" and _OLDER_THAN.search(text[max(0, mention.start - 40): mention.start]):
        return False  # "3 of the 5 victims were over 70": their age, not a count
    lead = text[max(0, mention.start - 40): mention.start]
    if _PLACE_SIZE.search(lead):
        return False  # "Millbrook, a town of 3,200", "home to 40,000 people": how many live there
    if _SHARE_OF.search(lead):
        return False  # "nearly half of the 300 residents have fled": the whole a share is of, not who fled
    if _MISCOUNTED.match(text, mention.end):
        return False  # "three victims had been counted twice", "one inmate reported dead is alive": an error in another count
    if noun is None and (_AGE_THAN.search(lead) or mention.text.lower().startswith(("over ", "under "))
                         and _AGE_OVER.search(lead)):
        return False  # "81% of the dead were older than 75", "most of them over 75"
    # a length or a time is no count, unless the curation counts in it ("40 km of coastline"
    # for a metric in km, or whose words name kilometres)
    if noun and noun.head in _DURATIONS and not (metric and (metric.unit in ("tonnes", "magnitude")
                                                             or _measures(metric, noun.head))):
        return False
    unit = _UNIT_AFTER.match(text, mention.end)
    if unit and unit.group(1).lower() in _DURATIONS and not (metric and (metric.unit in ("tonnes", "magnitude")
                                                                         or _measures(metric, unit.group(1)))):
        return False  # "winds of 130 km/h" after "Six of the dead": a measure, whatever noun came before
    if mention.unit == "percent" or (mention.unit and mention.unit not in _CURRENCY_CODES):
        return metric is not None
    return metric is not None or noun is not None


def _unit(mention: NumberMention, metric: MetricSpec | None, noun: _Noun | None) -> str:
    if mention.unit in _CURRENCY_CODES or mention.unit == "percent":
        return mention.unit  # type: ignore[return-value]
    if metric:
        return metric.unit
    return noun.head if noun else "count"


def _family(unit: str) -> str:
    return unit


_PEOPLE_WORDS = frozenset({"others", "more", "people"})


# What a percentage is of: the word after it ("5% contained", "40% of the vote"), else what
# rose, fell or stands at it ("shares fell 11%", "inflation rose to 5%", "containment at 8%").
_PERCENT_AFTER = re.compile(r"\s*(?:of\s+(?:the\s+|all\s+|its\s+|their\s+|those\s+)?)?(?P<w>[a-z][a-z-]{2,})")
_PERCENT_VERBS = (r"rose|risen|fell|fallen|grew|grown|dropped|jumped|climbed|declined|slipped|increased|decreased|"
                  r"gained|lost|hit|reached|stood|stands|was|is|were|are|at|of|won|got|took|received|polled|scored|"
                  r"secured|garnered|had|has")
_PERCENT_BEFORE = re.compile(
    r"(?P<w>[A-Za-z][a-z-]{2,})\s+(?:(?:has|had|have|was|were|is|are)\s+)?(?:" + _PERCENT_VERBS + r")\s+"
    r"(?:by\s+|to\s+|at\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|around\s+|roughly\s+|more\s+than\s+|over\s+)?$")
# Whose share: "the Unity Party won 54.2%", "the Civic Alliance got 31.5%", "the Unity Party's
# real share ... was below 45%"
_PERCENT_WHOSE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)\s+(?:won|got|took|received|polled|scored|secured|garnered|"
    r"gained|lost)\s+(?:about\s+|nearly\s+|almost\s+|some\s+|around\s+|roughly\s+|more\s+than\s+|over\s+)?$"
    r"|(?P<owner>(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)['’]s\s+(?:[a-z]+\s+){0,2}(?:share|vote|result|support|score)\b[^.;]{0,40}$")
_NOT_PERCENT_OF = frozenset("""the this that these those last next year years month months week weeks day days
    since from over under and but in on by to for with than more less higher lower above below compared
    according against after before during while when said says this its their his her our a an per
    rise fall increase decrease drop jump growth nationwide nationally overall total alone now still only
    just already also currently reportedly it they which who down up""".split())


def _percent_of(text: str, mention: NumberMention) -> str | None:
    after = _PERCENT_AFTER.match(text[mention.end: mention.end + 40])
    if after and after.group("w") not in _NOT_PERCENT_OF:
        return after.group("w")
    start = max(0, mention.start - 60)
    before = _PERCENT_BEFORE.search(text[start: mention.start])
    if before and before.group("w").lower() not in _NOT_PERCENT_OF and before.group("w").lower() not in speech.WORDS \
            and (not before.group("w")[:1].isupper() or not text[:start + before.start()].strip()):
        return before.group("w").lower()  # ("Alliance got 31.5%": whose share, not what it is of)
    return None


def _percent_whose(text: str, mention: NumberMention) -> str | None:
    """Whose share a percentage is ("the Unity Party won 54.2%": the Unity Party)."""
    found = _PERCENT_WHOSE.search(text[max(0, mention.start - 120): mention.start])
    if not found:
        return None
    name = (found.group("who") or found.group("owner")).strip()
    name = re.sub(r"^(?:The|A|An)\s+", "", name)
    return None if name.split()[0] in _OPENERS or name in _CALENDAR else name


def _word_key(word: str) -> str:
    """A word and its kin as one readable key: "containment", "contained" -> "contained";
    "unemployment" -> "unemployed"; "shares" -> "share"."""
    word = word.lower()
    if word.endswith("ment") and len(word) > 7:
        return word[:-4] + "ed"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word


def _subject(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
             noun: _Noun | None, metric: MetricSpec | None, unit: str, previous: dict[str, str],
             curation: Curation, *, local: bool = True) -> str:
    """What is counted, in the article's words, with the context that sets it apart (not for
    an overall count: the place named before it is another count's)."""
    if unit == "percent" and (of := _percent_of(sentence.text, mention)):
        return of  # "5% contained": containment, whatever was counted before it
    if noun is None or noun.head in ("others",):
        purpose = (_money_verb(sentence.text, mention) or _money_purpose(sentence.text, mention)) \
            if unit in _CURRENCY_CODES else None
        if unit in previous and purpose is None:
            return previous[unit] if local else re.sub(r" \(.*\)$", "", previous[unit])
        if unit in _CURRENCY_CODES:
            context = _nearest_name(_words_before(paragraph, sentence, mention), curation)
            what = purpose or "money"
            return f"{what} ({context})" if context else what
        return unit
    phrase = noun.text
    if _CAPITAL.search(phrase):
        return phrase
    context = _context(article, paragraph, sentence, mention, noun, curation) if local else None
    return f"{phrase} ({context})" if context else phrase


def _context(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
             noun: _Noun, curation: Curation) -> str | None:
    """Whose or where: the same noun with a name earlier in the paragraph ("soldiers from the
    DPRK"), else the nearest place or organisation named before the number in the sentence."""
    earlier = paragraph.text[max(0, sentence.start + mention.start - 1000): sentence.start + mention.start]
    head = re.escape(noun.head)
    named = []
    if noun.head in earlier:  # both patterns need the noun as written
        named = list(re.finditer(rf"\b{head}\s+(?:from|of)\s+(?:the\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
                                 rf"|(?P<m>(?:[A-Z][\w'’-]*\s+){{1,3}}){head}\b", earlier))
    if named:
        last = named[-1]
        return (last.group("n") or last.group("m")).strip()
    found = _nearest_name(_words_before(paragraph, sentence, mention), curation)
    return re.sub(r"['’]s?$", "", found) if found else None  # "Arvel's provincial office": Arvel


def _words_before(paragraph: Paragraph, sentence: Sentence, mention: NumberMention) -> str:
    """The sentence's words before the number (at most _LOOK_BACK characters), without the
    dateline it may open with ("KESSIN — Forty-one people ...": Kessin is where the story was
    filed, not whose dead they are)."""
    text = sentence.text
    opening = dateline(text, paragraph.number) if sentence.start == 0 else None  # only a paragraph opens with one
    start = max(0, mention.start - _LOOK_BACK, opening.end if opening and opening.end <= mention.start else 0)
    return text[start: mention.start]


def _nearest_name(before: str, curation: Curation) -> str | None:
    for match in reversed(list(_CAPITALISED_RUN.finditer(before))):
        name = match.group(0)
        if name in _CALENDAR or name.split()[0] in _OPENERS or is_number_word(name.split()[0]) \
                or re.sub(r"['’]s$", "", name) in _CALENDAR or _DEGREES.search(before, 0, match.start()):
            continue  # ("44 degrees Celsius": a unit)
        resolved = lexicon_for(curation).claimant(name)
        if resolved and resolved[1] == "person" or _is_person_like(name, curation):
            continue
        opening = before[: match.start()].rstrip()
        if opening.endswith((".", "!", "?")):
            continue
        if not resolved and " " not in name and not opening.strip("\"“‘'(") and name.lower().endswith(_COMMON_ENDINGS):
            continue  # "Fighting resumed ...", "Donors have pledged ...": a common word opening the sentence
        if not resolved and " " not in name and not opening.strip("\"“‘'(") \
                and is_group_noun(before[match.end():].split(maxsplit=1)[0] if before[match.end():].strip() else ""):
            continue  # "Local officials said ...": a capitalised word opening the sentence
            # before a group's noun says what kind of officials, not whose money it is
        return name
    return None


_DEGREES = re.compile(r"\bdegrees?\s+$", re.IGNORECASE)
_COMMON_ENDINGS = ("ing", "ers", "ors", "ees")  # a gerund, or a plural of those who do something


def _is_person_like(name: str, curation: Curation) -> bool:
    return any(e.kind == "person" and any(a in name for a in (e.name, *e.aliases) if a[:1].isupper())
               for e in curation.entities)


def _figure(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
            metric: MetricSpec | None, unit: str, subject: str, claim: Claim, as_of: FuzzyDate | None,
            origin: str, *, taken: set[str], **details: object) -> Figure:
    """The figure of a number; `details`: its other fields (counted, place, side...).

    Its id is made of the article's id and the number's sentence and place in it, so it stays
    when paragraphs come or go before it (an override names it). A sentence the article
    repeats (a live blog's lead told again further down) gives figures of their own: the
    number a second time gets an id that adds where it is (`taken`: the article's ids so far,
    which it joins). Two figures of one id were one: the first was lost, the other shown twice."""
    start = sentence.start + mention.start
    end = sentence.start + mention.end
    figure_id = content_id(article.id, sentence.text, mention.start, mention.text)
    if figure_id in taken:
        figure_id = content_id(figure_id, paragraph.number, start)
    taken.add(figure_id)
    return Figure(
        id=figure_id,
        source=SourceRef(article.id, paragraph.number, start, end),
        value=mention.value,
        value_max=mention.value_max,
        qualifier=mention.qualifier,
        unit=unit,
        metric=metric.id if metric else "other",
        label=metric.label if metric else "Other",
        subject=subject,
        claimant=claim.name,
        claimant_kind=claim.kind,
        as_of=as_of,
        as_of_stated=origin in ("stated", "relative"),
        as_of_origin=origin,  # type: ignore[arg-type]
        sentence=sentence.text,
        text=mention.text,
        **details,  # type: ignore[arg-type]
    )


_COUNTED_CLASSES = {
    "people": "people persons individuals civilians residents inhabitants victims others adults passengers survivors "
              "patients dead bodies deaths fatalities casualties cases infections protesters demonstrators "
              "marchers participants attendees",
    "children": "children kids minors teenagers infants babies boys girls schoolchildren schoolboys schoolgirls",
    "pupils": "pupils students",
    "soldiers": "soldiers troops servicemen servicewomen fighters marines conscripts reservists paratroopers "
                "combatants militants insurgents rebels terrorists militiamen",
    "rescuers": "rescuers firefighters paramedics medics lifeguards responders",
    "drones": "drones uavs shaheds",
    "missiles": "missiles",
    "weapons": "weapons munitions projectiles means",
    "buildings": "buildings houses homes structures dwellings high-rises blocks",
}
_COUNTED = {word: name for name, words in _COUNTED_CLASSES.items() for word in words.split()}
_PERSON_CLASSES = frozenset({"pupils", "soldiers", "rescuers"})  # those a count that names nobody may go on counting
# Collective heads whose modifier says who they are: "rescue personnel", "military personnel"
# (not "teams", "crews", "units": eight rescue teams are no eight rescuers)
_COLLECTIVE = frozenset("personnel workers staff specialists members officers".split())
_RESCUE_MODIFIERS = re.compile(r"\b(?:rescue|emergency|fire|search|medical|ambulance|relief)\b", re.IGNORECASE)
_MILITARY_MODIFIERS = re.compile(r"\b(?:military|army|armed|naval|combat)\b", re.IGNORECASE)
_UNIT_COUNTED = {"people": "people", "troops": "soldiers", "buildings": "buildings"}


_PURPOSE = re.compile(r"\s+(?P<words>[a-z]+(?:\s+[a-z]+){0,3})")


# What happened to a sum: asked for, received or pledged ("received only $8 million of the $45
# million requested"); sums of one kind are compared with each other, never across kinds.
_MONEY_KINDS = {"requested": "requested sought needed asked appeal appeals appealed requesting seeking asking appealing",
                "received": "received raised collected disbursed",
                "pledged": "pledged promised committed donated pledging promising"}
_MONEY_KIND = {word: kind for kind, words in _MONEY_KINDS.items() for word in words.split()}
_MONEY_VERB_BEFORE = re.compile(
    r"\b(?P<v>" + "|".join(sorted(_MONEY_KIND, key=lambda word: (-len(word), word)))
    + r")\s+(?:(?:donors|governments|them|us|for|of|from|the\s+\w+)\s+){0,3}?"
    r"(?:(?:only|just|about|some|nearly|almost|around|over|under|more\s+than|less\s+than|a\s+further|another|"
    r"an\s+additional|a\s+total\s+of)\s+)*$", re.IGNORECASE)
_MONEY_VERB_AFTER = re.compile(
    r"\s+(?:(?:was|were|has\s+been|had\s+been|have\s+been|is|are|so\s+far)\s+)?(?:\w+ly\s+)?"
    r"(?P<v>requested|sought|needed|received|raised|collected|pledged|promised|committed|donated)\b", re.IGNORECASE)


def _money_verb(text: str, mention: NumberMention) -> str | None:
    """Whether a sum was asked for, received or pledged, from the verb that governs it."""
    found = _MONEY_VERB_AFTER.match(text, mention.end) or _MONEY_VERB_BEFORE.search(
        text, max(0, mention.start - 60), mention.start)
    return _MONEY_KIND[found.group("v").lower()] if found else None


def _money_purpose(text: str, mention: NumberMention) -> str | None:
    """What a sum is, in the words right after it: "a $5 million fund", "a €50 billion aid
    package", "$20 million in damage" (a fund and a damage estimate are not rival counts)."""
    found = _PURPOSE.match(text, mention.end)
    if not found:
        return None
    kept: list[str] = []
    words = found.group("words").split()
    if words and is_currency_word(words[0]):
        words = words[1:]  # "10 million euros in aid"
    if words[:1] == ["in"]:
        words = words[1:]
    for word, following in zip(words[:2], [*words[1:2], *words[2:3], ""]):
        if word in _STOP or word in STOPWORDS or word in _DURATIONS or word.endswith(("ed", "ing", "ly")) \
                or word in _NOT_NOUNS or following in _DURATIONS:
            break  # "$5 million was pledged", "$2 million a year", "$3 million raised", "... last year"
        kept.append(word)
    return " ".join(kept) or None


# a sum paid per someone or per some time: "$1,600 per child", "$2 million a year", "€500 each"
_RATE = re.compile(r"\s*\)?\s*(?:(?:per|a|an)\s+(?P<per>child|head|person|pupil|student|family|household|month|year|week|"
                   r"day|hour|worker|soldier|hostage|passenger|victim|barrel|tonne|ton)\b|(?P<each>each|apiece)\b)",
                   re.IGNORECASE)


def _counted(text: str, mention: NumberMention, noun: _Noun | None, metric: MetricSpec | None) -> str:
    """The counted noun, normalised: "rescue personnel" -> rescuers, "civilians" -> people,
    "apartment blocks" -> buildings, "UAVs" -> drones; else the noun's head as written. A sum
    of money: what it is ("fund", "aid package": `_money_purpose`), else nothing."""
    if mention.unit in _CURRENCY_CODES:
        rate = _RATE.match(text, mention.end)
        if rate:  # "2 million kora (roughly $1,600) per child": a price each, never a rival of the total
            return f"per {rate.group('per').lower()}" if rate.group("per") else "each"
        purpose = _money_purpose(text, mention)
        return purpose.split()[-1] if purpose else ""
    if mention.unit == "percent":
        of = _percent_of(text, mention)
        return _word_key(of) if of else "percent"  # (whose share it is, the side, still tells them apart)
    stated = _PART_COUNTED.match(text[mention.end:])  # "18 of them children"
    if noun is None and stated:
        return _COUNTED.get(stated.group("noun").lower(), stated.group("noun").lower())
    if noun is None:
        after = _UNIT_AFTER.match(text, mention.end)
        if metric and after and after.group(1).lower() in _UNIT_NAMES:
            return _unit_name(after.group(1))  # "40 km of coastline": a length, by the unit's one name
        return _UNIT_COUNTED.get(metric.unit, "") if metric else ""
    head = noun.head.lower()
    if head in _UNIT_NAMES:
        return _unit_name(head)  # "40 kilometres of shoreline", "200 tons": as "40 km", "200 tonnes"
    if head in _COLLECTIVE:
        if _RESCUE_MODIFIERS.search(noun.text):
            return "rescuers"
        if _MILITARY_MODIFIERS.search(noun.text):
            return "soldiers"
    if head in ("more", "others"):
        return _UNIT_COUNTED.get(metric.unit, "people") if metric else "people"
    counted = _COUNTED.get(head, head)
    other = _COORDINATED_NOUN.match(text, mention.end + len(noun.text) + 1) if counted in _ARMS else None
    if other and _COUNTED.get(other.group(1).lower()) in _ARMS and _COUNTED.get(other.group(1).lower()) != counted:
        return "weapons"  # "more than 200 missiles and drones": both kinds together
    return counted


# What befell buildings: "destroying 40 homes", "158 structures destroyed and 40 damaged",
# "homes lost": destroyed and damaged are counted apart.
_UTILITIES = r"(?:power|electricity|water|gas|heating|internet|phone|mobile|service|supplies|supply)"
_BUILDING_STATE = re.compile(r"\b(?:(?P<gone>destroy(?:ed|ing|s)?|razed|flattened|level(?:l)?ed|gutted|burn(?:ed|t)(?:\s+down)?|"
                             r"torched|buried|(?:swept|washed)\s+away|"
                             r"collapsed|lost(?!\s+(?:their\s+|its\s+)?" + _UTILITIES + r")|wiped\s+out)|"
                             r"(?P<hit>damag(?:ed|ing|es?)|flooded|inundated|submerged|shelled|cracked|unroofed|uninhabitable|"
                             r"(?:were|was|been|being)\s+(?:hit|struck)|affected))\b",
                             re.IGNORECASE)
# "60,000 homes lost power", "homes left without water": cut off, not destroyed or damaged
_OUTAGE = re.compile(r"\b(?:lost|losing|lose|without|cut\s+off\s+from|no)\s+(?:their\s+|its\s+)?(?P<what>" + _UTILITIES + r")\b",
                     re.IGNORECASE)
# "cut electricity to about 200,000 homes", "power was cut to 60,000 homes": the same, said before the number
_CUT_TO = re.compile(r"\b(?:cut(?:s|ting)?\s+(?:off\s+)?(?P<what>" + _UTILITIES + r")(?:\s+suppl(?:y|ies))?"
                     r"|(?P<what2>" + _UTILITIES + r")(?:\s+suppl(?:y|ies))?\s+(?:was|were|has\s+been|had\s+been|have\s+been)\s+"
                     r"cut(?:\s+off)?)\s+(?:to|for|in)\s+$", re.IGNORECASE)


_PHRASE_BREAK = re.compile(r"[,;:]")


_OWN_STATES = frozenset({"people", "troops", "buildings", "weapons", "places", "containers", "percent",
                         "currency", "magnitude", "tonnes"})
"""Units whose metrics say what befell what they count, or that count no living thing."""
_STATE_WORDS = {"killed": "dead", "children_killed": "dead", "injured": "injured", "children_injured": "injured",
                "rescued": "rescued", "missing": "missing"}
_AUXILIARY_AFTER = re.compile(r"\s+(?:(?:have|has|had|were|was|are|is)\s+)?(?:been\s+)?(?:found\s+)?")


def _befell(text: str, mention: NumberMention, noun: _Noun | None, hits: list[_Hit]) -> str | None:
    """What befell the living things a metric of the curation counts (birds, seals, cattle),
    in the number's own words: "2,150 dead birds", "11 seals were killed", "rescued 340 oiled
    birds" give "dead", "dead", "rescued"; None when they say nothing of it. (Dead and
    rescued animals are counted apart, as people killed and rescued are.)"""
    if noun is None:
        return None
    states = [h for h in hits if h.metric.id in _STATE_WORDS]
    inside = next((h for h in states if noun.start <= h.start and h.end < noun.end), None)
    after = _AUXILIARY_AFTER.match(text, noun.end)
    verb = next((h for h in states if h.start == after.end()), None) if after else None
    before = _object_of(text, mention, states)
    found = inside or verb or before
    return _STATE_WORDS[found.metric.id] if found else None


def _building_states(text: str, mention: NumberMention) -> tuple[re.Match[str] | None, list[tuple[int, re.Match[str]]]]:
    """What the words within reach of the number say befell buildings: power cut to them
    before it ("cut electricity to 200,000 homes"), and each state word near it, with its
    distance from the number."""
    start, end = max(0, mention.start - 60), min(len(text), mention.end + 60)
    near = [(m.start() - mention.end if m.start() >= mention.end else mention.start - m.end(), m)
            for m in (*_BUILDING_STATE.finditer(text, start, end), *_OUTAGE.finditer(text, mention.end, end))]
    return _CUT_TO.search(text, start, mention.start), near


def _building_state_near(text: str, mention: NumberMention) -> bool:
    """Whether what befell buildings is said near the number (`_with_state`'s reach): a count
    of buildings is one of those damaged, destroyed or cut off, never of buildings as such."""
    cut, near = _building_states(text, mention)
    return bool(cut or near)


def _with_state(text: str, mention: NumberMention, counted: str) -> str:
    """`counted` with what befell the buildings, by the state word nearest the number in its
    phrase: "buildings destroyed", "buildings damaged", "buildings without power"; as is when
    none is named."""
    cut, near = _building_states(text, mention)
    if cut:
        return f"{counted} without {(cut.group('what') or cut.group('what2')).lower()}"
    if not near:
        return counted
    # a state word of the number's own clause first: "240 homes were destroyed, and about 90
    # more damaged" (the 90 damaged), "destroying 40 homes, damaging 12" (the 40 destroyed)
    own = [(distance, m) for distance, m in near
           if not _PHRASE_BREAK.search(text[m.end():mention.start] if m.start() < mention.start else text[mention.end:m.start()])]
    state = min(own or near, key=lambda pair: pair[0])[1]
    if state.re is _OUTAGE:
        return f"{counted} without {state.group('what').lower()}"
    return f"{counted} {'destroyed' if state.group('gone') else 'damaged'}"


# "11 of them, in critical condition, were flown", "Eight remain in intensive care", "85 of them
# seriously": the gravest of the injured, a count apart from all of them
_GRAVE = re.compile(r"\b(?:critical(?:ly)?|serious(?:ly)?|intensive\s+care|life[- ]threatening|grave(?:ly)?)\b",
                    re.IGNORECASE)


def _own_words_say(pattern: re.Pattern[str], text: str, mention: NumberMention) -> bool:
    """Whether `pattern` is in the number's own words: up to the end of its phrase, past an
    aside ("11 of them, in critical condition, were flown")."""
    end = _OWN_END.search(text, _after_aside(text, mention))
    return pattern.search(text, mention.end, end.start() if end else len(text)) is not None


def _grave(text: str, mention: NumberMention) -> bool:
    """Whether the number's own words say its injured are in serious or critical condition."""
    return _own_words_say(_GRAVE, text, mention)


_PART_OF_BEFORE = re.compile(r"\b\d[\d,.]*\s+of\s+(?:the|these|those)\s+$", re.IGNORECASE)
_STILL = re.compile(r"\b(?:still|remain(?:s|ed|ing)?)\s+(?:being\s+treated|in\s+(?:a\s+|the\s+)?hospitals?|"
                    r"hospitali[sz]ed|under\s+treatment)\b", re.IGNORECASE)


_STILL_HELD = re.compile(r"\b(?:still|remain(?:s|ed|ing)?)\s+(?:in\s+(?:police\s+)?(?:custody|detention|jail|prison)|"
                         r"detained|behind\s+bars|under\s+arrest|(?:being\s+)?held)\b", re.IGNORECASE)


def _still_treated(text: str, mention: NumberMention) -> bool:
    """Whether the number's own words say its injured are still being treated ("11 people were
    still being treated", "19 are still in hospital"): those in hospital now, not all who were hurt.
    Not the whole of a part named before it: in "88 of the more than 250 people injured were still
    in hospital", the 88 are."""
    if _PART_OF_BEFORE.search(text, max(0, mention.start - 40), mention.start):
        return False
    return _own_words_say(_STILL, text, mention)


_ARMS = frozenset({"missiles", "drones", "weapons"})
_COORDINATED_NOUN = re.compile(r"\s*(?:and|or|&)\s+(?:attack\s+|combat\s+|strike\s+)?(\w+)")


_WHERE = r"\b(?:[Ii]n|[Ii]nside|[Ii]nto|[Aa]cross|[Nn]ear|[Oo]utside|[Aa]round)\s+(?:the\s+)?"  # "in X", "across the X"
_PLACE_PATTERNS = (
    re.compile(r"\b(?:city|town|village|region|province|district|oblast|county|capital|port|suburb|"
               r"edge|outskirts|centre|center|heart|suburbs|residents|inhabitants)\s+of\s+"
               r"(?P<p>" + _PLACE_NAME + r")"
               r"|(?P<p2>" + _PLACE_NAME + r")\s+(?:" + _AREA_NOUNS.replace("|state", "") + r")\b"),
    # "the attack on X"; "reached X, where 9 died": the clause after ", where" happens there
    re.compile(r"\b(?:attacks?|strikes?|shelling|bombing|raids?|assault)\s+on\s+(?P<p>" + _PLACE_NAME + r")"
               r"|(?P<p2>" + _PLACE_NAME + r"),\s+where\b"),
    re.compile(r"(?P<p>[A-Z][\w-]+)['’]s\s+(?:death\s+)?(?:toll|dead|injured|wounded|casualties|hospitals)"),
    re.compile(_WHERE + r"(?P<p>" + _PLACE_NAME + r")"),
    # "12 were flown to Port Halden": where the people were taken (ranked as "in X")
    # "... flown to the regional trauma centre in Belmor": the place of where they were taken
    re.compile(r"\b(?:flown|taken|transferred|airlifted|moved|rushed|brought)\s+to\s+(?:the\s+)?(?P<p>" + _PLACE_NAME + r")"
               r"|\b(?:flown|taken|transferred|airlifted|moved|rushed|brought)\s+to\s+(?:the\s+|a\s+|an\s+)?"
               r"(?:[a-z][\w-]*\s+){1,4}(?:in|at)\s+(?P<p2>" + _PLACE_NAME + r")"),
    # "bringing the Saxmark toll to eight": the toll's place, ranked as "in X" (its own clause only)
    re.compile(r"\bthe\s+(?P<p>[A-Z][\w-]+)\s+(?:death\s+)?toll\b"),
    # "in southern Norland", "across neighbouring Saxmark": a part or a neighbour, still that
    # place for a count there, ranked as "in X" (and no sign of the story's own place)
    re.compile(_WHERE + r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|"
               r"eastern|western|central|neighbouring|neighboring)\s+(?P<p>" + _PLACE_NAME + r")"),
)
_QUALIFIED = len(_PLACE_PATTERNS) - 1  # the rank of "in southern X"
_IN_RANK = next(rank for rank, pattern in enumerate(_PLACE_PATTERNS) if pattern.pattern.startswith(_WHERE))  # "in X"
# (its empty "p2" group: `_place_name` reads the name from "p" or "p2", as in `_PLACE_PATTERNS`)
_CAME_FROM = re.compile(r"\b(?:were|was|are|is|came|come|all|\d[\d,]*|" + number_words(3) + r")\s+from\s+(?:the\s+)?"
                        r"(?P<p>" + _PLACE_NAME + r")(?P<p2>)")
_ON_THE_SIDE = re.compile(r"\bon\s+the\s+(?P<p>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+side\b")
# Where people went, for a count of those who crossed, fled or entered: "crossed from Vesland
# into Ostria", "had entered Pelmark", "fled to Ostria" (ranked first: the count's own verb
# names it, before "after fighting reached the outskirts of Karov"); and a count sent to a
# place, "44,000 to Ostria and 17,000 to Pelmark" (that number's alone: `_BOUND`)
_MOVED_TO = re.compile(r"\b(?:entered|entering)\s+(?:the\s+)?(?P<p>" + _PLACE_NAME + r")"
                       r"|\b(?:crossed|crossing|fled|fleeing|escaped|arrived|arriving|headed|poured|streamed)"
                       r"(?:\s+(?:back|over|out|on\s+foot))?(?:\s+from\s+(?:the\s+)?" + _PLACE_NAME + r")?"
                       r"\s+(?:into|to|in)\s+(?:the\s+)?(?P<p2>" + _PLACE_NAME + r")")
_SENT_TO = re.compile(r"(?<![\w.,])\d[\d,.]*(?:\s+(?:million|thousand))?(?:\s+[a-z]+)?\s+(?:to|into)\s+"
                      r"(?P<p>" + _PLACE_NAME + r")(?P<p2>)")
_BOUND = -1  # the rank of a place bound to one number (`_SENT_TO`); a verb's destination ranks 0
# "crossed into the country", "had entered the country": the country whose body says so
# ("Ostria's interior ministry says ...", "Pelmark's border guard said ...")
_THE_COUNTRY = re.compile(r"\b(?:into|entered|entering|in|across)\s+the\s+country\b")
_WHOSE = re.compile(r"\b(?P<p>[A-Z][\w-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*\s+"
                    r"(?:" + speech.alternation(speech.SAYING) + r")\b")
_NOT_PLACES = frozenset(_CALENDAR | _OPENERS | {"Telegram", "Facebook", "Twitter", "Instagram", "YouTube"})


# Figures a place named elsewhere in the article may be lent to (a count of places, "water was
# rationed in 40 villages", is across places, never one town's; "five districts of the capital"
# names its own)
_LENT_UNITS = frozenset({"people", "buildings"})


def _places_named(text: str, curation: Curation) -> list[tuple[str, int]]:
    """The places a paragraph names as where things happen, each with its weight: 2 for "the
    city of X", "the attack on X", "X's toll" or a fronted "In X,"; 1 for a plain "in X" in a
    sentence that counts something ("Floods killed 4 people in Lindau"; not "made in X", and
    not in a sentence without a number: "talks in X" say little)."""
    found: list[tuple[str, int]] = []
    for sentence in split_sentences(text):
        opening = _PLACE_OPENING.match(sentence.text)
        place = _opening_place(opening, curation) if opening else None
        found += [(place, 2)] if place else []
        for pattern in _PLACE_PATTERNS[:3]:
            found += [(name, 2) for match in pattern.finditer(sentence.text)
                      if not _taken_there(sentence.text, match.start()) and (name := _place_name(match, curation))]
        if _COUNTS.search(sentence.text) and not _MADE_IN.search(sentence.text):
            found += [(name, 1) for match in _PLACE_PATTERNS[3].finditer(sentence.text)
                      if not _taken_there(sentence.text, match.start()) and (name := _place_name(match, curation))]
    return found


# "moved to Almarra General Hospital in the city of Almarra", "flown on Friday to a burns unit
# in Belmor", "divert ambulances to neighbouring Dunmere": where people were taken, not where
# the story happens
_TAKEN_TO = re.compile(r"\b(?:flown|taken|transferred|airlifted|moved|rushed|brought|sent|divert(?:ed)?|"
                       r"redirect(?:ed)?|re-?rout(?:e|ed))\s+(?:[\w-]+\s+){0,4}?to\s+"
                       r"(?:[\w'’-]+\s+){0,6}$", re.IGNORECASE)


def _taken_there(text: str, start: int) -> bool:
    """Whether the place named at `start` is where people were taken to (`_TAKEN_TO`)."""
    return _TAKEN_TO.search(text, max(0, start - 90), start) is not None


_COUNTS = re.compile(r"\d|\b(?:" + number_words(4) + r")\b", re.IGNORECASE)
_MADE_IN = re.compile(r"\b(?:made|produced|manufactured|based|born|built)\s+in\b")


_OWNER = re.compile(r"^[\w-]+['’]s\s+")


def _place_name(match: re.Match[str], curation: Curation) -> str | None:
    name = _OWNER.sub("", match.group("p") or match.group("p2"))  # "Spain's Valencia"
    first = re.sub(r"['’]s$", "", name.split()[0])  # "in Tuesday's earthquake": a day, not a place
    if first in _NOT_PLACES or name in _CALENDAR or first in _CALENDAR or _DEMONYM.search(first):
        return None
    kind = _entity_kind(name, curation)
    if kind and kind != "place":
        return None
    group = "p" if match.group("p") else "p2"
    area = _AREA_AFTER.match(match.string, match.end(group)) or _WORD_AFTER_NAME.match(match.string, match.end(group))
    named = _curated_place(f"{name} {area.group(1)}", curation) if area else None
    # "in Dorra province", "Dorra province", where the curation names "Dorra province"; "in
    # Kessan's collapsed hospital": in Kessan
    return named or re.sub(r"['’]s$", "", name)


_AREA_AFTER = re.compile(r"\s+(" + _AREA_NOUNS + r")\b", re.IGNORECASE)
_WORD_AFTER_NAME = re.compile(r"\s+([a-z][\w-]*)")  # "the Mirek valley", where the curation names it so


# a capitalised word right before a name: the name goes on to the left ("Harlow Elementary School")
_NAME_GOES_BACK = re.compile(r"\b([A-Z][\w'’-]*)\s+$")


def _place_candidates(text: str, curation: Curation) -> tuple[tuple[int, int, int, str], ...]:
    """(rank, start, match start, name) of every place named in the sentence."""
    return _place_finder(curation.entities)(text)


@by_identity
def _place_finder(entities: tuple[EntitySpec, ...]) -> Callable[[str], tuple[tuple[int, int, int, str], ...]]:
    """The place candidates of a sentence for these entities, found once per sentence (a
    sentence with many numbers asks for each)."""
    curation = Curation(title="", entities=entities)

    @functools.lru_cache(maxsize=256)
    def candidates(text: str) -> tuple[tuple[int, int, int, str], ...]:
        found = []
        for rank, pattern in enumerate(_PLACE_PATTERNS):
            for match in pattern.finditer(text):
                if not match.group("p") and _NAME_GOES_BACK.search(text, 0, match.start()) \
                        and _NAME_GOES_BACK.search(text, 0, match.start()).group(1) not in _OPENERS:
                    continue  # "Harlow Elementary School, where": the school, not "Elementary School"
                name = _place_name(match, curation)
                if rank == _QUALIFIED and name is not None and _curated_place(name, curation) is None:
                    continue  # "in northern Kandora", a country the curation does not name: too wide to say
                if name is not None:
                    found.append((rank, match.start("p" if match.group("p") else "p2"), match.start(), name))
        for rank, pattern in ((0, _MOVED_TO), (_BOUND, _SENT_TO)):
            for match in pattern.finditer(text):
                group = "p" if match.group("p") else "p2"
                name = _curated_place(match.group(group), curation)  # only a place the analyst names
                if name is not None:
                    found.append((rank, match.start(group), match.start(), name))
        for match in _CAME_FROM.finditer(text):
            # "Eight of the dead were from Korval": where they lived, ranked as "in X"
            name = _place_name(match, curation)
            if name is not None:
                found.append((_IN_RANK, match.start("p"), match.start(), name))
        for match in _ON_THE_SIDE.finditer(text):
            # "6,000 displaced on the Varland side and 800 on the Osterran side": the place, by
            # its name or its people's (ranked as "in X")
            name = _curated_place(_demonym_place(match.group("p"), curation), curation)
            if name is not None:
                found.append((_IN_RANK, match.start("p"), match.start(), name))
        country = _THE_COUNTRY.search(text)
        whose = _WHOSE.search(text, 0, country.start()) if country else None
        if whose and (name := _curated_place(whose.group("p"), curation)) is not None:
            found.append((0, country.end() - len("country"), country.start(), name))
        return tuple(found)

    return candidates


# "40 remain in hospital in Merisa and 12 were flown ...": "in Merisa" ends the clause before
# the number's own
_NEXT_CONJUNCT = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*,?\s+and\s+(?:(?:another|some|about|at\s+least)\s+)?$")
_MADE_BEFORE = re.compile(r"\b(?:made|produced|manufactured|based|born|built)\s+$")


def _place(text: str, mention: NumberMention | None, curation: Curation, *, strong: bool = False,
           destination: bool = True) -> str | None:
    """Where: "the city of Kharkiv", "the attack on Zaporizhzhia", "Kharkiv's toll", "in Kharkiv",
    the nearest to the number in its sentence (not a person or organisation of the curation).
    Without a number: the first place the sentence names (with `strong`, not by a plain "in X").
    `destination` False: not a place people were taken to (`_TAKEN_TO`)."""
    found: list[tuple[int, int, int, str]] = []
    clause = _clause(text, mention) if mention else (0, len(text))
    for rank, start, match_start, name in _place_candidates(text, curation):
        if not destination and _taken_there(text, start if rank == _BOUND else match_start):
            continue  # ("3 flown to Port Halden": bound to the 3, and still where they were taken)
        if rank == _BOUND and (mention is None or match_start != mention.start):
            continue  # "44,000 to Ostria and 17,000 to Pelmark": Ostria is the 44,000's alone
        distance = abs(start - mention.start) if mention else start
        outside = not clause[0] <= start < clause[1]
        if rank >= 3 and (strong or _MADE_BEFORE.search(text[max(0, match_start - 20): match_start])
                          or mention and (outside or "," in text[_after_aside(text, mention): match_start]
                                          or _NEXT_CONJUNCT.match(text, start, mention.start)
                                          or _another_clause_between(text, mention.end, match_start))):
            continue  # "in X" only says where within its own clause; "made in X" is not where
            # ("the toll had risen to five after a man died in hospital in Rusk": where he died)
        if mention and distance > _LOOK_BACK * 2:
            continue
        if mention and start > mention.end and _PART_BETWEEN.search(text, mention.end, match_start):
            continue  # "17 people died, 11 of them in the town of Bergholt": the 11's town
        found.append((int(outside), rank if rank < 3 else 3, distance, name))
    if not found:
        return None
    best = min(found)
    if mention and best[0] == 0 and _two_places(text, best[3], [f[3] for f in found] + _curated_places(curation)):
        return None  # "4,000 residents of Lindau and the village of Ostrava": no one place's count
    return best[3]


# a part counted between a number and a place after it ("17 people died, 11 of them in",
# "killed 9 people in the port and 4 more in"): the place is the part's
# ("Eight were from Korval and four from the town of Drenmouth": a second count in its own place)
_PART_BETWEEN = re.compile(r"(?:,|\band)\s+(?:including\s+|among\s+them\s+)?(?:\d[\d,.]*|(?:" + number_words(3) + r")\b)"
                           r"\s+(?:of\s+(?:them|whom|those|these)|more|(?:(?:others?|people)\s+)?(?:in|at|from)\s)",
                           re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|when|because|before|until|once)\s+(?P<rest>.*)", re.DOTALL)
_VERB = re.compile(r"\b(?:\w+ed|was|were|had|has|fell|struck|hit|came|went|broke|sank)\b")


def _another_clause_between(text: str, start: int, end: int) -> bool:
    """Whether a clause of its own opens between `start` and `end` ("... to five after an
    elderly man died of his injuries in hospital in"), not a phrase ("after the derailment in")."""
    opened = _SUBORDINATE.search(text, start, end)
    return opened is not None and _VERB.search(text, opened.start("rest"), end) is not None


def _after_aside(text: str, mention: NumberMention) -> int:
    """Where the number's own words go on: after "of them, in critical condition," in "11 of
    them, in critical condition, were flown to ..." (an aside set off by commas)."""
    aside = _PART_ASIDE.match(text, mention.end)
    close = text.find(",", aside.end(), aside.end() + 60) if aside else -1
    return close + 1 if close >= 0 else mention.end


# "21 civilian deaths on both sides": a count of each side, to lend neither
_BOTH_SIDES = re.compile(r"\b(?:on|from|across)\s+(?:both|either|all)\s+sides\b|\bon\s+each\s+side\b", re.IGNORECASE)


def _spans_places(text: str, mention: NumberMention, curation: Curation) -> bool:
    """Whether the number counts in two places named together ("4,000 residents of Lindau and
    the village of Ostrava"): a count of both, to lend neither."""
    found = [(abs(start - mention.start), name) for _, start, _, name in _place_candidates(text, curation)
             if abs(start - mention.start) <= _LOOK_BACK * 2]
    return bool(found) and _two_places(text, min(found)[1], [name for _, name in found] + _curated_places(curation))


def _curated_places(curation: Curation) -> list[str]:
    return [e.name for e in curation.entities if e.kind == "place"]


def _two_places(text: str, name: str, others: list[str]) -> bool:
    """Whether the place `name` is named with another of `others` joined by "and" ("of Lindau
    and the neighbouring village of Ostrava", "in Lindau and Ostrava")."""
    others = sorted({other for other in others if other != name})
    if not others or "and" not in text:
        return False
    for first in (name, *others):
        seconds = others if first == name else (name,)
        for start in _whole_occurrences(text, first):
            for after in _joined_after(text, start + len(first)):
                if any(_whole_at(text, second, after) for second in seconds):
                    return True
    return False


_AND_JOINS = re.compile(r"\s+and\s+")
_THE_JOINS = re.compile(r"the\s+")
# (not a number word: "died in Dunmere and two in Kell Harbour" is a second count, not two places)
_LOWER_WORD = re.compile(r"(?!(?:" + number_words() + r")\b)[a-z][\w-]*\s+")
_OF_JOINS = re.compile(r"of\s+")


def _joined_after(text: str, end: int) -> set[int]:
    """Where a second name may begin after "and" at `end`: "and [the] [up to two lower-case
    words, not number words] [of]" ("and the neighbouring village of ")."""
    joined = _AND_JOINS.match(text, end)
    if not joined:
        return set()
    starts = {joined.end()}
    the = _THE_JOINS.match(text, joined.end())
    if the:
        starts.add(the.end())
    for start in list(starts):
        for _ in range(2):
            word = _LOWER_WORD.match(text, start)
            if not word:
                break
            start = word.end()
            starts.add(start)
    return starts | {found.end() for start in starts if (found := _OF_JOINS.match(text, start))}


def _whole_occurrences(text: str, name: str) -> Iterator[int]:
    """Where `name` is written in `text` as a whole word."""
    start = text.find(name)
    while start >= 0:
        if _whole_at(text, name, start):
            yield start
        start = text.find(name, start + 1)


def _whole_at(text: str, name: str, start: int) -> bool:
    end = start + len(name)
    return (text.startswith(name, start) and not (start and (text[start - 1].isalnum() or text[start - 1] in "_-"))
            and not (end < len(text) and (text[end].isalnum() or text[end] in "_-")))


_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)$")  # "Ukrainian", "Chinese", "Polish": adjectives


def _curated_place(phrase: str, curation: Curation) -> str | None:
    """The curation's place a phrase such as "the capital" is an alias of, if any."""
    for entity in curation.entities:
        if entity.kind == "place" and phrase.casefold() in (a.casefold() for a in (entity.name, *entity.aliases)):
            return entity.name
    return None


def _entity_kind(name: str, curation: Curation) -> str | None:
    """The curation kind (person, organisation, place...) of the entity named, if any."""
    entity = lexicon_for(curation).resolve(name)
    return entity.kind if entity else None


_LOST_BEFORE = re.compile(r"(?P<side>[A-Z][\w-]+)\s+(?:has|had|have)\s+(?:already\s+)?lost\s+(?:up\s+to\s+|about\s+|some\s+|around\s+|over\s+|more\s+than\s+)?$")


def _side(text: str, mention: NumberMention, noun: _Noun | None, curation: Curation) -> str | None:
    """Whose: the capitalised word in the counted phrase ("Russian soldiers", "Ukrainian
    drones"), the name after it ("soldiers from the DPRK"), or who sent, lost or fired them
    ("Russia has lost 30-35 thousand", "North Korea sent at least 3 000 additional soldiers").
    A demonym names the curation's place it comes from ("North Korean" -> North Korea)."""
    side = None
    if noun:
        words = noun.text.split()[:-1]
        named = [w for w in words if w[:1].isupper() and w.isalpha() and not is_number_word(w)]
        if named:
            side = " ".join(named)
        elif noun.head.lower() not in _DWELLERS:  # "residents of Lindau": where they live, not whose
            after = _FROM_SIDE.match(text, mention.end + len(noun.text) + 1) if noun.text else None
            after = after or _FROM_SIDE.match(text[mention.end:].lstrip()[len(noun.text):])
            side = after.group("side") if after else None
    if side is None:
        before = text[max(0, mention.start - _LOOK_BACK): mention.start]
        found = _LOST_BEFORE.search(before) or _SENT_BEFORE.search(before)
        side = found.group("side") if found else None
    return _demonym_place(side, curation) if side else None


def _side_earlier(paragraph: Paragraph, sentence: Sentence, mention: NumberMention, noun: _Noun | None,
                  curation: Curation) -> str | None:
    """The same noun named with its side earlier in the paragraph ("the first soldiers from the
    DPRK had arrived ... There are approximately 12 000 soldiers")."""
    if noun is None:
        return None
    offset = max(0, sentence.start + mention.start - 600)
    earlier = paragraph.text[offset: sentence.start + mention.start]
    if noun.head not in earlier:
        return None  # both patterns below need the noun as written
    found = list(_named_with_side(noun.head).finditer(earlier))
    for match in reversed(found):
        name = match.group("n") or match.group("m")
        if name.split()[0] in _OPENERS or name in _CALENDAR or is_number_word(name.split()[0]):
            continue  # "Twelve people ... down from 27": a number, not whose people
        side = _demonym_place(name, curation)
        if side == name and _opens_sentence(paragraph, offset + match.start()) and _entity_kind(name, curation) is None:
            continue  # "08:15 Prison officers' union says ...": a capital that opens a sentence, no name
        return side
    return None


@functools.lru_cache(maxsize=1024)
def _named_with_side(head: str) -> re.Pattern[str]:
    """"soldiers from the DPRK", "DPRK soldiers": a noun with whose it is (once per noun)."""
    head = re.escape(head)
    return re.compile(rf"\b{head}\s+(?:from|of)\s+(?:the\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})"
                      rf"|\b(?P<m>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+{head}\b")


def _opens_sentence(paragraph: Paragraph, at: int) -> bool:
    """Whether a sentence of the paragraph starts at `at`, after any dateline or live blog
    entry stamp the paragraph opens with ("08:15 Prison officers' union says ...")."""
    opening = dateline(paragraph.text, paragraph.number)
    return at == (opening.end if opening else 0) or any(s.start == at for s in split_sentences(paragraph.text))


_DWELLERS = frozenset({"residents", "inhabitants", "villagers", "locals", "households"})
_FROM_SIDE = re.compile(r"\s*(?:from|of)\s+(?:the\s+)?(?P<side>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_SENT_BEFORE = re.compile(
    r"(?P<side>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:has\s+|had\s+|have\s+)?(?:already\s+)?"
    r"(?:sent|deployed|assembled|dispatched|massed|launched|fired|transferred|supplied)\s+"
    r"(?:a\s+group\s+of\s+|an\s+army\s+of\s+|up\s+to\s+|about\s+|some\s+|around\s+|over\s+|"
    r"more\s+than\s+|at\s+least\s+|nearly\s+|almost\s+)*$")
_DEMONYM_END = re.compile(r"(?:ian|ean|an|ese|ish|i|n)$")


# "17 of its civilians", "seven of their own soldiers", "its own losses at 11 soldiers"
_OF_ITS = re.compile(r"\s+of\s+(?:its|their)\s+(?:own\s+)?")
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:[a-z]+\s+)?(?:at\s+)?$", re.IGNORECASE)


def _owner_place(text: str, mention: NumberMention, noun: _Noun | None, claimant: str, curation: Curation) -> str | None:
    """The curated place whose people a number counts when the sentence calls them the
    claimant's own ("Varland says 17 of its civilians died", "Osterra's army said seven of
    its soldiers had died", "Osterra puts its own losses at 11 soldiers"): the claimant, or the
    place a claimant's body belongs to; else None."""
    owned = _OF_ITS.match(text, mention.end) \
        or noun is not None and noun.start > mention.end and _ITS_BEFORE.search(text, max(0, noun.start - 20), noun.start) \
        or _ITS_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    if not owned:
        return None
    whose = re.match(r"(?P<p>.+?)['’]s?\s", claimant)  # "Osterra's army"
    for name in (claimant, whose.group("p") if whose else None):
        place = _curated_place(name, curation) if name else None
        if place is not None:
            return place
    return None


def _demonym_place(name: str, curation: Curation) -> str:
    """"North Korean" -> "North Korea" when the curation names that place; else as written."""
    stem = _DEMONYM_END.sub("", name)
    if stem == name or len(stem) < 4:
        return name
    for entity in curation.entities:
        if entity.kind != "place":
            continue
        for spelled in (entity.name, *entity.aliases):
            if spelled.casefold().startswith(stem.casefold()) and len(spelled) - len(stem) <= 2:
                return entity.name
    return name


def _relate(infos: list[_Info], curation: Curation) -> list[Figure]:
    """Across the article: what each figure is a part of ("including 6 children" -> the 31),
    the metric a part takes from its whole, children's metrics, and which figure an update
    ("increased to 31") supersedes."""
    by_id = {m.id: m for m in curation.metrics}
    _breakdowns(infos)
    parents: dict[int, _Info] = {}
    for index, info in enumerate(infos):
        parent = _parent(infos, index, by_id)
        if parent is None and info.sibling and info.part_cue is None and index - 1 in parents \
                and infos[index - 1].sentence == info.sentence and parents[index - 1].figure.value > info.figure.value:
            # "Eight of the dead were from Korval and four from Drenmouth": the four are of the
            # dead too, a part of the whole the eight are a part of
            parent = parents[index - 1]
        if parent is None:
            continue
        parents[index] = parent
        figure = info.figure
        updates: dict[str, object] = {"part_of": parent.figure.id}
        if figure.place and figure.place not in figure.sentence and parent.figure.place != figure.place:
            updates["place"] = parent.figure.place  # a part is where its whole is, unless it says where
        if (figure.metric == "other" or info.how == "none" or info.part_cue == "listed") \
                and parent.figure.metric != "other" and info.part_cue != "total":
            updates.update(metric=parent.figure.metric, label=parent.figure.label, unit=parent.figure.unit)
        # a part that names no one of its own counts what its whole counts ("Five skiers were
        # killed ... Four of the dead were found at X": four skiers)
        generic = figure.counted == "people" and parent.figure.counted != "people" and parent.figure.metric == figure.metric \
            and info.part_cue not in ("total", "listed", "including")
        if not figure.counted or generic:
            updates["counted"] = parent.figure.counted
        elif parent.figure.metric == figure.metric and (state := _state_of(parent.figure.counted)) \
                and not _state_of(figure.counted) and info.part_cue not in ("total", "listed"):
            updates["counted"] = f"{figure.counted} {state}"  # "19 are still in hospital, six of them in Port Halden"
        if not info.own_claim and parent.own_claim and info.sentence - parent.sentence == 1:
            updates.update(claimant=parent.figure.claimant, claimant_kind=parent.figure.claimant_kind)
        info.figure = replace(figure, **updates)  # type: ignore[arg-type]
    for info in infos:
        figure = info.figure
        refined = by_id.get(f"children_{figure.metric}") if figure.counted == "children" else None
        if refined:
            info.figure = replace(figure, metric=refined.id, label=refined.label)
    _supersede(infos)
    _parts_of_updates(infos)
    return [info.figure for info in infos]


def _breakdowns(infos: list[_Info]) -> None:
    """Counts listed right after a count of people, each with a noun of its own, that add up
    to it exactly, are its parts ("16 people died in the riot: 13 inmates and 3 prison
    officers", "killed 16 people - 13 villagers and 3 soldiers"): each says who among the 16,
    not a count of its own of inmates or of soldiers. (Bare numbers so listed, "38: 27 in
    Lindau and 11 in Ostrava", are found as the sentence is read: `_listed_item`.)"""
    for index, whole in enumerate(infos):
        figure = whole.figure
        if whole.part_cue is not None or figure.metric == "other" or figure.unit not in ("people", "troops"):
            continue
        items: list[_Info] = []
        end = whole.end
        for info in infos[index + 1:]:
            between = figure.sentence[end: info.start]
            opens = _BREAKDOWN_OPENS if not items else _BREAKDOWN_NEXT
            if info.sentence != whole.sentence or info.part_cue is not None or not opens.fullmatch(between):
                break
            items.append(info)
            end = info.end
            if sum(i.figure.value for i in items) >= figure.value:
                break
        if len(items) >= 2 and sum(i.figure.value for i in items) == figure.value and all(map(_breakdown_item, items)):
            for info in items:
                info.part_cue = "listed"


def _breakdown_item(info: _Info) -> bool:
    """Whether a count may be an item of a breakdown of people: one number (no range) of people,
    or of a plural noun no metric names that is no thing ("13 inmates"; not "22 shelters",
    `_THINGS`)."""
    figure = info.figure
    if figure.value_max is not None:
        return False
    return figure.unit in ("people", "troops") or figure.metric == "other" and _is_plural(figure.counted or "x") \
        and figure.counted.split()[-1].lower() not in _THINGS


# what opens a breakdown of the count before: a colon, a dash or a comma after the rest of its
# clause, the first item right after it ("killed 16 people, 13 inmates and 3 guards"; not
# "killed 5 people, injuring 3 soldiers and 2 civilians")
_BREAKDOWN_OPENS = re.compile(r"[^.;:!?()\d]{0,80}(?::|\s[-–—]|,)\s*(?:including\s+)?")
# between two items: the first's noun, then a comma or "and"
_BREAKDOWN_NEXT = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _state_of(counted: str) -> str | None:
    """The state a counted noun ends with (`STATES`: "people still in hospital"), if any."""
    return next((state for state in STATES if counted.endswith(f" {state}")), None)


def _parts_of_updates(infos: list[_Info]) -> None:
    """A part stated after an update belongs to the updated count ("has risen to 15. An
    earlier report stated 12. Two of the injured are children": two of the 15)."""
    position = {info.figure.id: i for i, info in enumerate(infos)}
    figures = {info.figure.id: info.figure for info in infos}
    for index, info in enumerate(infos):
        parent = figures.get(info.figure.part_of or "")
        if parent and parent.superseded_by and position.get(parent.superseded_by, index) < index:
            info.figure = replace(info.figure, part_of=parent.superseded_by)


def _parent(infos: list[_Info], index: int, metrics: dict[str, MetricSpec]) -> _Info | None:
    info = infos[index]
    cue = info.part_cue
    if cue is None:
        return None
    if cue == "total":
        following = infos[index + 1] if index + 1 < len(infos) else None
        return following if following and following.sentence == info.sentence else None
    if cue == "listed":  # the count the list breaks down: the last before it in the sentence
        whole = next((i for i in reversed(infos[:index]) if i.part_cue != "listed"), None)
        return whole if whole and whole.sentence == info.sentence and whole.figure.value > info.figure.value else None
    if cue == "fronted":  # the count fronted, before this part and any other of its parts
        whole = next((i for i in reversed(infos[:index]) if i.part_cue != "fronted"), None)
        return whole if whole and whole.sentence == info.sentence and whole.figure.value > info.figure.value else None
    counted_alike = None  # the nearest count of the noun the part names, if none says it in its words
    town: _Info | None = None  # the nearest count the part's words name, of one place
    for candidate in reversed(infos[:index]):
        far = info.sentence - candidate.sentence > 2  # only a word of its metric reaches it ("of the survivors")
        if info.sentence - candidate.sentence > _PART_REACH:
            break
        other = candidate.figure
        if other.value <= info.figure.value or candidate.part_cue not in (None, "total") and candidate.part_cue != cue and cue != "including":
            continue
        if cue == "including" == candidate.part_cue and candidate.sentence == info.sentence \
                and _LISTED_AFTER.fullmatch(info.figure.sentence, candidate.end, info.start):
            continue  # "including 11 children and 9 women": the women are of the 52, not of the children
        if far and cue in ("including", "them", "whom", "those", "these", "the", "alone"):
            break
        if cue in ("including", "them", "whom", "those", "these", "the", "alone"):
            if (info.figure.metric not in ("other", other.metric) and info.how != "inherited"
                    and info.figure.unit == other.unit == "people"):
                return None  # "treated 41 people; three of them died": not a part of the count of injured
            if _family(other.unit) == _family(info.figure.unit) or info.figure.metric == "other" or _people(other) and _people(info.figure):
                return candidate
            continue
        # "12 of the survivors": the survivors counted (rescued), before any count of people
        # ("between 400 and 500 people were on board", said in between)
        if cue in _reference_words(other, metrics.get(other.metric)):
            own_place = info.figure.place and info.figure.place in info.figure.sentence
            if other.place and not own_place and not candidate.lent:
                # "18 died in Sarnow, eleven in Dunmere and five in Kell Harbour. At least six of the
                # dead are children": of all the dead (the toll before), not of one town's
                town = town or candidate
                continue
            return candidate
        if counted_alike is None and not far and other.counted == _COUNTED.get(cue, cue):
            counted_alike = candidate
    return town or counted_alike


_LISTED_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:and|,)\s+(?:(?:another|some|about|at\s+least)\s+)?")
_PART_REACH = 5  # sentences back a part names its whole by a word of the whole's metric


def _people(figure: Figure) -> bool:
    return figure.unit in ("people", "troops") or figure.counted in ("people", "children", "soldiers", "rescuers")


def _reference_words(figure: Figure, metric: MetricSpec | None) -> frozenset[str]:
    """The words a reference back to this figure may use: "the dead", "the injured", and any
    one-word word of its metric ("6,500 of the displaced", "200 of the evacuees")."""
    base = {"killed": "dead killed victims deaths", "injured": "injured wounded hurt",
            "missing": "missing", "weapons_launched": "drones missiles", "intercepted": "drones missiles",
            "rescued": "rescued survivors"}
    own = (word.casefold() for word in metric.words if " " not in word) if metric is not None else ()
    return frozenset((*base.get(figure.metric, "").split(), *own))


def _supersede(infos: list[_Info]) -> None:
    """An update ("increased to 31", "has risen to 15") supersedes, in the same article, a
    smaller count of the same thing stated as earlier ("Earlier, 16 dead were reported") or
    stated before it for the same date; never a part, an addition ("3 more") or background."""
    position = {id(info): i for i, info in enumerate(infos)}
    updates = [i for i in infos if i.update and i.figure.part_of is None]
    for info in infos:
        figure = info.figure
        if info.update or info.increment or figure.part_of or figure.metric == "other":
            continue
        for update in updates:
            new = update.figure
            same = (new.metric == figure.metric and (not new.counted or not figure.counted or new.counted == figure.counted)
                    and (new.place is None or figure.place is None or new.place == figure.place))
            if not same or figure.value >= new.value or new.id == figure.id:
                continue
            if update.overall and figure.place and not info.lent:
                continue  # "9 had died in Talsey, raising the overall toll to 31": the town's, not an earlier toll
            before = position[id(info)] < position[id(update)]
            if info.earlier or before and figure.as_of == new.as_of:
                info.figure = replace(figure, superseded_by=new.id)
                break
    _supersede_earlier(infos, position)


def _supersede_earlier(infos: list[_Info], position: dict[int, int]) -> None:
    """A count stated as an earlier one ("An earlier tally had put the number of missing at
    64") is superseded by the nearest current count of the same thing in the article, whichever
    way it moved (the missing fall as people are found)."""
    current = [i for i in infos if not (i.earlier or i.increment or i.figure.part_of or i.figure.metric == "other")]
    for info in infos:
        figure = info.figure
        if not info.earlier or figure.superseded_by or info.increment or figure.part_of or figure.metric == "other":
            continue
        same = [c for c in current if c.figure.metric == figure.metric and c.figure.id != figure.id
                and (c.figure.counted or figure.counted) == (figure.counted or c.figure.counted)
                and (c.figure.place is None or figure.place is None or c.figure.place == figure.place)]
        if same:
            nearest = min(same, key=lambda c: abs(position[id(c)] - position[id(info)]))
            info.figure = replace(figure, superseded_by=nearest.figure.id)
