"""What the machine was unsure of, for `dossier check`: one finding a line, grouped by kind.

Lines under a `# heading` are findings; a heading with nothing under it is followed by
`  none`. Each finding names the file (and line or paragraph) it is about.
"""

from __future__ import annotations

from dossier.model import Dossier


def review_lines(dossier: Dossier) -> list[str]:
    sections = [
        ("Notes on the input", [str(n) for n in dossier.notices]),
        ("Undated articles", _undated(dossier)),
        ("Figures without a named claimant", _unattributed(dossier)),
        ("Conflicting figures", _conflicts(dossier)),
        ("Paragraphs that match no topic", _unmatched(dossier)),
        ("Lines dropped as page furniture", _dropped(dossier)),
    ]
    lines: list[str] = []
    for title, findings in sections:
        lines.append(f"# {title} ({len(findings)})")
        lines.extend(findings or ["  none"])
        lines.append("")
    return lines[:-1]


def _where(dossier: Dossier, article_id: str, paragraph: int) -> str:
    article = dossier.article(article_id)
    return f"{article.path}:{article.paragraph(paragraph).line}: ¶{paragraph}"


def _undated(dossier: Dossier) -> list[str]:
    return [
        f"{a.path}: {'no date found' if a.date is None else f'date {a.date.iso} inferred from the ' + ('saved page' if 'date' in a.page_fields else 'text')}"
        for a in dossier.articles
        if a.date is None or a.date_inferred
    ]


def _unattributed(dossier: Dossier) -> list[str]:
    return [
        f"{_where(dossier, f.source.article, f.source.paragraph)}: {f.text} ({f.label}) "
        f"attributed to the outlet {f.claimant}"
        for f in dossier.figures
        if f.claimant_kind == "outlet" and not f.excluded
    ]


def _conflicts(dossier: Dossier) -> list[str]:
    return [
        f"{g.label}, {g.subject}: {g.agreement.replace('_', ' ')}: {g.note}"
        for g in dossier.groups
        if g.agreement in ("conflict", "differ_over_time")
    ]


def _unmatched(dossier: Dossier) -> list[str]:
    return [
        f"{_where(dossier, ref.article, ref.paragraph)}: "
        f"{_clip(dossier.article(ref.article).paragraph(ref.paragraph).text)}"
        for ref in dossier.unmatched
    ]


def _dropped(dossier: Dossier) -> list[str]:
    return [
        f"{a.path}:{line.line}: {line.reason}: {_clip(line.text)}"
        for a in dossier.articles
        for line in a.dropped
    ]


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
