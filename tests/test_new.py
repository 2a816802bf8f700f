"""`dossier new DIR`: a folder that `mkdocs build --strict` turns into a site at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from dossier.cli import main
from tests.conftest import FIXTURES


def test_new_creates_seeds_curation_and_mkdocs_with_the_title(tmp_path, capsys):
    folder = tmp_path / "ternopil"
    assert main(["new", str(folder), "--title", 'Ternopil strike: "31 dead"']) == 0
    assert (folder / "seeds").is_dir() and not (folder / "docs").exists()
    curation = yaml.safe_load((folder / "dossier.yml").read_text(encoding="utf-8"))
    assert curation == {"title": 'Ternopil strike: "31 dead"'}  # the examples are comments
    text = (folder / "dossier.yml").read_text(encoding="utf-8")
    for example in ("# topics:", "# entities:", "# metrics:", "aliases:"):
        assert example in text
    mkdocs = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Ternopil strike: \\"31 dead\\""' in mkdocs
    assert "created seeds/, dossier.yml, mkdocs.yml" in capsys.readouterr().out


def test_new_never_overwrites(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    assert main(["new", str(tmp_path)]) == 2
    assert "mkdocs.yml already exists; not overwritten" in capsys.readouterr().err
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"


@pytest.mark.slow
def test_new_dossier_builds_strict_with_articles_and_no_docs_folder(tmp_path):
    folder = tmp_path / "d"
    assert main(["new", str(folder), "--title", "Ternopil strike"]) == 0
    for seed in (FIXTURES / "ingest" / "seeds").iterdir():
        shutil.copy(seed, folder / "seeds" / seed.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DOSSIER_PDF": "0"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Ternopil strike</title>" in home
    assert "Reference" not in home  # the tool's own reference pages are not in a user's briefing
    assert (site / "assets/stylesheets/dossier.css").is_file()
    assert (site / "assets/javascripts/tablesort.min.js").is_file()
    source = (site / "sources/ternopil-news-site/index.html").read_text(encoding="utf-8")
    assert "Kyiv Evening <em>(inferred from the saved page)</em>" in source
    assert "20 November 2025 <em>(inferred from the saved page)</em>" in source
    assert "page furniture (cookie banner), left out by trafilatura" in source
    assert not list(site.rglob("*.txt")) and not (site / "ternopil-news-site.html").exists()  # no seed copied
