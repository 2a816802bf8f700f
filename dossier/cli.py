"""The command line: `dossier build|check|figures|export|pdf`. Only here do errors become
exit codes (0 ok, 1 findings for `check --strict`, 2 bad input)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dossier.errors import DossierError
from dossier.pipeline import build, build_dossier
from dossier.progress import Progress
from dossier.write import write_pages

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DossierError as exc:
        print(f"dossier: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _report_files(dossier) -> None:
    """Files that were skipped or read with a problem (empty, binary, wrong encoding...)."""
    for notice in dossier.notices:
        if any(word in notice.message for word in ("skipped", "not valid UTF-8", "no usable")):
            print(f"note: {notice}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress.for_terminal()
    result = build(args.seeds, args.config, progress=progress)
    with progress.stage("write"):
        changed = write_pages(result.pages, args.out)
    print(f"{len(result.pages)} files in {args.out}/ ({len(changed)} changed)")
    for notice in result.curation.warnings:
        print(f"warning: {notice}", file=sys.stderr)
    _report_files(result.dossier)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dossier.review import review_lines

    dossier = build_dossier(args.seeds, args.config, Progress.for_terminal())
    lines = review_lines(dossier)
    sys.stdout.write("".join(line + "\n" for line in lines))
    findings = any(not line.startswith(("#", " ")) and line for line in lines)
    return EXIT_FINDINGS if args.strict and findings else EXIT_OK


def cmd_figures(args: argparse.Namespace) -> int:
    from dossier.export.figures import figures_csv, figures_json

    dossier = build_dossier(args.seeds, args.config)
    render = figures_json if args.format == "json" else figures_csv
    sys.stdout.write(render(dossier.figures, dossier.groups))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from dossier.export.dossier import dossier_json

    sys.stdout.write(dossier_json(build_dossier(args.seeds, args.config)))
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    from dossier.pdf import build_pdf

    started = time.perf_counter()
    progress = Progress.for_terminal()
    result = build(args.seeds, args.config, progress=progress)
    with progress.stage("pdf", "typesetting"):
        report = build_pdf(result.dossier, result.pages, args.out,
                           docs_dir=Path("docs") if Path("docs").is_dir() else None,
                           annexes=args.annex)
    _report_files(result.dossier)
    print(f"{args.out}: {report.pages} pages in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from dossier.new import new_dossier

    title = args.title or args.folder.resolve().name.replace("-", " ").replace("_", " ").capitalize()
    created = new_dossier(args.folder, title)
    print(f"created {', '.join(created.files)} in {args.folder}/")
    print(f"next: put articles in {args.folder}/seeds/, then `cd {args.folder} && mkdocs serve`")
    return EXIT_OK


COMMANDS = {
    "new": cmd_new,
    "build": cmd_build,
    "check": cmd_check,
    "figures": cmd_figures,
    "export": cmd_export,
    "pdf": cmd_pdf,
}
