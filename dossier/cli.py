"""The command line: `dossier build|check|figures|export|pdf|diff`. Only here do errors become
exit codes (0 ok, 1 findings for `check --strict` or changes for `diff --exit-code`, 2 bad input)."""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.errors import DossierError
from dossier.progress import Progress

if TYPE_CHECKING:
    from dossier.stamp import BuildInputs

# The pipeline is imported by the commands that run it: `dossier diff OLD NEW` only reads two
# files, and importing the analysis stack (datasketch, scipy) costs it a second.

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of articles (default: seeds)")
    parser.add_argument("--config", type=Path, default=Path("dossier.yml"),
                        help="curation file (default: dossier.yml)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dossier", description="Turn a folder of news articles into a sourced briefing."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("build", help="write the generated Markdown pages and data files")
    _common(p)
    p.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out)")
    _snapshot_options(p)
    p.add_argument("--no-snapshot", action="store_true", help="do not keep a snapshot of this build")
    p.add_argument("--strict", action="store_true", help="exit 1 when a seed file was skipped")

    p = commands.add_parser("check", help="list what the machine was unsure of")
    _common(p)
    p.add_argument("--strict", action="store_true", help="exit 1 when there is anything to review")

    p = commands.add_parser("figures", help="print every extracted figure")
    _common(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")

    p = commands.add_parser("export", help="print the whole assembled dossier")
    _common(p)
    p.add_argument("--format", choices=("json",), default="json")

    p = commands.add_parser("new", help="create a new dossier folder (seeds/, dossier.yml, mkdocs.yml)")
    p.add_argument("folder", type=Path, help="the folder to create (it may exist, without those files)")
    p.add_argument("--title", default=None, help="the briefing's title (default: from the folder name)")

    p = commands.add_parser("pdf", help="write the briefing PDF")
    _common(p)
    p.add_argument("--out", type=Path, default=Path("site/briefing.pdf"),
                   help="PDF file to write (default: site/briefing.pdf)")
    p.add_argument("--annex", action="append", choices=("sources",), default=[],
                   help="also print each source's full text and the methodology with its review lists")
    p.add_argument("--strict", action="store_true", help="exit 1 when a seed file was skipped")
    _snapshot_options(p)

    _diff_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DossierError as exc:
        print(f"dossier: error: {terminal_safe(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT


def run() -> int:
    """The `dossier` command (and `python -m dossier`): `main`, for a process that ends with it.

    What a build made (hundreds of thousands of records at 1,000 articles) is still alive when
    the command returns, and as Python exits, its collector scans every one of them for
    cycles: 0.13 s of a 2.3 s rebuild after one changed article at 1,000 articles (0.03 s so).
    They are set aside first (`gc.freeze`): freed as before, only not scanned."""
    code = main()
    gc.freeze()
    return code


def _report_skips(notices) -> bool:
    """Name every file that was not used, on stderr; whether there was any."""
    skips = [n for n in notices if n.skipped]
    for notice in skips:
        print(f"warning: {terminal_safe(str(notice))}", file=sys.stderr)
    return bool(skips)


def terminal_safe(text: str) -> str:
    """Text from articles as a terminal may show it: escape sequences and other control
    characters (not tabs) are replaced by their visible `\\x..` form."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cmd_build(args: argparse.Namespace) -> int:
    from dossier.cache import cache_dir_for
    from dossier.changes.snapshots import snapshot_folder
    from dossier.curation import load_curation
    from dossier.stamp import BuildInputs, load_stamp, up_to_date

    folder = snapshot_folder(args.snapshots, args.config)
    curation = load_curation(args.config)
    inputs = BuildInputs.read(args.seeds, args.config, curation, args.out, folder,
                              keeps=folder if not args.no_snapshot else None)
    stamp = load_stamp(cache_dir_for(args.config))
    if up_to_date(stamp, inputs):
        # nothing it is made from has changed: the same pages are written already
        print(f"{stamp.files} files in {terminal_safe(str(args.out))}/ (0 changed: nothing it is built from "
              f"has changed since the last build)")
        for line in stamp.summary:
            print(line)
        warnings, skipped = stamp.warnings, stamp.skipped
    else:
        warnings, skipped = _build_and_write(args, inputs)
    for warning in warnings:
        print(f"warning: {terminal_safe(warning)}", file=sys.stderr)
    return EXIT_FINDINGS if args.strict and skipped else EXIT_OK


def _build_and_write(args: argparse.Namespace, inputs: BuildInputs) -> tuple[list[str], bool]:
    """`dossier build` in full: build, write, keep a snapshot (`inputs.keeps`), print what
    was done and stamp it (`dossier.stamp`); the warnings to give and whether a seed file
    was skipped."""
    from dossier.cache import cache_dir_for, paused_gc
    from dossier.changes.snapshots import KEEP_BUILDS, KEEP_DATES, compared_path
    from dossier.pipeline import build, keep_and_prune
    from dossier.stamp import Stamp, save_stamp
    from dossier.write import let_go_of_spooled, write_pages

    progress = Progress.for_terminal()
    summary = []  # what the next build prints if nothing changes
    keeps, compare_with = inputs.keeps, inputs.curation.compare_with
    with paused_gc(set_aside=True):  # the build's records stay alive until the process ends
        result = build(args.seeds, args.config, snapshots=inputs.snapshots, progress=progress,
                       listing=inputs.release_listing(), keep=keeps is not None)
        with progress.stage("write"):
            changed = write_pages(result.pages, args.out, protect=(args.seeds, args.config))
        print(f"{len(result.pages)} files in {terminal_safe(str(args.out))}/ ({len(changed)} changed)")
        if result.changes is not None:
            summary.append(f"since {result.changes.old.label}: {result.changes.count} changes (dossier diff lists them)")
            print(summary[-1])
        compared = compared_path(compare_with, inputs.snapshots, args.config.parent, result.snapshot_digest)
        if keeps is not None:
            with progress.stage("snapshot"):
                kept, removed = keep_and_prune(result, keeps)
            summary.append(f"snapshot: unchanged (already kept in {keeps}/)")
            print(f"snapshot: {kept}" if kept else summary[-1])
            if removed:
                print(f"snapshots: removed {len(removed)} older ({', '.join(terminal_safe(p.name) for p in removed)}); "
                      f"kept the newest {KEEP_BUILDS} and the newest of each of the {KEEP_DATES} latest briefing dates")
    warnings = [str(notice) for notice in result.curation.warnings]
    warnings += [str(notice) for notice in result.dossier.notices if notice.skipped]
    skipped = any(notice.skipped for notice in result.dossier.notices)
    let_go_of_spooled(result.pages)  # (the downloads are the output's now: see its docstring)
    # The snapshot just kept is one the next build reads (to find the one to compare with):
    # its pages are these only if it compares with the same snapshot as this one did.
    if compared_path(compare_with, inputs.snapshots, args.config.parent, result.snapshot_digest) == compared:
        save_stamp(cache_dir_for(args.config), Stamp.of(inputs, summary, len(result.pages), warnings, skipped))
    return warnings, skipped


def cmd_check(args: argparse.Namespace) -> int:
    from dossier.pipeline import build_dossier
    from dossier.review import review_lines

    dossier = build_dossier(args.seeds, args.config, Progress.for_terminal())
    lines = review_lines(dossier)
    sys.stdout.write("".join(terminal_safe(line) + "\n" for line in lines))
    findings = any(not line.startswith(("#", " ")) and line for line in lines)
    skipped = _report_skips(dossier.notices)
    return EXIT_FINDINGS if args.strict and (findings or skipped) else EXIT_OK


def cmd_figures(args: argparse.Namespace) -> int:
    from dossier.export.figures import figures_csv, figures_json
    from dossier.pipeline import build_dossier

    dossier = build_dossier(args.seeds, args.config)
    render = figures_json if args.format == "json" else figures_csv
    sys.stdout.write(render(dossier.figures, dossier.groups))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from dossier.export.dossier import dossier_json
    from dossier.pipeline import build_dossier

    sys.stdout.write(dossier_json(build_dossier(args.seeds, args.config)))
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    from dossier.pdf import build_pdf

    from dossier.pipeline import build, snapshot_folder

    started = time.perf_counter()
    progress = Progress.for_terminal()
    # the briefing and its bounded annexes are rendered for print: the site's pages are needed
    # only to print every source's text (`--annex sources`)
    result = build(args.seeds, args.config, snapshots=snapshot_folder(args.snapshots, args.config),
                   progress=progress, site="sources" in args.annex)
    gc.freeze()  # the dossier stays alive while WeasyPrint works: not scanned by its collections
    with progress.stage("pdf", "typesetting"):
        report = build_pdf(result.dossier, result.pages, args.out,
                           docs_dir=Path("docs") if Path("docs").is_dir() else None,
                           annexes=args.annex, changes=result.changes)
    print(f"{args.out}: {report.pages} pages in {time.perf_counter() - started:.1f} s")
    skipped = _report_skips(result.dossier.notices)
    return EXIT_FINDINGS if args.strict and skipped else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from dossier.new import new_dossier

    title = args.title or args.folder.resolve().name.replace("-", " ").replace("_", " ").capitalize()
    created = new_dossier(args.folder, title)
    print(f"created {', '.join(created.files)} in {args.folder}/")
    print(f"next: put articles in {args.folder}/seeds/, then `cd {args.folder} && mkdocs serve`")
    return EXIT_OK


# ---------------------------------------------------------------- dossier diff

def _snapshot_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--snapshots", type=Path, default=None, metavar="DIR",
                        help="folder of kept snapshots (default: .dossier/snapshots beside the "
                             "curation file, or $DOSSIER_SNAPSHOTS)")


def _diff_parser(commands) -> None:
    p = commands.add_parser(
        "diff", help="what changed between two briefings (snapshots, or the current build)",
        description="Compare two dossier snapshots (kept by each build, or a site's "
                    "downloads/dossier.json). NEW defaults to the current build; without OLD or "
                    "--since, OLD is what the curation's compare_with names (default: the last "
                    "kept snapshot that differs from NEW).",
    )
    _common(p)
    p.add_argument("old", nargs="?", type=Path, metavar="OLD", help="the earlier snapshot file")
    p.add_argument("new", nargs="?", type=Path, metavar="NEW",
                   help="the later snapshot file (default: build the dossier now)")
    p.add_argument("--since", metavar="DATE",
                   help="compare with the newest kept snapshot of a briefing as of DATE or earlier")
    _snapshot_options(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when something changed")


def cmd_diff(args: argparse.Namespace) -> int:
    from dossier.changes import SnapshotError, compare, load_snapshot
    from dossier.changes.report import changes_json, changes_markdown, changes_text

    if args.old is not None and args.since is not None:
        raise SnapshotError("give either OLD or --since DATE, not both")
    compare_with = None  # when NEW is a file, OLD is named, or --since or `last` chooses it
    if args.new is not None:
        new = load_snapshot(args.new)
    else:
        from dossier.changes import export_build
        from dossier.curation import load_curation
        from dossier.pipeline import build_dossier

        compare_with = load_curation(args.config).compare_with
        new = export_build(build_dossier(args.seeds, args.config)).snapshot
    if args.old is not None:
        old = load_snapshot(args.old, older=True)
    else:
        from dossier.changes import previous_snapshot
        from dossier.changes.snapshots import snapshot_folder
        from dossier.curation.model import CompareWith
        from dossier.curation.schema import parse_compare_with

        compare_with = compare_with or CompareWith("last")
        choice = parse_compare_with(args.since) if args.since is not None else compare_with
        if choice is None or choice.kind != "date" and args.since is not None:
            raise SnapshotError(f"--since needs a date like 2025-04-24, not '{args.since}'")
        if choice.kind == "none":
            raise SnapshotError(f"{args.config}: compare_with is none; name a snapshot (dossier diff OLD) "
                                "or a date (--since DATE)")
        folder = snapshot_folder(args.snapshots, args.config)
        previous = previous_snapshot(choice, folder, args.config.parent, current=new.digest)
        if previous is None:
            where = f"in {folder}/" if folder is not None else "(kept snapshots are off: DOSSIER_SNAPSHOTS=0)"
            what = f"as of {args.since} or earlier" if args.since else "that differs from this build"
            raise SnapshotError(f"no snapshot {what} {where}; build the dossier to keep one, or name a "
                                "snapshot file (dossier diff OLD [NEW])")
        old = previous
    changes = compare(old, new)
    render = {"text": changes_text, "markdown": changes_markdown, "json": changes_json}[args.format]
    sys.stdout.write(render(changes))
    return EXIT_FINDINGS if args.exit_code and not changes.empty else EXIT_OK


COMMANDS = {
    "new": cmd_new,
    "build": cmd_build,
    "check": cmd_check,
    "figures": cmd_figures,
    "export": cmd_export,
    "pdf": cmd_pdf,
    "diff": cmd_diff,
}
