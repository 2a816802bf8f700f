"""Make article text safe inside generated Markdown, and build relative links between pages.

Article text is data, never markup: HTML, Markdown and template syntax in an article are
shown as text. Escaping uses HTML entities and Markdown backslash escapes only, so the
output stays plain Markdown any MkDocs-compatible builder renders the same way.
"""

from __future__ import annotations

import html
import posixpath
import re

from markupsafe import Markup

from dossier.curation.schema import valid_url

# Characters that start Markdown inline syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_{}\[\]#|!])")
# Line-start syntax: lists, ordered lists, headings, definition lists, tables, rules.
_LINE_START = re.compile(r"^(\s*)([-+=:>]|\d+(?=[.)]\s))")


def escape(text: str, *, inline: bool = False) -> Markup:
    """Article text rendered literally inside a Markdown paragraph, marked safe.

    `inline`: a piece in the middle of a line (keeps its edge spaces; no line-start syntax).
    A value already marked safe (built by code, or escaped before) is returned unchanged, so
    escaping twice is harmless.
    """
    if hasattr(text, "__html__"):
        return Markup(text)
    text = str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = re.sub(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*", " ", text)
    text = _CONTROL.sub("", text)
    return Markup(text if inline else guard_line_start(text.strip()))


# Control characters (other than tab) never reach a page: they carry no text and can break
# Markdown parsing or a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def finalize(value: object) -> object:
    """The template environment's `finalize`: every `{{ }}` value not marked safe is escaped
    as Markdown text (in the middle of a line). Code that builds Markdown marks it safe."""
    if hasattr(value, "__html__"):
        return value
    return Markup(guard_line_start(escape(str(value), inline=True)))


def guard_line_start(text: str) -> str:
    """Escape what would start a list, heading, quote or definition at the start of a line."""
    guarded = _LINE_START.sub(lambda m: m.group(1) + _entity(m.group(2)), str(text))
    return Markup(guarded) if hasattr(text, "__html__") else guarded


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
    if to_page == from_page:
        target = ""
    else:
        target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return Markup(target + (f"#{anchor}" if anchor else "") if (target or anchor) else to_page)


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
