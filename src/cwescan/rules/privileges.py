"""Privileges: a process that makes itself root and stays root.

PY-PRIV-001 (CWE-250) flags `os.setuid(0)`, `os.seteuid(0)`, `os.setresuid(0, …)` (and
the group forms) in a function that does not give the privilege up again afterwards: what
runs after the call, including anything derived from its inputs, runs as root.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, in_test_code, rule
from cwescan.rules.secrets import calls_in_scope, enclosing_function

# the calls that change the process's user or group: which arguments name an identity
_SET_IDENTITY = {
    "os.setuid": (0,),
    "os.seteuid": (0,),
    "os.setreuid": (0, 1),
    "os.setresuid": (0, 1, 2),
    "os.setgid": (0,),
    "os.setegid": (0,),
    "os.setregid": (0, 1),
    "os.setresgid": (0, 1, 2),
}


def _identities(call: ast.Call, name: str, ctx: RuleContext) -> list[object]:
    """The constant identities the call sets (an unknown one is left out)."""
    found = []
    for position in _SET_IDENTITY[name]:
        if position < len(call.args):
            known, value = ctx.constant(call.args[position])
            if known:
                found.append(value)
    return found


def _drops_later(call: ast.Call, ctx: RuleContext) -> bool:
    """True when the enclosing function sets a non-root identity after `call`."""
    if enclosing_function(ctx.parents) is None:
        return False
    for node in calls_in_scope(ctx):
        if (node.lineno, node.col_offset) <= (call.lineno, call.col_offset):
            continue
        name = ctx.call_name(node)
        if name in _SET_IDENTITY and not node.keywords:
            if any(value != 0 for value in _identities(node, name, ctx)) or not node.args:
                return True
            if any(not ctx.constant(a)[0] for a in node.args):
                return True  # `os.setuid(original_uid)`: back to who it was
    return False


@rule(
    id="PY-PRIV-001",
    cwe=250,
    title="Process switches to root and keeps the privilege",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `os.setuid(0)`, `os.seteuid(0)`, `os.setreuid`/`os.setresuid` with 0, and the "
        "group forms, when the function does not set a non-root identity again afterwards."
    ),
    why=(
        "After the call everything the process does runs as root: a path, a command or a "
        "file name derived from input can now touch any file of the system, and a bug "
        "anywhere later in the process is a root compromise. Privileges are to be held "
        "only for the one operation that needs them."
    ),
    fix=(
        "Do the privileged step in a small helper (or with `sudo` rules for that one "
        "command), or raise the effective id only around it and drop it right after: "
        "`os.seteuid(0)`, the operation, then `os.seteuid(os.getuid())` in a `finally`."
    ),
    bad="def make_home(user):\n    os.setuid(0)\n    os.mkdir('/home/' + user)",
    good=(
        "def make_home(user):\n    os.seteuid(0)\n    try:\n        os.mkdir('/home/' + user)\n"
        "    finally:\n        os.seteuid(os.getuid())"
    ),
    nodes=(ast.Call,),
    calls=tuple(_SET_IDENTITY),
    references=("https://cwe.mitre.org/data/definitions/250.html",),
    scope_note=(
        "Pattern: the constant 0 among the identities set, and no later call in the same "
        "function that sets a non-root or computed identity. Test code is skipped."
    ),
)
def stays_root(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _SET_IDENTITY or in_test_code(ctx):
        return
    if 0 not in _identities(node, name, ctx) or _drops_later(node, ctx):
        return
    who = "group" if "gid" in name else "user"
    yield Issue(
        node,
        f"`{name}(…)` makes the process run as the root {who}, and this function does not "
        "give that up afterwards: everything that follows runs with root's rights.",
    )


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


@rule(
    id="PY-PRIV-002",
    cwe=285,
    title="PAM authentication without an account check",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags a call to libpam's `pam_authenticate` (through `ctypes`) in a function that "
        "never calls `pam_acct_mgmt`."
    ),
    why=(
        "`pam_authenticate` only checks the credentials. Whether the account may log in "
        "now (expired, locked, outside its allowed hours, its password to be changed) is "
        "`pam_acct_mgmt`'s answer; code that grants access on `pam_authenticate` alone lets "
        "disabled and expired accounts in."
    ),
    fix="After a successful `pam_authenticate`, call `pam_acct_mgmt` and require it to succeed.",
    bad="retval = pam_authenticate(handle, 0)\nreturn retval == 0",
    good=(
        "retval = pam_authenticate(handle, 0)\nif retval == 0:\n"
        "    retval = pam_acct_mgmt(handle, 0)\nreturn retval == 0"
    ),
    nodes=(ast.Call,),
    methods=("pam_authenticate",),
    references=("https://man7.org/linux/man-pages/man3/pam_acct_mgmt.3.html",),
    scope_note=(
        "Pattern (as CodeQL's py/pam-auth-bypass): any call named `pam_authenticate` and "
        "no call named `pam_acct_mgmt` in the same function."
    ),
)
def pam_without_account_check(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if _called_name(node) != "pam_authenticate":
        return
    if any(_called_name(other) == "pam_acct_mgmt" for other in calls_in_scope(ctx)):
        return
    yield Issue(
        node,
        "`pam_authenticate` checks the password only; without `pam_acct_mgmt` an expired, "
        "locked or otherwise disabled account is let in.",
    )
