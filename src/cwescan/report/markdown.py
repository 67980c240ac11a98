"""The Markdown review (`-f markdown`): the shape a security reviewer writes by hand.

A summary first (overall risk, counts by severity, the files with the most findings),
then `## Potential Security Defects` (numbered, grouped by file when there are several),
`## General Observations` and `## Conclusion`. With `max_details` only the most severe
findings get a full entry, and a note says what was left out.

Nothing from the scanned code can break the document: code goes into fences longer
than any backtick run inside it, and text is kept on its line with raw HTML and link
brackets escaped outside code spans.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

from cwescan.context import TEST_CODE_TAG, conclude, importance
from cwescan.model import Finding, Observation, ScanResult, Severity

# Rows of the per-file summary table before it is cut with a note.
MAX_FILE_ROWS = 25

_BACKTICKS = re.compile(r"`+")


def render(result: ScanResult, colour: bool = False, *, max_details: int | None = None) -> str:
    """The review as Markdown. `colour` is ignored (Markdown has none)."""
    conclusion = conclude(result)
    active = sorted(result.active_findings, key=_position)
    detailed = _pick_details(active, max_details)
    out: list[str] = []
    targets = ", ".join(code_span(t) for t in result.targets) or "(nothing)"
    out.append(f"# Security review of {targets}")
    out.append("")
    out.append(
        f"**Overall risk: {conclusion.overall_risk}** · "
        f"{_count(len(active), 'finding')} · "
        f"{_count(len(result.observations), 'observation')} · "
        f"{_count(result.files_scanned, 'file')} ({_count(result.lines_scanned, 'line')}) scanned"
    )
    out.append("")
    out.extend(_summary_tables(result, active))

    out.append("## Potential Security Defects")
    out.append("")
    if not active:
        out.append("None found at the reporting thresholds.")
        out.append("")
    else:
        out.extend(_defects(detailed, result))
        cut = len(active) - len(detailed)
        if cut:
            out.append(_cut_note(active, detailed, max_details or 0))
            out.append("")

    out.append("## General Observations")
    out.append("")
    observations = result.observations
    shown_observations = observations
    if max_details is not None and len(observations) > max_details:
        shown_observations = observations[:max_details]
    if not observations:
        out.append("None.")
        out.append("")
    else:
        out.extend(_observations(shown_observations, result))
        left = len(observations) - len(shown_observations)
        if left:
            out.append(
                f"_{_count(left, 'more observation')} not shown (`--max-details "
                f"{max_details}`); see `-f json` for all of them._"
            )
            out.append("")
    if result.errors:
        out.append("### Files not fully analysed")
        out.append("")
        for error in result.errors:
            where = error.path if error.line is None else f"{error.path}:{error.line}"
            out.append(f"- {inline(where)}: {inline(error.message)}")
        out.append("")

    out.append("## Conclusion")
    out.append("")
    out.append(inline(conclusion.text))
    return "\n".join(out).rstrip("\n") + "\n"


# --- summary ---------------------------------------------------------------------------


def _summary_tables(result: ScanResult, active: list[Finding]) -> list[str]:
    lines = ["| Severity | Findings |", "| --- | ---: |"]
    by_severity = Counter(f.severity for f in active)
    for severity in sorted(Severity, reverse=True):
        lines.append(f"| {severity} | {by_severity.get(severity, 0):,} |")
    suppressed = len(result.findings) - len(active)
    if suppressed:
        lines.append(f"| suppressed | {suppressed:,} |")
    lines.append("")

    files: dict[str, list[Finding]] = {}
    for finding in active:
        files.setdefault(finding.location.path, []).append(finding)
    observed = Counter(
        o.locations[0].path for o in result.observations if o.locations
    )
    paths = set(files) | set(observed)
    if not paths:
        return lines
    ranked = sorted(
        paths,
        key=lambda p: (
            -max((int(f.severity) for f in files.get(p, [])), default=-1),
            -len(files.get(p, [])),
            p,
        ),
    )
    lines += ["| File | Findings | Highest severity | Observations |",
              "| --- | ---: | --- | ---: |"]
    for path in ranked[:MAX_FILE_ROWS]:
        found = files.get(path, [])
        highest = str(max(f.severity for f in found)) if found else "–"
        label = table_cell(path) + (" (test code)" if path in result.test_files else "")
        lines.append(f"| {label} | {len(found):,} | {highest} | {observed.get(path, 0):,} |")
    if len(ranked) > MAX_FILE_ROWS:
        rest = ranked[MAX_FILE_ROWS:]
        rest_findings = sum(len(files.get(p, [])) for p in rest)
        lines.append(
            f"| … {len(rest):,} more files | {rest_findings:,} | | "
            f"{sum(observed.get(p, 0) for p in rest):,} |"
        )
    lines.append("")
    return lines


def _pick_details(active: list[Finding], max_details: int | None) -> list[Finding]:
    if max_details is None or len(active) <= max_details:
        return active
    chosen = {id(f) for f in sorted(active, key=importance)[: max(0, max_details)]}
    return [f for f in active if id(f) in chosen]


def _cut_note(active: list[Finding], detailed: list[Finding], limit: int) -> str:
    shown = {id(f) for f in detailed}
    left = Counter(f.severity for f in active if id(f) not in shown)
    parts = ", ".join(f"{left[s]:,} {s}" for s in sorted(left, reverse=True))
    return (
        f"_Details are shown for the {len(detailed):,} most severe of {len(active):,} "
        f"findings (`--max-details {limit}`); {len(active) - len(detailed):,} left out: "
        f"{parts}. The summary tables above count them all; `-f json` or `-f sarif` "
        "lists every one._"
    )


# --- defects ---------------------------------------------------------------------------


def _position(finding: Finding) -> tuple[str, int, int, str]:
    return finding.sort_key()


def _defects(findings: list[Finding], result: ScanResult) -> list[str]:
    lines: list[str] = []
    grouped = len({f.location.path for f in findings}) > 1
    current: str | None = None
    for number, finding in enumerate(findings, start=1):
        path = finding.location.path
        if grouped and path != current:
            current = path
            suffix = " (test code)" if path in result.test_files else ""
            lines.append(f"### {inline(path)}{suffix}")
            lines.append("")
        lines.extend(_defect(number, finding, result))
        lines.append("")
    return lines


def _defect(number: int, finding: Finding, result: ScanResult) -> list[str]:
    marker = f"{number}. "
    pad = " " * len(marker)
    cwe = f"{finding.cwe}: {finding.cwe_name}" if finding.cwe_name else finding.cwe
    lines = [f"{marker}**{inline(finding.title)}** ({inline(cwe)})"]
    loc = finding.location
    end = loc.end_line if loc.end_line is not None else loc.start_line
    span = f"line {loc.start_line}" if end == loc.start_line else f"lines {loc.start_line}-{end}"
    function = f", in {code_span(finding.function)}" if finding.function else ""
    severity = f"severity {finding.severity}"
    if TEST_CODE_TAG in finding.tags and result.config.get("test-code-downgrade", True):
        severity += " after the test-code downgrade"
    where = f"{inline(loc.path)} {span}{function} ({severity}, confidence {finding.confidence})"
    lines.append(f"{pad}- Where: {where}")
    lines.append(f"{pad}- Description: {inline(finding.description)}")
    lines.append(f"{pad}- Solution: {inline(finding.remediation)}")
    if finding.trace:
        steps = [
            f"{inline(step.location.path)}:{step.location.start_line} {inline(step.note)}"
            for step in finding.trace
        ]
        lines.append(f"{pad}- Trace: " + " → ".join(steps))
    other_tags = [t for t in finding.tags if t != TEST_CODE_TAG]
    if TEST_CODE_TAG in finding.tags:
        other_tags.insert(0, TEST_CODE_TAG)
    if other_tags:
        lines.append(f"{pad}- Tags: " + ", ".join(code_span(t) for t in other_tags))
    if finding.snippet.strip():
        lines.append("")
        lines.extend(pad + row if row else "" for row in fenced(finding.snippet))
    return lines


# --- observations ----------------------------------------------------------------------


def _observations(observations: list[Observation], result: ScanResult) -> list[str]:
    lines: list[str] = []
    paths = {o.locations[0].path if o.locations else "" for o in observations}
    grouped = len(paths) > 1
    current: str | None = None
    for item in observations:
        path = item.locations[0].path if item.locations else ""
        if grouped and path != current:
            if current is not None:
                lines.append("")
            current = path
            suffix = " (test code)" if path in result.test_files else ""
            lines.append(f"### {inline(path) or '(no file)'}{suffix}")
            lines.append("")
        lines.append(f"- {inline(item.message)} ({_places(item)})")
    lines.append("")
    return lines


def _places(item: Observation) -> str:
    """`a.py:3, 9, b.py:4`: the path written once per run of places in the same file."""
    places: list[str] = []
    previous: str | None = None
    for loc in item.locations[:10]:
        same_file = loc.path == previous
        places.append(str(loc.start_line) if same_file else f"{loc.path}:{loc.start_line}")
        previous = loc.path
    more = len(item.locations) - len(places)
    text = ", ".join(inline(p) for p in places)
    return text + (f" and {more} more" if more > 0 else "")


# --- safe Markdown ---------------------------------------------------------------------


def fenced(code: str, language: str = "python") -> list[str]:
    """`code` in a fence longer than any backtick run inside it (so it cannot close early)."""
    body = textwrap.dedent(code.expandtabs(4)).strip("\n")
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", *body.splitlines(), fence]


def code_span(text: str) -> str:
    """`text` as inline code that survives backticks inside it."""
    flat = " ".join(text.split())
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(flat)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def table_cell(text: str) -> str:
    """`text` safe inside a table cell (pipes escaped, one line)."""
    return inline(text).replace("|", "\\|")


def inline(text: str) -> str:
    """Text on one line with raw HTML and link brackets neutralised outside code spans.

    Code spans written by rules (`like this`) are kept; an unmatched backtick stays a
    literal backtick, as CommonMark reads it.
    """
    flat = " ".join(text.split())
    out: list[str] = []
    position = 0
    while position < len(flat):
        run = _BACKTICKS.search(flat, position)
        if run is None:
            out.append(_escape_plain(flat[position:]))
            break
        out.append(_escape_plain(flat[position : run.start()]))
        closing = _find_closing(flat, run.end(), len(run.group(0)))
        if closing is None:
            out.append(run.group(0))
            position = run.end()
            continue
        out.append(flat[run.start() : closing])
        position = closing
    return "".join(out)


def _find_closing(text: str, start: int, width: int) -> int | None:
    for candidate in _BACKTICKS.finditer(text, start):
        if len(candidate.group(0)) == width:
            return candidate.end()
    return None


def _escape_plain(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )


def _count(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
