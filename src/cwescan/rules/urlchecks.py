"""URL and host name checks an attacker's domain passes: substring tests and unescaped dots.

`"example.com" in url` holds for `https://example.com.evil.net/` and for
`https://evil.net/?example.com`; `url.startswith("https://example.com")` for
`https://example.com.evil.net`; `host.endswith("example.com")` for `evil-example.com`; a
regular expression `www.example.com` for `wwwXexample.com`, whose `.` matches any
character. Each is a validation that looks right and lets the attacker's host through.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, rule
from cwescan.rules.regex import REGEX_FUNCTIONS, pattern_argument
from cwescan.rules.secrets import identifier_words, short_code

# common top-level domains: a dotted name ending in one of these is a host name
_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|uk|de|fr|jp|cn|ru|br|in|au|ca|eu|nl|se|ch|es|it|"
    "info|biz|app|dev|ai|me|us|tv|cloud|online|site|xyz"
)
# a host name, optionally with a scheme, a port and a path: the literal of a URL check
_HOST_LITERAL = re.compile(
    rf"(?i)^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)+(?:{_TLDS})(?::\d+)?(?P<path>/.*)?$"
)
# a scheme and host followed by the `/` that ends the host: a safe `startswith` prefix
_PREFIX_WITH_PATH = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://[a-z0-9.-]+(?::\d+)?/")
# words of a name that hold one URL or host (plurals are collections of them)
_URL_WORDS = frozenset(
    {"url", "uri", "href", "link", "host", "hostname", "netloc", "domain", "origin",
     "referer", "referrer", "redirect", "next", "target", "location", "dest",
     "destination", "callback", "return", "site", "address", "addr", "endpoint"}
)


@rule(
    id="PY-URL-001",
    cwe=20,
    title="Incomplete URL check: substring, prefix or suffix of a host name",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        'Flags `"example.com" in url`, `url.startswith("https://example.com")` without '
        'the `/` that ends the host, and `host.endswith("example.com")` without the '
        "leading dot: checks of a URL or host name that an attacker's domain passes."
    ),
    why=(
        "The check is meant to allow one site, but `https://example.com.evil.net/`, "
        "`https://evil.net/?example.com` and `evil-example.com` pass it. Used to validate "
        "redirect targets, callback URLs or request origins, it opens the open redirect, "
        "SSRF or CORS bypass it was written to prevent."
    ),
    fix=(
        "Parse the URL and compare the host exactly (or as a dot-prefixed suffix): "
        '`urllib.parse.urlsplit(url).hostname in {"example.com", "www.example.com"}` '
        'or `host == "example.com" or host.endswith(".example.com")`.'
    ),
    bad='if "example.com" in url:\n    return redirect(url)',
    good='if urlsplit(url).hostname in ALLOWED_HOSTS:\n    return redirect(url)',
    nodes=(ast.Compare, ast.Call),
    methods=("startswith", "endswith"),
    references=(
        "https://codeql.github.com/codeql-query-help/python/py-incomplete-url-substring-sanitization/",
        "https://cwe.mitre.org/data/definitions/20.html",
    ),
    scope_note=(
        "Pattern: the literal must be a host name (a dotted name ending in a common "
        "top-level domain, with or without a scheme); for `in`, the other side must be "
        "named like one URL or host (`url`, `next_url`, `request.host`), not a collection "
        "(`ALLOWED_HOSTS`)."
    ),
)
def incomplete_url_check(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Compare):
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.In, ast.NotIn)):
            return
        literal = _host_literal(node.left)
        if literal is None or not _names_one_url(node.comparators[0]):
            return
        yield Issue(
            node,
            f"`{short_code(node, 60)}` also holds for `https://{_host(literal)}.evil.net/` "
            f"and `https://evil.net/?{_host(literal)}`: a substring test does not say which "
            "host the URL names.",
        )
        return
    assert isinstance(node, ast.Call)
    func = node.func
    if not isinstance(func, ast.Attribute) or len(node.args) != 1 or node.keywords:
        return
    literal = _host_literal(node.args[0])
    if literal is None:
        return
    if func.attr == "startswith" and "://" in literal and not _PREFIX_WITH_PATH.match(literal):
        yield Issue(
            node,
            f"`{short_code(node, 60)}` also holds for `{literal}.evil.net`: without the `/` "
            "that ends the host name, the prefix does not fix the host.",
        )
    elif func.attr == "endswith" and "://" not in literal and not literal.startswith("."):
        yield Issue(
            node,
            f"`{short_code(node, 60)}` also holds for `evil-{literal}`, a different domain "
            "anyone can register: compare the host exactly or check the suffix with a "
            "leading dot.",
        )


def _host_literal(node: ast.AST) -> str | None:
    """The text of a str literal naming a host (no path beyond a lone `/`), or None."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return None
    match = _HOST_LITERAL.match(node.value)
    if match is None or (match.group("path") or "/") != "/":
        return None
    return node.value


def _host(literal: str) -> str:
    host = literal.split("://", 1)[-1]
    return host.split("/", 1)[0].split(":", 1)[0]


def _names_one_url(node: ast.AST) -> bool:
    """True for `url`, `next_url`, `request.host`, `parsed.netloc`: one URL or host."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return bool(node.args) and _names_one_url(node.args[0])
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return False
    words = identifier_words(name)
    return bool(words) and words[-1] in _URL_WORDS


# -- PY-URL-002: host names in regular expressions with unescaped dots ------------------

_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
# a dotted host name ending in a common top-level domain, as written in a pattern
_HOST_IN_PATTERN = re.compile(
    rf"(?i)(?<![A-Za-z0-9\\-])(?:[a-z0-9-]+(?:\\\.|\.))+(?:{_TLDS})(?![A-Za-z0-9-])"
)
_UNESCAPED_DOT = re.compile(r"(?<!\\)\.")


@rule(
    id="PY-URL-002",
    cwe=20,
    title="Host name in a regular expression with an unescaped dot",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags constant patterns given to `re`/`regex` functions in which a host name "
        "such as `www.example.com` has a `.` that is not escaped."
    ),
    why=(
        "In a regular expression `.` matches any character, so `^https://www.example.com/` "
        "also matches `https://wwwXexample.com/` — a domain an attacker can register. "
        "Host checks written this way let the attacker's site through."
    ),
    fix=(
        "Escape the dots (`www\\.example\\.com`), or build the pattern with "
        '`re.escape("www.example.com")`; better, parse the URL and compare the host.'
    ),
    bad='if re.match(r"^https://(www|api).example.com/", url):',
    good='if re.match(r"^https://(www|api)\\.example\\.com/", url):',
    nodes=(ast.Call,),
    calls=REGEX_FUNCTIONS,
    references=(
        "https://codeql.github.com/codeql-query-help/python/py-incomplete-hostname-regexp/",
        "https://cwe.mitre.org/data/definitions/20.html",
    ),
    scope_note=(
        "Pattern: constant patterns only; a dotted name counts as a host name when it "
        "ends in a common top-level domain. Dots inside character classes are literal and "
        "not reported."
    ),
)
def unescaped_host_dot(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node) or ""
    if name not in REGEX_FUNCTIONS:
        return
    known, pattern = ctx.constant(pattern_argument(node, name))
    if not known or not isinstance(pattern, str):
        return
    outside_classes = _CHAR_CLASS.sub("_", pattern)
    for match in _HOST_IN_PATTERN.finditer(outside_classes):
        host = match.group(0)
        if _UNESCAPED_DOT.search(host):
            yield Issue(
                node,
                f"In the pattern {short_code(node.args[0], 50)}, the `.` in `{host}` "
                f"matches any character: `{_UNESCAPED_DOT.sub('X', host, count=1)}`, "
                "a different domain, matches too.",
            )
            return
