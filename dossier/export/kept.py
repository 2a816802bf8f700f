"""The dossier JSON's chunks of articles, kept from one build to the next.

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

The index is trusted only with the file it was written for (its size, modification time,
inode and device): a file replaced by another build, or touched by anyone, is not read.
Deleting the cache folder costs one build the articles' encoding, no more.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
from itertools import accumulate
from pathlib import Path

from dossier.cache import code_version, digest
from dossier.write import Spooled

log = logging.getLogger("dossier.export")

EXPORT_CODE = ("__init__.py", "model.py", "export")
"""The code that makes a record's bytes in the document: the records and their export."""
DOCUMENT = "export.json"
INDEX = "export-chunks.pickle"
INDEX_FORMAT = ("dossier-export-chunks", 1)


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells the kept document is the one the index was written for: its size,
    modification time, inode and device (not its change time, as `dossier.cache.file_identity`
    has: removing the spooled name it was linked from changes that)."""
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


class KeptChunks:
    """The chunks of records of the last document kept in `folder` (None: none are kept), and
    those of the document being made, to keep for the next build (`keep`)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.code = code_version(EXPORT_CODE) if folder is not None else ""
        self._index: dict[str, tuple[int, int]] | None = None
        self._fd: int | None = None
        self._noted: list[tuple[str, int]] = []  # (chunk key, the number of its piece) of this document
        self.copied = self.made = 0

    def key(self, name: str, record_keys: list[bytes]) -> str:
        """The key of a chunk of the list `name` holding records of these content keys (each
        of `content_key`'s one length: joined, they are hashed at once)."""
        return digest(self.code, name, b"".join(record_keys))

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

    def note(self, key: str, piece: int, copied: bool) -> None:
        """The chunk `key` is the document's piece number `piece` (a comma or `[`, then its
        records), taken from the kept document (`copied`) or made."""
        self._noted.append((key, piece))
        if copied:
            self.copied += 1
        else:
            self.made += 1

    def keep(self, document: Spooled) -> None:
        """Keep the spooled `document` (the pieces noted are its pieces) for the next build:
        linked into the folder, then the index of its chunks written beside it. Nothing is
        kept when the folder cannot be written to (the next build encodes every chunk)."""
        if self.folder is None or not document.sizes:
            return
        starts = list(accumulate(document.sizes, initial=0))
        index = {key: (starts[piece] + 1, document.sizes[piece] - 1) for key, piece in self._noted}
        target, temporary = self.folder / DOCUMENT, self.folder / f".{DOCUMENT}.{os.getpid()}.tmp"
        index_temporary = self.folder / f".{INDEX}.{os.getpid()}.tmp"
        try:
            temporary.unlink(missing_ok=True)
            try:
                os.link(document.path, temporary)
            except OSError:  # (a file system without hard links: a copy)
                shutil.copyfile(document.path, temporary)
            os.replace(temporary, target)
            with index_temporary.open("wb") as out:
                pickle.dump((INDEX_FORMAT, self.code, _identity(os.stat(target)), index), out,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(index_temporary, self.folder / INDEX)
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
            with (self.folder / INDEX).open("rb") as handle:
                kept = pickle.load(handle)
            fd = os.open(self.folder / DOCUMENT, os.O_RDONLY)
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
