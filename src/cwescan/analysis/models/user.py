"""User-declared taint models from `[tool.cwescan.taint-models]`.

Format (TOML), every table optional:

    [tool.cwescan.taint-models]
    unknown-calls = "propagate"          # or "drop": what an unmodelled library call does

    [[tool.cwescan.taint-models.sources]]
    target = "acme.web.get_param"         # qualified name, `Type.member` or `*.method`
    kind = "remote"                       # remote | network | local | environment
    access = "call"                       # "call" (its result) or "read" (the name itself)

    [[tool.cwescan.taint-models.sinks]]
    target = "acme.db.run_query"
    cwe = 89                              # one of the CWEs the taint rules report
    args = [0]                            # dangerous positions
    keywords = ["sql"]                    # dangerous keyword names

    [[tool.cwescan.taint-models.sanitizers]]
    target = "acme.security.clean_sql"
    cwes = [89]                           # or kinds = ["sql"]; "*" / all = every kind

    [[tool.cwescan.taint-models.propagators]]
    target = "acme.text.wrap"
    args = [0]                            # omitted: every argument

Validation errors name the entry (`sinks[2]`) and the problem; the config loader adds
the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cwescan.analysis.models.base import (
    ALL_KINDS,
    SOURCE_KINDS,
    Propagator,
    Sanitizer,
    Sink,
    Source,
)


@dataclass(frozen=True)
class UserModels:
    """The validated user models: records to add, and the unknown-call policy."""

    records: tuple[Source | Sink | Sanitizer | Propagator, ...] = ()
    unknown_calls: str = "propagate"


_TABLE_KEYS = {"unknown-calls", "sources", "sinks", "sanitizers", "propagators"}


def validate_taint_models(table: dict[str, Any]) -> UserModels:
    """Check a `taint-models` table and turn it into model records.

    Raises ValueError with a message naming the entry and the problem.
    """
    from cwescan.analysis.taint_rules import KIND_BY_CWE, KINDS_BY_CWE

    unknown = set(table) - _TABLE_KEYS
    if unknown:
        known = ", ".join(sorted(_TABLE_KEYS))
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}; expected: {known}")
    policy = table.get("unknown-calls", "propagate")
    if policy not in ("propagate", "drop"):
        raise ValueError(f'unknown-calls: expected "propagate" or "drop", got {policy!r}')
    records: list[Source | Sink | Sanitizer | Propagator] = []
    for index, entry in enumerate(_entries(table, "sources")):
        where = f"sources[{index}]"
        _only(entry, where, {"target", "kind", "access", "label"})
        kind = entry.get("kind", "remote")
        if kind not in SOURCE_KINDS:
            raise ValueError(
                f"{where}: kind must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}"
            )
        access = entry.get("access", "call")
        if access not in ("call", "read"):
            raise ValueError(f'{where}: access must be "call" or "read", got {access!r}')
        target = _target(entry, where)
        records.append(Source(target, kind, access, str(entry.get("label", target))))
    for index, entry in enumerate(_entries(table, "sinks")):
        where = f"sinks[{index}]"
        _only(entry, where, {"target", "cwe", "args", "keywords", "receiver", "label"})
        cwe = entry.get("cwe")
        if isinstance(cwe, str) and cwe.upper().startswith("CWE-"):
            cwe = cwe[4:]
        try:
            cwe_id = int(cwe)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError(f"{where}: cwe must be a CWE number such as 89, got {cwe!r}") from None
        if cwe_id not in KIND_BY_CWE:
            known = ", ".join(str(c) for c in sorted(KIND_BY_CWE))
            raise ValueError(f"{where}: CWE-{cwe_id} is not a taint rule's CWE (known: {known})")
        args = _positions(entry, where, "args", default=(0,))
        keywords = _names(entry, where, "keywords")
        receiver = entry.get("receiver", False)
        if not isinstance(receiver, bool):
            raise ValueError(f"{where}: receiver must be true or false")
        records.append(
            Sink(
                _target(entry, where),
                cwe_id,
                KIND_BY_CWE[cwe_id],
                args=args,
                keywords=keywords,
                receiver=receiver,
                label=str(entry.get("label", "")),
            )
        )
    for index, entry in enumerate(_entries(table, "sanitizers")):
        where = f"sanitizers[{index}]"
        _only(entry, where, {"target", "kinds", "cwes", "args", "label"})
        kinds = _sanitizer_kinds(entry, where, KINDS_BY_CWE)
        target = _target(entry, where)
        records.append(
            Sanitizer(
                target,
                kinds,
                args=_positions(entry, where, "args", default=(0,)),
                label=str(entry.get("label", target)),
            )
        )
    for index, entry in enumerate(_entries(table, "propagators")):
        where = f"propagators[{index}]"
        _only(entry, where, {"target", "args"})
        args = _positions(entry, where, "args", default=None) if "args" in entry else None
        records.append(Propagator(_target(entry, where), args=args))
    return UserModels(tuple(records), policy)


def _entries(table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key}: expected an array of tables ([[...{key}]])")
    return value


def _only(entry: dict[str, Any], where: str, allowed: set[str]) -> None:
    extra = set(entry) - allowed
    if extra:
        known = ", ".join(sorted(allowed))
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(extra))}; expected: {known}")


def _target(entry: dict[str, Any], where: str) -> str:
    target = entry.get("target")
    if not isinstance(target, str) or not target.strip() or " " in target.strip():
        raise ValueError(f'{where}: target must be a dotted name such as "acme.db.run_query"')
    return target.strip()


def _positions(entry: dict[str, Any], where: str, key: str, default: Any) -> Any:
    value = entry.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value
    ):
        raise ValueError(f"{where}: {key} must be a list of argument positions such as [0, 1]")
    return tuple(value)


def _names(entry: dict[str, Any], where: str, key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: {key} must be a list of keyword names")
    return tuple(value)


def _sanitizer_kinds(
    entry: dict[str, Any], where: str, kinds_by_cwe: dict[int, tuple[str, ...]]
) -> tuple[str, ...]:
    kinds: list[str] = []
    known_kinds = {kind for named in kinds_by_cwe.values() for kind in named}
    for kind in entry.get("kinds", []):
        if kind in ("*", "all"):
            return (ALL_KINDS,)
        if kind not in known_kinds:
            raise ValueError(
                f'{where}: unknown kind {kind!r} (known: {", ".join(sorted(known_kinds))}, or "*")'
            )
        kinds.append(kind)
    for cwe in entry.get("cwes", []):
        number = int(str(cwe).upper().removeprefix("CWE-")) if str(cwe).strip() else -1
        if number not in kinds_by_cwe:
            raise ValueError(f"{where}: CWE {cwe!r} is not a taint rule's CWE")
        kinds.extend(kinds_by_cwe[number])
    if not kinds:
        raise ValueError(f"{where}: give the kinds or cwes it cleans, e.g. cwes = [89]")
    return tuple(kinds)
