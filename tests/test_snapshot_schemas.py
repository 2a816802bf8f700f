"""Snapshots written by older versions still compare with the current build.

`tests/fixtures/snapshots/` holds real documents written by the code of the time, never
regenerated: `marenza-before.dossier-2.json` (the marenza fixture's two articles) and
`marenza-after.dossier-2.json` (with `update/marenza-post.txt`), both schema `dossier/2`, and
`marenza-changes.json`, what `dossier diff --format json` found between them then (labels
`old` and `new`). A kept snapshot of a site published before an upgrade is such a file.

If the analysis changes what the marenza articles yield, the comparisons with the current
build below change too: check the difference is that change, nothing else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dossier.changes import compare, load_snapshot, parse_snapshot
from dossier.changes.report import changes_json
from dossier.export.dossier import dossier_json
from dossier.pipeline import build_dossier
from tests.conftest import as_dossier_1

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "fixtures" / "snapshots"
MARENZA = HERE / "fixtures" / "marenza"
BEFORE_2 = SNAPSHOTS / "marenza-before.dossier-2.json"
AFTER_2 = SNAPSHOTS / "marenza-after.dossier-2.json"
EXPECTED = json.loads((SNAPSHOTS / "marenza-changes.json").read_text(encoding="utf-8"))


def _changes(old, new) -> dict:
    return json.loads(changes_json(compare(old, new)))


@pytest.fixture(scope="module")
def after_now() -> str:
    """The current build's dossier JSON of the marenza dossier with its update."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "marenza"
        shutil.copytree(MARENZA / "seeds", root / "seeds")
        shutil.copy(MARENZA / "update" / "marenza-post.txt", root / "seeds")
        shutil.copy(MARENZA / "dossier.yml", root / "dossier.yml")
        return dossier_json(build_dossier(root / "seeds", root / "dossier.yml"))


def test_the_fixtures_are_dossier_2():
    for path in (BEFORE_2, AFTER_2):
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "dossier/2"
    assert EXPECTED["count"] == 3  # a new source, the toll 27 -> 31, a new event


def test_two_dossier_2_snapshots_compare_as_they_did():
    old = parse_snapshot(BEFORE_2.read_bytes(), "old")
    new = parse_snapshot(AFTER_2.read_bytes(), "new")
    assert _changes(old, new) == EXPECTED


def test_a_dossier_2_snapshot_compares_with_the_current_build(after_now):
    old = load_snapshot(BEFORE_2)
    changes = _changes(old, parse_snapshot(after_now, "new"))
    assert changes["old"]["label"] == BEFORE_2.name
    changes["old"]["label"] = "old"
    assert changes == EXPECTED


def test_the_same_briefing_in_dossier_2_and_now_is_no_change(after_now):
    old = parse_snapshot(AFTER_2.read_bytes(), "old")
    assert compare(old, parse_snapshot(after_now, "new")).empty


def test_a_dossier_1_snapshot_compares_with_the_current_build(after_now):
    """dossier/1: no briefing, no `display` on figures, no `display_range`, `claimants` or
    `disputed` on groups (what dossier/2 added)."""
    old = parse_snapshot(as_dossier_1(BEFORE_2.read_text(encoding="utf-8")), "old")
    assert _changes(old, parse_snapshot(after_now, "new")) == EXPECTED
