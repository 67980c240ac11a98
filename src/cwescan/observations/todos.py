"""TODO/FIXME comments about security work left undone."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator

from cwescan.observations._util import short_text
from cwescan.observations.framework import ObservationContext, Remark, observation

_MARKER = re.compile(r"\b(TODO|FIXME|XXX|HACK)\b")
# a comment holding a marker is a `#` followed on its line by the marker: from the
# line's first such `#` to its end, the match holds the whole comment
_MARKER_COMMENT = re.compile(r"#[^\n]*\b(?:TODO|FIXME|XXX|HACK)\b[^\n]*")
_SECURITY = re.compile(
    r"(?i)\b(secur\w*|insecure|auth\w*|passw\w*|secret\w*|token\w*|credential\w*|csrf|xss|"
    r"sql|inject\w*|sanitiz\w*|saniti[sz]e|escap\w*|validat\w*|encrypt\w*|decrypt\w*|"
    r"crypt\w*|hash\w*|permission\w*|privilege\w*|cert\w*|ssl|tls|verif\w*|vuln\w*|cve|"
    r"exploit\w*|unsafe|trust\w*|acl|rbac|policy|login|session\w*|cookie\w*|sensitive)\b"
)


@observation(
    id="security-todo",
    title="Security-relevant TODO or FIXME",
    summary=(
        "Notes TODO/FIXME/XXX/HACK comments that mention security work "
        "(authentication, validation, escaping, TLS, secrets, ...)."
    ),
    advice=(
        "Unfinished security work is easy to ship by accident; finish it or track it in "
        "an issue with an owner before release."
    ),
    source=True,
)
def security_todo(ctx: ObservationContext) -> Iterator[Remark]:
    """Comments with a TODO marker and a security word."""
    source = ctx.module.source
    if not any(_SECURITY.search(m.group(0)) for m in _MARKER_COMMENT.finditer(source)):
        return  # tokenizing is costly: first a line whose `#` is followed by both words
    for line, comment in _comments(source):
        marker = _MARKER.search(comment)
        if marker is None or _SECURITY.search(comment) is None:
            continue
        text = short_text(comment.lstrip("#").strip(), 100)
        yield Remark(
            None,
            f"{marker.group(1)} about security work: `{text}`. Finish it "
            "or track it in an issue before release.",
            line=line,
        )


def _comments(source: str) -> Iterator[tuple[int, str]]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string
    except (tokenize.TokenError, SyntaxError, ValueError):
        return
