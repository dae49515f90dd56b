"""Command line: ``python scripts/build_corpus [--check] [--only NAME] [--corpus DIR]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import DEFAULT_CORPUS, Report, build
from .metadata import CorpusError

DESCRIPTION = "Render the generated documents of the bundled corpus and keep its metadata in step."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_corpus", description=DESCRIPTION)
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is out of date")
    parser.add_argument("--only", action="append", metavar="NAME", help="build only this source")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder")
    parser.add_argument("--no-verify", action="store_true", help="skip the pypdf round-trip")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    return parser


def _check_status(report: Report) -> int:
    for item in report.stale:
        print(f"out of date: {item}", file=sys.stderr)
    if report.errors or report.stale:
        return 1
    print(f"{len(report.built)} generated documents up to date")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build (or the check); return the exit status (0 ok, 1 out of date, 2 errors)."""
    args = _parser().parse_args(argv)

    def log(message: str) -> None:
        if not args.quiet or not message.endswith(": ok"):
            print(message)

    try:
        report = build(
            args.corpus,
            only=args.only,
            check=args.check,
            verify=not (args.no_verify or args.check),
            log=log,
        )
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if args.check:
        return _check_status(report)
    problems = report.problems
    print(f"built {len(report.built)} documents, {len(problems)} problem(s)")
    return 2 if problems else 0
