import re
import re as regexp
from re import compile as rx, fullmatch

from django import forms
from django.core import validators
from django.core.validators import RegexValidator
from django.db import models

SLUG = r"^[a-zA-z0-9-]+$"
HEX = r"^[0-9a-fA-F]+$"


class Account(models.Model):
    username = models.CharField(
        max_length=30,
        # expect: PY-REGEX-002
        validators=[RegexValidator(r"^[A-z0-9_]{3,30}$", "Letters, digits and _ only.")],
    )
    # the keyword form, through the module
    # expect: PY-REGEX-002
    nickname_validator = validators.RegexValidator(regex=r"^[A-z]+$")
    # safe: PY-REGEX-002
    handle_validator = validators.RegexValidator(regex=r"^[A-Za-z0-9_]+$")


class SignupForm(forms.Form):
    # expect: PY-REGEX-002
    code = forms.RegexField(regex=r"^[0-Z]{8}$")
    # safe: PY-REGEX-002
    invite = forms.RegexField(regex=r"^[0-9A-Z]{8}$")


def is_valid_slug(value):
    # a typo in the second range: `A-z` beside `a-z`
    # expect: PY-REGEX-002
    return re.match(SLUG, value) is not None


def is_hex(value):
    # safe: PY-REGEX-002
    return re.fullmatch(HEX, value) is not None


def is_hex_typo(value):
    # `A-f` for `A-F`
    # expect: PY-REGEX-002
    return bool(fullmatch(r"[0-9a-fA-f]+", value))


def identifiers(text):
    # expect: PY-REGEX-002
    return regexp.findall(r"[A-Z_a-z][0-z_]*", text)


def ignorecase_does_not_help(value):
    # the punctuation between `Z` and `a` is matched whatever the case
    # expect: PY-REGEX-002
    return re.match(r"^[a-Z]*[A-z]+$", value, flags=re.IGNORECASE) or re.match(
        r"^[A-z]+$", value, re.I
    )


# a hyphen meant literally between two punctuation characters
# expect: PY-REGEX-002
ARITHMETIC = rx(r"^\d+(?:\s*[+-/*]\s*\d+)*$")
# safe: PY-REGEX-002
ARITHMETIC_OK = rx(r"^\d+(?:\s*[-+/*]\s*\d+)*$")
# expect: PY-REGEX-002
URL_PATH = re.compile(r"youtu\.be/[a-z0-9.-_]+")
# safe: PY-REGEX-002
URL_PATH_OK = re.compile(r"youtu\.be/[a-z0-9._-]+")
# safe: PY-REGEX-002
URL_PATH_ESCAPED = re.compile(r"youtu\.be/[a-z0-9.\-_]+")

# verbose patterns: whitespace and comments are not part of the class
# expect: PY-REGEX-002
USER = re.compile(
    r"""
    ^ [A-z]          # first letter
      [A-Za-z0-9]*   # then letters and digits
    $
    """,
    re.VERBOSE,
)
# safe: PY-REGEX-002
USER_OK = re.compile(r"^ [A-Za-z] [A-Za-z0-9]* $", re.X)

# bytes patterns
# expect: PY-REGEX-002
TOKEN = re.compile(rb"^[A-z0-9]{32}$")
# safe: PY-REGEX-002
TOKEN_OK = re.compile(rb"^[A-Za-z0-9]{32}$")

# ranges written on purpose: control characters, printable ASCII, whole ASCII, unicode
# blocks, columns of the ASCII table
# safe: PY-REGEX-002
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# safe: PY-REGEX-002
NON_ASCII = re.compile(rb"[^\x00-\x7f]")
# safe: PY-REGEX-002
PRINTABLE = re.compile(r"^[ -~]*$")
# safe: PY-REGEX-002
VISIBLE = re.compile(r"[!-~]+")
# safe: PY-REGEX-002
PRINTABLE_HEX = re.compile(r"^[\x20-\x7E]+$")
# safe: PY-REGEX-002
CYRILLIC = re.compile("[\u0400-\u04ff]+")
# safe: PY-REGEX-002
LATIN = re.compile(r"^[A-Za-z\u00c0-\u00ff' -]+$")
# safe: PY-REGEX-002
CARET_NOTATION = re.compile(r"\^[@-_]")
# safe: PY-REGEX-002
NIBBLE = re.compile(r"[0-?]")
# safe: PY-REGEX-002
BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
# safe: PY-REGEX-002
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+\.[\w.-]+$")


def is_email(address):
    # `.-_` in the local part lets `<`, `>`, `/`, `\` and `:` through
    # expect: PY-REGEX-002
    return re.fullmatch(r"[a-zA-Z0-9.-_]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+", address) is not None


def is_handle(value):
    # expect: PY-REGEX-002
    return re.match(r"^[\w.-_]{3,20}$", value, re.ASCII) is not None
# classes that list code points, leaving a few out: RFC 5322's quoted text (all but `"`
# and `\`), header field names (all printable but `:`), all printable but `)` and `;`
# safe: PY-REGEX-002
QTEXT = re.compile(r'^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"$')
# safe: PY-REGEX-002
HEADER_NAME = re.compile(r"^[!-9;-~]+:")
# safe: PY-REGEX-002
MARKER_CHARS = re.compile(r"[\t -(*-:<-~]+")

# a negated class: the typo keeps out characters that were meant to pass
# expect: PY-REGEX-002
NOT_WORD = re.compile(r"[^A-z0-9]+")
# two ranges where one repeats the other: a typo in a bound
# expect: PY-REGEX-002
DIGITS = re.compile(r"^[0-93-5]+$")


def not_a_regex(text):
    # safe: PY-REGEX-002
    return text.split("[A-z]")
