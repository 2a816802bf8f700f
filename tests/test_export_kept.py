"""The dossier JSON's chunks of articles kept from one build to the next (`dossier.export.kept`):
a build after one changed article takes the chunks of the others from the last document, and
writes the very bytes, and compares through the very view, that encoding everything gives."""

from __future__ import annotations

import hashlib
import subprocess
import os
import shutil
from pathlib import Path

import msgspec
import pytest

from dossier.changes import export_build, parse_snapshot
from dossier.export import dossier as export_dossier
from dossier.export import kept as kept_module
from dossier.export.dossier import Records, dossier_json
from dossier.export.kept import KeptChunks
from dossier.pipeline import build, build_dossier
from dossier.render.pages import DOWNLOADS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the default dossier, its chunks small (articles: one a chunk)."""
    root = tmp_path / "default"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copy(ROOT / "dossier.yml", root / "dossier.yml")
    monkeypatch.setattr(export_dossier, "RECORD_CHUNK", 4)
    monkeypatch.setenv("DOSSIER_SNAPSHOTS", str(tmp_path / "snapshots"))
    monkeypatch.chdir(root)
    return root


def _change_one_article(root: Path) -> None:
    seed = sorted((root / "seeds").iterdir())[-1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOfficials said 41 more people were injured on Friday.\n",
                    encoding="utf-8")


def _exported(root: Path, folder: Path):
    from dossier.write import Spool

    d = build_dossier(root / "seeds", root / "dossier.yml")
    kept = KeptChunks(folder)
    exported = export_build(d, spool=Spool(folder), kept=kept)
    return d, exported, kept


def test_a_build_after_one_changed_article_takes_the_other_chunks_and_writes_the_same_bytes(default):
    folder = default / "kept"
    _, first, kept = _exported(default, folder)
    articles = len(list((default / "seeds").iterdir()))
    assert kept.copied == 0 and kept.counts["articles", False] == articles == 5  # nothing kept yet: every chunk made
    figure_chunks = kept.counts["figures", False]
    assert figure_chunks > 5  # (RECORD_CHUNK 4: the default dossier's figures, 4 a chunk on average)
    assert (folder / kept_module.DOCUMENT).read_bytes() == first.document.read_bytes()
    _change_one_article(default)
    d, second, kept = _exported(default, folder)
    text = dossier_json(d)
    assert second.document.read_bytes() == text.encode("utf-8") != first.document.read_bytes()
    # the other articles' chunks come from the last document, the changed article's is made again
    assert (kept.counts["articles", True], kept.counts["articles", False]) == (articles - 1, 1)
    # so do the chunks of the other articles' figures: the changed article's figures are all in
    # the last article's chunks (the figures are in source order), one of them a new one
    made = kept.counts["figures", False]
    assert 1 <= made <= 3 and kept.counts["figures", True] >= figure_chunks - 3
    # and so are the lists of statements, quotes and events: a chunk is made again only when
    # it holds a record the changed article's words changed or added
    for name in ("statements", "quotes", "events"):
        assert kept.counts[name, True] > kept.counts[name, False], name
    # the view compared with is what parsing the document gives, down to each value's type
    parsed = parse_snapshot(text, "this build")
    assert second.digest == parsed.digest and second.snapshot.doc == parsed.doc
    assert msgspec.json.encode(second.snapshot.doc) == msgspec.json.encode(parsed.doc)
    # and the next build takes this one's chunks: unchanged, every one is taken
    _, third, kept = _exported(default, folder)
    assert kept.made == 0 and third.document.read_bytes() == text.encode("utf-8")


def test_a_kept_document_touched_or_of_other_code_or_damaged_is_not_read(default):
    folder = default / "kept"
    _exported(default, folder)
    document = folder / kept_module.DOCUMENT
    info = document.stat()
    os.utime(document, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # the same bytes, touched
    d, exported, kept = _exported(default, folder)
    assert kept.copied == 0 and exported.document.read_bytes() == dossier_json(d).encode("utf-8")
    # another version of the export's code
    real = kept_module.code_version
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kept_module, "code_version", lambda parts: "another" + real(parts))
        _, exported, kept = _exported(default, folder)
        assert kept.copied == 0
    # a damaged index: every chunk made, nothing fails
    (folder / kept_module.INDEX).write_bytes(b"\x80\x05garbage")
    d, exported, kept = _exported(default, folder)
    assert kept.copied == 0 and exported.document.read_bytes() == dossier_json(d).encode("utf-8")
    # the index written for another document of the same size is not trusted either
    _exported(default, folder)
    data = bytearray(document.read_bytes())
    data[-3:-1] = b"[]"  # (a replaced file: another inode, another time)
    document.unlink()
    document.write_bytes(bytes(data))
    assert KeptChunks(folder).get(next(iter(kept_module.pickle.loads((folder / kept_module.INDEX).read_bytes())[3]))) is None


def _keyed(names: list[str]) -> Records:
    return Records(names, str, lambda name: hashlib.blake2b(name.encode(), digest_size=16).digest())


def test_chunks_end_where_their_records_say_not_where_they_stand():
    names = [f"record {i}" for i in range(400)]
    spans = list(_keyed(names).spans(8))
    assert [s[0] for s in spans[1:]] == [s[1] for s in spans[:-1]] and spans[-1][1] == 400  # the whole list
    assert 25 < len(spans) < 100 and max(end - start for start, end, _ in spans) <= 32  # 8 on average, 4 times that at most
    chunks = {tuple(keys) for _, _, keys in spans}
    # a record added near the start changes its own chunk, not the ones after it
    shifted = {tuple(keys) for _, _, keys in _keyed(["a new record", *names]).spans(8)}
    assert len(chunks - shifted) == 1 and len(shifted - chunks) == 1
    # a list without keys: chunks of `size` records, as before
    assert [(s, e) for s, e, k in Records(names, str).spans(100)] == [(0, 100), (100, 200), (200, 300), (300, 400)]


def test_builds_after_a_change_write_what_a_build_without_the_cache_writes(default, monkeypatch):
    """Through the pipeline (the export in a forked child where there are two cores): the
    dossier JSON and the figures downloads of a build that took chunks from the last one are
    byte for byte the ones a build without any cache writes."""
    build(default / "seeds", default / "dossier.yml", pdf=False)
    assert (default / ".dossier" / "cache" / kept_module.DOCUMENT).is_file()
    _change_one_article(default)
    taken = build(default / "seeds", default / "dossier.yml", pdf=False)
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    fresh = build(default / "seeds", default / "dossier.yml", pdf=False)
    assert taken.snapshot.read_bytes() == fresh.snapshot.read_bytes()
    assert taken.changes == fresh.changes and taken.snapshot_digest == fresh.snapshot_digest
    for download in ("figures_json", "figures_csv"):  # (their rows' chunks kept the same way)
        path = DOWNLOADS[download]
        assert taken.pages[path].read_bytes() == fresh.pages[path].read_bytes()


def test_a_folder_without_hard_links_keeps_a_copy(default, monkeypatch):
    folder = default / "kept"

    def no_links(*args, **kwargs):
        raise OSError("hard links not supported")

    with monkeypatch.context() as patch:
        patch.setattr(kept_module.os, "link", no_links)
        _, first, _ = _exported(default, folder)
    assert (folder / kept_module.DOCUMENT).read_bytes() == first.document.read_bytes()
    assert (folder / kept_module.DOCUMENT).stat().st_ino != first.document.path.stat().st_ino
    _, _, kept = _exported(default, folder)
    assert kept.made == 0 and kept.counts["articles", True] == 5 and kept.copied > 5


def _downloads(root: Path, folder: Path):
    """The figures downloads of the dossier in `root`, kept in `folder`, and their two stores."""
    from dossier.render.pages import DOWNLOADS, site_downloads
    from dossier.write import Spool

    d = build_dossier(root / "seeds", root / "dossier.yml")
    stores: list[KeptChunks] = []
    real = kept_module.KeptChunks

    def noted(*args, **kwargs):
        stores.append(real(*args, **kwargs))
        return stores[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("dossier.render.pages.KeptChunks", noted)
        files = site_downloads(d, b"{}", Spool(folder), folder)
    return d, (files[DOWNLOADS["figures_json"]].read_bytes(), files[DOWNLOADS["figures_csv"]].read_bytes()), stores


def test_the_figures_downloads_take_the_rows_of_unchanged_figures_from_the_last_build(default, monkeypatch):
    """The figures JSON and CSV: after one changed article, the chunks of rows of the other
    figures are copied from the files the last build kept, and the bytes are those of
    making every row."""
    from dossier.export import figures as figures_module
    from dossier.export.figures import figures_csv, figures_json

    monkeypatch.setattr(figures_module, "DOWNLOAD_CHUNK", 4)  # (the default dossier's figures: many chunks)
    folder = default / "kept"
    _, first, stores = _downloads(default, folder)
    assert [s.copied for s in stores] == [0, 0] and stores[0].made == stores[1].made > 5
    assert (folder / kept_module.FIGURES_JSON[0]).read_bytes() == first[0]
    assert (folder / kept_module.FIGURES_CSV[0]).read_bytes() == first[1]
    _change_one_article(default)
    d, second, stores = _downloads(default, folder)
    expected = (figures_json(d.figures, d.groups).encode("utf-8"), figures_csv(d.figures, d.groups).encode("utf-8"))
    assert second == expected and second != first
    chunks = stores[0].copied + stores[0].made
    assert [(s.copied + s.made) for s in stores] == [chunks, chunks]
    # the changed article's figures, and those of the groups they joined: a few chunks; the rest copied
    assert 0 < stores[0].made < chunks // 2 and stores[0].copied > chunks // 2 and stores[1].made == stores[0].made
    # and nothing changed: every chunk copied
    _, third, stores = _downloads(default, folder)
    assert third == expected and [s.made for s in stores] == [0, 0]


def test_a_kept_download_left_by_a_killed_build_is_removed(default):
    """A build killed between linking a download into the cache folder and moving it into
    place leaves a file as large as the download: the next build that keeps one removes it,
    unless the process that left it is alive."""
    folder = default / "kept"
    folder.mkdir()
    gone = folder / f".{kept_module.FIGURES_JSON[0]}.{_dead_pid()}.tmp"
    live = folder / f".{kept_module.FIGURES_CSV[0]}.{os.getppid()}.tmp"
    other = folder / ".figures.json.notes.tmp"
    for path in (gone, live, other):
        path.write_bytes(b"x" * 10)
    _downloads(default, folder)
    assert not gone.exists() and live.exists() and other.exists()


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_chunk_of_rows_is_another_when_a_figure_of_it_moves_to_another_group(default, monkeypatch):
    """A row shows its figure's group id, which the figure's own record does not hold: the
    chunk's key does."""
    import dataclasses

    from dossier.export import figures as figures_module

    monkeypatch.setattr(figures_module, "DOWNLOAD_CHUNK", 4)
    d = build_dossier(default / "seeds", default / "dossier.yml")
    figures, groups = d.figures, d.groups
    store = KeptChunks(None)
    before = figures_module._Table(figures, groups)
    moved = (dataclasses.replace(groups[0], id="another"), *groups[1:])
    after = figures_module._Table(figures, moved)
    keys = [(before.key(store, "figures", n), after.key(store, "figures", n)) for n in range(len(before.spans))]
    changed = {n for n, (old, new) in enumerate(keys) if old != new}
    holding = {n for n, (start, end, _) in enumerate(before.spans)
               if any(f in groups[0].figures for f in before.figures[start:end])}
    assert changed == holding and 0 < len(changed) < len(keys)


def test_an_index_is_never_taken_for_a_file_another_build_put_in_place_meanwhile(default, monkeypatch):
    """Two builds of one project at once (`mkdocs serve` and `dossier build`): one build
    moves its document into place, the other replaces it before the first writes its index.
    That index must not be trusted with the other build's file, whose chunks lie elsewhere."""
    folder = default / "kept"
    _exported(default, folder)
    other = folder / "other.json"
    real_replace = kept_module.os.replace

    def raced(source, target):
        real_replace(source, target)
        if Path(target).name == kept_module.DOCUMENT:  # the other build's document, right after
            other.write_bytes(b"[" + b"x" * (Path(target).stat().st_size - 1))
            real_replace(other, target)

    with monkeypatch.context() as patch:
        patch.setattr(kept_module.os, "replace", raced)
        _exported(default, folder)
    index = kept_module.pickle.loads((folder / kept_module.INDEX).read_bytes())[3]
    store = KeptChunks(folder)
    assert index and all(store.get(key) is None for key in index)
    d, exported, kept = _exported(default, folder)
    assert kept.copied == 0 and exported.document.read_bytes() == dossier_json(d).encode("utf-8")
