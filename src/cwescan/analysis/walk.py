"""Fast child iteration over `ast` trees, shared by every walk.

`ast.iter_child_nodes` is a generator over `iter_fields` that also yields the `ctx`
markers (Load/Store) of every name; on half a million lines that costs more than the
parse itself. This iterates only the fields that can hold child nodes, per class,
cached.
"""

from __future__ import annotations

import ast

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


def _child_fields(cls: type) -> tuple[str, ...]:
    fields = tuple(
        f
        for f in getattr(cls, "_fields", ())
        if f not in _LEAF_FIELDS and not (cls is ast.Constant and f == "value")
    )
    _FIELDS[cls] = fields
    return fields


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """The direct child nodes of `node`, in field order, without `ctx` markers."""
    cls = node.__class__
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _child_fields(cls)
    children: list[ast.AST] = []
    for name in fields:
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
