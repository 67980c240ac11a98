"""The taint engine's public face: per-file analysis, the link step, and findings.

Two calls fit the pipeline (see `runner.py`):

- `analyze_module_taint(parsed, resolver, module_name, config)` runs inside the
  per-file step (a worker process later) and returns a picklable `TaintFileResult`:
  the module's summary for the link step, and the places where the engine proved that
  no input arrives (so pattern findings there can be dropped with `drop_disproved`).
- `link_taint(summaries, config, ...)` runs once over all summaries after the files:
  it resolves calls across modules, instantiates summaries bottom-up and returns the
  taint `Finding`s with their traces (`link_modules` does the same from link
  signatures, loading summaries on demand, and incrementally from an earlier link's
  state). `merge_with_patterns` then keeps one finding
  where a pattern rule and the taint engine report the same CWE at the same place.

See `taint_interp` (the abstract interpreter), `taint_link` (inter-procedural step),
`taint_rules` (the rule declarations) and `models/` (framework knowledge as data).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from cwescan.analysis.models import UserModels, load_models
from cwescan.analysis.models.base import ModelSet
from cwescan.analysis.names import NameResolver
from cwescan.analysis.parsing import ParsedModule, decode_source
from cwescan.analysis.taint_domain import F_IMPRECISE, F_INCOMPLETE, F_UNKNOWN
from cwescan.analysis.taint_interp import ModuleAnalyzer, is_harmless
from cwescan.analysis.taint_link import FlowFinding, Linker, LinkModule, LinkState, collect_flows
from cwescan.analysis.taint_rules import (
    KIND_BY_CWE,
    RULE_BY_KIND,
    TAINT_RULES,
    register_taint_rules,
    severity_for,
)
from cwescan.analysis.taint_summary import (
    STEP_ASSIGN,
    STEP_CALL_RESULT,
    STEP_ELEMENT,
    STEP_FIELD_READ,
    STEP_FIELD_WRITE,
    STEP_GLOBAL_READ,
    STEP_ITERATE,
    STEP_PARAM,
    STEP_PASS,
    STEP_RETURN,
    STEP_SANITIZE,
    STEP_SOURCE,
    STEP_UNKNOWN_CALL,
    ModuleSummary,
)
from cwescan.config import Config
from cwescan.model import Confidence, Finding, Location, TraceStep, compute_fingerprint

__all__ = [
    "TAINT_RULES",
    "TaintFileResult",
    "analyze_module_taint",
    "drop_disproved",
    "link_modules",
    "link_taint",
    "merge_with_patterns",
    "models_for",
]

CONFIG_TABLE = "taint-models"  # validated by config.py through models/user.py
register_taint_rules()


@dataclass
class TaintFileResult:
    """What the taint analysis of one file hands back to the runner (picklable)."""

    summary: ModuleSummary
    harmless: dict[tuple[int, int], dict[str, bool]] = field(default_factory=dict)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the engine runs.

    The engine allocates many small acyclic objects (values, taints, facts); their
    reference counts free them. A full collection, triggered by those allocations,
    would scan every summary kept for the link step, again and again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def user_models(config: Config) -> UserModels | None:
    """The user's validated `[tool.cwescan.taint-models]`, if any."""
    models = config.extra.get(CONFIG_TABLE)
    return models if isinstance(models, UserModels) else None


def models_for(config: Config) -> ModelSet:
    """The built-in models plus the user's (cached per distinct user table)."""
    return load_models(user_models(config))


def analyze_module_taint(
    parsed: ParsedModule,
    resolver: NameResolver,
    module_name: str,
    config: Config,
    source_path: str | None = None,
) -> TaintFileResult:
    """Analyse one module: its summary for the link step and its provably harmless places.

    `source_path` is where the file can be read again to show code in traces (the
    display path by default).
    """
    user = user_models(config)
    analyzer = ModuleAnalyzer(
        parsed,
        resolver,
        module_name,
        load_models(user),
        unknown_calls=user.unknown_calls if user is not None else "propagate",
        source_path=source_path,
    )
    with _without_cycle_collection():
        summary = analyzer.run()
        harmless = analyzer.harmless_places()
        # freed here, by reference counts: the collection that re-enabling the collector
        # soon triggers then scans the summary alone, not every value of the analysis
        del analyzer
    return TaintFileResult(summary, harmless)


def drop_disproved(
    findings: list[Finding], harmless: dict[tuple[int, int], dict[str, bool]]
) -> list[Finding]:
    """Pattern findings minus those the taint engine proved wrong.

    A pattern rule flags a call or a string built from non-constant parts (`os.system(cmd)`,
    `f"SELECT … {x}"`); when the engine evaluated that very place and found only
    constants or values sanitised for the rule's CWE there (the variable was overwritten
    with a constant, the branch that taints it is dead, the element read is a literal
    one), the finding is a false alarm and is dropped. Audit-profile hints are kept:
    they are about the construct, not the data; so are places the name resolver alone
    folds to a constant (the engine does not mark those).
    """
    if not harmless:
        return findings
    from cwescan.rules.framework import REGISTRY

    kept: list[Finding] = []
    for finding in findings:
        kind = KIND_BY_CWE.get(finding.cwe_id)
        declared = REGISTRY.get(finding.rule_id)
        # audit hints are about the construct itself (a process started at all), not data
        audit = declared is not None and declared.profile == "audit"
        if kind is not None and not audit and not finding.rule_id.startswith("PY-TAINT-"):
            marks = harmless.get((finding.location.start_line, finding.location.start_col))
            if is_harmless(marks, kind):
                continue
        kept.append(finding)
    return kept


def link_taint(
    summaries: Sequence[ModuleSummary],
    selected_rule_ids: Iterable[str] | None = None,
) -> list[Finding]:
    """Resolve all module summaries together and return the taint findings."""
    modules = sorted(summaries, key=lambda s: (s.path, s.module))
    found, _ = link_modules(
        [LinkModule.of(m) for m in modules], modules.__getitem__, selected_rule_ids
    )
    return found


def link_modules(
    modules: Sequence[LinkModule],
    load: Callable[[int], ModuleSummary],
    selected_rule_ids: Iterable[str] | None = None,
    identities: Sequence[str] = (),
    previous: LinkState | None = None,
) -> tuple[list[Finding], LinkState]:
    """The taint findings of modules given by their link signatures, and the link's state.

    `modules` must be in link order (by path, then module name); `load(i)` returns the
    full summary of `modules[i]`, asked only for the modules whose functions must be
    resolved or whose code a finding shows. With `identities` (what decided each
    module's summary, e.g. the file's cache key) and the state of an earlier link, only
    the functions whose inputs changed are resolved again (see `Linker.run`); the
    findings are those a full link gives.
    """
    linker = Linker(modules, load)
    with _without_cycle_collection():
        linker.run(identities, previous)
        flows = collect_flows(linker)
        state = linker.state()
    wanted = set(selected_rule_ids) if selected_rule_ids is not None else None
    flows.sort(key=lambda f: _flow_order(linker, f))
    code = _CodeLines()
    findings: list[Finding] = []
    occurrences: dict[tuple[str, str, str, str | None], int] = {}
    # one finding per line, sink kind and kind of source (`exec(compile(src))`; the same
    # `request.GET` read in several places; the URL parameters of a handler, the options
    # of a command): the best flow, naming the other sources
    groups: dict[tuple[int, int, str, str], list[FlowFinding]] = {}
    for flow in _best_first(flows):
        site = linker.body(flow.site[0]).sink_sites[flow.site[1]]
        groups.setdefault((flow.site[0], site.line, site.kind, flow.source_kind), []).append(flow)
    for group in groups.values():
        finding = _finding(linker, group[0], occurrences, code, group[1:])
        if finding is None:
            continue
        if wanted is not None and finding.rule_id not in wanted:
            continue
        findings.append(finding)
    return findings, state


def merge_with_patterns(findings: list[Finding], taint_findings: list[Finding]) -> list[Finding]:
    """Pattern findings plus taint findings, one finding per CWE and place.

    A pattern finding of the same CWE on the taint finding's sink, or on a line its trace
    passes through (the `query = f"..."` line before `cursor.execute(query)`), reports the
    same defect: it is dropped, and the taint finding says it with its source and path.
    """
    places: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for finding in taint_findings:
        loc = finding.location
        spans = places.setdefault((loc.path, finding.cwe_id), [])
        spans.append((loc.start_line, loc.end_line or loc.start_line))
        for step in finding.trace:
            if step.location.path == loc.path:
                spans.append((step.location.start_line, step.location.start_line))
    merged: list[Finding] = []
    for finding in findings:
        covered = places.get((finding.location.path, finding.cwe_id))
        if covered and not finding.rule_id.startswith("PY-TAINT-"):
            line = finding.location.start_line
            if any(start <= line <= end for start, end in covered):
                continue
        merged.append(finding)
    merged.extend(taint_findings)
    return merged


# -- findings -------------------------------------------------------------------------


def _best_first(flows: list[FlowFinding]) -> list[FlowFinding]:
    """Flows in report order, the most certain and shortest path first among equals."""
    return sorted(flows, key=lambda f: (f.fact[1] != 0, len(f.fact[2])))


def _flow_order(linker: Linker, flow: FlowFinding) -> tuple[str, int, int, str, int, int]:
    site = linker.body(flow.site[0]).sink_sites[flow.site[1]]
    return (
        linker.modules[flow.site[0]].path,
        site.line,
        site.col,
        flow.source_label,
        flow.source_location[1],
        flow.source_location[2],
    )


class _CodeLines:
    """Source lines for traces, read back from the files only when a finding needs them."""

    def __init__(self) -> None:
        self._files: dict[str, list[str]] = {}

    def line(self, module: ModuleSummary, number: int) -> str:
        """A source line, stripped and capped, for a trace step."""
        return self.raw(module, number).strip()[:200]

    def call(self, module: ModuleSummary, number: int, column: int) -> str:
        """The text of the call starting at (line, column): up to its closing parenthesis."""
        raw = self.raw(module, number)
        encoded = raw.encode("utf-8", "surrogatepass")
        text = encoded[column:].decode("utf-8", "replace") if not raw.isascii() else raw[column:]
        depth = 0
        for position, char in enumerate(text):
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth == 0:
                    return _shorten(text[: position + 1])
                if depth < 0:
                    break
        return _shorten(text.rstrip()) + (" …" if depth > 0 else "")

    def raw(self, module: ModuleSummary, number: int) -> str:
        """A source line as in the file (read once per file)."""
        lines = self._files.get(module.source_path)
        if lines is None:
            lines = []
            try:
                with open(module.source_path, "rb") as handle:
                    decoded = decode_source(module.path, handle.read())
                if isinstance(decoded, str):
                    lines = decoded.splitlines()
            except OSError:
                pass
            self._files[module.source_path] = lines
        if 0 < number <= len(lines):
            return lines[number - 1]
        return ""


def _shorten(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source_text(linker: Linker, flow: FlowFinding) -> str:
    """How a finding names the flow's source: `` `request.args` (remote input, app.py:3)``."""
    if flow.origin[0] == "EP" and flow.entry_function is not None:
        handler = linker.functions[flow.entry_function][1].name
        return f"the {flow.source_label} of `{handler}` ({flow.source_kind} input)"
    source_module = linker.modules[flow.source_location[0]]
    where = f"{os.path.basename(source_module.path)}:{flow.source_location[1]}"
    return f"`{flow.source_label}` ({flow.source_kind} input, {where})"


_OTHER_SOURCES_SHOWN = 3


def _finding(
    linker: Linker,
    flow: FlowFinding,
    occurrences: dict[tuple[str, str, str, str | None], int],
    code: _CodeLines,
    others: Sequence[FlowFinding] = (),
) -> Finding | None:
    """The finding for `flow`; `others` are flows of other sources to the same place."""
    module = linker.body(flow.site[0])
    site = module.sink_sites[flow.site[1]]
    rule = RULE_BY_KIND.get(site.kind)
    if rule is None:
        return None
    trace, sanitizers, hops = _render_trace(linker, flow, code)
    location = Location(module.path, site.line, site.col, site.end_line, site.end_col)
    trace.append(
        TraceStep(location, f"reaches `{site.label}` ({site.what})", code.line(module, site.line))
    )
    flags = flow.fact[1]
    confidence = Confidence.HIGH
    lowered = bool(flags & F_UNKNOWN) + bool(flags & F_IMPRECISE)
    if lowered == 1 or flags & F_INCOMPLETE:
        confidence = Confidence.MEDIUM
    if lowered >= 2 or site.mitigated:
        confidence = Confidence.LOW
    tags = ["taint"]
    if flags & F_INCOMPLETE:
        tags.append("analysis-incomplete")
    source_text = _source_text(linker, flow)
    function = site.function
    description = f"Data from {source_text} reaches `{site.label}` ({site.what})"
    if function:
        description += f" in `{function}`"
    if hops:
        description += f", through {hops} function call{'s' if hops != 1 else ''}"
    description += "."
    if sanitizers:
        names = ", ".join(f"`{s}`" for s in sanitizers)
        description += f" On the way it passes {names}, which does not neutralise it for this sink."
    if flags & F_UNKNOWN:
        description += (
            " The path goes through calls cwescan has no model for; they are assumed to pass the"
            " data on."
        )
    if flags & F_INCOMPLETE:
        description += " (Analysis of a function on the path stopped early: it was too large.)"
    if site.mitigated:
        description += f" {site.mitigated}"
    also = [t for t in dict.fromkeys(_source_text(linker, f) for f in others) if t != source_text]
    if also:
        named = also[:_OTHER_SOURCES_SHOWN]
        if len(also) > len(named):
            named.append(f"{len(also) - len(named)} other sources")
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        description += f" Data from {listed} reaches it too."
    key = (rule.id, module.path, " ".join(site.snippet.split()), function)
    occurrence = occurrences.get(key, 0)
    occurrences[key] = occurrence + 1
    return Finding(
        rule_id=rule.id,
        cwe_id=rule.cwe,
        title=rule.title,
        severity=severity_for(rule, flow.source_kind),
        confidence=confidence,
        location=location,
        snippet=site.snippet,
        description=description,
        remediation=rule.fix,
        function=function,
        trace=trace,
        tags=tags,
        fingerprint=compute_fingerprint(rule.id, module.path, site.snippet, function, occurrence),
    )


def _render_trace(
    linker: Linker, flow: FlowFinding, code: _CodeLines
) -> tuple[list[TraceStep], list[str], int]:
    steps: list[TraceStep] = []
    sanitizers: list[str] = []
    hops = 0
    if flow.origin[0] == "EP":
        position, line, col = flow.source_location
        module = linker.body(position)
        steps.append(
            TraceStep(
                Location(module.path, line, col),
                f"source: {flow.source_label} ({flow.source_kind} input)",  # noqa: E501
                code.line(module, line),
            )
        )
    for position, step_id in flow.fact[2]:
        module = linker.body(position)
        chain: list[tuple[int, int, int, int, str]] = []
        current = step_id
        guard = 0
        while current >= 0 and guard < 200:
            guard += 1
            step = module.steps[current]
            chain.append(step)
            current = step[0]
        for _, line, col, kind, text in reversed(chain):
            if kind == STEP_PASS:
                hops += 1
            if kind == STEP_SANITIZE:
                label, _, kinds = text.partition("\x1f")
                if label not in sanitizers:
                    sanitizers.append(label)
                note = f"through `{label}` (neutralises {kinds or 'nothing'} only)"
            else:
                if not text and kind in (STEP_PASS, STEP_CALL_RESULT):
                    text = code.call(module, line, col)
                note = _note(kind, text, module.path, line)
            if kind == STEP_PARAM and flow.origin[0] == "EP" and len(steps) == 1:
                continue  # the entry parameter is the source step already
            if (
                steps
                and steps[-1].location.path == module.path
                and steps[-1].location.start_line == line
                and steps[-1].note == note
            ):
                continue
            steps.append(TraceStep(Location(module.path, line, col), note, code.line(module, line)))
    return steps, sanitizers, hops


def _note(code: int, text: str, path: str, line: int) -> str:
    if code == STEP_SOURCE:
        label, _, kind = text.partition("\x1f")
        return f"source: `{label}` ({kind} input)"
    if code == STEP_ASSIGN:
        return f"assigned to `{text}`"
    if code == STEP_PARAM:
        name, _, function = text.partition("\x1f")
        return f"received as parameter `{name}` of `{function}`"
    if code == STEP_CALL_RESULT:
        return f"returned by `{text}`"
    if code == STEP_PASS:
        return f"passed to `{text}` at {os.path.basename(path)}:{line}"
    if code == STEP_RETURN:
        return f"returned from `{text}`"
    if code == STEP_UNKNOWN_CALL:
        return f"through `{text}` (not modelled: assumed to pass the data on)"
    if code == STEP_FIELD_WRITE:
        return f"stored in `{text}`"
    if code == STEP_FIELD_READ:
        return f"read from `{text}`"
    if code == STEP_GLOBAL_READ:
        return f"read from module variable `{text}`"
    if code == STEP_ITERATE:
        return f"iterated into `{text}`"
    if code == STEP_ELEMENT:
        return f"element of `{text}`"
    return text
