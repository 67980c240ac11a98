"""Regular expressions with exponential backtracking (ReDoS, CWE-1333).

The pattern is parsed with the standard library's own regex parser (never compiled or
run) and each unbounded repetition is examined: if, for some character `c`, one
iteration of its body can match runs of `c` of two different lengths, or match the
same run in two ways, then a run of n `c` characters can be split among the
iterations in exponentially many ways, and a backtracking engine tries them all
before giving up on an input that does not match (`(a+)+$`, `(\\w+\\s?)*$`,
`(a|a?)+`, `(.*,){12}`). Runs of a single character are where nearly all real-world
exponential cases live; ambiguity that needs several different characters is not
searched for.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule

try:  # Python 3.11+
    re_parser: Any = importlib.import_module("re._parser")
    re_constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    re_parser = importlib.import_module("sre_parse")
    re_constants = importlib.import_module("sre_constants")

_CAP = 12  # lengths at or above this are "long"; ways beyond two are not counted
_LARGE_REPEAT = 10  # a bounded repeat this large behaves like an unbounded one
MAX_PATTERN = 5000
_MAX_DEPTH = 200
_GENERIC_CHARS = "aZ0_ \t\n-.,/\\:;!@\"'<>=+*?()[]{}|&%$#é\x00"

IGNORECASE = 2
_MULTILINE = 8
DOTALL = 16
_ASCII = 256
_VERBOSE = 64
_FLAG_NAMES = {
    "I": IGNORECASE,
    "IGNORECASE": IGNORECASE,
    "M": _MULTILINE,
    "MULTILINE": _MULTILINE,
    "S": DOTALL,
    "DOTALL": DOTALL,
    "A": _ASCII,
    "ASCII": _ASCII,
    "X": _VERBOSE,
    "VERBOSE": _VERBOSE,
    "U": 32,
    "UNICODE": 32,
    "L": 4,
    "LOCALE": 4,
}

# function → (position of the pattern, position of the flags argument)
REGEX_FUNCTIONS: dict[str, tuple[int, int]] = {
    **{f"{m}.compile": (0, 1) for m in ("re", "regex")},
    **{f"{m}.{f}": (0, 2) for m in ("re", "regex") for f in ("search", "match", "fullmatch")},
    **{f"{m}.{f}": (0, 2) for m in ("re", "regex") for f in ("findall", "finditer")},
    **{f"{m}.split": (0, 3) for m in ("re", "regex")},
    **{f"{m}.{f}": (0, 4) for m in ("re", "regex") for f in ("sub", "subn")},
    "django.urls.re_path": (0, -1),
    "django.conf.urls.url": (0, -1),
    "django.core.validators.RegexValidator": (0, 4),
}

Shape = dict[int, int]  # length of a run of `c` → number of ways (capped at 2)


@dataclass
class Backtracking:
    """What makes a pattern explode: the character whose runs are ambiguous."""

    char: str
    repeat: str


@dataclass
class _Analyzer:
    flags: int
    anchored_end: bool = False  # `fullmatch`: an implicit `\Z` follows the pattern
    candidate: str = ""
    found: Backtracking | None = None
    _depth: int = 0
    _ignorecase_stack: list[bool] = field(default_factory=list)
    # whether something after the current position can fail; if nothing can, the
    # engine accepts the first way a repetition matches and never backtracks into it
    _tail_can_fail: list[bool] = field(default_factory=list)

    # -- characters --------------------------------------------------------------

    def _same(self, code: int, char: str) -> bool:
        if chr(code) == char:
            return True
        return self._ignorecase() and chr(code).lower() == char.lower()

    def _ignorecase(self) -> bool:
        if self._ignorecase_stack:
            return self._ignorecase_stack[-1]
        return bool(self.flags & IGNORECASE)

    def _category(self, category: Any, char: str) -> bool:
        ascii_only = bool(self.flags & _ASCII)
        name = str(category)
        if "DIGIT" in name:
            result = char in "0123456789" if ascii_only else char.isdecimal()
        elif "SPACE" in name:
            result = char in " \t\n\r\f\v" if ascii_only else char.isspace()
        elif "WORD" in name:
            result = (char.isascii() if ascii_only else True) and (char.isalnum() or char == "_")
        elif "LINEBREAK" in name:
            result = char == "\n"
        else:
            return False
        return (not result) if "NOT" in name else result

    def _in_set(self, items: Sequence[tuple[Any, Any]], char: str) -> bool:
        negate = False
        hit = False
        for op, value in items:
            if op is re_constants.NEGATE:
                negate = True
            elif op is re_constants.LITERAL:
                hit = hit or self._same(value, char)
            elif op is re_constants.RANGE:
                low, high = value
                codes = {ord(char)}
                if self._ignorecase():
                    codes |= {ord(char.lower()[:1] or char), ord(char.upper()[:1] or char)}
                hit = hit or any(low <= code <= high for code in codes)
            elif op is re_constants.CATEGORY:
                hit = hit or self._category(value, char)
        return hit != negate

    # -- shapes --------------------------------------------------------------------

    def sequence(self, items: Any) -> Shape:
        self._depth += 1
        if self._depth > _MAX_DEPTH:
            raise RecursionError("regex nested too deeply")
        try:
            shape: Shape = {0: 1}
            outer = self._tail_can_fail[-1] if self._tail_can_fail else self.anchored_end
            entries = list(items)
            for index, (op, value) in enumerate(entries):
                self._tail_can_fail.append(outer or not _always_empty(entries[index + 1 :]))
                try:
                    # every item is examined, even after the run is broken, so that each
                    # repetition in the pattern gets checked
                    shape = _concat(shape, self.item(op, value))
                finally:
                    self._tail_can_fail.pop()
            return shape
        finally:
            self._depth -= 1

    def item(self, op: Any, value: Any) -> Shape:
        c = self.candidate
        k = re_constants
        if op is k.LITERAL:
            return {1: 1} if self._same(value, c) else {}
        if op is k.NOT_LITERAL:
            return {} if self._same(value, c) else {1: 1}
        if op is k.ANY:
            return {1: 1} if (c != "\n" or self.flags & DOTALL) else {}
        if op is k.IN:
            return {1: 1} if self._in_set(value, c) else {}
        if op is k.CATEGORY:
            return {1: 1} if self._category(value, c) else {}
        if op is k.BRANCH:
            shape: Shape = {}
            for branch in value[1]:
                shape = _union(shape, self.sequence(branch))
            return shape
        if op is k.SUBPATTERN:
            add_flags, del_flags, body = value[1], value[2], value[3]
            ignorecase = self._ignorecase()
            if add_flags & IGNORECASE:
                ignorecase = True
            if del_flags & IGNORECASE:
                ignorecase = False
            self._ignorecase_stack.append(ignorecase)
            try:
                return self.sequence(body)
            finally:
                self._ignorecase_stack.pop()
        if op in (k.MAX_REPEAT, k.MIN_REPEAT):
            low, high, body = value
            return self.repeat(low, high, body, possessive=False)
        if getattr(k, "POSSESSIVE_REPEAT", None) is not None and op is k.POSSESSIVE_REPEAT:
            low, high, body = value
            return _atomic(self.repeat(low, high, body, possessive=True))
        if getattr(k, "ATOMIC_GROUP", None) is not None and op is k.ATOMIC_GROUP:
            return _atomic(self.sequence(value))
        if op is k.AT:
            name = str(value)
            if "NON_BOUNDARY" in name:
                return {0: 1}
            if ("BEGINNING_LINE" in name or "END_LINE" in name) and c == "\n":
                return {0: 1}
            return {}  # \b, ^, $, \A, \Z cannot hold inside a run of one character
        if op in (k.ASSERT, k.ASSERT_NOT):
            # Inside a run every look-around sees more of the run: it holds there when
            # its body can (positive) or cannot (negative) match characters `c`.
            body_matches = bool(self.sequence(value[1]))
            return {0: 1} if body_matches == (op is k.ASSERT) else {}
        if op is k.GROUPREF_EXISTS:
            _, yes, no = value
            return _union(self.sequence(yes), self.sequence(no) if no else {0: 1})
        return {}  # back-references and anything unknown: assume it breaks the run

    def repeat(self, low: int, high: int, body: Any, possessive: bool) -> Shape:
        inner = self.sequence(body)
        nullable = inner.get(0, 0) > 0
        positive = {n: w for n, w in inner.items() if n > 0}
        unbounded = high == re_constants.MAXREPEAT or high >= _LARGE_REPEAT
        tail_can_fail = self._tail_can_fail[-1] if self._tail_can_fail else self.anchored_end
        if not possessive and unbounded and high >= 2 and positive and tail_can_fail:
            distinct = len(positive) >= 2
            twice = any(w >= 2 for n, w in positive.items() if n < _CAP)
            if (distinct or twice) and self.found is None:
                self.found = Backtracking(self.candidate, _describe_repeat(low, high))
        if not positive:
            return {0: 1} if nullable or low == 0 else {}
        first = 0 if nullable else low
        limit = _CAP + 1 if high == re_constants.MAXREPEAT else min(high, _CAP + 1)
        if first > _CAP:
            return {_CAP: 1}
        shape: Shape = {}
        current: Shape = {0: 1}
        for count in range(0, limit + 1):
            if count >= first:
                shape = _union(shape, current)
            current = _concat(current, positive)
            if not current:
                break
        if high > limit:
            shape = _union(shape, {_CAP: 1})
        return shape


def _always_empty(items: Sequence[tuple[Any, Any]]) -> bool:
    """True when these items can always match the empty string, wherever they start."""
    k = re_constants
    for op, value in items:
        if op in (k.MAX_REPEAT, k.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
            if value[0] == 0 or _always_empty(value[2]):
                continue
            return False
        if op is k.SUBPATTERN:
            if _always_empty(value[3]):
                continue
            return False
        if str(op) == "ATOMIC_GROUP":
            if _always_empty(value):
                continue
            return False
        if op is k.BRANCH:
            if any(_always_empty(branch) for branch in value[1]):
                continue
            return False
        return False
    return True


def _concat(left: Shape, right: Shape) -> Shape:
    result: Shape = {}
    for n1, w1 in left.items():
        for n2, w2 in right.items():
            n = min(n1 + n2, _CAP)
            result[n] = min(result.get(n, 0) + w1 * w2, 2)
    return result


def _union(left: Shape, right: Shape) -> Shape:
    result = dict(left)
    for n, w in right.items():
        result[n] = min(result.get(n, 0) + w, 2)
    return result


def _atomic(shape: Shape) -> Shape:
    """An atomic group or possessive repeat commits to one match: no alternatives."""
    if not shape:
        return {}
    return {max(shape): 1}


def _describe_repeat(low: int, high: int) -> str:
    if high == re_constants.MAXREPEAT:
        return "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"
    return f"{{{low},{high}}}"


def _candidates(parsed: Any, flags: int) -> list[str]:
    """Characters worth trying: every literal and range end in the pattern, plus a generic set."""
    chars: list[str] = []
    stack = [parsed]
    seen = 0
    while stack and seen < 10000:
        items = stack.pop()
        for op, value in items:
            seen += 1
            if op in (re_constants.LITERAL, re_constants.NOT_LITERAL):
                chars.append(chr(value))
            elif op is re_constants.RANGE:
                chars.extend((chr(value[0]), chr(value[1])))
            elif op is re_constants.IN:
                stack.append(value)
            else:
                stack.extend(pattern_children(op, value))
    chars.extend(_GENERIC_CHARS)
    if flags & IGNORECASE:
        chars.extend(c.swapcase() for c in list(chars))
    unique: list[str] = []
    for char in chars:
        if char not in unique and len(char) == 1:
            unique.append(char)
    return unique[:120]


def find_backtracking(
    pattern: str | bytes, flags: int = 0, anchored_end: bool = False
) -> Backtracking | None:
    """The character whose runs make `pattern` backtrack exponentially, or None.

    `anchored_end` is for `fullmatch`, where the end of the pattern must meet the end of
    the input. Returns None for patterns that do not parse or are too large to examine.
    """
    if len(pattern) > MAX_PATTERN:
        return None
    try:
        parsed = re_parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - any pattern the parser rejects is simply not judged
        return None
    if not _has_ambiguous_repeat(parsed):
        return None
    effective = flags | int(getattr(parsed.state, "flags", 0))
    if isinstance(pattern, bytes):
        effective |= _ASCII
    analyzer = _Analyzer(effective, anchored_end)
    try:
        for char in _candidates(parsed, effective):
            analyzer.candidate = char
            analyzer.sequence(parsed)
            if analyzer.found is not None:
                return analyzer.found
    except (RecursionError, MemoryError):
        return None
    return None


def pattern_children(op: Any, value: Any) -> list[Any]:
    """The item sequences nested in one parsed regex item."""
    k = re_constants
    if op is k.SUBPATTERN:
        return [value[3]]
    if op in (k.MAX_REPEAT, k.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT":
        return [value[2]]
    if op is k.BRANCH:
        return list(value[1])
    if str(op) == "ATOMIC_GROUP":
        return [value]
    if op in (k.ASSERT, k.ASSERT_NOT):
        return [value[1]]
    if op is k.GROUPREF_EXISTS:
        return [value[1], value[2]] if value[2] else [value[1]]
    return []


def _offers_choices(items: Any) -> bool:
    """True when these items hold a repetition, an alternation or a conditional group:
    the only items whose run shapes have several lengths or ways (see `_Analyzer`)."""
    k = re_constants
    stack = [items]
    while stack:
        for op, value in stack.pop():
            if (
                op in (k.MAX_REPEAT, k.MIN_REPEAT, k.BRANCH, k.GROUPREF_EXISTS)
                or str(op) == "POSSESSIVE_REPEAT"
            ):
                return True
            stack.extend(pattern_children(op, value))
    return False


def _has_ambiguous_repeat(parsed: Any) -> bool:
    """True when some repetition's body offers choices: without one, every iteration
    consumes a fixed run and no division of the input can be tried twice, so the
    analysis (up to 120 candidate characters over the whole pattern) is skipped."""
    k = re_constants
    stack = [parsed]
    while stack:
        for op, value in stack.pop():
            repeat = op in (k.MAX_REPEAT, k.MIN_REPEAT) or str(op) == "POSSESSIVE_REPEAT"
            if repeat and _offers_choices(value[2]):
                return True
            stack.extend(pattern_children(op, value))
    return False


def pattern_argument(call: ast.Call, name: str) -> ast.expr | None:
    """The pattern passed to a call of `name`, one of `REGEX_FUNCTIONS`."""
    found = argument(
        call, REGEX_FUNCTIONS[name][0], "regex" if "validators" in name else "pattern"
    )
    if found is None and name == "django.urls.re_path":
        found = keyword(call, "route")
    return found


def flags_value(ctx: RuleContext, node: ast.expr | None) -> int | None:
    """The value of a flags argument built from `re.X` constants and `|`; None if unknown."""
    if node is None:
        return 0
    known, value = ctx.constant(node)
    if known and isinstance(value, int):
        return value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.Add)):
        left = flags_value(ctx, node.left)
        right = flags_value(ctx, node.right)
        if left is None or right is None:
            return None
        return left | right
    name = ctx.qualified_name(node)
    if name is not None:
        module, _, flag = name.rpartition(".")
        if module in ("re", "regex", "re.RegexFlag") and flag in _FLAG_NAMES:
            return _FLAG_NAMES[flag]
    return None


def _shown(pattern: str | bytes) -> str:
    text = repr(pattern)
    return text if len(text) <= 60 else text[:59] + "…"


@rule(
    id="PY-REGEX-001",
    cwe=1333,
    title="Regular expression with exponential backtracking (ReDoS)",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags constant patterns given to `re`/`regex` functions, Django `re_path` and "
        "`RegexValidator` that contain a repetition whose body can match the same run of "
        "characters in several ways (`(a+)+`, `(\\w+\\s?)*`, `(a|a?)+`, `(.*,){12}`)."
    ),
    why=(
        "Python's regex engine backtracks: on an input that almost matches, it tries every "
        "way of dividing the run among the iterations before failing. With nested or "
        "overlapping quantifiers that is exponential — about 30 characters take seconds, "
        "40 take hours — so one request can pin a CPU (regular expression denial of service)."
    ),
    fix=(
        "Make each iteration consume something the next cannot: `(\\w+\\s)*\\w*` instead of "
        "`(\\w+\\s?)*`, `a+` instead of `(a+)+`; or use a possessive quantifier/atomic group "
        "(`(?>...)`, `a++`, Python 3.11+), or cap the input length before matching."
    ),
    bad='WORDS = re.compile(r"^(\\w+\\s?)*$")',
    good='WORDS = re.compile(r"^\\w+(?:\\s\\w+)*\\s?$")',
    nodes=(ast.Call,),
    calls=REGEX_FUNCTIONS,
    references=(
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
        "https://docs.python.org/3/library/re.html#regular-expression-syntax",
    ),
    scope_note=(
        "Pattern: constant patterns only, examined for exponential ambiguity over runs of "
        "one character. Polynomial cases (`\\s*$` after `\\s+`) and patterns built from "
        "user input (regex injection) are not reported here."
    ),
)
def catastrophic_backtracking(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    positions = REGEX_FUNCTIONS.get(name or "")
    if positions is None:
        return
    known, pattern = ctx.constant(pattern_argument(node, name or ""))
    if not known or not isinstance(pattern, (str, bytes)):
        return
    flags_node = argument(node, positions[1], "flags") if positions[1] >= 0 else None
    flags = flags_value(ctx, flags_node)
    if flags is None:
        flags = 0
    fullmatch = (name or "").endswith("fullmatch")
    found = find_backtracking(pattern, flags, anchored_end=fullmatch)
    confidence = None
    caveat = ""
    if found is None and (name or "").endswith(".compile"):
        # how the compiled pattern will be used is unknown: with `fullmatch` (or as part
        # of a larger pattern) an ambiguity at its end can still be forced to backtrack
        found = find_backtracking(pattern, flags, anchored_end=True)
        confidence = Confidence.LOW
        caveat = " when the compiled pattern is used with `fullmatch`"
    if found is None:
        return
    char = repr(found.char)
    yield Issue(
        node,
        f"The pattern {_shown(pattern)} can match a run of {char} characters in exponentially "
        f"many ways (a `{found.repeat}` repetition whose body matches such runs of several "
        f"lengths); an input of about 30 {char} followed by a character that does not match "
        f"makes the match backtrack for seconds or longer{caveat}.",
        confidence=confidence,
    )
