"""The blast fixture as a principal reads it: the fire service's toll rising on its own, the
union's count beside it, the evacuation of a town and a village nobody's one place, people
never counted as buildings, the deaths that raised a toll not a toll, and every statement
named by who says it, never by the organisation named before it."""

from __future__ import annotations

from pathlib import Path

from dossier.pipeline import build
from dossier.render.paths import HOME, topic_page

HERE = Path(__file__).resolve().parent / "fixtures" / "blast"


def _build(tmp_path):
    return build(HERE / "seeds", HERE / "dossier.yml", pdf=False, snapshots=tmp_path)


def test_each_claimants_toll_rises_apart_and_the_evacuation_is_no_one_places(tmp_path):
    dossier = _build(tmp_path).dossier
    groups = {(g.metric, g.counted, g.place): [(f.display, f.claimant) for f in g.figures] for g in dossier.groups}
    assert groups[("killed", "people", "Lisk")] == [
        ("9", "regional fire service"), ("11", "regional fire service"), ("11", "BRN"), ("11", "regional fire service")]
    assert [v for v, who in groups[("killed", "workers", "Lisk")] if who == "Mette Saro"] == ["at least 12", "13"]
    assert groups[("displaced", "people", None)] == [("4,000", "Rivertone Gazette")]
    assert [v for v, _ in groups[("displaced", "people", "Lisk")]] == ["about 2,500", "about 400"]
    assert not any(f.metric == "buildings" for f in dossier.figures)
    # "rose to 11 after two injured workers died": the two are why it rose
    assert not any(f.display == "two" and f.metric == "killed" and not f.increment for f in dossier.figures)


def test_wire_copy_without_blank_lines_is_read_paragraph_by_paragraph(tmp_path):
    dossier = _build(tmp_path).dossier
    wire = dossier.article("baltic-radio-0607")
    assert len(wire.paragraphs) == 4
    shares = next(f for f in dossier.figures if f.display == "8%")
    assert shares.claimant == "BRN"  # not the spokeswoman quoted in the paragraph before


def test_the_pages_name_who_says_it(tmp_path):
    pages = _build(tmp_path).pages
    home, casualties = pages[HOME], pages[topic_page("casualties")]
    assert "**Kemora Chemicals**:" not in home + casualties  # "The union says ...": not the plant
    assert "*union, reported by BRN:*" in casualties
    for path, content in pages.items():
        if path.endswith(".md"):
            assert "Capital Post, reported by Capital Post" not in content, path
