"""How a string expression is built: its constant text and the values spliced into it.

Injection rules (shell commands, SQL, HTML) need the same two facts about an
expression: what the constant text around the holes says, and whether each hole holds
a value that cannot carry special characters (a number, a quoted value). This module
takes apart f-strings, `+` concatenation, `%`-formatting and `str.format` calls, and
follows a local name to the one value it was assigned.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable
from dataclasses import dataclass

from cwescan.rules.framework import RuleContext

# Conversions and format types that can only produce digits, signs, dots and exponents.
_NUMERIC_PERCENT = frozenset("diouxXeEfFgG")
_NUMERIC_FORMAT_TYPES = frozenset("bdoxXneEfFgG%")
_NUMERIC_CALLS = frozenset(
    {
        "builtins.int",
        "builtins.float",
        "builtins.len",
        "builtins.round",
        "builtins.abs",
        "builtins.bool",
        "builtins.ord",
        "builtins.hash",
        "builtins.id",
    }
)
_PERCENT_FIELD = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[a-zA-Z%])"
)
_MAX_DEPTH = 8

# A predicate saying that a call neutralises the value it wraps for the sink at hand
# (`shlex.quote` for a shell, `html.escape` for HTML).
Sanitizer = Callable[[RuleContext, ast.Call], bool]


@dataclass
class Piece:
    """One part of a built string: constant `text`, or a spliced-in `node`."""

    text: str | None = None
    node: ast.expr | None = None
    safe: bool = True

    @property
    def dynamic(self) -> bool:
        return self.text is None


@dataclass
class BuiltString:
    """The pieces of a string expression and how it was built (`f-string`, `%`, ...)."""

    pieces: list[Piece]
    how: str

    @property
    def unsafe(self) -> list[Piece]:
        """The spliced-in values that may carry special characters."""
        return [p for p in self.pieces if p.dynamic and not p.safe]

    @property
    def has_dynamic(self) -> bool:
        return any(p.dynamic for p in self.pieces)

    def unsafe_values(self, limit: int = 4) -> str:
        """The unsafe spliced-in values for a message: `a`, `b` and 2 more."""
        shown: list[str] = []
        for piece in self.unsafe:
            if piece.node is None:
                continue
            text = " ".join(source_text(piece.node).split())
            text = text if len(text) <= 30 else text[:29] + "…"
            if f"`{text}`" not in shown:
                shown.append(f"`{text}`")
        if len(shown) > limit:
            return ", ".join(shown[:limit]) + f" and {len(shown) - limit} more"
        return ", ".join(shown)

    def text(self, hole: str = "\x00") -> str:
        """The constant text with `hole` where a value is spliced in."""
        return "".join(hole if p.text is None else p.text for p in self.pieces)


def source_text(node: ast.AST) -> str:
    """The source of an expression for a message; `…` when it is too deeply nested to print."""
    try:
        return ast.unparse(node)
    except (RecursionError, ValueError):
        return "…"


def is_string_builder(node: ast.AST) -> bool:
    """True for the expression shapes `decompose` takes apart (before folding)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    return _is_format_call(node) or _is_replace_call(node)


def _is_replace_call(node: ast.AST) -> bool:
    """`"... [VALUE] ...".replace("[VALUE]", value)`: a template filled by replacement."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "replace"
        and len(node.args) == 2
        and not node.keywords
    )


def outermost_builder(node: ast.AST, ctx: RuleContext) -> bool:
    """True unless `node` is an operand of an enclosing string builder (avoid double reports)."""
    parents = ctx.parents
    if not parents:
        return True
    parent = parents[-1]
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Mod)):
        return not (
            node is parent.left or (isinstance(parent.op, ast.Add) and node is parent.right)
        )
    if isinstance(parent, ast.Attribute) and len(parents) > 1:
        if _is_format_call(parents[-2]) or _is_replace_call(parents[-2]):
            return False
    return True


def decompose(
    ctx: RuleContext,
    node: ast.AST | None,
    sanitizer: Sanitizer | None = None,
    follow_names: bool = True,
) -> BuiltString | None:
    """Take a string expression apart; None when `node` is not recognisably a string.

    A constant (after folding module constants) is one text piece. A name assigned
    exactly once in its scope is followed to its value when `follow_names` is set.
    """
    if node is None:
        return None
    return _decompose(ctx, node, sanitizer, follow_names, 0)


def _decompose(
    ctx: RuleContext,
    node: ast.AST,
    sanitizer: Sanitizer | None,
    follow: bool,
    depth: int,
) -> BuiltString | None:
    if depth > _MAX_DEPTH:
        return None
    known, value = ctx.constant(node)
    if known:
        if isinstance(value, str):
            return BuiltString([Piece(text=value)], "constant")
        if isinstance(value, bytes):
            return BuiltString([Piece(text=value.decode("latin-1"))], "constant")
        return None
    if isinstance(node, ast.JoinedStr):
        pieces: list[Piece] = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                pieces.append(Piece(text=str(part.value)))
            elif isinstance(part, ast.FormattedValue):
                spec = _constant_spec(ctx, part.format_spec)
                numeric = spec is not None and spec[-1:] in _NUMERIC_FORMAT_TYPES
                pieces.extend(
                    _hole(ctx, part.value, sanitizer, follow, depth, numeric, part.conversion)
                )
        return BuiltString(pieces, "an f-string")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        operands = _concatenated(node)
        if operands is None:
            return None
        parts = [(o, _decompose(ctx, o, sanitizer, follow, depth + 1)) for o in operands]
        if all(built is None for _, built in parts):
            return None
        pieces = []
        for operand, built in parts:
            pieces.extend(built.pieces if built else [_opaque(ctx, operand, sanitizer)])
        return BuiltString(pieces, "string concatenation")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        known_left, template = ctx.constant(node.left)
        if not known_left or not isinstance(template, (str, bytes)):
            return None
        if isinstance(template, bytes):
            template = template.decode("latin-1")
        return BuiltString(
            _percent_pieces(ctx, template, node.right, sanitizer, follow, depth), "%-formatting"
        )
    if _is_format_call(node):
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        known_template, template = ctx.constant(node.func.value)
        if not known_template or not isinstance(template, str):
            return None
        formatted = _format_pieces(ctx, template, node, sanitizer, follow, depth)
        if formatted is None:
            return None
        return BuiltString(formatted, "`str.format`")
    if _is_replace_call(node):
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        known_template, template = ctx.constant(node.func.value)
        known_old, old = ctx.constant(node.args[0])
        if not (known_template and known_old and isinstance(template, str)):
            return None
        if not isinstance(old, str) or not old or old not in template:
            return None
        pieces = []
        for index, text in enumerate(template.split(old)):
            if index:
                pieces.extend(_hole(ctx, node.args[1], sanitizer, follow, depth))
            pieces.append(Piece(text=text))
        return BuiltString(pieces, "`str.replace`")
    if follow and isinstance(node, ast.Name):
        bound = bound_value(ctx, node)
        if bound is not None:
            return _decompose(ctx, bound, sanitizer, follow, depth + 1)
    return None


_MAX_OPERANDS = 500


def _concatenated(node: ast.BinOp) -> list[ast.expr] | None:
    """The operands of an `a + b + c ...` chain, left to right, without recursion."""
    operands: list[ast.expr] = []
    stack: list[ast.expr] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            stack.append(current.right)
            stack.append(current.left)
        else:
            operands.append(current)
            if len(operands) > _MAX_OPERANDS:
                return None
    return operands


def bound_value(ctx: RuleContext, name: ast.Name) -> ast.expr | None:
    """The value a local name was assigned, when it is assigned exactly once."""
    binding = ctx.resolver.lookup(name.id, ctx.scope)
    if binding is None or binding.kind not in ("local", "alias", "constant"):
        return None
    value = binding.value
    if value is None or value is name:
        return None
    return value


def _is_format_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, (ast.Constant, ast.Name, ast.Attribute, ast.BinOp))
    )


def _constant_spec(ctx: RuleContext, spec: ast.expr | None) -> str | None:
    if spec is None:
        return None
    known, value = ctx.constant(spec)
    return value if known and isinstance(value, str) else None


def _opaque(ctx: RuleContext, node: ast.expr, sanitizer: Sanitizer | None) -> Piece:
    return Piece(node=node, safe=is_safe_value(ctx, node, sanitizer))


def _hole(
    ctx: RuleContext,
    node: ast.expr,
    sanitizer: Sanitizer | None,
    follow: bool,
    depth: int,
    numeric: bool = False,
    conversion: int = -1,
) -> list[Piece]:
    """The pieces of a value spliced into a string (a nested builder contributes its own)."""
    known, value = ctx.constant(node)
    if known and conversion in (-1, ord("s")):
        return [Piece(text=str(value))]
    if numeric:
        return [Piece(node=node, safe=True)]
    if conversion in (-1, ord("s")) and is_string_builder(node):
        inner = _decompose(ctx, node, sanitizer, follow, depth + 1)
        if inner is not None:
            return inner.pieces
    return [_opaque(ctx, node, sanitizer)]


def _repeated_constant(ctx: RuleContext, node: ast.expr) -> bool:
    """`"&nbsp;" * depth`: a constant string repeated, whatever the count."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult)):
        return False
    for text, count in ((node.left, node.right), (node.right, node.left)):
        known, value = ctx.constant(text)
        if known and isinstance(value, (str, bytes)) and not isinstance(count, ast.Constant):
            return True
    return False


def is_safe_value(ctx: RuleContext, node: ast.expr, sanitizer: Sanitizer | None = None) -> bool:
    """True when a spliced-in value cannot carry special characters: numbers, sanitised values."""
    if ctx.constant(node)[0]:
        return True
    current = node
    for _ in range(_MAX_DEPTH):
        if isinstance(current, ast.Name):
            bound = bound_value(ctx, current)
            if bound is None:
                return False
            current = bound
            continue
        break
    if ctx.constant(current)[0]:
        return True
    if _repeated_constant(ctx, current):
        return True
    if not isinstance(current, ast.Call):
        return False
    name = ctx.call_name(current)
    if name in _NUMERIC_CALLS:
        return True
    if name == "builtins.str" and len(current.args) == 1:
        return is_safe_value(ctx, current.args[0], sanitizer)
    return sanitizer is not None and sanitizer(ctx, current)


def _percent_pieces(
    ctx: RuleContext,
    template: str,
    right: ast.expr,
    sanitizer: Sanitizer | None,
    follow: bool,
    depth: int,
) -> list[Piece]:
    fields = [m for m in _PERCENT_FIELD.finditer(template) if m.group("conv") != "%"]
    positional: list[ast.expr] | None = None
    by_key: dict[str, ast.expr] | None = None
    if isinstance(right, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in right.elts):
        positional = list(right.elts)
    elif isinstance(right, ast.Dict) and None not in right.keys:
        by_key = {}
        for key_node, value_node in zip(right.keys, right.values, strict=True):
            known, key_value = ctx.constant(key_node)
            if known and isinstance(key_value, str) and value_node is not None:
                by_key[key_value] = value_node
    elif len(fields) == 1 and fields[0].group("key") is None:
        positional = [right]
    pieces: list[Piece] = []
    position = 0
    last = 0
    for match in _PERCENT_FIELD.finditer(template):
        pieces.append(Piece(text=template[last : match.start()].replace("%%", "%")))
        last = match.end()
        conversion = match.group("conv")
        if conversion == "%":
            pieces.append(Piece(text="%"))
            continue
        argument: ast.expr | None = None
        key = match.group("key")
        if key is not None and by_key is not None:
            argument = by_key.get(key)
        elif key is None and positional is not None and position < len(positional):
            argument = positional[position]
        position += 1
        numeric = conversion in _NUMERIC_PERCENT
        if argument is None:
            pieces.append(Piece(node=right, safe=numeric or is_safe_value(ctx, right, sanitizer)))
            continue
        known, constant = ctx.constant(argument)
        if known:
            try:
                text = match.group(0) % (constant,) if key is None else str(constant)
            except (TypeError, ValueError, KeyError):
                text = str(constant)
            pieces.append(Piece(text=text))
            continue
        pieces.extend(
            _hole(
                ctx,
                argument,
                sanitizer,
                follow,
                depth,
                numeric,
                -1 if conversion == "s" else ord(conversion),
            )
        )
    pieces.append(Piece(text=template[last:].replace("%%", "%")))
    return pieces


def _format_pieces(
    ctx: RuleContext,
    template: str,
    call: ast.Call,
    sanitizer: Sanitizer | None,
    follow: bool,
    depth: int,
) -> list[Piece] | None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    starred = any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    )
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    pieces: list[Piece] = []
    auto = 0
    for literal, field_name, spec, conversion in parsed:
        if literal:
            pieces.append(Piece(text=literal))
        if field_name is None:
            continue
        head = re.split(r"[.\[]", field_name, maxsplit=1)[0]
        argument: ast.expr | None = None
        if head == "":
            index = auto
            auto += 1
            if not starred and index < len(call.args):
                argument = call.args[index]
        elif head.isdigit():
            if not starred and int(head) < len(call.args):
                argument = call.args[int(head)]
        else:
            argument = keywords.get(head)
        numeric = bool(spec) and spec is not None and spec[-1] in _NUMERIC_FORMAT_TYPES
        numeric = numeric and "{" not in (spec or "")
        if argument is None:
            pieces.append(Piece(node=call, safe=numeric))
            continue
        if head != field_name:
            # `{user.name}` / `{row[0]}`: an attribute or item of the argument
            pieces.append(Piece(node=argument, safe=numeric))
            continue
        pieces.extend(
            _hole(
                ctx,
                argument,
                sanitizer,
                follow,
                depth,
                numeric,
                ord(conversion) if conversion else -1,
            )
        )
    return pieces
