"""What changed since the last briefing: snapshots of each build, their comparison, and the
reports of it (`dossier diff`, the home page's "Since the last briefing" section).

    exported = export_build(dossier)  # this build's dossier JSON, digest and snapshot
    previous = previous_snapshot(curation.compare_with, folder, base, current=exported.digest)
    changes = compare(previous, exported.snapshot)
"""

from dossier.changes.compare import Changes, compare
from dossier.changes.snapshots import (
    DEFAULT_FOLDER,
    Export,
    Snapshot,
    SnapshotError,
    digest,
    export_build,
    keep_snapshot,
    kept_snapshots,
    load_snapshot,
    parse_snapshot,
    prepare_export,
    previous_snapshot,
)

__all__ = [
    "DEFAULT_FOLDER", "Changes", "Export", "Snapshot", "SnapshotError", "compare", "digest",
    "export_build", "keep_snapshot", "kept_snapshots", "load_snapshot", "parse_snapshot",
    "prepare_export", "previous_snapshot",
]
