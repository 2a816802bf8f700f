"""The command line as a contract: exit codes, error text, outputs; and the README keeps up."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import shutil
import sys

import pytest

from dossier.cli import main, make_parser
from dossier.curation.schema import (
    ENTITY_KEYS, METRIC_KEYS, OVERRIDE_KEYS, SOURCE_KEYS, TOP_KEYS, TOPIC_KEYS,
)
from tests.conftest import FIXTURES, ROOT

FLOOD = ["--seeds", str(FIXTURES / "flood" / "seeds"), "--config", str(FIXTURES / "flood" / "dossier.yml")]


def test_build_writes_pages_for_another_event(tmp_path, capsys):
    assert main(["build", *FLOOD, "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "topics" / "floods.md").is_file()
    assert (tmp_path / "out" / "sources" / "valencia-daily.md").is_file()
    assert capsys.readouterr().out.startswith(f"{len([p for p in (tmp_path / 'out').rglob('*.*') if not p.name.startswith('.')])} files in ")
    assert main(["build", *FLOOD, "--out", str(tmp_path / "out")]) == 0
    assert "(0 changed" in capsys.readouterr().out


def _flood_project(tmp_path):
    """The flood fixture in a folder of its own (its cache, stamp and snapshots beside it)."""
    shutil.copytree(FIXTURES / "flood", tmp_path / "flood", ignore=shutil.ignore_patterns(".dossier"))
    project = tmp_path / "flood"
    return project, ["--seeds", str(project / "seeds"), "--config", str(project / "dossier.yml"),
                     "--out", str(project / "out")]


def _written(out):
    return {p: p.stat().st_mtime_ns for p in out.rglob("*")}


def test_a_download_edited_in_the_output_leaves_the_next_builds_downloads_right(tmp_path, capsys, monkeypatch):
    """The output's downloads are the files the build spooled (linked, not copied), and the
    export's kept chunks may be the same file: a download edited in place in the output is
    written again, and after a changed article the downloads are what a build without any
    cache writes, not the edited chunk of an unchanged article."""
    from dossier.export import dossier as export_dossier

    monkeypatch.setattr(export_dossier, "RECORD_CHUNK", 4)  # (chunks small: one article a chunk)
    project, args = _flood_project(tmp_path)
    assert main(["build", *args]) == 0
    download = project / "out" / "downloads" / "dossier.json"
    at = download.read_bytes().index(b'"content_hash":"') + len(b'"content_hash":"')  # the first article's, unchanged
    with download.open("r+b") as handle:  # edited in place: the same file, the same size
        handle.seek(at)
        handle.write(b"EDITED BY HAND")
    wire = project / "seeds" / "valencia-wire.txt"
    wire.write_text(wire.read_text(encoding="utf-8") + "\nThe regional government said 41 bridges were closed.\n",
                    encoding="utf-8")
    assert main(["build", *args]) == 0
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".dossier", "out"))
    assert main(["build", "--seeds", str(fresh / "seeds"), "--config", str(fresh / "dossier.yml"),
                 "--out", str(fresh / "out"), "--no-snapshot"]) == 0
    capsys.readouterr()
    for name in ("dossier.json", "figures.json", "figures.csv"):
        assert (project / "out" / "downloads" / name).read_bytes() == (fresh / "out" / "downloads" / name).read_bytes()
    assert b"EDITED BY HAND" not in download.read_bytes() and b"41 bridges" in download.read_bytes()


def test_a_build_with_nothing_changed_writes_nothing_and_says_so(tmp_path, capsys):
    """A second `dossier build` with the same seeds, curation, snapshots and output files
    writes nothing and prints what the full build printed; any change to what it is built
    from, or to what it wrote, and it builds again in full."""
    project, args = _flood_project(tmp_path)
    assert main(["build", *args]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0] == "14 files in " + str(project / "out") + "/ (14 changed)"
    assert first[1].startswith("snapshot: ") and "unchanged" not in first[1]  # the first is kept
    written = _written(project / "out")

    assert main(["build", *args]) == 0
    again = capsys.readouterr().out.splitlines()
    assert again == [f"14 files in {project / 'out'}/ (0 changed: nothing it is built from has changed since the last build)",
                     f"snapshot: unchanged (already kept in {project / '.dossier' / 'snapshots'}/)"]
    assert _written(project / "out") == written

    # a seed edited: built again, the new sentence on its source page, then up to date again
    wire = project / "seeds" / "valencia-wire.txt"
    wire.write_text(wire.read_text(encoding="utf-8") + "\nThe regional government said 41 bridges were closed.\n",
                    encoding="utf-8")
    assert main(["build", *args]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "(0 changed" not in out[0] and out[1].startswith("since ")  # compared with the first build
    assert "41 bridges were closed" in (project / "out" / "sources" / "valencia-wire.md").read_text(encoding="utf-8")
    assert main(["build", *args]) == 0
    up_to_date = capsys.readouterr().out.splitlines()
    assert "(0 changed: nothing" in up_to_date[0] and up_to_date[1:] == out[1:2] + [again[1]]

    # a page removed or edited by hand is written again
    (project / "out" / "index.md").unlink()
    (project / "out" / "figures.md").write_text("edited\n", encoding="utf-8")
    assert main(["build", *args]) == 0
    assert capsys.readouterr().out.startswith(f"14 files in {project / 'out'}/ (2 changed)")
    assert (project / "out" / "figures.md").read_text(encoding="utf-8") != "edited\n"

    # another option, another build; the curation edited, another build
    assert main(["build", *args, "--no-snapshot"]) == 0
    assert "(0 changed)" in capsys.readouterr().out
    assert main(["build", *args, "--no-snapshot"]) == 0
    assert "(0 changed: nothing" in capsys.readouterr().out
    curation = project / "dossier.yml"
    curation.write_text(curation.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert main(["build", *args, "--no-snapshot"]) == 0
    assert "(0 changed)" in capsys.readouterr().out


def test_a_build_up_to_date_still_names_every_skipped_file(tmp_path, capsys):
    """Nothing skipped goes unnamed: the build that writes nothing warns of the same files,
    and `--strict` exits 1 as the full build did."""
    project, args = _flood_project(tmp_path)
    (project / "seeds" / "notes.txt").write_bytes(b"")
    codes, errs, outs = [], [], []
    for _ in range(2):
        codes.append(main(["build", *args, "--strict", "--no-snapshot"]))
        captured = capsys.readouterr()
        outs.append(captured.out)
        errs.append(captured.err)
    assert "(0 changed: nothing" in outs[1]
    assert codes == [1, 1]
    assert "notes.txt" in errs[0] and errs[1] == errs[0]


def test_malformed_curation_exits_2_naming_file_and_line_without_traceback(tmp_path):
    bad = tmp_path / "dossier.yml"
    bad.write_text("title: T\ntopics:\n  - id: a\n    title: A\n    related: [b]\n    keywords: [x]\n")
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "build", "--seeds", str(ROOT / "seeds"), "--config", str(bad),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"dossier: error: {bad}:3: topic 'a': related topic 'b' is not defined; known topics: a\n"
    )
    assert "Traceback" not in result.stderr


def test_missing_seeds_folder_exits_2(tmp_path, capsys):
    assert main(["figures", "--seeds", str(tmp_path / "none"), "--config", str(ROOT / "dossier.yml")]) == 2
    assert capsys.readouterr().err == f"dossier: error: {tmp_path / 'none'}: no such seeds folder\n"


def test_figures_json_and_csv_carry_the_same_figures(capsys):
    assert main(["figures", "--format", "json", *FLOOD]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert main(["figures", "--format", "csv", *FLOOD]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [f["id"] for f in figures] == [r["id"] for r in rows]
    killed = next(f for f in figures if f["metric"] == "killed" and f["value"] == 158)
    assert killed["qualifier"] == "at_least" and killed["source"] == "valencia-wire"
    required = {"id", "source", "paragraph", "value", "value_max", "qualifier", "unit", "metric",
                "label", "topic", "claimant", "claimant_kind", "as_of", "quote", "group"}
    assert required <= set(figures[0]) and required <= set(rows[0])


def test_export_prints_the_whole_dossier(capsys):
    assert main(["export", *FLOOD]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "dossier/3"
    assert {"articles", "topics", "figures", "groups", "statements", "quotes", "events", "entities"} <= set(data)


def test_check_lists_findings_and_strict_exits_1(capsys):
    assert main(["check", *FLOOD]) == 0
    out = capsys.readouterr().out
    assert "# Lines dropped as page furniture (" in out
    assert "seeds/valencia-daily.md:" in out and "link list heading: Most Read" in out
    assert main(["check", "--strict", *FLOOD]) == 1


def test_check_on_the_default_dossier_reports_the_inferred_date_and_no_update_as_a_dispute(capsys):
    assert main(["check", "--seeds", str(ROOT / "seeds"), "--config", str(ROOT / "dossier.yml")]) == 0
    out = capsys.readouterr().out
    assert "seeds/003_8d79e1fded180656.txt: date 2025-04-24 inferred from the text" in out
    # "90" then "more than 100" injured, both from Zelensky on 24 April: an update, not a dispute
    assert "# Disputed figures (0)\n  none\n" in out


@pytest.mark.slow
def test_pdf_command_writes_a_pdf(tmp_path, capsys):
    out = tmp_path / "b.pdf"
    assert main(["pdf", *FLOOD, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert re.match(rf"{re.escape(str(out))}: \d+ pages in [\d.]+ s\n", capsys.readouterr().out)


def test_python_dash_m_works_like_the_command():
    result = subprocess.run([sys.executable, "-m", "dossier", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout and "figures" in result.stdout


def test_readme_documents_every_command_option_and_curation_key():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 (argparse has no public API)
    for name, sub in commands.items():
        assert f"dossier {name}" in readme, name
        for action in sub._actions:  # noqa: SLF001
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in readme, f"dossier {name} {option}"
    for key in TOP_KEYS + SOURCE_KEYS + TOPIC_KEYS + METRIC_KEYS + ENTITY_KEYS + OVERRIDE_KEYS:
        assert any(form in readme for form in (f"`{key}`", f"`{key}.", f"`{key}[]`")), key


def test_a_build_is_set_aside_before_the_collector_resumes(tmp_path):
    """`dossier build` pauses the collector while it builds, and sets what it made aside
    (`gc.freeze`) before the collector resumes: its first collection would otherwise scan
    every record of the build (0.05-0.075 s of a one-article rebuild at 1,000 articles), to free
    cycles the ending process frees anyway (`paused_gc(set_aside=True)`, below)."""
    import gc

    gc.unfreeze()  # (what earlier builds of this process set aside)
    try:
        assert main(["build", *FLOOD, "--out", str(tmp_path / "out")]) == 0
        assert gc.isenabled() and gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_a_pause_that_sets_aside_leaves_the_young_generation_empty():
    import gc

    from dossier.cache import paused_gc

    young = []

    def seen(phase, info):
        if phase == "start":
            young.append(gc.get_count()[0])

    before = gc.get_freeze_count()
    gc.callbacks.append(seen)
    try:
        kept = []
        for set_aside in (True, False):
            young.clear()
            with paused_gc(set_aside=set_aside):
                made = [[n] for n in range(5_000)]
                kept.append(made)  # (alive throughout: what it frees would count against it)
                assert not gc.isenabled()
            assert gc.isenabled()
            gc.collect(0)
            if set_aside:  # set aside: the first collection has nothing of the block's to scan
                assert young[0] < 100 and gc.get_freeze_count() >= before + len(made)
            else:  # (the default) it scans all the block made
                assert young[0] >= len(made)
            gc.unfreeze()
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()


def test_the_command_sets_what_it_built_aside_before_exiting(monkeypatch):
    """`dossier` (the script and `python -m dossier`) is `main`, whose records are then frozen
    out of the collector, so the process does not scan them all once more as it exits."""
    import gc

    from dossier import cli

    monkeypatch.setattr(cli, "main", lambda argv=None: 3)
    before = gc.get_freeze_count()
    try:
        assert cli.run() == 3
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
