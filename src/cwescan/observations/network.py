"""Network calls that can hang forever: no timeout."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.observations._util import keyword_value, passes_unknown_keywords
from cwescan.observations.framework import ObservationContext, Remark, observation

_REQUESTS = frozenset(
    f"requests.{verb}"
    for verb in ("get", "post", "put", "patch", "delete", "head", "options", "request")
)
# call → position of the timeout argument when passed positionally (None: keyword only)
_TIMEOUT_POSITION: dict[str, int | None] = {
    **{name: None for name in _REQUESTS},
    "urllib.request.urlopen": 2,
    "http.client.HTTPConnection": 2,
    "http.client.HTTPSConnection": 2,
    "socket.create_connection": 1,
    "ftplib.FTP": 4,
    "smtplib.SMTP": 3,
    "smtplib.SMTP_SSL": 3,
    "telnetlib.Telnet": 2,
}


@observation(
    id="network-no-timeout",
    title="Network call without a timeout",
    summary=(
        "Notes `requests`, `urllib.request.urlopen`, `http.client`, `socket`, `ftplib` "
        "and `smtplib` calls that set no timeout."
    ),
    advice=(
        "Without a timeout a peer that accepts the connection and never answers blocks "
        "the caller forever; pass `timeout=` and retry transient failures with backoff."
    ),
    nodes=(ast.Call,),
    calls=_TIMEOUT_POSITION,
    # Bandit B113 (requests without timeout) is a finding of its own when a rule reports it
    superseded_by=("B113",),
)
def network_call_without_timeout(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A known blocking network call with no timeout argument."""
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name is None or name not in _TIMEOUT_POSITION:
        return
    if keyword_value(node, "timeout") is not None or passes_unknown_keywords(node):
        return
    position = _TIMEOUT_POSITION[name]
    if position is not None and (
        len(node.args) > position or any(isinstance(a, ast.Starred) for a in node.args)
    ):
        return
    yield Remark(
        node,
        f"`{name}()` is called without a timeout: if the server accepts the connection "
        "and never answers, the call blocks forever. Pass `timeout=` and retry transient "
        "failures with backoff.",
        key=name,
    )
