"""The command line: `dossier build|check|figures|export|pdf`. Only here do errors become
exit codes (0 ok, 1 findings for `check --strict`, 2 bad input)."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from dossier.errors import DossierError
from dossier.pipeline import build, build_dossier
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

    p = commands.add_parser("pdf", help="write the briefing PDF")
    _common(p)
    p.add_argument("--out", type=Path, default=Path("site/briefing.pdf"),
                   help="PDF file to write (default: site/briefing.pdf)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a seed file was skipped")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DossierError as exc:
        print(f"dossier: error: {terminal_safe(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT


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
    result = build(args.seeds, args.config)
    changed = write_pages(result.pages, args.out, protect=(args.seeds, args.config))
    print(f"{len(result.pages)} files in {terminal_safe(str(args.out))}/ ({len(changed)} changed)")
    for notice in result.curation.warnings:
        print(f"warning: {terminal_safe(str(notice))}", file=sys.stderr)
    skipped = _report_skips(result.dossier.notices)
    return EXIT_FINDINGS if args.strict and skipped else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from dossier.review import review_lines

    dossier = build_dossier(args.seeds, args.config)
    lines = review_lines(dossier)
    sys.stdout.write("".join(terminal_safe(line) + "\n" for line in lines))
    findings = any(not line.startswith(("#", " ")) and line for line in lines)
    skipped = _report_skips(dossier.notices)
    return EXIT_FINDINGS if args.strict and (findings or skipped) else EXIT_OK


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
    result = build(args.seeds, args.config)
    report = build_pdf(result.dossier, result.pages, args.out,
                       docs_dir=Path("docs") if Path("docs").is_dir() else None)
    print(f"{args.out}: {report.pages} pages in {time.perf_counter() - started:.1f} s")
    skipped = _report_skips(result.dossier.notices)
    return EXIT_FINDINGS if args.strict and skipped else EXIT_OK


COMMANDS = {
    "build": cmd_build,
    "check": cmd_check,
    "figures": cmd_figures,
    "export": cmd_export,
    "pdf": cmd_pdf,
}
