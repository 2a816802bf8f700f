"""Figures: the numbers an article states, with what they count, who claims them and when.

For each sentence of each non-heading paragraph: find the numbers (`numbers.find_numbers`),
decide what each counts (the curation's metrics, by the words nearest the number in its
clause; the counted noun right after the number names the subject), who claims it
(`attribution.claimant_for`, else a claim carried from "X reported that ..." in the previous
sentence, else the outlet) and as of when (a date in the sentence, else the article's date).

A number that matches no metric is kept, as metric "other", only when a noun after it says
what it counts; durations ("14 years"), headlines and bare numbers are dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dossier.analyse.attribution import Claim, claimant_for, outlet_claim, resolve_name
from dossier.analyse.dates import DateMention, find_dates
from dossier.analyse.numbers import CURRENCY_CODES, NumberMention, find_numbers
from dossier.analyse.sentences import Sentence, split_sentences
from dossier.curation.model import Curation, MetricSpec
from dossier.model import Article, Figure, FuzzyDate, Paragraph, SourceRef, content_id

CURRENCY_UNITS = frozenset({"currency", "money"})
_CURRENCY_CODES = CURRENCY_CODES
_PLURAL_IRREGULAR = frozenset(
    "people children men women police personnel staff military aircraft livestock cattle crew "
    "others civilians".split()
)
_NOT_NOUNS = frozenset(
    """has was is as this his its us thus across plus yes less unless always perhaps was does
    goes alongside besides towards afterwards whereas was""".split()
)
_STOP = frozenset(
    """have has had were was are is will would could may might can shall should in on at of to
    from for by with and or but who that which than as more less into after before during
    since until while when where this these those their its his her our your been being be
    a an the per each every said had also already""".split()
)
_DURATIONS = frozenset(
    """year years month months week weeks day days hour hours minute minutes second seconds
    decade decades century centuries time times year-old years-old night nights km kilometres
    kilometers miles metres meters feet degrees""".split()
)
_MEASURE_HEADS = frozenset(
    """means containers tonnes tons units pieces rounds barrels cases sets batches shipments
    kilograms litres liters hectares acres cubic truckloads consignments""".split()
)
_BOUNDARY = re.compile(r"[,;:()\"“”—–]|\s-\s|\b(?:and|but|while|whereas|which|who|after|before|because|when)\b",
                       re.IGNORECASE)
_LINKING = re.compile(r"\b(?:to|reached|reach|at|exceeded|is|was|are|were|stood at|stands at|of)\s*(?:\S+\s+){0,2}$", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|these|those|both|all|its|their|our|his|her)\s+$", re.IGNORECASE)
_CAPITALISED_RUN = re.compile(r"\b(?:[A-Z][\w'’-]*)(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")
_OPENERS = frozenset(
    """The A An In On At But And It This That These Those He She They We I As After Before When
    While Since According Among Between During If Some Most Many All Also Yet So Then There Here
    Today Yesterday Just Even Only Now More Over About Almost Nearly""".split()
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


def extract_figures(article: Article, curation: Curation) -> tuple[Figure, ...]:
    """Every figure stated in the article's non-heading paragraphs, in reading order."""
    figures: list[Figure] = []
    for paragraph in article.paragraphs:
        if not paragraph.heading:
            figures.extend(_paragraph_figures(article, paragraph, curation))
    return tuple(sorted(figures, key=lambda f: f.sort_key))


def _paragraph_figures(article: Article, paragraph: Paragraph, curation: Curation) -> list[Figure]:
    figures: list[Figure] = []
    carried: tuple[Claim, FuzzyDate | None] | None = None
    for sentence in split_sentences(paragraph.text):
        claim = claimant_for(article, paragraph.number, sentence.start, sentence.end, curation)
        dates = _sentence_dates(sentence.text, article.date)
        own_claim = claim is not None
        if claim is None and carried:
            claim, carried_date = carried
            dates = dates or ([carried_date] if carried_date else [])
        if claim and claim.reported_speech:
            carried = (claim, dates[-1] if dates else None)
        if _looks_like_headline(sentence.text):
            continue

        def claim_at(offset: int, sentence: Sentence = sentence, fallback: Claim | None = claim) -> Claim:
            if own_claim:
                at = claimant_for(article, paragraph.number, sentence.start, sentence.end, curation,
                                  sentence.start + offset)
                return at or fallback or outlet_claim(article)
            return fallback or outlet_claim(article)

        figures.extend(_sentence_figures(article, paragraph, sentence, curation, claim_at, dates))
    return figures


def _sentence_dates(text: str, reference: FuzzyDate | None) -> list[FuzzyDate]:
    """Dates stated in the sentence, latest last."""
    return sorted((m.date for m in find_dates(text, reference)), key=lambda d: d.sort_key)


def _looks_like_headline(text: str) -> bool:
    """Title Case without a final stop: a headline or teaser, not a sentence of the article."""
    if text.rstrip()[-1:] in ".!?\"”’":
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _sentence_figures(article: Article, paragraph: Paragraph, sentence: Sentence, curation: Curation,
                      claim_at: Callable[[int], Claim], dates: list[FuzzyDate]) -> list[Figure]:
    text = sentence.text
    mentions = find_numbers(text, article.date)
    hits = _metric_hits(text, curation.metrics)
    as_of = dates[-1] if dates else article.date
    figures: list[Figure] = []
    previous_subject: dict[str, str] = {}
    previous: tuple[NumberMention, _Noun | None, MetricSpec | None] | None = None
    anchor: tuple[NumberMention, _Noun | None, MetricSpec | None] | None = None  # last figure a comparison refers to
    for index, mention in enumerate(mentions):
        window = _window(text, mentions, index)
        noun = _counted_noun(text, mention)
        metric = _choose_metric(text, mention, noun, hits, window, curation.metrics,
                                [m for m in mentions if m is not mention])
        if noun is None and metric is None and previous and _elliptic(text, previous, mention):
            noun, metric = previous[1], previous[2]  # "by 286 votes to 134"
        elif noun is None and metric is None and anchor and _continues(text, anchor, mention):
            noun, metric = anchor[1], anchor[2]  # "down from 2.6 million", "770,000 of whom"
        previous = (mention, noun, metric)
        if (noun or metric) and not _PARTITIVE_OBJECT.search(text[: mention.start]):
            anchor = previous
        if not _keep(text, mention, noun, metric):
            continue
        claim = claim_at(mention.start)
        unit = _unit(mention, metric, noun)
        subject = _subject(article, paragraph, sentence, mention, noun, metric, unit, previous_subject, curation)
        previous_subject[_family(unit)] = subject
        figures.append(_figure(article, paragraph, sentence, mention, metric, unit, subject, claim,
                               as_of, bool(dates)))
    return figures


def _elliptic(text: str, previous: tuple[NumberMention, _Noun | None, MetricSpec | None],
              mention: NumberMention) -> bool:
    """"286 votes to 134", "12 goals against 3": the second number counts the same thing."""
    noun = previous[1]
    return noun is not None and re.fullmatch(r"\s+(?:to|against|versus|vs\.?)\s+", text[noun.end:mention.start]) is not None


_PARTITIVE_OBJECT = re.compile(r"\bof\s+(?:the|its|their|all|some)\s+$", re.IGNORECASE)
# "down from 2.6 million", "compared with 5,000", "against 12", "770,000 of whom", "and 41 damaged"
_COMPARISON_BEFORE = re.compile(
    r"(?:\b(?:up|down|rising|falling|rose|fell|increased|decreased|dropped)\s+from|\bcompared\s+(?:with|to)"
    r"|\bagainst|\bversus|\bvs\.?|\bfrom\s+(?:a|an)\s+(?:previous|earlier)\s+(?:estimate|figure|toll)\s+of)\s+$",
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
    if _COMPARISON_BEFORE.search(before) or _OF_WHOM.match(text[mention.end:]):
        return True
    return bool(anchor[1] and _COORDINATED.search(before) and _PARTICIPLE_AFTER.match(text[mention.end:])
                and not re.search(r"[.;:]", before))


@functools.lru_cache(maxsize=64)
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


def _metric_hits(text: str, metrics: tuple[MetricSpec, ...]) -> list[_Hit]:
    """Every metric word in the text, the longest where they overlap."""
    pattern, by_word = metric_matcher(metrics)
    if pattern is None:
        return []
    return [_Hit(m.start(), m.end(), metric) for m in pattern.finditer(text)
            for metric in by_word[" ".join(m.group(0).lower().split())]]


def _window(text: str, mentions: list[NumberMention], index: int) -> tuple[int, int]:
    """The clause around a number: from the last boundary before it to the first after it,
    never past a neighbouring number."""
    mention = mentions[index]
    left = mentions[index - 1].end if index > 0 else 0
    right = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
    boundaries_before = [m.end() for m in _BOUNDARY.finditer(text, left, mention.start)]
    after = _BOUNDARY.search(text, mention.end, right)
    return (max([left, *boundaries_before]), after.start() if after else right)


def _words_between(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


def _compatible(metric: MetricSpec, mention: NumberMention) -> bool:
    unit = mention.unit
    if unit in _CURRENCY_CODES:
        return metric.unit in CURRENCY_UNITS or metric.unit == unit
    if unit == "percent":
        return metric.unit == "percent"
    if unit:  # a hyphenated unit: "one-tonne", "7.8-magnitude"
        return any(w.lower() in (unit, unit + "s") for w in metric.words) or metric.unit == unit
    return metric.unit not in CURRENCY_UNITS and metric.unit != "percent"


def _choose_metric(text: str, mention: NumberMention, noun: _Noun | None, hits: list[_Hit],
                   window: tuple[int, int], metrics: tuple[MetricSpec, ...],
                   others: list[NumberMention] = ()) -> MetricSpec | None:  # type: ignore[assignment]
    """The metric whose words stand nearest the number in its clause.

    The counted noun names the metric (soldiers -> troops) unless an event that happens to
    people is also named (soldiers ... killed -> killed)."""
    ok = [h for h in hits if _compatible(h.metric, mention)]
    if mention.unit and mention.unit not in _CURRENCY_CODES and mention.unit != "percent":
        return next((m for m in metrics if _compatible(m, mention)), None)
    head = next((h for h in ok if noun and noun.start <= h.start < noun.end), None)
    near = sorted(
        ((_distance(text, h, mention), h) for h in ok if h is not head and _in_window(h, mention, window)),
        key=lambda pair: pair[0],
    )
    if head:
        events = [h for _, h in near if h.metric.unit == "people" and h.metric.id != head.metric.id]
        person_head = head.metric.unit in ("people", "troops")
        return events[0].metric if events and person_head else head.metric
    if near:
        return near[0][1].metric
    if noun is None and _LINKING.search(text[window[0]: mention.start]):
        before = [h for h in ok if h.end <= mention.start and not _taken(text, h, others)]
        if before:
            return before[-1].metric  # "The death toll ... has risen to 5,000"
    if mention.unit in _CURRENCY_CODES or mention.unit == "percent":
        return next((m for m in metrics if _compatible(m, mention)), None)  # "12% contained"
    return None


def _taken(text: str, hit: _Hit, others: list[NumberMention]) -> bool:
    """A metric word right next to another number belongs to that number."""
    return any(_words_between(text[min(hit.end, m.end):max(hit.start, m.start)]) <= 1 for m in others)


def _in_window(hit: _Hit, mention: NumberMention, window: tuple[int, int]) -> bool:
    return (window[0] <= hit.start and hit.end <= mention.start) or (mention.end <= hit.start < window[1])


def _distance(text: str, hit: _Hit, mention: NumberMention) -> float:
    """Words between the number and a metric word; words before the number count a little more."""
    if hit.start >= mention.end:
        return _words_between(text[mention.end:hit.start])
    return _words_between(text[hit.end:mention.start]) + 0.5


_PARTITIVE = re.compile(
    r"^\s+of\s+(?:the|its|their|his|her|our|these|those|all|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s)\s+"
    r"(?:(?:company|country|city|state|group|firm|region|nation|union|party)['’]s\s+)?"
    r"(?:(?:about|some|roughly|around|estimated)\s+)?(?P<number>[\d.,]+(?:\s+(?:million|billion|thousand))?\s+)?")


def _partitive_noun(text: str, mention: NumberMention) -> _Noun | None:
    """"12,000 of the company's workers", "2.3 million of the 6.6 million eligible voters": the
    number counts part of the plural noun after "of the"."""
    match = _PARTITIVE.match(text[mention.end:])
    if not match:
        return None
    base = mention.end + match.end()
    tokens = list(re.finditer(r"[A-Za-z][\w'’-]*|[^\w\s]", text[base:]))
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
    tokens = list(re.finditer(r"[A-Za-z][\w'’-]*|[^\w\s]", text[mention.end:]))
    for i, token in enumerate(tokens[:5]):
        word = token.group(0)
        if i and tokens[i - 1].end() == token.start() and not word.isalpha():
            return None
        if not word[0].isalpha() or (word.lower() in _STOP and not (word.lower() == "and" and i)):
            return None
        if text[mention.end: mention.end + token.start()].strip(" \u00a0") and i == 0:
            return None
        if word.lower() == "and" and i and not _is_plural(tokens[i - 1].group(0)):
            continue  # "search and rescue personnel"
        if _is_plural(word) or (mention.value == 1 and not mention.unit) or mention.unit:
            while i + 1 < len(tokens) and _is_plural(tokens[i + 1].group(0)) and tokens[i + 1].group(0).islower():
                i, token = i + 1, tokens[i + 1]  # "police officers"
            return _noun_phrase(text, mention.end, tokens[0].start(), token)
    return None


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _PLURAL_IRREGULAR:
        return True
    return lower.endswith("s") and not lower.endswith("ss") and lower not in _NOT_NOUNS and len(lower) > 2


def _noun_phrase(text: str, base: int, first: int, head: re.Match[str]) -> _Noun:
    start, end = base + first, base + head.end()
    tail = re.match(r"\s+(?:of|from)\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|[a-z]+)", text[end:])
    if tail and (head.group(0).lower() in _MEASURE_HEADS or re.match(r"\s+from\s", tail.group(0)) and re.search(r"[A-Z]", tail.group(0))):
        end += tail.end()
    return _Noun(start, end, head.group(0).lower(), text[start:end])


def _keep(text: str, mention: NumberMention, noun: _Noun | None, metric: MetricSpec | None) -> bool:
    if mention.words and _DETERMINER.search(text[: mention.start]):
        return False  # "the two countries": a reference, not a count
    if noun and noun.head in _DURATIONS and not (metric and metric.unit in ("tonnes", "magnitude")):
        return False
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


def _subject(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
             noun: _Noun | None, metric: MetricSpec | None, unit: str, previous: dict[str, str],
             curation: Curation) -> str:
    """What is counted, in the article's words, with the context that sets it apart."""
    if noun is None or noun.head in ("others",):
        if unit in previous:
            return previous[unit]
        if unit in _CURRENCY_CODES:
            context = _nearest_name(sentence.text[: mention.start], curation)
            return f"money ({context})" if context else "money"
        return unit
    phrase = noun.text
    if re.search(r"[A-Z]", phrase):
        return phrase
    context = _context(article, paragraph, sentence, mention, noun, curation)
    return f"{phrase} ({context})" if context else phrase


def _context(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
             noun: _Noun, curation: Curation) -> str | None:
    """Whose or where: the same noun with a name earlier in the paragraph ("soldiers from the
    DPRK"), else the nearest place or organisation named before the number in the sentence."""
    earlier = paragraph.text[: sentence.start + mention.start]
    head = re.escape(noun.head)
    named = list(re.finditer(rf"\b{head}\s+(?:from|of)\s+(?:the\s+)?(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
                             rf"|(?P<m>(?:[A-Z][\w'’-]*\s+){{1,3}}){head}\b", earlier))
    if named:
        last = named[-1]
        return (last.group("n") or last.group("m")).strip()
    return _nearest_name(sentence.text[: mention.start], curation)


def _nearest_name(before: str, curation: Curation) -> str | None:
    for match in reversed(list(_CAPITALISED_RUN.finditer(before))):
        name = match.group(0)
        if name in _CALENDAR or name.split()[0] in _OPENERS:
            continue
        resolved = resolve_name(name, curation)
        if resolved and resolved[1] == "person" or _is_person_like(name, curation):
            continue
        if before[: match.start()].rstrip().endswith((".", "!", "?")):
            continue
        return name
    return None


def _is_person_like(name: str, curation: Curation) -> bool:
    return any(e.kind == "person" and any(a in name for a in (e.name, *e.aliases) if a[:1].isupper())
               for e in curation.entities)


def _figure(article: Article, paragraph: Paragraph, sentence: Sentence, mention: NumberMention,
            metric: MetricSpec | None, unit: str, subject: str, claim: Claim, as_of: FuzzyDate | None,
            as_of_stated: bool) -> Figure:
    start = sentence.start + mention.start
    end = sentence.start + mention.end
    return Figure(
        id=content_id(article.id, sentence.text, mention.start, mention.text),
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
        as_of_stated=as_of_stated,
        sentence=sentence.text,
        text=mention.text,
    )
