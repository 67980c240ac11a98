"""Obsolete functions: standard-library APIs that were removed or deprecated for a reason.

PY-OBSOLETE-001 (CWE-477) reports calls of functions, uses of attributes and imports of
modules that Python removed or deprecated, with the version and the replacement. The
table is curated from the "removed"/"deprecated" notes of the Python documentation and
keeps to entries with a reason a reviewer cares about: an API that escapes or verifies
less than its replacement (`cgi.escape`, `socket.ssl`, `ssl.RAND_pseudo_bytes`,
`hmac.new` without a digest), one whose meaning depends on the platform (`time.clock`,
`string.letters`), or a module that is gone and takes the program down with it
(`imp`, `distutils`, `pipes`, `cgi`). Mere renames with no bearing on safety
(unittest's `assertEquals`, Python 2's `ConfigParser`) are left out.

What other rules already report is not reported again: `tempfile.mktemp`, `os.tempnam`
and `os.tmpnam` (PY-TMP-002), `telnetlib`/`ftplib`/`xmlrpclib` (PY-IMPORT-401/402/411,
PY-NET-003), `xml.etree.cElementTree` (PY-IMPORT-405 and the PY-XML rules),
`URLopener`/`FancyURLopener` (PY-NET-002), `crypt` (PY-CRYPTO-006/007 judge its
methods and salts), `ssl.wrap_socket` (PY-TLS-001 reports it
where it checks no certificate, and says it is removed), the `ssl.PROTOCOL_*` constants
of broken protocols (PY-TLS-003).

Code that only reaches an obsolete API on old interpreters — under a version test
(`if sys.version_info < (3, 8):`, `if six.PY2:`), a feature test (`hasattr(time,
"clock")`) or in a `try`/`except ImportError`/`AttributeError` fallback — is a
compatibility shim and is not reported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import (
    Issue,
    RuleContext,
    argument,
    for_last_node,
    has_star_arguments,
    rule,
)
from cwescan.rules.secrets import short_code

CALL = "call"
ATTRIBUTE = "attribute"
MODULE = "module"


@dataclass(frozen=True)
class Obsolete:
    """One removed or deprecated API and what to say about it."""

    name: str  # qualified name of the function, attribute or module
    kind: str  # CALL, ATTRIBUTE or MODULE
    status: str  # "removed in Python 3.8 (deprecated since 3.3)"
    reason: str  # why it went, or why the old behaviour is worse
    replacement: str
    severity: Severity = Severity.LOW
    # for a module: the names of its API; an import counts only when the file uses one
    # of them (a project's own `commands` or `pipes` package is not the stdlib module)
    members: frozenset[str] | None = None
    # for a module: packages that ship a maintained copy of it; a file that imports one
    # of them gets the module from there (setuptools provides `distutils`)
    provided_by: tuple[str, ...] = ()


_PY2 = "is Python 2 only (removed in Python 3.0)"
_PEP594 = "was removed in Python 3.13 (deprecated since 3.11, PEP 594)"

_ENTRIES = (
    # -- escaping and TLS: the old API protects less than its replacement ---------------
    Obsolete(
        "cgi.escape", CALL, "was removed in Python 3.8 (deprecated since 3.2)",
        "it escapes only `&`, `<` and `>` unless `quote=True` is passed, and never `'`, "
        "so a value put in an HTML attribute breaks out of it (cross-site scripting)",
        "`html.escape(value)`, which escapes both quote characters by default",
        Severity.MEDIUM,
    ),
    Obsolete(
        "socket.ssl", CALL, _PY2,
        "it verifies neither the certificate nor the host name of the peer",
        "`ssl.create_default_context().wrap_socket(sock, server_hostname=host)`",
        Severity.MEDIUM,
    ),
    Obsolete(
        "ssl.RAND_pseudo_bytes", CALL, "was removed in Python 3.12 (deprecated since 3.6)",
        "its bytes are not guaranteed to be cryptographically strong (the second item of "
        "its result says whether they were, and callers rarely look)",
        "`secrets.token_bytes(n)` or `os.urandom(n)`",
        Severity.MEDIUM,
    ),
    Obsolete(
        "hmac.new", CALL,
        "without `digestmod` was deprecated in Python 3.4 and is an error since 3.8",
        "the old default digest was MD5",
        "an explicit digest: `hmac.new(key, msg, hashlib.sha256)`",
        Severity.MEDIUM,
    ),
    Obsolete(
        "ssl.match_hostname", CALL, "was removed in Python 3.12 (deprecated since 3.7)",
        "host-name checking belongs to the TLS handshake, which `SSLContext` does itself "
        "(`check_hostname`); a separate call after the handshake is easily forgotten or "
        "run on the wrong name",
        "`ssl.create_default_context()` and `wrap_socket(sock, server_hostname=host)`",
    ),
    Obsolete(
        "html.parser.HTMLParser.unescape", CALL,
        "was removed in Python 3.9 (deprecated since 3.4)",
        "it was an undocumented helper that lagged behind the HTML5 character references",
        "`html.unescape(text)`",
    ),
    # -- removed functions: the program fails where it calls them ------------------------
    Obsolete(
        "time.clock", CALL, "was removed in Python 3.8 (deprecated since 3.3)",
        "it measured CPU time on Unix but wall-clock time on Windows, so timings and "
        "timeouts built on it meant different things per platform",
        "`time.perf_counter()` for elapsed time, `time.process_time()` for CPU time",
    ),
    Obsolete(
        "cgi.parse_qs", CALL, "was removed in Python 3.8 (deprecated since 2.6)",
        "it moved to `urllib.parse`", "`urllib.parse.parse_qs(query)`",
    ),
    Obsolete(
        "cgi.parse_qsl", CALL, "was removed in Python 3.8 (deprecated since 2.6)",
        "it moved to `urllib.parse`", "`urllib.parse.parse_qsl(query)`",
    ),
    Obsolete(
        "platform.linux_distribution", CALL,
        "was removed in Python 3.8 (deprecated since 3.5)",
        "its guesses about the distribution were unreliable and unmaintained",
        "`platform.freedesktop_os_release()` (3.10+) or the `distro` package",
    ),
    Obsolete(
        "platform.dist", CALL, "was removed in Python 3.8 (deprecated since 3.5)",
        "its guesses about the distribution were unreliable and unmaintained",
        "`platform.freedesktop_os_release()` (3.10+) or the `distro` package",
    ),
    Obsolete(
        "platform.popen", CALL, "was removed in Python 3.8 (deprecated since 3.3)",
        "it ran its command through a shell, like `os.popen`",
        "`subprocess.run([...], capture_output=True)`",
    ),
    Obsolete(
        "base64.encodestring", CALL, "was removed in Python 3.9 (deprecated since 3.1)",
        "the name suggested text but the function works on bytes",
        "`base64.encodebytes(data)`",
    ),
    Obsolete(
        "base64.decodestring", CALL, "was removed in Python 3.9 (deprecated since 3.1)",
        "the name suggested text but the function works on bytes",
        "`base64.decodebytes(data)`",
    ),
    Obsolete(
        "inspect.getargspec", CALL, "was removed in Python 3.11 (deprecated since 3.0)",
        "it fails on keyword-only arguments and annotations",
        "`inspect.signature(func)` (or `inspect.getfullargspec`)",
    ),
    Obsolete(
        "inspect.formatargspec", CALL, "was removed in Python 3.11 (deprecated since 3.5)",
        "it formats the output of the removed `getargspec`", "`str(inspect.signature(func))`",
    ),
    Obsolete(
        "string.maketrans", CALL, _PY2, "translation tables moved to the str and bytes types",
        "`str.maketrans(...)` or `bytes.maketrans(...)`",
    ),
    *(
        Obsolete(
            f"os.{name}", CALL, "is Python 2 only (deprecated since 2.6, removed in 3.0)",
            "it runs its command through a shell", "`subprocess.Popen([...], stdin=PIPE, "
            "stdout=PIPE)` with an argument list",
        )
        for name in ("popen2", "popen3", "popen4")
    ),
    *(
        Obsolete(
            f"urllib.{name}", CALL, _PY2,
            "Python 2's urllib did not verify HTTPS certificates before 2.7.9 and opens "
            "`file:` URLs as readily as `https:` ones",
            f"`urllib.request.{name}` (with a scheme check) or `requests`",
        )
        for name in ("urlopen", "urlretrieve")
    ),
    # -- attributes --------------------------------------------------------------------
    *(
        Obsolete(
            f"string.{name}", ATTRIBUTE, _PY2,
            "its contents depended on the current locale, so a character check or "
            "alphabet built from it differed per machine",
            f"`string.ascii_{name}`",
        )
        for name in ("letters", "lowercase", "uppercase")
    ),
    # -- modules -----------------------------------------------------------------------
    Obsolete(
        "imp", MODULE, "was removed in Python 3.12 (deprecated since 3.4)",
        "its loaders bypass the import system's checks and caches",
        "`importlib` (`importlib.util.spec_from_file_location`, `importlib.reload`)",
    ),
    Obsolete(
        "distutils", MODULE, "was removed in Python 3.12 (deprecated since 3.10, PEP 632)",
        "it is unmaintained",
        "`setuptools` to build, `packaging.version.Version` to compare versions, "
        "`sysconfig` for paths, `shutil.which` to find programs",
        provided_by=("setuptools", "_distutils_hack", "_distutils"),
    ),
    *(
        Obsolete(
            name, MODULE, "was removed in Python 3.12 (deprecated since 3.6)",
            "it is unmaintained", replacement,
        )
        for name, replacement in (
            ("asyncore", "`asyncio`"),
            ("asynchat", "`asyncio`"),
            ("smtpd", "the `aiosmtpd` package"),
        )
    ),
    Obsolete(
        "pipes", MODULE, _PEP594, "`pipes.quote` is `shlex.quote` under another name",
        "`shlex.quote` / `subprocess` with an argument list",
        members=frozenset({"quote", "Template"}),
    ),
    Obsolete(
        "cgi", MODULE, _PEP594,
        "it is unmaintained, and its `FieldStorage` parser has had denial-of-service bugs",
        "a WSGI framework's request parsing, `email.message` for headers, "
        "`multipart` for form data",
        members=frozenset({"FieldStorage", "MiniFieldStorage", "parse", "parse_multipart",
                           "parse_header", "print_environ", "print_form", "print_directory",
                           "print_environ_usage", "test", "maxlen", "log", "initlog"}),
    ),
    Obsolete(
        "cgitb", MODULE, _PEP594,
        "it is unmaintained; enabled on a server it shows tracebacks and local variables "
        "to whoever triggers an error",
        "the web framework's error handling, with details only in the server log",
    ),
    Obsolete(
        "mailcap", MODULE, _PEP594,
        "`findmatch` built shell commands from file names without quoting them "
        "(CVE-2015-20107)",
        "`mimetypes`, and `subprocess` with an argument list to open files",
        Severity.MEDIUM,
        members=frozenset({"getcaps", "findmatch", "findparam", "listmailcapfiles",
                           "readmailcapfile", "lookup", "subst"}),
    ),
    Obsolete(
        "commands", MODULE, "is Python 2 only (deprecated since 2.6, removed in 3.0)",
        "every function in it runs its command through a shell",
        "`subprocess.run([...], capture_output=True)` with an argument list",
        members=frozenset({"getoutput", "getstatusoutput", "getstatus", "mkarg", "mk2arg"}),
    ),
    Obsolete(
        "popen2", MODULE, "is Python 2 only (deprecated since 2.6, removed in 3.0)",
        "its functions run their command through a shell",
        "`subprocess.Popen([...])` with an argument list",
        members=frozenset({"popen2", "popen3", "popen4", "Popen3", "Popen4"}),
    ),
    *(
        Obsolete(
            name, MODULE, "is Python 2 only (deprecated since 2.5, removed in 3.0)",
            f"it offers only {label}, which is broken for security uses",
            "`hashlib` with SHA-256 (and a password hash such as argon2 for passwords)",
            members=frozenset({"new", name, "digest_size", "digestsize", "blocksize"}),
        )
        for name, label in (("md5", "MD5"), ("sha", "SHA-1"))
    ),
    Obsolete(
        "urllib2", MODULE, _PY2,
        "it did not verify HTTPS certificates before Python 2.7.9, and Python 2 gets no "
        "security fixes since 2020",
        "`urllib.request` or `requests`",
    ),
)

_CALLS = {e.name: e for e in _ENTRIES if e.kind == CALL}
_CALLS["hmac.HMAC"] = _CALLS["hmac.new"]
_CALLS["HTMLParser.HTMLParser.unescape"] = _CALLS["html.parser.HTMLParser.unescape"]
_ATTRIBUTES = {e.name: e for e in _ENTRIES if e.kind == ATTRIBUTE}
_ATTRIBUTE_LEAVES = frozenset(name.rpartition(".")[2] for name in _ATTRIBUTES)
_MODULES = {e.name: e for e in _ENTRIES if e.kind == MODULE}
_HTML_PARSERS = frozenset({"html.parser.HTMLParser", "HTMLParser.HTMLParser"})
_UNESCAPE = _CALLS["html.parser.HTMLParser.unescape"]

# Words one of which every reportable file contains: the last part of each name (whatever
# a module is imported as, the function's own name is written at the call or its import),
# or the module's name where the last part is a common word (`hmac.new`, `platform.popen`,
# `cgi.escape`: whoever calls them imported the module by name). `imp` and `sha` are
# spelled as they stand in an import statement, since the bare words are in `import`
# and `shape`.
_PREFILTER_WORDS = {
    "imp": ("import imp", "from imp ", ", imp", ",imp"),
    "sha": ("import sha", "from sha ", ", sha", ",sha"),
    "hmac.new": ("hmac",),
    "hmac.HMAC": ("hmac",),
    "platform.popen": ("platform",),
    "platform.dist": ("platform",),
    "cgi.escape": ("cgi",),
    "socket.ssl": ("socket",),
}
_REQUIRED_WORDS = tuple(
    sorted(
        {
            word
            for name in (*_CALLS, *_ATTRIBUTES, *_MODULES)
            for word in _PREFILTER_WORDS.get(name, (name.rpartition(".")[2],))
        }
    )
)

# Names in a condition that make it a test of the interpreter's version: `sys.version_info`,
# `six.PY2`, `PY3`, `IS_PY2`, `PY38`, `sys.hexversion`, `platform.python_version()`.
_VERSION_NAME = re.compile(
    r"(?i)^_*(?:is_|on_|using_)?py(?:thon)?_?[23]\d*(?:_|$)|version_info|hexversion|"
    r"python_version|py_?version"
)
_FEATURE_TESTS = frozenset({"builtins.hasattr", "builtins.getattr"})
_FALLBACK_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "AttributeError", "NameError"})
_BROAD_ERRORS = frozenset({"Exception", "BaseException"})
_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


@rule(
    id="PY-OBSOLETE-001",
    cwe=477,
    title="Use of an obsolete standard-library function or module",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        "Flags calls of removed or deprecated standard-library functions (`time.clock`, "
        "`cgi.escape`, `platform.linux_distribution`, `ssl.match_hostname`, "
        "`base64.encodestring`, `inspect.getargspec`, `HTMLParser().unescape`, `hmac.new` "
        "without a digest, Python 2's `os.popen2`, `socket.ssl`, `urllib.urlopen`), uses "
        "of `string.letters`-style attributes and imports of removed modules (`imp`, "
        "`distutils`, `asyncore`, `asynchat`, `smtpd`, `pipes`, `cgi`, `cgitb`, "
        "`mailcap`, Python 2's `commands`, `popen2`, `md5`, "
        "`sha`, `urllib2`), naming the version and the replacement."
    ),
    why=(
        "An obsolete API was dropped for a reason: some protect less than their "
        "replacement (`cgi.escape` leaves quotes unescaped, `socket.ssl` checks no "
        "certificate, `hmac.new` used to default to MD5), some behave differently per "
        "platform (`time.clock`), and all of them are unmaintained. Code that calls a "
        "removed function fails at run time on current Python — often in an error path "
        "nobody tested — and code pinned to an old interpreter to keep them working misses "
        "that interpreter's security fixes."
    ),
    fix=(
        "Use the replacement named in the finding: `html.escape`, "
        "`SSLContext.wrap_socket(sock, server_hostname=host)`, `time.perf_counter`, "
        "`importlib`, `shlex.quote`, `subprocess` with an argument list."
    ),
    bad='safe = cgi.escape(comment)\nhtml = f\'<input value="{safe}">\'',
    good='safe = html.escape(comment)\nhtml = f\'<input value="{safe}">\'',
    nodes=(ast.Call, ast.Attribute, ast.Import, ast.ImportFrom),
    calls=_CALLS,
    methods=("unescape",),
    requires=_REQUIRED_WORDS,
    references=(
        "https://cwe.mitre.org/data/definitions/477.html",
        "https://docs.python.org/3/whatsnew/3.8.html#api-and-feature-removals",
        "https://docs.python.org/3/whatsnew/3.12.html#removed",
        "https://peps.python.org/pep-0594/",
        "https://peps.python.org/pep-0632/",
    ),
    scope_note=(
        "Pattern over resolved names: `from time import clock` and `import time as t; "
        "t.clock()` are found, a function of your own named `clock` is not. Functions are "
        "reported where called, removed modules at the first import in a file (for "
        "`pipes`, `cgi`, `mailcap`, `commands`, `popen2`, `md5`, `sha` only when "
        "the file uses that module's API, so a project package of the same name is not "
        "taken for it; `distutils` not in files that import setuptools, which ships a "
        "maintained copy). Not reported: code under a version or feature test "
        "(`sys.version_info`, `six.PY2`, `hasattr(...)`), in a `try` whose `except` "
        "catches ImportError/AttributeError (or its fallback branch), or a name imported "
        "with a fallback import. Left to the rules that already report them: "
        "`ssl.wrap_socket` (PY-TLS-001), `tempfile.mktemp`/`os.tempnam` (PY-TMP-002), "
        "`crypt` (PY-CRYPTO-006/007 judge its methods and salts), "
        "`telnetlib`/`ftplib`/`xml.etree.cElementTree` (import audit rules), `URLopener` "
        "(PY-NET-002). Severity medium where the old API is less safe (`cgi.escape`, "
        "`socket.ssl`, `ssl.RAND_pseudo_bytes`, `hmac.new` without a digest, `mailcap`), "
        "low otherwise."
    ),
)
def obsolete_api(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Call):
        found = _obsolete_call(node, ctx)
        if found is not None:
            yield found
    elif isinstance(node, ast.Attribute):
        if node.attr in _ATTRIBUTE_LEAVES and isinstance(node.ctx, ast.Load):
            entry = _ATTRIBUTES.get(ctx.qualified_name(node) or "")
            if entry is not None and not _compatibility_shim(node, ctx):
                yield _issue(node, f"`{short_code(node)}`", entry)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        yield from _obsolete_imports(node, ctx)


def _issue(
    node: ast.AST, shown: str, entry: Obsolete, severity: Severity | None = None,
    reason: str | None = None,
) -> Issue:
    return Issue(
        node,
        f"{shown} {entry.status}: {reason or entry.reason}. Use {entry.replacement}.",
        remediation=f"Use {entry.replacement}.",
        severity=severity or entry.severity,
    )


def _obsolete_call(node: ast.Call, ctx: RuleContext) -> Issue | None:
    name = ctx.call_name(node)
    entry = _CALLS.get(name or "")
    func = node.func
    if entry is None:
        if not (isinstance(func, ast.Attribute) and func.attr == "unescape"):
            return None
        if not _html_parser(func.value, ctx):
            return None
        entry, name = _UNESCAPE, "HTMLParser.unescape"
    assert name is not None
    if _compatibility_shim(node, ctx) or _imported_with_fallback(func, ctx):
        return None
    shown = f"`{name}()`"
    if entry.name == "hmac.new":
        if has_star_arguments(node) or argument(node, 2, "digestmod") is not None:
            return None
        shown = f"`{name}()`"
        return Issue(
            node,
            f"{shown} {entry.status}: {entry.reason}. Use {entry.replacement}.",
            remediation=f"Pass {entry.replacement}.",
            severity=entry.severity,
        )
    return _issue(node, shown, entry)


def _html_parser(receiver: ast.expr, ctx: RuleContext) -> bool:
    """`HTMLParser()`, a name bound to one, or `self` in a subclass of HTMLParser."""
    if ctx.constructor_of(receiver) in _HTML_PARSERS:
        return True
    if isinstance(receiver, ast.Name) and receiver.id == "self":
        owner = next((p for p in reversed(ctx.parents) if isinstance(p, ast.ClassDef)), None)
        if owner is not None:
            return any(ctx.qualified_name(base) in _HTML_PARSERS for base in owner.bases)
    return False


# -- imports ------------------------------------------------------------------------------


def _module_entry(name: str) -> Obsolete | None:
    """The entry of a module or of the package it is part of (`distutils.core`)."""
    while name:
        entry = _MODULES.get(name)
        if entry is not None:
            return entry
        name = name.rpartition(".")[0]
    return None


def _obsolete_imports(node: ast.Import | ast.ImportFrom, ctx: RuleContext) -> Iterator[Issue]:
    found: list[tuple[str, Obsolete]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            entry = _module_entry(alias.name)
            if entry is None:
                continue
            bound = alias.asname or alias.name.partition(".")[0]
            if entry.members is None or _uses_member(ctx, bound, entry.members):
                found.append((alias.name, entry))
    elif not node.level and node.module:
        entry = _module_entry(node.module)
        if entry is not None:
            if entry.members is None or any(
                a.name == "*" or a.name in entry.members for a in node.names
            ):
                found.append((node.module, entry))
        else:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                entry = _MODULES.get(full) or _ATTRIBUTES.get(full)
                if entry is not None:
                    found.append((full, entry))
    found = [
        (name, entry)
        for name, entry in found
        if entry.kind != MODULE
        or (_first_import(ctx.module.tree, entry.name) is node and not _provided(entry, ctx))
    ]
    if not found or _compatibility_shim(node, ctx):
        return
    for name, entry in found:
        shown = f"`{name}`" if name == entry.name else f"`{name}` (`{entry.name}`)"
        yield _issue(node, shown, entry)


def _provided(entry: Obsolete, ctx: RuleContext) -> bool:
    """The file gets the module from a package that maintains it: it imports that
    package, or is part of it (setuptools' own `_distutils`, pip's `_distutils` glue)."""
    if not entry.provided_by:
        return False
    if ctx.imports(*entry.provided_by):
        return True
    return any(part in entry.provided_by for part in ctx.resolver.module_name.split("."))


def _first_import(tree: ast.Module, module: str) -> ast.AST | None:
    """The import statement that comes first in the file among those of `module` (or of
    its submodules): one finding per obsolete module and file, where the file starts to
    depend on it. A first import that is a compatibility shim covers the later ones."""
    return next((node for name, node in _first_imports(tree) if name == module), None)


@for_last_node
def _first_imports(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """(module entry, its first import statement) for each obsolete module imported."""
    first: dict[str, tuple[tuple[int, int], ast.AST]] = {}
    for inner in ast.walk(tree):
        if isinstance(inner, ast.Import):
            names = [alias.name for alias in inner.names]
        elif isinstance(inner, ast.ImportFrom) and not inner.level and inner.module:
            names = [inner.module, *(f"{inner.module}.{a.name}" for a in inner.names)]
        else:
            continue
        where = (inner.lineno, inner.col_offset)
        for name in names:
            entry = _module_entry(name)
            if entry is not None and (entry.name not in first or where < first[entry.name][0]):
                first[entry.name] = (where, inner)
    for name, (_, node) in first.items():
        yield name, node


@for_last_node
def _attribute_pairs(tree: ast.AST) -> Iterator[tuple[str, str]]:
    """Every `name.attribute` read in a module, as (name, attribute)."""
    for inner in ast.walk(tree):
        if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name):
            yield inner.value.id, inner.attr


def _uses_member(ctx: RuleContext, bound: str, members: frozenset[str]) -> bool:
    """Whether the module imported as `bound` is used through one of its API names."""
    return any(
        name == bound and attribute in members
        for name, attribute in _attribute_pairs(ctx.module.tree)
    )


# -- compatibility shims ------------------------------------------------------------------


def _compatibility_shim(node: ast.AST, ctx: RuleContext) -> bool:
    """Whether `node` runs only on interpreters that still have the API it uses.

    True inside a branch of a version or feature test (`if sys.version_info < (3, 8):`,
    `x if PY2 else y`, `hasattr(time, "clock") and ...`), after an `if` on such a test
    that leaves the block (`if hasattr(time, "perf_counter"): return ...`), and in the
    body or the handlers of a `try` whose handler catches ImportError/AttributeError.
    """
    chain = [*ctx.parents, node]
    for index in range(len(chain) - 1, 0, -1):
        parent, child = chain[index - 1], chain[index]
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)):
            if child is not parent.test and _version_test(parent.test, ctx):
                return True
        elif isinstance(parent, ast.BoolOp):
            for value in parent.values:
                if value is child:
                    break
                if _version_test(value, ctx):
                    return True
        elif isinstance(parent, ast.Try) or parent.__class__.__name__ == "TryStar":
            in_body = any(s is child for s in parent.body)  # type: ignore[attr-defined]
            in_handler = any(h is child for h in parent.handlers)  # type: ignore[attr-defined]
            if (in_body or in_handler) and _catches_fallback(parent):
                return True
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(parent, field, None)
            if not isinstance(statements, list):
                continue
            for statement in statements:
                if statement is child:
                    break
                if isinstance(statement, ast.If) and _leaves_block(statement) and (
                    _version_test(statement.test, ctx)
                ):
                    return True
    return False


def _version_test(test: ast.expr, ctx: RuleContext) -> bool:
    for inner in ast.walk(test):
        if isinstance(inner, ast.Call):
            if ctx.call_name(inner) in _FEATURE_TESTS:
                return True
        elif isinstance(inner, ast.Name):
            if _VERSION_NAME.search(inner.id):
                return True
        elif isinstance(inner, ast.Attribute):
            if _VERSION_NAME.search(inner.attr) or ctx.qualified_name(inner) == "sys.version":
                return True
    return False


def _leaves_block(statement: ast.If) -> bool:
    """An `if` whose body or else branch ends by leaving the block (`return`, `raise`)."""
    return any(
        branch and isinstance(branch[-1], _EXITS) for branch in (statement.body, statement.orelse)
    )


def _catches_fallback(statement: ast.AST) -> bool:
    """A `try` with a handler for ImportError/AttributeError/NameError; a bare or
    `Exception` handler counts when the `try` only imports and assigns."""
    body = getattr(statement, "body", [])
    only_imports = all(isinstance(s, (ast.Import, ast.ImportFrom, ast.Assign)) for s in body)
    for handler in getattr(statement, "handlers", []):
        names = _exception_names(handler.type)
        if names & _FALLBACK_ERRORS:
            return True
        if only_imports and (handler.type is None or names & _BROAD_ERRORS):
            return True
    return False


def _exception_names(node: ast.expr | None) -> set[str]:
    if node is None:
        return set()
    elements = node.elts if isinstance(node, ast.Tuple) else [node]
    names = set()
    for element in elements:
        if isinstance(element, ast.Name):
            names.add(element.id)
        elif isinstance(element, ast.Attribute):
            names.add(element.attr)
    return names


def _imported_with_fallback(func: ast.expr, ctx: RuleContext) -> bool:
    """The called name comes from an import that has an alternative import (`try: from
    html import escape / except ImportError: from cgi import escape`): a shim."""
    while isinstance(func, ast.Attribute):
        func = func.value
    if not isinstance(func, ast.Name):
        return False
    binding = ctx.resolver.lookup(func.id, ctx.scope)
    return binding is not None and binding.kind == "import" and bool(binding.alternatives)
