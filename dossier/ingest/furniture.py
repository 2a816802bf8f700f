"""Recognise page furniture: lines that belong to the web page, not to the article.

Photo captions and credits, bylines, section labels, "Share" buttons, tag lists, copyright
lines and "Most Read" / "Editor's Pick" link lists with their unrelated headlines. Every
dropped line is returned with its reason, never discarded silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_TRAILING_BUTTON = re.compile(r"(?<=[.!?\"”])\s+(Share|Tweet)\s*$")
_TAGS = re.compile(r"(?i)^(tags?|topics?|keywords?|filed under)\s*:?\s*(?P<rest>.*)$")
_BYLINE = re.compile(r"^(?:By|BY|by)(?:\s+(?P<name>[^.!?]{0,60}))?$")
_SECTIONS = frozenset(
    """world news politics business economy tech technology science health sport sports
    opinion culture entertainment europe asia africa americas ukraine war analysis
    lifestyle media environment""".split()
)
_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")


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
    for number, raw in lines:
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
            item.reason = _single_line_reason(text, seen_text, after_byline)
        after_byline = item.reason == "byline" and _BYLINE.match(text) is not None
        if item.reason is None:
            seen_text = True
        result.append(item)
    _drop_tag_values(result)
    return result


def _single_line_reason(text: str, seen_text: bool, after_byline: bool) -> str | None:
    words = text.split()
    if _COPYRIGHT.search(text) and len(words) <= 25:
        return "copyright line"
    if _CREDIT.search(text) and len(words) <= 40:
        return "photo caption or credit"
    if _BUTTONS.match(text):
        return "share or page button"
    if _TAGS.match(text) and len(words) <= 12 and not ends_sentence(text):
        return "tag list"
    if _BYLINE.match(text) and len(words) <= 6:
        return "byline"
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
    match = _TRAILING_BUTTON.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group(1)


def dropped(items: list[Classified]) -> tuple[DroppedLine, ...]:
    return tuple(DroppedLine(i.line, i.text.strip(), i.reason) for i in items if i.reason)


CREDIT_PATTERN = _CREDIT
COPYRIGHT_PATTERN = _COPYRIGHT
