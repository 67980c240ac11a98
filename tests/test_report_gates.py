"""Exit codes and gates: the reporting threshold and the `--fail-on` gate are separate."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwescan.cli import main

# PY-EVAL-001 (high) and, in a test file, the same call downgraded to low
HIGH = "def compute(expression):\n    return eval(expression)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "calc.py").write_text(HIGH, encoding="utf-8")
    (tmp_path / "test_calc.py").write_text(HIGH, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "status"),
    [
        ([], 1),  # default: fail on any reported finding
        (["--fail-on", "high"], 1),
        (["--fail-on", "critical"], 0),  # reported, but below the gate
        (["--fail-on", "never"], 0),
        (["--fail-on", "HIGH", "--severity-threshold", "critical"], 0),  # nothing reported
    ],
)
def test_fail_on_gate(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], status: int
) -> None:
    assert main(["scan", str(project), *args]) == status
    out = capsys.readouterr().out
    if "--severity-threshold" not in args:
        assert "calc.py" in out  # the report is the same whatever the gate


def test_low_findings_only_pass_a_medium_gate(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "calc.py").unlink()
    assert main(["scan", str(project), "--fail-on", "medium"]) == 0
    assert "test_calc.py" in capsys.readouterr().out  # reported (low, test code)
    assert main(["scan", str(project), "--fail-on", "low"]) == 1


def test_fail_on_from_config_and_bad_values(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.cwescan]\nfail-on = "critical"\n',
                                            encoding="utf-8")
    assert main(["scan", str(project)]) == 0
    (project / "pyproject.toml").write_text('[tool.cwescan]\nfail-on = "sometimes"\n',
                                            encoding="utf-8")
    assert main(["scan", str(project)]) == 2
    assert "fail-on: expected one of reported, never, info" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["scan", str(project), "--fail-on", "bad"])
    assert exit_info.value.code == 2


def test_output_formats_are_offered(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["scan", "--help"])
    out = capsys.readouterr().out
    assert "{html,json,markdown,sarif,text}" in out
