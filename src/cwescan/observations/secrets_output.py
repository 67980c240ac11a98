"""Values named like a token, a session id or a cookie written to logs or standard output.

Passwords, secrets, API keys and private data reaching a log are findings of PY-LOG-001
(CWE-532), which follows them through the function. What is left here are the names
that hold a credential only sometimes — a bare `token` (often a lexer's), `session_id`,
`cookie`, `pin` — too ambiguous for a finding, worth a reviewer's glance.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.analysis.sensitive_names import LOG_METHODS, is_logger_name, weak_secret_name
from cwescan.observations._util import where
from cwescan.observations.framework import ObservationContext, Remark, observation


@observation(
    id="secret-logged",
    title="Value named like a token or session id printed or logged",
    summary=(
        "Notes `print(...)` and `logging`/logger calls whose arguments include a "
        "variable or attribute named like a token, a session id, a cookie or a PIN: names "
        "that hold a credential only sometimes (passwords, secrets and API keys written "
        "to a log are PY-LOG-001 findings)."
    ),
    advice=(
        "If the value is a credential (an access token, a session id), logs and consoles "
        "hand it to whoever reads them: log that it was set, or a masked form, not the "
        "value."
    ),
    nodes=(ast.Call,),
    calls=("builtins.print", "logging."),
    methods=LOG_METHODS,
    superseded_by=("CWE-532",),
)
def secret_printed_or_logged(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A print or logging call with an argument named like a token or session id."""
    assert isinstance(node, ast.Call)
    sink = _output_call(node, ctx)
    if sink is None:
        return
    for argument in [*node.args, *(kw.value for kw in node.keywords)]:
        for name in _names_in(argument):
            if weak_secret_name(name) and not _constant(name, ctx):
                yield Remark(
                    node,
                    f"`{sink}` writes `{name}`{where(ctx.function)}: if it is a credential "
                    "(an access token, a session id), it goes to the log or console. Log "
                    "that it was set, or a masked form, not the value.",
                )
                return


def _constant(name: str, ctx: ObservationContext) -> bool:
    """True when `name` is a variable bound once to a literal (`token1 = "ping"`)."""
    binding = ctx.resolver.lookup(name, ctx.scope) if name.isidentifier() else None
    return binding is not None and binding.kind == "constant"


def _output_call(node: ast.Call, ctx: ObservationContext) -> str | None:
    name = ctx.call_name(node)
    if name == "builtins.print":
        return "print"
    if name is not None and name.startswith("logging.") and name.rpartition(".")[2] in LOG_METHODS:
        return name
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in LOG_METHODS:
        receiver = func.value
        if isinstance(receiver, ast.Name) and is_logger_name(receiver.id):
            return f"{receiver.id}.{func.attr}"
        if isinstance(receiver, ast.Attribute) and is_logger_name(receiver.attr):
            return f"{receiver.attr}.{func.attr}"
    return None


def _names_in(node: ast.AST) -> Iterator[str]:
    """Variable and attribute names whose values the expression writes out."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Name):
            yield current.id
        elif isinstance(current, ast.Attribute):
            yield current.attr
        elif isinstance(current, ast.Subscript):
            key = current.slice
            if isinstance(key, ast.Slice):
                continue  # `token[:6]`: a prefix to recognise it by
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield key.value
            stack.append(current.value)
        elif isinstance(current, ast.Call):
            continue  # f(token) writes what f returns (often a mask or a length)
        else:
            stack.extend(ast.iter_child_nodes(current))
