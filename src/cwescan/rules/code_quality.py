"""Robustness defects with a security edge: checks made with `assert` (removed under
`python -O`), exceptions swallowed whole, and HTTP requests that can wait forever.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import (
    Issue,
    RuleContext,
    has_star_arguments,
    in_test_code,
    keyword,
    rule,
)
from cwescan.rules.strings import source_text

# Identifier words that mark an assert as an access-control or validation decision.
_SECURITY_WORDS = frozenset(
    {
        "auth",
        "authenticated",
        "authorized",
        "authorised",
        "authorization",
        "authorize",
        "authz",
        "permission",
        "permissions",
        "permitted",
        "perm",
        "perms",
        "admin",
        "superuser",
        "staff",
        "owner",
        "owns",
        "role",
        "roles",
        "login",
        "logged",
        "access",
        "allowed",
        "privilege",
        "privileges",
        "privileged",
        "csrf",
        "verify",
        "verified",
        "signed",
        "password",
        "passwd",
        "secret",
        "acl",
        "granted",
        "valid",
        "validate",
        "validated",
        "sanitized",
        "trusted",
    }
)
_WORD_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _words(identifier: str) -> set[str]:
    """`is_staff` → {is, staff}; `hasPermission` → {has, permission}."""
    return {w.lower() for w in _WORD_SPLIT.findall(identifier)}


# checks of an object's kind or presence, not of what it allows
_TYPE_CHECKS = frozenset({"isinstance", "issubclass", "hasattr", "callable", "type"})


def _decision_parts(test: ast.expr) -> Iterator[ast.AST]:
    """The nodes of an assert's condition, without type and presence checks.

    `assert isinstance(permissions, list)` and `assert user is not None` state what a
    value is, not whether an action is allowed.
    """
    pending: list[ast.AST] = [test]
    while pending:
        node = pending.pop()
        if _is_type_check(node):
            continue
        if (
            isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp))
            and _is_type_check(node.elt)
        ) or (
            # map(lambda p: isinstance(p, Permission), permissions)
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("map", "filter")
            and node.args
            and isinstance(node.args[0], ast.Lambda)
            and _is_type_check(node.args[0].body)
        ):
            continue  # every element's kind
        yield node
        pending.extend(ast.iter_child_nodes(node))


def _is_type_check(node: ast.AST) -> bool:
    """`isinstance(x, T)`, `hasattr(x, "a")`, `x is None`, `x is not None`."""
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in _TYPE_CHECKS
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Is, ast.IsNot))
        and isinstance(node.comparators[0], ast.Constant)
        and node.comparators[0].value is None
    )


def _security_words(test: ast.expr) -> list[str]:
    """The security-decision words an assert's condition uses, in order of appearance."""
    found: list[str] = []
    for node in _decision_parts(test):
        identifier = None
        if isinstance(node, ast.Name):
            identifier = node.id
        elif isinstance(node, ast.Attribute):
            identifier = node.attr
        elif isinstance(node, ast.keyword) and node.arg:
            identifier = node.arg
        if identifier and identifier not in found and _words(identifier) & _SECURITY_WORDS:
            found.append(identifier)
    return found


@rule(
    id="PY-ASSERT-001",
    cwe=617,
    title="Access-control or validation check made with `assert`",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `assert` statements outside test code whose condition looks like an "
        "authorization, authentication or input-validation decision (`is_staff`, "
        "`has_perm`, `is_valid`, `owner`, ...)."
    ),
    why=(
        "Python removes every `assert` when run with `-O` or `PYTHONOPTIMIZE`, so the check "
        "silently disappears in optimised deployments; where it stays, a failing check "
        "raises `AssertionError`, which callers rarely handle as a denial."
    ),
    fix=(
        "Use an explicit condition that raises a meaningful exception: "
        '`if not user.has_perm("app.delete"): raise PermissionDenied`.'
    ),
    bad='assert request.user.is_staff, "staff only"',
    good="if not request.user.is_staff:\n    raise PermissionDenied",
    nodes=(ast.Assert,),
    references=("https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement",),
    bandit=("B101",),
    scope_note=(
        "Pattern: judged by the words in the condition; test files and test functions "
        "are skipped. Other asserts are audit hints (PY-ASSERT-002)."
    ),
)
def security_assert(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Assert)
    if in_test_code(ctx) or ctx.function is None:
        return  # (at import time: a check of the environment, `assert backend.verify("t", h)`)
    words = _security_words(node.test)
    if not words:
        return
    condition = _short(source_text(node.test))
    yield Issue(
        node,
        f"`assert {condition}` guards a security decision (`{words[0]}`) but is removed "
        "under `python -O`, letting every caller through.",
        remediation=f"`if not ({condition}): raise PermissionDenied(...)` (or a validation error).",
    )


@rule(
    id="PY-ASSERT-002",
    cwe=617,
    title="`assert` in production code",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary="Audit hint: any other `assert` outside test code.",
    why=(
        "Asserts vanish under `python -O`; code that relies on them for anything but "
        "documenting invariants behaves differently in optimised deployments."
    ),
    fix="Raise an explicit exception where the condition matters at run time.",
    bad="assert len(parts) == 3",
    good='if len(parts) != 3:\n    raise ValueError("expected three parts")',
    nodes=(ast.Assert,),
    references=("https://docs.python.org/3/using/cmdline.html#cmdoption-O",),
    bandit=("B101",),
    profile="audit",
    scope_note="Pattern only: the complement of PY-ASSERT-001 outside test code.",
)
def any_assert(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Assert)
    if in_test_code(ctx) or _security_words(node.test):
        return
    yield Issue(node, f"`assert {_short(source_text(node.test))}` is removed under `python -O`.")


_BROAD_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})


def _broad_exception(ctx: RuleContext, handler_type: ast.expr | None) -> str | None:
    """The broad exception a handler catches (`except:`, `Exception`, `BaseException`)."""
    if handler_type is None:
        return "everything"
    types = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    for item in types:
        name = ctx.qualified_name(item)
        if name in _BROAD_EXCEPTIONS:
            return name.rpartition(".")[2]
    return None


def _swallows(body: list[ast.stmt]) -> str | None:
    """'pass' or 'continue' when a handler body does nothing else."""
    action = None
    for statement in body:
        if isinstance(statement, ast.Pass):
            action = action or "pass"
        elif isinstance(statement, ast.Continue):
            action = "continue"
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            action = action or "pass"  # a docstring-like comment or `...`
        else:
            return None
    return action


@rule(
    id="PY-EXCEPT-001",
    cwe=390,
    title="Every exception caught and ignored",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `except:`/`except Exception:`/`except BaseException:` whose body is only "
        "`pass`, `...` or `continue`, and `contextlib.suppress(Exception)`."
    ),
    why=(
        "Swallowing every exception hides the failure of whatever the `try` did — a "
        "permission check, a signature verification, a write — and the program carries on "
        "as if it had succeeded. It also hides the errors an attacker provokes while probing."
    ),
    fix=(
        "Catch the specific exceptions you expect, and log or handle the rest: "
        "`except (KeyError, ValueError): logger.debug(...)`."
    ),
    bad="try:\n    verify(token)\nexcept Exception:\n    pass",
    good="try:\n    verify(token)\nexcept InvalidSignature:\n    raise PermissionDenied",
    nodes=(ast.ExceptHandler, ast.With, ast.AsyncWith),
    references=("https://docs.python.org/3/tutorial/errors.html#handling-exceptions",),
    bandit=("B110", "B112"),
    scope_note=(
        "Pattern only. Narrow exception types (`except KeyError: pass`) are deliberate "
        "and not reported; `__del__` methods and test code are skipped."
    ),
)
def swallowed_exception(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if in_test_code(ctx) or (ctx.function or "").endswith("__del__"):
        return
    if isinstance(node, ast.ExceptHandler):
        caught = _broad_exception(ctx, node.type)
        action = _swallows(node.body)
        if caught is None or action is None:
            return
        shown = "except:" if node.type is None else f"except {source_text(node.type)}:"
        what = "every exception" if node.type is None else f"`{caught}`"
        yield Issue(
            node,
            f"`{shown} {action}` catches {what} and drops it: failures of the `try` body go "
            "unnoticed.",
        )
        return
    assert isinstance(node, (ast.With, ast.AsyncWith))
    for item in node.items:
        call = item.context_expr
        if not isinstance(call, ast.Call) or ctx.call_name(call) != "contextlib.suppress":
            continue
        broad = [a for a in call.args if _broad_exception(ctx, a) is not None]
        if broad:
            yield Issue(
                node,
                f"`contextlib.suppress({source_text(broad[0])})` silently drops every "
                "exception raised in the block.",
            )
            return


_HTTP_VERBS = frozenset({"get", "options", "head", "post", "put", "patch", "delete", "request"})


def _http_call(ctx: RuleContext, call: ast.Call) -> tuple[str, str] | None:
    """(library, shown name) for a requests/httpx request call."""
    func = call.func
    name = ctx.call_name(call)
    if name is not None:
        parts = name.split(".")
        library = parts[0]
        if library == "requests" and parts[-1] in _HTTP_VERBS and len(parts) <= 3:
            return "requests", name
        if library == "httpx" and (
            parts[-1] in _HTTP_VERBS or parts[-1] in ("stream", "Client", "AsyncClient")
        ):
            return "httpx", name
        return None
    # `requests.Session().get(...)`
    if (
        isinstance(func, ast.Attribute)
        and func.attr in _HTTP_VERBS
        and isinstance(func.value, ast.Call)
    ):
        owner = ctx.call_name(func.value)
        if owner in ("requests.Session", "requests.session", "requests.sessions.Session"):
            return "requests", f"{owner}().{func.attr}"
    return None


@rule(
    id="PY-TIMEOUT-001",
    cwe=1088,
    title="HTTP request without a timeout",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `requests` calls (`get`, `post`, ..., `request`, and on a fresh `Session()`) "
        "without `timeout=`, and `requests`/`httpx` calls with `timeout=None`."
    ),
    why=(
        "`requests` waits forever by default: a slow or malicious server holds the worker "
        "(and its thread, socket and memory) indefinitely, and a handful of such requests "
        "exhausts a web server's workers. httpx defaults to 5 seconds; `timeout=None` "
        "switches that off."
    ),
    fix="Always pass a timeout: `requests.get(url, timeout=10)` (or `(connect, read)` seconds).",
    bad="response = requests.get(url)",
    good="response = requests.get(url, timeout=10)",
    nodes=(ast.Call,),
    calls=("requests.", "httpx."),
    methods=_HTTP_VERBS,
    references=(
        "https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",
        "https://www.python-httpx.org/advanced/timeouts/",
    ),
    bandit=("B113",),
    scope_note="Pattern only; calls passing `**kwargs` may carry a timeout and are not flagged.",
)
def request_without_timeout(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _http_call(ctx, node)
    if found is None:
        return
    library, name = found
    timeout = keyword(node, "timeout")
    if timeout is None:
        if library == "httpx" or has_star_arguments(node):
            return
        yield Issue(
            node,
            f"`{name}` has no `timeout`: it waits forever for a server that stops responding.",
            remediation="Add `timeout=10` (seconds) or a `(connect, read)` tuple.",
        )
        return
    known, value = ctx.constant(timeout)
    if known and value is None:
        yield Issue(
            node,
            f"`{name}(timeout=None)` disables the timeout: it waits forever for a server that "
            "stops responding.",
            remediation="Pass a number of seconds instead of `None`.",
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
