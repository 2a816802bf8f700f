"""What a build was made from, so the next build with nothing changed need not run.

`input_fingerprint` hashes everything a build reads. `mkdocs serve` compares it with its own
last build's, in memory (`dossier.pipeline.build`); `dossier build` keeps a *stamp* in the
cache folder (`build-stamp.json`, see `dossier.cache`): the fingerprint, dossier's code, the
options, each file it left in the output folder (size, modification time, inode) and what it
printed. The next `dossier build` whose fingerprint, code, options and output files are all
the same prints the same summary and writes nothing: at 1,000 articles the full build takes
5-6 s even with every article cached, and the command that finds nothing changed 0.4 s, most
of it starting Python and reading the seeds. Any difference (a seed, the curation, a kept snapshot, an output file
edited or removed, dossier's code) and the build runs in full, as if there were no stamp.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from dossier.cache import code_version, digest, file_identity
from dossier.curation.model import Curation
from dossier.ingest.files import SeedFolder, read_seed_folder
from dossier.ingest.reader import SEED_SUFFIXES

STAMP_FILE = "build-stamp.json"
STAMP_FORMAT = 1


def input_fingerprint(seeds: Path, curation: Curation, curation_path: Path, snapshots: Path | None,
                      listing: SeedFolder | None) -> str:
    """A hash of everything a build reads: the bytes of the curation file and of every seed
    file as ingest reads them (`seeds_fingerprint`), and what the curation's `compare_with`
    reads (`compared_fingerprint`). Two builds with the same fingerprint (with the same code)
    make the same pages."""
    return digest(seeds_fingerprint(seeds, curation_path, listing),
                  compared_fingerprint(curation, curation_path, snapshots))


def seeds_fingerprint(seeds: Path, curation_path: Path, listing: SeedFolder | None) -> str:
    """A hash of the curation file's bytes and of every seed file as ingest reads it (the
    same listing, the same limits; every skipped entry by name and reason). `listing`: the
    seeds folder as the build read it (`read_listing`; None when there is no such folder)."""
    parts: list[str | bytes] = [str(seeds.resolve()), curation_path.read_bytes() if curation_path.is_file() else b""]
    if listing is not None:
        parts += [f"{notice.file}:{notice.message}" for notice in listing.skips]
        for seed, data, skip in listing.files:
            parts += [seed.name, data if data is not None else f"skipped: {skip.message if skip else ''}"]
    return digest(*parts)


def compared_fingerprint(curation: Curation, curation_path: Path, snapshots: Path | None) -> str:
    """What the curation's `compare_with` reads: the kept snapshots (`folder_listing`), or
    the named file's `file_identity`."""
    compared = curation.compare_with
    if compared.kind == "file":
        return repr(file_identity(curation_path.parent / (compared.file or "")))
    if compared.kind != "none" and snapshots is not None:
        return folder_listing(snapshots)
    return ""


def read_listing(seeds: Path, curation: Curation) -> SeedFolder | None:
    """The seeds folder read as ingest reads it (None: there is no such folder)."""
    return read_seed_folder(seeds, SEED_SUFFIXES, curation.max_article_bytes) if seeds.is_dir() else None


def folder_listing(folder: Path) -> str:
    """Each entry of `folder` by name and `file_identity`, sorted ("" when there is no folder)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ""
    return "\n".join(sorted(f"{entry.name}:{file_identity(entry.path)}" for entry in entries))


@dataclass
class BuildInputs:
    """What a `dossier build` reads and the options it was given: enough to tell whether its
    stamp still holds (`up_to_date`) and to stamp it."""

    seeds: Path
    curation_path: Path
    curation: Curation
    out: Path
    snapshots: Path | None  # the folder of kept snapshots (None: none)
    keeps: Path | None  # where the build keeps its snapshot (None: it keeps none)
    listing: SeedFolder | None  # the seeds folder as read (`read_listing`), until the build takes it
    seeds_fingerprint: str

    @classmethod
    def read(cls, seeds: Path, curation_path: Path, curation: Curation, out: Path, snapshots: Path | None, *,
             keeps: Path | None) -> BuildInputs:
        listing = read_listing(seeds, curation)
        return cls(seeds, curation_path, curation, out, snapshots, keeps, listing,
                   seeds_fingerprint(seeds, curation_path, listing))

    def release_listing(self) -> SeedFolder | None:
        """The seeds folder as read, for the build to take (this object lets it go)."""
        listing, self.listing = self.listing, None
        return listing

    def key(self) -> str:
        """What a stamp is valid for: the inputs' fingerprint (the kept snapshots as they are
        now), the output folder, the options, dossier's code and the Python and libraries it
        runs on (a library installed or upgraded changes the folder it is installed in)."""
        return digest(self.seeds_fingerprint, compared_fingerprint(self.curation, self.curation_path, self.snapshots),
                      str(self.out.resolve()), str(self.snapshots), str(self.keeps), code_version(None), sys.version,
                      repr(file_identity(_libraries())))


def _libraries() -> Path:
    import yaml  # (imported by the curation already) installed beside the other libraries

    return Path(yaml.__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stamp:
    """What one `dossier build` was made from and what it printed."""

    key: str  # `BuildInputs.key`
    snapshots: str  # the folder it kept its snapshot in as it left it (`folder_listing`; "": none kept)
    outputs: dict[str, list[int]]  # each file under the output folder -> its `file_identity`
    summary: list[str]  # what the build printed, its own files line aside
    files: int  # how many files it wrote
    warnings: list[str]  # what it warned of (on stderr), skipped files included
    skipped: bool  # whether a seed file was skipped (`--strict` exits 1)

    @classmethod
    def of(cls, inputs: BuildInputs, summary: list[str], files: int, warnings: list[str], skipped: bool) -> Stamp:
        """The stamp of the build just done from `inputs`, as its files and snapshots are now."""
        return cls(inputs.key(), _kept(inputs), output_files(inputs.out), summary, files, warnings, skipped)


def _kept(inputs: BuildInputs) -> str:
    return folder_listing(inputs.keeps) if inputs.keeps is not None else ""


def output_files(out: Path) -> dict[str, list[int]]:
    """Every file under `out` by its path relative to it, with its `file_identity`."""
    found: dict[str, list[int]] = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            identity = file_identity(path)
            if identity is not None:
                found[os.path.relpath(path, out)] = list(identity)
    return found


def load_stamp(cache_dir: Path | None) -> Stamp | None:
    """The stamp of the last build (None: none, or one this code does not read)."""
    if cache_dir is None:
        return None
    try:
        data = json.loads((cache_dir / STAMP_FILE).read_text(encoding="utf-8"))
        if data.pop("format") != STAMP_FORMAT:
            return None
        return Stamp(**data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def up_to_date(stamp: Stamp | None, inputs: BuildInputs) -> bool:
    """Whether a build from `inputs` would write exactly what the stamped build wrote and
    keep no new snapshot: the same key, the same kept snapshots, every output file as the
    stamped build left it."""
    return (stamp is not None and stamp.key == inputs.key() and stamp.snapshots == _kept(inputs)
            and stamp.outputs == output_files(inputs.out))


def save_stamp(cache_dir: Path | None, stamp: Stamp) -> None:
    """Keep `stamp` for the next build (written whole, then moved into place)."""
    if cache_dir is None:
        return
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / STAMP_FILE
        partial = path.with_name(f".{STAMP_FILE}.{os.getpid()}")
        partial.write_text(json.dumps({"format": STAMP_FORMAT, **asdict(stamp)}, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)

