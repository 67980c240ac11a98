import re
import re as regexp
from re import compile as rx

import regex
from django.core.validators import RegexValidator
from django.urls import re_path

WORDS = r"^(\w+\s?)*$"
SAFE_WORDS = r"^\w+(?:\s\w+)*$"


def patterns(text, user_pattern):
    # expect: PY-REGEX-001
    re.compile(r"^(a+)+$")
    # expect: CWE-1333
    re.match(WORDS, text)
    # expect: PY-REGEX-001
    regexp.search(r"(x+x+)+y", text)
    # expect: PY-REGEX-001
    rx(r"<!--(.|\s)*?-->")
    # expect: PY-REGEX-001
    re.fullmatch(r"(a|a?)+", text)
    # expect: PY-REGEX-001
    re.sub(r"(\d+)*\.", "", text)
    # expect: PY-REGEX-001
    re.findall(r"(?:.*,)*[ \t]*([^ \t]+)[ \t]+realm=", text)
    # expect: PY-REGEX-001
    regex.compile(r"^(([a-z])+.)+[A-Z]([a-z])+$")
    # many bounded repetitions behave like unbounded ones
    # expect: PY-REGEX-001
    re.compile(r"^(.*?,){12}P")
    # verbose patterns are parsed as verbose
    # expect: PY-REGEX-001
    re.compile(r"( a + ) + $", re.VERBOSE)
    # a compiled pattern with the ambiguity at its very end: only `fullmatch` can force it
    # expect: PY-REGEX-001
    re.compile(r"(\w+\s?)*")
    # the same pattern searched directly succeeds at once: nothing after it can fail
    # safe: PY-REGEX-001
    re.search(r"(\w+\s?)*", text)
    # safe: PY-REGEX-001
    re.compile(r"(ab)+")
    # safe: PY-REGEX-001
    re.compile(r"\d+")
    # safe: PY-REGEX-001
    re.match(r"[a-z]+@", text)
    # safe: PY-REGEX-001
    re.match(SAFE_WORDS, text)
    # each iteration must end with a character the next cannot start with
    # safe: PY-REGEX-001
    re.compile(r"^([a-z]+\.)+[a-z]{2,}$")
    # safe: PY-REGEX-001
    re.compile(r"^[\w.+-]+@([\w-]+\.)+[\w-]{2,}$")
    # safe: PY-REGEX-001
    re.compile(r'"(?:[^"\\]|\\.)*"')
    # single characters merged into one set by the parser
    # safe: PY-REGEX-001
    re.compile(r"^(\w|\d)+$")
    # an optional body that matches one character only
    # safe: PY-REGEX-001
    re.compile(r"^(a?)*$")
    # possessive quantifier and atomic group never backtrack into the body
    # safe: PY-REGEX-001
    re.compile(r"^(a++)+$")
    # safe: PY-REGEX-001
    re.compile(r"^(?>a+)+$")
    # a word boundary cannot hold inside a run of word characters
    # safe: PY-REGEX-001
    re.compile(r"^(\w+\b\s*)*$")
    # a pattern from a variable is not judged here
    # safe: PY-REGEX-001
    re.compile(user_pattern)
    # not a valid pattern: the call fails, nothing to judge
    # safe: PY-REGEX-001
    re.compile(r"(a+")


urlpatterns = [
    # expect: PY-REGEX-001
    re_path(r"^articles/(\w+/?)+/edit$", "edit"),
    # safe: PY-REGEX-001
    re_path(r"^articles/(?P<slug>[\w-]+)/$", "detail"),
]

# expect: PY-REGEX-001
slug_validator = RegexValidator(r"^([a-z0-9]+-?)+$")
# safe: PY-REGEX-001
plain_validator = RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Matcher:
    def compile(self, pattern):
        return pattern


def lookalike(matcher):
    # a compile method of another object
    # safe: PY-REGEX-001
    return matcher.compile(r"^(a+)+$")


# a compiled pattern used only with `match`: nothing after its end can fail, so the
# first way the repetition matches is kept
# safe: PY-REGEX-001
LEADING_WORDS = re.compile(r"(\w+\s?)*")
# the same pattern used with `fullmatch` backtracks on a trailing character
# expect: PY-REGEX-001
ALL_WORDS = re.compile(r"(\w+\s?)*")


def leading_words(text):
    return LEADING_WORDS.match(text).group(0)


def only_words(text):
    return ALL_WORDS.fullmatch(text) is not None
