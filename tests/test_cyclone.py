"""The cyclone fixture as an analyst reads its figures: each town's toll apart, the overall toll
apart from both, children a part of their town's dead, an unplaced count left unplaced."""

from __future__ import annotations

from pathlib import Path

from dossier.pipeline import build_dossier

HERE = Path(__file__).resolve().parent / "fixtures" / "cyclone"


def test_each_towns_toll_and_the_overall_toll_rise_apart():
    dossier = build_dossier(HERE / "seeds", HERE / "dossier.yml")
    groups = {(g.metric, g.place): [f.display for f in g.figures] for g in dossier.groups
              if g.metric in ("killed", "children_killed")}
    assert groups == {
        ("killed", None): ["31", "38"],
        ("killed", "Port Varna"): ["at least 14", "22", "27"],
        ("killed", "Talsey"): ["3", "9", "11"],
        ("children_killed", "Port Varna"): ["5", "7"],
    }
    latest = {(g.metric, g.place): (g.latest.display, g.latest.claimant) for g in dossier.groups
              if g.metric == "killed"}
    assert latest[("killed", None)] == ("38", "National Disaster Agency")
    assert latest[("killed", "Talsey")] == ("11", "National Disaster Agency")


def test_a_count_of_a_two_town_article_that_names_no_town_is_nobodys_town():
    dossier = build_dossier(HERE / "seeds", HERE / "dossier.yml")
    unplaced = {f.display for f in dossier.figures if f.place is None and f.metric in ("injured", "displaced")}
    assert {"140", "18,000", "about 25,000"} <= unplaced
    assert not any(f.claimant.startswith(("where ", "when ")) for f in dossier.figures)
    assert not any(f.metric == "participants" for f in dossier.figures)  # "March 12" is no march, 190 km/h no crowd
