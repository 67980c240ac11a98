"""One generic test over every annotated fixture under tests/rules/.

For each file: every `# expect:` line must carry a finding of that CWE or rule, no
`# safe:` line may carry one, and no finding may appear on a line without an `expect`
annotation (an unannotated finding is a false alarm until someone says otherwise).
Fixture folders are scanned as projects, so cross-module flows are followed.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from cwescan.config import Config
from cwescan.model import Confidence, Finding, Severity
from cwescan.runner import scan
from tests.fixtures import finding_codes, read_annotations

FIXTURE_ROOT = Path(__file__).parent / "rules"
FIXTURES = sorted(p for p in FIXTURE_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


@cache
def _findings_by_file(profile: str) -> dict[str, list[Finding]]:
    config = Config(
        profile=profile,
        severity_threshold=Severity.INFO,
        confidence_threshold=Confidence.LOW,
        respect_gitignore=False,
    )
    result = scan([str(FIXTURE_ROOT)], config)
    assert not [e for e in result.errors if e.kind != "parse"], result.errors
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        grouped[finding.location.path].append(finding)
    return grouped


def _display(path: Path) -> str:
    return "rules/" + path.relative_to(FIXTURE_ROOT).as_posix()


def test_fixtures_exist() -> None:
    assert len(FIXTURES) >= 2


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.relative_to(FIXTURE_ROOT).as_posix())
def test_fixture(fixture: Path) -> None:
    annotations = read_annotations(fixture)
    wanted = _display(fixture)
    findings = [
        f
        for path, found in _findings_by_file(annotations.profile).items()
        if path == wanted or path.endswith("/" + wanted)
        for f in found
    ]
    active = [f for f in findings if not f.suppressed]
    by_line: dict[int, set[str]] = defaultdict(set)
    for finding in active:
        by_line[finding.location.start_line] |= finding_codes(finding.rule_id, finding.cwe)
    problems = []
    for line, codes in sorted(annotations.expect.items()):
        for code in sorted(codes):
            if code not in by_line.get(line, set()):
                got = sorted(by_line.get(line, set())) or "nothing"
                problems.append(f"line {line}: expected {code}, got {got}")
    for line, codes in sorted(annotations.safe.items()):
        for code in sorted(codes & by_line.get(line, set())):
            problems.append(f"line {line}: marked safe for {code} but flagged")
    for finding in active:
        line = finding.location.start_line
        expected = annotations.expect.get(line, set())
        if not (expected & finding_codes(finding.rule_id, finding.cwe)):
            problems.append(
                f"line {line}: unexpected {finding.rule_id} ({finding.cwe}): {finding.description}"
            )
    assert not problems, f"{fixture}:\n" + "\n".join(problems)
