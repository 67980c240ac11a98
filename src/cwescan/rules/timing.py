"""Observable timing: secrets compared with `==`, which stops at the first differing byte.

PY-TIMING-001 (CWE-208) follows CodeQL's timing-attack queries (an HMAC digest compared
with `==`) and Semgrep's insecure secret comparison: one side of `==`/`!=` is a MAC or
signature, a password, an API key or a credential token, and the other side is a value
that comes from somewhere (a request, a header, an argument), not a literal.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from cwescan.analysis.sensitive_names import (
    PASSWORD,
    SECRET,
    classify_name,
    identifier_words,
    name_words,
)
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, in_test_code, rule
from cwescan.rules.secrets import short_code

_HMAC_CONSTRUCTORS = frozenset({"hmac.new", "hmac.HMAC"})
_DIGEST_METHODS = frozenset({"digest", "hexdigest"})
# calls that build a signature object that is no MAC (introspection)
_NOT_A_MAC = frozenset({"inspect.signature", "funcsigs.signature"})
# words that make one side of a password comparison the user's second typing of it
_SECOND_ENTRY = frozenset(
    {"confirm", "confirmation", "confirmed", "again", "repeat", "repeated", "retype",
     "retyped", "verify", "verification", "check", "old", "new", "previous"}
)
_SLUG = re.compile(r"[a-z]+(?:[-_][a-z]+)*")
# methods whose functions compare objects for equality, where `==` on fields is the point
_EQUALITY_METHODS = frozenset({"__eq__", "__ne__", "__hash__", "__lt__", "__le__", "__gt__",
                               "__ge__", "__cmp__"})


def _identifier(node: ast.expr) -> tuple[str, bool] | None:
    """The name a value goes by (and whether it is a dict key): `x.api_key` → api_key,
    `headers["X-Signature"]` → X-Signature, `pw[i]` → pw, `get_password()` → (call)."""
    if isinstance(node, ast.Name):
        return node.id, False
    if isinstance(node, ast.Attribute):
        return node.attr, False
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant):
            return (key.value, True) if isinstance(key.value, str) else None
        return _identifier(node.value)  # `password[i]`: one character of it
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value, True
        if isinstance(func, (ast.Name, ast.Attribute)):
            return None  # a call: see `_secret_call`
    return None


def _mac_call(node: ast.expr, ctx: RuleContext) -> bool:
    """`hmac.new(k, m, h).hexdigest()`, `mac.digest()` of an `hmac.new` object, or
    `hmac.digest(k, m, h)`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _DIGEST_METHODS:
        return ctx.constructor_of(func.value) in _HMAC_CONSTRUCTORS
    return ctx.call_name(node) == "hmac.digest"


def _signature_name(name: str) -> bool:
    """`signature`, `x_hub_signature`, `expected_sig`, `hmac_value`, `computed_hmac`."""
    words = name_words(name)
    if "hmac" in words:
        return True
    return bool(words) and words[-1] in ("signature", "sig") or (
        len(words) >= 2 and words[-2] in ("signature", "sig") and words[-1] in ("hex", "b64")
    )


def _secret_side(node: ast.expr, ctx: RuleContext) -> tuple[str, str] | None:
    """(what the value is, its kind: "mac" or "secret") when `node` holds a MAC, a
    signature, a password or a credential; None otherwise."""
    if _mac_call(node, ctx):
        return "an HMAC digest", "mac"
    if isinstance(node, ast.Call) and not (
        isinstance(node.func, ast.Attribute) and node.func.attr == "get"
    ):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else (
            node.func.id if isinstance(node.func, ast.Name) else None)
        kind = classify_name(name, call=True) if name else None
        if kind is not None and kind.category in (PASSWORD, SECRET):
            return f"the {kind.category} `{short_code(node, 40)}` returns", "secret"
        return None
    named = _identifier(node)
    if named is None:
        return None
    name, key = named
    if _signature_name(name) and ctx.imports("hmac", "hashlib") and not _introspection(
            node, ctx):
        return f"the signature `{short_code(node, 40)}`", "mac"
    kind = classify_name(name, key=key)
    if kind is None or kind.category not in (PASSWORD, SECRET) or _marker(node, ctx):
        return None
    if kind.token and name_words(name) == ("token",):
        return None  # a bare `["token"]`: as often a parser's token as a credential
    return f"the {kind.category} `{short_code(node, 40)}`", "secret"


def _marker(node: ast.expr, ctx: RuleContext) -> bool:
    """A constant made of plain words, a marker rather than a secret: Django's
    `reset_url_token = "set-password"` stands in the URL for the real token."""
    known, value = ctx.constant(node)
    if not known:
        value = _class_constant(node, ctx)
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


def _class_constant(node: ast.expr, ctx: RuleContext) -> object:
    """The literal `self.name`/`cls.name` has when the enclosing class body sets it."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")):
        return None
    owner = next((p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef)), None)
    for statement in owner.body if owner is not None else ():
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant) and any(
            isinstance(t, ast.Name) and t.id == node.attr for t in statement.targets
        ):
            return statement.value.value
    return None


def _introspection(node: ast.expr, ctx: RuleContext) -> bool:
    """`sig = inspect.signature(f)`: a function's signature, not a MAC."""
    return ctx.constructor_of(node) in _NOT_A_MAC


def _compared_value(node: ast.expr, ctx: RuleContext) -> bool:
    """Whether the other side is a value worth timing: not a literal, `None`, a length or a
    number (`password == ""`, `len(token) != 32` and `digest == None` leak nothing)."""
    if isinstance(node, (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set)):
        return False
    if isinstance(node, ast.Call) and ctx.call_name(node) in ("builtins.len", "builtins.int",
                                                              "builtins.bool"):
        return False
    known, value = ctx.constant(node)
    return not known or (isinstance(value, (str, bytes)) and len(value) > 0)


def _second_entry(left: ast.expr, right: ast.expr) -> bool:
    """`password == confirm_password`, `password1 != password2`, `old_password ==
    new_password`: a form comparing two passwords the user typed, both the user's own."""
    names = [_identifier(side) for side in (left, right)]
    if any(named is None for named in names):
        return False
    words = [identifier_words(named[0]) for named in names if named is not None]
    if any(_SECOND_ENTRY.intersection(w) for w in words):
        return True
    stripped = [name_words(named[0]) for named in names if named is not None]
    return stripped[0] == stripped[1] and words[0] != words[1]  # password1 / password2


@rule(
    id="PY-TIMING-001",
    cwe=208,
    title="Secret compared with `==`: the time taken reveals how much of it matched",
    severity=Severity.LOW,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `==`/`!=` between a MAC or signature (`hmac.new(...).hexdigest()`, "
        "`signature`, `x_hub_signature`), a password, an API key or a credential token "
        "(`api_key`, `reset_token`, `request.headers['Authorization']`) and a non-literal "
        "value: string comparison stops at the first differing character."
    ),
    why=(
        "`==` on strings and bytes returns as soon as a character differs, so a wrong "
        "guess that starts with the right characters takes measurably longer to reject. "
        "An attacker who can send many guesses (a webhook endpoint checking an HMAC "
        "signature, an API checking a key) recovers the expected value one character at "
        "a time and forges signatures or logs in without knowing the secret."
    ),
    fix=(
        "Compare secrets with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`), "
        "whose time does not depend on where the values differ; for passwords, store a "
        "salted slow hash and verify with the library's check function "
        "(`check_password`, `bcrypt.checkpw`, `argon2.PasswordHasher().verify`)."
    ),
    bad=(
        "expected = hmac.new(KEY, body, hashlib.sha256).hexdigest()\n"
        "if expected != request.headers['X-Signature']:\n"
        "    abort(403)"
    ),
    good=(
        "expected = hmac.new(KEY, body, hashlib.sha256).hexdigest()\n"
        "if not hmac.compare_digest(expected, request.headers['X-Signature']):\n"
        "    abort(403)"
    ),
    nodes=(ast.Compare,),
    requires=("pass", "pw", "pswd", "otp", "key", "secret", "cred", "token", "bearer",
              "authorization", "hmac", "sig"),
    references=(
        "https://cwe.mitre.org/data/definitions/208.html",
        "https://codeql.github.com/codeql-query-help/python/py-timing-attack-against-hash/",
        "https://docs.python.org/3/library/hmac.html#hmac.compare_digest",
    ),
    scope_note=(
        "Pattern, per comparison: a side is secret when it is an HMAC digest (`.digest()`/"
        "`.hexdigest()` of an `hmac.new` object, `hmac.digest(...)`), a name, attribute or "
        "dict key named like a signature (in a file that imports hmac or hashlib), or "
        "named like a password, secret, API key or credential token (CodeQL's sensitive "
        "name heuristics: not `password_hash`, `token_type`, a bare `token`). Not "
        "reported: the other side a literal, `None`, a number or `len(...)`; a password "
        "compared with its confirmation (`password == password2`); `__eq__`-style "
        "methods; test code. Severity medium for MACs and signatures (forgery), low for "
        "passwords and keys (often stored or checked elsewhere too)."
    ),
)
def secret_compared_with_equality(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Compare)
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return
    if in_test_code(ctx) or (ctx.function or "").rpartition(".")[2] in _EQUALITY_METHODS:
        return
    left, right = node.left, node.comparators[0]
    for secret, other in ((left, right), (right, left)):
        found = _secret_side(secret, ctx)
        if found is None or not _compared_value(other, ctx):
            continue
        if _second_entry(left, right):
            return
        what, kind = found
        mac = kind == "mac"
        outcome = "a signature can be forged" if mac else "the secret can be guessed"
        yield Issue(
            node,
            f"{what[0].upper()}{what[1:]} is compared with `{short_code(other, 40)}` by "
            f"`{'==' if isinstance(node.ops[0], ast.Eq) else '!='}`, which returns at the "
            "first differing character: the response time tells an attacker how many "
            f"leading characters of a guess are right, so {outcome} one character at a time.",
            remediation=(
                f"`hmac.compare_digest({short_code(secret, 30)}, {short_code(other, 30)})`"
                " compares in constant time."
            ),
            severity=Severity.MEDIUM if mac else Severity.LOW,
        )
        return
