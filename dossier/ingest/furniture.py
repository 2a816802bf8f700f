"""Recognise page furniture: lines that belong to the web page, not to the article.

Photo captions and credits, bylines, section labels, "Share" buttons, tag lists, copyright
lines and "Most Read" / "Editor's Pick" link lists with their unrelated headlines. Every
dropped line is returned with its reason, never discarded silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyse import speech
from dossier.analyse.dates import find_dates
from dossier.analyse.memo import Gated
from dossier.ingest.bylines import is_credit_only, is_staff_line, without_dates
from dossier.model import DroppedLine

_CREDIT = re.compile(
    r"(?i)(\bphotos?\s*:|\bimages?\s*:|\bphoto by\b|\bpictures?\s*:|\bcredit\s*:|"
    r"\bvia getty images\b|\bgetty images\b|\b[A-Z]{2,}/(?:AFP|AP|Reuters|EPA|Getty)\b|"
    r"\b(?:AFP|AP|EPA|Reuters|Shutterstock)\s*(?:photo|/)\b)"
)
_COPYRIGHT = re.compile(r"(?i)(©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|do not reproduce)")
_LINK_LIST = re.compile(
    r"(?i)^(most read|most popular|editor'?s picks?|related( articles| stories| news)?|"
    r"read more|read also|more from [\w .]+|recommended( for you)?|trending( now)?|"
    r"popular( now)?|you may also like|more stories|latest news|top stories|see also)\s*:?$"
)
_BUTTONS = re.compile(
    r"(?i)^(share|share this( article)?|tweet|print|email|comments?|advertisement|"
    r"subscribe|sign up|follow us|click here|listen to this article|save)\s*:?$"
)
_TRAILING_BUTTON = re.compile(
    r"(?<=[.!?\"”])\s+(Share|Tweet)\s*$"
    r"|\s+[—–-]\s*((?:write|writes|reports?|source)\s*:\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\S*)\s*$"
)
_TAGS = re.compile(r"(?i)^(tags?|topics?|keywords?|filed under)\s*:?\s*(?P<rest>.*)$")
_BYLINE = re.compile(r"^(?:By|BY|by)(?:\s*:?\s+(?P<name>[^!?]{0,80}))?$")
_NAME_WORD = re.compile(r"^(?:[A-Z\d\W][\w\W]*|and|&|\||for|at|of|in|de|van|von|der|la|le|del|da|staff|and)$")
_CREDITS_LINE = re.compile(
    r"(?i)^\(?(?:reporting|writing|editing|additional reporting|compiled|translated|edited|"
    r"produced|prepared|text|photos?|video)(?: and \w+)? by\s+[A-Z]"
)
_STAMP_LABEL = re.compile(
    r"(?i)^(?:published|updated|posted|last updated|date|first published|modified)\s*(?:on|at)?\s*:?\s+"
    r"(?=.*(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d|\d{1,2}:\d{2}))"
)
_SECTIONS = frozenset(
    """world news politics business economy tech technology science health sport sports
    opinion culture entertainment europe asia africa americas ukraine war analysis
    lifestyle media environment""".split()
)
_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")

# Web leftovers: the shape of a line that belongs to the page's interface, not to the article.
# General rules (no list tied to one page): a line without any word, a count next to a UI noun,
# a relative time stamp standing alone, an imperative UI verb aimed at a page element or a
# platform, and technical notices about what the page cannot show.
_NO_WORDS = re.compile(r"^[\W\d_]*$")
_DATE_STAMP = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d{2}-\d{2}"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?:[,\s|]+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_UI_NOUN = (r"(?:shares?|views?|comments?|likes?|reactions?|reposts?|retweets?|reads?|"
            r"replies|votes?|claps?)")
_COUNT = re.compile(
    rf"(?i)^(?:\d[\d\s,.]*[kKmM]?\s*{_UI_NOUN}|{_UI_NOUN}\s*:?\s*\(?\d[\d\s,.]*[kKmM]?\)?)$"
)
_RELATIVE_STAMP = re.compile(
    r"(?i)^(?:(?:posted|published|updated|last updated)\s*:?\s*)?(?:today|yesterday|now|just now|updated|published|"
    r"\d+\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago)"
    r"(?:\s*(?:,|at)?\s*\d{1,2}:\d{2})?$"
)
_PLATFORM = (r"(?:telegram|facebook|twitter|x|whatsapp|viber|youtube|instagram|tiktok|linkedin|"
             r"threads|bluesky|mastodon|reddit|google news|rss|messenger|signal|e-?mail)")
_UI_VERB = (r"(?:view|open|watch|read|subscribe|follow|join|share|like|download|listen|click|tap|"
            r"sign up|sign in|log in|register|install|get|see|go to|visit|continue reading|"
            r"send|copy link|print|save|comment|support us|donate)")
_UI_LINE = re.compile(
    rf"(?i)^(?:{_UI_VERB}\b.{{0,60}}\b(?:on|in|via|at|to|with|from)\s+(?:our\s+|the\s+)?{_PLATFORM}\b"
    rf"|{_UI_VERB}\s+(?:us|our\s+\w+|the\s+(?:app|video|channel|newsletter|podcast|comments?|"
    r"full (?:story|article|text|version)|original|source)|more|now|here|this(?: article| story| page)?|"
    r"the article|article|story|comments?|newsletter|updates)\b"
    rf"|{_PLATFORM}\s*:?\s*$"
    rf"|{_PLATFORM}(?:\s*[|·•,/]\s*{_PLATFORM})+\s*$)"  # "Facebook | X | WhatsApp | Email"
)
_NOTICE = re.compile(
    r"(?i)(?:\b(?:article|story|text|material) continues (?:below|after)\b"
    r"|\bdoes not support (?:this|the) (?:content|video|media|feature)"
    r"|\b(?:your )?browser does not support\b|\benable javascript\b"
    r"|\bthis (?:content|video|post|embed) (?:is (?:not|no longer|un)available|cannot be (?:shown|displayed))"
    r"|\bAMP version of (?:the|this) (?:site|page)"
    r"|\bwe use cookies\b|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings)\b"
    r"|\b(?:loading|please wait)\.{0,3}$"
    r"|^(?:advertisement|sponsored|ad|promo(?:ted)?|skip (?:to|ad)\b.*)$"
    # an offer to subscribe: "Subscribe to the Herald digital edition from K1,500 a month"
    r"|^(?:subscribe|sign up|try|become a (?:subscriber|member))\b[^.!?]{0,100}\b(?:edition|subscription|"
    r"membership|newsletter|trial|(?:a|per|each)\s+(?:month|year|week))\b[^.!?]{0,40}[.!]?$)"
)
_ADDRESS = re.compile(r"(?i)^(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?:/\S*)?$")
_SOURCE_LABEL = re.compile(r"(?i)^[—–-]?\s*(?:source|via|write|writes|read more at|originally published (?:at|on))\s*:?\s*")
_READ_ALSO = re.compile(r"(?i)^(?:(?:read|see|watch|listen)\s+(?:also|more|too|next)\b\s*[:\-–—]?"
                        # "Related: Governor shuts all boarding schools": a headline (no sentence) after the label
                        r"|(?:related|also\s+read|more\s+on\s+this(?:\s+story)?)\s*:\s+[^\n]*[^.!?\"”\s]\s*$)")


# the patterns searched anywhere in a line, tried only on lines holding a word each match holds
_COPYRIGHT_LINE = Gated(_COPYRIGHT, ("©", "(c)", "copyright", "all rights reserved", "do not reproduce"))
_CREDIT_LINE = Gated(_CREDIT, ("photo", "image", "picture", "credit", "getty", "/"))
_NOTICE_LINE = Gated(_NOTICE, ("continues", "does not support", "enable javascript", "available", "cannot be",
                               "amp version", "cookie", "loading", "please wait"),
                     starts=("ad", "sponsored", "promo", "skip", "subscribe", "sign up", "try", "become a"))
_TRAILING_BUTTON_LINE = Gated(_TRAILING_BUTTON, ("Share", "Tweet", "write", "report", "source"))


@dataclass
class Classified:
    """A line kept (reason None) or dropped (with its reason)."""

    line: int
    text: str
    reason: str | None = None


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _is_prose(text: str) -> bool:
    """A full article sentence, as opposed to a teaser headline in a link list."""
    return len(text.split()) >= 25 and ends_sentence(text)


def classify_lines(lines: list[tuple[int, str]]) -> list[Classified]:
    """Mark each (line number, text) as kept or dropped, with the reason for dropping it."""
    result: list[Classified] = []
    in_link_list = False
    after_byline = False
    seen_text = False
    prose = 0  # lines of the story seen: a byline without "By" is read only near the top
    first = True  # the first line with text
    for index, (number, raw) in enumerate(lines):
        text = raw.strip()
        item = Classified(number, raw.rstrip())
        if not text:
            result.append(item)
            continue
        if in_link_list and not _is_prose(text):
            item.reason = "link list (unrelated headlines)"
        elif _LINK_LIST.match(text):
            in_link_list = True
            item.reason = "link list heading"
        else:
            in_link_list = False
            head = prose < _HEAD_PROSE and index < _HEAD_LINES
            item.reason = _single_line_reason(text, seen_text, after_byline, head, first)
        first = False
        after_byline = item.reason == "byline" and _BYLINE.match(text) is not None
        if item.reason is None:
            seen_text = True
            if _is_story_line(text):
                prose += 1
        result.append(item)
    _drop_tag_values(result)
    return result


# The top of an article, where a byline stands: before the second line of the story (a
# standfirst may come first) and within its first lines.
_HEAD_PROSE, _HEAD_LINES = 2, 15


def _is_story_line(text: str) -> bool:
    """A line of the story, not a headline or a label: a sentence of 8 words or more, or a line
    longer than a wrapped one."""
    return len(text) > 100 or (len(text.split()) >= 8 and ends_sentence(text))


def leftover_reason(text: str) -> str | None:
    """Why a line is a web leftover (the page's interface, not the article), or None."""
    words = text.split()
    if len(words) > 30:
        return None  # article prose: every leftover rule below is for short lines
    if _DATE_STAMP.match(text) or (_STAMP_LABEL.match(text) and len(words) <= 10) or _only_a_date(text):
        return "date stamp"
    if _NO_WORDS.match(text):
        return "web leftover: a number or symbol without words (counter, status code)"
    if _ADDRESS.match(text):
        return "site address"
    credit = _SOURCE_LABEL.match(text)
    if credit and _ADDRESS.match(text[credit.end():].strip()):
        return "outlet credit"
    if _COUNT.match(text):
        return "web leftover: share or view count"
    if _RELATIVE_STAMP.match(text):
        return "web leftover: relative time stamp (no date)"
    if _READ_ALSO.match(text) and len(words) <= 30:
        return "web leftover: link to another article"
    if len(words) <= 25 and _NOTICE_LINE.search(text):
        return "web leftover: page notice"
    if _UI_LINE.match(text) and len(words) <= 12 and not _has_reported_speech(text):
        return "web leftover: button or link to a platform"
    return None


_WEEKDAY_OR_TIME = re.compile(
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\b\.?)?|"
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?|\b\d{1,2}\s*[ap]\.?m\b\.?|"
    r"\b(?:at|on|updated|published|posted|last updated|first published|modified)\b|\b\d+\s*min(?:ute)?s?\s+read\b|"
    r"\b(?:[ap]\.m\.|GMT|UTC|CET|CEST|EET|EEST|BST|EST|EDT|CST|CDT|PST|PDT|local time)|[,|/·•–—():-]"
)


def _only_a_date(text: str) -> bool:
    """A line that is a written date and nothing else ("Thursday, 5 February 2026, 14:05")."""
    if len(text) > 60 or not any(map(str.isdigit, text)):
        return False
    rest = text
    for mention in find_dates(text):
        rest = rest.replace(mention.text, " ")
    return rest != text and not _WEEKDAY_OR_TIME.sub(" ", rest).strip()


def is_masthead(text: str) -> bool:
    """A short line that is not a sentence: the outlet's name, a section or an author, maybe
    with a date ("Capital News Network", "Relief Wire | 5 February 2026")."""
    if len(text) > 80 or ends_sentence(text):
        return False
    rest = text
    for mention in find_dates(text):
        rest = rest.replace(mention.text, " ")
    words = _WEEKDAY_OR_TIME.sub(" ", rest).split()
    return 0 < len(words) <= 5 and not any(ch.isdigit() for word in words for ch in word)


def is_byline(text: str) -> bool:
    """"By" and names: people, an agency, a date ("By RFE/RL November 19, 2025"), never a
    sentence that starts with "By" ("By Monday evening the toll had risen")."""
    match = _BYLINE.match(text)
    if not match or len(text.split()) > 12:
        return False
    name = match.group("name") or ""
    if name.rstrip().endswith(".") and not re.search(r"\b[A-Z]\.$|\.\w+\.?$", name.rstrip()):
        return False
    name = without_dates(name)  # "By Jane Doe | March 15, 2026 10:42 am"
    return all(_NAME_WORD.match(word.strip(",;")) for word in name.split() if word.strip(",;"))


def _has_reported_speech(text: str) -> bool:
    return bool(_REPORTED_SPEECH.search(text))


_REPORTED_SPEECH = re.compile(rf"\b(?:{speech.alternation(speech.SAYING)}|according\s+to)\b", re.IGNORECASE)


def _single_line_reason(text: str, seen_text: bool, after_byline: bool, head: bool, first: bool) -> str | None:
    """Why the line `text` is furniture, or None. `head`: whether it stands near the top of the
    text, where a byline without "By" is read; `first`: the first line, maybe the headline."""
    words = text.split()
    leftover = leftover_reason(text)
    if leftover:
        return leftover
    if len(words) <= 25 and _COPYRIGHT_LINE.search(text):
        return "copyright line"
    if len(words) <= 40 and _CREDIT_LINE.search(text):
        return "photo caption or credit"
    if _BUTTONS.match(text):
        return "share or page button"
    if _TAGS.match(text) and len(words) <= 12 and not ends_sentence(text):
        return "tag list"
    if is_byline(text):
        return "byline"
    if _CREDITS_LINE.match(text) and len(words) <= 20 and not text.endswith("."):
        return "credit line"
    if is_credit_only(text) or (head and is_staff_line(text, first=first)):
        return "byline"  # "Staff and agencies"; near the top, "Island Post staff", "X, Y correspondent"
    if after_byline and len(words) <= 4 and not ends_sentence(text):
        return "byline"
    if not seen_text and len(words) <= 2 and text.lower() in _SECTIONS:
        return "section label"
    return None


def _drop_tag_values(items: list[Classified]) -> None:
    """The line after a bare "Tags" heading is the tag list itself."""
    for index, item in enumerate(items):
        match = _TAGS.match(item.text.strip()) if item.reason == "tag list" else None
        if match and not match.group("rest").strip():
            following = next((i for i in items[index + 1 :] if i.text.strip()), None)
            if following and following.reason is None and len(following.text.split()) <= 15:
                following.reason = "tag list"


def strip_trailing_button(text: str) -> tuple[str, str | None]:
    """Remove a "Share" button glued to the end of a paragraph; return it so it is listed."""
    match = _TRAILING_BUTTON_LINE.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group(1) or match.group(2)


def dropped(items: list[Classified]) -> tuple[DroppedLine, ...]:
    return tuple(DroppedLine(i.line, i.text.strip(), i.reason) for i in items if i.reason)


CREDIT_PATTERN = _CREDIT
COPYRIGHT_PATTERN = _COPYRIGHT
