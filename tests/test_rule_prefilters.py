"""The rule and observation prefilters only skip work, never findings.

`calls`/`methods`/`keywords` choose which calls a rule (or an observation kind) sees,
`requires` which files a rule runs on at all. Over every fixture file (vulnerable and
safe variants of every rule), the rules and kinds with their prefilters must report
exactly what they report without them: a prefilter that forgets a spelling the matcher
handles loses findings here.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from cwescan.analysis.names import NameResolver
from cwescan.analysis.parsing import ParsedModule, parse_source
from cwescan.analysis.walk import walk_scoped
from cwescan.observations.framework import OBSERVATIONS, ObservationKind, ObservationPass
from cwescan.rules import all_rules
from cwescan.rules.framework import Rule, RulePass
from cwescan.runner import module_name_for_file

FIXTURES = sorted(
    p for p in (Path(__file__).parent / "rules").rglob("*.py") if "__pycache__" not in p.parts
)
RULES = list(all_rules())
UNFILTERED = [
    dataclasses.replace(
        r, calls=frozenset(), methods=frozenset(), keywords=frozenset(), requires=()
    )
    for r in RULES
]


Match = tuple[str, int, int, str]


def _matches(parsed: ParsedModule, path: Path, rules: list[Rule]) -> list[Match]:
    name, is_package = module_name_for_file(path)
    resolver = NameResolver(parsed.tree, name, is_package)
    rule_pass = RulePass(parsed, resolver, rules, failures=[])
    walk_scoped(parsed.tree, resolver, [rule_pass])
    return sorted(
        (
            m.rule.id,
            getattr(m.issue.node, "lineno", 0),
            getattr(m.issue.node, "col_offset", 0),
            m.issue.description,
        )
        for m in rule_pass.matches
    )


KINDS = list(OBSERVATIONS)
UNFILTERED_KINDS = [dataclasses.replace(k, calls=frozenset(), methods=frozenset()) for k in KINDS]


def _remarks(parsed: ParsedModule, kinds: list[ObservationKind]) -> list[tuple[str, str]]:
    resolver = NameResolver(parsed.tree)
    remarks = ObservationPass(parsed, resolver, kinds, is_test=True)
    walk_scoped(parsed.tree, resolver, [remarks])
    return sorted((o.kind, o.message) for o in remarks.finish())


def test_some_rules_and_observations_use_each_prefilter() -> None:
    assert any(r.requires for r in RULES)
    assert any(r.filters_calls for r in RULES)
    assert any(k.calls or k.methods for k in KINDS)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_prefilters_lose_no_finding(fixture: Path) -> None:
    parsed = parse_source(str(fixture), fixture.read_bytes())
    if not isinstance(parsed, ParsedModule):
        pytest.skip("fixture does not parse (a parse-error fixture)")
    assert _matches(parsed, fixture, RULES) == _matches(parsed, fixture, UNFILTERED)
    assert _remarks(parsed, KINDS) == _remarks(parsed, UNFILTERED_KINDS)


def _rule_requiring(*words: str) -> Rule:
    return Rule(
        id="PY-TEST-REQUIRES",
        cwe=1,
        title="t",
        severity=RULES[0].severity,
        confidence=RULES[0].confidence,
        summary="",
        why="",
        fix="",
        bad="",
        good="",
        nodes=(ast.Name,),
        check=lambda node, ctx: (),
        requires=words,
    )


def test_requires_lower_case_words_match_in_any_case() -> None:
    cors = _rule_requiring("cors")
    source = "from starlette.middleware.cors import CORSMiddleware\n"
    assert cors.applies_to("app.add(CORSMiddleware)", "app.add(corsmiddleware)")
    assert cors.applies_to(source, source.lower())
    assert not cors.applies_to("app = Flask(__name__)", "app = flask(__name__)")


def test_requires_mixed_case_words_match_exactly() -> None:
    protocol = _rule_requiring("PROTOCOL_TLSv1")
    assert protocol.applies_to("ssl.PROTOCOL_TLSv1", "ssl.protocol_tlsv1")
    assert not protocol.applies_to("ssl.protocol_tlsv1", "ssl.protocol_tlsv1")


def test_rules_without_requires_run_everywhere() -> None:
    assert _rule_requiring().applies_to("", "")


def test_observation_call_filter_sees_aliases_and_methods() -> None:
    logged = OBSERVATIONS.get("secret-logged")
    assert logged is not None
    assert logged.wants_call("logging.info", "info")
    assert logged.wants_call("logging.warning", "warn_alias")  # `from logging import warning as …`
    assert logged.wants_call("builtins.print", "show")  # `show = print`
    assert logged.wants_call(None, "debug")  # `self.log.debug(...)`, unresolved receiver
    assert not logged.wants_call("os.path.join", "join")
