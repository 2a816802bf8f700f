"""Shared fixtures: the project's paths, a `make_seeds` helper for small inline dossiers, and
`build_fixture` / `figures_by_text` for the event fixtures under `tests/fixtures/`."""

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


def build_fixture(name: str, tmp_path_factory):
    """The dossier of `tests/fixtures/<name>` built without its PDF, snapshots kept apart."""
    from dossier.pipeline import build

    here = FIXTURES / name
    return build(here / "seeds", here / "dossier.yml", pdf=False, snapshots=tmp_path_factory.mktemp("snapshots"))


def figures_by_text(dossier, article: str) -> dict:
    """The figures of one article by their text as written ("22", "seven")."""
    return {f.text: f for f in dossier.figures if f.source.article == article}


def group_of(built, metric: str, counted: str, place: str | None):
    """The figure group of a build by what it counts: its metric, counted noun and place."""
    return next(g for g in built.dossier.groups if (g.metric, g.counted, g.place) == (metric, counted, place))


def group_containing(built, figure):
    """The figure group of a build that holds `figure`."""
    return next(g for g in built.dossier.groups if figure in g.figures)


def home_section(built, title: str) -> str:
    """The Markdown of one section of a build's home page ("Bottom line", "Headline figures"),
    up to the next section."""
    from dossier.render.paths import HOME

    return built.pages[HOME].split(f"## {title}", 1)[1].split("\n## ", 1)[0]
