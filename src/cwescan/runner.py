"""The scan pipeline: discover → parse → index → analyze → suppress → enrich.

`analyze_file` is a pure function of one file and the config (it is what a worker
process runs); `scan` discovers the files, analyzes them and merges the results into
one `ScanResult`, sorted so output never depends on the order work finished in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cwescan import __version__
from cwescan.analysis.names import NameResolver
from cwescan.analysis.parsing import ParsedModule, parse_source
from cwescan.analysis.taint import (
    analyze_module_taint,
    drop_disproved,
    merge_with_patterns,
)
from cwescan.analysis.taint_summary import ModuleSummary
from cwescan.analysis.walk import walk_scoped
from cwescan.config import Config
from cwescan.context import apply_test_context, detect_test_code
from cwescan.discovery import SourceFile, discover
from cwescan.model import (
    FileError,
    Finding,
    Location,
    Observation,
    ScanResult,
    Severity,
    compute_fingerprint,
)
from cwescan.observations import (
    drop_superseded,
    observation_pass,
    observation_sort_key,
    review_suppressions,
)
from cwescan.rules import all_rules
from cwescan.rules.framework import Rule, RuleFailure, RuleMatch, RulePass, forget_file_memos
from cwescan.suppress import SuppressionIndex, apply_suppressions, parse_suppressions


@dataclass
class FileAnalysis:
    """What analysing one file produced."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    lines: int = 0
    parsed: bool = False
    observations: list[Observation] = field(default_factory=list)
    test_reason: str | None = None  # why the file is test code (context.py), if it is
    suppressions: SuppressionIndex | None = None
    taint: ModuleSummary | None = None  # the taint summary for the link step (picklable)


def module_name_for_file(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file from the packages (`__init__.py`) around it.

    Returns the name and whether the file is a package's `__init__`.
    """
    is_package = path.name == "__init__.py"
    parts: list[str] = [] if is_package else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.append(folder.name)
        folder = folder.parent
    name = ".".join(reversed(parts)) or path.stem
    return name, is_package


def select_rules(config: Config) -> list[Rule]:
    """The rules this configuration enables: by profile, `only` and `skips`.

    `only` and `skips` accept rule ids, CWE ids (`CWE-78`) and Bandit test ids (`B602`).
    """
    selected = []
    skips = {s.upper() for s in config.skips}
    only = {s.upper() for s in config.only}
    for declared in all_rules():
        if declared.profile == "audit" and config.profile != "audit":
            continue
        names = {declared.id, f"CWE-{declared.cwe}", *declared.bandit}
        if skips & names:
            continue
        if only and not (only & names):
            continue
        selected.append(declared)
    return selected


def analyze_file(
    source: SourceFile,
    config: Config,
    rules: Sequence[Rule] | None = None,
    data: bytes | None = None,
    module: tuple[str, bool] | None = None,
) -> FileAnalysis:
    """Parse and analyse one file; every problem becomes a `FileError`, never an exception.

    `data` (the file's bytes) and `module` (its dotted name, whether it is a package)
    are given when the caller already has them — a worker on another machine cannot
    read the file or look at the folders around it.
    """
    analysis = FileAnalysis(path=source.display_path)
    if data is None:
        try:
            data = _read_capped(source.path, config.max_file_size)
        except OSError as exc:
            analysis.errors.append(
                FileError(source.display_path, "read", f"cannot read: {exc.strerror or exc}")
            )
            return analysis
    if data is None:
        analysis.errors.append(
            FileError(
                source.display_path, "skipped", "skipped: grew over the size cap while scanning"
            )
        )
        return analysis
    parsed = parse_source(source.display_path, data)
    if isinstance(parsed, FileError):
        analysis.errors.append(parsed)
        return analysis
    analysis.parsed = True
    analysis.lines = parsed.line_count
    analysis.errors.extend(parsed.problems)
    module_name, is_package = module or module_name_for_file(source.path)
    analysis.test_reason = detect_test_code(source.display_path, parsed.tree)
    try:
        resolver = NameResolver(parsed.tree, module_name, is_package)
        failures: list[RuleFailure] = []
        selected = rules if rules is not None else select_rules(config)
        rule_pass = RulePass(parsed, resolver, selected, failures)
        remarks = observation_pass(
            parsed, resolver, is_test=analysis.test_reason is not None, skips=config.skips
        )
        # one walk per file feeds the rules and the observations
        walk_scoped(parsed.tree, resolver, [rule_pass, remarks])
        taint = None
        if config.taint:
            taint = analyze_module_taint(
                parsed, resolver, module_name, config, source_path=str(source.path)
            )
    except RecursionError:
        analysis.errors.append(
            FileError(
                source.display_path, "analysis", "analysis stopped: code is nested too deeply"
            )
        )
        return analysis
    finally:
        forget_file_memos()  # the rules' memos let go of this file's tree
    for failure in failures:
        analysis.errors.append(
            FileError(
                source.display_path,
                "analysis",
                f"internal error in rule {failure.rule_id} ({failure.error}); its other "
                "findings in this file are kept — please report this",
                line=failure.line,
            )
        )
    analysis.findings = findings_from_matches(parsed, rule_pass.matches)
    if taint is not None:
        # pattern findings at places the taint engine proved harmless are false alarms
        analysis.findings = drop_disproved(analysis.findings, taint.harmless)
        analysis.taint = taint.summary
        for message in taint.summary.internal_errors:
            analysis.errors.append(
                FileError(
                    source.display_path,
                    "analysis",
                    f"internal error: {message}; the rest of the file was analysed — "
                    "please report this",
                )
            )
    analysis.suppressions = parse_suppressions(parsed.source)
    apply_suppressions(analysis.findings, analysis.suppressions)
    analysis.observations = remarks.finish()
    return analysis


def _read_capped(path: Path, limit: int) -> bytes | None:
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def findings_from_matches(parsed: ParsedModule, matches: list[RuleMatch]) -> list[Finding]:
    """Turn rule matches into findings with snippets and stable fingerprints."""
    findings: list[Finding] = []
    occurrences: dict[tuple[str, str, str | None], int] = {}
    for match in matches:
        node = match.issue.node
        end_node = match.issue.end_node or node
        start_line = getattr(node, "lineno", 1)
        end_line = getattr(end_node, "end_lineno", None) or start_line
        location = Location(
            parsed.path,
            start_line,
            getattr(node, "col_offset", 0),
            end_line,
            getattr(end_node, "end_col_offset", None),
        )
        snippet = parsed.segment(start_line, end_line)
        declared = match.rule
        key = (declared.id, " ".join(snippet.split()), match.function)
        occurrence = occurrences.get(key, 0)
        occurrences[key] = occurrence + 1
        findings.append(
            Finding(
                rule_id=declared.id,
                cwe_id=declared.cwe,
                title=declared.title,
                # `is None`, not `or`: Severity.INFO and Confidence.LOW are falsy IntEnums
                severity=declared.severity
                if match.issue.severity is None
                else match.issue.severity,
                confidence=(
                    declared.confidence
                    if match.issue.confidence is None
                    else match.issue.confidence
                ),
                location=location,
                snippet=snippet,
                description=match.issue.description,
                remediation=match.issue.remediation or declared.fix,
                function=match.function,
                fingerprint=compute_fingerprint(
                    declared.id, parsed.path, snippet, match.function, occurrence
                ),
                bandit_ids=list(declared.bandit),
            )
        )
    return findings


def enrich(findings: list[Finding]) -> None:
    """Add the official CWE name and parent CWEs from the catalog."""
    from cwescan.cwe.catalog import get_catalog

    catalog = get_catalog()
    for finding in findings:
        finding.cwe_name = catalog.name(finding.cwe_id)
        finding.parent_cwe_ids = list(catalog.parents(finding.cwe_id))


def passes_gate(finding: Finding, config: Config) -> bool:
    """True when a finding is at or above both thresholds."""
    return (
        finding.severity >= config.severity_threshold
        and finding.confidence >= config.confidence_threshold
    )


ProgressCallback = Callable[[int, int], None]


def scan(
    targets: Sequence[str],
    config: Config,
    progress: ProgressCallback | None = None,
) -> ScanResult:
    """Run the whole pipeline over `targets` and return the merged result."""
    started = time.perf_counter()
    result = ScanResult(
        tool_version=__version__,
        targets=list(targets),
        config=config.to_dict(),
        root=str(Path.cwd()),
    )
    discovered = discover(
        targets,
        exclude=config.exclude,
        max_file_size=config.max_file_size,
        respect_gitignore=config.respect_gitignore,
    )
    result.errors.extend(discovered.skipped)
    result.timings["discover"] = time.perf_counter() - started
    rules = select_rules(config)
    analyze_started = time.perf_counter()
    suppressions: dict[str, SuppressionIndex] = {}
    # the cache, then this process, worker processes or a Dask cluster (parallel.py);
    # the analyses come back in discovery order whichever did the work
    from cwescan.parallel import analyze_files

    run = analyze_files(discovered.files, config, rules, progress)
    for analysis in run.analyses:
        _merge(result, analysis, config)
        if analysis.suppressions is not None and analysis.suppressions.by_line:
            suppressions[analysis.path] = analysis.suppressions
    result.timings["analyze"] = time.perf_counter() - analyze_started
    if run.has_summaries:
        link_started = time.perf_counter()
        _link_taint(result, run.link([r.id for r in rules]), suppressions, config)
        result.timings["taint-link"] = time.perf_counter() - link_started
    run.finish()
    enrich(result.findings)
    review(result, config, suppressions, rules)
    result.findings.sort(key=Finding.sort_key)
    result.errors.sort(key=lambda e: (e.path, e.line or 0))
    result.timings["total"] = time.perf_counter() - started
    return result


def _link_taint(
    result: ScanResult,
    found: list[Finding],
    suppressions: dict[str, SuppressionIndex],
    config: Config,
) -> None:
    """Merge the findings of the taint engine's inter-procedural step (over every file's
    summary) with the pattern findings."""
    by_path: dict[str, list[Finding]] = {}
    for finding in found:
        by_path.setdefault(finding.location.path, []).append(finding)
    for path, findings in by_path.items():
        index = suppressions.get(path)
        if index is not None:
            apply_suppressions(findings, index)
    result.findings = merge_with_patterns(
        result.findings, [f for f in found if passes_gate(f, config)]
    )


def review(
    result: ScanResult,
    config: Config,
    suppressions: dict[str, SuppressionIndex],
    rules: Sequence[Rule],
) -> None:
    """The reviewer's pass over the merged result (context.py, observations/).

    Runs once all findings are in, so findings added after the per-file step get the
    same treatment: test code tagged and lowered (then the thresholds applied again),
    the suppression-reason policy and unused-comment remarks, and observations a
    reported finding on the same line already covers dropped.
    """
    apply_test_context(result.findings, result.test_files, lower=config.test_code_downgrade)
    result.observations.extend(
        review_suppressions(
            result.findings,
            suppressions,
            require_reason=config.require_reason,
            warn_unused=config.warn_unused_ignores,
            deselected=_deselected_codes(config, rules),
        )
    )
    result.findings = [f for f in result.findings if passes_gate(f, config)]
    result.observations = drop_superseded(result.observations, result.findings)
    result.observations.sort(key=observation_sort_key)


def _deselected_codes(config: Config, rules: Sequence[Rule]) -> frozenset[str]:
    """Codes of rules `skips`/`only` switched off: comments naming them are not unused."""
    selected = {id(r) for r in rules}
    codes: set[str] = set()
    for declared in all_rules():
        if id(declared) not in selected:
            codes.update({declared.id, f"CWE-{declared.cwe}", *declared.bandit})
    for declared in rules:
        codes.difference_update({declared.id, f"CWE-{declared.cwe}", *declared.bandit})
    return frozenset(c.upper() for c in codes)


def fails_gate(result: ScanResult, fail_on: str) -> bool:
    """True when the scan should exit 1: `fail_on` is `reported`, `never` or a severity.

    Observations never count; suppressed findings never count.
    """
    active = result.active_findings
    if fail_on == "never":
        return False
    if fail_on == "reported":
        return bool(active)
    threshold = Severity.parse(fail_on)
    return any(f.severity >= threshold for f in active)


def _merge(result: ScanResult, analysis: FileAnalysis, config: Config) -> None:
    result.errors.extend(analysis.errors)
    if analysis.parsed:
        result.files_scanned += 1
        result.lines_scanned += analysis.lines
    if analysis.test_reason is not None:
        result.test_files[analysis.path] = analysis.test_reason
    result.observations.extend(analysis.observations)
    result.findings.extend(f for f in analysis.findings if passes_gate(f, config))
