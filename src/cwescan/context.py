"""Context a reviewer brings: is this test code, and what does the scan add up to.

Test code is recognised by its path (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`)
or its content (imports of test frameworks, `TestCase` subclasses). Findings there are
kept, tagged `test-code`, and lowered two severity levels (floor: info) — a fake
password in a fixture is not a production credential — unless the config switch
`test-code-downgrade = false` turns the lowering off.

`conclude` turns a `ScanResult` into the review's conclusion: an overall risk level and
a paragraph with the counts, what dominates the risk, what to fix first, and whether
the target is test code only. It is a pure function of the result.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from cwescan.model import Confidence, Finding, ScanResult, Severity

TEST_CODE_TAG = "test-code"
DOWNGRADE_LEVELS = 2

_TEST_FOLDERS = frozenset({"tests", "test", "testing", "unittests", "functional_tests"})
_TEST_FRAMEWORKS = (
    "pytest",
    "unittest",
    "nose",
    "nose2",
    "testtools",
    "fixtures",
    "oslotest",
    "hypothesis",
    "django.test",
    "rest_framework.test",
    "flask_testing",
)
# importing only these is common in production code and says nothing about tests
_NOT_TEST_IMPORTS = frozenset({"unittest.mock"})
_TESTCASE_BASE = re.compile(r"(^|\.)(\w*TestCase|TestBase|BaseTest\w*)$")


def detect_test_code(path: str, tree: ast.Module | None = None) -> str | None:
    """Why the file at `path` (with its parsed `tree`) is test code, or None if it is not.

    The reason is short and user-facing: "under `tests/`", "named `test_*.py`",
    "imports `pytest`", "defines `TestCase` subclass `FooTests`".
    """
    parts = PurePosixPath(path.replace("\\", "/")).parts
    name = parts[-1] if parts else path
    if name == "conftest.py":
        return "`conftest.py` (pytest configuration)"
    if name.startswith("test_") and name.endswith(".py"):
        return "named `test_*.py`"
    if name.endswith("_test.py"):
        return "named `*_test.py`"
    for folder in parts[:-1]:
        if folder.lower() in _TEST_FOLDERS:
            return f"under `{folder}/`"
    if tree is not None:
        return _content_reason(tree)
    return None


def _content_reason(tree: ast.Module) -> str | None:
    for node in tree.body:
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [
                node.module
                if f"{node.module}.{alias.name}" not in _NOT_TEST_IMPORTS
                else f"{node.module}.{alias.name}"
                for alias in node.names
            ]
        for module in modules:
            if module in _NOT_TEST_IMPORTS:
                continue
            for framework in _TEST_FRAMEWORKS:
                if module == framework or module.startswith(framework + "."):
                    return f"imports `{module}`"
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                try:
                    text = ast.unparse(base)
                except (RecursionError, ValueError):
                    continue
                if _TESTCASE_BASE.search(text):
                    return f"defines test class `{node.name}({text})`"
    return None


def downgrade(severity: Severity, levels: int = DOWNGRADE_LEVELS) -> Severity:
    """`severity` lowered by `levels`, never below info."""
    return Severity(max(Severity.INFO, severity - levels))


def apply_test_context(
    findings: Iterable[Finding], test_files: Mapping[str, str], *, lower: bool = True
) -> None:
    """Tag findings in test files `test-code` and (if `lower`) lower their severity.

    Idempotent: a finding already tagged is left alone, so it can run at the end of a
    scan over findings some of which were handled earlier.
    """
    for finding in findings:
        if finding.location.path not in test_files or TEST_CODE_TAG in finding.tags:
            continue
        finding.tags.append(TEST_CODE_TAG)
        if lower:
            finding.severity = downgrade(finding.severity)


# --- the conclusion -------------------------------------------------------------------

RISK_LEVELS = ("NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL")


@dataclass(frozen=True)
class Conclusion:
    """The review's verdict: overall risk, the paragraph saying why, and its parts."""

    overall_risk: str
    text: str
    counts: dict[str, int] = field(default_factory=dict)
    test_code_only: bool = False
    fix_first: tuple[Finding, ...] = ()


def overall_risk(findings: Iterable[Finding]) -> str:
    """The highest severity among `findings`, one level lower where only low confidence.

    A single high-severity, low-confidence hint does not make a codebase HIGH risk;
    info findings count as LOW. No findings: NONE.
    """
    level = 0
    for finding in findings:
        severity = int(finding.severity)
        if finding.confidence == Confidence.LOW:
            severity -= 1
        level = max(level, max(1, severity))
    return RISK_LEVELS[min(level, len(RISK_LEVELS) - 1)]


def importance(finding: Finding) -> tuple[int, int, str, int]:
    """Sort key: most severe, most certain first, then by place."""
    return (-int(finding.severity), -int(finding.confidence), finding.location.path,
            finding.location.start_line)


def short_cwe_name(finding: Finding) -> str:
    """The CWE's common name: the quoted part of an official name, else the name itself."""
    name = finding.cwe_name or finding.title
    quoted = re.search(r"\('([^']+)'\)", name)
    return quoted.group(1) if quoted else name


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def conclude(result: ScanResult) -> Conclusion:
    """The conclusion of a review of `result` (pure function)."""
    active = sorted(result.active_findings, key=importance)
    counts = {str(sev): sum(1 for f in active if f.severity == sev) for sev in Severity}
    risk = overall_risk(active)
    sentences: list[str] = [f"Overall risk: {risk}."]

    shown = [str(s) for s in sorted(Severity, reverse=True)
             if counts[str(s)] or s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)]
    tally = ", ".join(f"{counts[s]:,} {s}" for s in shown)
    files = _plural(result.files_scanned, "file")
    sentences.append(
        f"{tally} finding{'' if len(active) == 1 else 's'} in {files} "
        f"({_plural(result.lines_scanned, 'line')}) scanned."
    )
    suppressed = len(result.findings) - len(active)
    if suppressed:
        sentences.append(f"{_plural(suppressed, 'finding')} suppressed (inline or baseline).")

    if active:
        sentences.append(_dominant(active))
        fix_first = tuple(active[:3])
        sentences.append(
            "Fix first: " + _join([_cite(f) for f in fix_first]) + "."
        )
    else:
        fix_first = ()
        sentences.append("No security defect was found at the reporting thresholds.")

    test_only = bool(result.test_files) and len(result.test_files) >= result.files_scanned > 0
    downgrading = bool(result.config.get("test-code-downgrade", True))
    if result.test_files:
        listed = _join([f"{path} ({why})" for path, why in sorted(result.test_files.items())][:3])
        more = len(result.test_files) - 3
        if more > 0:
            listed += f" and {_plural(more, 'more file')}"
        effect = (
            "findings there are tagged `test-code` and lowered two severity levels, because "
            "fixtures, fake credentials and literal ids in tests do not ship to production"
            if downgrading
            else "findings there are tagged `test-code` (severity not lowered: "
            "test-code-downgrade is off)"
        )
        if test_only:
            sentences.append(f"This target is test code only: {listed}; {effect}.")
            serious = sum(1 for f in active if f.severity >= Severity.MEDIUM)
            if not serious:
                sentences.append("No medium-or-higher defect remains in it.")
        else:
            sentences.append(
                f"{_plural(len(result.test_files), 'file')} of {result.files_scanned:,} "
                f"{'is' if len(result.test_files) == 1 else 'are'} test code: {listed}; {effect}."
            )

    if result.observations:
        kinds = Counter(o.kind for o in result.observations)
        listed_kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        sentences.append(
            f"{_plural(len(result.observations), 'general observation')} ({listed_kinds}); "
            "they do not affect the risk level."
        )
    unreadable = sorted({e.path for e in result.errors if e.kind in ("parse", "decode", "read")})
    if unreadable:
        sentences.append(
            f"{_plural(len(unreadable), 'file')} could not be read or parsed in full "
            f"({_join(unreadable[:3])}{' …' if len(unreadable) > 3 else ''}): the risk there "
            "is not fully assessed."
        )
    sentences.extend(_filter_notes(result))
    return Conclusion(
        overall_risk=risk,
        text=" ".join(sentences),
        counts=counts,
        test_code_only=test_only,
        fix_first=fix_first,
    )


def _dominant(active: list[Finding]) -> str:
    by_cwe: dict[int, list[Finding]] = {}
    for finding in active:
        by_cwe.setdefault(finding.cwe_id, []).append(finding)
    ranked = sorted(
        by_cwe.values(),
        key=lambda group: (-max(int(f.severity) for f in group), -len(group), group[0].cwe_id),
    )
    top = ranked[0]
    worst = max(f.severity for f in top)
    text = (
        f"The risk is dominated by CWE-{top[0].cwe_id} ({short_cwe_name(top[0])}): "
        f"{_plural(len(top), 'finding')}, up to {worst} severity"
    )
    others = [f"CWE-{g[0].cwe_id} ({len(g)})" for g in ranked[1:4]]
    if len(ranked) > 4:
        text += "; also " + ", ".join(others) + " and more"
    elif others:
        text += "; also " + _join(others)
    return text + "."


def _cite(finding: Finding) -> str:
    where = f" in `{finding.function}`" if finding.function else ""
    loc = finding.location
    return f"{short_cwe_name(finding)}{where} ({loc.path}:{loc.start_line})"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _filter_notes(result: ScanResult) -> list[str]:
    notes: list[str] = []
    baseline = result.filters.get("baseline")
    if isinstance(baseline, dict):
        notes.append(
            f"Findings already in the baseline {baseline.get('path', '')} "
            f"({_plural(int(baseline.get('matched', 0)), 'finding')}) are not counted as new."
        )
    diff = result.filters.get("diff")
    if isinstance(diff, dict):
        notes.append(
            f"Only lines changed since `{diff.get('ref', '')}` are reviewed "
            f"({_plural(int(diff.get('dropped', 0)), 'finding')} on unchanged lines left out)."
        )
    return notes
