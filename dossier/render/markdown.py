"""Make article text safe inside generated Markdown, and build relative links between pages.

Article text is data, never markup: HTML, Markdown and template syntax in an article are
shown as text. Escaping uses HTML entities and Markdown backslash escapes only, so the
output stays plain Markdown any MkDocs-compatible builder renders the same way.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re

from markupsafe import Markup

from dossier.curation.schema import valid_url

# Characters that start Markdown inline syntax anywhere in a line, and the HTML specials:
# each becomes an entity or gets a backslash, in one pass.
_INLINE_CHARS = "\\`*_{}[]#|!"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in _INLINE_CHARS}})
# Line-start syntax: lists, ordered lists, headings, definition lists, tables, rules.
_LINE_START = re.compile(r"^(\s*)([-+=:>]|\d+(?=[.)]\s))")
# A line break, with the blanks around it: the text stays on one line.
_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")
# Control characters (other than tab) never reach a page: they carry no text and can break
# Markdown parsing or a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Any character `_escaped` changes (most text has none: it is returned as it is).
_SPECIAL = re.compile(r"[&<>\\`*_{}\[\]#|!\n\r\v\f\x85\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escaped(text: str) -> str:
    """`text` with HTML specials as entities, Markdown inline syntax backslash-escaped, line
    breaks made spaces and control characters dropped (a plain string)."""
    if _SPECIAL.search(text) is None:
        return text
    text = _BREAK.sub(" ", text.translate(_ESCAPES))
    return _CONTROL.sub("", text)


def escape(text: str, *, inline: bool = False) -> Markup:
    """Article text rendered literally inside a Markdown paragraph, marked safe.

    `inline`: a piece in the middle of a line (keeps its edge spaces; no line-start syntax).
    A value already marked safe (built by code, or escaped before) is returned unchanged, so
    escaping twice is harmless.
    """
    if type(text) is not str:
        if hasattr(text, "__html__"):
            return Markup(text)
        text = str(text)
    text = _escaped(text)
    return _safe(text if inline else _guarded(text.strip()))


def finalize(value: object) -> object:
    """The template environment's `finalize`: every `{{ }}` value not marked safe is escaped
    as Markdown text (in the middle of a line). Code that builds Markdown marks it safe."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value
        value = str(value)
    return _safe(_guarded(_escaped(value)))


def _safe(text: str) -> Markup:
    """`Markup(text)` of a plain `str`: the same value, made without the checks `Markup()`
    makes for other types (pages hold hundreds of thousands of escaped values)."""
    return str.__new__(Markup, text)


def guard_line_start(text: str) -> str:
    """Escape what would start a list, heading, quote or definition at the start of a line."""
    guarded = _guarded(str(text))
    return Markup(guarded) if hasattr(text, "__html__") else guarded


# What a line must start with for `_LINE_START` to match (besides blanks and digits).
_LINE_START_CHARS = frozenset("-+=:>")


def _guarded(text: str) -> str:
    """`guard_line_start` of a plain string."""
    first = text[:1]
    if not (first in _LINE_START_CHARS or first.isspace() or first.isdecimal()):
        return text
    match = _LINE_START.match(text)
    if match is None:
        return text
    return match.group(1) + _entity(match.group(2)) + text[match.end():]


def _entity(chars: str) -> str:
    if chars.isdigit():
        return chars[:-1] + f"&#{ord(chars[-1])};"
    return f"&#{ord(chars)};"


def cell(text: str) -> Markup:
    """Article text inside a Markdown table cell (escapes pipes, never breaks the row)."""
    return escape(text)


def attribute(text: str) -> Markup:
    """Text inside a double-quoted title (an admonition title, a tooltip): HTML-escaped,
    quotes included, and Markdown-escaped (such titles are rendered as Markdown)."""
    if hasattr(text, "__html__"):
        return Markup(text)
    return Markup(str(escape(str(text), inline=True)).replace('"', "&quot;").strip())


# After each `<` in a page title: an invisible WORD JOINER. MkDocs takes a page's title from its
# heading with entities kept, and the theme prints it through `striptags`, which decodes them:
# `&lt;/title&gt;&lt;script&gt;` would come back as live tags. `<` followed by U+2060 is text
# in HTML, so the title stays inert in every place the theme prints it.
_TITLE_GUARD = "\u2060"


def heading(text: str) -> Markup:
    """Text of a page's `#` heading (which becomes its title): escaped, and `<` guarded."""
    return Markup(str(escape(text)).replace("&lt;", "&lt;" + _TITLE_GUARD))


def nav_title(text: str) -> str:
    """A title for the site's navigation, which the theme prints as HTML: HTML-escaped, and `<`
    guarded as in `heading`."""
    text = _CONTROL.sub("", " ".join(str(text).split()))
    return html.escape(text, quote=False).replace("&lt;", "&lt;" + _TITLE_GUARD)


def code(text: str) -> Markup:
    """Text shown literally as a code span (a file name): Markdown escapes nothing inside a
    code span and HTML-escapes it itself, so only backticks and line breaks need care."""
    text = _CONTROL.sub("", re.sub(r"\s+", " ", str(text))).replace("`", "'").strip()
    return Markup(f"`{text}`") if text else Markup("")


def safe_url(url: str | None) -> str | None:
    """The address if it may become a link (the curation schema's rule: http or https,
    bounded, nothing that escapes its context), else None: `javascript:`, `data:`,
    `vbscript:` and the like never become links."""
    return str(url).strip() if url and valid_url(str(url)) else None


def url(value: str | None) -> Markup:
    """A validated address for an autolink `<...>`; empty when it may not be a link."""
    checked = safe_url(value)
    return Markup(checked.replace("&", "&amp;")) if checked else Markup("")


def link(from_page: str, to_page: str, anchor: str | None = None) -> Markup:
    """A relative link from one generated page to another (both relative to docs/); page
    paths and anchors are built from safe ids, so the link is marked safe."""
    target = "" if to_page == from_page else relative(to_page, posixpath.dirname(from_page))
    return Markup(target + (f"#{anchor}" if anchor else "") if (target or anchor) else to_page)


@functools.lru_cache(maxsize=1 << 17)
def relative(to_page: str, from_dir: str) -> str:
    """`posixpath.relpath(to_page, from_dir or ".")`, by string operations when both are plain
    relative paths (as every generated page's path is: see `paths.py`); remembered, since
    thousands of pages link to the same pages from a few folders."""
    if not (_plain(to_page) and (not from_dir or _plain(from_dir))):
        return posixpath.relpath(to_page, from_dir or ".")
    start, path = from_dir.split("/") if from_dir else [], to_page.split("/")
    common = 0
    for a, b in zip(start, path):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + path[common:]) or "."


def _plain(path: str) -> bool:
    """A relative path without empty, `.` or `..` parts."""
    return all(part not in ("", ".", "..") for part in path.split("/"))


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
