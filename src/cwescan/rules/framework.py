"""The pattern-rule framework: rule declarations, the registry, and the one walk per file.

A rule is a declaration — id, CWE, severity, confidence, title, why, fix, references,
a bad and a good example, the Bandit ids it replaces — next to its matcher. Matchers
register for the node types they need; `RulePass` joins the one walk per file
(`analysis.walk.walk_scoped`) and hands every node to the matchers registered for its
type (pyflakes' shape, not one walk per rule).
`cwescan rules`, `cwescan explain` and docs/rules.md are generated from the declarations.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.parsing import ParsedModule
from cwescan.analysis.walk import walk_scoped
from cwescan.model import Confidence, Severity

PROFILES = ("default", "audit")


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
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule around its matcher and register it.

    The matcher receives each node of the listed types and yields `Issue`s.
    """

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
    # (id(call), id(scope)) → (call, qualified name): every rule registered for Call
    # asks, so resolve once; the node is kept so a recycled id can never alias it
    _call_names: dict[tuple[int, int], tuple[ast.Call, str | None]] = field(
        default_factory=dict
    )

    @property
    def path(self) -> str:
        return self.module.path

    def qualified_name(self, node: ast.AST) -> str | None:
        """The qualified name of a name/attribute chain at this point, e.g. `subprocess.run`."""
        return self.resolver.qualified_name(node, self.scope)

    def call_name(self, call: ast.Call) -> str | None:
        """The qualified name of the function a call invokes, when known."""
        key = (id(call), id(self.scope))
        cached = self._call_names.get(key)
        if cached is not None and cached[0] is call:
            return cached[1]
        name = self.resolver.qualified_name(call.func, self.scope)
        self._call_names[key] = (call, name)
        return name

    def constant(self, node: ast.AST | None) -> tuple[bool, object]:
        """(True, value) when `node` folds to a constant here, else (False, None)."""
        if node is None:
            return False, None
        return self.resolver.constant_value(node, self.scope)

    @property
    def parents(self) -> Sequence[ast.AST]:
        """The nodes enclosing the current one, outermost first."""
        return self._ancestors


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


class RulePass:
    """The pattern rules as one pass of the shared per-file walk (`walk_scoped`).

    A matcher that raises is recorded in `failures` (when given) and the walk goes on,
    so one rule's bug costs its own findings on that node, not the file or the scan.
    """

    def __init__(
        self,
        module: ParsedModule,
        resolver: NameResolver,
        rules: Iterable[Rule],
        failures: list[RuleFailure] | None = None,
    ) -> None:
        self._dispatch: dict[type[ast.AST], list[Rule]] = {}
        for declared in rules:
            for node_type in declared.nodes:
                self._dispatch.setdefault(node_type, []).append(declared)
        self.node_types = frozenset(self._dispatch)
        self.matches: list[RuleMatch] = []
        self.failures = failures
        self._context = RuleContext(module=module, resolver=resolver, scope=resolver.module_scope)

    def visit(
        self, node: ast.AST, scope: Scope, function: str | None, ancestors: Sequence[ast.AST]
    ) -> None:
        """Run every rule registered for this node's type."""
        context = self._context
        context.scope = scope
        context.function = function
        context._ancestors = ancestors  # the live chain: valid during this visit only
        for declared in self._dispatch[node.__class__]:
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


def run_rules(
    module: ParsedModule,
    resolver: NameResolver,
    rules: Iterable[Rule],
    failures: list[RuleFailure] | None = None,
) -> list[RuleMatch]:
    """Run the rules alone over one module (one walk); see `RulePass`."""
    rule_pass = RulePass(module, resolver, rules, failures)
    walk_scoped(module.tree, resolver, [rule_pass])
    return rule_pass.matches
