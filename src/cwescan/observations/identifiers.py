"""Hard-coded identifiers of one environment: UUIDs, IP addresses, hosts with ports, ports."""

from __future__ import annotations

import ast
import ipaddress
import re
from collections.abc import Iterator, Sequence

from cwescan.observations._util import short_text
from cwescan.observations.framework import ObservationContext, Remark, observation

_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_URL = re.compile(
    r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]{1,15})://(?:[^/@\s]*@)?"
    r"(?P<host>\[[0-9a-fA-F:.]+\]|[^/:?#\s\[\]]+)(?::(?P<port>\d{1,5}))?"
)
_HOST_PORT = re.compile(r"(?P<host>[A-Za-z0-9.-]+|\[[0-9a-fA-F:.]+\]):(?P<port>\d{2,5})")
_PORT_NAME = re.compile(r"(?i)(^|_)port$")
_VERSION_NAME = re.compile(r"(?i)version|release|oid")
_LOCAL_NAMES = frozenset({"localhost"})


@observation(
    id="hardcoded-identifier",
    title="Hard-coded identifier of one environment",
    summary=(
        "Notes literal UUIDs, IP addresses, URLs or `host:port` strings with an IP, "
        "`localhost` or an explicit port, and literal `port=` numbers."
    ),
    advice=(
        "A literal id or address ties the code to one deployment and breaks when it "
        "changes; look resources up at run time (by name) or read addresses from "
        "configuration or the environment."
    ),
    nodes=(ast.Constant,),
    # binding to all interfaces is a defect of its own (Bandit B104)
    superseded_by=("B104",),
)
def hardcoded_identifier(node: ast.AST, ctx: ObservationContext) -> Iterator[Remark]:
    """A string or port literal naming a specific resource or address."""
    assert isinstance(node, ast.Constant)
    value = node.value
    parents = ctx.parents
    if isinstance(value, int) and not isinstance(value, bool):
        name = _port_name(node, parents)
        if name is not None and 1 <= value <= 65535:
            yield Remark(
                node,
                f"Hard-coded port {value} for `{name}`: read it from "
                "configuration so the code runs against other deployments.",
                key=f"port:{value}",
            )
        return
    if not isinstance(value, str) or len(value) > 300 or _is_docstring(node, parents):
        return
    if "-" not in value and "." not in value and ":" not in value:
        return  # every shape below has one: UUIDs dashes, URLs and ports colons, IPs either
    target = _assigned_name(node, parents)
    if target is not None and _VERSION_NAME.search(target):
        return
    owner = f" in `{target}`" if target else ""
    text = value.strip()
    if _UUID.fullmatch(text):
        yield Remark(
            node,
            f"Hard-coded UUID `{text}`{owner}: the id of one "
            "environment's resource; look it up at run time (e.g. by name) or take it "
            "from configuration, so the code survives the resource being recreated.",
            key=f"uuid:{text.lower()}",
        )
        return
    url = _URL.match(text)
    if url is not None:
        host, port = url.group("host"), url.group("port")
        if _is_ip(host) or host.lower() in _LOCAL_NAMES or port:
            detail = f"host {host}" + (f", port {port}" if port else "")
            yield Remark(
                node,
                f"Hard-coded endpoint `{short_text(text, 60)}`{owner} ({detail}): read the "
                "address from configuration or the environment.",
                key=f"url:{url.group(0).lower()}",
            )
        return
    if _is_ip(text) and not _is_unspecified(text):
        yield Remark(
            node,
            f"Hard-coded IP address `{text}`{owner}: read it from "
            "configuration or resolve a name, so the code runs elsewhere.",
            key=f"ip:{text}",
        )
        return
    host_port = _HOST_PORT.fullmatch(text)
    if host_port is not None and ("." in host_port.group("host") or _is_ip(
        host_port.group("host")
    ) or host_port.group("host").lower() in _LOCAL_NAMES):
        yield Remark(
            node,
            f"Hard-coded address `{text}`{owner}: read it from "
            "configuration or the environment.",
            key=f"hostport:{text.lower()}",
        )


def _is_ip(text: str) -> bool:
    candidate = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    if candidate.count(".") != 3 and ":" not in candidate:
        return False
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def _is_unspecified(text: str) -> bool:
    return ipaddress.ip_address(text.strip("[]")).is_unspecified


def _is_docstring(node: ast.Constant, parents: Sequence[ast.AST]) -> bool:
    return bool(parents) and isinstance(parents[-1], ast.Expr)


def _assigned_name(node: ast.AST, parents: Sequence[ast.AST]) -> str | None:
    """The variable, attribute or keyword a literal is assigned or passed to."""
    if not parents:
        return None
    parent = parents[-1]
    if isinstance(parent, ast.keyword) and parent.arg:
        return parent.arg
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        for target in targets:
            if isinstance(target, ast.Name):
                return target.id
            if isinstance(target, ast.Attribute):
                return target.attr
    return None


def _port_name(node: ast.Constant, parents: Sequence[ast.AST]) -> str | None:
    name = _assigned_name(node, parents)
    if name is not None and _PORT_NAME.search(name):
        return name
    return None
