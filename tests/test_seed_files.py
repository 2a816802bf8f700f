"""Only regular files inside the seeds folder are read; every other entry is skipped and named
by every command; the curation loader and the output folder refuse hostile input cleanly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.curation.schema import parse_curation
from dossier.errors import DossierError
from dossier.ingest import read_seeds
from dossier.write import MANIFEST, write_pages
from tests.conftest import MINIMAL_CURATION

TEXT = " date 2025-01-01 The strike killed 4 people in the city, officials said."


def _read(seeds: Path, config: Path, max_bytes: int | None = None):
    curation = config.read_text() + (f"max_article_bytes: {max_bytes}\n" if max_bytes else "")
    articles, notices = read_seeds(seeds, parse_curation(curation))
    return [a.id for a in articles], {n.file: n.message for n in notices if n.skipped}


def test_links_outside_fifos_devices_hidden_and_subfolders_are_skipped_by_name(make_seeds, tmp_path):
    seeds, config = make_seeds({"ok.txt": TEXT, ".hidden.txt": TEXT})
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE " + TEXT)
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "outside.txt").symlink_to(secret)
    (seeds / "inside.txt").symlink_to(seeds / "ok.txt")
    (seeds / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "sub").mkdir()
    (seeds / "sub" / "deep.txt").write_text(TEXT)
    ids, skipped = _read(seeds, config)
    assert ids == ["inside", "ok"]
    assert skipped == {
        "seeds/.hidden.txt": "skipped: hidden file (its name starts with a dot)",
        "seeds/outside.txt": "skipped: symbolic link to a file outside the seeds folder",
        "seeds/passwd.txt": "skipped: symbolic link to a file outside the seeds folder",
        "seeds/zero.txt": "skipped: symbolic link to a file outside the seeds folder",
        "seeds/pipe.txt": "skipped: not a regular file (a FIFO)",
        "seeds/sub": "skipped: subfolder (articles are read from the top of the seeds folder only)",
    }


def test_a_file_swapped_for_a_link_outside_after_listing_is_not_read(make_seeds, tmp_path):
    """Listed as a regular file, then replaced by a link to a file outside before it is read:
    the read does not follow it."""
    from dossier.ingest.files import list_seed_files, read_seed_bytes

    seeds, _ = make_seeds({"ok.txt": TEXT})
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE")
    (listed,), _ = list_seed_files(seeds, (".txt",))
    (seeds / "ok.txt").unlink()
    (seeds / "ok.txt").symlink_to(secret)
    data, notice = read_seed_bytes(listed, seeds.resolve())
    assert data is None and notice.message == "skipped: symbolic link changed while reading"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_skipped(make_seeds):
    seeds, config = make_seeds({"locked.txt": TEXT})
    (seeds / "locked.txt").chmod(0)
    assert _read(seeds, config)[1]["seeds/locked.txt"].startswith("skipped: cannot be read")


def test_too_large_binary_without_nul_and_utf16_files(make_seeds):
    seeds, config = make_seeds({
        "big.txt": TEXT + " x" * 3000,
        "noise.txt": bytes(range(1, 256)) * 10,
        "utf16.txt": ("\ufeff" + TEXT + " Київ").encode("utf-16-le"),
        "ok.txt": TEXT,
    })
    ids, skipped = _read(seeds, config, max_bytes=5000)
    assert ids == ["ok", "utf16"]
    assert skipped["seeds/big.txt"].startswith("skipped: larger than 5,000 bytes (6,")
    assert "max_article_bytes" in skipped["seeds/big.txt"]
    assert skipped["seeds/noise.txt"] == "skipped: binary file (control characters, not text)"


def test_every_command_names_skipped_files_and_strict_fails(make_seeds, tmp_path, capsys, monkeypatch):
    seeds, config = make_seeds({"ok.txt": TEXT, "empty.txt": "", "escape.txt": "\x1b[31m" + TEXT})
    common = ["--seeds", str(seeds), "--config", str(config)]
    assert main(["build", *common, "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning: seeds/empty.txt:1: skipped: empty file" in err
    assert main(["build", *common, "--out", str(tmp_path / "out"), "--strict"]) == 1
    capsys.readouterr()
    assert main(["check", *common]) == 0
    captured = capsys.readouterr()
    assert "seeds/empty.txt:1: skipped: empty file" in captured.err
    assert "\x1b" not in captured.out + captured.err


@pytest.mark.parametrize("curation, message", [
    ("subtitle: " + "[" * 20000 + "]" * 20000, "nested more than"),
    ("overrides:\n  - figure: abc\n    value: " + "9" * 5000, "must be a number"),
    ("overrides:\n  - figure: abc\n    value: .nan", "must be a number"),
    ("overrides:\n  - figure: abc\n    value: -.inf", "must be a number"),
    ("as_of: 2025-04-00", "as_of must be a date"),
    ("a: &a [x, x]\nsubtitle: *a", "aliases"),
    ("max_article_bytes: " + "9" * 5000, "whole number"),
])
def test_hostile_curation_exits_2_with_a_message(make_seeds, capsys, curation, message):
    seeds, config = make_seeds({"ok.txt": TEXT}, MINIMAL_CURATION + curation + "\n")
    assert main(["check", "--seeds", str(seeds), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dossier: error: ") and message in err and "Traceback" not in err


def test_a_curation_folder_or_huge_file_exits_2(make_seeds, tmp_path, capsys):
    seeds, _ = make_seeds({"ok.txt": TEXT})
    (tmp_path / "folder.yml").mkdir()
    assert main(["check", "--seeds", str(seeds), "--config", str(tmp_path / "folder.yml")]) == 2
    assert "is a folder" in capsys.readouterr().err
    huge = tmp_path / "huge.yml"
    huge.write_text(MINIMAL_CURATION + "# padding\n" * 300_000)
    assert main(["check", "--seeds", str(seeds), "--config", str(huge)]) == 2
    assert "larger than" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["/", "~", "."])
def test_build_refuses_an_output_folder_that_is_not_its_own(out, make_seeds, capsys, tmp_path, monkeypatch):
    seeds, config = make_seeds({"ok.txt": TEXT})
    monkeypatch.chdir(tmp_path)
    target = str(Path(out).expanduser())
    assert main(["build", "--seeds", str(seeds), "--config", str(config), "--out", target]) == 2
    assert "refusing to write" in capsys.readouterr().err


def test_build_refuses_a_folder_holding_the_seeds(make_seeds, tmp_path):
    seeds, config = make_seeds({"ok.txt": TEXT})
    with pytest.raises(DossierError, match="holds"):
        write_pages({"a.md": "x"}, tmp_path, protect=(seeds,))


def test_output_is_swapped_in_whole_and_only_our_stale_pages_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("the user's own file")
    (out / "notes").mkdir()
    (out / "notes" / "n.md").write_text("more of the user's")
    assert write_pages({"a.md": "one", "old.md": "stale", "b/c.md": "two"}, out) == ["a.md", "b/c.md", "old.md"]
    inode = (out / "a.md").stat().st_ino
    assert write_pages({"a.md": "one", "b/c.md": "three"}, out) == ["b/c.md", "old.md"]
    assert not (out / "old.md").exists()
    assert (out / "a.md").stat().st_ino == inode  # unchanged: not rewritten
    assert (out / "mine.txt").read_text() == "the user's own file"
    assert (out / "notes" / "n.md").read_text() == "more of the user's"
    assert json.loads((out / MANIFEST).read_text()) == ["a.md", "b/c.md"]
    assert not [p for p in tmp_path.iterdir() if "dossier-" in p.name]


def test_a_failed_write_leaves_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_pages({"a.md": "one", "b.md": "two"}, out)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr("dossier.write._swap", broken)
    with pytest.raises(OSError):
        write_pages({"a.md": "new", "b.md": "new"}, out)
    assert (out / "a.md").read_text() == "one" and (out / "b.md").read_text() == "two"
    assert not [p for p in tmp_path.iterdir() if "dossier-" in p.name]


def test_the_plugin_logs_a_warning_for_each_skipped_file_so_strict_builds_fail(make_seeds, tmp_path, caplog, monkeypatch):
    import logging

    from mkdocs.config import load_config

    seeds, config = make_seeds({"ok.txt": TEXT, "empty.txt": ""})
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - dossier:\n      pdf: false\n")
    monkeypatch.chdir(tmp_path)
    mkdocs_config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = mkdocs_config.plugins["dossier"]
    with caplog.at_level(logging.INFO):
        plugin.on_config(mkdocs_config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "seeds/empty.txt:1: skipped: empty file" in warnings


def test_the_site_is_named_by_the_curations_title_not_by_a_copied_mkdocs_yml(make_seeds, tmp_path, monkeypatch):
    from mkdocs.config import load_config

    from dossier.curation import load_curation

    seeds, config = make_seeds({"ok.txt": TEXT})
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Kyiv strike and DPRK troops briefing\n"
                                         "plugins:\n  - dossier:\n      pdf: false\n")
    monkeypatch.chdir(tmp_path)
    mkdocs_config = load_config(str(tmp_path / "mkdocs.yml"))
    mkdocs_config.plugins["dossier"].on_config(mkdocs_config)
    title = load_curation(tmp_path / "dossier.yml").title
    assert title and "Kyiv" not in title
    assert mkdocs_config.site_name == title


def test_under_serve_a_save_logs_the_notes_it_brings_not_every_note_again(make_seeds, tmp_path, caplog, monkeypatch):
    """At 1,000 articles every save logged some 700 notes (an inferred date a seed), in which the
    saved article's own were lost: under `mkdocs serve` a build logs the notes not logged by the
    last one, and how many it does not repeat; a skipped file is warned of at every build."""
    import logging

    from mkdocs.config import load_config

    undated = "The strike killed {n} people in the city, officials said on 3 March 2025."
    seeds, config = make_seeds({"a.txt": undated.format(n=4), "b.txt": undated.format(n=5), "empty.txt": ""})
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - dossier:\n      pdf: false\n")
    monkeypatch.chdir(tmp_path)

    def logged(serving: bool) -> tuple[list[str], list[str]]:
        caplog.clear()
        mkdocs_config = load_config(str(tmp_path / "mkdocs.yml"))
        with caplog.at_level(logging.INFO):
            plugin.on_config(mkdocs_config)
        lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.dossier"]
        return ([line for line in lines if line.startswith("seeds/") and "skipped" not in line],
                [line for line in lines if "skipped" in line or "as logged before" in line])

    plugin = load_config(str(tmp_path / "mkdocs.yml")).plugins["dossier"]
    plugin.on_startup(command="serve", dirty=True)
    notes, others = logged(True)
    assert sorted(n.split(":")[0] for n in notes) == ["seeds/a.txt", "seeds/b.txt"]  # the first build: all
    assert others == ["seeds/empty.txt:1: skipped: empty file"]
    (seeds / "b.txt").write_text("Officials said on 4 March 2025 that 6 people were hurt.", encoding="utf-8")
    (seeds / "c.txt").write_text(undated.format(n=7), encoding="utf-8")
    notes, others = logged(True)
    assert [n.split(":")[0] for n in notes] == ["seeds/b.txt", "seeds/c.txt"]  # the save's own
    assert others == ["seeds/empty.txt:1: skipped: empty file", "dossier: 1 note on the seeds as logged before "
                      "(`dossier check` lists them all)"]
    # `mkdocs build`: every note, every time
    plugin = load_config(str(tmp_path / "mkdocs.yml")).plugins["dossier"]
    plugin.on_startup(command="build", dirty=False)
    for _ in range(2):
        notes, others = logged(False)
        assert len(notes) == 3 and others == ["seeds/empty.txt:1: skipped: empty file"]
