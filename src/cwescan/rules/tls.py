"""Transport security: certificate and hostname checks switched off, obsolete TLS/SSL
versions, SSH host keys accepted blindly, SNMP without protection.

Each rule looks at one call, keyword, attribute assignment or constant reference. Values
switched off through configuration (`verify=settings.VERIFY_TLS`) are not reported:
only constants are.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule
from cwescan.rules.secrets import bound_value, cannot_be, enclosing_function, leaves, short_code

_HTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "send", "stream",
     "urlopen", "ws_connect", "Client", "AsyncClient", "Session", "client", "resource"}
)
_HTTP_LIBRARIES = ("requests.", "httpx.", "boto3.", "botocore.", "aiobotocore.")
# keyword → the value that turns verification off (False, or True for "insecure" flags)
_VERIFY_OFF_KEYWORDS: dict[str, bool] = {
    "verify_ssl": False,
    "ssl_verify": False,
    "verify_certs": False,
    "verify_cert": False,
    "verify_certificate": False,
    "validate_certs": False,
    "tls_verify": False,
    "ssl_verify_cert": False,
    "check_cert": False,
    "disable_ssl_certificate_validation": True,
    "tlsAllowInvalidCertificates": True,
    "tlsInsecure": True,
    "ssl_insecure": True,
    "insecure_skip_verify": True,
}
_CERT_NONE_VALUES = frozenset({"CERT_NONE", "none", "NONE"})
_CERT_REQS_KEYWORDS = frozenset({"cert_reqs", "ssl_cert_reqs", "tls_cert_reqs"})
_UNVERIFIED_CONTEXTS = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_VERIFICATION_CALL_LEAVES = frozenset(
    {"_create_unverified_context", "_create_stdlib_context", "wrap_socket", "set_verify"}
)
_SESSION_FACTORIES = frozenset(
    {"requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client",
     "httpx.AsyncClient"}
)


def _is_constant(node: ast.AST | None, ctx: RuleContext, expected: bool) -> bool:
    """True when `node` folds to exactly `expected` (False/0 or True/1)."""
    if node is None:
        return False
    known, value = ctx.constant(node)
    if not known or isinstance(value, str) or value is None:
        return False
    return bool(value) is expected


def _is_cert_none(node: ast.AST | None, ctx: RuleContext) -> bool:
    if node is None:
        return False
    qualified = ctx.qualified_name(node)
    if qualified in ("ssl.CERT_NONE", "ssl.VerifyMode.CERT_NONE"):
        return True
    known, value = ctx.constant(node)
    return known and isinstance(value, str) and value in _CERT_NONE_VALUES


def _is_server_context(node: ast.AST, ctx: RuleContext) -> bool:
    """True when `node` names a context built for the server side of TLS."""
    value: ast.AST | None = node
    if isinstance(node, ast.Name):
        value = bound_value(node, ctx)
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value)
    if name == "ssl.create_default_context":
        purpose = argument(value, 0, "purpose")
        return purpose is not None and ctx.qualified_name(purpose) == "ssl.Purpose.CLIENT_AUTH"
    if name == "ssl.SSLContext":
        protocol = argument(value, 0, "protocol")
        return protocol is not None and ctx.qualified_name(protocol) == "ssl.PROTOCOL_TLS_SERVER"
    return False


def _setting_confidence(
    node: ast.Assign, target: ast.Attribute, ctx: RuleContext
) -> tuple[bool, Confidence | None]:
    """(report it, confidence override) for `context.<setting> = <constant>`.

    `self.check_hostname = False` in a class is an SSLContext-like object initialising
    itself, not a context being weakened. Inside a branch, or when the same function
    restores the setting from a variable, the change is conditional or temporary
    (libraries doing their own host name matching): reported with low confidence.
    """
    if isinstance(target.value, ast.Name) and target.value.id == "self":
        return False, None
    parents = ctx.parents
    function = enclosing_function(parents)
    start = 0
    if function is not None:
        start = max(i for i, p in enumerate(parents) if p is function)
    if any(isinstance(p, (ast.If, ast.IfExp, ast.Try)) for p in parents[start:]):
        return True, Confidence.LOW
    if function is not None:
        wanted = ast.unparse(target)
        for inner in ast.walk(function):
            if (
                isinstance(inner, ast.Assign)
                and inner is not node
                and not isinstance(inner.value, ast.Constant)
                and any(ast.unparse(t) == wanted for t in inner.targets)
            ):
                return True, Confidence.LOW
    return True, None


def _is_http_call(node: ast.Call, ctx: RuleContext) -> tuple[bool, bool]:
    """(is an HTTP client call, resolved by qualified name)."""
    name = ctx.call_name(node)
    if name is not None:
        return name.startswith(_HTTP_LIBRARIES), True
    if isinstance(node.func, ast.Attribute) and node.func.attr in _HTTP_METHODS:
        return True, False
    return False, False


@rule(
    id="PY-TLS-001",
    cwe=295,
    title="TLS certificate verification disabled",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `verify=False` on requests/httpx/boto3 calls and sessions, aiohttp "
        "`ssl=False`, urllib3/redis/pymongo/Elasticsearch options that skip certificate "
        "checks, `ssl._create_unverified_context()`, `ssl.wrap_socket` without "
        "`cert_reqs=CERT_REQUIRED`, `verify_mode = ssl.CERT_NONE` on client contexts and "
        "`session.verify = False`."
    ),
    why=(
        "Without certificate verification any machine on the network path (public Wi-Fi, "
        "a compromised router, a hostile proxy) can present its own certificate, read "
        "everything sent — credentials and tokens included — and change the responses."
    ),
    fix=(
        "Keep verification on; for a private CA pass its bundle: "
        "`requests.get(url, verify=\"/etc/ssl/internal-ca.pem\")` or "
        "`ssl.create_default_context(cafile=…)`."
    ),
    bad="response = requests.get(url, verify=False)",
    good='response = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")',
    nodes=(ast.Call, ast.Assign),
    # every case names verification, SSL or certificates (in any case) somewhere
    requires=("verif", "ssl", "cert", "tlsinsecure", "wrap_socket", "stdlib_context"),
    references=(
        "https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
        "https://docs.python.org/3/library/ssl.html#security-considerations",
    ),
    bandit=("B501", "B323", "B504"),
    scope_note=(
        "Pattern: only constants count, so `verify=settings.VERIFY_TLS` is not reported. "
        "`verify=False` on calls that are not recognisably HTTP clients is ignored; on "
        "method calls of unknown objects (`session.get(url, verify=False)`) it is reported "
        "with medium confidence. Server-side contexts (`Purpose.CLIENT_AUTH`, "
        "`PROTOCOL_TLS_SERVER`) may use `CERT_NONE`: servers rarely ask for client "
        "certificates. Bandit's B504 (`ssl.wrap_socket` without a version) maps here: "
        "its real danger is that it verifies nothing by default."
    ),
)
def certificate_verification_disabled(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        yield from _verification_assignment(node, ctx)
        return
    assert isinstance(node, ast.Call)
    if not node.keywords and cannot_be(node, _VERIFICATION_CALL_LEAVES):
        return  # every other check needs a keyword argument
    name = ctx.call_name(node)
    if name in _UNVERIFIED_CONTEXTS:
        yield Issue(
            node,
            f"`{name}()` builds a context that checks neither the certificate nor the "
            "host name.",
            remediation="Use `ssl.create_default_context()` (with `cafile=` for a private CA).",
        )
        return
    if name == "ssl.wrap_socket":
        yield from _wrap_socket(node, ctx)
        return
    if isinstance(node.func, ast.Attribute) and node.func.attr == "set_verify":
        mode = argument(node, 0, "mode")
        if mode is not None and (ctx.qualified_name(mode) or "").endswith("SSL.VERIFY_NONE"):
            yield Issue(node, "`set_verify(VERIFY_NONE)` accepts any peer certificate.")
            return
    http, resolved = _is_http_call(node, ctx)
    verify = keyword(node, "verify")
    if http and _is_constant(verify, ctx, False):
        yield Issue(
            node,
            f"`{short_code(node.func)}(…, verify=False)` accepts any certificate: a "
            "machine-in-the-middle can read and alter this traffic.",
            confidence=None if resolved else Confidence.MEDIUM,
        )
        return
    ssl_flag = keyword(node, "ssl")
    if _is_constant(ssl_flag, ctx, False) and (
        name in ("aiohttp.TCPConnector", "aiohttp.connector.TCPConnector")
        or (name is None and http)
    ):
        yield Issue(
            node,
            f"`{short_code(node.func)}(…, ssl=False)` turns off certificate verification "
            "in aiohttp.",
            confidence=None if name else Confidence.MEDIUM,
        )
        return
    for kw in node.keywords:
        if kw.arg in _VERIFY_OFF_KEYWORDS and _is_constant(
            kw.value, ctx, _VERIFY_OFF_KEYWORDS[kw.arg]
        ):
            yield Issue(
                node,
                f"`{short_code(node.func)}(…, {kw.arg}={short_code(kw.value)})` turns off "
                "certificate verification for this connection.",
            )
            return
        if kw.arg in _CERT_REQS_KEYWORDS and _is_cert_none(kw.value, ctx):
            yield Issue(
                node,
                f"`{short_code(node.func)}(…, {kw.arg}={short_code(kw.value)})` accepts "
                "any certificate.",
            )
            return


def _wrap_socket(node: ast.Call, ctx: RuleContext) -> Iterator[Issue]:
    server = keyword(node, "server_side")
    if server is not None and _is_constant(server, ctx, True):
        return
    cert_reqs = argument(node, 4, "cert_reqs")
    if cert_reqs is not None and not _is_cert_none(cert_reqs, ctx):
        return
    yield Issue(
        node,
        "`ssl.wrap_socket` "
        + ("with `cert_reqs=CERT_NONE`" if cert_reqs is not None else "defaults to `CERT_NONE`")
        + ": the peer certificate and host name are not checked (the function is also "
        "removed in Python 3.12).",
        remediation=(
            "`ssl.create_default_context().wrap_socket(sock, server_hostname=host)`"
        ),
    )


def _verification_assignment(node: ast.Assign, ctx: RuleContext) -> Iterator[Issue]:
    value_name = ctx.qualified_name(node.value)
    for target in node.targets:
        if not isinstance(target, ast.Attribute):
            continue
        if value_name in _UNVERIFIED_CONTEXTS and target.attr == "_create_default_https_context":
            yield Issue(
                node,
                "Replacing `ssl._create_default_https_context` with the unverified factory "
                "turns off certificate checks for every HTTPS connection in the process.",
            )
            return
        if target.attr == "verify_mode" and _is_cert_none(node.value, ctx):
            if _is_server_context(target.value, ctx):
                return
            report, confidence = _setting_confidence(node, target, ctx)
            if report:
                yield Issue(
                    node,
                    f"`{short_code(target)} = CERT_NONE` makes this context accept any "
                    "certificate.",
                    confidence=confidence,
                )
            return
        if target.attr == "verify" and _is_constant(node.value, ctx, False):
            owner = target.value
            value = bound_value(owner, ctx) if isinstance(owner, ast.Name) else None
            session = isinstance(value, ast.Call) and ctx.call_name(value) in _SESSION_FACTORIES
            named = (
                isinstance(owner, (ast.Name, ast.Attribute))
                and any(w in short_code(owner).lower() for w in ("session", "client", "http"))
            )
            if session or named:
                yield Issue(
                    node,
                    f"`{short_code(target)} = False` turns off certificate verification for "
                    "every request made through this session.",
                    confidence=None if session else Confidence.MEDIUM,
                )
                return


_HOSTNAME_OFF_KEYWORDS: dict[str, bool] = {
    "check_hostname": False,
    "assert_hostname": False,
    "ssl_check_hostname": False,
    "tlsAllowInvalidHostnames": True,
    "ssl_match_hostname": False,
}


@rule(
    id="PY-TLS-002",
    cwe=297,
    title="TLS host name verification disabled",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `context.check_hostname = False` on client contexts and options such as "
        "urllib3 `assert_hostname=False`, redis `ssl_check_hostname=False`, pymongo "
        "`tlsAllowInvalidHostnames=True`."
    ),
    why=(
        "A certificate only proves identity if it is checked against the host being "
        "contacted: without the check, any valid certificate for any domain (which anyone "
        "can obtain for their own domain) is accepted, and the connection can be "
        "intercepted."
    ),
    fix="Leave `check_hostname` on and pass `server_hostname=` when wrapping sockets.",
    bad="context = ssl.create_default_context()\ncontext.check_hostname = False",
    good=(
        "context = ssl.create_default_context()\n"
        "sock = context.wrap_socket(raw, server_hostname=host)"
    ),
    nodes=(ast.Assign, ast.Call),
    requires=("hostname",),  # every setting and keyword it knows names the host name
    keywords=_HOSTNAME_OFF_KEYWORDS,
    references=("https://docs.python.org/3/library/ssl.html#ssl.SSLContext.check_hostname",),
    scope_note=(
        "Pattern: constant assignments and keyword arguments only. Server-side contexts "
        "are not reported (servers do not check client host names)."
    ),
)
def hostname_check_disabled(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "check_hostname"
                and _is_constant(node.value, ctx, False)
                and not _is_server_context(target.value, ctx)
            ):
                report, confidence = _setting_confidence(node, target, ctx)
                if report:
                    yield Issue(
                        node,
                        f"`{short_code(target)} = False`: certificates for any host name are "
                        "accepted, so any site with a valid certificate can impersonate "
                        "this peer.",
                        confidence=confidence,
                    )
                return
        return
    assert isinstance(node, ast.Call)
    for kw in node.keywords:
        if kw.arg in _HOSTNAME_OFF_KEYWORDS and _is_constant(
            kw.value, ctx, _HOSTNAME_OFF_KEYWORDS[kw.arg]
        ):
            yield Issue(
                node,
                f"`{short_code(node.func)}(…, {kw.arg}={short_code(kw.value)})` does not "
                "check that the certificate belongs to the host contacted.",
            )
            return


_OBSOLETE_PROTOCOLS = {
    "ssl.PROTOCOL_SSLv2": "SSL 2.0",
    "ssl.PROTOCOL_SSLv3": "SSL 3.0",
    "ssl.PROTOCOL_TLSv1": "TLS 1.0",
    "ssl.PROTOCOL_TLSv1_1": "TLS 1.1",
    "OpenSSL.SSL.SSLv2_METHOD": "SSL 2.0",
    "OpenSSL.SSL.SSLv3_METHOD": "SSL 3.0",
    "OpenSSL.SSL.TLSv1_METHOD": "TLS 1.0",
    "OpenSSL.SSL.TLSv1_1_METHOD": "TLS 1.1",
    "ssl.TLSVersion.SSLv3": "SSL 3.0",
    "ssl.TLSVersion.TLSv1": "TLS 1.0",
    "ssl.TLSVersion.TLSv1_1": "TLS 1.1",
    "OpenSSL.SSL.SSL3_VERSION": "SSL 3.0",
    "OpenSSL.SSL.TLS1_VERSION": "TLS 1.0",
    "OpenSSL.SSL.TLS1_1_VERSION": "TLS 1.1",
}

_PROTOCOL_LEAVES = leaves(_OBSOLETE_PROTOCOLS)


def _protocol_name(node: ast.AST, ctx: RuleContext) -> tuple[str, str] | None:
    qualified = ctx.qualified_name(node)
    if qualified is None:
        return None
    if qualified.startswith("pyOpenSSL.SSL."):
        qualified = "OpenSSL." + qualified[len("pyOpenSSL."):]
    label = _OBSOLETE_PROTOCOLS.get(qualified)
    return (qualified, label) if label else None


def _is_protocol_reference(node: ast.AST, ctx: RuleContext) -> bool:
    qualified = ctx.qualified_name(node) or ""
    return qualified.startswith(
        ("ssl.PROTOCOL_", "ssl.TLSVersion.", "OpenSSL.SSL.", "pyOpenSSL.SSL.")
    )


def _in_mapping_table(node: ast.AST, ctx: RuleContext) -> bool:
    """True inside a translation table between protocol constants, not a selection.

    `{ssl.TLSVersion.TLSv1: OP_NO_SSLv3}` (a dict key), `versions[ssl.PROTOCOL_TLSv1] =
    SSL.TLSv1_METHOD` (a subscript key, or the value stored under one) and
    `{ssl.PROTOCOL_TLSv1: SSL.TLSv1_METHOD}` map one spelling to another.
    """
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Dict):
        if any(key is node for key in parent.keys):
            return True
        for key, value in zip(parent.keys, parent.values, strict=True):
            if value is node and key is not None and _is_protocol_reference(key, ctx):
                return True
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return True
    if isinstance(parent, ast.Assign) and parent.value is node:
        return any(
            isinstance(t, ast.Subscript) and _is_protocol_reference(t.slice, ctx)
            for t in parent.targets
        )
    return False


def _minimum_version_use(node: ast.AST, ctx: RuleContext) -> bool:
    """True when `node` is the value of a minimum-version setting (PY-TLS-004's case)."""
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.keyword):
        return bool(parent.arg and "min" in parent.arg.lower())
    if isinstance(parent, ast.Assign) and parent.value is node:
        return any(
            isinstance(t, ast.Attribute) and "minimum" in t.attr for t in parent.targets
        )
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute):
        return parent.func.attr == "set_min_proto_version"
    return False


@rule(
    id="PY-TLS-003",
    cwe=327,
    title="Obsolete SSL/TLS protocol version selected",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags uses of `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1`, pyOpenSSL "
        "`SSLv2_METHOD/SSLv3_METHOD/TLSv1_METHOD/TLSv1_1_METHOD` and "
        "`ssl.TLSVersion.SSLv3/TLSv1/TLSv1_1` as a fixed or maximum version — in calls, "
        "parameter defaults and assignments."
    ),
    why=(
        "SSL 2.0 and 3.0 are broken (DROWN, POODLE) and TLS 1.0/1.1 are deprecated by "
        "RFC 8996 (BEAST, weak MAC/PRF constructions); pinning a connection to them gives "
        "up protections every current client and server supports."
    ),
    fix=(
        "Use `ssl.create_default_context()` (or `ssl.PROTOCOL_TLS_CLIENT`) and set "
        "`context.minimum_version = ssl.TLSVersion.TLSv1_2`."
    ),
    bad="context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)",
    good="context = ssl.create_default_context()\ncontext.minimum_version = ssl.TLSVersion.TLSv1_2",
    nodes=(ast.Attribute, ast.Name),
    # the rule sees every name and attribute, and almost no file names a protocol
    requires=tuple(sorted(_PROTOCOL_LEAVES)),
    references=(
        "https://www.rfc-editor.org/rfc/rfc8996",
        "https://docs.python.org/3/library/ssl.html#protocol-versions",
    ),
    bandit=("B502", "B503"),
    scope_note=(
        "Pattern on the constant's use. CWE-327 (broken algorithm) rather than CWE-757: "
        "pinning one version is not a negotiation; allowing old versions as a *minimum* "
        "is the downgrade case, PY-TLS-004 (CWE-757). Comparisons "
        "(`if proto == ssl.PROTOCOL_TLSv1`) are not uses. `SSLv23_METHOD`/`PROTOCOL_SSLv23` "
        "negotiate the best common version and are not reported, unlike Bandit."
    ),
)
def obsolete_protocol(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if node.__class__ is ast.Attribute and node.attr not in _PROTOCOL_LEAVES:  # type: ignore[attr-defined]
        return  # `x.attr` can only name a protocol constant whose name ends in `attr`
    if not isinstance(getattr(node, "ctx", None), ast.Load):
        return
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Attribute) or isinstance(parent, ast.Compare):
        return  # part of a longer chain, or a comparison
    if isinstance(node, ast.Name):
        binding = ctx.resolver.lookup(node.id, ctx.scope)
        if binding is not None and binding.kind == "alias":
            return  # `LEGACY = ssl.PROTOCOL_TLSv1` was reported where it was assigned
    found = _protocol_name(node, ctx)
    if found is None or _in_mapping_table(node, ctx):
        return
    qualified, label = found
    if qualified.startswith("ssl.TLSVersion.") or qualified.endswith("_VERSION"):
        if _minimum_version_use(node, ctx):
            return
    yield Issue(
        node,
        f"`{short_code(node)}` selects {label}, an obsolete protocol version with known "
        "attacks.",
        severity=Severity.MEDIUM if label.startswith("TLS") else None,
    )


_WEAK_MINIMUMS = {
    "ssl.TLSVersion.MINIMUM_SUPPORTED": "the oldest version OpenSSL supports",
    "ssl.TLSVersion.SSLv3": "SSL 3.0",
    "ssl.TLSVersion.TLSv1": "TLS 1.0",
    "ssl.TLSVersion.TLSv1_1": "TLS 1.1",
    "OpenSSL.SSL.SSL3_VERSION": "SSL 3.0",
    "OpenSSL.SSL.TLS1_VERSION": "TLS 1.0",
    "OpenSSL.SSL.TLS1_1_VERSION": "TLS 1.1",
}
_RE_ENABLED_FLAGS = {
    "ssl.OP_NO_SSLv2": "SSL 2.0", "ssl.OP_NO_SSLv3": "SSL 3.0",
    "ssl.OP_NO_TLSv1": "TLS 1.0", "ssl.OP_NO_TLSv1_1": "TLS 1.1",
}


def _weak_minimum(node: ast.AST | None, ctx: RuleContext) -> str | None:
    if node is None:
        return None
    qualified = ctx.qualified_name(node) or ""
    if qualified.startswith("pyOpenSSL.SSL."):
        qualified = "OpenSSL." + qualified[len("pyOpenSSL."):]
    return _WEAK_MINIMUMS.get(qualified)


@rule(
    id="PY-TLS-004",
    cwe=757,
    title="TLS negotiation allowed down to an obsolete version",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `context.minimum_version` set below TLS 1.2 (or to `MINIMUM_SUPPORTED`), "
        "`ssl_minimum_version=`/`minimum_version=` keywords below TLS 1.2, pyOpenSSL "
        "`set_min_proto_version(TLS1_VERSION)`, and `options &= ~ssl.OP_NO_TLSv1`-style "
        "re-enabling of old versions."
    ),
    why=(
        "When old versions stay acceptable, an active attacker can interfere with the "
        "handshake so both sides settle on the weakest version they share, and then use "
        "that version's attacks."
    ),
    fix="Set `context.minimum_version = ssl.TLSVersion.TLSv1_2` (or TLSv1_3).",
    bad="context.minimum_version = ssl.TLSVersion.TLSv1",
    good="context.minimum_version = ssl.TLSVersion.TLSv1_2",
    nodes=(ast.Assign, ast.AugAssign, ast.Call),
    methods=("set_min_proto_version",),
    keywords=("ssl_minimum_version", "minimum_version", "min_version", "tls_min_version"),
    references=("https://www.rfc-editor.org/rfc/rfc8996",),
    scope_note="Pattern on constant settings.",
)
def weak_minimum_version(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        label = _weak_minimum(node.value, ctx)
        if label and any(
            isinstance(t, ast.Attribute) and t.attr == "minimum_version" for t in node.targets
        ):
            yield Issue(node, f"The minimum TLS version is set to {label}: connections can be "
                        "downgraded to it.")
        return
    if isinstance(node, ast.AugAssign):
        target = node.target
        if not (isinstance(target, ast.Attribute) and target.attr == "options"):
            return
        if isinstance(node.op, ast.BitAnd) and isinstance(node.value, ast.UnaryOp) and isinstance(
            node.value.op, ast.Invert
        ):
            cleared = [
                _RE_ENABLED_FLAGS[q]
                for inner in ast.walk(node.value.operand)
                if (q := ctx.qualified_name(inner) or "") in _RE_ENABLED_FLAGS
            ]
            if cleared:
                yield Issue(
                    node,
                    f"Clearing `OP_NO_…` re-enables {', '.join(cleared)} in this context.",
                )
        return
    assert isinstance(node, ast.Call)
    if isinstance(node.func, ast.Attribute) and node.func.attr == "set_min_proto_version":
        label = _weak_minimum(argument(node, 0), ctx)
        if label:
            yield Issue(node, f"`set_min_proto_version` allows {label}.")
        return
    for kw in node.keywords:
        if kw.arg in ("ssl_minimum_version", "minimum_version", "min_version", "tls_min_version"):
            label = _weak_minimum(kw.value, ctx)
            if label:
                yield Issue(
                    node, f"`{kw.arg}` allows {label}: connections can be downgraded to it."
                )
                return


_PERMISSIVE_POLICIES = {
    "paramiko.AutoAddPolicy": "AutoAddPolicy",
    "paramiko.client.AutoAddPolicy": "AutoAddPolicy",
    "paramiko.WarningPolicy": "WarningPolicy",
    "paramiko.client.WarningPolicy": "WarningPolicy",
    "paramiko.MissingHostKeyPolicy": "MissingHostKeyPolicy",
    "paramiko.client.MissingHostKeyPolicy": "MissingHostKeyPolicy",
}


_ASYNCSSH_CONNECT = frozenset(
    {"asyncssh.connect", "asyncssh.connection.connect", "asyncssh.SSHClientConnectionOptions"}
)
_ASYNCSSH_LEAVES = frozenset({"connect", "SSHClientConnectionOptions"})


@rule(
    id="PY-TLS-005",
    cwe=322,
    title="SSH host key not verified",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags paramiko `set_missing_host_key_policy(AutoAddPolicy/WarningPolicy)`, "
        "asyncssh `connect(..., known_hosts=None)` and pysftp `cnopts.hostkeys = None`."
    ),
    why=(
        "The host key is how an SSH client knows it reached the real server. Accepting "
        "unknown keys lets anyone on the network path impersonate the server and capture "
        "the password or the commands and files sent."
    ),
    fix=(
        "Load known host keys and reject unknown ones: `client.load_system_host_keys(); "
        "client.set_missing_host_key_policy(paramiko.RejectPolicy())`."
    ),
    bad="client.set_missing_host_key_policy(paramiko.AutoAddPolicy())",
    good="client.load_system_host_keys()\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())",
    nodes=(ast.Call, ast.Assign),
    methods=_ASYNCSSH_LEAVES | {"set_missing_host_key_policy"},
    references=("https://docs.paramiko.org/en/stable/api/client.html",),
    bandit=("B507",),
    scope_note=(
        "Pattern. CWE-322 (key exchange without entity authentication) is the precise "
        "weakness; Bandit files it under CWE-295."
    ),
)
def ssh_host_key_not_verified(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "hostkeys"
                and isinstance(node.value, ast.Constant)
                and node.value.value is None
            ):
                owner = (
                    bound_value(target.value, ctx) if isinstance(target.value, ast.Name) else None
                )
                if isinstance(owner, ast.Call) and ctx.call_name(owner) == "pysftp.CnOpts":
                    yield Issue(node, "`cnopts.hostkeys = None` makes pysftp accept any host key.")
        return
    assert isinstance(node, ast.Call)
    if isinstance(node.func, ast.Attribute) and node.func.attr == "set_missing_host_key_policy":
        policy = argument(node, 0, "policy")
        if policy is None:
            return
        target = policy.func if isinstance(policy, ast.Call) else policy
        label = _PERMISSIVE_POLICIES.get(ctx.qualified_name(target) or "")
        if label:
            yield Issue(
                node,
                f"`{label}` accepts the host key of any server it has not seen before, so the "
                "first connection (and every one from a new machine) can be intercepted.",
                severity=Severity.MEDIUM if label == "WarningPolicy" else None,
            )
        return
    if cannot_be(node, _ASYNCSSH_LEAVES):
        return
    name = ctx.call_name(node)
    if name in _ASYNCSSH_CONNECT:
        known_hosts = keyword(node, "known_hosts")
        if isinstance(known_hosts, ast.Constant) and known_hosts.value is None:
            yield Issue(node, f"`{name}(…, known_hosts=None)` skips host key verification.")


def _pysnmp(name: str | None, leaf: str) -> bool:
    """True for `leaf` in any pysnmp API layout (`pysnmp.hlapi`, `…v3arch.asyncio`, …)."""
    return name is not None and name.startswith("pysnmp.") and name.rpartition(".")[2] == leaf


@rule(
    id="PY-TLS-006",
    cwe=523,
    title="SNMPv1/v2c community string (credential sent in clear text)",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary="Flags pysnmp `CommunityData(...)`, i.e. SNMP version 1 or 2c.",
    why=(
        "SNMPv1/v2c authenticate with a community string that travels in clear text in "
        "every packet; anyone who can sniff it can read — or with a write community, "
        "reconfigure — the device."
    ),
    fix="Use SNMPv3 with authentication and privacy: `UsmUserData(user, auth_key, priv_key, "
        "authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)`.",
    bad='auth = CommunityData("public", mpModel=0)',
    good=(
        'auth = UsmUserData("monitor", auth_key, priv_key,\n'
        "                   authProtocol=usmHMACSHAAuthProtocol,\n"
        "                   privProtocol=usmAesCfb128Protocol)"
    ),
    nodes=(ast.Call,),
    methods=("CommunityData",),
    references=("https://www.rfc-editor.org/rfc/rfc3414",),
    bandit=("B508",),
    scope_note=(
        "Pattern. Every `CommunityData` is v1 or v2c (pysnmp's default `mpModel=1` is "
        "v2c), so it is reported whatever `mpModel` says, unlike Bandit, which needs an "
        "explicit `mpModel`. CWE-523 (credentials over an unprotected transport) is more "
        "precise than Bandit's CWE-319."
    ),
)
def snmp_community(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, frozenset({"CommunityData"})):
        return
    name = ctx.call_name(node)
    if _pysnmp(name, "CommunityData"):
        model = keyword(node, "mpModel")
        known, value = ctx.constant(model) if model is not None else (True, 1)
        version = "SNMPv1/v2c"
        if known and value == 0:
            version = "SNMPv1"
        elif known and value == 1:
            version = "SNMPv2c"
        yield Issue(node, f"`CommunityData` selects {version}: the community string is sent "
                    "in clear text with every request.")


@rule(
    id="PY-TLS-007",
    cwe=319,
    title="SNMPv3 without privacy (noAuthNoPriv / authNoPriv)",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags pysnmp `UsmUserData` without a privacy key (or with `usmNoPrivProtocol`), "
        "which sends SNMPv3 traffic unencrypted."
    ),
    why=(
        "Without the privacy key the SNMP payload — often device configuration and "
        "credentials — is readable by anyone on the path; without the authentication key "
        "requests are not authenticated at all."
    ),
    fix="Pass both an authentication and a privacy key with SHA/AES protocols.",
    bad='auth = UsmUserData("monitor", auth_key)',
    good='auth = UsmUserData("monitor", auth_key, priv_key, privProtocol=usmAesCfb128Protocol)',
    nodes=(ast.Call,),
    methods=("UsmUserData",),
    references=("https://www.rfc-editor.org/rfc/rfc3414",),
    bandit=("B509",),
    scope_note="Pattern on the call's arguments.",
)
def snmp_without_privacy(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, frozenset({"UsmUserData"})) or not _pysnmp(
        ctx.call_name(node), "UsmUserData"
    ):
        return
    auth_key = argument(node, 1, "authKey")
    priv_key = argument(node, 2, "privKey")
    priv_protocol = keyword(node, "privProtocol")
    auth_protocol = keyword(node, "authProtocol")

    def absent(value: ast.AST | None) -> bool:
        return value is None or isinstance(value, ast.Constant) and value.value is None

    def is_none_protocol(value: ast.AST | None, leaf: str) -> bool:
        return value is not None and (ctx.qualified_name(value) or "").endswith(leaf)

    if absent(auth_key) or is_none_protocol(auth_protocol, "usmNoAuthProtocol"):
        level = "noAuthNoPriv: requests are neither authenticated nor encrypted"
    elif absent(priv_key) or is_none_protocol(priv_protocol, "usmNoPrivProtocol"):
        level = "authNoPriv: requests are authenticated but not encrypted"
    else:
        return
    yield Issue(node, f"`UsmUserData` without privacy (encryption) is {level}.")
