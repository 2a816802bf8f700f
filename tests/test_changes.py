"""What changed since the last briefing: snapshots, `dossier diff`, the home page's section.

The fixture is a fictional earthquake (tests/fixtures/marenza): two articles, then an update
(`update/marenza-post.txt`) that raises the toll from 27 to 31 and reports a new event.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import shutil
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.changes import SnapshotError, compare, keep_snapshot, kept_snapshots, load_snapshot
from dossier.changes import parse_snapshot
from dossier.changes.report import changes_markdown, changes_text
from dossier.changes.snapshots import last_snapshot, snapshot_as_of
from dossier.cli import main
from dossier.errors import CurationError
from dossier.curation.schema import parse_compare_with, parse_curation
from dossier.export.dossier import dossier_json
from dossier.model import FuzzyDate
from dossier.pipeline import build, build_dossier, keep
from dossier.write import content_bytes
from tests.conftest import as_dossier_1

QUAKE = Path(__file__).resolve().parent / "fixtures" / "marenza"
UPDATE = QUAKE / "update" / "marenza-post.txt"
T1 = dt.datetime(2026, 2, 10, 6, 0, tzinfo=dt.timezone.utc)
T2 = dt.datetime(2026, 2, 11, 6, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def quake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the quake dossier; snapshots go to its own .dossier/snapshots/."""
    root = tmp_path / "quake"
    shutil.copytree(QUAKE / "seeds", root / "seeds")
    shutil.copy(QUAKE / "dossier.yml", root / "dossier.yml")
    monkeypatch.delenv("DOSSIER_SNAPSHOTS", raising=False)
    monkeypatch.chdir(root)
    return root


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


# ------------------------------------------------------------------ snapshots

def test_snapshots_are_named_by_as_of_build_time_and_hash_and_never_duplicated(tmp_path):
    folder = tmp_path / "snaps"
    text = '{"schema": "dossier/2", "as_of": "2026-02-10"}\n'
    first = keep_snapshot(text, folder, "2026-02-10", built=T1)
    assert first is not None and gzip.decompress(first.read_bytes()).decode("utf-8") == text
    assert re.fullmatch(r"2026-02-10_20260210T060000Z_[0-9a-f]{12}\.json\.gz", first.name)
    assert load_snapshot(first).digest == first.name[-20:-8]  # the name's digest: of the JSON text
    (tmp_path / "plain.json").write_text(text, encoding="utf-8")  # (made when asked: read again)
    assert load_snapshot(tmp_path / "plain.json").digest == first.name[-20:-8]
    assert keep_snapshot(text, folder, "2026-02-10", built=T2) is None  # same bytes: kept once
    second = keep_snapshot(text.replace("10\"}", "11\"}"), folder, "2026-02-11", built=T2)
    (folder / "notes.txt").write_text("not a snapshot", encoding="utf-8")
    assert [k.path for k in kept_snapshots(folder)] == [first, second]
    assert not [p for p in folder.iterdir() if p.name.startswith(".snapshot-")]  # no temporary left


def test_last_skips_the_current_build_and_a_date_takes_the_newest_briefing_not_after_it(tmp_path):
    folder = tmp_path / "snaps"
    a = keep_snapshot('{"n": 1}', folder, "2026-02-09", built=T1)
    b = keep_snapshot('{"n": 2}', folder, "2026-02-10", built=T1 + dt.timedelta(hours=1))
    c = keep_snapshot('{"n": 3}', folder, "2026-02-10", built=T2)
    kept = {k.path: k for k in kept_snapshots(folder)}
    assert last_snapshot(folder).path == c
    assert last_snapshot(folder, current=kept[c].digest).path == b  # rebuilding c compares with b
    assert snapshot_as_of(folder, FuzzyDate(2026, 2, 10)).path == c
    assert snapshot_as_of(folder, FuzzyDate(2026, 2, 9)).path == a
    assert snapshot_as_of(folder, FuzzyDate(2026, 2, 8)) is None
    assert last_snapshot(tmp_path / "missing") is None


def test_snapshots_no_comparison_reaches_are_removed_and_every_one_that_it_can_is_kept(tmp_path):
    from dossier.changes.snapshots import prune_snapshots

    folder = tmp_path / "snaps"
    # 40 builds over 20 briefing dates, two a day, and one undated
    for n in range(40):
        keep_snapshot(f'{{"n": {n}}}', folder, f"2026-03-{n // 2 + 1:02d}", built=T1 + dt.timedelta(hours=n))
    keep_snapshot('{"n": "undated"}', folder, None, built=T1 - dt.timedelta(days=1))
    days = [FuzzyDate(2026, 3, d) for d in range(1, 25)]
    before = ([snapshot_as_of(folder, d).path for d in days], last_snapshot(folder).path,
              [last_snapshot(folder, current=k.digest).path for k in kept_snapshots(folder)[-3:]])
    removed = prune_snapshots(folder, builds=4, dates=30)
    kept = kept_snapshots(folder)
    # the newest 4 builds, and the newest of each of the 21 dates (the undated one too)
    assert len(removed) == 41 - len(kept) and len(kept) == 4 + 21 - 2 and not any(p.exists() for p in removed)
    assert ([snapshot_as_of(folder, d).path for d in days], last_snapshot(folder).path,
            [last_snapshot(folder, current=k.digest).path for k in kept_snapshots(folder)[-3:]]) == before
    assert prune_snapshots(folder, builds=4, dates=30) == []  # nothing more to remove
    # only the 5 latest dates: an older date falls back to the oldest date kept, or to none
    prune_snapshots(folder, builds=4, dates=5)
    assert {k.as_of for k in kept_snapshots(folder)} == {f"2026-03-{d}" for d in range(16, 21)}
    assert snapshot_as_of(folder, FuzzyDate(2026, 3, 10)) is None


@pytest.mark.parametrize("content, message", [
    (None, "no such snapshot file"),
    ("{not json", "not JSON"),
    ('{"schema": "figures/1"}', 'not a dossier snapshot (schema "figures/1")'),
    ("[1, 2]", "not a dossier snapshot (Expected `object`, got `array`)"),
    ('{"schema": "dossier/2", "articles": [{"title": "x"}]}',
     "not a dossier snapshot (Object missing required field `id` - at `$.articles[0]`)"),
])
def test_unreadable_snapshots_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "old.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SnapshotError, match=re.escape(message)):
        load_snapshot(path)


@pytest.mark.parametrize("value, kind", [
    ("last", "last"), ("none", "none"), ("2026-02-10", "date"), ("10 February 2026", "date"),
    ("site/downloads/dossier.json", "file"), ("old.json", "file"),
    ("snapshots/2026-02-10_20260210T060000Z_aaaaaaaaaaaa.json", "file"),
])
def test_compare_with_is_last_none_a_date_or_a_file(value, kind):
    assert parse_compare_with(value).kind == kind
    assert parse_curation(f"title: T\ncompare_with: {value}\n").compare_with == parse_compare_with(value)


def test_compare_with_defaults_to_last_and_an_impossible_date_is_an_error_with_its_line():
    assert parse_curation("title: T\n").compare_with.kind == "last"
    with pytest.raises(CurationError, match=r"dossier.yml:2: compare_with must be last, none, a date"):
        parse_curation("title: T\ncompare_with: 2026-13-40\n")


# ------------------------------------------------------------------ the whole loop

def test_adding_an_article_reports_exactly_its_toll_event_and_source_and_removing_it_restores(quake, capsys):
    assert main(["build", "--out", "out"]) == 0
    (first,) = kept_snapshots(quake / ".dossier" / "snapshots")
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)

    assert main(["diff", "--format", "json", "--exit-code"]) == 1
    capsys.readouterr()
    assert main(["diff", "--format", "json"]) == 0
    changes = _json(capsys)
    assert changes["count"] == 3
    (figure,) = changes["figures"]
    assert (figure["label"], figure["kind"], figure["changed"]) == ("Killed", "changed", ["value", "range", "latest"])
    assert (figure["old"]["value"], figure["new"]["value"]) == ("27", "31")
    assert (figure["new"]["claimant"], figure["new"]["as_of"]) == ("Marenza Regional Administration", "2026-02-11")
    assert [(r["article"], r["paragraph"]) for r in figure["refs"]] == [("marenza-post", 1)]
    (event,) = changes["events_new"]
    assert event["date"] == "2026-02-11" and "field hospital" in event["text"]
    assert [r["article"] for r in event["refs"]] == ["marenza-post"]
    assert [s["id"] for s in changes["sources_added"]] == ["marenza-post"]

    assert main(["diff"]) == 0
    text = capsys.readouterr().out
    assert "~ Killed, people (Marenza): 27 -> 31, Marenza Regional Administration, 11 February 2026" in text
    assert "[marenza-post ¶1]" in text and "+ 11 February 2026: On 11 February, a field hospital" in text

    # The home page says the same, each change linked to its source paragraph.
    result = build(quake / "seeds", quake / "dossier.yml", pdf=False, snapshots=quake / ".dossier" / "snapshots")
    home = result.pages["index.md"]
    section = home[home.index("## Since the last briefing"):home.index("## Headline figures")]
    article = result.dossier.article("marenza-post")
    toll, event = article.paragraph(1).anchor, article.paragraph(2).anchor
    assert "risen to 31" in article.paragraph(1).text and "field hospital" in article.paragraph(2).text
    assert "*Compared with the briefing as of 10 February 2026 (2 sources;" in section
    assert "- **Killed**, people (Marenza): 27 → 31, Marenza Regional Administration, 11 February 2026" in section
    assert f"11 February 2026; across sources at least 25 – 27 → at least 25 – 31 ([marenza-post ¶1](sources/marenza-post.md#{toll}))" in section
    assert f"11 February 2026**: On 11 February, a field hospital" in section
    assert f"([marenza-post ¶2](sources/marenza-post.md#{event}))" in section
    assert "[marenza-post: " in section and "](sources/marenza-post.md), 2026-02-11" in section
    assert len(re.findall(r"^- ", section, flags=re.M)) == 3  # exactly those three changes

    capsys.readouterr()
    assert main(["build", "--out", "out"]) == 0
    assert f"since {first.path.name}: 3 changes (dossier diff lists them)" in capsys.readouterr().out
    (quake / "seeds" / UPDATE.name).unlink()
    assert main(["build", "--out", "out"]) == 0
    assert "snapshot: unchanged" in capsys.readouterr().out  # the same bytes as the first snapshot
    first_again, second = kept_snapshots(quake / ".dossier" / "snapshots")
    assert first_again == first
    assert main(["diff", str(first.path), "--exit-code"]) == 0
    assert "No changes." in capsys.readouterr().out
    assert main(["diff", str(first.path), str(second.path), "--format", "json"]) == 0
    assert _json(capsys)["count"] == 3
    # `last` is the newest snapshot that differs from this build: the one with the update.
    assert main(["diff", "--format", "json"]) == 0
    undone = _json(capsys)
    assert [s["id"] for s in undone["sources_removed"]] == ["marenza-post"]
    assert [c["kind"] for c in undone["figures"]] == ["changed"] and len(undone["events_removed"]) == 1


def test_no_previous_snapshot_shows_nothing_and_compare_with_a_published_file_works(quake):
    seeds, config = quake / "seeds", quake / "dossier.yml"
    first = build(seeds, config, pdf=False, snapshots=quake / "none-yet")
    assert first.changes is None and "Since the last briefing" not in first.pages["index.md"]
    (quake / "published").mkdir()
    (quake / "published" / "dossier.json").write_bytes(content_bytes(first.snapshot))
    config.write_text(config.read_text(encoding="utf-8") + "compare_with: published/dossier.json\n",
                      encoding="utf-8")
    same = build(seeds, config, pdf=False)
    assert same.changes is not None and same.changes.empty
    assert "Nothing changed: the same sources, figures" in same.pages["index.md"]
    shutil.copy(UPDATE, seeds / UPDATE.name)
    assert build(seeds, config, pdf=False).changes.count == 3
    config.write_text(config.read_text(encoding="utf-8").replace("published/", "gone/"), encoding="utf-8")
    with pytest.raises(SnapshotError, match="gone/dossier.json: no such snapshot file"):
        build(seeds, config, pdf=False)


def test_snapshot_of_a_build_is_the_site_download_byte_for_byte(quake):
    result = build(quake / "seeds", quake / "dossier.yml", pdf=False)
    path = keep(result, quake / "snaps")
    assert gzip.decompress(path.read_bytes()) == content_bytes(result.pages["downloads/dossier.json"])
    assert path.name.startswith("2026-02-10_")


@pytest.mark.parametrize("piece", [1, 7, 4096])
def test_a_snapshot_compressed_piece_by_piece_keeps_the_bytes_of_compressing_it_whole(tmp_path, monkeypatch, piece):
    """`keep_snapshot` encodes and compresses the text a piece at a time; the file is byte for
    byte what compressing the whole text at once gave (pieces cut inside multi-byte text)."""
    import io

    from dossier import write

    text = dossier_json(build_dossier(QUAKE / "seeds", QUAKE / "dossier.yml")) + "Новини “é” 🌍 " * 5000
    whole = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=whole, compresslevel=1, mtime=0) as packed:
        packed.write(text.encode("utf-8"))
    monkeypatch.setattr(write, "CHUNK", piece)
    assert b"".join(write.utf8_pieces(text)) == text.encode("utf-8")
    path = keep_snapshot(text, tmp_path, "2026-02-10")
    assert path.read_bytes() == whole.getvalue()


# ------------------------------------------------------------------ the CLI contract

@pytest.mark.parametrize("argv, message", [
    (["diff", "missing.json"], "missing.json: no such snapshot file"),
    (["diff", "--since", "2026-02-01"], "no snapshot as of 2026-02-01 or earlier in "),
    (["diff", "--since", "soon"], "--since needs a date like 2025-04-24, not 'soon'"),
    (["diff"], "no snapshot that differs from this build in "),
])
def test_diff_bad_input_exits_2_with_a_clear_message(quake, capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("dossier: error: ") and message in err and "Traceback" not in err


def test_diff_refuses_old_and_since_together(quake, capsys):
    (quake / "old.json").write_text(dossier_json(build_dossier(quake / "seeds", quake / "dossier.yml")),
                                    encoding="utf-8")
    assert main(["diff", "old.json", "--since", "2026-02-10"]) == 2
    assert "give either OLD or --since DATE, not both" in capsys.readouterr().err


def test_diff_since_a_date_and_markdown_format(quake, capsys):
    assert main(["build", "--out", "out"]) == 0
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    capsys.readouterr()
    assert main(["diff", "--since", "2026-02-10", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Since the last briefing\n")
    assert "(sources/marenza-post.md#p-" in out and "27 → 31" in out


def test_a_dossier_1_snapshot_still_compares(quake):
    """A site published before dossier/2 carries a dossier/1 download without the new keys."""
    current = dossier_json(build_dossier(quake / "seeds", quake / "dossier.yml"))
    old = parse_snapshot(as_dossier_1(current), "old")
    assert compare(old, parse_snapshot(current, "new")).empty


def test_text_and_markdown_escape_article_text(quake):
    """Article text is data: Markdown in a new event's sentence is shown, not interpreted."""
    shutil.copy(QUAKE / "dossier.yml", quake / "dossier.yml")
    old = parse_snapshot(dossier_json(build_dossier(quake / "seeds", quake / "dossier.yml")), "old")
    (quake / "seeds" / "hostile.txt").write_text(
        " date 2026-02-12 On 12 February, [a link](javascript:alert(1)) and <b>bold</b> appeared in *Port Alda*.\n",
        encoding="utf-8")
    new = parse_snapshot(dossier_json(build_dossier(quake / "seeds", quake / "dossier.yml")), "new")
    changes = compare(old, new)
    markdown = changes_markdown(changes)
    assert "\\[a link\\](javascript:alert(1))" in markdown and "&lt;b&gt;bold&lt;/b&gt;" in markdown
    assert "[a link](javascript" in changes_text(changes)  # plain text stays as written


# ------------------------------------------------------------------ the MkDocs plugin

MKDOCS_YML = """\
site_name: Marenza
docs_dir: docs
strict: true
theme:
  name: material
  font: false
plugins:
  - dossier:
      pdf: false
markdown_extensions: [tables, attr_list, md_in_html, admonition, toc, pymdownx.details, pymdownx.superfences]
"""


def _plugin(root: Path, command: str):
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["dossier"]
    plugin.on_startup(command=command, dirty=False)
    return config, plugin


def test_plugin_keeps_a_snapshot_after_build_and_gh_deploy_but_not_while_serving(quake):
    (quake / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (quake / "docs").mkdir()
    folder = quake / ".dossier" / "snapshots"
    config, plugin = _plugin(quake, "serve")
    plugin.on_config(config)
    plugin.on_post_build(config)
    assert kept_snapshots(folder) == []
    for command in ("build", "gh-deploy"):
        config, plugin = _plugin(quake, command)
        plugin.on_config(config)
        plugin.on_post_build(config)
    (kept,) = kept_snapshots(folder)  # the second build changed nothing: kept once
    assert gzip.decompress(kept.path.read_bytes()) == content_bytes(plugin.result.snapshot)


def test_a_build_lets_go_of_the_records_once_mkdocs_has_the_pages(quake):
    """`mkdocs build`: once the pages are handed to MkDocs, the plugin keeps of the dossier
    only what keeping its snapshot reads (at 10,000 articles the build's peak fell from 1,650
    to 1,492 MB); the snapshot kept is still the build's, named by its date. Under `serve`
    the records stay, for the next save."""
    from mkdocs.structure.files import Files

    (quake / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (quake / "docs").mkdir()
    config, plugin = _plugin(quake, "serve")
    plugin.on_config(config)
    config.plugins.on_files(Files([]), config=config)
    assert plugin.result.dossier.figures
    plugin.on_shutdown()
    config, plugin = _plugin(quake, "build")
    plugin.on_config(config)
    as_of, figures = plugin.result.dossier.as_of, plugin.result.dossier.figures
    files = config.plugins.on_files(Files([]), config=config)
    assert figures and plugin.result.dossier.figures == () and plugin.result.dossier.statements == ()
    assert plugin.result.dossier.as_of == as_of and files.get_file_from_path("index.md") is not None
    plugin.on_post_build(config)
    (kept,) = kept_snapshots(quake / ".dossier" / "snapshots")
    assert gzip.decompress(kept.path.read_bytes()) == content_bytes(plugin.result.snapshot)
    assert kept.path.name.startswith(as_of.iso)


@pytest.mark.slow
def test_mkdocs_build_shows_the_changes_with_working_links(quake):
    import os
    import subprocess
    import sys

    from bs4 import BeautifulSoup

    (quake / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (quake / "docs").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_SNAPSHOTS"} | {"NO_MKDOCS_2_WARNING": "1"}

    def mkdocs_build() -> BeautifulSoup:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=quake, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return BeautifulSoup((quake / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")

    assert mkdocs_build().find(id="since-the-last-briefing") is None
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    home = mkdocs_build()
    heading = home.find(id="since-the-last-briefing")
    assert heading is not None
    items = heading.find_all_next("li")
    texts = [li.get_text(" ", strip=True) for li in items[:3]]
    assert texts[0].startswith("Killed , people (Marenza): 27 → 31, Marenza Regional Administration")
    assert texts[1].startswith("New: 11 February 2026 : On 11 February, a field hospital")
    assert texts[2].startswith("New: marenza-post:")
    for li, words in zip(items[:2], ("risen to 31", "field hospital")):
        link = li.find("a", href=re.compile(r"sources/marenza-post/#p-"))
        page, anchor = link["href"].split("#")
        target = BeautifulSoup((quake / "site" / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert words in target.find(id=anchor).get_text(" ")
    assert len(kept_snapshots(quake / ".dossier" / "snapshots")) == 2


def test_items_whose_id_changed_are_matched_by_what_they_are_made_of(quake):
    """A rebuild may re-derive an id (a group's key, an event's representative wording): the
    item is then found by its figures or source sentences, and nothing is reported."""
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    (quake / "seeds" / "echo.txt").write_text(
        " date 2026-02-11 Relief flights\n\nAid agencies sent tents and blankets to Marenza.\n", encoding="utf-8")
    text = dossier_json(build_dossier(quake / "seeds", quake / "dossier.yml"))
    data = json.loads(text)
    group = next(g for g in data["groups"] if g["label"] == "Killed")
    group["id"] = "g-rederived"
    event = data["events"][-1]
    event["id"], event["text"] = "e-rederived", event["text"] + " (reworded)"
    statement = next(s for s in data["statements"] if len(s["articles"]) > 1)
    statement_id = statement["id"]
    statement["id"], statement["text"] = "s-rederived", statement["text"] + " (reworded)"
    changes = compare(parse_snapshot(text, "old"), parse_snapshot(json.dumps(data), "new"))
    assert changes.empty, changes
    # without the fallback the same edit would read as a removal and an addition
    for item in (group, event, statement):
        item["mentions" if "mentions" in item else "figures"] = []
    changes = compare(parse_snapshot(text, "old"), parse_snapshot(json.dumps(data), "new"))
    assert sorted(c.kind for c in changes.figures) == ["dropped", "new"]
    assert len(changes.events_new) == len(changes.events_removed) == 1
    assert [c.id for c in changes.takeaways_dropped] == [statement_id]


def test_plugin_keeps_snapshots_in_the_folder_named_or_none_when_turned_off(quake, monkeypatch):
    (quake / "mkdocs.yml").write_text(MKDOCS_YML.replace("pdf: false", "pdf: false\n      snapshots: briefings"),
                                      encoding="utf-8")
    (quake / "docs").mkdir()
    config, plugin = _plugin(quake, "build")
    plugin.on_config(config)
    plugin.on_post_build(config)
    assert len(kept_snapshots(quake / "briefings")) == 1 and not (quake / ".dossier" / "snapshots").exists()
    (quake / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    monkeypatch.setenv("DOSSIER_SNAPSHOTS", "0")
    config, plugin = _plugin(quake, "build")
    plugin.on_config(config)
    plugin.on_post_build(config)
    assert not (quake / ".dossier" / "snapshots").exists()


def test_a_build_lets_the_previous_snapshot_go_unless_the_process_builds_again(quake, monkeypatch):
    """The previous snapshot's view (83 MB at 10,000 articles) is needed only to compare:
    `dossier build` lets it go; `mkdocs serve` keeps it, and compares every save with it."""
    import gc

    from dossier.changes import snapshots
    from dossier.changes.view import Document

    first = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps")
    assert keep(first, quake / "snaps") is not None
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    snapshots._remembered_snapshot.cache_clear()
    reads = quake / "reads"  # by any process: the build's forked child compares too
    real = snapshots._read_snapshot

    def counted(path, *rest):
        with reads.open("a") as log:
            log.write(f"{path}\n")
        return real(path, *rest)

    monkeypatch.setattr(snapshots, "_read_snapshot", counted)
    second = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps")
    assert second.changes is not None and not second.changes.empty
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Document)]
    for _ in range(2):
        again = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps", remember=True)
        assert again.changes == second.changes
    assert len(reads.read_text().splitlines()) == 2  # the one-off build, then the first of the two that remember


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=3000), min_size=1, max_size=4))
def test_a_snapshot_is_decompressed_whole_whatever_its_gzip_members(parts):
    """Kept snapshots are decompressed into one buffer sized from the gzip trailer (the last
    member's size); a file of several members, or a last member smaller than the rest, is
    still read whole."""
    from dossier.changes.snapshots import _gunzip

    data = b"".join(gzip.compress(part, mtime=0) for part in parts)
    assert bytes(_gunzip(data)) == b"".join(parts)


def test_a_damaged_compressed_snapshot_is_named(tmp_path):
    import resource

    whole = gzip.compress(b'{"schema": "dossier/3", "articles": []}\n' * 2000)
    # the last four bytes (the size the trailer gives) are what damage leaves there: "xxxx" asks for 2 GB
    for name, damaged in (("cut.json.gz", whole[:len(whole) // 2]), ("noise.json.gz", whole[:10] + b"x" * 500)):
        (tmp_path / name).write_bytes(damaged)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with pytest.raises(SnapshotError, match=f"{name}: a damaged compressed snapshot"):
            load_snapshot(tmp_path / name)
        assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB: not the 2 GB asked


def test_a_build_hashes_its_dossier_json_once(quake, monkeypatch):
    """`changes_since` and `keep` both need the build's digest: it is computed once (as the
    document is spooled, a piece at a time)."""
    import hashlib

    from dossier import write
    from dossier.changes import snapshots

    hashes = quake / "hashes"  # by any process: the build's forked child exports

    class Counted:
        def __init__(self, data=b""):
            self.hashed, self.size = hashlib.sha256(data), len(data)

        def update(self, data):
            self.hashed.update(data)
            self.size += len(data)

        def hexdigest(self):
            with hashes.open("a") as log:
                log.write(f"{self.size}\n")
            return self.hashed.hexdigest()

    counted = type("hashlib", (), {"sha256": Counted})
    monkeypatch.setattr(snapshots, "hashlib", counted)
    monkeypatch.setattr(write, "hashlib", counted)
    first = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps")
    assert keep(first, quake / "snaps") is not None
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    hashes.unlink()
    second = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps")
    assert second.changes is not None and not second.changes.empty
    assert keep(second, quake / "snaps") is not None
    size = len(second.snapshot)  # (the kept snapshot read is not: nothing asks)
    calls = [int(line) for line in hashes.read_text().splitlines()]
    assert size in calls and calls.count(size) == 1


@pytest.mark.parametrize("chunk", [1, 3, None])
def test_a_kept_build_is_read_back_a_piece_at_a_time_as_the_whole_file_reads(quake, monkeypatch, chunk):
    """A build's snapshot keeps each piece its document was encoded in as a gzip member of its
    own: the next build reads it a member at a time (never the whole 230 MB document of 10,000
    articles at once) into the same view the whole file gives."""
    from dossier.changes import snapshots
    from dossier.export import dossier as export_dossier

    if chunk is not None:
        monkeypatch.setattr(export_dossier, "RECORD_CHUNK", chunk)
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    path = keep(build(quake / "seeds", quake / "dossier.yml", pdf=False), quake / "snaps")
    packed = path.read_bytes()
    members = list(snapshots._members(io.BytesIO(packed)))
    assert len(members) > 30 and b"".join(members) == gzip.decompress(packed)
    with monkeypatch.context() as small:  # members that end and begin inside one read of the file
        small.setattr(snapshots, "_READ", 7)
        assert list(snapshots._members(io.BytesIO(packed))) == members
    whole = parse_snapshot(gzip.decompress(packed), path.name)

    def whole_read(*args):
        raise AssertionError("read whole")

    monkeypatch.setattr(snapshots, "_document", whole_read)
    monkeypatch.setattr(snapshots, "_file", whole_read)  # (nor is the compressed file held whole)
    read = load_snapshot(path, remember=False)
    assert read.doc == whole.doc and msgspec.json.encode(read.doc) == msgspec.json.encode(whole.doc)
    assert compare(read, whole).empty
    assert max(map(len, members)) < len(gzip.decompress(packed)) / 3
    # the pieces are what the reader expects, or the file is read whole
    monkeypatch.undo()
    bad_piece = packed.replace(gzip.compress(members[1], 1, mtime=0), gzip.compress(b"[{}", 1, mtime=0), 1)
    assert bad_piece != packed and snapshots._view_of_members(io.BytesIO(bad_piece)) is None
    with pytest.raises(SnapshotError, match=re.escape(path.name)):
        parse_snapshot(gzip.decompress(bad_piece), path.name)
    whole_file = gzip.compress(gzip.decompress(packed), 1, mtime=0)
    assert snapshots._view_of_members(io.BytesIO(whole_file)) is None
    (quake / "whole.json.gz").write_bytes(whole_file)
    assert load_snapshot(quake / "whole.json.gz", remember=False).doc == whole.doc
    (quake / "cut.json.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(SnapshotError, match="cut.json.gz: a damaged compressed snapshot"):
        load_snapshot(quake / "cut.json.gz", remember=False)


def test_a_build_that_keeps_its_snapshot_has_it_compressed_while_the_pages_are_written(quake, monkeypatch):
    """`build(keep=True)` (`dossier build`, `mkdocs build`): the dossier JSON is compressed on a
    thread as soon as it is exported, so keeping the snapshot once the pages are written copies
    a file; the bytes are those of compressing it then."""
    from dossier.changes import snapshots

    after = keep(build(quake / "seeds", quake / "dossier.yml", pdf=False), quake / "after")
    result = build(quake / "seeds", quake / "dossier.yml", pdf=False, keep=True)
    assert build(quake / "seeds", quake / "dossier.yml", pdf=False).snapshot.packed() is None  # (not kept: not packed)

    def compressing(piece: bytes) -> bytes:
        raise AssertionError("compressed when kept")

    monkeypatch.setattr(snapshots, "gzip_member", compressing)
    kept = keep(result, quake / "kept")
    assert kept.read_bytes() == after.read_bytes() and kept.name[:11] == after.name[:11]
    assert load_snapshot(kept, remember=False).doc == load_snapshot(after, remember=False).doc


def test_dossier_build_names_the_snapshots_it_removes(quake, capsys):
    folder = quake / ".dossier" / "snapshots"
    assert main(["build", "--out", str(quake / "out")]) == 0
    (first,) = kept_snapshots(folder)
    # twelve older builds of one earlier briefing (the same document under older names)
    for hour in range(12):
        shutil.copy(first.path, folder / f"2026-01-01_20260101T{hour:02d}0000Z_{hour:012x}.json.gz")
    capsys.readouterr()
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    assert main(["build", "--out", str(quake / "out")]) == 0
    out = capsys.readouterr().out
    # kept: the newest 10 builds (this one, the first and eight of the twelve), and the
    # newest of each briefing date (the twelve's date already among them)
    assert "snapshots: removed 4 older (2026-01-01_20260101T000000Z_000000000000.json.gz, " in out
    assert len(kept_snapshots(folder)) == 10 and first.path.exists()


def test_the_older_side_of_a_comparison_keeps_only_the_figures_it_reads(quake):
    """Of the snapshot a build compares with, `compare` reads each group's latest figure
    alone: only those are kept (88 of the 171 MB of a 10,000-article view, held while the
    exporting child compares), whether the snapshot was kept a piece at a time or whole, and
    the changes are those of the whole snapshot."""
    from dossier.changes import export_build

    first = build(quake / "seeds", quake / "dossier.yml", snapshots=quake / "snaps")
    kept = keep(first, quake / "snaps")
    shutil.copy(UPDATE, quake / "seeds" / UPDATE.name)
    now = export_build(build_dossier(quake / "seeds", quake / "dossier.yml")).snapshot
    whole = load_snapshot(kept, remember=False)
    older = load_snapshot(kept, remember=False, older=True)
    latest = {g.latest for g in whole.doc.groups}
    assert {f.id for f in older.doc.figures} == latest and len(latest) < len(whole.doc.figures)
    assert [f for f in whole.doc.figures if f.id in latest] == older.doc.figures
    assert msgspec.structs.replace(whole.doc, figures=[]) == msgspec.structs.replace(older.doc, figures=[])
    changes = compare(older, now)
    assert changes == compare(whole, now) and changes.figures  # (the toll rose from 27 to 31)
    plain = quake / "plain.json"
    plain.write_bytes(gzip.decompress(kept.read_bytes()))
    assert load_snapshot(plain, remember=False, older=True).doc == older.doc
