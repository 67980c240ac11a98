"""`except` clauses that catch everything and drop the error."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.observations._util import where
from cwescan.observations.framework import ObservationContext, Remark, observation

_BROAD = frozenset({"builtins.Exception", "builtins.BaseException"})
_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print_exc"}
)


@observation(
    id="broad-except",
    title="Bare or broad `except` that swallows errors",
    summary=(
        "Notes `except:`, `except Exception:` and `except BaseException:` whose body "
        "neither re-raises nor logs."
    ),
    advice=(
        "Swallowed errors hide failures, including security checks that fail by raising; "
        "catch the exceptions you expect, and log or re-raise the rest."
    ),
    nodes=(ast.ExceptHandler,),
    # Bandit's try/except/pass and try/except/continue checks say the same thing
    superseded_by=("B110", "B112"),
)
def broad_except_swallows(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A catch-all handler whose body has no raise, no logging and ignores the error."""
    assert isinstance(node, ast.ExceptHandler)
    caught = _catch_all(node, ctx)
    if caught is None or _handles(node):
        return
    action = _describe_body(node)
    yield Remark(
        node,
        f"`{caught}` {action}{where(ctx.function)}: every error, "
        + ("including `KeyboardInterrupt` and `SystemExit`, " if caught == "except:" else "")
        + "passes silently here. Catch the exceptions you expect and log or re-raise the rest.",
    )


def _catch_all(node: ast.ExceptHandler, ctx: ObservationContext) -> str | None:
    if node.type is None:
        return "except:"
    types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    for caught in types:
        name = ctx.qualified_name(caught)
        if name in _BROAD:
            return f"except {name.rpartition('.')[2]}:"
    return None


def _handles(node: ast.ExceptHandler) -> bool:
    """True when the body re-raises, logs, or uses the caught exception."""
    for child in ast.walk(ast.Module(body=node.body, type_ignores=[])):
        if isinstance(child, ast.Raise):
            return True
        if isinstance(child, ast.Name) and node.name and child.id == node.name:
            return True
        if isinstance(child, ast.Call):
            func = child.func
            if isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS:
                return True
            if isinstance(func, ast.Name) and func.id in {"print", "log"}:
                return True
    return False


def _describe_body(node: ast.ExceptHandler) -> str:
    body = node.body
    if len(body) == 1:
        only = body[0]
        if isinstance(only, ast.Pass) or (
            isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant)
        ):
            return "with `pass`"
        if isinstance(only, ast.Continue):
            return "with `continue`"
        if isinstance(only, ast.Return):
            return "returning a default"
    return "drops the error"
