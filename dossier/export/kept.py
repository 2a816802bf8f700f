"""Chunks of the large downloads, kept from one build to the next: the dossier JSON's articles,
figures, statements, quotes and events, and the figures download's rows (JSON and CSV).

The document's articles (most of its bytes: each holds its whole text) are encoded a chunk at
a time (`dossier.export.dossier.document_pieces`), and where a chunk ends is decided by its
articles' content (`content_key`), not by their positions: an article whose key falls on
1 in `RECORD_CHUNK // ARTICLE_FRACTION` ends its chunk. An article added, changed or removed
changes its own chunk, and the chunks before and after it hold the same articles.

A build that spools its document in the cache folder (`Spool`) keeps it there, as
`export.json` (linked, not copied), with an index: for each such chunk, a key (its articles'
content keys, the list, the code of exporting) and where its bytes lie in the file. The next
build takes every chunk of the same key from that file instead of making its articles plain
and encoding them again (at 10,000 articles, 77 chunks of 78 after one changed article). The
bytes are the same either way (tests hold a document made with kept chunks equal to one made
without), and so is the view the comparison reads, decoded from the chunk taken.

The document's figures are kept the same way (`RECORD_CHUNK` a chunk on average), but the
comparison's view of them is read from the figures themselves, whether their chunk is taken
or made (`ViewCollector.records`): decoded, it held copies of their strings, 65 MB more at the
peak of a 10,000-article build.

The index is trusted only with the file it was written for (its size, modification time,
inode and device): a file replaced by another build, or touched by anyone, is not read.
Deleting the cache folder costs one build the articles' encoding, no more.

The figures download (`dossier.export.figures.figures_downloads`) is kept the same way, each
file with its own index: its rows end their chunks where the figures' content keys say, and a
chunk's key holds each figure's content key and its group's id (the one cell a figure's own
record does not give). Nothing compares those rows, so a chunk taken from the last file is
copied, never decoded (at 10,000 articles, 150 MB of the 390 MB a build exports).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from dossier.cache import code_version, digest
from dossier.write import Spooled, alive

log = logging.getLogger("dossier.export")

EXPORT_CODE = ("__init__.py", "model.py", "export")
"""The code that makes a record's bytes in the document: the records and their export."""
DOCUMENT = "export.json"
INDEX = "export-chunks.pickle"
FIGURES_JSON = ("figures.json", "figures-json-chunks.pickle")
FIGURES_CSV = ("figures.csv", "figures-csv-chunks.pickle")
"""The figures download's files kept, and their indexes (`KeptChunks(folder, *FIGURES_JSON)`)."""
INDEX_FORMAT = ("dossier-export-chunks", 1)


def content_spans(items: Sequence[Any], key: Callable[[Any], bytes], size: int,
                  ) -> Iterator[tuple[int, int, list[bytes]]]:
    """The chunks of `items` by content: each chunk's (start, end) and its items' keys. A
    chunk ends after an item whose key, read as a number, is a multiple of `size` (`size`
    items a chunk on average), or at `4 * size` items: an item added or removed changes its
    own chunk, not every chunk after it."""
    size = max(1, size)
    start, keys = 0, []
    for end, item in enumerate(items, 1):
        found = key(item)
        keys.append(found)
        if int.from_bytes(found[:4], "little") % size == 0 or len(keys) >= 4 * size:
            yield start, end, keys
            start, keys = end, []
    if keys:
        yield start, len(items), keys


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells the kept document is the one the index was written for: its size,
    modification time, inode and device (not its change time, as `dossier.cache.file_identity`
    has: removing the spooled name it was linked from changes that)."""
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


class KeptChunks:
    """The chunks of records of the last document kept in `folder` (None: none are kept), and
    those of the document being made, to keep for the next build (`keep`). `document` and
    `index`: the names of the file kept and of its index (by default, the dossier JSON's)."""

    def __init__(self, folder: Path | None, document: str = DOCUMENT, index: str = INDEX) -> None:
        self.folder = folder
        self.document, self.index = document, index
        self.code = code_version(EXPORT_CODE) if folder is not None else ""
        self._index: dict[str, tuple[int, int]] | None = None
        self._fd: int | None = None
        self._noted: list[tuple[str, int, int]] = []  # (chunk key, its piece's number, the bytes before it) of this document
        self.counts: Counter[tuple[str, bool]] = Counter()  # chunks taken or made, by list and whether taken

    def key(self, name: str, record_keys: list[bytes], *also: bytes) -> str:
        """The key of a chunk of the list `name` holding records of these content keys (each
        of `content_key`'s one length: joined, they are hashed at once), and of what `also`
        says of them besides."""
        return digest(self.code, name, b"".join(record_keys), *also)

    def get(self, key: str) -> bytes | None:
        """The bytes of the kept chunk `key` (its records, joined by commas), or None."""
        where = self._load().get(key)
        if where is None or self._fd is None:
            return None
        offset, length = where
        try:
            data = os.pread(self._fd, length, offset)
        except OSError:
            return None
        return data if len(data) == length else None

    def take(self, key: str, piece: int, make: Callable[[], bytes], *, opening: int = 1,
             name: str = "") -> tuple[bytes, bool]:
        """The chunk `key` (of the list `name`): its bytes from the kept document (`get`), else
        `make()`, and whether they were taken. It is noted as the document's piece number
        `piece` (`opening` bytes that join it to what comes before, a comma or `[` by default,
        then its records), to be kept for the next build."""
        found = self.get(key)
        self._noted.append((key, piece, opening))
        self.counts[name, found is not None] += 1
        return (found, True) if found is not None else (make(), False)

    @property
    def copied(self) -> int:
        """Chunks taken from the kept document (`take`)."""
        return sum(n for (_, copied), n in self.counts.items() if copied)

    @property
    def made(self) -> int:
        """Chunks made (`take`)."""
        return sum(n for (_, copied), n in self.counts.items() if not copied)

    def keep(self, document: Spooled) -> None:
        """Keep the spooled `document` (the pieces `take` noted are its pieces) for the next build:
        linked into the folder, then the index of its chunks written beside it. Nothing is
        kept when the folder cannot be written to (the next build encodes every chunk)."""
        if self.folder is None or not document.sizes:
            return
        starts = list(accumulate(document.sizes, initial=0))
        index = {key: (starts[piece] + opening, document.sizes[piece] - opening) for key, piece, opening in self._noted}
        target, temporary = self.folder / self.document, self.folder / _temporary(self.document, os.getpid())
        index_temporary = self.folder / _temporary(self.index, os.getpid())
        _remove_abandoned(self.folder, (self.document, self.index))
        try:
            temporary.unlink(missing_ok=True)
            try:
                os.link(document.path, temporary)
            except OSError:  # (a file system without hard links: a copy)
                shutil.copyfile(document.path, temporary)
            # the file this index is for, told before it is moved into place: another build
            # may replace it there meanwhile, and its index must not be taken for that file's
            identity = _identity(os.stat(temporary))
            os.replace(temporary, target)
            with index_temporary.open("wb") as out:
                pickle.dump((INDEX_FORMAT, self.code, identity, index), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(index_temporary, self.folder / self.index)
        except OSError as exc:
            log.info(f"dossier: cannot keep the export's chunks in {self.folder}: {exc}")
            for path in (temporary, index_temporary):
                with contextlib.suppress(OSError):
                    path.unlink()

    def close(self) -> None:
        """Let go of the kept document (what `get` reads)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        self._index = {}

    def _load(self) -> dict[str, tuple[int, int]]:
        if self._index is None:
            self._index = {}
            if self.folder is not None:
                self._index = self._read()
        return self._index

    def _read(self) -> dict[str, tuple[int, int]]:
        assert self.folder is not None
        try:
            with (self.folder / self.index).open("rb") as handle:
                kept = pickle.load(handle)
            fd = os.open(self.folder / self.document, os.O_RDONLY)
        except FileNotFoundError:
            return {}
        except Exception as exc:  # a damaged or foreign file: every chunk is made
            log.info(f"dossier: ignoring the export's kept chunks in {self.folder}: {exc}")
            return {}
        info = os.fstat(fd)
        valid = (isinstance(kept, tuple) and len(kept) == 4 and kept[0] == INDEX_FORMAT and kept[1] == self.code
                 and kept[2] == _identity(info) and isinstance(kept[3], dict))
        if not valid:
            os.close(fd)
            return {}
        self._fd = fd
        return kept[3]


def _temporary(name: str, pid: int) -> str:
    """The name a file kept here is written under first, by the process `pid`."""
    return f".{name}.{pid}.tmp"


def _remove_abandoned(folder: Path, names: tuple[str, ...]) -> None:
    """Remove what a process killed while keeping `names` left in `folder` (`_temporary`: a
    link to a whole download, as large as it), when that process is gone."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            for name in names:
                prefix = f".{name}."
                pid = entry.name[len(prefix):-len(".tmp")] if entry.name.startswith(prefix) and entry.name.endswith(".tmp") else ""
                if pid.isdigit() and not alive(int(pid)):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
