"""Unsafe XML parsing: external entities (CWE-611) and entity expansion (CWE-776).

What each parser does with a hostile document, as of current versions:

- Standard library (`xml.etree`, `minidom`, `pulldom`, `sax`, `expatbuilder`): built on
  Expat. External general entities are not resolved (sax and pulldom since Python
  3.7.1, the others never), so XXE needs an explicit `setFeature(feature_external_ges,
  True)`. Entity expansion ("billion laughs", quadratic blowup) is stopped by Expat
  2.4.1 and later; Pythons linked against an older system Expat are still exposed.
- lxml: before 5.0 the default parser resolves external entities (local files; the
  network only with `no_network=False`); since 5.0 it resolves internal entities only.
  `resolve_entities=True` turns XXE back on in every version; `huge_tree=True` switches
  off libxml2's limits against expansion and deep nesting.
- `defusedxml` forbids DTDs, entities and external references: always safe.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule
from cwescan.rules.strings import bound_value, source_text

_SAX_EXTERNAL_FEATURES = {
    "xml.sax.handler.feature_external_ges": "external general entities",
    "xml.sax.handler.feature_external_pes": "external parameter entities",
    "http://xml.org/sax/features/external-general-entities": "external general entities",
    "http://xml.org/sax/features/external-parameter-entities": "external parameter entities",
}
_LXML_PARSERS = frozenset(
    {"lxml.etree.XMLParser", "lxml.etree.XMLPullParser", "lxml.objectify.makeparser"}
)
# lxml functions that parse a document: position of the `parser` argument.
_LXML_PARSE = {
    "lxml.etree.parse": 1,
    "lxml.etree.fromstring": 1,
    "lxml.etree.XML": 1,
    "lxml.etree.fromstringlist": 1,
    "lxml.etree.XMLID": 1,
    "lxml.etree.XMLDTDID": 1,
    "lxml.objectify.parse": 1,
    "lxml.objectify.fromstring": 1,
    "lxml.objectify.XML": 1,
    "lxml.etree.iterparse": -1,
}
_STDLIB_MODULES = (
    "xml.etree.ElementTree",
    "xml.etree.cElementTree",
)
# Standard-library functions that parse a document: position of a custom `parser`
# argument (-1 when there is none).
_STDLIB_PARSE: dict[str, int] = {
    **{f"{m}.{f}": 1 for m in _STDLIB_MODULES for f in ("parse", "fromstring", "XML")},
    **{f"{m}.{f}": 1 for m in _STDLIB_MODULES for f in ("fromstringlist", "XMLID")},
    **{f"{m}.iterparse": 2 for m in _STDLIB_MODULES},
    "xml.dom.minidom.parse": 1,
    "xml.dom.minidom.parseString": 1,
    "xml.dom.pulldom.parse": 1,
    "xml.dom.pulldom.parseString": 1,
    "xml.sax.parse": -1,
    "xml.sax.parseString": -1,
    "xml.dom.expatbuilder.parse": -1,
    "xml.dom.expatbuilder.parseString": -1,
}
# Parser objects that will be fed a document later.
_STDLIB_PARSER_FACTORIES = frozenset(
    {
        *(f"{m}.XMLParser" for m in _STDLIB_MODULES),
        *(f"{m}.XMLPullParser" for m in _STDLIB_MODULES),
        "xml.sax.make_parser",
        "xml.sax.expatreader.create_parser",
        "xml.parsers.expat.ParserCreate",
        "pyexpat.ParserCreate",
    }
)


def _is_true(ctx: RuleContext, node: ast.expr | None) -> bool:
    known, value = ctx.constant(node)
    return known and bool(value) and value != "internal"


def _is_false(ctx: RuleContext, node: ast.expr | None) -> bool:
    known, value = ctx.constant(node)
    return known and not value


@rule(
    id="PY-XML-001",
    cwe=611,
    title="XML parser configured to resolve external entities",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `lxml.etree.XMLParser`/`iterparse` with `resolve_entities=True` or "
        "`no_network=False`, and SAX parsers given `setFeature(feature_external_ges, True)` "
        "(or `feature_external_pes`)."
    ),
    why=(
        'An external entity (`<!ENTITY x SYSTEM "file:///etc/passwd">`) makes the parser '
        "read a local file or fetch a URL and splice the content into the document: a "
        "document from outside can exfiltrate files and reach internal services (XXE, SSRF)."
    ),
    fix=(
        "Leave entity resolution off (`lxml.etree.XMLParser(resolve_entities=False, "
        "no_network=True)`, the SAX default), or parse with `defusedxml`."
    ),
    bad="parser = etree.XMLParser(resolve_entities=True)",
    good="parser = etree.XMLParser(resolve_entities=False, no_network=True)",
    nodes=(ast.Call,),
    calls=(*_LXML_PARSERS, "lxml.etree.iterparse"),
    methods=("setFeature",),
    references=(
        "https://lxml.de/api/lxml.etree.XMLParser-class.html",
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
        "https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html",
    ),
    bandit=("B320", "B317"),
    scope_note="Pattern only: the configuration itself is the defect.",
)
def external_entities_enabled(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in _LXML_PARSERS or name == "lxml.etree.iterparse":
        resolve = keyword(node, "resolve_entities")
        if _is_true(ctx, resolve):
            yield Issue(
                node,
                f"`{name}(resolve_entities=True)` resolves external entities: a document can "
                "read local files (and URLs, if network access is on) into itself.",
                remediation=f"Use `{name}(resolve_entities=False, no_network=True)`.",
            )
            return
        if _is_false(ctx, keyword(node, "no_network")):
            yield Issue(
                node,
                f"`{name}(no_network=False)` lets DTDs and entities be fetched over the "
                "network: a document can make this host request internal URLs.",
                confidence=Confidence.MEDIUM,
                remediation=f"Drop `no_network=False` from `{name}(...)`.",
            )
        return
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr != "setFeature":
        return
    feature = argument(node, 0)
    enabled = argument(node, 1)
    if feature is None or not _is_true(ctx, enabled):
        return
    what = _SAX_EXTERNAL_FEATURES.get(ctx.qualified_name(feature) or "")
    if what is None:
        known, value = ctx.constant(feature)
        what = _SAX_EXTERNAL_FEATURES.get(value) if known and isinstance(value, str) else None
    if what is None:
        return
    yield Issue(
        node,
        f"`setFeature({source_text(feature)}, True)` makes the SAX parser resolve {what}: "
        "a document can read local files and fetch URLs.",
        remediation="Remove the call; the feature is off by default since Python 3.7.1.",
    )


def _lxml_parser_call(ctx: RuleContext, parser: ast.expr) -> ast.Call | None:
    """The `XMLParser(...)` call a parser argument comes from, if visible here."""
    if isinstance(parser, ast.Name):
        value = bound_value(ctx, parser)
        if value is not None:
            parser = value
    if isinstance(parser, ast.Call) and ctx.call_name(parser) in _LXML_PARSERS:
        return parser
    return None


@rule(
    id="PY-XML-002",
    cwe=611,
    title="lxml parsing with the default parser (external entities before lxml 5)",
    severity=Severity.MEDIUM,
    confidence=Confidence.LOW,
    summary=(
        "Flags `lxml.etree.parse`/`fromstring`/`XML`/`iterparse` (and `lxml.objectify`) of "
        "non-constant input with the default parser, or with an `XMLParser()` that does "
        "not set `resolve_entities=False`."
    ),
    why=(
        "Before lxml 5.0 (December 2023) the default parser resolves external entities, "
        "so a document can pull local files into itself (XXE). lxml 5 resolves only "
        "internal entities by default; which one runs depends on the installed version."
    ),
    fix=(
        "Pass an explicit parser: `etree.fromstring(data, etree.XMLParser("
        "resolve_entities=False, no_network=True))`, or use `defusedxml.lxml`."
    ),
    bad="tree = etree.fromstring(request.body)",
    good=(
        "SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "tree = etree.fromstring(request.body, SAFE_PARSER)"
    ),
    nodes=(ast.Call,),
    calls=_LXML_PARSE,
    references=(
        "https://lxml.de/5.0/changes-5.0.0.html",
        "https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint",
    ),
    bandit=("B320",),
    scope_note=(
        "Pattern: constant documents and explicitly configured parsers are not flagged. "
        "Whether the document is attacker-controlled is the taint engine's question."
    ),
)
def lxml_default_parser(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    position = _LXML_PARSE.get(name or "")
    if position is None:
        return
    source = argument(
        node, 0, "source" if name and name.endswith(("parse", "iterparse")) else "text"
    )
    if source is None or ctx.constant(source)[0]:
        return
    if name == "lxml.etree.iterparse":
        resolve = keyword(node, "resolve_entities")
        if resolve is not None:
            return  # explicit: PY-XML-001 judges True, anything else is a decision made here
    else:
        parser = argument(node, position, "parser")
        if parser is not None:
            created = _lxml_parser_call(ctx, parser)
            if created is None or keyword(created, "resolve_entities") is not None:
                return
    yield Issue(
        node,
        f"`{name}` parses `{_short(source_text(source))}` with a parser that resolves "
        "external entities on lxml < 5.0.",
        remediation=(
            f"`{name.rpartition('.')[2] if name else 'parse'}(..., "
            "parser=etree.XMLParser(resolve_entities=False, no_network=True))`"
        ),
    )


@rule(
    id="PY-XML-004",
    cwe=776,
    title="lxml parser with `huge_tree=True`",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary="Flags `lxml.etree.XMLParser(huge_tree=True)` (and `iterparse`).",
    why=(
        "`huge_tree` disables libxml2's limits on tree depth, text size and entity "
        "expansion; an untrusted document can then exhaust memory and CPU (billion laughs)."
    ),
    fix="Keep the default `huge_tree=False` for documents from outside.",
    bad="parser = etree.XMLParser(huge_tree=True)",
    good="parser = etree.XMLParser()",
    nodes=(ast.Call,),
    calls=(*_LXML_PARSERS, "lxml.etree.iterparse"),
    references=("https://lxml.de/api/lxml.etree.XMLParser-class.html",),
    bandit=("B320",),
    scope_note="Pattern only.",
)
def lxml_huge_tree(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _LXML_PARSERS and name != "lxml.etree.iterparse":
        return
    if _is_true(ctx, keyword(node, "huge_tree")):
        yield Issue(
            node,
            f"`{name}(huge_tree=True)` switches off libxml2's protection against entity "
            "expansion and deep nesting.",
        )


def _defused(ctx: RuleContext) -> bool:
    """`defusedxml.defuse_stdlib()` is called in this module: stdlib parsers are patched."""
    return "defuse_stdlib" in ctx.module.source and ctx.imports("defusedxml")


def _stdlib_parse(ctx: RuleContext, call: ast.Call) -> tuple[str, ast.expr | None] | None:
    """(function, document argument) for a stdlib XML parse without a custom parser."""
    name = ctx.call_name(call)
    if name is None:
        return None
    if name in _STDLIB_PARSER_FACTORIES:
        return name, None
    position = _STDLIB_PARSE.get(name)
    if position is None:
        return None
    if position >= 0:
        parser = argument(call, position, "parser")
        if parser is not None and not ctx.constant(parser) == (True, None):
            # a custom parser (often a hardened subclass): judged where it is defined
            if not (
                isinstance(parser, ast.Call) and ctx.call_name(parser) in _STDLIB_PARSER_FACTORIES
            ):
                return None
    return name, argument(call, 0)


@rule(
    id="PY-XML-003",
    cwe=776,
    title="Standard-library XML parsing of a non-constant document",
    severity=Severity.MEDIUM,
    confidence=Confidence.LOW,
    summary=(
        "Flags `xml.etree.ElementTree`/`cElementTree`, `xml.dom.minidom`, `xml.dom.pulldom`, "
        "`xml.sax` and `xml.dom.expatbuilder` parsing of a document that is not a constant."
    ),
    why=(
        "These parsers do not resolve external entities, but they expand internal ones: "
        "with Expat older than 2.4.1 (system libraries on older distributions) a few "
        'hundred bytes of nested entities ("billion laughs") expand to gigabytes and stop '
        "the process. `defusedxml` rejects entity declarations outright."
    ),
    fix=(
        "Parse untrusted XML with `defusedxml.ElementTree` (same API), or make sure the "
        "interpreter links Expat >= 2.4.1 (`pyexpat.EXPAT_VERSION`)."
    ),
    bad="root = ElementTree.fromstring(request.body)",
    good="root = defusedxml.ElementTree.fromstring(request.body)",
    nodes=(ast.Call,),
    calls=(*_STDLIB_PARSER_FACTORIES, *_STDLIB_PARSE),
    references=(
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
        "https://pypi.org/project/defusedxml/",
    ),
    bandit=("B313", "B314", "B316", "B317", "B318", "B319"),
    scope_note=(
        "Pattern: documents that are constants, parsers given a custom `parser=`, and "
        "modules calling `defusedxml.defuse_stdlib()` are not flagged; parser objects "
        "created for later feeding are audit hints (PY-XML-005)."
    ),
)
def stdlib_parse_untrusted(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _stdlib_parse(ctx, node)
    if found is None:
        return
    name, document = found
    if document is None or ctx.constant(document)[0] or _defused(ctx):
        return
    module, _, function = name.rpartition(".")
    yield Issue(
        node,
        f"`{name}` parses `{_short(source_text(document))}`; with Expat < 2.4.1 nested entity "
        "declarations in it expand without limit (external entities are not resolved).",
        remediation=f"Use `defusedxml.{module.rpartition('.')[2]}.{function}` or equivalent.",
    )


@rule(
    id="PY-XML-005",
    cwe=776,
    title="Standard-library XML parser on a constant document or created for later use",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Audit hint: stdlib XML parsing of a constant document, and stdlib parser objects "
        "(`XMLParser`, `XMLPullParser`, `sax.make_parser`, `expat.ParserCreate`)."
    ),
    why=(
        "A constant document cannot attack the parser, and a parser object is only as "
        "risky as what is fed to it later; listed so an audit can check what reaches them."
    ),
    fix="Feed parser objects only trusted documents, or use `defusedxml` equivalents.",
    bad="parser = xml.sax.make_parser()",
    good="parser = defusedxml.sax.make_parser()",
    nodes=(ast.Call,),
    calls=(*_STDLIB_PARSER_FACTORIES, *_STDLIB_PARSE),
    references=("https://docs.python.org/3/library/xml.html#xml-vulnerabilities",),
    bandit=("B313", "B314", "B315", "B316", "B317", "B318", "B319"),
    profile="audit",
    scope_note="Pattern only: the complement of PY-XML-003.",
)
def stdlib_parser_audit(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    found = _stdlib_parse(ctx, node)
    if found is None or _defused(ctx):
        return
    name, document = found
    if document is None:
        yield Issue(node, f"`{name}` creates an Expat-based parser; check what it is fed.")
    elif ctx.constant(document)[0]:
        yield Issue(node, f"`{name}` parses a constant document.")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
