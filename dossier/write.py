"""Write: generated pages into a folder, touching only files whose bytes changed."""

from __future__ import annotations

from pathlib import Path

from dossier.errors import DossierError


def write_pages(pages: dict[str, str | bytes], out: Path) -> list[str]:
    """Write every page under `out`; return the paths whose content changed.

    A path that would land outside `out` (absolute, or with `..`) is refused, whatever the
    article ids were.
    """
    root = out.resolve()
    targets = {}
    for path in sorted(pages):
        target = (root / path).resolve()
        if not target.is_relative_to(root) or Path(path).is_absolute():
            raise DossierError(f"refusing to write '{path}': outside the output folder {out}")
        targets[path] = target
    changed = []
    for path, target in targets.items():
        content = pages[path]
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(path)
    return changed
