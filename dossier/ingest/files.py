"""List and read seed files safely: only regular files inside the seeds folder are read.

Everything else in the folder (hidden files, subfolders, symbolic links that lead outside it,
FIFOs, devices, sockets, unreadable, empty, binary or too large files) is skipped with a
Notice naming the file and the reason, marked `skipped` so every command reports it.
Nothing outside the folder is ever opened, and nothing blocks: a file is opened without
following links and without waiting (a FIFO swapped in after listing cannot stall a build),
and checked again on the open descriptor.
"""

from __future__ import annotations

import codecs
import re
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from dossier.model import SKIPPED, Notice

DEFAULT_MAX_BYTES = 5_000_000
# Share of control characters (other than tab and line breaks) above which decoded "text" is
# taken for binary data: real text has none; random bytes have about one in eight.
_BINARY_SHARE = 0.01
_SAMPLE = 65_536


@dataclass(frozen=True)
class SeedFile:
    """A file found in the seeds folder that may be read: its path and its name as shown."""

    path: Path  # the real path (symbolic links resolved), inside the folder
    name: str  # the entry's own name in the folder
    shown: str  # `seeds/name`, as messages show it


def skipped(file: str, reason: str, line: int = 0) -> Notice:
    """A Notice about a file that was not used, naming it and saying why."""
    return Notice(file, line, SKIPPED + reason)


def list_seed_files(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[SeedFile], list[Notice]]:
    """The regular files with one of `suffixes` directly inside `folder`, sorted by name, and a
    skip Notice for every other entry."""
    root = folder.resolve()
    files: list[SeedFile] = []
    notices: list[Notice] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        shown = f"{folder.name}/{entry.name}"
        reason = _entry_problem(root, entry, suffixes)
        if reason:
            notices.append(skipped(shown, reason))
        else:  # (a file that is no link is where it was listed: the resolved folder, its name)
            files.append(SeedFile(Path(os.path.realpath(entry.path)) if entry.is_symlink() else root / entry.name,
                                  entry.name, shown))
    return files, notices


def _entry_problem(root: Path, entry: os.DirEntry, suffixes: tuple[str, ...]) -> str | None:
    if entry.name.startswith("."):
        return "hidden file (its name starts with a dot)"
    try:
        if entry.is_symlink():
            real = Path(os.path.realpath(entry.path))
            if not real.is_relative_to(root):
                return "symbolic link to a file outside the seeds folder"
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return "subfolder (articles are read from the top of the seeds folder only)"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)})"
    if not entry.name.lower().endswith(suffixes):
        return "not a " + " or ".join(suffixes) + " file"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


@dataclass(frozen=True)
class SeedFolder:
    """One reading of the seeds folder: each file listed with its bytes (None and the skip
    Notice saying why, when it could not be read), and a skip Notice for every other entry.
    What a build reads, once: under `mkdocs serve` the same reading says whether anything
    changed since the last build (`dossier.stamp.input_fingerprint`) and is what ingest
    reads, so the folder is not read twice, nor seen in two states."""

    folder: Path
    suffixes: tuple[str, ...]
    max_bytes: int
    files: tuple[tuple[SeedFile, bytes | None, Notice | None], ...]
    skips: tuple[Notice, ...]


def read_seed_folder(folder: Path, suffixes: tuple[str, ...], max_bytes: int = DEFAULT_MAX_BYTES) -> SeedFolder:
    """List the folder (`list_seed_files`) and read every file listed (`read_seed_bytes`)."""
    files, skips = list_seed_files(folder, suffixes)
    root = folder.resolve()
    read = tuple((seed, *read_seed_bytes(seed, root, max_bytes)) for seed in files)
    return SeedFolder(folder, suffixes, max_bytes, read, tuple(skips))


def read_seed_bytes(seed: SeedFile, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, Notice | None]:
    """The file's bytes, or None and the skip Notice saying why it was not read. `root`: the
    seeds folder, resolved (its real path)."""
    # a file directly in the resolved folder needs no resolving: opened without following a
    # link (O_NOFOLLOW), it cannot lead outside, even if it was swapped for a link since
    real = seed.path if seed.path.parent == root and hasattr(os, "O_NOFOLLOW") else Path(os.path.realpath(seed.path))
    if not real.is_relative_to(root):
        return None, skipped(seed.shown, "symbolic link to a file outside the seeds folder")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, skipped(seed.shown, "symbolic link changed while reading")
        return None, skipped(seed.shown, f"cannot be read ({exc.strerror or exc})")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, skipped(seed.shown, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            return None, skipped(seed.shown, _too_large(info.st_size, max_bytes))
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        return None, skipped(seed.shown, f"cannot be read ({exc.strerror or exc})")
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        return None, skipped(seed.shown, _too_large(len(data), max_bytes))
    return data, None


def _too_large(size: int, max_bytes: int) -> str:
    return (f"larger than {max_bytes:,} bytes ({size:,}); raise the curation setting "
            "max_article_bytes to read it")


def decode_seed(data: bytes, shown: str, *, html: bool = False) -> tuple[str | None, list[Notice]]:
    """Text from a seed's bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else (a
    saved page) the encoding its <meta> declares, else Windows-1252 with a note. Empty and
    binary files give None and a skip Notice."""
    if not data.strip():
        return None, [skipped(shown, "empty file", 1)]
    notices: list[Notice] = []
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None, [skipped(shown, f"starts with a {codec.upper()} mark but is not {codec.upper()} text", 1)]
            break
    else:
        if b"\x00" in data[:_SAMPLE]:
            return None, [skipped(shown, "binary file (contains NUL bytes), not text", 1)]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            declared = declared_charset(data) if html else None
            if declared:
                notices.append(Notice(shown, 1, f"read as {declared}, the encoding the page declares"))
                text = data.decode(declared, errors="replace")
            else:
                line = data[: exc.start].count(b"\n") + 1
                notices.append(Notice(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); read as "
                                      "Windows-1252, check the characters on this line"))
                text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        return None, [skipped(shown, "binary file (control characters, not text)", 1)]
    return text, notices


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?(?P<name>[A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding a saved page declares in its <meta> (windows-1251, koi8-u...), if Python knows it."""
    match = _CHARSET.search(data[:8192])
    if not match:
        return None
    try:
        return codecs.lookup(match.group("name").decode("ascii")).name
    except LookupError:
        return None


# Control characters (category Cc, less tab and the line ends), surrogates (Cs), private use
# (Co) and the replacement character: what `_looks_binary` counts.
_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                  "\U000f0000-\U000ffffd\U00100000-\U0010fffd\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample.strip():
        return False
    return len(_ODD.findall(sample)) / len(sample) > _BINARY_SHARE
