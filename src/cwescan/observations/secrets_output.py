"""Values named like secrets written to logs or standard output."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from cwescan.observations._util import where
from cwescan.observations.framework import ObservationContext, Remark, observation

_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
)
_LOGGER_NAMES = re.compile(r"(?i)^_?(log|logger|logging|_log|_logger|LOG|LOGGER)$")
_SECRET_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential",
     "credentials", "privatekey", "secretkey", "accesskey", "authorization", "cookie",
     "sessionid", "pin", "otp"}
)
# a name ending in one of these is about the secret, not the secret itself
_HARMLESS_PARTS = frozenset(
    {"len", "length", "count", "hash", "hashed", "digest", "valid", "is", "has", "field",
     "name", "names", "policy", "prompt", "reset", "changed", "expiry", "expires", "type",
     "url", "file", "path", "id", "ids", "required", "set", "age", "min", "max", "strength",
     "header", "regex", "pattern", "label", "enabled", "key", "keys"}
)
_PARTS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


@observation(
    id="secret-logged",
    title="Value named like a secret printed or logged",
    summary=(
        "Notes `print(...)` and `logging`/logger calls whose arguments include a "
        "variable or attribute named like a password, token, API key or secret."
    ),
    advice=(
        "Logs and consoles end up in log storage, CI output, backups and support tickets; "
        "log that a secret was set or its masked form, never the value."
    ),
    nodes=(ast.Call,),
    calls=("builtins.print", "logging."),
    methods=_LOG_METHODS,
    superseded_by=("CWE-532",),
)
def secret_printed_or_logged(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A print or logging call with an argument named like a secret."""
    assert isinstance(node, ast.Call)
    sink = _output_call(node, ctx)
    if sink is None:
        return
    for argument in [*node.args, *(kw.value for kw in node.keywords)]:
        for name in _names_in(argument):
            if _looks_secret(name):
                yield Remark(
                    node,
                    f"`{sink}` writes `{name}`{where(ctx.function)}: "
                    "a value named like a secret goes to the log or console. Log that it "
                    "was set, or a masked form, not the value.",
                )
                return


def _output_call(node: ast.Call, ctx: ObservationContext) -> str | None:
    name = ctx.call_name(node)
    if name == "builtins.print":
        return "print"
    if name is not None and name.startswith("logging.") and name.rpartition(".")[2] in _LOG_METHODS:
        return name
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS:
        receiver = func.value
        if isinstance(receiver, ast.Name) and _LOGGER_NAMES.match(receiver.id):
            return f"{receiver.id}.{func.attr}"
        if isinstance(receiver, ast.Attribute) and _LOGGER_NAMES.match(receiver.attr):
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
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield key.value
            stack.append(current.value)
        elif isinstance(current, ast.Call):
            continue  # f(password) writes what f returns (often a mask or a length)
        else:
            stack.extend(ast.iter_child_nodes(current))


def _looks_secret(name: str) -> bool:
    parts = [p.lower() for p in _PARTS.findall(name)]
    if not parts:
        return False
    if "".join(parts).endswith(("apikey", "secretkey", "privatekey", "accesskey")):
        return True
    if parts[-1] in _HARMLESS_PARTS:
        return False
    return any(word in _SECRET_WORDS for word in parts)
