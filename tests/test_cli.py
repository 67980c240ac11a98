"""The command line as a user runs it: `python -m cwescan ...` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cwescan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_scan_examples_reports_findings_with_cwe_names_and_fixes() -> None:
    result = run_cli("scan", "examples/")
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "CWE-78: Improper Neutralization of Special Elements used in an OS Command" in out
    assert "examples/flaskapp/app/views.py:" in out
    assert "shell=True" in out  # the snippet
    assert "Fix:" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_json_output_to_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run_cli("scan", "examples/", "-f", "json", "-o", str(target))
    assert result.returncode == 1
    data = json.loads(target.read_text(encoding="utf-8"))
    cwes = {f["cwe"] for f in data["findings"]}
    assert {"CWE-78", "CWE-502", "CWE-95"} <= cwes
    first = data["findings"][0]
    assert first["cwe_name"] and first["location"]["start_line"] > 0 and first["fingerprint"]


def test_thresholds_gate_the_exit_status(tmp_path: Path) -> None:
    vulnerable = tmp_path / "low.py"
    vulnerable.write_text("import yaml\nyaml.load(data, Loader=loader)\n", encoding="utf-8")
    gated = run_cli("scan", str(vulnerable), "--confidence-threshold", "medium")
    assert gated.returncode == 0, gated.stdout
    ungated = run_cli("scan", str(vulnerable))
    assert ungated.returncode == 1


def test_clean_code_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text(
        "import subprocess\nsubprocess.run(['ls', '-l'])\n", encoding="utf-8"
    )
    result = run_cli("scan", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "0 findings" in result.stdout


def test_exclude_glob(tmp_path: Path) -> None:
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "bad.py").write_text("eval(input())\n", encoding="utf-8")
    assert run_cli("scan", str(tmp_path), "--exclude", "gen/**").returncode == 0
    assert run_cli("scan", str(tmp_path)).returncode == 1


def test_config_error_exits_two_naming_key_and_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cwescan]\nseverity = 'high'\n", encoding="utf-8"
    )
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    result = run_cli("scan", str(tmp_path))
    assert result.returncode == 2
    assert "severity" in result.stderr and "pyproject.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_exits_two() -> None:
    result = run_cli("scan", "does/not/exist")
    assert result.returncode == 2
    assert "does/not/exist" in result.stderr and "Traceback" not in result.stderr


def test_usage_error_exits_two() -> None:
    assert run_cli("scan", "-f", "pdf", "x").returncode == 2
    assert run_cli("scan", "--severity-threshold", "severe", "x").returncode == 2


def test_rules_lists_every_rule_with_cwe_and_bandit_id() -> None:
    result = run_cli("rules")
    assert result.returncode == 0
    line = next(r for r in result.stdout.splitlines() if r.startswith("PY-CMD-001"))
    assert "CWE-78" in line and "B602" in line and "high" in line


def test_explain_rule_and_cwe() -> None:
    rule = run_cli("explain", "PY-DESER-002")
    assert (
        rule.returncode == 0
        and "yaml.safe_load" in rule.stdout
        and "Why is this bad?" in rule.stdout
    )
    cwe = run_cli("explain", "CWE-89")
    assert cwe.returncode == 0
    assert "SQL Injection" in cwe.stdout and "CWE-943" in cwe.stdout  # parent
    unknown = run_cli("explain", "NOPE-1")
    assert unknown.returncode == 2 and "neither a rule id" in unknown.stderr


def test_explain_bandit_id_points_to_our_rule() -> None:
    result = run_cli("explain", "B602")
    assert result.returncode == 0 and "PY-CMD-001" in result.stdout


def test_python_dash_m_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("cwescan ")


def test_docs_rules_md_is_current() -> None:
    result = run_cli("rules", "--format", "markdown")
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.stdout == current, (
        "docs/rules.md is out of date: run `cwescan rules --format markdown > docs/rules.md`"
    )


@pytest.mark.parametrize(
    "command", [["rules"], ["rules", "--format", "markdown"], ["explain", "PY-SQLI-001"]]
)
def test_output_cut_short_by_the_reader_ends_quietly(command: list[str]) -> None:
    """`cwescan rules | head`: the reader leaves before the output ends (a short output
    meets the closed pipe at the final flush, a long one in the middle of printing)."""
    reader, writer_end = os.pipe()
    os.close(reader)  # nobody will read
    with os.fdopen(writer_end, "wb") as closed_pipe:
        writer = subprocess.run(
            [sys.executable, "-m", "cwescan", *command],
            stdout=closed_pipe, stderr=subprocess.PIPE, timeout=120,
        )
    assert writer.stderr.decode() == ""
    assert writer.returncode == 141
