"""Parsing: the bytes of one file → an `ast.Module`, for any Python 3.

Decodes per PEP 263 (coding cookie, BOM, UTF-8 by default), then parses with the
standard library. When the host interpreter's grammar rejects the file (newer syntax
such as 3.12 f-strings or PEP 695, or a file that is broken in one place), the file is
parsed again with tree-sitter and lowered into the same `ast` classes, so every rule and
the taint engine run unchanged. A file nothing can read becomes a `FileError` with its
location; nothing here raises on bad input and nothing imports or executes the code.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import threading
import tokenize
from dataclasses import dataclass, field

from cwescan.model import FileError

# Only the first two lines may carry a coding cookie (PEP 263).
_CODING_RE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


@dataclass
class ParsedModule:
    """A file that parsed (possibly with recovery), ready for analysis."""

    path: str
    source: str
    tree: ast.Module
    parser: str  # "ast" or "tree-sitter"
    problems: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """Source lines without line endings (index 0 is line 1)."""
        if self._lines is None:
            self._lines = self.source.splitlines()
        return self._lines

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def segment(self, start_line: int, end_line: int | None = None, max_lines: int = 12) -> str:
        """The source text of lines `start_line..end_line` (1-based, inclusive), capped."""
        end = end_line if end_line is not None else start_line
        end = min(end, start_line + max_lines - 1)
        return "\n".join(self.lines[start_line - 1 : end])


def decode_source(path: str, data: bytes) -> str | FileError:
    """Decode file bytes per PEP 263, or explain why it cannot be decoded."""
    if _cookie_line(data) is None:
        # no cookie: UTF-8 (PEP 3120); a decode failure below gets the clearer message
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    else:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            # an unknown coding name, or a cookie that contradicts a BOM
            return FileError(path, "decode", f"cannot decode: {exc}", line=_cookie_line(data))
    try:
        codecs.lookup(encoding)
    except LookupError:
        return FileError(
            path, "decode", f"unknown source encoding {encoding!r}", line=_cookie_line(data)
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        has_cookie = _cookie_line(data) is not None
        hint = (
            f"the bytes do not match its declared encoding {encoding!r}"
            if has_cookie
            else "it is not valid UTF-8 and has no PEP 263 coding line "
            "(add e.g. `# -*- coding: latin-1 -*-` if it is text)"
        )
        if _looks_binary(data):
            hint = "it looks like a binary file, not Python source"
        return FileError(path, "decode", f"cannot decode: {hint} (byte {exc.start})", line=line)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _cookie_line(data: bytes) -> int | None:
    for number, line in enumerate(data.split(b"\n", 2)[:2], start=1):
        if _CODING_RE.match(line):
            return number
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control / len(sample) > 0.1


def parse_source(path: str, data: bytes) -> ParsedModule | FileError:
    """Parse one file's bytes into a `ParsedModule`, or a `FileError` saying why not."""
    decoded = decode_source(path, data)
    if isinstance(decoded, FileError):
        return decoded
    return parse_text(path, decoded)


# CPython 3.11 keeps the AST builder's recursion depth in state shared by all threads: two
# threads parsing at once (a Dask worker runs several) corrupt it, and a parse fails with
# "AST constructor recursion depth mismatch" or a false RecursionError. A parse holds the
# GIL from start to end anyway, so taking turns costs nothing.
_PARSE_LOCK = threading.Lock()


def parse_text(path: str, text: str) -> ParsedModule | FileError:
    """Parse decoded source text; falls back to tree-sitter when `ast` rejects it."""
    host_error: FileError | None = None
    if "\x00" not in text:
        try:
            with _PARSE_LOCK:
                tree = ast.parse(text, filename=path)
            return ParsedModule(path=path, source=text, tree=tree, parser="ast")
        except SyntaxError as exc:
            host_error = FileError(
                path, "parse", f"syntax error: {exc.msg}", line=exc.lineno, column=_column(exc)
            )
        except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
            host_error = FileError(path, "parse", _describe(exc), line=None)
    else:
        line = text.count("\n", 0, text.index("\x00")) + 1
        host_error = FileError(path, "parse", "source contains a NUL byte", line=line)
    return _parse_with_tree_sitter(path, text, host_error)


def _parse_with_tree_sitter(
    path: str, text: str, host_error: FileError
) -> ParsedModule | FileError:
    from cwescan.analysis.treesitter_lowering import lower_source

    try:
        result = lower_source(text.encode("utf-8", "surrogatepass"))
    except (RecursionError, MemoryError) as exc:  # the lowering guards depth; belt and braces
        return FileError(
            path,
            "parse",
            f"{host_error.message}; {_describe(exc)}",
            host_error.line,
            host_error.column,
        )
    if not result.problems:
        parsed = ParsedModule(path=path, source=text, tree=result.module, parser="tree-sitter")
        parsed.notes.extend(result.notes)
        return parsed
    first = result.problems[0]
    if not result.module.body:
        # nothing could be recovered: the file is unreadable; CPython's message is the clearer one
        return host_error
    extra = (
        f" ({len(result.problems)} unreadable regions skipped)" if len(result.problems) > 1 else ""
    )
    problem = FileError(
        path,
        "parse",
        f"{host_error.message}; analysed the rest of the file{extra}",
        line=host_error.line or first.line,
        column=host_error.column if host_error.line else first.column,
    )
    parsed = ParsedModule(path=path, source=text, tree=result.module, parser="tree-sitter")
    parsed.problems.append(problem)
    parsed.notes.extend(result.notes)
    return parsed


def _column(exc: SyntaxError) -> int | None:
    return exc.offset - 1 if exc.offset else None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "code is nested too deeply to analyse"
    if isinstance(exc, MemoryError):
        return "code is too large or nested too deeply to parse"
    return f"cannot parse: {exc}"
