"""Pattern rules, one module per family. Importing this package registers them all."""

from __future__ import annotations

from cwescan.analysis.taint_rules import register_taint_rules
from cwescan.rules import (  # noqa: F401  (imported for their registrations)
    code_quality,
    correctness,
    crypto,
    deserialization,
    exposure,
    filesystem,
    imports,
    injection,
    network,
    obsolete,
    privileges,
    randomness,
    regex,
    regex_checks,
    secrets,
    sensitive,
    tempfiles,
    templates,
    timing,
    tls,
    uploads,
    urlchecks,
    web,
    xml,
)
from cwescan.rules.framework import REGISTRY, Rule, RuleRegistry

# the taint engine's rules (reported by analysis/taint.py, no pattern matcher), so that
# `cwescan rules`, `explain`, `--skip`/`--only` and the docs list them like the others
register_taint_rules()

__all__ = ["REGISTRY", "Rule", "RuleRegistry", "all_rules"]


def all_rules() -> RuleRegistry:
    """The registry holding every declared rule."""
    return REGISTRY
