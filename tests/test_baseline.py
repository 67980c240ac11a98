"""Baselines: record today's findings, report only new ones, never lose or break the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cwescan import atomic
from cwescan.baseline import BaselineError, load_baseline, write_baseline
from cwescan.cli import main
from cwescan.config import Config
from cwescan.runner import scan

OLD = "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n"
NEW = "def compute(expression):\n    return eval(expression)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    (root / "app" / "store.py").write_text(OLD, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_create_then_scan_reports_only_new_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "create", "app", "-o", ".cwescan-baseline.json"]) == 0
    assert "wrote a baseline of 1 finding to .cwescan-baseline.json" in capsys.readouterr().err
    data = json.loads((project / ".cwescan-baseline.json").read_text(encoding="utf-8"))
    assert data["cwescan_baseline"] == 1
    assert [(e["rule_id"], e["path"], e["line"]) for e in data["findings"]] == [
        ("PY-DESER-001", "app/store.py", 5)
    ]

    # nothing new: exit 0, the old finding counted as suppressed
    assert main(["scan", "app", "--baseline", ".cwescan-baseline.json"]) == 0
    assert "0 findings" in capsys.readouterr().out

    # lines added above the old finding and a new defect: only the new one is reported
    (project / "app" / "store.py").write_text("# header\n\n" + OLD, encoding="utf-8")
    (project / "app" / "calc.py").write_text(NEW, encoding="utf-8")
    assert main(["scan", "app", "--baseline", ".cwescan-baseline.json", "-f", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    active = [(f["rule_id"], f["location"]["path"]) for f in result["findings"]
              if not f["suppressed"]]
    assert active == [("PY-EVAL-001", "app/calc.py")]
    assert result["filters"]["baseline"] == {
        "path": ".cwescan-baseline.json", "entries": 1, "matched": 1
    }


def test_baseline_matches_however_the_path_is_spelled(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "create", "./app/", "-o", "b.json", "-q"]) == 0
    assert main(["scan", str(project / "app"), "--baseline", "b.json"]) == 0
    assert main(["scan", "app/store.py", "--baseline", "b.json"]) == 0


def test_baseline_records_findings_below_the_thresholds(project: Path) -> None:
    # created at the lowest thresholds, so a later scan at any threshold can use it
    (project / "app" / "weak.py").write_text(
        "import yaml\nyaml.load(data, Loader=loader)\n", encoding="utf-8"
    )
    (project / "pyproject.toml").write_text(
        '[tool.cwescan]\nconfidence-threshold = "high"\n', encoding="utf-8"
    )
    assert main(["baseline", "create", "app", "-o", "b.json", "-q"]) == 0
    rules = {e["rule_id"] for e in json.loads(Path("b.json").read_text())["findings"]}
    assert "PY-DESER-002" in rules and "PY-DESER-001" in rules


def test_same_code_twice_in_one_function_needs_two_entries(project: Path) -> None:
    (project / "app" / "store.py").write_text(
        "import pickle\n\n\ndef load(a):\n    pickle.loads(a)\n", encoding="utf-8"
    )
    write_baseline(project / "b.json", scan(["app"], Config()))
    (project / "app" / "store.py").write_text(
        "import pickle\n\n\ndef load(a):\n    pickle.loads(a)\n    pickle.loads(a)\n",
        encoding="utf-8",
    )
    assert main(["scan", "app", "--baseline", "b.json", "-q"]) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"cwescan_baseline": 1, "findings": [', "b.json:1:38: baseline is not valid JSON"),
        ("[1, 2]", 'b.json: not a cwescan baseline (no "cwescan_baseline" key)'),
        ('{"cwescan_baseline": 7, "findings": []}', "b.json: baseline format 7 is not supported"),
        ('{"cwescan_baseline": 1, "findings": {}}', 'b.json: "findings" must be a list'),
        ('{"cwescan_baseline": 1, "findings": [{"line": 3}]}', "b.json: finding #1 is malformed"),
        ("\udcff", "not a baseline file (not UTF-8 text)"),
    ],
)
def test_corrupt_baseline_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (project / "b.json").write_bytes(content.encode("utf-8", "surrogateescape"))
    assert main(["scan", "app", "--baseline", "b.json"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    with pytest.raises(BaselineError):
        load_baseline(project / "b.json")


def test_missing_baseline_says_how_to_create_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "app", "--baseline", "nope.json"]) == 2
    assert "nope.json: baseline file not found (create one with `cwescan baseline create" \
        in capsys.readouterr().err


def test_interrupted_write_leaves_the_old_baseline_intact(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "b.json"
    write_baseline(target, scan(["app"], Config()))
    before = target.read_bytes()
    (project / "app" / "calc.py").write_text(NEW, encoding="utf-8")
    result = scan(["app"], Config())

    def killed(*_: object) -> None:
        raise KeyboardInterrupt  # the process is stopped between writing and renaming

    monkeypatch.setattr(atomic.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_baseline(target, result)
    assert target.read_bytes() == before
    assert load_baseline(target).entries == 1
    assert sorted(os.listdir(project)) == ["app", "b.json"]  # no temporary file left


def test_baseline_create_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "create", "missing", "-o", "b.json"]) == 2
    assert "missing" in capsys.readouterr().err
    assert main(["baseline", "create", "app", "-o", "no/such/folder/b.json"]) == 2
    assert "cannot write no/such/folder/b.json" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["baseline", "create", "app"])  # -o is required
    assert exit_info.value.code == 2
