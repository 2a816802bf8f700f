"""Read the seed files into Articles: decode, read metadata, drop furniture, keep paragraphs.

A seed is a `.txt` or `.md` file; its id is the file name without extension. Bad files are
reported with their name and line and skipped or read as safely as possible; nothing is
dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml

from dossier.analyse.dates import parse_date
from dossier.cache import Cache
from dossier.curation.model import Curation, SourceInfo
from dossier.curation.schema import MAX_TEXT, MAX_URL, RELIABILITY_RULE, URL_RULE, valid_reliability, valid_url
from dossier.errors import SeedError
from dossier.ingest.files import SeedFolder, decode_seed, read_seed_folder
from dossier.ingest.bylines import outlet_name
from dossier.ingest.furniture import classify_lines, dropped, ends_sentence, is_masthead, strip_trailing_button
from dossier.ingest.limits import bound_paragraphs, bound_words
from dossier.ingest.metadata import (
    infer_date,
    infer_outlet,
    infer_title,
    issuing_body,
    is_dated_masthead,
    looks_like_heading,
    looks_like_headline,
    looks_like_title,
    stamp_date,
)
from dossier.model import Article, DroppedLine, FuzzyDate, Notice, Paragraph
from dossier.processes import default_workers, in_halves

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SEED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_DATE_MARKER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?:\s+|$)")
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_FRONT_MATTER_KEYS = ("title", "outlet", "url", "date", "reliability", "notes")
MAX_FRONT_MATTER = 20_000
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


@dataclass
class _Draft:
    """What is read from one file before dates are settled across the whole folder."""

    id: str
    path: str
    text_lines: list[tuple[int, str]]
    meta: dict[str, str] = field(default_factory=dict)
    meta_origin: str = ""
    date: FuzzyDate | None = None
    date_origin: str = "unknown"
    notices: list[Notice] = field(default_factory=list)
    digest: str = ""
    page_fields: tuple[str, ...] = ()  # metadata read from a saved page (title, date, outlet, url)
    page_dropped: list[DroppedLine] = field(default_factory=list)
    heading_lines: set[int] = field(default_factory=set)  # Markdown `#` headings


def read_seeds(folder: Path, curation: Curation, cache: Cache | None = None, *, listing: SeedFolder | None = None,
               ) -> tuple[tuple[Article, ...], tuple[Notice, ...]]:
    """Every seed in `folder` as an Article (sorted by id), and the notices about the folder.

    `cache` (the persistent cache's `ingest` stage; None: this process's memory only) keeps
    each file's date and its Article by the file's bytes and name, the curation's entry for
    it and (for an undated article) the date undated articles are resolved against, so an
    unchanged file is not read again. `listing`: the folder as this build read it already
    (`read_seed_folder`, with the curation's `max_article_bytes`), else it is read here."""
    if not folder.is_dir():
        raise SeedError(f"{folder}: no such seeds folder")
    cache = cache if cache is not None else Cache(None, "ingest")
    notices: list[Notice] = []
    read: list[tuple[str, str, Path, str, bytes, _Draft | None, FuzzyDate | None]] = []
    owners: dict[str, Path] = {}
    if listing is None or (listing.folder, listing.suffixes, listing.max_bytes) != (folder, SEED_SUFFIXES, curation.max_article_bytes):
        listing = read_seed_folder(folder, SEED_SUFFIXES, curation.max_article_bytes)
    notices.extend(listing.skips)
    for seed, data, skip in listing.files:
        path = folder / seed.name
        if data is None:
            notices.append(skip)
            continue
        article_id = _article_id(path, notices)
        if article_id in owners:
            raise SeedError(
                f"{path}: duplicate article id '{article_id}' (also {owners[article_id]}); "
                "rename one of the files"
            )
        owners[article_id] = path
        key = Cache.key("file", data, seed.name, seed.shown, article_id)
        known = cache.get(key)  # (the date the file gives,) when it was read before
        draft = None
        if not (isinstance(known, tuple) and len(known) == 1):
            draft = _read_draft(path, seed.shown, article_id, notices, data)
            if draft is None:
                continue
            known = (draft.date,)
            cache.put(key, known)
        read.append((article_id, key, path, seed.shown, data, draft, known[0]))
    _check_curated_sources(curation, owners, notices)
    reference = _reference_date([date for *_, date in read], curation)
    articles: list[Article | None] = []
    unfinished: list[tuple[int, str, _Draft]] = []  # (where in `articles`, cache key, draft)
    for article_id, key, path, shown, data, draft, date in read:
        info = curation.sources.get(article_id, SourceInfo(article_id))
        undated = date is None and info.date is None  # only then is `reference` read
        article_key = Cache.key("article", key, repr(info), repr(reference) if undated else "")
        article = cache.get(article_key)
        if not isinstance(article, Article) or article.id != article_id:
            draft = draft or _read_draft(path, shown, article_id, notices, data)
            if draft is None:  # the same bytes read before: cannot happen, but never lose the file
                continue
            unfinished.append((len(articles), article_key, draft))
            article = None  # finished below
        articles.append(article)
    finished = _finished([draft for *_, draft in unfinished], curation, reference)
    for (index, article_key, _), article in zip(unfinished, finished, strict=True):
        articles[index] = article
        cache.put(article_key, article)
    articles.sort(key=lambda a: a.id)
    if not articles:
        notices.append(Notice(str(folder), 0, "no usable .txt, .md or .html articles in this folder"))
    return tuple(articles), tuple(notices)


FORK_ARTICLES = 100
"""Articles to finish (`_finish`) from which a forked child finishes half of them (fewer:
forking costs more than the work it shares)."""


def _finished(drafts: list[_Draft], curation: Curation, reference: FuzzyDate | None) -> list[Article]:
    """Each draft finished as an Article, in order. Finishing (paragraphs, page furniture,
    bylines, dates) is most of ingest: with many drafts (a cold build: about 0.5 ms each), a
    forked child finishes every other one on the second core meanwhile."""
    return in_halves(partial(_finish_all, curation=curation, reference=reference), drafts,
                     enabled=len(drafts) >= FORK_ARTICLES and default_workers() > 1)


def _finish_all(drafts: list[_Draft], curation: Curation, reference: FuzzyDate | None) -> list[Article]:
    return [_finish(draft, curation, reference) for draft in drafts]


def _article_id(path: Path, notices: list[Notice]) -> str:
    """The file name without extension, made safe to use in a URL and a file path."""
    stem = path.stem
    if _SAFE_ID.match(stem):
        return stem
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-_") or "article"
    safe = re.sub(r"^[^A-Za-z0-9]+", "", safe) or "article"
    notices.append(Notice(f"{path.parent.name}/{path.name}", 0, f"file name is not a safe id; using '{safe}'"))
    return safe


def _read_draft(path: Path, shown: str, article_id: str, notices: list[Notice], data: bytes) -> _Draft | None:
    text, decode_notices = decode_seed(data, shown, html=path.suffix.lower() in HTML_SUFFIXES)
    if text is None:
        notices.extend(decode_notices)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, word_notices = bound_words(text, shown)
    decode_notices.extend(word_notices)
    draft = _Draft(article_id, shown, [], notices=decode_notices,
                   digest=hashlib.sha1(text.encode()).hexdigest())
    notices = draft.notices
    if path.suffix.lower() in HTML_SUFFIXES:
        _saved_page(text, draft)
        return draft
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = _front_matter(lines, draft, notices, plain_text=path.suffix.lower() == ".txt")
    if start == 0:
        start = _labelled_header(lines, draft, notices)
    draft.text_lines = [(n + 1, line) for n, line in enumerate(lines) if n >= start]
    _date_marker(draft, notices)
    if path.suffix.lower() != ".txt":
        lines_out: list[tuple[int, str]] = []
        for n, line in draft.text_lines:
            lines_out.append((n, _strip_markdown(line)))
            if _MD_HEADING.match(line):
                lines_out.append((n, ""))  # a Markdown heading always ends its paragraph
                draft.heading_lines.add(n)
        draft.text_lines = lines_out
    return draft


def _saved_page(html: str, draft: _Draft) -> None:
    """A page saved from the browser: its main text, and the metadata it states, as inferred."""
    from dossier.ingest.html import read_saved_page

    page = read_saved_page(html)
    draft.text_lines = page.lines
    draft.page_dropped = page.dropped
    found = {"title": page.title, "outlet": page.site_name, "url": page.url}
    draft.meta.update({key: value for key, value in found.items() if value})
    if page.date:
        draft.date = parse_date(page.date[:10])
        draft.date_origin = "inferred from the page" if draft.date else "unknown"
    taken = [key for key, value in found.items() if value] + (["date"] if draft.date else [])
    draft.page_fields = tuple(taken)
    if taken:
        draft.notices.append(Notice(draft.path, 0, "read from the saved page: " + ", ".join(taken)))
    if not page.lines:
        draft.notices.append(Notice(draft.path, 1, "no article text found in the saved page"))


def _front_matter(lines: list[str], draft: _Draft, notices: list[Notice], *, plain_text: bool = False) -> int:
    """Read a leading `---` YAML block; return the index of the first body line. In a plain
    text file (`plain_text`) the block is front matter only when it is a mapping of front
    matter keys alone, and is named in the notes; anything else there is the article's text
    (0: no front matter)."""
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        if not plain_text:
            notices.append(Notice(draft.path, 1, "front matter starts with '---' but never ends"))
        return 0
    block = "\n".join(lines[1:end])
    if len(block) > MAX_FRONT_MATTER or _has_alias(block):
        if plain_text:
            return 0
        # YAML aliases are never needed for six scalar keys, and a few of them can expand
        # into a huge value (an "alias bomb").
        notices.append(Notice(draft.path, 2, "front matter is longer than "
                              f"{MAX_FRONT_MATTER:,} characters or uses YAML aliases; ignored"))
        return end + 1
    try:
        # Every value as text (BaseLoader): no timestamp or number conversion that could fail
        # on `2025-04-00`; each value is then checked by the curation rules.
        meta = yaml.load(block, Loader=yaml.BaseLoader) or {}
    except (yaml.YAMLError, RecursionError) as exc:
        if plain_text:
            return 0
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        notices.append(Notice(draft.path, line, f"front matter is not valid YAML: {str(exc)[:300]}; ignored"))
        return end + 1
    if plain_text and not (isinstance(meta, dict) and meta and all(key in _FRONT_MATTER_KEYS for key in meta)):
        return 0
    if not isinstance(meta, dict):
        notices.append(Notice(draft.path, 2, "front matter must be a mapping; ignored"))
        return end + 1
    for key, value in meta.items():
        if key not in _FRONT_MATTER_KEYS:
            notices.append(
                Notice(draft.path, 2, f"unknown front matter key '{str(key)[:80]}' (ignored); known keys: "
                       + ", ".join(_FRONT_MATTER_KEYS))
            )
        elif value not in (None, ""):
            checked = _front_matter_value(str(key), value)
            if isinstance(checked, Notice):
                notices.append(Notice(draft.path, 2, checked.message))
            else:
                draft.meta[str(key)] = checked
    if "date" in draft.meta:
        draft.date = parse_date(draft.meta["date"])
        draft.date_origin = "front matter"
        if draft.date is None:
            notices.append(Notice(draft.path, 2, f"front matter date '{draft.meta['date']}' is not a date"))
            draft.date_origin = "unknown"
    if plain_text:
        notices.append(Notice(draft.path, 1, "read the block between the '---' lines above the text as "
                              "front matter: " + ", ".join(sorted(draft.meta))))
    return end + 1


# "Title: ...", "Source: ...", "Published: ...": the labelled lines a note-taking or
# read-later tool puts above the text it saved, and what each says
_HEADER_LABELS = {"title": "title", "headline": "title", "source": "outlet", "outlet": "outlet",
                  "publication": "outlet", "publisher": "outlet", "date": "date", "published": "date",
                  "url": "url", "link": "url"}
_HEADER_LINE = re.compile(r"^\s*(?P<label>[A-Za-z]+)\s*:\s+(?P<value>\S.*?)\s*$")


def _labelled_header(lines: list[str], draft: _Draft, notices: list[Notice]) -> int:
    """Read the labelled lines that open a file ("Title: ...", "Source: ...", "Date: ..."; at
    least two, one after the other, from the first line with text) as front matter; return the
    index of the first body line (0: there is no such header). A value the front matter's rules
    refuse is left with a notice, as in front matter."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    found: list[tuple[int, str, str]] = []
    for index in range(first, len(lines)):
        match = _HEADER_LINE.match(lines[index])
        key = _HEADER_LABELS.get(match.group("label").lower()) if match else None
        if key is None or any(key == k for _, k, _ in found):
            break
        found.append((index, key, match.group("value")))
    if len(found) < 2:
        return 0
    taken = []
    for index, key, value in found:
        checked = _front_matter_value(key, value)
        if isinstance(checked, Notice):
            notices.append(Notice(draft.path, index + 1, checked.message.replace("front matter", "header line")))
            continue
        if key == "date":
            date = parse_date(checked)
            if date is None:
                notices.append(Notice(draft.path, index + 1, f"header line date '{checked[:40]}' is not a date"))
                continue
            draft.date, draft.date_origin = date, "article's header"
        draft.meta[key] = checked
        taken.append(key)
    if taken:
        notices.append(Notice(draft.path, first + 1, "read from the labelled lines above the text: " + ", ".join(taken)))
    return found[-1][0] + 1


def _has_alias(block: str) -> bool:
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(block, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False  # reported by the loader with its line


def _front_matter_value(key: str, value: object) -> str | Notice:
    """A front-matter value checked with the curation schema's rules (scalar, bounded; grade
    A-F[1-6]; http(s) address), or a Notice saying why it is ignored."""
    if isinstance(value, (dict, list, tuple, set)):
        return Notice("", 2, f"front matter {key} must be a single value, not a list or mapping; ignored")
    text = " ".join(str(value).split())
    if key == "reliability" and not valid_reliability(text):
        return Notice("", 2, f"front matter reliability '{text[:40]}' must be {RELIABILITY_RULE}; ignored")
    if key == "url" and not valid_url(text):
        return Notice("", 2, f"front matter url '{text[:80]}' must be {URL_RULE}; ignored")
    if len(text) > MAX_TEXT.get(key, MAX_URL):
        return Notice("", 2, f"front matter {key} is longer than {MAX_TEXT.get(key, MAX_URL):,} "
                      "characters; ignored")
    return text


def _date_marker(draft: _Draft, notices: list[Notice]) -> None:
    """The leading ` date YYYY-MM-DD ` marker, on the same line as the text that follows it."""
    for index, (number, line) in enumerate(draft.text_lines):
        if not line.strip():
            continue
        match = _DATE_MARKER.match(line)
        if match:
            date = parse_date(match.group("date"))
            if date is None:
                notices.append(Notice(draft.path, number, f"date marker '{match.group('date')}' is not a real date"))
            elif draft.date is None:
                draft.date, draft.date_origin = date, "date marker"
            draft.text_lines[index] = (number, line[match.end():])
        return


def _strip_markdown(line: str) -> str:
    heading = _MD_HEADING.match(line)
    if heading:
        line = heading.group(2)
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def _check_curated_sources(curation: Curation, owners: dict[str, Path], notices: list[Notice]) -> None:
    for source_id in sorted(curation.sources):
        if source_id not in owners:
            notices.append(
                Notice(curation.path, 0, f"sources: '{source_id}' matches no seed file; known ids: "
                       + ", ".join(sorted(owners)))
            )


def _reference_date(dates: list[FuzzyDate | None], curation: Curation) -> FuzzyDate | None:
    """What undated articles' partial dates are resolved against: the curation's `as_of`, else
    the newest date the files or the curation give."""
    if curation.as_of is not None:
        return curation.as_of
    known = [d for d in dates if d is not None]
    known += [s.date for s in curation.sources.values() if s.date is not None]
    return max(known, key=lambda d: d.sort_key) if known else None


def _paragraphs(draft: _Draft) -> tuple[tuple[Paragraph, ...], tuple[DroppedLine, ...], str | None]:
    """Kept paragraphs, the dropped lines, the title line.

    Blank lines separate stretches. A stretch of hard-wrapped lines is joined into paragraphs,
    each ending on a line that ends a sentence well short of the wrap width; a stretch pasted from a browser or an app (lines that end sentences, or long
    lines) splits at every line end. A headline line at the top of the file is the title.
    """
    items = classify_lines(draft.text_lines)
    drops = list(dropped(items)) + draft.page_dropped
    stretches: list[list[tuple[int, str]]] = [[]]
    for item in items:
        text = item.text.strip()
        if not text:
            if stretches[-1]:
                stretches.append([])
            continue
        if not item.reason:
            stretches[-1].append((item.line, text))
    blocks: list[tuple[int, list[str]]] = []
    for stretch in stretches:
        blocks.extend(_split_stretch(stretch, at_top=not blocks))
    title = None
    paragraphs: list[Paragraph] = []
    for line, texts in blocks:
        text = _LIST_MARKER.sub("", " ".join(texts), count=1)  # "- Seven people were killed": an item's words
        text, button = strip_trailing_button(text)
        if button:
            reason = "share or page button" if button in ("Share", "Tweet") else "outlet credit"
            drops.append(DroppedLine(line + len(texts) - 1, button, reason))
        if title is None and not paragraphs and len(texts) == 1 and len(blocks) > 2 and _outlet_line(text):
            drops.append(DroppedLine(line, text, _MASTHEAD))  # "Drav Herald" above the headline: the outlet
            continue
        if title is None and not paragraphs and len(texts) == 1 and _RELEASE_KIND.fullmatch(text):
            drops.append(DroppedLine(line, text, _MASTHEAD))  # "Press release" above a body's statement
            continue
        if title is None and not paragraphs and len(texts) == 1 and is_dated_masthead(text):
            drops.append(DroppedLine(line, text, "date stamp"))  # read as the page's date (`stamp_date`)
            continue
        if title is None and not paragraphs and (
            looks_like_title(text) or (len(blocks) > 1 and looks_like_headline(text))
            or text == draft.meta.get("title")
        ):
            title = text
            continue
        if title is not None and not paragraphs and is_masthead(text):
            drops.append(DroppedLine(line, text, _MASTHEAD))
            continue
        heading = looks_like_heading(text) or (line in draft.heading_lines and len(texts) == 1)
        paragraphs.append(Paragraph(len(paragraphs) + 1, text, line, heading))
    return tuple(paragraphs), tuple(sorted(drops, key=lambda d: d.line)), title


# the marker of a list item opening a paragraph ("- ", "* ", "• "): layout, not the source's words
_LIST_MARKER = re.compile(r"^[-*•·▪◦‣–]\s+(?=\S)")
_MASTHEAD = "masthead line above the article (outlet, section or author)"
_RELEASE_KIND = re.compile(r"\s*(?:(?:press|media|news)\s+(?:release|statement|briefing|note|notice)|"
                           r"(?:official\s+|joint\s+)?statement|communiqu[eé])\s*[.:]?\s*", re.IGNORECASE)
_MASTHEAD_PARTS = re.compile(r"\s+[|·•]\s+")


def _outlet_line(text: str) -> bool:
    """The outlet's name alone on a line above the headline ("Drav Herald"), maybe with its
    edition or motto after a bar ("THE CORVELLA HERALD | Sunday Edition | Your Province, Your News")."""
    if ends_sentence(text):
        return False
    first, *rest = _MASTHEAD_PARTS.split(text)
    return (outlet_name(first) == first or issuing_body(first) is not None) and all(is_masthead(part) for part in rest)


_WRAP_WIDTH = 100  # hard-wrapped text keeps its lines shorter than this
_SHORT_LINE = 50  # a wrapped line is near the width; a short one ends its block (a headline, a name)
_PARAGRAPH_END = 0.8  # of the wrap width: a line ending a sentence this short ends its paragraph


def _split_stretch(stretch: list[tuple[int, str]], at_top: bool) -> list[tuple[int, list[str]]]:
    """One stretch of non-blank lines as paragraphs: joined if hard-wrapped, else split."""
    if not stretch:
        return []
    # The short lines opening a stretch that end no sentence (a headline, a name, a date) say
    # nothing of how the text was pasted: they are no wrapped line of a paragraph.
    lead = 0
    while lead < len(stretch) - 1 and len(stretch[lead][1]) < _SHORT_LINE and not ends_sentence(stretch[lead][1]):
        lead += 1
    inner = stretch[lead:-1]
    ended = sum(1 for _, text in inner if ends_sentence(text))
    pasted = bool(inner) and (
        ended * 2 >= len(inner) or any(len(text) > _WRAP_WIDTH for _, text in inner)
    )
    # Hard-wrapped copy with no blank line between paragraphs (wire copy pasted from a
    # terminal or an e-mail): a paragraph ends on a line that ends a sentence well short of the
    # width the text is wrapped at (a wrapped line stops short only when the next word is long).
    width = max(len(text) for _, text in stretch[lead:]) if not pasted else 0
    blocks: list[tuple[int, list[str]]] = []
    for index, (line, text) in enumerate(stretch):
        previous = stretch[index - 1][1] if index else None
        starts_new = (
            previous is None
            or _LIST_MARKER.match(text) is not None  # each item of a list is a paragraph of its own
            or (pasted and _starts_block(text))
            or (not pasted and index > lead and len(previous) <= _PARAGRAPH_END * width
                and ends_sentence(previous) and _starts_block(text))
            or (index == 1 and at_top and looks_like_headline(previous) and _starts_block(text))
            or (len(previous) < _SHORT_LINE and not ends_sentence(previous) and _starts_block(text))
        )
        if starts_new:
            blocks.append((line, [text]))
        else:
            blocks[-1][1].append(text)
    return blocks


def _starts_block(text: str) -> bool:
    """A line that can open a paragraph (not a sentence continued from the line before)."""
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"“‘'«(—–-•*[" or not first.isalpha()


def _finish(draft: _Draft, curation: Curation, reference: FuzzyDate | None) -> Article:
    paragraphs, drops, title_line = _paragraphs(draft)
    info = curation.sources.get(draft.id, SourceInfo(draft.id))
    notices = list(draft.notices)
    paragraphs, split_notices = bound_paragraphs(paragraphs, draft.path)
    notices.extend(split_notices)
    date, date_origin = draft.date, draft.date_origin
    if info.date is not None:
        date, date_origin = info.date, "curation"
    if date is None:
        inferred = stamp_date(paragraphs, drops, reference) or infer_date(paragraphs, reference)
        if inferred:
            date, date_origin = inferred[0], "inferred from text"
            notices.append(Notice(draft.path, 0, f"no date given; inferred {date.iso} from '{inferred[1]}'"))
        else:
            notices.append(Notice(draft.path, 0, "no date given and none found in the text"))
    if not paragraphs:
        notices.append(Notice(draft.path, 1, "no article text left after dropping page furniture"))
    page = set(draft.page_fields)
    outlet = info.outlet or (None if "outlet" in page else draft.meta.get("outlet"))
    inferred_outlet = None if outlet else (draft.meta.get("outlet") or infer_outlet(paragraphs, drops))
    title = info.title or (None if "title" in page else (draft.meta.get("title") or title_line))
    page_title = draft.meta.get("title") if "title" in page and not info.title else None
    return Article(
        id=draft.id,
        path=draft.path,
        title=title or page_title or infer_title(paragraphs),
        title_inferred=title is None,
        outlet=outlet or inferred_outlet,
        outlet_inferred=outlet is None and inferred_outlet is not None,
        url=info.url or draft.meta.get("url"),
        date=date,
        date_origin=date_origin,
        paragraphs=paragraphs,
        dropped=drops,
        notices=tuple(notices),
        reliability=info.reliability or draft.meta.get("reliability"),
        notes=info.notes or draft.meta.get("notes"),
        content_hash=draft.digest,
        page_fields=draft.page_fields,
    )
