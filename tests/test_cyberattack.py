"""A dossier of an event that counts no dead (tests/fixtures/cyberattack): a ransomware attack
on the hospitals of two cities, over six days, in four shapes of copy (a wire story with a
dateline, pasted text with a byline and page furniture and no blank lines, front matter, a
live blog whose entries open with a bare time). The analyst adds the two metrics the event
needs (operations cancelled, patient records), and the rest is general: what a number counts
is its own noun, not a noun of the clause around it ("forcing its two main hospitals to
cancel 1,140 operations" counts no hospitals); "the number of X" counts X; a place named only
as "In Dunmere alone" is a part's; and a count that falls below what another claimant gave
before and still gives (the gang's 1.2 then 1.5 million records, the trust's 300,000) is a
dispute, not an update."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.pipeline import build

HERE = Path(__file__).resolve().parent / "fixtures" / "cyberattack"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(HERE / "seeds", HERE / "dossier.yml", pdf=False)


def page(built, path: str) -> str:
    found = built.pages[path]
    return found.decode() if isinstance(found, bytes) else str(found)


def section(home: str, title: str) -> str:
    start = home.index(f"## {title}")
    return home[start:home.index("\n## ", start + 3)]


def groups(built, label: str) -> dict[str, object]:
    return {g.subject: g for g in built.dossier.groups if g.label == label}


def test_the_bottom_line_leads_with_the_cancelled_operations_and_the_disputed_records(built):
    bottom = section(page(built, "index.md"), "Bottom line")
    items = [line for line in bottom.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert items[0].startswith("1. **Operations and appointments cancelled** — operations: 4,300, according to Mark Delaney")
    assert "The figure rose from 1,140 (Valmora Health Trust, 11 March 2025) to 4,100" in items[0]
    assert items[1].startswith("2. **Patient records stolen or published** — people: 1.5 million, according to Black Lantern")
    # "the records of about 300,000 patients, far fewer than the 1.2 million the gang had claimed":
    # the trust's count and the gang's, set against each other in one sentence of one day
    assert ("**Disputed:** about 300,000 according to Valmora Health Trust; 1.2 million according to Black Lantern, "
            "both 15 March 2025.") in items[1]


def test_what_is_disputed_is_the_records_and_nothing_else(built):
    disputed = section(page(built, "index.md"), "What is disputed")
    assert disputed.count("\n- ") == 1 and "**Patient records stolen or published**" in disputed
    (records,) = [g for g in built.dossier.groups if g.agreement == "differ"]
    assert sorted({f.claimant for f in records.figures}) == ["Black Lantern", "Valmora Health Trust"]


def test_a_number_counts_its_own_noun_not_a_noun_of_its_clause(built):
    labels = {g.label for g in built.dossier.groups}
    # "forcing its two main hospitals to cancel 1,140 operations", "4,100 across both hospitals":
    # no buildings; "patient data had been taken, and that the number of patients whose
    # appointments were cancelled had risen to 2,300": no one abducted
    assert "Buildings damaged or destroyed" not in labels and "Abducted" not in labels
    cancelled = groups(built, "Operations and appointments cancelled")
    assert sorted(cancelled) == ["operations", "operations (Dunmere)", "people"]
    assert [f.display for f in cancelled["operations"].figures] == ["1,140", "4,100", "4,300"]
    assert cancelled["people"].figures[0].display == "2,300"


def test_in_dunmere_alone_is_a_part_and_no_other_count_joins_it(built):
    cancelled = groups(built, "Operations and appointments cancelled")
    dunmere = cancelled["operations (Dunmere)"]
    assert [f.display for f in dunmere.figures] == ["900"]
    assert dunmere.part_of == cancelled["operations"].id
    # the ambulances were diverted to Dunmere: where they went, not where operations were cancelled
    wire = [f for f in built.dossier.figures if f.source.article == "wire-day1"]
    assert {f.display: f.place for f in wire}["1,140"] is None


def test_a_live_blog_entrys_time_opens_no_statement(built):
    text = "\n".join(page(built, p) for p in ("index.md", "topics/attack.md", "topics/patients.md"))
    assert "Black Lantern says on its site it holds data on 1.5 million people" in text
    for stamp in ("10:05 ", "11:20 ", "11:45 ", "12:30 "):
        assert f"- {stamp}" not in text and f". {stamp}" not in text and f"{stamp}Trust" not in text
    delaney = next(f for f in built.dossier.figures if f.display == "4,300")
    assert (delaney.metric, delaney.as_of_time, delaney.claimant) == ("cancelled", "11:45", "Mark Delaney")


def test_the_stolen_gigabytes_are_a_quantity_not_patient_records(built):
    # "stolen 400 gigabytes of data, including the records of 1.2 million patients": the
    # records metric counts the patients; the gigabytes are a measure of their own
    records = groups(built, "Patient records stolen or published")
    assert sorted(records) == ["people"]
    (data,) = [g for g in built.dossier.groups if g.subject == "gigabytes"]
    assert data.label == "Other" and [f.display for f in data.figures] == ["400 gigabytes"]
    rows = [line for line in section(page(built, "topics/patients.md"), "Figures").splitlines() if "gigabytes" in line]
    assert rows and all(line.startswith("| [Other]") for line in rows)


def test_without_the_analysts_metrics_no_count_of_what_no_metric_names_makes_the_bottom_line(tmp_path):
    # the trust's 2,300 patients whose appointments were cancelled and its 300,000 patients
    # whose records were taken are both "Other: people" then: no clause may say the one rose to the other
    import yaml

    curation = yaml.safe_load((HERE / "dossier.yml").read_text(encoding="utf-8"))
    curation.pop("metrics")
    for topic in curation["topics"]:
        topic.pop("metrics", None)
    (tmp_path / "dossier.yml").write_text(yaml.safe_dump(curation), encoding="utf-8")
    result = build(HERE / "seeds", tmp_path / "dossier.yml", pdf=False)
    assert any(g.metric == "other" and len(g.figures) > 1 for g in result.dossier.groups)
    bottom = section(page(result, "index.md"), "Bottom line")
    items = [line for line in bottom.splitlines() if line[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert items and not any(line.split(" ", 1)[1].startswith("**Other**") for line in items)
    assert "2,300" not in bottom
