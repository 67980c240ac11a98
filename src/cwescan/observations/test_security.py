"""Test code that switches security features off for the whole run."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence

from cwescan.observations._util import keyword_value, short_code
from cwescan.observations.framework import ObservationContext, Remark, observation

_GLOBAL_SWITCHES = {
    "urllib3.disable_warnings": "silences urllib3's insecure-request warnings for the process",
    "requests.packages.urllib3.disable_warnings": (
        "silences urllib3's insecure-request warnings for the process"
    ),
}
_SECURITY_SETTING = re.compile(
    r"(?i)(verify|csrf|ssl|tls|cert|auth|login|permission|policy|secure|security|"
    r"https|hsts|signature|check_hostname)"
)
_SECURITY_TARGET = re.compile(
    r"(?i)(authori[sz]e|authenticat|enforce|permission|policy|check_password|verify|csrf|"
    r"is_admin|has_perm|login_required|access)"
)
_PATCHERS = frozenset(
    {"unittest.mock.patch", "unittest.mock.patch.object", "mock.patch", "mock.patch.object"}
)
_FIXTURE_DECORATORS = frozenset({"pytest.fixture", "pytest.yield_fixture"})
_SETUP_NAMES = frozenset({"setUp", "setUpClass", "setUpModule", "asyncSetUp", "setup_method",
                          "setup_class", "setup_module", "setup_function"})


@observation(
    id="test-disables-security",
    title="Test code disables a security feature globally",
    summary=(
        "In test code, notes module-level or fixture/setUp code that turns off TLS "
        "verification, CSRF, authentication or policy checks (`verify = False`, "
        "`ssl._create_default_https_context = ssl._create_unverified_context`, "
        "`urllib3.disable_warnings()`, patched authorisation checks)."
    ),
    advice=(
        "Tests that run with a security feature off never test it; turn it off only in the "
        "test that needs it and keep at least one test with it on."
    ),
    nodes=(ast.Assign, ast.Call),
    test_code_only=True,
)
def test_disables_security(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """Security switches flipped in module, fixture or setUp code of a test module."""
    scope = _global_scope(ctx)
    if scope is None:
        return
    if isinstance(node, ast.Assign):
        yield from _assignment(node, scope)
    elif isinstance(node, ast.Call):
        yield from _call(node, ctx, scope)


def _global_scope(ctx: ObservationContext) -> str | None:
    """`module level`, `fixture `x``, `setUp`, or None for code inside a single test."""
    definition = None
    for parent in reversed(ctx.parents):
        if isinstance(parent, ast.ClassDef):
            return f"for every test of class `{parent.name}`"
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            definition = parent
            break
    if definition is None:
        return "at module level"
    if definition.name in _SETUP_NAMES:
        return f"in `{definition.name}`"
    for decorator in definition.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ctx.qualified_name(target) in _FIXTURE_DECORATORS:
            return f"in fixture `{definition.name}`"
    return None


def _assignment(node: ast.Assign, scope: str) -> Iterator[Remark]:
    value = node.value
    for target in node.targets:
        name = _target_name(target)
        if name is None:
            continue
        if name == "_create_default_https_context":
            yield Remark(
                node,
                f"Test code replaces the default HTTPS context {scope}: "
                "certificate verification is off for every connection in the test run.",
            )
        elif _SECURITY_SETTING.search(name) and _is_off(value):
            yield Remark(
                node,
                f"Test code sets `{short_code(target, 50)} = {short_code(value, 20)}` {scope}: "
                "a security feature is off for every test that "
                "shares it, so none of them exercises it.",
            )


def _call(node: ast.Call, ctx: ObservationContext, scope: str) -> Iterator[Remark]:
    name = ctx.call_name(node)
    if name in _GLOBAL_SWITCHES:
        yield Remark(
            node,
            f"Test code calls `{name}()` {scope}: it "
            f"{_GLOBAL_SWITCHES[name]}, hiding connections made without verification.",
        )
        return
    verify = keyword_value(node, "verify")
    if verify is not None and _is_off(verify):
        yield Remark(
            node,
            f"Test code passes `verify=False` {scope}: every request "
            "made through it skips certificate verification.",
        )
        return
    if name in _PATCHERS or (name or "").endswith("monkeypatch.setattr") or _is_monkeypatch(node):
        patched = _patched_target(node)
        if patched and _SECURITY_TARGET.search(patched) and _allows_everything(node):
            yield Remark(
                node,
                f"Test code replaces `{patched}` with a stub that always allows {scope}: "
                "the authorisation check is not exercised by the "
                "tests that use it.",
            )


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


def _is_off(value: ast.AST) -> bool:
    return isinstance(value, ast.Constant) and value.value in (False, 0, "0", "", "false", None)


def _is_monkeypatch(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "setattr"
        and isinstance(func.value, ast.Name)
        and func.value.id == "monkeypatch"
    )


def _patched_target(node: ast.Call) -> str | None:
    args: Sequence[ast.expr] = node.args
    if not args:
        return None
    first = args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if len(args) > 1 and isinstance(args[1], ast.Constant) and isinstance(args[1].value, str):
        return f"{short_code(first, 30)}.{args[1].value}"
    return None


def _allows_everything(node: ast.Call) -> bool:
    returned = keyword_value(node, "return_value")
    if returned is not None:
        return isinstance(returned, ast.Constant) and returned.value in (True, None)
    replacement = keyword_value(node, "new")
    if replacement is None and len(node.args) >= 2:
        replacement = node.args[-1]
    return isinstance(replacement, ast.Lambda) and (
        isinstance(replacement.body, ast.Constant) and replacement.body.value in (True, None)
    )
