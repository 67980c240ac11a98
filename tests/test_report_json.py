"""`-f json` follows the JSON Schema shipped in the package, on real scans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cwescan.baseline import apply_baseline, load_baseline, write_baseline
from cwescan.cli import main
from cwescan.config import Config
from cwescan.model import Severity
from cwescan.report.json import render, schema
from cwescan.runner import scan

REPO = Path(__file__).resolve().parent.parent


def validate(document: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, (
        "the JSON output no longer matches src/cwescan/report/schema/result.schema.json; "
        "document new keys there:\n"
        + "\n".join(f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors[:10])
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_scan_of_examples_and_rule_fixtures_follows_the_schema() -> None:
    # the fixtures hold every rule family, test code, parse errors and suppressions
    result = scan(
        [str(REPO / "examples"), str(REPO / "tests" / "rules")],
        Config(severity_threshold=Severity.INFO, respect_gitignore=False),
    )
    assert result.findings and result.observations and result.test_files
    document = json.loads(render(result))
    validate(document)
    assert document["conclusion"]["overall_risk"] in ("HIGH", "CRITICAL")
    assert document["summary"]["observations"] == len(document["observations"])


def test_filtered_scan_follows_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.py").write_text("def f(x):\n    return eval(x)\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    write_baseline(baseline, scan([str(tmp_path)], Config()))
    result = scan([str(tmp_path)], Config())
    apply_baseline(result, load_baseline(baseline))
    document = json.loads(render(result))
    validate(document)
    assert document["filters"]["baseline"]["matched"] == 1
    assert main(["scan", str(tmp_path), "-f", "json", "--baseline", str(baseline)]) == 0
    validate(json.loads(capsys.readouterr().out))


def test_schema_rejects_an_undocumented_key() -> None:
    result = scan([str(REPO / "examples")], Config())
    document = json.loads(render(result))
    document["findings"][0]["surprise"] = 1
    with pytest.raises(AssertionError, match="surprise"):
        validate(document)
