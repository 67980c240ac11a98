"""Deserialization of untrusted data (CWE-502): pickle-family loaders, unsafe YAML,
`numpy.load(allow_pickle=True)` and `torch.load` without `weights_only=True`.

The loader alone is the defect: these formats let the bytes name code to run while
loading, so whether the bytes can come from outside is what the taint engine adds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, has_star_arguments, keyword, rule
from cwescan.rules.strings import source_text

_PICKLE_LOADERS = frozenset(
    {
        "pickle.loads",
        "pickle.load",
        "pickle.Unpickler",
        "pickle._loads",
        "pickle._load",
        "pickle._Unpickler",
        "_pickle.loads",
        "_pickle.load",
        "_pickle.Unpickler",
        "cPickle.loads",
        "cPickle.load",
        "cPickle.Unpickler",
        "dill.loads",
        "dill.load",
        "dill.Unpickler",
        "dill.load_session",
        "dill.load_module",
        "cloudpickle.loads",
        "cloudpickle.load",
        "marshal.loads",
        "marshal.load",
        "shelve.open",
        "shelve.DbfilenameShelf",
        "shelve.Shelf",
        "shelve.BsdDbShelf",
        "jsonpickle.decode",
        "jsonpickle.unpickler.decode",
        "jsonpickle.unpickler.Unpickler",
        "pandas.read_pickle",
        "joblib.load",
        "sklearn.externals.joblib.load",
    }
)


@rule(
    id="PY-DESER-001",
    cwe=502,
    title="Deserialization with pickle or a pickle-based loader",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `pickle`/`cPickle`/`_pickle`, `dill`, `cloudpickle`, `marshal`, `shelve`, "
        "`jsonpickle`, `joblib.load` and `pandas.read_pickle` loads."
    ),
    why=(
        "Unpickling runs code chosen by whoever wrote the bytes: a crafted pickle calls "
        "`os.system` during loading. Data that crossed a trust boundary (network, upload, "
        "shared cache, user file) must never be unpickled. `marshal` is not designed for "
        "untrusted input either and crashes the interpreter on crafted data."
    ),
    fix=(
        "Exchange data in a format that cannot carry code (`json`, `msgpack`, protobuf); "
        "if pickles must cross a boundary, sign them (HMAC) and verify before loading, or "
        "subclass `pickle.Unpickler` with a `find_class` allow-list."
    ),
    bad="obj = pickle.loads(request.data)",
    good="obj = json.loads(request.data)",
    nodes=(ast.Call,),
    calls=_PICKLE_LOADERS,
    references=(
        "https://docs.python.org/3/library/pickle.html#restricting-globals",
        "https://joblib.readthedocs.io/en/stable/persistence.html",
    ),
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
    source = argument(node, 0)
    if isinstance(source, ast.Call) and (ctx.call_name(source) or "").endswith(".dumps"):
        return  # `pickle.loads(pickle.dumps(obj))`: a deep copy of the program's own object
    shown = f" `{_short(source_text(source))}`" if source is not None else ""
    if name.startswith("marshal."):
        yield Issue(
            node,
            f"`{name}` reads{shown} with `marshal`, which is not safe for untrusted bytes: "
            "crafted input crashes the interpreter or yields code objects.",
        )
        return
    yield Issue(
        node,
        f"`{name}` deserializes{shown} with pickle semantics: bytes that an attacker can "
        "write run arbitrary code while loading.",
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
# Safe on PyYAML >= 5.4 (CVE-2020-14343 fixed), code execution on 5.1-5.3.
_FULL_YAML_LOADERS = frozenset(
    {"yaml.FullLoader", "yaml.CFullLoader", "yaml.loader.FullLoader", "yaml.cyaml.CFullLoader"}
)
_YAML_LOADS = frozenset({"yaml.load", "yaml.load_all"})


def _yaml_loader_kind(ctx: RuleContext, loader: ast.expr, depth: int = 0) -> str:
    """'safe', 'full', 'unsafe' or 'unknown' for the expression passed as `Loader=`."""
    name = ctx.qualified_name(loader)
    if name in _SAFE_YAML_LOADERS:
        return "safe"
    if name in _FULL_YAML_LOADERS:
        return "full"
    if name is not None and name.startswith("yaml."):
        return "unsafe"
    if isinstance(loader, ast.Name) and depth < 5:
        # a loader class defined in this module: judge it by its bases
        binding = ctx.resolver.lookup(loader.id, ctx.scope)
        if binding is not None and isinstance(binding.node, ast.ClassDef):
            kinds = {_yaml_loader_kind(ctx, base, depth + 1) for base in binding.node.bases}
            for kind in ("unsafe", "full", "safe"):
                if kind in kinds:
                    return kind
    return "unknown"


@rule(
    id="PY-DESER-002",
    cwe=502,
    title="YAML loaded with a loader that constructs arbitrary objects",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `yaml.load`/`yaml.load_all` with `Loader`/`UnsafeLoader`/`CLoader` (or no "
        'loader), `yaml.unsafe_load`, and `ruamel.yaml.YAML(typ="unsafe")`.'
    ),
    why=(
        "PyYAML's `Loader`/`UnsafeLoader` build any Python object a document names "
        "(`!!python/object/apply:os.system`), so loading an attacker's YAML runs their code."
    ),
    fix="Use `yaml.safe_load(text)` or pass `Loader=yaml.SafeLoader`.",
    bad="config = yaml.load(text, Loader=yaml.Loader)",
    good="config = yaml.safe_load(text)",
    nodes=(ast.Call,),
    calls=(
        "yaml.unsafe_load", "yaml.unsafe_load_all", "ruamel.yaml.unsafe_load",
        "ruamel.yaml.YAML", *_YAML_LOADS,
    ),
    references=(
        "https://pyyaml.org/wiki/PyYAMLDocumentation",
        "https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation",
    ),
    bandit=("B506",),
    scope_note=(
        "Pattern only. A loader class defined in the same module is judged by its base "
        "classes; `FullLoader`/`yaml.full_load` are audit hints (PY-DESER-005)."
    ),
)
def yaml_unsafe_load(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in ("yaml.unsafe_load", "yaml.unsafe_load_all", "ruamel.yaml.unsafe_load"):
        yield Issue(node, f"`{name}` constructs arbitrary Python objects named in the document.")
        return
    if name == "ruamel.yaml.YAML":
        typ = argument(node, 0, "typ")
        known, value = ctx.constant(typ)
        if known and (value == "unsafe" or (isinstance(value, list) and "unsafe" in value)):
            yield Issue(
                node,
                '`ruamel.yaml.YAML(typ="unsafe")` constructs arbitrary Python objects named '
                "in the documents it loads.",
                remediation='Use `YAML(typ="safe")` (or the default round-trip loader).',
            )
        return
    if name not in _YAML_LOADS:
        return
    loader = argument(node, 1, "Loader")
    if loader is None:
        if has_star_arguments(node):
            return
        yield Issue(
            node,
            f"`{name}` without `Loader=` uses the unsafe loader on PyYAML < 5.1 (and fails "
            "on 6.0): the intent is not a safe load.",
            confidence=Confidence.MEDIUM,
            remediation="Use `yaml.safe_load(...)`.",
        )
        return
    kind = _yaml_loader_kind(ctx, loader)
    if kind in ("safe", "full"):
        return
    if kind == "unknown":
        yield Issue(
            node,
            f"`{name}` with the loader `{_short(source_text(loader))}`, which cannot be "
            "resolved statically; make sure it derives from `SafeLoader`.",
            confidence=Confidence.LOW,
        )
        return
    yield Issue(
        node,
        f"`{name}` with `{source_text(loader)}` constructs arbitrary Python objects named "
        "in the document.",
        remediation="Use `yaml.safe_load(...)` or `Loader=yaml.SafeLoader`.",
    )


@rule(
    id="PY-DESER-005",
    cwe=502,
    title="YAML loaded with `FullLoader`",
    severity=Severity.MEDIUM,
    confidence=Confidence.LOW,
    summary="Audit hint: `yaml.full_load`, `yaml.full_load_all` and `Loader=yaml.FullLoader`.",
    why=(
        "`FullLoader` was exploitable for code execution on PyYAML 5.1–5.3 "
        "(CVE-2020-1747, CVE-2020-14343); since 5.4 it no longer calls arbitrary "
        "callables, but it still builds more Python types than data needs. Only the "
        "PyYAML version installed decides whether this is a vulnerability."
    ),
    fix="Use `yaml.safe_load` unless the documents need Python-specific tags.",
    bad="config = yaml.full_load(text)",
    good="config = yaml.safe_load(text)",
    nodes=(ast.Call,),
    calls=("yaml.full_load", "yaml.full_load_all", *_YAML_LOADS),
    references=("https://github.com/yaml/pyyaml/blob/main/CHANGES",),
    bandit=("B506",),
    profile="audit",
    scope_note="Pattern only; depends on the PyYAML version (safe on >= 5.4).",
)
def yaml_full_load(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in ("yaml.full_load", "yaml.full_load_all"):
        yield Issue(node, f"`{name}` is only safe on PyYAML 5.4 and later.")
        return
    if name in _YAML_LOADS:
        loader = argument(node, 1, "Loader")
        if loader is not None and _yaml_loader_kind(ctx, loader) == "full":
            yield Issue(node, f"`{name}` with `{source_text(loader)}` is only safe on PyYAML 5.4+.")


@rule(
    id="PY-DESER-003",
    cwe=502,
    title="`numpy.load` with `allow_pickle=True`",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary="Flags `numpy.load(..., allow_pickle=True)` (and a non-constant `allow_pickle`).",
    why=(
        "With `allow_pickle=True`, object arrays in `.npy`/`.npz` files are unpickled, so "
        "a crafted file runs code when loaded. NumPy made `False` the default in 1.16.3 "
        "for this reason (CVE-2019-6446)."
    ),
    fix="Keep the default `allow_pickle=False` and store numeric arrays, not object arrays.",
    bad="weights = numpy.load(path, allow_pickle=True)",
    good="weights = numpy.load(path)",
    nodes=(ast.Call,),
    calls=("numpy.load", "numpy.lib.npyio.load"),
    references=("https://numpy.org/doc/stable/reference/generated/numpy.load.html",),
    bandit=("B301",),
    scope_note="Pattern only.",
)
def numpy_allow_pickle(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if ctx.call_name(node) not in ("numpy.load", "numpy.lib.npyio.load"):
        return
    allow = argument(node, 2, "allow_pickle")
    if allow is None:
        return
    known, value = ctx.constant(allow)
    if known and not value:
        return
    yield Issue(
        node,
        "`numpy.load` with `allow_pickle="
        f"{_short(source_text(allow), 30)}` unpickles object arrays from the file.",
        confidence=None if known else Confidence.LOW,
        remediation="Drop `allow_pickle=True`; load only numeric arrays.",
    )


@rule(
    id="PY-DESER-004",
    cwe=502,
    title="`torch.load` without `weights_only=True`",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `torch.load` with `weights_only=False`, with a `pickle_module`, or without "
        "`weights_only` (unsafe default before PyTorch 2.6)."
    ),
    why=(
        "`torch.load` unpickles the checkpoint. Unless `weights_only=True`, a model file "
        "downloaded or shared by someone else runs arbitrary code when loaded. PyTorch 2.6 "
        "changed the default to `True`; code relying on the default is unsafe on older "
        "versions, and `weights_only=False` is unsafe on all."
    ),
    fix=(
        "Pass `weights_only=True` (and `torch.serialization.add_safe_globals` for extra "
        "types), or store weights as safetensors."
    ),
    bad='state = torch.load("model.pt")',
    good='state = torch.load("model.pt", weights_only=True)',
    nodes=(ast.Call,),
    calls=("torch.load", "torch.serialization.load"),
    references=(
        "https://pytorch.org/docs/stable/generated/torch.load.html",
        "https://huggingface.co/docs/safetensors/index",
    ),
    bandit=("B614",),
    scope_note=(
        "Pattern only. Explicit `weights_only=False` is high confidence; a missing "
        "argument is medium (safe on PyTorch >= 2.6); a non-constant value is not flagged."
    ),
)
def torch_load(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if ctx.call_name(node) not in ("torch.load", "torch.serialization.load"):
        return
    pickle_module = argument(node, 2, "pickle_module")
    weights_only = keyword(node, "weights_only")
    if pickle_module is not None:
        yield Issue(
            node,
            f"`torch.load` with `pickle_module={_short(source_text(pickle_module), 30)}` "
            "unpickles the file with full pickle semantics.",
            confidence=Confidence.HIGH,
        )
        return
    if weights_only is None:
        if has_star_arguments(node):
            return
        yield Issue(
            node,
            "`torch.load` without `weights_only=True` unpickles arbitrary objects on "
            "PyTorch < 2.6; a crafted checkpoint runs code when loaded.",
            remediation="Add `weights_only=True`.",
        )
        return
    known, value = ctx.constant(weights_only)
    if not known or value:
        return
    yield Issue(
        node,
        "`torch.load(..., weights_only=False)` unpickles arbitrary objects: a crafted "
        "checkpoint runs code when loaded.",
        confidence=Confidence.HIGH,
        remediation="Use `weights_only=True`.",
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
