"""Under `mkdocs serve --dirty`, a page saved again is converted without parsing again the
inline Markdown of each line the last builds parsed.

A save at 1,000 articles changes about six generated pages (the article's, its topic's, the
home page, a page each of the figures and the figure groups); MkDocs converts each whole, and
about half of converting is Python-Markdown's inline parser (links, emphasis, escapes) going
over every table cell and list item, most of which read as they did one save earlier: the
topic page (125 KB, 1,290 links) changes by a row or two. `InlineReuse` keeps what the inline
parser made of each text it parsed, for this build and the last, and gives it back to the next
conversion of the same text in the same place.

Python-Markdown parses a page in blocks first, then runs its tree processors; the inline
parser is the one named "inline" (priority 20). This extension adds one tree processor just
before it and one just after (no other runs between them: checked for each conversion):

- before: each leaf of the tree (an element whose text the inline parser will parse, and
  which has no children yet: a paragraph, a list item, a table cell, a heading) is looked up by
  its text and the tags above it (the inline patterns depend on nothing else: links are not
  made inside links), under the inline patterns and link references of this conversion. When
  found, it is given the parsed text and a copy of the parsed children, marked so the inline
  parser passes over them (`AtomicString`);
- after: the marks are taken off (the text is of the very type the parser left), and each leaf
  parsed now is kept, copied before later tree processors rewrite it (MkDocs makes the links
  relative to the page then; the leaf is the same on any page).

What the inline parser's output depends on besides the text is never kept: a text with a
placeholder in it (raw HTML set aside by a block processor) or a footnote reference. A result
holding placeholders of the HTML stash (an entity, inline HTML such as the anchor that opens
each row of the table of every figure), numbered in the order of the page, is kept with the
HTML each stands for; given back, that HTML is set aside in this page's stash again and the
result holds its new placeholders. So a page converted with reused leaves is byte for byte
the page converted without them (`tests/test_inline_reuse.py` checks that on every generated
page and on random Markdown).

Nothing is kept from the server's first build, which converts every page (copying each leaf
would slow the server's start for the first save's sake: at 1,000 articles the whole site
has 26,000 distinct leaves, 33 MiB kept), and at most `MAX_KEPT` leaves from any build.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

MAX_KEPT = 60_000
"""Parsed leaves one build keeps at most (a save at 1,000 articles converts six pages of about
2,200 distinct leaves; a changed nav converts every page again)."""

_INLINE_PRIORITY = 20  # Python-Markdown's inline parser
_BEFORE, _AFTER = _INLINE_PRIORITY + 0.5, _INLINE_PRIORITY - 0.5


_Kept = tuple[str, list[Element], tuple[tuple[str, str], ...]]
"""A parsed leaf as kept: its text, its children, and each placeholder of the HTML stash in them
with the HTML it stands for (in the order of their numbers)."""


class _Reused(AtomicString):
    """A text given from what was kept: the inline parser passes over it (an `AtomicString`),
    and it goes back to its own type once the parser is done."""


class InlineReuse:
    """What the inline parser made of each leaf, for this build and the last (a build keeps what
    it used or made), by the leaf's text, its place and the conversion's inline patterns."""

    def __init__(self) -> None:
        self._this: dict[Hashable, _Kept] = {}
        self._last: dict[Hashable, _Kept] = {}
        self._patterns: dict[tuple, int] = {}  # each set of inline patterns and references seen, numbered
        self._settings: Hashable = None
        self.reused = self.parsed = 0  # leaves, in this build
        self.builds = 0  # of the server (its plugin, kept by MkDocs, may have served before)

    def start(self, settings: Hashable = None) -> None:
        """A build begins: what the build before last kept goes, and all that was kept when the
        site's Markdown `settings` (its extensions and their options) are not the last build's."""
        if self._this:  # (a build that converted nothing leaves the last one's)
            self._last, self._this = self._this, {}
        if settings != self._settings:
            self._last, self._settings = {}, settings
        self.reused = self.parsed = 0

    def extension(self) -> Extension:
        """The Markdown extension for this build's conversions."""
        return InlineReuseExtension(self)

    def __len__(self) -> int:
        return len(self._this) + len(self._last)

    def _find(self, key: Hashable) -> _Kept | None:
        found = self._this.get(key)
        if found is None:
            found = self._last.get(key)
            if found is not None:
                self._this[key] = found
        return found

    def _keep(self, key: Hashable, leaf: Element, stashed: tuple[tuple[str, str], ...]) -> None:
        if len(self._this) < MAX_KEPT:
            self._this[key] = (leaf.text, [copy.deepcopy(child) for child in leaf], stashed)

    def _patterns_of(self, md: Markdown) -> int:
        """The number of this conversion's inline patterns and link references (the same for
        every page of a site, but a page that defines references)."""
        seen = (tuple((type(pattern).__module__, type(pattern).__qualname__,
                       getattr(getattr(pattern, "compiled_re", None), "pattern", None))
                      for pattern in md.inlinePatterns),
                tuple(sorted(md.references.items())))
        return self._patterns.setdefault(seen, len(self._patterns))


class InlineReuseExtension(Extension):
    """Reuse in a conversion what `InlineReuse` kept, and keep what it parses."""

    def __init__(self, kept: InlineReuse) -> None:
        super().__init__()
        self.kept = kept

    def extendMarkdown(self, md: Markdown) -> None:
        conversion = _Conversion(md, self.kept)
        md.treeprocessors.register(_Before(md, conversion), "dossier_inline_reused", _BEFORE)
        md.treeprocessors.register(_After(md, conversion), "dossier_inline_kept", _AFTER)


class _Conversion:
    """One conversion's leaves: those given from what was kept (their marked texts, to restore)
    and those the inline parser parses (to keep)."""

    def __init__(self, md: Markdown, kept: InlineReuse) -> None:
        self.md = md
        self.kept = kept
        self.marked: list[tuple[Element, str, str]] = []
        self.parsed: list[tuple[Element, Hashable]] = []
        self.on = False

    def alone_with_parser(self, before: Treeprocessor, after: Treeprocessor) -> bool:
        """Whether the inline parser is the only tree processor between the two of this extension
        (the registry gives its processors in the order they run)."""
        if "inline" not in self.md.treeprocessors:
            return False
        order = list(self.md.treeprocessors)
        start = order.index(before)
        return order[start + 1:start + 3] == [self.md.treeprocessors["inline"], after]


class _Step(Treeprocessor):
    """A tree processor of one conversion."""

    def __init__(self, md: Markdown, conversion: _Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion


class _Before(_Step):
    def run(self, root: Element) -> None:
        conversion = self.conversion
        conversion.marked, conversion.parsed = [], []
        conversion.on = conversion.alone_with_parser(self, self.md.treeprocessors["dossier_inline_kept"])
        if not conversion.on:
            return
        kept = conversion.kept
        patterns = kept._patterns_of(self.md)
        marked, parsed = conversion.marked, conversion.parsed
        stack: list[tuple[Element, tuple[str, ...]]] = [(root, ())]
        while stack:
            element, tags = stack.pop()
            for child in element:
                place = (*tags, child.tag)
                if len(child):
                    stack.append((child, place))
                    continue
                text = child.text
                if not text or isinstance(text, AtomicString) or STX in text or "[^" in text:
                    continue
                key = (patterns, place, text)
                found = kept._find(key)
                if found is None:
                    parsed.append((child, key))
                    continue
                kept.reused += 1
                parsed_text, children, stashed = found
                # the HTML its placeholders stood for, set aside in this page's stash (new numbers)
                moved = {old: self.md.htmlStash.store(html) for old, html in stashed}
                renumber = moved.__getitem__ if moved else None
                parsed_text = _renumbered(parsed_text, renumber)
                marked.append((child, "text", parsed_text))
                child.text = _skipped(parsed_text)
                for one in children:
                    one = copy.deepcopy(one)
                    child.append(one)
                    for inner in one.iter():
                        if renumber is not None:
                            inner.text, inner.tail = _renumbered(inner.text, renumber), _renumbered(inner.tail, renumber)
                        if inner.text and not isinstance(inner.text, AtomicString):
                            marked.append((inner, "text", inner.text))
                            inner.text = _Reused(inner.text)
                        if inner.tail and not isinstance(inner.tail, AtomicString):
                            marked.append((inner, "tail", inner.tail))
                            inner.tail = _Reused(inner.tail)


def _renumbered(text: str | None, renumber) -> str | None:
    """The text with each placeholder of the HTML stash replaced by `renumber(placeholder)`, as
    the same type of string (an `AtomicString` stays one)."""
    if renumber is None or not text or STX not in text:
        return text
    found = HTML_PLACEHOLDER_RE.sub(lambda m: renumber(m.group(0)), text)
    return type(text)(found) if type(text) is not str else found


def _skipped(text: str | None) -> str | None:
    return _Reused(text) if text and not isinstance(text, AtomicString) else text


class _After(_Step):
    def run(self, root: Element) -> None:
        conversion = self.conversion
        if not conversion.on:
            return
        for element, attribute, text in conversion.marked:
            setattr(element, attribute, text)
        kept = conversion.kept
        stash = self.md.htmlStash.rawHtmlBlocks
        for leaf, key in conversion.parsed:
            kept.parsed += 1
            placeholders = [m for inner in leaf.iter()
                            for text in (inner.text, inner.tail if inner is not leaf else None) if text and STX in text
                            for m in HTML_PLACEHOLDER_RE.finditer(text)]
            if any(inner.attrib and any(STX in value for value in inner.attrib.values()) for inner in leaf.iter()):
                continue  # (a placeholder in an attribute: not kept)
            numbers = sorted({int(m.group(1)) for m in placeholders})
            if all(number < len(stash) and isinstance(stash[number], str) for number in numbers):
                kept._keep(key, leaf, tuple((self.md.htmlStash.get_placeholder(n), stash[n]) for n in numbers))
        conversion.marked, conversion.parsed = [], []
