"""Sleep-based polling and retry loops."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from cwescan.observations._util import short_code
from cwescan.observations.framework import ObservationContext, Remark, observation

_SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "gevent.sleep", "eventlet.sleep", "trio.sleep"})
_LOOPS = (ast.While, ast.For, ast.AsyncFor)
_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


@observation(
    id="sleep-polling",
    title="Sleep-based polling or retry loop",
    summary=(
        "Notes a `while`/`for` loop that waits on a condition with a fixed `time.sleep` "
        "(or `asyncio.sleep`) between attempts."
    ),
    advice=(
        "A fixed sleep is slow when the thing is ready early and flaky when it is late; "
        "wait on a readiness signal (an event, a health check) or retry with exponential "
        "backoff and a deadline (e.g. `tenacity`)."
    ),
    nodes=(ast.Call,),
    calls=_SLEEPS,
)
def sleep_in_polling_loop(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A sleep call whose nearest enclosing loop exits on a condition."""
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _SLEEPS:
        return
    loop = _enclosing_loop(ctx.parents)
    if loop is None:
        return
    waits_on = _waits_on(loop)
    if waits_on is None:
        return  # a loop that sleeps between work items is throttling, not polling
    call = short_code(node, 40)
    start, end = loop.lineno, loop.end_lineno or loop.lineno
    yield Remark(
        loop,
        f"Polling with `{call}` (line {node.lineno}) in a {waits_on} (lines {start}-{end}): "
        "the fixed interval makes the wait slow when the condition is met early and "
        "flaky when it is met late. Wait on a readiness signal, or retry with "
        "exponential backoff and a deadline.",
        key=f"{start}",
    )


def _enclosing_loop(parents: Sequence[ast.AST]) -> ast.While | ast.For | ast.AsyncFor | None:
    for parent in reversed(parents):
        if isinstance(parent, _BOUNDARIES):
            return None
        if isinstance(parent, _LOOPS):
            return parent
    return None


def _waits_on(loop: ast.While | ast.For | ast.AsyncFor) -> str | None:
    """Describe what the loop waits for, or None when it does not exit on a condition."""
    if isinstance(loop, ast.While):
        if isinstance(loop.test, ast.Constant) and loop.test.value:
            return "`while True` loop" if _exits_early(loop) else None
        return f"`while {short_code(loop.test, 50)}` loop"
    if _exits_early(loop):
        return f"retry loop `for {short_code(loop.target, 20)} in {short_code(loop.iter, 30)}`"
    if isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Name) and (
        loop.iter.func.id == "range"
    ):
        return f"retry loop `for {short_code(loop.target, 20)} in {short_code(loop.iter, 30)}`"
    return None


def _exits_early(loop: ast.AST) -> bool:
    """True when the loop body can leave the loop (break/return/raise) on a condition."""
    stack = list(ast.iter_child_nodes(loop))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Break, ast.Return)):
            return True
        if isinstance(node, (*_BOUNDARIES, *_LOOPS)):
            continue  # a break in an inner loop leaves that loop, not this one
        stack.extend(ast.iter_child_nodes(node))
    return False
