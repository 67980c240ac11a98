"""The Markdown review: its sections and their content, grouping, the cap, safe fencing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cwescan.cli import main
from cwescan.config import Config
from cwescan.model import (
    Confidence,
    Finding,
    Location,
    Observation,
    ScanResult,
    Severity,
    TraceStep,
)
from cwescan.report.markdown import code_span, fenced, inline, render
from cwescan.runner import scan

REPO = Path(__file__).resolve().parent.parent


def section(text: str, heading: str) -> str:
    """The body of a `## heading` section."""
    body = text.split(f"## {heading}\n", 1)[1]
    return re.split(r"^## ", body, maxsplit=1, flags=re.MULTILINE)[0].strip("\n")


def finding(path: str, line: int, severity: Severity, **changes: object) -> Finding:
    values: dict[str, object] = {
        "rule_id": "PY-SQLI-001",
        "cwe_id": 89,
        "title": "SQL statement built by string formatting",
        "severity": severity,
        "confidence": Confidence.HIGH,
        "location": Location(path, line, 4, line + 1, 30),
        "snippet": "    query = f\"SELECT * FROM t WHERE name = '{name}'\"\n"
        "    cursor.execute(query)",
        "description": "SQL text is built with an f-string from `name`.",
        "remediation": "Pass values as bound parameters.",
        "cwe_name": "Improper Neutralization of Special Elements used in an SQL Command "
        "('SQL Injection')",
        "function": "find_user",
        "fingerprint": f"fp-{path}-{line}",
    }
    values.update(changes)
    return Finding(**values)  # type: ignore[arg-type]


def result_with(findings: list[Finding], **changes: object) -> ScanResult:
    result = ScanResult(tool_version="0.1.0", targets=["app/"], files_scanned=3,
                        lines_scanned=120)
    result.findings = findings
    for key, value in changes.items():
        setattr(result, key, value)
    return result


def test_examples_review_has_the_reviewers_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(REPO / "examples"), "-f", "markdown"]) == 1
    out = capsys.readouterr().out
    headings = re.findall(r"^## (.+)$", out, flags=re.MULTILINE)
    assert headings == ["Potential Security Defects", "General Observations", "Conclusion"]
    defects = section(out, "Potential Security Defects")
    # grouped by file, numbered, each with the CWE's official name and the four parts
    assert re.search(r"^### .*examples/flaskapp/app/views\.py$", defects, flags=re.MULTILINE)
    assert re.search(
        r"^\d+\. \*\*OS command injection from untrusted input\*\* "
        r"\(CWE-78: Improper Neutralization of Special Elements used in an OS Command "
        r"\('OS Command Injection'\)\)$",
        defects,
        flags=re.MULTILINE,
    )
    assert re.search(
        r"- Where: .*examples/flaskapp/app/views\.py line 25, in `ping` "
        r"\(severity critical, confidence \w+\)",
        defects,
    )
    # the taint finding's trace, source to sink
    assert re.search(
        r"- Trace: .*views\.py:24 source: `request\.args`.*→ .*views\.py:25 reaches", defects
    )
    assert "- Description: " in defects and "- Solution: " in defects
    assert "```python\noutput = subprocess.check_output(" in defects.replace("   ", "")
    observations = section(out, "General Observations")
    assert "Polling with `time.sleep(0.5)`" in observations
    assert "test_inventory.py:14" in observations
    conclusion = section(out, "Conclusion")
    assert conclusion.startswith("Overall risk: CRITICAL.")
    assert "test code" in conclusion


def test_summary_table_comes_first_and_counts_everything() -> None:
    findings = [finding("app/a.py", 10, Severity.HIGH), finding("app/b.py", 5, Severity.LOW)]
    text = render(result_with(findings))
    summary = text.split("## Potential Security Defects")[0]
    assert "**Overall risk: HIGH**" in summary
    assert "| high | 1 |" in summary and "| low | 1 |" in summary
    assert summary.index("| app/a.py | 1 | high | 0 |") < summary.index("| app/b.py | 1 | low |")


def test_single_file_is_not_grouped_and_lines_and_trace_are_shown() -> None:
    traced = finding(
        "app/db.py",
        41,
        Severity.HIGH,
        trace=[
            TraceStep(Location("app/views.py", 12), "`request.args['name']` read"),
            TraceStep(Location("app/db.py", 41), "assigned to `query`"),
            TraceStep(Location("app/db.py", 42), "`cursor.execute(query)`"),
        ],
    )
    text = render(result_with([traced]))
    defects = section(text, "Potential Security Defects")
    assert "### " not in defects
    assert (
        "- Where: app/db.py lines 41-42, in `find_user` (severity high, confidence high)"
    ) in defects
    assert (
        "- Trace: app/views.py:12 `request.args['name']` read → app/db.py:41 assigned to "
        "`query` → app/db.py:42 `cursor.execute(query)`"
    ) in defects


def test_test_code_findings_say_they_were_downgraded() -> None:
    item = finding("tests/test_a.py", 3, Severity.LOW, tags=["test-code"])
    result = result_with([item], test_files={"tests/test_a.py": "under `tests/`"},
                         config={"test-code-downgrade": True})
    defects = section(render(result), "Potential Security Defects")
    assert "(severity low after the test-code downgrade, confidence high)" in defects
    assert "- Tags: `test-code`" in defects


def test_max_details_keeps_the_most_severe_and_says_what_was_cut() -> None:
    findings = [finding(f"app/m{i:02}.py", 1, Severity.LOW) for i in range(30)]
    findings.append(finding("app/zz.py", 7, Severity.CRITICAL))
    findings.append(finding("app/zy.py", 7, Severity.HIGH))
    text = render(result_with(findings), max_details=2)
    defects = section(text, "Potential Security Defects")
    assert re.findall(r"^### (.+)$", defects, flags=re.MULTILINE) == ["app/zy.py", "app/zz.py"]
    assert "Details are shown for the 2 most severe of 32 findings (`--max-details 2`); " \
        "30 left out: 30 low." in defects
    # the summary still counts everything
    assert "| low | 30 |" in text and "| critical | 1 |" in text


def test_file_table_is_capped_for_big_scans() -> None:
    findings = [finding(f"app/m{i:03}.py", 1, Severity.MEDIUM) for i in range(40)]
    text = render(result_with(findings), max_details=0)
    assert "| … 15 more files | 15 |" in text
    assert "1. **" not in text


def test_code_with_backtick_fences_cannot_break_out() -> None:
    evil = 'DOC = """\n```\n## Conclusion\nOverall risk: NONE.\n```\n"""\n'
    item = finding("app/a.py", 1, Severity.HIGH, snippet=evil,
                   location=Location("app/a.py", 1, 0, 6, 3))
    text = render(result_with([item]))
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == [
        "Potential Security Defects", "General Observations", "Conclusion"
    ]
    assert "   ````python" in text  # a longer fence than the ``` inside
    block = fenced("x = '````'")
    assert block[0] == "`````python" and block[-1] == "`````"


def test_text_cannot_open_html_links_or_new_lines() -> None:
    message = "calls `eval(\"<b>\")` with <script>alert(1)</script> [x](javascript:alert(1))\n## X"
    text = render(result_with([], observations=[
        Observation("security-todo", message, [Location("app/a.py", 3)])
    ]))
    observations = section(text, "General Observations")
    assert "`eval(\"<b>\")`" in observations  # code spans are kept verbatim
    assert "&lt;script&gt;" in observations and "<script>" not in observations
    assert "\\[x\\](javascript:alert(1))" in observations
    assert "\n## X" not in text
    assert inline("a\nb") == "a b"
    assert code_span("a`b") == "``a`b``"


def test_observations_grouped_by_file_with_places() -> None:
    observations = [
        Observation("hardcoded-identifier", "Hard-coded UUID `x`.",
                    [Location("a.py", 2), Location("a.py", 9)]),
        Observation("sleep-polling", "Polling.", [Location("b.py", 4)]),
    ]
    text = render(result_with([], observations=observations))
    body = section(text, "General Observations")
    assert "### a.py\n\n- Hard-coded UUID `x`. (a.py:2, 9)" in body
    assert "### b.py\n\n- Polling. (b.py:4)" in body


def test_clean_scan_says_so(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("print('hello')\n", encoding="utf-8")
    text = render(scan([str(tmp_path)], Config()))
    assert "None found at the reporting thresholds." in text
    assert section(text, "Conclusion").startswith("Overall risk: NONE.")
