"""figures_json / figures_csv: the columns, stable order and byte-stable text."""

from __future__ import annotations

import csv
import io
import json

from dossier.analyse.figures import extract_figures
from dossier.curation import default_metrics as load_default_metrics
from dossier.assemble.figures import group_figures
from dossier.curation.model import Curation
from dossier.export.figures import COLUMNS, figures_csv, figures_json
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
