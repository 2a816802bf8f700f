"""Speed of `dossier diff` on two snapshots of a large dossier.

Building a 1,000-article dossier takes minutes (benchmarks/pipeline.py), so the snapshots are
made synthetically: the default dossier's real JSON (5 articles, built once) is replicated N/5
times under new ids (articles, figures, groups, statements, quotes, events), which keeps the
real shapes and sizes. The newer snapshot then drops 5% of the articles, adds 5% new ones,
raises the latest value of 10% of the figure groups and rewords 5% of the statements (their
ids change, so they are matched by their source sentences). Prints the file sizes, the time
to read both files, to compare, to write the three formats, and the whole `dossier diff OLD
NEW` command (a new process: start-up and imports included), in wall-clock and CPU seconds (on
a shared machine the wall clock includes waiting for a core).

Usage: python benchmarks/diff.py [N ...] (default 1000).
"""

from __future__ import annotations

import copy
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.changes import compare, load_snapshot  # noqa: E402
from dossier.changes.report import changes_json, changes_markdown, changes_text  # noqa: E402
from dossier.export.dossier import dossier_json  # noqa: E402
from dossier.pipeline import build_dossier  # noqa: E402


def _renamed(base: dict, copy_index: int) -> dict:
    """The base dossier's items under ids of copy `copy_index` (articles, and what cites them)."""
    tag = f"c{copy_index:04d}"
    data = copy.deepcopy(base)

    def article(aid: str) -> str:
        return f"{tag}-{aid}"

    def sources(item: dict) -> None:
        for mention in item.get("mentions", []):
            mention["source"]["article"] = article(mention["source"]["article"])

    for a in data["articles"]:
        a["id"], a["content_hash"] = article(a["id"]), f"{tag}{a['content_hash']}"
    for f in data["figures"]:
        f["id"] = f"{tag}-{f['id']}"
        f["source"]["article"] = article(f["source"]["article"])
    for g in data["groups"]:
        g["id"] = f"{tag}-{g['id']}"
        g["figures"] = [f"{tag}-{i}" for i in g["figures"]]
        g["latest"] = f"{tag}-{g['latest']}"
    for kind in ("statements", "quotes", "events", "entities"):
        for item in data[kind]:
            item["id"] = f"{tag}-{item['id']}"
            sources(item)
    return data


def make_snapshots(folder: Path, count: int) -> tuple[Path, Path]:
    base = json.loads(dossier_json(build_dossier(ROOT / "seeds", ROOT / "dossier.yml")))
    per_copy = len(base["articles"])
    copies = [_renamed(base, i) for i in range(count // per_copy + count // per_copy // 20 + 1)]
    old_copies = copies[: count // per_copy]
    kinds = ("articles", "figures", "groups", "statements", "quotes", "events", "entities")

    def merged(parts: list[dict]) -> dict:
        data = {k: v for k, v in base.items() if k not in kinds}
        for kind in kinds:
            data[kind] = [item for part in parts for item in part[kind]]
        return data

    old = merged(old_copies)
    drop = len(old_copies) // 20
    new = merged(copy.deepcopy(old_copies[drop:]) + copies[len(old_copies):])
    figures = {f["id"]: f for f in new["figures"]}
    for index, group in enumerate(new["groups"]):
        if index % 10 == 0:
            latest = figures[group["latest"]]
            latest["value"] += 6
            latest["display"] = f"{latest['value']:g}"
            group["high"] = max(group["high"], latest["value"])
    for index, statement in enumerate(new["statements"]):
        if index % 20 == 0:
            statement["id"] = statement["id"] + "-reworded"
            statement["text"] = statement["text"] + " (updated)"
    new["as_of"] = "2025-04-25"
    paths = folder / "old.json", folder / "new.json"
    for path, data in zip(paths, (old, new)):
        path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = make_snapshots(Path(tmp), count)
        sizes = [p.stat().st_size / 1e6 for p in (old_path, new_path)]
        started = time.process_time()
        old, new = load_snapshot(old_path), load_snapshot(new_path)
        read = time.process_time() - started
        started = time.process_time()
        changes = compare(old, new)
        compared = time.process_time() - started
        started = time.process_time()
        changes_text(changes), changes_json(changes), changes_markdown(changes)
        written = time.process_time() - started
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dossier", "diff", str(old_path), str(new_path)],
                       check=True, capture_output=True, cwd=ROOT)
        command = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"{len(old.doc.articles):6d} -> {len(new.doc.articles):6d} articles "
        f"({sizes[0]:.1f} + {sizes[1]:.1f} MB, {len(new.doc.statements)} statements, "
        f"{len(new.doc.groups)} groups): CPU read {read:.2f} s, compare {compared:.2f} s, "
        f"text+json+markdown {written:.2f} s; `dossier diff OLD NEW` {command:.2f} s wall, {cpu:.2f} s CPU; "
        f"{changes.count} changes"
    )


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1000]:
        run(n)
