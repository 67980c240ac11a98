"""The JSON report: `ScanResult.to_dict()`, documented by `report/schema/result.schema.json`."""

from __future__ import annotations

import json

from cwescan.model import ScanResult

SCHEMA_VERSION = "1"


def render(result: ScanResult, colour: bool = False) -> str:
    """The result as indented, key-sorted JSON text (deterministic)."""
    data = {"schema_version": SCHEMA_VERSION, **result.to_dict()}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
