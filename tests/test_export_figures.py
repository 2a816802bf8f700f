"""figures_json / figures_csv: the columns, stable order and byte-stable text."""

from __future__ import annotations

import csv
import io
import json

from dossier.analyse.figures import extract_figures
from dossier.curation import default_metrics as load_default_metrics
from dossier.assemble.figures import group_figures
from dossier.curation.model import Curation
from dossier.export.figures import COLUMNS, GROUP_COLUMNS, figures_csv, figures_json
from dossier.model import Article, FuzzyDate, Paragraph

CURATION = Curation(title="T", metrics=load_default_metrics())


def _figures():
    article = Article(id="kyiv", path="kyiv.txt", title="K", title_inferred=False, outlet="Národní",
                      outlet_inferred=False, url=None, date=FuzzyDate(2025, 4, 24), date_origin="marker",
                      paragraphs=(Paragraph(1, "The attack killed 12 people. More than 100 were injured.", 1),
                                  Paragraph(2, "In March, at least 3 000 soldiers arrived.", 3)))
    figures = extract_figures(article, CURATION)
    return figures, group_figures(figures, CURATION)


def test_json_rows_have_every_column_and_a_group():
    figures, groups = _figures()
    text = figures_json(figures, groups)
    assert text.endswith("}\n") and "Národní" in text
    rows = json.loads(text)["figures"]
    assert [r["value"] for r in rows] == [12, 100, 3000]
    assert all(set(r) == set(COLUMNS) for r in rows)
    first = rows[0]
    assert (first["source"], first["paragraph"], first["metric"], first["qualifier"], first["claimant_kind"],
            first["as_of"], first["quote"], first["topic"]) == (
        "kyiv", 1, "killed", "exact", "outlet", "2025-04-24", "The attack killed 12 people.", "")
    assert rows[2]["as_of"] == "2025-03"
    assert all(r["group"] for r in rows)


def test_json_is_byte_stable_whatever_the_input_order():
    figures, groups = _figures()
    assert figures_json(figures, groups) == figures_json(tuple(reversed(figures)), groups)


def test_csv_has_the_same_rows():
    figures, groups = _figures()
    text = figures_csv(figures, groups)
    assert "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["value"] for r in rows] == ["12", "100", "3000"]
    assert rows[0]["value_max"] == "" and rows[0]["excluded"] == "false"


def test_both_forms_of_each_value_and_the_structured_subject():
    from tests.test_figure_groups import fig

    figures = (fig("a", 2e10, "more_than", metric="money", counted="money", unit="USD", side="North Korea"),
               fig("t", 31, place="Dnipro"),
               fig("c", 6, counted="children", place="Dnipro", part_of="t", article="art-t"),
               fig("s", 28, place="Dnipro", superseded_by="t", article="art-t", origin="relative"))
    groups = group_figures(figures, CURATION)
    data = json.loads(figures_json(figures, groups))
    rows = {r["id"]: r for r in data["figures"]}
    assert (rows["a"]["value"], rows["a"]["display"], rows["a"]["side"]) == (20_000_000_000, "more than $20 billion",
                                                                             "North Korea")
    assert (rows["c"]["counted"], rows["c"]["place"], rows["c"]["part_of"]) == ("children", "Dnipro", "t")
    assert (rows["s"]["superseded_by"], rows["s"]["as_of_origin"]) == ("t", "relative")
    by_counted = {g["counted"]: g for g in data["groups"] if g["metric"] == "killed"}
    people, children = by_counted["people"], by_counted["children"]
    assert (people["display_range"], people["agreement"], people["latest"], people["parts"]) == (
        "28 – 31", "updated", "t", [children["id"]])
    assert children["part_of"] == people["id"] and people["claimants"] == ["HNGN"]
    assert set(data["groups"][0]) == set(GROUP_COLUMNS)
    csv_rows = list(csv.DictReader(io.StringIO(figures_csv(figures, groups))))
    money = next(r for r in csv_rows if r["id"] == "a")
    assert (money["value"], money["display"]) == ("20000000000", "more than $20 billion")


# The table as it was written cell by cell (one dict per row, csv.DictWriter): the fast, column
# at a time writing must give the same bytes, hostile text included.
def _reference_csv(figures, groups):
    from dossier.export.figures import figure_rows, spreadsheet_safe

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in figure_rows(figures, groups):
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else spreadsheet_safe(v))
                         for k, v in row.items()})
    return out.getvalue()


def _reference_json(figures, groups):
    from dossier.export import to_json
    from dossier.export.figures import figure_rows, group_rows

    return to_json({"figures": figure_rows(figures, groups), "groups": group_rows(groups)})


HOSTILE = ("=cmd|' /c calc'!A0", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a,b", 'say "x"', "two\nlines", "cr\rinside",
           "", "ok", "Národní", "trailing ", " leading", "nul\x00=x", "'already")


def _hostile_figures():
    import dataclasses
    from tests.test_figure_groups import fig

    figures = []
    for n, text in enumerate(HOSTILE):
        figures.append(dataclasses.replace(
            fig(f"h{n}", n + 0.5 if n % 2 else n, article=text or "a", claimant=text, place=text or None,
                side=None if n % 3 else text, correction=text if n % 4 == 0 else None, topics=(text, "t")),
            sentence=text, text=text, label=text, excluded=n % 5 == 0, background=n % 2 == 0))
    return tuple(figures)


def test_hostile_text_is_written_as_cell_by_cell():
    from dossier.export.figures import figures_downloads

    figures = _hostile_figures()
    groups = group_figures(figures, CURATION)
    text = figures_csv(figures, groups)
    assert text == _reference_csv(figures, groups)
    assert figures_json(figures, groups) == _reference_json(figures, groups)
    assert tuple(map(b"".join, figures_downloads(figures, groups))) == (figures_json(figures, groups).encode("utf-8"),
                                                                       text.encode("utf-8"))
    assert ",'=cmd|' /c calc'!A0," in text and ",'\rx," in text and ",'-1," in text and ',"a,b",' in text


def test_columns_of_unexpected_types_are_written_cell_by_cell():
    import dataclasses

    figures = tuple(dataclasses.replace(f, excluded=None if n else True, background=1 if n else False)
                    for n, f in enumerate(_hostile_figures()))
    assert figures_csv(figures, ()) == _reference_csv(figures, ())


def test_the_default_figures_are_written_as_cell_by_cell():
    figures, groups = _figures()
    assert figures_csv(figures, groups) == _reference_csv(figures, groups)
    assert figures_json(figures, groups) == _reference_json(figures, groups)
    assert figures_csv((), ()) == ",".join(COLUMNS) + "\n" and json.loads(figures_json((), ())) == {
        "figures": [], "groups": []}


def test_downloads_written_a_few_rows_at_a_time_are_the_same_bytes(monkeypatch):
    """The downloads are made a chunk of rows at a time (never whole in memory): every chunk
    size, one row included, gives the bytes of the whole table formatted at once."""
    import dossier.export.figures as exported

    figures, groups = _figures()
    hostile = _hostile_figures()
    for given in ((figures, groups), (hostile, group_figures(hostile, CURATION)), ((), ()), (figures, ())):
        expected = (_reference_json(*given), _reference_csv(*given))
        for size in (1, 2, 3, 2048):
            monkeypatch.setattr(exported, "DOWNLOAD_CHUNK", size)
            assert (figures_json(*given), figures_csv(*given)) == expected
    assert len(hostile) > 3 and len(groups) > 1  # more than one chunk of each at the small sizes
