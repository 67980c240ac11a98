"""The shared walk over `ast` trees: fast child iteration and one scoped walk per file.

`ast.iter_child_nodes` is a generator over `iter_fields` that also yields the `ctx`
markers (Load/Store) of every name; on half a million lines that costs more than the
parse itself. `child_nodes` iterates only the fields that can hold child nodes, per
class, cached. `walk_scoped` is the one walk per file: pattern rules and observations
register as passes for the node types they need (pyflakes' shape, not a walk per rule).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # names.py imports this module; the types are only for checking
    from cwescan.analysis.names import NameResolver, Scope

# Fields that never hold child nodes (identifiers, flags, numbers, the ctx markers).
_LEAF_FIELDS = frozenset(
    {
        "ctx",
        "id",
        "attr",
        "arg",
        "module",
        "level",
        "kind",
        "type_comment",
        "conversion",
        "is_async",
        "simple",
        "tag",
        "name",
        "n",
        "s",
    }
)
_FIELDS: dict[type, tuple[str, ...]] = {}
_REVERSED_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    fields = tuple(
        f
        for f in getattr(cls, "_fields", ())
        if f not in _LEAF_FIELDS and not (cls is ast.Constant and f == "value")
    )
    _FIELDS[cls] = fields
    return fields


# Nodes without children; a walk need not push those nobody wants to see (half the nodes
# of a file are names and constants).
LEAF_EXPRESSIONS = frozenset({ast.Name, ast.Constant})


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of node class `cls` that can hold child nodes, in field order."""
    fields = _FIELDS.get(cls)
    return fields if fields is not None else _child_fields(cls)


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """The direct child nodes of `node`, in field order, without `ctx` markers."""
    children: list[ast.AST] = []
    for name in child_fields(node.__class__):
        value = getattr(node, name, None)
        if value is None:
            continue
        if value.__class__ is list:
            for item in value:
                if isinstance(item, ast.AST):
                    children.append(item)
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


class NodePass(Protocol):
    """One consumer of the shared per-file walk (pattern rules, observations, …)."""

    @property
    def node_types(self) -> Collection[type[ast.AST]]:
        """The node classes this pass wants to see."""

    def visit(
        self, node: ast.AST, scope: Scope, function: str | None, ancestors: Sequence[ast.AST]
    ) -> None:
        """Called for every node whose type is in `node_types`."""


_NAMED_SCOPE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
_SCOPE_TYPES = _NAMED_SCOPE_TYPES | {
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
}


def walk_scoped(tree: ast.AST, resolver: NameResolver, passes: Sequence[NodePass]) -> None:
    """Walk `tree` once, handing each node to the passes registered for its type.

    Each visit learns the node's scope (for name resolution), the qualified name of
    the enclosing function and the chain of ancestors (outermost first). Iterative, so
    a 10,000-deep expression does not exhaust the stack.
    """
    dispatch: dict[type[ast.AST], list[Callable[..., None]]] = {}
    for node_pass in passes:
        for node_type in node_pass.node_types:
            dispatch.setdefault(node_type, []).append(node_pass.visit)
    if not dispatch:
        return
    module_scope = resolver.module_scope
    stack: list[tuple[ast.AST, Scope, str | None, int]] = [(tree, module_scope, None, 0)]
    ancestors: list[ast.AST] = []
    # the loop runs once per node of the file (a million on a large project): the
    # lookups it repeats are bound to locals, and children go straight onto the stack
    pop, push, find_visitors = stack.pop, stack.append, dispatch.get
    backwards = _REVERSED_FIELDS
    node_class = ast.AST
    unwanted = LEAF_EXPRESSIONS.difference(dispatch)  # leaves no pass visits: not pushed
    while stack:
        node, scope, function, depth = pop()
        del ancestors[depth:]
        kind = node.__class__
        visitors = find_visitors(kind)
        if visitors:
            for visit in visitors:
                visit(node, scope, function, ancestors)
        ancestors.append(node)
        depth += 1
        if kind not in _SCOPE_TYPES:
            fields = backwards.get(kind)
            if fields is None:
                fields = backwards[kind] = tuple(reversed(_child_fields(kind)))
            for name in fields:  # last field first: the stack hands them out in order
                value = getattr(node, name, None)
                if value is None:
                    continue
                if value.__class__ is list:
                    for item in reversed(value):
                        if item.__class__ not in unwanted and isinstance(item, node_class):
                            push((item, scope, function, depth))
                elif value.__class__ not in unwanted and isinstance(value, node_class):
                    push((value, scope, function, depth))
            continue
        # a scope: its body is walked in the inner scope, decorators and bases are not
        inner_scope = resolver.scope_for(node) or scope
        inner_function = function
        if kind in _NAMED_SCOPE_TYPES:
            name = node.name  # type: ignore[attr-defined]
            inner_function = f"{function}.{name}" if function else name
        for child in reversed(child_nodes(node)):
            if _evaluated_outside(node, child):
                push((child, scope, function, depth))
            else:
                push((child, inner_scope, inner_function, depth))


def _evaluated_outside(owner: ast.AST, child: ast.AST) -> bool:
    """Decorators, return annotations and bases run in the scope around a definition."""
    if isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return child in owner.decorator_list or child is owner.returns
    if isinstance(owner, ast.ClassDef):
        return (
            child in owner.decorator_list
            or child in owner.bases
            or any(child is kw for kw in owner.keywords)
        )
    return False
