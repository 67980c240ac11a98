"""Name resolution: qualified names through imports, aliases, scopes and relative imports."""

from __future__ import annotations

import ast

import pytest

from cwescan.analysis.names import NameResolver


def _resolve_calls(
    source: str, module: str = "pkg.mod", is_package: bool = False
) -> dict[int, str | None]:
    """Line → qualified name of the (last) call on that line."""
    tree = ast.parse(source)
    resolver = NameResolver(tree, module, is_package)
    result: dict[int, str | None] = {}
    scopes = {}
    for node in ast.walk(tree):
        scope = resolver.scope_for(node)
        if scope is not None:
            for child in ast.walk(node):
                scopes.setdefault(id(child), scope)
    # innermost scope wins: walk again preferring deeper scopes
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            for child in ast.walk(node):
                scopes[id(child)] = resolver.scope_for(node)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            result[node.lineno] = resolver.qualified_name(node.func, scopes.get(id(node)))
    return result


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import subprocess as sp\nsp.run('x')", "subprocess.run"),
        ("from os import path as p\np.join('a')", "os.path.join"),
        ("import os.path\nos.path.join('a')", "os.path.join"),
        ("import xml.etree.ElementTree as ET\nET.parse(f)", "xml.etree.ElementTree.parse"),
        ("from flask import request as r\nr.args.get('q')", "flask.request.args.get"),
        ("import subprocess\nrun = subprocess.run\nrun('x')", "subprocess.run"),
        ("import subprocess\nsp = subprocess\nsp.call('x')", "subprocess.call"),
        ("eval('1')", "builtins.eval"),
        ("open('f')", "builtins.open"),
        ("def helper():\n    pass\nhelper()", "pkg.mod.helper"),
    ],
)
def test_module_level_resolution(source: str, expected: str) -> None:
    calls = _resolve_calls(source)
    assert calls[max(calls)] == expected


def test_alias_defined_after_use_in_function_still_resolves() -> None:
    source = "def f():\n    return run('x')\nimport subprocess\nrun = subprocess.run\n"
    assert _resolve_calls(source)[2] == "subprocess.run"


def test_relative_imports_resolve_against_the_package() -> None:
    source = (
        "from . import db\nfrom .db import query\nfrom ..core import util\n"
        "db.connect()\nquery()\nutil.x()\n"
    )
    calls = _resolve_calls(source, module="app.views")
    assert calls[4] == "app.db.connect"
    assert calls[5] == "app.db.query"
    assert calls[6] == "core.util.x"


def test_relative_import_inside_package_init() -> None:
    calls = _resolve_calls("from .db import query\nquery()\n", module="app", is_package=True)
    assert calls[2] == "app.db.query"


def test_parameter_shadows_import() -> None:
    source = "import subprocess\ndef f(subprocess):\n    subprocess.run('x')\n"
    assert _resolve_calls(source)[3] is None


def test_local_assignment_shadows_import_only_in_its_function() -> None:
    source = (
        "import subprocess\n"
        "def f():\n    subprocess = object()\n    subprocess.run('x')\n"
        "def g():\n    subprocess.run('y')\n"
    )
    calls = _resolve_calls(source)
    assert calls[4] is None
    assert calls[6] == "subprocess.run"


def test_rebinding_a_name_makes_it_unknown() -> None:
    source = "import os\nimport subprocess as runner\nrunner = os\nrunner.system('x')\n"
    assert _resolve_calls(source)[4] is None


def test_class_body_names_are_not_visible_in_methods() -> None:
    source = (
        "import subprocess\n"
        "class C:\n    subprocess = None\n    def m(self):\n        subprocess.run('x')\n"
    )
    assert _resolve_calls(source)[5] == "subprocess.run"


def test_global_declaration_binds_at_module_level() -> None:
    source = (
        "def setup():\n    global sp\n    import subprocess as sp\ndef use():\n    sp.run('x')\n"
    )
    assert _resolve_calls(source)[5] == "subprocess.run"


def test_import_inside_function_is_local_to_it() -> None:
    source = "def f():\n    import pickle as p\n    p.loads(b)\ndef g():\n    p.loads(b)\n"
    calls = _resolve_calls(source)
    assert calls[3] == "pickle.loads"
    assert calls[5] is None


def test_constant_folding_through_module_constants() -> None:
    tree = ast.parse(
        "BASE = 'ls'\nFLAGS = BASE + ' -l'\nCMD = f'{FLAGS} /tmp'\nPAIR = (1, BASE)\nX = input()\n"
    )
    resolver = NameResolver(tree)
    names = {t.targets[0].id: t.value for t in tree.body if isinstance(t, ast.Assign)}
    assert resolver.constant_value(ast.Name("CMD", ast.Load())) == (True, "ls -l /tmp")
    assert resolver.constant_value(names["PAIR"]) == (True, (1, "ls"))
    assert resolver.constant_value(ast.Name("X", ast.Load())) == (False, None)


def test_name_assigned_twice_is_not_a_constant() -> None:
    tree = ast.parse("CMD = 'ls'\nCMD = input()\n")
    assert NameResolver(tree).constant_value(ast.Name("CMD", ast.Load())) == (False, None)


def test_deeply_nested_code_does_not_exhaust_the_stack() -> None:
    # deeper than ast.parse itself accepts: built by hand, as tree-sitter lowering can
    value: ast.expr = ast.Name("a", ast.Load())
    for _ in range(10_000):
        value = ast.BinOp(value, ast.Add(), ast.Name("a", ast.Load()))
    tree = ast.Module([ast.Assign([ast.Name("x", ast.Store())], value)], [])
    resolver = NameResolver(tree)
    assert resolver.lookup("x") is not None


def test_try_except_import_fallback_resolves_to_the_first_import() -> None:
    source = (
        "try:\n    from yaml import CSafeLoader as Loader\n"
        "except ImportError:\n    from yaml import SafeLoader as Loader\n"
        "Loader()\n"
    )
    assert _resolve_calls(source)[5] == "yaml.CSafeLoader"


def test_import_then_assignment_is_a_local() -> None:
    source = "from yaml import SafeLoader as Loader\nLoader = make_loader()\nLoader()\n"
    assert _resolve_calls(source)[3] is None


def test_methods_and_nested_functions_open_their_own_scopes() -> None:
    source = (
        "import subprocess\n"
        "class C:\n"
        "    def m(self, subprocess):\n"
        "        def inner():\n"
        "            return subprocess.run('x')\n"
        "        return inner\n"
        "    def n(self):\n"
        "        return subprocess.run('y')\n"
    )
    tree = ast.parse(source)
    resolver = NameResolver(tree, "pkg.mod")
    method = tree.body[1].body[0]
    inner = method.body[0]
    assert resolver.scope_for(method) is not None
    assert resolver.scope_for(inner) is not None
    call_in_inner = inner.body[0].value
    call_in_n = tree.body[1].body[1].body[0].value
    # the parameter of the enclosing method shadows the import inside the closure
    assert resolver.qualified_name(call_in_inner.func, resolver.scope_for(inner)) is None
    assert resolver.qualified_name(call_in_n.func, resolver.scope_for(tree.body[1].body[1])) == (
        "subprocess.run"
    )
    binding = resolver.lookup("inner", resolver.scope_for(method))
    assert binding is not None and binding.qualified_name == "pkg.mod.C.m.inner"
