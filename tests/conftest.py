"""Shared fixtures: the project's paths and a `make_seeds` helper for small inline dossiers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINIMAL_CURATION = """\
title: Test dossier
topics:
  - id: main
    title: Main topic
    keywords: [the]
    min_keywords: 1
"""


@pytest.fixture
def make_seeds(tmp_path: Path):
    """Write {file name: text or bytes} into tmp/seeds and a curation file; return both paths."""

    def make(files: dict[str, str | bytes], curation: str = MINIMAL_CURATION) -> tuple[Path, Path]:
        seeds = tmp_path / "seeds"
        seeds.mkdir(exist_ok=True)
        for name, content in files.items():
            path = seeds / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        config = tmp_path / "dossier.yml"
        config.write_text(curation, encoding="utf-8")
        return seeds, config

    return make


def as_dossier_1(document: str) -> str:
    """A dossier JSON document as a site published before `dossier/2` carries it: no briefing,
    no `display` on figures, no `display_range`, `claimants` or `disputed` on groups."""
    import json

    data = json.loads(document)
    data["schema"] = "dossier/1"
    del data["briefing"]
    for figure in data["figures"]:
        del figure["display"]
    for group in data["groups"]:
        for key in ("display_range", "claimants", "disputed"):
            del group[key]
    return json.dumps(data, indent=2)
