"""Network exposure: listening on every interface, URL openers that accept any scheme,
clear-text protocols (telnet, FTP, SMTP/IMAP/POP3 logins without STARTTLS, http://).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule
from cwescan.rules.secrets import (
    bound_value,
    cannot_be,
    enclosing_function,
    identifier_words,
    leaves,
    short_code,
)

_ALL_INTERFACES = frozenset({"0.0.0.0", "::", "", "*", "[::]", "0:0:0:0:0:0:0:0"})

# Server entry points by qualified name: (position, keyword) of the host argument.
_SERVER_FUNCTIONS: dict[str, tuple[int, str]] = {
    "uvicorn.run": (-1, "host"),
    "uvicorn.Config": (-1, "host"),
    "werkzeug.serving.run_simple": (0, "hostname"),
    "werkzeug.run_simple": (0, "hostname"),
    "wsgiref.simple_server.make_server": (0, "host"),
    "waitress.serve": (-1, "host"),
    "aiohttp.web.run_app": (-1, "host"),
    "aiohttp.web.TCPSite": (1, "host"),
    "asyncio.start_server": (1, "host"),
    "bottle.run": (-1, "host"),
    "eventlet.listen": (0, "addr"),
    "gevent.pywsgi.WSGIServer": (0, "listener"),
    "gevent.server.StreamServer": (0, "listener"),
    "socket.create_server": (0, "address"),
    "socketserver.TCPServer": (0, "server_address"),
    "socketserver.UDPServer": (0, "server_address"),
    "socketserver.ThreadingTCPServer": (0, "server_address"),
    "socketserver.ThreadingUDPServer": (0, "server_address"),
    "socketserver.ForkingTCPServer": (0, "server_address"),
    "http.server.HTTPServer": (0, "server_address"),
    "http.server.ThreadingHTTPServer": (0, "server_address"),
    "xmlrpc.server.SimpleXMLRPCServer": (0, "addr"),
    "wsgiref.simple_server.WSGIServer": (0, "server_address"),
}
# Method names of unknown objects that start servers, with their host argument.
_SERVER_METHODS: dict[str, tuple[int, str]] = {
    "bind": (0, "address"),
    "run": (0, "host"),  # Flask/Quart/Sanic app.run, socketio.run(app, host=…)
    "create_server": (1, "host"),
    "listen": (-1, "address"),  # tornado app.listen(port, address=…)
    "run_app": (-1, "host"),
    "serve": (-1, "host"),
}


_SERVER_LEAVES = leaves(_SERVER_FUNCTIONS, _SERVER_METHODS)


def _interface(
    node: ast.AST | None, ctx: RuleContext, allow_empty: bool = True
) -> tuple[str, bool] | None:
    """(address, certain) when `node` is an all-interfaces host or address.

    Understands plain hosts, `(host, port)` tuples, `"0.0.0.0:8000"` listen strings and
    `os.getenv("HOST", "0.0.0.0")` defaults (not certain: the environment may override).
    An empty host means "every interface" only where the API says so (`allow_empty`)
    and in `(host, port)` tuples.
    """
    if node is None:
        return None
    known, value = ctx.constant(node)
    if not known and isinstance(node, ast.Name):
        bound = bound_value(node, ctx)
        if bound is not None:
            known, value = ctx.constant(bound)
    if known:
        if isinstance(value, (tuple, list)) and 2 <= len(value) <= 4:
            value = value[0]
            allow_empty = True
        if isinstance(value, str) and (value or allow_empty):
            host = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
            if host in _ALL_INTERFACES:
                return host or '""', True
        return None
    if isinstance(node, ast.Tuple) and 2 <= len(node.elts) <= 4:
        return _interface(node.elts[0], ctx, allow_empty=True)
    if isinstance(node, ast.Call):
        name = ctx.call_name(node)
        if name in ("os.getenv", "os.environ.get"):
            found = _interface(argument(node, 1, "default"), ctx, allow_empty=False)
            if found:
                return found[0], False
    return None


@rule(
    id="PY-NET-001",
    cwe=1327,
    title="Server bound to all network interfaces",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags sockets and servers bound to `0.0.0.0`, `::` or `\"\"` — `sock.bind((host, "
        "port))`, `app.run(host=…)`, uvicorn, werkzeug `run_simple`, waitress, aiohttp, "
        "asyncio, `socketserver`/`http.server` and similar."
    ),
    why=(
        "Binding to every interface exposes the service on all networks the machine is "
        "on — including public ones — rather than only where it is meant to be reached; "
        "development servers and admin endpoints bound this way are a classic way in."
    ),
    fix=(
        "Bind to `127.0.0.1` (or a specific interface) and let a reverse proxy or the "
        "container runtime expose the port; make the host configurable."
    ),
    bad='app.run(host="0.0.0.0", port=8000)',
    good='app.run(host=os.environ.get("BIND_HOST", "127.0.0.1"), port=8000)',
    nodes=(ast.Call, ast.Assign),
    methods=_SERVER_LEAVES | {"add_argument", "option"},
    references=("https://cwe.mitre.org/data/definitions/1327.html",),
    bandit=("B104",),
    scope_note=(
        "Pattern on calls that bind or start servers, and (low confidence) on host/bind "
        "settings and command-line option defaults set to an all-interfaces address; a "
        "`\"0.0.0.0\"` string elsewhere (a comparison, an allow-list, a client connecting) "
        "is not reported, unlike Bandit, which flags every such string. Inside containers "
        "binding to all interfaces is often intended; the finding asks to make it deliberate."
    ),
)
def bind_all_interfaces(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        yield from _bind_setting(node, ctx)
        return
    assert isinstance(node, ast.Call)
    yield from _bind_option_default(node, ctx)
    if cannot_be(node, _SERVER_LEAVES):
        return
    name = ctx.call_name(node)
    spec = _SERVER_FUNCTIONS.get(name or "")
    known_server = spec is not None
    if spec is None and name is None and isinstance(node.func, ast.Attribute):
        spec = _SERVER_METHODS.get(node.func.attr)
    if spec is None:
        return
    position, key = spec
    host = keyword(node, key) if position < 0 else argument(node, position, key)
    if host is None and key != "host":
        host = keyword(node, "host")
    found = _interface(host, ctx, allow_empty=known_server)
    if found is None or _reported_as_setting(host, ctx):
        return
    address, certain = found
    shown = short_code(node.func)
    yield Issue(
        node,
        f"`{shown}` listens on {address} (every interface): the service is reachable from "
        "every network this machine is attached to"
        + ("" if certain else ", unless the environment variable is set")
        + ".",
        confidence=None if certain else Confidence.LOW,
    )


_HOST_WORDS = frozenset({"host", "hostname", "bind", "listen", "addr", "address", "interface"})
_NOT_HOST_WORDS = frozenset({"allowed", "trusted", "internal", "blocked", "remote", "client",
                             "peer", "target", "upstream", "proxy", "db", "database", "redis",
                             "smtp", "email", "mail", "default_gateway"})


def _is_bind_setting_name(name: str) -> bool:
    words = identifier_words(name)
    return bool(words) and any(w in _HOST_WORDS for w in words) and not any(
        w in _NOT_HOST_WORDS for w in words
    )


def _reported_as_setting(host: ast.AST | None, ctx: RuleContext) -> bool:
    """`app.run(host=HOST)` with `HOST = "0.0.0.0"`: reported once, at the setting."""
    if not isinstance(host, ast.Name) or not _is_bind_setting_name(host.id):
        return False
    binding = ctx.resolver.lookup(host.id, ctx.scope)
    return binding is not None and binding.kind == "constant"


def _bind_setting(node: ast.Assign, ctx: RuleContext) -> Iterator[Issue]:
    """`HOST = "0.0.0.0"`, `bind = "0.0.0.0:8000"` (gunicorn.conf.py), `addr = "::"`."""
    if not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
        return
    value = node.value.value
    if not value:
        return  # an empty string is "unset" in settings, not "every interface"
    found = _interface(node.value, ctx, allow_empty=False)
    if found is None:
        return
    for target in node.targets:
        if isinstance(target, (ast.Name, ast.Attribute)):
            name = target.id if isinstance(target, ast.Name) else target.attr
            if _is_bind_setting_name(name):
                yield Issue(
                    node,
                    f"`{name}` is set to {found[0]}: whatever binds with it listens on every "
                    "interface.",
                    confidence=Confidence.LOW,
                )
                return


def _bind_option_default(node: ast.Call, ctx: RuleContext) -> Iterator[Issue]:
    """`parser.add_argument("--host", default="0.0.0.0")`, `click.option("--bind", ...)`."""
    if not (isinstance(node.func, ast.Attribute) and node.func.attr in ("add_argument", "option")):
        if not (isinstance(node.func, ast.Name) and node.func.id == "option"):
            return
    default = keyword(node, "default")
    if default is None:
        return
    flags = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not any(_is_bind_setting_name(flag) for flag in flags):
        return
    found = _interface(default, ctx, allow_empty=False)
    if found is not None:
        yield Issue(
            node,
            f"The option {flags[0]} defaults to {found[0]}: unless told otherwise, the server "
            "listens on every interface.",
            confidence=Confidence.LOW,
        )


_URL_OPENERS: dict[str, tuple[int, str]] = {
    "urllib.request.urlopen": (0, "url"),
    "urllib.request.urlretrieve": (0, "url"),
    "urllib.request.Request": (0, "url"),
    "urllib.urlopen": (0, "url"),
    "urllib.urlretrieve": (0, "url"),
    "urllib2.urlopen": (0, "url"),
    "urllib2.Request": (0, "url"),
    "six.moves.urllib.request.urlopen": (0, "url"),
    "six.moves.urllib.request.urlretrieve": (0, "url"),
    "six.moves.urllib.request.Request": (0, "url"),
}
_LEGACY_OPENERS = frozenset(
    {"urllib.request.URLopener", "urllib.request.FancyURLopener", "urllib.URLopener",
     "urllib.FancyURLopener", "six.moves.urllib.request.URLopener",
     "six.moves.urllib.request.FancyURLopener"}
)
_OPENER_FACTORIES = frozenset(
    {"urllib.request.build_opener", "urllib.request.OpenerDirector", "urllib2.build_opener",
     "six.moves.urllib.request.build_opener", *_LEGACY_OPENERS}
)
_LEGACY_LEAVES = leaves(_LEGACY_OPENERS)
_REQUEST_CLASSES = frozenset(
    {"urllib.request.Request", "urllib2.Request", "six.moves.urllib.request.Request"}
)


_OPENER_LEAVES = leaves(_URL_OPENERS) | {"open", "retrieve"}


def _constant_prefix(node: ast.AST, ctx: RuleContext) -> str | None:
    """The constant text a string expression starts with, if any."""
    known, value = ctx.constant(node)
    if known:
        return value if isinstance(value, str) else None
    if isinstance(node, ast.JoinedStr) and node.values:
        return _constant_prefix(node.values[0], ctx)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _constant_prefix(node.left, ctx)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            return _constant_prefix(node.func.value, ctx)
    if isinstance(node, ast.Name):
        bound = bound_value(node, ctx)
        if bound is not None and bound is not node:
            return _constant_prefix(bound, ctx)
    return None


def _opener_call(node: ast.Call, ctx: RuleContext) -> tuple[str, ast.expr | None] | None:
    """(display name, URL argument) for URL-opening calls of urllib and its openers."""
    if cannot_be(node, _OPENER_LEAVES):
        return None
    name = ctx.call_name(node)
    if name in _URL_OPENERS:
        position, key = _URL_OPENERS[name]
        return name, argument(node, position, key)
    if name is None and isinstance(node.func, ast.Attribute) and node.func.attr in (
        "open", "retrieve",
    ):
        receiver: ast.AST | None = node.func.value
        if isinstance(receiver, ast.Name):
            receiver = bound_value(receiver, ctx)
        if isinstance(receiver, ast.Call) and ctx.call_name(receiver) in _OPENER_FACTORIES:
            return f"opener.{node.func.attr}", argument(node, 0, "fullurl")
    return None


def _scheme_checked(url: ast.AST, ctx: RuleContext) -> bool:
    """True when the enclosing function looks at the URL's scheme before opening it."""
    if not isinstance(url, ast.Name):
        return False
    scope: ast.AST | None = enclosing_function(ctx.parents)
    if scope is None:
        parents = ctx.parents
        scope = parents[0] if parents else None
    if scope is None:
        return False
    for inner in ast.walk(scope):
        if isinstance(inner, ast.Attribute) and inner.attr == "scheme":
            return True
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "startswith"
            and isinstance(inner.func.value, ast.Name)
            and inner.func.value.id == url.id
        ):
            return True
    return False


@rule(
    id="PY-NET-002",
    cwe=918,
    title="URL opened with urllib without restricting its scheme",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `urllib.request.urlopen`/`urlretrieve`/`Request` (and openers from "
        "`build_opener`) on URLs that are not constants and do not start with a fixed "
        "`http://`/`https://` prefix, and the legacy `URLopener`/`FancyURLopener`."
    ),
    why=(
        "urllib opens `file://`, `ftp://` and `data:` URLs as readily as `https://`: a URL "
        "an attacker can influence reads local files (`file:///etc/passwd`) or reaches "
        "internal services from the server (server-side request forgery)."
    ),
    fix=(
        "Check the scheme before opening (`if urlparse(url).scheme not in (\"http\", "
        "\"https\"): raise ValueError(url)`), or use an HTTP-only client such as requests."
    ),
    bad="data = urllib.request.urlopen(url).read()",
    good=(
        "if urllib.parse.urlparse(url).scheme not in (\"http\", \"https\"):\n"
        "    raise ValueError(url)\n"
        "data = urllib.request.urlopen(url, timeout=10).read()"
    ),
    nodes=(ast.Call,),
    methods=_OPENER_LEAVES | _LEGACY_LEAVES,
    references=(
        "https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen",
        "https://cwe.mitre.org/data/definitions/918.html",
    ),
    bandit=("B310",),
    scope_note=(
        "Pattern. CWE-918 because MITRE's SSRF entry covers URL fetchers reaching "
        "`file://` and other unexpected schemes; Bandit's CWE-22 only covers the file "
        "case. Constant URLs are not reported here (a constant `file:` URL is the audit "
        "rule PY-NET-006); nor are URLs with a constant `http(s)://` prefix, or URLs whose "
        "scheme the function checks (`.scheme`, `url.startswith(...)`). Whether the URL "
        "comes from a user is the taint engine's question (CWE-918 with a trace)."
    ),
)
def urlopen_any_scheme(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _OPENER_LEAVES | _LEGACY_LEAVES):
        return
    name = ctx.call_name(node)
    if name in _LEGACY_OPENERS:
        yield Issue(
            node,
            f"`{name.rpartition('.')[2]}` is deprecated and opens `file:` and `ftp:` URLs "
            "through the same `open()` as `http:` ones.",
            severity=Severity.LOW,
            remediation="Use `urllib.request.urlopen` with a scheme check, or requests.",
        )
        return
    found = _opener_call(node, ctx)
    if found is None:
        return
    shown, url = found
    if url is None:
        return
    if isinstance(url, ast.Call) and ctx.call_name(url) in _REQUEST_CLASSES:
        return  # the Request(...) call is judged itself
    if isinstance(url, ast.Name):
        bound = bound_value(url, ctx)
        if isinstance(bound, ast.Call) and ctx.call_name(bound) in _REQUEST_CLASSES:
            return
    prefix = _constant_prefix(url, ctx)
    if prefix is not None:
        known, _ = ctx.constant(url)
        if known or prefix.lower().startswith(("http://", "https://")):
            return
    if _scheme_checked(url, ctx):
        return
    yield Issue(
        node,
        f"`{shown.rpartition('.')[2] if '.' in shown else shown}({short_code(url, 40)})` "
        "accepts any scheme: a `file://` URL reads local files and other schemes reach "
        "services the server can see.",
    )


@rule(
    id="PY-NET-006",
    cwe=918,
    title="urllib opening a constant non-HTTP URL (audit)",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Audit profile: flags urllib openers given a constant `file:`, `ftp:` or other "
        "non-HTTP URL."
    ),
    why=(
        "A constant URL is chosen by the developer, so this is rarely a vulnerability; it "
        "is listed so that Bandit's B310 hits on such lines can be reviewed."
    ),
    fix="Read local files with `open()`; fetch remote ones over HTTPS.",
    bad='urllib.request.urlopen("file:///etc/hosts")',
    good='Path("/etc/hosts").read_text()',
    nodes=(ast.Call,),
    methods=_OPENER_LEAVES,
    references=("https://docs.python.org/3/library/urllib.request.html",),
    bandit=("B310",),
    profile="audit",
    scope_note="Pattern; the default-profile rule is PY-NET-002.",
)
def urlopen_constant_scheme(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _opener_call(node, ctx)
    if found is None or found[1] is None:
        return
    known, value = ctx.constant(found[1])
    if not known or not isinstance(value, str) or "://" not in value and ":" not in value:
        return
    scheme = value.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        return
    yield Issue(node, f"`{short_code(node.func)}` opens a constant `{scheme}:` URL.")


_CLEARTEXT_CLIENTS = {
    "telnetlib.Telnet": ("Telnet", "ssh (paramiko, asyncssh)", Severity.HIGH),
    "ftplib.FTP": ("FTP", "`ftplib.FTP_TLS` (then `.prot_p()`) or SFTP", Severity.MEDIUM),
    "telnetlib3.open_connection": ("Telnet", "ssh (paramiko, asyncssh)", Severity.HIGH),
}


_CLEARTEXT_LEAVES = leaves(_CLEARTEXT_CLIENTS)


@rule(
    id="PY-NET-003",
    cwe=319,
    title="Clear-text protocol client (Telnet, FTP)",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary="Flags `telnetlib.Telnet(...)` and `ftplib.FTP(...)` (not `FTP_TLS`).",
    why=(
        "Telnet and FTP send everything, login and password included, unencrypted: anyone "
        "on the path reads the credentials and the data and can inject commands."
    ),
    fix="Use SSH/SFTP (paramiko, asyncssh) or `ftplib.FTP_TLS` with `prot_p()`.",
    bad='ftp = ftplib.FTP("files.example.com")\nftp.login(user, password)',
    good='ftp = ftplib.FTP_TLS("files.example.com")\nftp.login(user, password)\nftp.prot_p()',
    nodes=(ast.Call,),
    methods=_CLEARTEXT_LEAVES,
    references=("https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS",),
    bandit=("B312", "B321"),
    scope_note=(
        "Pattern on the client constructors (the imports themselves are Bandit's "
        "B401/B402, handled by the import rules)."
    ),
)
def cleartext_protocol(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _CLEARTEXT_LEAVES):
        return
    name = ctx.call_name(node)
    if name not in _CLEARTEXT_CLIENTS:
        return
    protocol, instead, severity = _CLEARTEXT_CLIENTS[name]
    yield Issue(
        node,
        f"`{short_code(node.func)}` opens {'an' if protocol == 'FTP' else 'a'} {protocol} "
        "connection: credentials and data "
        "cross the network unencrypted.",
        severity=severity,
        remediation=f"Use {instead}.",
    )


_MAIL_CLIENTS = {
    "smtplib.SMTP": ("SMTP", "starttls", ("login", "auth")),
    "smtplib.LMTP": ("LMTP", "starttls", ("login", "auth")),
    "imaplib.IMAP4": ("IMAP", "starttls", ("login", "authenticate")),
    "poplib.POP3": ("POP3", "stls", ("user", "pass_", "rpop")),
}
_MAIL_LEAVES = leaves(_MAIL_CLIENTS)
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", ""})


def _assigned_to(node: ast.Call, parents: Sequence[ast.AST]) -> ast.expr | None:
    """The variable or attribute a constructor call is stored in (`x = C()`, `with C() as x`)."""
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return parent.targets[0]
    if isinstance(parent, ast.withitem) and parent.optional_vars is not None:
        return parent.optional_vars
    return None


@rule(
    id="PY-NET-004",
    cwe=523,
    title="Login over SMTP/IMAP/POP3 without STARTTLS",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `smtplib.SMTP`, `imaplib.IMAP4` and `poplib.POP3` connections on which the "
        "same function logs in (`login`, `authenticate`, `user`/`pass_`) without first "
        "calling `starttls()`/`stls()`."
    ),
    why=(
        "On a plain connection the login command carries the password in clear text (or "
        "trivially encoded), readable by anyone on the network path."
    ),
    fix=(
        "Use `smtplib.SMTP_SSL`/`imaplib.IMAP4_SSL`/`poplib.POP3_SSL`, or call "
        "`starttls(context=ssl.create_default_context())` before logging in."
    ),
    bad='server = smtplib.SMTP("mail.example.com", 587)\nserver.login(user, password)',
    good=(
        'server = smtplib.SMTP("mail.example.com", 587)\n'
        "server.starttls(context=ssl.create_default_context())\nserver.login(user, password)"
    ),
    nodes=(ast.Call,),
    methods=_MAIL_LEAVES,
    references=("https://docs.python.org/3/library/smtplib.html#smtplib.SMTP.starttls",),
    scope_note=(
        "Pattern within one function: the connection must be stored in a variable or "
        "attribute that the same function logs in with. Connections to localhost and "
        "connections without a login (relaying to a local MTA) are not reported."
    ),
)
def login_without_starttls(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _MAIL_LEAVES):
        return
    name = ctx.call_name(node)
    if name not in _MAIL_CLIENTS:
        return
    protocol, starttls, logins = _MAIL_CLIENTS[name]
    host_node = argument(node, 0, "host")
    known, host = ctx.constant(host_node) if host_node is not None else (True, "")
    if known and host in _LOCAL_HOSTS:
        return
    parents = ctx.parents
    parent = parents[-1] if parents else None
    if isinstance(parent, ast.Attribute) and parent.attr in logins:
        yield _login_issue(node, protocol, parent.attr, starttls, "")
        return
    target = _assigned_to(node, parents)
    if target is None:
        return
    scope: ast.AST | None = enclosing_function(parents) or (parents[0] if parents else None)
    if scope is None:
        return
    receiver = ast.unparse(target)
    login: str | None = None
    for inner in ast.walk(scope):
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)):
            continue
        if ast.unparse(inner.func.value) != receiver:
            continue
        if inner.func.attr == starttls:
            return
        if inner.func.attr in logins:
            login = inner.func.attr
    if login is not None:
        yield _login_issue(node, protocol, login, starttls, receiver)


def _login_issue(node: ast.Call, protocol: str, login: str, starttls: str, name: str) -> Issue:
    where = f"`{name}.{login}()`" if name else f"`{login}()`"
    return Issue(
        node,
        f"This {protocol} connection logs in with {where} without calling `{starttls}()` "
        "first: the credentials are sent in clear text.",
    )


_HTTP_CLIENT_FUNCTIONS = ("requests.", "httpx.", "aiohttp.", "urllib3.")
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request",
                         "urlopen", "Request", "stream"})
_LOCAL_PREFIXES = ("localhost", "127.", "[::1]", "0.0.0.0", "host.docker.internal")
_LOCAL_SUFFIXES = (".local", ".localhost", ".test", ".example", ".invalid", ".internal",
                   "example.com", "example.org", "example.net")


@rule(
    id="PY-NET-005",
    cwe=319,
    title="Plain http:// URL requested (audit)",
    severity=Severity.LOW,
    confidence=Confidence.MEDIUM,
    summary=(
        "Audit profile: flags HTTP client calls (requests, httpx, aiohttp, urllib) whose "
        "URL is a constant (or constant-prefixed) `http://` URL to a non-local host."
    ),
    why=(
        "Plain HTTP can be read and modified in transit; responses can be replaced and "
        "any token or cookie sent along is exposed."
    ),
    fix="Use the `https://` URL of the service.",
    bad='requests.get("http://api.example-partner.com/v1/orders", timeout=10)',
    good='requests.get("https://api.example-partner.com/v1/orders", timeout=10)',
    nodes=(ast.Call,),
    calls=(*_HTTP_CLIENT_FUNCTIONS, *_URL_OPENERS),
    methods=_HTTP_VERBS,
    references=("https://cwe.mitre.org/data/definitions/319.html",),
    profile="audit",
    scope_note=(
        "Pattern, audit only: many http:// URLs are internal or redirect to HTTPS. "
        "localhost, loopback, `.local`/`.internal`/`.test` and example domains are skipped."
    ),
)
def plain_http_url(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name is not None:
        if not (name.startswith(_HTTP_CLIENT_FUNCTIONS) or name in _URL_OPENERS):
            return
        verb = name.rpartition(".")[2]
    elif isinstance(node.func, ast.Attribute) and node.func.attr in _HTTP_VERBS:
        verb = node.func.attr
    else:
        return
    url = argument(node, 1, "url") if verb == "request" else argument(node, 0, "url")
    if url is None:
        return
    prefix = _constant_prefix(url, ctx)
    if prefix is None or not prefix.lower().startswith("http://"):
        return
    host = prefix[len("http://"):].split("/", 1)[0].split(":", 1)[0].lower()
    if not host or host.startswith(_LOCAL_PREFIXES) or host.endswith(_LOCAL_SUFFIXES):
        return
    yield Issue(node, f"`{short_code(node.func)}` requests `http://{host}` without TLS.")
