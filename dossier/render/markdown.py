"""Make article text safe inside generated Markdown, and build relative links between pages.

Article text is data, never markup: HTML, Markdown and template syntax in an article are
shown as text. Escaping uses HTML entities and Markdown backslash escapes only, so the
output stays plain Markdown any MkDocs-compatible builder renders the same way.
"""

from __future__ import annotations

import posixpath
import re

# Characters that start Markdown inline syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]#|!])")
# Line-start syntax: lists, ordered lists, headings, definition lists, tables, rules.
_LINE_START = re.compile(r"^(\s*)([-+=:>]|\d+(?=[.)]\s))")


def escape(text: str, *, inline: bool = False) -> str:
    """Article text rendered literally inside a Markdown paragraph.

    `inline`: a piece in the middle of a line (keeps its edge spaces; no line-start syntax).
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    return text if inline else guard_line_start(text.strip())


def guard_line_start(text: str) -> str:
    """Escape what would start a list, heading, quote or definition at the start of a line."""
    return _LINE_START.sub(lambda m: m.group(1) + _entity(m.group(2)), text)


def _entity(chars: str) -> str:
    if chars.isdigit():
        return chars[:-1] + f"&#{ord(chars[-1])};"
    return f"&#{ord(chars)};"


def cell(text: str) -> str:
    """Article text inside a Markdown table cell (escapes pipes, never breaks the row)."""
    return escape(text)


def attribute(text: str) -> str:
    """Text inside a double-quoted HTML attribute (a tooltip)."""
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\n", " ")
    )


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one generated page to another (both relative to docs/)."""
    if to_page == from_page:
        target = ""
    else:
        target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "") if (target or anchor) else to_page


def number(value: float | None) -> str:
    """`12`, `11,000`, `2.7`, `20,000,000,000`: no trailing `.0`, thousands separated."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def balance_quotes(text: str) -> str:
    """A sentence cut out of a longer quotation gets its missing quotation mark back:
    `affected," Zelensky noted.` -> `"affected," Zelensky noted.`"""
    straight = text.count('"')
    if straight % 2 == 1:
        first = text.index('"')
        closes = first > 0 and not text[first - 1].isspace()  # `known," he said`
        return f'"{text}' if closes else f'{text}"'
    opening, closing = text.count("“"), text.count("”")
    if closing > opening:
        return "“" + text
    if opening > closing:
        return text + "”"
    return text


def shown_path(path: str) -> str:
    """A file path as pages show it: the name alone when absolute, so that pages do not
    depend on where the project is checked out."""
    return posixpath.basename(path.replace("\\", "/")) if posixpath.isabs(path.replace("\\", "/")) else path
