"""Baselines: record today's findings so later scans report only new ones.

`cwescan baseline create PATH... -o FILE` writes every current finding (at the lowest
thresholds, so any later threshold works) to a JSON file; `cwescan scan --baseline FILE`
marks findings already in it as suppressed ("in baseline"), so reports, SARIF and the
exit status see only new ones.

A finding matches a baseline entry by its fingerprint (rule, file, normalised code,
enclosing function — not the line), or, failing that, by the same parts with the path
taken relative to the scan's working directory, so `scan src/` and `scan ./src` or an
absolute path agree. The file is written atomically: a killed process leaves the old
baseline or the new one, never half of one. A damaged or foreign file is a
`BaselineError` naming the file and what is wrong, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwescan.atomic import write_text_atomic
from cwescan.model import Finding, ScanResult

BASELINE_FORMAT = 1
_WHITESPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """The baseline file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Baseline:
    """The findings recorded in a baseline file."""

    path: str
    fingerprints: frozenset[str]
    # (rule id, root-relative path, function, code hash) → how many recorded
    keys: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    entries: int = 0


def _relative_path(path: str, root: str) -> str:
    """`path` relative to `root` in posix form (unchanged when outside `root`)."""
    if not root:
        return Path(path).as_posix()
    absolute = os.path.normpath(os.path.join(root, path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if relative.startswith(".."):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def _code_hash(snippet: str) -> str:
    normalized = _WHITESPACE.sub(" ", snippet).strip()
    return hashlib.sha256(normalized.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _key(finding: Finding, root: str) -> tuple[str, str, str, str]:
    return (
        finding.rule_id,
        _relative_path(finding.location.path, root),
        finding.function or "",
        _code_hash(finding.snippet),
    )


def baseline_document(result: ScanResult) -> dict[str, Any]:
    """The baseline file's content for `result`: every finding not suppressed inline.

    No timestamps, sorted entries: re-creating an unchanged baseline gives the same
    bytes, so it diffs cleanly in version control.
    """
    entries = []
    for finding in sorted(result.findings, key=Finding.sort_key):
        if finding.suppressed:
            continue
        rule_id, path, function, code = _key(finding, result.root)
        entries.append(
            {
                "fingerprint": finding.fingerprint,
                "rule_id": rule_id,
                "cwe": finding.cwe,
                "path": path,
                "line": finding.location.start_line,
                "function": function,
                "code_hash": code,
                "title": finding.title,
            }
        )
    return {
        "cwescan_baseline": BASELINE_FORMAT,
        "tool_version": result.tool_version,
        "findings": entries,
    }


def write_baseline(path: Path, result: ScanResult) -> int:
    """Write the baseline of `result` to `path` atomically; returns the number of entries."""
    document = baseline_document(result)
    write_text_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len(document["findings"])


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; raise `BaselineError` naming the file and the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found (create one with "
            f"`cwescan baseline create PATH... -o {path}`)"
        ) from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: is a folder, not a baseline file") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a baseline file (not UTF-8 text)") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON ({exc.msg}); "
            "re-create it with `cwescan baseline create`"
        ) from None
    if not isinstance(data, dict) or "cwescan_baseline" not in data:
        raise BaselineError(
            f"{path}: not a cwescan baseline (no \"cwescan_baseline\" key); create one with "
            "`cwescan baseline create`"
        )
    if data["cwescan_baseline"] != BASELINE_FORMAT:
        raise BaselineError(
            f"{path}: baseline format {data['cwescan_baseline']!r} is not supported "
            f"(this cwescan reads format {BASELINE_FORMAT}); re-create it"
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: \"findings\" must be a list")
    fingerprints: set[str] = set()
    keys: Counter[tuple[str, str, str, str]] = Counter()
    for number, entry in enumerate(findings, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(
                f"{path}: finding #{number} is malformed (needs a \"fingerprint\" string)"
            )
        fingerprints.add(entry["fingerprint"])
        parts = [entry.get(k) for k in ("rule_id", "path", "function", "code_hash")]
        if all(isinstance(p, str) for p in parts):
            keys[(parts[0], parts[1], parts[2], parts[3])] += 1  # type: ignore[index]
    return Baseline(str(path), frozenset(fingerprints), keys, len(findings))


def apply_baseline(result: ScanResult, baseline: Baseline) -> int:
    """Mark findings recorded in `baseline` as suppressed; returns how many matched.

    Records `result.filters["baseline"]` for the reports.
    """
    remaining = Counter(baseline.keys)
    matched = 0
    pending: list[Finding] = []
    for finding in result.findings:
        if finding.suppressed:
            continue
        if finding.fingerprint in baseline.fingerprints:
            key = _key(finding, result.root)
            if remaining[key] > 0:
                remaining[key] -= 1
            _mark(finding, baseline)
            matched += 1
        else:
            pending.append(finding)
    # second chance: same rule, file, function and code, spelled from another path
    for finding in pending:
        key = _key(finding, result.root)
        if remaining[key] > 0:
            remaining[key] -= 1
            _mark(finding, baseline)
            matched += 1
    result.filters["baseline"] = {
        "path": baseline.path,
        "entries": baseline.entries,
        "matched": matched,
    }
    return matched


def _mark(finding: Finding, baseline: Baseline) -> None:
    finding.suppressed = True
    finding.suppression_reason = f"in baseline {baseline.path}"
