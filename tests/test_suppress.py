"""Inline suppressions: cwescan comments and Bandit's nosec."""

from __future__ import annotations

from cwescan.model import Confidence, Finding, Location, Severity
from cwescan.suppress import apply_suppressions, parse_suppressions


def _finding(
    line: int, rule: str = "PY-CMD-001", cwe: int = 78, bandit=("B602",), end: int | None = None
) -> Finding:
    return Finding(
        rule_id=rule,
        cwe_id=cwe,
        title="t",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        location=Location("f.py", line, 0, end or line),
        snippet="",
        description="",
        remediation="",
        bandit_ids=list(bandit),
    )


def _suppressed(source: str, finding: Finding) -> bool:
    apply_suppressions([finding], parse_suppressions(source))
    return finding.suppressed


def test_bare_cwescan_ignore_silences_everything_on_the_line() -> None:
    assert _suppressed("x = 1\nrun(cmd)  # cwescan: ignore\n", _finding(2))


def test_ignore_with_codes_silences_only_those() -> None:
    source = "run(cmd)  # cwescan: ignore[CWE-89, PY-EVAL-001]\n"
    assert not _suppressed(source, _finding(1))
    assert _suppressed(source, _finding(1, rule="PY-EVAL-001", cwe=95))
    assert _suppressed(source, _finding(1, rule="PY-SQLI-001", cwe=89))


def test_reason_is_kept() -> None:
    finding = _finding(1)
    apply_suppressions(
        [finding], parse_suppressions("run(c)  # cwescan: ignore[CWE-78] -- constant command\n")
    )
    assert finding.suppressed and finding.suppression_reason == "constant command"


def test_bandit_nosec_forms() -> None:
    assert _suppressed("run(c)  # nosec\n", _finding(1))
    assert _suppressed("run(c)  # nosec B602\n", _finding(1))
    assert _suppressed("run(c)  # nosec: B602, B607\n", _finding(1))
    assert not _suppressed("run(c)  # nosec B101\n", _finding(1))


def test_comment_on_any_line_of_a_multiline_finding() -> None:
    source = "run(\n    cmd,\n    shell=True,  # nosec B602\n)\n"
    assert _suppressed(source, _finding(1, end=4))


def test_comment_on_another_line_does_not_apply() -> None:
    assert not _suppressed("# nosec\nrun(c)\n", _finding(2))


def test_nosec_inside_a_string_is_not_a_comment() -> None:
    assert not _suppressed("run('# nosec')\n", _finding(1))


def test_newer_syntax_falls_back_to_a_line_scan() -> None:
    source = 'x = f"{d["k"]}"\nrun(c)  # nosec\n'
    assert _suppressed(source, _finding(2))
