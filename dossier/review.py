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
        ("Disputed figures", _disputes(dossier)),
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


def _disputes(dossier: Dossier) -> list[str]:
    """Groups where different claimants give values that cannot both be true as of the same
    date (agreement "differ"), each with both sides' claimant, as-of and place in the sources.
    A later count (agreement "updated") is not a dispute and is not listed."""
    lines = []
    for group in dossier.groups:
        if group.agreement != "differ":
            continue
        by_id = {f.id: f for f in group.figures}
        origin = dict(zip((f.id for f in group.figures), group.originators))
        for low, high in zip(group.disputed[::2], group.disputed[1::2]):
            sides = [by_id[low], by_id[high]]
            said = "; ".join(f"{f.display} according to {origin[f.id]} as of {_as_of(f)} "
                             f"({_where(dossier, f.source.article, f.source.paragraph)})" for f in sides)
            lines.append(f"{group.label}, {group.subject}: {said}")
    return lines


def _as_of(figure) -> str:
    if figure.as_of is None:
        return "no date"
    return figure.as_of.iso + (" (the article's date)" if figure.as_of_origin == "article" else "")


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
