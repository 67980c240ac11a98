"""The link step: module summaries → inter-procedural taint findings with full traces.

Functions are resolved by qualified name across modules (through re-exports, class
hierarchies and the objects functions return). Summaries are instantiated bottom-up
over the call graph's strongly connected components, iterating inside a component
until nothing changes: a callee's "parameter i reaches the return value / this sink /
argument j" becomes, at each call site, the caller's own facts about the arguments it
passed. Fields (`self.x`) and module globals are resolved afterwards,
context-insensitively (every write reaches every read). Then every sink fact whose
origin is a source (or a parameter of a request handler) becomes a finding.

The link is incremental: its state (`LinkState`) keeps every function's result and
what each component of the call graph read outside itself; with an unchanged
environment (every module's `LinkModule` signature) the next link resolves again only
the components in changed modules and those that read a result that changed, and a
result recomputed identically stops the change there. The findings are those of a full
link: components are visited in the same order, and a component is taken over only if
everything it read is what it read then.

A *fact* is `(clean kinds, flags, trace)`; the trace is a tuple of segments
`(module index, step id)`, each naming the last step of a chain of steps inside one
function; chains are rendered source-first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cwescan.analysis.callgraph import strongly_connected_components
from cwescan.analysis.models.base import ALL_KINDS
from cwescan.analysis.taint_domain import (
    EMPTY,
    F_IMPRECISE,
    F_INCOMPLETE,
    F_UNKNOWN,
    OWN_METHOD_KINDS,
    reportable,
)
from cwescan.analysis.taint_summary import (
    EITHER_MARK,
    EMPTY_MAPPING,
    PARAM_KEYWORD_ONLY,
    PARAM_KWARGS,
    PARAM_VARARGS,
    STAR_PREFIX,
    TRIVIAL,
    VALIDATED_PREFIX,
    CallRecord,
    ClassInfo,
    EntryInfo,
    FrozenTaint,
    FunctionSummary,
    ModuleSummary,
    Route,
)

Fact = tuple[frozenset[str], int, tuple[tuple[int, int], ...]]
Facts = dict[Any, Fact]
# functions whose results a computation read, each with whether it existed at the time
Reads = tuple[tuple[str, bool], ...]
# what a function's calls reach, in call order: (function or class, call index, whether
# it is an edge of the call graph: a function, or the `__init__` of a constructed class)
CallTargets = tuple[tuple[str, int, bool], ...]

_MAX_SCC_ROUNDS = 6
_PART_ITEMS = 2_500  # table entries per pickled piece of a `LinkState`
_MAX_SINKS_PER_FUNCTION = 200
_MAX_TRACE_SEGMENTS = 24
_MAX_RESOLUTION_DEPTH = 120
_NOT_A_FIELD: Any = object()  # an attribute a generated `__init__` does not set from arguments


@dataclass
class Resolved:
    """A function's summary in link terms: facts about its parameters and sources."""

    ret: Facts = field(default_factory=dict)
    sinks: dict[tuple[int, int], Facts] = field(default_factory=dict)
    effects: dict[int, Facts] = field(default_factory=dict)
    self_writes: dict[str, Facts] = field(default_factory=dict)
    field_writes: dict[tuple[str, str], Facts] = field(default_factory=dict)
    global_writes: dict[str, Facts] = field(default_factory=dict)

    def size(self) -> tuple[int, ...]:
        """A signature that changes whenever the summary grows (for fixpoint checks)."""
        groups: list[Facts] = [
            self.ret,
            *self.sinks.values(),
            *self.effects.values(),
            *self.self_writes.values(),
            *self.field_writes.values(),
            *self.global_writes.values(),
        ]
        origins = sum(len(g) for g in groups)
        cleaned = sum(len(f[0]) for g in groups for f in g.values())
        return (origins, -cleaned, len(self.sinks))

    def is_empty(self) -> bool:
        """True when the function passes nothing on (most functions of a large program)."""
        return not (
            self.ret
            or self.sinks
            or self.effects
            or self.self_writes
            or self.field_writes
            or self.global_writes
        )

    def identical(self, other: Resolved) -> bool:
        """Equal, and built in the same order: the merges downstream keep the same traces.

        Merging facts keeps the first of two equally good traces, so two equal summaries
        whose dictionaries were filled in another order can still lead callers to other
        traces; only an identical one may stand for the other.
        """
        if self.ret != other.ret or list(self.ret) != list(other.ret):
            return False
        groups: list[tuple[dict[Any, Facts], dict[Any, Facts]]] = [
            (self.sinks, other.sinks),
            (self.effects, other.effects),
            (self.self_writes, other.self_writes),
            (self.field_writes, other.field_writes),
            (self.global_writes, other.global_writes),
        ]
        for mine, theirs in groups:
            if mine != theirs or list(mine) != list(theirs):
                return False
            if any(list(facts) != list(theirs[key]) for key, facts in mine.items()):
                return False
        return True


_EMPTY_RESOLVED = Resolved()


def _add_fact(result: Facts, origin: Any, fact: Fact) -> None:
    """Merge one fact into a fact set being built (mutates `result`)."""
    old = result.get(origin)
    if old is None:
        result[origin] = fact
    elif old is not fact:
        clean = old[0] & fact[0]
        flags = old[1] & fact[1]  # one certain path is enough for the finding's confidence
        if len(fact[0]) < len(old[0]) or (
            len(fact[0]) == len(old[0]) and len(fact[2]) < len(old[2])
        ):
            trace = fact[2]
        else:
            trace = old[2]
        result[origin] = (clean, flags, trace)


def merge_facts(a: Facts, b: Facts) -> Facts:
    """Union of two fact sets; for a shared origin the less sanitised path wins."""
    if not a:
        return b
    if not b:
        return a
    result = dict(a)
    for origin, fact in b.items():
        _add_fact(result, origin, fact)
    return result


def _extend(fact: Fact, clean: frozenset[str], flags: int, segment: tuple[int, int] | None) -> Fact:
    trace = fact[2]
    if segment is not None and len(trace) < _MAX_TRACE_SEGMENTS:
        trace = trace + (segment,)
    return (fact[0] | clean if clean else fact[0], fact[1] | flags, trace)


def _compose(outer: Fact, inner: Fact) -> Fact:
    """Data described by `outer` (caller side) flowing along `inner` (callee side)."""
    trace = (
        outer[2] + inner[2]
        if len(outer[2]) + len(inner[2]) <= _MAX_TRACE_SEGMENTS
        else outer[2][:4] + inner[2][-8:]
    )
    return (outer[0] | inner[0], outer[1] | inner[1], trace)


def _signature(summary: FunctionSummary) -> FunctionSummary:
    """A function summary without its taints: what resolving names and calls needs."""
    if summary is TRIVIAL:
        return summary
    return replace(
        summary,
        ret=None,
        hits=(),
        effects=EMPTY_MAPPING,
        self_writes=EMPTY_MAPPING,
        field_writes=tuple((class_qn, attr, ()) for class_qn, attr, _ in summary.field_writes),
        global_writes=tuple((name, ()) for name, _ in summary.global_writes),
    )


def _entry_shape(entry: EntryInfo | None) -> Any:
    if entry is None:
        return None
    return (
        entry.framework,
        sorted(entry.params.items()),
        entry.view_returns,
        entry.route,
        sorted(entry.validated),
    )


def _class_shape(info: ClassInfo) -> Any:
    return (
        info.qualname,
        info.bases,
        list(info.methods.items()),
        info.entry_methods,
        info.entry_framework,
        info.entry_skip,
        info.fields,
        info.aliases,
    )


def _route_shape(route: Route) -> Any:
    # the line is left out: it only moves when lines are added above the route
    return (
        route.view,
        route.framework,
        route.route,
        route.params,
        route.clean_params,
        route.all_params,
    )


def _function_shape(key: str, summary: FunctionSummary) -> Any:
    # the line is left out: findings read it afresh, resolution never does
    return (
        key,
        summary.qualname,
        summary.name,
        summary.params,
        summary.bound,
        summary.class_qualname,
        summary.ret_objects,
        _entry_shape(summary.entry),
        tuple((class_qn, attr) for class_qn, attr, _ in summary.field_writes),
        tuple(name for name, _ in summary.global_writes),
        summary.validates,
    )


@dataclass
class LinkModule:
    """What the link step needs of every module before it resolves any function.

    Names, classes, routes, every function's signature, the callee name of every call,
    the kind of every sink and the source sites: enough to build the call graph, find
    request handlers and decide which findings exist. The bulk of a `ModuleSummary`
    (trace steps, the taint of every argument, the taints of every function) is read
    only for the functions resolved again and the findings shown. `environment` is a
    digest of everything here that can change how another module's calls resolve.
    """

    module: str
    path: str
    aliases: dict[str, str]
    star_imports: tuple[str, ...]
    classes: dict[str, ClassInfo]
    routes: list[Route]
    functions: dict[str, FunctionSummary]
    callees: tuple[str | None, ...]
    sink_kinds: tuple[str, ...]
    sources: list[tuple[str, str, int, int]]
    environment: str

    @classmethod
    def of(cls, summary: ModuleSummary) -> LinkModule:
        """The link-time signature of a module summary."""
        functions = {key: _signature(f) for key, f in summary.functions.items()}
        shape = (
            summary.module,
            summary.path,
            sorted(summary.aliases.items()),
            summary.star_imports,
            [_class_shape(info) for info in summary.classes.values()],
            [_route_shape(route) for route in summary.routes],
            [_function_shape(key, f) for key, f in functions.items()],
        )
        return cls(
            module=summary.module,
            path=summary.path,
            aliases=summary.aliases,
            star_imports=summary.star_imports,
            classes=summary.classes,
            routes=summary.routes,
            functions=functions,
            callees=tuple(r.callee if r is not None else None for r in summary.calls),
            sink_kinds=tuple(site.kind for site in summary.sink_sites),
            sources=summary.sources,
            environment=hashlib.sha256(repr(shape).encode()).hexdigest(),
        )


@dataclass
class LinkState:
    """The results of one link, kept so the next link recomputes only what changed.

    `identities` names what decided each module's summary (the file's cache key), in
    link order, and `paths` where each module is (the positions in facts and traces
    stand for these); `resolved` holds every function's non-empty result; `reads` maps each
    strongly connected component (its members in iteration order) to the functions
    outside it whose results its resolution read, each with whether that result existed
    yet at that point of the bottom-up order. `arguments` holds what each call site
    passes to a parameter, in its caller's terms (for the sources a parameter receives
    from all callers), by (module position, call index, callee, parameter), with the
    results that computing it read. `calls` holds what each function's calls reach,
    valid as long as its module and the environment are unchanged.
    """

    identities: tuple[str, ...]
    paths: tuple[str, ...]
    environment: str
    resolved: dict[str, Resolved]
    reads: dict[tuple[str, ...], Reads]
    arguments: dict[tuple[int, int, str, int], tuple[Facts | None, Reads]]
    calls: dict[str, CallTargets]
    redone: float = 1.0  # the share of components the link that made it resolved anew

    def parts(self) -> Iterator[Any]:
        """The state in pieces of at most `_PART_ITEMS` table entries, each pickled on its
        own by the cache (`AnalysisCache.put_parts`): pickling the whole state at once
        needed a memo of every object in it, 25 MB on Django, at the scan's peak."""
        yield (self.identities, self.paths, self.environment, self.redone)
        for table in (self.resolved, self.reads, self.arguments, self.calls):
            items = list(table.items())
            yield len(items)
            for start in range(0, len(items), _PART_ITEMS):
                yield dict(items[start : start + _PART_ITEMS])

    @classmethod
    def from_parts(cls, parts: Iterator[Any]) -> LinkState | None:
        """The state `parts` gave, or None when the pieces do not fit together."""
        try:
            identities, paths, environment, redone = next(parts)
            tables: list[dict[Any, Any]] = []
            for _ in range(4):
                count = next(parts)
                table: dict[Any, Any] = {}
                while len(table) < count:
                    table.update(next(parts))
                tables.append(table)
        except (StopIteration, TypeError, ValueError):
            return None
        resolved, reads, arguments, calls = tables
        return cls(identities, paths, environment, resolved, reads, arguments, calls, redone)


def environment_of(modules: Sequence[LinkModule]) -> str:
    """A digest of every module's link-time signature, in link order."""
    digest = hashlib.sha256()
    for module in modules:
        digest.update(module.environment.encode())
    return digest.hexdigest()


class Linker:
    """Resolves calls across modules and computes every function's resolved summary.

    `modules` are the link-time signatures in link order; `load(position)` gives the
    full summary of a module, asked for only when one of its functions is resolved or
    its code is needed for a finding.
    """

    def __init__(self, modules: Sequence[LinkModule], load: Callable[[int], ModuleSummary]) -> None:
        self.modules = modules
        self._load = load
        self._bodies: dict[int, ModuleSummary] = {}
        self._reads: dict[str, bool] | None = None
        self._identities: tuple[str, ...] = ()
        self._environment = ""
        self._previous: LinkState | None = None
        self._changed_modules: set[int] = set()
        self._changed_results: set[str] = set()
        self._redone = 0
        self.reads: dict[tuple[str, ...], Reads] = {}
        self.arguments: dict[tuple[int, int, str, int], tuple[Facts | None, Reads]] = {}
        self.calls: dict[str, CallTargets] = {}
        self.functions: dict[str, tuple[int, FunctionSummary]] = {}
        self.classes: dict[str, tuple[int, Any]] = {}
        self.module_index: dict[str, int] = {}
        for position, module in enumerate(modules):
            self.module_index.setdefault(module.module, position)
            for qualname, summary in module.functions.items():
                self.functions.setdefault(qualname, (position, summary))
            for qualname, info in module.classes.items():
                self.classes.setdefault(qualname, (position, info))
        self.resolved: dict[str, Resolved] = {}
        self._callee_cache: dict[str, tuple[tuple[str, str], ...]] = {}
        self._returned_cache: dict[str, frozenset[str]] = {}
        self._mro_cache: dict[str, list[str]] = {}
        self._in_progress: set[str] = set()
        self.entries: dict[str, Any] = {}
        self.view_functions: set[str] = set()
        self.callers: dict[str, list[tuple[int, int]]] = {}
        # class → its project base classes and subclasses (direct), for field sharing
        self._bases: dict[str, tuple[str, ...]] = {}
        self._subclasses: dict[str, list[str]] = {}
        self._related: dict[str, frozenset[str]] = {}
        self._param_sources: dict[tuple[str, int], Facts] = {}
        self._field_values: dict[tuple[str, str], Facts] = {}
        self._global_values: dict[str, Facts] = {}
        self.field_writers: dict[tuple[str, str], set[str]] = {}
        self._field_classes: dict[str, set[str]] = {}  # attr → the classes writing it
        self.global_writers: dict[str, set[str]] = {}

    def body(self, position: int) -> ModuleSummary:
        """The full summary of the module at `position` (loaded once)."""
        found = self._bodies.get(position)
        if found is None:
            found = self._bodies[position] = self._load(position)
        return found

    def result(self, function: str) -> Resolved | None:
        """A function's resolved summary so far, noted as read by the component being resolved."""
        found = self.resolved.get(function)
        if self._reads is not None:
            self._reads.setdefault(function, found is not None)
        return found

    # -- names --------------------------------------------------------------------------

    def canonical(self, name: str, depth: int = 0) -> str:
        """Follow module re-exports: `app.query` → `app.db.query` when app imports it."""
        if depth > 8 or name in self.functions or name in self.classes:
            return name
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:cut])
            position = self.module_index.get(module)
            if position is None:
                continue
            alias = self.modules[position].aliases.get(parts[cut])
            if alias is None or alias == name:
                return name
            rewritten = ".".join([alias, *parts[cut + 1 :]])
            if rewritten == name:
                return name
            return self.canonical(rewritten, depth + 1)
        return name

    def mro(self, class_qn: str) -> list[str]:
        """The project classes in a class's method resolution order (breadth-first)."""
        known = self._mro_cache.get(class_qn)
        if known is not None:
            return known
        order: list[str] = []
        stack = [class_qn]
        seen: set[str] = set()
        while stack and len(order) < 32:
            current = self.canonical(stack.pop(0))
            if current in seen:
                continue
            seen.add(current)
            entry = self.classes.get(current)
            if entry is None:
                continue
            order.append(current)
            stack.extend(entry[1].bases)
        self._mro_cache[class_qn] = order
        return order

    def method(self, class_qn: str, name: str, skip_first: bool = False) -> str | None:
        """The function a method name resolves to on a class (after it, for `super()`)."""
        for position, cls in enumerate(self.mro(class_qn)):
            if skip_first and position == 0:
                continue
            methods = self.classes[cls][1].methods
            if name in methods and methods[name] in self.functions:
                return methods[name]
        return None

    def callees(self, name: str) -> tuple[tuple[str, str], ...]:
        """What a call record's callee name can be: ("function", qn) / ("class", qn) pairs."""
        cached = self._callee_cache.get(name)
        if cached is not None:
            return cached
        self._callee_cache[name] = ()
        result = tuple(dict.fromkeys(self._callees(name, 0)))
        self._callee_cache[name] = result
        return result

    def _callees(self, name: str, depth: int) -> list[tuple[str, str]]:
        if depth > 6:
            return []
        if name.startswith(STAR_PREFIX):
            # `from x import *` then `name(...)`: the first star-imported module defining it
            module, _, rest = name[len(STAR_PREFIX) :].partition(":")
            position = self.module_index.get(module)
            if position is None:
                return []
            for imported in self.modules[position].star_imports:
                provided = self._callees(f"{imported}.{rest}", depth + 1)
                if provided:
                    return provided
            return []
        if name.startswith("super:"):
            owner, _, method = name[6:].rpartition(".")
            found = self.method(owner, method, skip_first=True)
            return [("function", found)] if found else []
        canonical = self.canonical(name)
        if canonical in self.functions:
            return [("function", canonical)]
        if canonical in self.classes:
            return [("class", canonical)]
        owner, _, member = canonical.rpartition(".")
        if not owner:
            return []
        if member == "as_view":
            owner_canonical = self.canonical(owner)
            return [("class", owner_canonical)] if owner_canonical in self.classes else []
        result: list[tuple[str, str]] = []
        for kind, target in self._objects(owner, depth + 1):
            if kind == "class":
                found = self.method(target, member)
                if found:
                    result.append(("function", found))
                    continue
                alias = self.class_alias(target, member)
                if alias is not None:
                    # `form_class = LoginForm` in the class body: `self.form_class(...)`
                    # builds a LoginForm (a function stored there would be bound: not followed)
                    result.extend(
                        (k, t) for k, t in self._callees(alias, depth + 1) if k == "class"
                    )
        return result

    def class_alias(self, class_qn: str, name: str) -> str | None:
        """The project name a class attribute is bound to in the body of a class in the MRO."""
        for cls in self.mro(class_qn):
            info = self.classes[cls][1]
            if name in info.methods:
                return None  # a method (or nested class) of that name comes first
            for attr, target in info.aliases:
                if attr == name:
                    return target
        return None

    def _objects(self, name: str, depth: int) -> list[tuple[str, str]]:
        """The classes whose instances a name produces (a class, or what a function returns)."""
        canonical = self.canonical(name)
        if canonical in self.classes:
            return [("class", canonical)]
        result: list[tuple[str, str]] = []
        for kind, target in self._callees(canonical, depth + 1):
            if kind == "class":
                result.append((kind, target))
            elif kind == "function":
                summary = self.functions[target][1]
                for produced in summary.ret_objects:
                    if produced == name or depth > 5:
                        continue
                    result.extend(self._objects(produced, depth + 1))
        return result

    def returned_types(self, name: str, depth: int = 0) -> frozenset[str]:
        """The library types (`ldap3.Connection`) a call record's callee may return.

        Followed through functions returning what another project function returned.
        Read from the summaries, whose `ret_type` is part of a module's link signature:
        a change of it links again the functions that depend on it.
        """
        if depth == 0:
            cached = self._returned_cache.get(name)
            if cached is None:
                cached = self._returned_cache[name] = self.returned_types(name, 1)
            return cached
        found: set[str] = set()
        for kind, target in self.callees(name):
            if kind != "function":
                continue
            summary = self.functions[target][1]
            if summary.ret_type is not None:
                found.add(summary.ret_type)
            if depth < 6:
                for produced in summary.ret_objects:
                    if produced != name:
                        found.update(self.returned_types(produced, depth + 1))
        return frozenset(found)

    def field_class(self, class_qn: str) -> str:
        """The class a field read or write of `class_qn` is recorded under."""
        return self.canonical(class_qn)

    def related(self, class_qn: str) -> frozenset[str]:
        """The classes whose writes of a field a method of `class_qn` may read.

        `self` in such a method is an instance of the class or of a subclass, so its
        fields were set by the methods of that subclass and of all its bases: the class,
        its subclasses, and the bases of each. A sibling (another subclass of a common
        base) is not among them: two commands deriving from one `BaseCommand` share
        its code, not each other's fields.
        """
        canonical = self.field_class(class_qn)
        known = self._related.get(canonical)
        if known is not None:
            return known
        below = _reachable({canonical}, self._subclasses)
        result = frozenset(_reachable(below, self._bases))
        self._related[canonical] = result
        return result

    def _build_families(self) -> None:
        self._bases = {}
        self._subclasses = {}
        self._related = {}
        for qualname, (_, info) in self.classes.items():
            bases = tuple(
                dict.fromkeys(
                    b for b in (self.canonical(base) for base in info.bases) if b in self.classes
                )
            )
            self._bases[qualname] = bases
            for base in bases:
                self._subclasses.setdefault(base, []).append(qualname)

    def writers_of(self, class_qn: str, attr: str) -> set[str]:
        """The functions that write field `attr` where a method of `class_qn` reads it."""
        classes = self._field_classes.get(attr)
        if not classes:
            return set()
        related = self.related(class_qn)
        found: set[str] = set()
        for writer_class in classes & related:
            found |= self.field_writers.get((writer_class, attr), set())
        return found

    # -- driving ------------------------------------------------------------------------

    def run(self, identities: Sequence[str] = (), previous: LinkState | None = None) -> None:
        """Resolve every function's summary, callees first (SCCs iterated to a fixpoint).

        With the state of an earlier link (`previous`) over the same modules whose
        signatures (the environment) are unchanged, a component is taken over as it was
        when none of its members' modules changed (by `identities`), it is the same
        component, and every result it read is unchanged (and existed, or not, as then).
        A result recomputed identically changes nothing for the functions above it, so
        an edit reaches only as far as its effect does. `state()` is then what the next
        link can start from.
        """
        self._identities = tuple(identities)
        environment = self._environment = environment_of(self.modules)
        reusable = (
            previous is not None
            and previous.environment == environment
            and len(previous.identities) == len(identities) == len(self.modules)
            and previous.paths == tuple(module.path for module in self.modules)
        )
        self._previous = previous if reusable else None
        changed_modules = self._changed_modules
        if self._previous is not None:
            changed_modules |= {
                position
                for position, (old, new) in enumerate(
                    zip(self._previous.identities, identities, strict=True)
                )
                if old != new
            }
        self._build_families()
        self._collect_entries()
        for qualname, (_, summary) in self.functions.items():
            for class_qn, attr, _ in summary.field_writes:
                owner = self.field_class(class_qn)
                self.field_writers.setdefault((owner, attr), set()).add(qualname)
                self._field_classes.setdefault(attr, set()).add(owner)
            for name, _ in summary.global_writes:
                self.global_writers.setdefault(name, set()).add(qualname)
        edges: dict[str, list[str]] = {}
        for qualname, (position, summary) in self.functions.items():
            calls = None
            if self._previous is not None and position not in changed_modules:
                calls = self._previous.calls.get(qualname)
            if calls is None:
                calls = self._calls_of(position, summary)
            if summary.calls:
                self.calls[qualname] = calls
            targets: list[str] = []
            for target, call_index, edge in calls:
                self.callers.setdefault(target, []).append((position, call_index))
                if edge:
                    targets.append(target)
            edges[qualname] = targets
        for component in self._components(edges):
            key = tuple(component)
            if self._previous is not None:
                old_reads = self._previous.reads.get(key)
                if old_reads is not None and self._unchanged(key, old_reads):
                    for member in key:
                        self.resolved[member] = self._previous.resolved.get(member, _EMPTY_RESOLVED)
                    self.reads[key] = old_reads
                    continue
            self.reads[key] = self._resolve_component(key, edges)
            self._redone += 1
            for member in key:
                old = (
                    self._previous.resolved.get(member, _EMPTY_RESOLVED)
                    if self._previous is not None
                    else None
                )
                if old is None or not self.resolved[member].identical(old):
                    self._changed_results.add(member)

    def _components(self, edges: dict[str, list[str]]) -> Sequence[Sequence[str]]:
        """The call graph's strongly connected components, callees first.

        When no changed module's calls reach anything else than before, the graph is the
        one of the previous link, and so are its components, in the same order.
        """
        previous = self._previous
        if previous is not None and all(
            self.calls.get(function, ()) == previous.calls.get(function, ())
            for function, (position, _) in self.functions.items()
            if position in self._changed_modules
        ):
            return list(previous.reads)
        return strongly_connected_components(list(self.functions), edges)

    def _calls_of(self, position: int, summary: FunctionSummary) -> CallTargets:
        """What a function's calls reach (see `LinkState.calls`)."""
        names = self.modules[position].callees
        found: list[tuple[str, int, bool]] = []
        for call_index in summary.calls:
            callee = names[call_index]
            if callee is None:
                continue
            for kind, target in self.callees(callee):
                found.append((target, call_index, kind == "function"))
                if kind == "class":
                    init = self.method(target, "__init__")
                    if init:
                        found.append((init, call_index, True))
        return tuple(found)

    def state(self) -> LinkState:
        """What the next link can start from (after `run` and `collect_flows`)."""
        return LinkState(
            identities=self._identities,
            paths=tuple(module.path for module in self.modules),
            environment=self._environment,
            resolved={q: r for q, r in self.resolved.items() if not r.is_empty()},
            reads=self.reads,
            arguments=self.arguments,
            calls=self.calls,
            redone=self._redone / max(1, len(self.reads)),
        )

    def _unchanged(self, component: tuple[str, ...], old_reads: Reads) -> bool:
        """Whether a component's earlier results still hold (see `run`)."""
        for member in component:
            if self.functions[member][0] in self._changed_modules:
                return False
        return self._still_valid(old_reads)

    def _still_valid(self, old_reads: Reads) -> bool:
        """Whether every result read then is unchanged, and existed then as it does now."""
        for function, existed in old_reads:
            if function in self._changed_results or (function in self.resolved) != existed:
                return False
        return True

    def _resolve_component(self, component: tuple[str, ...], edges: dict[str, list[str]]) -> Reads:
        """Resolve one component; returns what it read outside itself (see `LinkState`)."""
        self._reads = {}
        try:
            if len(component) == 1 and component[0] not in edges.get(component[0], ()):
                self.resolved[component[0]] = self._resolve_function(component[0])
            else:
                for member in component:
                    self.resolved[member] = Resolved()
                for _ in range(_MAX_SCC_ROUNDS):
                    changed = False
                    for member in component:
                        before = self.resolved[member].size()
                        updated = self._resolve_function(member)
                        self.resolved[member] = updated
                        if updated.size() != before:
                            changed = True
                    if not changed:
                        break
            members = set(component)
            return tuple(sorted((f, e) for f, e in self._reads.items() if f not in members))
        finally:
            self._reads = None

    def _collect_entries(self) -> None:
        for qualname, (_, summary) in self.functions.items():
            if summary.entry is not None and summary.entry.params is not None:
                # a copy: routes add parameters to it, and the summary may serve another link
                self.entries[qualname] = replace(summary.entry, params=dict(summary.entry.params))
                if summary.entry.view_returns:
                    self.view_functions.add(qualname)
        for module in self.modules:
            for route in module.routes:
                for kind, target in self.callees(route.view):
                    functions: list[str] = []
                    skip = 1
                    if kind == "function" and not route.view.endswith(".as_view"):
                        functions = [target]
                    elif kind == "class":
                        skip = 2 if route.framework == "django" else 1
                        for method in (
                            "get",
                            "post",
                            "put",
                            "patch",
                            "delete",
                            "head",
                            "options",
                            "dispatch_request",
                            "list",
                            "retrieve",
                            "create",
                            "update",
                            "partial_update",
                            "destroy",
                        ):
                            found = self.method(target, method)
                            if found:
                                functions.append(found)
                    for function in functions:
                        summary = self.functions[function][1]
                        params: dict[int, tuple[str, str]] = {}
                        first = skip if summary.bound or kind == "function" else skip - 1
                        if kind == "function":
                            first = 1 if route.framework == "django" else 0
                        for index, (name, pkind) in enumerate(summary.params):
                            if index < first:
                                continue
                            if (
                                not route.all_params
                                and name not in route.params
                                and pkind != PARAM_KWARGS
                            ):
                                continue
                            if name in route.clean_params:
                                continue
                            params[index] = ("remote", f"URL parameter `{name}`")
                        existing = self.entries.get(function)
                        if existing is not None:
                            existing.params.update(params)
                        else:
                            self.entries[function] = EntryInfo(
                                route.framework, params, route.framework == "flask", route.route
                            )
                            if route.framework == "flask":
                                self.view_functions.add(function)

    # -- resolution of one function -----------------------------------------------------

    def _resolve_function(self, qualname: str) -> Resolved:
        position = self.functions[qualname][0]
        module = self.body(position)
        summary = module.functions[qualname]
        context = _Context(self, position, summary)
        context.warm_up()
        result = Resolved()
        result.ret = context.facts(summary.ret)
        for site, taint in summary.hits:
            via_object = module.sink_sites[site].via_object
            if via_object is not None and self.callees(via_object):
                continue  # matched by method name, but the object is the project's own
            via_type = module.sink_sites[site].via_type
            if via_type is not None and via_type[1] not in self.returned_types(via_type[0]):
                continue  # a library type's method, on an object of another type
            unless = module.sink_sites[site].unless_returns
            if unless is not None and self.returned_types(unless[0]) & unless[1]:
                continue  # the callee returns a harmless type (a JSON response)
            skip_views = module.sink_sites[site].what.startswith("the response body")
            facts = context.facts(taint, skip_view_calls=skip_views)
            facts = _drop_clean(facts, module.sink_sites[site].kind)
            if facts:
                site_key = (position, site)
                result.sinks[site_key] = merge_facts(result.sinks.get(site_key, {}), facts)
        for index, taint in summary.effects.items():
            result.effects[index] = context.facts(taint)
        for attr, taint in summary.self_writes.items():
            result.self_writes[attr] = context.facts(taint)
        for class_qn, attr, taint in summary.field_writes:
            field_key = (self.field_class(class_qn), attr)
            result.field_writes[field_key] = merge_facts(
                result.field_writes.get(field_key, {}), context.facts(taint)
            )
        for name, taint in summary.global_writes:
            result.global_writes[name] = merge_facts(
                result.global_writes.get(name, {}), context.facts(taint)
            )
        # sinks reached through callees: instantiate their parameter facts here
        for call_index in summary.calls:
            record = module.calls[call_index]
            if record is None:
                continue
            for kind, target in self.callees(record.callee):
                function = target if kind == "function" else self.method(target, "__init__")
                if function is None:
                    continue
                callee = self.result(function)
                if callee is None or not callee.sinks:
                    continue
                callee_summary = self.functions[function][1]
                implicit = implicit_self(record, callee_summary, kind == "class")
                for site_key, facts in callee.sinks.items():
                    if len(result.sinks) >= _MAX_SINKS_PER_FUNCTION:
                        break
                    callee_kind = self.modules[site_key[0]].sink_kinds[site_key[1]]
                    instantiated = context.instantiate(
                        facts,
                        function,
                        callee_summary,
                        record,
                        call_index,
                        implicit,
                        only_params=True,
                    )
                    instantiated = _drop_clean(instantiated, callee_kind)
                    if instantiated:
                        result.sinks[site_key] = merge_facts(
                            result.sinks.get(site_key, {}), instantiated
                        )
        return result

    # -- context-insensitive values: parameters from all callers, fields, globals --------

    def param_sources(self, function: str, index: int) -> Facts:
        """Every source that may arrive in parameter `index` of `function` from any caller."""
        key = (function, index)
        cached = self._param_sources.get(key)
        if cached is not None:
            return cached
        self._param_sources[key] = {}
        result: Facts = {}
        entry = self.entries.get(function)
        if entry is not None and index in entry.params:
            result[("EP", function, index)] = (EMPTY, 0, ())
        callee_summary = self.functions[function][1]
        for position, call_index in self.callers.get(function, ()):
            arg = self._passed(position, call_index, callee_summary, function, index)
            if arg is None:
                continue
            for origin, fact in arg.items():
                if origin[0] == "P":
                    for inner_origin, inner_fact in self.param_sources(
                        origin[1], origin[2]
                    ).items():
                        result = merge_facts(result, {inner_origin: _compose(inner_fact, fact)})
                else:
                    result = merge_facts(result, {origin: fact})
        self._param_sources[key] = result
        return result

    def _passed(
        self,
        position: int,
        call_index: int,
        callee_summary: FunctionSummary,
        function: str,
        index: int,
    ) -> Facts | None:
        """What call `call_index` of module `position` passes to parameter `index` of
        `function`, in its caller's terms (None: not from a function), taken from the
        previous link when the caller's module and every result it read are unchanged."""
        key = (position, call_index, function, index)
        done = self.arguments.get(key)
        if done is not None:
            return done[0]
        old = self._previous.arguments.get(key) if self._previous is not None else None
        if old is not None and position not in self._changed_modules and self._still_valid(old[1]):
            self.arguments[key] = old
            return old[0]
        outer_reads = self._reads
        self._reads = {}
        try:
            record = self.body(position).calls[call_index]
            arg: Facts | None = None
            if record is not None and record.function in self.functions:
                context = _Context(self, position, self.functions[record.function][1])
                constructed = any(kind == "class" for kind, _ in self.callees(record.callee))
                arg = context.argument(
                    record,
                    call_index,
                    callee_summary,
                    index,
                    implicit_self(record, callee_summary, constructed),
                )
            self.arguments[key] = (arg, tuple(sorted(self._reads.items())))
        finally:
            self._reads = outer_reads
        return arg

    def field_value(self, class_qn: str, attr: str) -> Facts:
        """Every source that may be stored in attribute `attr` of an instance a method of
        `class_qn` reads it from (see `related`)."""
        key = (class_qn, attr)
        cached = self._field_values.get(key)
        if cached is not None:
            return cached
        self._field_values[key] = {}
        result: Facts = {}
        related = self.related(class_qn)
        # sorted: the writers are a set, and the merge order decides which trace is kept
        for qualname in sorted(self.writers_of(class_qn, attr)):
            resolved = self.resolved.get(qualname)
            if resolved is None:
                continue
            for (writer_class, written), writes in resolved.field_writes.items():
                if written == attr and writer_class in related and writes:
                    result = merge_facts(result, self.ground(writes))
        self._field_values[key] = result
        return result

    def global_value(self, name: str) -> Facts:
        """Every source that may be stored in module global `name`."""
        cached = self._global_values.get(name)
        if cached is not None:
            return cached
        self._global_values[name] = {}
        result: Facts = {}
        for qualname in sorted(self.global_writers.get(name, ())):
            resolved = self.resolved.get(qualname)
            writes = resolved.global_writes.get(name) if resolved is not None else None
            if writes:
                result = merge_facts(result, self.ground(writes))
        self._global_values[name] = result
        return result

    def ground(self, facts: Facts) -> Facts:
        """Facts with parameters, fields and globals replaced by the sources they hold."""
        result: Facts = {}
        for origin, fact in facts.items():
            kind = origin[0]
            if kind in ("S", "EP"):
                result = merge_facts(result, {origin: fact})
            elif kind == "P":
                for inner_origin, inner in self.param_sources(origin[1], origin[2]).items():
                    result = merge_facts(result, {inner_origin: _compose(inner, fact)})
            elif kind == "F":
                for inner_origin, inner in self.field_value(origin[1], origin[2]).items():
                    result = merge_facts(result, {inner_origin: _compose(inner, fact)})
            elif kind == "G":
                for inner_origin, inner in self.global_value(origin[1]).items():
                    result = merge_facts(result, {inner_origin: _compose(inner, fact)})
        return result


def implicit_self(record: CallRecord, callee: FunctionSummary, constructed: bool) -> bool:
    """Whether the callee's first parameter is filled implicitly (self of a bound call)."""
    if not callee.bound:
        return False
    return constructed or record.bound or callee.bound == 2


def _drop_clean(facts: Facts, kind: str) -> Facts:
    return {o: f for o, f in facts.items() if kind not in f[0]}


class _Context:
    """Resolves module-local taints of one function into link facts."""

    def __init__(self, linker: Linker, position: int, summary: FunctionSummary) -> None:
        self.linker = linker
        self.position = position
        self.module = linker.body(position)
        self.summary = summary
        self._memo: dict[Any, Facts] = {}
        self._arguments: dict[tuple[int, int, str], Facts] = {}
        self._active: set[Any] = set()
        self._depth = 0
        self.truncated = False
        self._validated: dict[frozenset[str], frozenset[str] | None] = {}

    def warm_up(self) -> None:
        """Resolve the calls this function's taints mention, earliest first.

        A call's arguments mostly mention earlier calls; resolving in creation order keeps
        each resolution shallow (the earlier ones are memoised), so a function with a
        thousand chained calls does not recurse a thousand levels deep.
        """
        summary = self.summary
        wanted: set[Any] = set()

        def collect(taint: FrozenTaint | None) -> None:
            if taint:
                for origin, _, _, _ in taint:
                    if origin[0] in ("C", "A", "E"):
                        wanted.add(origin)

        collect(summary.ret)
        for _, taint in summary.hits:
            collect(taint)
        for taint in summary.effects.values():
            collect(taint)
        for taint in summary.self_writes.values():
            collect(taint)
        for _, _, taint in summary.field_writes:
            collect(taint)
        for _, taint in summary.global_writes:
            collect(taint)
        for call_index in summary.calls:
            record = self.module.calls[call_index]
            if record is not None:
                for part in (
                    *record.args,
                    *(t for _, t in record.keywords),
                    record.star,
                    record.dstar,
                    record.receiver,
                ):
                    collect(part)
        for origin in sorted(wanted, key=lambda o: (o[1], str(o[2:]))):
            self._resolve_origin(origin)

    def _resolve_origin(self, origin: Any) -> Facts:
        kind = origin[0]
        if kind == "C":
            return self.call_result(origin[1])
        if kind == "E":
            return self.call_effect(origin[1], origin[2])
        return self.call_attribute(origin[1], origin[2])

    def _guarded(self, key: Any, compute: Any) -> Facts:
        """Memoised, cycle-safe and depth-bounded resolution of one call-derived origin."""
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if key in self._active:
            return {}  # a loop through this call: its first round adds nothing new
        if self._depth > _MAX_RESOLUTION_DEPTH:
            self.truncated = True
            return {}
        self._active.add(key)
        self._depth += 1
        try:
            result: Facts = compute()
        finally:
            self._active.discard(key)
            self._depth -= 1
        self._memo[key] = result
        return result

    def facts(self, taint: FrozenTaint | None, skip_view_calls: bool = False) -> Facts:
        """Module-local taint of this function as link facts (calls resolved)."""
        if not taint:
            return {}
        result: Facts = {}
        position = self.position
        for origin, step, clean, flags in taint:
            if clean:
                resolved = self._validated.get(clean, clean)
                if resolved is clean and any(k.startswith(VALIDATED_PREFIX) for k in clean):
                    resolved = self._resolve_validated(clean)
                    self._validated[clean] = resolved
                if resolved is None:
                    continue  # validated for every kind: as if a check had dropped it
                clean = resolved
            kind = origin[0]
            segment = (position, step)
            if kind == "S":
                _add_fact(result, ("S", position, origin[1]), (clean, flags, (segment,)))
            elif kind == "P" or kind == "G":
                _add_fact(result, origin, (clean, flags, (segment,)))
            elif kind == "F":
                _add_fact(
                    result,
                    ("F", self.linker.field_class(origin[1]), origin[2]),
                    (clean, flags, (segment,)),
                )
            elif kind == "C":
                if skip_view_calls and self._calls_view(origin[1]):
                    continue
                for inner_origin, inner in self.call_result(origin[1]).items():
                    _add_fact(result, inner_origin, _extend(inner, clean, flags, segment))
            elif kind == "E":
                for inner_origin, inner in self.call_effect(origin[1], origin[2]).items():
                    _add_fact(result, inner_origin, _extend(inner, clean, flags, segment))
            elif kind == "A":
                for inner_origin, inner in self.call_attribute(origin[1], origin[2]).items():
                    _add_fact(result, inner_origin, _extend(inner, clean, flags, segment))
        return result

    def _resolve_validated(self, clean: frozenset[str]) -> frozenset[str] | None:
        """A clean set with its placeholders for project validators replaced (None: all kinds).

        A placeholder names a call record of this module and an argument (see
        `VALIDATED_PREFIX`); it stands for the kinds every function the call may reach
        validates that argument's parameter for, and for nothing when one of them (or a
        class, or an unknown callee) validates nothing.
        """
        kinds = {k for k in clean if not k.startswith(VALIDATED_PREFIX)}
        everything = False
        for marker in clean:
            if not marker.startswith(VALIDATED_PREFIX):
                continue
            validated = self._validated_by(marker[len(VALIDATED_PREFIX) :])
            if validated is None:
                everything = True
            else:
                kinds |= validated
        return None if everything else frozenset(kinds)

    def _validated_by(self, where: str) -> frozenset[str] | None:
        if where.startswith(EITHER_MARK):
            # `check1(x) or check2(x)`: clean for what every alternative cleans
            common: frozenset[str] | None = None
            for alternative in json.loads(where[len(EITHER_MARK) :]):
                kinds = self._resolve_validated(frozenset(alternative))
                if kinds is not None:
                    common = kinds if common is None else common & kinds
            return common
        index_text, _, argument = where.partition(":")
        calls = self.module.calls
        index = int(index_text)
        record = calls[index] if index < len(calls) else None
        if record is None:
            return EMPTY
        targets = self.linker.callees(record.callee)
        if not targets:
            return EMPTY
        met: frozenset[str] | None = None
        for kind, target in targets:
            if kind != "function" or target not in self.linker.functions:
                return EMPTY
            summary = self.linker.functions[target][1]
            if not summary.validates:
                return EMPTY
            if argument.startswith("="):
                names = [name for name, _ in summary.params]
                if argument[1:] not in names:
                    return EMPTY
                param = names.index(argument[1:])
            else:
                param = int(argument) + (1 if implicit_self(record, summary, False) else 0)
            kinds = dict(summary.validates).get(param)
            if not kinds:
                return EMPTY
            if met is None or ALL_KINDS in met:
                met = kinds
            elif ALL_KINDS not in kinds:
                met = met & kinds
        if met is None:
            return EMPTY
        return None if ALL_KINDS in met else met

    def _calls_view(self, call_index: int) -> bool:
        record = self._record(call_index)
        return any(
            kind == "function" and target in self.linker.view_functions
            for kind, target in self.linker.callees(record.callee)
        )

    def _record(self, call_index: int) -> CallRecord:
        record = self.module.calls[call_index]
        assert record is not None, "a referenced call record is always kept"
        return record

    def call_result(self, call_index: int) -> Facts:
        """Facts of what call `call_index` returns, in this function's terms."""
        return self._guarded(("C", call_index), lambda: self._call_result(call_index))

    def _call_result(self, call_index: int) -> Facts:
        record = self._record(call_index)
        targets = self.linker.callees(record.callee)
        result: Facts = {}
        if not targets:
            result = self.default(record, call_index)
        for kind, target in targets:
            if kind == "function":
                resolved = self.linker.result(target)
                if resolved is None:
                    result = merge_facts(result, self.default(record, call_index))
                    continue
                summary = self.linker.functions[target][1]
                result = merge_facts(
                    result,
                    self.instantiate(
                        resolved.ret,
                        target,
                        summary,
                        record,
                        call_index,
                        implicit_self(record, summary, False),
                    ),
                )
            else:
                result = merge_facts(result, self.construct(target, record, call_index))
        return result

    def construct(self, class_qn: str, record: CallRecord, call_index: int) -> Facts:
        """The taint of an object built by calling a project class: what `__init__` stores."""
        init = self.linker.method(class_qn, "__init__")
        if init is None:
            return self.default(record, call_index, flag=F_IMPRECISE)
        resolved = self.linker.result(init)
        if resolved is None:
            return self.default(record, call_index, flag=F_IMPRECISE)
        summary = self.linker.functions[init][1]
        result: Facts = {}
        for facts in resolved.self_writes.values():
            result = merge_facts(
                result, self.instantiate(facts, init, summary, record, call_index, True)
            )
        # an object whose class defines `format` is no format string: `formatter.format(x)`
        # runs that method (whose own body is analysed), wherever the object is passed
        shadowed = frozenset(
            kind
            for name, kind in OWN_METHOD_KINDS.items()
            if self.linker.method(class_qn, name) is not None
        )
        if shadowed and result:
            result = {o: (f[0] | shadowed, f[1], f[2]) for o, f in result.items()}
        return result

    def call_effect(self, call_index: int, argument: int) -> Facts:
        """Facts of what the callee puts into argument `argument` of the call."""
        return self._guarded(
            ("E", call_index, argument), lambda: self._call_effect(call_index, argument)
        )

    def _call_effect(self, call_index: int, argument: int) -> Facts:
        record = self._record(call_index)
        result: Facts = {}
        for kind, target in self.linker.callees(record.callee):
            function = target if kind == "function" else self.linker.method(target, "__init__")
            if function is None:
                continue
            resolved = self.linker.result(function)
            if resolved is None or not resolved.effects:
                continue
            summary = self.linker.functions[function][1]
            implicit = implicit_self(record, summary, kind == "class")
            effect = resolved.effects.get(argument + (1 if implicit else 0))
            if effect:
                result = merge_facts(
                    result,
                    self.instantiate(effect, function, summary, record, call_index, implicit),
                )
        return result

    def call_attribute(self, call_index: int, attr: str) -> Facts:
        """Facts of attribute `attr` of the object the call returns."""
        return self._guarded(
            ("A", call_index, attr), lambda: self._call_attribute(call_index, attr)
        )

    def _call_attribute(self, call_index: int, attr: str) -> Facts:
        record = self._record(call_index)
        targets = self.linker.callees(record.callee)
        if not targets:
            return self.default(record, call_index)
        result: Facts = {}
        for kind, target in targets:
            if kind == "class":
                init = self.linker.method(target, "__init__")
                init_resolved = self.linker.result(init) if init is not None else None
                if init is not None and init_resolved is not None:
                    writes = init_resolved.self_writes.get(attr)
                    if writes:
                        result = merge_facts(
                            result,
                            self.instantiate(
                                writes,
                                init,
                                self.linker.functions[init][1],
                                record,
                                call_index,
                                True,
                            ),
                        )
                elif init is None:
                    field = self._generated_field(target, attr, record)
                    result = merge_facts(
                        result,
                        self.default(record, call_index, flag=F_IMPRECISE)
                        if field is _NOT_A_FIELD
                        else self.facts(field)
                        if field
                        else {},
                    )
                others = self._fields_outside_init(self.linker.field_class(target), attr, init)
                result = merge_facts(result, others)
            else:
                result = merge_facts(result, self.call_result(call_index))
                summary = self.linker.functions[target][1]
                for produced in summary.ret_objects:
                    for okind, otarget in self.linker._objects(produced, 0):
                        if okind == "class":
                            result = merge_facts(
                                result,
                                {("F", self.linker.field_class(otarget), attr): (EMPTY, 0, ())},
                            )
        return result

    def _generated_field(self, class_qn: str, attr: str, record: CallRecord) -> Any:
        """What a generated `__init__` (dataclass, NamedTuple) stores in field `attr`.

        The taint of the argument given for it (None: not given, the class default is
        used); `_NOT_A_FIELD` when the class has no generated fields or the argument
        cannot be told (`*args`, `**kwargs`, a field declared in a base class).
        """
        entry = self.linker.classes.get(self.linker.canonical(class_qn))
        if entry is None:
            return _NOT_A_FIELD
        info = entry[1]
        if attr not in info.fields or record.star or record.dstar:
            return _NOT_A_FIELD
        if any(
            base in self.linker.classes and self.linker.classes[base][1].fields
            for base in (self.linker.canonical(b) for b in info.bases)
        ):
            return _NOT_A_FIELD  # inherited fields come first: positions are not known here
        position = info.fields.index(attr)
        if position < len(record.args):
            return record.args[position]
        for name, taint in record.keywords:
            if name == attr:
                return taint
        return None

    def _fields_outside_init(self, class_qn: str, attr: str, init: str | None) -> Facts:
        if self.linker.writers_of(class_qn, attr) - {init}:
            return {("F", class_qn, attr): (EMPTY, 0, ())}
        return {}

    def default(self, record: CallRecord, call_index: int, flag: int = F_UNKNOWN) -> Facts:
        """An unresolved call: every argument flows to the result, with lower confidence."""
        taints = [
            *record.args,
            *(t for _, t in record.keywords),
            record.star,
            record.dstar,
            record.receiver,
        ]
        result: Facts = {}
        for taint in taints:
            if taint:
                for origin, fact in self.facts(taint).items():
                    result = merge_facts(result, {origin: (fact[0], fact[1] | flag, fact[2])})
        return result

    def argument(
        self,
        record: CallRecord,
        call_index: int,
        callee: FunctionSummary,
        index: int,
        implicit: bool,
    ) -> Facts:
        """The caller-side facts of what call `record` passes to parameter `index`."""
        cache_key = (call_index, index, callee.qualname)
        cached = self._arguments.get(cache_key)
        if cached is not None:
            return cached
        self._arguments[cache_key] = {}
        offset = 1 if implicit else 0
        taints: list[FrozenTaint | None] = []
        name, kind = callee.params[index] if index < len(callee.params) else ("", PARAM_KWARGS)
        positional = index - offset
        named_positional = sum(1 for p in callee.params if p[1] < PARAM_VARARGS)
        if kind < PARAM_VARARGS:
            if 0 <= positional < len(record.args):
                taints.append(record.args[positional])
            elif positional >= 0:
                matched = False
                for key, taint in record.keywords:
                    if key == name:
                        taints.append(taint)
                        matched = True
                if not matched:
                    taints.append(record.star)
                    taints.append(record.dstar)
        elif kind == PARAM_VARARGS:
            taints.extend(record.args[max(0, named_positional - offset) :])
            taints.append(record.star)
        elif kind == PARAM_KEYWORD_ONLY:
            taints.extend(t for k, t in record.keywords if k == name)
            taints.append(record.dstar)
        elif kind == PARAM_KWARGS:
            names = {p[0] for p in callee.params}
            taints.extend(t for k, t in record.keywords if k not in names)
            taints.append(record.dstar)
        result: Facts = {}
        for taint in taints:
            if taint:
                for origin, fact in self.facts(taint).items():
                    _add_fact(result, origin, fact)
        self._arguments[cache_key] = result
        return result

    def instantiate(
        self,
        facts: Facts,
        function: str,
        callee: FunctionSummary,
        record: CallRecord,
        call_index: int,
        implicit: bool,
        only_params: bool = False,
    ) -> Facts:
        """Callee facts at this call site: its parameters replaced by what the caller passed."""
        result: Facts = {}
        for origin, fact in facts.items():
            if origin[0] == "P" and origin[1] == function:
                for arg_origin, arg_fact in self.argument(
                    record, call_index, callee, origin[2], implicit
                ).items():
                    _add_fact(result, arg_origin, _compose(arg_fact, fact))
            elif not only_params:
                _add_fact(result, origin, fact)
        return result


def _reachable(start: set[str], edges: Mapping[str, Sequence[str]]) -> set[str]:
    """`start` and every name reached from it along `edges` (name → next names)."""
    found = set(start)
    pending = list(start)
    while pending:
        for following in edges.get(pending.pop(), ()):
            if following not in found:
                found.add(following)
                pending.append(following)
    return found


@dataclass
class FlowFinding:
    """A source reaching a sink: the raw material of a taint `Finding`."""

    site: tuple[int, int]
    origin: Any
    fact: Fact
    source_kind: str
    source_label: str
    source_location: tuple[int, int, int]  # module, line, col
    entry_function: str | None = None
    flags: int = 0


def collect_flows(linker: Linker) -> list[FlowFinding]:
    """Every (source, sink) pair the resolved summaries prove, one per pair."""
    best: dict[tuple[tuple[int, int], Any], FlowFinding] = {}

    def consider(site: tuple[int, int], origin: Any, fact: Fact) -> None:
        kind, label, location, entry = _describe_origin(linker, origin)
        if kind is None:
            return
        key = (site, origin)
        flow = FlowFinding(site, origin, fact, kind, label, location, entry, fact[1])
        current = best.get(key)
        if current is None or (fact[1], len(fact[2])) < (current.fact[1], len(current.fact[2])):
            best[key] = flow

    for qualname, resolved in linker.resolved.items():
        entry = linker.entries.get(qualname)
        for site, facts in resolved.sinks.items():
            kind = linker.modules[site[0]].sink_kinds[site[1]]
            for origin, fact in facts.items():
                if not reportable(kind, fact[0], fact[1]):
                    continue
                tag = origin[0]
                if tag == "S":
                    consider(site, origin, fact)
                elif tag == "P":
                    owner_entry = entry if origin[1] == qualname else linker.entries.get(origin[1])
                    if owner_entry is not None and origin[2] in owner_entry.params:
                        consider(site, ("EP", origin[1], origin[2]), fact)
                elif tag in ("F", "G"):
                    for inner_origin, inner in linker.ground({origin: fact}).items():
                        if reportable(kind, inner[0], inner[1]):
                            consider(site, inner_origin, inner)
    return list(best.values())


def _describe_origin(
    linker: Linker, origin: Any
) -> tuple[str | None, str, tuple[int, int, int], str | None]:
    if origin[0] == "S":
        module = linker.modules[origin[1]]
        kind, label, line, col = module.sources[origin[2]]
        return kind, label, (origin[1], line, col), None
    if origin[0] == "EP":
        function = origin[1]
        entry = linker.entries.get(function)
        if entry is None or origin[2] not in entry.params:
            return None, "", (0, 0, 0), None
        position, summary = linker.functions[function]
        kind, label = entry.params[origin[2]]
        return kind, label, (position, summary.line, 0), function
    return None, "", (0, 0, 0), None


__all__ = [
    "F_INCOMPLETE",
    "FlowFinding",
    "LinkModule",
    "LinkState",
    "Linker",
    "collect_flows",
    "environment_of",
    "merge_facts",
]
