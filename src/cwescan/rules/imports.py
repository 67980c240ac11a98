"""Imports of modules whose use carries a known risk (Bandit B401–B415): audit hints.

An import alone is not a defect, so every rule here is in the `audit` profile; the
rules that judge the actual calls (PY-CMD-*, PY-DESER-*, PY-XML-*, ...) are in the
default profile. Each hint carries the CWE that using the module risks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, rule


@dataclass(frozen=True)
class _RiskyModule:
    """One Bandit import blacklist entry and what we say about it."""

    bandit: str
    cwe: int
    title: str
    modules: tuple[str, ...]
    why: str
    fix: str
    bad: str
    good: str
    references: tuple[str, ...]
    severity: Severity = Severity.LOW
    confidence: Confidence = Confidence.LOW


_ENTRIES = (
    _RiskyModule(
        "B401",
        319,
        "Import of `telnetlib` (cleartext remote login)",
        ("telnetlib", "telnetlib3"),
        "Telnet sends credentials and session data unencrypted; anyone on the path can read "
        "and alter them. (`telnetlib` is removed in Python 3.13.)",
        "Use SSH (`paramiko`, `asyncssh`) for remote shells.",
        "import telnetlib",
        "import paramiko",
        ("https://peps.python.org/pep-0594/#telnetlib",),
        Severity.MEDIUM,
        Confidence.MEDIUM,
    ),
    _RiskyModule(
        "B402",
        319,
        "Import of `ftplib` (cleartext file transfer)",
        ("ftplib",),
        "Plain FTP sends the password and the files unencrypted.",
        "Use SFTP (`paramiko.SFTPClient`) or at least `ftplib.FTP_TLS` with `prot_p()`.",
        "from ftplib import FTP",
        "from ftplib import FTP_TLS",
        ("https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS",),
        Severity.MEDIUM,
        Confidence.MEDIUM,
    ),
    _RiskyModule(
        "B403",
        502,
        "Import of a pickle-based serialization module",
        ("pickle", "cPickle", "_pickle", "dill", "shelve", "cloudpickle", "jsonpickle"),
        "Loading data with these modules runs code chosen by whoever wrote the data; check "
        "that nothing loaded with them can come from outside the program.",
        "Use `json` (or another data-only format) for anything that crosses a trust boundary.",
        "import pickle",
        "import json",
        ("https://docs.python.org/3/library/pickle.html",),
    ),
    _RiskyModule(
        "B404",
        78,
        "Import of `subprocess`",
        ("subprocess",),
        "Starting processes is where command and argument injection happen; check how "
        "commands are built.",
        "Pass argument lists without a shell; quote with `shlex.quote` where a shell is needed.",
        "import subprocess",
        "import subprocess  # commands are argument lists, never shell strings",
        ("https://docs.python.org/3/library/subprocess.html#security-considerations",),
    ),
    _RiskyModule(
        "B405",
        776,
        "Import of `xml.etree` (stdlib XML parsing)",
        ("xml.etree.ElementTree", "xml.etree.cElementTree"),
        "Expat-based parsing expands internal entities; with Expat < 2.4.1 a small document "
        "expands to gigabytes.",
        "Parse untrusted XML with `defusedxml.ElementTree`.",
        "import xml.etree.ElementTree as ET",
        "import defusedxml.ElementTree as ET",
        ("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    ),
    _RiskyModule(
        "B406",
        776,
        "Import of `xml.sax`",
        ("xml.sax",),
        "SAX parsing expands internal entities (Expat < 2.4.1: billion laughs) and resolves "
        "external ones if `feature_external_ges` is switched on.",
        "Use `defusedxml.sax` for untrusted documents.",
        "import xml.sax",
        "import defusedxml.sax",
        ("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    ),
    _RiskyModule(
        "B407",
        776,
        "Import of `xml.dom.expatbuilder`",
        ("xml.dom.expatbuilder",),
        "Expat-based DOM building expands internal entities (Expat < 2.4.1: billion laughs).",
        "Use `defusedxml.expatbuilder` for untrusted documents.",
        "from xml.dom import expatbuilder",
        "from defusedxml import expatbuilder",
        ("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    ),
    _RiskyModule(
        "B408",
        776,
        "Import of `xml.dom.minidom`",
        ("xml.dom.minidom",),
        "minidom parsing expands internal entities (Expat < 2.4.1: billion laughs).",
        "Use `defusedxml.minidom` for untrusted documents.",
        "from xml.dom import minidom",
        "from defusedxml import minidom",
        ("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    ),
    _RiskyModule(
        "B409",
        776,
        "Import of `xml.dom.pulldom`",
        ("xml.dom.pulldom",),
        "pulldom parsing expands internal entities (Expat < 2.4.1: billion laughs).",
        "Use `defusedxml.pulldom` for untrusted documents.",
        "from xml.dom import pulldom",
        "from defusedxml import pulldom",
        ("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    ),
    _RiskyModule(
        "B410",
        611,
        "Import of `lxml`",
        ("lxml.etree", "lxml.objectify"),
        "lxml's default parser resolves external entities before lxml 5.0; check how parsers "
        "are configured for untrusted documents.",
        "Parse untrusted XML with `XMLParser(resolve_entities=False, no_network=True)`.",
        "from lxml import etree",
        "from lxml import etree  # parsers use resolve_entities=False",
        ("https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint",),
    ),
    _RiskyModule(
        "B411",
        409,
        "Import of `xmlrpc`",
        ("xmlrpc", "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer"),
        "XML-RPC accepts gzip-compressed requests and responses without a size limit on the "
        "decompressed data (decompression bomb), and parses XML with Expat.",
        "Call `defusedxml.xmlrpc.monkey_patch()` at start-up, or use a JSON API.",
        "from xmlrpc.server import SimpleXMLRPCServer",
        "import defusedxml.xmlrpc\ndefusedxml.xmlrpc.monkey_patch()",
        ("https://docs.python.org/3/library/xmlrpc.html",),
        Severity.MEDIUM,
    ),
    _RiskyModule(
        "B412",
        454,
        "Import of a CGI handler exposed to httpoxy",
        (
            "wsgiref.handlers.CGIHandler",
            "twisted.web.twcgi.CGIScript",
            "twisted.web.twcgi.CGIDirectory",
        ),
        "Under CGI a request header `Proxy:` becomes the environment variable `HTTP_PROXY`, "
        "which HTTP clients then trust: an attacker routes the server's outbound requests "
        "through their proxy (httpoxy, CVE-2016-1000110).",
        "Do not run as CGI; if you must, delete `HTTP_PROXY` from the environment per request.",
        "from wsgiref.handlers import CGIHandler",
        "from wsgiref.simple_server import make_server",
        ("https://httpoxy.org/",),
        Severity.MEDIUM,
    ),
    _RiskyModule(
        "B413",
        1104,
        "Import of the unmaintained pyCrypto library",
        tuple(
            f"Crypto.{part}"
            for part in (
                "Cipher",
                "Hash",
                "IO",
                "Protocol",
                "PublicKey",
                "Random",
                "Signature",
                "Util",
            )
        ),
        "pyCrypto has been unmaintained since 2013 and has known vulnerabilities "
        "(CVE-2013-7459 heap overflow). The maintained drop-in `pycryptodome` installs under "
        "the same `Crypto` name, so check which one the project depends on.",
        "Depend on `pycryptodome` (or `pycryptodomex`, imported as `Cryptodome`) or on "
        "`cryptography`.",
        "from Crypto.Cipher import AES  # with pycrypto installed",
        "from Cryptodome.Cipher import AES  # pycryptodomex",
        ("https://github.com/pycrypto/pycrypto/issues/176",),
        Severity.MEDIUM,
    ),
    _RiskyModule(
        "B415",
        319,
        "Import of `pyghmi` (IPMI)",
        ("pyghmi",),
        "IPMI's authentication leaks password hashes to anyone who asks (RAKP) and its "
        "sessions are weakly protected; IPMI should never face an untrusted network.",
        "Manage hardware over Redfish with TLS, or keep IPMI on an isolated network.",
        "from pyghmi.ipmi import command",
        "import redfish",
        ("https://www.rapid7.com/blog/post/2013/07/02/a-penetration-testers-guide-to-ipmi/",),
        Severity.MEDIUM,
        Confidence.MEDIUM,
    ),
)

_IMPORT_FUNCTIONS = frozenset(
    {"builtins.__import__", "importlib.import_module", "importlib.__import__"}
)
# Entries that name a class rather than a module are also flagged where they are called
# (`wsgiref.handlers.CGIHandler().run(app)` after `import wsgiref.handlers`).
_CALLED_NAMES = frozenset(
    {"__import__", "import_module", "CGIHandler", "CGIScript", "CGIDirectory"}
)


def _matches(name: str, targets: tuple[str, ...]) -> bool:
    return any(name == t or name.startswith(t + ".") for t in targets)


def _maybe_import_call(call: ast.Call) -> bool:
    """Cheap pre-check before resolving names: these rules see every call of a module."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in _CALLED_NAMES
    return isinstance(func, ast.Attribute) and func.attr in _CALLED_NAMES


def _imported_names(node: ast.AST, ctx: RuleContext) -> list[str]:
    """Every dotted name an import statement (or `__import__("x")` call) brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level or not node.module:
            return []
        return [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    if isinstance(node, ast.Call) and _maybe_import_call(node):
        name = ctx.call_name(node)
        if name in _IMPORT_FUNCTIONS:
            known, value = ctx.constant(argument(node, 0, "name"))
            if known and isinstance(value, str):
                return [value]
        elif name is not None and name.rpartition(".")[2] in _CALLED_NAMES:
            return [name]
    return []


def _declare(entry: _RiskyModule) -> None:
    shown = ", ".join(f"`{m}`" for m in entry.modules)

    def check(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
        for name in _imported_names(node, ctx):
            if _matches(name, entry.modules):
                yield Issue(node, f"`{name}` is imported: {entry.why}")
                return

    check.__module__ = __name__
    check.__doc__ = f"Audit hint for imports of {shown} (Bandit {entry.bandit})."
    rule(
        id=f"PY-IMPORT-{entry.bandit[1:]}",
        cwe=entry.cwe,
        title=entry.title,
        severity=entry.severity,
        confidence=entry.confidence,
        summary=f"Audit hint: flags imports of {shown}.",
        why=entry.why,
        fix=entry.fix,
        bad=entry.bad,
        good=entry.good,
        nodes=(ast.Import, ast.ImportFrom, ast.Call),
        methods=_CALLED_NAMES,  # what `_maybe_import_call` lets through
        references=entry.references,
        bandit=(entry.bandit,),
        profile="audit",
        scope_note=(
            "Pattern only: the import is a pointer for review; the calls that are actually "
            "dangerous are judged by default-profile rules."
        ),
    )(check)


for _entry in _ENTRIES:
    _declare(_entry)
