"""The observation framework: declared kinds, their registry, and one walk per file.

An observation is what a reviewer adds beside the defects: hygiene that is not a CWE by
itself (a sleep-polling loop, an `except` that swallows errors, a hard-coded UUID). Each
kind is a small checker declared with `@observation(...)`: an id, a title, a summary, the
advice, the node types it wants, and optionally the rules whose findings make it
redundant on the same line (`superseded_by`). `ObservationPass` joins the one walk per
file (`analysis.walk.walk_scoped`) beside the rules and hands every node to the checkers
registered for its type. Kinds that read comments rather than the tree declare `source=True`
and receive the module instead of nodes.

Observations never change the exit status.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.parsing import ParsedModule
from cwescan.model import Finding, Location, Observation


@dataclass
class Remark:
    """What a checker yields: where, what to say, and a key merging repeats in one file.

    Remarks of one kind with the same `key` in one file become a single observation
    listing every place (a UUID used ten times is one remark, not ten).
    """

    node: ast.AST | None
    message: str
    key: str | None = None
    line: int | None = None  # for source checkers that have a line but no node
    end_line: int | None = None


@dataclass
class ObservationContext:
    """What a checker may ask about the node in front of it."""

    module: ParsedModule
    resolver: NameResolver
    is_test: bool
    scope: Scope
    function: str | None = None
    parents: Sequence[ast.AST] = ()

    @property
    def path(self) -> str:
        return self.module.path

    def qualified_name(self, node: ast.AST) -> str | None:
        """The qualified name of a name/attribute chain here, e.g. `time.sleep`."""
        return self.resolver.qualified_name(node, self.scope)

    def call_name(self, call: ast.Call) -> str | None:
        """The qualified name of the function a call invokes, when known."""
        return self.resolver.qualified_name(call.func, self.scope)


NodeCheck = Callable[[ast.AST, ObservationContext], Iterable[Remark]]
SourceCheck = Callable[[ObservationContext], Iterable[Remark]]


@dataclass(frozen=True)
class ObservationKind:
    """A declared observation kind and its checker."""

    id: str
    title: str
    summary: str
    advice: str
    nodes: tuple[type[ast.AST], ...] = ()
    check: NodeCheck | None = None
    check_source: SourceCheck | None = None
    # rule ids, CWE ids (`CWE-703`) or Bandit ids whose finding on the same line already
    # says this; the observation is then dropped so nothing is reported twice
    superseded_by: tuple[str, ...] = ()
    test_code_only: bool = False
    # which `ast.Call` nodes the checker wants (all when both are empty), as for rules:
    # qualified callee names (an entry ending in "." is a prefix) and last name components
    calls: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()

    def wants_call(self, name: str | None, written: str | None) -> bool:
        """True when a call to `name` (as written: `written`) may interest the checker."""
        if not (self.calls or self.methods):
            return True
        if written is not None and written in self.methods:
            return True
        if name is None:
            return False
        if name in self.calls or name.rpartition(".")[2] in self.methods:
            return True
        return bool(self.call_prefixes) and name.startswith(self.call_prefixes)

    @functools.cached_property
    def call_prefixes(self) -> tuple[str, ...]:
        """The entries of `calls` that end in "." (prefixes of qualified names)."""
        return tuple(c for c in self.calls if c.endswith("."))

    def doc(self) -> str:
        """One Markdown paragraph: title, what it notes, what to do."""
        return f"**{self.id}** — {self.title}. {self.summary} {self.advice}"


class ObservationRegistry:
    """Every declared observation kind, by id."""

    def __init__(self) -> None:
        self._kinds: dict[str, ObservationKind] = {}

    def add(self, kind: ObservationKind) -> None:
        if kind.id in self._kinds:
            raise ValueError(f"duplicate observation kind {kind.id}")
        self._kinds[kind.id] = kind

    def __iter__(self) -> Iterator[ObservationKind]:
        return iter(sorted(self._kinds.values(), key=lambda k: k.id))

    def __len__(self) -> int:
        return len(self._kinds)

    def get(self, kind_id: str) -> ObservationKind | None:
        return self._kinds.get(kind_id)


OBSERVATIONS = ObservationRegistry()


def observation(
    *,
    id: str,
    title: str,
    summary: str,
    advice: str,
    nodes: Sequence[type[ast.AST]] = (),
    source: bool = False,
    superseded_by: Sequence[str] = (),
    test_code_only: bool = False,
    calls: Iterable[str] = (),
    methods: Iterable[str] = (),
) -> Callable[[Callable[..., Iterable[Remark]]], ObservationKind]:
    """Declare an observation kind around its checker and register it.

    A node checker receives each node of the listed types; a source checker
    (`source=True`) receives only the context, once per file. A checker of calls may
    narrow the calls it receives with `calls` (qualified callee names; an entry ending
    in "." is a prefix) and `methods` (the last name component, as written or resolved),
    like a rule's prefilter: they must include every call it can remark on.
    """
    if (calls or methods) and ast.Call not in nodes:
        raise ValueError(f"observation {id}: calls/methods need ast.Call in nodes")

    def declare(check: Callable[..., Iterable[Remark]]) -> ObservationKind:
        kind = ObservationKind(
            id=id,
            title=title,
            summary=summary,
            advice=advice,
            nodes=tuple(nodes),
            check=None if source else check,
            check_source=check if source else None,
            superseded_by=tuple(s.upper() for s in superseded_by),
            test_code_only=test_code_only,
            calls=frozenset(calls),
            methods=frozenset(methods),
        )
        OBSERVATIONS.add(kind)
        return kind

    return declare


def declare_kind(kind: ObservationKind) -> ObservationKind:
    """Register a kind produced outside the walk (e.g. suppression-comment remarks)."""
    OBSERVATIONS.add(kind)
    return kind


class ObservationPass:
    """The observation kinds as one pass of the shared per-file walk (`walk_scoped`).

    A checker that hits a `RecursionError` on a pathological expression loses that one
    remark, not the file.
    """

    def __init__(
        self,
        module: ParsedModule,
        resolver: NameResolver,
        kinds: Iterable[ObservationKind],
        *,
        is_test: bool,
    ) -> None:
        self._module = module
        self._dispatch: dict[type[ast.AST], list[ObservationKind]] = {}
        self._source_kinds: list[ObservationKind] = []
        for kind in kinds:
            if kind.test_code_only and not is_test:
                continue
            if kind.check_source is not None:
                self._source_kinds.append(kind)
            for node_type in kind.nodes:
                self._dispatch.setdefault(node_type, []).append(kind)
        self.node_types = frozenset(self._dispatch)
        self._context = ObservationContext(module, resolver, is_test, resolver.module_scope)
        self._remarks: list[tuple[ObservationKind, Remark]] = []

    def visit(
        self, node: ast.AST, scope: Scope, function: str | None, ancestors: Sequence[ast.AST]
    ) -> None:
        """Run every observation kind registered for this node's type."""
        context = self._context
        context.scope = scope
        context.function = function
        context.parents = ancestors
        kinds = self._dispatch[node.__class__]
        if node.__class__ is ast.Call:
            kinds = self._call_kinds(node, scope, kinds)  # type: ignore[arg-type]
        remarks = self._remarks
        for kind in kinds:
            check = kind.check
            assert check is not None
            try:
                found = list(check(node, context))
            except RecursionError:  # a pathological expression costs this one remark
                continue
            for remark in found:
                remarks.append((kind, remark))

    def _call_kinds(
        self, call: ast.Call, scope: Scope, kinds: list[ObservationKind]
    ) -> list[ObservationKind]:
        """The kinds that want this call (see `ObservationKind.calls`/`methods`)."""
        func = call.func
        written = (
            func.attr
            if isinstance(func, ast.Attribute)
            else func.id
            if isinstance(func, ast.Name)
            else None
        )
        name = self._context.resolver.qualified_name(func, scope)
        return [kind for kind in kinds if kind.wants_call(name, written)]

    def finish(self) -> list[Observation]:
        """Run the whole-source kinds and merge everything into observations."""
        context = self._context
        context.scope = context.resolver.module_scope
        context.function = None
        context.parents = ()
        for kind in self._source_kinds:
            assert kind.check_source is not None
            self._remarks.extend((kind, r) for r in _guarded(kind.check_source, context))
        return _merge_remarks(self._module.path, self._remarks)



def _guarded(check: Callable[..., Iterable[Remark]], *args: object) -> list[Remark]:
    try:
        return list(check(*args))
    except RecursionError:
        return []


def _location(path: str, remark: Remark) -> Location:
    node = remark.node
    if node is not None:
        start = getattr(node, "lineno", 1)
        return Location(
            path,
            start,
            getattr(node, "col_offset", 0),
            getattr(node, "end_lineno", None) or start,
            getattr(node, "end_col_offset", None),
        )
    line = remark.line or 1
    return Location(path, line, 0, remark.end_line or line, None)


def _merge_remarks(
    path: str, remarks: list[tuple[ObservationKind, Remark]]
) -> list[Observation]:
    merged: dict[tuple[str, str], Observation] = {}
    result: list[Observation] = []
    for kind, remark in remarks:
        location = _location(path, remark)
        if remark.key is not None:
            existing = merged.get((kind.id, remark.key))
            if existing is not None:
                existing.locations.append(location)
                continue
        found = Observation(kind=kind.id, message=remark.message, locations=[location])
        if remark.key is not None:
            merged[(kind.id, remark.key)] = found
        result.append(found)
    for found in result:
        found.locations.sort(key=lambda loc: (loc.start_line, loc.start_col))
    result.sort(key=lambda o: (o.locations[0].start_line if o.locations else 0, o.kind))
    return result


def drop_superseded(
    observations: list[Observation], findings: Iterable[Finding]
) -> list[Observation]:
    """Observations minus those a reported finding on the same line already covers."""
    covered: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        loc = finding.location
        names = {finding.rule_id.upper(), finding.cwe.upper()}
        names.update(b.upper() for b in finding.bandit_ids)
        for line in range(loc.start_line, (loc.end_line or loc.start_line) + 1):
            covered.setdefault((loc.path, line), set()).update(names)
    kept: list[Observation] = []
    for item in observations:
        kind = OBSERVATIONS.get(item.kind)
        if kind is not None and kind.superseded_by and item.locations:
            wanted = set(kind.superseded_by)
            places = [
                loc for loc in item.locations
                if not covered.get((loc.path, loc.start_line), set()) & wanted
            ]
            if not places:
                continue
            if len(places) != len(item.locations):
                item = Observation(kind=item.kind, message=item.message, locations=places)
        kept.append(item)
    return kept


def observation_sort_key(item: Observation) -> tuple[str, int, str]:
    """Order observations by file, line, kind (deterministic output)."""
    first = item.locations[0] if item.locations else None
    return (first.path if first else "", first.start_line if first else 0, item.kind)


__all__ = [
    "OBSERVATIONS",
    "ObservationContext",
    "ObservationKind",
    "ObservationRegistry",
    "Remark",
    "declare_kind",
    "drop_superseded",
    "observation",
    "observation_sort_key",
]
