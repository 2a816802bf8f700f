"""Assemble alone on the quake fixture's figures as analyse should give them (hand-built from
tests/fixtures/quake/seeds, one row per number an analyst would note): what is grouped with
what, parts under their total, the latest toll, updates vs disputes, and what `dossier check`
lists. Independent of how well extraction does on the same text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.assemble.figures import group_figures
from dossier.curation.schema import load_curation
from dossier.model import Figure, FuzzyDate, SourceRef
from dossier.pipeline import build_dossier
from dossier.review import review_lines
from tests.conftest import FIXTURES

QUAKE = FIXTURES / "quake"
FEB = {d: FuzzyDate(2026, 2, d) for d in range(1, 29)}
ARTICLES = {"m3": "meridian-0203", "h4": "zarin-herald-0204", "c5": "capital-news-0205",
            "r5": "relief-wire-0205", "m7": "meridian-0207"}
CD, HM, GOV = "Civil Defence Directorate", "Health Ministry", "Leyla Hamsi"

# id, article, day, value, qualifier, metric, counted, place, side, unit, claimant, kind, extra
ROWS = [
    ("m3-killed", "m3", 3, 38, "at_least", "killed", "people", None, None, "people", CD, "organisation", {}),
    ("m3-injured", "m3", 3, 200, "more_than", "injured", "people", None, None, "people", CD, "organisation", {}),
    ("m3-kessaran", "m3", 3, 21, "exact", "killed", "people", "Kessaran", None, "people", CD, "organisation", {}),
    ("m3-vardi", "m3", 3, 11, "exact", "killed", "people", "Vardi", None, "people", CD, "organisation", {}),
    ("h4-killed", "h4", 4, 112, "exact", "killed", "people", None, None, "people", HM, "organisation", {}),
    ("h4-children", "h4", 4, 19, "exact", "killed", "children", None, None, "people", HM, "organisation",
     {"part_of": "h4-killed"}),
    ("h4-injured", "h4", 4, 640, "exact", "injured", "people", None, None, "people", HM, "organisation", {}),
    ("h4-serious", "h4", 4, 85, "exact", "injured", "people", None, None, "people", HM, "organisation",
     {"part_of": "h4-injured"}),
    ("h4-kessaran", "h4", 4, 71, "exact", "killed", "people", "Kessaran", None, "people", HM, "organisation", {}),
    ("h4-vardi", "h4", 4, 29, "exact", "killed", "people", "Vardi", None, "people", HM, "organisation", {}),
    ("h4-olmet", "h4", 4, 12, "exact", "killed", "people", "Olmet", None, "people", HM, "organisation", {}),
    ("h4-rescued", "h4", 4, 23, "exact", "rescued", "people", None, None, "people", CD, "organisation", {}),
    ("h4-missing", "h4", 4, 60, "at_least", "missing", "people", "Kessaran", None, "people", "Zarin Herald",
     "outlet", {}),
    ("c5-governor", "c5", 5, 187, "exact", "killed", "people", None, None, "people", GOV, "person", {}),
    ("c5-civil", "c5", 5, 176, "exact", "killed", "people", None, None, "people", CD, "organisation", {}),
    ("c5-collapsed", "c5", 5, 1400, "more_than", "buildings_destroyed", "buildings", None, None, "buildings", GOV,
     "person", {}),
    ("c5-damaged", "c5", 5, 3100, "exact", "buildings_damaged", "buildings", None, None, "buildings", GOV,
     "person", {}),
    ("c5-rescued", "c5", 5, 31, "exact", "rescued", "people", None, None, "people", CD, "organisation", {}),
    ("c5-missing", "c5", 5, 40, "approx", "missing", "people", None, None, "people", "Capital News Network",
     "outlet", {}),
    ("c5-displaced", "c5", 5, 9000, "exact", "displaced", "people", None, None, "people", GOV, "person", {}),
    ("r5-eu", "r5", 5, 5e6, "exact", "money", "money", None, "European Union", "EUR", "OCHA", "organisation", {}),
    ("r5-us", "r5", 5, 4.5e6, "exact", "money", "money", None, "United States", "USD", "OCHA", "organisation", {}),
    ("r5-displaced", "r5", 5, 12000, "approx", "displaced", "people", None, None, "people", "OCHA", "organisation",
     {}),
    ("m7-killed", "m7", 7, 214, "exact", "killed", "people", None, None, "people", HM, "organisation", {}),
    ("m7-children", "m7", 7, 41, "exact", "killed", "children", None, None, "people", HM, "organisation",
     {"part_of": "m7-killed"}),
    ("m7-injured", "m7", 7, 900, "more_than", "injured", "people", None, None, "people", HM, "organisation", {}),
    ("m7-missing", "m7", 7, 9, "exact", "missing", "people", None, None, "people", CD, "organisation", {}),
    ("m7-kessaran", "m7", 7, 126, "exact", "killed", "people", "Kessaran", None, "people", "Bora Yilmaz", "person",
     {}),
    ("m7-displaced", "m7", 7, 15000, "more_than", "displaced", "people", None, None, "people", GOV, "person", {}),
]


def figures() -> tuple[Figure, ...]:
    return tuple(
        Figure(id=fid, source=SourceRef(ARTICLES[art], 1, 0, 1), value=value, value_max=None, qualifier=qualifier,
               unit=unit, metric=metric, label=metric.replace("_", " ").capitalize(), subject=counted,
               claimant=claimant, claimant_kind=kind, as_of=FEB[day], as_of_stated=True, sentence="s",
               text=str(value), counted=counted, place=place, side=side, as_of_origin="stated", **extra)
        for fid, art, day, value, qualifier, metric, counted, place, side, unit, claimant, kind, extra in ROWS
    )


@pytest.fixture(scope="module")
def groups():
    return {tuple(sorted(f.id for f in g.figures)): g
            for g in group_figures(figures(), load_curation(QUAKE / "dossier.yml"))}


def group_of(groups, figure_id):
    return next(g for members, g in groups.items() if figure_id in members)


@pytest.mark.parametrize(
    "members",
    [
        ("c5-civil", "c5-governor", "h4-killed", "m3-killed", "m7-killed"),  # the toll of the whole province
        ("h4-kessaran", "m3-kessaran", "m7-kessaran"),  # one town, never another
        ("h4-vardi", "m3-vardi"),
        ("h4-olmet",),
        ("h4-children", "m7-children"),  # children apart from the people
        ("h4-serious",),  # "85 of them seriously": a part, not a rival of 640
        ("h4-injured", "m3-injured", "m7-injured"),
        ("c5-missing", "m7-missing"),  # Kessaran's 60 missing stay in Kessaran
        ("h4-missing",),
        ("c5-rescued", "h4-rescued"),
        ("c5-collapsed",), ("c5-damaged",),
        ("r5-eu",), ("r5-us",),  # euros never meet dollars
        ("c5-displaced", "m7-displaced", "r5-displaced"),
    ],
)
def test_each_group_holds_one_thing(groups, members):
    assert tuple(sorted(members)) in groups, sorted(groups)


def test_parts_sit_under_their_total(groups):
    toll, children = group_of(groups, "m7-killed"), group_of(groups, "m7-children")
    injured, serious = group_of(groups, "m7-injured"), group_of(groups, "h4-serious")
    assert children.part_of == toll.id and toll.parts == (children.id,)
    assert serious.part_of == injured.id and injured.parts == (serious.id,)
    ordered = [g.id for g in group_figures(figures(), load_curation(QUAKE / "dossier.yml"))]
    assert ordered.index(children.id) == ordered.index(toll.id) + 1


@pytest.mark.parametrize(
    "figure_id, agreement, display_range, latest, note",
    [
        ("m7-killed", "differ", "at least 38 – 214", "m7-killed",
         "176 according to Civil Defence Directorate; 187 according to Leyla Hamsi, both 5 February 2026. "
         "Five reports from three claimants."),
        ("m7-kessaran", "updated", "21 – 126", "m7-kessaran",
         "The figure rose from 21 (Civil Defence Directorate, 3 February 2026) to 71 (Health Ministry, "
         "4 February 2026), then 126 (Bora Yilmaz, 7 February 2026)."),
        ("m7-children", "updated", "19 – 41", "m7-children",
         "Health Ministry's count rose from 19 (4 February 2026) to 41 (7 February 2026)."),
        ("m7-injured", "updated", "more than 200 – more than 900", "m7-injured",
         "The figure rose from more than 200 (Civil Defence Directorate, 3 February 2026) to 640 "
         "(Health Ministry, 4 February 2026), then more than 900 (Health Ministry, 7 February 2026)."),
        ("m7-missing", "updated", "9 – about 40", "m7-missing",
         "The figure fell from about 40 (Capital News Network, 5 February 2026) to 9 (Civil Defence Directorate, "
         "7 February 2026)."),
        ("c5-rescued", "updated", "23 – 31", "c5-rescued",
         "Civil Defence Directorate's count rose from 23 (4 February 2026) to 31 (5 February 2026)."),
        ("m7-displaced", "differ", "9,000 – more than 15,000", "m7-displaced",
         "9,000 according to Leyla Hamsi; about 12,000 according to OCHA, both 5 February 2026."),
        ("r5-eu", "single", "€5 million", "r5-eu", "One source: €5 million according to OCHA (5 February 2026)."),
        ("r5-us", "single", "$4.5 million", "r5-us", "One source: $4.5 million according to OCHA (5 February 2026)."),
    ],
)
def test_each_group_reads_as_an_analyst_would_write_it(groups, figure_id, agreement, display_range, latest, note):
    group = group_of(groups, figure_id)
    assert (group.agreement, group.display_range, group.latest.id, group.note) == (
        agreement, display_range, latest, note)


def test_claimants_are_the_independent_originators(groups):
    assert group_of(groups, "m7-killed").claimants == (CD, HM, GOV)


def test_check_lists_exactly_the_disputes_with_both_sides():
    dossier = build_dossier(QUAKE / "seeds", QUAKE / "dossier.yml")
    curation = load_curation(QUAKE / "dossier.yml")
    dossier = replace(dossier, figures=figures(), groups=group_figures(figures(), curation))
    lines = review_lines(dossier)
    start = next(i for i, line in enumerate(lines) if line.startswith("# Disputed figures"))
    assert lines[start] == "# Disputed figures (2)"
    assert lines[start + 1] == (
        "Killed, people: 176 according to Civil Defence Directorate as of 2026-02-05 "
        "(seeds/capital-news-0205.txt:4: ¶1); 187 according to Leyla Hamsi as of 2026-02-05 "
        "(seeds/capital-news-0205.txt:4: ¶1)")
    assert lines[start + 2] == (
        "Displaced, people: 9,000 according to Leyla Hamsi as of 2026-02-05 (seeds/capital-news-0205.txt:4: ¶1); "
        "about 12,000 according to OCHA as of 2026-02-05 (seeds/relief-wire-0205.txt:3: ¶1)")
    assert lines[start + 3] == ""
