"""The command line: `cwescan scan | rules | explain`.

Exit status: 0 when nothing is at or above the gate, 1 when findings are, 2 for a usage
or configuration error (argparse's own convention for usage errors).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cwescan import __version__
from cwescan.atomic import write_text_atomic
from cwescan.config import Config, ConfigError, load_config, parse_size
from cwescan.model import Confidence, Severity

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Show a progress bar only for scans long enough to need one.
_PROGRESS_MIN_FILES = 200


def _severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _confidence(text: str) -> Confidence:
    try:
        return Confidence.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _size(text: str) -> int:
    try:
        return parse_size(int(text) if text.isdigit() else text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from cwescan.report import renderers

    parser = argparse.ArgumentParser(
        prog="cwescan",
        description="Find security defects in Python code and report them against the CWE.",
    )
    parser.add_argument("--version", action="version", version=f"cwescan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = commands.add_parser("scan", help="scan files and folders")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to scan")
    scan.add_argument(
        "-f",
        "--format",
        choices=sorted(renderers()),
        default="text",
        help="output format (default: text)",
    )
    scan.add_argument("-o", "--output", type=Path, help="write the report to this file")
    scan.add_argument(
        "--severity-threshold",
        type=_severity,
        metavar="LEVEL",
        help="report only findings at or above: info, low, medium, high, critical",
    )
    scan.add_argument(
        "--confidence-threshold",
        type=_confidence,
        metavar="LEVEL",
        help="report only findings at or above: low, medium, high",
    )
    scan.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        default=[],
        help="skip paths matching this gitignore-style glob (repeatable)",
    )
    scan.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read settings from this TOML file instead of pyproject.toml",
    )
    scan.add_argument(
        "--profile",
        choices=["default", "audit"],
        help="'audit' adds low-signal hints (e.g. every subprocess import)",
    )
    scan.add_argument(
        "--skip",
        action="append",
        metavar="ID",
        default=[],
        help="skip a rule id, CWE (CWE-78) or Bandit id (B602); repeatable",
    )
    scan.add_argument(
        "--only",
        action="append",
        metavar="ID",
        default=[],
        help="run only these rule ids, CWEs or Bandit ids; repeatable",
    )
    scan.add_argument(
        "--max-file-size", type=_size, metavar="SIZE", help="skip files larger than this (e.g. 5MB)"
    )
    scan.add_argument("--no-gitignore", action="store_true", help="scan files .gitignore excludes")
    scan.add_argument("--no-taint", action="store_true", help="run the pattern rules only")
    scan.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text")

    explain = commands.add_parser("explain", help="show a rule's documentation or a CWE entry")
    explain.add_argument("identifier", metavar="RULE_ID|CWE-N")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "scan":
            return _scan(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
    except ConfigError as exc:
        print(f"cwescan: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cwescan: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE


def _scan_config(args: argparse.Namespace) -> Config:
    config = load_config(args.config, args.paths)
    return config.with_overrides(
        severity_threshold=args.severity_threshold,
        confidence_threshold=args.confidence_threshold,
        exclude=(*config.exclude, *args.exclude) if args.exclude else None,
        profile=args.profile,
        skips=(*config.skips, *args.skip) if args.skip else None,
        only=(*config.only, *args.only) if args.only else None,
        max_file_size=args.max_file_size,
        respect_gitignore=False if args.no_gitignore else None,
        taint=False if args.no_taint else None,
    )


def _scan(args: argparse.Namespace) -> int:
    from cwescan.discovery import DiscoveryError
    from cwescan.report import renderers
    from cwescan.runner import scan

    config = _scan_config(args)
    progress_bar = None
    if not args.quiet and sys.stderr.isatty():
        progress_bar = _Progress()
    try:
        result = scan(args.paths, config, progress=progress_bar.update if progress_bar else None)
    except DiscoveryError as exc:
        print(f"cwescan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if progress_bar is not None:
            progress_bar.close()
    render = renderers()[args.format]
    if args.output is not None:
        try:
            write_text_atomic(args.output, render(result, False))
        except OSError as exc:
            print(f"cwescan: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        if not args.quiet:
            print(f"cwescan: wrote {args.format} report to {args.output}", file=sys.stderr)
    else:
        colour = args.format == "text" and sys.stdout.isatty()
        sys.stdout.write(render(result, colour))
        sys.stdout.flush()
    return EXIT_FINDINGS if result.active_findings else EXIT_CLEAN


class _Progress:
    """A Rich progress bar on stderr, started only once a scan is big enough."""

    def __init__(self) -> None:
        from rich.progress import Progress, TaskID

        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < _PROGRESS_MIN_FILES:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("Scanning", total=total)
        assert self._task is not None
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _rules(args: argparse.Namespace) -> int:
    from cwescan.rules import all_rules
    from cwescan.rules.reference import render_reference

    registry = all_rules()
    if args.format == "markdown":
        sys.stdout.write(render_reference())
        return EXIT_CLEAN
    if args.format == "json":
        data = [
            {
                "id": r.id,
                "cwe": f"CWE-{r.cwe}",
                "severity": str(r.severity),
                "confidence": str(r.confidence),
                "title": r.title,
                "profile": r.profile,
                "bandit": list(r.bandit),
            }
            for r in registry
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_CLEAN
    rows = [
        (
            r.id,
            f"CWE-{r.cwe}",
            str(r.severity),
            str(r.confidence),
            r.profile,
            ",".join(r.bandit) or "-",
            r.title,
        )
        for r in registry
    ]
    header = ("ID", "CWE", "SEVERITY", "CONFIDENCE", "PROFILE", "BANDIT", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(len(widths))]
        print("  ".join([*cells, row[-1]]))
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    from cwescan.cwe.catalog import format_entry, get_catalog, parse_cwe_id
    from cwescan.rules import all_rules

    identifier = args.identifier.strip()
    registry = all_rules()
    declared = registry.get(identifier)
    if declared is None and identifier.upper().startswith("B") and identifier[1:].isdigit():
        matches = registry.by_bandit_id(identifier)
        if matches:
            print(
                f"Bandit {identifier.upper()} is covered by: {', '.join(r.id for r in matches)}\n"
            )
            declared = matches[0]
    if declared is not None:
        catalog = get_catalog()
        print(declared.doc())
        print(f"\nCWE-{declared.cwe}: {catalog.name(declared.cwe)}")
        return EXIT_CLEAN
    try:
        cwe_id = parse_cwe_id(identifier)
    except ValueError:
        print(
            f"cwescan: {identifier!r} is neither a rule id (see `cwescan rules`) nor a CWE id "
            "such as CWE-89",
            file=sys.stderr,
        )
        return EXIT_USAGE
    catalog = get_catalog()
    entry = catalog.get(cwe_id)
    if entry is None:
        print(f"cwescan: CWE-{cwe_id} is not in the CWE catalog {catalog.version}", file=sys.stderr)
        return EXIT_USAGE
    print(format_entry(entry, catalog))
    rules_for_cwe = [r.id for r in registry if r.cwe == cwe_id]
    if rules_for_cwe:
        print(f"\ncwescan rules for CWE-{cwe_id}: {', '.join(rules_for_cwe)}")
    return EXIT_CLEAN
