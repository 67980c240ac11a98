"""Bandit 1.9 and cwescan side by side on the same large real code base (Django's sdist).

    python benchmarks/compare_bandit.py                  # Django 5.2 from PyPI, cached
    python benchmarks/compare_bandit.py --tree some/dir  # any other source tree
    python benchmarks/compare_bandit.py --examples 25 --json-out comparison.json

Downloads the Django 5.2 sdist once with `pip download --no-deps --no-binary :all:` into
`benchmarks/.corpus/` (ignored by git), unpacks it, runs `bandit -r -f json` and
`cwescan scan -f json` (default profile, then `--profile audit`) on the same tree, and
prints: wall time of each run, findings per CWE, findings per Bandit test id next to
the cwescan rules that replace it, and what each tool reports that the other does not.

Two findings match when they are in the same file, their lines are within one of each
other (or Bandit's line falls inside our finding's span), and they are compatible: the
Bandit test id is one our rule declares it replaces, or the CWEs are equal or one is
the other's parent in MITRE's catalog.

Not part of the test suite. Needs Bandit in the environment (`pip install
"bandit==1.9.*"`) and network access to PyPI for the first run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / ".corpus"
DEFAULT_SPEC = "django==5.2.*"


@dataclass
class Result:
    """One finding of either tool, normalised for matching."""

    tool: str
    path: str
    line: int
    end_line: int
    cwe: int | None
    ident: str  # Bandit test id or cwescan rule id
    severity: str
    confidence: str
    text: str
    bandit_ids: tuple[str, ...] = ()
    parent_cwes: tuple[int, ...] = ()
    matched: bool = False


@dataclass
class Run:
    """A tool's run: its results, wall time and what it said on stderr."""

    name: str
    seconds: float
    results: list[Result] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    errors: int = 0


# -- corpus -------------------------------------------------------------------------------


def fetch_corpus(corpus: Path, spec: str) -> Path:
    """The unpacked source tree for `spec`, downloading and unpacking it on first use."""
    corpus.mkdir(parents=True, exist_ok=True)
    downloads = corpus / "downloads"
    archives = sorted(downloads.glob("*.tar.gz")) if downloads.is_dir() else []
    if not archives:
        print(f"downloading {spec} sdist into {downloads} …", file=sys.stderr)
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
            spec, "-d", str(downloads), "--quiet",
        ]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            sys.exit(f"pip download {spec} failed:\n{completed.stderr.strip()}")
        archives = sorted(downloads.glob("*.tar.gz"))
        if not archives:
            sys.exit(f"pip download {spec} produced no .tar.gz sdist in {downloads}")
    archive = archives[-1]
    name = archive.name.removesuffix(".tar.gz")
    tree = corpus / "src" / name
    if not tree.is_dir():
        print(f"unpacking {archive.name} …", file=sys.stderr)
        target = corpus / "src"
        target.mkdir(exist_ok=True)
        with tarfile.open(archive) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(target, filter="data")
            else:  # Python without PEP 706: refuse members that leave the target
                root = target.resolve()
                for member in tar.getmembers():
                    destination = (target / member.name).resolve()
                    if not destination.is_relative_to(root) or member.issym() or member.islnk():
                        sys.exit(f"refusing suspicious member {member.name!r} in {archive}")
                tar.extractall(target)  # noqa: S202 - every member was checked above
    return tree


# -- running the tools ----------------------------------------------------------------------


def run_bandit(tree: Path, outputs: Path) -> Run:
    """`bandit -r -f json` over the tree, timed; the raw report goes to `outputs`."""
    out = outputs / f"{tree.name}.bandit.json"
    command = [sys.executable, "-m", "bandit", "-r", ".", "-f", "json", "-o", str(out), "-q"]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode not in (0, 1) or not out.is_file():
        sys.exit(f"bandit failed ({completed.returncode}):\n{completed.stderr.strip()[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    run = Run("bandit", seconds)
    totals = data.get("metrics", {}).get("_totals", {})
    run.lines = int(totals.get("loc", 0))
    run.files = len([k for k in data.get("metrics", {}) if k != "_totals"])
    run.errors = len(data.get("errors", []))
    for item in data.get("results", []):
        line_range = item.get("line_range") or [item["line_number"]]
        cwe = (item.get("issue_cwe") or {}).get("id")
        run.results.append(
            Result(
                tool="bandit",
                path=_normal_path(item["filename"]),
                line=int(item["line_number"]),
                end_line=int(max(line_range)),
                cwe=int(cwe) if cwe else None,
                ident=item["test_id"],
                severity=item["issue_severity"].lower(),
                confidence=item["issue_confidence"].lower(),
                text=item["issue_text"],
            )
        )
    return run


def run_cwescan(tree: Path, profile: str, outputs: Path) -> Run:
    """`cwescan scan -f json` over the tree with one profile, timed (cold cache)."""
    out = outputs / f"{tree.name}.cwescan-{profile}.json"
    command = [
        sys.executable, "-m", "cwescan", "scan", ".", "-f", "json", "-o", str(out), "-q",
        "--profile", profile, "--severity-threshold", "info", "--confidence-threshold", "low",
        "--no-gitignore",
    ]
    help_text = subprocess.run(
        [sys.executable, "-m", "cwescan", "scan", "--help"], capture_output=True, text=True,
        check=False,
    ).stdout
    if "--no-cache" in help_text:
        command.append("--no-cache")  # time the analysis, not the cache
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode not in (0, 1) or not out.is_file():
        sys.exit(f"cwescan failed ({completed.returncode}):\n{completed.stderr.strip()[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    run = Run(f"cwescan ({profile})", seconds)
    summary = data.get("summary", {})
    run.files = int(summary.get("files_scanned", 0))
    run.lines = int(summary.get("lines_scanned", 0))
    run.errors = len(data.get("errors", []))
    for item in data.get("findings", []):
        if item.get("suppressed"):
            continue
        location = item["location"]
        run.results.append(
            Result(
                tool="cwescan",
                path=_normal_path(location["path"]),
                line=int(location["start_line"]),
                end_line=int(location.get("end_line") or location["start_line"]),
                cwe=int(item["cwe_id"]),
                ident=item["rule_id"],
                severity=item["severity"],
                confidence=item["confidence"],
                text=item["description"],
                bandit_ids=tuple(item.get("bandit_ids") or ()),
                parent_cwes=tuple(item.get("parent_cwe_ids") or ()),
            )
        )
    return run


def _normal_path(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


# -- matching --------------------------------------------------------------------------------


def _cwe_parents(cwe: int | None) -> set[int]:
    if cwe is None:
        return set()
    from cwescan.cwe import get_catalog

    entry = get_catalog().get(cwe)
    return set(entry.parents) if entry is not None else set()


def compatible(bandit: Result, ours: Result) -> bool:
    """Same defect by test id, or by CWE (equal, or one the other's parent)."""
    if bandit.ident in ours.bandit_ids:
        return True
    if bandit.cwe is None or ours.cwe is None:
        return False
    if bandit.cwe == ours.cwe or bandit.cwe in ours.parent_cwes:
        return True
    return ours.cwe in _cwe_parents(bandit.cwe)


def near(bandit: Result, ours: Result) -> bool:
    """Same file, lines within one, or Bandit's line inside our finding's span."""
    if bandit.path != ours.path:
        return False
    if abs(bandit.line - ours.line) <= 1:
        return True
    return ours.line <= bandit.line <= ours.end_line


def match(bandit: Sequence[Result], ours: Sequence[Result]) -> None:
    """Mark every result of either side that has a compatible result on the other."""
    for result in (*bandit, *ours):
        result.matched = False
    by_file: dict[str, list[Result]] = defaultdict(list)
    for result in ours:
        by_file[result.path].append(result)
    for b in bandit:
        for o in by_file.get(b.path, ()):
            if near(b, o) and compatible(b, o):
                b.matched = True
                o.matched = True


# -- printing ----------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in cells:
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(out)


def _cwe_name(cwe: int | None) -> str:
    if cwe is None:
        return "(no CWE)"
    from cwescan.cwe import get_catalog

    entry = get_catalog().get(cwe)
    name = entry.name if entry is not None else "?"
    return name if len(name) <= 48 else name[:47] + "…"


def print_report(bandit: Run, default: Run, audit: Run | None, examples: int) -> dict[str, object]:
    """Print the side-by-side comparison; return it as data for `--json-out`."""
    from cwescan.rules import all_rules

    runs = [bandit, default] + ([audit] if audit else [])
    print("== Wall time ==")
    print(
        _table(
            ["tool", "seconds", "files", "lines", "findings", "errors"],
            [
                (r.name, f"{r.seconds:.1f}", r.files, r.lines, len(r.results), r.errors)
                for r in runs
            ],
        )
    )

    print("\n== Findings per CWE ==")
    per_cwe: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(runs))
    for index, run in enumerate(runs):
        for result in run.results:
            per_cwe[result.cwe][index] += 1
    rows = sorted(per_cwe.items(), key=lambda kv: (-max(kv[1]), kv[0] or 0))
    print(
        _table(
            ["CWE", "name", *[r.name for r in runs]],
            [(f"CWE-{c}" if c else "-", _cwe_name(c), *counts) for c, counts in rows],
        )
    )

    match(bandit.results, default.results)
    audit_matched: set[int] = set()
    if audit is not None:
        bandit_copy = [Result(**{**b.__dict__, "matched": False}) for b in bandit.results]
        match(bandit_copy, audit.results)
        audit_matched = {i for i, b in enumerate(bandit_copy) if b.matched}
        match(bandit.results, default.results)  # restore default-profile marks

    print("\n== Per Bandit test id ==")
    registry = all_rules()
    by_test: dict[str, list[Result]] = defaultdict(list)
    for result in bandit.results:
        by_test[result.ident].append(result)
    ours_by_rule = Counter(r.ident for r in default.results)
    audit_by_rule = Counter(r.ident for r in audit.results) if audit else Counter()
    test_rows = []
    all_tests = sorted(
        set(by_test) | {b for rule in registry for b in rule.bandit}, key=lambda t: (len(t), t)
    )
    for test in all_tests:
        rules = [rule.id for rule in registry.by_bandit_id(test)]
        found = by_test.get(test, [])
        test_rows.append(
            (
                test,
                len(found),
                sum(1 for r in found if r.matched),
                ", ".join(rules) or "(none)",
                sum(ours_by_rule[r] for r in rules),
                sum(audit_by_rule[r] for r in rules) if audit else "-",
            )
        )
    print(
        _table(
            ["Bandit", "bandit", "matched", "cwescan rules", "ours default", "ours audit"],
            test_rows,
        )
    )

    bandit_only = [b for b in bandit.results if not b.matched]
    ours_only = [o for o in default.results if not o.matched]
    covered_by_audit = sum(
        1 for i, b in enumerate(bandit.results) if not b.matched and i in audit_matched
    )
    print(
        f"\n== Bandit only: {len(bandit_only)} of {len(bandit.results)} "
        f"(of those, {covered_by_audit} are matched by the audit profile) =="
    )
    _print_groups(bandit_only, examples)
    print(f"\n== cwescan (default) only: {len(ours_only)} of {len(default.results)} ==")
    _print_groups(ours_only, examples)

    return {
        "runs": [
            {"tool": r.name, "seconds": round(r.seconds, 2), "files": r.files, "lines": r.lines,
             "findings": len(r.results), "errors": r.errors}
            for r in runs
        ],
        "per_cwe": {f"CWE-{c}" if c else "none": counts for c, counts in per_cwe.items()},
        "per_bandit_test": [
            dict(zip(["test", "bandit", "matched", "rules", "ours_default", "ours_audit"], row,
                     strict=True))
            for row in test_rows
        ],
        "bandit_only": [r.__dict__ for r in bandit_only],
        "cwescan_only": [r.__dict__ for r in ours_only],
    }


def _print_groups(results: Sequence[Result], examples: int) -> None:
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        groups[result.ident].append(result)
    for ident, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        cwe = f"CWE-{items[0].cwe}" if items[0].cwe else "no CWE"
        severities = Counter(i.severity for i in items)
        shown = ", ".join(f"{n} {s}" for s, n in severities.most_common())
        print(f"- {ident} ({cwe}): {len(items)} [{shown}]")
        for item in sorted(items, key=lambda i: (i.path, i.line))[:examples]:
            text = " ".join(item.text.split())
            text = text if len(text) <= 100 else text[:99] + "…"
            print(f"    {item.path}:{item.line}  {text}")
        if len(items) > examples:
            print(f"    … {len(items) - examples} more")


# -- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run both tools and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tree", type=Path, help="scan this source tree instead of Django")
    parser.add_argument("--spec", default=DEFAULT_SPEC, help=f"pip spec (default {DEFAULT_SPEC})")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="download cache")
    parser.add_argument("--examples", type=int, default=10, help="examples listed per group")
    parser.add_argument("--no-audit", action="store_true", help="skip the audit-profile run")
    parser.add_argument("--json-out", type=Path, help="also write the comparison as JSON")
    args = parser.parse_args(argv)

    if shutil.which("bandit") is None and subprocess.run(
        [sys.executable, "-m", "bandit", "--version"], capture_output=True, check=False
    ).returncode != 0:
        sys.exit('Bandit is not installed: pip install "bandit==1.9.*"')
    tree = args.tree.resolve() if args.tree else fetch_corpus(args.corpus, args.spec)
    if not tree.is_dir():
        sys.exit(f"{tree}: not a directory")
    outputs = args.corpus / "results"
    outputs.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {tree}; raw reports in {outputs}", file=sys.stderr)
    bandit = run_bandit(tree, outputs)
    default = run_cwescan(tree, "default", outputs)
    audit = None if args.no_audit else run_cwescan(tree, "audit", outputs)
    version = subprocess.run(
        [sys.executable, "-m", "bandit", "--version"], capture_output=True, text=True, check=False
    ).stdout.split()
    print(f"Corpus: {tree.name}   Bandit: {version[1] if len(version) > 1 else '?'}")
    print("cwescan thresholds: severity info, confidence low (everything it finds)\n")
    data = print_report(bandit, default, audit, args.examples)
    if args.json_out:
        args.json_out.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
