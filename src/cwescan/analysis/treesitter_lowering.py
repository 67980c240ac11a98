"""Lower tree-sitter parse trees of Python source into stdlib ``ast`` nodes.

cwescan runs on Python 3.11 but reviews code written for newer Pythons (3.12 f-strings,
PEP 695 type aliases and generics, PEP 758 ``except A, B:``, t-strings) and for Python 2.
When the host's ``ast.parse`` rejects a file, :mod:`cwescan.analysis.parsing` calls
:func:`lower_source`, which parses the bytes with tree-sitter and builds the same
``ast`` node classes (with the same line/column positions) that CPython 3.11 would build,
so every rule and the taint engine run unchanged.

Positions follow CPython exactly: ``lineno`` is 1-based, ``col_offset`` and
``end_col_offset`` are UTF-8 byte offsets within the line. For valid 3.11 code the
result is identical to ``ast.parse`` (checked by a differential test), including the
3.11 quirks of f-string node positions.

Constructs newer than the host's ``ast`` are lowered to the nearest 3.11 shape and
noted; Python 2 statements are lowered to calls and reported as problems; statements
containing syntax errors are skipped (never guessed at) and reported as problems.
"""

from __future__ import annotations

import ast
import bisect
import codecs
import gc
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tree_sitter
import tree_sitter_python

__all__ = ["LoweringProblem", "LoweringResult", "lower_source"]

Node = tree_sitter.Node


@dataclass
class LoweringProblem:
    """A syntax problem found while lowering: where it is and what it is."""

    line: int  # 1-based
    column: int  # 0-based, UTF-8 bytes
    message: str


@dataclass
class LoweringResult:
    """The lowered module plus what could not be lowered and what was approximated."""

    module: ast.Module
    problems: list[LoweringProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_python.language())


# Frames each nesting level of the tree may cost while lowering (a handler plus the
# dispatcher, sometimes a helper); used to turn the interpreter's recursion headroom
# into a nesting budget.
_FRAMES_PER_LEVEL = 3
# Never nest deeper than this even if the recursion limit is raised: consumers of the
# tree (rules, the taint engine, compile()) recurse over it too.
_MAX_NESTING = 400
# Longest operator chain (``a + b + ...``) lowered; it is built without recursion, and
# CPython itself refuses chains much deeper than this (RecursionError in the parser).
_MAX_CHAIN = 3000
# Rounds of blanking broken definitions and parsing again (see _Recovery).
_RECOVERY_ROUNDS = 3

_LOAD = ast.Load()
_STORE = ast.Store()
_DEL = ast.Del()

_EXTRAS = frozenset({"comment", "line_continuation"})

_BINOPS: dict[str, type[ast.operator]] = {
    "+": ast.Add,
    "-": ast.Sub,
    "*": ast.Mult,
    "@": ast.MatMult,
    "/": ast.Div,
    "%": ast.Mod,
    "**": ast.Pow,
    "<<": ast.LShift,
    ">>": ast.RShift,
    "|": ast.BitOr,
    "^": ast.BitXor,
    "&": ast.BitAnd,
    "//": ast.FloorDiv,
}
# CPython's binary operator precedences (higher binds tighter); ``**`` is right-associative.
_BINPREC = {
    "|": 1,
    "^": 2,
    "&": 3,
    "<<": 4,
    ">>": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "@": 6,
    "/": 6,
    "//": 6,
    "%": 6,
    "**": 7,
}
_AUGOPS: dict[str, type[ast.operator]] = {k + "=": v for k, v in _BINOPS.items()}
_CMPOPS: dict[str, type[ast.cmpop]] = {
    "==": ast.Eq,
    "!=": ast.NotEq,
    "<>": ast.NotEq,
    "<": ast.Lt,
    "<=": ast.LtE,
    ">": ast.Gt,
    ">=": ast.GtE,
    "is": ast.Is,
    "is not": ast.IsNot,
    "in": ast.In,
    "not in": ast.NotIn,
}
_UNARYOPS: dict[str, type[ast.unaryop]] = {"-": ast.USub, "+": ast.UAdd, "~": ast.Invert}

_COMPOUND = frozenset(
    {
        "if_statement",
        "for_statement",
        "while_statement",
        "try_statement",
        "with_statement",
        "function_definition",
        "class_definition",
        "decorated_definition",
        "match_statement",
        "type_alias_statement",
    }
)
_CLAUSES = frozenset(
    {
        "elif_clause",
        "else_clause",
        "except_clause",
        "except_group_clause",
        "finally_clause",
        "case_clause",
        "function_definition",
        "class_definition",
    }
)

# One escape sequence (or a lone non-ASCII character) of a str literal, see _unescape_str.
_STR_ESCAPE = re.compile(r"\\(.?)|[^\x00-\x7f]", re.S)
_BYTES_ESCAPE = re.compile(rb"\\(.?)", re.S)
_VALID_STR_ESCAPES = frozenset("\n\\'\"abfnrtv01234567xNuU")
_VALID_BYTES_ESCAPES = frozenset(b"\n\\'\"abfnrtv01234567x")
# Same length as ``type`` so that renaming it moves no position.
_TYPE_PLACEHOLDER = "tYpE"
_CODING_RE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


class _Skip(Exception):
    """The statement being lowered cannot be lowered; skip it and report why."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def _escape_str_match(m: re.Match[str]) -> str:
    s = m.group(0)
    if s[0] != "\\":
        return f"\\U{ord(s):08x}"
    nxt = m.group(1)
    if nxt == "" or nxt not in _VALID_STR_ESCAPES:
        # CPython keeps an unknown escape as a literal backslash (with a warning);
        # escaping the backslash keeps the codec from warning or failing.
        return "\\\\" + (f"\\U{ord(nxt):08x}" if nxt and ord(nxt) > 0x7F else nxt)
    return s


def _unescape_str(text: str) -> str:
    """Decode the escape sequences of a non-raw str literal body as CPython does."""
    prepared = _STR_ESCAPE.sub(_escape_str_match, text)
    return codecs.decode(prepared.encode("ascii"), "unicode_escape")


def _escape_bytes_match(m: re.Match[bytes]) -> bytes:
    nxt = m.group(1)
    if nxt == b"" or nxt[0] not in _VALID_BYTES_ESCAPES:
        return b"\\\\" + nxt
    return m.group(0)


def _unescape_bytes(data: bytes) -> bytes:
    """Decode the escape sequences of a non-raw bytes literal body as CPython does."""
    decoded, _ = codecs.escape_decode(_BYTES_ESCAPE.sub(_escape_bytes_match, data))
    return bytes(decoded)


def _prepare_source(source: bytes) -> tuple[bytes, list[LoweringProblem]]:
    """Return UTF-8 source with LF newlines and no BOM, as CPython's tokenizer sees it.

    CPython measures columns in UTF-8 bytes of the decoded text. Callers usually pass
    text they already decoded (PEP 263) and re-encoded as UTF-8, so valid UTF-8 is taken
    as it is whatever its coding cookie says; only bytes that are not UTF-8 are decoded
    with the encoding their cookie declares. Newlines are normalised because the
    tokenizer turns CRLF and lone CR into LF (which also changes string literal values).
    """
    problems: list[LoweringProblem] = []
    if source.startswith(codecs.BOM_UTF8):
        source = source[len(codecs.BOM_UTF8) :]
    if b"\r" in source:
        source = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        source.decode("utf-8")
        return source, problems
    except UnicodeDecodeError as exc:
        not_utf8 = exc
    encoding = None
    for i, line in enumerate(source.split(b"\n", 2)[:2]):
        m = _CODING_RE.match(line)
        if m:
            encoding = m.group(1).decode("ascii", "replace")
            break
        if i == 0 and line.strip() and not line.lstrip().startswith(b"#"):
            break
    if encoding is not None:
        try:
            source = source.decode(codecs.lookup(encoding).name).encode("utf-8")
            return source, problems
        except LookupError:
            problems.append(LoweringProblem(1, 0, f"unknown encoding '{encoding}'"))
        except UnicodeError as exc:
            problems.append(LoweringProblem(1, 0, f"source does not decode as {encoding}: {exc}"))
    else:
        bad_line = source.count(b"\n", 0, not_utf8.start) + 1
        column = not_utf8.start - (source.rfind(b"\n", 0, not_utf8.start) + 1)
        problems.append(LoweringProblem(bad_line, column, "source is not valid UTF-8"))
    return source, problems


class _Lowerer:
    """Builds ``ast`` nodes for one source file from its tree-sitter tree."""

    def __init__(
        self, src: bytes, max_depth: int, renamed_type: set[tuple[int, int]] | None = None
    ) -> None:
        self.src = src
        # ``type`` keywords misread as a type alias statement (first pass), and the
        # positions where they were renamed to _TYPE_PLACEHOLDER (second pass).
        self.misread_type: list[Node] = []
        self.renamed_type = renamed_type
        self.problems: list[LoweringProblem] = []
        self.notes: list[str] = []
        self.depth = 0
        self.max_depth = max_depth
        self._seen_problems: set[tuple[int, int, str]] = set()
        # id(last statement of a body) -> end of the ';' that follows it
        self.semi_end: dict[int, tuple[int, int]] = {}

    # ----------------------------------------------------------------- reporting

    def problem(self, line: int, column: int, message: str) -> None:
        key = (line, column, message)
        if key not in self._seen_problems:
            self._seen_problems.add(key)
            self.problems.append(LoweringProblem(line, column, message))

    def problem_at(self, node: Node, message: str) -> None:
        p = node.start_point
        self.problem(p[0] + 1, p[1], message)

    def note(self, node: Node, message: str) -> None:
        self.notes.append(f"{message} at line {node.start_point[0] + 1}")

    def report_errors(self, node: Node) -> None:
        """Report every ERROR region and MISSING token under ``node``."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.is_error:
                self.problem_at(n, f"invalid syntax near {self._snippet(n)}")
                continue
            if n.is_missing:
                self.problem_at(n, f"missing '{n.type}'")
                continue
            stack.extend(reversed([c for c in n.children if c.has_error]))

    def _snippet(self, node: Node) -> str:
        text = self.src[node.start_byte : min(node.end_byte, node.start_byte + 40)]
        text = text.split(b"\n", 1)[0].strip()
        if not text:
            return "end of line"
        return repr(text.decode("utf-8", "replace"))

    # ----------------------------------------------------------------- positions

    @staticmethod
    def at(a: Any, n: Node) -> Any:
        s = n.start_point
        e = n.end_point
        a.lineno = s[0] + 1
        a.col_offset = s[1]
        a.end_lineno = e[0] + 1
        a.end_col_offset = e[1]
        return a

    @staticmethod
    def span(a: Any, first: Node, last: Node) -> Any:
        s = first.start_point
        e = last.end_point
        a.lineno = s[0] + 1
        a.col_offset = s[1]
        a.end_lineno = e[0] + 1
        a.end_col_offset = e[1]
        return a

    @staticmethod
    def span_to(a: Any, n: Node, last: ast.AST) -> Any:
        """Start at ``n``, end where the already-lowered ``last`` ends (bodies)."""
        s = n.start_point
        a.lineno = s[0] + 1
        a.col_offset = s[1]
        a.end_lineno = last.end_lineno  # type: ignore[attr-defined]
        a.end_col_offset = last.end_col_offset  # type: ignore[attr-defined]
        return a

    def text(self, n: Node) -> str:
        return self.src[n.start_byte : n.end_byte].decode("utf-8", "replace")

    def ident(self, n: Node) -> str:
        raw = self.src[n.start_byte : n.end_byte]
        if raw.isascii():
            return raw.decode("ascii")
        # CPython NFKC-normalises identifiers (PEP 3131).
        return unicodedata.normalize("NFKC", raw.decode("utf-8", "replace"))

    @staticmethod
    def field(n: Node, name: str) -> Node:
        """The child in field ``name``, which the grammar requires here."""
        c = n.child_by_field_name(name)
        if c is None:
            raise _Skip(n, f"invalid syntax: missing {name}")
        return c

    @staticmethod
    def kids(n: Node) -> list[Node]:
        return [c for c in n.named_children if c.type not in _EXTRAS]

    # ----------------------------------------------------------------- statements

    def module(self, root: Node) -> ast.Module:
        if root.is_error:
            self.report_errors(root)
            body: list[ast.stmt] = []
        else:
            body = self.stmts(root)
        return ast.Module(body=body, type_ignores=[])

    def stmts(self, parent: Node) -> list[ast.stmt]:
        """Lower the statements of a module or block, skipping the broken ones."""
        out: list[ast.stmt] = []
        handlers = _STMT
        last: Node | None = None
        glued = self.glued_to_errors(parent) if parent.has_error else ()
        for c in parent.children:
            if not c.is_named:
                continue
            t = c.type
            if t in _EXTRAS or c.start_byte in glued:
                continue
            if c.has_error:
                if c.is_error or t not in _COMPOUND or not self.header_ok(c):
                    self.report_errors(c)
                    continue
            h = handlers.get(t)
            if h is None:
                self.problem_at(c, f"unsupported syntax '{t}'")
                continue
            depth = self.depth
            try:
                self.depth += 1
                if self.depth > self.max_depth:
                    raise _Skip(c, "nesting too deep")
                r = h(self, c)
                self.depth = depth
            except _Skip as exc:
                self.depth = depth
                msg = exc.message
                if msg == "nesting too deep":
                    msg = f"nesting too deep at line {exc.node.start_point[0] + 1}"
                self.problem_at(exc.node, msg)
                continue
            except RecursionError:
                self.depth = depth
                self.problem_at(c, f"nesting too deep at line {c.start_point[0] + 1}")
                continue
            except (AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
                # a tree shape this lowering does not know (e.g. a newer grammar):
                # lose this statement, not the file
                self.depth = depth
                self.problem_at(c, f"internal error while lowering this statement: {exc!r}")
                continue
            if r is None:
                continue
            if type(r) is list:
                out.extend(r)
            else:
                out.append(r)
            last = c
        if out and last is not None:
            # CPython ends a compound statement at the last token of its body, which is
            # a trailing ';' when the body's last line has one.
            nxt = last.next_sibling
            if nxt is not None and nxt.type == ";":
                self.semi_end[id(out[-1])] = nxt.end_point
        return out

    @staticmethod
    def glued_to_errors(parent: Node) -> set[int]:
        """Start bytes of statements on the same line as an adjacent ERROR sibling.

        tree-sitter splits ``f() = 1`` into ``ERROR(f() =)`` and a statement ``1``;
        such a statement is a piece of the broken one and is skipped with it.
        """
        seq = [c for c in parent.children if c.type not in _EXTRAS]
        glued: set[int] = set()
        for i, c in enumerate(seq):
            if not c.is_error:
                continue
            if i > 0:
                before = seq[i - 1]
                if before.is_named and before.end_point[0] == c.start_point[0]:
                    glued.add(before.start_byte)
            if i + 1 < len(seq):
                after = seq[i + 1]
                if after.is_named and after.start_point[0] == c.end_point[0]:
                    glued.add(after.start_byte)
        return glued

    def header_ok(self, node: Node) -> bool:
        """True when the syntax errors inside compound ``node`` are all in its bodies.

        Errors in a header (condition, parameters, patterns ...) make the whole statement
        unusable; errors inside a body only cost the broken statements of that body,
        which ``stmts`` skips. ERROR regions that tree-sitter hangs directly under the
        compound statement after its colon are body statements; they are reported here.
        """
        stray: list[Node] = []
        if not self._header_ok(node, stray):
            return False
        for s in stray:
            self.report_errors(s)
        return True

    def _header_ok(self, node: Node, stray: list[Node]) -> bool:
        seen_colon = False
        if node.type == "type_alias_statement":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if right is None or right.has_error or left is None:
                return False
            return self._type_params_ok(left)
        for c in node.children:
            t = c.type
            if t == ":":
                seen_colon = True
                continue
            if not c.has_error:
                continue
            if t == "block":
                if c.is_missing:
                    return False
                continue
            if t in _CLAUSES or t == "decorated_definition":
                if not self._header_ok(c, stray):
                    return False
                continue
            if c.is_error and seen_colon:
                stray.append(c)
                continue
            if t == "type_parameter" and self._pep696_only(c):
                continue
            return False
        return True

    def _type_params_ok(self, left: Node) -> bool:
        """The target of ``type X[...] = ...`` is fine apart from PEP 696 defaults."""
        if not left.has_error:
            return True
        inner = self.kids(left)
        if len(inner) != 1 or inner[0].type != "generic_type":
            return False
        for c in inner[0].children:
            if c.has_error and not (c.type == "type_parameter" and self._pep696_only(c)):
                return False
        return True

    def _pep696_only(self, tp: Node) -> bool:
        """Whether the errors in a type parameter list are PEP 696 defaults (``T = int``).

        The grammar predates PEP 696; its ERROR regions there always hold the ``=``.
        Type parameters are dropped in the lowering anyway, so such a list costs nothing.
        """
        stack = [tp]
        while stack:
            n = stack.pop()
            if n.is_missing:
                return False
            if n.is_error:
                if not any(c.type == "=" for c in n.children):
                    return False
                continue
            stack.extend(c for c in n.children if c.has_error)
        return True

    def block(self, n: Node | None) -> list[ast.stmt]:
        if n is None:
            return []
        return self.stmts(n)

    def last_end(self, *bodies: list[ast.stmt]) -> ast.AST | None:
        for b in reversed(bodies):
            if b:
                return b[-1]
        return None

    def close(self, a: Any, n: Node, *bodies: list[ast.stmt]) -> Any:
        """Position a compound statement: from its keyword to the end of its last body."""
        last = self.last_end(*bodies)
        if last is None:
            return self.at(a, n)
        self.span_to(a, n, last)
        semi = self.semi_end.get(id(last))
        if semi is not None:
            a.end_lineno = semi[0] + 1
            a.end_col_offset = semi[1]
        return a

    def s_expression_statement(self, n: Node) -> ast.stmt:
        kids = self.kids(n)
        nxt = kids[0].next_sibling if len(kids) == 1 else None
        if nxt is not None and nxt.type == ",":
            return self.at(ast.Expr(self.tuple_of(kids)), n)
        if len(kids) == 1:
            k = kids[0]
            t = k.type
            if t == "assignment":
                return self.assignment(k)
            if t == "augmented_assignment":
                target = self.single_target(self.field(k, "left"), "augmented assignment")
                op = self.field(k, "operator")
                value = self.expr(self.field(k, "right"))
                return self.at(ast.AugAssign(target, _AUGOPS[op.type](), value), k)
            return self.at(ast.Expr(self.expr(k)), n)
        value = self.tuple_of(kids)
        return self.at(ast.Expr(value), n)

    def tuple_of(self, kids: list[Node]) -> ast.Tuple:
        """A parenthesis-less tuple: spans its elements plus a trailing comma."""
        tup = ast.Tuple([self.expr(k) for k in kids], _LOAD)
        last: Node = kids[-1]
        nxt = last.next_sibling
        while nxt is not None and nxt.type in _EXTRAS:
            nxt = nxt.next_sibling
        if nxt is not None and nxt.type == ",":
            last = nxt
        return self.span(tup, kids[0], last)

    def single_target(self, n: Node, what: str) -> ast.Name | ast.Attribute | ast.Subscript:
        target = self.target(n, _STORE)
        if not isinstance(target, (ast.Name, ast.Attribute, ast.Subscript)):
            raise _Skip(n, f"illegal target for {what}")
        return target

    def assignment(self, n: Node) -> ast.stmt:
        ann = n.child_by_field_name("type")
        left = self.field(n, "left")
        right = n.child_by_field_name("right")
        if ann is not None:
            target = self.single_target(left, "annotation")
            simple = int(left.type == "identifier")
            value = self.expr(right) if right is not None else None
            return self.at(ast.AnnAssign(target, self.expr(ann), value, simple), n)
        targets = [self.target(left, _STORE)]
        while right is not None and right.type == "assignment":
            if right.child_by_field_name("type") is not None:
                raise _Skip(right, "invalid syntax: annotation in a chained assignment")
            targets.append(self.target(self.field(right, "left"), _STORE))
            right = right.child_by_field_name("right")
        if right is None:
            raise _Skip(n, "invalid syntax: assignment without a value")
        return self.at(ast.Assign(targets, self.expr(right)), n)

    def target(self, n: Node, ctx: ast.expr_context) -> ast.expr:
        e = self.expr(n)
        if not self.set_ctx(e, ctx):
            raise _Skip(n, f"cannot {'delete' if ctx is _DEL else 'assign to'} this expression")
        return e

    @staticmethod
    def set_ctx(e: ast.expr, ctx: ast.expr_context) -> bool:
        """Give a target and its parts ``ctx``; False if it is not a valid target."""
        stack = [e]
        while stack:
            x = stack.pop()
            if isinstance(x, (ast.Name, ast.Attribute, ast.Subscript)):
                x.ctx = ctx
            elif isinstance(x, ast.Starred):
                x.ctx = ctx
                stack.append(x.value)
            elif isinstance(x, (ast.Tuple, ast.List)):
                x.ctx = ctx
                stack.extend(x.elts)
            else:
                return False
        return True

    def s_return_statement(self, n: Node) -> ast.stmt:
        kids = self.kids(n)
        value = self.expr_or_tuple(kids) if kids else None
        return self.at(ast.Return(value), n)

    def expr_or_tuple(self, kids: list[Node]) -> ast.expr:
        if len(kids) == 1:
            return self.expr(kids[0])
        return self.tuple_of(kids)

    def s_pass_statement(self, n: Node) -> ast.stmt:
        return self.at(ast.Pass(), n)

    def s_break_statement(self, n: Node) -> ast.stmt:
        return self.at(ast.Break(), n)

    def s_continue_statement(self, n: Node) -> ast.stmt:
        return self.at(ast.Continue(), n)

    def s_delete_statement(self, n: Node) -> ast.stmt:
        kids = self.kids(n)
        if len(kids) == 1 and kids[0].type == "expression_list":
            kids = self.kids(kids[0])
        targets = [self.target(k, _DEL) for k in kids]
        return self.at(ast.Delete(targets), n)

    def s_raise_statement(self, n: Node) -> ast.stmt:
        cause_node = n.child_by_field_name("cause")
        exc_nodes = [k for k in self.kids(n) if k != cause_node]
        exc = None
        if exc_nodes:
            if exc_nodes[0].type == "expression_list":
                self.problem_at(n, "Python 2 raise statement")
            exc = self.expr(exc_nodes[0])
        cause = self.expr(cause_node) if cause_node is not None else None
        return self.at(ast.Raise(exc, cause), n)

    def s_assert_statement(self, n: Node) -> ast.stmt:
        kids = self.kids(n)
        msg = self.expr(kids[1]) if len(kids) > 1 else None
        return self.at(ast.Assert(self.expr(kids[0]), msg), n)

    def s_global_statement(self, n: Node) -> ast.stmt:
        return self.at(ast.Global([self.ident(k) for k in self.kids(n)]), n)

    def s_nonlocal_statement(self, n: Node) -> ast.stmt:
        return self.at(ast.Nonlocal([self.ident(k) for k in self.kids(n)]), n)

    def dotted(self, n: Node) -> str:
        return ".".join(self.ident(k) for k in self.kids(n) if k.type == "identifier")

    def alias(self, n: Node) -> ast.alias:
        if n.type == "aliased_import":
            name = self.dotted(self.field(n, "name"))
            asname = self.ident(self.field(n, "alias"))
            return self.at(ast.alias(name, asname), n)
        return self.at(ast.alias(self.dotted(n), None), n)

    def s_import_statement(self, n: Node) -> ast.stmt:
        names = [self.alias(k) for k in n.children_by_field_name("name")]
        return self.at(ast.Import(names), n)

    def s_import_from_statement(self, n: Node) -> ast.stmt:
        mod = self.field(n, "module_name")
        level = 0
        module: str | None = None
        if mod.type == "relative_import":
            for k in mod.named_children:
                if k.type == "import_prefix":
                    level = self.text(k).count(".")
                elif k.type == "dotted_name":
                    module = self.dotted(k)
        else:
            module = self.dotted(mod)
        names = [self.alias(k) for k in n.children_by_field_name("name")]
        for k in n.named_children:
            if k.type == "wildcard_import":
                names.append(self.at(ast.alias("*", None), k))
        return self.at(ast.ImportFrom(module, names, level), n)

    def s_future_import_statement(self, n: Node) -> ast.stmt:
        names = [self.alias(k) for k in n.children_by_field_name("name")]
        return self.at(ast.ImportFrom("__future__", names, 0), n)

    def s_print_statement(self, n: Node) -> ast.stmt:
        self.problem_at(n, "Python 2 print statement")
        args: list[ast.expr] = []
        keywords: list[ast.keyword] = []
        for k in self.kids(n):
            if k.type == "chevron":
                dest = self.kids(k)
                if dest:
                    kw = ast.keyword("file", self.expr(dest[0]))
                    keywords.append(self.at(kw, k))
            else:
                args.append(self.expr(k))
        keyword_token = n.children[0]
        func = self.at(ast.Name("print", _LOAD), keyword_token)
        call = self.at(ast.Call(func, args, keywords), n)
        return self.at(ast.Expr(call), n)

    def s_exec_statement(self, n: Node) -> ast.stmt:
        self.problem_at(n, "Python 2 exec statement")
        args = [self.expr(k) for k in self.kids(n)]
        func = self.at(ast.Name("exec", _LOAD), n.children[0])
        call = self.at(ast.Call(func, args, []), n)
        return self.at(ast.Expr(call), n)

    def s_if_statement(self, n: Node) -> ast.stmt:
        test = self.expr(self.field(n, "condition"))
        body = self.block(self.field(n, "consequence"))
        clauses = [c for c in n.children_by_field_name("alternative")]
        orelse: list[ast.stmt] = []
        # Build the elif chain from the end, each elif an If nested in the orelse.
        for clause in reversed(clauses):
            if clause.type == "else_clause":
                orelse = self.block(self.field(clause, "body"))
            else:
                etest = self.expr(self.field(clause, "condition"))
                ebody = self.block(self.field(clause, "consequence"))
                orelse = [self.close(ast.If(etest, ebody, orelse), clause, ebody, orelse)]
        return self.close(ast.If(test, body, orelse), n, body, orelse)

    def else_body(self, n: Node) -> list[ast.stmt]:
        alt = n.child_by_field_name("alternative")
        if alt is None:
            return []
        return self.block(self.field(alt, "body"))

    def is_async(self, n: Node) -> bool:
        first = n.children[0] if n.child_count else None
        return first is not None and first.type == "async"

    def s_for_statement(self, n: Node) -> ast.stmt:
        target = self.target(self.one_or_tuple(n, "left"), _STORE)
        it = self.expr(self.one_or_tuple(n, "right"))
        body = self.block(self.field(n, "body"))
        orelse = self.else_body(n)
        cls = ast.AsyncFor if self.is_async(n) else ast.For
        return self.close(cls(target, it, body, orelse), n, body, orelse)

    def one_or_tuple(self, n: Node, name: str) -> Node:
        nodes = n.children_by_field_name(name)
        if len(nodes) != 1:
            raise _Skip(n, "invalid syntax")
        return nodes[0]

    def s_while_statement(self, n: Node) -> ast.stmt:
        test = self.expr(self.field(n, "condition"))
        body = self.block(self.field(n, "body"))
        orelse = self.else_body(n)
        return self.close(ast.While(test, body, orelse), n, body, orelse)

    def s_try_statement(self, n: Node) -> ast.stmt:
        body = self.block(self.field(n, "body"))
        handlers: list[ast.ExceptHandler] = []
        orelse: list[ast.stmt] = []
        final: list[ast.stmt] = []
        star = False
        for c in n.named_children:
            t = c.type
            if t in ("except_clause", "except_group_clause"):
                if t == "except_group_clause" or any(k.type == "*" for k in c.children):
                    star = True
                handlers.append(self.handler(c))
            elif t == "else_clause":
                orelse = self.block(self.field(c, "body"))
            elif t == "finally_clause":
                final = self.block(self.first_block(c))
        cls = ast.TryStar if star else ast.Try
        last_handler: list[Any] = handlers[-1:]
        return self.close(cls(body, handlers, orelse, final), n, body, last_handler, orelse, final)

    @staticmethod
    def first_block(n: Node) -> Node | None:
        for c in n.children:
            if c.type == "block":
                return c
        return None

    def handler(self, c: Node) -> ast.ExceptHandler:
        values = c.children_by_field_name("value")
        typ: ast.expr | None = None
        name: str | None = None
        if len(values) == 1:
            v = values[0]
            if v.type == "as_pattern":
                inner = [k for k in self.kids(v) if k.type != "as_pattern_target"]
                alias = v.child_by_field_name("alias")
                typ = self.expr(inner[0])
                if alias is not None:
                    akids = self.kids(alias)
                    if len(akids) != 1 or akids[0].type != "identifier":
                        raise _Skip(alias, "invalid syntax: except target must be a name")
                    name = self.ident(akids[0])
            else:
                typ = self.expr(v)
        elif len(values) > 1:
            # PEP 758 (3.14): ``except A, B:`` catches either; 3.11 spells it (A, B).
            self.note(c, "PEP 758 unparenthesised except tuple lowered to a tuple")
            typ = self.tuple_of(values)
        body = self.block(self.first_block(c))
        h = ast.ExceptHandler(typ, name, body)
        return self.close(h, c, body)

    def s_with_statement(self, n: Node) -> ast.stmt:
        items: list[ast.withitem] = []
        for clause in n.named_children:
            if clause.type != "with_clause":
                continue
            for item in clause.named_children:
                if item.type != "with_item":
                    continue
                v = self.field(item, "value")
                if v.type == "parenthesized_expression":
                    # ``with (a as b):`` -- the parentheses group the item
                    inner = self.kids(v)
                    if len(inner) == 1 and inner[0].type == "as_pattern":
                        v = inner[0]
                if v.type == "as_pattern":
                    inner = [k for k in self.kids(v) if k.type != "as_pattern_target"]
                    alias = v.child_by_field_name("alias")
                    ctx_expr = self.expr(inner[0])
                    akids = self.kids(alias) if alias is not None else []
                    if len(akids) != 1:
                        raise _Skip(v, "invalid syntax in with item")
                    items.append(ast.withitem(ctx_expr, self.target(akids[0], _STORE)))
                else:
                    items.append(ast.withitem(self.expr(v), None))
        body = self.block(self.field(n, "body"))
        cls = ast.AsyncWith if self.is_async(n) else ast.With
        return self.close(cls(items, body), n, body)

    def s_decorated_definition(self, n: Node) -> ast.stmt | None:
        decorators: list[ast.expr] = []
        for c in n.named_children:
            if c.type == "decorator":
                dk = self.kids(c)
                decorators.append(self.expr(dk[0]))
        d = n.child_by_field_name("definition")
        if d is None:
            raise _Skip(n, "invalid syntax: decorator without a definition")
        result = _STMT[d.type](self, d)
        result.decorator_list = decorators
        return result

    def drop_type_params(self, n: Node, what: str) -> None:
        if n.child_by_field_name("type_parameters") is not None:
            self.note(n, f"PEP 695 type parameters of {what} dropped")

    def s_function_definition(self, n: Node) -> ast.stmt:
        name = self.ident(self.field(n, "name"))
        self.drop_type_params(n, f"function '{name}'")
        params = n.child_by_field_name("parameters")
        args = self.parameters(params)
        ret = n.child_by_field_name("return_type")
        returns = self.expr(ret) if ret is not None else None
        body = self.block(self.field(n, "body"))
        cls = ast.AsyncFunctionDef if self.is_async(n) else ast.FunctionDef
        fn = cls(name, args, body, [], returns)
        return self.close(fn, n, body)

    def s_class_definition(self, n: Node) -> ast.stmt:
        name = self.ident(self.field(n, "name"))
        self.drop_type_params(n, f"class '{name}'")
        sup = n.child_by_field_name("superclasses")
        bases: list[ast.expr] = []
        keywords: list[ast.keyword] = []
        if sup is not None:
            bases, keywords = self.arguments(sup)
        body = self.block(self.field(n, "body"))
        cls = ast.ClassDef(name, bases, keywords, body, [])
        return self.close(cls, n, body)

    def s_type_alias_statement(self, n: Node) -> ast.stmt | None:
        left_kids = self.kids(self.field(n, "left"))
        left = left_kids[0] if len(left_kids) == 1 else n
        if left.type == "generic_type":
            left = self.kids(left)[0]
        if left.type != "identifier":
            if self.renamed_type is None and n.children[0].type == "type":
                # tree-sitter reads ``type(x).attr = v`` as an alias of ``(x).attr``;
                # lower_source renames this ``type`` and lowers the file again.
                self.misread_type.append(n.children[0])
                return None
            raise _Skip(n, "invalid syntax in type alias")
        self.note(n, "PEP 695 type alias lowered to an assignment")
        target = self.at(ast.Name(self.ident(left), _STORE), left)
        value = self.expr(self.field(n, "right"))
        return self.at(ast.Assign([target], value), n)

    # ----------------------------------------------------------------- match

    def s_match_statement(self, n: Node) -> ast.stmt:
        subjects = n.children_by_field_name("subject")
        if not subjects:
            raise _Skip(n, "invalid syntax: match without a subject")
        subject = self.expr_or_tuple_trailing(subjects)
        cases: list[ast.match_case] = []
        body = n.child_by_field_name("body")
        for c in body.children if body is not None else []:
            t = c.type
            if t == "case_clause":
                cases.append(self.match_case(c))
            elif c.is_error:
                self.report_errors(c)
        last = cases[-1].body if cases else []
        return self.close(ast.Match(subject, cases), n, last)

    def expr_or_tuple_trailing(self, kids: list[Node]) -> ast.expr:
        """One expression, or a bare tuple when there are several or a trailing comma."""
        if len(kids) == 1:
            nxt = kids[0].next_sibling
            while nxt is not None and nxt.type in _EXTRAS:
                nxt = nxt.next_sibling
            if (nxt is None or nxt.type != ",") and kids[0].type != "list_splat":
                return self.expr(kids[0])
        return self.tuple_of(kids)

    def match_case(self, c: Node) -> ast.match_case:
        pats = [k for k in c.named_children if k.type == "case_pattern"]
        if not pats:
            raise _Skip(c, "invalid syntax: case without a pattern")
        nxt = pats[-1].next_sibling
        if len(pats) == 1 and not (nxt is not None and nxt.type == ","):
            pattern = self.pattern(pats[0])
        else:
            # an open sequence pattern: ``case a, b:``
            seq = ast.MatchSequence([self.pattern(p) for p in pats])
            pattern = self.span(
                seq, pats[0], nxt if nxt is not None and nxt.type == "," else pats[-1]
            )
        guard_node = c.child_by_field_name("guard")
        guard = self.expr(self.kids(guard_node)[0]) if guard_node is not None else None
        body = self.block(self.field(c, "consequence"))
        return ast.match_case(pattern, guard, body)

    def pattern(self, n: Node) -> ast.pattern:
        """Lower a ``case_pattern`` (or any single pattern node)."""
        if n.type == "case_pattern":
            return self.pattern_group([k for k in n.children if k.type not in _EXTRAS], n)
        return self.pattern_group([n], n)

    def pattern_group(self, items: list[Node], where: Node) -> ast.pattern:
        """Lower the nodes that together form one pattern (e.g. ``'-' integer``)."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Skip(where, "nesting too deep")
        r = self._pattern_group(items, where)
        self.depth -= 1
        return r

    def _pattern_group(self, items: list[Node], where: Node) -> ast.pattern:
        if not items:
            raise _Skip(where, "invalid pattern")
        x = items[0]
        if len(items) > 1 or x.type in ("-", "complex_pattern"):
            return self.span(ast.MatchValue(self.pattern_value(items, where)), x, items[-1])
        t = x.type
        if t == "case_pattern":
            return self.pattern(x)
        if t == "_":
            return self.at(ast.MatchAs(None, None), x)
        if t == "dotted_name":
            names = [k for k in x.named_children if k.type == "identifier"]
            if len(names) == 1:
                return self.at(ast.MatchAs(None, self.ident(names[0])), x)
            return self.at(ast.MatchValue(self.pattern_value(items, where)), x)
        if t in ("none", "true", "false"):
            value = {"none": None, "true": True, "false": False}[t]
            return self.at(ast.MatchSingleton(value), x)
        if t in ("integer", "float", "string", "concatenated_string"):
            return self.at(ast.MatchValue(self.expr(x)), x)
        if t == "union_pattern":
            alternatives: list[ast.pattern] = []
            group: list[Node] = []
            for k in x.children:
                if k.type == "|":
                    alternatives.append(self.pattern_group(group, x))
                    group = []
                elif k.type not in _EXTRAS:
                    group.append(k)
            alternatives.append(self.pattern_group(group, x))
            return self.at(ast.MatchOr(alternatives), x)
        if t == "as_pattern":
            inner = [k for k in x.named_children if k.type not in _EXTRAS]
            sub = self.pattern(inner[0])
            name = inner[-1]
            if name.type != "identifier" or len(inner) != 2:
                raise _Skip(x, "invalid pattern target")
            return self.at(ast.MatchAs(sub, self.ident(name)), x)
        if t == "list_pattern":
            pats = [self.pattern(k) for k in x.named_children if k.type == "case_pattern"]
            return self.at(ast.MatchSequence(pats), x)
        if t == "tuple_pattern":
            subs = [k for k in x.named_children if k.type == "case_pattern"]
            if len(subs) == 1 and not any(k.type == "," for k in x.children):
                return self.pattern(subs[0])  # a parenthesised pattern
            return self.at(ast.MatchSequence([self.pattern(k) for k in subs]), x)
        if t == "splat_pattern":
            names = [k for k in x.named_children if k.type == "identifier"]
            return self.at(ast.MatchStar(self.ident(names[0]) if names else None), x)
        if t == "dict_pattern":
            return self.mapping_pattern(x)
        if t == "class_pattern":
            return self.class_pattern(x)
        raise _Skip(x, f"unsupported pattern '{t}'")

    def pattern_value(self, items: list[Node], where: Node) -> ast.expr:
        """The value expression of a literal or value pattern (also mapping keys)."""
        x = items[0]
        t = x.type
        if t == "complex_pattern":
            return self.pattern_value([k for k in x.children if k.type not in _EXTRAS], x)
        if t == "-":
            if len(items) < 2:
                raise _Skip(where, "invalid pattern")
            num = items[1]
            neg = self.span(ast.UnaryOp(ast.USub(), self.expr(num)), x, num)
            if len(items) == 2:
                return neg
            return self.complex_value(neg, items[2:], x, where)
        if t in ("integer", "float") and len(items) > 1:
            return self.complex_value(self.expr(x), items[1:], x, where)
        if len(items) != 1:
            raise _Skip(where, "invalid pattern")
        if t == "dotted_name":
            names = [k for k in x.named_children if k.type == "identifier"]
            value: ast.expr = self.at(ast.Name(self.ident(names[0]), _LOAD), names[0])
            for k in names[1:]:
                value = self.span(ast.Attribute(value, self.ident(k), _LOAD), names[0], k)
            return value
        return self.expr(x)

    def complex_value(self, real: ast.expr, rest: list[Node], first: Node, where: Node) -> ast.expr:
        if len(rest) != 2 or rest[0].type not in ("+", "-"):
            raise _Skip(where, "invalid complex literal pattern")
        op = ast.Add() if rest[0].type == "+" else ast.Sub()
        return self.span(ast.BinOp(real, op, self.expr(rest[1])), first, rest[1])

    def mapping_pattern(self, x: Node) -> ast.pattern:
        keys: list[ast.expr] = []
        patterns: list[ast.pattern] = []
        rest: str | None = None
        group: list[Node] = []
        for k in x.children:
            t = k.type
            if t in ("{", "}", ",", ":") or t in _EXTRAS:
                continue
            if t == "splat_pattern":
                names = [i for i in k.named_children if i.type == "identifier"]
                rest = self.ident(names[0]) if names else None
            elif t == "case_pattern" and group:
                keys.append(self.pattern_value(group, x))
                patterns.append(self.pattern(k))
                group = []
            else:
                group.append(k)
        if group:
            raise _Skip(x, "invalid mapping pattern")
        return self.at(ast.MatchMapping(keys, patterns, rest), x)

    def class_pattern(self, x: Node) -> ast.pattern:
        kids = [k for k in x.named_children if k.type not in _EXTRAS]
        cls = self.pattern_value([kids[0]], x)
        patterns: list[ast.pattern] = []
        kwd_attrs: list[str] = []
        kwd_patterns: list[ast.pattern] = []
        for k in kids[1:]:
            inner = [i for i in k.named_children if i.type not in _EXTRAS]
            misread = self.keyword_as_pattern(inner)
            if misread is not None:
                attr, value = misread
                kwd_attrs.append(attr)
                kwd_patterns.append(value)
            elif (
                k.type == "case_pattern" and len(inner) == 1 and inner[0].type == "keyword_pattern"
            ):
                kw = inner[0]
                parts = [i for i in kw.children if i.type not in _EXTRAS]
                kwd_attrs.append(self.ident(parts[0]))
                kwd_patterns.append(self.pattern_group(parts[2:], kw))
            else:
                patterns.append(self.pattern(k))
        return self.at(ast.MatchClass(cls, patterns, kwd_attrs, kwd_patterns), x)

    def keyword_as_pattern(self, inner: list[Node]) -> tuple[str, ast.pattern] | None:
        """Undo tree-sitter's reading of ``C(k=p as n)`` as ``C((k=p) as n)``."""
        if len(inner) != 1 or inner[0].type != "as_pattern":
            return None
        as_node = inner[0]
        parts = [i for i in as_node.named_children if i.type not in _EXTRAS]
        if len(parts) != 2 or parts[0].type != "case_pattern":
            return None
        kw = [i for i in parts[0].named_children if i.type not in _EXTRAS]
        if len(kw) != 1 or kw[0].type != "keyword_pattern":
            return None
        kw_parts = [i for i in kw[0].children if i.type not in _EXTRAS]
        value = self.pattern_group(kw_parts[2:], kw[0])
        named = ast.MatchAs(value, self.ident(parts[1]))
        return self.ident(kw_parts[0]), self.span(named, kw_parts[2], as_node)

    # ----------------------------------------------------------------- parameters

    def arg(self, name: Node, annotation: Node | None) -> ast.arg:
        a = ast.arg(self.ident(name), None)
        if annotation is None:
            return self.at(a, name)
        a.annotation = self.expr(annotation)
        return self.span(a, name, annotation)

    def splat_name(self, n: Node) -> Node:
        kids = self.kids(n)
        if len(kids) != 1 or kids[0].type != "identifier":
            raise _Skip(n, "invalid syntax in parameter list")
        return kids[0]

    def parameters(self, n: Node | None) -> ast.arguments:
        posonly: list[ast.arg] = []
        args: list[ast.arg] = []
        kwonly: list[ast.arg] = []
        defaults: list[ast.expr] = []
        kw_defaults: list[ast.expr | None] = []
        vararg: ast.arg | None = None
        kwarg: ast.arg | None = None
        after_star = False
        if n is not None:
            for p in n.named_children:
                t = p.type
                default: ast.expr | None = None
                if t == "identifier":
                    a = self.arg(p, None)
                elif t == "typed_parameter":
                    inner = self.kids(p)[0]
                    ann = self.field(p, "type")
                    if inner.type == "list_splat_pattern":
                        vararg = self.arg(self.splat_name(inner), ann)
                        after_star = True
                        continue
                    if inner.type == "dictionary_splat_pattern":
                        kwarg = self.arg(self.splat_name(inner), ann)
                        continue
                    a = self.arg(inner, ann)
                elif t == "default_parameter":
                    a = self.arg(self.field(p, "name"), None)
                    default = self.expr(self.field(p, "value"))
                elif t == "typed_default_parameter":
                    a = self.arg(self.field(p, "name"), self.field(p, "type"))
                    default = self.expr(self.field(p, "value"))
                elif t == "list_splat_pattern":
                    vararg = self.arg(self.splat_name(p), None)
                    after_star = True
                    continue
                elif t == "dictionary_splat_pattern":
                    kwarg = self.arg(self.splat_name(p), None)
                    continue
                elif t == "keyword_separator":
                    after_star = True
                    continue
                elif t == "positional_separator":
                    posonly, args = args, []
                    continue
                elif t in _EXTRAS:
                    continue
                else:
                    # e.g. Python 2 tuple parameters ``def f((a, b)):``
                    raise _Skip(p, "invalid syntax in parameter list")
                if after_star:
                    kwonly.append(a)
                    kw_defaults.append(default)
                else:
                    args.append(a)
                    if default is not None:
                        defaults.append(default)
        return ast.arguments(posonly, args, vararg, kwonly, kw_defaults, kwarg, defaults)

    # ----------------------------------------------------------------- expressions

    def expr(self, n: Node) -> ast.expr:
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Skip(n, "nesting too deep")
        h = _EXPR.get(n.type)
        if h is None:
            if n.is_error:
                raise _Skip(n, f"invalid syntax near {self._snippet(n)}")
            raise _Skip(n, f"unsupported syntax '{n.type}'")
        r = h(self, n)
        self.depth -= 1
        return r

    def e_identifier(self, n: Node) -> ast.expr:
        # the hottest handler: ident() and at() inlined
        raw = self.src[n.start_byte : n.end_byte]
        if raw.isascii():
            name = raw.decode("ascii")
        else:
            name = unicodedata.normalize("NFKC", raw.decode("utf-8", "replace"))
        s = n.start_point
        if name == _TYPE_PLACEHOLDER and self.renamed_type is not None:
            if (s[0], s[1]) in self.renamed_type:
                name = "type"
        e = n.end_point
        return ast.Name(
            name, _LOAD, lineno=s[0] + 1, col_offset=s[1], end_lineno=e[0] + 1, end_col_offset=e[1]
        )

    def e_true(self, n: Node) -> ast.expr:
        return self.at(ast.Constant(True), n)

    def e_false(self, n: Node) -> ast.expr:
        return self.at(ast.Constant(False), n)

    def e_none(self, n: Node) -> ast.expr:
        return self.at(ast.Constant(None), n)

    def e_ellipsis(self, n: Node) -> ast.expr:
        return self.at(ast.Constant(...), n)

    def e_integer(self, n: Node) -> ast.expr:
        text = self.text(n)
        last = text[-1]
        value: Any
        try:
            if last in "jJ":
                value = complex(0, float(text[:-1].replace("_", "")))
            elif last in "lL":
                self.problem_at(n, "Python 2 long integer literal")
                value = self.py2_int(text[:-1])
            else:
                try:
                    value = int(text, 0)
                except ValueError:
                    if text.isdigit() and text[0] == "0":
                        self.problem_at(n, "Python 2 octal literal")
                        value = int(text, 8)
                    else:
                        raise
        except ValueError as exc:
            raise _Skip(n, f"invalid number literal: {exc}") from None
        return self.at(ast.Constant(value), n)

    @staticmethod
    def py2_int(text: str) -> int:
        if len(text) > 1 and text[0] == "0" and text.isdigit():
            return int(text, 8)
        return int(text, 0)

    def e_float(self, n: Node) -> ast.expr:
        text = self.text(n).replace("_", "")
        try:
            if text[-1] in "jJ":
                value: Any = complex(0, float(text[:-1]))
            else:
                value = float(text)
        except ValueError as exc:
            raise _Skip(n, f"invalid number literal: {exc}") from None
        return self.at(ast.Constant(value), n)

    def e_parenthesized_expression(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        if len(kids) != 1:
            raise _Skip(n, "invalid syntax in parentheses")
        inner = kids[0]
        if inner.type == "list_splat":
            raise _Skip(n, "cannot use starred expression here")
        return self.expr(inner)

    def hoist_star(self, outer: ast.expr, field_name: str, n: Node) -> ast.expr:
        """Turn ``(*a).b`` into ``*(a.b)``: move the Starred in ``field_name`` outwards.

        tree-sitter sometimes reads ``[*a.b]``, ``[*f(x)]`` or ``*tuple[int]`` with the
        star on the innermost primary; in Python it applies to the whole primary.
        """
        inner = getattr(outer, field_name).value
        setattr(outer, field_name, inner)
        self.at(outer, n)
        outer.lineno = inner.lineno
        outer.col_offset = inner.col_offset
        return self.at(ast.Starred(outer, _LOAD), n)

    def e_attribute(self, n: Node) -> ast.expr:
        value = self.expr(self.field(n, "object"))
        attr = self.ident(self.field(n, "attribute"))
        node = ast.Attribute(value, attr, _LOAD)
        if type(value) is ast.Starred:
            return self.hoist_star(node, "value", n)
        return self.at(node, n)

    def e_subscript(self, n: Node) -> ast.expr:
        value = self.expr(self.field(n, "value"))
        subs = n.children_by_field_name("subscript")
        node = ast.Subscript(value, self.slice_of(subs), _LOAD)
        if type(value) is ast.Starred:
            return self.hoist_star(node, "value", n)
        return self.at(node, n)

    def slice_of(self, subs: list[Node]) -> ast.expr:
        if len(subs) == 1:
            s = subs[0]
            nxt = s.next_sibling
            while nxt is not None and nxt.type in _EXTRAS:
                nxt = nxt.next_sibling
            if not self.is_starred(s) and not (nxt is not None and nxt.type == ","):
                return self.expr(s)
        return self.tuple_of(subs)

    def is_starred(self, n: Node) -> bool:
        while n.type == "type":
            kids = self.kids(n)
            if len(kids) != 1:
                return False
            n = kids[0]
        while n.type in ("subscript", "attribute", "call"):
            n = n.children[0]  # a misplaced star sits on the innermost primary
        return n.type in ("list_splat", "splat_type")

    def e_slice(self, n: Node) -> ast.expr:
        parts: list[ast.expr | None] = [None, None, None]
        i = 0
        for c in n.children:
            t = c.type
            if t == ":":
                i += 1
            elif c.is_named and t not in _EXTRAS:
                if i > 2:
                    raise _Skip(n, "invalid slice")
                parts[i] = self.expr(c)
        return self.at(ast.Slice(parts[0], parts[1], parts[2]), n)

    def e_call(self, n: Node) -> ast.expr:
        func = self.expr(self.field(n, "function"))
        a = self.field(n, "arguments")
        if a.type == "generator_expression":
            call = ast.Call(func, [self.expr(a)], [])
        else:
            args, keywords = self.arguments(a)
            call = ast.Call(func, args, keywords)
        if type(func) is ast.Starred:
            return self.hoist_star(call, "func", n)
        return self.at(call, n)

    def arguments(self, a: Node) -> tuple[list[ast.expr], list[ast.keyword]]:
        args: list[ast.expr] = []
        keywords: list[ast.keyword] = []
        for c in a.named_children:
            t = c.type
            if t == "keyword_argument":
                name = self.ident(self.field(c, "name"))
                kw = ast.keyword(name, self.expr(self.field(c, "value")))
                keywords.append(self.at(kw, c))
            elif t == "dictionary_splat":
                kw = ast.keyword(None, self.expr(self.kids(c)[0]))
                keywords.append(self.at(kw, c))
            elif t in _EXTRAS:
                continue
            else:
                args.append(self.expr(c))
        return args, keywords

    def e_list_splat(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        return self.at(ast.Starred(self.expr(kids[0]), _LOAD), n)

    e_list_splat_pattern = e_list_splat

    def e_parenthesized_list_splat(self, n: Node) -> ast.expr:
        raise _Skip(n, "cannot use starred expression here")

    def e_dictionary_splat(self, n: Node) -> ast.expr:
        raise _Skip(n, "invalid syntax: '**' outside a call or dict")

    def e_keyword_argument(self, n: Node) -> ast.expr:
        raise _Skip(n, "invalid syntax: keyword argument outside a call")

    def elts(self, n: Node) -> list[ast.expr]:
        return [self.expr(c) for c in n.named_children if c.type not in _EXTRAS]

    def e_list(self, n: Node) -> ast.expr:
        return self.at(ast.List(self.elts(n), _LOAD), n)

    e_list_pattern = e_list

    def e_set(self, n: Node) -> ast.expr:
        return self.at(ast.Set(self.elts(n)), n)

    def e_tuple(self, n: Node) -> ast.expr:
        return self.at(ast.Tuple(self.elts(n), _LOAD), n)

    def e_tuple_pattern(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        if len(kids) == 1 and not any(c.type == "," for c in n.children):
            return self.expr(kids[0])  # a parenthesised target, not a tuple
        return self.at(ast.Tuple([self.expr(k) for k in kids], _LOAD), n)

    def e_expression_list(self, n: Node) -> ast.expr:
        return self.tuple_of(self.kids(n))

    e_pattern_list = e_expression_list

    def e_dictionary(self, n: Node) -> ast.expr:
        keys: list[ast.expr | None] = []
        values: list[ast.expr] = []
        for c in n.named_children:
            t = c.type
            if t == "pair":
                keys.append(self.expr(self.field(c, "key")))
                values.append(self.expr(self.field(c, "value")))
            elif t == "dictionary_splat":
                keys.append(None)
                values.append(self.expr(self.kids(c)[0]))
            elif t not in _EXTRAS:
                raise _Skip(c, "invalid syntax in dict display")
        return self.at(ast.Dict(keys, values), n)

    def generators(self, n: Node) -> list[ast.comprehension]:
        gens: list[ast.comprehension] = []
        body = n.child_by_field_name("body")
        for c in n.named_children:
            t = c.type
            if t == "for_in_clause":
                target = self.target(self.one_or_tuple(c, "left"), _STORE)
                rights = c.children_by_field_name("right")
                it = self.expr(rights[0]) if len(rights) == 1 else self.tuple_of(rights)
                gens.append(ast.comprehension(target, it, [], int(self.is_async(c))))
            elif t == "if_clause":
                if not gens:
                    raise _Skip(c, "invalid comprehension")
                gens[-1].ifs.append(self.expr(self.kids(c)[0]))
            elif c != body and t not in _EXTRAS:
                raise _Skip(c, "invalid comprehension")
        return gens

    def e_list_comprehension(self, n: Node) -> ast.expr:
        elt = self.expr(self.field(n, "body"))
        return self.at(ast.ListComp(elt, self.generators(n)), n)

    def e_set_comprehension(self, n: Node) -> ast.expr:
        elt = self.expr(self.field(n, "body"))
        return self.at(ast.SetComp(elt, self.generators(n)), n)

    def e_generator_expression(self, n: Node) -> ast.expr:
        elt = self.expr(self.field(n, "body"))
        return self.at(ast.GeneratorExp(elt, self.generators(n)), n)

    def e_dictionary_comprehension(self, n: Node) -> ast.expr:
        pair = self.field(n, "body")
        key = self.expr(self.field(pair, "key"))
        value = self.expr(self.field(pair, "value"))
        return self.at(ast.DictComp(key, value, self.generators(n)), n)

    def e_not_operator(self, n: Node) -> ast.expr:
        operand = self.expr(self.field(n, "argument"))
        return self.at(ast.UnaryOp(ast.Not(), operand), n)

    def e_unary_operator(self, n: Node) -> ast.expr:
        op = self.field(n, "operator").type
        operand = self.expr(self.field(n, "argument"))
        return self.at(ast.UnaryOp(_UNARYOPS[op](), operand), n)

    def e_binary_operator(self, n: Node) -> ast.expr:
        # tree-sitter-python's grammar ranks ``^`` above ``&`` (CPython: | < ^ < & < shifts),
        # so the operator chain is flattened (iteratively: long chains must not recurse)
        # and rebuilt with CPython's precedences by shunting-yard.
        operands: list[Node] = []
        ops: list[str] = []
        stack: list[Any] = [n]
        while stack:
            x = stack.pop()
            if type(x) is str:
                ops.append(x)
                continue
            t = x.type
            if t == "binary_operator":
                stack.append(self.field(x, "right"))
                stack.append(self.field(x, "operator").type)
                stack.append(self.field(x, "left"))
                continue
            if t == "union_type" or t == "type":
                # annotations: ``A | B`` is a (right-nested) union_type of type nodes
                kids = self.kids(x)
                if t == "union_type" and len(kids) == 2:
                    stack.append(kids[1])
                    stack.append("|")
                    stack.append(kids[0])
                    continue
                if len(kids) == 1 and kids[0].type in ("union_type", "binary_operator"):
                    stack.append(kids[0])
                    continue
            operands.append(x)
        first = operands[0]
        values: list[ast.expr] = [self.expr(first)]
        starts = [first.start_point]
        ends = [first.end_point]
        depths = [0]
        pending: list[str] = []
        prec = _BINPREC

        def reduce() -> None:
            # Combine the top two operands; the result spans from the left operand's
            # start (parentheses included, as in CPython) to the right operand's end.
            op = pending.pop()
            right = values.pop()
            left = values.pop()
            starts.pop()
            end = ends.pop()
            ends[-1] = end
            start = starts[-1]
            right_depth = depths.pop()
            depths[-1] = max(depths[-1], right_depth) + 1
            if depths[-1] > _MAX_CHAIN:
                raise _Skip(n, "nesting too deep")
            b = ast.BinOp(left, _BINOPS[op](), right)
            b.lineno = start[0] + 1
            b.col_offset = start[1]
            b.end_lineno = end[0] + 1
            b.end_col_offset = end[1]
            values.append(b)

        for i, op in enumerate(ops):
            p = prec[op]
            while pending and (prec[pending[-1]] > p or (prec[pending[-1]] == p and op != "**")):
                reduce()
            pending.append(op)
            operand = operands[i + 1]
            values.append(self.expr(operand))
            starts.append(operand.start_point)
            ends.append(operand.end_point)
            depths.append(0)
        while pending:
            reduce()
        return values[0]

    def e_boolean_operator(self, n: Node) -> ast.expr:
        op = self.field(n, "operator").type
        # CPython flattens ``a and b and c`` into one BoolOp; tree-sitter nests to the
        # left. Walk the left spine iteratively (same operator, no parentheses).
        rights: list[Node] = []
        cur = n
        while cur.type == "boolean_operator" and self.field(cur, "operator").type == op:
            rights.append(self.field(cur, "right"))
            cur = self.field(cur, "left")
        values = [self.expr(cur)]
        values.extend(self.expr(r) for r in reversed(rights))
        cls = ast.And if op == "and" else ast.Or
        return self.at(ast.BoolOp(cls(), values), n)

    def e_comparison_operator(self, n: Node) -> ast.expr:
        operands: list[ast.expr] = []
        ops: list[ast.cmpop] = []
        for c in n.children:
            t = c.type
            if c.is_named:
                if t not in _EXTRAS:
                    operands.append(self.expr(c))
            elif t in _CMPOPS:
                if t == "<>":
                    self.problem_at(c, "Python 2 '<>' operator")
                ops.append(_CMPOPS[t]())
        return self.at(ast.Compare(operands[0], ops, operands[1:]), n)

    def e_lambda(self, n: Node) -> ast.expr:
        args = self.parameters(n.child_by_field_name("parameters"))
        body = self.expr(self.field(n, "body"))
        return self.at(ast.Lambda(args, body), n)

    def e_conditional_expression(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        if len(kids) != 3:
            raise _Skip(n, "invalid conditional expression")
        body = self.expr(kids[0])
        test = self.expr(kids[1])
        orelse = self.expr(kids[2])
        return self.at(ast.IfExp(test, body, orelse), n)

    def e_named_expression(self, n: Node) -> ast.expr:
        name = self.field(n, "name")
        target = self.at(ast.Name(self.ident(name), _STORE), name)
        value = self.expr(self.field(n, "value"))
        return self.at(ast.NamedExpr(target, value), n)

    def e_await(self, n: Node) -> ast.expr:
        inner = self.kids(n)[0]
        if inner.type == "binary_operator" and self.field(inner, "operator").type == "**":
            # tree-sitter reads ``await a ** b`` as ``await (a ** b)``; CPython's await
            # binds tighter: ``(await a) ** b``.
            base = self.field(inner, "left")
            aw = self.span(ast.Await(self.expr(base)), n, base)
            exponent = self.expr(self.field(inner, "right"))
            return self.at(ast.BinOp(aw, ast.Pow(), exponent), n)
        return self.at(ast.Await(self.expr(inner)), n)

    def e_yield(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        is_from = any(c.type == "from" for c in n.children)
        if is_from:
            return self.at(ast.YieldFrom(self.expr(kids[0])), n)
        value = self.expr(kids[0]) if kids else None
        return self.at(ast.Yield(value), n)

    def e_assignment(self, n: Node) -> ast.expr:
        raise _Skip(n, "invalid syntax: assignment inside an expression")

    # ---- annotations: tree-sitter has a small type grammar of its own

    def e_type(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        if len(kids) != 1:
            raise _Skip(n, "invalid type annotation")
        return self.expr(kids[0])

    def e_generic_type(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        value = self.expr(kids[0])
        params = kids[1]
        items = self.kids(params)
        if not items:
            raise _Skip(params, "invalid syntax: empty subscript")
        return self.at(ast.Subscript(value, self.slice_of(items), _LOAD), n)

    def e_union_type(self, n: Node) -> ast.expr:
        return self.e_binary_operator(n)

    def e_member_type(self, n: Node) -> ast.expr:
        kids = self.kids(n)
        value = self.expr(kids[0])
        return self.at(ast.Attribute(value, self.ident(kids[-1]), _LOAD), n)

    def e_splat_type(self, n: Node) -> ast.expr:
        if n.children[0].type != "*":
            raise _Skip(n, "invalid syntax: '**' in a type")
        return self.at(ast.Starred(self.expr(self.kids(n)[0]), _LOAD), n)

    def e_constrained_type(self, n: Node) -> ast.expr:
        raise _Skip(n, "invalid syntax: type bound outside type parameters")

    # ---- strings

    def e_string(self, n: Node) -> ast.expr:
        return self.strings([n], n)

    def e_concatenated_string(self, n: Node) -> ast.expr:
        return self.strings([c for c in n.children if c.type == "string"], n)

    def strings(self, parts: list[Node], whole: Node) -> ast.expr:
        src = self.src
        pieces: list[Any] = []  # str / bytes literal text, or FormattedValue
        formatted = False
        saw_bytes = saw_str = False
        first_u = False
        for i, p in enumerate(parts):
            ch = p.children
            start, end = ch[0], ch[-1]
            opener = src[start.start_byte : start.end_byte].decode("ascii", "replace")
            if opener == "`":
                # tree-sitter reads Python 2's `expr` (repr) as a string
                raise _Skip(p, "Python 2 backquote repr")
            prefix = opener.rstrip("'\"").lower()
            # string_end may include backslashes of a raw string (``r'\\'``): measure
            # the closing quote from the opener instead.
            body_end = end.end_byte - (len(opener) - len(prefix))
            is_raw = "r" in prefix
            is_bytes = "b" in prefix
            is_f = "f" in prefix or "t" in prefix
            if i == 0:
                first_u = "u" in prefix
            if "u" in prefix and ("r" in prefix or "b" in prefix):
                self.problem_at(p, "Python 2 string prefix")
            if "t" in prefix:
                self.note(p, "PEP 750 t-string lowered to an f-string (JoinedStr)")
            if is_bytes:
                saw_bytes = True
            else:
                saw_str = True
            if saw_bytes and saw_str:
                raise _Skip(whole, "cannot mix bytes and nonbytes literals")
            pos = start.end_byte
            if is_f:
                formatted = True
                for c in ch[1:-1]:
                    if c.type == "interpolation":
                        lit = src[pos : c.start_byte]
                        if lit:
                            pieces.append(self.literal(lit, is_raw, False, True, p))
                        self.interpolation(c, pieces, is_raw, whole, p)
                        pos = c.end_byte
            lit = src[pos:body_end]
            if lit:
                pieces.append(self.literal(lit, is_raw, is_bytes, is_f, p))
            elif is_bytes:
                pieces.append(b"")
        if not formatted:
            if saw_bytes:
                value: Any = b"".join(pieces)
            else:
                value = "".join(pieces)
            return self.at(ast.Constant(value, "u" if first_u else None), whole)
        return self.joined(pieces, whole, whole, whole)

    def joined(self, pieces: list[Any], whole: Node, own: Node, final: Node) -> ast.JoinedStr:
        """Merge literal text runs into Constants, positioned as CPython 3.11 does.

        3.11 positions every part at the whole (implicitly concatenated) literal, except
        that a format spec and its trailing text run get the span of the one string
        token they are in (``own`` and ``final``).
        """
        values: list[ast.expr] = []
        buf: list[str] = []
        for x in pieces:
            if type(x) is str:
                buf.append(x)
                continue
            if buf:
                text = "".join(buf)
                buf = []
                if text:
                    values.append(self.at(ast.Constant(text), whole))
            values.append(x)
        if buf:
            text = "".join(buf)
            if text:
                values.append(self.at(ast.Constant(text), final))
        return self.at(ast.JoinedStr(values), own)

    def literal(self, raw: bytes, is_raw: bool, is_bytes: bool, is_f: bool, n: Node) -> Any:
        if is_bytes:
            if not raw.isascii():
                raise _Skip(n, "bytes can only contain ASCII literal characters")
            if is_raw or b"\\" not in raw:
                return raw
            try:
                return _unescape_bytes(raw)
            except ValueError as exc:
                raise _Skip(n, f"invalid escape in bytes literal: {exc}") from None
        text = raw.decode("utf-8", "replace")
        if is_f:
            text = text.replace("{{", "{").replace("}}", "}")
        if is_raw or "\\" not in text:
            return text
        try:
            return _unescape_str(text)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Skip(n, f"invalid escape in string literal: {exc}") from None

    def interpolation(
        self, c: Node, pieces: list[Any], is_raw: bool, whole: Node, part: Node
    ) -> None:
        src = self.src
        expr_node = c.child_by_field_name("expression")
        if expr_node is None:
            raise _Skip(c, "f-string: empty expression not allowed")
        conv_node = c.child_by_field_name("type_conversion")
        spec_node = c.child_by_field_name("format_specifier")
        debug = None
        lbrace = c.children[0]
        terminator = conv_node or spec_node or c.children[-1]
        for k in c.children:
            if k.type == "=":
                debug = k
        if expr_node.type == "named_expression" and spec_node is None:
            # ``f"{x:=10}"`` is ``x`` with the format spec ``=10`` (a walrus needs
            # parentheses in an f-string); tree-sitter reads it as a walrus.
            name = self.field(expr_node, "name")
            rbrace = c.children[-1]
            colon = src.index(b":", name.end_byte, rbrace.start_byte)
            spec_text = src[colon + 1 : rbrace.start_byte]
            if b"{" in spec_text or b"}" in spec_text or b"!" in spec_text:
                raise _Skip(c, "unsupported f-string format spec")
            walrus_spec = ast.JoinedStr([])
            text = self.literal(spec_text, is_raw, False, True, part)
            if text:
                walrus_spec.values.append(self.at(ast.Constant(text), part))
            self.at(walrus_spec, part)
            fv = ast.FormattedValue(self.e_identifier(name), -1, walrus_spec)
            pieces.append(self.at(fv, whole))
            return
        if expr_node.type == "expression_list":
            # 3.11 parses ``{a, b}`` as ``(a, b)`` with the braces as the parentheses.
            tup = self.tuple_of(self.kids(expr_node))
            s, e = lbrace.start_point, terminator.start_point
            tup.lineno, tup.col_offset = s[0] + 1, s[1]
            tup.end_lineno, tup.end_col_offset = e[0] + 1, e[1] + 1
            value: ast.expr = tup
        else:
            value = self.expr(expr_node)
        conversion = -1
        if conv_node is not None:
            conv = self.text(conv_node)[1:]
            if conv not in ("r", "s", "a"):
                raise _Skip(conv_node, f"f-string: invalid conversion character '{conv}'")
            conversion = ord(conv)
        if debug is not None:
            pieces.append(src[lbrace.end_byte : terminator.start_byte].decode("utf-8", "replace"))
            if conv_node is None and spec_node is None:
                conversion = ord("r")
        spec = None
        if spec_node is not None:
            spec = self.format_spec(spec_node, is_raw, whole, part)
        fv = ast.FormattedValue(value, conversion, spec)
        pieces.append(self.at(fv, whole))

    def format_spec(self, n: Node, is_raw: bool, whole: Node, part: Node) -> ast.JoinedStr:
        src = self.src
        pieces: list[Any] = []
        pos = n.children[0].end_byte  # after ':'
        for c in n.children[1:]:
            if c.type == "format_expression":
                lit = src[pos : c.start_byte]
                if lit:
                    pieces.append(self.literal(lit, is_raw, False, True, part))
                self.interpolation(c, pieces, is_raw, whole, part)
                pos = c.end_byte
        lit = src[pos : n.end_byte]
        if lit:
            pieces.append(self.literal(lit, is_raw, False, True, part))
        return self.joined(pieces, whole, part, part)


def _handlers(prefix: str) -> dict[str, Callable[[_Lowerer, Node], Any]]:
    table: dict[str, Callable[[_Lowerer, Node], Any]] = {}
    for name in dir(_Lowerer):
        if name.startswith(prefix):
            table[name[len(prefix) :]] = getattr(_Lowerer, name)
    return table


_STMT = _handlers("s_")
_EXPR = _handlers("e_")


# A line that starts a definition: a decorator, ``def``, ``async def`` or ``class``.
_DEF_LINE = re.compile(rb"^([ \t]*)(?:(@)|(?:async[ \t]+)?def[ \t]|class[ \t(:])", re.M)


def _error_problems(root: Node, src: bytes, row_offset: int) -> list[LoweringProblem]:
    """Problems for every ERROR region and MISSING token under ``root``."""
    lowerer = _Lowerer(src, 0)
    lowerer.report_errors(root)
    return [LoweringProblem(p.line + row_offset, p.column, p.message) for p in lowerer.problems]


class _Recovery:
    """Blank out the code that makes tree-sitter's error recovery run wild.

    tree-sitter usually confines a syntax error to a small ERROR node, but an unclosed
    bracket or a broken indentation can make it swallow every following definition
    (in the worst case the whole file becomes one ERROR). Then each top-level chunk
    (split at lines starting a ``def``/``class``/decorator) is parsed on its own, and
    in a chunk that fails, the top-level statements carrying the errors are blanked
    (spaces, newlines kept, so nothing else moves); for a class only its failing
    methods are. The file is then parsed again: the rest keeps its exact positions.
    """

    def __init__(self, parser: tree_sitter.Parser, src: bytes, tree: tree_sitter.Tree) -> None:
        self.parser = parser
        self.src = src
        self.tree = tree
        self.problems: list[LoweringProblem] = []
        self.blanked: list[tuple[int, int]] = []
        strings = tree_sitter.QueryCursor(_string_query()).captures(tree.root_node).get("s", [])
        self.strings = sorted((s.start_byte, s.end_byte) for s in strings)
        self.string_starts = [s for s, _ in self.strings]
        self.line_starts = [0, *(m.end() for m in re.finditer(b"\n", src))]

    def in_string(self, pos: int) -> bool:
        i = bisect.bisect_right(self.string_starts, pos) - 1
        return i >= 0 and self.strings[i][0] < pos < self.strings[i][1]

    def row(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos) - 1

    def needed(self) -> bool:
        """Whether some ERROR region swallows the start of a definition."""
        root = self.tree.root_node
        if root.is_error:
            return True
        stack = [root]
        while stack:
            n = stack.pop()
            if n.is_error:
                m = _DEF_LINE.search(self.src, n.start_byte + 1, n.end_byte)
                while m is not None and self.in_string(m.start()):
                    m = _DEF_LINE.search(self.src, m.end(), n.end_byte)
                if m is not None:
                    return True
                continue
            stack.extend(c for c in n.children if c.has_error)
        return False

    def boundaries(self, start: int, end: int, indent: bytes) -> list[int]:
        """Line starts in (start, end) that begin a definition at exactly ``indent``."""
        out: list[int] = []
        prev_decorator = False
        for m in _DEF_LINE.finditer(self.src, start, end):
            if m.group(1) != indent or self.in_string(m.start()):
                continue
            # a decorated definition starts at its first decorator
            if not prev_decorator and m.start() != start:
                out.append(m.start())
            prev_decorator = m.group(2) is not None
        return out

    def errors_of(self, node: Node, text: bytes, row_offset: int, start: int) -> None:
        """Record the problems of ``node`` (parsed from ``text``) at absolute lines."""
        while start < len(self.src) and self.src[start] in b" \t":
            start += 1  # report at the statement, not at its indentation
        first_line = self.row(start) + 1
        column = start - self.line_starts[first_line - 1]
        found = _error_problems(node, text, row_offset)
        for p in found:
            if p.line < first_line:  # blamed on the wrapper line of a method test
                text_here = self.src[start : self.src.find(b"\n", start)].strip()
                p.line, p.column = first_line, column
                p.message = f"invalid syntax near {text_here.decode('utf-8', 'replace')!r}"
        self.problems.extend(found or [LoweringProblem(first_line, column, "invalid syntax")])

    def run(self) -> bytes:
        src = self.src
        cuts = [0, *self.boundaries(0, len(src), b""), len(src)]
        for a, b in itertools.pairwise(cuts):
            chunk = src[a:b]
            root = self.parser.parse(chunk).root_node
            if not root.has_error:
                continue
            row = self.row(a)
            if root.is_error:
                if not self.blank_methods(a, b):
                    self.blanked.append((a, b))
                    self.errors_of(root, chunk, row, a)
                continue
            for child in root.children:
                if not child.has_error:
                    continue
                s, e = a + child.start_byte, a + child.end_byte
                if not self.blank_methods(s, e):
                    self.blanked.append((s, e))
                    self.errors_of(child, chunk, row, s)
        if not self.blanked:
            return src
        out = bytearray(src)
        for a, b in self.blanked:
            out[a:b] = re.sub(rb"[^\n]", b" ", src[a:b])
        return bytes(out)

    def blank_methods(self, a: int, b: int) -> bool:
        """For a broken class in [a, b), blank only its broken methods if it can."""
        m = _DEF_LINE.match(self.src, a)
        while m is not None and m.group(2) is not None:  # skip decorators
            nl = self.src.find(b"\n", m.end())
            m = _DEF_LINE.match(self.src, nl + 1, b) if 0 <= nl < b else None
        if m is None or m.group(1) or not self.src.startswith(b"class", m.start()):
            return False
        inner = [
            x
            for x in _DEF_LINE.finditer(self.src, a, b)
            if x.group(1) and not self.in_string(x.start())
        ]
        if not inner:
            return False
        indent = inner[0].group(1)
        cuts = [inner[0].start(), *self.boundaries(inner[0].start(), b, indent), b]
        header = self.src[a : cuts[0]] + indent + b"pass\n"
        if self.parser.parse(header).root_node.has_error:
            return False
        for x, y in itertools.pairwise(cuts):
            text = b"class _:\n" + self.src[x:y]
            root = self.parser.parse(text).root_node
            if root.has_error:
                self.blanked.append((x, y))
                self.errors_of(root, text, self.row(x) - 1, x)
        return True


@lru_cache(maxsize=1)
def _string_query() -> tree_sitter.Query:
    return tree_sitter.Query(_language(), "(string) @s")


def _nesting_budget() -> int:
    frame = sys._getframe()
    used = 0
    while frame is not None and used < 10_000:
        frame = frame.f_back  # type: ignore[assignment]
        used += 1
    headroom = sys.getrecursionlimit() - used - 50
    return max(10, min(_MAX_NESTING, headroom // _FRAMES_PER_LEVEL))


def lower_source(source: bytes) -> LoweringResult:
    """Parse ``source`` with tree-sitter and lower it to a Python 3.11 ``ast.Module``.

    Never raises: statements with syntax errors are skipped and reported in
    ``problems`` (1-based line, 0-based byte column), Python 2 ``print``/``exec``
    statements are lowered to calls and reported, and constructs newer than the host's
    ``ast`` are lowered to their nearest 3.11 shape and listed in ``notes``.
    """
    # The lowering allocates millions of small objects and creates no reference
    # cycles; generational collections triggered meanwhile would only re-scan the
    # growing tree and double the run time. Restored (if it was on) when done.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _lower(source)
    finally:
        if gc_was_enabled:
            gc.enable()


def _lower(source: bytes) -> LoweringResult:
    try:
        prepared, problems = _prepare_source(source)
        parser = tree_sitter.Parser(_language())
        budget = _nesting_budget()
        tree = parser.parse(prepared)
        for _ in range(_RECOVERY_ROUNDS):
            if not tree.root_node.has_error:
                break
            recovery = _Recovery(parser, prepared, tree)
            if not recovery.needed():
                break
            prepared = recovery.run()
            problems.extend(recovery.problems)
            if not recovery.blanked:
                break
            tree = parser.parse(prepared)
        lowerer = _Lowerer(prepared, budget)
        module = lowerer.module(tree.root_node)
        if lowerer.misread_type:
            # Rename the misread ``type`` keywords to a plain name of the same length
            # and lower again; e_identifier turns them back into ``type``.
            patched = bytearray(prepared)
            renamed: set[tuple[int, int]] = set()
            for tok in lowerer.misread_type:
                patched[tok.start_byte : tok.end_byte] = _TYPE_PLACEHOLDER.encode("ascii")
                renamed.add((tok.start_point[0], tok.start_point[1]))
            tree = parser.parse(bytes(patched))
            lowerer = _Lowerer(bytes(patched), budget, renamed)
            module = lowerer.module(tree.root_node)
        return LoweringResult(module, problems + lowerer.problems, lowerer.notes)
    except Exception as exc:  # noqa: BLE001 - a scan must survive any input
        return LoweringResult(
            ast.Module(body=[], type_ignores=[]),
            [LoweringProblem(1, 0, f"internal error while lowering: {exc!r}")],
            [],
        )
