"""Regenerate the golden files on purpose: `make golden` (then review `git diff tests/golden`).

- `tests/golden/default-figures.json`: the default dossier's figures JSON;
- `tests/golden/flood/`: every page of the small flood fixture dossier;
- `tests/golden/quake-groups.json`: the figure groups of the quake fixture dossier (what is
  grouped with what, parts, latest, agreement and its note, values as read).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from dossier.export.figures import figures_json, groups_json
from dossier.pipeline import build, build_dossier
from dossier.write import MANIFEST, content_bytes, write_pages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "golden"
FLOOD = HERE / "fixtures" / "flood"
QUAKE = HERE / "fixtures" / "quake"


def default_figures() -> str:
    dossier = build_dossier(ROOT / "seeds", ROOT / "dossier.yml")
    return figures_json(dossier.figures, dossier.groups)


def quake_groups() -> str:
    return groups_json(build_dossier(QUAKE / "seeds", QUAKE / "dossier.yml").groups)


def flood_pages() -> dict[str, str]:
    """Every file the flood fixture's build generates, as text (the dossier JSON is UTF-8 bytes)."""
    pages = build(FLOOD / "seeds", FLOOD / "dossier.yml").pages
    return {path: c if isinstance(c, str) else content_bytes(c).decode("utf-8") for path, c in pages.items()}


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    (GOLDEN / "default-figures.json").write_text(default_figures(), encoding="utf-8")
    (GOLDEN / "quake-groups.json").write_text(quake_groups(), encoding="utf-8")
    shutil.rmtree(GOLDEN / "flood", ignore_errors=True)
    write_pages(flood_pages(), GOLDEN / "flood")
    (GOLDEN / "flood" / MANIFEST).unlink()  # the pages only
    print(f"golden files written under {GOLDEN.relative_to(ROOT)}; review them with git diff")


if __name__ == "__main__":
    main()
