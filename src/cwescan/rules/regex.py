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

Where patterns are declared is known in one place, `PATTERN_DECLARATIONS` (calls) and
`PATTERN_CLASSES` (validator classes whose subclasses set the pattern as a class
attribute), read through `pattern_sites` by this rule and by `rules.regex_checks`.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.walk import child_nodes
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, for_last_node, rule

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
    for declared in PATTERN_DECLARATIONS.get(name, ()):
        found = argument(call, declared.position, declared.keyword)
        if found is not None:
            return found
    return None


def flags_value(ctx: RuleContext, node: ast.expr | None) -> int | None:
    """The value of a flags argument built from `re.X` constants and `|`; None if unknown."""
    return _flags_in(ctx.resolver, ctx.scope, node)


def _flags_in(resolver: NameResolver, scope: Scope, node: ast.expr | None) -> int | None:
    if node is None:
        return 0
    known, value = resolver.constant_value(node, scope)
    if known and isinstance(value, int):
        return value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.Add)):
        left = _flags_in(resolver, scope, node.left)
        right = _flags_in(resolver, scope, node.right)
        if left is None or right is None:
            return None
        return left | right
    name = resolver.qualified_name(node, scope)
    if name is not None:
        module, _, flag = name.rpartition(".")
        if module in ("re", "regex", "re.RegexFlag") and flag in _FLAG_NAMES:
            return _FLAG_NAMES[flag]
    return None


# -- where patterns are declared -------------------------------------------------------------


@dataclass(frozen=True)
class PatternDeclaration:
    """How one callable takes a pattern: where the pattern and its flags are passed, and
    how the pattern is then applied to input (`use`)."""

    position: int  # of the pattern among the positional arguments; -1: keyword only
    keyword: str  # the pattern's keyword
    flags_position: int = -1  # -1: flags are not positional (or not taken at all)
    flags_keyword: str | None = None
    # "compile" (applied later, somehow), a `re` function's name ("search", "sub", ...),
    # "validator" (accepts or rejects an input: searched or matched from its start) or
    # "route" (a URL pattern that every request path is matched against)
    use: str = "compile"
    # pydantic v2 runs `pattern=` on the Rust `regex` crate (linear time, no
    # backtracking) unless the model is configured with regex_engine='python-re'
    pydantic_engine: bool = False
    # Django's `inverse_match`: when true the validator rejects what the pattern matches
    inverse_position: int = -1
    inverse_keyword: str | None = None
    # a validator looks for the pattern anywhere in the input (`re.search`: Django,
    # pydantic v2), or only at its start (`re.match`: pydantic v1)
    searches: bool = True


def _re_declarations() -> dict[str, tuple[PatternDeclaration, ...]]:
    table: dict[str, tuple[PatternDeclaration, ...]] = {}
    for name, (_, flags_position) in _RE_FUNCTIONS.items():
        use = name.rpartition(".")[2]
        table[name] = (PatternDeclaration(0, "pattern", flags_position, "flags", use),)
    return table


# the functions of `re` and `regex` → (position of the pattern, position of the flags)
_RE_FUNCTIONS: dict[str, tuple[int, int]] = {
    name: positions
    for name, positions in REGEX_FUNCTIONS.items()
    if name.partition(".")[0] in ("re", "regex")
}
VALIDATOR = "validator"
ROUTE = "route"
_PYDANTIC_V1_REGEX = PatternDeclaration(-1, "regex", use=VALIDATOR, searches=False)
_PYDANTIC_V2_PATTERN = PatternDeclaration(-1, "pattern", use=VALIDATOR, pydantic_engine=True)
# every callable whose argument is a regular expression that input is matched against:
# the one place the three regex rules (and their call prefilters) learn where patterns are
PATTERN_DECLARATIONS: dict[str, tuple[PatternDeclaration, ...]] = {
    **_re_declarations(),
    "django.utils.regex_helper._lazy_re_compile": (
        PatternDeclaration(0, "regex", 1, "flags", "compile"),
    ),
    "django.core.validators.RegexValidator": (
        PatternDeclaration(
            0, "regex", 4, "flags", VALIDATOR, inverse_position=3, inverse_keyword="inverse_match"
        ),
    ),
    **{
        name: (PatternDeclaration(0, "regex", use=VALIDATOR),)
        for name in ("django.forms.RegexField", "django.forms.fields.RegexField")
    },
    **{
        name: (PatternDeclaration(0, "route", use=ROUTE),)
        for name in ("django.urls.re_path", "django.urls.conf.re_path")
    },
    "django.conf.urls.url": (PatternDeclaration(0, "regex", use=ROUTE),),
    # pydantic v1 (`regex=`, run with `re`) and v2 (`pattern=`); `pydantic.v1` is v1
    **{
        f"pydantic.{name}": (_PYDANTIC_V1_REGEX, _PYDANTIC_V2_PATTERN)
        for name in ("constr", "types.constr", "Field", "fields.Field")
    },
    **{
        f"pydantic.{name}": (_PYDANTIC_V2_PATTERN,)
        for name in ("StringConstraints", "types.StringConstraints")
    },
    **{
        f"pydantic.v1.{name}": (_PYDANTIC_V1_REGEX,)
        for name in ("constr", "types.constr", "Field", "fields.Field")
    },
}
@dataclass(frozen=True)
class PatternClass:
    """A class whose subclasses declare their pattern as class attributes
    (`regex = r"..."`, `flags = re.IGNORECASE`), applied to input like its instances'."""

    pattern: str  # the attribute holding the pattern
    flags: str | None = None  # the attribute holding the flags, if the class takes any
    inverse: str | None = None  # the attribute meaning "reject what matches"
    searches: bool = True  # see `PatternDeclaration.searches`


PATTERN_CLASSES: dict[str, PatternClass] = {
    "django.core.validators.RegexValidator": PatternClass("regex", "flags", "inverse_match"),
    # pydantic v1's constrained string type (run with `re`, matched from the start)
    **{
        f"pydantic.{name}": PatternClass("regex", searches=False)
        for name in ("ConstrainedStr", "types.ConstrainedStr", "v1.ConstrainedStr",
                     "v1.types.ConstrainedStr")
    },
}
# one of these is in the text of every module that subclasses one of `PATTERN_CLASSES`
_PATTERN_CLASS_WORDS = tuple({name.rpartition(".")[2] for name in PATTERN_CLASSES})


@dataclass(frozen=True)
class PatternSite:
    """A constant pattern declared where input is matched against it."""

    node: ast.AST  # what a finding points at: the call, or the class attribute's value
    pattern: str | bytes
    flags: int  # the flags given next to the pattern (inline flags are in the pattern)
    flags_known: bool  # False when the flags are not a constant (then `flags` is 0)
    declared_by: str  # the qualified name of the call or of the validator class
    use: str  # see `PatternDeclaration.use`
    backtracking: bool = True  # False: a linear-time engine runs it (pydantic v2's default)
    # a validator that rejects the input the pattern matches (Django's inverse_match)
    # rather than the input it does not match; None when that is not a constant
    rejects_matches: bool | None = False
    searches: bool = True  # see `PatternDeclaration.searches`

    @property
    def validates(self) -> bool:
        """True when a match decides whether a whole input is accepted."""
        return self.use in (VALIDATOR, "fullmatch")

    @property
    def routes(self) -> bool:
        """True for a URL route pattern."""
        return self.use == ROUTE


def pattern_sites(node: ast.AST, ctx: RuleContext) -> list[PatternSite]:
    """The constant patterns `node` declares: those of a call of one of
    `PATTERN_DECLARATIONS`, or the class attribute of a subclass of `PATTERN_CLASSES`.

    Patterns that are not constants, not strings or bytes, or longer than `MAX_PATTERN`
    are left out. The three regex rules ask in turn; the answer is computed once.
    """
    return _sites_of_last(node, ctx)


def _find_sites(node: ast.AST, ctx: RuleContext) -> Iterator[PatternSite]:
    if isinstance(node, ast.Call):
        yield from _call_sites(node, ctx)
    elif isinstance(node, ast.ClassDef):
        yield from _validator_class_sites(node, ctx)


_sites_of_last = for_last_node(_find_sites)


def _call_sites(call: ast.Call, ctx: RuleContext) -> Iterator[PatternSite]:
    name = ctx.call_name(call)
    declarations = PATTERN_DECLARATIONS.get(name or "")
    if not declarations or name is None:
        return
    for declared in declarations:
        pattern_node = argument(call, declared.position, declared.keyword)
        if pattern_node is None:
            continue
        known, pattern = ctx.constant(pattern_node)
        if not known or not isinstance(pattern, (str, bytes)) or len(pattern) > MAX_PATTERN:
            continue
        flags_node = None
        if declared.flags_keyword is not None:
            flags_node = argument(call, declared.flags_position, declared.flags_keyword)
        flags = flags_value(ctx, flags_node)
        backtracking = not declared.pydantic_engine or _pydantic_python_re(ctx.module.tree)
        rejects: bool | None = False
        if declared.inverse_keyword is not None:
            rejects = _truth(ctx.resolver, ctx.scope, argument(
                call, declared.inverse_position, declared.inverse_keyword))
        yield PatternSite(
            call, pattern, flags or 0, flags is not None, name, declared.use, backtracking,
            rejects, declared.searches,
        )


def _truth(resolver: NameResolver, scope: Scope, node: ast.expr | None) -> bool | None:
    """Whether an optional flag argument is set: False when absent, None when unknown."""
    if node is None:
        return False
    known, value = resolver.constant_value(node, scope)
    return bool(value) if known else None


def _pydantic_python_re(tree: ast.Module) -> bool:
    """True when the module configures pydantic to run patterns with Python's `re`
    (`ConfigDict(regex_engine="python-re")`, `model_config = {"regex_engine": ...}`, a
    `Config` class attribute): its `pattern=` fields then backtrack like `re`."""
    return bool(_python_re_configured_in_last(tree))


def _python_re_configured(tree: ast.Module) -> Iterator[bool]:
    for node in ast.walk(tree):
        value: ast.expr | None = None
        if isinstance(node, ast.keyword) and node.arg == "regex_engine":
            value = node.value
        elif isinstance(node, ast.Dict):
            for key, item in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "regex_engine":
                    value = item
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "regex_engine" for t in node.targets
        ):
            value = node.value
        if isinstance(value, ast.Constant) and value.value == "python-re":
            yield True
            return


_python_re_configured_in_last = for_last_node(_python_re_configured)


def _validator_class_sites(cls: ast.ClassDef, ctx: RuleContext) -> Iterator[PatternSite]:
    """The pattern a subclass of one of `PATTERN_CLASSES` declares as a class attribute,
    with the flags (and Django's `inverse_match`) it or a base class of this module sets."""
    source = ctx.module.source
    if not cls.bases or not any(map(source.__contains__, _PATTERN_CLASS_WORDS)):
        return
    found = _pattern_class_chain(cls, ctx.scope, ctx, 0)
    if found is None:
        return
    chain, base = found
    declared = PATTERN_CLASSES[base]
    pattern_node = _class_attribute(cls, declared.pattern)
    if pattern_node is None:
        return  # the pattern is inherited (judged where it is declared) or set elsewhere
    resolver = ctx.resolver
    known, pattern = resolver.constant_value(pattern_node, resolver.scope_for(cls) or ctx.scope)
    if not known or not isinstance(pattern, (str, bytes)) or len(pattern) > MAX_PATTERN:
        return
    flags: int | None = 0
    rejects: bool | None = False
    for owner in reversed(chain):  # a subclass's attributes override its base's
        owner_scope = resolver.scope_for(owner) or ctx.scope
        flags_node = _class_attribute(owner, declared.flags) if declared.flags else None
        if flags_node is not None:
            flags = _flags_in(resolver, owner_scope, flags_node)
        inverse_node = _class_attribute(owner, declared.inverse) if declared.inverse else None
        if inverse_node is not None:
            rejects = _truth(resolver, owner_scope, inverse_node)
    yield PatternSite(
        pattern_node, pattern, flags or 0, flags is not None, base, VALIDATOR,
        rejects_matches=rejects, searches=declared.searches,
    )


def _pattern_class_chain(
    cls: ast.ClassDef, scope: Scope, ctx: RuleContext, depth: int
) -> tuple[list[ast.ClassDef], str] | None:
    """`cls` and the base classes of this module it derives from, up to the one that
    derives from one of `PATTERN_CLASSES`, and that one's qualified name; None when it
    derives from none of them."""
    for base in cls.bases:
        name = ctx.resolver.qualified_name(base, scope)
        if name in PATTERN_CLASSES:
            return [cls], name
        if depth >= 8 or not isinstance(base, ast.Name):
            continue
        parent = _module_classes_of_last(ctx.module.tree)[0].get(base.id)
        if parent is not None and parent is not cls:
            found = _pattern_class_chain(parent, ctx.resolver.module_scope, ctx, depth + 1)
            if found is not None:
                return [cls, *found[0]], found[1]
    return None


_module_classes_of_last = for_last_node(
    lambda tree: [{n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}]
)


def _class_attribute(cls: ast.ClassDef, name: str) -> ast.expr | None:
    """The value last assigned to `name` in the class body, or None."""
    value: ast.expr | None = None
    for statement in cls.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in statement.targets
        ):
            value = statement.value
        elif (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.target.id == name
            and statement.value is not None
        ):
            value = statement.value
    return value


def _shown(pattern: str | bytes) -> str:
    text = repr(pattern)
    return text if len(text) <= 60 else text[:59] + "…"


PATTERN_METHODS = frozenset({"search", "match", "fullmatch", "sub", "subn", "findall",
                             "finditer", "split"})
PatternUse = tuple[str, ast.Call, ast.AST | None]  # (method, its call, the node around it)


def _method_uses(tree: ast.Module) -> dict[str, list[PatternUse]]:
    """Calls of pattern methods in a module by the last name of the object they are
    called on (`SCRIPT_RE.sub(...)`, `self.script_re.search(...)` → `SCRIPT_RE`,
    `script_re`), with the node enclosing each call."""
    uses: dict[str, list[PatternUse]] = {}
    stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else (
                receiver.id if isinstance(receiver, ast.Name) else None)
            if name is not None and method in PATTERN_METHODS:
                uses.setdefault(name, []).append((method, node, parent))
        stack.extend((child, node) for child in child_nodes(node))
    return uses


_method_uses_of_last = for_last_node(lambda tree: [_method_uses(tree)])


def compiled_pattern_uses(ctx: RuleContext) -> list[PatternUse] | None:
    """The pattern-method calls in this module on the name the compiled pattern at the
    current node is assigned to (`NAME = re.compile(...)`, `self.name = ...`); [] when
    it is compiled and dropped, None when it is not assigned (kept in a list, passed on)."""
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Expr):
        return []
    if not isinstance(parent, (ast.Assign, ast.AnnAssign)):
        return None
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    names = [t.attr if isinstance(t, ast.Attribute) else t.id
             for t in targets if isinstance(t, (ast.Name, ast.Attribute))]
    index = _method_uses_of_last(ctx.module.tree)[0]
    return [use for name in names for use in index.get(name, ())]


# what a finding adds about how input reaches the pattern, by `PatternSite.use`
_USE_NOTES = {
    ROUTE: " Django matches the path of every request against its URL patterns, so any "
    "client can send such a path.",
    VALIDATOR: " The pattern validates input, so whoever submits the value chooses the text.",
}


@rule(
    id="PY-REGEX-001",
    cwe=1333,
    title="Regular expression with exponential backtracking (ReDoS)",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags constant patterns that contain a repetition whose body can match the same "
        "run of characters in several ways (`(a+)+`, `(\\w+\\s?)*`, `(a|a?)+`, `(.*,){12}`): "
        "patterns given to `re`/`regex` functions, Django URL routes (`re_path`, `url`), "
        "validators (`RegexValidator` and subclasses setting `regex`, `RegexField`) and "
        "pydantic field constraints (v1 `constr(regex=...)`, `Field(regex=...)`, "
        "`ConstrainedStr.regex`; v2 `pattern=` where the module runs Python's `re`)."
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
    nodes=(ast.Call, ast.ClassDef),
    calls=PATTERN_DECLARATIONS,
    references=(
        "https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS",
        "https://docs.python.org/3/library/re.html#regular-expression-syntax",
        "https://docs.pydantic.dev/latest/api/config/#pydantic.config.ConfigDict.regex_engine",
    ),
    scope_note=(
        "Pattern: constant patterns only, examined for exponential ambiguity over runs of "
        "one character. Polynomial cases (`\\s*$` after `\\s+`) and patterns built from "
        "user input (regex injection) are not reported here. pydantic v2's `pattern=` runs "
        "on the Rust `regex` crate, which never backtracks, and is reported only in modules "
        "that set `regex_engine='python-re'`."
    ),
)
def catastrophic_backtracking(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for site in pattern_sites(node, ctx):
        if site.backtracking:
            yield from _backtracking_issue(site, ctx)


def _may_be_fullmatched(ctx: RuleContext) -> bool:
    """False when the module shows how the compiled pattern at the current node is used
    and no use is `fullmatch` (after `search`/`match` nothing can fail past its end)."""
    uses = compiled_pattern_uses(ctx)
    return not uses or any(method == "fullmatch" for method, _, _ in uses)


def _backtracking_issue(site: PatternSite, ctx: RuleContext) -> Iterator[Issue]:
    pattern, flags = site.pattern, site.flags
    found = find_backtracking(pattern, flags, anchored_end=site.use == "fullmatch")
    confidence = None
    caveat = ""
    if found is None and site.use == "compile" and _may_be_fullmatched(ctx):
        # with `fullmatch` (or as part of a larger pattern) an ambiguity at the end of a
        # compiled pattern can still be forced to backtrack
        found = find_backtracking(pattern, flags, anchored_end=True)
        confidence = Confidence.LOW
        caveat = " when the compiled pattern is used with `fullmatch`"
    if found is None:
        return
    char = repr(found.char)
    yield Issue(
        site.node,
        f"The pattern {_shown(pattern)} can match a run of {char} characters in exponentially "
        f"many ways (a `{found.repeat}` repetition whose body matches such runs of several "
        f"lengths); an input of about 30 {char} followed by a character that does not match "
        f"makes the match backtrack for seconds or longer{caveat}.{_USE_NOTES.get(site.use, '')}",
        confidence=confidence,
    )
