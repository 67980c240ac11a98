"""A file's analysis leaves nothing of the file behind in the rules' memos."""

from __future__ import annotations

import ast
import gc
from pathlib import Path

from cwescan.config import Config
from cwescan.discovery import discover
from cwescan.runner import analyze_file, select_rules

ROOT = Path(__file__).resolve().parent.parent
# files whose rules keep per-file memos: regex declarations, uploads, clear-text logging
FILES = ["tests/rules/regex/django_validators.py", "tests/rules/web/uploads.py",
         "tests/rules/sensitive/log_safe.py"]


def _trees() -> int:
    gc.collect()
    return sum(isinstance(o, ast.Module) for o in gc.get_objects())


def test_no_tree_outlives_its_files_analysis() -> None:
    """A worker analyses thousands of files: a memo still holding the tree of the last
    file a rule saw kept several large trees alive at once (a higher memory peak)."""
    config = Config()
    rules = select_rules(config)
    sources = discover([str(ROOT / f) for f in FILES], exclude=[], max_file_size=10**7,
                       respect_gitignore=False).files
    assert len(sources) == len(FILES)
    before = _trees()
    for source in sources:
        analysis = analyze_file(source, config, rules)
        assert analysis.findings  # the memos were used
    assert _trees() == before
