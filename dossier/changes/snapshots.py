"""Snapshots: the whole-dossier JSON of each build, kept in a folder to compare later builds with.

A snapshot is byte for byte the site's ``downloads/dossier.json`` (:mod:`dossier.export.dossier`),
gzip-compressed (a 1,000-article dossier's 24 MB keep as 3.1 MB), so the last published briefing's
download can stand in for a kept snapshot. Each is named by the briefing's as-of date, the
build's date and time (UTC) and the start of its content hash (of the uncompressed JSON)::

    .dossier/snapshots/2025-04-24_20251121T060000Z_3f2a9c1b7d4e.json.gz

Snapshots kept before compression (``.json``) are still read; so is any dossier JSON given by
name, compressed or not.

A build whose dossier is byte-identical to a kept snapshot keeps nothing new. Files are written
to a temporary name in the same folder, then renamed, so a snapshot is never half written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import hashlib
import json
import os
import re
import shutil
import tempfile
import zlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import msgspec

from dossier.cache import paused_gc
from dossier.changes.view import Document, ViewCollector, decode
from dossier.errors import DossierError
from dossier.export.dossier import READABLE_SCHEMAS, RECORD_LISTS, document_pieces, record_lists
from dossier.export.kept import KeptChunks
from dossier.write import Content, Spool, Spooled, gzip_member, utf8_pieces
from dossier.model import Dossier, FuzzyDate
from dossier.reuse import KEYS

if TYPE_CHECKING:  # the curation (and the analysis it imports) is not needed to compare two files
    from dossier.curation.model import CompareWith

DEFAULT_FOLDER = Path(".dossier") / "snapshots"
HASH_LENGTH = 12
_NAME = re.compile(
    r"^(?P<as_of>\d{4}(?:-\d{2}){0,2}|undated)_(?P<built>\d{8}T\d{6}Z)_(?P<digest>[0-9a-f]{%d})\.json(?:\.gz)?$"
    % HASH_LENGTH
)


class SnapshotError(DossierError):
    """A snapshot cannot be read or found (missing file, not a dossier JSON, no snapshot that old)."""


@dataclass(frozen=True)
class Snapshot:
    """A dossier JSON document, read: what a comparison needs of it, where it came from and
    its content hash. One read from a file keeps neither its bytes nor (until asked) its
    digest: it is remembered (see `load_snapshot`), and the bytes are tens of MB (a
    1,000-article dossier/2 document 63 MB), all the more at 10,000 articles."""

    doc: Document
    label: str  # the file name, or "this build"
    raw: bytes = field(default=b"", repr=False, compare=False)  # the document (parsed text only)
    known_digest: str | None = field(default=None, repr=False, compare=False)
    path: Path | None = field(default=None, repr=False, compare=False)  # the file it was read from

    @functools.cached_property
    def digest(self) -> str:
        """The content hash. Of a snapshot read from a file it is made when first asked for, by
        reading the file again: a build compares with the previous snapshot without needing
        it (hashing a 10,000-article document is 0.2 s of CPU); only `dossier diff OLD NEW` does."""
        if self.known_digest:
            return self.known_digest
        if self.path is not None:
            return digest(_document(self.path))
        return digest(self.raw)

    @property
    def as_of(self) -> str | None:
        return self.doc.as_of


@dataclass(frozen=True)
class KeptSnapshot:
    """A file in the snapshot folder, described by its name."""

    path: Path
    as_of: str | None  # ISO date of the briefing, or None when undated
    built: str  # 20251121T060000Z
    digest: str


def digest(text: Content | bytearray) -> str:
    """The content hash a snapshot is named and deduplicated by."""
    if isinstance(text, Spooled):
        return text.sha256[:HASH_LENGTH]
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()[:HASH_LENGTH]


def snapshot_name(text: str, as_of: str | None, built: dt.datetime) -> str:
    return _snapshot_name(digest(text), as_of, built)


def _snapshot_name(content_digest: str, as_of: str | None, built: dt.datetime) -> str:
    stamp = built.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{as_of or 'undated'}_{stamp}_{content_digest}.json.gz"


def snapshot_folder(configured: Path | None, curation_path: Path) -> Path | None:
    """Where snapshots are kept: the folder the user named, else the `DOSSIER_SNAPSHOTS`
    environment variable (`0` turns kept snapshots off), else `.dossier/snapshots/` beside the
    curation file."""
    if configured is not None:
        return configured
    env = os.environ.get("DOSSIER_SNAPSHOTS", "").strip()
    if env == "0":
        return None
    return Path(env) if env else curation_path.parent / DEFAULT_FOLDER


def build_time() -> dt.datetime:
    """Now, or the reproducible-builds `SOURCE_DATE_EPOCH` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def keep_snapshot(
    text: Content, folder: Path, as_of: str | None, *, built: dt.datetime | None = None,
    content_digest: str | None = None,
) -> Path | None:
    """Keep the dossier JSON `text` (or its UTF-8 bytes, or a spooled file; a briefing as of the ISO date `as_of`) in `folder`; None
    when a snapshot with the same content is already kept there (nothing changed since).
    `content_digest`: `digest(text)`, when the caller has it already."""
    content_digest = content_digest or digest(text)
    if any(kept.digest == content_digest for kept in kept_snapshots(folder)):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _snapshot_name(content_digest, as_of, built or build_time())
        handle, temporary = tempfile.mkstemp(prefix=".snapshot-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                if isinstance(text, Spooled) and (packed_file := text.packed()) is not None:
                    # compressed already (`Spooled.pack`: while the build wrote its pages)
                    with packed_file.open("rb") as packed:
                        shutil.copyfileobj(packed, out)
                elif isinstance(text, Spooled) and text.sizes:
                    # a build's document: each piece it was encoded in, a gzip member of its
                    # own (still one gzip file, of the same JSON), so the next build can read
                    # it a piece at a time (`_view_of_members`)
                    for piece in text.written_pieces():
                        out.write(gzip_member(piece))
                else:  # (level 1 and mtime 0, as `gzip_member`)
                    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=1, mtime=0) as packed:
                        # a text a piece at a time: no 230 MB copy at 10,000 articles; the same
                        # bytes as compressing it whole (without flushes)
                        for piece in utf8_pieces(text):
                            packed.write(piece)
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise SnapshotError(f"{folder}: cannot keep the snapshot: {exc.strerror or exc}") from None
    return target


KEEP_BUILDS = 10
"""The newest builds whose snapshots are always kept (`prune_snapshots`)."""
KEEP_DATES = 30
"""The latest briefing dates whose newest snapshot is kept besides (`prune_snapshots`)."""


def prune_snapshots(folder: Path, *, builds: int = KEEP_BUILDS, dates: int = KEEP_DATES) -> list[Path]:
    """Remove the snapshots no comparison can reach any more, and return them: every build
    keeps one (1,000 articles: 3 MB; 10,000: about 30 MB), so a folder that kept them all grew
    without end. Kept: the newest `builds` snapshots (`compare_with: last` takes the newest
    that differs from this build), and the newest of each of the `dates` latest briefing dates
    (`compare_with: DATE` and `dossier diff --since DATE` take the newest snapshot of a briefing
    as of that date or earlier); an undated briefing counts as one date."""
    kept = kept_snapshots(folder)
    keep = {k.path for k in kept[-builds:]} if builds > 0 else set()
    newest_of: dict[str, KeptSnapshot] = {}
    for snapshot in kept:  # oldest build first: the last of each date is its newest
        newest_of[snapshot.as_of or "undated"] = snapshot
    latest = sorted(newest_of.items(), key=lambda item: (_date_key(item[0]) if item[0] != "undated" else (0, 0, 0),
                                                         item[1].built))
    keep.update(snapshot.path for _, snapshot in latest[-dates:] if dates > 0)
    removed = []
    for snapshot in kept:
        if snapshot.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                snapshot.path.unlink()
                removed.append(snapshot.path)
    return removed


def kept_snapshots(folder: Path) -> list[KeptSnapshot]:
    """The snapshots in `folder`, oldest build first (other files there are ignored)."""
    if not folder.is_dir():
        return []
    kept = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            as_of = None if match["as_of"] == "undated" else match["as_of"]
            kept.append(KeptSnapshot(path, as_of, match["built"], match["digest"]))
    return sorted(kept, key=lambda k: (k.built, k.path.name))


def last_snapshot(folder: Path, current: str | None = None) -> KeptSnapshot | None:
    """The newest kept snapshot whose content differs from the `current` digest (rebuilding
    the same briefing twice still compares it with the briefing before)."""
    kept = [k for k in kept_snapshots(folder) if k.digest != current]
    return kept[-1] if kept else None


def snapshot_as_of(folder: Path, date: FuzzyDate, current: str | None = None) -> KeptSnapshot | None:
    """The newest kept snapshot whose briefing was as of `date` or earlier."""
    kept = [
        k for k in kept_snapshots(folder)
        if k.digest != current and k.as_of is not None and _date_key(k.as_of) <= date.sort_key
    ]
    return max(kept, key=lambda k: (_date_key(k.as_of or ""), k.built), default=None)


def _date_key(iso: str) -> tuple[int, int, int]:
    parts = [int(p) for p in iso.split("-")] + [0, 0]
    return (parts[0], parts[1], parts[2])


def load_snapshot(path: Path, *, remember: bool = True, older: bool = False) -> Snapshot:
    """Read a dossier JSON file (a kept snapshot, a site's downloads/dossier.json, or the
    output of `dossier export`). With `remember`, the last one read is kept while its file is
    unchanged: under `mkdocs serve` every save compares with the same snapshot (a build that
    runs once lets it go: at 10,000 articles its view is 171 MB, 83 MB as the older side).

    `older`: it is only ever the older side of a comparison, of whose figures `compare` reads
    the latest of each group alone: only those are kept (at 10,000 articles, 88 of the view's
    171 MB, held by a build's exporting child while it compares)."""
    if not path.is_file() or not remember:
        return _read_snapshot(path, older)  # (says why it cannot be read)
    stat = path.stat()
    return _remembered_snapshot(path, stat.st_mtime_ns, stat.st_size, older)


@functools.lru_cache(maxsize=1)
def _remembered_snapshot(path: Path, mtime_ns: int, size: int, older: bool) -> Snapshot:
    return _read_snapshot(path, older)


def _read_snapshot(path: Path, older: bool = False) -> Snapshot:
    with _opened(path) as handle:
        try:
            if handle.read(2) == _GZIP:
                handle.seek(0)
                with paused_gc():
                    doc = _view_of_members(handle, older=older)
                if doc is not None and doc.schema in READABLE_SCHEMAS:
                    return Snapshot(doc, path.name, path=path)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    parsed = parse_snapshot(_document(path), path.name, str(path))
    doc = parsed.doc
    if older:
        latest = {group.latest for group in doc.groups}
        doc = msgspec.structs.replace(doc, figures=[f for f in doc.figures if f.id in latest])
    return Snapshot(doc, parsed.label, path=path)


_GZIP = b"\x1f\x8b"


def _view_of_members(file: BinaryIO, *, older: bool = False) -> Document | None:
    """The view of a snapshot kept a piece at a time (`keep_snapshot` of a build's spooled
    document: a gzip member for each piece `document_pieces` gave), read from `file` a piece
    at a time: at 10,000 articles the document is 230 MB decompressed, its pieces at most a
    few MB, and the file 30 MB, which is not held either (a build's exporting child reads the
    last snapshot while it holds a copy of the build's records). None when the file is not
    made so (a snapshot kept whole, or any other gzip file), or any piece does not read as
    the view expects: the whole document is then read as before, and says what is wrong
    with it."""
    view = ViewCollector()
    spans: list[tuple[int, int]] = []
    members = _members(file, spans=spans)
    figures: list[tuple[int, int]] = []  # (`older`) the figures' members, read once the groups are known
    try:
        header = next(members)
        if not header.startswith(b"{"):
            return None
        while header != b"}\n":
            if not (header[:1] in (b"{", b",") and header.endswith(b":")):
                return None
            key = msgspec.json.decode(header[1:-1], type=str)
            value = next(members)
            if key not in RECORD_LISTS:
                view.decoded(key, value)
            elif value != b"[]":
                if not value.startswith(b"["):
                    return None
                while value != b"]":
                    if older and key == "figures":
                        figures.append(spans[-1])
                    else:
                        view.decoded(key, b"[" + value[1:] + b"]")  # `[` or `,` and a chunk of records
                    value = next(members)
                    if not value.startswith((b",", b"]")):
                        return None
            header = next(members)
        if next(members, None) is not None:
            return None
        if figures:
            latest = view.latest_figures()
            for start, end in figures:  # (read and decompressed again, one at a time)
                file.seek(start)
                value = zlib.decompressobj(wbits=31).decompress(file.read(end - start))
                view.decoded("figures", b"[" + value[1:] + b"]", only=latest)
        return view.document()
    except (StopIteration, ValueError, EOFError, zlib.error, msgspec.DecodeError):
        return None  # (msgspec's ValidationError is a DecodeError)


def _members(file: BinaryIO, first_at_most: int = 1 << 12, *, spans: list[tuple[int, int]] | None = None,
             ) -> Iterator[bytes]:
    """Each gzip member of `file` (read from where it is), decompressed. The first is given up
    on (ValueError) past `first_at_most` bytes: a file kept whole is one member of the whole
    document, and the first piece of one kept a piece at a time is `{"key":`. `spans`: where
    each member given lies in the file is appended to it (start, end) before it is given."""
    offset = file.tell()
    pending = file.read(_READ)  # what was read of the file and not yet decompressed
    first = True
    while pending:
        start = offset
        unpack = zlib.decompressobj(wbits=31)
        parts: list[bytes] = []
        while not unpack.eof:
            if not pending:
                pending = file.read(_READ)
                if not pending:
                    raise EOFError("a member ends before its end")
            parts.append(unpack.decompress(pending, first_at_most + 1) if first else unpack.decompress(pending))
            if first and (unpack.unconsumed_tail or sum(map(len, parts)) > first_at_most):
                raise ValueError("not a snapshot kept a piece at a time")
            offset += len(pending) - len(unpack.unused_data)
            pending = unpack.unused_data  # (the next member's first bytes, once this one ends)
        first = False
        if spans is not None:
            spans.append((start, offset))
        yield b"".join(parts)
        if not pending:
            pending = file.read(_READ)


_READ = 1 << 16
"""Bytes of a kept snapshot read at a time."""


def _opened(path: Path) -> BinaryIO:
    """The file, open for reading, or a `SnapshotError` saying why it cannot be read."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such snapshot file") from None
    except IsADirectoryError:
        raise SnapshotError(f"{path}: is a folder, not a snapshot file") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> SnapshotError:
    return SnapshotError(f"{path}: cannot read: {exc.strerror or exc}")


def _file(path: Path) -> bytes:
    with _opened(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise _unreadable(path, exc) from None


def _document(path: Path) -> bytes | bytearray:
    """The dossier JSON a file holds, decompressed if it is a kept snapshot."""
    data = _file(path)
    if data[:2] == _GZIP:  # gzip: a kept snapshot
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise SnapshotError(f"{path}: a damaged compressed snapshot: {exc}") from None
    return data


def _gunzip(data: bytes) -> bytearray:
    """`gzip.decompress(data)` into one buffer made at the size the file's trailer gives (that
    of its last member: the whole document, for the one member a kept snapshot has), instead of
    one grown and copied as it fills: a 10,000-article snapshot is 220 MB decompressed, and
    the growing took 250 MB more at the build's peak. A file of several members is read whole.
    The trailer is not trusted beyond what deflate can give (at most 1,032 bytes a byte): a
    damaged file's last bytes could ask for 4 GB."""
    expected = min(int.from_bytes(data[-4:], "little"), len(data) * 1032) if len(data) >= 4 else 0
    out = bytearray(expected)
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
        read = packed.readinto(out)
        if read < expected:
            del out[read:]
        else:
            out += packed.read()
    return out


def parse_snapshot(text: str | bytes, label: str, where: str | None = None) -> Snapshot:
    """A dossier JSON document, checked: JSON, an object, a dossier schema we read.

    Text is encoded to UTF-8 first: msgspec reads a str through its UTF-8 form, which CPython
    makes far more slowly than `str.encode` does (0.5 s against 0.03 s for a 1,000-article
    dossier's text) and then keeps inside the str for as long as it lives."""
    where = where or label
    expected = f"expected one of {', '.join(READABLE_SCHEMAS)}, as written by `dossier export` or a build"
    if isinstance(text, str):
        text = text.encode("utf-8")
    try:
        with paused_gc():  # a build's heap is large: collections while decoding find nothing
            doc = decode(text)
    except msgspec.ValidationError as exc:
        raise SnapshotError(f"{where}: not a dossier snapshot ({exc}); {expected}") from None
    except msgspec.DecodeError as exc:
        raise SnapshotError(f"{where}: not JSON ({exc})") from None
    if doc.schema not in READABLE_SCHEMAS:
        raise SnapshotError(f"{where}: not a dossier snapshot (schema {json.dumps(doc.schema)}); {expected}")
    return Snapshot(doc, label, text)


@dataclass(frozen=True)
class Export:
    """A build's dossier JSON (`dossier_json`, as UTF-8 bytes, or spooled), its digest and,
    when it is to be compared, its snapshot (labelled "this build")."""

    document: bytes | Spooled = field(repr=False)
    digest: str
    snapshot: Snapshot | None


def export_build(d: Dossier, *, compared: bool = True, spool: Spool | None = None,
                 kept: KeptChunks | None = None) -> Export:
    """The dossier JSON of `d`, hashed, and (`compared`) its snapshot, all from the one plain
    data the JSON is encoded from, made and encoded a chunk of records at a time.

    `spool`: where the JSON is written as it is encoded (the document is then a `Spooled`
    file; None: bytes in memory). At 10,000 articles the text is 230 MB, and the whole plain
    data was as much again while it was encoded.

    The snapshot's view is converted from that data, not parsed back from the text: the same
    view (`parse_snapshot(text, "this build")` gives an equal one; tests hold them equal), in
    less than half the time, without a UTF-8 copy of the text to parse, and sharing the
    dossier's strings instead of copies of them (at 10,000 articles its view is 55 MB
    converted, 171 MB parsed). The digest is of the encoded bytes, as they are encoded.

    `kept` (with a `spool`): the chunks of records the last build kept, taken from there
    instead of being made again; the document spooled is kept there for the next build
    (`dossier.export.kept`)."""
    view = ViewCollector() if compared else None
    with paused_gc():  # hundreds of thousands of acyclic dicts and lists: nothing to collect
        kept = kept if spool is not None else None
        pieces = document_pieces(d, view, kept)
        if spool is not None:
            try:
                document: bytes | Spooled = spool.write("dossier.json", pieces)
                if kept is not None:
                    kept.keep(document)
            finally:
                if kept is not None:
                    kept.close()
            content = document.sha256[:HASH_LENGTH]
        else:
            document = b"".join(pieces)
            content = digest(document)
        snapshot = Snapshot(view.document(), "this build", known_digest=content) if view is not None else None
    return Export(document, content, snapshot)


def prepare_export(d: Dossier, *, compared: bool) -> None:
    """Under `mkdocs serve`, before the child that exports `d` is forked: key every record
    the document keys (`dossier.reuse.KEYS`) and, when it is `compared`, make the comparison's
    view of every record it views (`dossier.changes.view.viewed`), here, where they are
    remembered for the next save. The child finds them made; made there, they were lost with
    it and made again, for every record, on every save. A save makes those of its new records
    alone: at 10,000 articles the child took 2.0-2.1 s instead of 3.2 s, and this process
    0.15-0.17 s more (looking 440,000 records up)."""
    view = ViewCollector()  # (what it collects is let go: the memos keep the views)
    for name, records in record_lists(d).items():
        if records.key is KEYS:
            KEYS.values(records.items)
        if compared and records.viewed:
            view.records(name, records.items)


# --------------------------------------------------------------- which snapshot to compare with
def previous_snapshot(
    compare_with: CompareWith, folder: Path | None, base: Path, current: str | None = None, *,
    remember: bool = True,
) -> Snapshot | None:
    """The snapshot a build compares itself with, or None when there is none to compare with.

    `folder`: the kept snapshots (None: none are kept); `base`: the folder a `file` is
    relative to (the curation file's); `current`: the digest of this build, never compared
    with itself. A named file that does not exist is an error; a date or `last` without a
    kept snapshot is not (the first briefing has nothing before it). `remember`: see
    `load_snapshot`.
    """
    path = compared_path(compare_with, folder, base, current)
    return load_snapshot(path, remember=remember, older=True) if path is not None else None


def compared_path(compare_with: CompareWith, folder: Path | None, base: Path, current: str | None = None,
                  ) -> Path | None:
    """The file of the snapshot `previous_snapshot` reads (None: none), found without reading it."""
    if compare_with.kind == "none":
        return None
    if compare_with.kind == "file":
        return base / (compare_with.file or "")
    if folder is None:
        return None
    if compare_with.kind == "date":
        assert compare_with.date is not None
        kept = snapshot_as_of(folder, compare_with.date, current)
    else:
        kept = last_snapshot(folder, current)
    return kept.path if kept else None
