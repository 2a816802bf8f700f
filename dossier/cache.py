"""The persistent cache: each article as read and as analysed, in a folder you may delete.

By default the folder is `.dossier/cache/` beside the curation file; set DOSSIER_CACHE=0 to
build without it. It holds one pack per stage (`ingest.pickle`, `analysis.pickle`, `assembly.pickle`: each
figure group, see `dossier.reuse.Kept`, and `pages.pickle`: where each rendered page of a
source or of the record is, a file of `pages/`, see `PageFiles`): a
dictionary from a key (a hash of everything the stage reads: the file's bytes, the curation's
parts the stage uses, the code version) to the stage's result. A build loads each pack once,
takes what it can and writes the pack back, atomically, with exactly the entries it used, so
the folder never grows past one build's worth and a build after one changed article redoes
one article. A pack that cannot be read back is ignored (the build recomputes, with a note).

Each entry is pickled on its own and the pack keeps the pickled bytes (bytes are kept as
they are): a build that takes 999 entries from the pack and computes one writes
the 999 back as the bytes it read (no record is pickled again), so saving a pack costs what
the changed entries cost.

Packs are Python pickles of dossier's own dataclasses: the folder is yours, like a
`__pycache__`; do not put files from elsewhere in it.

Within one process that builds again and again (`mkdocs serve`: `remember=True`), entries
also stay in memory, so a rebuild after a save reads nothing back from disk. A process that
builds once lets them go when the build no longer needs them: at 10,000 articles the
analyses are most of the memory a build holds, and assembling is their last use.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import dossier

log = logging.getLogger("dossier.cache")
CACHE_DIR = Path(".dossier") / "cache"
MEMORY_LIMIT = 50_000
"""Entries a process keeps in memory per stage (a long `mkdocs serve` session with many edits)."""

_MEMORY: dict[str, dict[str, Any]] = {}  # stage -> key -> value, for this process
_PICKLED: dict[str, dict[str, bytes | tuple[bytes]]] = {}  # stage -> key -> the value pickled, as the pack keeps it
_WRITTEN: dict[str, Any] = {}  # pack path -> the keys this process last wrote there
_WRITTEN_FILE: dict[str, tuple[int, int, int, int] | None] = {}  # pack path -> the file it wrote (`file_identity`)
PACK_FORMAT = ("dossier-cache", 3)
"""The first item of a pack: (this marker, {key: the value pickled, or `(bytes,)`: bytes as they are})."""


def digest(*parts: str | bytes) -> str:
    """The SHA-256 of `parts`, each length-prefixed (so no two different lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# The code whose output the cache keeps: reading and analysing (and what they import). A change
# to assembling, rendering or printing does not make the next build start cold.
CACHED_CODE = ("__init__.py", "cache.py", "errors.py", "model.py", "processes.py", "analyse", "curation", "ingest")


@lru_cache(maxsize=4)
def code_version(parts: tuple[str, ...] | None = CACHED_CODE) -> str:
    """A hash of the source files (and templates) of `parts`, files or folders of the package
    (None: all of it): changed code invalidates the cache."""
    root = Path(dossier.__file__).resolve().parent
    h = hashlib.sha256(dossier.__version__.encode())
    for path in sorted(root.rglob("*")):
        top = path.relative_to(root).parts[0]
        if (parts is None or top in parts) and path.suffix in (".py", ".yml", ".j2") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def forget() -> None:
    """Drop what this process keeps in memory (as a new process starts; for tests)."""
    _MEMORY.clear()
    _PICKLED.clear()
    _WRITTEN.clear()
    _WRITTEN_FILE.clear()


def cache_dir_for(curation_path: Path) -> Path | None:
    """The cache folder of a curation file, or None when DOSSIER_CACHE=0."""
    if os.environ.get("DOSSIER_CACHE", "1") == "0":
        return None
    return curation_path.resolve().parent / CACHE_DIR


@contextlib.contextmanager
def paused_gc(*, set_aside: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block: building hundreds of thousands of
    acyclic objects (unpickling a pack, assembling a dossier) otherwise spends most of its
    time in collections that find nothing.

    `set_aside`: what the block made stays alive as long as the process needs it (a command
    that ends once it has written its build): it is set aside (`gc.freeze`) before the collector
    resumes, whose first collection would otherwise scan every object made in the block. After
    one changed article at 1,000 articles, that collection took 0.05-0.075 s of a 1.7 s
    `dossier build`, to free cycles the ending process frees anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if set_aside:
            gc.freeze()
        if enabled:
            gc.enable()


def give_back_free_memory() -> None:
    """Hand the C heap's free memory back to the system (glibc's `malloc_trim`; elsewhere
    nothing). A build that has read its packs holds them as bytes (at 10,000 articles 120 MB)
    until it lets them go, after analysing; Python's small objects, which assembling then
    makes, come from memory of their own, so the freed bytes stayed counted in the process's
    size for the rest of the build, and in every child it forks. At 10,000 articles, every
    analysis read from the cache, `dossier pdf`'s largest process fell from 955 to 908 MiB; a
    build over a cache of other code (which reads the whole pack and uses none of it), from
    991 to 945 MiB."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # (only a build that has read its packs asks)

    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc (musl, macOS, Windows)
        return None


FREE_CYCLES_EVERY = 200
"""Pieces of work (pages rendered) between two collections of `cycles_freed`."""


@contextlib.contextmanager
def cycles_freed() -> Iterator[Callable[[], None]]:
    """While the collector is paused (`paused_gc`): a `made()` to call after each piece of
    work that leaves reference cycles behind; every `FREE_CYCLES_EVERY` calls, the cycles made since the
    block began are freed, without scanning what was alive before it (set aside meanwhile,
    as `gc.freeze` does). Jinja leaves each rendered page's context and macros in a cycle,
    with what the page was given: a paused collector never freed them (1.5 million objects,
    75 MB, by the end of a 10,000-article build's pages). When the
    collector runs, or objects were set aside already, `made()` does nothing."""
    if gc.isenabled() or gc.get_freeze_count():
        yield lambda: None
        return
    gc.freeze()
    count = 0

    def made() -> None:
        nonlocal count
        count += 1
        if count % FREE_CYCLES_EVERY == 0:
            gc.collect(1)  # the young generations: all that was made since the last call

    try:
        yield made
    finally:
        gc.unfreeze()


class Cache:
    """One stage's entries: `get` and `put` by key, `save` once at the end of the build.

    `folder` None keeps entries in this process's memory only; `remember` keeps them there
    too, for the next build in this process. Keys are made with `key()`, so they always
    include the code version.
    """

    def __init__(self, folder: Path | None, stage: str, *, remember: bool = False) -> None:
        self.folder = folder
        self.stage = stage
        # without a folder, this process's memory is the only cache there is
        self.remember = remember or folder is None
        self.memory = _MEMORY.setdefault(f"{folder}:{stage}", {}) if self.remember else {}
        self.pickled = _PICKLED.setdefault(f"{folder}:{stage}", {}) if self.remember else {}
        self.used: dict[str, Any] = {}
        self.hits = self.misses = 0
        self._pack: dict[str, Any] | None = None
        self._read_file: tuple[int, int, int, int] | None = None  # the pack file read (`file_identity`)
        self._dirty = False

    @property
    def path(self) -> Path | None:
        return self.folder / f"{self.stage}.pickle" if self.folder is not None else None

    @staticmethod
    def key(*parts: str | bytes) -> str:
        return digest(code_version(), *parts)

    def get(self, key: str) -> Any | None:
        value = self.memory.get(key)
        if value is None:
            value = self._unpickle(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = value
        return value

    def stored(self, key: str) -> str | None:
        """Where `get(key)` finds its entry: "memory", "pack" (read back and unpickled) or
        None (no such entry), without reading it back."""
        if self.memory.get(key) is not None:
            return "memory"
        return "pack" if key in self._load() else None

    def put(self, key: str, value: Any, pickled: bytes | None = None) -> None:
        """Keep `value` under `key`; `pickled`: the value as `pickle.dumps` (highest protocol)
        gave it, when already made (saving then writes these bytes instead of pickling it again)."""
        self._remember(key, value)
        if pickled is None or isinstance(value, bytes) or self.folder is None:
            self.pickled.pop(key, None)  # pickled again when saved (never, without a folder)
        else:
            self.pickled[key] = pickled
        self.used[key] = value
        self._dirty = True

    def _remember(self, key: str, value: Any) -> None:
        if len(self.memory) >= MEMORY_LIMIT:
            self.memory.clear()
        self.memory[key] = value

    def _unpickle(self, key: str) -> Any | None:
        data = self._load().get(key)
        if data is None:
            return None
        if isinstance(data, tuple):  # bytes kept as they are (a page): the value and what is saved are one
            value = data[0]
        else:
            try:
                with paused_gc():
                    value = pickle.loads(data)
            except Exception as exc:  # a damaged entry: recompute it, never fail
                log.info(f"dossier: ignoring an unreadable entry of the cache {self.path}: {exc}")
                return None
        self._remember(key, value)
        self.pickled[key] = data
        return value

    def release(self) -> None:
        """Save, then let go of what this build read (the pack's bytes and, unless the process
        remembers, the values): the rest of the build does not need them."""
        self.save()
        self._pack = None
        self.used = {}
        if not self.remember:
            self.memory, self.pickled = {}, {}

    def save(self) -> None:
        """Write the pack with the entries this build used (nothing when it is unchanged)."""
        path = self.path
        if path is None:
            return
        on_disk = _WRITTEN.get(str(path)) if self._pack is None else self._pack.keys()
        if not self._dirty and on_disk is not None and on_disk == self.used.keys() and path.is_file():
            if self._pack is not None:  # read whole, and what this build used: as good as written here
                _WRITTEN[str(path)] = frozenset(self._pack)
                _WRITTEN_FILE[str(path)] = self._read_file
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{self.stage}-", suffix=".tmp")
        except OSError as exc:  # a read-only checkout still builds, only slower next time
            log.warning(f"dossier: cannot write the cache in {self.folder}: {exc}")
            return
        try:
            entries = {key: self._pickled(key) for key in sorted(self.used)}
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((PACK_FORMAT, entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk: the next build recomputes
            Path(tmp).unlink(missing_ok=True)
            log.warning(f"dossier: cannot write the cache in {self.folder}: {exc}")
            return
        self._dirty = False
        _WRITTEN[str(path)] = frozenset(self.used)  # the keys alone (a keys view would keep the values)
        _WRITTEN_FILE[str(path)] = file_identity(path)
        self.pickled.clear()  # what the next build in this process can write back as it is
        self.pickled.update(entries)

    def _pickled(self, key: str) -> bytes | tuple[bytes]:
        data = self.pickled.get(key)
        if data is None:
            value = self.used[key]
            data = (value,) if isinstance(value, bytes) else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.pickled[key] = data
        return data

    def _load(self) -> dict[str, bytes | tuple[bytes]]:
        if self._pack is None:
            if self.path is None or self._holds_the_pack():
                return {}
            self._read_file = file_identity(self.path)  # (before reading: a pack replaced meanwhile is another)
            self._pack = read_pack(self.path)
        return self._pack

    def _holds_the_pack(self) -> bool:
        """Whether the pack on disk is the one this process last wrote and every entry of it
        is in memory: a key missing from memory is then not in the pack either, so a rebuild
        under `mkdocs serve` after a save does not read the pack back (hundreds of MB at
        10,000 articles). A pack another process wrote since is read."""
        path = str(self.path)
        written = _WRITTEN.get(path)
        return (self.remember and written is not None and _WRITTEN_FILE.get(path) is not None
                and _WRITTEN_FILE[path] == file_identity(self.path) and written <= self.memory.keys())


class PageFiles:
    """The rendered pages kept between builds (the pages cache), each page a file of the cache
    folder named by its content's SHA-256 (`pages/<sha256>.md`), found through an index (the
    `pages` pack of a `Cache`: key -> (its SHA-256, its size)). A page taken from it, or put in
    it, is that file (a `Spooled` without a spool), not its bytes: a build holds none of the
    pages it keeps (at 10,000 articles 11,000 pages, 105 MB), the writing stage copies the
    file, and the pack holds the index alone. Saving keeps the files of the pages this build
    and the one before it used, and removes the others once no build has touched them for
    `PRUNE_AFTER` (a page taken or stored is touched): two processes building one project at
    once (`mkdocs serve` and `dossier pdf`) each keep the files the other is still copying.
    With no folder (DOSSIER_CACHE=0) the pages are kept in memory, as bytes."""

    def __init__(self, folder: Path | None, stage: str = "pages", *, remember: bool = False) -> None:
        # (imported here: reading and analysing, whose code versions the cache, never load it)
        from dossier.write import Spooled

        self._spooled = Spooled
        self.index = Cache(folder, stage, remember=remember)
        self.files = folder / stage if folder is not None else None
        self._made_folder = False

    @property
    def folder(self) -> Path | None:
        return self.index.folder

    def get(self, key: str) -> Any | None:
        """The page kept under `key`: its file, or (without a folder) its bytes; None."""
        entry = self.index.get(key)
        if entry is None or self.files is None:
            return entry if isinstance(entry, bytes) else None
        if not isinstance(entry, tuple) or len(entry) != 2:  # (a page as an older version kept it)
            return None
        sha256, size = entry
        path = self.files / f"{sha256}.md"
        try:
            info = os.stat(path)
        except OSError:  # (removed meanwhile: rendered again)
            return None
        if info.st_size != size:
            return None
        _touch(path, info)
        return self._spooled(path, size, sha256, None)

    def store(self, page: bytes) -> Any:
        """The page's file, written if no page had these bytes (`keep` keeps it under a key);
        without a folder, the bytes. A forked child rendering half the pages stores each as it
        is made, so that neither process holds them all; the parent keeps them."""
        if self.files is None:
            return page
        sha256 = hashlib.sha256(page).hexdigest()
        path = self.files / f"{sha256}.md"
        try:
            _touch(path, os.stat(path))
        except OSError:  # (not written yet)
            try:
                if not self._made_folder:
                    self.files.mkdir(parents=True, exist_ok=True)
                    self._made_folder = True
                fd, tmp = tempfile.mkstemp(dir=self.files, prefix=".page-", suffix=".tmp")
                with os.fdopen(fd, "wb") as handle:
                    handle.write(page)
                os.replace(tmp, path)
            except OSError as exc:  # (a read-only or full disk: the page is held in memory)
                log.warning(f"dossier: cannot write the cache in {self.files}: {exc}")
                return page
        return self._spooled(path, len(page), sha256, None)

    def keep(self, key: str, page: Any) -> None:
        """Keep under `key` a page `store` gave (its file, or its bytes)."""
        self.index.put(key, (page.sha256, page.size) if isinstance(page, self._spooled) else page)

    def release(self) -> None:
        """Save the index, and remove the files of the pages neither this build nor the one
        before it used (a build's pages stay readable while the next one is made: `mkdocs
        serve` typesets the PDF of one build while a save makes the next) and no build touched
        for `PRUNE_AFTER` (another process's build may be using them)."""
        used = frozenset(entry[0] for entry in self.index.used.values() if isinstance(entry, tuple))
        before = self.index.get(_LAST_PAGES)
        self.index.put(_LAST_PAGES, used)
        self.index.release()
        if self.files is None or not self.files.is_dir():
            return
        keep = used | (before if isinstance(before, frozenset) else frozenset())
        for entry in os.scandir(self.files):
            name = entry.name
            if name.endswith(".md") and name[:-3] not in keep and _stale(entry, PRUNE_AFTER) \
                    or name.startswith(".page-") and _stale(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


_LAST_PAGES = "the pages of the last build"
"""The key under which the pages index keeps the files (SHA-256) of the last build's pages."""


PRUNE_AFTER = 30 * 60
"""Seconds a page file no build uses stays in the pages cache after a build last took or stored
it: longer than any build takes to copy the pages it took (at 10,000 articles `mkdocs build`
reads them for about four minutes), so a build of another process never loses one."""


def _touch(path: Path, info: os.stat_result) -> None:
    """Mark a page file as in use now (see `PRUNE_AFTER`): its time is set again only once it
    is half that old, so a build touches each of its pages at most once in a quarter of an hour."""
    if info.st_mtime < time.time() - PRUNE_AFTER / 2:
        with contextlib.suppress(OSError):
            os.utime(path)


def _stale(entry: os.DirEntry, age: float = 3600) -> bool:
    """A file not written or touched for `age` seconds (by default: one left half-written by a
    process killed while writing it)."""
    try:
        return entry.stat().st_mtime < time.time() - age
    except OSError:
        return False


def file_identity(path: Path | str | None) -> tuple[int, int, int, int] | None:
    """What tells that a file changed without reading it: its size, modification and change
    times and inode (None: no such file). A pack written again, by any process, is a new file
    (written beside it, then moved over it)."""
    try:
        info = os.stat(path) if path is not None else None
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) if info else None


def read_pack(path: Path) -> dict[str, bytes | tuple[bytes]]:
    """A pack's entries (key -> the value pickled, or `(bytes,)` as they are); none when the file is missing, damaged,
    from elsewhere or of an older format (the build then recomputes, with a note)."""
    if not path.is_file():
        return {}
    try:
        with paused_gc(), path.open("rb") as handle:
            pack = pickle.load(handle)
    except Exception as exc:  # a truncated or foreign file: recompute, never fail
        log.info(f"dossier: ignoring the unreadable cache {path}: {exc}")
        return {}
    if isinstance(pack, tuple) and len(pack) == 2 and pack[0] == PACK_FORMAT and isinstance(pack[1], dict):
        return pack[1]
    log.info(f"dossier: ignoring the cache {path}: not a dossier cache of this version")
    return {}
