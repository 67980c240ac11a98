"""Inline suppressions: `# cwescan: ignore[...]` and Bandit's `# nosec`.

`# cwescan: ignore` silences every finding on the line; `# cwescan: ignore[CWE-89,
PY-CMD-001]` only those CWEs or rule ids. Bandit's `# nosec` and `# nosec B602, B607`
keep working for users moving over: Bandit test ids map to the rules that replace them.
A finding spanning several lines is silenced by a comment on any of its lines. Text
after `--` (or `reason=`) is kept as the reason.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from cwescan.model import Finding

_CWESCAN_RE = re.compile(
    r"cwescan\s*:\s*ignore(?:\[(?P<codes>[^\]]*)\])?(?:\s*(?:--|reason\s*=)\s*(?P<reason>.*))?",
    re.IGNORECASE,
)
_NOSEC_RE = re.compile(r"(?<![\w-])nosec\b(?P<rest>[^#]*)", re.IGNORECASE)
_CODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass
class Suppression:
    """One suppression comment: which codes it names (empty = all) and why."""

    line: int
    codes: frozenset[str]
    reason: str | None
    style: str  # "cwescan" or "nosec"
    used: bool = False

    def matches(self, finding: Finding) -> bool:
        """True when this comment silences `finding`."""
        if not self.codes:
            return True
        names = {finding.rule_id.upper(), finding.cwe.upper()}
        names.update(b.upper() for b in finding.bandit_ids)
        return bool(self.codes & names)


@dataclass
class SuppressionIndex:
    """The suppression comments of one file, by line."""

    by_line: dict[int, list[Suppression]] = field(default_factory=dict)

    def find(self, finding: Finding) -> Suppression | None:
        """The first comment on the finding's lines that silences it."""
        loc = finding.location
        end = loc.end_line if loc.end_line is not None else loc.start_line
        for line in range(loc.start_line, end + 1):
            for suppression in self.by_line.get(line, ()):
                if suppression.matches(finding):
                    return suppression
        return None

    def all(self) -> list[Suppression]:
        return [s for line in sorted(self.by_line) for s in self.by_line[line]]


def _comments(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment; tokenize when it can, a line scan otherwise."""
    comments: list[tuple[int, str]] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                comments.append((token.start[0], token.string))
        return comments
    except (tokenize.TokenError, SyntaxError, IndentationError, ValueError):
        # newer syntax than the host tokenizer knows: fall back to a plain scan
        comments = []
        for number, line in enumerate(source.splitlines(), start=1):
            index = line.find("#")
            if index >= 0:
                comments.append((number, line[index:]))
        return comments


def parse_suppressions(source: str) -> SuppressionIndex:
    """Collect the suppression comments of a file."""
    index = SuppressionIndex()
    if "nosec" not in source.lower() and "cwescan" not in source.lower():
        return index
    for line, text in _comments(source):
        body = text.lstrip("#").strip()
        found: Suppression | None = None
        match = _CWESCAN_RE.search(body)
        if match:
            codes = _codes(match.group("codes") or "")
            reason = (match.group("reason") or "").strip() or None
            found = Suppression(line, codes, reason, "cwescan")
        else:
            nosec = _NOSEC_RE.search(body)
            if nosec:
                rest = nosec.group("rest")
                reason = None
                if "--" in rest:
                    rest, _, why = rest.partition("--")
                    reason = why.strip() or None
                found = Suppression(line, _codes(rest.lstrip(": ")), reason, "nosec")
        if found is not None:
            index.by_line.setdefault(line, []).append(found)
    return index


def _codes(text: str) -> frozenset[str]:
    codes = set()
    for raw in re.split(r"[,\s]+", text.strip()):
        if raw and _CODE_RE.fullmatch(raw):
            codes.add(raw.upper())
    return frozenset(codes)


def apply_suppressions(findings: list[Finding], index: SuppressionIndex) -> None:
    """Mark findings silenced by an inline comment (they stay in the result, suppressed)."""
    for finding in findings:
        suppression = index.find(finding)
        if suppression is not None:
            suppression.used = True
            finding.suppressed = True
            finding.suppression_reason = suppression.reason or f"inline {suppression.style} comment"
