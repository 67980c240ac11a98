"""The command line: `cwescan scan | rules | explain`.

Exit status: 0 when nothing is at or above the gate, 1 when findings are, 2 for a usage
or configuration error (argparse's own convention for usage errors).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cwescan import __version__
from cwescan.atomic import write_text_atomic
from cwescan.cache import AnalysisCache, default_cache_dir
from cwescan.config import Config, ConfigError, load_config, parse_fail_on, parse_size
from cwescan.model import Confidence, ScanResult, Severity

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


def _add_selection_options(parser: argparse.ArgumentParser) -> None:
    """Options choosing what is scanned and with which rules (shared by scan and baseline)."""
    parser.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        default=[],
        help="skip paths matching this gitignore-style glob (repeatable)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read settings from this TOML file instead of pyproject.toml",
    )
    parser.add_argument(
        "--profile",
        choices=["default", "audit"],
        help="'audit' adds low-signal hints (e.g. every subprocess import)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        metavar="ID",
        default=[],
        help="skip a rule id, CWE (CWE-78) or Bandit id (B602); repeatable",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="ID",
        default=[],
        help="run only these rule ids, CWEs or Bandit ids; repeatable",
    )
    parser.add_argument(
        "--max-file-size", type=_size, metavar="SIZE", help="skip files larger than this (e.g. 5MB)"
    )
    parser.add_argument(
        "--no-gitignore", action="store_true", help="scan files .gitignore excludes"
    )
    parser.add_argument("--no-taint", action="store_true", help="run the pattern rules only")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_execution_options(parser)


def _jobs(text: str) -> int:
    from cwescan.config import parse_jobs

    try:
        return parse_jobs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _budget(text: str) -> float:
    from cwescan.config import parse_budget

    try:
        return parse_budget(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_execution_options(parser: argparse.ArgumentParser) -> None:
    """Options for how the analysis runs (never what it finds)."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="worker processes (default: one per core; 1 = no workers)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep the analysis cache here (default: the user cache folder, "
        "e.g. ~/.cache/cwescan)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="analyse every file again; store nothing"
    )
    parser.add_argument(
        "--cache-max-size",
        type=_size,
        metavar="SIZE",
        help="evict the least recently used cache entries beyond this size (default: 1GiB)",
    )
    parser.add_argument(
        "--file-budget",
        type=_budget,
        metavar="SECONDS",
        help="stop analysing a file after this long and report it as incomplete "
        "(default: 120; 0 = no limit)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="hand the files to this Dask distributed scheduler "
        "(pip install 'cwescan[distributed]')",
    )


def _fail_on(text: str) -> str:
    try:
        return parse_fail_on(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return int(text)


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
    _add_selection_options(scan)
    scan.add_argument(
        "--fail-on",
        type=_fail_on,
        metavar="LEVEL",
        help="exit 1 only for findings at or above this severity; 'never' for report-only "
        "runs (default: any reported finding)",
    )
    scan.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="report only findings not recorded in this baseline (see `cwescan baseline create`)",
    )
    scan.add_argument(
        "--diff",
        metavar="REF",
        help="report only findings on lines changed since this git ref (e.g. origin/main)",
    )
    scan.add_argument(
        "--max-details",
        type=_count,
        metavar="N",
        help="markdown/html: full entries for the N most severe findings only, with a note",
    )
    scan.add_argument(
        "--require-reason",
        action="store_true",
        help="suppression comments without `-- reason` do not apply",
    )
    scan.add_argument(
        "--warn-unused-ignores",
        action="store_true",
        help="note suppression comments that silence nothing (as observations)",
    )

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    rules.add_argument(
        "--observations",
        action="store_true",
        help="list the general-observation kinds instead of the rules",
    )

    baseline = commands.add_parser("baseline", help="record current findings as a baseline")
    baseline_commands = baseline.add_subparsers(dest="baseline_command", metavar="ACTION")
    create = baseline_commands.add_parser(
        "create", help="scan and write every current finding to a baseline file"
    )
    create.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to scan")
    create.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="baseline file to write"
    )
    _add_selection_options(create)

    many = commands.add_parser(
        "scan-many",
        help="scan many repositories (one path per line in a list file), e.g. on a Dask cluster",
    )
    many.add_argument(
        "repos", type=Path, metavar="REPOS_FILE", help="file listing one repository path per line"
    )
    many.add_argument(
        "-f",
        "--format",
        choices=sorted(renderers()),
        default="json",
        help="format of each repository's report (default: json)",
    )
    many.add_argument(
        "-o",
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="write one report per repository into this folder",
    )
    _add_selection_options(many)

    cache = commands.add_parser("cache", help="show, prune or clear the analysis cache")
    cache_commands = cache.add_subparsers(dest="cache_command", metavar="ACTION")
    for action, text in (
        ("info", "where the cache is, how many entries and how much disk it takes"),
        ("prune", "evict the least recently used entries down to the size cap, and shrink "
         "the file"),
        ("clear", "delete every entry"),
    ):
        command = cache_commands.add_parser(action, help=text)
        command.add_argument(
            "--cache-dir", metavar="DIR", help="the cache folder (default: as `scan` uses)"
        )
        command.add_argument(
            "--config", type=Path, metavar="FILE", help="read cache settings from this TOML file"
        )
        if action == "prune":
            command.add_argument(
                "--max-size",
                type=_size,
                metavar="SIZE",
                help="prune down to this size (default: cache-max-size, 1GiB)",
            )

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
        status = _run_command(args, parser)
        sys.stdout.flush()  # a reader that left shows here, not in Python's exit
        return status
    except ConfigError as exc:
        print(f"cwescan: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cwescan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`cwescan rules | head`): stop quietly, and keep Python's
        # final flush of stdout from failing again on the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader left


def _run_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command == "scan":
        return _scan(args)
    if args.command == "rules":
        return _rules(args)
    if args.command == "explain":
        return _explain(args)
    if args.command == "baseline":
        return _baseline(args, parser)
    if args.command == "scan-many":
        return _scan_many(args)
    if args.command == "cache":
        return _cache(args, parser)
    return EXIT_USAGE


def _cache(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`cwescan cache info|prune|clear`: the cache a scan from here would use."""
    import sqlite3

    if args.cache_command is None:
        parser.parse_args(["cache", "--help"])
        return EXIT_USAGE
    config = load_config(args.config, []).with_overrides(cache_dir=args.cache_dir)
    user_folder = default_cache_dir()
    folder = Path(config.cache_dir).expanduser() if config.cache_dir else user_folder
    if not (folder / "entries.sqlite").is_file():
        print(f"cwescan: no cache in {folder}")
        return EXIT_CLEAN
    try:
        cache = AnalysisCache(folder, "", key_folder=user_folder, max_size=config.cache_max_size)
    except OSError as exc:
        print(f"cwescan: cannot open the cache in {folder}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.cache_command == "clear":
            count = cache.clear()
            entries = "entry" if count == 1 else "entries"
            print(f"cwescan: deleted {count:,} cache {entries} in {folder}")
        elif args.cache_command == "prune":
            cap = args.max_size or config.cache_max_size
            before = cache.usage()
            removed, _ = cache.prune(cap)
            cache.vacuum()
            after = cache.usage()
            print(
                f"cwescan: evicted {removed:,} of {before.entries:,} entries in {folder}; "
                f"the file went from {_size_text(before.file_bytes)} to "
                f"{_size_text(after.file_bytes)} (cap {_size_text(cap)})"
            )
        else:
            _print_usage(cache)
    except (sqlite3.Error, OSError) as exc:
        print(f"cwescan: cannot use the cache in {folder}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        cache.close()
    return EXIT_CLEAN


def _size_text(size: int) -> str:
    if size >= 1 << 30:
        return f"{size / (1 << 30):,.1f} GiB"
    return f"{size / (1 << 20):,.1f} MiB"


def _print_usage(cache: AnalysisCache) -> None:
    import datetime

    usage = cache.usage()
    oldest = (
        datetime.datetime.fromtimestamp(usage.oldest_use, datetime.timezone.utc).strftime(
            "%Y-%m-%d %H:%M UTC"
        )
        if usage.oldest_use is not None
        else "-"
    )
    print(f"cache folder:   {usage.folder}")
    print(f"entries:        {usage.entries:,}")
    print(f"in use:         {_size_text(usage.live_bytes)} (file: {_size_text(usage.file_bytes)})")
    print(f"size cap:       {_size_text(usage.max_bytes)} (cache-max-size)")
    print(f"least recently used entry: {oldest}")


def _scan_config(args: argparse.Namespace) -> Config:
    config = load_config(args.config, args.paths)
    return config.with_overrides(
        severity_threshold=getattr(args, "severity_threshold", None),
        confidence_threshold=getattr(args, "confidence_threshold", None),
        exclude=(*config.exclude, *args.exclude) if args.exclude else None,
        profile=args.profile,
        skips=(*config.skips, *args.skip) if args.skip else None,
        only=(*config.only, *args.only) if args.only else None,
        max_file_size=args.max_file_size,
        respect_gitignore=False if args.no_gitignore else None,
        taint=False if args.no_taint else None,
        fail_on=getattr(args, "fail_on", None),
        require_reason=True if getattr(args, "require_reason", False) else None,
        warn_unused_ignores=True if getattr(args, "warn_unused_ignores", False) else None,
        jobs=args.jobs,
        cache=False if args.no_cache else None,
        cache_dir=args.cache_dir,
        cache_max_size=args.cache_max_size,
        scheduler=args.scheduler,
        file_budget=args.file_budget,
    )


def _scan(args: argparse.Namespace) -> int:
    from cwescan.baseline import BaselineError, apply_baseline, load_baseline
    from cwescan.discovery import DiscoveryError
    from cwescan.gitdiff import DiffError, changed_lines, restrict_to_diff
    from cwescan.parallel import SchedulerError
    from cwescan.report import DETAIL_CAPPED_FORMATS, renderers
    from cwescan.runner import fails_gate, scan

    config = _scan_config(args)
    # read the baseline and ask git before scanning, so a typo fails in a second
    try:
        known = load_baseline(args.baseline) if args.baseline is not None else None
        changes = changed_lines(args.diff, Path(args.paths[0])) if args.diff else None
    except (BaselineError, DiffError) as exc:
        print(f"cwescan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    progress_bar = None
    if not args.quiet and sys.stderr.isatty():
        progress_bar = _Progress()
    try:
        result = scan(args.paths, config, progress=progress_bar.update if progress_bar else None)
    except (DiscoveryError, SchedulerError) as exc:
        print(f"cwescan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if progress_bar is not None:
            progress_bar.close()
    if known is not None:
        apply_baseline(result, known)
    if changes is not None:
        restrict_to_diff(result, changes)
    chosen = renderers()[args.format]
    options = {"max_details": args.max_details} if args.format in DETAIL_CAPPED_FORMATS else {}

    def render(result: ScanResult, colour: bool) -> str:
        return chosen(result, colour, **options)  # type: ignore[call-arg]

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
    return EXIT_FINDINGS if fails_gate(result, config.fail_on) else EXIT_CLEAN


def _baseline(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from cwescan.baseline import write_baseline
    from cwescan.discovery import DiscoveryError
    from cwescan.parallel import SchedulerError
    from cwescan.runner import scan

    if args.baseline_command != "create":
        parser.parse_args(["baseline", "--help"])
        return EXIT_USAGE
    # record everything, so the baseline serves scans at any threshold
    config = _scan_config(args).with_overrides(
        severity_threshold=Severity.INFO, confidence_threshold=Confidence.LOW
    )
    try:
        result = scan(args.paths, config)
    except (DiscoveryError, SchedulerError) as exc:
        print(f"cwescan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        count = write_baseline(args.output, result)
    except OSError as exc:
        print(f"cwescan: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print(
            f"cwescan: wrote a baseline of {count} finding{'' if count == 1 else 's'} "
            f"to {args.output}",
            file=sys.stderr,
        )
    return EXIT_CLEAN


def _scan_many(args: argparse.Namespace) -> int:
    import re

    from cwescan.parallel import SchedulerError, read_repository_list, scan_many
    from cwescan.report import renderers
    from cwescan.runner import fails_gate

    try:
        repositories = read_repository_list(args.repos)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"cwescan: cannot read the repository list {args.repos}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not repositories:
        print(f"cwescan: {args.repos} lists no repositories", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_CLEAN
    # each repository's own [tool.cwescan] settings, under the command line's
    configs = []
    for path in list(repositories):
        args.paths = [path]
        try:
            configs.append(_scan_config(args).with_overrides(scheduler=None))
        except ConfigError as exc:
            print(f"{path}: not scanned: configuration error: {exc}")
            repositories.remove(path)
            status = EXIT_USAGE
    if args.output_dir is not None:
        try:
            args.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"cwescan: cannot create {args.output_dir}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    render = renderers()[args.format]
    names: dict[str, str] = {}
    for path in repositories:  # a stable, unique report name per repository
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(path).resolve().name) or "repository"
        name, number = base, 1
        while name in names.values():
            number += 1
            name = f"{base}-{number}"
        names[path] = name
    gate = {path: config.fail_on for path, config in zip(repositories, configs, strict=True)}
    try:
        for scanned in scan_many(repositories, configs, scheduler=args.scheduler):
            if scanned.result is None:
                print(f"{scanned.path}: not scanned: {scanned.error}")
                status = max(status, EXIT_USAGE)
                continue
            result = scanned.result
            active = result.active_findings
            print(
                f"{scanned.path}: {len(active)} finding{'' if len(active) == 1 else 's'} "
                f"in {result.files_scanned} files ({result.lines_scanned} lines)"
            )
            if args.output_dir is not None:
                extension = {"markdown": "md", "text": "txt"}.get(args.format, args.format)
                target = args.output_dir / f"{names[scanned.path]}.{extension}"
                try:
                    write_text_atomic(target, render(result, False))
                except OSError as exc:
                    print(f"cwescan: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
                    status = max(status, EXIT_USAGE)
            if fails_gate(result, gate[scanned.path]):
                status = max(status, EXIT_FINDINGS)
    except SchedulerError as exc:
        print(f"cwescan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return status


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

    if args.observations:
        return _observation_kinds(args.format)
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


def _observation_kinds(output_format: str) -> int:
    from cwescan.observations import all_observation_kinds

    kinds = list(all_observation_kinds())
    if output_format == "json":
        data = [
            {
                "id": k.id,
                "title": k.title,
                "summary": k.summary,
                "advice": k.advice,
                "test_code_only": k.test_code_only,
                "superseded_by": list(k.superseded_by),
            }
            for k in kinds
        ]
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    elif output_format == "markdown":
        sys.stdout.write("\n\n".join(f"- {k.doc()}" for k in kinds) + "\n")
    else:
        width = max(len(k.id) for k in kinds)
        for k in kinds:
            print(f"{k.id.ljust(width)}  {k.title}")
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
