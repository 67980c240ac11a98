"""The pattern-rule framework: rule declarations, the registry, and the one walk per file.

A rule is a declaration — id, CWE, severity, confidence, title, why, fix, references,
a bad and a good example, the Bandit ids it replaces — next to its matcher. Matchers
register for the node types they need; `RulePass` joins the one walk per file
(`analysis.walk.walk_scoped`) and hands every node to the matchers registered for its
type (pyflakes' shape, not one walk per rule).
A rule on `ast.Call` may also say which calls it wants — qualified callee names
(`calls=`), last name components (`methods=`), keyword arguments (`keywords=`) — so the
pass resolves each callee once and hands a call only to the rules that want it, instead
of to every Call rule in turn (most of them would return at once).
`cwescan rules`, `cwescan explain` and docs/rules.md are generated from the declarations.
"""

from __future__ import annotations

import ast
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.parsing import ParsedModule
from cwescan.model import Confidence, Severity

PROFILES = ("default", "audit")
T = TypeVar("T")


@dataclass
class Issue:
    """What a matcher yields: the node it flags and what to say about it here.

    `description` names the variables and calls of this code; `remediation` defaults
    to the rule's fix. Severity and confidence may be adjusted per occurrence.
    """

    node: ast.AST
    description: str
    remediation: str | None = None
    severity: Severity | None = None
    confidence: Confidence | None = None
    end_node: ast.AST | None = None


CheckFunction = Callable[[ast.AST, "RuleContext"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    """A pattern rule's declaration and its matcher."""

    id: str
    cwe: int
    title: str
    severity: Severity
    confidence: Confidence
    summary: str
    why: str
    fix: str
    bad: str
    good: str
    nodes: tuple[type[ast.AST], ...]
    check: CheckFunction
    references: tuple[str, ...] = ()
    bandit: tuple[str, ...] = ()
    profile: str = "default"
    family: str = ""
    scope_note: str = ""
    # which `ast.Call` nodes the matcher wants (all of them when the three are empty);
    # a prefilter only: the matcher still decides, so these may over-approximate
    calls: frozenset[str] = frozenset()
    methods: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    # words one of which the file's text must contain for the rule to run on it at all
    # (lower-case words match case-insensitively); a prefilter like `calls`
    requires: tuple[str, ...] = ()

    def applies_to(self, source: str, lowered: str) -> bool:
        """False when the file cannot hold what the rule reports (see `requires`).

        `lowered` is `source.lower()`, computed once per file by the caller.
        """
        if not self.requires:
            return True
        exact, folded = self._requires_by_case
        return any(map(source.__contains__, exact)) or any(map(lowered.__contains__, folded))

    @functools.cached_property
    def _requires_by_case(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """`requires` split into words matched exactly and words matched in any case."""
        folded = tuple(w for w in self.requires if w.islower())
        return tuple(w for w in self.requires if not w.islower()), folded

    @property
    def filters_calls(self) -> bool:
        """True when the rule declared which calls it wants (`calls`/`methods`/`keywords`)."""
        return bool(self.calls or self.methods or self.keywords)

    def doc(self) -> str:
        """The rule's documentation in Markdown (What it does / Why / Example / Use instead)."""
        parts = [
            f"### {self.id}: {self.title}",
            "",
            f"CWE-{self.cwe} · severity {self.severity} · confidence {self.confidence}"
            f" · profile {self.profile}"
            + (f" · replaces Bandit {', '.join(self.bandit)}" if self.bandit else ""),
            "",
            "**What it does.** " + self.summary,
            "",
            "**Why is this bad?** " + self.why,
        ]
        if self.scope_note:
            parts += ["", "**Pattern or data flow?** " + self.scope_note]
        parts += [
            "",
            "**Example**",
            "",
            "```python",
            self.bad.strip("\n"),
            "```",
            "",
            "**Use instead** — " + self.fix,
            "",
            "```python",
            self.good.strip("\n"),
            "```",
        ]
        if self.references:
            parts += ["", "**References**", ""] + [f"- {ref}" for ref in self.references]
        return "\n".join(parts)


class RuleRegistry:
    """All declared rules, by id, with checks against duplicate ids and Bandit ids."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> None:
        if rule.id in self._rules:
            raise ValueError(f"duplicate rule id {rule.id}")
        if rule.profile not in PROFILES:
            raise ValueError(f"rule {rule.id}: unknown profile {rule.profile!r}")
        self._rules[rule.id] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id.upper())

    def by_bandit_id(self, bandit_id: str) -> list[Rule]:
        """Our rules that replace a Bandit test id such as `B602`."""
        wanted = bandit_id.upper()
        return [r for r in self if wanted in r.bandit]


REGISTRY = RuleRegistry()


def rule(
    *,
    id: str,
    cwe: int,
    title: str,
    severity: Severity,
    confidence: Confidence,
    summary: str,
    why: str,
    fix: str,
    bad: str,
    good: str,
    nodes: Sequence[type[ast.AST]],
    references: Sequence[str] = (),
    bandit: Sequence[str] = (),
    profile: str = "default",
    scope_note: str = "",
    calls: Iterable[str] = (),
    methods: Iterable[str] = (),
    keywords: Iterable[str] = (),
    requires: Iterable[str] = (),
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule around its matcher and register it.

    The matcher receives each node of the listed types and yields `Issue`s. A rule on
    `ast.Call` may narrow the calls it receives; it then sees a call when any of these
    holds (with none given it sees every call):

    - `calls`: the callee's qualified name is listed (`"yaml.load"`), or starts with an
      entry that ends in a dot (`"requests."` is every callee under `requests`);
    - `methods`: the call's last name component is listed — the attribute of
      `x.name(...)`, the name of `name(...)`, or the last part of the resolved callee;
    - `keywords`: the call passes one of these keyword arguments (`shell=...`).

    These are a prefilter: they must include every call the matcher can report on.

    `requires` is a prefilter on the whole file, checked once before the walk: the
    rule runs only on files whose text contains one of these words (a word written in
    lower case matches in any case: `"cors"` finds `CORSMiddleware`). It is for rules
    that look at every assignment or name but can only report where a specific setting,
    keyword or constant is named; it must name something every reportable file contains.
    """
    if (calls or methods or keywords) and ast.Call not in nodes:
        raise ValueError(f"rule {id}: calls/methods/keywords need ast.Call in nodes")

    def declare(check: CheckFunction) -> Rule:
        module = getattr(check, "__module__", "")
        declared = Rule(
            id=id,
            cwe=cwe,
            title=title,
            severity=severity,
            confidence=confidence,
            summary=summary,
            why=why,
            fix=fix,
            bad=bad,
            good=good,
            nodes=tuple(nodes),
            check=check,
            references=tuple(references),
            bandit=tuple(b.upper() for b in bandit),
            profile=profile,
            family=module.rpartition(".")[2],
            scope_note=scope_note,
            calls=frozenset(calls),
            methods=frozenset(methods),
            keywords=frozenset(keywords),
            requires=tuple(requires),
        )
        REGISTRY.add(declared)
        return declared

    return declare


@dataclass
class RuleContext:
    """What a matcher may ask about the node in front of it."""

    module: ParsedModule
    resolver: NameResolver
    scope: Scope
    function: str | None = None
    _ancestors: Sequence[ast.AST] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.module.path

    def qualified_name(self, node: ast.AST) -> str | None:
        """The qualified name of a name/attribute chain at this point, e.g. `subprocess.run`."""
        return self.resolver.qualified_name(node, self.scope)

    def call_name(self, call: ast.Call) -> str | None:
        """The qualified name of the function a call invokes, when known (the resolver
        remembers it: every rule registered for the call asks)."""
        return self.resolver.qualified_name(call.func, self.scope)

    def imports(self, *modules: str) -> bool:
        """True when this scope or an enclosing one imports one of `modules` or from it.

        `imports("tarfile")` holds for `import tarfile` and `from tarfile import open`;
        `imports("xml.etree")` for `import xml.etree.ElementTree as ET`.
        """
        scope: Scope | None = self.scope
        while scope is not None:
            for binding in scope.bindings.values():
                qualified = binding.qualified_name
                if binding.kind != "import" or not qualified:
                    continue
                for module in modules:
                    if qualified == module or qualified.startswith(module + "."):
                        return True
            scope = scope.parent
        return False

    def constructor_of(self, expr: ast.expr) -> str | None:
        """The qualified name of the call that built the object `expr` names, when visible.

        `app = Flask(__name__)` → `flask.Flask` for `app`; `with tarfile.open(p) as t` →
        `tarfile.open` for `t`; a direct `tarfile.open(p).extractall()` → `tarfile.open`.
        """
        if isinstance(expr, ast.Call):
            return self.call_name(expr)
        if not isinstance(expr, ast.Name):
            return None
        for parent in reversed(self.parents):
            if isinstance(parent, (ast.With, ast.AsyncWith)):
                for item in parent.items:
                    bound = item.optional_vars
                    if isinstance(bound, ast.Name) and bound.id == expr.id:
                        if isinstance(item.context_expr, ast.Call):
                            return self.call_name(item.context_expr)
                        return None
        binding = self.resolver.lookup(expr.id, self.scope)
        if binding is not None and binding.kind == "local" and isinstance(binding.value, ast.Call):
            return self.resolver.qualified_name(binding.value.func, self.scope)
        return None

    def constant(self, node: ast.AST | None) -> tuple[bool, object]:
        """(True, value) when `node` folds to a constant here, else (False, None)."""
        if node is None:
            return False, None
        return self.resolver.constant_value(node, self.scope)

    @property
    def parents(self) -> Sequence[ast.AST]:
        """The nodes enclosing the current one, outermost first."""
        return self._ancestors


def in_test_code(ctx: RuleContext) -> bool:
    """Test files (by name) and test functions/classes, where asserts are the point."""
    base = ctx.path.replace("\\", "/").rpartition("/")[2]
    if base.startswith("test_") or base.endswith(("_test.py", "_tests.py")):
        return True
    if base in ("conftest.py", "tests.py", "test.py"):
        return True
    for part in (ctx.function or "").split("."):
        if part.startswith(("test", "Test")):
            return True
    return False


_FILE_MEMOS: list[Callable[[], None]] = []


def remember_per_file(forget: Callable[[], None]) -> None:
    """Register how to empty a memo that holds objects of the file being analysed."""
    _FILE_MEMOS.append(forget)


def forget_file_memos() -> None:
    """Empty the memos of the file just analysed. A memo holds its last arguments (a
    node, the module, the resolver), and a rule that runs on few files would otherwise
    keep the whole tree of the last one alive until its next use: with several such
    rules, a worker held several large trees at once (a 24 MB higher peak on Django)."""
    for forget in _FILE_MEMOS:
        forget()


def for_last_node(find: Callable[..., Iterable[T]]) -> Callable[..., list[T]]:
    """`find(node, ...)` as a list, remembered for the arguments asked about last.

    Several rules registered for one node often need the same derived facts (the
    settings an assignment sets, the literals bound to names in it) and ask in turn:
    the first computes, the others reuse. The arguments are held, so their identities
    cannot be taken by other objects while remembered (until `forget_file_memos`).
    """
    last: tuple[tuple[object, ...], list[T]] = ((), [])

    @functools.wraps(find)
    def remembered(*arguments: object) -> list[T]:
        nonlocal last
        seen, found = last
        if len(seen) != len(arguments) or not all(map(operator.is_, seen, arguments)):
            found = list(find(*arguments))
            last = (arguments, found)
        return found

    def forget() -> None:
        nonlocal last
        last = ((), [])

    remember_per_file(forget)
    return remembered


@dataclass
class RuleMatch:
    """A rule's issue, placed: the raw material of a `Finding`."""

    rule: Rule
    issue: Issue
    function: str | None


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The value passed to keyword `name` in a call, or None."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def argument(call: ast.Call, position: int, name: str | None = None) -> ast.expr | None:
    """The argument at `position` (if not after a `*args`) or passed as keyword `name`."""
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            break
        if index == position:
            return arg
    if name is not None:
        return keyword(call, name)
    return None


def has_star_arguments(call: ast.Call) -> bool:
    """True when the call passes `*args` or `**kwargs` (arguments unknown statically)."""
    return any(isinstance(a, ast.Starred) for a in call.args) or any(
        kw.arg is None for kw in call.keywords
    )


@dataclass
class RuleFailure:
    """A matcher that raised on one node: a cwescan bug, reported instead of crashing."""

    rule_id: str
    line: int | None
    error: str


class RuleDispatch:
    """Which rules see which nodes: by node type, and for calls by what the rules want.

    Built once per list of rules (`for_rules`) and shared by the passes of every file.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.by_type: dict[type[ast.AST], list[Rule]] = {}
        # Call rules by what they asked for; values are (position among the rules, rule)
        # so a merged selection keeps the rules' order
        self.every_call: list[tuple[int, Rule]] = []
        self.by_name: dict[str, list[tuple[int, Rule]]] = {}
        self.by_prefix: dict[str, list[tuple[str, int, Rule]]] = {}  # first component →
        self.by_leaf: dict[str, list[tuple[int, Rule]]] = {}
        self.by_keyword: dict[str, list[tuple[int, Rule]]] = {}
        for position, declared in enumerate(rules):
            for node_type in declared.nodes:
                if node_type is ast.Call:
                    self._register_call_rule(position, declared)
                else:
                    self.by_type.setdefault(node_type, []).append(declared)
        self.every_call_rules = [declared for _, declared in self.every_call]
        node_types = set(self.by_type)
        if self.every_call or self.by_name or self.by_prefix or self.by_leaf or self.by_keyword:
            node_types.add(ast.Call)
        self.node_types = frozenset(node_types)

    _recent: dict[tuple[int, ...], tuple[Sequence[Rule], RuleDispatch]] = {}

    @classmethod
    def for_rules(cls, rules: Iterable[Rule]) -> RuleDispatch:
        """The dispatch for these rules, reused while the same rule objects come back."""
        listed = tuple(rules)
        key = tuple(map(id, listed))
        known = cls._recent.get(key)
        if known is not None:
            return known[1]
        dispatch = cls(listed)
        if len(cls._recent) >= 64:  # one entry per set of rules the files' texts allow
            cls._recent.clear()
        cls._recent[key] = (listed, dispatch)  # the rules are held, so no id is reused
        return dispatch

    def _register_call_rule(self, position: int, declared: Rule) -> None:
        entry = (position, declared)
        if not declared.filters_calls:
            self.every_call.append(entry)
            return
        for name in declared.calls:
            if name.endswith("."):
                first = name.partition(".")[0]
                self.by_prefix.setdefault(first, []).append((name, position, declared))
            else:
                self.by_name.setdefault(name, []).append(entry)
        for leaf in declared.methods:
            self.by_leaf.setdefault(leaf, []).append(entry)
        for arg in declared.keywords:
            self.by_keyword.setdefault(arg, []).append(entry)

    def call_rules(self, call: ast.Call, name: str | None) -> Sequence[Rule]:
        """The rules that want this call (whose callee resolves to `name`), in order."""
        wanted: list[tuple[int, Rule]] = []
        leaf = None
        if name is not None:
            found = self.by_name.get(name)
            if found:
                wanted.extend(found)
            leaf = name.rpartition(".")[2]
            found = self.by_leaf.get(leaf)
            if found:
                wanted.extend(found)
            prefixed = self.by_prefix.get(name.partition(".")[0])
            if prefixed:
                wanted.extend((p, r) for prefix, p, r in prefixed if name.startswith(prefix))
        func = call.func
        written: str | None = None  # the name as written: `x.written(...)`, `written(...)`
        if func.__class__ is ast.Attribute:
            written = func.attr  # type: ignore[attr-defined]
        elif func.__class__ is ast.Name:
            written = func.id  # type: ignore[attr-defined]
        if written is not None and written != leaf:
            found = self.by_leaf.get(written)
            if found:
                wanted.extend(found)
        if self.by_keyword:
            for kw in call.keywords:
                if kw.arg is not None:
                    found = self.by_keyword.get(kw.arg)
                    if found:
                        wanted.extend(found)
        if not wanted:
            return self.every_call_rules
        selected = dict(wanted)  # one entry per rule, by position
        selected.update(self.every_call)
        return [selected[position] for position in sorted(selected)]


class RulePass:
    """The pattern rules as one pass of the shared per-file walk (`walk_scoped`).

    A matcher that raises is recorded in `failures` (when given) and the walk goes on,
    so one rule's bug costs its own findings on that node, not the file or the scan.
    Calls go only to the rules that want them (`Rule.calls`/`methods`/`keywords`): the
    callee is resolved once per call and looked up in the `RuleDispatch` tables, in the
    rules' own order, so the matches are the same as handing every call to every Call
    rule.
    """

    def __init__(
        self,
        module: ParsedModule,
        resolver: NameResolver,
        rules: Iterable[Rule],
        failures: list[RuleFailure] | None = None,
    ) -> None:
        source = module.source
        lowered = source.lower()
        self._tables = RuleDispatch.for_rules(r for r in rules if r.applies_to(source, lowered))
        self._dispatch = self._tables.by_type
        self.node_types = self._tables.node_types
        self.matches: list[RuleMatch] = []
        self.failures = failures
        self._context = RuleContext(module=module, resolver=resolver, scope=resolver.module_scope)

    def visit(
        self, node: ast.AST, scope: Scope, function: str | None, ancestors: Sequence[ast.AST]
    ) -> None:
        """Run every rule registered for this node's type (for a call: that wants it)."""
        context = self._context
        context.scope = scope
        context.function = function
        context._ancestors = ancestors  # the live chain: valid during this visit only
        if node.__class__ is ast.Call:
            call: ast.Call = node  # type: ignore[assignment]
            interested: Sequence[Rule] = self._tables.call_rules(call, context.call_name(call))
        else:
            interested = self._dispatch[node.__class__]
        for declared in interested:
            try:
                for issue in declared.check(node, context):
                    self.matches.append(RuleMatch(declared, issue, function))
            except RecursionError:
                raise
            except Exception as exc:  # a rule bug must not stop the scan
                if self.failures is None:
                    raise
                line = getattr(node, "lineno", None)
                self.failures.append(RuleFailure(declared.id, line, f"{type(exc).__name__}: {exc}"))

