"""The briefing PDF: the rendered pages as one print document, typeset by WeasyPrint.

    report = build_pdf(dossier, render_pages(dossier), Path("site/briefing.pdf"))

Why WeasyPrint on our own print HTML rather than a MkDocs PDF plugin: we control the cover,
the contents (page numbers from CSS `target-counter`), page breaks and running headers, we
avoid Material's flex layout (which WeasyPrint does not paginate), and the PDF is the same
whether it is written by `mkdocs build` or by `dossier pdf`, with no MkDocs build needed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2

from dossier import __version__, processes
from dossier.errors import DossierError
from dossier.pdf.document import (
    DEFAULT_EXTENSIONS,
    PrintDocument,
    build_document,
    page_slug,
)

__all__ = [
    "DEFAULT_EXTENSIONS",
    "PdfError",
    "PdfReport",
    "build_pdf",
    "page_slug",
    "print_html",
]

HERE = Path(__file__).parent
STYLESHEET = HERE / "briefing.css"
TEMPLATE = "briefing.html.j2"

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)

# The last PDF built in this process, by the digest of its input: `mkdocs serve` rebuilds
# after every change, and most changes leave the briefing as it was.
_last: dict[str, Any] = {}


class PdfError(DossierError):
    """The PDF could not be written."""


@dataclass(frozen=True)
class PdfReport:
    """What `build_pdf` wrote."""

    path: Path
    pages: int  # PDF pages
    seconds: float
    bytes: int
    cached: bool = False  # True when the same input was already typeset in this process
    warnings: tuple[str, ...] = ()  # what WeasyPrint warned about (missing anchors, CSS)
    skipped: tuple[str, ...] = ()  # site pages left out of the briefing

    def __str__(self) -> str:
        how = " (unchanged)" if self.cached else ""
        return f"{self.path}: {self.pages} pages in {self.seconds:.1f} s{how}"


#: Annexes printed only on request (`dossier pdf --annex sources`, the plugin's
#: `pdf_annexes`): each source's full cleaned text, and the methodology with its review lists.
ANNEXES = ("sources",)
#: The record printed after the briefing, always: bounded by the briefing, not the input.
RECORD = ("figures.md", "timeline.md", "sources/index.md")


def print_pages(dossier: Any, pages: Mapping[str, str], annexes: Iterable[str] = (),
                changes: Any = None) -> dict[str, str]:
    """The pages the PDF prints: the briefing (in the home page's place), then bounded
    annexes of figures, timeline and sources (their rows capped, so the PDF's size follows the
    briefing, not the input); with the `sources` annex, the site's full pages: every source's
    text and the methodology with its review lists."""
    annexes = set(annexes)
    unknown = annexes - set(ANNEXES)
    if unknown:
        raise PdfError(f"unknown PDF annex {', '.join(sorted(unknown))}; known annexes: {', '.join(ANNEXES)}")
    if getattr(dossier, "briefing", None) is not None:
        from dossier.render.pages import render_print_pages

        printed = render_print_pages(dossier, changes=changes)
    else:
        printed = {path: pages[path] for path in ("index.md", *RECORD) if path in pages}
    if "sources" in annexes:
        printed.update({p: text for p, text in pages.items() if p.startswith("sources/")})
        if "methodology.md" in pages:
            printed["methodology.md"] = pages["methodology.md"]
    return printed


def print_html(
    dossier: Any,
    pages: Mapping[str, str],
    *,
    markdown_extensions: Iterable[Any] = DEFAULT_EXTENSIONS,
    extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
    docs_dir: Path | None = None,
    site_url: str | None = None,
    annexes: Iterable[str] = (),
    changes: Any = None,
) -> tuple[str, PrintDocument]:
    """The print document as one HTML string (the input WeasyPrint typesets)."""
    annexes = tuple(annexes)
    document = build_document(
        print_pages(dossier, pages, annexes, changes),
        dossier,
        markdown_extensions=markdown_extensions,
        extension_configs=extension_configs,
        docs_dir=docs_dir,
        site_url=site_url,
    )
    articles = tuple(getattr(dossier, "articles", ()))
    outlets = sorted({a.outlet for a in articles if getattr(a, "outlet", None)})
    figures = [f for f in getattr(dossier, "figures", ()) if not getattr(f, "excluded", False)]
    as_of = getattr(dossier, "as_of", None)
    context = {
        "lang": "en",
        "title": getattr(dossier, "title", "") or "Briefing",
        "subtitle": getattr(dossier, "subtitle", "") or "",
        "as_of": as_of.human() if as_of is not None else None,
        "source_count": len(articles),
        "outlets": _join(outlets) if 0 < len(outlets) <= 6 else "",
        "topic_count": len(getattr(dossier, "topics", ())),
        "figure_count": len(figures),
        "group_count": len(getattr(dossier, "groups", ())),
        "version": __version__,
        "created": _created(),
        "document": document,
        "full_sources": "sources" in annexes,
    }
    return _environment.get_template(TEMPLATE).render(context), document


def build_pdf(
    dossier: Any,
    pages: Mapping[str, str],
    out: Path,
    markdown_extensions: Iterable[Any] = DEFAULT_EXTENSIONS,
    extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    docs_dir: Path | None = None,
    site_url: str | None = None,
    annexes: Iterable[str] = (),
    changes: Any = None,
    in_worker: bool = False,
) -> PdfReport:
    """Write the briefing PDF of `dossier` (its rendered `pages`) to `out`.

    `markdown_extensions` and `extension_configs` are the site's (MkDocs'
    `config.markdown_extensions` and `config.mdx_configs`); `docs_dir` resolves images;
    `site_url`, when known, turns links to pages the briefing leaves out into web links;
    `annexes` adds what is printed only on request (see `ANNEXES`); `changes`, what changed
    since the last briefing (printed after the bottom line). `in_worker`: typeset in a worker
    process (kept for the next call), so a long typesetting never holds this process's
    interpreter (`mkdocs serve` goes on rebuilding pages meanwhile).
    """
    started = time.perf_counter()
    text, document = print_html(
        dossier,
        pages,
        markdown_extensions=list(markdown_extensions),
        extension_configs=extension_configs,
        docs_dir=docs_dir,
        site_url=site_url,
        annexes=annexes,
        changes=changes,
    )
    css = STYLESHEET.read_text(encoding="utf-8")
    digest = hashlib.sha256(f"{text}\x00{css}\x00{_weasyprint_version()}".encode()).hexdigest()
    out = Path(out)
    if _last.get("digest") == digest:
        data, page_count, warnings = _last["data"], _last["pages"], _last["warnings"]
        cached = True
    else:
        if in_worker:
            data, page_count, warnings = _worker().submit(_typeset, text, css, digest, docs_dir).result()
        else:
            data, page_count, warnings = _typeset(text, css, digest, docs_dir)
        _last.update(digest=digest, data=data, pages=page_count, warnings=warnings)
        cached = False
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not (out.is_file() and out.read_bytes() == data):
            out.write_bytes(data)
    except OSError as error:
        raise PdfError(f"{out}: cannot write the PDF: {error.strerror or error}") from error
    return PdfReport(
        path=out,
        pages=page_count,
        seconds=time.perf_counter() - started,
        bytes=len(data),
        cached=cached,
        warnings=warnings,
        skipped=document.skipped,
    )


@functools.lru_cache(maxsize=1)
def _worker() -> ProcessPoolExecutor:
    """One typesetting process (`dossier.processes`: a fresh interpreter, safe beside `mkdocs
    serve`'s threads), started on first use and ended with this process."""
    return processes.pool(1)


def _typeset(text: str, css: str, digest: str, docs_dir: Path | None) -> tuple[bytes, int, tuple[str, ...]]:
    import weasyprint  # imported here: it takes a second to load, and only the PDF needs it

    base_url = (docs_dir or Path.cwd()).resolve().as_uri() + "/"
    with _captured("weasyprint") as messages:
        fetcher = local_url_fetcher([docs_dir] if docs_dir else [])
        document = weasyprint.HTML(string=text, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[weasyprint.CSS(string=css, url_fetcher=fetcher)],
        )
        document.metadata.attachments = []  # nothing from the input is embedded in the PDF
        data = document.write_pdf(
            pdf_identifier=digest[:32].encode("ascii"),
            uncompressed_pdf=False,
        )
    return data, len(document.pages), tuple(dict.fromkeys(messages))


def local_url_fetcher(roots: list[Path]):
    """A WeasyPrint URL fetcher that loads only files inside `roots` (the site's own assets in
    docs/) and this package's folder: every other file (`file:///proc/self/environ`), and every
    network or `data:` address, is refused, so nothing outside the project reaches the PDF."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    allowed = [Path(__file__).resolve().parent, *(Path(r).resolve() for r in roots)]

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in allowed):
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"refused to load {url[:200]}: the PDF loads only the site's own files")

    return LocalFetcher(allowed_protocols=("file",), allow_redirects=False)


class _captured:
    """Collect a logger's warnings for the report instead of printing them."""

    def __init__(self, name: str):
        self.logger = logging.getLogger(name)
        self.messages: list[str] = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.messages.append(record.getMessage())  # type: ignore[method-assign]

    def __enter__(self) -> list[str]:
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False
        return self.messages

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate


def _created() -> str | None:
    """The PDF's creation date: `SOURCE_DATE_EPOCH` when set, else none (reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError) as error:
        raise PdfError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from error
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _weasyprint_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:  # only part of a cache key
        return "?"
