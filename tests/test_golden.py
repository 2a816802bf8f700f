"""Golden output: compared whole. After an intended change, run `make golden` and review the diff."""

from __future__ import annotations

from tests.golden import GOLDEN, default_figures, flood_pages, quake_groups

HINT = "output changed; if intended, run `make golden` and review `git diff tests/golden`"


def test_default_dossier_figures_json_matches_golden():
    assert default_figures() == (GOLDEN / "default-figures.json").read_text(encoding="utf-8"), HINT


def test_quake_fixture_groups_match_golden():
    assert quake_groups() == (GOLDEN / "quake-groups.json").read_text(encoding="utf-8"), HINT


def test_flood_fixture_site_matches_golden():
    pages = flood_pages()
    on_disk = {
        p.relative_to(GOLDEN / "flood").as_posix(): p.read_text(encoding="utf-8")
        for p in (GOLDEN / "flood").rglob("*") if p.is_file()
    }
    assert sorted(pages) == sorted(on_disk), HINT
    for path, text in pages.items():
        assert text == on_disk[path], f"{path}: {HINT}"


def test_pages_do_not_depend_on_where_the_project_is_checked_out():
    root = str(GOLDEN.parent.parent)
    for path, text in flood_pages().items():
        assert root not in text, f"{path} names the checkout folder {root}"
