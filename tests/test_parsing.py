"""Parsing: PEP 263 decoding, host-parser first, tree-sitter for what it rejects."""

from __future__ import annotations

import ast
import gc
import threading
import time

from cwescan.analysis.parsing import ParsedModule, parse_source
from cwescan.model import FileError


def _parse(data: bytes) -> ParsedModule | FileError:
    return parse_source("m.py", data)


def test_plain_file_uses_the_standard_library_parser() -> None:
    parsed = _parse(b"x = 1\n")
    assert isinstance(parsed, ParsedModule) and parsed.parser == "ast"


def test_coding_cookie_is_honoured() -> None:
    parsed = _parse("# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1"))
    assert isinstance(parsed, ParsedModule)
    assert "café" in parsed.source


def test_bom_is_stripped_and_crlf_accepted() -> None:
    parsed = _parse(b"\xef\xbb\xbfx = 1\r\ny = 2\r\n")
    assert isinstance(parsed, ParsedModule)
    assert [type(s) for s in parsed.tree.body] == [ast.Assign, ast.Assign]
    assert parsed.lines == ["x = 1", "y = 2"]


def test_non_utf8_without_cookie_names_line_and_fix() -> None:
    error = _parse(b"a = 1\nname = '\xe9'\n")
    assert isinstance(error, FileError)
    assert error.line == 2 and "coding" in error.message and "UTF-8" in error.message


def test_unknown_cookie() -> None:
    error = _parse(b"# coding: klingon\nx = 1\n")
    assert isinstance(error, FileError) and "klingon" in error.message and error.line == 1


def test_newer_syntax_goes_through_tree_sitter() -> None:
    parsed = _parse(b'd = {"k": 1}\nmsg = f"{d["k"]}"\ntype Alias = int\n')
    assert isinstance(parsed, ParsedModule) and parsed.parser == "tree-sitter"
    assert not parsed.problems
    joined = parsed.tree.body[1].value
    assert isinstance(joined, ast.JoinedStr)
    assert joined.lineno == 2 and joined.col_offset == 6


def test_syntax_error_with_no_recoverable_code_is_a_parse_error() -> None:
    error = _parse(b"}{ )( ][\n")
    assert isinstance(error, FileError) and error.kind == "parse" and error.line == 1


def test_error_in_one_function_keeps_the_others() -> None:
    parsed = _parse(b"def a(:\n    pass\n\ndef b():\n    return 2\n")
    assert isinstance(parsed, ParsedModule)
    names = [n.name for n in parsed.tree.body if isinstance(n, ast.FunctionDef)]
    assert "b" in names
    assert parsed.problems and parsed.problems[0].line == 1


def test_nul_byte_is_reported_with_its_line() -> None:
    parsed = _parse(b"x = 1\ny = 2\x00\n")
    problems = parsed.problems if isinstance(parsed, ParsedModule) else [parsed]
    assert any(p.line == 2 and "NUL" in p.message for p in problems)


def test_threads_parsing_at_once_get_the_standard_parser_every_time() -> None:
    # a Dask worker analyses files on several threads; CPython 3.11's AST builder keeps
    # its recursion depth in shared state, and parses that overlap used to fail with
    # "AST constructor recursion depth mismatch" or a false RecursionError
    source = "\n".join(
        f"def f{i}(a, b):\n    return [(x, {{y: (a + b) * {i}}}) for x in a for y in b]\n"
        for i in range(150)
    ).encode()
    failures: list[str] = []

    def parse_many() -> None:
        for _ in range(40):
            try:
                parsed = parse_source("many.py", source)
            except Exception as exc:  # noqa: BLE001 - the failure under test
                failures.append(repr(exc))
                continue
            if not isinstance(parsed, ParsedModule) or parsed.parser != "ast":
                failures.append(repr(parsed))

    def switch_threads(phase: str, info: dict[str, int]) -> None:
        time.sleep(0)  # a collection during a parse lets another thread run, as in Dask

    threads = [threading.Thread(target=parse_many) for _ in range(4)]
    threshold = gc.get_threshold()
    gc.callbacks.append(switch_threads)
    gc.set_threshold(200, 10, 10)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        gc.callbacks.remove(switch_threads)
        gc.set_threshold(*threshold)
    assert failures == []
