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


# What the analysis reads differently since the snapshots were written: "struck Marenza
# province ..., killing at least 25 people" is the province's toll (it was filed under Port
# Alda, the town of the dateline), so the current build has one toll, at least 25 -> 31, and
# no Port Alda toll. Compared with the snapshots, that (and the event below) and nothing else differs.
PORT_ALDA_TOLL_DROPPED = {
    "changed": ["value", "range", "latest"], "id": "g-a79c2daf", "kind": "dropped", "label": "Killed",
    "new": None, "refs": [], "subject": "people (Port Alda)",
    "old": {"agreement": "single", "as_of": "2026-02-09", "claimant": "Marenza Regional Administration",
            "range": "at least 25", "reports": 1, "value": "at least 25"},
}


# And "the government opened 12 shelters" counts shelters, not displaced people: the same
# 12, now a count of its own noun (its unit changed from people to shelters).
SHELTERS_NO_PEOPLE = {
    "changed": ["value"], "id": "g-08ad9c4d", "kind": "changed", "label": "Other",
    "new": {"agreement": "single", "as_of": "2026-02-10", "claimant": "Island Wire", "range": "12", "reports": 1,
            "value": "12"},
    "old": {"agreement": "single", "as_of": "2026-02-10", "claimant": "Island Wire", "range": "12", "reports": 1,
            "value": "12"},
    "refs": [{"anchor": "p-d4938c", "article": "island-wire", "outlet": "Island Wire", "paragraph": 2}],
    "subject": "shelters",
}
# And a weekday now dates what happened on it: "rose to 27 on Tuesday" is an event of its own.
TOLL_ROSE_ON_TUESDAY = {
    "date": "2026-02-10", "id": "a2463c85",
    "refs": [{"anchor": "p-aadfb5", "article": "island-wire", "outlet": "Island Wire", "paragraph": 1}],
    "text": "The death toll from Monday's earthquake in Marenza rose to 27 on Tuesday, the regional administration "
            "said, as aftershocks hampered the search.",
}


def _expected_now() -> dict:
    """EXPECTED (before -> after, as computed then) against the current build's "after"."""
    expected = json.loads(json.dumps(EXPECTED))
    (toll,) = expected["figures"]
    toll["new"].update(range="at least 25 – 31", reports=3)
    expected["figures"] += [SHELTERS_NO_PEOPLE, PORT_ALDA_TOLL_DROPPED]
    expected["events_new"] = [TOLL_ROSE_ON_TUESDAY, *expected["events_new"]]
    expected["count"] += 3
    return expected


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
    assert changes == _expected_now()


def test_the_same_briefing_in_dossier_2_and_now_differs_only_by_what_the_analysis_reads_anew(after_now):
    old = parse_snapshot(AFTER_2.read_bytes(), "old")
    changes = _changes(old, parse_snapshot(after_now, "new"))
    toll = {**_expected_now()["figures"][0], "changed": ["range"]}
    toll["old"] = {**toll["new"], "range": "27 – 31", "reports": 2}
    assert changes["figures"] == [toll, SHELTERS_NO_PEOPLE, PORT_ALDA_TOLL_DROPPED]
    assert changes["events_new"] == [TOLL_ROSE_ON_TUESDAY]
    assert changes["count"] == 4
    assert all(not value for key, value in changes.items()
               if isinstance(value, list) and key not in ("figures", "events_new"))


def test_a_dossier_1_snapshot_compares_with_the_current_build(after_now):
    """dossier/1: no briefing, no `display` on figures, no `display_range`, `claimants` or
    `disputed` on groups (what dossier/2 added)."""
    old = parse_snapshot(as_dossier_1(BEFORE_2.read_text(encoding="utf-8")), "old")
    expected = _expected_now()
    expected["figures"][-1]["old"]["range"] = "25"  # dossier/1 has no display_range: the values'
    assert _changes(old, parse_snapshot(after_now, "new")) == expected
