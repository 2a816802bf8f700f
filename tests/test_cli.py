"""The command line as a contract: exit codes, error text, outputs; and the README keeps up."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
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
    assert "(0 changed)" in capsys.readouterr().out


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
