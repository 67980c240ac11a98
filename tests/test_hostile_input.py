"""Hostile input: each bad file gets a clear message naming it, and the scan goes on.

Builds the corpus in a temporary folder: binary data, non-UTF-8 text without a coding
line, an empty file, 20 MB of generated code, 10,000-deep nesting, a symlink loop, a
symlink escaping the root, Python 2 source, 3.13-only syntax, NUL bytes, a bad coding
cookie, CRLF/tabs/BOM — next to one ordinary vulnerable file whose finding must survive.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cwescan.config import Config
from cwescan.runner import scan

VULNERABLE = "import pickle\n\ndef load(blob):\n    return pickle.loads(blob)\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.py").write_text("eval(input())\n", encoding="utf-8")
    (root / "ok.py").write_text(VULNERABLE, encoding="utf-8")
    (root / "binary.py").write_bytes(bytes(range(256)) * 64)
    (root / "latin1.py").write_bytes("name = 'café'\n".encode("latin-1"))
    (root / "empty.py").write_bytes(b"")
    line = "value_{0} = compute({0}) + other_{0}\n"
    with open(root / "huge.py", "w", encoding="utf-8") as handle:
        for number in range(20 * 1024 * 1024 // len(line.format(0)) + 1):
            handle.write(line.format(number))
    (root / "deep.py").write_text(
        "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n", encoding="utf-8"
    )
    (root / "deep_list.py").write_text(
        "x = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8"
    )
    (root / "deep_binop.py").write_text(
        "x = " + " + ".join(["a"] * 10_000) + "\n", encoding="utf-8"
    )
    (root / "python2.py").write_text(
        "import os\nprint 'hello'\nos.system(raw_input())\n", encoding="utf-8"
    )
    (root / "py313.py").write_text(
        "import pickle\nclass Q[T = int]:\n    def f(self, b):\n        return pickle.loads(b)\n",
        encoding="utf-8",
    )
    (root / "nul.py").write_bytes(b"import pickle\nx = 1\x00\npickle.loads(b)\n")
    (root / "badcookie.py").write_bytes(b"# -*- coding: klingon -*-\nx = 1\n")
    (root / "crlf_tabs_bom.py").write_bytes(
        b"\xef\xbb\xbfimport pickle\r\ndef f(b):\r\n\treturn pickle.loads(b)\r\n"
    )
    (root / "garbage.py").write_text("}{ )( ][ ::: ->\n" * 50, encoding="utf-8")
    (root / "loop_a").symlink_to(root / "loop_b")
    (root / "loop_b").symlink_to(root / "loop_a")
    (root / "dirloop").mkdir()
    (root / "dirloop" / "up").symlink_to(root, target_is_directory=True)
    (root / "escape.py").symlink_to(outside / "secret.py")
    (root / "escape_dir").symlink_to(outside, target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def result(corpus: Path):
    return scan([str(corpus)], Config())


def _messages(result, name: str) -> list[str]:
    return [e.message for e in result.errors if e.path.endswith("/" + name) or e.path == name]


def test_the_ordinary_file_is_still_reported(result) -> None:
    assert any(f.location.path.endswith("/ok.py") and f.cwe_id == 502 for f in result.findings)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("binary.py", "binary"),
        ("latin1.py", "UTF-8"),
        ("huge.py", "size cap"),
        ("badcookie.py", "klingon"),
        ("garbage.py", "syntax"),
        ("escape.py", "outside"),
    ],
)
def test_each_bad_file_has_a_clear_message(result, name: str, words: str) -> None:
    messages = _messages(result, name)
    assert messages, f"no message for {name}: {result.errors}"
    assert any(words.lower() in m.lower() for m in messages), messages


def test_symlink_loops_are_survived(result) -> None:
    # reported or silently skipped, but never a hang, a crash or a duplicate scan
    paths = [f.location.path for f in result.findings]
    assert len(paths) == len(
        set((f.location.path, f.location.start_line, f.rule_id) for f in result.findings)
    )


def test_nothing_outside_the_root_is_scanned(result) -> None:
    assert not any("secret.py" in f.location.path for f in result.findings)


def test_deep_nesting_is_analysed_or_explained(result) -> None:
    # the scan finished (the fixture); a file that could not be analysed says why
    for name in ("deep.py", "deep_list.py", "deep_binop.py"):
        for message in _messages(result, name):
            assert "nest" in message.lower() or "deep" in message.lower(), message


def test_python2_file_is_reported_as_such(result) -> None:
    messages = _messages(result, "python2.py")
    assert any("print" in m.lower() or "python 2" in m.lower() for m in messages), messages


def test_newer_syntax_is_analysed(result) -> None:
    assert any(f.location.path.endswith("/py313.py") and f.cwe_id == 502 for f in result.findings)


def test_nul_bytes_crlf_tabs_bom(result) -> None:
    assert any(
        f.location.path.endswith("/crlf_tabs_bom.py") and f.location.start_line == 3
        for f in result.findings
    )
    assert _messages(result, "nul.py"), "a NUL byte is worth a message"


def test_empty_file_is_fine(result) -> None:
    assert not _messages(result, "empty.py")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "locked.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "locked.py").chmod(0)
    (tmp_path / "ok.py").write_text(VULNERABLE, encoding="utf-8")
    outcome = scan([str(tmp_path)], Config())
    assert any("locked.py" in e.path for e in outcome.errors)
    assert outcome.findings


def test_a_rule_that_raises_costs_only_its_own_finding(tmp_path: Path) -> None:
    import ast

    from cwescan.discovery import discover
    from cwescan.model import Confidence, Severity
    from cwescan.rules.framework import Rule
    from cwescan.runner import analyze_file, select_rules

    def explode(node: ast.AST, ctx: object):
        raise KeyError("boom")

    broken = Rule(
        id="PY-TEST-999", cwe=20, title="t", severity=Severity.LOW, confidence=Confidence.LOW,
        summary="s", why="w", fix="f", bad="b", good="g", nodes=(ast.Call,), check=explode,
    )
    (tmp_path / "ok.py").write_text(VULNERABLE, encoding="utf-8")
    source = discover([str(tmp_path)]).files[0]
    analysis = analyze_file(source, Config(), [*select_rules(Config()), broken])
    assert any(f.cwe_id == 502 for f in analysis.findings)
    assert any("PY-TEST-999" in e.message and e.line == 4 for e in analysis.errors)
