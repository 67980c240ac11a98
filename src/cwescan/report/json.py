"""The JSON report: `ScanResult.to_dict()`, documented by `report/schema/result.schema.json`."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from cwescan.context import conclude
from cwescan.model import ScanResult

SCHEMA_VERSION = "1"


def to_json_data(result: ScanResult) -> dict[str, Any]:
    """The JSON document as Python data: the result, its schema version and the conclusion."""
    conclusion = conclude(result)
    return {
        "schema_version": SCHEMA_VERSION,
        **result.to_dict(),
        "conclusion": {"overall_risk": conclusion.overall_risk, "text": conclusion.text},
    }


def render(result: ScanResult, colour: bool = False) -> str:
    """The result as indented, key-sorted JSON text (deterministic but for timings)."""
    return json.dumps(to_json_data(result), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) the output of `render` follows."""
    text = resources.files("cwescan.report").joinpath("schema/result.schema.json").read_text(
        encoding="utf-8"
    )
    data: dict[str, Any] = json.loads(text)
    return data
