"""Figure tables, row by row in Python: the record and the source pages hold tens of thousands
of rows, and a row made by nested Jinja macros costs several times as much.

`_partials/figures.md.j2` calls these; they print exactly what its macros printed. Every value
goes through `markdown` as the template would put it: `md.cell` where the template used the
`cell` filter, `md.finalize` for any other `{{ }}` value. Strings are joined as plain `str`
(adding text to a `Markup` would escape it again) and the table is marked safe once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from dossier.analyse.numbers import PERCENT_SIGN
from dossier.model import Figure, FigureGroup
from dossier.render import markdown as md
from dossier.render.paths import COMPARISON_ROWS, figures_page

AGREEMENT_LABELS = {  # FigureGroup.agreement -> what a reader sees
    "single": "one source",
    "agree": "sources agree",
    "updated": "updated",
    "differ": "disputed",
}

FIGURES_HEADER = (
    "| What | Value | Claimed by | As of | Source | Across sources |\n"
    "|:-----|:------|:-----------|:------|:-------|:---------------|\n"
)
COMPARISON_HEADER = (
    "| Source | Value | Claimed by | As of |\n"
    "|:-------|:------|:-----------|:------|\n"
)


def figures_table(links, group_of: Mapping[str, FigureGroup], figures: Iterable[Figure], anchors: bool = False) -> Markup:
    """A table of figures, one row each; `anchors` puts an id on each row (the table of every
    figure only: ids are unique there). `links`: the page's `Links`."""
    rows = [FIGURES_HEADER]
    for f in figures:
        g = group_of.get(f.id)
        label = md.cell(f.label)
        value, as_of = _cells(links.memo, f)
        rows.append("".join((
            "| ",
            f'<span id="f-{md.finalize(f.id)}"></span>' if anchors else "",
            f"[{label}]({links.group(g)})" if g else label,
            f": {md.cell(g.subject if g else f.subject)} | {value} | {md.cell(f.claimant)}",
            " *(outlet; no one named)*" if f.claimant_kind == "outlet" else "",
            f" | {as_of} | {links.cite(f.source)} | ",
            md.finalize(AGREEMENT_LABELS[g.agreement]) if g else "—",
            " |\n",
        )))
    return Markup("".join(rows))


def group_comparison(links, group: FigureGroup) -> Markup:
    """The figures of one group side by side: source, value, who claimed it, as of when.

    A group of more than COMPARISON_ROWS reports shows each distinct claim (claimant or
    originator, value as read, as of) once, the latest report standing for its own claim, at
    most COMPARISON_ROWS rows with the latest always among them; the reports left out are
    counted under the table, so a figure carried by hundreds of articles stays a short table
    (each report is on its source's page and in the table of every figure)."""
    rows = [COMPARISON_HEADER]
    several = len(group.figures) > 1
    shown, rest, sources = compared_rows(links.memo, group)
    for f, origin in shown:
        value, as_of = _cells(links.memo, f)
        rows.append("".join((
            f"| {links.cite(f.source)} | {value}",
            " *(latest)*" if several and f.id == group.latest.id else "",
            f" | {md.cell(f.claimant)}",
            f" *(the same value as {md.cell(origin)})*" if origin != f.claimant else "",
            f" | {as_of} |\n",
        )))
    if rest:
        rows.append(f"\n*{rest:,} more report{'s' if rest != 1 else ''} of these claims"
                    f"{f' in {sources:,} other source' + ('s' if sources != 1 else '') if sources else ''}, each in the "
                    f"[table of every figure]({links.to(figures_page(1))}) and on its source's page.*\n")
    return Markup("".join(rows))


def compared_rows(memo: dict, group: FigureGroup) -> tuple[list[tuple[Figure, str]], int, int]:
    """The (figure, originator) rows a group's comparison shows (`_distinct_claims` past
    COMPARISON_ROWS), how many reports it leaves out and in how many other sources. Made once
    per build (`memo`: the build's): a disputed group of thousands of reports is compared on
    the page of each of its topics."""
    key = ("compared", group.id)
    found = memo.get(key)
    if found is None:
        pairs = list(zip(group.figures, _originators(group)))
        shown = pairs if len(pairs) <= COMPARISON_ROWS else _distinct_claims(pairs, group.latest.id)
        rest = len(pairs) - len(shown)
        sources = len({f.source.article for f, _ in pairs} - {f.source.article for f, _ in shown}) if rest else 0
        found = memo[key] = (shown, rest, sources)
    return found


def _distinct_claims(pairs: list[tuple[Figure, str]], latest: str) -> list[tuple[Figure, str]]:
    """One (figure, originator) per distinct claim, in the group's order, the latest report
    standing for its claim; at most COMPARISON_ROWS, the latest kept."""
    by_claim: dict[tuple, tuple[Figure, str]] = {}
    for pair in pairs:
        f, origin = pair
        claim = (origin, f.claimant, f.display, f.as_of, f.as_of_time)
        if claim not in by_claim or f.id == latest:
            by_claim[claim] = pair
    chosen = {id(pair) for pair in by_claim.values()}
    distinct = [pair for pair in pairs if id(pair) in chosen]
    if len(distinct) <= COMPARISON_ROWS:
        return distinct
    others = [pair for pair in distinct if pair[0].id != latest][:COMPARISON_ROWS - 1]
    kept = {id(pair) for pair in others}
    return [pair for pair in distinct if id(pair) in kept or pair[0].id == latest]


def _originators(group: FigureGroup) -> tuple[str, ...]:
    if len(group.originators) < len(group.figures):  # as the template did: a missing one fails the build
        raise ValueError(f"figure group {group.id}: {len(group.figures)} figures, {len(group.originators)} originators")
    return group.originators


def _cells(memo: dict, f: Figure) -> tuple[str, str]:
    """`value_cell` and `as_of_cell` of a figure, made once per build (`memo`: the build's):
    a figure is shown on its source page, in the table of every figure, in its group and on
    its topics' pages."""
    key = ("figure cells", f.id)
    cells = memo.get(key)
    if cells is None:
        cells = memo[key] = (value_cell(f), as_of_cell(f))
    return cells


def value_cell(f: Figure) -> str:
    """The value as read ("more than 100"), bold (struck through when the analyst excluded
    it), then the words of the source when they differ, and any correction."""
    display = f.display
    parts = [f"~~{md.cell(display)}~~ *(excluded by the analyst)*" if f.excluded else f"**{md.cell(display)}**"]
    if _digits(f.text) != _digits(display):
        parts.append(f" “{md.cell(f.text)}”")
    if f.superseded_by:
        parts.append(" *(superseded in the same report)*")
    if f.correction:
        parts.append(f" *({md.cell(f.correction)})*")
    return "".join(parts)


def as_of_cell(f: Figure) -> str:
    """`2025-04-24 18:00 *(article date)*`, or `undated`."""
    if not f.as_of:
        return "undated"
    return "".join((
        str(md.finalize(f.as_of.iso)),
        f" {md.finalize(f.as_of_time)}" if f.as_of_time else "",
        " *(article date)*" if f.as_of_origin == "article" else "",
    ))


def _digits(text: object) -> str:
    """The number as written without separators or spaces, in lower case, a percentage's sign
    as "%" ("11,000" and "11000" are the same number, "78 percent" and "78%" too)."""
    return PERCENT_SIGN.sub("%", str(text)).replace(",", "").replace(" ", "").lower()
