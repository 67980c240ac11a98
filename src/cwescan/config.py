"""Configuration: `[tool.cwescan]` in pyproject.toml, a `--config` file, and CLI overrides.

Every key is declared once in `_KEYS` with its type and a check; an unknown key or a bad
value is a `ConfigError` naming the key and the file, which the CLI turns into exit 2.
Keys are spelled with dashes (`max-file-size`); underscores are accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomllib

from cwescan.cache import DEFAULT_MAX_SIZE
from cwescan.model import Confidence, Severity


class ConfigError(Exception):
    """A configuration problem a user can fix; the message names the key and the file."""


@dataclass(frozen=True)
class Config:
    """Settings for one scan. Travels as an argument; there is no global config."""

    exclude: tuple[str, ...] = ()
    severity_threshold: Severity = Severity.LOW
    confidence_threshold: Confidence = Confidence.LOW
    profile: str = "default"
    max_file_size: int = 5 * 1024 * 1024
    respect_gitignore: bool = True
    skips: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    taint: bool = True
    # findings in test code: tagged `test-code` and lowered two severity levels (context.py)
    test_code_downgrade: bool = True
    # exit gate, apart from the reporting threshold: "reported" (any reported finding),
    # "never", or a severity name (fail only on findings at or above it)
    fail_on: str = "reported"
    require_reason: bool = False  # an inline suppression without `-- reason` does not apply
    warn_unused_ignores: bool = False  # report suppression comments that silence nothing
    source: str | None = None  # the file the settings came from, for messages
    extra: dict[str, Any] = field(default_factory=dict)  # validated sub-tables (e.g. taint models)
    # how the scan runs, not what it finds (left out of reports, see EXECUTION_FIELDS):
    jobs: int = 0  # worker processes; 0 = one per core, 1 = in this process
    cache: bool = True  # reuse the analysis of unchanged files (cache.py)
    cache_dir: str | None = None  # entries folder; None = the user cache folder
    cache_max_size: int = DEFAULT_MAX_SIZE  # bytes; least recently used entries go past it
    scheduler: str | None = None  # a Dask scheduler address (command line only, never a file)
    file_budget: float = 120.0  # seconds of analysis per file before "analysis incomplete"

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the given settings replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain data, for reports."""
        result: dict[str, Any] = {}
        for f in fields(self):
            if f.name in EXECUTION_FIELDS:
                continue
            value = getattr(self, f.name)
            if isinstance(value, (Severity, Confidence)):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            if f.name == "extra":
                continue
            result[f.name.replace("_", "-")] = value
        return result


# Settings that change how a scan runs but never its results: reports leave them out,
# so `-j 1` and `-j 8`, cached and fresh runs, write the same report.
EXECUTION_FIELDS = frozenset(
    {"jobs", "cache", "cache_dir", "cache_max_size", "scheduler", "file_budget"}
)


_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "gib": 1024**3,
}


def parse_size(value: Any) -> int:
    """Read a size: an integer number of bytes or a string such as `"5MB"` or `"512 KiB"`."""
    if isinstance(value, bool):
        raise ValueError('expected a size such as 5000000 or "5MB"')
    if isinstance(value, int):
        if value <= 0:
            raise ValueError("must be positive")
        return value
    if isinstance(value, str):
        match = _SIZE_RE.match(value)
        if match and match.group(2).lower() in _SIZE_UNITS:
            size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])
            if size > 0:
                return size
    raise ValueError(f'expected a size such as 5000000 or "5MB", got {value!r}')


def _string_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"expected a list of strings, got {value!r}")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {value!r}")


def _profile(value: Any) -> str:
    if value in ("default", "audit"):
        return str(value)
    raise ValueError(f'expected "default" or "audit", got {value!r}')


def parse_jobs(value: Any) -> int:
    """Read a worker count: a whole number >= 0 (0 = one per core)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(f"expected a whole number >= 0 (0 = one per core), got {value!r}")


def parse_budget(value: Any) -> float:
    """Read a per-file time budget in seconds (0 = no limit)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        try:
            seconds = float(value)
        except ValueError:
            pass
        else:
            if seconds >= 0:
                return seconds
    raise ValueError(f"expected a number of seconds >= 0 (0 = no limit), got {value!r}")


def _folder(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value
    raise ValueError(f"expected a folder path, got {value!r}")


def _table(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise ValueError(f"expected a table, got {value!r}")


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise ValueError(f"expected a severity name, got {value!r}")
    return Severity.parse(value)


def _confidence(value: Any) -> Confidence:
    if not isinstance(value, str):
        raise ValueError(f"expected a confidence name, got {value!r}")
    return Confidence.parse(value)


FAIL_ON_CHOICES = ("reported", "never", *(str(s) for s in sorted(Severity)))


def parse_fail_on(value: Any) -> str:
    """Read an exit gate: `reported`, `never` or a severity name (any case)."""
    if isinstance(value, str) and value.strip().lower() in FAIL_ON_CHOICES:
        return value.strip().lower()
    raise ValueError(f"expected one of {', '.join(FAIL_ON_CHOICES)}, got {value!r}")


# key → (Config field, converter). Sub-tables owned by other stages register here too.
_KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "exclude": ("exclude", _string_list),
    "severity-threshold": ("severity_threshold", _severity),
    "confidence-threshold": ("confidence_threshold", _confidence),
    "profile": ("profile", _profile),
    "max-file-size": ("max_file_size", parse_size),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "skips": ("skips", _string_list),
    "only": ("only", _string_list),
    "taint": ("taint", _boolean),
    "test-code-downgrade": ("test_code_downgrade", _boolean),
    "fail-on": ("fail_on", parse_fail_on),
    "require-reason": ("require_reason", _boolean),
    "warn-unused-ignores": ("warn_unused_ignores", _boolean),
    "jobs": ("jobs", parse_jobs),
    "cache": ("cache", _boolean),
    "cache-dir": ("cache_dir", _folder),
    "cache-max-size": ("cache_max_size", parse_size),
    "file-budget": ("file_budget", parse_budget),
}

# Sub-tables validated by the stage that owns them (e.g. "taint-models"): key → validator.
EXTRA_TABLES: dict[str, Callable[[Any], Any]] = {}


def _taint_models(table: Any) -> Any:
    """`[tool.cwescan.taint-models]`: user sources, sinks, sanitizers (analysis/models/user.py)."""
    from cwescan.analysis.models.user import validate_taint_models

    return validate_taint_models(table)


EXTRA_TABLES["taint-models"] = _taint_models


def config_from_mapping(table: dict[str, Any], source: str) -> Config:
    """Build a `Config` from a `[tool.cwescan]` table, validating every key."""
    values: dict[str, Any] = {"source": source}
    extra: dict[str, Any] = {}
    for raw_key, raw_value in table.items():
        key = raw_key.replace("_", "-")
        if key in EXTRA_TABLES:
            try:
                extra[key] = EXTRA_TABLES[key](_table(raw_value))
            except ValueError as exc:
                raise ConfigError(f"{source}: [tool.cwescan] {raw_key}: {exc}") from None
            continue
        if key not in _KEYS:
            known = ", ".join(sorted([*_KEYS, *EXTRA_TABLES]))
            hint = _closest(key, [*_KEYS, *EXTRA_TABLES])
            suggestion = f" (did you mean {hint!r}?)" if hint else ""
            raise ConfigError(
                f"{source}: unknown key {raw_key!r} in [tool.cwescan]{suggestion}; "
                f"known keys: {known}"
            )
        attribute, convert = _KEYS[key]
        try:
            values[attribute] = convert(raw_value)
        except ValueError as exc:
            raise ConfigError(f"{source}: [tool.cwescan] {raw_key}: {exc}") from None
    values["extra"] = extra
    return Config(**values)


def _closest(key: str, known: list[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return matches[0] if matches else None


def load_config_file(path: Path) -> Config:
    """Read settings from a TOML file: its `[tool.cwescan]` table, or the whole file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("cwescan")
    if table is None:
        table = {} if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cwescan] must be a table")
    config = config_from_mapping(table, str(path))
    if config.cache_dir is not None and not Path(config.cache_dir).expanduser().is_absolute():
        # a relative cache-dir is relative to the file that names it, not to where cwescan runs
        config = replace(config, cache_dir=str(path.parent / config.cache_dir))
    return config


def find_project_config(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.cwescan] table."""
    current = start if start.is_dir() else start.parent
    current = current.resolve()
    for folder in (current, *current.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{candidate}: cannot read: {exc}") from None
            if isinstance(data.get("tool"), dict) and "cwescan" in data["tool"]:
                return candidate
    return None


def load_config(explicit: Path | None, targets: list[str]) -> Config:
    """The settings for a scan: the explicit file, else the project's pyproject.toml."""
    if explicit is not None:
        return load_config_file(explicit)
    start = Path(targets[0]) if targets else Path.cwd()
    found = find_project_config(start if start.exists() else Path.cwd())
    if found is None:
        return Config()
    return load_config_file(found)
