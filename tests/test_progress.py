"""Progress on stderr: stage timings on a terminal, nothing in a pipe or in CI."""

from __future__ import annotations

import io

from dossier.cli import main
from dossier.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal(monkeypatch):
    monkeypatch.delenv("DOSSIER_PROGRESS", raising=False)
    monkeypatch.delenv("CI", raising=False)
    pipe = io.StringIO()
    progress = Progress.for_terminal(pipe)
    with progress.stage("ingest"):
        list(progress.count(range(3), 3, "analyse"))
    assert pipe.getvalue() == "" and [name for name, _ in progress.timings] == ["ingest"]


def test_quiet_in_ci_even_on_a_terminal(monkeypatch):
    monkeypatch.delenv("DOSSIER_PROGRESS", raising=False)
    monkeypatch.setenv("CI", "true")
    assert not Progress.for_terminal(Terminal()).enabled


def test_stage_timings_and_a_counter_on_a_terminal(monkeypatch):
    monkeypatch.delenv("DOSSIER_PROGRESS", raising=False)
    monkeypatch.delenv("CI", raising=False)
    terminal = Terminal()
    progress = Progress.for_terminal(terminal)
    with progress.stage("analyse", "3 articles"):
        assert list(progress.count(["a", "b", "c"], 3, "analyse")) == ["a", "b", "c"]
    out = terminal.getvalue()
    assert "analyse 3/3" in out
    assert out.rstrip("\n").rsplit("\r", 1)[-1].startswith("dossier: analyse 3 articles: ")
    assert out.rstrip("\n").endswith(" s\x1b[K")


def test_build_reports_skipped_files_and_stages(make_seeds, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DOSSIER_PROGRESS", "1")
    seeds, config = make_seeds({"a.txt": "The toll rose to 12.", "empty.txt": "", "x.txt": b"\x89PNG\x00"})
    assert main(["build", "--seeds", str(seeds), "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning: seeds/empty.txt:1: skipped: empty file" in err
    assert "warning: seeds/x.txt:1: skipped: binary file" in err
    for stage in ("ingest", "analyse 1 article", "assemble", "render", "write"):
        assert f"dossier: {stage}: " in err
