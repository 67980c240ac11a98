import html
import re
import re as regex_module
from re import sub

import nh3
from django.core.validators import RegexValidator

SCRIPT = r"<script.*?>.*?</script>"


def strip_scripts(html_text):
    # misses <SCRIPT>, a newline inside, and </script >
    # expect: PY-REGEX-003
    return re.sub(r"<script>.*?</script>", "", html_text)


def strip_scripts_flags(html_text):
    # with DOTALL and IGNORECASE it still misses `</script >`
    # expect: PY-REGEX-003
    return re.sub(SCRIPT, "", html_text, flags=re.S | re.I)


def strip_scripts_no_flags(html_text):
    # expect: PY-REGEX-003
    return regex_module.sub(SCRIPT, "", html_text)


def strip_scripts_right(html_text):
    # a filter that accepts what browsers accept
    # safe: PY-REGEX-003
    return re.sub(
        r"<script\b[^>]*>.*?</script\b[^>]*>", "", html_text, flags=re.DOTALL | re.IGNORECASE
    )


def strip_scripts_inline_flags(html_text):
    # inline flags count like flags arguments
    # safe: PY-REGEX-003
    return sub(r"(?is)<script[^>]*>.*?</script[^>]*>", "", html_text)


def strip_scripts_upper_only(html_text):
    # the alternation spells two cases out of many
    # expect: PY-REGEX-003
    return re.sub(r"<(script|SCRIPT)[^>]*>.*?</(script|SCRIPT)[^>]*>", "", html_text, flags=re.S)


# compiled for later use with sub
# expect: PY-REGEX-003
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# `--!>` closes a comment too
# safe: PY-REGEX-003
COMMENT_OK = re.compile(r"<!--.*?--!?>", re.DOTALL)
# expect: PY-REGEX-003
COMMENT_ONE_LINE = re.compile(r"<!--.*?--!?>")


def strip_comments(text):
    return COMMENT_OK.sub("", COMMENT_ONE_LINE.sub("", COMMENT.sub("", text)))


class Cleaner:
    # expect: PY-REGEX-003
    iframe_re = re.compile(r"<iframe\s[^>]*>.*?</iframe>", re.I | re.S)

    def clean(self, text):
        return self.iframe_re.sub("", text)


def has_script(comment_text):
    # a blacklist check: `<SCRIPT>` passes it
    # expect: PY-REGEX-003
    if re.search(r"<script", comment_text):
        raise ValueError("no scripts allowed")
    # safe: PY-REGEX-003
    if re.search(r"<\s*script\b", comment_text, re.IGNORECASE):
        raise ValueError("no scripts allowed")
    return comment_text


def strip_tags(text):
    # a generic tag stripper whose `.` stops at a line break: `<img\nsrc=x onerror=...>`
    # expect: PY-REGEX-003
    plain = re.sub(r"<.*?>", "", text)
    # safe: PY-REGEX-003
    return re.sub(r"<[^>]*>", "", plain)


def strip_bytes(body):
    # expect: PY-REGEX-003
    return re.sub(rb"<style>.*?</style>", b"", body, flags=re.DOTALL)


def verbose_filter(text):
    # expect: PY-REGEX-003
    return re.sub(
        r"""
        <script [^>]* >     # start tag
        .*?                 # content
        </script>           # end tag
        """,
        "",
        text,
        flags=re.VERBOSE | re.DOTALL | re.IGNORECASE,
    )


def scrape(page):
    # extracting scripts from a page is parsing it, not filtering it
    # safe: PY-REGEX-003
    blocks = re.findall(r"<script>(.*?)</script>", page)
    # safe: PY-REGEX-003
    match = re.search(r"<title>(.*?)</title>", page)
    return blocks, match.group(1) if match else None


def render_placeholders(template, values):
    # `<name>` placeholders replaced by values: not an HTML filter
    # safe: PY-REGEX-003
    return re.sub(r"<(\w+)>", lambda m: values[m.group(1)], template)


# a validator that rejects script tags: `<SCRIPT>` passes it
# expect: PY-REGEX-003
no_script = RegexValidator(r"<script", inverse_match=True)
# safe: PY-REGEX-003
no_script_any_case = RegexValidator(r"(?i)<\s*script", inverse_match=True)

# filters kept in a list and applied elsewhere: judged by the pattern alone
FILTERS = [
    # expect: PY-REGEX-003
    re.compile(r"<script.*?>.*?</script>", re.IGNORECASE),
    # safe: PY-REGEX-003
    re.compile(r"<script.*?>.*?</script[^>]*>", re.IGNORECASE | re.DOTALL),
    # safe: PY-REGEX-003
    re.compile(r"<!--.*?--!?>|<script\b[^>]*>.*?</script[^>]*>", re.IGNORECASE | re.DOTALL),
]


def drop_title(page):
    # a title left behind runs nothing
    # safe: PY-REGEX-003
    return re.sub(r"<title>.*?</title>", "", page)


def html_to_text(page):
    # a tokenizer that keeps only the text between tags (groups read, nothing filtered)
    # safe: PY-REGEX-003
    tokens = re.compile(r"(<!--.*?-->)|(<[^>]*>)|([^<]+)", re.DOTALL)
    return "".join(m.group(3) or "" for m in tokens.finditer(page))


def sanitize(text):
    # the fix
    # safe: PY-REGEX-003
    return nh3.clean(text), html.escape(text)


def test_page_has_script(page):
    # a test checking the output, not a filter
    # safe: PY-REGEX-003
    assert re.search(r"<script>", page)


def strip_with_flags(text, flags):
    # flags not known here: they may well ignore case, but no flag makes `</script>`
    # match `</script >`
    # expect: PY-REGEX-003
    text = re.sub(r"<script>.*?</script>", "", text, flags=flags)
    # safe: PY-REGEX-003
    return re.sub(r"<script.*?>.*?</script.*?>", "", text, flags=flags)
