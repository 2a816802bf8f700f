"""Scale: the compiled lexicon, the persistent analysis cache, the process pool, the paged record."""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import pickle
import posixpath
import re
import shutil
import sys
from pathlib import Path

import jinja2
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import dossier.analyse as analyse
import dossier.cache as cache
from dossier.cache import PRUNE_AFTER
import dossier.pipeline as pipeline
from dossier.curation import load_curation
from dossier.curation.lexicon import Lexicon, PhraseIndex
from dossier.curation.model import Curation, EntitySpec
from dossier.ingest import read_seeds
from dossier.model import Article, Figure, Quote, Statement
from dossier.pipeline import build
from dossier.render import pages as render_pages_module
from dossier.write import content_bytes
from dossier.render.pages import nav_for
from dossier.render.paths import in_nav

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


@pytest.fixture()
def generated(tmp_path: Path) -> Path:
    generate.generate(12, tmp_path)
    cache.forget()  # another test may have analysed the same generated articles
    return tmp_path


@pytest.fixture()
def counted(monkeypatch):
    """Count the articles actually analysed (not taken from a cache)."""
    calls: list[str] = []
    real = analyse._analyse

    def counting(article, curation):
        calls.append(article.id)
        return real(article, curation)

    monkeypatch.setattr(analyse, "_analyse", counting)
    return calls


def _new_process() -> None:
    """Forget what this process read, analysed and compiled, as a new `dossier build` would."""
    cache.forget()
    render_pages_module._environment.cache_clear()
    pipeline._LAST_BUILD.clear()


def test_generated_articles_are_deterministic_and_varied(tmp_path: Path):
    generate.generate(30, tmp_path / "a")
    generate.generate(30, tmp_path / "b")
    a = sorted((tmp_path / "a" / "seeds").iterdir())
    b = sorted((tmp_path / "b" / "seeds").iterdir())
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    texts = {p.read_text() for p in a}
    assert len(texts) == 30  # no two articles the same
    seeds = {p.read_text() for p in (ROOT / "seeds").iterdir()}
    assert not texts & seeds


def test_second_build_reanalyses_nothing_and_a_changed_article_only_that_one(generated, counted):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    assert len(counted) == 12
    assert (generated / ".dossier" / "cache").is_dir()

    _new_process()
    counted.clear()
    second = build(seeds, curation, pdf=False)
    assert counted == []
    assert second.pages == first.pages

    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nThe toll rose to 99 people, officials said.\n")
    _new_process()
    counted.clear()
    third = build(seeds, curation, pdf=False)
    assert counted == ["a00003"]
    assert "The toll rose to 99 people" in third.pages["sources/a00003.md"]


def test_output_is_byte_identical_with_and_without_the_cache(generated, monkeypatch):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    build(seeds, curation, pdf=False)  # fills the cache
    _new_process()
    cached = build(seeds, curation, pdf=False).pages
    _new_process()
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    fresh = build(seeds, curation, pdf=False).pages
    assert cached == fresh


def test_the_downloads_wait_on_disk_not_in_memory_and_go_with_the_build(generated, tmp_path):
    """The downloads (390 MB at 10,000 articles) are spooled as they are made, beside the
    cache; written out they are the bytes made in memory; the spool goes with the build."""
    import gc

    from dossier.render.pages import render_pages
    from dossier.write import Spooled, write_pages

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    result = build(seeds, curation, pdf=False)
    downloads = {path: c for path, c in result.pages.items() if path.startswith("downloads/")}
    assert sorted(downloads) == ["downloads/dossier.json", "downloads/figures.csv", "downloads/figures.json"]
    assert all(isinstance(c, Spooled) for c in downloads.values())
    (spool,) = {c.path.parent for c in downloads.values()}
    assert spool.parent == generated / ".dossier" / "cache"
    write_pages(result.pages, tmp_path / "out")
    in_memory = render_pages(result.dossier, result.curation, pdf=True, changes=result.changes)
    for path in downloads:
        assert (tmp_path / "out" / path).read_bytes() == in_memory[path] != b""
    del result, downloads
    gc.collect()
    assert not spool.exists()


def _resident_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


@pytest.mark.skipif(cache._malloc_trim() is None or not os.path.exists("/proc/self/statm"),
                    reason="glibc on Linux only")
def test_the_bytes_of_packs_let_go_leave_the_process_size():
    """A pack's entries are bytes of a few KB each, between the records made meanwhile; let
    go, they stay in the process's size (and in every child it forks) until given back."""
    held, between = [], []
    for n in range(8000):  # 48 MB of entries, each followed by an object that stays
        held.append(bytes(6000) + n.to_bytes(4, "little"))
        between.append([n] * 200)
    before = _resident_mib()
    del held
    cache.give_back_free_memory()
    assert before - _resident_mib() > 24, "the freed entries still count in the process's size"
    assert len(between) == 8000


def test_the_records_a_dossier_holds_by_the_hundred_thousand_have_no_dictionary_each(generated):
    """A figure with an instance dictionary took 1.5 KB more than its fields: 211 of the 790
    MiB a 10,000-article build held once assembled, and so in every process it forks."""
    d = build(generated / "seeds", generated / "dossier.yml", pdf=False).dossier
    figures = [f for g in d.groups for f in g.figures]
    mentions = [m for s in d.statements for m in s.mentions]
    assert figures and mentions and d.events
    for record in (figures[0], figures[0].source, mentions[0], d.statements[0], d.events[0]):
        assert not hasattr(record, "__dict__"), type(record).__name__
    assert sum(map(sys.getsizeof, figures)) / len(figures) < 400
    # and each is pickled as its fields' values, read back field by field, equal
    for record in (figures[0], figures[0].source, mentions[0], d.statements[0], d.events[0], d.entities[0]):
        state = record.__getstate__()
        assert state == tuple(getattr(record, f.name) for f in dataclasses.fields(record))
        again = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == record and type(again) is type(record)
        with pytest.raises(ValueError):  # a state of another shape: a damaged cache entry, recomputed
            type(record).__new__(type(record)).__setstate__(state[:-1])


def test_kept_pages_wait_in_the_cache_folder_not_in_memory_two_builds_worth(generated, tmp_path):
    """The pages of sources and of the record (11,000 pages, 105 MB at 10,000 articles) are
    files of the pages cache as soon as they are rendered, not bytes held by the build; written
    out they are the pages rendered in memory; the folder keeps the last two builds' pages, so a
    build's pages can still be read while the next one is made, and no more."""
    from dossier.render.pages import render_pages
    from dossier.write import Spooled, write_pages

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    files = generated / ".dossier" / "cache" / "pages"
    first = build(seeds, curation, pdf=False)
    kept = {path: c for path, c in first.pages.contents.items() if isinstance(c, Spooled) and c.spool is None}
    assert {p for p in first.pages if p.startswith("sources/a")} <= set(kept)
    assert all(c.path.parent == files for c in kept.values())
    write_pages(first.pages, tmp_path / "out")
    in_memory = render_pages(first.dossier, first.curation, pdf=False, changes=first.changes)
    for path in kept:
        assert (tmp_path / "out" / path).read_bytes() == in_memory.contents[path]
    counts = [len(list(files.iterdir()))]
    for round in range(3):  # each build changes one source's page
        changed = seeds / "a00003.txt"
        changed.write_text(changed.read_text() + f"\nOfficials said {round + 2} more were hurt.\n")
        _age(files, PRUNE_AFTER + 60)  # (no other build is using them)
        last = build(seeds, curation, pdf=False)
        assert "Officials said" in last.pages["sources/a00003.md"]
        counts.append(len(list(files.iterdir())))
        if round == 0:
            assert first.pages["sources/a00003.md"] == in_memory["sources/a00003.md"]  # still there
    assert counts[1] > counts[0] and counts[3] == counts[2]  # two builds' worth, not four


def _age(folder, seconds: float) -> None:
    """Make every file of `folder` look `seconds` older."""
    for path in folder.iterdir():
        info = path.stat()
        os.utime(path, (info.st_atime - seconds, info.st_mtime - seconds))


def test_a_page_file_another_build_took_is_not_removed_while_that_build_may_copy_it(tmp_path):
    """Two processes building one project at once (`mkdocs serve` and `dossier pdf`, pages of
    other content): the files one of them took from the pages cache stay until it can have
    copied them, however many builds the other makes meanwhile; then they go."""
    from dossier.cache import PageFiles

    folder = tmp_path / "cache"
    serving = PageFiles(folder)
    page = serving.store(b"# a page of the serving build\n")
    serving.keep("sources/a.md", page)
    serving.release()
    _age(folder / "pages", PRUNE_AFTER + 60)  # written long ago
    taken = PageFiles(folder).get("sources/a.md")  # the serving build's next save takes it...
    assert taken is not None and taken.path == page.path
    for round in range(3):  # ...while another process builds three times, with other pages
        other = PageFiles(folder)
        other.keep("sources/a.md", other.store(f"# another build's page {round}\n".encode()))
        other.release()
    assert taken.read_bytes() == b"# a page of the serving build\n"  # still there to copy
    _age(folder / "pages", PRUNE_AFTER + 60)  # no build took it since
    other = PageFiles(folder)
    other.keep("sources/a.md", other.store(b"# the last page\n"))
    other.release()
    assert not taken.path.exists()
    assert sorted(p.read_bytes() for p in (folder / "pages").iterdir()) == [
        b"# another build's page 2\n", b"# the last page\n"]  # this build's and the one before it


def test_a_spool_a_killed_process_left_is_removed_by_the_next_build(generated):
    import subprocess
    import sys

    from dossier.write import SPOOL_PREFIX

    folder = generated / ".dossier" / "cache"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = {"dead": folder / f"{SPOOL_PREFIX}{gone.stdout.strip()}-x1", "alive": folder / f"{SPOOL_PREFIX}{os.getppid()}-x2",
            "unnamed": folder / f"{SPOOL_PREFIX}x3"}  # (a spool of an older version: no process to ask)
    for spool in left.values():
        spool.mkdir(parents=True)
        (spool / "1-dossier.json").write_bytes(b"{}" * 1000)
    build(generated / "seeds", generated / "dossier.yml", pdf=False)
    assert not left["dead"].exists() and left["alive"].is_dir() and left["unnamed"].is_dir()


def test_a_spool_that_cannot_be_made_beside_the_cache_is_made_in_the_systems_folder(tmp_path):
    from dossier.write import Spool

    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    spool = Spool(tmp_path / "file" / "cache")
    spooled = spool.write("../../downloads/x.json", iter([b"{", b"}\n"]))
    assert spooled.read_bytes() == b"{}\n" and len(spooled) == 3 and spooled.path.parent == spool.root
    assert not spool.root.is_relative_to(tmp_path)


def test_a_corrupt_cache_is_ignored_and_recomputed(generated, counted):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False).pages
    packs = {p.name: p for p in (generated / ".dossier" / "cache").iterdir() if not p.name.startswith("dossier-spool-")}
    assert sorted(packs) == ["analysis.pickle", "assembly.pickle", "export-chunks.pickle", "export.json",
                             "figures-csv-chunks.pickle", "figures-json-chunks.pickle", "figures.csv", "figures.json",
                             "ingest.pickle", "pages", "pages.pickle", "templates"]
    old_format = lambda b: pickle.dumps(pickle.loads(b)[1])  # noqa: E731 (the entries alone, as before)
    for damage in (lambda b: b[:20], lambda b: b"not a pickle at all", lambda b: pickle.dumps(["a list"]), old_format):
        packs["analysis.pickle"].write_bytes(damage(packs["analysis.pickle"].read_bytes()))
        _new_process()
        counted.clear()
        assert build(seeds, curation, pdf=False).pages == first
        assert len(counted) == 12  # recomputed, and the pack written again
        _new_process()
        counted.clear()
        assert build(seeds, curation, pdf=False).pages == first
        assert counted == []
    # one damaged entry: that article alone is analysed again
    entries = cache.read_pack(packs["analysis.pickle"])
    damaged = sorted(entries)[3]
    entries[damaged] = entries[damaged][:-40]
    packs["analysis.pickle"].write_bytes(pickle.dumps((cache.PACK_FORMAT, entries)))
    _new_process()
    counted.clear()
    assert build(seeds, curation, pdf=False).pages == first
    assert len(counted) == 1
    # figure groups kept by an earlier process, each entry damaged: grouped again, the same
    groups = cache.read_pack(packs["assembly.pickle"])
    assert groups and all(isinstance(data, tuple) for data in groups.values())  # pickled by `Kept`, kept as bytes
    packs["assembly.pickle"].write_bytes(pickle.dumps((cache.PACK_FORMAT, {k: (d[0][:-7],) for k, d in groups.items()})))
    _new_process()
    assert build(seeds, curation, pdf=False).pages == first
    assert sorted(cache.read_pack(packs["assembly.pickle"])) == sorted(groups)  # and kept again


def test_a_new_process_takes_the_templates_compiled_by_the_last(generated, monkeypatch):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False).pages
    kept = sorted((generated / ".dossier" / "cache" / "templates").iterdir())
    assert len(kept) >= 8  # home, methodology, topic, source, the paged lists, their partials
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    _new_process()
    assert build(seeds, curation, pdf=False).pages == first
    assert compiled == []
    for path in kept:  # damaged files are compiled again, never fatal
        path.write_bytes(path.read_bytes()[:30])
    _new_process()
    assert build(seeds, curation, pdf=False).pages == first
    assert "home.md.j2" in compiled  # (a page taken from the pages cache needs no template)


def test_a_build_lets_its_analyses_go_unless_the_process_builds_again(generated, monkeypatch):
    """`dossier build` builds once: once assembled, the analyses (most of a big build's
    memory) are let go, and so are the sentences' comparison features (45 MB of the peak at
    10,000 articles). `mkdocs serve` builds after every save: they stay in memory, and a
    rebuild reads no pack back from disk."""
    import gc

    from dossier.assemble import briefing, clusters

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    result = build(seeds, curation, pdf=False)
    gc.collect()
    assert not any(isinstance(o, analyse.Analysis) for o in gc.get_objects())
    assert result.dossier.figures  # (the dossier keeps what it shows)
    assert clusters.features.cache_info().currsize == clusters.stem.cache_info().currsize == 0
    assert briefing._rhetoric.cache_info().currsize == 0
    read: list[Path] = []
    real = cache.read_pack
    monkeypatch.setattr(cache, "read_pack", lambda path: read.append(path) or real(path))
    _new_process()
    build(seeds, curation, pdf=False, remember=True)
    assert {p.name for p in read} >= {"ingest.pickle", "analysis.pickle"}
    assert clusters.features.cache_info().currsize > 100  # (for the next save)
    read.clear()
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 6 people were hurt in Lower Vessa on Monday.\n")
    again = build(seeds, curation, pdf=False, remember=True)
    assert read == [] and again.pages == _fresh_pages(seeds, curation, monkeypatch)
    # a pack another process wrote meanwhile (a new file moved over it) is read again
    build(seeds, curation, pdf=False, remember=True)
    pack = generated / ".dossier" / "cache" / "analysis.pickle"
    shutil.copy(pack, pack.with_name("elsewhere"))
    os.replace(pack.with_name("elsewhere"), pack)
    changed.write_text(changed.read_text() + "Officials said 7 people were hurt in Lower Vessa on Tuesday.\n")
    read.clear()
    build(seeds, curation, pdf=False, remember=True)
    assert [p.name for p in read] == ["analysis.pickle"]


def test_a_serve_build_of_what_the_last_one_read_is_that_build(generated, monkeypatch):
    """Under `mkdocs serve` every save rebuilds the site, a hand-written page's too: when the
    seeds, the curation and the snapshots are as the last build read them, nothing is
    analysed, assembled or rendered again."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False, remember=True)
    assembled = []
    monkeypatch.setattr(pipeline, "assemble", lambda *args: assembled.append(1))
    assert build(seeds, curation, pdf=False, remember=True) is first and assembled == []
    (generated / "docs").mkdir(exist_ok=True)
    (generated / "docs" / "notes.md").write_text("# Notes\n")  # not an input of the build
    assert build(seeds, curation, pdf=False, remember=True) is first
    monkeypatch.undo()
    assert build(seeds, curation, pdf=True, remember=True) is not first  # (another build: with the PDF)
    assert build(seeds, curation, pdf=False) is not build(seeds, curation, pdf=False)  # a build that runs once


def test_a_serve_build_reads_each_seed_once_and_parses_an_unchanged_curation_once(generated, monkeypatch):
    """Under `mkdocs serve` a save reads the seeds folder once: the same reading tells whether
    anything changed and is what ingest reads (once to compare, once to ingest was a tenth of
    a save at 1,000 articles); the curation file, unchanged, is not parsed again."""
    import dossier.curation.schema as schema

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    opened: list[str] = []
    real_open = os.open

    def counting_open(path, *args, **kwargs):
        if Path(path).parent == seeds.resolve():
            opened.append(Path(path).name)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting_open)
    parsed: list[str] = []
    real_parse = schema.parse_curation
    monkeypatch.setattr(schema, "parse_curation", lambda text, name: parsed.append(name) or real_parse(text, name))
    names = sorted(p.name for p in seeds.iterdir())
    build(seeds, curation, pdf=False, remember=True)
    assert sorted(opened) == names and len(parsed) <= 1
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 6 people were hurt in Lower Vessa on Monday.\n")
    opened.clear(), parsed.clear()
    again = build(seeds, curation, pdf=False, remember=True)
    assert sorted(opened) == names and parsed == []
    assert "Officials said 6 people were hurt in Lower Vessa" in again.pages["sources/a00003.md"]
    curation.write_text(curation.read_text().replace("title:", "title: Revised -", 1))
    revised = build(seeds, curation, pdf=False, remember=True)
    assert parsed == [str(curation)] and revised.curation.title.startswith("Revised -")


def _same_size_edit(seeds: Path) -> None:
    """One seed changed to the same size, its times put back: only its bytes tell."""
    path = seeds / "a00004.txt"
    text, times = path.read_text(), path.stat()
    swapped = text.replace("1", "2", 1) if "1" in text else text.replace("2", "3", 1)
    assert swapped != text and len(swapped) == len(text)
    path.write_text(swapped)
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))


def _another_snapshot(seeds: Path) -> None:
    """A snapshot kept by another process: the briefing with one article fewer."""
    other = seeds.parent / "other"
    shutil.copytree(seeds, other / "seeds")
    shutil.copy(seeds.parent / "dossier.yml", other / "dossier.yml")
    (other / "seeds" / "a00002.txt").unlink()
    assert pipeline.keep(build(other / "seeds", other / "dossier.yml", pdf=False), seeds.parent / "snaps")


@pytest.mark.parametrize("edit", [
    _same_size_edit,
    lambda seeds: (seeds / "a00099.txt").write_text("Officials said 4 people were hurt in Lower Vessa on Monday.\n"),
    lambda seeds: (seeds / "a00002.txt").unlink(),
    lambda seeds: (seeds / ".draft.txt").write_text("a hidden file is skipped, and said so\n"),
    lambda seeds: (seeds.parent / "dossier.yml").write_text(
        (seeds.parent / "dossier.yml").read_text().replace("title:", "title: Revised -", 1)),
    _another_snapshot,
], ids=["same-size-edit", "new-file", "deleted-file", "skipped-file", "curation", "new-snapshot"])
def test_a_serve_build_after_any_change_to_what_it_reads_is_made_again(generated, monkeypatch, edit):
    seeds, curation, snaps = generated / "seeds", generated / "dossier.yml", generated / "snaps"
    snaps.mkdir()
    pipeline.keep(build(seeds, curation, pdf=False), snaps)  # this briefing kept: nothing to compare with yet
    first = build(seeds, curation, pdf=False, snapshots=snaps, remember=True)
    assert build(seeds, curation, pdf=False, snapshots=snaps, remember=True) is first
    edit(seeds)
    again = build(seeds, curation, pdf=False, snapshots=snaps, remember=True)
    assert again is not first
    _new_process()
    with monkeypatch.context() as m:
        m.setenv("DOSSIER_CACHE", "0")
        fresh = build(seeds, curation, pdf=False, snapshots=snaps)
    assert again.pages == fresh.pages and again.changes == fresh.changes


def test_reuse_gives_what_the_last_build_made_of_the_very_same_objects():
    from dossier.reuse import Reuse

    reuse, made = Reuse(), []
    a, b, same_as_a = ["a"], ["b"], ["a"]  # equal but not the same object: never taken for `a`

    def make(value):
        return lambda: made.append(value) or value.upper()

    reuse.start(False)  # a build that runs once: nothing kept
    assert reuse.get("k", (a,), make("x")) == "X" and reuse.get("k", (a,), make("x")) == "X" and made == ["x", "x"]
    reuse.start(True)
    made.clear()
    assert reuse.get("k", (a, b), make("x"), also="one") == "X"
    reuse.start(True)  # the next build: the same objects give the last build's value
    assert reuse.get("k", (a, b), make("y"), also="one") == "X"
    assert reuse.get("k", (same_as_a, b), make("z"), also="one") == "Z"  # another object
    assert reuse.get("k", (a, b), make("w"), also="two") == "W"  # another plain key
    assert reuse.get("j", (a, b), make("v"), also="one") == "V"  # another kind
    assert made == ["x", "z", "w", "v"]
    reuse.start(True)
    reuse.start(True)  # a build that did not ask for it let it go
    assert reuse.get("k", (a, b), make("u"), also="one") == "U"
    reuse.start(False)
    assert reuse.get("k", (a, b), make("t"), also="one") == "T"
    reuse.start(True)
    made.clear()
    assert reuse.get("k", (a,), make("s")) == "S"
    reuse.start(True)  # what else it was made from is no longer as it was: made again, and kept
    assert reuse.get("k", (a,), make("r"), valid=lambda value: value != "S") == "R"
    assert reuse.get("k", (a,), make("q"), valid=lambda value: value == "R") == "R" and made == ["s", "r"]



def test_reuse_index_is_the_last_builds_with_the_entries_of_the_items_that_came_and_went():
    from dossier.reuse import Reuse

    reuse, asked = Reuse(), []

    def entries(item):
        asked.append(item[0])
        return ((key, item) for key in item[1:])

    a, b, c, b_again = ("a", 1, 2), ("b", 3), ("c", 4, 5), tuple(["b", 3])  # b_again: equal, another object
    reuse.start(False)  # a build that runs once: made whole, nothing kept
    assert reuse.index("k", [a, b], entries) == {1: a, 2: a, 3: b} and asked == ["a", "b"]
    reuse.start(False)
    assert reuse.index("k", [a], entries) == {1: a, 2: a}
    reuse.start(True)
    asked.clear()
    first = reuse.index("k", [a, b], entries)
    assert first == {1: a, 2: a, 3: b} and asked == ["a", "b"]
    reuse.start(True)  # the next build: b went, c and b_again came; only theirs are asked for
    asked.clear()
    again = reuse.index("k", [a, c, b_again], entries)
    assert again == {1: a, 2: a, 3: b_again, 4: c, 5: c} and sorted(asked) == ["b", "b", "c"]
    assert again[3] is b_again and again is first  # changed in place (valid until the next build)
    assert list(reuse.index("j", [c], entries)) == [4, 5]  # another kind: an index of its own
    reuse.start(True)
    asked.clear()
    assert reuse.index("k", [a], entries) == {1: a, 2: a} and sorted(asked) == ["b", "c"]  # theirs taken out
    reuse.start(True)
    asked.clear()
    assert reuse.index("k", [a, a], entries) == {1: a, 2: a} and asked == ["a", "a"]  # an item twice: made whole
    reuse.start(True)
    assert reuse.index("k", [c], entries) == {4: c, 5: c}

def test_a_memo_keeps_what_the_last_build_made_of_the_very_same_records_and_no_more():
    from dossier.reuse import REUSE, Memo, forget_memos

    made: list[str] = []
    memo = Memo(lambda record: made.append(record[0]) or record[0].upper())
    a, b, same_as_a = ["a"], ["b"], ["a"]  # equal but not the same object: never taken for `a`
    memo.start(False)  # a build that runs once
    assert memo(a) == "A" and memo(a) == "A" and made == ["a"]  # made once a build
    assert memo.known([a, b]) == ["A", None]
    memo.start(False)
    assert memo.known([a]) == [None]  # nothing kept
    memo.start(True)
    made.clear()
    assert memo.values([a, b]) == ["A", "B"] and made == ["a", "b"]
    assert memo.values([a, b], made=lambda records: ["made"] * len(records), fresh=lambda value: value != "B") == ["A", "made"]
    memo.given([b], ["B"])
    memo.given([same_as_a], ["given"])
    made.clear()
    memo.start(True)  # the next build of a serving process: the same objects keep their values
    assert memo.known([a, same_as_a, ["b"]]) == ["A", "given", None] and memo(b) == "B" and made == []
    memo.start(True)
    memo.start(True)  # a build that did not ask for them let them go
    assert memo.known([a, b]) == [None, None]
    memo.values([a])
    memo.start(True)
    forget_memos()  # (with the last dossier's records)
    assert memo.known([a]) == [None]
    memo.values([a])
    REUSE.start(False)  # every memo starts with each build
    assert memo.known([a]) == [None]


def test_a_serve_save_makes_the_keys_and_views_of_its_new_records_alone_for_the_exporting_child(generated, monkeypatch):
    """Under `mkdocs serve` the records' content keys and the comparison's views of them are
    made before the exporting child is forked, and kept: a save makes those of the records new
    to it (of the changed article; the quotes, clustered again whole), not those of every
    record again in each child, and its build equals a fresh build, changes included."""
    import dossier.changes.view as view
    import dossier.reuse as reuse

    seeds, curation, snaps = generated / "seeds", generated / "dossier.yml", generated / "snaps"
    _another_snapshot(seeds)  # something to compare with: the views are made
    monkeypatch.setattr(pipeline, "default_workers", lambda: 2)
    first = build(seeds, curation, pdf=False, snapshots=snaps, remember=True)
    keyed: list[object] = []
    viewed: list[object] = []
    real_key, real_made = reuse.KEYS.make, view._made
    monkeypatch.setattr(reuse.KEYS, "make", lambda record: keyed.append(record) or real_key(record))
    monkeypatch.setattr(view, "_made", lambda struct, records: viewed.extend(records) or real_made(struct, records))
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 6 people were hurt in Lower Vessa on Monday.\n")
    again = build(seeds, curation, pdf=False, snapshots=snaps, remember=True)

    def of_changed(record) -> bool:
        return (record.id if isinstance(record, Article) else record.source.article) == "a00003"

    assert keyed and viewed  # (the changed article's records)
    # the articles and figures of unchanged articles are kept; statements, events and quotes
    # are those made again (of the changed article, the dates it tells of; quotes: all)
    assert all(of_changed(r) for r in keyed + viewed if isinstance(r, (Article, Figure)))
    assert sum(isinstance(r, Article) for r in keyed) == 1
    d = again.dossier
    # (of 12 articles, one changed: each made anew would be all of them)
    assert len([r for r in keyed if not isinstance(r, Quote)]) < (len(d.articles) + len(d.statements) + len(d.events)) // 3
    assert len(viewed) < (len(d.figures) + len(d.statements) + len(d.events)) // 4
    assert again.changes is not None and again.changes != first.changes
    monkeypatch.undo()
    fresh = _fresh_build(seeds, curation, snaps, monkeypatch)
    assert again.changes == fresh.changes and again.snapshot_digest == fresh.snapshot_digest
    assert {p: content_bytes(c) for p, c in again.pages.items()} == {p: content_bytes(c) for p, c in fresh.pages.items()}


def _saved(generated: Path, line):
    """Two builds of a process that builds again (`mkdocs serve`), with `line` (or what it
    gives of the first build's dossier) added to a00003 between them, as a save."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False, remember=True)
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\n" + (line(first.dossier) if callable(line) else line) + "\n")
    return first, build(seeds, curation, pdf=False, remember=True)


def test_a_serve_rebuild_reuses_the_unchanged_figure_groups_and_equals_a_fresh_build(generated, monkeypatch):
    from dossier.reuse import REUSE

    first, again = _saved(generated, "Officials said 6 people were hurt in Lower Vessa on Monday.")
    assert REUSE.hits >= len(first.dossier.groups) // 2 and REUSE.misses >= 1
    kept = {id(g) for g in first.dossier.groups}
    assert sum(id(g) in kept for g in again.dossier.groups) >= len(first.dossier.groups) // 2
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)
    assert not REUSE.enabled  # (the fresh build, in a build that runs once, reuses nothing)


def test_a_serve_rebuild_remakes_only_the_statements_the_change_touches_and_equals_a_fresh_build(generated, monkeypatch):
    import dossier.assemble as assembling
    from dossier.assemble import clusters

    def articles(statement) -> set[str]:
        return {m.source.article for m in statement.mentions}

    def sentence_of_two_others(dossier) -> str:  # the changed article joins their statement
        nonlocal joined
        joined = next(s for s in dossier.statements if len(articles(s)) >= 2 and "a00003" not in articles(s)
                      and s.text.endswith(".") and s.speaker is None and s.topics)
        topics_given.clear()
        read.clear()
        return joined.text

    joined, topics_given, read = None, [], []
    real = assembling._given_topics
    monkeypatch.setattr(assembling, "_given_topics", lambda item, *a: topics_given.append(item) or real(item, *a))
    real_part = clusters._part
    monkeypatch.setattr(clusters, "_part", lambda article_id, *a: read.append(article_id) or real_part(article_id, *a))
    first, again = _saved(generated, sentence_of_two_others)
    kept = {id(s) for s in first.dossier.statements}
    untouched = [s for s in again.dossier.statements if "a00003" not in articles(s)]
    assert len(untouched) > 50 and all(id(s) in kept for s in untouched)  # the very statements, topics and all
    # (and their topics were not looked up again)
    statements_given = [item for item in topics_given if isinstance(item, Statement)]
    assert statements_given and all("a00003" in articles(item) for item in statements_given)
    assert read == ["a00003"]  # (the sentences of the others, their features and speakers, as the last build had them)
    now = next(s for s in again.dossier.statements if joined.mentions[0] in s.mentions)
    assert articles(now) == articles(joined) | {"a00003"} and id(now) not in kept
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_serve_rebuild_checks_again_only_the_pairs_of_sentences_the_change_brings_and_equals_a_fresh_build(
        generated, monkeypatch):
    """Which sentences say the same thing is found again in full each save, with the MinHash
    and the pair checks the last build made (`clusters.MEMORY`): the save signs and checks the
    wordings of the sentence it adds (and those it makes another name open), no other."""
    from dossier.assemble import clusters

    checked, signed = [], []
    real_same, real_sign = clusters.same_statement, clusters.minhash_signatures
    monkeypatch.setattr(clusters, "same_statement", lambda a, b, *r: checked.append((a, b)) or real_same(a, b, *r))
    monkeypatch.setattr(clusters, "minhash_signatures", lambda sets: signed.append(len(sets)) or real_sign(sets))

    def line(dossier) -> str:
        nonlocal first_checked, first_signed
        first_checked, first_signed = len(checked), sum(signed)
        checked.clear(), signed.clear()
        return "Officials said 6 people were hurt in Lower Vessa on Monday."

    first_checked = first_signed = 0
    first, again = _saved(generated, line)
    assert first_checked > 100 and first_signed > 100
    assert 0 < sum(signed) <= 3 and len(checked) < first_checked // 5
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_serve_rebuild_works_out_what_the_figures_of_the_changed_article_alone_count(generated, monkeypatch):
    """What each article's figures count, where and whose (`_article_kinds`) is worked out
    again for the article a save changed and for no other, and the build equals a fresh one."""
    from dossier.assemble import figures as grouping

    counted = []
    real = grouping._article_kinds
    monkeypatch.setattr(grouping, "_article_kinds", lambda run, *a, **k: counted.append({f.source.article for f in run})
                        or real(run, *a, **k))

    def line(dossier) -> str:
        assert len(counted) >= 10  # (every article's, in the first build)
        counted.clear()
        return "Officials said 6 people were hurt in Lower Vessa on Monday."

    first, again = _saved(generated, line)
    assert counted == [{"a00003"}]
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


@pytest.mark.parametrize("event", ["floods", "quake", "siege", "tornado", "strike"])
def test_figures_grouped_article_by_article_are_those_grouped_at_once(event):
    """Under `mkdocs serve` what each article's figures count is worked out article by article
    (`_article_kinds`, kept for the next save); a build that runs once works it out for all
    at once: the groups are the same, on events of every kind."""
    from dossier.assemble import assemble
    from dossier.assemble.figures import group_figures
    from dossier.reuse import REUSE
    from tests.conftest import FIXTURES

    folder = FIXTURES / event
    curation = load_curation(folder / "dossier.yml")
    built = pipeline.build_dossier(folder / "seeds", folder / "dossier.yml")
    figures = tuple(f for f in built.figures if not f.excluded)
    figures = tuple(sorted(figures, key=lambda f: (f.source.article, f.source.paragraph, f.source.start)))
    at_once = group_figures(figures, curation)
    assert len(at_once) >= 3
    try:
        REUSE.start(True)
        assert group_figures(figures, curation) == at_once
        assert group_figures(figures, curation) == at_once  # (each article's taken from the build before)
    finally:
        REUSE.start(False)


def test_a_serve_rebuild_renders_again_only_the_listed_items_a_change_touches_on_a_topic_page(generated, monkeypatch):
    """A topic page's statements, quotations and events of unchanged articles are taken from the
    last build (`shown_item`), and the pages equal a fresh build's."""
    from dossier.render.pages import Links

    shown = []
    real = Links.text
    monkeypatch.setattr(Links, "text", lambda self, text: (shown.append(text) if self.page.startswith("topics/") else None)
                        or real(self, text))

    def line(dossier) -> str:
        nonlocal first
        first = len(shown)
        shown.clear()
        return "Officials said 6 people were hurt in Lower Vessa on Monday."

    first = 0
    _, again = _saved(generated, line)
    # (what is rendered again: the takeaways, ranked anew each build, and the items of a00003)
    assert first > 100 and len(shown) < first / 2, (first, len(shown))
    monkeypatch.setattr(Links, "text", real)
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_serve_rebuild_writes_out_again_only_the_citations_of_the_changed_article(generated, monkeypatch):
    """What citing a paragraph shows, part of the keys of the pages of the record, is the
    article's alone: under `mkdocs serve` each unchanged article (the very object of the last
    save) keeps what its paragraphs were found to show, and only the changed article's are
    written out again; the pages equal a fresh build's."""
    from dossier.render import pages as rendering

    asked = []
    real = rendering._CITATIONS.make
    monkeypatch.setattr(rendering._CITATIONS, "make", lambda article: asked.append(article.id) or real(article))

    def line(dossier) -> str:
        nonlocal first
        first = list(asked)
        asked.clear()
        return "Officials said 6 people were hurt in Lower Vessa on Monday."

    first: list[str] = []
    _, again = _saved(generated, line)
    assert len(first) >= 10 and asked == ["a00003"], (first, asked)
    monkeypatch.setattr(rendering._CITATIONS, "make", real)
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_serve_rebuild_keeps_the_quotations_the_change_does_not_touch(generated, monkeypatch):
    """Under `mkdocs serve` a quotation of unchanged articles is the very object of the last
    build, also one renamed because another shares its words (so its topics and its content
    key for the export are kept too), and the build equals a fresh one."""
    first, again = _saved(generated, "Officials said 6 people were hurt in Lower Vessa on Monday.")
    kept = {id(q) for q in first.dossier.quotes}
    untouched = [q for q in again.dossier.quotes if all(m.source.article != "a00003" for m in q.mentions)]
    assert len(untouched) >= 5 and all(id(q) in kept for q in untouched)
    assert len({q.text for q in untouched}) < len(untouched)  # (some share their words: ids of their own)
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_where_the_figures_count_follows_the_groups_that_came_and_went_as_a_fresh_listing(generated):
    """Under `mkdocs serve` where each figure of a named metric is and what it counts (for the
    takeaways' variants: `Reuse.grouped` of `_counts_of`) is the last build's changed by the
    groups that came and went: after groups dropped, split, given back and a figure moved to
    another group, it is what listing every group gives, and a save lists only the groups it
    changed."""
    from dossier.assemble import briefing
    from dossier.reuse import REUSE

    groups = build(generated / "seeds", generated / "dossier.yml", pdf=False).dossier.groups
    named = [g for g in groups if g.metric != "other" and len(g.figures) >= 2]
    assert len(named) >= 4
    first, second = named[0], named[1]
    moved = first.figures[0]
    steps = [
        groups,
        tuple(g for g in groups if g is not second),  # a group gone
        tuple(dataclasses.replace(g, figures=g.figures[1:]) if g is first  # a figure moved to another group
              else dataclasses.replace(g, figures=(*g.figures, moved)) if g is second else g for g in groups),
        groups,  # all given back
    ]

    def listed(state) -> dict:
        return {key: sorted(entries) for key, entries in state.items()}

    def fresh(step) -> dict:
        found: dict = {}
        for group in step:
            for key, value in briefing._counts_of(group):
                found.setdefault(key, []).append(value)
        return listed(found)

    try:
        last: tuple = ()
        found: dict = {}
        for number, step in enumerate(steps * 2):
            REUSE.start(True)
            before = dict(found)  # (the very lists: a paragraph no group change touches keeps its own)
            found = REUSE.grouped("figure counts", step, briefing._counts_of)
            assert listed(found) == fresh(step), number
            if number:
                changed = {id(g) for g in step} ^ {id(g) for g in last}
                touched = {(f.source.article, f.source.paragraph) for g in (*step, *last) if id(g) in changed
                           for f in g.figures}
                untouched = [key for key in found if key not in touched]
                assert untouched and all(found[key] is before[key] for key in untouched), number
            last = step
        REUSE.start(False)
        assert listed(REUSE.grouped("figure counts", groups, briefing._counts_of)) == fresh(groups)
    finally:
        REUSE.start(False)


def test_a_serve_briefing_scores_again_only_the_statements_whose_dates_or_headline_figures_changed(generated, monkeypatch):
    """Under `mkdocs serve` a statement of the last build keeps the takeaway score it had for
    each topic (at 10,000 articles a third of a save's briefing), unless one of its articles
    has another date or one of its paragraphs gained or lost a headline figure: the briefing
    is then the one a build that runs once composes."""
    from dossier.assemble import briefing
    from dossier.reuse import REUSE

    made = build(generated / "seeds", generated / "dossier.yml", pdf=False)
    dossier, curation = made.dossier, made.curation
    scored: list = []
    real = briefing.score
    monkeypatch.setattr(briefing, "score", lambda statement, *a, **k: scored.append(statement) or real(statement, *a, **k))

    def compose(articles, groups, serving=True):
        REUSE.start(serving)
        scored.clear()
        return briefing.compose_briefing(curation, articles, dossier.topics, dossier.statements, groups)

    def chosen(composed) -> set[int]:
        return {id(t.statement) for takeaways in composed.takeaways.values() for t in takeaways}

    def articles_of(statement) -> set[str]:
        return {m.source.article for m in statement.mentions}

    try:
        compose(dossier.articles, dossier.groups)
        assert len(scored) > 3 * len(dossier.topics) * curation.takeaways  # the first build scores them all
        same = compose(dossier.articles, dossier.groups)
        assert {id(s) for s in scored} <= chosen(same)  # (a takeaway is scored again as it is made)
        assert same == compose(dossier.articles, dossier.groups, serving=False)
        # one article dated a year later: its statements are the newest, and scored again
        later = next(a for a in dossier.articles if a.date is not None)
        moved = tuple(dataclasses.replace(a, date=dataclasses.replace(a.date, year=a.date.year + 1)) if a is later else a
                      for a in dossier.articles)
        compose(dossier.articles, dossier.groups)
        now = compose(moved, dossier.groups)
        again = {s.id for s in scored if id(s) not in chosen(now)}
        assert again and all(later.id in articles_of(s) for s in dossier.statements if s.id in again)
        assert now == compose(moved, dossier.groups, serving=False)
        # the first headline group gone (and the next one in): the statements that carried the
        # figures of either are scored again
        def headline(groups) -> dict[tuple[str, int], list[int]]:  # where their figures are
            spans: dict[tuple[str, int], list[int]] = {}
            for g in briefing.headline_groups(groups)[:briefing.HEADLINE_GROUPS]:
                for f in g.figures:
                    spans.setdefault((f.source.article, f.source.paragraph), []).append(f.source.start)
            return spans

        fewer = tuple(g for g in dossier.groups if g is not briefing.headline_groups(dossier.groups)[0])
        before, after = headline(dossier.groups), headline(fewer)
        where = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        compose(dossier.articles, dossier.groups)
        now = compose(dossier.articles, fewer)
        again = {s.id for s in scored if id(s) not in chosen(now)}
        assert again and all(where & {(m.source.article, m.source.paragraph) for m in s.mentions}
                             for s in dossier.statements if s.id in again)
        assert now == compose(dossier.articles, fewer, serving=False)
    finally:
        REUSE.start(False)
        briefing.forget()


def test_a_serve_rebuild_merges_again_only_the_events_of_the_dates_the_change_tells_of(generated, monkeypatch):
    first, again = _saved(generated, "On 3 March 2031, volunteers cleared the square.")
    told = {e.date.iso for e in again.dossier.events if any(m.source.article == "a00003" for m in e.mentions)}
    assert "2031-03-03" in told and "2031-03-03" not in {e.date.iso for e in first.dossier.events}
    kept = {id(e) for e in first.dossier.events}
    others = [e for e in again.dossier.events if e.date.iso not in told]
    assert len(others) > 10 and all(id(e) in kept for e in others)
    assert not any(id(e) in kept for e in again.dossier.events if e.date.iso == "2031-03-03")
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_serve_rebuild_merges_again_only_the_entity_entries_of_the_names_the_change_mentions(generated, monkeypatch):
    first, again = _saved(generated, "Officials in Lower Vessa said the Quarrel Bridge was closed.")
    named = {e.name for e in again.dossier.entities if any(m.source.article == "a00003" for m in e.mentions)}
    kept = {id(e) for e in first.dossier.entities}
    others = [e for e in again.dossier.entities if e.name not in named]
    assert len(named) >= 2 and len(others) > 5 and all(id(e) in kept for e in others)
    assert not any(id(e) in kept for e in again.dossier.entities if e.name in named)
    assert again.pages == _fresh_pages(generated / "seeds", generated / "dossier.yml", monkeypatch)


def test_a_new_process_groups_again_only_the_figures_of_a_changed_article(generated, monkeypatch):
    import dossier.assemble.figures as grouping

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    made: list[str] = []
    real = grouping._group
    monkeypatch.setattr(grouping, "_group", lambda key, *rest, **named: made.append(key) or real(key, *rest, **named))
    first = build(seeds, curation, pdf=False)
    assert len(made) == len(first.dossier.groups) > 10  # a cold build groups every figure
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 6 people were hurt in Lower Vessa on Monday.\n")
    _new_process()
    made.clear()
    again = build(seeds, curation, pdf=False)
    touched = {g.id for g in again.dossier.groups if any(f.source.article == "a00003" for f in g.figures)}
    assert 1 <= len(made) <= len(touched)  # the groups the changed article's figures are in, no other
    figures = {id(f) for f in again.dossier.figures}
    assert all(id(f) in figures for g in again.dossier.groups for f in g.figures)  # read back made of this build's figures
    assert again.pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_new_process_encodes_no_figure_of_an_unchanged_article_for_its_keys(generated, monkeypatch):
    """The figure groups kept between processes and the pages of figures and groups are keyed
    by each figure's content key: the analysis makes them, with the figures, and the cache
    keeps them, so a build after one changed article encodes no other article's figures."""
    import dossier.reuse as reuse

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    build(seeds, curation, pdf=False)
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 6 people were hurt in Lower Vessa on Monday.\n")
    _new_process()
    encoded: list[object] = []
    real = reuse.content_key
    monkeypatch.setattr(reuse.KEYS, "make", lambda record: encoded.append(record) or real(record))
    again = build(seeds, curation, pdf=False)
    assert not any(isinstance(r, Figure) and r.source.article != "a00003" for r in encoded)
    assert sum(f.source.article != "a00003" for f in again.dossier.figures) > 50
    keys = reuse.Memo(real)
    figure = again.dossier.figures[0]
    keys.given((figure,), (b"given",))
    assert keys(figure) == b"given" and keys(again.dossier.figures[1]) == real(again.dossier.figures[1])
    keys.given(again.dossier.figures[2:4], (b"one key for two figures",))  # (an analysis cached without keys)
    assert keys(again.dossier.figures[2]) == real(again.dossier.figures[2])
    assert again.pages == _fresh_pages(seeds, curation, monkeypatch)


@pytest.fixture()
def rendered(monkeypatch):
    """The first line of each page actually rendered (not taken from the pages cache): a
    source's title, "# All figures, page N of M" or "# Timeline"."""
    calls: list[str] = []
    real = cache.PageFiles.keep

    def counting(self, key, page):
        # its title: the first line, after the front matter of a page left out of search
        calls.append(next(line for line in content_bytes(page).decode("utf-8").splitlines() if line.startswith("# ")))
        return real(self, key, page)

    monkeypatch.setattr(cache.PageFiles, "keep", counting)
    return calls


def _sources(rendered: list[str]) -> list[str]:
    return [title for title in rendered if not title.startswith(("# All figures", "# Timeline", "# Figures", "# Sources"))]


def _sources_index(rendered: list[str]) -> list[str]:
    return [title for title in rendered if title.startswith("# Sources")]


def _group_pages(rendered: list[str]) -> list[str]:
    return [title for title in rendered if title.startswith("# Figures")]


def _fresh_build(seeds: Path, curation: Path, snapshots: Path | None, monkeypatch) -> pipeline.Build:
    """A build in a new process, without the cache: what a build from the cache must equal."""
    _new_process()
    with monkeypatch.context() as m:
        m.setenv("DOSSIER_CACHE", "0")
        return build(seeds, curation, pdf=False, snapshots=snapshots)


def _fresh_pages(seeds: Path, curation: Path, monkeypatch) -> dict[str, str]:
    return _fresh_build(seeds, curation, None, monkeypatch).pages


def test_a_changed_article_renders_its_own_page_again_and_no_other(generated, rendered, monkeypatch):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    build(seeds, curation, pdf=False)
    assert len(_sources(rendered)) == 12 and len(rendered) > 12
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nVolunteers cleared the square on Sunday.\n")
    _new_process()
    rendered.clear()
    pages = build(seeds, curation, pdf=False).pages
    assert len(_sources(rendered)) == 1 and "Volunteers cleared the square" in pages["sources/a00003.md"]
    # and the page of the table of every figure that holds its figures, and the timeline's
    # page that its new event joins (or two, when the event cuts it)
    assert len([t for t in rendered if t.startswith("# All figures")]) <= 1
    assert len([t for t in rendered if t.startswith("# Timeline")]) <= 2
    # and the sources index's page that lists it, for its row counts one more paragraph
    assert len(_sources_index(rendered)) == 1
    assert pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_changed_article_renders_again_the_sources_index_page_that_lists_it_and_no_other(generated, rendered, monkeypatch):
    """The sources index is cut by content, a page per few articles: a build after one changed
    article renders again the page whose row of it changed (at 10,000 articles every one of the
    88 pages was rendered again on every save under `mkdocs serve`); a build that changes no
    row renders none, and both equal a build without the cache."""
    monkeypatch.setattr(render_pages_module, "SOURCES_PER_PAGE", 3)
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False).pages
    index = [p for p in first if p == "sources/index.md" or p.startswith("record/sources-")]
    assert len(index) >= 3 and len(_sources_index(rendered)) == len(index)
    changed = seeds / "a00007.txt"
    changed.write_text(changed.read_text() + "\nVolunteers cleared the square on Sunday.\n")
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False).pages
    listing = next(p for p in index if "(../sources/a00007.md)" in second[p] or "(a00007.md)" in second[p])
    assert [p for p in index if second[p] != first[p]] == [listing]
    row = next(line for line in second[listing].splitlines() if "a00007.md)" in line)
    before = next(line for line in first[listing].splitlines() if "a00007.md)" in line)
    assert row.split("|")[5:6] != before.split("|")[5:6]  # one more paragraph
    assert len(_sources_index(rendered)) == 1
    assert second == _fresh_pages(seeds, curation, monkeypatch)
    # the analyst grades another source: its row, and so its page, alone
    text = curation.read_text()
    _new_process()
    rendered.clear()
    assert build(seeds, curation, pdf=False).pages == second and _sources_index(rendered) == []
    assert "\nsources:" not in text
    curation.write_text(text + "\nsources:\n  a00002:\n    reliability: B\n")
    _new_process()
    rendered.clear()
    third = build(seeds, curation, pdf=False).pages
    graded = [p for p in index if third[p] != second[p]]
    assert len(graded) == 1 and "| B |" in next(line for line in third[graded[0]].splitlines() if "a00002.md)" in line)
    assert len(_sources_index(rendered)) == 1
    assert third == _fresh_pages(seeds, curation, monkeypatch)


def test_a_pagers_part_of_a_kept_pages_key_is_made_once_a_folder(monkeypatch):
    """Each kept page of a paged list has its pager in its key: encoded whole for every page,
    the 1,024 pages of figures of 10,000 articles encoded a million links a build. The list
    of pages, shared by a folder's pages, is hashed once; the key still tells every page's
    number and any page's label apart."""
    from dossier.render.pages import Pager, _Renderer

    encoded = []
    real = render_pages_module._shown
    monkeypatch.setattr(render_pages_module, "_shown", lambda value: encoded.append(value) or real(value))
    render = _Renderer(None, None, None, None, {}, {}, {})
    pages = tuple((f"from a{n:05d}", f"figures-{n}.md") for n in range(1, 1025))
    entries = tuple(f"[{label}]({href})" for label, href in pages)
    keys = [render.shown_pager(Pager(n, pages, entries)) for n in range(1, 1025)]
    assert len(set(keys)) == 1024 and len(encoded) == 1
    renamed = (*pages[:-1], ("from a99999", "figures-1024.md"))
    assert render.shown_pager(Pager(1, renamed, entries)) != keys[0]
    assert render.shown_pager(Pager(1, pages, (*entries[:-1], "[from a99999](figures-1024.md)"))) != keys[0]


def test_a_changed_article_renders_again_the_pages_of_its_figure_groups_and_no_other(generated, rendered, monkeypatch):
    """The figure groups are spread over the pages of the record by a hash of their id: a
    build after one changed article renders again the pages of the groups its figures are in
    (and the first page, when what it lists changed), not every page of groups, and equals a
    build without the cache."""
    monkeypatch.setattr(render_pages_module, "GROUPS_PER_PAGE", 2)  # a dozen articles: a few groups a page
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    pages = [p for p in first.pages if p == "figures.md" or p.startswith("record/groups-")]
    assert len(pages) >= 4 and len(_group_pages(rendered)) == len(pages)
    # a count of a new kind (no group had it), cited from a paragraph added to an article:
    # one new group, on its own page of the record
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nOfficials said 17 ferries were moored in the harbour.\n")
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False)
    new = [g for g in second.dossier.groups if g.id not in {old.id for old in first.dossier.groups}]
    assert [g.subject for g in new] == ["ferries"]
    home = render_pages_module.groups_page(next(n for n in range(2, 99)
                                                if f"{{ #{new[0].id} }}" in second.pages.get(render_pages_module.groups_page(n), "")))
    changed_pages = [p for p in pages if second.pages[p] != first.pages[p]]
    assert home in changed_pages
    assert 1 <= len(_group_pages(rendered)) == len(changed_pages) < len(pages)
    assert second.pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_page_of_groups_is_rendered_again_when_a_paragraph_it_cites_changes(generated, rendered, monkeypatch):
    """A page of figure groups cites the reports its comparisons show (at most COMPARISON_ROWS
    a group, from the comparison made once per build): text added to the paragraph of a report
    it shows changes that paragraph's anchor, not the report, and renders the page again; a
    build from the cache equals one without it."""
    from dossier.render import tables

    monkeypatch.setattr(tables, "COMPARISON_ROWS", 2)
    monkeypatch.setattr(render_pages_module, "GROUPS_PER_PAGE", 2)
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    memo: dict = {}
    shown = next(f for g in first.dossier.groups if len(g.figures) > 2
                 for f, _ in tables.compared_rows(memo, g)[0]
                 if first.dossier.article(f.source.article).paragraph(f.source.paragraph).text.rstrip().endswith("."))
    path = seeds / f"{shown.source.article}.txt"
    paragraph = first.dossier.article(shown.source.article).paragraph(shown.source.paragraph)
    text = path.read_text(encoding="utf-8")
    assert text.count(paragraph.text) == 1
    path.write_text(text.replace(paragraph.text, paragraph.text + " The square was quiet."), encoding="utf-8")
    _new_process()
    rendered.clear()
    after = build(seeds, curation, pdf=False)
    assert shown in after.dossier.figures  # the report is the same; its paragraph's anchor is not
    cited = [p for p in first.pages if (p == "figures.md" or p.startswith("record/groups-")) and f"#{paragraph.anchor})" in first.pages[p]]
    assert cited and all(f"#{paragraph.anchor})" not in after.pages[p] for p in cited)
    assert _group_pages(rendered)
    assert after.pages == _fresh_pages(seeds, curation, monkeypatch)


@pytest.mark.parametrize("per_page, before, after, link", [
    ("GROUPS_PER_PAGE", 4, 2, r"\(\.\./record/groups-\d+\.md#g-"),  # each figure's group, in its table
    ("ENTITIES_PER_PAGE", 1_000, 4, r"\(\.\./record/entities-\d+\.md#e-"),  # each name it mentions
], ids=["groups", "entities"])
def test_a_source_page_links_its_groups_and_entities_where_they_are_now(generated, rendered, monkeypatch,
                                                                       per_page, before, after, link):
    """A source's page links its figures' groups and the entities it names on the pages of the
    record and of the entity index they are on: when they move to other pages (here: fewer a
    page), the source pages are rendered again, though no article changed, and equal a build
    without the cache."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    monkeypatch.setattr(render_pages_module, per_page, before)
    first = build(seeds, curation, pdf=False)
    monkeypatch.setattr(render_pages_module, per_page, after)
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False)
    moved = [p for p in first.pages if p.startswith("sources/a") and first.pages[p] != second.pages[p]]
    assert moved and all(re.search(link, second.pages[p]) for p in moved)
    assert len(_sources(rendered)) == len(moved)
    assert second.pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_timeline_page_is_rendered_again_when_an_event_on_it_gains_a_report(generated, rendered, monkeypatch):
    """An event another article also reports keeps its id but cites one more source: the
    timeline page it is on is rendered again (its key holds every event's content), and
    equals a build without the cache."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    dated = first.dossier.article("a00003").date.iso  # (a day and month without a year: the last before it)
    event = next(e for e in first.dossier.events if dated[:4] + "-01-01" <= e.date.iso <= dated
                 and re.search(r"\b(January|February|March|April|May|June|July|August|September|October"
                               r"|November|December)\b", e.text) and e.text.endswith(".")
                 and all(m.source.article != "a00003" for m in e.mentions))
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\n" + event.text + "\n")
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False)
    now = next(e for e in second.dossier.events if e.id == event.id)
    assert {m.source.article for m in now.mentions} == {m.source.article for m in event.mentions} | {"a00003"}
    day = f"**{now.date.human()}**"
    pages = [p for p in second.pages if (p == "timeline.md" or p.startswith("record/timeline-")) and day in second.pages[p]]
    assert pages and all(second.pages[p] != first.pages[p] for p in pages)
    assert any(t.startswith("# Timeline") for t in rendered)
    assert second.pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_name_new_to_the_index_renders_again_only_the_pages_that_mention_it(generated, rendered, monkeypatch):
    """A source's page links the names of the entities mentioned in it, so a name that enters
    the index (here named twice in one article) changes that article's pages, not every kept
    page: one global list of names re-rendered all of them."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    assert not any("Zarko Velinden" in e.name for e in first.dossier.entities)
    changed = seeds / "a00003.txt"
    changed.write_text(changed.read_text() + "\nZarko Velinden said the bridge was closed. "
                       "The bridge will stay closed for a week, Zarko Velinden said.\n")
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False)
    entity = next(e for e in second.dossier.entities if e.name == "Zarko Velinden")
    assert {m.source.article for m in entity.mentions} == {"a00003"}
    assert f"[Zarko Velinden](../entities.md#e-{entity.id})" in second.pages["sources/a00003.md"]
    assert _sources(rendered) == [f"# {second.dossier.article('a00003').title}"]
    assert len([t for t in rendered if t.startswith("# Timeline")]) <= 2
    assert second.pages == _fresh_pages(seeds, curation, monkeypatch)


def test_a_source_page_shows_what_other_articles_changed(generated, rendered, monkeypatch):
    """A source's page shows its figures' groups (agreement, page), its topics' titles and the
    entity links: an edit elsewhere that changes any of these renders it again, and a build
    from the cache always equals a build without it."""
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    figure = next(f for f in first.dossier.figures if f.source.article != "a00003" and f.value >= 10
                  and f.metric != "other" and f.text in f.sentence)
    # Another outlet gives a different count of the same thing (the groups change).
    other = seeds / "a00003.txt"
    changed_count = figure.text.replace(str(int(figure.value)), str(int(figure.value) + 7))
    other.write_text(other.read_text() + "\n" + figure.sentence.replace(figure.text, changed_count) + "\n")
    _new_process()
    rendered.clear()
    second = build(seeds, curation, pdf=False).pages
    again = len(_sources(rendered))
    assert second == _fresh_pages(seeds, curation, monkeypatch)
    assert 1 <= again < 12
    # The analyst renames a topic: every page of a source that feeds it changes, no other.
    topic = first.dossier.topics[0]
    curation.write_text(curation.read_text().replace(f"title: {topic.title}", f"title: {topic.title} (renamed)", 1))
    _new_process()
    rendered.clear()
    third = build(seeds, curation, pdf=False).pages
    again = list(rendered)
    assert third == _fresh_pages(seeds, curation, monkeypatch)
    renamed = [path for path, page in third.items() if path.startswith("sources/") and "(renamed)" in page]
    assert renamed and len(_sources(again)) == len(renamed)
    # the timeline's pages name their events' topics, and the figures page its groups'
    # topics; the table of every figure names none
    on_timeline = [p for p, page in third.items() if p.endswith(".md") and page.startswith("# Timeline") and "(renamed)" in page]
    assert on_timeline and sorted(set(again) - set(_sources(again))) == ["# Figures", "# Timeline"]
    assert again.count("# Timeline") == len(on_timeline)
    assert _group_pages(again) == ["# Figures"] and "(renamed)" in third["figures.md"]
    # The analyst renames an entity (its id, so every link to it, changes).
    text = curation.read_text()
    person = next(e for e in first.dossier.entities if e.kind == "person" and f"- name: {e.name}\n" in text
                  and sum(e.name in page for path, page in third.items() if path.endswith(".md")) >= 2)
    curation.write_text(text.replace(f"- name: {person.name}\n", f"- name: Minister {person.name}\n", 1))
    _new_process()
    fourth = build(seeds, curation, pdf=False).pages
    assert fourth == _fresh_pages(seeds, curation, monkeypatch)
    moved = [path for path in fourth if path.startswith("sources/") and fourth[path] != third[path]]
    assert len(moved) >= 2 and all(f"[{person.name}](" in third[path] for path in moved)


def test_the_cache_keeps_only_what_the_last_build_used(generated, counted):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    build(seeds, curation, pdf=False)
    pack = generated / ".dossier" / "cache" / "analysis.pickle"
    before = pack.stat().st_size
    for round in range(3):  # three edits of the same article: one entry for it, never four
        changed = seeds / "a00003.txt"
        changed.write_text(changed.read_text() + f"\nOfficials said {round + 2} more were hurt.\n")
        build(seeds, curation, pdf=False)
    assert len(cache.read_pack(pack)) == 12
    assert pack.stat().st_size < before * 1.2
    (seeds / "a00004.txt").unlink()
    build(seeds, curation, pdf=False)
    assert len(cache.read_pack(pack)) == 11


def test_an_unchanged_file_is_not_read_again(generated, monkeypatch):
    from dossier.ingest import reader

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    first = build(seeds, curation, pdf=False).pages
    read: list[str] = []
    real = reader._read_draft
    monkeypatch.setattr(reader, "_read_draft", lambda path, *a: read.append(path.name) or real(path, *a))
    _new_process()
    assert build(seeds, curation, pdf=False).pages == first
    assert read == []
    changed = seeds / "a00005.txt"
    changed.write_text(changed.read_text() + "\nThe toll rose to 41, officials said.\n")
    _new_process()
    build(seeds, curation, pdf=False)
    assert read == ["a00005.txt"]


def test_a_changed_curation_reanalyses_everything(generated, counted):
    seeds, curation = generated / "seeds", generated / "dossier.yml"
    build(seeds, curation, pdf=False)
    curation.write_text(curation.read_text().replace("keywords: [votes,", "keywords: [ballots, votes,"))
    _new_process()
    counted.clear()
    build(seeds, curation, pdf=False)
    assert len(counted) == 12


@settings(max_examples=200, deadline=None)
@given(ids=st.lists(st.text("abcdef", min_size=1, max_size=6), unique=True, max_size=60),
       new=st.text("ghij", min_size=1, max_size=6), where=st.integers(0, 60), size=st.integers(2, 12))
def test_a_timeline_page_is_cut_by_content_so_an_added_event_changes_one_page(ids, new, where, size):
    pages = render_pages_module.content_parts(tuple(ids), size, str)
    assert [i for page in pages for i in page] == ids and all(len(page) <= size for page in pages)
    assert all(pages) or pages == [()]
    added = render_pages_module.content_parts(tuple(ids[:where] + [new] + ids[where:]), size, str)
    assume(all(len(page) < size for page in pages + added))  # (a page cut at its most moves the cuts after it)
    assert len(set(pages) - set(added)) <= 1  # only the page the new event joins, or splits, changes


def _analysed_here(generated: Path):
    """The generated project's curation, articles and their analyses made in this process, one by one."""
    curation = load_curation(generated / "dossier.yml")
    articles, _ = read_seeds(generated / "seeds", curation)
    return curation, articles, analyse.analyse_articles(articles, curation, workers=1)


def test_the_process_pool_gives_the_same_analyses(generated, monkeypatch):
    curation, articles, serial = _analysed_here(generated)
    _new_process()
    monkeypatch.setattr(analyse, "PARALLEL_THRESHOLD", 2)
    pooled = analyse.analyse_articles(articles, curation, workers=2)
    assert pooled == serial


def test_the_cache_keeps_the_bytes_the_workers_sent_and_reads_them_back_equal(generated, monkeypatch, counted):
    curation, articles, serial = _analysed_here(generated)
    folder = generated / ".dossier" / "cache"
    _new_process()
    monkeypatch.setattr(analyse, "PARALLEL_THRESHOLD", 2)
    store = cache.Cache(folder, "analysis")
    assert analyse.analyse_articles(articles, curation, store, workers=2) == serial
    pickled_again = []
    real_dumps = pickle.dumps
    monkeypatch.setattr(cache.pickle, "dumps", lambda *args, **kwargs: pickled_again.append(args) or real_dumps(*args, **kwargs))
    store.save()
    monkeypatch.setattr(cache.pickle, "dumps", real_dumps)
    assert (folder / "analysis.pickle").is_file() and len(store.used) == len(articles)
    assert pickled_again == []  # the pack holds the bytes the workers sent, not pickled again
    _new_process()
    in_memory = cache.Cache(None, "analysis-only-here")
    assert analyse.analyse_articles(articles, curation, in_memory, workers=2) == serial
    assert in_memory.memory and not in_memory.pickled  # nothing to save: no bytes held for it
    _new_process()
    calls_before = len(counted)
    assert analyse.analyse_articles(articles, curation, cache.Cache(folder, "analysis"), workers=1) == serial
    assert len(counted) == calls_before  # all read back from the pack the workers' bytes made


def test_articles_new_to_the_cache_are_analysed_in_a_child_while_the_rest_is_read_back(generated, monkeypatch, counted):
    curation, articles, serial = _analysed_here(generated)
    folder = generated / ".dossier" / "cache"
    _new_process()
    _packed(articles[2:], curation, folder)  # the pack lacks two
    del counted[:]
    monkeypatch.setattr(analyse, "FORK_READS", 5)
    store = cache.Cache(folder, "analysis")
    assert analyse.analyse_articles(articles, curation, store, workers=2) == serial
    assert counted == []  # both analysed in the forked child (this process's counter never saw them)
    store.save()
    _new_process()
    assert analyse.analyse_articles(articles, curation, cache.Cache(folder, "analysis"), workers=1) == serial
    assert counted == []  # the pack now holds all twelve, as the child pickled them
    _new_process()
    monkeypatch.setattr(analyse, "FORK_READS", 11)  # ten to read back: too few to fork for
    _packed(articles[2:], curation, folder)
    assert analyse.analyse_articles(articles, curation, cache.Cache(folder, "analysis"), workers=2) == serial
    assert sorted(counted) == sorted(a.id for a in articles[:2])  # analysed here


def _packed(articles, curation, folder: Path) -> None:
    """A pack of exactly these articles' analyses, as a build in another process leaves it."""
    _new_process()
    store = cache.Cache(folder, "analysis")
    analyse.analyse_articles(articles, curation, store, workers=1)
    store.save()
    _new_process()


def test_a_pool_that_breaks_midway_leaves_no_article_out_or_twice(generated, monkeypatch, counted):
    from concurrent.futures.process import BrokenProcessPool

    curation, articles, serial = _analysed_here(generated)
    _new_process()
    del counted[:]

    class Breaking:  # a pool whose workers die after three results
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, function, items, chunksize=1):
            for index, item in enumerate(items):
                if index == 3:
                    raise BrokenProcessPool("a worker died")
                yield pickle.dumps(analyse._analyse(item, curation), protocol=pickle.HIGHEST_PROTOCOL)

    monkeypatch.setattr(analyse, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(analyse.processes, "pool", lambda *args, **kwargs: Breaking())
    assert analyse.analyse_articles(articles, curation, workers=2) == serial
    assert sorted(counted) == sorted(a.id for a in articles)  # each analysed once: 3 in the pool, the rest here


def test_the_record_is_paged_and_every_page_is_bounded(generated, monkeypatch):
    monkeypatch.setattr(render_pages_module, "SOURCES_PER_PAGE", 5)
    monkeypatch.setattr(render_pages_module, "TIMELINE_PER_PAGE", 4)
    monkeypatch.setattr(render_pages_module, "FIGURES_PER_PAGE", 10)
    monkeypatch.setattr(render_pages_module, "ENTITIES_PER_PAGE", 10)
    monkeypatch.setattr(render_pages_module, "MENTIONS_PER_ENTITY", 3)
    result = build(generated / "seeds", generated / "dossier.yml", pdf=False)
    pages = result.pages
    d = result.dossier

    sources = sorted((p for p in pages if p == "sources/index.md" or p.startswith("record/sources-")),
                     key=lambda p: int(re.sub(r"\D", "", p) or 1))
    rows = [re.findall(r"^\| \[.*\]\((?:\.\./sources/)?(a\d+)\.md\)", pages[p], re.M) for p in sources]
    assert len(sources) > 1 and all(0 < len(r) <= 5 for r in rows)  # cut by content, at most the limit
    assert [a for r in rows for a in r] == [a.id for a in d.articles]  # in order, each once
    assert f"*Page 2 of {len(sources)}:*" in pages["record/sources-2.md"]
    # labelled by its first source: one added after the last changes no pager
    assert f"[from {rows[0][0]}](../sources/index.md)" in pages["record/sources-2.md"]
    # the count only on the first page: a new source changes the page it joins and that one
    assert f"{len(d.articles)} sources on {len(sources)} pages." in pages["sources/index.md"]
    assert not any(" sources on " in pages[p] for p in sources[1:])

    timeline = sorted((p for p in pages if p == "timeline.md" or p.startswith("record/timeline-")),
                      key=lambda p: int(re.sub(r"\D", "", p) or 1))
    on_pages = [len(re.findall(r"^- \*\*", pages[p], re.M)) for p in timeline]
    assert len(timeline) > 1 and sum(on_pages) == len(d.events) and max(on_pages) <= 4
    pager = next(line for line in pages["timeline.md"].splitlines() if line.startswith("*Page 1 of"))
    starts = re.findall(r"\[from (\d{4}-\d\d-\d\d)\]", pager)
    assert starts == sorted(starts) and len(starts) >= min(len(timeline) - 1, 4)  # the pager: where each page starts
    # labelled by where the page before was cut (the first page: to its own last date), which an
    # event added before all others or a page's first event removed does not move
    parts = render_pages_module.content_parts(tuple(d.events), 4, lambda e: e.id)
    assert f"**to {parts[0][-1].date.iso}**" in pager and f"[from {parts[0][-1].date.iso}](" in pager

    tables = sorted((p for p in pages if p.startswith("record/figures-")), key=lambda p: int(re.sub(r"\D", "", p)))
    assert 1 < len(tables) <= 16  # 160 figures, 10 a page: 16 pages by hash, the empty ones left out
    on_page = {p: re.findall(r'<span id="f-(\w+)">', pages[p]) for p in tables}
    anchors = [a for p in tables for a in on_page[p]]
    assert sorted(anchors) == sorted(f.id for f in d.figures)  # each figure once
    page_of = {a: p for p in tables for a in on_page[p]}
    order = {f.id: i for i, f in enumerate(d.figures)}
    for article in d.articles:  # a source's figures are on one page, in order
        ids = [f.id for f in d.figures if f.source.article == article.id]
        assert len({page_of[i] for i in ids}) <= 1
    for path in tables:
        assert on_page[path] == sorted(on_page[path], key=order.get)
        assert len(on_page[path]) <= 40
        assert f"]({path.split('/')[-1]})" not in pages["figures.md"]
        assert f"]({path})" in pages["figures.md"]

    index = sorted((p for p in pages if p == "entities.md" or p.startswith("record/entities-")),
                   key=lambda p: int(re.sub(r"\D", "", p) or 1))
    assert len(index) > 1
    rows = [re.findall(r'^\| <span id="e-(\w+)">.*\|$', pages[p], re.M) for p in index]
    assert all(0 < len(r) <= 10 for r in rows)  # cut by content (`content_parts`), at most the limit
    assert [e for r in rows for e in r] == [e.id for e in sorted(d.entities, key=lambda e: e.kind)]  # each once, in order
    busiest = max(d.entities, key=lambda e: len({(m.source.article, m.source.paragraph) for m in e.mentions}))
    paragraphs = {(m.source.article, m.source.paragraph) for m in busiest.mentions}
    row = next(line for p in index for line in pages[p].splitlines() if f'id="e-{busiest.id}"' in line)
    assert row.count("](") == 3 and f"and {len(paragraphs) - 3:,} more paragraphs in" in row
    home_of = {entity: p for p, r in zip(index, rows) for entity in r}
    links = [(path, target, entity) for path, text in pages.items() if path.endswith(".md")
             for target, entity in re.findall(r"\]\(([^)#]*entities[^)#]*\.md)#e-(\w+)\)", text)]
    assert len(links) > 20
    for path, target, entity in links:  # every entity link goes to the page that holds it
        assert posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) == home_of[entity]

    nav = str(nav_for(d))
    assert "record/" not in nav and "a00001" not in nav
    assert not any(in_nav(p) for p in pages if p.startswith(("record/", "downloads/")))
    assert in_nav("sources/index.md") and not in_nav("sources/a00001.md")


# --- the lexicon finds what one pattern per word found -----------------------------------


def _old_alias_matches(text: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    from dossier.analyse.entities import alias_pattern

    found: list[tuple[str, int, int]] = []
    for alias in lexicon.aliases:
        for match in alias_pattern(alias.text).finditer(text):
            start, end = match.span()
            if all(end <= s or start >= e for _, s, e in found):
                found.append((alias.entity.name, start, end))
    return sorted(found, key=lambda f: f[1])


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir())]
    texts += ["The President met the president of the company. THE CAPITAL, the Capital, Kyiv's "
              "pro-Kyiv, Kyiv-based, Zelenskyy-Zelensky. Kursk Oblast and Kursk region; HUR."]
    return [p for t in texts for p in t.split("\n\n")]


def test_alias_matches_equal_one_pattern_per_alias():
    lexicon = Lexicon(load_curation(ROOT / "dossier.yml"))
    for text in _texts():
        new = [(a.entity.name, s, e) for a, s, e in lexicon.alias_matches(text)]
        assert new == _old_alias_matches(text, lexicon), text


def test_topic_terms_equal_one_pattern_per_term():
    curation = load_curation(ROOT / "dossier.yml")
    lexicon = Lexicon(curation)
    terms = {t.lower() for spec in curation.topics for t in (*spec.phrases, *spec.keywords)}
    for text in _texts() + ["strikes; pre-strike; the capital's; Attacks", "missile-strike"]:
        old = {t for t in terms if re.search(r"(?<![\w-])" + re.escape(t) + r"(?:s|es|'s|’s)?(?![\w-])", text, re.I)}
        assert lexicon.topic_terms(text) == old, text


def test_metric_hits_take_the_longest_word_and_share_a_word_between_metrics():
    lexicon = Lexicon(load_curation(ROOT / "dossier.yml"))
    text = "The death toll rose; 12 people were killed and 100 injured."
    hits = [(text[s:e], tuple(m.id for m in ms)) for s, e, ms in lexicon.metric_hits(text)]
    assert ("death toll", ("killed",)) in hits
    assert ("killed", ("killed",)) in hits
    assert all(not w == "death" for w, _ in hits)


_TRICKY = ["KILLED, Killed-in-action, killed—wounded; the death  toll, death-toll, ſhot down 3, Kiev's",
           "On Monday, last FRIDAY, Friday's, mid-March, in 2024, In 2024-25, this morning, THIS YEAR, today2",
           "Sept. 5, Sep 5, May 2024, may, 24 April, 2025-04-24, earlier this month, Tuesday’s, İn 2023"]


def test_patterns_tried_at_their_first_words_find_what_a_scan_finds():
    from dossier.analyse import attribution, dates
    from dossier.analyse.memo import finditer_at_words

    patterns = [(p, dates._FIRST_WORDS[kind]) for kind, p in dates._PATTERNS] + [
        (dates._RELATIVE, dates._RELATIVE_FIRST_WORDS), (dates._WEEKDAY, dates._WEEKDAY_FIRST_WORDS),
        (dates._YEAR_ALONE, dates._YEAR_FIRST_WORDS), (attribution._ACCORDING, attribution._ACCORDING_FIRST),
        (attribution._BY_AGENT, attribution._BY_AGENT_FIRST), (attribution._SPEECH, attribution._SPEECH_FIRST)]
    tricky = _TRICKY + ["ACCORDING TO the mayor, it was Reported by Reuters; as reported by AP, has also said"]
    for text in _texts() + tricky:
        for pattern, words in patterns:
            assert [m.span() for m in finditer_at_words(pattern, words, text)] == [m.span() for m in pattern.finditer(text)]


def test_phrase_index_scan_is_leftmost_longest_and_case_sensitive():
    index = PhraseIndex(["Kyiv", "Kyiv region", "Korea"], hyphen_bound=True, ignore_case=False)
    text = "In Kyiv region and kyiv, not Kyiv-based; North Korea."
    assert [text[s:e] for s, e, _ in index.scan(text)] == ["Kyiv region", "Korea"]


# ---- one alias matcher: the lexicon's, what the patterns it replaced found ------------------

_NAMES = [EntitySpec("Kyiv", "place", ("Kyiv City", "kyiv")), EntitySpec("Volodymyr Zelensky", "person", ("Zelensky", "the President")),
          EntitySpec("Kyiv City Council", "organisation", ("city council",)), EntitySpec("UN", "organisation", ("(UN)", "United Nations")),
          EntitySpec("Zelensky Fund", "organisation", ("zelensky",))]
_PIECES = ["Kyiv", "kyiv", "KYIV", "City", "city", "Council", "Zelensky", "zelensky", "Volodymyr", "the", "President",
           "president", "(UN)", "UN", "United", "Nations", "pre", "-", "based", "said", ",", ".", "'s"]
_SPACES = [" ", " ", " ", "", "  ", "\n", "\t", "\xa0"]


def _regex_named(text: str, entities) -> list[tuple[str, str, int, int]]:
    """What the alternation of every alias (longest first, any case, any spacing) found."""
    by_alias: dict[str, list] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            key = " ".join(alias.lower().split())
            if key and entity not in by_alias.setdefault(key, []):
                by_alias[key].append(entity)
    words = sorted(by_alias, key=lambda w: (-len(w), w))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in words) + r")(?![\w-])",
                         re.IGNORECASE)
    return [(m.group(0), by_alias[" ".join(m.group(0).lower().split())][0].name, m.start(), m.end())
            for m in pattern.finditer(text)]


def _regex_occurrences(text: str, entities, exact_case: bool) -> list[tuple[int, int, str, str]]:
    """What each alias's own pattern found, alias by alias, longest first."""
    pairs = sorted(((alias, e) for e in entities for alias in (e.name, *e.aliases)), key=lambda pair: -len(pair[0]))
    return sorted((m.start(), m.end(), alias, e.name) for alias, e in pairs
                  for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, 0 if exact_case else re.IGNORECASE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=14))
def test_the_lexicon_finds_the_names_the_alias_patterns_found(pieces):
    """`Lexicon.named` is the old alternation of every alias (leftmost, longest, any case, any
    white space between an alias's words), `Lexicon.occurrences` each alias's own pattern."""
    text = "".join(piece + space for piece, space in pieces)
    lexicon = Lexicon(Curation(title="t", entities=tuple(_NAMES)))
    assert [(w, e.name, s, t) for w, e, s, t in lexicon.named(text)] == _regex_named(text, _NAMES)
    for exact in (False, True):
        found = sorted((s, e, lexicon.name_pairs[r][0], lexicon.name_pairs[r][1].name)
                       for s, e, r in lexicon.occurrences(text, exact_case=exact))
        assert found == _regex_occurrences(text, _NAMES, exact)


def test_resolve_names_the_entity_of_the_longest_alias_in_a_phrase():
    lexicon = Lexicon(load_curation(ROOT / "dossier.yml"))
    assert lexicon.resolve("the ukrainian president's office").name == "Volodymyr Zelensky"
    assert lexicon.resolve("Seoul's spy agency").name == "South Korean intelligence"
    assert lexicon.resolve("a spokesman for the army") is None


def test_the_cache_version_covers_all_the_code_reading_and_analysing_runs():
    """Only the code of `CACHED_CODE` versions the cache: every dossier module that reading
    and analysing load must be in it (else an edit to it would leave stale entries)."""
    import subprocess
    import sys

    from dossier.cache import CACHED_CODE

    # one article read and analysed (the extractors are imported when an article is analysed)
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from dossier.curation import load_curation; "
                               "from dossier.ingest import read_seeds; from dossier.analyse import analyse_articles; "
                               "c = load_curation(Path('dossier.yml')); analyse_articles(read_seeds(Path('seeds'), c)[0][:1], c); "
                               "print(' '.join(m for m in sys.modules if m.startswith('dossier.')))"],
        capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    assert "dossier.analyse.quotes" in loaded
    outside = [m for m in loaded if m.split(".")[1] not in {c.removesuffix(".py") for c in CACHED_CODE}]
    assert outside == []


def test_summary_pages_stay_bounded_however_many_reports(tmp_path: Path, monkeypatch):
    """A topic page, the figures page, the methodology page and every page of the record hold
    at most a fixed number of items (the limits of `render.paths`, made small here); what is
    left out is counted and pointed to, never dropped silently."""
    from dossier.render import tables

    generate.generate(40, tmp_path)
    cache.forget()
    monkeypatch.setattr(tables, "COMPARISON_ROWS", 3)
    monkeypatch.setattr(render_pages_module, "DISPUTES_PER_TOPIC", 1)
    monkeypatch.setattr(render_pages_module, "NAMES_PER_GROUP", 2)
    monkeypatch.setattr(render_pages_module, "SUMMARY_NAMES", 2)
    monkeypatch.setattr(render_pages_module, "REVIEW_LIMIT", 4)
    monkeypatch.setattr(render_pages_module, "PAGER_WINDOW", 1)
    monkeypatch.setattr(render_pages_module, "FIGURES_PER_PAGE", 5)
    result = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False)
    pages, d = result.pages, result.dossier

    # a group's side-by-side table: at most 3 rows, the latest among them, the rest counted
    big = max(d.groups, key=lambda g: len(g.figures))
    assert len(big.figures) > 5
    figures_pages = [p for p in pages if p == "figures.md" or p.startswith("record/groups-")]
    heading = f"{{ #{big.id} }}"
    text = next(pages[p] for p in figures_pages if heading in pages[p])
    section = re.split(r"\n#{2,4} ", text.split(heading, 1)[1], maxsplit=1)[0]
    table = [line for line in section.splitlines() if line.startswith("| [")]
    assert 1 <= len(table) <= 3
    assert any(f"**{big.latest.display}**" in line and "*(latest)*" in line for line in table)
    more = re.search(r"\*([\d,]+) more reports? of these claims", section)
    assert more and int(more.group(1).replace(",", "")) == len(big.figures) - len(table)
    small = next(g for g in d.groups if len(g.figures) == 3)  # within the limit: every report, as is
    small_heading = f"{{ #{small.id} }}"
    small_page = next(pages[p] for p in figures_pages if small_heading in pages[p])
    small_section = re.split(r"\n#{2,4} ", small_page.split(small_heading, 1)[1], maxsplit=1)[0]
    assert len([line for line in small_section.splitlines() if line.startswith("| [")]) == 3
    assert "more report" not in small_section
    # two claimants named, the rest counted (a third is named: "and 1 more" would say less)
    wide = max(d.groups, key=lambda g: (len(g.claimants), g.id))
    wide_heading = f"{{ #{wide.id} }}"
    wide_page = next(pages[p] for p in figures_pages if wide_heading in pages[p])
    wide_section = re.split(r"\n#{2,4} ", wide_page.split(wide_heading, 1)[1], maxsplit=1)[0]
    claimants = len(wide.claimants)
    assert claimants > 3 and f"{claimants} claimants: " in wide_section and f" and {claimants - 2} more" in wide_section

    # the home page's headline figures name two claimants each, and count the others
    headline = pages["index.md"].split("## Headline figures", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in headline.splitlines() if line.startswith("| [")]
    assert rows
    for row in rows:
        cell = row.split(" | ")[3]
        count = int(cell.split(":", 1)[0]) if cell[:1].isdigit() else 1
        names = cell.split(":", 1)[1].rsplit(" (", 1)[0].strip()
        if count > 3:
            assert re.fullmatch(rf"[^,]+, [^,]+ and {count - 2} more", names), cell
        else:  # a third name is named, not counted
            assert "more" not in names and len(re.split(r", | and ", names)) == count, cell
    assert any(int(row.split(" | ")[3].split(":")[0]) > 3 for row in rows if row.split(" | ")[3][:1].isdigit())
    bottom_line = pages["index.md"].split("## Bottom line", 1)[1].split("\n## ", 1)[0]
    assert "Disputed — " in bottom_line and ".." not in bottom_line  # one full stop after a dispute's note

    # a topic page shows one disputed group in full, and counts the others
    disputed_topics = [t for t in d.topics if sum(1 for g in d.groups if t.id in g.topics and g.agreement == "differ") > 1]
    assert disputed_topics
    topic = pages[f"topics/{disputed_topics[0].id}.md"]
    discrepancies = topic.split("## Discrepancies", 1)[1].split("\n## ", 1)[0]
    assert discrepancies.count("!!! warning") == 1
    assert re.search(r"\*\d+ more disputed figures of this topic are on the \[figures page\]", discrepancies)

    # the methodology page's review lists: four items each, the rest counted
    review = pages["methodology.md"].split("## Review", 1)[1]
    for heading in ("### Paragraphs that match no topic", "### Figures without a named claimant"):
        part = review.split(heading, 1)[1].split("\n### ", 1)[0]
        assert len(re.findall(r"^- ", part, re.M)) <= 4
    assert "`dossier check` lists them all" in review

    # the pager: first, last and one page on each side of this one
    tables_pages = sorted((p for p in pages if p.startswith("record/figures-")), key=lambda p: int(re.sub(r"\D", "", p)))
    assert len(tables_pages) > 6
    middle = pages[tables_pages[len(tables_pages) // 2]]
    line = next(l for l in middle.splitlines() if l.startswith("*Page "))
    assert line.count("](") == 4 and line.count("…") == 2 and line.count("**") == 2


def _forty_articles_edited(tmp_path: Path, monkeypatch, line: str, *, figures_per_page: int | None = 10):
    """40 generated articles built, then `line` added to one of them (a00007) and built again,
    with 3 figure groups a page (and `figures_per_page` figures): both builds."""
    if figures_per_page is not None:
        monkeypatch.setattr(render_pages_module, "FIGURES_PER_PAGE", figures_per_page)
    monkeypatch.setattr(render_pages_module, "GROUPS_PER_PAGE", 3)
    generate.generate(40, tmp_path)
    cache.forget()
    seeds, curation = tmp_path / "seeds", tmp_path / "dossier.yml"
    first = build(seeds, curation, pdf=False)
    edited = seeds / "a00007.txt"
    edited.write_text(edited.read_text() + f"\n{line}\n")
    return first, build(seeds, curation, pdf=False)


def test_one_new_report_changes_few_pages(tmp_path: Path, monkeypatch):
    """Pages are split so that an item keeps its page when others are added: after one more
    report in one article, no other article's page changes, and one page of each paged list
    at most (what lets `mkdocs serve --dirty` rebuild a few pages, not hundreds)."""
    first, second = _forty_articles_edited(tmp_path, monkeypatch, "Officials said 23 more people were injured in Quarrytown.")
    before, after = first.pages, second.pages
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert "sources/a00007.md" in changed
    assert [p for p in changed if p.startswith("sources/a")] == ["sources/a00007.md"], changed
    record = [p for p in changed if p.startswith("record/")]
    assert len([p for p in record if p.startswith("record/figures-")]) <= 1, record
    assert len(record) <= 4, record
    assert len(changed) <= 14, changed


def test_a_new_figure_rewrites_neither_the_first_figures_page_nor_the_methodology(tmp_path: Path, monkeypatch):
    """How many groups and figures there are in all is counted on the home page only: a report
    of a new kind (a new group, on another page of the record) leaves the first page of the
    figure groups and the methodology, the two largest summary pages, as they were, so a save
    under `mkdocs serve --dirty` does not make MkDocs convert them again for one number."""
    # (a named claimant and a topic: else the methodology lists the paragraph to review)
    first, second = _forty_articles_edited(
        tmp_path, monkeypatch, "Harbour master Ana Lind said 17 ferries were moored in the harbour after the earthquake.")
    new = [g for g in second.dossier.groups if g.id not in {old.id for old in first.dossier.groups}]
    assert [g.subject for g in new] == ["ferries"] and f"#{new[0].id} " not in second.pages["figures.md"]
    assert len(second.dossier.figures) == len(first.dossier.figures) + 1
    changed = {p for p in second.pages if first.pages.get(p) != second.pages[p]}
    assert "figures.md" not in changed and "methodology.md" not in changed
    assert "index.md" in changed
    assert f"{len(second.dossier.groups)} figure groups from " in second.pages["index.md"]


def test_a_new_group_among_the_first_moves_no_other_group(tmp_path: Path, monkeypatch):
    """The figures page shows the first groups, but every group's home (where links to it
    lead) is the page of the record its id hashes to: a new group that sorts among the first
    pushes none of them to another page, so no other source's page changes."""
    first, second = _forty_articles_edited(tmp_path, monkeypatch, "Officials said 23 people were killed in Aaberg.",
                                           figures_per_page=None)
    new = [g for g in second.dossier.groups if g.id not in {old.id for old in first.dossier.groups}]
    assert len(new) == 1 and "Aaberg" in new[0].subject
    shown_first = re.findall(r"^#{3,4} .* \{ #(g-\w+) \}$", second.pages["figures.md"], re.M)
    assert new[0].id in shown_first and len(shown_first) == 3  # it sorts among the first three
    changed = sorted(p for p in second.pages if first.pages.get(p) != second.pages[p])
    assert [p for p in changed if p.startswith("sources/a")] == ["sources/a00007.md"], changed
    assert len([p for p in changed if p.startswith("record/groups-")]) == 1, changed  # its home
    homes = {}
    for path, text in second.pages.items():
        if path.startswith("record/groups-"):
            for group in re.findall(r"\{ #(g-\w+) \}$", text, re.M):
                assert group not in homes, group  # one home each
                homes[group] = path
    assert set(homes) == {g.id for g in second.dossier.groups}


def test_a_list_of_names_is_bounded():
    from dossier.render.pages import join_names
    from dossier.render.paths import NAMES_PER_GROUP

    names = [f"Outlet {n}" for n in range(NAMES_PER_GROUP + 30)]
    shown = join_names(names)
    assert shown.endswith(" and 30 more") and shown.count("Outlet") == NAMES_PER_GROUP
    assert join_names(names[:3]) == "Outlet 0, Outlet 1 and Outlet 2"


def test_a_takeaway_many_outlets_report_names_a_few_and_counts_them(tmp_path: Path):
    generate.generate(40, tmp_path)
    cache.forget()
    pages = build(tmp_path / "seeds", tmp_path / "dossier.yml", pdf=False).pages
    text = "\n".join(pages[p] for p in pages if p.startswith("topics/") or p == "index.md")
    # (an outlet's name may hold brackets: "unnamed outlet (a00031)")
    counted = re.findall(r"\*\*(\d+) sources\*\* \(((?:[^()]|\([^()]*\))*) and (\d+) more\) report: ", text)
    assert counted
    for total, names, rest in counted:
        assert names.count(", ") == 2 and int(rest) == int(total) - 3
    assert not re.search(r"\*\*[^*\n]*, [^*\n]*, [^*\n]*, [^*\n]*\*\* report: ", text)  # no long bold list


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_the_benchmark_reads_a_process_cpu_seconds():
    """What the benchmark reports of a save under `mkdocs serve` besides its wall seconds."""
    import os
    import time

    from benchmarks.pipeline import _cpu_seconds

    before = _cpu_seconds(os.getpid())
    started = time.process_time()
    while time.process_time() - started < 0.3:
        pass
    spent = _cpu_seconds(os.getpid()) - before
    assert 0.2 <= spent <= 5  # clock ticks of 10 ms: about the 0.3 s spent
    assert _cpu_seconds(2 ** 22 + 12345) is None  # no such process


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux's /proc only")
def test_the_benchmark_reads_a_servers_peak_and_resident_memory():
    from benchmarks.pipeline import _memory_mb

    held = bytearray(64 * 1024 * 1024)  # 64 MiB, touched
    held[::4096] = b"x" * len(held[::4096])
    peak, resident = _memory_mb(os.getpid())
    assert resident >= 64 and peak >= resident
    del held
    assert _memory_mb(os.getpid())[0] >= peak - 1  # the peak stays
    assert _memory_mb(2 ** 22 + 12345) is None  # no such process


def test_a_build_frees_what_rendering_leaves_in_cycles_as_it_goes(generated, monkeypatch):
    """A build pauses the collector (its records are acyclic), but Jinja leaves each rendered
    page's context in a reference cycle: those are freed every few pages, not held until the
    build ends, and nothing stays set aside (`gc.freeze`) after."""
    import gc

    seeds, curation = generated / "seeds", generated / "dossier.yml"
    left = {}
    for every in (1, 10 ** 9):  # every page, or never
        monkeypatch.setattr(cache, "FREE_CYCLES_EVERY", every)
        _new_process()
        with cache.paused_gc():
            gc.unfreeze()  # (what another test's build under the plugin set aside)
            gc.collect()
            result = build(seeds, curation, pdf=False)
            left[every] = gc.collect()  # the cycles still there, freed only now
            assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        left[f"pages {every}"] = dict(result.pages.contents)
    assert left["pages 1"] == left[f"pages {10 ** 9}"]
    assert left[10 ** 9] > 1000 and left[1] < left[10 ** 9] / 10


def test_a_build_exports_in_a_forked_child_what_one_process_would(generated, monkeypatch):
    """The dossier JSON, the comparison with the last snapshot and the figures downloads are
    made by a forked child while the build renders (on a machine with two cores or more): the
    build is the same, byte for byte, as one made in a single process, changes included."""
    seeds, curation, snaps = generated / "seeds", generated / "dossier.yml", generated / "snaps"
    _another_snapshot(seeds)  # the briefing with one article fewer: this build adds one
    exported_by = generated / "exported-by"
    real = pipeline.export_build

    def export_build(*args, **kwargs):
        exported_by.write_text(str(os.getpid()))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "export_build", export_build)
    built = {}
    for workers in (2, 1):
        _new_process()
        monkeypatch.setattr(pipeline, "default_workers", lambda: workers)
        built[workers] = build(seeds, curation, pdf=False, snapshots=snaps)
        assert (int(exported_by.read_text()) != os.getpid()) == (workers == 2)
    forked, alone = built[2], built[1]
    assert forked.changes is not None and forked.changes.sources_added
    assert forked.changes == alone.changes and forked.snapshot_digest == alone.snapshot_digest
    assert {p: content_bytes(c) for p, c in forked.pages.items()} == {p: content_bytes(c) for p, c in alone.pages.items()}
    assert "Since the last briefing" in forked.pages["index.md"]


def test_statements_clustered_in_a_child_are_those_clustered_here(tmp_path, monkeypatch):
    """Assembling finds which sentences say the same thing in a forked child while it groups
    the figures: the dossier is the one it makes without the child, and the child did the work."""
    import dossier.assemble as assemble_module
    from dossier.assemble import clusters
    from dossier.pipeline import build_dossier

    generate.generate(40, tmp_path)
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    monkeypatch.setenv("DOSSIER_WORKERS", "2")
    here = build_dossier(tmp_path / "seeds", tmp_path / "dossier.yml")
    groups_made_in = []
    real = clusters._cluster
    monkeypatch.setattr(clusters, "_cluster", lambda *a: groups_made_in.append(os.getpid()) or real(*a))
    monkeypatch.setattr(assemble_module, "FORK_SENTENCES", 1)
    forked = build_dossier(tmp_path / "seeds", tmp_path / "dossier.yml")
    assert groups_made_in == []  # (the child's list, not this one's)
    assert forked == here and len(here.statements) > 100


def test_pages_rendered_in_a_child_are_those_rendered_here_and_kept(tmp_path, monkeypatch):
    """A build that renders many pages (a cold build) has a forked child render every other
    page the pages cache lacks: the pages are those of a build in one process, byte for byte,
    the child did its share, and the cache keeps every page, whichever process made it."""
    generate.generate(20, tmp_path)
    seeds, curation = tmp_path / "seeds", tmp_path / "dossier.yml"
    rendered_here = []
    real = render_pages_module._rendered
    monkeypatch.setattr(render_pages_module, "_rendered",
                        lambda render, job: rendered_here.append(job.path) or real(render, job))
    monkeypatch.setattr(render_pages_module, "FORK_PAGES", 2)
    pages, rendered = {}, {}
    for workers, batch in (("1", 10_000), ("2", 10_000), ("2", 7)):
        shutil.rmtree(tmp_path / ".dossier", ignore_errors=True)  # cold: no page kept
        _new_process()
        monkeypatch.setenv("DOSSIER_WORKERS", workers)
        monkeypatch.setattr(render_pages_module, "PENDING_BATCH", batch)
        del rendered_here[:]
        made = build(seeds, curation, pdf=False)
        pages[workers, batch] = {p: content_bytes(c) for p, c in made.pages.items()}
        rendered[workers, batch] = list(rendered_here)
    alone, forked, batched = rendered["1", 10_000], rendered["2", 10_000], rendered["2", 7]
    assert len(alone) > 20 and {f"sources/{a}.md" for a in ("a00000", "a00019")} <= set(alone)
    assert forked == alone[0::2]  # the child rendered the others (this list never saw them)
    # seven at a time, a child for each seven (but the last few): about half of them here
    assert set(batched) < set(alone) and len(alone) // 2 <= len(batched) < len(alone) // 2 + 7
    assert pages["2", 10_000] == pages["1", 10_000] == pages["2", 7]
    _new_process()
    del rendered_here[:]
    again = build(seeds, curation, pdf=False)
    assert rendered_here == []  # every page, the child's too, was kept in the pages cache
    assert {p: content_bytes(c) for p, c in again.pages.items()} == pages["1", 10_000]


def test_articles_finished_in_a_child_are_those_finished_here_and_kept(generated, monkeypatch):
    """Reading many new files, a forked child finishes every other article (paragraphs, page
    furniture, dates): the articles and notices are those read in one process, in order, the
    child did its share, and the ingest cache keeps every article."""
    from dossier.ingest import reader

    seeds = generated / "seeds"
    (seeds / "zz-undated.txt").write_text("Officials said 4 people died.\n\nRescuers searched the area.\n", encoding="utf-8")
    curation = load_curation(generated / "dossier.yml")
    finished_here = []
    real = reader._finish
    monkeypatch.setattr(reader, "_finish", lambda draft, *rest: finished_here.append(draft.id) or real(draft, *rest))
    monkeypatch.setattr(reader, "FORK_ARTICLES", 2)
    read, finished = {}, {}
    for workers in ("1", "2"):
        _new_process()
        monkeypatch.setenv("DOSSIER_WORKERS", workers)
        del finished_here[:]
        read[workers] = read_seeds(seeds, curation, cache.Cache(None, "ingest"))
        finished[workers] = list(finished_here)
    articles, notices = read["1"]
    assert len(articles) == 13 and any("no date given" in n.message for n in notices + articles[-1].notices)
    assert read["2"] == read["1"]
    assert finished["2"] == finished["1"][0::2]  # the child finished the others
    _new_process()
    store = cache.Cache(None, "ingest")
    del finished_here[:]
    read_seeds(seeds, curation, store)
    assert finished_here == finished["2"]
    del finished_here[:]
    assert read_seeds(seeds, curation, store) == read["1"] and finished_here == []  # the child's kept too
