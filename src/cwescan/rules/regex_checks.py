"""Regular expressions that check less than they seem to: character ranges wider than
meant (CWE-20) and HTML tag filters a browser's parser walks around (CWE-116).

Both rules read the constant patterns `rules.regex.pattern_sites` finds: those given to
the `re`/`regex` functions, Django's `_lazy_re_compile`, validators (`RegexValidator`
and its subclasses' `regex` attribute, `RegexField`) and URL routes (`re_path`, `url`),
and pydantic's field constraints (`constr`, `Field`, `StringConstraints`, v1's
`ConstrainedStr`). Ranges are read from the standard library's own parse of the
pattern (never from its text), so escapes, verbose patterns, inline flags and bytes
patterns are seen as `re` sees them. Tag filters are judged by what they do: the pattern
is compiled with its flags and run on a few short strings that a filter matching one
tag must also match (`<SCRIPT>`, `</script >`, a newline in the element, `--!>`).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, rule
from cwescan.rules.regex import (
    DOTALL,
    IGNORECASE,
    PATTERN_DECLARATIONS,
    PATTERN_METHODS,
    VALIDATOR,
    PatternSite,
    compiled_pattern_uses,
    find_backtracking,
    pattern_children,
    pattern_sites,
    re_constants,
    re_parser,
)


def _parse(found: PatternSite) -> Any | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FutureWarning on `[[` and the like
            return re_parser.parse(found.pattern, found.flags)
    except Exception:  # noqa: BLE001 - a pattern `re` rejects is not judged here
        return None


# -- PY-REGEX-002: overly permissive character ranges --------------------------------------

_DIGITS = (0x30, 0x39)
_UPPER = (0x41, 0x5A)
_LOWER = (0x61, 0x7A)
_GROUP_NAMES = {_DIGITS: "digits", _UPPER: "upper-case letters", _LOWER: "lower-case letters"}
# ranges whose bounds line up with the columns of the ASCII table: written on purpose
# (`0-?` is 0x30-0x3f, `@-Z` the letters and `@`, `@-_` the caret-notation controls)
_ASCII_COLUMNS = frozenset(
    {(0x30, 0x3F), (0x40, 0x5A), (0x40, 0x5F), (0x60, 0x7A), (0x60, 0x7F), (0x20, 0x2F),
     (0x20, 0x3F), (0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E), (0x20, 0x40),
     (0x21, 0x40)}
)
_WIDE = 10  # CodeQL's threshold: ranges of fewer characters are not called overly wide
Interval = tuple[int, int]


def _category_intervals(category: Any) -> list[Interval] | None:
    """The ASCII characters of `\\d`, `\\w`, `\\s` (enough to see overlaps); None for others."""
    name = str(category)
    if "NOT" in name:
        return None
    if "DIGIT" in name:
        return [_DIGITS]
    if "WORD" in name:
        return [_DIGITS, _UPPER, (0x5F, 0x5F), _LOWER]
    if "SPACE" in name:
        return [(0x09, 0x0D), (0x20, 0x20)]
    return None


def _group(code: int) -> Interval | None:
    for group in (_DIGITS, _UPPER, _LOWER):
        if group[0] <= code <= group[1]:
            return group
    return None


def _is_punctuation(code: int) -> bool:
    return 0x20 <= code <= 0x7E and _group(code) is None


def _show_char(code: int) -> str:
    if 0x21 <= code <= 0x7E:
        char = chr(code)
        return "\\" + char if char in "\\]^-[" else char
    if code == 0x20:
        return " "
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _show_interval(low: int, high: int) -> str:
    if low == high:
        return _show_char(low)
    return f"{_show_char(low)}-{_show_char(high)}"


_CATEGORY_TEXT = {
    "CATEGORY_DIGIT": "\\d",
    "CATEGORY_NOT_DIGIT": "\\D",
    "CATEGORY_WORD": "\\w",
    "CATEGORY_NOT_WORD": "\\W",
    "CATEGORY_SPACE": "\\s",
    "CATEGORY_NOT_SPACE": "\\S",
}


def _show_item(op: Any, value: Any) -> str:
    if op is re_constants.RANGE:
        return _show_interval(*value)
    if op is re_constants.LITERAL:
        return _show_char(value)
    if op is re_constants.CATEGORY:
        return _CATEGORY_TEXT.get(str(value), "?")
    return ""


def _show_class(items: Sequence[tuple[Any, Any]]) -> str:
    shown = ("^" if op is re_constants.NEGATE else _show_item(op, v) for op, v in items)
    return "[" + "".join(shown) + "]"


def _runs(codes: Iterable[int]) -> list[Interval]:
    runs: list[Interval] = []
    for code in sorted(set(codes)):
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _show_codes(codes: Iterable[int], limit: int = 10) -> str:
    """`[`, `\\`, `]`, the digits and the upper-case letters: characters as a reader lists
    them (whole groups of letters or digits by name, a part of one as a range)."""
    wanted = set(codes)
    parts: list[str] = []
    for group, name in _GROUP_NAMES.items():
        members = set(range(group[0], group[1] + 1))
        inside = wanted & members
        if inside == members:
            parts.append(f"the {name}")
        elif inside:
            parts.extend(f"`{_show_interval(low, high)}`" for low, high in _runs(inside))
        wanted -= members
    for code in sorted(wanted):
        char = chr(code) if 0x21 <= code <= 0x7E else _show_char(code)
        parts.append("`` ` ``" if char == "`" else f"`{char}`")
    if len(parts) > limit:
        parts = parts[:limit] + [f"{len(parts) - limit} more"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _intervals(op: Any, value: Any) -> list[Interval] | None:
    if op is re_constants.RANGE:
        return [value]
    if op is re_constants.LITERAL:
        return [(value, value)]
    if op is re_constants.CATEGORY:
        return _category_intervals(value)
    return None


def _covered(intervals: Iterable[Interval], code: int) -> bool:
    return any(low <= code <= high for low, high in intervals)


def _overlaps(first: Interval, second: Interval) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


@dataclass
class _RangeProblem:
    low: int
    high: int
    extras: list[int]  # characters the range adds beyond what was meant
    confidence: Confidence
    fix: str
    overlap: str = ""  # another item of the class the range overlaps
    redundant: bool = False  # only overlaps, adds nothing unexpected


def _character_classes(parsed: Any) -> Iterator[list[tuple[Any, Any]]]:
    """The item lists of every character class (`[...]`) in a parsed pattern."""
    stack = [parsed]
    seen = 0
    while stack and seen < 20000:
        for op, value in stack.pop():
            seen += 1
            if op is re_constants.IN:
                yield list(value)
            else:
                stack.extend(pattern_children(op, value))


def _intended_split(low: int, high: int, present: Sequence[Interval]) -> str:
    """The ranges a range across letter/digit groups was most likely meant as, less those
    the class already has: `A-z` → `A-Za-z`, `A-f` → `A-Fa-f` (`A-F` beside `a-f`),
    `0-z` → `0-9a-z`, `7-F` → `7-9A-F`."""
    first, last = _group(low), _group(high)
    assert first is not None and last is not None
    parts = [(low, first[1]), (last[0], high)]
    if first in (_UPPER, _LOWER) and last in (_UPPER, _LOWER):
        offset_low, offset_high = low - first[0], high - last[0]
        if offset_low <= offset_high:  # the same letters in both cases
            parts = [(_UPPER[0] + offset_low, _UPPER[0] + offset_high),
                     (_LOWER[0] + offset_low, _LOWER[0] + offset_high)]
    missing = [
        part for part in parts
        if not all(_covered(present, c) for c in range(part[0], part[1] + 1))
    ]
    return "".join(_show_interval(*part) for part in missing or parts)


def _judge_range(
    low: int, high: int, others: Sequence[tuple[Any, Any]]
) -> _RangeProblem | None:
    """What is wrong with the range `low-high` of a class whose other items are `others`."""
    if low < 0x20 or low > 0x7E:
        return None  # control characters or non-ASCII: written as code points, on purpose
    if high >= 0x7E and _group(low) is None:
        return None  # ` -~`, `!-~`, `#-\uffff`: "every printable character" on purpose
    if (low, high) in _ASCII_COLUMNS:
        return None
    other_intervals: list[Interval] = []
    for op, value in others:
        found = _intervals(op, value)
        if found:
            other_intervals.extend(found)
    overlap = next(
        (
            _show_item(op, value)
            for op, value in others
            if op in (re_constants.RANGE, re_constants.CATEGORY)
            and any(_overlaps((low, high), i) for i in _intervals(op, value) or ())
        ),
        "",
    )
    groups = [g for g in (_DIGITS, _UPPER, _LOWER) if _overlaps(g, (low, high))]
    punctuation = [c for c in range(low, min(high, 0x7E) + 1) if _is_punctuation(c)]
    first, last = _group(low), _group(high)
    if first is not None and last is not None and first != last:
        # from one group of letters or digits to another: `A-z`, `0-z`, `7-F`, `A-f`
        meant = {first, last}
        extras = [
            c for c in range(low, high + 1)
            if _group(c) not in meant and not _covered(other_intervals, c)
        ]
        if not extras:
            return None
        crosses_letters = low <= _UPPER[1] and high >= _LOWER[0]
        return _RangeProblem(
            low, high, extras,
            Confidence.HIGH if crosses_letters or overlap else Confidence.MEDIUM,
            f"write `{_intended_split(low, high, other_intervals)}` in place of "
            f"`{_show_interval(low, high)}`",
            overlap,
        )
    if _lists_code_points(low, high, others):
        return None
    if high - low >= _WIDE and (len(groups) >= 2 or (groups and punctuation)):
        # a wide range from or to punctuation across letters or digits: `.-_`, `$-\``,
        # `+-<`, `0-~`; most often a `-` meant as a literal hyphen
        extras = [
            c for c in range(low, high + 1)
            if c not in (low, high, 0x2D) and not _covered(other_intervals, c)
        ]
        if not extras:
            return None
        return _RangeProblem(
            low, high, extras, Confidence.MEDIUM, _literal_hyphen_fix(low, high), overlap
        )
    if first is None and last is None and 2 <= high - low < _WIDE and high <= 0x7E:
        # a short run of punctuation: `+-/` is `+,-./`, written for `+`, `-` and `/`
        extras = [
            c for c in range(low, high + 1)
            if c not in (low, high, 0x2D) and not _covered(other_intervals, c)
        ]
        if extras and low < 0x2D < high:
            return _RangeProblem(
                low, high, extras, Confidence.LOW, _literal_hyphen_fix(low, high), overlap
            )
        return None
    if overlap:
        return _RangeProblem(low, high, [], Confidence.LOW, "", overlap, redundant=True)
    return None


def _lists_code_points(low: int, high: int, others: Sequence[tuple[Any, Any]]) -> bool:
    """True when the class is a table of code points rather than a list of characters:
    it has ranges of control or non-ASCII characters (`[\\x01-\\x08!#-\\[\\]-\\x7f]`,
    RFC 5322's quoted text), or ranges of punctuation that stop one or two characters
    short of each other to leave those out (`[!-9;-~]`, every printable character but
    `:`)."""
    for op, value in others:
        if op is not re_constants.RANGE:
            continue
        other_low, other_high = value
        if other_low < 0x20 or other_high > 0x7E:
            return True
        beside = 2 <= other_low - high <= 3 or 2 <= low - other_high <= 3
        if beside and any(map(_is_punctuation, range(other_low, other_high + 1))):
            return True  # not `a-z`: a range of letters beside a gap is just letters
    return False


def _literal_hyphen_fix(low: int, high: int) -> str:
    return (
        f"if `-` is meant as a hyphen, escape it or put it last: "
        f"`{_show_char(low)}\\-{_show_char(high)}`"
    )


def _validates(found: PatternSite, parsed: Any) -> bool:
    """True when the pattern accepts or rejects a whole input (anchored at its end, or a
    validator): a wider range there lets unexpected input through."""
    if found.validates:
        return True
    items = list(parsed)
    if not items:
        return False
    op, value = items[-1]
    return op is re_constants.AT and "END" in str(value)


@rule(
    id="PY-REGEX-002",
    cwe=20,
    title="Overly permissive regular expression range",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags character ranges in constant patterns (`re`/`regex` functions; Django "
        "`RegexValidator` and its subclasses' `regex`, `RegexField`, `re_path`/`url` routes; "
        "pydantic `constr`, `Field` and `StringConstraints` `pattern=`/`regex=`, v1 "
        "`ConstrainedStr`) whose bounds lie in different groups of "
        "letters and digits (`[A-z]`, `[0-z]`, `[a-fA-f]`), that run from punctuation across "
        "letters or digits (`[.-_]`, `[+-<]`), that turn a hyphen meant literally into a "
        "range (`[+-/]`), or that overlap another range of the same class (`[0-93-5]`)."
    ),
    why=(
        "A range takes every code point between its bounds: `[A-z]` also matches `[`, `\\`, "
        "`]`, `^`, `_` and `` ` ``, and `[a-z.-_]` matches `/`, `:`, `<`, `>` and the "
        "upper-case letters. A validator built on such a class accepts characters it was "
        "written to keep out — path separators, quotes, angle brackets — and the input "
        "reaches code that trusted the check."
    ),
    fix=(
        "List each group on its own (`[A-Za-z]`, `[0-9a-fA-F]`); escape a hyphen meant "
        "literally or put it last in the class (`[.\\-_]`, `[._-]`)."
    ),
    bad='USERNAME = re.compile(r"^[A-z0-9_]{3,30}$")',
    good='USERNAME = re.compile(r"^[A-Za-z0-9_]{3,30}$")',
    nodes=(ast.Call, ast.ClassDef),
    calls=PATTERN_DECLARATIONS,
    references=(
        "https://codeql.github.com/codeql-query-help/python/py-overly-large-range/",
        "https://cwe.mitre.org/data/definitions/20.html",
    ),
    scope_note=(
        "Pattern: constant patterns only. Ranges written in code points outside printable "
        "ASCII (`\\x00-\\x1f`, `\\u0400-\\u04ff`), the printable-ASCII ranges (` -~`, "
        "`!-~`) and ranges along the columns of the ASCII table (`0-?`, `@-Z`) are "
        "intentional and not reported. Medium severity where the pattern validates a whole "
        "input (anchored at its end, `fullmatch`, validators and pydantic fields), low "
        "elsewhere; a range that "
        "only repeats another one of its class is low confidence."
    ),
)
def overly_large_range(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for found in pattern_sites(node, ctx):
        yield from _range_issues(found)


def _range_issues(found: PatternSite) -> Iterator[Issue]:
    node = found.node
    parsed = _parse(found)
    if parsed is None:
        return
    severity = Severity.MEDIUM if _validates(found, parsed) else Severity.LOW
    reported = 0
    for items in _character_classes(parsed):
        negated = any(op is re_constants.NEGATE for op, _ in items)
        problems = []
        for index, (op, value) in enumerate(items):
            if op is re_constants.RANGE:
                others = items[:index] + items[index + 1 :]
                problem = _judge_range(value[0], value[1], others)
                if problem is not None:
                    problems.append(problem)
        # a range that only repeats another is worth a word when nothing else is wrong
        wrong = [p for p in problems if not p.redundant] or problems[:1]
        for problem in wrong:
            yield _range_issue(node, problem, items, negated, severity)
            reported += 1
            if reported >= 3:
                return


def _range_issue(
    node: ast.AST,
    problem: _RangeProblem,
    items: Sequence[tuple[Any, Any]],
    negated: bool,
    severity: Severity,
) -> Issue:
    written = _show_interval(problem.low, problem.high)
    where = f"The range `{written}` in `{_show_class(items)}`"
    if problem.redundant:
        return Issue(
            node,
            f"{where} overlaps `{problem.overlap}` in the same class: one of the two adds "
            "nothing, which usually means a different range was meant (a typo in a bound).",
            remediation="Check which characters the class should match and remove or correct "
            "the overlapping range.",
            severity=Severity.LOW,
            confidence=Confidence.LOW,
        )
    verb = "also excludes" if negated else "also matches"
    text = f"{where} {verb} {_show_codes(problem.extras)}"
    if problem.overlap:
        text += f", and overlaps `{problem.overlap}` of the same class (a sign of a typo)"
    ends = (_group(problem.low), _group(problem.high))
    groups = [n for g, n in _GROUP_NAMES.items() if g in ends]
    if None not in ends and ends[0] != ends[1]:
        text += f": it runs from the {groups[0]} to the {groups[-1]} across what lies between"
    text += "."
    return Issue(
        node,
        text,
        remediation=problem.fix[0].upper() + problem.fix[1:] + ".",
        severity=Severity.LOW if negated else severity,
        confidence=problem.confidence,
    )


# -- PY-REGEX-003: HTML tag filters a browser walks around ---------------------------------

# elements a filter removes or looks for because they run script, load content, style
# the page or change where links and forms go (`<title>` or `<b>` left behind harm nothing)
_ELEMENTS = (
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "img", "link", "meta", "base", "form", "noscript", "template",
)
_ELEMENT_WORD = re.compile(r"(?i)(?<![a-z])(" + "|".join(_ELEMENTS) + r")(?![a-z])")


def _mixed_case(name: str) -> str:
    return "".join(c.upper() if i % 2 else c for i, c in enumerate(name))


@dataclass(frozen=True)
class _Variant:
    """An input a correct filter for a tag must match as well as the plain one."""

    text: str
    misses: str  # what the filter misses, as "<misses> such as `text`"
    fix: str
    needs: str = ""  # the text of a variant that must match first (else this one is moot)


def _element_variants(name: str, attribute: str = "") -> tuple[str, list[_Variant]]:
    """The plain element and its variants; `attribute` is added to every start tag (for
    filters written for tags with attributes)."""
    upper, mixed = name.upper(), _mixed_case(name)
    mixed_end = "".join(c.swapcase() for c in mixed)
    a = attribute
    base = f"<{name}{a}> foo </{name}>"
    accept_attributes = f"accept any attribute text: `<{name}\\b[^>]*>`"
    end_tag = f"accept anything up to `>` in the end tag: `</{name}[^>]*>`"
    variants = [
        _Variant(f"<{upper}{a}> foo </{upper}>", "upper-case tags", "compile with re.IGNORECASE"),
        _Variant(
            f"<{mixed}{a}> foo </{mixed_end}>",
            "mixed-case tags",
            "compile with re.IGNORECASE",
            needs=f"<{upper}{a}> foo </{upper}>",
        ),
        _Variant(f"<{name}{a}\nid=x> foo </{name}>", "a line break inside the tag",
                 "compile with re.DOTALL or use `[^>]*` inside the tag"),
        _Variant(f"<{name}{a}>\nfoo\n</{name}>", "content spanning lines",
                 "compile with re.DOTALL (or match the content with `[\\s\\S]*?`)"),
        _Variant(f"<{name}{a}> foo </{name} >", "end tags with a space before `>`", end_tag),
        _Variant(f"<{name}{a}> foo </{name}\t\n bar>", "end tags with whitespace and attributes",
                 end_tag, needs=f"<{name}{a}> foo </{name} >"),
        _Variant(f"<{name}{a}\tid=x> foo </{name}>",
                 "a tab between the tag name and an attribute", accept_attributes),
    ]
    if not attribute:
        variants[2:2] = [
            _Variant(f'<{name} id="x"> foo </{name}>', "start tags with attributes",
                     accept_attributes),
            _Variant(f"<{name} id='x'> foo </{name}>", "attributes in single quotes",
                     accept_attributes, needs=f'<{name} id="x"> foo </{name}>'),
        ]
    return base, variants


_COMMENT = "<!-- foo -->"
_COMMENT_VARIANTS = [
    _Variant("<!-- foo --!>", "comments closed by `--!>` (browsers end the comment there)",
             "accept `--!?>` as the end of a comment"),
    _Variant("<!-- foo\nbar -->", "comments spanning lines", "compile with re.DOTALL"),
]
_GENERIC_TAG = "<b>"
_GENERIC_BASE = "<img src=x>"
_GENERIC_VARIANTS = [
    _Variant("<IMG SRC=x>", "upper-case tags", "compile with re.IGNORECASE"),
    _Variant("<img\nsrc=x onerror=alert(1)>", "a line break inside the tag",
             "compile with re.DOTALL or use `[^>]*`"),
    _Variant("<img\tsrc=x onerror=alert(1)>", "a tab inside the tag", "use `<[^>]*>`"),
]
# removal: a filter's replacement text is empty or blank
_REMOVAL_REPLACEMENTS = frozenset({"", " ", b"", b" "})


@dataclass
class _Miss:
    example: str
    misses: str
    fix: str
    detail: str = ""


class _Probe:
    """A compiled pattern run on test strings. A filter catches a string its pattern
    matches from the first character (it finds the tag where the tag begins); a validator
    that accepts only what its pattern matches (a deny list written as `^(?!.*<script)`)
    catches a string its pattern does not find (`accepting`)."""

    def __init__(
        self, compiled: re.Pattern[Any], is_bytes: bool, accepting: bool, searches: bool
    ) -> None:
        self.compiled = compiled
        self.is_bytes = is_bytes
        self.accepting = accepting
        self.searches = searches  # how an accepting validator applies the pattern

    def match(self, text: str) -> re.Match[Any] | None:
        subject: str | bytes = text.encode("latin-1") if self.is_bytes else text
        return self.compiled.match(subject)

    def catches(self, text: str) -> bool:
        if self.accepting:
            subject: str | bytes = text.encode("latin-1") if self.is_bytes else text
            find = self.compiled.search if self.searches else self.compiled.match
            return find(subject) is None
        return self.match(text) is not None

    def misses(self, base: str, variants: Sequence[_Variant]) -> list[_Miss]:
        found: list[_Miss] = []
        for variant in variants:
            if variant.needs and not self.catches(variant.needs):
                continue
            if not self.catches(variant.text):
                found.append(_Miss(variant.text, variant.misses, variant.fix))
        return found


def _text(pattern: str | bytes) -> str:
    return pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern


def _compile(found: PatternSite) -> re.Pattern[Any] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return re.compile(found.pattern, found.flags & ~re_constants.SRE_FLAG_DEBUG)
    except Exception:  # noqa: BLE001 - `re` rejects it (or it is `regex`-only syntax)
        return None


def _tag_filter_misses(
    probe: _Probe, found: PatternSite, removal: bool
) -> tuple[str, list[_Miss]] | None:
    """What a tag filter misses: (the plain input it catches, the variants it misses)."""
    text = _text(found.pattern)
    for word in dict.fromkeys(m.group(1).lower() for m in _ELEMENT_WORD.finditer(text)):
        base, variants = _element_variants(word)
        if not probe.catches(base):
            # a filter for tags with attributes (`<iframe\s[^>]*>`): judged from those
            base, variants = _element_variants(word, ' id="x"')
            if not probe.catches(base):
                continue
        misses = probe.misses(base, variants)
        if misses:
            return base, misses
    if probe.catches(_COMMENT):
        if not probe.catches(_GENERIC_TAG):
            misses = probe.misses(_COMMENT, _COMMENT_VARIANTS)
            if misses:
                return _COMMENT, misses
        comment = probe.match(_COMMENT)
        group_miss = None
        if comment is not None and not probe.accepting:
            group_miss = _comment_group_miss(probe, comment)
        if group_miss is not None:
            return _COMMENT, [group_miss]
    if removal and probe.catches(_GENERIC_TAG) and probe.catches(_GENERIC_BASE):
        misses = probe.misses(_GENERIC_BASE, _GENERIC_VARIANTS)
        if misses:
            return _GENERIC_BASE, misses
    return None


def _comment_group_miss(probe: _Probe, comment: re.Match[Any]) -> _Miss | None:
    """CVE-2021-33829's shape: `-->` and `--!>` comments matched by different groups."""
    if probe.compiled.groups < 2:
        return None
    other = probe.match("<!-- foo --!>")
    if other is None:
        return None
    groups = range(1, probe.compiled.groups + 1)
    filled = [g for g in groups if comment.group(g) is not None]
    other_filled = [g for g in groups if other.group(g) is not None]
    if filled and other_filled and not set(filled) & set(other_filled):
        return _Miss(
            "<!-- foo --!>",
            "comments closed by `--!>` as comments",
            "treat `--!>` as the end of a comment in the same group (`--!?>`)",
            f" (group {filled[0]} holds comments closed by `-->`, these fall to group "
            f"{other_filled[0]}, the code's other case)",
        )
    return None


def _shown_pattern(pattern: str | bytes) -> str:
    text = " ".join(repr(pattern).split())
    return f"`{text}`" if len(text) <= 70 else f"`{text[:69]}…`"


def _shown_example(text: str) -> str:
    return repr(text)[1:-1].replace("`", "\\`")


# where a match result decides something (an `assert` in a test checks output instead)
_CONDITION_PARENTS = (ast.If, ast.While, ast.IfExp, ast.BoolOp, ast.UnaryOp, ast.Compare,
                      ast.Return)
_MATCH_METHODS = frozenset({"search", "match", "fullmatch"})


@dataclass
class _Use:
    """One way a pattern is used: "removes" (sub), "detects" (a match tested as a
    condition) or "extracts" (findall, a match whose groups are read)."""

    kind: str
    removal: bool = False  # a sub whose replacement is empty or blank


def _use_kind(method: str, call: ast.Call, parent: ast.AST | None, repl: ast.expr | None,
              ctx: RuleContext) -> _Use:
    if method in ("sub", "subn"):
        known, value = ctx.constant(repl)
        return _Use("removes", known and value in _REMOVAL_REPLACEMENTS)
    if method in _MATCH_METHODS and (
        isinstance(parent, _CONDITION_PARENTS)
        or isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name)
        and parent.func.id in ("bool", "any", "all")
    ):
        return _Use("detects")
    return _Use("extracts")


def _uses(found: PatternSite, ctx: RuleContext) -> list[_Use] | None:
    """How the pattern is used, as far as this module shows; None when a compiled
    pattern's uses are not visible (kept in a list, exported, passed on)."""
    method, node = found.use, found.node
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if method in PATTERN_METHODS and isinstance(node, ast.Call):
        repl = argument(node, 1, "repl")
        return [_use_kind(method, node, parent, repl, ctx)]
    if found.validates:
        return [_Use("detects")]  # a validator accepts or rejects the input
    calls = compiled_pattern_uses(ctx)
    if calls is None:
        return None
    found_uses = [
        _use_kind(m, call, where, call.args[0] if call.args else None, ctx)
        for m, call, where in calls
    ]
    return found_uses or ([] if isinstance(parent, ast.Expr) else None)


@rule(
    id="PY-REGEX-003",
    cwe=116,
    title="Bad HTML filtering regular expression",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags constant patterns that match an HTML tag or comment to remove or detect it "
        "(`<script>.*?</script>`, `<!--.*?-->`) but miss forms a browser still parses as "
        "that tag: upper case, attributes, a line break, `</script >`, `--!>`; given to "
        "`re`/`regex` functions or declared by validators (Django `RegexValidator` and "
        "subclasses, `RegexField`, pydantic `constr`/`Field`/`StringConstraints`), where a "
        "deny list such as `^(?!.*<script).*$` is judged by what it lets through. Found by "
        "running the compiled pattern, with its flags, on such inputs."
    ),
    why=(
        "Browsers parse HTML leniently: `<SCRIPT>`, `<script\\nsrc=...>`, "
        "`</script foo>` and a comment closed by `--!>` all work. A filter that matches "
        "only the textbook spelling leaves the attacker's variant in place, and the "
        "'sanitized' output runs script (cross-site scripting)."
    ),
    fix=(
        "Do not filter HTML with regular expressions: clean it with an HTML sanitizer "
        "(`nh3.clean`, `bleach.clean`) or escape it (`html.escape`, `markupsafe.escape`). "
        "A regex that must stay needs re.IGNORECASE | re.DOTALL and end tags like "
        "`</script[^>]*>`."
    ),
    bad='clean = re.sub(r"<script>.*?</script>", "", html)',
    good="clean = nh3.clean(html)",
    nodes=(ast.Call, ast.ClassDef),
    calls=PATTERN_DECLARATIONS,
    references=(
        "https://codeql.github.com/codeql-query-help/python/py-bad-tag-filter/",
        "https://html.spec.whatwg.org/multipage/parsing.html#comment-end-bang-state",
        "https://cwe.mitre.org/data/definitions/116.html",
    ),
    scope_note=(
        "Pattern: constant patterns that match a dangerous element (`script`, `style`, "
        "`iframe`, ... named in the pattern) or a comment from its `<`; generic tag "
        "patterns (`<.*?>`) only when `re.sub` removes what they match. Patterns that "
        "extract (findall, a match whose groups are read) are parsing, not filtering, and "
        "are not reported; a compiled pattern is judged by its uses in the module (by the "
        "pattern alone, at low confidence, when they are not visible). Flags that are not "
        "constants are taken to include re.IGNORECASE and re.DOTALL. A Django validator "
        "rejects what its pattern matches only with `inverse_match`; otherwise it, like a "
        "pydantic constraint, accepts only what the pattern finds. URL routes are never "
        "filters. Patterns with "
        "exponential backtracking are left to PY-REGEX-001 (running them is not safe)."
    ),
)
def bad_tag_filter(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for found in pattern_sites(node, ctx):
        if not found.routes:  # a URL route is matched against paths, never HTML
            yield from _tag_filter_issues(found, ctx)


def _tag_filter_issues(found: PatternSite, ctx: RuleContext) -> Iterator[Issue]:
    node = found.node
    if not found.flags_known:
        # flags from a variable may hold re.IGNORECASE | re.DOTALL: only what the
        # pattern misses with both is reported
        found = replace(found, flags=found.flags | IGNORECASE | DOTALL)
    if "<" not in _text(found.pattern):
        return
    uses = _uses(found, ctx)
    filtering = [u for u in uses or () if u.kind != "extracts"]
    if uses is not None and not filtering:
        return  # parsing known markup (findall, groups read), not filtering it
    removal = any(u.removal for u in filtering)
    text = _text(found.pattern)
    if not (removal or "!-" in text or _ELEMENT_WORD.search(text)):
        return  # names no element we look at and no comment
    if find_backtracking(found.pattern, found.flags, anchored_end=True) is not None:
        return  # running it could take forever even on short inputs (PY-REGEX-001's case)
    compiled = _compile(found)
    if compiled is None:
        return
    # a validator rejects what its pattern matches only with Django's inverse_match;
    # otherwise it accepts only what the pattern finds (a deny list in a look-ahead)
    accepting = found.use == VALIDATOR and found.rejects_matches is False
    if found.use == VALIDATOR and found.rejects_matches is None:
        return  # which of the two is not known here
    probe = _Probe(compiled, isinstance(found.pattern, bytes), accepting, found.searches)
    judged = _tag_filter_misses(probe, found, removal)
    if judged is None:
        return
    base, misses = judged
    shown = misses[:3]
    listed = "; ".join(
        f"{m.misses} such as `{_shown_example(m.example)}`{m.detail}" for m in shown
    )
    kinds = {u.kind for u in filtering}
    verb = "removes" if "removes" in kinds else "detects" if kinds else "matches"
    if accepting:
        verb = "rejects"
    fixes = list(dict.fromkeys(m.fix for m in shown))
    missing = [
        name
        for flag, name in ((IGNORECASE, "re.IGNORECASE"), (DOTALL, "re.DOTALL"))
        if not compiled.flags & flag and any(name in m.fix for m in shown)
    ]
    flags_hint = f" (compiled without {' and '.join(missing)})" if missing else ""
    yield Issue(
        node,
        f"The pattern {_shown_pattern(found.pattern)} "
        f"{verb} `{_shown_example(base)}`{flags_hint} but not {listed}: a browser parses "
        "these as the same markup, so they pass the filter.",
        remediation=(
            "Use an HTML sanitizer (`nh3.clean`, `bleach.clean`) or escape the text "
            "(`html.escape`, `markupsafe.escape`) instead of a regular expression; to keep "
            "the regex, " + "; ".join(fixes) + "."
        ),
        confidence=None if filtering else Confidence.LOW,
    )
