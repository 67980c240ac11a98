"""Test-code recognition, the two-level downgrade, and the conclusion a reader gets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cwescan.cli import main
from cwescan.config import Config, load_config
from cwescan.context import (
    TEST_CODE_TAG,
    apply_test_context,
    conclude,
    detect_test_code,
    downgrade,
    overall_risk,
)
from cwescan.model import Confidence, Finding, Location, ScanResult, Severity
from cwescan.runner import scan

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_TESTS = REPO / "examples" / "flaskapp" / "tests"

# `eval` of a parameter: PY-EVAL-001, high severity, medium confidence
VULNERABLE = "def compute(expression):\n    return eval(expression)\n"


def _finding(path: str, severity: Severity, confidence: Confidence = Confidence.HIGH) -> Finding:
    return Finding(
        rule_id="PY-EVAL-001",
        cwe_id=95,
        title="Dynamic code evaluation",
        severity=severity,
        confidence=confidence,
        location=Location(path, 3, 4, 3, 20),
        snippet="    eval(x)",
        description="`eval()` runs `x`.",
        remediation="Use `ast.literal_eval`.",
        cwe_name="Improper Neutralization of Directives in Dynamically Evaluated Code "
        "('Eval Injection')",
        function="compute",
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("pkg/tests/helpers.py", "under `tests/`"),
        ("test/integration/db.py", "under `test/`"),
        ("pkg/test_models.py", "named `test_*.py`"),
        ("pkg/models_test.py", "named `*_test.py`"),
        ("conftest.py", "`conftest.py` (pytest configuration)"),
    ],
)
def test_test_code_is_recognised_by_path(path: str, reason: str) -> None:
    assert detect_test_code(path) == reason


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("import pytest\n", "imports `pytest`"),
        ("from unittest import TestCase\n", "imports `unittest`"),
        ("import fixtures\n", "imports `fixtures`"),
        ("from django.test import Client\n", "imports `django.test`"),
        (
            "from base import BaseCase\nclass ServerTestCase(BaseCase.TestCase):\n    pass\n",
            "defines test class `ServerTestCase(BaseCase.TestCase)`",
        ),
    ],
)
def test_test_code_is_recognised_by_content(source: str, reason: str) -> None:
    assert detect_test_code("pkg/checks.py", ast.parse(source)) == reason


@pytest.mark.parametrize(
    "source",
    [
        "from unittest import mock\n",  # production code mocks too
        "import os\nclass Tester:\n    pass\n",
        "x = 'tests/'\n",
    ],
)
def test_production_code_is_not_test_code(source: str) -> None:
    assert detect_test_code("pkg/contest.py", ast.parse(source)) is None
    assert detect_test_code("pkg/attestation.py", ast.parse(source)) is None


def test_downgrade_is_two_levels_with_an_info_floor() -> None:
    assert downgrade(Severity.CRITICAL) == Severity.MEDIUM
    assert downgrade(Severity.HIGH) == Severity.LOW
    assert downgrade(Severity.MEDIUM) == Severity.INFO
    assert downgrade(Severity.LOW) == Severity.INFO
    assert downgrade(Severity.INFO) == Severity.INFO


def test_apply_test_context_tags_lowers_once_and_can_keep_severity() -> None:
    in_tests = _finding("tests/test_a.py", Severity.HIGH)
    in_app = _finding("app/a.py", Severity.HIGH)
    files = {"tests/test_a.py": "named `test_*.py`"}
    apply_test_context([in_tests, in_app], files)
    apply_test_context([in_tests, in_app], files)  # a second pass changes nothing
    assert in_tests.tags == [TEST_CODE_TAG] and in_tests.severity == Severity.LOW
    assert in_app.tags == [] and in_app.severity == Severity.HIGH
    kept = _finding("tests/test_a.py", Severity.HIGH)
    apply_test_context([kept], files, lower=False)
    assert kept.tags == [TEST_CODE_TAG] and kept.severity == Severity.HIGH


def test_scan_downgrades_findings_in_test_files_and_keeps_them(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(VULNERABLE, encoding="utf-8")
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "helpers.py").write_text(VULNERABLE, encoding="utf-8")
    result = scan([str(tmp_path)], Config(severity_threshold=Severity.INFO))
    by_file = {Path(f.location.path).name: f for f in result.findings}
    assert by_file["app.py"].severity == Severity.HIGH
    assert by_file["app.py"].tags == []
    assert by_file["helpers.py"].severity == Severity.LOW
    assert by_file["helpers.py"].tags == [TEST_CODE_TAG]
    assert list(result.test_files.values()) == ["under `tests/`"]


def test_config_switch_turns_the_downgrade_off(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_app.py").write_text(VULNERABLE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cwescan]\ntest-code-downgrade = false\n", encoding="utf-8"
    )
    config = load_config(None, [str(tmp_path)])
    assert config.test_code_downgrade is False
    result = scan([str(tmp_path)], config)
    (finding,) = result.findings
    assert finding.severity == Severity.HIGH and finding.tags == [TEST_CODE_TAG]
    assert "severity not lowered" in conclude(result).text


def test_downgraded_findings_fall_under_the_reporting_threshold(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_app.py").write_text(VULNERABLE, encoding="utf-8")
    # high → low after the downgrade: gone at a medium threshold, like any low finding
    result = scan([str(tmp_path)], Config(severity_threshold=Severity.MEDIUM))
    assert result.findings == []


def test_functional_test_example_reads_as_test_code() -> None:
    """The seed case: a functional test with a literal UUID and a sleep-polling loop."""
    result = scan([str(EXAMPLE_TESTS)], Config(severity_threshold=Severity.INFO))
    assert result.files_scanned == 1
    assert not [f for f in result.active_findings if f.severity >= Severity.MEDIUM]
    assert all(TEST_CODE_TAG in f.tags for f in result.findings)
    polling = [o for o in result.observations if o.kind == "sleep-polling"]
    assert len(polling) == 1
    assert polling[0].locations[0].start_line == 14  # the `while` loop
    assert "time.sleep(0.5)" in polling[0].message and "line 20" in polling[0].message
    uuids = [o for o in result.observations if "4f9c2a7e-1d3b-4c55-9a8e-2b7f6d1e0c3a" in o.message]
    assert uuids and uuids[0].locations[0].start_line == 8
    conclusion = conclude(result)
    assert conclusion.test_code_only
    assert conclusion.overall_risk in ("NONE", "LOW")
    assert "This target is test code only" in conclusion.text
    assert "No medium-or-higher defect remains in it." in conclusion.text


def test_functional_test_example_markdown_states_the_context(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["scan", str(EXAMPLE_TESTS), "-f", "markdown"])
    out = capsys.readouterr().out
    assert status in (0, 1)  # low test-code findings may still be reported
    observations = out.split("## General Observations")[1].split("## Conclusion")[0]
    assert "Polling with `time.sleep(0.5)`" in observations
    assert "test_inventory.py:14" in observations
    conclusion = out.split("## Conclusion")[1]
    assert "test code only" in conclusion


@pytest.mark.parametrize(
    ("severities", "risk"),
    [
        ([], "NONE"),
        ([(Severity.INFO, Confidence.HIGH)], "LOW"),
        ([(Severity.MEDIUM, Confidence.HIGH), (Severity.LOW, Confidence.HIGH)], "MEDIUM"),
        ([(Severity.HIGH, Confidence.LOW)], "MEDIUM"),  # one unsure hint is not HIGH
        ([(Severity.HIGH, Confidence.MEDIUM)], "HIGH"),
        ([(Severity.CRITICAL, Confidence.HIGH), (Severity.LOW, Confidence.LOW)], "CRITICAL"),
    ],
)
def test_overall_risk(severities: list[tuple[Severity, Confidence]], risk: str) -> None:
    findings = [_finding("a.py", s, c) for s, c in severities]
    assert overall_risk(findings) == risk


def test_conclusion_counts_dominant_cwe_and_fix_first() -> None:
    result = ScanResult(tool_version="0", targets=["app"], files_scanned=3, lines_scanned=1234)
    result.findings = [
        _finding("app/a.py", Severity.HIGH),
        _finding("app/b.py", Severity.MEDIUM),
        _finding("app/c.py", Severity.LOW),
    ]
    result.findings[1].suppressed = True
    text = conclude(result).text
    assert text.startswith("Overall risk: HIGH. 1 high, 0 medium, 1 low findings in 3 files")
    assert "(1,234 lines) scanned" in text
    assert "1 finding suppressed" in text
    assert "dominated by CWE-95 (Eval Injection)" in text
    assert "Fix first: Eval Injection in `compute` (app/a.py:3)" in text


def test_conclusion_of_a_clean_scan() -> None:
    result = ScanResult(tool_version="0", targets=["app"], files_scanned=2, lines_scanned=10)
    conclusion = conclude(result)
    assert conclusion.overall_risk == "NONE"
    assert "No security defect was found" in conclusion.text
