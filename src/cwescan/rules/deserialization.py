"""Deserialization of untrusted data (CWE-502): pickle-family loaders and unsafe YAML."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule

_PICKLE_LOADERS = frozenset(
    {
        "pickle.loads",
        "pickle.load",
        "pickle.Unpickler",
        "_pickle.loads",
        "_pickle.load",
        "cPickle.loads",
        "cPickle.load",
        "dill.loads",
        "dill.load",
        "marshal.loads",
        "marshal.load",
        "shelve.open",
        "jsonpickle.decode",
        "pandas.read_pickle",
    }
)


@rule(
    id="PY-DESER-001",
    cwe=502,
    title="Deserialization with pickle or a pickle-based loader",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `pickle`, `marshal`, `dill`, `shelve`, `jsonpickle` and "
        "`pandas.read_pickle` loads."
    ),
    why=(
        "Unpickling runs code chosen by whoever wrote the bytes: a crafted pickle calls "
        "`os.system` during loading. Data that crossed a trust boundary (network, upload, "
        "shared cache, user file) must never be unpickled."
    ),
    fix=(
        "Exchange data in a format that cannot carry code (`json`, `msgpack`, protobuf); "
        "if pickles must cross a boundary, sign them (HMAC) and verify before loading."
    ),
    bad="obj = pickle.loads(request.data)",
    good="obj = json.loads(request.data)",
    nodes=(ast.Call,),
    references=("https://docs.python.org/3/library/pickle.html#restricting-globals",),
    bandit=("B301", "B302"),
    scope_note=(
        "Pattern: every such load is flagged (the format itself is the risk). The taint "
        "engine raises confidence when the bytes come from a request."
    ),
)
def pickle_family_load(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _PICKLE_LOADERS:
        return
    yield Issue(
        node,
        f"`{name}` deserializes with pickle semantics: bytes that an attacker can write "
        "run arbitrary code while loading.",
    )


_SAFE_YAML_LOADERS = frozenset(
    {
        "yaml.SafeLoader",
        "yaml.CSafeLoader",
        "yaml.BaseLoader",
        "yaml.CBaseLoader",
        "yaml.loader.SafeLoader",
        "yaml.loader.BaseLoader",
        "yaml.cyaml.CSafeLoader",
        "yaml.cyaml.CBaseLoader",
    }
)


@rule(
    id="PY-DESER-002",
    cwe=502,
    title="YAML loaded with a loader that constructs arbitrary objects",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `yaml.load`/`yaml.load_all` without a safe loader, and `yaml.unsafe_load`, "
        "`yaml.full_load` on older PyYAML semantics."
    ),
    why=(
        "PyYAML's `Loader`/`UnsafeLoader` build any Python object a document names "
        "(`!!python/object/apply:os.system`), so loading an attacker's YAML runs their code."
    ),
    fix="Use `yaml.safe_load(text)` or pass `Loader=yaml.SafeLoader`.",
    bad="config = yaml.load(text, Loader=yaml.Loader)",
    good="config = yaml.safe_load(text)",
    nodes=(ast.Call,),
    references=("https://pyyaml.org/wiki/PyYAMLDocumentation",),
    bandit=("B506",),
)
def yaml_unsafe_load(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in ("yaml.unsafe_load", "yaml.unsafe_load_all"):
        yield Issue(node, f"`{name}` constructs arbitrary Python objects named in the document.")
        return
    if name not in ("yaml.load", "yaml.load_all"):
        return
    loader = argument(node, 1, "Loader")
    if loader is None:
        yield Issue(
            node,
            f"`{name}` without `Loader=` uses PyYAML's unsafe default on PyYAML < 5.1 and "
            "fails on 6.0; the intent is not a safe load.",
        )
        return
    loader_name = ctx.qualified_name(loader)
    if loader_name in _SAFE_YAML_LOADERS:
        return
    if loader_name is None and keyword(node, "Loader") is not None and isinstance(loader, ast.Name):
        # a local variable: unknown loader, report with low confidence
        yield Issue(
            node,
            f"`{name}` with a loader `{loader.id}` that cannot be resolved statically.",
            confidence=Confidence.LOW,
        )
        return
    yield Issue(
        node,
        f"`{name}` with `{ast.unparse(loader)}` constructs arbitrary Python objects named "
        "in the document.",
    )
