"""Tests for lowering tree-sitter trees into stdlib ``ast`` nodes.

The strongest check is differential: for valid Python 3.11 source the lowered module
must dump (with positions) exactly like ``ast.parse`` of the same source. Sources that
need a newer Python are compared against an equivalent 3.11 spelling.
"""

from __future__ import annotations

import ast
import itertools
import json
import random
import textwrap
from pathlib import Path

import pytest

from cwescan.analysis.treesitter_lowering import LoweringResult, lower_source

# Some sources deliberately contain invalid escapes such as "\d", which CPython warns about.
pytestmark = pytest.mark.filterwarnings("ignore:invalid escape sequence")


def dump(tree: ast.AST, positions: bool = True) -> str:
    return ast.dump(tree, include_attributes=positions, indent=1)


def assert_same_as_cpython(src: str | bytes) -> LoweringResult:
    """Lowering valid 3.11 source gives exactly ``ast.parse``'s tree and compiles."""
    data = src.encode() if isinstance(src, str) else src
    expected = ast.parse(data)
    result = lower_source(data)
    assert result.problems == []
    assert dump(result.module) == dump(expected)
    compile(result.module, "<lowered>", "exec")
    return result


# Every construct the lowering handles, each a small valid 3.11 program.
SNIPPETS = {
    "names_and_constants": (
        "x = None, True, False, ..., 1, 0x1F, 0o17, 0b101, 1_000, 1.5, 1e-3, 2j, 1.5J\n"
    ),
    "big_int": "x = 123456789012345678901234567890\ny = 0xFFFF_FFFF_FFFF_FFFF_FFFF\n",
    "strings": (
        'a = "x" \'y\' """z""" \'\'\'w\'\'\'\nb = u"u" "v"\nc = b"\\x00\\xff" rb"\\d"\nd = r"\\n"\n'
    ),
    "escapes": (
        'x = "\\n\\t\\\\\\x41\\101\\u00e9\\U0001F600\\N{BULLET}\\d\\q"\ny = b"\\d\\x41\\101"\n'
    ),
    "raw_backslashes": "x = r'\\\\' + r'\\\\\\\\' + rb'\\\\'\n",
    "line_continuation_in_string": 'x = "abc\\\ndef"\n',
    "implicit_concat_multiline": 'x = ("a"\n     "b"  # comment\n     "c")\n',
    "docstrings": (
        '"""Module doc."""\n\ndef f():\n    """Function doc."""\n\nclass C:\n    """Class doc."""\n'
    ),
    "fstrings": textwrap.dedent(
        """\
        a = f"x{y}z{w!r:>{width}.{prec}f}" "tail" f'{q!s}' f"{v!a}"
        b = f"{x=}" f"{ x = !s:>3}" f"{x=:>5}" f"a{x=}b"
        c = f"{{literal}} {x:{{}}}" if False else f"{{}}"
        d = f"{'nested'} {f'{inner}'} {x:%Y-%m-%d}"
        e = f'''multi
        {line
         + other} {z}'''
        g = f"{a, b}" f"{x:}" f"{x:=10}" f"{(y := 3)}"
        h = rf"\\d{x}" fr'\\s{y}'
        i = f"{x}" "" f"" ""
        """
    ),
    "fstring_concat_positions": "x = (f'U{a}:{m:02d}'\n     f'.{b:06d}' \"z\")\n",
    "attributes_calls": (
        "a.b.c(d)(e)[f].g\n(a).b\nf(a, *b, c=1, **d, e=2)\nf(x for x in y)\nf(*a, *b)\n"
    ),
    "starred": "x = [*a, *b.c, *f(x), *d[1]]\ny = {*s}\nf(*a.b)\na, *b = c\n[*a.b]\n",
    "subscripts_slices": (
        "a[1]\na[1:2]\na[::3]\na[:]\na[1:2, ::3, x]\na[1,]\na[...]\na[*b]\na[b:c:d]\n"
    ),
    "dicts_sets": "x = {}\ny = {1: 2, **z, 3: 4}\ns = {1, 2}\n",
    "comprehensions": textwrap.dedent(
        """\
        [x for x in y if x if z for w in x]
        {k: v for k, v in d.items() if k}
        {x for x in y}
        (x for x in y)
        async def f():
            return [x async for x in y], [await z for z in w]
        """
    ),
    "operators": "x = -a + +b * ~c ** d // e % f @ g / h - i << j >> k & l ^ m | n\n",
    "bitwise_precedence": "x = ~1 ^ 1 & 1 | 1 & 1 ^ -1\ny = a ^ b & c\n",
    "boolean_ops": "x = a and b and c or d or e and not f\ny = (a and b) and c\n",
    "comparisons": "x = a < b <= c == d != e > f >= g is h is not i in j not in k\n",
    "conditional_lambda": (
        "f = lambda: a if b else c\ng = lambda a, /, b=1, *c, d, e=2, **f: 0\nh = lambda *, k: k\n"
    ),
    "walrus": "if (n := len(a)) > 10:\n    pass\n[y := 1, y ** 2]\n",
    "await_power": "async def f():\n    return await a ** b, await x + y, -await z\n",
    "yield": "def g():\n    yield\n    x = yield a, b\n    y = yield from c\n    yield 1,\n",
    "assignments": (
        "x = y = z = 1\na, b = c\n(a, b) = c\n[a, b] = c\na.b[c] = d\nx, = y\nx = 1,\nx = *a, b\n"
    ),
    "annotated": "a: int = 1\n(b): int\nc.d: str\ne[0]: float = 2.0\nf: list[int]\n",
    "augmented": (
        "a += 1\nb.c -= 2\nd[e] *= 3\nf @= g\nh //= 2\ni **= 2\nj >>= 1\nk <<= 1\n"
        "l |= m\nn ^= o\np &= q\nr %= s\nt /= u\n"
    ),
    "expression_tuple_statement": "def f():\n    g(1),\n\n    g(2)\na, b\n",
    "semicolons": "x = 1; pass; del x\ndef foo():\n    x = 1; pass; del x;\nif x: y = 1;\n",
    "del_global_assert_raise": textwrap.dedent(
        """\
        def f():
            global a, b
            del a, b[1], (c, d)
            assert x, "message"
            assert y
            raise E from F
            raise
        def g():
            x = 1
            def h():
                nonlocal x
        """
    ),
    "imports": (
        "from __future__ import annotations\nimport a.b as c, d\n"
        "from ..x import (y as z, w)\nfrom . import q\nfrom m import *\n"
    ),
    "if_elif_else": "if a:\n    pass\nelif b:\n    x = 1\nelif c:\n    pass\nelse:\n    y = 2\n",
    "loops": (
        "for x, in y:\n    break\nelse:\n    pass\nwhile x:\n    continue\nelse:\n"
        "    z = 1\nfor a in b, c: pass\n"
    ),
    "try_except": textwrap.dedent(
        """\
        try:
            pass
        except E as e:
            pass
        except (A, B) as e:
            pass
        except:
            pass
        else:
            x = 1
        finally:
            y = 2
        try:
            pass
        finally:
            pass
        """
    ),
    "try_star": "try:\n    pass\nexcept* E as e:\n    pass\nexcept* (A, B):\n    pass\n",
    "with": textwrap.dedent(
        """\
        with a as (b, c), d:
            pass
        with (a as b, c as d,):
            pass
        with (a, b):
            pass
        with (a, b) as c:
            pass
        with (open(x)
              as f):
            pass
        async def f():
            async with a as b:
                pass
            async for x in y:
                pass
        """
    ),
    "functions": textwrap.dedent(
        """\
        @dec
        @dec.attr(1)
        @(lambda f: f)
        async def f(a, /, b: int = 1, *args: str, c, d=2, **kw: dict) -> int:
            return a
        def g(*, k): pass
        def h(a, b=1, /, c=2): pass
        """
    ),
    "classes": (
        "@dec\nclass C(B, metaclass=M, **kw):\n    x: int = 1\n    def m(self): pass\n"
        "class D: pass\n"
    ),
    "match": textwrap.dedent(
        """\
        match x:
            case 1 | -2 | 3+4j | -1.5 - 2j | "s" "t" | None | True | False:
                pass
            case [a, *rest, _] if a:
                pass
            case (b, c) | [b, c]:
                pass
            case {"k": v, **kw}:
                pass
            case Point(x=0, y=_) as p:
                pass
            case a.b.c:
                pass
            case {1: _, a.B: [*_], -1: x, None: y}:
                pass
            case (1,) | () | [1, 2,] | (3 | 4):
                pass
            case C(1, a=2) | C() | D(x=[1, 2], y=a.b | c.d, z=-1, w=E()):
                pass
            case ast.Expr(value=str() as doc):
                pass
            case [(1 as x), *_]:
                pass
            case {**rest}:
                pass
            case 1,:
                pass
            case -2 | 3, b:
                pass
            case _:
                pass;
        match a, b,:
            case _: pass
        match *a, b:
            case [*_, 1.5]: pass
        """
    ),
    "soft_keywords_as_names": (
        "match = 1\ncase = 2\ntype = 3\n_ = 4\nmatch.x\nmatch[1] = 2\ntype(a).b = 1\n"
        "type(x)[0] += 1\nprint(match, case)\n"
    ),
    "comments_everywhere": textwrap.dedent(
        """\
        x = [  # c
            1,  # c
            # c
            2,
        ]
        f(  # c
            a,  # c
            b=1,  # c
        )
        y = (a  # c
             if b  # c
             else c)
        """
    ),
    "continuation_lines": "x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n",
    "unicode": "é = 'ü'\nx = f'{é}ñ{\"ß\"}'\ndef ƒ(ā: 'ж' = 'π') -> 'µ': return ā  # ☃\nﬁ = 1\n",
    "tabs": "if x:\n\ty = 1\n\tif z:\n\t\tw = 2\n",
    "empty": "",
    "only_comments": "# just a comment\n\n# another\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_lowers_exactly_like_cpython(name: str) -> None:
    assert_same_as_cpython(SNIPPETS[name])


def _stdlib_files() -> list[Path]:
    root = Path(json.__file__).parent.parent
    files: list[Path] = []
    for package in ("json", "email", "asyncio"):
        files.extend(sorted((root / package).rglob("*.py")))
    files.append(root / "argparse.py")
    return files


@pytest.mark.parametrize("path", _stdlib_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stdlib_file_lowers_exactly_like_cpython(path: Path) -> None:
    assert_same_as_cpython(path.read_bytes())


def test_operator_precedence_matches_cpython_for_every_pair() -> None:
    # tree-sitter-python ranks ``^`` above ``&`` and ``await`` below ``**``; the
    # lowering must rebuild every combination the way CPython groups it.
    binary = ["|", "^", "&", "<<", ">>", "+", "-", "*", "@", "/", "//", "%", "**"]
    other = ["and", "or", "<", "==", "not in", "is not"]
    unary = ["-", "~", "not ", "await "]
    lines = []
    for a, b in itertools.product(binary + other, repeat=2):
        lines.append(f"x = a {a} b {b} c")
        lines.extend(f"x = {u}a {a} b {b} c" for u in unary)
        lines.extend(f"x = a {a} {u}b {b} c" for u in unary)
    body = "".join(f"    {line}\n" for line in lines if _valid(f"async def f():\n    {line}\n"))
    assert_same_as_cpython("async def f():\n" + body)


def _valid(src: str) -> bool:
    try:
        ast.parse(src)
    except SyntaxError:
        return False
    return True


def test_crlf_bom_and_form_of_newlines_match_cpython() -> None:
    src = b'\xef\xbb\xbfx = """a\r\nb\rc"""\r\nif x:\r\n\ty = 1\r\n'
    assert_same_as_cpython(src)


def test_pep263_latin1_source_is_decoded_and_positions_are_utf8() -> None:
    src = "# -*- coding: latin-1 -*-\nx = 'é'; y = 1\n".encode("latin-1")
    result = assert_same_as_cpython(src)
    y = result.module.body[1]
    assert y.col_offset == len("x = 'é'; ".encode())


def test_utf8_text_with_a_coding_cookie_is_not_decoded_twice() -> None:
    # parsing.py passes text it decoded per PEP 263, re-encoded as UTF-8
    text = "# -*- coding: latin-1 -*-\nx = 'é'\n"
    result = lower_source(text.encode("utf-8"))
    assert result.problems == []
    assert result.module.body[0].value.value == "é"


def test_bytes_that_are_not_utf8_without_a_cookie_are_reported() -> None:
    result = lower_source(b"x = 1\ny = '\xe9'\n")
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (2, 5, "source is not valid UTF-8")
    ]
    assert ast.unparse(result.module.body[0]) == "x = 1"


def test_non_ascii_columns_are_utf8_byte_offsets_in_new_syntax() -> None:
    # ``type`` aliases need 3.12, so this goes through tree-sitter only.
    src = "type Größe = 'ü'\nwert = Größe + f'{ä!r}'\n"
    result = lower_source(src.encode())
    assert result.problems == []
    alias, use = result.module.body
    assert isinstance(alias, ast.Assign)
    assert alias.targets[0].col_offset == 5
    assert alias.targets[0].end_col_offset == 5 + len("Größe".encode())
    assert alias.value.col_offset == len("type Größe = ".encode())
    binop = use.value
    assert isinstance(binop, ast.BinOp)
    assert binop.left.col_offset == len(b"wert = ")
    assert binop.right.col_offset == len("wert = Größe + ".encode())
    formatted = binop.right.values[0]
    assert formatted.value.col_offset == len("wert = Größe + f'{".encode())


def _equivalent(
    new_src: str, old_src: str, replace: dict[str, str] | None = None
) -> LoweringResult:
    """Lowered ``new_src`` (3.12+ syntax) has the structure 3.11 gives ``old_src``."""
    result = lower_source(textwrap.dedent(new_src).encode())
    assert result.problems == []
    expected = ast.dump(ast.parse(textwrap.dedent(old_src)))
    for old, new in (replace or {}).items():
        expected = expected.replace(old, new)
    assert ast.dump(result.module) == expected
    compile(result.module, "<lowered>", "exec")
    return result


def test_pep701_fstrings_with_nested_same_quotes() -> None:
    _equivalent(
        """\
        a = f"{d["k"]}"
        b = f"{f"{x}"}" f"{", ".join(items)}"
        c = f"{x:{"<"}10}"
        """,
        """\
        a = f"{d['k']}"
        b = f"{f'{x}'}" f"{', '.join(items)}"
        c = f"{x:{'<'}10}"
        """,
    )


def test_pep701_multiline_expressions_comments_and_backslashes_in_fstrings() -> None:
    result = _equivalent(
        'a = f"{x +\n      y}"\nb = f"{x # a comment\n}"\nc = f"{\'\\n\'.join(lines)}"\n',
        'a = f"{x + y}"\nb = f"{x}"\nc = f"{NL.join(lines)}"\n',
        # 3.11 cannot spell a backslash inside an f-string expression
        replace={"Name(id='NL', ctx=Load())": "Constant(value='\\n')"},
    )
    y = result.module.body[0].value.values[0].value.right
    assert (y.lineno, y.col_offset) == (2, 6)


def test_pep695_type_alias_becomes_assignment_with_note() -> None:
    result = _equivalent(
        "type Vector = list[float]\ntype Pair[T] = tuple[T, T]\n",
        "Vector = list[float]\nPair = tuple[T, T]\n",
    )
    assert "PEP 695 type alias lowered to an assignment at line 1" in result.notes
    assert "PEP 695 type alias lowered to an assignment at line 2" in result.notes
    target = result.module.body[0].targets[0]
    assert (target.lineno, target.col_offset, target.end_col_offset) == (1, 5, 11)


def test_pep695_generic_functions_and_classes_drop_type_parameters() -> None:
    result = _equivalent(
        """\
        def first[T](xs: list[T]) -> T:
            return xs[0]
        class Box[T: int, *Ts, **P](Base):
            def get[U](self) -> U: ...
        """,
        """\
        def first(xs: list[T]) -> T:
            return xs[0]
        class Box(Base):
            def get(self) -> U: ...
        """,
    )
    assert any("type parameters of function 'first' dropped" in n for n in result.notes)
    assert any("type parameters of class 'Box' dropped" in n for n in result.notes)


def test_pep696_type_parameter_defaults_are_accepted() -> None:
    result = _equivalent(
        """\
        def f[T = int](x: T) -> T: return x
        class C[T: int = bool, *Ts = *tuple[int]]: pass
        type A[T = str] = list[T]
        """,
        "def f(x: T) -> T: return x\nclass C: pass\nA = list[T]\n",
    )
    assert len(result.notes) == 3


def test_pep758_except_without_parentheses_becomes_tuple() -> None:
    result = _equivalent(
        "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
        "try:\n    pass\nexcept (ValueError, TypeError):\n    pass\n",
    )
    assert any("PEP 758" in n and "line 3" in n for n in result.notes)


def test_pep750_tstrings_become_joinedstr() -> None:
    result = _equivalent('msg = t"hello {name!r}"\n', 'msg = f"hello {name!r}"\n')
    assert any("t-string" in n for n in result.notes)


def test_star_expression_in_type_subscript() -> None:
    _equivalent(
        "def f(*args: *Ts) -> tuple[int, *tuple[str, ...]]: pass\ntype T = tuple[*Ts]\n",
        "def f(*args: *Ts) -> tuple[int, *tuple[str, ...]]: pass\nT = tuple[*Ts]\n",
    )


def test_python2_print_and_exec_are_lowered_to_calls_and_reported() -> None:
    src = textwrap.dedent(
        """\
        import os
        print "hello", os.name
        print >>sys.stderr, "oops"
        exec code in namespace
        def ok():
            return os.getcwd()
        """
    )
    result = lower_source(src.encode())
    messages = [(p.line, p.message) for p in result.problems]
    assert (2, "Python 2 print statement") in messages
    assert (3, "Python 2 print statement") in messages
    assert (4, "Python 2 exec statement") in messages
    body = result.module.body
    assert ast.unparse(body[1]) == "print('hello', os.name)"
    assert ast.unparse(body[2]) == "print('oops', file=sys.stderr)"
    assert ast.unparse(body[3]) == "exec(code, namespace)"
    assert isinstance(body[4], ast.FunctionDef) and body[4].name == "ok"


def test_python2_literals_are_reported() -> None:
    result = lower_source(b"x = 0777\ny = 10L\nz = a <> b\nw = `z`\nv = ur'x'\nraise E, 'm'\n")
    problems = {(p.line, p.message) for p in result.problems}
    assert problems == {
        (1, "Python 2 octal literal"),
        (2, "Python 2 long integer literal"),
        (3, "Python 2 '<>' operator"),
        (4, "Python 2 backquote repr"),
        (5, "Python 2 string prefix"),
        (6, "Python 2 raise statement"),
    }
    values = [s.value for s in result.module.body[:3]]
    assert values[0].value == 0o777 and values[1].value == 10
    assert isinstance(values[2].ops[0], ast.NotEq)
    # the backquote statement is skipped, not guessed at
    assert [ast.unparse(s) for s in result.module.body[3:]] == ["v = u'x'", "raise (E, 'm')"]


def test_syntax_error_in_one_function_keeps_the_others() -> None:
    src = textwrap.dedent(
        """\
        def before():
            return 1

        def broken():
            x = (1 +
            return 2

        def after():
            return 3
        """
    )
    result = lower_source(src.encode())
    names = [s.name for s in result.module.body if isinstance(s, ast.FunctionDef)]
    assert names == ["before", "broken", "after"]
    assert [p.line for p in result.problems] == [5]
    after = result.module.body[2]
    assert (after.lineno, after.body[0].lineno) == (8, 9)


def test_smallest_enclosing_statement_is_skipped_not_invented() -> None:
    src = "def f():\n    a = 1\n    b = 2 +\n    c = 3\n    return a\n"
    result = lower_source(src.encode())
    body = result.module.body[0].body
    assert [ast.unparse(s) for s in body] == ["a = 1", "return a"]
    assert [p.line for p in result.problems] == [3]


def test_unclosed_bracket_does_not_swallow_later_definitions() -> None:
    # tree-sitter's own recovery turns everything after ``foo(1,`` into one ERROR;
    # the broken chunk is blanked and the rest keeps its exact positions.
    good = textwrap.dedent(
        """\
        import os

        def good_one():
            return os.getcwd()

        class K:
            attr = 1

            def fine(self):
                return f"{self.attr!r}"

            def bad(self):
                y = [1, 2
                return y

            @property
            def also_fine(self):
                return 2

        def good_two(x):
            s = '''
        def not_code():
            pass
        '''
            return x + 1
        """
    )
    src = good.replace("def good_one", "foo(1,\n\ndef good_one", 1)
    result = lower_source(src.encode())
    lines_with_problems = {p.line for p in result.problems}
    assert 3 in lines_with_problems  # foo(1,
    assert lines_with_problems - {3} == {15}  # y = [1, 2  inside ``def bad``
    # the same file with the broken lines blanked, which CPython accepts
    lines = src.split("\n")
    for i in (2, 13, 14, 15):  # foo(1,  def bad  y = [1, 2  return y
        lines[i] = ""
    expected = ast.parse("\n".join(lines))
    assert dump(result.module) == dump(expected)


def test_invalid_assignment_targets_are_skipped() -> None:
    # tree-sitter accepts these; CPython (and compile()) would not
    result = lower_source(b"f() = 1\nx + 1 = 2\ndel f()\n[a, g()] = b\nok = 1\n")
    assert [p.line for p in result.problems] == [1, 2, 3, 4]
    assert [ast.unparse(s) for s in result.module.body] == ["ok = 1"]


def test_broken_class_header_skips_the_class_only() -> None:
    src = "class A(:\n    def m(self): pass\n\ndef f():\n    return 1\n"
    result = lower_source(src.encode())
    assert [type(s).__name__ for s in result.module.body] == ["FunctionDef"]
    assert result.problems and result.problems[0].line == 1


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 10_000 + "1" + ")" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "a" + " + a" * 10_000,
        "-" * 10_000 + "1",
        "not " * 10_000 + "x",
        "f" + "(x)" * 10_000,
        "a" + ".b" * 10_000,
        "lambda: " * 5_000 + "0",
        "{'k': " * 5_000 + "1" + "}" * 5_000,
    ],
    ids=["parens", "lists", "chain", "unary", "not", "calls", "attributes", "lambdas", "dicts"],
)
def test_deep_nesting_is_a_problem_not_a_crash(expression: str) -> None:
    src = f"before = 1\nx = {expression}\nafter = 2\n"
    result = lower_source(src.encode())
    assert [p.message for p in result.problems] == ["nesting too deep at line 2"]
    assert [ast.unparse(s) for s in result.module.body] == ["before = 1", "after = 2"]


def test_deeply_nested_blocks_are_a_problem_not_a_crash() -> None:
    src = "".join(" " * i + "if x:\n" for i in range(500)) + " " * 500 + "pass\nafter = 1\n"
    result = lower_source(src.encode())
    assert len(result.problems) == 1
    assert result.problems[0].message.startswith("nesting too deep")
    assert isinstance(result.module.body[0], ast.If)
    assert ast.unparse(result.module.body[-1]) == "after = 1"


def test_moderately_deep_valid_nesting_matches_cpython() -> None:
    assert_same_as_cpython("x = " + "(" * 150 + "1" + ")" * 150 + "\n")
    assert_same_as_cpython("x = " + " + ".join(["a"] * 300) + "\n")


@pytest.mark.parametrize("seed", range(20))
def test_garbage_bytes_never_raise(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
    result = lower_source(data)
    assert isinstance(result.module, ast.Module)
    assert result.problems
    assert not any("internal error" in p.message for p in result.problems)


def test_nul_bytes_and_binary_headers_give_problems() -> None:
    for data in (b"x = 1\x00\ny = 2\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x00" * 100):
        result = lower_source(data)
        assert result.problems
        assert not any("internal error" in p.message for p in result.problems)


def test_truncated_files_never_raise() -> None:
    data = (Path(json.__file__).parent.parent / "argparse.py").read_bytes()
    rng = random.Random(7)
    for cut in sorted(rng.sample(range(len(data)), 40)):
        result = lower_source(data[:cut])
        assert isinstance(result.module, ast.Module)
        assert not any("internal error" in p.message for p in result.problems)


def test_problems_are_empty_exactly_when_the_source_is_clean() -> None:
    assert lower_source(b"x = 1\n").problems == []
    result = lower_source(b"x = = 1\n")
    assert [(p.line, p.column) for p in result.problems] == [(1, 4)]
    assert "invalid syntax" in result.problems[0].message
    assert result.module.body == []
