"""What changed since the last briefing: snapshots of each build, their comparison, and the
reports of it (`dossier diff`, the home page's "Since the last briefing" section).

    previous = previous_snapshot(curation.compare_with, folder, base, current=digest(text))
    changes = compare(previous, parse_snapshot(text, "this build"))
"""

from dossier.changes.compare import Changes, compare
from dossier.changes.snapshots import (
    DEFAULT_FOLDER,
    Snapshot,
    SnapshotError,
    digest,
    keep_snapshot,
    kept_snapshots,
    load_snapshot,
    parse_snapshot,
    previous_snapshot,
)

__all__ = [
    "DEFAULT_FOLDER", "Changes", "Snapshot", "SnapshotError", "compare", "digest",
    "keep_snapshot", "kept_snapshots", "load_snapshot", "parse_snapshot",
    "previous_snapshot",
]
