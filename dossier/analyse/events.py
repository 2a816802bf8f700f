"""Dated events in one article: each sentence that carries a date expression, or a weekday
that says when something happened ("on Tuesday night"; not "said on Friday").

The date is resolved against the article's date (``find_dates``). When a sentence has several
dates, the event takes the one its main verb refers to, by one general rule: in a reported
clause ("In March, it became known that in January and February, North Korea sent..."), the
date before the reporting verb is when it was reported and the first date after ``that`` is
when it happened. Otherwise the first date in the sentence wins ("Between August 2023 and
March 2025" starts in August 2023).

The event's text is the sentence, without unbalanced quotation marks and without a leading
"According to ...," or similar framing.
"""

from __future__ import annotations

import re

from dossier.analyse import speech
from dossier.analyse.dates import DateMention, entry_stamp, find_dates
from dossier.analyse.numbers import number_words
from dossier.analyse.sentences import dateline, split_sentences, strip_stray_quotes
from dossier.curation.model import Curation
from dossier.model import Article, Event, Mention, SourceRef, content_id

_REPORTED = re.compile(rf"\b(?:{speech.alternation(speech.SAYING, speech.LEARNING)})\b[^.!?]*?\bthat\b", re.IGNORECASE)
_FRAMING = re.compile(
    r"^(?:according to [^,]{1,80}|as a reminder|at the same time|meanwhile|recall that|"
    r"it is worth noting that|as reported)\s*,?\s+",
    re.IGNORECASE,
)


def extract_events(article: Article, curation: Curation) -> tuple[Event, ...]:
    """One event per dated sentence of the article's non-heading paragraphs, in article order.

    A sentence after a dateline ("KESSARAN, Feb 3 (Wire) - A quake struck on Tuesday ...")
    is read without it; the dateline's date (when the story was filed) dates it only when
    the sentence itself gives no date."""
    events = []
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        entry = entry_stamp(paragraph.text, article.date)  # a live blog's "22:15 - ...", no dateline
        opening = dateline(paragraph.text, paragraph.number) if entry is None else None
        told = False  # whether the entry's news is an event already
        for sentence in split_sentences(paragraph.text):
            story = sentence.text
            if opening and sentence.start < opening.end:
                if sentence.end <= opening.end:
                    continue  # all dateline ("WASHINGTON, D.C." split off before "(AP) — ...")
                story = paragraph.text[opening.end:sentence.end]
            if entry and sentence.start == 0 and entry.end <= sentence.end:
                story = story[entry.end:]
            if _ABOUT_COVERAGE.search(story):
                continue  # "We are closing this blog for tonight": nothing that happened
            dates = find_dates(story, article.date) or _weekdays(story, article)
            time = ""
            if dates:
                date = event_date(story, dates)
            elif story != sentence.text and opening:
                filed = find_dates(paragraph.text[:opening.end], article.date)
                if not filed:
                    continue
                date = filed[0]
            elif entry and entry.day and not told and _NEWS.search(story) and len(story.split()) >= 5:
                # the entry's first sentence that tells something, on the entry's day at its time
                # (stated when the stamp gives the day: "14 September 2025 09:10 - ")
                date, time = DateMention(0, 0, "", entry.day, stated=entry.day_given), entry.time
            else:
                continue
            if entry and date.date == entry.day:
                time = entry.time
            told = told or bool(entry)
            ref = SourceRef(article.id, paragraph.number, sentence.start, sentence.end)
            text = describe(story)
            events.append(Event(
                id=content_id("event", date.date.iso, text),
                date=date.date,
                text=text,
                mentions=(Mention(ref, sentence.text),),
                date_inferred=not date.stated,
                time=time,
            ))
    return tuple(events)


# what a live blog or a report says of itself, not of what happened
_ABOUT_COVERAGE = re.compile(r"\b(?:this\s+(?:live\s*)?blog|(?:today's|our|the)\s+live\s+coverage|thanks?\s+(?:you\s+)?for\s+"
                             r"(?:following|reading|joining)|we(?:'ll|’ll|\s+will)\s+be\s+back|good\s+(?:morning|evening|afternoon)|"
                             # a report's own schedule: "Next update: 19 April 2031"
                             r"next\s+(?:update|bulletin|situation\s+report|sitrep))\b",
                             re.IGNORECASE)
# what a live blog entry tells: a number or a name ("The agency says 7,900 people are now in
# shelters"; not "Good morning." nor "We are closing this blog for tonight.")
_NEWS = re.compile(r"\d|(?i:\b(?:" + number_words(3) + r")\b)|(?<=\w\s)[A-Z][a-z]")


# "the sheriff's office said Friday", "told reporters on Monday": when it was said, not done
_SAID_ON = re.compile(rf"\b(?:told\s+[\w-]+(?:\s+[\w-]+)?|{speech.alternation(speech.SAYING)})"
                      r"\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.IGNORECASE)


# "remain evacuated, down from 9,500 on Wednesday": the day of the earlier count
_EARLIER_COUNT = re.compile(r"\b(?:down|up|rising|falling)\s+from\b(?:[^.;,]|(?<=\d)[.,](?=\d))*$", re.IGNORECASE)


def _weekdays(sentence: str, article: Article) -> list[DateMention]:
    """The weekdays a sentence dates what happened by ("swept into the town on Tuesday
    night"), resolved against the article's date; not the day something was said."""
    return [m for m in find_dates(sentence, article.date, weekdays=True)
            if m.date.precision == "day" and not m.stated and not _SPAN_OR_OWNER.search(m.text)
            and not _SAID_ON.search(sentence, 0, m.start) and not _FUTURE.search(sentence, 0, m.start)
            and not _EARLIER_COUNT.search(sentence, max(0, m.start - 60), m.start)]


# "would reopen on Wednesday", "is due to vote on Friday", "calls a day of mourning on Monday":
# a day to come, which the weekday (resolved to the last one before the article) would put in
# the past
_FUTURE = re.compile(r"\b(?:will|would|shall|is\s+due|are\s+due|is\s+expected|are\s+expected|plans?\s+to|"
                     r"planned|scheduled|set\s+to|next|calls|announces|urges|demands|invites|"
                     r"(?:is|are)\s+to\s+be|to\s+be\s+held)\b", re.IGNORECASE)


# "until Friday", "since Tuesday": not the day it happened; "Tuesday's earthquake": the day of
# what the sentence is about, not of what it says happened ("... has risen to 112")
_SPAN_OR_OWNER = re.compile(r"^(?:until|by|from|since)\b|['’]s$", re.IGNORECASE)


def event_date(sentence: str, dates: list[DateMention]) -> DateMention:
    """The date the sentence's event happened on (see the module docstring)."""
    reported = _REPORTED.search(sentence)
    if reported:
        before = [d for d in dates if d.end <= reported.end()]
        after = [d for d in dates if d.start >= reported.end()]
        if before and after:
            return after[0]
    return dates[0]


def describe(sentence: str) -> str:
    """A short readable description: the sentence without framing and stray quotation marks."""
    text = strip_stray_quotes(sentence)
    stripped = _FRAMING.sub("", text.strip(), count=1)
    if stripped != text and stripped:
        stripped = stripped[0].upper() + stripped[1:]
    return stripped.strip()
