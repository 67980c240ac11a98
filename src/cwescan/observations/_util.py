"""Small helpers shared by the observation checkers."""

from __future__ import annotations

import ast


def short_code(node: ast.AST, limit: int = 60) -> str:
    """The source of `node` on one line, cut to `limit` characters."""
    try:
        text = " ".join(ast.unparse(node).split())
    except (RecursionError, ValueError, AttributeError):
        return "…"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_text(text: str, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def where(function: str | None) -> str:
    """` in `f`` when inside a function, else ` at module level`."""
    return f" in `{function}`" if function else " at module level"


def keyword_value(call: ast.Call, name: str) -> ast.expr | None:
    """The value passed as keyword `name`, or None."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def passes_unknown_keywords(call: ast.Call) -> bool:
    """True when the call forwards `**kwargs` (any keyword may be in there)."""
    return any(kw.arg is None for kw in call.keywords)
