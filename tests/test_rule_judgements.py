"""Severity and confidence a rule gives by context, which the fixture annotations (that
only say whether a line is reported) cannot check."""

from __future__ import annotations

from pathlib import Path

from cwescan.config import Config
from cwescan.model import Confidence, Severity
from cwescan.runner import scan

FIXTURES = Path(__file__).parent / "rules"


def _by_function(path: Path, rule_id: str) -> dict[str, tuple[Severity, Confidence]]:
    config = Config(
        cache=False,
        severity_threshold=Severity.INFO,
        confidence_threshold=Confidence.LOW,
        respect_gitignore=False,
        test_code_downgrade=False,  # the fixtures live under tests/
    )
    return {
        f.function or "": (f.severity, f.confidence)
        for f in scan([str(path)], config).findings
        if f.rule_id == rule_id
    }


def test_a_weak_digest_cut_to_a_short_tag_is_not_a_security_use() -> None:
    found = _by_function(FIXTURES / "crypto" / "weak_hashes.py", "PY-CRYPTO-001")
    assert found["static_version_tag"] == (Severity.LOW, Confidence.LOW)
    assert found["session_signature"] == (Severity.HIGH, Confidence.HIGH)


def test_random_for_a_bare_key_is_medium_confidence_for_a_qualified_one_high() -> None:
    found = _by_function(FIXTURES / "randomness" / "security_values.py", "PY-RAND-001")
    assert found["Block.__init__"][1] == Confidence.MEDIUM
    assert found["make_signing_key"][1] == Confidence.HIGH
