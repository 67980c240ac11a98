"""The terminal report: one block per finding, then file problems and a summary line.

Colour (Rich markup) only when asked for, i.e. when writing to a terminal; otherwise the
same text, plain, so it can be piped, diffed and grepped.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from cwescan.model import Finding, ScanResult, Severity

_SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def render(result: ScanResult, colour: bool = False) -> str:
    """The scan result as terminal text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        width=120,
        highlight=False,
        soft_wrap=True,
    )
    active = result.active_findings
    for finding in active:
        _finding_block(console, finding)
    if result.errors:
        console.print(f"[bold]Files with problems ({len(result.errors)}):[/bold]")
        for error in result.errors:
            console.print(f"  {escape(str(error))}")
        console.print()
    console.print(_summary(result), highlight=False)
    return buffer.getvalue()


def _finding_block(console: Console, finding: Finding) -> None:
    loc = finding.location
    style = _SEVERITY_STYLE[finding.severity]
    name = f": {finding.cwe_name}" if finding.cwe_name else ""
    console.print(
        f"[bold]{escape(loc.path)}:{loc.start_line}:{loc.start_col + 1}[/bold]  "
        f"[{style}]{str(finding.severity).upper()}[/{style}] (confidence {finding.confidence})  "
        f"[magenta]{finding.cwe}{escape(name)}[/magenta]"
    )
    where = f" in `{finding.function}`" if finding.function else ""
    tags = f"  [dim][{', '.join(finding.tags)}][/dim]" if finding.tags else ""
    console.print(f"  {finding.rule_id}  {escape(finding.title)}{escape(where)}{tags}")
    width = len(str(loc.end_line or loc.start_line))
    for offset, line in enumerate(finding.snippet.splitlines()):
        console.print(f"  [dim]{loc.start_line + offset:>{width}} |[/dim] {escape(line)}")
    console.print(f"  {escape(finding.description)}")
    if finding.trace:
        console.print("  Trace:")
        for step in finding.trace:
            console.print(
                f"    {escape(step.location.path)}:{step.location.start_line}  {escape(step.note)}"
            )
    console.print(f"  [green]Fix:[/green] {escape(finding.remediation)}")
    console.print()


def _summary(result: ScanResult) -> str:
    active = result.active_findings
    counts = [
        f"{sum(1 for f in active if f.severity == sev)} {sev}"
        for sev in sorted(Severity, reverse=True)
        if any(f.severity == sev for f in active)
    ]
    suppressed = len(result.findings) - len(active)
    parts = [
        f"{len(active)} finding{'s' if len(active) != 1 else ''}"
        + (f" ({', '.join(counts)})" if counts else ""),
        f"{result.files_scanned} file{'s' if result.files_scanned != 1 else ''}"
        f" ({result.lines_scanned:,} lines) scanned",
    ]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if result.errors:
        parts.append(f"{len(result.errors)} file problem{'s' if len(result.errors) != 1 else ''}")
    return ", ".join(parts) + "."
