"""The result model every stage shares: findings, observations, file errors, scan results.

Every report format is a pure function of a `ScanResult`; nothing downstream reaches
back into the analysis.
"""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How bad a finding is if real. Ordered, so thresholds compare with `>=`."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name (any case); raise ValueError naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(m.name.lower() for m in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None

    def __str__(self) -> str:
        return self.name.lower()


class Confidence(enum.IntEnum):
    """How sure the analysis is that the finding is real."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @classmethod
    def parse(cls, text: str) -> Confidence:
        """Read a confidence name (any case); raise ValueError naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(m.name.lower() for m in cls)
            raise ValueError(f"unknown confidence {text!r} (choose from {choices})") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Location:
    """A span of source: 1-based lines, 0-based columns (as in `ast`)."""

    path: str
    start_line: int
    start_col: int = 0
    end_line: int | None = None
    end_col: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "start_line": self.start_line,
            "start_col": self.start_col,
            "end_line": self.end_line if self.end_line is not None else self.start_line,
            "end_col": self.end_col,
        }


@dataclass(frozen=True)
class TraceStep:
    """One hop of a taint path: where it happened and a short note ("assigned to `q`")."""

    location: Location
    note: str
    code: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location.to_dict(), "note": self.note, "code": self.code}


@dataclass
class Finding:
    """A security defect at one place, reported against one CWE."""

    rule_id: str
    cwe_id: int
    title: str
    severity: Severity
    confidence: Confidence
    location: Location
    snippet: str
    description: str
    remediation: str
    cwe_name: str = ""
    function: str | None = None
    trace: list[TraceStep] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    fingerprint: str = ""
    suppressed: bool = False
    suppression_reason: str | None = None
    parent_cwe_ids: list[int] = field(default_factory=list)
    bandit_ids: list[str] = field(default_factory=list)

    @property
    def cwe(self) -> str:
        return f"CWE-{self.cwe_id}"

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.path, loc.start_line, loc.start_col, self.rule_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "cwe": self.cwe,
            "cwe_id": self.cwe_id,
            "cwe_name": self.cwe_name,
            "parent_cwe_ids": list(self.parent_cwe_ids),
            "title": self.title,
            "severity": str(self.severity),
            "confidence": str(self.confidence),
            "location": self.location.to_dict(),
            "function": self.function,
            "snippet": self.snippet,
            "description": self.description,
            "remediation": self.remediation,
            "trace": [step.to_dict() for step in self.trace],
            "tags": list(self.tags),
            "fingerprint": self.fingerprint,
            "suppressed": self.suppressed,
            "suppression_reason": self.suppression_reason,
            "bandit_ids": list(self.bandit_ids),
        }


@dataclass
class Observation:
    """A general remark a reviewer adds (hygiene, not a CWE by itself)."""

    kind: str
    message: str
    locations: list[Location] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "locations": [loc.to_dict() for loc in self.locations],
        }


@dataclass
class FileError:
    """A file that could not be read or parsed (fully), with the reason a user can act on.

    `kind` is one of: "parse" (no parser could read it), "decode", "read", "skipped"
    (size cap, symlink outside the root, not Python), "analysis" (the analysis of this
    file stopped early).
    """

    path: str
    kind: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


@dataclass
class ScanResult:
    """Everything a scan produced. Report formats are pure functions of this."""

    tool_version: str
    targets: list[str]
    findings: list[Finding] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files_scanned: int = 0
    lines_scanned: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    # display path → why it counts as test code ("under tests/", "imports pytest", ...)
    test_files: dict[str, str] = field(default_factory=dict)
    # narrowing applied after the scan, for the reader: {"baseline": {...}, "diff": {...}}
    filters: dict[str, Any] = field(default_factory=dict)
    # the working directory relative display paths start from (SARIF's %SRCROOT%)
    root: str = ""

    @property
    def active_findings(self) -> list[Finding]:
        """Findings not silenced by an inline comment, config or baseline."""
        return [f for f in self.findings if not f.suppressed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": {"name": "cwescan", "version": self.tool_version},
            "targets": list(self.targets),
            "summary": {
                "files_scanned": self.files_scanned,
                "lines_scanned": self.lines_scanned,
                "findings": len(self.active_findings),
                "suppressed": len(self.findings) - len(self.active_findings),
                "errors": len(self.errors),
                "observations": len(self.observations),
                "test_files": len(self.test_files),
                "by_severity": {
                    str(sev): sum(1 for f in self.active_findings if f.severity == sev)
                    for sev in sorted(Severity, reverse=True)
                },
            },
            "findings": [f.to_dict() for f in self.findings],
            "observations": [o.to_dict() for o in self.observations],
            "errors": [e.to_dict() for e in self.errors],
            "timings": dict(self.timings),
            "config": dict(self.config),
            "test_files": dict(self.test_files),
            "filters": dict(self.filters),
            "root": self.root,
        }


_WHITESPACE = re.compile(r"\s+")


def compute_fingerprint(
    rule_id: str, path: str, snippet: str, function: str | None, occurrence: int = 0
) -> str:
    """A stable identity for a finding across unrelated edits.

    Hashes the rule, the file, the code with whitespace collapsed and the enclosing
    function — never the line number, so inserting lines above leaves it unchanged.
    `occurrence` tells apart identical code repeated in the same function.
    """
    normalized = _WHITESPACE.sub(" ", snippet).strip()
    material = "\x1f".join([rule_id, path, normalized, function or "", str(occurrence)])
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]
