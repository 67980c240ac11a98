"""Small units of the taint engine: the call-graph order, value joins, model validation."""

from __future__ import annotations

import pytest

from cwescan.analysis.callgraph import strongly_connected_components
from cwescan.analysis.models import load_models, validate_taint_models
from cwescan.analysis.taint_domain import NC, V, collapsed, const, container, join, same


def test_components_come_callees_first() -> None:
    edges = {"view": ["service"], "service": ["db", "service"], "db": [], "a": ["b"], "b": ["a"]}
    order = strongly_connected_components(["view", "service", "db", "a", "b"], edges)
    flat = [sorted(c) for c in order]
    assert flat.index(["db"]) < flat.index(["service"]) < flat.index(["view"])
    assert ["a", "b"] in flat


def test_components_survive_a_long_chain() -> None:
    nodes = [f"f{i}" for i in range(20000)]
    edges = {f"f{i}": [f"f{i + 1}"] for i in range(19999)}
    order = strongly_connected_components(nodes, edges)
    assert order[0] == ["f19999"] and order[-1] == ["f0"]


def test_join_keeps_elements_apart_and_never_drops_taint() -> None:
    tainted = V(t={("S", 0): (-1, frozenset(), 0)})
    left = container("list", (const("a"), tainted))
    right = container("list", (const("a"), const("b")))
    joined = join(left, right)
    assert joined.elts[0].c == "a" and not joined.elts[0].t
    assert joined.elts[1].t and joined.elts[1].c is NC
    longer = container("list", (const("a"), const("b"), tainted))
    mixed = join(right, longer)
    assert mixed.elts[0].c == "a" and collapsed(mixed).t, "the tail's taint is kept"


def test_join_intersects_sanitisation() -> None:
    origin = ("S", 0)
    cleaned = V(t={origin: (-1, frozenset({"html"}), 0)})
    raw = V(t={origin: (-1, frozenset(), 0)})
    assert join(cleaned, raw).t[origin][1] == frozenset()
    assert same(join(cleaned, cleaned), cleaned)


def test_user_models_validation() -> None:
    models = validate_taint_models(
        {"sinks": [{"target": "acme.db.run", "cwe": "CWE-89", "keywords": ["sql"]}]}
    )
    loaded = load_models(models)
    assert loaded.sinks["acme.db.run"][0].kind == "sql"
    with pytest.raises(ValueError, match="sinks\\[0\\]: unknown key"):
        validate_taint_models({"sinks": [{"target": "x", "cwe": 89, "arg": [0]}]})
    with pytest.raises(ValueError, match="sources\\[0\\]: kind"):
        validate_taint_models({"sources": [{"target": "x", "kind": "web"}]})
    with pytest.raises(ValueError, match="unknown-calls"):
        validate_taint_models({"unknown-calls": "maybe"})
