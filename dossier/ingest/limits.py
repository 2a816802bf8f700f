"""Bounded work per input: limits on word and paragraph length, applied when an article is read.

Every later stage runs per paragraph and per sentence, so bounding them keeps the cost of an
article linear in its size whatever its shape (one paragraph of thousands of short sentences,
a word a megabyte long). Nothing is cut silently: each change is a Notice naming the file and
the line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dossier.model import Notice, Paragraph

MAX_WORD = 100  # characters without a space: longer runs are no words (base64, padding)
MAX_PARAGRAPH = 4_000  # characters: longer paragraphs are split at a sentence end or a space

_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")  # (from a word's start: tried inside every word, 0.03 ms an article)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def bound_words(text: str, shown: str) -> tuple[str, list[Notice]]:
    """`text` with every run of more than MAX_WORD non-space characters cut to MAX_WORD and
    an ellipsis; one Notice per affected line."""
    notices: list[Notice] = []
    if not _LONG_WORD.search(text):
        return text, notices
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _LONG_WORD.search(line):
            count = len(_LONG_WORD.findall(line))
            lines[index] = _LONG_WORD.sub(lambda m: m.group(0)[:MAX_WORD] + "…", line)
            notices.append(Notice(shown, index + 1, f"{count} word{'s' if count > 1 else ''} longer than "
                                  f"{MAX_WORD} characters cut to {MAX_WORD}"))
    return "\n".join(lines), notices


def bound_paragraphs(paragraphs: tuple[Paragraph, ...], shown: str) -> tuple[tuple[Paragraph, ...], list[Notice]]:
    """Paragraphs longer than MAX_PARAGRAPH split into parts (at the last sentence end, else
    the last space, before the limit), renumbered; one Notice per split paragraph."""
    if all(len(p.text) <= MAX_PARAGRAPH for p in paragraphs):
        return paragraphs, []
    notices: list[Notice] = []
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        parts = _split(paragraph.text)
        if len(parts) > 1:
            notices.append(Notice(shown, paragraph.line, f"paragraph of {len(paragraph.text):,} characters "
                                  f"split into {len(parts)} parts of at most {MAX_PARAGRAPH:,}"))
        for part in parts:
            out.append(replace(paragraph, number=len(out) + 1, text=part))
    return tuple(out), notices


def _split(text: str) -> list[str]:
    parts = []
    while len(text) > MAX_PARAGRAPH:
        head = text[:MAX_PARAGRAPH + 1]
        cut = max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)
        if cut < MAX_PARAGRAPH // 2:
            cut = head.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_PARAGRAPH
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        parts.append(text)
    return [p for p in parts if p]
