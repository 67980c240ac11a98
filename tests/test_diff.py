"""Diff mode: only findings on lines changed since a git ref; clear errors otherwise."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cwescan.cli import main
from cwescan.gitdiff import ChangedLines, changed_lines, parse_unified_diff, restrict_to_diff
from cwescan.model import Confidence, Finding, Location, ScanResult, Severity, TraceStep

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ORIGINAL = """\
import pickle


def load(blob):
    return pickle.loads(blob)


def compute(expression):
    return expression
"""
CHANGED = """\
import pickle


def load(blob):
    return pickle.loads(blob)


def compute(expression):
    return eval(expression)
"""


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return completed.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "core.py").write_text(ORIGINAL, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    monkeypatch.chdir(root)
    return root


def active(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, int]]:
    data = json.loads(capsys.readouterr().out)
    return [(f["rule_id"], f["location"]["path"], f["location"]["start_line"])
            for f in data["findings"] if not f["suppressed"]]


def test_only_changed_lines_are_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "app", "-f", "json"]) == 1
    assert active(capsys) == [("PY-DESER-001", "app/core.py", 5)]
    (repo / "app" / "core.py").write_text(CHANGED, encoding="utf-8")  # unstaged edit
    assert main(["scan", "app", "-f", "json", "--diff", "HEAD"]) == 1
    assert active(capsys) == [("PY-EVAL-001", "app/core.py", 9)]
    # committed: the same diff against the first commit; nothing changed since HEAD
    git(repo, "commit", "-q", "-am", "eval")
    assert main(["scan", "app", "-f", "json", "--diff", "HEAD~1"]) == 1
    assert active(capsys) == [("PY-EVAL-001", "app/core.py", 9)]
    assert main(["scan", "app", "--diff", "HEAD", "-f", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Only lines changed since `HEAD` are reviewed (2 findings on unchanged lines left out)" \
        in out


def test_untracked_files_count_as_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "app" / "new.py").write_text("def f(x):\n    return eval(x)\n", encoding="utf-8")
    assert main(["scan", "app", "-f", "json", "--diff", "main"]) == 1
    assert active(capsys) == [("PY-EVAL-001", "app/new.py", 2)]


def test_scan_from_a_subfolder_and_absolute_paths(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "app" / "core.py").write_text(CHANGED, encoding="utf-8")
    monkeypatch.chdir(repo / "app")
    assert main(["scan", ".", "-f", "json", "--diff", "HEAD"]) == 1
    assert active(capsys) == [("PY-EVAL-001", "core.py", 9)]
    assert main(["scan", str(repo / "app"), "-f", "json", "--diff", "HEAD"]) == 1
    assert active(capsys) == [("PY-EVAL-001", str(repo / "app" / "core.py"), 9)]


def test_unknown_ref_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "app", "--diff", "origin/nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown git ref 'origin/nope'" in err and "Traceback" not in err
    assert main(["scan", "app", "--diff=--output=x"]) == 2  # never handed to git as an option
    assert "is not a git ref" in capsys.readouterr().err


def test_outside_a_repository_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["scan", ".", "--diff", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert "is not inside a git repository" in err and "drop --diff" in err


def test_parse_unified_diff() -> None:
    text = "\n".join([
        "diff --git a/app/x.py b/app/x.py",
        "--- a/app/x.py",
        "+++ b/app/x.py",
        "@@ -3,0 +4,2 @@ def f():",
        "+    a = 1",
        "+    b = 2",
        "@@ -10 +12 @@",
        "-old",
        "+new",
        "@@ -20,3 +21,0 @@",
        "--- a/gone.py",
        "+++ /dev/null",
        "@@ -1 +0,0 @@",
        '+++ "b/odd\\tname \\303\\251.py"',
        "@@ -0,0 +1 @@",
    ])
    assert parse_unified_diff(text) == {"app/x.py": {4, 5, 12}, "odd\tname é.py": {1}}


def test_a_trace_through_a_changed_line_keeps_the_finding(tmp_path: Path) -> None:
    def at(line: int, trace: list[int]) -> Finding:
        return Finding(
            rule_id="PY-TAINT-SQLI", cwe_id=89, title="t", severity=Severity.HIGH,
            confidence=Confidence.HIGH, location=Location("db.py", line), snippet="",
            description="", remediation="",
            trace=[TraceStep(Location("views.py", step), "step") for step in trace],
        )

    result = ScanResult(tool_version="0", targets=["."], root=str(tmp_path))
    result.findings = [at(40, [12]), at(41, [30]), at(7, [])]
    changes = ChangedLines("HEAD", tmp_path, {
        (tmp_path / "views.py").resolve(): {12},
        (tmp_path / "db.py").resolve(): {7},
    })
    assert restrict_to_diff(result, changes) == 1
    assert [f.location.start_line for f in result.findings] == [40, 7]
    assert result.filters["diff"] == {"ref": "HEAD", "files_changed": 2, "dropped": 1}


def test_changed_lines_directly(repo: Path) -> None:
    (repo / "app" / "core.py").write_text(CHANGED, encoding="utf-8")
    changes = changed_lines("HEAD", repo / "app")
    assert changes.repo_root == repo.resolve()
    assert changes.files == {(repo / "app" / "core.py").resolve(): {9}}
