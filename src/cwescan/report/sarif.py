"""SARIF 2.1.0 (`-f sarif`), for GitHub code scanning and other SARIF viewers.

Valid against the OASIS schema (tests check it) and carrying what GitHub reads:
`tool.driver.rules` with `helpUri`, `help.markdown`, `properties.tags` (`security`,
`external/cwe/cwe-N`) and `security-severity`; a CWE entry in `taxonomies` that each
rule points to through `relationships`; per result a `partialFingerprints` entry from
cwescan's stable fingerprint (so an alert survives lines moving), `codeFlows` for taint
traces, relative `artifactLocation.uri`s with `uriBaseId` `%SRCROOT%`, suppressions for
inline-silenced and baselined findings, and the files that could not be parsed as
`invocations[0].toolExecutionNotifications`. Observations are not alerts: they ride in
`runs[0].properties` with the conclusion.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from cwescan.context import conclude
from cwescan.model import Finding, Location, ScanResult, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "cwescanFingerprint/v1"

# GitHub reads security-severity as a CVSS-like score: >=9 critical, 7-8.9 high,
# 4-6.9 medium, <4 low.
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_PRECISION = {"high": "high", "medium": "medium", "low": "low"}
_ERROR_LEVEL = {"parse": "error", "decode": "error", "read": "error", "analysis": "warning"}


def render(result: ScanResult, colour: bool = False) -> str:
    """The result as a SARIF 2.1.0 log (indented JSON text)."""
    return json.dumps(to_sarif(result), indent=2, ensure_ascii=False) + "\n"


def to_sarif(result: ScanResult) -> dict[str, Any]:
    """The result as a SARIF 2.1.0 log object."""
    from cwescan.cwe.catalog import get_catalog

    catalog = get_catalog()
    findings = result.findings
    rule_ids = sorted({f.rule_id for f in findings})
    rule_index = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    cwe_ids = sorted({f.cwe_id for f in findings})
    taxon_index = {cwe: index for index, cwe in enumerate(cwe_ids)}
    artifacts: dict[str, int] = {}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cwescan",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "rules": [
                    _rule(rule_id, [f for f in findings if f.rule_id == rule_id], taxon_index)
                    for rule_id in rule_ids
                ],
                "supportedTaxonomies": [{"name": "CWE", "index": 0}],
            }
        },
        "taxonomies": [_taxonomy(cwe_ids, catalog)],
        "invocations": [_invocation(result)],
        "columnKind": "utf16CodeUnits",
    }
    if result.root:
        run["originalUriBaseIds"] = {
            SRCROOT: {"uri": Path(result.root).resolve().as_uri().rstrip("/") + "/"}
        }
    baselined = "baseline" in result.filters
    run["results"] = [
        _result(f, rule_index[f.rule_id], taxon_index, result.root, artifacts, baselined)
        for f in findings
    ]
    run["artifacts"] = [
        {"location": _artifact_location(path, result.root), "roles": ["analysisTarget"]}
        for path in sorted(artifacts, key=artifacts.__getitem__)
    ]
    conclusion = conclude(result)
    run["properties"] = {
        "overallRisk": conclusion.overall_risk,
        "conclusion": conclusion.text,
        "filesScanned": result.files_scanned,
        "linesScanned": result.lines_scanned,
        "testFiles": sorted(result.test_files),
        "filters": result.filters,
        "observations": [o.to_dict() for o in result.observations],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _rule(rule_id: str, findings: list[Finding], taxon_index: dict[int, int]) -> dict[str, Any]:
    from cwescan.cwe.catalog import get_catalog
    from cwescan.rules import all_rules

    declared = all_rules().get(rule_id)
    first = findings[0]
    cwe_id = declared.cwe if declared is not None else first.cwe_id
    entry = get_catalog().get(cwe_id)
    cwe_name = entry.name if entry is not None else first.cwe_name
    cwe_url = f"https://cwe.mitre.org/data/definitions/{cwe_id}.html"
    if declared is not None:
        severity = declared.severity
        confidence = str(declared.confidence)
        title, summary = declared.title, declared.summary
        help_markdown = declared.doc()
        help_text = f"{declared.summary} {declared.why} Fix: {declared.fix}"
        family = declared.family
    else:
        # rules outside the pattern registry (e.g. the taint engine's) describe themselves
        # through their findings
        severity = max(f.severity for f in findings)
        confidence = str(max(f.confidence for f in findings))
        title = first.title
        summary = f"{first.title} (CWE-{cwe_id}: {cwe_name})."
        why = entry.description if entry is not None else ""
        help_text = f"{summary} {why} Fix: {first.remediation}".strip()
        help_markdown = (
            f"### {rule_id}: {title}\n\n{why}\n\n**Fix.** {first.remediation}\n"
        )
        family = "taint" if any(f.trace for f in findings) else ""
    help_markdown += f"\n\n[CWE-{cwe_id}: {cwe_name}]({cwe_url})\n"
    level = _LEVEL[severity]
    tags = ["security", f"external/cwe/cwe-{cwe_id}"]
    if family:
        tags.append(family)
    rule: dict[str, Any] = {
        "id": rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": summary},
        "helpUri": cwe_url,
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": level},
        "properties": {
            "tags": tags,
            "security-severity": _SECURITY_SEVERITY[severity],
            "precision": _PRECISION.get(confidence, "medium"),
            "problem.severity": _PROBLEM_SEVERITY[level],
            "cwe": f"CWE-{cwe_id}",
        },
    }
    if cwe_id in taxon_index:
        rule["relationships"] = [
            {
                "target": {
                    "id": str(cwe_id),
                    "index": taxon_index[cwe_id],
                    "toolComponent": {"name": "CWE", "index": 0},
                },
                "kinds": ["relevant"],
            }
        ]
    return rule


def _taxonomy(cwe_ids: list[int], catalog: Any) -> dict[str, Any]:
    version = catalog.version
    taxa = []
    for cwe_id in cwe_ids:
        entry = catalog.get(cwe_id)
        name = entry.name if entry is not None else f"CWE-{cwe_id}"
        taxon: dict[str, Any] = {
            "id": str(cwe_id),
            "name": name,
            "shortDescription": {"text": name},
            "helpUri": f"https://cwe.mitre.org/data/definitions/{cwe_id}.html",
        }
        if entry is not None and entry.description:
            taxon["fullDescription"] = {"text": entry.description}
        taxa.append(taxon)
    return {
        "name": "CWE",
        "version": version,
        "releaseDateUtc": catalog.release_date,
        "organization": "MITRE",
        "shortDescription": {"text": "The MITRE Common Weakness Enumeration"},
        "informationUri": f"https://cwe.mitre.org/data/published/cwe_v{version}.pdf",
        "downloadUri": f"https://cwe.mitre.org/data/xml/cwec_v{version}.xml.zip",
        "isComprehensive": False,
        "taxa": taxa,
    }


def _uri(path: str, root: str) -> tuple[str, bool]:
    """(uri, relative?) for a display path: relative to `root` when it lies inside it."""
    candidate = Path(path)
    if not candidate.is_absolute():
        posix = PurePosixPath(candidate.as_posix())
        if ".." not in posix.parts:
            return quote(str(posix), safe="/"), True
        candidate = Path(root or os.getcwd()) / candidate
    if root:
        try:
            relative = os.path.relpath(candidate, root)
        except ValueError:
            relative = ""
        if relative and not relative.startswith(".."):
            return quote(Path(relative).as_posix(), safe="/"), True
    return candidate.resolve().as_uri(), False


def _artifact_location(path: str, root: str) -> dict[str, Any]:
    uri, relative = _uri(path, root)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _utf16_column(line: str, byte_offset: int | None) -> int | None:
    """A 1-based UTF-16 column from an `ast` UTF-8 byte offset into `line`."""
    if byte_offset is None:
        return None
    prefix = line.encode("utf-8")[:byte_offset].decode("utf-8", "ignore")
    return len(prefix.encode("utf-16-le")) // 2 + 1


def _region(location: Location, snippet: str = "") -> dict[str, Any]:
    end_line = location.end_line if location.end_line is not None else location.start_line
    region: dict[str, Any] = {"startLine": max(1, location.start_line)}
    lines = snippet.splitlines()
    start_column = _utf16_column(lines[0], location.start_col) if lines else None
    if start_column is None:
        start_column = location.start_col + 1
    region["startColumn"] = max(1, start_column)
    region["endLine"] = max(region["startLine"], end_line)
    if location.end_col is not None:
        last = end_line - location.start_line
        if 0 <= last < len(lines):
            end_column = _utf16_column(lines[last], location.end_col)
        else:
            end_column = location.end_col + 1
        if end_column is not None and (
            region["endLine"] > region["startLine"] or end_column > region["startColumn"]
        ):
            region["endColumn"] = end_column
    if snippet:
        exact = _region_text(lines, location)
        if exact:
            region["snippet"] = {"text": exact}
    return region


def _region_text(lines: list[str], location: Location) -> str:
    """The exact source text of a region, from the full lines of the finding's snippet."""
    end_line = location.end_line if location.end_line is not None else location.start_line
    count = end_line - location.start_line + 1
    if count > len(lines) or location.end_col is None:
        return ""
    encoded = [line.encode("utf-8") for line in lines[:count]]
    if count == 1:
        piece = encoded[0][location.start_col : location.end_col]
        return piece.decode("utf-8", "ignore")
    parts = [encoded[0][location.start_col :], *encoded[1:-1], encoded[-1][: location.end_col]]
    return "\n".join(part.decode("utf-8", "ignore") for part in parts)


def _context_region(location: Location, snippet: str) -> dict[str, Any]:
    """The whole lines around a region, with their text."""
    lines = snippet.splitlines()
    return {
        "startLine": max(1, location.start_line),
        "endLine": max(1, location.start_line + len(lines) - 1),
        "snippet": {"text": snippet},
    }


def _physical(
    location: Location, root: str, artifacts: dict[str, int] | None, snippet: str = ""
) -> dict[str, Any]:
    artifact = _artifact_location(location.path, root)
    if artifacts is not None:
        artifact["index"] = artifacts.setdefault(location.path, len(artifacts))
    physical: dict[str, Any] = {"artifactLocation": artifact, "region": _region(location, snippet)}
    if snippet.strip():
        physical["contextRegion"] = _context_region(location, snippet)
    return physical


def _result(
    finding: Finding,
    rule_index: int,
    taxon_index: dict[int, int],
    root: str,
    artifacts: dict[str, int],
    baselined: bool,
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": _physical(finding.location, root, artifacts, finding.snippet)
    }
    if finding.function:
        location["logicalLocations"] = [
            {"fullyQualifiedName": finding.function, "kind": "function"}
        ]
    message = f"{finding.title}: {finding.description}"
    if finding.remediation:
        message += f" Fix: {finding.remediation}"
    item: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "taxa": [
            {
                "id": str(finding.cwe_id),
                "index": taxon_index[finding.cwe_id],
                "toolComponent": {"name": "CWE", "index": 0},
            }
        ],
        "properties": {
            "severity": str(finding.severity),
            "confidence": str(finding.confidence),
            "security-severity": _SECURITY_SEVERITY[finding.severity],
            "cwe": finding.cwe,
            "tags": list(finding.tags),
        },
    }
    if finding.trace:
        item["codeFlows"] = [
            {
                "threadFlows": [
                    {
                        "locations": [
                            {
                                "location": {
                                    "physicalLocation": _physical(
                                        step.location, root, artifacts, step.code
                                    ),
                                    "message": {"text": step.note or "step"},
                                }
                            }
                            for step in finding.trace
                        ]
                    }
                ]
            }
        ]
    if finding.suppressed:
        reason = finding.suppression_reason or "suppressed"
        in_baseline = reason.startswith("in baseline")
        item["suppressions"] = [
            {
                "kind": "external" if in_baseline else "inSource",
                "status": "accepted",
                "justification": reason,
            }
        ]
    if baselined:
        item["baselineState"] = (
            "unchanged"
            if finding.suppressed and (finding.suppression_reason or "").startswith("in baseline")
            else "new"
        )
    return item


def _invocation(result: ScanResult) -> dict[str, Any]:
    notifications = []
    for error in result.errors:
        notification: dict[str, Any] = {
            "level": _ERROR_LEVEL.get(error.kind, "note"),
            "message": {"text": error.message},
            "descriptor": {"id": f"cwescan/{error.kind}"},
        }
        physical: dict[str, Any] = {"artifactLocation": _artifact_location(error.path, result.root)}
        if error.line is not None:
            region: dict[str, Any] = {"startLine": max(1, error.line)}
            if error.column is not None:
                region["startColumn"] = error.column + 1
            physical["region"] = region
        notification["locations"] = [{"physicalLocation": physical}]
        notifications.append(notification)
    return {"executionSuccessful": True, "toolExecutionNotifications": notifications}
