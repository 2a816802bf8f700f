"""Write: generated pages into a folder, as a whole or not at all.

The pages are written into a temporary folder beside the target, then swapped in, so a build
that is killed leaves the previous output, never a mix of old and new pages or a half-written
file. A manifest in the folder lists what dossier wrote; on the next build only those files may
be removed (stale pages), never a user's other files, which are carried over into the new
folder. A file whose bytes did not change keeps its inode and time (it is linked, not
rewritten), so a server watching the folder sees only real changes.

A page's content is text, UTF-8 bytes, or a :class:`Spooled` file: the large downloads (the
dossier JSON, the figures as JSON and CSV: 390 MB at 10,000 articles) are written to a
:class:`Spool` as they are made and held there, not in memory, until they are written out.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import shutil
import stat
import tempfile
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import DossierError

MANIFEST = ".dossier-manifest.json"


class Spool:
    """A temporary folder that holds generated files until they are written out. It is
    removed once neither it nor any file spooled in it is referenced (or when the process
    exits). `near`: a folder to make it in (the project's cache folder, so the files stay on
    the disk the output goes to; None: the system's temporary folder)."""

    def __init__(self, near: Path | None = None) -> None:
        prefix = f"{SPOOL_PREFIX}{os.getpid()}-"
        try:
            if near is not None:
                near.mkdir(parents=True, exist_ok=True)
                _remove_abandoned(near)
            self._folder = tempfile.TemporaryDirectory(prefix=prefix, dir=near)
        except OSError:  # (a folder that cannot be written to: the system's, then)
            self._folder = tempfile.TemporaryDirectory(prefix=prefix)
        self.root = Path(self._folder.name)
        self._numbers = itertools.count(1)
        _SPOOLS[str(self.root)] = self

    def write(self, name: str, pieces: Iterable[bytes]) -> Spooled:
        """Spool the bytes `pieces` give, one piece at a time, as a file named after `name`
        (only its last part is kept, with a number and the writing process's id that make it
        unique: a forked child writes in its parent's spool, `dossier.processes.in_child`)."""
        path = self.root / f"{next(self._numbers)}-{os.getpid()}-{Path(name).name}"
        hashed, sizes = hashlib.sha256(), []
        with path.open("wb") as handle:
            for piece in pieces:
                handle.write(piece)
                hashed.update(piece)
                sizes.append(len(piece))
        return Spooled(path, sum(sizes), hashed.hexdigest(), self, tuple(sizes))


@dataclass(frozen=True)
class Spooled:
    """A generated file's content, held in a :class:`Spool` (which it keeps alive), or, with
    no spool, kept in the cache folder (a page of the pages cache: `dossier.cache.PageFiles`).
    Two are equal when their contents are."""

    path: Path = field(compare=False)
    size: int
    sha256: str  # of the content
    spool: Spool | None = field(repr=False, compare=False)
    sizes: tuple[int, ...] = field(default=(), repr=False, compare=False)  # of the pieces it was written in

    def __len__(self) -> int:
        return self.size

    def __reduce__(self):
        # sent from a forked child to its parent: the file, in the parent's own spool
        if self.spool is None:
            return Spooled, (self.path, self.size, self.sha256, None, self.sizes)
        return _spooled_in, (str(self.spool.root), str(self.path), self.size, self.sha256, self.sizes)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def pieces(self, size: int | None = None) -> Iterator[bytes]:
        """The content `size` bytes at a time (default CHUNK)."""
        with self.path.open("rb") as handle:
            while piece := handle.read(size or CHUNK):
                yield piece

    def written_pieces(self) -> Iterator[bytes]:
        """The content in the pieces it was written in."""
        with self.path.open("rb") as handle:
            for size in self.sizes:
                yield handle.read(size)

    def pack(self) -> None:
        """Start compressing the content as a kept snapshot holds it (each piece it was
        written in a gzip member of its own: `gzip_member`) into a file beside it, on a thread:
        zlib lets the interpreter go on meanwhile (a build writes its pages), so keeping the
        snapshot after them copies a file (`packed`). Asked again, it does nothing."""
        with _PACKING_LOCK:
            if str(self.path) in _PACKING:
                return
            target = self.path.with_name(self.path.name + ".gz")
            done: list[bool] = []

            def run() -> None:
                try:
                    with target.open("wb") as out:
                        for piece in self.written_pieces():
                            out.write(gzip_member(piece))
                except OSError:
                    return  # (`packed` gives None: whoever keeps it compresses it then)
                done.append(True)

            thread = threading.Thread(target=run, name="dossier-pack", daemon=True)
            _PACKING[str(self.path)] = (thread, target, done)
            thread.start()

    def packed(self) -> Path | None:
        """The file `pack` compressed the content into, once it is done (asked once); None when
        `pack` was not asked for or could not write it."""
        with _PACKING_LOCK:
            entry = _PACKING.pop(str(self.path), None)
        if entry is None:
            return None
        thread, target, done = entry
        thread.join()
        return target if done else None


SPOOL_PREFIX = "dossier-spool-"
"""A spool's folder is named `dossier-spool-<the id of the process that made it>-<random>`."""


def _remove_abandoned(folder: Path) -> None:
    """Remove the spools in `folder` whose process is gone: a process killed outright (`mkdocs
    serve` stopped by SIGTERM) cannot remove its own, and at 10,000 articles each holds 390 MB.
    A spool of a live process, or of one this process cannot tell, is left alone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(SPOOL_PREFIX):
            continue
        pid = entry.name[len(SPOOL_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)


def alive(pid: int) -> bool:
    """Whether the process `pid` is alive (or cannot be told: taken as alive)."""
    if pid == os.getpid() or os.name != "posix":  # (elsewhere, signal 0 is no mere question)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (another user's: alive)
        return True
    return True


_SPOOLS: weakref.WeakValueDictionary[str, Spool] = weakref.WeakValueDictionary()
"""This process's live spools by folder (what a pickled `Spooled` is read back into)."""


def _spooled_in(root: str, path: str, size: int, sha256: str, sizes: tuple[int, ...]) -> Spooled:
    spool = _SPOOLS.get(root)
    if spool is None:
        raise DossierError(f"a spooled file of a spool this process no longer has: {path}")
    return Spooled(Path(path), size, sha256, spool, sizes)


_PACKING: dict[str, tuple[threading.Thread, Path, list[bool]]] = {}
"""Spooled files being compressed or compressed (`Spooled.pack`), by path: each spooled file
is written once, under a name never used again."""
_PACKING_LOCK = threading.Lock()


def gzip_member(piece: bytes) -> bytes:
    """`piece` as one gzip member: level 1, the fastest deflate (a 1,000-article dossier/3
    document's 24 MB keep as 3.1 MB in 0.14 s of CPU; level 6: 2.2 MB in 0.26 s), and mtime 0,
    so the same bytes always give the same member."""
    return gzip.compress(piece, compresslevel=1, mtime=0)


Content = str | bytes | Spooled
"""A generated file's content: text (written as UTF-8), UTF-8 bytes, or a spooled file."""


class Pages(Mapping[str, Content]):
    """Generated files by path, each held as the UTF-8 bytes it is written in (a text with any
    character past Latin-1 takes two or four bytes a character in memory: at 10,000 articles
    the pages were 210 MB as text, 105 MB as UTF-8), or in a file (the downloads, spooled; the
    pages of the pages cache). A Markdown page (`.md`) reads as text; any other file as it is
    held. `contents`: what is written, as it is held."""

    def __init__(self, contents: dict[str, Content]) -> None:
        self.contents = contents

    def __getitem__(self, path: str) -> Content:
        content = self.contents[path]
        return content_bytes(content).decode("utf-8") if path.endswith(".md") and not isinstance(content, str) else content

    def __iter__(self) -> Iterator[str]:
        return iter(self.contents)

    def __len__(self) -> int:
        return len(self.contents)

    def __repr__(self) -> str:
        return f"Pages({len(self)} files)"


def contents_of(pages: Mapping[str, Content]) -> Mapping[str, Content]:
    """What is written of each page, as it is held (a `Pages` is not decoded to be encoded again)."""
    return pages.contents if isinstance(pages, Pages) else pages


def content_bytes(content: Content) -> bytes:
    """The content as the bytes written (a spooled file read whole)."""
    if isinstance(content, Spooled):
        return content.read_bytes()
    return content if isinstance(content, bytes) else content.encode("utf-8")


def write_pages(pages: Mapping[str, Content], out: Path, *, protect: tuple[Path, ...] = ()) -> list[str]:
    """Write every page under `out`; return the paths whose content changed.

    A path that would land outside `out` (absolute, or with `..`) is refused, whatever the
    article ids were; so is an output folder that is the file-system root, the home folder,
    the current folder or one of its parents, or one that holds any of `protect` (the seeds
    folder, the curation file).
    """
    root = _check_out(out, protect)
    pages = contents_of(pages)
    targets = _targets(pages, root, out)
    previous = _manifest(root)
    parent = root.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.dossier-new-", dir=parent))
    try:
        os.chmod(staging, root.stat().st_mode & 0o7777 if root.is_dir() else 0o755)
        changed = _fill(staging, pages, targets, root)
        if root.is_dir():
            _carry_over(root, staging, set(targets) | previous | {MANIFEST})
        (staging / MANIFEST).write_text(json.dumps(sorted(targets), indent=0) + "\n", encoding="utf-8")
        _swap(staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = sorted(previous - set(targets))
    return changed + [p for p in removed if p not in changed]


def _check_out(out: Path, protect: tuple[Path, ...]) -> Path:
    root = out.resolve()
    cwd = Path.cwd().resolve()
    forbidden = {Path(root.anchor), Path.home().resolve()}
    if root in forbidden or cwd.is_relative_to(root):
        raise DossierError(f"refusing to write into '{out}': use a folder of its own, such as out/")
    for path in protect:
        if path.resolve().is_relative_to(root):
            raise DossierError(f"refusing to write into '{out}': it holds {path}, which the build reads")
    if root.exists() and not root.is_dir():
        raise DossierError(f"refusing to write into '{out}': it is a file, not a folder")
    return root


def _targets(pages: Mapping[str, Content], root: Path, out: Path) -> dict[str, Path]:
    """Where each page goes: `root / path` with every link and `..` resolved, each folder
    resolved once (a thousand pages share a few folders), refused outside `root`."""
    targets = {}
    folders: dict[str, tuple[Path, bool]] = {}  # each folder resolved, and whether it is inside root
    for path in sorted(pages):
        folder, _, name = path.rpartition("/")
        found = folders.get(folder)
        if found is None:
            resolved = (root / folder).resolve()
            found = folders[folder] = (resolved, resolved.is_relative_to(root))
            if found[1] and resolved != Path(os.path.normpath(root / folder)):
                # (a link to another folder of the output: the pages would land beside the link,
                # which the new folder then keeps as well)
                raise DossierError(f"refusing to write '{path}': '{folder}' in the output folder {out} is a link; "
                                   "remove it, dossier writes that folder itself")
        target, inside = found[0] / name, found[1]
        if name in ("", ".", "..") or os.path.islink(target):
            target = (root / path).resolve()  # (what the link points to)
            inside = target.is_relative_to(root)
        if not inside or path.startswith("/") or path == MANIFEST:
            raise DossierError(f"refusing to write '{path}': outside the output folder {out}")
        targets[path] = target
    return targets


def _manifest(root: Path) -> set[str]:
    """What dossier wrote into this folder last time (nothing, if it never did)."""
    try:
        listed = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {p for p in listed if isinstance(p, str)} if isinstance(listed, list) else set()


CHUNK = 1 << 20
"""Characters encoded (and bytes read back) at a time: the dossier JSON of 10,000 articles is
220 MB, and holding it encoded and its previous version read back would double the peak."""


def utf8_pieces(content: Content, size: int | None = None) -> Iterator[bytes]:
    """`content` as UTF-8: a text `size` characters (default CHUNK) at a time, bytes as they
    are, a spooled file `size` bytes at a time."""
    if isinstance(content, bytes):
        yield content
        return
    if isinstance(content, Spooled):
        yield from content.pieces(size)
        return
    size = size or CHUNK
    for start in range(0, len(content), size):
        yield content[start:start + size].encode("utf-8")


def _fill(staging: Path, pages: Mapping[str, Content], targets: dict[str, Path], root: Path) -> list[str]:
    changed = []
    made: set[Path] = set()  # the folders made in the staging folder
    for path, old in targets.items():
        content = pages[path]
        new = staging / path
        if new.parent not in made:
            new.parent.mkdir(parents=True, exist_ok=True)
            made.add(new.parent)
        try:
            found = os.lstat(old)
        except OSError:
            found = None
        if found is not None and stat.S_ISREG(found.st_mode) and _same(old, content, found.st_size):
            try:
                os.link(old, new)
                continue
            except OSError:
                pass
        else:
            changed.append(path)
        if isinstance(content, Spooled):
            _place_spooled(content, new)
            continue
        with new.open("wb") as handle:
            for part in utf8_pieces(content):
                handle.write(part)
    return changed


def _place_spooled(content: Spooled, new: Path) -> None:
    """A spooled file in the new folder. A spool's own file (a download: the dossier JSON, the
    figures as JSON and CSV) is written once and never again: the new folder takes it as it
    is, by a link, where the spool is on the output's disk (the dossier JSON of 10,000
    articles is 220 MB: copying the downloads took 0.375 s of a build after one changed
    article); the spool's name for it goes before the build is stamped (`let_go_of_spooled`).
    (The export's kept chunks may share that file, `dossier.export.kept`: they are taken only
    while its size and modification time are those they were kept with, so a download edited
    in the output is not taken for them; one edited in place to the same size with its time
    set back is trusted, as the cache's own files are.) Any other is copied, by the kernel where it can (no
    bytes through Python): a page of the pages cache stays the cache's, and editing the output
    must not change what the next build takes from the cache."""
    if content.spool is not None:
        try:
            os.link(content.path, new)
            return
        except OSError:  # (another disk, or one without links)
            pass
    shutil.copyfile(content.path, new)


def let_go_of_spooled(pages: Mapping[str, Content]) -> None:
    """Remove the spool's name of each spooled download (`write_pages` linked the output's
    file to it; the output keeps the file). Removing a name of a file changes its change time,
    which the build stamp checks (`dossier.stamp`): done when the spool goes, as the process
    ends, it made every output download look edited by hand, and the next build, with nothing
    changed, built everything again. So the caller lets go of them once it has written the
    pages and kept the snapshot, before it stamps the build; they can no longer be read here."""
    for content in contents_of(pages).values():
        if isinstance(content, Spooled) and content.spool is not None:
            content.path.unlink(missing_ok=True)


def _same(old: Path, content: Content, size: int) -> bool:
    """Whether the file (of `size` bytes) holds exactly `content` in UTF-8 (read a chunk at a time)."""
    if size < len(content) or not isinstance(content, str) and size != len(content):  # (a character: 1 byte or more)
        return False
    with old.open("rb") as handle:
        for part in utf8_pieces(content):
            if handle.read(len(part)) != part:
                return False
        return handle.read(1) == b""


def _carry_over(root: Path, staging: Path, ours: set[str]) -> None:
    """Link the user's own files (anything dossier did not write) into the new folder."""
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
            source = here / name
            relative = source.relative_to(root).as_posix()
            if relative in ours:
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            else:
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        for d in dirnames:
            (staging / (here / d).relative_to(root)).mkdir(parents=True, exist_ok=True)


def _swap(staging: Path, root: Path) -> None:
    """Put the new folder in place of the old one: two renames, the old one removed after."""
    if not root.exists():
        os.replace(staging, root)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{root.name}.dossier-old-", dir=root.parent))
    os.rmdir(old)
    os.replace(root, old)
    try:
        os.replace(staging, root)
    except BaseException:
        os.replace(old, root)
        raise
    shutil.rmtree(old, ignore_errors=True)
