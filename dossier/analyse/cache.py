"""The persistent analysis cache: one file per analysed article, in a folder you may delete.

By default the folder is `.dossier/cache/` beside the curation file. An entry is named by the
hash of (the article as read: text, date, outlet...; the curation's topics, metrics and
entities; the code version), so any change to one of these makes a new entry and the old
one is simply no longer read. Entries are written atomically (a temporary file renamed into
place); an entry that cannot be read back is ignored and recomputed. Set DOSSIER_CACHE=0 to
build without it.

Entries are Python pickles of the analysis dataclasses: the folder is yours, like a
`__pycache__`; do not put files from elsewhere in it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

import dossier

log = logging.getLogger("dossier.cache")
CACHE_DIR = Path(".dossier") / "cache"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's own source files: a changed analyser invalidates the cache."""
    root = Path(dossier.__file__).resolve().parent
    h = hashlib.sha256(dossier.__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yml") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir_for(curation_path: Path) -> Path | None:
    """The cache folder of a curation file, or None when DOSSIER_CACHE=0."""
    if os.environ.get("DOSSIER_CACHE", "1") == "0":
        return None
    return curation_path.resolve().parent / CACHE_DIR


class AnalysisCache:
    """get/put analyses by (article id, article hash, curation hash)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.version = code_version()
        self.hits = self.misses = 0

    def _path(self, key: tuple[str, str, str]) -> Path:
        name = digest("\0".join((*key, self.version)))
        return self.folder / name[:2] / f"{name[2:]}.pickle"

    def get(self, key: tuple[str, str, str]):
        from dossier.analyse import Analysis

        path = self._path(key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as exc:  # a truncated or foreign file: recompute, never fail the build
            log.info(f"dossier: ignoring unreadable cache entry {path}: {exc}")
            self.misses += 1
            return None
        if not isinstance(value, Analysis) or value.article != key[0]:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: tuple[str, str, str], value) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        except OSError as exc:  # a read-only checkout still builds, only slower
            log.warning(f"dossier: cannot write the analysis cache in {self.folder}: {exc}")
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk: the build goes on without this entry
            Path(tmp).unlink(missing_ok=True)
            log.warning(f"dossier: cannot write the analysis cache in {self.folder}: {exc}")
