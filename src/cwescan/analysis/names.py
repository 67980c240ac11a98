"""Name resolution: every name and attribute chain in a module to a qualified name.

`import subprocess as sp; sp.run` resolves to `subprocess.run`; `from os import path as
p; p.join` to `os.path.join`; `from .db import query` inside package `app` to
`app.db.query`; `run = subprocess.run; run(...)` to `subprocess.run`. Rules and the
taint engine match these qualified names, never raw text.

The resolver is scope-aware (module, function, lambda, comprehension and class scopes,
with Python's rule that class bodies are not visible from methods) and flow-insensitive
within a scope: a name bound exactly once to an import or alias resolves through it; a
name bound by a parameter or assigned anything else is a local and resolves to nothing,
so a local that shadows an import is never mistaken for the module.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field
from typing import Any

from cwescan.analysis.walk import LEAF_EXPRESSIONS, child_fields

_BUILTIN_NAMES = frozenset(dir(builtins))

ScopeNode = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_DEFINITION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_COMPREHENSION_TYPES = frozenset(_COMPREHENSIONS)
# Node types that bind names (what `_record` handles); everything else is only walked.
_BINDING_TYPES = frozenset(
    {
        ast.Import,
        ast.ImportFrom,
        ast.Global,
        ast.Nonlocal,
        ast.Assign,
        ast.AnnAssign,
        ast.NamedExpr,
        ast.AugAssign,
        ast.For,
        ast.AsyncFor,
        ast.With,
        ast.AsyncWith,
        ast.ExceptHandler,
        ast.Delete,
        ast.MatchAs,
        ast.MatchStar,
        ast.MatchMapping,
    }
)


@dataclass
class Binding:
    """What one name means inside one scope.

    `kind` is "import" or "alias" (qualified name known), "def" (a function or class
    defined here, qualified by the module), "constant" (bound once to a literal) or
    "local" (anything else: a parameter, a computed value, a name bound several times).
    """

    kind: str
    qualified_name: str | None = None
    value: ast.expr | None = None
    node: ast.AST | None = None
    alternatives: list[str] = field(default_factory=list)


@dataclass
class Scope:
    """The bindings of one scope and the scope it is nested in."""

    node: ast.AST
    parent: Scope | None
    is_class: bool = False
    bindings: dict[str, Binding] = field(default_factory=dict)
    globals_declared: set[str] = field(default_factory=set)
    nonlocals_declared: set[str] = field(default_factory=set)
    store_counts: dict[str, int] = field(default_factory=dict)


def module_name_for(display_path: str) -> str:
    """Guess a dotted module name from a path: `app/views/users.py` → `app.views.users`.

    Without a package root this is a best effort; it only needs to be consistent
    within one scan so that relative imports and project calls line up.
    """
    path = display_path.replace("\\", "/")
    for suffix in (".py", ".pyw"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or "__main__"


class NameResolver:
    """Resolves names in one parsed module to qualified names and known constants."""

    def __init__(self, tree: ast.Module, module_name: str = "__main__", is_package: bool = False):
        self.tree = tree
        self.module_name = module_name
        # For `from . import x` the anchor is the package itself when this module is
        # its `__init__`, otherwise the package holding the module.
        if is_package:
            self.package = module_name
        else:
            self.package = module_name.rpartition(".")[0]
        self.module_scope = Scope(tree, None)
        self._scope_of: dict[int, Scope] = {id(tree): self.module_scope}
        # (id(node), id(scope)) → (node, qualified name): the rules, the observations and
        # the taint engine ask about the same callees; the node is held so its id cannot
        # be reused by another node while the entry lives
        self._qualified: dict[tuple[int, int], tuple[ast.AST, str | None]] = {}
        self._build()

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        # Iterative walk: deeply nested code must not exhaust the Python stack. The order
        # of visits does not matter: aliases resolve lazily at lookup.
        # A node that opens a scope is opened when it is popped, wherever it was pushed
        # from (a module, a class body, a function body, an expression).
        stack: list[tuple[ast.AST, Scope]] = [(self.tree, self.module_scope)]
        record = self._record
        push = stack.append
        leaves = LEAF_EXPRESSIONS  # names and constants bind nothing and hold nothing
        node_class = ast.AST
        while stack:
            node, scope = stack.pop()
            kind = node.__class__
            if kind in _DEFINITION_TYPES:
                self._open_definition(node, scope, stack)  # type: ignore[arg-type]
                continue
            if kind is ast.Lambda:
                self._open_lambda(node, scope, stack)  # type: ignore[arg-type]
                continue
            if kind in _COMPREHENSION_TYPES:
                self._open_comprehension(node, scope, stack)
                continue
            if kind in _BINDING_TYPES:
                record(node, scope)
            for name in child_fields(kind):
                value = getattr(node, name, None)
                if value is None:
                    continue
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ not in leaves and isinstance(item, node_class):
                            push((item, scope))
                elif value.__class__ not in leaves and isinstance(value, node_class):
                    push((value, scope))
        self._apply_global_declarations()

    def _apply_global_declarations(self) -> None:
        """Move bindings of names a scope declared `global` to the module scope.

        `global x` applies to the whole function wherever it stands, and the walk does
        not visit statements in source order, so a binding recorded before its
        declaration was seen is moved here, after the walk.
        """
        for scope in self._scope_of.values():
            if scope is self.module_scope or not scope.globals_declared:
                continue
            for name in scope.globals_declared:
                binding = scope.bindings.pop(name, None)
                count = scope.store_counts.pop(name, 0)
                if binding is None:
                    continue
                module = self.module_scope
                module.store_counts[name] = module.store_counts.get(name, 0) + count
                existing = module.bindings.get(name)
                if existing is None and count <= 1:
                    module.bindings[name] = binding
                elif (
                    existing is None
                    or existing.kind != binding.kind
                    or (existing.qualified_name != binding.qualified_name)
                ):
                    module.bindings[name] = Binding("local", node=binding.node)

    def _open_definition(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        scope: Scope,
        stack: list[tuple[ast.AST, Scope]],
    ) -> None:
        qualified = self._qualify(scope, node.name)
        self._bind(scope, node.name, Binding("def", qualified, node=node))
        # decorators, defaults and bases are evaluated in the enclosing scope
        for outer in self._outer_parts(node):
            stack.append((outer, scope))
        inner = Scope(node, scope, is_class=isinstance(node, ast.ClassDef))
        self._scope_of[id(node)] = inner
        if not isinstance(node, ast.ClassDef):
            self._bind_arguments(inner, node.args)
        for statement in node.body:
            stack.append((statement, inner))

    def _open_lambda(
        self, node: ast.Lambda, scope: Scope, stack: list[tuple[ast.AST, Scope]]
    ) -> None:
        for default in [*node.args.defaults, *[d for d in node.args.kw_defaults if d]]:
            stack.append((default, scope))
        inner = Scope(node, scope)
        self._scope_of[id(node)] = inner
        self._bind_arguments(inner, node.args)
        stack.append((node.body, inner))

    def _open_comprehension(
        self, node: ast.AST, scope: Scope, stack: list[tuple[ast.AST, Scope]]
    ) -> None:
        assert isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
        inner = Scope(node, scope)
        self._scope_of[id(node)] = inner
        # the first iterable is evaluated in the enclosing scope
        stack.append((node.generators[0].iter, scope))
        for index, generator in enumerate(node.generators):
            self._bind_targets(inner, generator.target, None)
            if index:
                stack.append((generator.iter, inner))
            for condition in generator.ifs:
                stack.append((condition, inner))
        if isinstance(node, ast.DictComp):
            stack.append((node.key, inner))
            stack.append((node.value, inner))
        else:
            stack.append((node.elt, inner))

    @staticmethod
    def _outer_parts(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[ast.AST]:
        parts: list[ast.AST] = list(node.decorator_list)
        if isinstance(node, ast.ClassDef):
            parts.extend(node.bases)
            parts.extend(kw.value for kw in node.keywords)
        else:
            parts.extend(node.args.defaults)
            parts.extend(d for d in node.args.kw_defaults if d is not None)
            if node.returns is not None:
                parts.append(node.returns)
            for arg in all_args(node.args):
                if arg.annotation is not None:
                    parts.append(arg.annotation)
        return parts

    def _bind_arguments(self, scope: Scope, args: ast.arguments) -> None:
        for arg in all_args(args):
            self._bind(scope, arg.arg, Binding("local", node=arg))
            scope.store_counts[arg.arg] = scope.store_counts.get(arg.arg, 0) + 1

    def _record(self, node: ast.AST, scope: Scope) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self._bind_import(scope, alias.asname, alias.name, node)
                else:
                    top = alias.name.split(".")[0]
                    self._bind_import(scope, top, top, node)
        elif isinstance(node, ast.ImportFrom):
            base = self._resolve_from_module(node)
            for alias in node.names:
                if alias.name == "*":
                    continue
                imported = f"{base}.{alias.name}" if base else alias.name
                self._bind_import(scope, alias.asname or alias.name, imported, node)
        elif isinstance(node, ast.Global):
            scope.globals_declared.update(node.names)
        elif isinstance(node, ast.Nonlocal):
            scope.nonlocals_declared.update(node.names)
        elif isinstance(node, ast.Assign):
            value = node.value if len(node.targets) == 1 else None
            for target in node.targets:
                self._bind_targets(scope, target, value)
        elif isinstance(node, ast.AnnAssign):
            self._bind_targets(scope, node.target, node.value)
        elif isinstance(node, ast.NamedExpr):
            self._bind_targets(self._walrus_scope(scope), node.target, node.value)
        elif isinstance(node, (ast.AugAssign,)):
            self._bind_targets(scope, node.target, None)
            if isinstance(node.target, ast.Name):
                # an augmented assignment is a second binding: never a plain alias/constant
                self._count_store(scope, node.target.id)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self._bind_targets(scope, node.target, None)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._bind_targets(scope, item.optional_vars, None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self._bind(scope, node.name, Binding("local", node=node))
            self._count_store(scope, node.name)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                self._bind_targets(scope, target, None)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            self._bind(scope, node.name, Binding("local", node=node))
            self._count_store(scope, node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            self._bind(scope, node.rest, Binding("local", node=node))
            self._count_store(scope, node.rest)

    def _walrus_scope(self, scope: Scope) -> Scope:
        # PEP 572: a walrus target inside a comprehension binds in the enclosing function
        while isinstance(scope.node, _COMPREHENSIONS) and scope.parent is not None:
            scope = scope.parent
        return scope

    def _resolve_from_module(self, node: ast.ImportFrom) -> str:
        module = node.module or ""
        if not node.level:
            return module
        parts = self.package.split(".") if self.package else []
        up = node.level - 1
        if up:
            parts = parts[:-up] if up <= len(parts) else []
        base = ".".join(parts)
        if module:
            return f"{base}.{module}" if base else module
        return base

    def _qualify(self, scope: Scope, name: str) -> str:
        chain: list[str] = [name]
        current: Scope | None = scope
        while current is not None and current.parent is not None:
            node = current.node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                chain.append(node.name)
            elif isinstance(node, ast.Lambda):
                chain.append("<lambda>")
            current = current.parent
        chain.append(self.module_name)
        return ".".join(reversed(chain))

    def _count_store(self, scope: Scope, name: str) -> None:
        scope.store_counts[name] = scope.store_counts.get(name, 0) + 1

    def _bind_import(self, scope: Scope, name: str, qualified: str, node: ast.AST) -> None:
        target = self._declared_scope(scope, name)
        self._count_store(target, name)
        previous = target.bindings.get(name)
        if previous is not None and previous.kind == "import":
            # Bound only by imports, e.g. `try: from yaml import CSafeLoader as SafeLoader /
            # except ImportError: from yaml import SafeLoader`: the first in source order
            # is what normally runs; the others are kept as alternatives.
            if previous.qualified_name != qualified:
                if getattr(node, "lineno", 0) < getattr(previous.node, "lineno", 0):
                    earlier = [*previous.alternatives, previous.qualified_name or ""]
                    target.bindings[name] = Binding(
                        "import", qualified, node=node, alternatives=earlier
                    )
                else:
                    previous.alternatives.append(qualified)
            return
        if target.store_counts[name] > 1:
            target.bindings[name] = Binding("local", node=node)
        else:
            target.bindings[name] = Binding("import", qualified, node=node)

    def _bind(self, scope: Scope, name: str, binding: Binding) -> None:
        target = self._declared_scope(scope, name)
        if binding.kind == "def":
            self._count_store(target, name)
        target.bindings[name] = (
            binding if target.store_counts.get(name, 0) <= 1 else Binding("local")
        )

    def _declared_scope(self, scope: Scope, name: str) -> Scope:
        if name in scope.globals_declared:
            return self.module_scope
        return scope

    def _bind_targets(self, scope: Scope, target: ast.AST, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            owner = self._declared_scope(scope, target.id)
            self._count_store(owner, target.id)
            if owner.store_counts[target.id] > 1:
                owner.bindings[target.id] = Binding("local", node=target)
                return
            if value is not None:
                if _is_name_chain(value):
                    # resolved lazily at lookup: the import it names may come later
                    owner.bindings[target.id] = Binding("alias", None, value=value, node=target)
                    return
                if _is_literal(value):
                    owner.bindings[target.id] = Binding("constant", value=value, node=target)
                    return
            owner.bindings[target.id] = Binding("local", value=value, node=target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            values: list[ast.expr] | None = None
            if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts):
                if not any(isinstance(e, ast.Starred) for e in target.elts):
                    values = value.elts
            for index, element in enumerate(target.elts):
                self._bind_targets(scope, element, values[index] if values else None)
        elif isinstance(target, ast.Starred):
            self._bind_targets(scope, target.value, None)
        # attribute and subscript targets bind no name

    # -- lookups ----------------------------------------------------------------------

    def scope_for(self, node: ast.AST) -> Scope | None:
        """The scope a function, lambda, class or comprehension node opens, if any."""
        return self._scope_of.get(id(node))

    def _lookup(self, name: str, scope: Scope | None) -> Binding | None:
        current = scope
        first = True
        while current is not None:
            if name in current.globals_declared:
                return self.module_scope.bindings.get(name)
            # class bodies are visible only to code directly inside them
            if not (current.is_class and not first):
                binding = current.bindings.get(name)
                if binding is not None:
                    return binding
            first = False
            current = current.parent
        return None

    def lookup(self, name: str, scope: Scope | None = None) -> Binding | None:
        """The binding `name` has when read in `scope` (the module scope by default)."""
        return self._lookup(name, scope or self.module_scope)

    def qualified_name(self, node: ast.AST, scope: Scope | None = None) -> str | None:
        """The qualified name of a `Name`/`Attribute` chain read in `scope`, or None.

        Unbound builtins resolve to `builtins.<name>`; locals and unknown names to None.
        Remembered per node and scope (the bindings do not change once built).
        """
        if scope is None:
            scope = self.module_scope
        key = (id(node), id(scope))
        known = self._qualified.get(key)
        if known is not None and known[0] is node:
            return known[1]
        name = self._resolve_qualified(node, scope)
        self._qualified[key] = (node, name)
        return name

    def _resolve_qualified(self, node: ast.AST, scope: Scope) -> str | None:
        parts: list[str] = []
        current = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not isinstance(current, ast.Name):
            return None
        base = self._name_qualified(current.id, scope, 0)
        if base is None:
            return None
        if parts:
            return base + "." + ".".join(reversed(parts))
        return base

    def _name_qualified(self, name: str, scope: Scope, depth: int) -> str | None:
        binding = self._lookup(name, scope)
        if binding is None:
            return f"builtins.{name}" if name in _BUILTIN_NAMES else None
        if binding.kind in ("import", "def"):
            return binding.qualified_name
        if binding.kind == "alias" and binding.value is not None and depth < 20:
            owner = self._owner_scope(name, scope)
            parts: list[str] = []
            current: ast.AST = binding.value
            while isinstance(current, ast.Attribute):
                parts.append(current.attr)
                current = current.value
            if not isinstance(current, ast.Name):
                return None
            # `x = x.y` must not look itself up
            lookup_scope = owner.parent if current.id == name and owner.parent else owner
            if current.id == name and owner.parent is None:
                return None
            base = self._name_qualified(current.id, lookup_scope, depth + 1)
            if base is None:
                return None
            return base + "".join("." + p for p in reversed(parts))
        return None

    def constant_value(
        self, node: ast.AST, scope: Scope | None = None, _depth: int = 0
    ) -> tuple[bool, Any]:
        """Fold `node` to a Python constant when its value is known statically.

        Handles literals, names bound once to a literal (here or in an enclosing scope),
        string concatenation and %-formatting of constants, f-strings of constants, and
        tuples/lists/sets/dicts of constants. Returns (False, None) when unknown.
        """
        if _depth > 50:
            return False, None
        scope = scope or self.module_scope
        if isinstance(node, ast.Constant):
            return True, node.value
        if isinstance(node, ast.Name):
            binding = self._lookup(node.id, scope)
            if binding is not None and binding.kind == "constant" and binding.value is not None:
                owner = self._owner_scope(node.id, scope)
                return self.constant_value(binding.value, owner, _depth + 1)
            return False, None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            values = []
            for element in node.elts:
                known, value = self.constant_value(element, scope, _depth + 1)
                if not known:
                    return False, None
                values.append(value)
            if isinstance(node, ast.Tuple):
                return True, tuple(values)
            if isinstance(node, ast.Set):
                try:
                    return True, frozenset(values)
                except TypeError:
                    return False, None
            return True, values
        if isinstance(node, ast.Dict):
            result: dict[Any, Any] = {}
            for key, value_node in zip(node.keys, node.values, strict=True):
                if key is None:
                    return False, None
                known_key, key_value = self.constant_value(key, scope, _depth + 1)
                known_value, value = self.constant_value(value_node, scope, _depth + 1)
                if not (known_key and known_value):
                    return False, None
                try:
                    result[key_value] = value
                except TypeError:
                    return False, None
            return True, result
        if isinstance(node, ast.JoinedStr):
            pieces: list[str] = []
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    pieces.append(part.value)
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None:
                    known, value = self.constant_value(part.value, scope, _depth + 1)
                    if not known or part.conversion not in (-1, ord("s")):
                        return False, None
                    pieces.append(str(value))
                else:
                    return False, None
            return True, "".join(pieces)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            known_left, left = self.constant_value(node.left, scope, _depth + 1)
            known_right, right = self.constant_value(node.right, scope, _depth + 1)
            if known_left and known_right:
                try:
                    if (
                        isinstance(node.op, ast.Add)
                        and type(left) is type(right)
                        and isinstance(left, (str, bytes, int, float, tuple))
                    ):
                        return True, left + right
                    if isinstance(node.op, ast.Mod) and isinstance(left, str):
                        return True, left % right
                except (TypeError, ValueError, OverflowError, KeyError, IndexError):
                    return False, None
            return False, None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            known, value = self.constant_value(node.operand, scope, _depth + 1)
            if known and isinstance(value, (int, float)) and not isinstance(value, bool):
                return True, -value
        return False, None

    def _owner_scope(self, name: str, scope: Scope) -> Scope:
        current: Scope | None = scope
        while current is not None:
            if name in current.bindings:
                return current
            current = current.parent
        return self.module_scope


def all_args(args: ast.arguments) -> list[ast.arg]:
    """Every parameter of a signature: positional-only, regular, keyword-only, *, **."""
    result = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if args.vararg is not None:
        result.append(args.vararg)
    if args.kwarg is not None:
        result.append(args.kwarg)
    return result


def _is_name_chain(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _is_literal(node: ast.expr) -> bool:
    """True for expressions built only from literals (what `constant_value` can fold)."""
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Constant):
            continue
        if isinstance(current, (ast.Tuple, ast.List, ast.Set)):
            stack.extend(current.elts)
        elif isinstance(current, ast.Dict):
            if any(k is None for k in current.keys):
                return False
            stack.extend(k for k in current.keys if k is not None)
            stack.extend(current.values)
        elif isinstance(current, ast.BinOp) and isinstance(current.op, (ast.Add, ast.Mod)):
            stack.extend((current.left, current.right))
        elif isinstance(current, ast.UnaryOp) and isinstance(current.op, ast.USub):
            stack.append(current.operand)
        elif isinstance(current, ast.JoinedStr):
            stack.extend(current.values)
        elif isinstance(current, ast.FormattedValue):
            stack.append(current.value)
        elif isinstance(current, ast.Name):
            # a name inside a literal-shaped expression is folded through its own binding
            continue
        else:
            return False
    return True
