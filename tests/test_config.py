"""Configuration from pyproject.toml and --config, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwescan.config import ConfigError, load_config, load_config_file
from cwescan.model import Severity


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_tool_cwescan_table(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[tool.cwescan]\nexclude = ["gen/**"]\nseverity-threshold = "high"\n'
        'max-file-size = "1MB"\nskips = ["B101"]\n',
    )
    config = load_config(None, [str(tmp_path)])
    assert config.exclude == ("gen/**",)
    assert config.severity_threshold is Severity.HIGH
    assert config.max_file_size == 1024 * 1024
    assert config.skips == ("B101",)


def test_found_from_a_subfolder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.cwescan]\nprofile = "audit"\n')
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    assert load_config(None, [str(tmp_path / "src" / "pkg")]).profile == "audit"


def test_underscore_spelling_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.toml", "max_file_size = 100\n")
    assert load_config_file(path).max_file_size == 100


def test_unknown_key_names_key_and_file_and_suggests(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[tool.cwescan]\nexclud = ["x"]\n')
    with pytest.raises(ConfigError) as error:
        load_config_file(path)
    message = str(error.value)
    assert "exclud" in message and str(path) in message and "did you mean 'exclude'" in message


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('severity-threshold = "severe"', "severity-threshold"),
        ("exclude = 3", "exclude"),
        ('max-file-size = "huge"', "max-file-size"),
        ('profile = "paranoid"', "profile"),
        ('respect-gitignore = "yes"', "respect-gitignore"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, line: str, key: str) -> None:
    path = _write(tmp_path / "pyproject.toml", f"[tool.cwescan]\n{line}\n")
    with pytest.raises(ConfigError, match=key):
        load_config_file(path)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.toml", "exclude = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config_file(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config_file(tmp_path / "nope.toml")
