"""The per-file taint analysis: abstract interpretation of every function body.

`ModuleAnalyzer.run()` walks the module body, then each function (nested ones with a
snapshot of the enclosing environment as their closure), once, with symbolic labels
for parameters, and produces a `ModuleSummary`. Within a function the analysis is
flow-sensitive (an assignment replaces the old value), folds constants and skips dead
branches, keeps list/tuple/dict elements apart under literal indices and keys, runs
loops to a fixpoint (widening after a few rounds) and joins the branches of `if`,
`try` and `match`. Calls are resolved against the models (sources, sinks,
sanitizers, propagators, guards, types); calls that may reach project code become
call records whose results are symbolic until the link step.

Everything here is bounded: a statement budget per function, a cap on loop rounds and
on inlined lambdas; running out marks the function's summary incomplete rather than
stalling.
"""

from __future__ import annotations

import ast
import json
import re
import string
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from cwescan.analysis.models.base import (
    ALL_KINDS,
    LOCAL_URL,
    NUMBER,
    SQL_EXPRESSION,
    ModelSet,
    Sink,
)
from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.parsing import ParsedModule
from cwescan.analysis.taint_domain import (
    BOTTOM,
    EMPTY,
    F_IMPRECISE,
    F_INCOMPLETE,
    F_UNKNOWN,
    IN_MARKUP,
    IN_URL_PATH,
    NC,
    U_ORIGIN,
    UNKNOWN,
    Taint,
    V,
    collapsed,
    const,
    container,
    join,
    keys_value,
    same,
    string_choices,
    t_clean,
    t_dirty,
    t_flag,
    t_union,
    t_union_many,
    t_without_unknown,
    truthiness,
    widen,
)
from cwescan.analysis.taint_summary import (
    EITHER_MARK,
    PARAM_KEYWORD_ONLY,
    PARAM_KWARGS,
    PARAM_NORMAL,
    PARAM_POSITIONAL_ONLY,
    PARAM_VARARGS,
    STAR_PREFIX,
    STEP_ASSIGN,
    STEP_CALL_RESULT,
    STEP_FIELD_READ,
    STEP_FIELD_WRITE,
    STEP_GLOBAL_READ,
    STEP_ITERATE,
    STEP_PARAM,
    STEP_PASS,
    STEP_RETURN,
    STEP_SANITIZE,
    STEP_SOURCE,
    STEP_UNKNOWN_CALL,
    TRIVIAL,
    VALIDATED_PREFIX,
    CallRecord,
    ClassInfo,
    EntryInfo,
    FrozenTaint,
    FunctionSummary,
    ModuleSummary,
    Route,
    SinkSite,
    Step,
    StepTable,
)
from cwescan.analysis.walk import child_nodes

Env = dict[str, V]

_BUILTIN_NAMES = frozenset(dir(__import__("builtins")))

_STDLIB = frozenset(sys.stdlib_module_names) | {"builtins"}
_MAX_LOOP_ROUNDS = 4
_FUNCTION_BUDGET = 12_000  # statement evaluations per function
_MAX_INLINE_DEPTH = 3
_MAX_STR = 10_000
_FOLD_STR_METHODS = frozenset(
    {
        "upper",
        "lower",
        "strip",
        "lstrip",
        "rstrip",
        "replace",
        "split",
        "rsplit",
        "join",
        "startswith",
        "endswith",
        "format",
        "capitalize",
        "title",
        "casefold",
        "zfill",
        "removeprefix",
        "removesuffix",
        "encode",
        "decode",
        "swapcase",
        "partition",
        "isdigit",
        "isalnum",
        "isalpha",
        "find",
        "index",
        "count",
        "center",
        "ljust",
        "rjust",
        "splitlines",
    }
)
_URL_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s{}%]+[/?#]")
_LOCAL_PATH = re.compile(r"^/[^/\\]")
# queryset methods that take field lookups as keywords (`get(pk=...)`, `filter(...)`)
_LOOKUPS = frozenset({"get", "filter", "exclude", "get_or_none"})
# keywords of dict-like and HTTP-client `get`s, which no field lookup is named
_NOT_LOOKUP_KEYWORDS = frozenset(
    {"key", "default", "type", "url", "params", "headers", "timeout", "data", "json", "path"}
    | {"items", "like", "regex", "axis"}  # pandas.DataFrame.filter
)
# `sh -c CMD`, `cmd.exe /c CMD`, `powershell -Command CMD`: the third word is a command line
_SHELL_COMMAND_FLAGS = frozenset({"-c", "/c", "/C", "-Command", "-command"})
# a number the engine cannot fold (`len(items)`): no input, nothing behind its attributes
_A_NUMBER = V(ty=NUMBER)
# a function's summary type for a plain container it returns
_PLAIN_CONTAINERS = {"dict": "builtins.dict", "list": "builtins.list"}
# what a Flask view sends as JSON when it returns it
_JSON_BODIES = frozenset(_PLAIN_CONTAINERS.values())
# what a URL with a constant scheme and host is clean for, whichever function sends it
_FIXED_HOST = frozenset({"redirect", "ssrf"})
# input after a URL's fixed host: not SSRF, but marked as in the path (partial SSRF)
_IN_URL_PATH = _FIXED_HOST | {IN_URL_PATH}
# input in a URL's query string or fragment chooses neither its host nor its path
_IN_QUERY = _FIXED_HOST | {"pssrf"}
# input after "/" that follows another part (`f"{base_url}/{item}"`): whatever the base is,
# it names the server (a base from input is SSRF of its own); for redirects the base may
# be empty, which would leave "/" + input: no cleaning for them
_AFTER_BASE = frozenset({"ssrf", IN_URL_PATH})
_LOCAL_ONLY = frozenset({"redirect"})
_ROUTE_PARAM = re.compile(r"<(?:([A-Za-z_][\w]*)(?:\([^)]*\))?:)?([A-Za-z_]\w*)>")
_REGEX_GROUP = re.compile(r"\(\?P<([A-Za-z_]\w*)>([^()]*)\)")
_SAFE_REGEX_BODY = re.compile(
    r"^(?:\\d|\\w|\[(?:[A-Za-z0-9_]|\\d|\\w|-)+\]|[A-Za-z0-9_-])"
    r"(?:[+*?]|\{\d+(?:,\d*)?\})?$"
)
_SAFE_CONVERTERS = frozenset({"int", "float", "uuid", "slug"})
_SINK_TEXT = 60
_VIEW_RETURN = "return"  # label of the sink a Flask view's return value is
_BODY_WHAT = "the response body, sent as HTML"
# what the response a handler is building declared so far: const(_DATA) for a constant
# non-HTML Content-Type, const(_PAGE) for a constant HTML one, const(None) for none yet,
# unknown otherwise (a variable type; branches that disagree). The names cannot be a
# variable's: "." keeps them out of locals() and of the module's globals.
_RESPONSE_TYPE = "<response>.content-type"
_DATA = "data"
_PAGE = "page"
# set (never initialised, so joins keep it) once the response may carry headers the
# function does not spell out: a response object's `items()` passed on, headers relayed
# in a loop, a WSGI `start_response` handed to another app. Whoever built those
# headers declares the type there.
_RESPONSE_RELAYED = "<response>.relayed"
# library containers the engine tracks element by element, as the builtin they behave like
_CONTAINER_CONSTRUCTORS = {
    "collections.deque": "list",
    "collections.OrderedDict": "dict",
    "collections.defaultdict": "dict",
}
# urllib.parse's splitters (-> the number of components) and joiners: URLs are kept as
# their components, by position, so that input confined to the query or the fragment of
# a rebuilt URL (`parts[3] = urlencode(...)`; `urlunsplit(parts)`) is no open redirect
_URL_SPLITTERS = {"urllib.parse.urlsplit": 5, "urllib.parse.urlparse": 6}
_URL_JOINERS = frozenset({"urllib.parse.urlunsplit", "urllib.parse.urlunparse"})
_URL_WHERE = 3  # scheme, netloc, path: the components that decide where a URL leads
_URL_TAIL_CLEAN = frozenset({"redirect"})
# calls that build a response from a view's return values: (body, status, headers)
_RESPONSE_BUILDERS = frozenset({"flask.make_response", "flask.Flask.make_response"})
# printf conversions: (mapping key, width, precision, type)
_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[#0 +-]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrsa%])")
_PRINTF_NUMERIC = frozenset("diouxXeEfFgG")
_NUMERIC_FORMATS = frozenset("bdeEfFgGnoxX%")  # format-spec types that print a number
_REPR_CLEAN = frozenset({"log", "header"})
# conversions whose error message quotes the text they could not convert
_ECHOING_CONVERSIONS = frozenset(
    {
        "builtins.int",
        "builtins.float",
        "datetime.datetime.strptime",
        "ipaddress.ip_address",
        "ipaddress.ip_network",
    }
)
# the two halves of a path check (see `_path_part`)
_PATH_NO_DOTS = "path[no ..]"
_PATH_RELATIVE = "path[relative]"
_HARMLESS_FLAGS = frozenset({"I", "IGNORECASE", "A", "ASCII", "U", "UNICODE", "S", "DOTALL"})
# models whose fields are converted and checked against their declared types
_VALIDATING_BASES = frozenset(
    {"pydantic.BaseModel", "pydantic.main.BaseModel", "sqlmodel.SQLModel"}
)
# classes whose `__init__` takes their annotated fields in order
_FIELD_BASES = frozenset({"typing.NamedTuple", "typing_extensions.NamedTuple"})
_FIELD_DECORATORS = frozenset({"dataclasses.dataclass", "pydantic.dataclasses.dataclass"})
_CHOSEN_HOST = "host"  # stands in a URL prefix for a host read from configuration
# constant text that opens an XML element: input after it is inside the document (it can
# add elements, not declare entities: a DOCTYPE must come before the first element)
_START_TAG = re.compile(r"<[A-Za-z_:]")
_IN_ELEMENT = frozenset({IN_MARKUP, "xml"})
_HOST_CHECKED = frozenset({"redirect", "ssrf"})  # a URL whose host is one of a fixed few
# methods that put their arguments into the receiver (a list, a set, a buffer, a dict)
_MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "appendleft",
        "extendleft",
        "setdefault",
        "write",
        "writelines",
        "put",
        "put_nowait",
        "push",
    }
)
_UNRESOLVED: Any = object()  # a name not looked up yet (None: looked up, resolves to nothing)
_FILLING = "(?:append|extend|insert|update|setdefault|add|appendleft)"  # container mutators
_GLOBAL_STATEMENT = re.compile(r"^[ \t]*global[ \t]+([\w \t,]+)", re.MULTILINE)


@dataclass(slots=True)
class _DraftCall:
    """A call record while its function is being analysed (taints still mutable dicts)."""

    callee: str
    function: str
    line: int
    col: int
    args: tuple[Taint | None, ...]
    keywords: tuple[tuple[str, Taint | None], ...]
    star: Taint | None
    dstar: Taint | None
    bound: bool
    receiver: Taint | None

    def parts(self) -> list[Taint | None]:
        """Every taint the call passes (arguments, keywords, stars, receiver)."""
        return [*self.args, *(t for _, t in self.keywords), self.star, self.dstar, self.receiver]


@dataclass(slots=True)
class _DraftFunction:
    """A function's findings before they are frozen into a `FunctionSummary`."""

    summary: FunctionSummary  # everything but the taints
    ret_value: V | None  # what it returns, for calls from later functions of the module
    ret: Taint | None
    hits: list[tuple[int, Taint]]
    effects: dict[int, Taint]
    self_writes: dict[str, Taint]
    field_writes: list[tuple[str, str, Taint]]
    global_writes: list[tuple[str, Taint]]

    def taints(self) -> list[Taint | None]:
        """Every taint the function's summary holds."""
        return [
            self.ret,
            *(t for _, t in self.hits),
            *self.effects.values(),
            *self.self_writes.values(),
            *(t for _, _, t in self.field_writes),
            *(t for _, t in self.global_writes),
        ]


@dataclass(frozen=True, eq=False)
class _Partial:
    """What `functools.partial(f, *args, **keywords)` calls: `f`, with these first."""

    qn: str
    args: tuple[V, ...]
    keywords: dict[str, V]


class BudgetExceeded(Exception):
    """Raised inside a function's analysis when its statement budget runs out."""


def _shorten(text: str, limit: int = _SINK_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unparse(node: ast.AST, limit: int = _SINK_TEXT) -> str:
    try:
        return _shorten(ast.unparse(node), limit)
    except Exception:  # noqa: BLE001 - unparse of lowered trees can fail on odd nodes
        return "…"


def source_text(lines: list[str], node: ast.AST, limit: int = _SINK_TEXT) -> str:
    """The source of `node` (first line only, shortened), sliced from the file's lines.

    Much cheaper than `ast.unparse`; columns in `ast` are UTF-8 byte offsets.
    """
    line_number = getattr(node, "lineno", 0)
    if not 0 < line_number <= len(lines):
        return _unparse(node, limit)
    line = lines[line_number - 1]
    start = getattr(node, "col_offset", 0) or 0
    end_line = getattr(node, "end_lineno", line_number)
    end = getattr(node, "end_col_offset", None)
    if end_line != line_number or end is None:
        end = None
    if line.isascii():
        text = line[start:end]
    else:
        text = line.encode("utf-8", "surrogatepass")[start:end].decode("utf-8", "replace")
    if end is None and end_line != line_number:
        text = text.rstrip() + " …"
    return _shorten(text, limit)


def _passes_taint(record: _DraftCall) -> bool:
    """Whether a call passes any taint (an argument, a keyword, a star, the receiver)."""
    return bool(
        record.star
        or record.dstar
        or record.receiver
        or any(record.args)
        or any(t for _, t in record.keywords)
    )


def _is_project_name(name: str) -> bool:
    if name.startswith(STAR_PREFIX):
        return True
    root = name.split(".", 1)[0]
    return root not in _STDLIB and not name.startswith("*")


def _safe_regex(pattern: str, anchored: str) -> bool:
    """True when a constant pattern admits only letters, digits, `_` and `-` (anchored)."""
    return _regex_admits(pattern, anchored) == EMPTY


_WORD_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
)
_SPACE_CHARACTERS = frozenset(" \t\n\r\f\v")
_REGEX_ATOM = re.compile(
    r"(\\[dws]|\\[^A-Za-z0-9]|\[(?:\\.|[^\]\\])*\]|[^\\.^$*+?{}()|\[\]])"
    r"([+*?]|\{\d+(?:,\d*)?\})?"
)
_CLASS_PART = re.compile(r"\\[dws]|\\.|[^\\](?:-[^\\\]])?")


def _regex_admits(pattern: str, anchored: str) -> frozenset[str] | None:
    """The characters other than letters, digits, `_` and `-` that an anchored constant
    pattern made of single-character atoms admits (`^[a-z0-9.-]+$` admits "."); None
    when it is not anchored at both ends or has groups, alternatives, `.` or negated or
    wide character classes (anything may then pass)."""
    text = pattern
    start = anchored in ("full", "start")
    end = anchored == "full"
    if text.startswith("^"):
        text, start = text[1:], True
    elif text.startswith("\\A"):
        text, start = text[2:], True
    if text.endswith("\\Z") or text.endswith("\\z"):
        text, end = text[:-2], True
    elif text.endswith("$") and not text.endswith("\\$"):
        text, end = text[:-1], True
    if not (start and end) or not text:
        return None
    admitted: set[str] = set()
    position = 0
    while position < len(text):
        match = _REGEX_ATOM.match(text, position)
        if match is None:
            return None
        token = match.group(1)
        if token.startswith("["):
            body = token[1:-1]
            if not body or body.startswith("^"):
                return None
            for part in _CLASS_PART.findall(body):
                characters = _atom_characters(part)
                if characters is None:
                    return None
                admitted |= characters
        else:
            characters = _atom_characters(token)
            if characters is None:
                return None
            admitted |= characters
        position = match.end()
    return frozenset(admitted - _WORD_CHARACTERS)


def _atom_characters(atom: str) -> set[str] | None:
    """The characters one atom or class member stands for (None: too many to list)."""
    if atom in ("\\d", "\\w"):
        return set()  # within the word characters (ASCII digits and letters, `_`)
    if atom == "\\s":
        return set(_SPACE_CHARACTERS)
    if atom.startswith("\\"):
        return {atom[1]} if not atom[1].isalnum() else None
    if len(atom) == 3 and atom[1] == "-":  # a range
        low, high = atom[0], atom[2]
        if low in _WORD_CHARACTERS and high in _WORD_CHARACTERS and low <= high:
            span = {chr(c) for c in range(ord(low), ord(high) + 1)}
            return span if len(span) <= 62 else None
        return None
    return {atom} if len(atom) == 1 else None


class ModuleAnalyzer:
    """Analyses one module and builds its `ModuleSummary`."""

    def __init__(
        self,
        parsed: ParsedModule,
        resolver: NameResolver,
        module_name: str,
        models: ModelSet,
        unknown_calls: str = "propagate",
        source_path: str | None = None,
    ) -> None:
        self.parsed = parsed
        self.source_path = source_path or parsed.path
        self.lines = parsed.lines
        self.resolver = resolver
        self.module = module_name
        self.models = models
        self.propagate_unknown = unknown_calls != "drop"
        self.steps: list[Step] = []
        self.sources: list[tuple[str, str, int, int]] = []
        self._source_index: dict[tuple[int, int, str], int] = {}
        self.calls: list[_DraftCall] = []
        self._call_index: dict[int, int] = {}
        self.sink_sites: list[SinkSite] = []
        self._site_index: dict[tuple[int, int, str, str, tuple[str, str] | None], int] = {}
        self.functions: dict[str, _DraftFunction] = {}
        self.classes: dict[str, ClassInfo] = {}
        self.routes: list[Route] = []
        self._marks: dict[tuple[int, int], dict[str, bool]] = {}
        self.internal_errors: list[str] = []
        self.module_env: Env = {}
        self.module_function = f"{module_name}.<module>"
        self._queue: list[tuple[Any, str, str | None, Env | None, Scope, str]] = []
        self.incomplete = 0
        self.imports = self._imported_roots()
        self.call_names = models.call_names
        self._handler_classes: dict[str, Any] = {}
        self.star_imports = self._star_import_modules()
        self._global_values: dict[str, V] = {}
        # the value of each qualified name that is no source (see `_qualified_value`)
        self.qualified_values: dict[str, V] = {}
        # model look-ups for attributes, by (type, attribute) and by attribute alone
        self.typed_members: dict[tuple[str, str], tuple[str, Any, str | None]] = {}
        self.wildcard_types: dict[str, str | None] = {}
        self._named_types: dict[str, str | None] = {}
        self._checked_arguments: frozenset[str] | None = None
        # validating models (pydantic) of this module → their fields of checked scalar types
        self.validated_models: dict[str, frozenset[str]] = {}
        self._queued: dict[int, int] = {}
        self.global_names: set[str] = set()
        if "global" in parsed.source:
            for match in _GLOBAL_STATEMENT.finditer(parsed.source):
                self.global_names.update(n.strip() for n in match.group(1).split(","))

    # -- set-up -------------------------------------------------------------------------

    def _star_import_modules(self) -> tuple[str, ...]:
        """The modules this one star-imports at module level (`from .models import *`)."""
        found: list[str] = []
        package = self.resolver.package
        for node in self.parsed.tree.body:
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                module = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    up = node.level - 1
                    if up:
                        parts = parts[:-up] if up <= len(parts) else []
                    base = ".".join(parts)
                    module = f"{base}.{module}" if base and module else (base or module)
                if module:
                    found.append(module)
        return tuple(found)

    def _imported_roots(self) -> set[str]:
        roots: set[str] = set()
        for binding in self.resolver.module_scope.bindings.values():
            if binding.kind == "import" and binding.qualified_name:
                roots.add(binding.qualified_name.split(".", 1)[0])
        for node in self.parsed.tree.body:
            if isinstance(node, ast.Import):
                roots.update(a.name.split(".", 1)[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                roots.add(node.module.split(".", 1)[0])
        return roots

    # -- tables -------------------------------------------------------------------------

    def step(self, prev: int, line: int, col: int, code: int, text: str) -> int:
        """Record a trace step (after `prev`) and return its id."""
        self.steps.append((prev, line, col, code, text))
        return len(self.steps) - 1

    def source_site(self, kind: str, label: str, node: ast.AST) -> int:
        """The id of the source site at `node` (one per place and label)."""
        line = getattr(node, "lineno", 0)
        col = getattr(node, "col_offset", 0)
        key = (line, col, label)
        index = self._source_index.get(key)
        if index is None:
            index = len(self.sources)
            self.sources.append((kind, label, line, col))
            self._source_index[key] = index
        return index

    def sink_site(
        self,
        node: ast.AST,
        kind: str,
        cwe: int,
        label: str,
        what: str,
        function: str | None,
        via_object: str | None = None,
        via_type: tuple[str, str] | None = None,
        unless_returns: tuple[str, frozenset[str]] | None = None,
        mitigated: str = "",
    ) -> int:
        """The id of the sink site at `node` for this kind (one per place and argument).

        `via_object`/`via_type`/`unless_returns` make the site conditional on what the
        link step learns of the project call that produced the receiver or the data (see
        `SinkSite`); `mitigated` says what the library does against the attack.
        """
        line = getattr(node, "lineno", 0)
        col = getattr(node, "col_offset", 0)
        key = (line, col, kind, what, via_type)
        index = self._site_index.get(key)
        if index is None:
            end_line = getattr(node, "end_lineno", None) or line
            end_col = getattr(node, "end_col_offset", None) or col
            snippet = self.parsed.segment(line, end_line)
            index = len(self.sink_sites)
            self.sink_sites.append(
                SinkSite(
                    kind,
                    cwe,
                    line,
                    col,
                    end_line,
                    end_col,
                    function,
                    label,
                    what,
                    snippet,
                    via_object=via_object,
                    via_type=via_type,
                    unless_returns=unless_returns,
                    mitigated=mitigated,
                )
            )
            self._site_index[key] = index
        return index

    def mark(self, node: ast.AST, kind: str, harmless: bool) -> None:
        """Record whether the data at `node` was harmless for sink `kind` ("*": any kind).

        Every evaluation of the same place must agree: one tainted evaluation makes the
        place not harmless for that kind.
        """
        key = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        marks = self._marks.get(key)
        if marks is None:
            self._marks[key] = {kind: harmless}
        else:
            marks[kind] = marks.get(kind, True) and harmless

    def harmless_places(self) -> dict[tuple[int, int], dict[str, bool]]:
        """Per place (line, column): for each sink kind ("*": any), whether it was harmless."""
        return self._marks

    # -- driving ------------------------------------------------------------------------

    def run(self) -> ModuleSummary:
        """Analyse the module body, then every function, and freeze the summary."""
        module_fn = FunctionAnalyzer(
            self,
            self.parsed.tree,
            self.module_function,
            None,
            None,
            self.resolver.module_scope,
            is_module=True,
        )
        module_fn.analyze()
        position = 0
        while position < len(self._queue):
            node, qualname, class_qn, closure, scope, display = self._queue[position]
            position += 1
            analyzer = FunctionAnalyzer(
                self, node, qualname, class_qn, closure, scope, display=display
            )
            analyzer.analyze()
            self._queue[position - 1] = (None, "", None, None, scope, "")
        return self._summary()

    def enqueue(
        self, node: Any, qualname: str, class_qn: str | None, closure: Env | None, display: str
    ) -> None:
        """Queue a module-level function or method for analysis after the module body."""
        scope = self.resolver.scope_for(node)
        if scope is None:
            return
        position = self._queued.get(id(node))
        if position is not None:
            # the definition ran again (in a loop): widen the closure it will see
            queued = self._queue[position] if position < len(self._queue) else None
            if (
                queued is not None
                and queued[0] is node
                and closure is not None
                and queued[3] is not None
            ):
                merged = _join_envs([queued[3], closure])
                self._queue[position] = (node, qualname, class_qn, merged, scope, display)
            return
        self._queued[id(node)] = len(self._queue)
        self._queue.append((node, qualname, class_qn, closure, scope, display))

    def named_type(self, name: str) -> str | None:
        """The type a parameter or `self` attribute gets from its name alone, if any."""
        if name in self._named_types:
            return self._named_types[name]
        found = None
        for rule in self.models.parameter_types:
            if name in rule.names and (
                not rule.when_imports or self.imports & set(rule.when_imports)
            ):
                found = rule.type
        self._named_types[name] = found
        return found

    def module_value(self, name: str) -> V | None:
        """What a function sees when it reads module-level `name` (its final module value).

        Origins in module-level values are module-wide (source sites, call records), so a
        function can carry them as they are; a name some function rebinds with `global`
        also carries the global's own origin, resolved at link time.
        """
        cached = self._global_values.get(name)
        if cached is not None:
            return cached
        value = self.module_env.get(name)
        if value is None:
            return None
        if value.shape is not None and self._filled_in_functions(name):
            # a container functions put items in (`CACHE[key] = v`, `NOTES.append(v)`): it
            # holds what any of them stores, and its module-level items are not all
            origin = {("G", f"{self.module}.{name}"): (-1, EMPTY, 0)}
            value = V(t=t_union(collapsed(value).t, origin), ty=value.ty)
        elif name in self.global_names:
            info = (-1, EMPTY, 0)
            value = value.replace(t=t_union(value.t, {("G", f"{self.module}.{name}"): info}))
        self._global_values[name] = value
        return value

    def checked_arguments(self) -> frozenset[str]:
        """Options this module declares so that argparse only accepts safe values.

        `type=int`/`float`, `choices=` of constants, or a flag action (store_true, count…);
        an option declared twice counts only if every declaration is checked.
        """
        if self._checked_arguments is not None:
            return self._checked_arguments
        checked: set[str] = set()
        unchecked: set[str] = set()
        if "add_argument" in self.parsed.source:
            for node in ast.walk(self.parsed.tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add_argument"
                ):
                    dest = _argument_dest(node)
                    if dest is not None:
                        (checked if _argument_checked(node) else unchecked).add(dest)
        self._checked_arguments = frozenset(checked - unchecked)
        return self._checked_arguments

    def _filled_in_functions(self, name: str) -> bool:
        """Whether an indented line stores an item in `name` or calls a mutator on it."""
        source = self.parsed.source
        if f"{name}[" not in source and f"{name}." not in source:
            return False
        return (
            re.search(
                rf"^[ \t]+{re.escape(name)}(?:\[[^\n]*?\][ \t]*=(?!=)|\.{_FILLING}\()",
                source,
                re.MULTILINE,
            )
            is not None
        )

    # -- summary ------------------------------------------------------------------------

    def _summary(self) -> ModuleSummary:
        """Freeze what the link step needs, compactly: no trees, no unused steps or calls."""
        # calls with no tainted argument whose result nothing uses cannot matter; steps
        # that nothing kept refers to are dropped. A call without tainted arguments
        # references nothing itself, so one pass over the taints finds both.
        kept: list[Taint] = []
        for draft in self.functions.values():
            kept.extend(t for t in draft.taints() if t)
        with_arguments = [_passes_taint(record) for record in self.calls]
        for record, tainted in zip(self.calls, with_arguments, strict=True):
            if tainted:
                kept.extend(part for part in record.parts() if part)
        used_calls: set[int] = set()
        referenced: set[int] = set()
        for taint in kept:
            for origin, info in taint.items():
                if origin[0] in ("C", "E", "A"):
                    used_calls.add(origin[1])
                if info[0] >= 0:
                    referenced.add(info[0])
        kept_calls: list[_DraftCall | None] = [
            record if tainted or index in used_calls else None
            for index, (record, tainted) in enumerate(zip(self.calls, with_arguments, strict=True))
        ]
        # steps reachable from what is kept, renumbered
        closure: set[int] = set()
        all_steps = self.steps
        for start in referenced:
            current = start
            while current >= 0 and current not in closure:
                closure.add(current)
                current = all_steps[current][0]
        order = sorted(closure)
        remap = dict(zip(order, range(len(order)), strict=True))
        steps = StepTable()
        if order:
            prevs, lines, cols, codes, texts = zip(*map(all_steps.__getitem__, order), strict=True)
            renumbered = map(remap.get, prevs, repeat(-1))
            steps = StepTable.from_columns(renumbered, lines, cols, codes, texts)

        def freeze(taint: Taint | None) -> FrozenTaint | None:
            if not taint:
                return None
            return tuple([(o, remap.get(i[0], -1), i[1], i[2]) for o, i in taint.items()])

        def frozen(taint: Taint | None) -> FrozenTaint:
            return freeze(taint) or ()

        calls: list[CallRecord | None] = []
        for draft_call in kept_calls:
            if draft_call is None:
                calls.append(None)
                continue
            calls.append(
                CallRecord(
                    draft_call.callee,
                    draft_call.function,
                    draft_call.line,
                    draft_call.col,
                    tuple([freeze(t) if t else None for t in draft_call.args]),
                    tuple([(k, freeze(t) if t else None) for k, t in draft_call.keywords]),
                    freeze(draft_call.star),
                    freeze(draft_call.dstar),
                    draft_call.bound,
                    freeze(draft_call.receiver),
                )
            )
        functions: dict[str, FunctionSummary] = {}
        for qualname, draft in self.functions.items():
            summary = draft.summary
            summary.ret = freeze(draft.ret)
            summary.hits = tuple((site, frozen(t)) for site, t in draft.hits)
            if draft.effects:
                summary.effects = {k: frozen(t) for k, t in draft.effects.items()}
            if draft.self_writes:
                summary.self_writes = {k: frozen(t) for k, t in draft.self_writes.items()}
            summary.field_writes = tuple((c, a, frozen(t)) for c, a, t in draft.field_writes)
            summary.global_writes = tuple((n, frozen(t)) for n, t in draft.global_writes)
            summary.calls = tuple(i for i in summary.calls if calls[i] is not None)
            functions[qualname] = TRIVIAL if summary.is_trivial() else summary
        aliases: dict[str, str] = {}
        for name, binding in self.resolver.module_scope.bindings.items():
            if binding.kind == "import" and binding.qualified_name:
                aliases[name] = binding.qualified_name
            elif binding.kind == "alias":
                resolved = self.resolver.qualified_name(ast.Name(id=name, ctx=ast.Load()))
                if resolved:
                    aliases[name] = resolved
        return ModuleSummary(
            module=self.module,
            path=self.parsed.path,
            source_path=self.source_path,
            steps=steps,
            sources=self.sources,
            calls=calls,
            sink_sites=self.sink_sites,
            functions=functions,
            classes=self.classes,
            aliases=aliases,
            star_imports=self.star_imports,
            routes=self.routes,
            module_function=self.module_function,
            incomplete_functions=self.incomplete,
            internal_errors=self.internal_errors,
        )


class _LoopFrame:
    __slots__ = ("breaks", "continues")

    def __init__(self) -> None:
        self.breaks: list[Env] = []
        self.continues: list[Env] = []


def _join_envs(envs: list[Env | None]) -> Env | None:
    live = [e for e in envs if e is not None]
    if not live:
        return None
    if len(live) == 1:
        return dict(live[0])
    result = dict(live[0])
    for other in live[1:]:
        if other is result:
            continue
        for key, value in other.items():
            mine = result.get(key)
            if mine is None:
                result[key] = value
            elif mine is not value:
                result[key] = join(mine, value)
    return result


def _envs_same(a: Env | None, b: Env | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.keys() != b.keys():
        return False
    for key, value in a.items():
        other = b[key]
        if other is not value and not same(value, other):
            return False
    return True


class FunctionAnalyzer:
    """Abstract interpretation of one function (or the module body)."""

    def __init__(
        self,
        module: ModuleAnalyzer,
        node: Any,
        qualname: str,
        class_qn: str | None,
        closure: Env | None,
        scope: Scope,
        is_module: bool = False,
        display: str | None = None,
    ) -> None:
        self.m = module
        self.node = node
        self.qn = qualname
        self.class_qn = class_qn
        self.closure = closure
        self.scope = scope
        self.is_module = is_module
        self.display = display
        self.models = module.models
        self.ret: V | None = None
        self.hits: dict[int, Taint] = {}
        self.effects: dict[int, Taint] = {}
        self.self_writes: dict[str, Taint] = {}
        self.field_writes: dict[tuple[str, str], Taint] = {}
        self.global_writes: dict[str, Taint] = {}
        self.calls: set[int] = set()
        self.ret_objects: set[str] = set()
        self.loops: list[_LoopFrame] = []
        # per enclosing `try`: the taint of what its body raises (`raise E(text)`, int(text))
        self.raised: list[list[Taint | None]] = []
        self.budget = _FUNCTION_BUDGET
        self.incomplete = False
        self.exhausted = False
        self.inline_depth = 0
        self.globals_declared: set[str] = set()
        self.path_roots: set[str] = set()
        self.saved_tests: dict[str, ast.expr] = {}
        self.discarded: ast.expr | None = None  # the call of the current expression statement
        self.entry: EntryInfo | None = None
        self.view_returns = False
        self.param_names: list[str] = []
        self.noreturn_pending = False
        self.self_name: str | None = None
        self.handler_sources: dict[str, str] = {}
        self.handler_types: dict[str, str] = {}
        self.handler_library = ""  # see `HandlerBase.methods_of`
        self.header_methods: frozenset[str] = frozenset()
        # a WSGI-style entry: its responder parameter, the responder's header argument,
        # and whether the function is a generator (its `return` is no response body)
        self.responder: str | None = None
        self.responder_headers = 1
        self.generator = False
        self._qualified_names: dict[str, str | None] = {}
        self._name_values: dict[str, V] = {}  # names read as a qualified name's shared value
        # per parameter, the kinds it is clean for at every `return` of a true value (None
        # until the first such return; see `_note_validation`)
        self.validates: dict[int, frozenset[str]] | None = None
        self.plain_params: set[int] = set()  # parameters bound to their own taint alone
        self._rebound: frozenset[str] | None = None  # see _rebound_names

    # -- entry --------------------------------------------------------------------------

    def analyze(self) -> None:
        """Interpret the body once and store the function's draft summary."""
        env: Env = {}
        params: tuple[tuple[str, int], ...] = ()
        bound = 0
        if not self.is_module:
            params, bound = self._bind_parameters(env)
            body = self.node.body if not isinstance(self.node, ast.Lambda) else []
        else:
            body = self.node.body
            self.m.module_env = env
        try:
            out = self.block(body, env)
        except BudgetExceeded:
            out = env
            self.incomplete = True
        except RecursionError:
            out = env
            self.incomplete = True
        except Exception as error:  # noqa: BLE001 - one function's bug must not stop the scan
            out = env
            self.incomplete = True
            self.m.internal_errors.append(
                f"taint analysis of `{self._name() or '<module>'}` stopped: "
                f"{type(error).__name__}: {error}"
            )
        if out is not None and not self.is_module:
            self._return_value(const(None))
        if self.incomplete:
            self.m.incomplete += 1
        if self.is_module and out is not None:
            for name, value in out.items():
                if value.t and "." not in name:
                    taint = t_without_unknown(value.t)
                    if taint:
                        self.global_writes[f"{self.m.module}.{name}"] = taint
            self.m.module_env = out
        self._finish(params, bound)

    def _finish(self, params: tuple[tuple[str, int], ...], bound: int) -> None:
        flag = F_INCOMPLETE if self.incomplete else 0

        def clean(taint: Taint | None) -> Taint | None:
            taint = t_without_unknown(taint)
            return t_flag(taint, flag) if flag else taint

        name = self.display or (self.node.name if not self.is_module else "<module>")
        summary = FunctionSummary(
            qualname=self.qn,
            name=name,
            line=getattr(self.node, "lineno", 0),
            params=params,
            bound=bound,
            class_qualname=self.class_qn,
            ret_objects=tuple(sorted(self.ret_objects)),
            ret_type=self._return_type(),
            calls=tuple(sorted(self.calls)),
            entry=self.entry,
            incomplete=self.incomplete,
            validates=tuple(sorted(self.validates.items()))
            if self.validates and not self.incomplete
            else (),
        )
        self.m.functions[self.qn] = _DraftFunction(
            summary,
            None if self.incomplete or self.ret is None else self.ret,
            clean(self.ret.t) if self.ret is not None else None,
            # (most functions have none of these: no comprehension runs for them)
            [(site, t) for site, taint in self.hits.items() if (t := clean(taint))]
            if self.hits
            else [],
            {k: t for k, taint in self.effects.items() if (t := clean(taint))}
            if self.effects
            else {},
            {k: t for k, taint in self.self_writes.items() if (t := clean(taint))}
            if self.self_writes
            else {},
            [(c, a, t) for (c, a), taint in self.field_writes.items() if (t := clean(taint))]
            if self.field_writes
            else [],
            [(n, t) for n, taint in self.global_writes.items() if (t := clean(taint))]
            if self.global_writes
            else [],
        )

    def _bind_parameters(self, env: Env) -> tuple[tuple[tuple[str, int], ...], int]:
        node = self.node
        args = node.args
        params: list[tuple[str, int, ast.arg]] = []
        for arg in args.posonlyargs:
            params.append((arg.arg, PARAM_POSITIONAL_ONLY, arg))
        for arg in args.args:
            params.append((arg.arg, PARAM_NORMAL, arg))
        if args.vararg is not None:
            params.append((args.vararg.arg, PARAM_VARARGS, args.vararg))
        for arg in args.kwonlyargs:
            params.append((arg.arg, PARAM_KEYWORD_ONLY, arg))
        if args.kwarg is not None:
            params.append((args.kwarg.arg, PARAM_KWARGS, args.kwarg))
        bound = 0
        decorator_list = getattr(node, "decorator_list", None)
        decorators = {self._decorator_name(d) for d in decorator_list} if decorator_list else set()
        if (
            self.class_qn is not None
            and params
            and params[0][1] in (PARAM_NORMAL, PARAM_POSITIONAL_ONLY)
        ):
            if "staticmethod" in decorators:
                bound = 0
            elif "classmethod" in decorators:
                bound = 2
            else:
                bound = 1
        self.entry = self._entry_info(node, params, bound)
        if self.closure:
            env.update(self.closure)
        display = self.display or getattr(node, "name", "<lambda>")
        for index, (name, kind, arg) in enumerate(params):
            self.param_names.append(name)
            if index == 0 and bound == 1:
                self.self_name = name
                env[name] = V(obj=("self", self.class_qn), ty=self.class_qn)
                continue
            if index == 0 and bound == 2:
                env[name] = V(qn=self.class_qn)
                continue
            step = self.m.step(
                -1,
                getattr(arg, "lineno", node.lineno),
                getattr(arg, "col_offset", 0),
                STEP_PARAM,
                f"{name}\x1f{display}",
            )
            taint: Taint = {("P", self.qn, index): (step, EMPTY, 0)}
            value = V(t=taint, ty=self._parameter_type(name, arg))
            if self.entry is not None and index in self.entry.validated:
                value = V(ty=value.ty)  # converted by the framework: a number or a UUID
            if kind == PARAM_VARARGS:
                value = container("tuple", (), rest=V(t=taint))
            elif kind == PARAM_KWARGS:
                value = container("dict", {}, rest=V(t=taint))
            elif value.t:
                self.plain_params.add(index)
            env[name] = value
        if self.class_qn is not None and bound == 1:
            self._handler_members()
        if self.header_methods or self.responder is not None:
            env[_RESPONSE_TYPE] = const(None)  # no Content-Type declared yet
        return tuple((name, kind) for name, kind, _ in params), bound

    def _decorator_name(self, node: ast.expr) -> str:
        target = node.func if isinstance(node, ast.Call) else node
        name = self.m.resolver.qualified_name(target, self.scope.parent or self.scope)
        if name:
            return name.rpartition(".")[2] if name.startswith("builtins.") else name
        if isinstance(target, ast.Attribute):
            return target.attr
        if isinstance(target, ast.Name):
            return target.id
        return ""

    def _parameter_type(self, name: str, arg: ast.arg) -> str | None:
        annotation = None
        if arg.annotation is not None:
            target = arg.annotation
            if isinstance(target, ast.Subscript):  # Annotated[Request, ...], Optional[...]
                inner = target.slice
                target = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
            annotation = self.m.resolver.qualified_name(target, self.scope.parent or self.scope)
        for rule in self.models.parameter_types:
            if annotation and annotation in rule.annotations:
                return rule.type
            if name in rule.names and (
                not rule.when_imports or self.m.imports & set(rule.when_imports)
            ):
                return rule.type
        if annotation and annotation in self.m.validated_models:
            return annotation  # an instance of a validating model of this module
        return None

    def _handler_members(self) -> None:
        info = self.m._handler_classes.get(self.class_qn or "")
        if info is None:
            return
        sources, types, header_methods, library = info
        self.handler_sources = sources
        self.handler_types = types
        self.header_methods = header_methods
        self.handler_library = library

    def _entry_info(
        self, node: Any, params: list[tuple[str, int, ast.arg]], bound: int
    ) -> EntryInfo | None:
        if isinstance(node, ast.Lambda):
            return None
        outer = self.scope.parent or self.m.resolver.module_scope
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            qualified = self.m.resolver.qualified_name(target, outer)
            if qualified:
                entry_decorator = self.models.entry_decorators.get(qualified)
                if entry_decorator is not None:
                    return EntryInfo(
                        entry_decorator.framework,
                        {
                            i: (entry_decorator.kind, f"command-line parameter `{p[0]}`")
                            for i, p in enumerate(params)
                            if not (i == 0 and bound)
                        },
                    )
            if not isinstance(decorator, ast.Call):
                continue
            method = decorator.func.attr if isinstance(decorator.func, ast.Attribute) else None
            for route in self.models.routes:
                if route.unless_imports and self.m.imports & set(route.unless_imports):
                    continue
                if method is None:
                    if not qualified or qualified not in route.functions:
                        continue
                elif method not in route.methods:
                    continue
                path = None
                if (
                    decorator.args
                    and isinstance(decorator.args[0], ast.Constant)
                    and isinstance(decorator.args[0].value, str)
                ):
                    path = decorator.args[0].value
                else:
                    for keyword in decorator.keywords:
                        if keyword.arg in ("rule", "path") and isinstance(
                            keyword.value, ast.Constant
                        ):
                            path = str(keyword.value.value)
                if route.needs_path and (path is None or not path.startswith("/")):
                    continue
                framework = route.framework
                if framework == "auto":
                    framework = "fastapi" if self.m.imports & {"fastapi", "starlette"} else "flask"
                if framework == "fastapi":
                    return self._fastapi_entry(params, bound, path or "")
                return self._flask_entry(params, bound, path, framework)
        if self.class_qn is not None:
            info = self.m.classes.get(self.class_qn)
            if info is not None and node.name in info.entry_methods:
                skip = info.entry_skip
                framework = info.entry_framework
                flags = _flag_parameters(node.args)
                return EntryInfo(
                    framework,
                    {
                        i: ("remote", f"URL parameter `{p[0]}`")
                        for i, p in enumerate(params)
                        if i >= skip and p[0] not in flags
                    },
                    view_returns=framework == "flask",
                )
        return self._responder_entry(node, params, bound)

    def _responder_entry(
        self, node: Any, params: list[tuple[str, int, ast.arg]], bound: int
    ) -> EntryInfo | None:
        """`def application(environ, start_response)`: the environ is input (WSGI)."""
        if not self.models.responder_entries or len(params) != (3 if bound else 2):
            return None
        if any(kind not in (PARAM_NORMAL, PARAM_POSITIONAL_ONLY) for _, kind, _ in params):
            return None
        first = 1 if bound else 0
        for convention in self.models.responder_entries:
            if params[first + 1][0] not in convention.responder_names:
                continue
            self.responder = params[first + 1][0]
            self.responder_headers = convention.headers_arg
            self.generator = _is_generator(node)
            label = f"{convention.label or 'request'} `{params[first][0]}`"
            return EntryInfo(convention.framework, {first: (convention.kind, label)})
        return None

    def _flask_entry(
        self,
        params: list[tuple[str, int, ast.arg]],
        bound: int,
        path: str | None,
        framework: str = "flask",
    ) -> EntryInfo:
        """Route parameters (`<name>`, `<int:id>`) are input; a Flask view's returned
        string is the page (other frameworks with this route syntax return responses)."""
        tainted: dict[int, tuple[str, str]] = {}
        validated: set[int] = set()
        names: dict[str, str] | None = None
        if path is not None:
            names = {m.group(2): (m.group(1) or "string") for m in _ROUTE_PARAM.finditer(path)}
        for index, (name, kind, _) in enumerate(params):
            if index == 0 and bound:
                continue
            if names is not None and kind != PARAM_KWARGS:
                converter = names.get(name)
                if converter in _SAFE_CONVERTERS:
                    validated.add(index)
                if converter is None or converter in _SAFE_CONVERTERS:
                    continue
            tainted[index] = ("remote", f"route parameter `{name}`")
        return EntryInfo(
            framework,
            tainted,
            view_returns=framework == "flask",
            route=path or "",
            validated=frozenset(validated),
        )

    def _fastapi_entry(
        self, params: list[tuple[str, int, ast.arg]], bound: int, path: str
    ) -> EntryInfo:
        tainted: dict[int, tuple[str, str]] = {}
        validated: set[int] = set()
        node = self.node
        defaults: dict[str, ast.expr] = {}
        positional = [*node.args.posonlyargs, *node.args.args]
        for arg, default in zip(
            positional[len(positional) - len(node.args.defaults) :],
            node.args.defaults,
            strict=False,
        ):
            defaults[arg.arg] = default
        for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=False):
            if default is not None:
                defaults[arg.arg] = default
        outer = self.scope.parent or self.m.resolver.module_scope
        for index, (name, _kind, arg) in enumerate(params):
            if index == 0 and bound:
                continue
            default = defaults.get(name)
            if isinstance(default, ast.Call):
                called = self.m.resolver.qualified_name(default.func, outer) or ""
                if called.rpartition(".")[2] in ("Depends", "Security"):
                    continue
            annotation_names = self._annotation_names(arg, outer)
            if annotation_names & self.models.non_input_annotations:
                continue
            if annotation_names and annotation_names <= self.models.validated_annotations:
                validated.add(index)
                continue
            if _pattern_checked(default, arg.annotation):
                validated.add(index)
                continue
            tainted[index] = ("remote", f"request parameter `{name}`")
        return EntryInfo("fastapi", tainted, route=path, validated=frozenset(validated))

    def _annotation_names(self, arg: ast.arg, scope: Scope) -> set[str]:
        if arg.annotation is None:
            return set()
        return self._annotation_expr_names(arg.annotation, scope)

    def _annotation_expr_names(self, annotation: ast.expr, scope: Scope) -> set[str]:
        names: set[str] = set()
        stack: list[ast.expr] = [annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.Subscript):
                base = self.m.resolver.qualified_name(current.value, scope) or ""
                inner = current.slice
                elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
                if base.endswith("Annotated"):
                    stack.append(elements[0])
                elif base.endswith(("Optional", "Union", "List", "list")) or base.endswith(
                    "Literal"
                ):
                    if base.endswith("Literal"):
                        names.add("builtins.int")  # a literal choice is validated
                    else:
                        stack.extend(elements)
                continue
            if isinstance(current, ast.BinOp) and isinstance(current.op, ast.BitOr):
                stack.extend((current.left, current.right))
                continue
            if isinstance(current, ast.Constant) and current.value is None:
                continue
            qualified = self.m.resolver.qualified_name(current, scope)
            if qualified:
                names.add(qualified)
            else:
                names.add("?")
        return names

    # -- statements ---------------------------------------------------------------------

    def block(self, stmts: list[ast.stmt], env: Env | None) -> Env | None:
        """Run statements in order; None once the path cannot continue (return, raise)."""
        for stmt in stmts:
            if env is None:
                return None
            self.budget -= 1
            if self.budget < 0:
                if not self.exhausted:
                    self.exhausted = True
                    self.incomplete = True
                if self.budget < -_FUNCTION_BUDGET:
                    raise BudgetExceeded
            handler = _STATEMENTS.get(type(stmt))
            if handler is None:
                continue
            env = handler(self, stmt, env)
        return env

    def s_expr(self, node: ast.Expr, env: Env) -> Env | None:
        self.noreturn_pending = False
        self.discarded = node.value
        value = node.value
        if isinstance(value, ast.Call):
            self.e_call(value, env)  # most expression statements: no dispatch needed
        elif isinstance(value, ast.Constant):
            return env  # a docstring or `...`: nothing happens
        else:
            self.expr(value, env)
        if self.noreturn_pending:
            self.noreturn_pending = False
            return None
        return env

    def s_assert(self, node: ast.Assert, env: Env) -> Env | None:
        test = self.expr(node.test, env)
        if truthiness(test) is False:
            return None
        self._refine(node.test, env, True)
        return env

    def s_assign(self, node: ast.Assign, env: Env) -> Env:
        value = (
            self.e_call(node.value, env)
            if isinstance(node.value, ast.Call)
            else self.expr(node.value, env)
        )
        for target in node.targets:
            self.store(target, value, env, node)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if isinstance(node.value, (ast.Call, ast.Compare, ast.BoolOp, ast.UnaryOp)):
                # `ok = url_has_allowed_host_and_scheme(url)`; later `if ok:` guards `url`
                self.saved_tests[name] = node.value
            else:
                self.saved_tests.pop(name, None)
        return env

    def s_annassign(self, node: ast.AnnAssign, env: Env) -> Env:
        if node.value is None:
            return env
        value = self.expr(node.value, env)
        self.store(node.target, value, env, node)
        return env

    def s_augassign(self, node: ast.AugAssign, env: Env) -> Env:
        current = (
            self.expr(node.target, env)
            if not isinstance(node.target, ast.Name)
            else (self._read_name(node.target.id, env, node.target))
        )
        right = self.expr(node.value, env)
        value = self._binop(node.op, current, right, node)
        if (
            isinstance(node.op, ast.Add)
            and current.shape == "list"
            and right.shape in ("list", "tuple")
        ):
            value = self._concat(current, right)
        elif isinstance(node.op, ast.Add) and current.shape == "list":
            value = container("list", current.elts, _opt_join(current.rest, collapsed(right)))
        self.store(node.target, value, env, node)
        return env

    def s_return(self, node: ast.Return, env: Env) -> None:
        value = self.expr(node.value, env) if node.value is not None else const(None)
        if self.entry is not None and self.entry.view_returns:
            self._check_view_return(node, value)
        elif self.responder is not None and not self.generator:
            self._check_response_body(node, value, env)
        if not self.is_module and self.validates != {}:
            self._note_validation(node.value, value, env)
        self._return_value(value, node)
        return None

    def _note_validation(self, node: ast.expr | None, value: V, env: Env) -> None:
        """Narrow what each parameter is known to be when the function returns a true value.

        A project function used as a check (`if is_safe_url(url):`) cleans its argument
        on the true branch when, at every `return` whose value may be true, the
        parameter is clean for some kinds: because the returned expression is itself a
        recognised check of it (`return url_has_allowed_host_and_scheme(url, hosts)`,
        `return name in ALLOWED`), or because every path where a check failed returned
        a false value first (`if not check(x): return False` ... `return True`). A
        return of a false constant says nothing; `return True` after no check, or a
        check that does not constrain the parameter (`return len(url) < 200`), leaves it
        unclean, so the function validates nothing. Only parameters the body never
        rebinds are considered: their value at a return is the argument, refined.
        """
        if node is None or truthiness(value) is False:
            return
        if self.validates is not None and not self.validates:
            return  # an earlier return validated nothing: the meet below stays empty
        plain = [(i, n) for i, n in enumerate(self.param_names) if i in self.plain_params]
        if not plain:
            self.validates = {}
            return
        refined = dict(env)
        self._refine(node, refined, True)
        found: dict[int, frozenset[str]] = {}
        for index, name in plain:
            current = refined.get(name)
            if current is None:
                continue
            info = current.t.get(("P", self.qn, index)) if current.t else None
            if info is None:
                # cleaned for every kind (or narrowed to a constant) on this path
                found[index] = frozenset({ALL_KINDS})
                continue
            kinds = frozenset(k for k in info[1] if not k.startswith(VALIDATED_PREFIX))
            if kinds:
                found[index] = kinds
        if found:  # only now the walk for rebound parameters, which do not count
            rebound = self._rebound_names()
            found = {i: kinds for i, kinds in found.items() if self.param_names[i] not in rebound}
        if self.validates is None:
            self.validates = found
            return
        merged: dict[int, frozenset[str]] = {}
        for index, kinds in self.validates.items():
            other = found.get(index)
            if other is None:
                continue
            if ALL_KINDS in kinds:
                met = other
            elif ALL_KINDS in other:
                met = kinds
            else:
                met = kinds & other
            if met:
                merged[index] = met
        self.validates = merged

    def _rebound_names(self) -> frozenset[str]:
        """The names the function's body binds again (every parameter, for a generator or
        a body that is no function): a rebound parameter's value at a return is not the
        argument, so it validates nothing."""
        if self._rebound is not None:
            return self._rebound
        node = self.node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or _is_generator(node):
            self._rebound = frozenset(self.param_names)
            return self._rebound
        rebound: set[str] = set()
        for inner in _all_nodes(node):
            if isinstance(inner, ast.Name) and not isinstance(inner.ctx, ast.Load):
                rebound.add(inner.id)
            elif isinstance(inner, (ast.Global, ast.Nonlocal)):
                rebound.update(inner.names)
            elif isinstance(inner, ast.ExceptHandler) and inner.name:
                rebound.add(inner.name)
            elif isinstance(inner, (ast.MatchAs, ast.MatchStar)) and inner.name:
                rebound.add(inner.name)
            elif isinstance(inner, ast.MatchMapping) and inner.rest:
                rebound.add(inner.rest)
        self._rebound = frozenset(rebound)
        return self._rebound

    def _return_type(self) -> str | None:
        """What the summary says the function returns: a library type the models know
        (`ldap3.Connection`), or a plain dict or list (JSON, when a Flask view sends it)."""
        ret = self.ret
        if ret is None:
            return None
        if ret.ty in self.models.object_types:
            return ret.ty
        if ret.ty is None and ret.shape in ("dict", "list"):
            return _PLAIN_CONTAINERS[ret.shape]
        return None

    def _return_value(self, value: V, node: ast.AST | None = None) -> None:
        if value.t and node is not None:
            value = value.replace(t=self._advance(value.t, node, STEP_RETURN, self._name()))
        if value.obj is not None and value.obj[0] == "call":
            self.ret_objects.add(value.obj[2])
        elif value.obj is not None and value.obj[0] == "self":
            self.ret_objects.add(value.obj[1])
        self.ret = value if self.ret is None else join(self.ret, value)

    def s_raise(self, node: ast.Raise, env: Env) -> None:
        if node.exc is not None:
            value = self.expr(node.exc, env)
            if self.raised and value.t:
                self.raised[-1].append(value.t)
        return None

    def s_break(self, node: ast.Break, env: Env) -> None:
        if self.loops:
            self.loops[-1].breaks.append(env)
        return None

    def s_continue(self, node: ast.Continue, env: Env) -> None:
        if self.loops:
            self.loops[-1].continues.append(env)
        return None

    def s_global(self, node: ast.Global | ast.Nonlocal, env: Env) -> Env:
        if isinstance(node, ast.Global):
            self.globals_declared.update(node.names)
        return env

    def s_delete(self, node: ast.Delete, env: Env) -> Env:
        for target in node.targets:
            if isinstance(target, ast.Name):
                env.pop(target.id, None)
            elif isinstance(target, ast.Subscript):
                key = self._path_key(target.value)
                if key is None:
                    continue
                holder = env.get(key)
                index = self.expr(target.slice, env)
                if holder is not None and holder.shape == "dict" and index.c is not NC:
                    try:
                        if index.c in holder.elts:
                            elts = {k: v for k, v in holder.elts.items() if k != index.c}
                            self._replace(
                                env, key, holder, container("dict", elts, holder.rest, holder.ty)
                            )
                    except TypeError:
                        pass
                elif (
                    holder is not None
                    and holder.shape == "list"
                    and isinstance(index.c, int)
                    and holder.rest is None
                    and -len(holder.elts) <= index.c < len(holder.elts)
                ):
                    items = list(holder.elts)
                    del items[index.c]
                    self._replace(
                        env, key, holder, container("list", tuple(items), None, holder.ty)
                    )
        return env

    def s_if(self, node: ast.If, env: Env) -> Env | None:
        test = self.expr(node.test, env)
        truth = truthiness(test)
        if truth is True:
            self._refine(node.test, env, True)
            return self.block(node.body, env)
        if truth is False:
            self._refine(node.test, env, False)
            return self.block(node.orelse, env)
        env_true = dict(env)
        self._refine(node.test, env_true, True)
        out_true = self.block(node.body, env_true)
        env_false = env
        self._refine(node.test, env_false, False)
        out_false = self.block(node.orelse, env_false) if node.orelse else env_false
        if out_true is None:
            return out_false
        if out_false is None:
            return out_true
        return _join_envs([out_true, out_false])

    def _loop(
        self, body: Callable[[Env], Env | None], env: Env, test: ast.expr | None = None
    ) -> tuple[Env | None, list[Env]]:
        """Run a loop body to a fixpoint; returns (state when the loop ends normally, breaks)."""
        head = env
        frame = _LoopFrame()
        self.loops.append(frame)
        try:
            rounds = 0
            while True:
                rounds += 1
                frame.continues = []
                entry = dict(head)
                if test is not None:
                    self._refine(test, entry, True)
                out = body(entry)
                new_head = _join_envs([head, out, *frame.continues])
                if new_head is None or _envs_same(new_head, head):
                    break
                if rounds >= _MAX_LOOP_ROUNDS or self.exhausted:
                    head = {k: widen(v) if v.shape is not None else v for k, v in new_head.items()}
                    entry = dict(head)
                    if test is not None:
                        self._refine(test, entry, True)
                    out = body(entry)
                    head = _join_envs([head, out, *frame.continues]) or head
                    head = {
                        k: v.replace(t=t_flag(v.t, F_IMPRECISE))
                        if v.t and not same(v, env.get(k, v))
                        else v
                        for k, v in head.items()
                    }
                    break
                head = new_head
        finally:
            self.loops.pop()
        return head, frame.breaks

    def s_for(self, node: ast.For, env: Env) -> Env | None:
        iterable = self.expr(node.iter, env)
        element = self._element(iterable)
        if element.t:
            name = (
                node.target.id if isinstance(node.target, ast.Name) else self._text(node.target, 30)
            )
            element = element.replace(t=self._advance(element.t, node.target, STEP_ITERATE, name))
        if iterable.shape in ("list", "tuple") and iterable.rest is None and not iterable.elts:
            # iterating an empty literal: the body never runs
            return self.block(node.orelse, env) if node.orelse else env

        def body(entry: Env) -> Env | None:
            self.store(node.target, element, entry, node, note=False)
            return self.block(node.body, entry)

        head, breaks = self._loop(body, env)
        normal = head
        if node.orelse and normal is not None:
            normal = self.block(node.orelse, dict(normal))
        return _join_envs([normal, *breaks])

    def s_while(self, node: ast.While, env: Env) -> Env | None:
        test = self.expr(node.test, env)
        if truthiness(test) is False:
            return self.block(node.orelse, env) if node.orelse else env

        def body(entry: Env) -> Env | None:
            self.expr(node.test, entry)
            return self.block(node.body, entry)

        head, breaks = self._loop(body, env, node.test)
        normal: Env | None = None
        if head is not None:
            # whether the loop can end normally depends on the test at the loop head (after
            # any number of rounds), not on its first evaluation
            normal = dict(head)
            if truthiness(self.expr(node.test, normal)) is True:
                normal = None
            else:
                self._refine(node.test, normal, False)
                if node.orelse:
                    normal = self.block(node.orelse, normal)
        return _join_envs([normal, *breaks])

    def s_try(self, node: ast.Try, env: Env) -> Env | None:
        before = dict(env)
        self.raised.append([])
        try:
            out = self.block(node.body, env)
        finally:
            raised = self.raised.pop()
        # the exception a handler catches carries the message of what was raised
        caught = V(t=t_union_many(raised)) if raised else UNKNOWN
        handler_start = _join_envs([before, out]) or before
        outs: list[Env | None] = []
        if out is not None:
            outs.append(self.block(node.orelse, out) if node.orelse else out)
        for handler in node.handlers:
            start = dict(handler_start)
            if handler.type is not None:
                self.expr(handler.type, start)
            if handler.name:
                start[handler.name] = caught
            outs.append(self.block(handler.body, start))
        result = _join_envs(outs)
        if node.finalbody:
            if result is None:
                self.block(node.finalbody, dict(handler_start))
                return None
            result = self.block(node.finalbody, result)
        return result

    def s_with(self, node: ast.With, env: Env) -> Env | None:
        for item in node.items:
            value = self.expr(item.context_expr, env)
            if item.optional_vars is not None:
                self.store(item.optional_vars, value, env, node)
        return self.block(node.body, env)

    def s_match(self, node: Any, env: Env) -> Env | None:
        subject = self.expr(node.subject, env)
        outs: list[Env | None] = []
        exhaustive = False
        for case in node.cases:
            decided = self._match_static(case.pattern, subject)
            if decided is False:
                continue
            case_env = dict(env)
            self._bind_pattern(case.pattern, subject, case_env, node)
            if case.guard is not None:
                guard = truthiness(self.expr(case.guard, case_env))
                if guard is False:
                    continue
                self._refine(case.guard, case_env, True)
                if guard is None:
                    decided = None
            outs.append(self.block(case.body, case_env))
            if decided is True:
                exhaustive = True
                break
        if not exhaustive:
            outs.append(env)
        return _join_envs(outs)

    def _match_static(self, pattern: Any, subject: V) -> bool | None:
        if isinstance(pattern, ast.MatchValue):
            value = self.expr(pattern.value, {})
            if value.c is not NC and subject.c is not NC:
                return bool(_safe_eq(subject.c, value.c))
            return None
        if isinstance(pattern, ast.MatchSingleton):
            if subject.c is not NC:
                return subject.c is pattern.value
            return None
        if isinstance(pattern, ast.MatchAs):
            if pattern.pattern is None:
                return True
            return self._match_static(pattern.pattern, subject)
        if isinstance(pattern, ast.MatchOr):
            results = [self._match_static(p, subject) for p in pattern.patterns]
            if any(r is True for r in results):
                return True
            if all(r is False for r in results):
                return False
            return None
        return None

    def _bind_pattern(self, pattern: Any, subject: V, env: Env, node: ast.AST) -> None:
        if isinstance(pattern, ast.MatchAs):
            if pattern.name:
                env[pattern.name] = subject
            if pattern.pattern is not None:
                self._bind_pattern(pattern.pattern, subject, env, node)
        elif isinstance(pattern, ast.MatchOr):
            for inner in pattern.patterns:
                self._bind_pattern(inner, subject, env, node)
        elif isinstance(pattern, ast.MatchSequence):
            element = collapsed(subject)
            for index, inner in enumerate(pattern.patterns):
                if isinstance(inner, ast.MatchStar):
                    if inner.name:
                        env[inner.name] = container("list", (), rest=element)
                    continue
                part = element
                if (
                    subject.shape in ("list", "tuple")
                    and subject.rest is None
                    and index < len(subject.elts)
                ):
                    part = subject.elts[index]
                self._bind_pattern(inner, part, env, node)
        elif isinstance(pattern, ast.MatchMapping):
            for key_node, inner in zip(pattern.keys, pattern.patterns, strict=False):
                key = self.expr(key_node, env)
                part = self._subscript_value(subject, key)
                self._bind_pattern(inner, part, env, node)
            if pattern.rest:
                env[pattern.rest] = subject
        elif isinstance(pattern, ast.MatchClass):
            for inner in [*pattern.patterns, *pattern.kwd_patterns]:
                self._bind_pattern(inner, V(t=subject.t) if subject.t else BOTTOM, env, node)
        elif isinstance(pattern, ast.MatchStar) and pattern.name:
            env[pattern.name] = container("list", (), rest=collapsed(subject))

    def s_functiondef(self, node: ast.FunctionDef, env: Env) -> Env:
        for decorator in node.decorator_list:
            self.expr(decorator, env)
        qualname = f"{self._own_prefix()}.{node.name}"
        display = node.name if self.is_module else f"{self._display_prefix()}.{node.name}"
        if self.is_module:
            self.m.enqueue(node, qualname, None, None, display)
        else:
            # a nested function is analysed right here, with what it can see of this one:
            # calls to it further down then use its summary already
            scope = self.m.resolver.scope_for(node)
            if scope is not None:
                FunctionAnalyzer(
                    self.m, node, qualname, None, dict(env), scope, display=display
                ).analyze()
        env[node.name] = V(qn=qualname)
        self._invalidate(node.name, env)
        if self.is_module:
            self.m.module_env[node.name] = env[node.name]
        return env

    def _own_prefix(self) -> str:
        return self.m.module if self.is_module else self.qn

    def _display_prefix(self) -> str:
        return self._name()

    def _name(self) -> str:
        """The function's display name (`Class.method`, `outer.inner`)."""
        return str(self.display or getattr(self.node, "name", ""))

    def s_classdef(self, node: ast.ClassDef, env: Env) -> Env:
        for decorator in node.decorator_list:
            self.expr(decorator, env)
        qualname = f"{self._own_prefix()}.{node.name}"
        display_prefix = node.name if self.is_module else f"{self._display_prefix()}.{node.name}"
        bases: list[str] = []
        entry_methods: tuple[str, ...] = ()
        framework = ""
        skip = 1
        sources: dict[str, str] = {}
        types: dict[str, str] = {}
        header_methods: set[str] = set()
        library = ""
        for base in node.bases:
            value = self.expr(base, env)
            name = value.qn or self.m.resolver.qualified_name(base, self.scope)
            if not name:
                continue
            bases.append(name)
            for handler in self.models.handler_bases:
                if name == handler.prefix or (
                    handler.prefix.endswith(".") and name.startswith(handler.prefix)
                ):
                    entry_methods = entry_methods + tuple(
                        m for m in handler.entry_methods if m not in entry_methods
                    )
                    framework = framework or handler.framework
                    skip = handler.skip_params
                    sources.update(dict(handler.self_sources))
                    types.update(dict(handler.self_types))
                    header_methods.update(handler.header_methods)
                    library = library or handler.methods_of
            inherited = self.m.classes.get(name)
            if inherited is not None and inherited.entry_methods:
                entry_methods = entry_methods + tuple(
                    m for m in inherited.entry_methods if m not in entry_methods
                )
                framework = framework or inherited.entry_framework
                skip = inherited.entry_skip
                parent_members = self.m._handler_classes.get(name)
                if parent_members:
                    sources.update(parent_members[0])
                    types.update(parent_members[1])
                    header_methods.update(parent_members[2])
                    library = library or parent_members[3]
        if any(b in _VALIDATING_BASES or b in self.m.validated_models for b in bases):
            self.m.validated_models[qualname] = self._validated_fields(node, bases)
        methods: dict[str, str] = {}
        info = ClassInfo(
            qualname,
            tuple(bases),
            methods,
            entry_methods,
            framework,
            skip,
            self._generated_fields(node, bases, env),
        )
        self.m.classes[qualname] = info
        if sources or types or header_methods or library:
            self.m._handler_classes[qualname] = (
                sources,
                types,
                frozenset(header_methods),
                library,
            )
        class_env = dict(env)
        local_methods: list[tuple[Any, str, str]] = []
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in stmt.decorator_list:
                    self.expr(decorator, class_env)
                method_qn = f"{qualname}.{stmt.name}"
                methods[stmt.name] = method_qn
                method_display = f"{display_prefix}.{stmt.name}"
                if self.is_module:
                    self.m.enqueue(stmt, method_qn, qualname, None, method_display)
                else:
                    local_methods.append((stmt, method_qn, method_display))
                class_env[stmt.name] = V(qn=method_qn)
                continue
            before = dict(class_env)
            out = self.block([stmt], class_env)
            if out is None:
                continue
            class_env = out
            for key, value in class_env.items():
                if before.get(key) is not value and "." not in key:
                    if value.t:
                        taint = t_without_unknown(value.t)
                        if taint:
                            self._field_write(qualname, key, taint)
                    if isinstance(stmt, ast.ClassDef) and value.qn:
                        methods.setdefault(key, value.qn)
                    elif (
                        isinstance(stmt, ast.Assign)
                        and isinstance(stmt.value, (ast.Name, ast.Attribute))
                        and value.qn
                        and _is_project_name(value.qn)
                    ):
                        info.aliases = (*info.aliases, (key, value.qn))
        # a class defined inside a function: its methods are analysed here, with the
        # function's variables visible, so calls further down can use their summaries
        for stmt, method_qn, method_display in local_methods:
            scope = self.m.resolver.scope_for(stmt)
            if scope is not None:
                FunctionAnalyzer(
                    self.m, stmt, method_qn, qualname, dict(env), scope, display=method_display
                ).analyze()
        env[node.name] = V(qn=qualname)
        self._invalidate(node.name, env)
        if self.is_module:
            self.m.module_env[node.name] = env[node.name]
        return env

    def _validated_fields(self, node: ast.ClassDef, bases: list[str]) -> frozenset[str]:
        """The fields of a validating model whose declared type only numbers, dates … pass."""
        fields: set[str] = set()
        for base in bases:
            fields |= self.m.validated_models.get(base, frozenset())
        checked = self.models.validated_annotations
        for stmt in node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                names = self._annotation_expr_names(stmt.annotation, self.scope)
                if names and names <= checked:
                    fields.add(stmt.target.id)
                else:
                    fields.discard(stmt.target.id)  # redeclared as text
        return frozenset(fields)

    def _generated_fields(self, node: ast.ClassDef, bases: list[str], env: Env) -> tuple[str, ...]:
        """The constructor parameters of a dataclass or NamedTuple: its annotated fields."""
        generated = any(b in _FIELD_BASES for b in bases)
        if not generated:
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if self.expr(target, env).qn in _FIELD_DECORATORS:
                    generated = True
                    break
        if not generated:
            return ()
        fields: list[str] = []
        for stmt in node.body:
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and not any(
                    isinstance(n, (ast.Name, ast.Attribute))
                    and (n.id if isinstance(n, ast.Name) else n.attr) in ("ClassVar", "InitVar")
                    for n in ast.walk(stmt.annotation)
                )
            ):
                fields.append(stmt.target.id)
        return tuple(fields)

    # -- stores -------------------------------------------------------------------------

    def store(self, target: ast.expr, value: V, env: Env, node: ast.AST, note: bool = True) -> None:
        """Bind `value` to an assignment target (name, attribute, item, unpacking)."""
        if isinstance(target, ast.Name):
            name = target.id
            self.saved_tests.pop(name, None)
            if value.t and note:
                value = value.replace(t=self._advance(value.t, target, STEP_ASSIGN, name))
            env[name] = value
            if name in self.path_roots:
                self._invalidate(name, env)
            if name in self.globals_declared:
                taint = t_without_unknown(value.t)
                if taint:
                    key = f"{self.m.module}.{name}"
                    self.global_writes[key] = t_union(self.global_writes.get(key), taint) or taint
            return
        if isinstance(target, (ast.Tuple, ast.List)):
            self._unpack(target, value, env, node)
            return
        if isinstance(target, ast.Starred):
            self.store(target.value, container("list", (), rest=collapsed(value)), env, node, note)
            return
        if isinstance(target, ast.Attribute):
            self._store_attribute(target, value, env, note)
            return
        if isinstance(target, ast.Subscript):
            self._store_subscript(target, value, env)
            return

    def _unpack(self, target: ast.Tuple | ast.List, value: V, env: Env, node: ast.AST) -> None:
        elts = target.elts
        star = next((i for i, e in enumerate(elts) if isinstance(e, ast.Starred)), None)
        if value.shape in ("list", "tuple") and value.rest is None:
            items = list(value.elts)
            if star is None and len(items) == len(elts):
                for sub, item in zip(elts, items, strict=False):
                    self.store(sub, item, env, node)
                return
            if star is not None and len(items) >= len(elts) - 1:
                after = len(elts) - star - 1
                for sub, item in zip(elts[:star], items[:star], strict=False):
                    self.store(sub, item, env, node)
                middle = items[star : len(items) - after]
                self.store(elts[star].value, container("list", tuple(middle)), env, node)  # type: ignore[attr-defined]
                for sub, item in zip(elts[star + 1 :], items[len(items) - after :], strict=False):
                    self.store(sub, item, env, node)
                return
        if (
            value.c is not NC
            and isinstance(value.c, (tuple, list))
            and len(value.c) == len(elts)
            and star is None
        ):
            for sub, item in zip(elts, value.c, strict=False):
                self.store(sub, const(item), env, node)
            return
        element = (
            collapsed(value) if value.shape is not None else (V(t=value.t) if value.t else BOTTOM)
        )
        if value.shape is None and value.ty is not None:
            rule = self._type_of(f"{value.ty}[]")
            if rule:
                element = element.replace(ty=rule)
        for sub in elts:
            if isinstance(sub, ast.Starred):
                self.store(sub.value, container("list", (), rest=element), env, node)
            else:
                self.store(sub, element, env, node)

    def _declare_content_type(self, response_node: ast.expr, media: V, env: Env) -> None:
        """A response given a constant non-HTML Content-Type is data, not a page."""
        if not isinstance(media.c, str) or not self.models.data_responses:
            return
        if not _declares_non_html(container("dict", {"content-type": media})):
            return
        response = self.expr(response_node, env)
        retyped = self.models.data_responses.get(response.ty or "")
        key = self._path_key(response_node)
        if retyped is not None and key is not None:
            self._replace(env, key, response, response.replace(ty=retyped))

    def _store_attribute(self, target: ast.Attribute, value: V, env: Env, note: bool) -> None:
        if target.attr in ("mimetype", "content_type"):
            self._declare_content_type(target.value, value, env)
        base = self.expr(target.value, env)
        key = self._path_key(target)
        text = key or self._text(target, 40)
        if value.t and note:
            value = value.replace(t=self._advance(value.t, target, STEP_FIELD_WRITE, text))
        if key is not None:
            env[key] = value
            self.path_roots.add(key.split(".", 1)[0])
            self._invalidate(key, env)
        if base.ty is not None:
            # a sink on an attribute of a typed object: `cell.value = ...` of a spreadsheet
            for sink in self.models.sinks.get(f"{base.ty}.{target.attr}", ()):
                if sink.assigned:
                    self._check_sink(sink, target, [value], {}, None, f"{text} = …")
        taint = t_without_unknown(value.t)
        if base.obj is not None:
            kind = base.obj[0]
            if kind == "self":
                if taint:
                    self.self_writes[target.attr] = (
                        t_union(self.self_writes.get(target.attr), taint) or taint
                    )
                    self._field_write(base.obj[1], target.attr, taint)
            elif kind == "call" and taint:
                self._field_write(base.obj[2], target.attr, taint)
        elif base.qn is not None and base.qn in self.models.shared_namespaces:
            if taint:
                self._field_write(base.qn, target.attr, taint)
        elif base.t and taint:
            self._param_effect(base.t, taint)

    def _field_write(self, class_qn: str, attr: str, taint: Taint) -> None:
        key = (class_qn, attr)
        self.field_writes[key] = t_union(self.field_writes.get(key), taint) or taint

    def _param_effect(self, holder: Taint, added: Taint) -> None:
        taint = t_without_unknown(added)
        if not taint:
            return
        for origin in holder:
            if origin[0] == "P" and origin[1] == self.qn:
                index = origin[2]
                self.effects[index] = t_union(self.effects.get(index), taint) or taint

    def _store_subscript(self, target: ast.Subscript, value: V, env: Env) -> None:
        holder_node = target.value
        holder = self.expr(holder_node, env)
        index = self.expr(target.slice, env)
        # sinks on item assignment (session["k"] = v, response.headers["X"] = v)
        for name in self._member_names(holder, "__setitem__"):
            for sink in self.models.sinks.get(name, ()):
                self._check_sink(
                    sink, target, [index, value], {}, None, f"{self._text(target, 40)} = …"
                )
        if (
            isinstance(holder_node, ast.Attribute)
            and holder_node.attr == "headers"
            and isinstance(index.c, str)
            and index.c.lower() == "content-type"
        ):
            self._declare_content_type(holder_node.value, value, env)
        key = self._path_key(holder_node)
        new = self._set_item(holder, index, value)
        taint = t_without_unknown(value.t)
        if taint and isinstance(holder_node, ast.Name):
            self._module_container_write(holder_node.id, taint, env)
        if key is not None and new is not None:
            self._replace(env, key, holder, new)
        if not taint:
            return
        if holder.obj is not None and holder.obj[0] == "self":
            return
        if isinstance(holder_node, ast.Attribute):
            base = self.expr(holder_node.value, env)
            if base.obj is not None and base.obj[0] == "self":
                self._field_write(base.obj[1], holder_node.attr, taint)
                self.self_writes[holder_node.attr] = (
                    t_union(self.self_writes.get(holder_node.attr), taint) or taint
                )
            elif base.obj is not None and base.obj[0] == "call":
                self._field_write(base.obj[2], holder_node.attr, taint)
        if holder.t:
            self._param_effect(holder.t, taint)

    def _module_container_write(self, name: str, taint: Taint, env: Env) -> None:
        """An item put in a module-level container from a function: a write of the global."""
        if name in self.globals_declared or (
            not self.is_module
            and name in self.m.module_env
            and (name not in env or name not in self.scope.bindings)
        ):
            key = f"{self.m.module}.{name}"
            self.global_writes[key] = t_union(self.global_writes.get(key), taint) or taint

    def _set_item(self, holder: V, index: V, value: V) -> V | None:
        if holder.shape == "dict":
            if index.c is not NC and _hashable(index.c):
                elts = dict(holder.elts)
                elts[index.c] = value
                return container("dict", elts, holder.rest, holder.ty)
            rest = value if holder.rest is None else join(holder.rest, value)
            return container(
                "dict",
                holder.elts,
                rest.replace(t=t_flag(rest.t, F_IMPRECISE)) if rest.t else rest,
                holder.ty,
            )
        if holder.shape == "list":
            if (
                isinstance(index.c, int)
                and holder.rest is None
                and -len(holder.elts) <= index.c < len(holder.elts)
            ):
                items = list(holder.elts)
                items[index.c] = value
                return container("list", tuple(items), None, holder.ty)
            rest = value if holder.rest is None else join(holder.rest, value)
            return container("list", holder.elts, rest, holder.ty)
        if value.t:
            return holder.replace(t=t_union(holder.t, value.t))
        return None

    def _replace(self, env: Env, key: str, old: V, new: V) -> None:
        """Store `new` under `key` and under every other name bound to the same object."""
        env[key] = new
        if old.shape is None and old.obj is None:
            return
        for other, value in list(env.items()):
            if value is old and other != key:
                env[other] = new

    def _invalidate(self, name: str, env: Env) -> None:
        prefix = name + "."
        for key in [k for k in env if k.startswith(prefix)]:
            del env[key]

    def _path_key(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return f"{node.value.id}.{node.attr}"  # `self.x`, most of them
        parts: list[str] = []
        current = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not isinstance(current, ast.Name):
            return None
        parts.append(current.id)
        if len(parts) > 4:
            return None
        return ".".join(reversed(parts))

    # -- refinement (guards) -----------------------------------------------------------

    def _refine(self, test: ast.expr, env: Env, branch: bool) -> None:
        for key, update in self._refinements(test, env, branch):
            current = env.get(key)
            if current is None:
                continue
            env[key] = update(current)

    def _refinements(
        self, test: ast.expr, env: Env, branch: bool
    ) -> list[tuple[str, Callable[[V], V]]]:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return self._refinements(test.operand, env, not branch)
        if isinstance(test, ast.BoolOp):
            parts = [self._refinements(v, env, branch) for v in test.values]
            conjunctive = isinstance(test.op, ast.And) == branch
            if conjunctive:
                return [item for part in parts for item in part] + self._local_path_checks(
                    test.values, branch, env
                )
            # a disjunction holds: refine only what every operand refines, by joining
            if not parts or any(not p for p in parts):
                return []
            keys = set(k for k, _ in parts[0])
            for part in parts[1:]:
                keys &= {k for k, _ in part}
            result: list[tuple[str, Callable[[V], V]]] = []
            for key in keys:
                # what each operand says of the key (all of it holds when that one does)
                alternatives = [[u for k, u in part if k == key] for part in parts]
                either = _either_cleaning(alternatives)
                if either is not None:
                    result.append((key, either))
                    continue

                def combined(
                    value: V, alternatives: list[list[Callable[[V], V]]] = alternatives
                ) -> V:
                    joined: V | None = None
                    for updates in alternatives:
                        refined = value
                        for update in updates:
                            refined = update(refined)
                        joined = refined if joined is None else join(joined, refined)
                    assert joined is not None
                    return joined

                result.append((key, combined))
            return result
        if isinstance(test, ast.NamedExpr):
            return self._refinements(test.value, env, branch) + self._refinements(
                test.target, env, branch
            )
        if isinstance(test, ast.Name):
            saved = self.saved_tests.get(test.id)
            if saved is not None:
                return self._refinements(saved, env, branch)
        if isinstance(test, ast.Attribute) and test.attr in ("netloc", "hostname"):
            parsed = self._url_parse_subject(test.value, env)
            if parsed is not None and not branch:
                # `urlparse(url).netloc` is empty: a relative URL stays on this site
                return [
                    (key, _Cleaning(frozenset({"redirect"}))) for key in self._guard_keys(parsed)
                ]
        if isinstance(test, (ast.Name, ast.Attribute)):
            falsy = self._path_key(test)
            if falsy is not None and not branch:
                # a falsy value ("", None, 0, an empty container) carries no input
                return [(falsy, _Cleaning(None))]
            return []
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            return self._compare_refinements(test, env, branch)
        if isinstance(test, ast.Call):
            return self._call_refinements(test, env, branch)
        return []

    def _local_path_checks(
        self, operands: list[ast.expr], truth: bool, env: Env
    ) -> list[tuple[str, Callable[[V], V]]]:
        """`url.startswith("/") and not url.startswith(("//", "/\\"))`: a path of this site.

        All of `operands` hold with the given truth. A URL that begins with one slash and
        neither with two nor with a slash and a backslash (which browsers also read as
        the start of a host name) stays on this site: clean for redirects.
        """
        begins: dict[str, set[str]] = {}
        excludes: dict[str, set[str]] = {}
        for operand in operands:
            holds = truth
            while isinstance(operand, ast.UnaryOp) and isinstance(operand.op, ast.Not):
                operand, holds = operand.operand, not holds
            func = operand.func if isinstance(operand, ast.Call) else None
            if not (
                isinstance(operand, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "startswith"
                and len(operand.args) == 1
            ):
                continue
            key = self._path_key(func.value)
            prefixes = self.expr(operand.args[0], env).c
            if isinstance(prefixes, str):
                prefixes = (prefixes,)
            if key is None or not isinstance(prefixes, tuple):
                continue
            target = begins if holds else excludes
            target.setdefault(key, set()).update(p for p in prefixes if isinstance(p, str))
        return [
            (key, _Cleaning(_LOCAL_ONLY))
            for key, prefixes in begins.items()
            if "/" in prefixes and {"//", "/\\"} <= excludes.get(key, set())
        ]

    def _compare_refinements(
        self, test: ast.Compare, env: Env, branch: bool
    ) -> list[tuple[str, Callable[[V], V]]]:
        op = test.ops[0]
        left, right = test.left, test.comparators[0]
        if isinstance(op, (ast.In, ast.NotIn)):
            holds = branch if isinstance(op, ast.In) else not branch
            if not holds and isinstance(left, ast.Subscript) and _first_character(left.slice):
                # `if s[0] in "=+-@":` false: the value does not begin with one of them
                kinds = self._leading_checked(self.expr(right, env))
                key = self._path_key(left.value)
                if kinds and key is not None:
                    return [(key, _Cleaning(kinds))]
            if (
                not holds
                and isinstance(left, ast.Constant)
                and left.value in ("..", "../", "..\\")
                and (key := self._path_key(right)) is not None
            ):
                return [(key, _path_part(_PATH_NO_DOTS))]  # `if ".." in name: abort(400)`
            if not holds:
                return []
            key = self._path_key(left)
            host = self._host_refinements(left, right, env)
            if key is None or host:
                # (`parsed.netloc in HOSTS` with `parsed = urlparse(url)` refines `url`)
                return host
            collection = self.expr(right, env)
            allowed = self._constant_members(collection)
            if allowed is None:
                return self._allowlist_refinements(key, left, collection)
            if len(allowed) == 1:
                only = const(allowed[0])
                return [(key, _constantly(only))]
            return [(key, _constantly(BOTTOM))]
        if (
            isinstance(op, (ast.Is, ast.IsNot))
            and isinstance(right, ast.Constant)
            and right.value is None
            and isinstance(left, ast.Call)
        ):
            # `re.fullmatch(p, s) is None`: on the branch where a match came back, the
            # check passed (as `if re.fullmatch(p, s):` would)
            matched = branch if isinstance(op, ast.IsNot) else not branch
            return self._call_refinements(left, env, True) if matched else []
        if isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)):
            holds = branch if isinstance(op, (ast.Eq, ast.Is)) else not branch
            if not holds:
                return []
            for subject, other in ((left, right), (right, left)):
                key = self._path_key(subject)
                host = self._host_refinements(subject, other, env)
                if host:
                    return host
                if key is None:
                    continue
                value = self.expr(other, env)
                if value.c is not NC and isinstance(
                    value.c, (str, int, float, bool, bytes, type(None))
                ):
                    fixed = const(value.c)
                    return [(key, _constantly(fixed))]
        return []

    def _host_refinements(
        self, subject: ast.expr, allowed: ast.expr, env: Env
    ) -> list[tuple[str, Callable[[V], V]]]:
        """`urlparse(url).netloc` is one of some constant hosts (`in HOSTS`, `== "a.example"`).

        The URL then leads to a host the program chose: clean for redirects and requests.
        """
        if not (isinstance(subject, ast.Attribute) and subject.attr in ("netloc", "hostname")):
            return []
        parsed = self._url_parse_subject(subject.value, env)
        if parsed is None:
            return []
        value = self.expr(allowed, env)
        hosts = [value.c] if isinstance(value.c, str) else self._constant_members(value)
        if not hosts or not all(isinstance(h, str) for h in hosts):
            return []
        return [(key, _Cleaning(_HOST_CHECKED)) for key in self._guard_keys(parsed)]

    def _allowlist_refinements(
        self, key: str, subject: ast.expr, collection: V
    ) -> list[tuple[str, Callable[[V], V]]]:
        """`name in self.actions`: the value is one of a collection the program made.

        The members are not constants cwescan can see (a class attribute a subclass may
        override, what a method returns, a table filled at import), but none of them came
        from input, so the value that matched one is the program's own: clean for every
        kind. A collection that carries input (`name in request.args`, a parameter the
        caller may fill with input, what a call wrote into its argument) restricts
        nothing; one read from the program's state (a field, a global, what a project
        function returns) is taken as the program's own, as an allowlist is. A subscript
        subject is left alone: `s[0] in chars` constrains one character, not the value.
        """
        if isinstance(subject, ast.Subscript) or collection is BOTTOM:
            return []
        if collection.c is not NC:
            return []  # a constant the members of which are not all plain values
        if collection.t and any(origin[0] in _INPUT_ORIGINS for origin in collection.t):
            return []
        return [(key, _Cleaning(None))]

    def _constant_members(self, value: V) -> list[Any] | None:
        if value.c is not NC and isinstance(value.c, (tuple, list, set, frozenset, dict, str)):
            if isinstance(value.c, str):
                return None  # substring checks do not restrict the value
            members = list(value.c)
            return (
                members
                if all(isinstance(m, (str, int, float, bool, bytes)) for m in members)
                else None
            )
        if value.shape in ("list", "tuple", "set") and value.rest is None:
            members = [e.c for e in value.elts]
            if all(m is not NC for m in members):
                return members
        if value.shape == "dict":
            return list(value.elts) if value.elts else None
        return None

    def _url_parse_subject(self, node: ast.expr, env: Env) -> ast.expr | None:
        """The URL argument when `node` is `urlparse(url)` / `urlsplit(url)`.

        A variable the parse was saved in (`parsed = urlparse(url)`) stands for it.
        """
        if isinstance(node, ast.Name):
            saved = self.saved_tests.get(node.id)
            if saved is not None:
                node = saved
        if not isinstance(node, ast.Call) or not node.args:
            return None
        called = self.expr(node.func, env)
        if called.qn in ("urllib.parse.urlparse", "urllib.parse.urlsplit"):
            return node.args[0]
        return None

    def _call_refinements(
        self, test: ast.Call, env: Env, branch: bool
    ) -> list[tuple[str, Callable[[V], V]]]:
        func = test.func
        if branch and len(test.args) == 1 and isinstance(test.args[0], ast.GeneratorExp):
            matched = self._any_host_refinements(test, test.args[0], env)
            if matched:
                return matched
        if not branch and len(test.args) == 1 and self._absolute_check(test, env):
            # `if name.startswith("/"): abort(400)`: the name is relative on the other branch
            subject = (
                func.value
                if isinstance(func, ast.Attribute) and func.attr == "startswith"
                else test.args[0]
            )
            key = self._path_key(subject)
            return [(key, _path_part(_PATH_RELATIVE))] if key is not None else []
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "startswith"
            and not branch
            and len(test.args) == 1
            and self.models.leading_characters
        ):
            # `if not s.startswith(("=", "+", "-", "@")):`: not a formula on this branch
            kinds = self._leading_checked(self.expr(test.args[0], env), prefix=True)
            key = self._path_key(func.value)
            if kinds and key is not None:
                return [(key, _Cleaning(kinds))] + self._guard_refinements(test, env, branch)
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "startswith"
            and branch
            and len(test.args) == 1
        ):
            prefix = self.expr(test.args[0], env).c
            key = self._path_key(func.value)
            if isinstance(prefix, str) and prefix and key is not None:
                # the value is known to begin with this constant (a fixed host or folder);
                # a URL that does stays on this site or that host
                placed = self._placed_kinds(prefix)
                refined = [(key, _with_prefix(prefix))]
                if placed:
                    refined.append((key, _Cleaning(placed)))
                return refined + self._guard_refinements(test, env, branch)
        return self._guard_refinements(test, env, branch)

    def _any_host_refinements(
        self, test: ast.Call, generator: ast.GeneratorExp, env: Env
    ) -> list[tuple[str, Callable[[V], V]]]:
        """`any(fnmatch(urlparse(url).netloc, p) for p in HOSTS)`: the host is an allowed one.

        The patterns (or hosts, with `==`) come from a collection without input in it (a
        setting, a constant list); the URL is then clean for redirects and requests, as
        with `urlparse(url).netloc in HOSTS`.
        """
        if self.expr(test.func, env).qn != "builtins.any" or len(generator.generators) != 1:
            return []
        loop = generator.generators[0]
        element = generator.elt
        if loop.ifs or loop.is_async or not isinstance(loop.target, ast.Name):
            return []
        pattern = loop.target.id
        subject: ast.expr | None = None
        if (
            isinstance(element, ast.Call)
            and len(element.args) == 2
            and not element.keywords
            and isinstance(element.args[1], ast.Name)
            and element.args[1].id == pattern
            and self.expr(element.func, env).qn in ("fnmatch.fnmatch", "fnmatch.fnmatchcase")
        ):
            subject = element.args[0]
        elif (
            isinstance(element, ast.Compare)
            and len(element.ops) == 1
            and isinstance(element.ops[0], ast.Eq)
            and isinstance(element.comparators[0], ast.Name)
            and element.comparators[0].id == pattern
        ):
            subject = element.left
        if not (isinstance(subject, ast.Attribute) and subject.attr in ("netloc", "hostname")):
            return []
        parsed = self._url_parse_subject(subject.value, env)
        if parsed is None:
            return []
        hosts = self.expr(loop.iter, env)
        kinds = _HOST_CHECKED
        for origin, info in (hosts.t or {}).items():
            if origin[0] in _INPUT_ORIGINS:
                # input among the hosts allows only what it is itself safe for (the
                # request's own host, `request.host_url`, for redirects)
                kinds = kinds & info[1]
        if not kinds:
            return []
        return [(key, _Cleaning(kinds)) for key in self._guard_keys(parsed)]

    def _leading_checked(self, checked: V, prefix: bool = False) -> frozenset[str]:
        """The kinds whose leading characters a constant lists every one of.

        The constant is a tuple, list or set of one-character strings (longer ones
        list nothing), or a string: of characters (`s[0] in "=+-@"`), or with `prefix`
        the one prefix `startswith` looks for.
        """
        if isinstance(checked.c, str):
            characters = {checked.c} if prefix else set(checked.c)
        else:
            members = self._constant_members(checked)
            if members is None:
                return frozenset()
            characters = {m for m in members if isinstance(m, str) and len(m) == 1}
        return frozenset(
            kind for kind, needed in self.models.leading_characters.items() if needed <= characters
        )

    def _absolute_check(self, test: ast.Call, env: Env) -> bool:
        """`name.startswith("/")` (or a tuple with "/") or `os.path.isabs(name)`."""
        func = test.func
        if isinstance(func, ast.Attribute) and func.attr == "startswith":
            prefix = self.expr(test.args[0], env).c
            prefixes = prefix if isinstance(prefix, tuple) else (prefix,)
            return "/" in prefixes
        return self.expr(func, env).qn in ("os.path.isabs", "posixpath.isabs")

    def _guard_refinements(
        self, test: ast.Call, env: Env, branch: bool
    ) -> list[tuple[str, Callable[[V], V]]]:
        func = test.func
        names: list[str] = []
        receiver_node: ast.expr | None = None
        receiver: V | None = None
        if isinstance(func, ast.Attribute):
            receiver_node = func.value
            receiver = self.expr(receiver_node, env)
            names = self._member_names(receiver, func.attr)
            if f"*.{func.attr}" not in names:
                names.append(f"*.{func.attr}")  # guards by method name apply to typed values too
        else:
            value = self.expr(func, env)
            if value.qn:
                names = [value.qn]
        result: list[tuple[str, Callable[[V], V]]] = []
        if names == ["builtins.isinstance"] and len(test.args) == 2 and branch:
            kinds = self.expr(test.args[1], env)
            numeric = {"builtins.int", "builtins.float", "builtins.bool", "builtins.complex"}
            wanted = (
                {kinds.qn}
                if kinds.qn
                else {e.qn for e in (kinds.elts or ())}
                if kinds.shape == "tuple"
                else set()
            )
            key = self._path_key(test.args[0])
            if key and wanted and wanted <= numeric:
                result.append((key, _Cleaning(None)))
            return result
        if names == ["builtins.isinstance"] and len(test.args) == 2 and not branch:
            # not a string: written as the text of a number, a list, … (`[`, a digit)
            kinds = self.expr(test.args[1], env)
            wanted = {kinds.qn} if kinds.qn else {e.qn for e in (kinds.elts or ())}
            key = self._path_key(test.args[0])
            leading = frozenset(self.models.leading_characters)
            if key and leading and "builtins.str" in wanted:
                result.append((key, _Cleaning(leading)))
            return result
        for name in names:
            for guard in self.models.guards.get(name, ()):
                if guard.when != branch:
                    continue
                if guard.requires_type and (
                    receiver is None or receiver.ty not in guard.requires_type
                ):
                    continue
                if guard.regex_arg is not None:
                    if guard.regex_arg < 0:
                        pattern = receiver.aux if receiver is not None else None
                    else:
                        pattern_value = (
                            self.expr(test.args[guard.regex_arg], env)
                            if len(test.args) > guard.regex_arg
                            else None
                        )
                        pattern = pattern_value.c if pattern_value is not None else None
                    admitted = (
                        _regex_admits(pattern, guard.anchored) if isinstance(pattern, str) else None
                    )
                    if admitted is None:
                        continue
                else:
                    admitted = EMPTY
                cleaned = frozenset(guard.kinds)
                if admitted:  # harmless for the sinks none of whose characters it lets by
                    table = self.models.dangerous_characters
                    cleaned = frozenset(
                        kind for kind, characters in table.items() if not admitted & characters
                    ) & (cleaned if ALL_KINDS not in cleaned else frozenset(table))
                    if not cleaned:
                        continue
                if guard.subject < 0:
                    subject_nodes = [receiver_node] if receiver_node is not None else []
                elif guard.subject < len(test.args):
                    subject_nodes = [test.args[guard.subject]]
                else:
                    subject_nodes = [
                        k.value for k in test.keywords if guard.keyword and k.arg == guard.keyword
                    ]
                for subject_node in subject_nodes:
                    for key in self._guard_keys(subject_node):
                        if ALL_KINDS in cleaned:
                            result.append((key, _Cleaning(None)))
                        else:
                            result.append((key, _Cleaning(cleaned)))
        if branch and not result:
            result = self._project_validator_refinements(test)
        return result

    def _project_validator_refinements(self, test: ast.Call) -> list[tuple[str, Callable[[V], V]]]:
        """`if is_safe_redirect(url):` with a function of the project: clean what it validates.

        The callee's summary is known only at link time (it may live in another module),
        so each argument that is a variable is marked clean for a placeholder kind naming
        this call and the argument's place; the link step replaces it with the kinds the
        callee's parameter is validated for (`FunctionSummary.validates`), or with
        nothing.
        """
        index = self.m._call_index.get(id(test))
        if index is None or any(isinstance(a, ast.Starred) for a in test.args):
            return []
        result: list[tuple[str, Callable[[V], V]]] = []
        for position, argument in enumerate(test.args):
            key = self._path_key(argument)
            if key is not None:
                marker = f"{VALIDATED_PREFIX}{index}:{position}"
                result.append((key, _Cleaning(frozenset({marker}))))
        for keyword in test.keywords:
            key = self._path_key(keyword.value) if keyword.arg is not None else None
            if key is not None:
                marker = f"{VALIDATED_PREFIX}{index}:={keyword.arg}"
                result.append((key, _Cleaning(frozenset({marker}))))
        return result

    def _guard_keys(self, node: ast.expr | None) -> list[str]:
        """The variables a check on `node` constrains (unwrapping normalisers)."""
        keys: list[str] = []
        current = node
        depth = 0
        while current is not None and depth < 4:
            depth += 1
            key = self._path_key(current)
            if key is not None:
                keys.append(key)
                break
            if isinstance(current, ast.Call) and current.args:
                current = (
                    current.args[0]
                    if not isinstance(current.func, ast.Attribute)
                    or self._path_key(current.func.value) is None
                    else current.func.value
                )
                continue
            if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
                current = current.func.value
                continue
            break
        return keys

    # -- expressions --------------------------------------------------------------------

    def expr(self, node: ast.expr | None, env: Env) -> V:
        """The abstract value of an expression."""
        # names and constants are most of all expressions: answered here, without a
        # handler call (a bound variable is one dict lookup)
        kind = type(node)  # (compared by identity: one `type` call instead of isinstance calls)
        if kind is ast.Name:
            value = env.get(node.id)  # type: ignore[union-attr]
            if value is not None:
                return value
            return self._read_name(node.id, env, node)  # type: ignore[union-attr,arg-type]
        if kind is ast.Constant:
            return const(node.value)  # type: ignore[union-attr]
        handler = _EXPRESSIONS.get(kind)
        if handler is None:
            return const(None) if node is None else UNKNOWN
        return handler(self, node, env)

    def _read_name(self, name: str, env: Env, node: ast.Name) -> V:
        value = env.get(name)
        if value is not None:
            return value
        if self.is_module:
            qualified = self._qualified_name(node)
            if qualified:
                return self._qualified_value(qualified, node)
            return self._star_imported(name)
        binding = self.scope.bindings.get(name)
        if (
            binding is not None
            and binding.kind not in ("import", "def", "alias", "constant")
            and name not in self.globals_declared
        ):
            return BOTTOM  # a local not bound on this path (yet)
        shared = self._name_values.get(name)
        if shared is not None:
            return shared
        qualified = self._qualified_name(node)
        if qualified is not None:
            value = self._qualified_value(qualified, node)
            if value is self.m.qualified_values.get(qualified):
                self._name_values[name] = value  # no source: the same value on every read
            return value
        if binding is not None and binding.kind == "constant":
            known, folded = self.m.resolver.constant_value(node, self.scope)
            if known:
                return const(folded)
        # a module-level variable read from a function
        outer = self.m.module_value(name)
        if outer is not None:
            if outer.t:
                return outer.replace(
                    t={
                        o: (
                            self.m.step(
                                i[0],
                                getattr(node, "lineno", 0),
                                getattr(node, "col_offset", 0),
                                STEP_GLOBAL_READ,
                                name,
                            ),
                            i[1],
                            i[2],
                        )
                        for o, i in outer.t.items()
                    }
                )
            return outer
        known, folded = self.m.resolver.constant_value(node, self.scope)
        if known:
            return const(folded)
        return self._star_imported(name)

    def _qualified_name(self, node: ast.Name) -> str | None:
        """What `node` names in this scope (a name resolves the same wherever it is read)."""
        name = node.id
        qualified = self._qualified_names.get(name, _UNRESOLVED)
        if qualified is _UNRESOLVED:
            qualified = self.m.resolver.qualified_name(node, self.scope)
            self._qualified_names[name] = qualified
        return qualified

    def _star_imported(self, name: str) -> V:
        """A name no import binds, in a module with `from x import *`: resolved at link time."""
        if self.m.star_imports and name not in _BUILTIN_NAMES:
            return V(t=UNKNOWN.t, qn=f"{STAR_PREFIX}{self.m.module}:{name}")
        return UNKNOWN

    def _qualified_value(self, qualified: str, node: ast.AST) -> V:
        """The value of a name that resolves to a module, function, class or attribute."""
        shared = self.m.qualified_values.get(qualified)
        if shared is not None:
            return shared
        sources = self.models.sources.get(qualified)
        ty = self._type_of(qualified) or self._type_of("*." + qualified.rpartition(".")[2])
        if sources:
            for source in sources:
                if source.access == "read":
                    return self._source_value(
                        source.kind,
                        source.label or qualified,
                        node,
                        ty=source.type or ty,
                        clean=source.clean_for,
                    )
        if qualified in self.models.constants:
            value = const(self.models.constants[qualified])
        else:
            # what a module attribute holds is unknown: never provably harmless
            value = V(t=UNKNOWN.t, qn=qualified, ty=ty)
        # no source: the value depends on the name alone, and values are immutable
        self.m.qualified_values[qualified] = value
        return value

    def _typed_member(self, ty: str, attr: str) -> tuple[str, Any, str | None]:
        """Attribute `attr` of a `ty` value: its name, the read source it is, its type.

        Looked up once per module: the answer depends on the models alone.
        """
        key = (ty, attr)
        known = self.m.typed_members.get(key)
        if known is None:
            member = f"{ty}.{attr}"
            source = next(
                (s for s in self.models.sources.get(member, ()) if s.access == "read"), None
            )
            member_type = self._type_of(member) or self._type_of(f"{ty}.*")
            known = self.m.typed_members[key] = (member, source, member_type)
        return known

    def _type_of(self, name: str) -> str | None:
        rules = self.models.types.get(name)
        if rules:
            for rule in rules:
                if rule.when_keyword is None:
                    return rule.type
        return None

    def _source_value(
        self,
        kind: str,
        label: str,
        node: ast.AST,
        ty: str | None = None,
        clean: tuple[str, ...] = (),
    ) -> V:
        index = self.m.source_site(kind, label, node)
        step = self.m.step(
            -1,
            getattr(node, "lineno", 0),
            getattr(node, "col_offset", 0),
            STEP_SOURCE,
            f"{label}\x1f{kind}",
        )
        return V(t={("S", index): (step, frozenset(clean) if clean else EMPTY, 0)}, ty=ty)

    def e_attribute(self, node: ast.Attribute, env: Env) -> V:
        key = self._path_key(node)
        if key is not None:
            known = env.get(key)
            if known is not None:
                return known
        holder = node.value
        base = (
            env.get(holder.id) or self._read_name(holder.id, env, holder)
            if isinstance(holder, ast.Name)
            else self.expr(holder, env)
        )
        return self._attribute(base, node.attr, node, key)

    def _field_read(self, origin: tuple[Any, ...], node: ast.AST, text: str) -> V:
        """What a field, a shared namespace's attribute or an attribute of a call's result
        holds: whatever the link step finds written to `origin`, read here."""
        step = self.m.step(
            -1, getattr(node, "lineno", 0), getattr(node, "col_offset", 0), STEP_FIELD_READ, text
        )
        return V(t={origin: (step, EMPTY, 0)})

    def _attribute(self, base: V, attr: str, node: ast.AST, key: str | None = None) -> V:
        if base.ty is not None and attr in self.m.validated_models.get(base.ty, ()):
            return BOTTOM  # `item.quantity: int` of a pydantic model: only a number gets in
        if base.ty == "argparse.Namespace" and attr in self.m.checked_arguments():
            return BOTTOM  # add_argument("--count", type=int): argparse let a number through
        if base.qn is not None:
            if base.qn in self.models.shared_namespaces:
                return self._field_read(("F", base.qn, attr), node, key or attr)
            qualified = f"{base.qn}.{attr}"
            value = self._qualified_value(qualified, node)
            if base.ty is None or value.ty is not None or value.qn is None:
                return value
            # a typed object with a name (`flask.request`): look the member up by type
        if base.ty is not None:
            member, source, member_type = self._typed_member(base.ty, attr)
            if member in self.models.clean_attributes:
                return BOTTOM  # `response.status_code`: a number, whatever the response
            cleaned_for = self.models.attribute_cleaning.get(member)
            if cleaned_for is not None:  # `response.headers`: parsed, no line breaks
                return V(t=t_clean(base.t, cleaned_for), ty=member_type) if base.t else BOTTOM
            if source is not None:
                return self._source_value(
                    source.kind,
                    source.label or member,
                    node,
                    ty=source.type or self._type_of(member),
                    clean=source.clean_for,
                )
            if member_type is not None:
                return V(t=base.t, ty=member_type)
        wildcard_type = self.m.wildcard_types.get(attr, _UNRESOLVED)
        if wildcard_type is _UNRESOLVED:
            wildcard_type = self.m.wildcard_types[attr] = self._type_of(f"*.{attr}")
        if wildcard_type is not None and base.obj is None:
            return V(t=base.t, ty=wildcard_type)
        if base.obj is not None:
            kind = base.obj[0]
            if kind == "self":
                source_kind = self.handler_sources.get(attr)
                if source_kind is not None:
                    return self._source_value(source_kind, f"self.{attr}", node)
                member_type = self.handler_types.get(attr)
                if member_type is None:
                    member_type = self.m.named_type(attr)
                if member_type is not None:
                    return V(ty=member_type)
                return self._field_read(("F", base.obj[1], attr), node, key or f"self.{attr}")
            if kind == "call":
                return self._field_read(("A", base.obj[1], attr), node, key or attr)
        if base.shape is not None:
            return V(t=base.t) if base.t else BOTTOM
        if base.t:
            return V(t=base.t)
        if base.c is not NC:
            return BOTTOM
        return UNKNOWN if base is UNKNOWN or base.qn is not None else BOTTOM

    def e_subscript(self, node: ast.Subscript, env: Env) -> V:
        holder = self.expr(node.value, env)
        index = self.expr(node.slice, env)
        return self._subscript_value(holder, index, node)

    def _store_section(self, store: V, section: V) -> V:
        """`parser[section]` of a store whose entries `set(section, option, value)` keyed
        by (section, option): the options of that section, as a dict."""
        if section.c is NC:
            return container("dict", {}, collapsed(store))
        options = {
            key[1]: value
            for key, value in store.elts.items()
            if isinstance(key, tuple) and len(key) == 2 and key[0] == section.c
        }
        return container("dict", options, store.rest)

    def _subscript_value(self, holder: V, index: V, node: ast.AST | None = None) -> V:
        if holder.c is not NC and index.c is not NC:
            try:
                folded = holder.c[index.c]
                if isinstance(folded, (str, bytes)) and len(folded) > _MAX_STR:
                    raise ValueError
                return const(folded)
            except Exception:  # noqa: BLE001 - folding failed: fall through
                pass
        if holder.shape == "dict":
            if index.c is not NC and _hashable(index.c) and index.c in holder.elts:
                return holder.elts[index.c]
            if holder.ty is not None and holder.ty in self.models.keyed_stores:
                # config["section"] of a store keyed by (section, option): that section
                return self._store_section(holder, index)
            if index.c is not NC and holder.rest is None:
                return BOTTOM  # a KeyError at run time
            return (
                _imprecise(collapsed(holder))
                if index.c is NC
                else _imprecise(holder.rest or BOTTOM)
            )
        if holder.shape in ("list", "tuple"):
            if isinstance(index.c, int) and not isinstance(index.c, bool):
                position = index.c
                size = len(holder.elts)
                if 0 <= position < size:
                    return holder.elts[position]
                if position < 0 and holder.rest is None and -size <= position:
                    return holder.elts[position]
                return _imprecise(collapsed(holder))
            if isinstance(index.c, slice) and holder.rest is None:
                try:
                    return container(holder.shape, holder.elts[index.c])
                except (TypeError, ValueError):
                    pass
            if index.shape == "slice":
                return (
                    container("list", (), rest=collapsed(holder))
                    if holder.t
                    else container("list", (), rest=None)
                )
            return _imprecise(collapsed(holder))
        if holder.ty is not None:
            member_type = self._type_of(f"{holder.ty}.*")
            if member_type is not None:
                return V(t=holder.t, ty=member_type)
            for source in self.models.sources.get(f"{holder.ty}.__getitem__", ()):
                return self._source_value(source.kind, source.label, node or ast.Pass())
        if holder.t:
            step_text = ""
            del step_text
            return V(t=holder.t)
        if holder.c is not NC:
            return BOTTOM
        return UNKNOWN if holder is UNKNOWN or holder.qn else BOTTOM

    def e_slice(self, node: ast.Slice, env: Env) -> V:
        lower = self.expr(node.lower, env) if node.lower is not None else const(None)
        upper = self.expr(node.upper, env) if node.upper is not None else const(None)
        step = self.expr(node.step, env) if node.step is not None else const(None)
        if lower.c is not NC and upper.c is not NC and step.c is not NC:
            try:
                return V(c=slice(lower.c, upper.c, step.c))
            except TypeError:
                pass
        return V(shape="slice", elts=())

    def e_joinedstr(self, node: ast.JoinedStr, env: Env) -> V:
        taints: list[Taint | None] = []
        pieces: list[str] | None = []
        prefix: list[str] = []
        prefix_open = True
        after_text = False
        seen: list[str] = []  # the constant text so far
        since: str | None = None  # the constant text since the last value (None: none yet)
        for part in node.values:
            if isinstance(part, ast.Constant):
                text = str(part.value)
                after_text = after_text or bool(text)
                if pieces is not None:
                    pieces.append(text)
                if prefix_open:
                    prefix.append(text)
                seen.append(text)
                if since is not None:
                    since += text
                continue
            value = self.expr(part, env)
            if value.t:
                # after constant text even "/etc/passwd" stays below it
                placed = self._placed(
                    _relative_path(value.t) if after_text else value.t,
                    "".join(prefix),
                    "".join(seen),
                )
                if since is not None and _path_separator(since):
                    placed = t_clean(placed, _AFTER_BASE)  # f"{base_url}/{item}"
                taints.append(placed)
            since = ""
            if prefix_open and not prefix and value.ty == LOCAL_URL and not value.t:
                # f"{url_for('login')}?next={...}": a path of this site (see `_binop`)
                pieces = None
                prefix.append("/")
                continue
            if (
                prefix_open
                and value.c is NC
                and not t_without_unknown(value.t)
                and value.shape is None
                and prefix
                and prefix[-1].endswith("://")
            ):
                # f"https://{settings.API_HOST}/…": a host the program chose, no input in it
                pieces = None
                prefix.append(_CHOSEN_HOST)
                continue
            if (
                value.c is not NC
                and pieces is not None
                and isinstance(part, ast.FormattedValue)
                and part.format_spec is None
                and part.conversion in (-1, ord("s"))
            ):
                text = str(value.c)
                pieces.append(text)
                seen.append(text)
                if prefix_open:
                    prefix.append(text)
            else:
                pieces = None
                if prefix_open and isinstance(value.aux, str) and value.c is NC:
                    prefix.append(value.aux)
                prefix_open = False
        if pieces is not None:
            text = "".join(pieces)
            if len(text) <= _MAX_STR:
                if any(not isinstance(p, ast.Constant) for p in node.values):
                    self._note_builder(node, const(text))
                return const(text)
        taint = t_union_many(taints)
        result = V(t=taint, aux="".join(prefix) or None)
        self._note_builder(node, result)
        return result

    def _note_builder(self, node: ast.AST, value: V) -> None:
        """Record whether a string built from non-constant parts can carry input, per kind.

        Only places a flow-insensitive reader (a pattern rule) cannot fold are recorded:
        a constant the resolver sees is a pattern rule's own business.
        """
        if self._folds(node):
            return
        if not value.t:
            self.m.mark(node, ALL_KINDS, True)
            return
        self.m.mark(node, ALL_KINDS, False)
        kinds: set[str] | None = None
        for info in value.t.values():
            kinds = set(info[1]) if kinds is None else kinds & info[1]
            if not kinds:
                return
        for kind in kinds or ():
            self.m.mark(node, kind, True)

    def _folds(self, node: ast.AST) -> bool:
        """Whether the name resolver alone (no flow) folds `node` to a constant."""
        try:
            return self.m.resolver.constant_value(node, self.scope)[0]
        except RecursionError:
            return False

    def e_formatted(self, node: ast.FormattedValue, env: Env) -> V:
        value = self.expr(node.value, env)
        if node.format_spec is not None:
            spec = self.expr(node.format_spec, env)
            if value.t and isinstance(spec.c, str) and spec.c[-1:] in _NUMERIC_FORMATS:
                return BOTTOM  # `{n:d}`, `{x:.2f}`: only digits get through (or a ValueError)
        if node.conversion == ord("r") and value.t:
            return value.replace(t=t_clean(value.t, frozenset({"log", "header"})), c=NC, shape=None)
        if value.shape is not None:
            return V(t=value.t)
        return value

    def e_binop(self, node: ast.BinOp, env: Env) -> V:
        # left-nested chains (a + b + c + …) iteratively: deep chains must not recurse
        chain: list[ast.BinOp] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and len(chain) < 10_000:
            chain.append(current)
            current = current.left
        value = self.expr(current, env)
        for link in reversed(chain):
            right = self.expr(link.right, env)
            if (
                isinstance(link.op, ast.Add)
                and value.shape in ("list", "tuple")
                and right.shape in ("list", "tuple")
            ):
                value = self._concat(value, right)
            else:
                value = self._binop(link.op, value, right, link)
        if (
            isinstance(node.op, (ast.Add, ast.Mod))
            and value.shape is None
            and (value.c is NC or isinstance(value.c, str))
        ):
            self._note_builder(node, value)
        return value

    def _concat(self, left: V, right: V) -> V:
        if left.rest is None:
            return container(left.shape or "list", tuple(left.elts) + tuple(right.elts), right.rest)
        rest = join(left.rest, collapsed(right))
        return container(left.shape or "list", left.elts, rest)

    def _binop(self, op: ast.operator, left: V, right: V, node: ast.AST) -> V:
        if left.c is not NC and right.c is not NC:
            folded = _fold_binop(op, left.c, right.c)
            if folded is not NC:
                return const(folded)
        if isinstance(op, ast.Add) and right.t and isinstance(node, ast.BinOp):
            if _past_query_delimiter(node.left):
                # `login_url + "?next=" + path`: in the query string or the fragment, the
                # input chooses neither the scheme, nor the host, nor the path
                right = right.replace(t=t_clean(right.t, _IN_QUERY))
            elif _after_base(node.left):
                # `base_url + "/" + item`: the input is in the path below that base
                right = right.replace(t=t_clean(right.t, _AFTER_BASE))
        taint = t_union(left.t, right.t)
        ty = None
        if isinstance(op, ast.Div) and left.ty and left.ty.startswith("pathlib.Path"):
            ty = "pathlib.Path"
        aux = None
        if isinstance(op, ast.Add):
            prefix = left.c if isinstance(left.c, str) else left.aux
            if right.t and prefix and isinstance(prefix, str):
                # after a constant prefix even "/etc/passwd" stays below it
                taint = t_union(left.t, self._placed(_relative_path(right.t), prefix, prefix))
            if left.ty == LOCAL_URL and not left.t and isinstance(right.c, str):
                # a path of this site, followed by constant text: were the path just "/",
                # the text decides whether the URL stays here ("/?next=" does, "//" not)
                aux = "/" + right.c
            elif left.c is not NC and isinstance(left.c, str):
                aux = left.c + (
                    right.aux
                    if isinstance(right.aux, str) and right.c is NC
                    else (right.c if isinstance(right.c, str) else "")
                )
            elif isinstance(left.aux, str):
                aux = left.aux
        elif isinstance(op, ast.Mod) and isinstance(left.c, str):
            aux = left.c.split("%", 1)[0]
            if not aux and left.c.startswith("%s"):
                # "%s?page=%s" % (reverse("list"), n): a path of this site, as in f-strings
                first = right.elts[0] if right.shape == "tuple" and right.elts else right
                if first.ty == LOCAL_URL and not first.t:
                    aux = "/" + left.c[2:].split("%", 1)[0]
        if isinstance(op, ast.Sub) and left.shape == "set":
            # a set difference holds members of the left set only: what the right one
            # carries (the names a form posted) decides only which of them are left out
            return container("set", (), rest=collapsed(left))
        if isinstance(op, ast.Mult) and (left.shape or right.shape):
            base = left if left.shape else right
            return container(base.shape or "list", (), rest=collapsed(base))
        if isinstance(op, ast.Mod) and right.shape is not None:
            taint = t_union(left.t, right.t)
        if isinstance(op, ast.Mod) and isinstance(left.c, str) and right.t:
            taint = t_union(left.t, _printf_taint(left.c, right))
            if taint and aux:
                taint = self._placed(taint, aux, aux)
        return V(t=taint, ty=ty, aux=aux or None)

    def _joined(self, separator: str, parts: V) -> V:
        """`separator.join([...])` of a literal list: each part placed after the text before it."""
        taints: list[Taint | None] = []
        leading: list[str] = []
        before: list[str] = []
        leading_open = True
        for index, part in enumerate(parts.elts):
            if index:
                before.append(separator)
                if leading_open:
                    leading.append(separator)
            if isinstance(part.c, str):
                before.append(part.c)
                if leading_open:
                    leading.append(part.c)
                continue
            leading_open = False
            if part.t:
                taints.append(self._placed(part.t, "".join(leading), "".join(before)))
        if parts.rest is not None and parts.rest.t:
            taints.append(self._placed(parts.rest.t, "".join(leading), "".join(before)))
        joined = t_union_many(taints)
        if joined and parts.t:
            # the trace goes on from the list (`parts = [...]` is a step of it)
            known = parts.t
            joined = {o: (known[o][0], i[1], i[2]) if o in known else i for o, i in joined.items()}
        return V(t=joined, aux="".join(leading) or None)

    def _placed(self, taint: Taint | None, leading: str, before: str) -> Taint | None:
        """The taint of input put in a string that begins with the constant text `leading`
        and has the constant text `before` ahead of the input.

        A string that starts with a character no spreadsheet reads as a formula is clean
        for kinds with leading characters (`"'" + s`); input after text that opens an
        element is inside an XML document (marked for XML injection, clean for XXE).
        """
        if not taint:
            return taint
        kinds: set[str] = set()
        if leading:
            first = leading[0]
            if not first.isspace():
                for kind, characters in self.models.leading_characters.items():
                    if first not in characters:
                        kinds.add(kind)
        if "<" in before and _START_TAG.search(before):
            kinds |= _IN_ELEMENT
        placed = self._placed_kinds(leading)
        kinds |= _IN_URL_PATH if placed is _FIXED_HOST else placed
        if "?" in before or "#" in before:
            kinds |= _IN_QUERY  # in the query string or the fragment of a URL
        return t_clean(taint, frozenset(kinds)) if kinds else taint

    @staticmethod
    def _placed_kinds(leading: str) -> frozenset[str]:
        """What a URL beginning with this constant text is clean for, whatever follows."""
        if _URL_HOST.match(leading):
            return _FIXED_HOST  # "https://api.example.com/" + s: the host is chosen
        if _LOCAL_PATH.match(leading):
            return _LOCAL_ONLY  # "/logs/" + s stays on this site, wherever it goes
        return EMPTY

    def e_unaryop(self, node: ast.UnaryOp, env: Env) -> V:
        operand = self.expr(node.operand, env)
        if isinstance(node.op, ast.Not):
            truth = truthiness(operand)
            return const(not truth) if truth is not None else BOTTOM
        if operand.c is not NC:
            try:
                if isinstance(node.op, ast.USub):
                    return const(-operand.c)
                if isinstance(node.op, ast.UAdd):
                    return const(+operand.c)
                if isinstance(node.op, ast.Invert):
                    return const(~operand.c)
            except Exception:  # noqa: BLE001
                pass
        return V(t=operand.t) if operand.t else BOTTOM

    def e_boolop(self, node: ast.BoolOp, env: Env) -> V:
        is_and = isinstance(node.op, ast.And)
        result: V | None = None
        scratch = env
        last_index = len(node.values) - 1
        for index, operand in enumerate(node.values):
            value = self.expr(operand, scratch)
            if index == last_index:
                return value if result is None else join(result, value)
            truth = truthiness(value)
            if truth is not None and truth != is_and:
                # short-circuits here: `x or …` with x true, `x and …` with x false
                return value if result is None else join(result, value)
            if truth is None:
                result = value if result is None else join(result, value)
            if scratch is env:
                scratch = dict(env)
            self._refine(operand, scratch, is_and)
        return result if result is not None else BOTTOM

    def e_compare(self, node: ast.Compare, env: Env) -> V:
        left = self.expr(node.left, env)
        values = [left]
        for comparator in node.comparators:
            values.append(self.expr(comparator, env))
        if all(v.c is not NC for v in values):
            result = True
            for op, a, b in zip(node.ops, values, values[1:], strict=False):
                folded = _fold_compare(op, a.c, b.c)
                if folded is NC:
                    return BOTTOM
                if not folded:
                    result = False
                    break
            return const(result)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            container_value = values[1]
            if (
                container_value.shape in ("list", "tuple", "set", "dict")
                and container_value.rest is None
                and not container_value.elts
            ):
                return const(isinstance(node.ops[0], ast.NotIn))
        return BOTTOM

    def e_ifexp(self, node: ast.IfExp, env: Env) -> V:
        test = self.expr(node.test, env)
        truth = truthiness(test)
        if truth is True:
            return self.expr(node.body, env)
        if truth is False:
            return self.expr(node.orelse, env)
        env_true = dict(env)
        self._refine(node.test, env_true, True)
        env_false = dict(env)
        self._refine(node.test, env_false, False)
        return join(self.expr(node.body, env_true), self.expr(node.orelse, env_false))

    def _sequence(self, elts: list[ast.expr], env: Env) -> tuple[tuple[V, ...], V | None]:
        items: list[V] = []
        rest: V | None = None
        for element in elts:
            if isinstance(element, ast.Starred):
                inner = self.expr(element.value, env)
                if inner.shape in ("list", "tuple") and rest is None:
                    items.extend(inner.elts)
                    rest = inner.rest
                else:
                    part = (
                        collapsed(inner) if inner.shape else (V(t=inner.t) if inner.t else BOTTOM)
                    )
                    rest = part if rest is None else join(rest, part)
                continue
            value = self.expr(element, env)
            if rest is None:
                items.append(value)
            else:
                rest = join(rest, value)
        return tuple(items), rest

    def e_list(self, node: ast.List, env: Env) -> V:
        items, rest = self._sequence(node.elts, env)
        return container("list", items, rest)

    def e_tuple(self, node: ast.Tuple, env: Env) -> V:
        items, rest = self._sequence(node.elts, env)
        return container("tuple", items, rest)

    def e_set(self, node: ast.Set, env: Env) -> V:
        items, rest = self._sequence(node.elts, env)
        value = container("set", items, rest)
        if rest is None and all(v.c is not NC for v in items):
            try:
                value.c = frozenset(v.c for v in items)
            except TypeError:
                pass
        return value

    def e_dict(self, node: ast.Dict, env: Env) -> V:
        elts: dict[Any, V] = {}
        rest: V | None = None
        for key_node, value_node in zip(node.keys, node.values, strict=False):
            value = self.expr(value_node, env)
            if key_node is None:
                if value.shape == "dict" and rest is None:
                    elts.update(value.elts)
                    rest = value.rest
                else:
                    part = (
                        collapsed(value) if value.shape else (V(t=value.t) if value.t else BOTTOM)
                    )
                    rest = part if rest is None else join(rest, part)
                continue
            key = self.expr(key_node, env)
            if key.c is not NC and _hashable(key.c):
                elts[key.c] = value
            else:
                part = join(value, V(t=key.t)) if key.t else value
                rest = part if rest is None else join(rest, part)
        result = container("dict", elts, rest)
        if rest is None and all(v.c is not NC for v in elts.values()) and len(elts) <= 64:
            result.c = {k: v.c for k, v in elts.items()}
        return result

    def _element(self, iterable: V) -> V:
        if iterable.shape == "dict":
            return keys_value(iterable)
        if iterable.shape is not None:
            return collapsed(iterable)
        if iterable.c is not NC:
            if isinstance(iterable.c, (tuple, list, frozenset, set)) and iterable.c:
                values = [const(v) for v in iterable.c][:32]
                result = values[0]
                for value in values[1:]:
                    result = join(result, value)
                return result
            if isinstance(iterable.c, dict) and iterable.c:
                keys = [const(k) for k in iterable.c][:32]
                result = keys[0]
                for key in keys[1:]:
                    result = join(result, key)
                return result
            return BOTTOM
        if iterable.ty is not None:
            element_type = self._type_of(f"{iterable.ty}[]")
            return V(t=iterable.t, ty=element_type)
        if iterable.t:
            return V(t=iterable.t)
        return UNKNOWN if iterable is UNKNOWN else BOTTOM

    def e_comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp, env: Env) -> V:
        inner = self._comprehension_env(node.generators, env)
        element = self.expr(node.elt, inner)
        shape = "set" if isinstance(node, ast.SetComp) else "list"
        return container(shape, (), rest=element)

    def e_dictcomp(self, node: ast.DictComp, env: Env) -> V:
        inner = self._comprehension_env(node.generators, env)
        key = self.expr(node.key, inner)
        value = self.expr(node.value, inner)
        rest = join(value, V(t=key.t)) if key.t else value
        return container("dict", {}, rest=rest)

    def _comprehension_env(self, generators: list[ast.comprehension], env: Env) -> Env:
        inner = dict(env)
        for generator in generators:
            iterable = self.expr(generator.iter, inner)
            element = self._element(iterable)
            self.store(generator.target, element, inner, generator, note=False)
            for condition in generator.ifs:
                self.expr(condition, inner)
                self._refine(condition, inner, True)
        return inner

    def e_lambda(self, node: ast.Lambda, env: Env) -> V:
        return V(fn=node)

    def e_await(self, node: ast.Await, env: Env) -> V:
        return self.expr(node.value, env)

    def e_yield(self, node: ast.Yield | ast.YieldFrom, env: Env) -> V:
        if node.value is not None:
            value = self.expr(node.value, env)
            if isinstance(node, ast.YieldFrom):
                value = self._element(value)
            if self.responder is not None:
                self._check_response_body(node, value, env)
            self._return_value(value, node)
        return UNKNOWN

    def e_namedexpr(self, node: ast.NamedExpr, env: Env) -> V:
        value = self.expr(node.value, env)
        self.store(node.target, value, env, node)
        return value

    def e_starred(self, node: ast.Starred, env: Env) -> V:
        return self.expr(node.value, env)

    # -- calls --------------------------------------------------------------------------

    def _member_names(self, receiver: V, member: str) -> list[str]:
        names: list[str] = []
        if receiver.qn is not None:
            names.append(f"{receiver.qn}.{member}")
        if receiver.ty is not None:
            names.append(f"{receiver.ty}.{member}")
            if (
                self.handler_library
                and receiver.obj is not None
                and receiver.obj[0] == "self"
                and self._method_of(receiver.obj[1], member) is None
            ):
                # `self.get_argument(...)`: the framework's method, not one of the project
                names.append(f"{self.handler_library}.{member}")
        if (
            receiver.qn is None
            and receiver.ty is None
            and (receiver.obj is None or receiver.obj[0] == "call")
        ):
            names.append(f"*.{member}")
        return names

    def e_call(self, node: ast.Call, env: Env) -> V:
        func = node.func
        receiver: V | None = None
        receiver_node: ast.expr | None = None
        method: str | None = None
        names: list[str] = []
        callee: V | None = None
        if isinstance(func, ast.Attribute):
            receiver_node = func.value
            receiver = (
                env.get(receiver_node.id) or self._read_name(receiver_node.id, env, receiver_node)
                if isinstance(receiver_node, ast.Name)
                else self.expr(receiver_node, env)
            )
            method = func.attr
            names = self._member_names(receiver, method)
        else:
            callee = (
                env.get(func.id) or self._read_name(func.id, env, func)
                if isinstance(func, ast.Name)
                else self.expr(func, env)
            )
            if callee.qn is not None:
                names = [callee.qn]
        args, keywords, star, dstar = self._arguments(node, env)
        if _RESPONSE_TYPE in env and (self.header_methods or self.responder is not None):
            self._declare_response_type(node, receiver, method, args, keywords, env)
        if callee is not None and isinstance(callee.fn, _Partial):
            # `run = partial(subprocess.run, shell=True); run(cmd)`: the bound arguments first
            bound = callee.fn
            args = [*bound.args, *args]
            keywords = {**bound.keywords, **keywords}
            callee = V(qn=bound.qn)
            names = [bound.qn]
        if self.raised and args and args[0].t and names and names[0] in _ECHOING_CONVERSIONS:
            # int("<b>"): the ValueError quotes the text (as repr does: no raw line breaks)
            self.raised[-1].append(t_clean(args[0].t, _REPR_CLEAN))
        if callee is not None and callee.fn is not None and isinstance(callee.fn, ast.Lambda):
            return self._inline_lambda(callee.fn, args, keywords, env)
        if (
            receiver is not None
            and receiver.ty is None
            and receiver.obj is not None
            and receiver.obj[0] == "call"
            and method in self.models.typed_method_sinks
        ):
            self._typed_sinks(node, method, receiver, args, keywords, star, dstar, env)
        # the names some model table knows (most calls have none: no table to look at)
        known = self.m.call_names
        if len(names) == 1:
            modelled = names if names[0] in known else []
        else:
            modelled = [name for name in names if name in known]
        if not modelled:
            return self._call_result(
                node, names, modelled, receiver, receiver_node, method, callee, args, keywords,
                star, dstar, env,
            )  # fmt: skip
        # sinks first: they look at the arguments as passed
        for name in modelled:
            sinks = self.models.sinks.get(name)
            if sinks:
                text = self._text(node)
                for sink in sinks:
                    if _written_as_data(sink, args, keywords, env):
                        continue
                    self._check_sink(
                        sink, node, args, keywords, receiver, text, star=star, dstar=dstar
                    )
        mapped: V | None = None
        for name in modelled:
            urlconf = self.models.urlconfs.get(name)
            if urlconf is not None:
                self._route(urlconf, node, env)
            callback = self.models.callbacks.get(name)
            if callback is not None:
                called = self._callback(callback, node, args, keywords, env)
                if called is not None and callback.element_of is not None:
                    mapped = container("list", (), rest=called)
        if mapped is not None:
            return mapped  # map(f, xs): what f returns, element by element
        if modelled[0] == "functools.partial" and args and args[0].qn is not None and not star:
            bound_taint = t_union_many([a.t for a in args[1:]] + [k.t for k in keywords.values()])
            return V(t=bound_taint, fn=_Partial(args[0].qn, tuple(args[1:]), dict(keywords)))
        result = self._call_result(
            node, names, modelled, receiver, receiver_node, method, callee, args, keywords,
            star, dstar, env,
        )  # fmt: skip
        for name in modelled:
            if name in self.models.noreturn:
                self.noreturn_pending = True
        if modelled[0] in _URL_SPLITTERS or (result.t and modelled[0] in _URL_JOINERS):
            return _url_components(modelled[0], result, args)
        if modelled[0] in _RESPONSE_BUILDERS and args:
            # make_response(jsonify(...), 201): the response given, with a status
            first = args[0].elts[0] if args[0].shape == "tuple" and args[0].elts else args[0]
            if first.ty in self.models.view_safe_types:
                return result.replace(ty=first.ty)
        if modelled[0] in _RESPONSE_BUILDERS and result.ty in self.models.data_responses:
            # make_response(body, status, {"Content-Type": "text/plain"}), or the same tuple
            parts = args[0].elts if len(args) == 1 and args[0].shape == "tuple" else args
            if len(parts) > 2 and _declares_non_html(parts[2]):
                return result.replace(ty=self.models.data_responses[result.ty])
        return result

    def _callback(
        self, callback: Any, node: ast.Call, args: list[V], keywords: dict[str, V], env: Env
    ) -> V | None:
        """Record the call a callback-taking call makes later (`Thread(target=f, args=...)`)."""
        function_node: ast.expr | None = None
        if callback.function_arg is not None and callback.function_arg < len(node.args):
            function_node = node.args[callback.function_arg]
        if function_node is None and callback.function_keyword is not None:
            function_node = next(
                (k.value for k in node.keywords if k.arg == callback.function_keyword), None
            )
        if function_node is None or isinstance(function_node, ast.Starred):
            return None
        function = self.expr(function_node, env)
        if function.qn is not None and self.models.is_modelled(function.qn):
            return None  # a sanitizer or library function: its model applies as usual
        callee = self._project_callee([], None, None, function)
        if callee is None and function.fn is None:
            return None
        passed: list[V] = []
        passed_keywords: dict[str, V] = {}
        star: V | None = None
        if callback.element_of is not None and callback.element_of < len(args):
            passed = [self._element(args[callback.element_of])]
        elif callback.args_from is not None:
            passed = args[callback.args_from :]
            passed_keywords = {k: v for k, v in keywords.items() if k != callback.function_keyword}
        elif callback.args_keyword is not None:
            given = keywords.get(callback.args_keyword)
            if given is not None:
                if given.shape in ("list", "tuple") and given.rest is None:
                    passed = list(given.elts)
                else:
                    star = collapsed(given) if given.shape else V(t=given.t)
            extra = keywords.get(callback.kwargs_keyword or "")
            if extra is not None and extra.shape == "dict":
                passed_keywords = {k: v for k, v in extra.elts.items() if isinstance(k, str)}
        if function.fn is not None and isinstance(function.fn, ast.Lambda):
            return self._inline_lambda(function.fn, passed, passed_keywords, env)
        if callee is None:
            return None
        return self._record_call(
            function_node, callee, passed, passed_keywords, star, None, None, False, env
        )

    def _arguments(
        self, node: ast.Call, env: Env
    ) -> tuple[list[V], dict[str, V], V | None, V | None]:
        args: list[V] = []
        star: V | None = None
        for argument in node.args:
            if isinstance(argument, ast.Name):  # most arguments: no `expr` call for them
                args.append(env.get(argument.id) or self._read_name(argument.id, env, argument))
            elif isinstance(argument, ast.Starred):
                value = self.expr(argument.value, env)
                if value.shape in ("list", "tuple") and value.rest is None and star is None:
                    args.extend(value.elts)
                else:
                    part = (
                        collapsed(value) if value.shape else (V(t=value.t) if value.t else BOTTOM)
                    )
                    star = part if star is None else join(star, part)
            else:
                args.append(self.expr(argument, env))
        keywords: dict[str, V] = {}
        dstar: V | None = None
        for keyword in node.keywords:
            argument = keyword.value
            if isinstance(argument, ast.Name):
                value = env.get(argument.id) or self._read_name(argument.id, env, argument)
            else:
                value = self.expr(argument, env)
            if keyword.arg is None:
                if value.shape == "dict" and value.rest is None:
                    for key, item in value.elts.items():
                        if isinstance(key, str):
                            keywords[key] = item
                else:
                    part = (
                        collapsed(value) if value.shape else (V(t=value.t) if value.t else BOTTOM)
                    )
                    dstar = part if dstar is None else join(dstar, part)
            else:
                keywords[keyword.arg] = value
        return args, keywords, star, dstar

    def _inline_lambda(self, lam: ast.Lambda, args: list[V], keywords: dict[str, V], env: Env) -> V:
        if self.inline_depth >= _MAX_INLINE_DEPTH:
            return V(t=t_union_many([a.t for a in args] + [k.t for k in keywords.values()]))
        inner = dict(env)
        params = [*lam.args.posonlyargs, *lam.args.args]
        for index, param in enumerate(params):
            if index < len(args):
                inner[param.arg] = args[index]
            elif param.arg in keywords:
                inner[param.arg] = keywords[param.arg]
            else:
                inner[param.arg] = BOTTOM
        if lam.args.vararg is not None:
            inner[lam.args.vararg.arg] = container("tuple", tuple(args[len(params) :]))
        for param in lam.args.kwonlyargs:
            inner[param.arg] = keywords.get(param.arg, BOTTOM)
        self.inline_depth += 1
        try:
            return self.expr(lam.body, inner)
        finally:
            self.inline_depth -= 1

    def _call_result(
        self,
        node: ast.Call,
        names: list[str],
        modelled: list[str],
        receiver: V | None,
        receiver_node: ast.expr | None,
        method: str | None,
        callee: V | None,
        args: list[V],
        keywords: dict[str, V],
        star: V | None,
        dstar: V | None,
        env: Env,
    ) -> V:
        models = self.models
        # `module.function(...)`: the module is not data the call could pass on
        data_receiver = receiver
        if (
            receiver is not None
            and receiver.qn is not None
            and receiver.obj is None
            and receiver.shape is None
        ):
            data_receiver = None
        # builtins the engine understands precisely
        if names and names[0].startswith("builtins."):
            special = self._builtin(names[0], node, args, keywords, env)
            if special is not None:
                return special
        if names and names[0] in _CONTAINER_CONSTRUCTORS:
            shape = _CONTAINER_CONSTRUCTORS[names[0]]
            # defaultdict's first argument is the factory, not the items
            items = args[1:2] if names[0] == "collections.defaultdict" else args[:1]
            built = self._builtin(
                f"builtins.{shape}", node, items, keywords if shape == "dict" else {}, env
            )
            if built is not None:
                return built.replace(ty=names[0]) if shape == "list" else built
        # constant folding of pure methods on constants
        if (
            receiver is not None
            and method in _FOLD_STR_METHODS
            and isinstance(receiver.c, (str, bytes))
        ):
            if all(a.c is not NC for a in args) and all(k.c is not NC for k in keywords.values()):
                try:
                    folded = getattr(receiver.c, method)(
                        *[a.c for a in args], **{k: v.c for k, v in keywords.items()}
                    )
                    if not (isinstance(folded, (str, bytes)) and len(folded) > _MAX_STR):
                        if isinstance(folded, list):
                            return container("list", tuple(const(x) for x in folded))
                        return const(folded)
                except Exception:  # noqa: BLE001 - a failing fold is left to run time
                    pass
        if method == "format" and receiver is not None and isinstance(receiver.c, str):
            formatted = _format_taint(receiver.c, args, keywords, star, dstar, self._placed)
            if formatted is not NC:
                if not formatted:
                    return BOTTOM
                # the constant text the result begins with (an XML document, a URL)
                leading = receiver.c.split("{", 1)[0]
                return V(t=formatted, aux=leading or None)
        if (
            method == "join"
            and receiver is not None
            and isinstance(receiver.c, str)
            and len(args) == 1
            and not keywords
            and args[0].shape in ("list", "tuple")
            and args[0].t
        ):
            return self._joined(receiver.c, args[0])
        # containers (and keyed stores, and mutators of anything)
        if (
            receiver is not None
            and method is not None
            and (
                receiver.shape is not None
                or method in _MUTATORS
                or (receiver.ty or "") in models.keyed_stores
            )
        ):
            handled = self._container_method(
                node, receiver, receiver_node, method, args, keywords, env
            )
            if handled is not None:
                return handled
        result = (
            self._modelled_result(
                node,
                modelled,
                receiver,
                receiver_node,
                args,
                keywords,
                data_receiver,
                star,
                dstar,
                env,
            )  # fmt: skip
            if modelled
            else None
        )
        if result is None and method is not None and method in models.clean_methods:
            result = BOTTOM
        if (
            result is None
            and method in _LOOKUPS
            and not args
            and keywords
            and star is None
            and receiver is not None
            and receiver.ty is None
            and receiver.obj is None
            and receiver.shape is None
            and not keywords.keys() & _NOT_LOOKUP_KEYWORDS
        ):
            # `tickets.get(id=...)` with field lookups only (a dict's `get` takes no
            # keywords): an ORM query of stored rows, which the values that chose them
            # do not make input (as for the typed managers and querysets)
            result = BOTTOM
        if (
            result is None
            and method is not None
            and method in models.propagating_methods
            and (receiver is None or receiver.obj is None)
        ):
            result = self._propagated(None, args, keywords, data_receiver, star, dstar)
            if (
                result.t
                and method in ("get", "pop", "setdefault")
                and receiver is not None
                and receiver.t
                and len(args) > 1
            ):
                result = result.replace(t=t_union(receiver.t, args[1].t))
            if receiver is not None and receiver.ty is not None:
                element_type = self._type_of(f"{receiver.ty}.{method}")
                if element_type:
                    result = result.replace(ty=element_type)
        # a method matched only by name (`*.format`) on an object a project call returned
        # may be the project's own: it does not stop the project function from applying
        project_object = receiver is not None and receiver.obj is not None
        if result is None and not (
            modelled
            and any(
                models.is_modelled(n)
                for n in modelled
                if not (project_object and n.startswith("*."))
            )
        ):
            project_callee = self._project_callee(names, receiver, method, callee)
            if project_callee is not None:
                result = self._record_call(
                    node,
                    project_callee,
                    args,
                    keywords,
                    star,
                    dstar,
                    receiver,
                    bound=receiver is not None and receiver.obj is not None,
                    env=env,
                )
                via_class = (
                    receiver is not None and receiver.qn is not None and receiver.obj is None
                )
                receiver_class = None
                if receiver is not None and receiver.obj is not None and receiver.obj[0] == "call":
                    created = receiver.obj[2]
                    receiver_class = created if created in self.m.classes else None
                local = (
                    self._local_summary(
                        node, project_callee, args, keywords, star, dstar, via_class, receiver_class
                    )
                    if receiver_class is not None or project_callee in self.m.functions
                    else None  # no function of this module analysed yet under that name
                )
                if local is not None:
                    # a function of this module analysed already: apply its summary here, so
                    # constants it returns fold and sanitizers it applies count right away
                    # (the call record stays for the sinks inside it)
                    result = local
                elif receiver is None and callee is not None:
                    # its result depends on other calls, but its type may be known
                    draft = self.m.functions.get(project_callee)
                    if (
                        draft is not None
                        and draft.summary.bound == 0
                        and draft.summary.ret_type in self.models.object_types
                    ):
                        result = result.replace(ty=draft.summary.ret_type)
        if result is None:
            result = self._unknown_call(node, args, keywords, data_receiver, star, dstar)
        if (
            method in ("lstrip", "strip")
            and len(args) == 1
            and isinstance(args[0].c, str)
            and result.t
            and self.models.leading_characters
        ):
            # `s.lstrip("=+-@")`: whatever is left does not begin with one of them
            kinds = self._leading_checked(args[0])
            if kinds:
                result = result.replace(t=t_clean(result.t, kinds))
        # characters replaced away: `s.replace("<", "&lt;")`, `re.sub(r"[\r\n]", "", s)`
        if len(args) >= 2 and result.t and isinstance(args[1].c, str):
            removed: frozenset[str] = frozenset()
            if method == "replace" and isinstance(args[0].c, str):
                removed = _removed_characters(args[0].c, args[1].c)
            elif names and names[0] in ("re.sub", "re.subn") and isinstance(args[0].c, str):
                removed = _removed_characters(_character_class(args[0].c), args[1].c)
            if removed:
                result = result.replace(t=self._without_characters(result.t, removed))
        if names and names[0] == "re.compile" and result.ty is None:
            pattern = _compiled_pattern(node, args)
            if pattern is not None:
                # the pattern rides along, for checks made with the compiled object later
                result = V(t=result.t, aux=pattern)
        if result.t and any(name in models.request_calls for name in modelled):
            # what a server answered is the input's where the input chose the server, and
            # then all of it is (checks of the URL's characters say nothing of the body);
            # a server the program chose may still echo the path it was asked for
            result = result.replace(
                t={
                    origin: (step, EMPTY, flags if "ssrf" not in clean else flags | F_IMPRECISE)
                    for origin, (step, clean, flags) in result.t.items()
                }
            )
        # the result's type, when a model gives one
        for name in modelled:
            rules = models.types.get(name)
            if not rules:
                continue
            for rule in rules:
                if rule.when_keyword is not None:
                    key, expected = rule.when_keyword
                    given = keywords.get(key)
                    # a constant equal to `expected`, or a value of the type it names
                    if given is None or not (
                        _safe_eq(given.c, expected)
                        or (given.ty is not None and given.ty == expected)
                        or _same_media_type(given.c, expected)
                    ):
                        continue
                result = result.replace(ty=rule.type)
                break
            break
        return result

    def _modelled_result(
        self,
        node: ast.Call,
        modelled: list[str],
        receiver: V | None,
        receiver_node: ast.expr | None,
        args: list[V],
        keywords: dict[str, V],
        data_receiver: V | None,
        star: V | None,
        dstar: V | None,
        env: Env,
    ) -> V | None:
        """What the models say a call to one of the `modelled` names returns (None: nothing)."""
        models = self.models
        # type transitions (a parser switching a feature on)
        for name in modelled:
            for transition in models.transitions.get(name, ()):
                if all(
                    index < len(args) and _safe_eq(args[index].c, expected)
                    for index, expected in transition.arguments
                ):
                    key = self._path_key(receiver_node) if receiver_node is not None else None
                    if key is not None and receiver is not None:
                        self._replace(env, key, receiver, receiver.replace(ty=transition.becomes))
        result: V | None = None
        for name in modelled:
            sources = models.sources.get(name)
            if sources:
                for source in sources:
                    if source.access == "call":
                        result = self._source_value(
                            source.kind,
                            source.label or name,
                            node,
                            ty=source.type or self._type_of(name),
                            clean=source.clean_for,
                        )
                        break
            if result is not None:
                break
        if result is None:
            for name in modelled:
                sanitizer = models.sanitizers.get(name)
                if sanitizer is not None and self._sanitizer_applies(sanitizer, args, keywords):
                    result = self._sanitized(sanitizer, node, args, keywords, data_receiver)
                    break
        if result is None:
            for name in modelled:
                propagator = models.propagators.get(name)
                if propagator is not None:
                    result = self._propagated(
                        propagator, args, keywords, data_receiver, star, dstar
                    )
                    if propagator.type:
                        result = result.replace(ty=propagator.type)
                    break
        if result is None:
            for name in modelled:
                if name in models.clean_calls:
                    result = BOTTOM
                    break
                if name in models.opaque_calls:
                    result = UNKNOWN
                    break
        return result

    def _project_callee(
        self, names: list[str], receiver: V | None, method: str | None, callee: V | None
    ) -> str | None:
        if receiver is not None and method is not None:
            if receiver.obj is not None:
                kind = receiver.obj[0]
                if kind == "self":
                    return f"{receiver.obj[1]}.{method}"
                if kind == "super":
                    return f"super:{receiver.obj[1]}.{method}"
                if kind == "call":
                    return f"{receiver.obj[2]}.{method}"
            if receiver.qn is not None and _is_project_name(receiver.qn):
                return f"{receiver.qn}.{method}"
            return None
        if callee is not None and callee.qn is not None and _is_project_name(callee.qn):
            return callee.qn
        if callee is not None and callee.obj is not None and callee.obj[0] == "call":
            return f"{callee.obj[2]}.__call__"
        return None

    def _local_summary(
        self,
        node: ast.Call,
        callee: str,
        args: list[V],
        keywords: dict[str, V],
        star: V | None,
        dstar: V | None,
        via_class: bool,
        receiver_class: str | None = None,
    ) -> V | None:
        exact = False
        if receiver_class is not None:
            # an instance made right here from a class of this module: its method is known
            resolved = self._method_of(receiver_class, callee.rpartition(".")[2])
            if resolved is None:
                return None
            callee, exact = resolved, True
        draft = self.m.functions.get(callee)
        if draft is None or star is not None or dstar is not None:
            return None
        # plain functions and static methods; class methods called on the class; methods of
        # an instance whose class is known exactly. Other methods may be overridden in a
        # subclass: the link step resolves those.
        bound = draft.summary.bound
        if (bound == 1 and not exact) or (bound == 2 and not via_class and not exact):
            return None
        returned = draft.ret_value
        if returned is None:
            return None
        offset = 1 if bound else 0
        params = draft.summary.params
        taints: list[Taint | None] = []
        for origin, info in (returned.t or {}).items():
            if origin[0] == "P" and origin[1] == callee:
                index = origin[2]
                if index >= len(params) or params[index][1] >= PARAM_VARARGS or index < offset:
                    return None
                name = params[index][0]
                position = index - offset
                value = args[position] if position < len(args) else keywords.get(name)
                if value is None or not value.t:
                    continue
                passed = t_clean(value.t, info[1]) if info[1] else value.t
                taints.append(t_flag(passed, info[2]) if info[2] else passed)
            elif origin[0] == "S" or origin is U_ORIGIN or origin == U_ORIGIN:
                taints.append({origin: info})
            else:
                return None  # depends on other calls, fields or globals: leave it to the link
        taint = t_union_many(taints)
        if taint:
            taint = self._advance(taint, node, STEP_CALL_RESULT, self._text(node, 50))
        if returned.c is not NC:
            return V(t=taint, c=returned.c, aux=returned.aux)
        return V(t=taint, ty=returned.ty, aux=returned.aux if not taint else None)

    def _method_of(self, class_qn: str, name: str) -> str | None:
        """A method looked up through the bases defined in this module (None if elsewhere)."""
        seen: set[str] = set()
        pending = [class_qn]
        while pending:
            current = pending.pop(0)
            if current in seen:
                continue
            seen.add(current)
            info = self.m.classes.get(current)
            if info is None:
                return None  # a base from another module: the link step knows it
            if name in info.methods:
                return info.methods[name]
            pending.extend(info.bases)
        return None

    def _record_call(
        self,
        node: ast.expr,
        callee: str,
        args: list[V],
        keywords: dict[str, V],
        star: V | None,
        dstar: V | None,
        receiver: V | None,
        bound: bool,
        env: Env,
    ) -> V:
        if (
            node is self.discarded
            and id(node) not in self.m._call_index
            and not (
                any(t_without_unknown(v.t) for v in args)
                or any(t_without_unknown(v.t) for v in keywords.values())
                or (star is not None and t_without_unknown(star.t))
                or (dstar is not None and t_without_unknown(dstar.t))
                or (receiver is not None and receiver.obj is None and t_without_unknown(receiver.t))
            )
        ):
            # `self.assertEqual(x, 1)`: nothing flows in, and the result is dropped
            return UNKNOWN
        text = ""  # the call's text is read back from the source when a trace shows it
        line, col = node.lineno, node.col_offset
        passed = self._passed
        arg_taints = tuple([passed(a, node) if a.t else None for a in args]) if args else ()
        keyword_taints = (
            tuple([(k, passed(v, node) if v.t else None) for k, v in keywords.items()])
            if keywords
            else ()
        )
        receiver_taint = (
            passed(receiver, node)
            if receiver is not None and receiver.obj is None and receiver.t
            else None
        )
        star_taint = passed(star, node) if star is not None and star.t else None
        dstar_taint = passed(dstar, node) if dstar is not None and dstar.t else None
        index = self.m._call_index.get(id(node))
        if index is None:
            index = len(self.m.calls)
            self.m.calls.append(
                _DraftCall(
                    callee,
                    self.qn,
                    line,
                    col,
                    arg_taints,
                    keyword_taints,
                    star_taint,
                    dstar_taint,
                    bound,
                    receiver_taint,
                )
            )
            self.m._call_index[id(node)] = index
        else:
            record = self.m.calls[index]
            if len(record.args) == len(arg_taints):
                record.args = tuple(
                    t_union(a, b) for a, b in zip(record.args, arg_taints, strict=False)
                )
            merged = dict(record.keywords)
            for key, taint in keyword_taints:
                merged[key] = t_union(merged.get(key), taint)
            record.keywords = tuple(merged.items())
            record.star = t_union(record.star, star_taint)
            record.dstar = t_union(record.dstar, dstar_taint)
        self.calls.add(index)
        # arguments that are containers or objects may be filled in by the callee (up to
        # a `*args`: past it, values and argument nodes no longer line up)
        arg_nodes = node.args if isinstance(node, ast.Call) else []
        for position, value in enumerate(args):
            if value.shape in ("list", "dict", "set") or (
                value.obj is not None and value.obj[0] == "call"
            ):
                if position >= len(arg_nodes) or any(
                    isinstance(a, ast.Starred) for a in arg_nodes[: position + 1]
                ):
                    break
                argument = arg_nodes[position]
                arg_key = self._path_key(argument)
                if arg_key is not None and arg_key in env:
                    step = self.m.step(-1, line, col, STEP_CALL_RESULT, text)
                    effect = {("E", index, position): (step, EMPTY, 0)}
                    if value.shape is not None:
                        # what the callee put in is somewhere among the elements
                        filled = V(t=effect)
                        updated = container(
                            value.shape, value.elts, _opt_join(value.rest, filled), value.ty
                        )
                    else:
                        updated = value.replace(t=t_union(value.t, effect))
                    self._replace(env, arg_key, value, updated)
        steps = self.m.steps
        steps.append((-1, line, col, STEP_CALL_RESULT, text))
        return V(t={("C", index): (len(steps) - 1, EMPTY, 0)}, obj=("call", index, callee))

    def _passed(self, value: V, node: ast.AST) -> Taint | None:
        """The taint `value` carries into a project call (a "passed to" step per origin)."""
        taint = value.t
        if taint and U_ORIGIN in taint:
            taint = t_without_unknown(taint)
        if not taint:
            return None
        return self._advance(taint, node, STEP_PASS, "")

    def _unknown_call(
        self,
        node: ast.Call,
        args: list[V],
        keywords: dict[str, V],
        receiver: V | None,
        star: V | None,
        dstar: V | None,
    ) -> V:
        taints: list[Taint | None] = [a.t for a in args]
        taints.extend(v.t for v in keywords.values())
        if star is not None:
            taints.append(star.t)
        if dstar is not None:
            taints.append(dstar.t)
        if receiver is not None:
            taints.append(receiver.t)
        if not self.m.propagate_unknown:
            return UNKNOWN
        taint = t_without_unknown(t_union_many(taints))
        if taint:
            taint = t_flag(
                self._advance(taint, node, STEP_UNKNOWN_CALL, self._text(node.func, 40) + "()"),
                F_UNKNOWN,
            )
        return V(t=t_union(taint, UNKNOWN.t))

    def _propagated(
        self,
        propagator: Any,
        args: list[V],
        keywords: dict[str, V],
        receiver: V | None,
        star: V | None,
        dstar: V | None,
    ) -> V:
        taints: list[Taint | None] = []
        if propagator is None or propagator.args is None:
            taints.extend(a.t for a in args)
            taints.extend(v.t for v in keywords.values())
            if star is not None:
                taints.append(star.t)
            if dstar is not None:
                taints.append(dstar.t)
        else:
            taints.extend(args[i].t for i in propagator.args if i < len(args))
            taints.extend(keywords[k].t for k in propagator.keywords if k in keywords)
            if star is not None:
                taints.append(star.t)
        if receiver is not None and (propagator is None or propagator.receiver):
            taints.append(receiver.t)
        taint = t_union_many(taints)
        return V(t=taint) if taint else BOTTOM

    def _without_characters(self, taint: Taint, removed: frozenset[str]) -> Taint:
        """The taint with `removed` characters gone, clean for the kinds that leaves harmless."""
        marks = frozenset("char:" + c for c in removed)
        table = self.models.dangerous_characters
        result: Taint = {}
        for origin, (step, clean, flags) in taint.items():
            cleaned = clean | marks
            kinds = {k for k, chars in table.items() if all("char:" + c in cleaned for c in chars)}
            result[origin] = (step, cleaned | kinds, flags)
        return result

    def _sanitizer_applies(self, sanitizer: Any, args: list[V], keywords: dict[str, V]) -> bool:
        if sanitizer.when_keyword is not None:
            key, allowed = sanitizer.when_keyword
            given = keywords.get(key)
            if given is None or given.qn not in allowed:
                return False
        for index, allowed_values in sanitizer.when_arguments:
            if index >= len(args) or args[index].c is NC or args[index].c not in allowed_values:
                return False
        return True

    def _sanitized(
        self,
        sanitizer: Any,
        node: ast.Call,
        args: list[V],
        keywords: dict[str, V],
        receiver: V | None,
    ) -> V:
        kinds = frozenset(sanitizer.kinds)
        if ALL_KINDS in kinds:
            return BOTTOM
        if sanitizer.also_when is not None:
            position, keyword, values, more = sanitizer.also_when
            given = args[position] if position < len(args) else keywords.get(keyword)
            if given is not None and given.c is not NC and given.c in values:
                kinds |= frozenset(more)
        taints = [args[i].t for i in sanitizer.args if i < len(args)]
        if sanitizer.receiver and receiver is not None:
            taints.append(receiver.t)
        taint = t_union_many(taints)
        if not taint:
            return BOTTOM
        label = sanitizer.label or self._text(node.func, 30)
        taint = self._advance(taint, node, STEP_SANITIZE, f"{label}\x1f{','.join(sorted(kinds))}")
        return V(t=t_clean(taint, kinds))

    def _builtin(
        self, name: str, node: ast.Call, args: list[V], keywords: dict[str, V], env: Env
    ) -> V | None:
        short = name[9:]
        if short == "getattr" and len(args) >= 2 and isinstance(args[1].c, str):
            value = self._attribute(args[0], args[1].c, node)
            if len(args) > 2:
                value = join(value, args[2])
            return value
        if short == "setattr" and len(args) >= 3 and isinstance(args[1].c, str) and node.args:
            fake = ast.Attribute(value=node.args[0], attr=args[1].c, ctx=ast.Store())
            ast.copy_location(fake, node)
            self._store_attribute(fake, args[2], env, True)
            return const(None)
        if short == "locals" or (short == "vars" and not args):
            # "%(name)s" % locals(): the function's variables by name
            names = {k: v for k, v in env.items() if "." not in k and "[" not in k}
            return container("dict", names, rest=None) if not self.is_module else None
        if short == "super":
            if self.class_qn is not None:
                return V(obj=("super", self.class_qn))
            return UNKNOWN
        if short == "len":
            if args and args[0].shape in ("list", "tuple", "dict") and args[0].rest is None:
                return const(len(args[0].elts))
            if args and isinstance(args[0].c, (str, bytes, tuple, list, dict, frozenset)):
                return const(len(args[0].c))
            return _A_NUMBER
        if short in ("list", "tuple", "set", "frozenset") and len(args) == 1:
            value = args[0]
            shape = (
                "tuple"
                if short == "tuple"
                else ("set" if short in ("set", "frozenset") else "list")
            )
            if shape == "set" and isinstance(value.c, frozenset):
                return value  # frozenset({"a", "b"}): the same constant members
            if value.shape in ("list", "tuple", "set"):
                return container(
                    shape,
                    value.elts if shape != "set" else (),
                    value.rest
                    if shape != "set"
                    else _opt_join(value.rest, collapsed(value))
                    if value.elts
                    else value.rest,
                )
            if value.shape == "dict":
                return container(shape, (), rest=keys_value(value))
            if (
                value.c is not NC
                and isinstance(value.c, (tuple, list, str, frozenset, set))
                and len(value.c) < 64
            ):
                return container(shape, tuple(const(v) for v in value.c))
            element = self._element(value)
            return container(
                shape, (), rest=element if (element.t or element is not BOTTOM) else None
            )
        if short in ("list", "tuple", "set", "dict") and not args and not keywords:
            return container(
                short if short != "frozenset" else "set", {} if short == "dict" else ()
            )
        if short == "dict":
            elts: dict[Any, V] = {}
            rest: V | None = None
            if args:
                source = args[0]
                if source.shape == "dict":
                    elts.update(source.elts)
                    rest = source.rest
                else:
                    rest = (
                        collapsed(source) if source.shape else (V(t=source.t) if source.t else None)
                    )
            elts.update(keywords)
            return container("dict", elts, rest)
        if short in ("str", "repr", "ascii", "format") and args:
            value = args[0]
            if value.c is not NC and short == "str":
                try:
                    text = str(value.c)
                    if len(text) <= _MAX_STR:
                        return const(text)
                except Exception:  # noqa: BLE001
                    pass
            if short == "repr":
                return V(t=t_clean(value.t, frozenset({"log", "header"}))) if value.t else BOTTOM
            return (
                V(
                    t=value.t,
                    aux=value.aux if isinstance(value.aux, str) and value.shape is None else None,
                )
                if value.t
                else (BOTTOM if value is not UNKNOWN else UNKNOWN)
            )
        if short in ("int", "float", "bool") and args and args[0].c is not NC:
            try:
                return const({"int": int, "float": float, "bool": bool}[short](args[0].c))
            except Exception:  # noqa: BLE001
                return BOTTOM
        if short in ("iter", "reversed") and args:
            value = args[0]
            if value.shape in ("list", "tuple") and short == "iter":
                return value
            return container("list", (), rest=self._element(value))
        if short == "next" and args:
            value = args[0]
            if value.shape in ("list", "tuple") and value.elts:
                return value.elts[0]
            element = self._element(value)
            return join(element, args[1]) if len(args) > 1 else element
        if short == "map" and len(args) >= 2:
            function = args[0]
            element = self._element(args[1])
            sanitizer = self.models.sanitizers.get(function.qn or "")
            if sanitizer is not None and self._sanitizer_applies(sanitizer, [element], {}):
                mapped = self._sanitized(sanitizer, node, [element], {}, None)
            elif function.fn is not None and isinstance(function.fn, ast.Lambda):
                mapped = self._inline_lambda(function.fn, [element], {}, env)
            elif function.qn is not None and function.qn in self.models.clean_calls:
                mapped = BOTTOM
            else:
                mapped = V(t=t_union_many([a.t for a in args[1:]]))
            return container("list", (), rest=mapped)
        if short in ("sorted",) and args:
            return container("list", (), rest=self._element(args[0]))
        if short in ("enumerate",) and args:
            return container("list", (), rest=container("tuple", (BOTTOM, self._element(args[0]))))
        if short == "zip" and args:
            return container(
                "list", (), rest=container("tuple", tuple(self._element(a) for a in args))
            )
        return None

    def _container_method(
        self,
        node: ast.Call,
        receiver: V,
        receiver_node: ast.expr | None,
        method: str,
        args: list[V],
        keywords: dict[str, V],
        env: Env,
    ) -> V | None:
        store = self.models.keyed_stores.get(receiver.ty or "")
        if store is not None:
            key = self._path_key(receiver_node) if receiver_node is not None else None
            if method == store.store and len(args) > max(store.value_arg, *store.key_args):
                composite = tuple(args[i].c for i in store.key_args)
                base = (
                    receiver
                    if receiver.shape == "dict"
                    else container("dict", {}, None, receiver.ty)
                )
                if all(part is not NC for part in composite) and _hashable(composite):
                    elts = dict(base.elts)
                    elts[composite] = args[store.value_arg]
                    stored = container("dict", elts, base.rest, receiver.ty)
                else:
                    stored = container(
                        "dict", base.elts, _opt_join(base.rest, args[store.value_arg]), receiver.ty
                    )
                if key is not None:
                    self._replace(env, key, receiver, stored)
                return const(None)
            if method == store.load and len(args) >= max(store.key_args) + 1:
                composite = tuple(args[i].c for i in store.key_args)
                if receiver.shape == "dict":
                    if (
                        all(part is not NC for part in composite)
                        and _hashable(composite)
                        and composite in receiver.elts
                    ):
                        return receiver.elts[composite]
                    if receiver.rest is not None:
                        return _imprecise(receiver.rest)
                    return BOTTOM
                return V(t=receiver.t) if receiver.t else BOTTOM
        shape = receiver.shape
        if method in _MUTATORS and isinstance(receiver_node, ast.Name) and (args or keywords):
            added_taint = t_without_unknown(
                t_union_many([a.t for a in args] + [v.t for v in keywords.values()])
            )
            if added_taint:
                self._module_container_write(receiver_node.id, added_taint, env)
        if shape is None:
            if method in _MUTATORS and (args or keywords):
                key = self._path_key(receiver_node) if receiver_node is not None else None
                added = t_union_many([a.t for a in args] + [v.t for v in keywords.values()])
                if added and receiver.t:
                    self._param_effect(receiver.t, added)
                if added and key is not None:
                    self._replace(
                        env, key, receiver, receiver.replace(t=t_union(receiver.t, added))
                    )
                if method == "setdefault":
                    return V(t=t_union(receiver.t, added)) if (receiver.t or added) else BOTTOM
                return const(None) if method != "setdefault" else BOTTOM
            return None
        new: V | None = None
        result: V | None = None
        if shape in ("list",) or (shape == "tuple" and method in ("index", "count")):
            elts = receiver.elts
            rest = receiver.rest
            if method == "append" and len(args) == 1:
                new = (
                    container("list", elts + (args[0],), None, receiver.ty)
                    if rest is None
                    else container("list", elts, join(rest, args[0]), receiver.ty)
                )
                result = const(None)
            elif method == "appendleft" and len(args) == 1:
                new = container("list", (args[0],) + elts, rest, receiver.ty)
                result = const(None)
            elif method == "extend" and len(args) == 1:
                other = args[0]
                if rest is None and other.shape in ("list", "tuple"):
                    new = container("list", elts + tuple(other.elts), other.rest, receiver.ty)
                else:
                    new = container(
                        "list", elts, _opt_join(rest, self._element(other)), receiver.ty
                    )
                result = const(None)
            elif method == "insert" and len(args) == 2:
                position = args[0].c
                if isinstance(position, int) and rest is None:
                    items = list(elts)
                    items.insert(position, args[1])
                    new = container("list", tuple(items), None, receiver.ty)
                elif isinstance(position, int) and position == 0:
                    new = container("list", (args[1],) + elts, rest, receiver.ty)
                else:
                    new = container(
                        "list",
                        (),
                        _opt_join(_opt_join(rest, args[1]), collapsed(receiver)),
                        receiver.ty,
                    )
                result = const(None)
            elif method in ("pop", "popleft") and len(args) <= 1:
                position = args[0].c if args else (0 if method == "popleft" else -1)
                if isinstance(position, int) and position >= 0 and position < len(elts):
                    items = list(elts)
                    result = items.pop(position)
                    new = container("list", tuple(items), rest, receiver.ty)
                elif (
                    isinstance(position, int)
                    and position < 0
                    and rest is None
                    and -len(elts) <= position
                ):
                    items = list(elts)
                    result = items.pop(position)
                    new = container("list", tuple(items), None, receiver.ty)
                else:
                    result = _imprecise(collapsed(receiver))
            elif method == "remove" and len(args) == 1:
                target = args[0].c
                if target is not NC:
                    for position, item in enumerate(elts):
                        if item.c is NC:
                            break
                        if _safe_eq(item.c, target):
                            items = list(elts)
                            del items[position]
                            new = container("list", tuple(items), rest, receiver.ty)
                            break
                result = const(None)
            elif method == "clear" and not args:
                new = container("list", (), None, receiver.ty)
                result = const(None)
            elif method == "reverse" and not args:
                if rest is None:
                    new = container("list", tuple(reversed(elts)), None, receiver.ty)
                result = const(None)
            elif method == "sort":
                if elts:
                    new = container("list", (), collapsed(receiver), receiver.ty)
                result = const(None)
            elif method == "copy" and not args:
                return container("list", elts, rest, receiver.ty)
            elif method in ("index", "count"):
                return BOTTOM
            else:
                return None
        elif shape == "dict":
            elts_d: dict[Any, V] = receiver.elts
            rest = receiver.rest
            if method in ("get", "pop", "setdefault") and args:
                wanted = args[0].c
                default = args[1] if len(args) > 1 else const(None)
                present = wanted is not NC and _hashable(wanted) and wanted in elts_d
                if present:
                    result = elts_d[wanted]
                elif wanted is not NC and rest is None:
                    result = default
                else:
                    result = join(
                        _imprecise(
                            rest if wanted is not NC and rest is not None else collapsed(receiver)
                        ),
                        default,
                    )
                if method == "pop" and present:
                    new = container(
                        "dict", {k: v for k, v in elts_d.items() if k != wanted}, rest, receiver.ty
                    )
                elif method == "setdefault" and not present:
                    if wanted is not NC and _hashable(wanted):
                        updated = dict(elts_d)
                        updated[wanted] = default
                        new = container("dict", updated, rest, receiver.ty)
                    else:
                        new = container("dict", elts_d, _opt_join(rest, default), receiver.ty)
            elif method == "update":
                updated = dict(elts_d)
                new_rest = rest
                for other in args:
                    if other.shape == "dict":
                        updated.update(other.elts)
                        new_rest = _opt_join(new_rest, other.rest)
                    else:
                        new_rest = _opt_join(
                            new_rest,
                            _imprecise(collapsed(other))
                            if other.shape
                            else (V(t=other.t) if other.t else None),
                        )
                updated.update(keywords)
                new = container("dict", updated, new_rest, receiver.ty)
                result = const(None)
            elif method == "keys":
                return container("list", (), rest=keys_value(receiver))
            elif method == "values":
                return container("list", tuple(elts_d.values()), rest)
            elif method == "items":
                return container(
                    "list", (), rest=container("tuple", (keys_value(receiver), collapsed(receiver)))
                )
            elif method == "copy":
                return container("dict", elts_d, rest, receiver.ty)
            elif method == "clear":
                new = container("dict", {}, None, receiver.ty)
                result = const(None)
            elif method == "popitem":
                result = container("tuple", (keys_value(receiver), collapsed(receiver)))
            else:
                return None
        elif shape == "set":
            if method in ("add",) and args:
                new = container(
                    "set", receiver.elts, _opt_join(receiver.rest, args[0]), receiver.ty
                )
                result = const(None)
            elif method == "update":
                rest_value = receiver.rest
                for other in args:
                    rest_value = _opt_join(rest_value, self._element(other))
                new = container("set", receiver.elts, rest_value, receiver.ty)
                result = const(None)
            elif method in ("discard", "remove"):
                return const(None)
            else:
                return None
        else:
            return None
        key = (
            self._path_key(receiver_node) if new is not None and receiver_node is not None else None
        )
        if new is not None and key is not None:
            self._replace(env, key, receiver, new)
            if receiver.t and new.t:
                self._param_effect(receiver.t, new.t)
        return result if result is not None else const(None)

    # -- sinks --------------------------------------------------------------------------

    def _typed_sinks(
        self,
        node: ast.Call,
        method: str,
        receiver: V,
        args: list[V],
        keywords: dict[str, V],
        star: V | None,
        dstar: V | None,
        env: Env,
    ) -> None:
        """Sinks on a method of a library type, called on what a project call returned.

        `conn = helpers.ldap.get_connection(); conn.search(base, filter)`: whether `conn`
        is an `ldap3.Connection` depends on the function's summary, which only the link
        step has; the sites it records hold only if the callee returns that type.
        """
        assert receiver.obj is not None
        callee = receiver.obj[2]
        if callee in self.m.classes:
            return  # an instance of a project class of this module
        text = self._text(node)
        for type_name, sink in self.models.typed_method_sinks[method]:
            if _written_as_data(sink, args, keywords, env):
                continue
            self._check_sink(
                sink, node, args, keywords, receiver, text, star=star, dstar=dstar,
                via_type=(callee, type_name),
            )  # fmt: skip

    def _check_sink(
        self,
        sink: Sink,
        node: ast.AST,
        args: list[V],
        keywords: dict[str, V],
        receiver: V | None,
        text: str,
        star: V | None = None,
        dstar: V | None = None,
        via_type: tuple[str, str] | None = None,
    ) -> None:
        flags = 0
        via_object = None
        if (
            via_type is None  # (a library type's method on a project call's result)
            and sink.target.startswith("*.")
            and receiver is not None
            and receiver.obj is not None
        ):
            callee = receiver.obj[2]
            if callee in self.m.classes:
                return  # a method of a project class of this module, not a library's
            via_object = f"{callee}.{sink.target[2:]}"
        if sink.when_keyword is not None:
            key, wanted = sink.when_keyword
            given = keywords.get(key)
            if given is None:
                if wanted:
                    return
            elif given.c is NC:
                flags |= F_IMPRECISE
            elif isinstance(wanted, str):
                # a media type: `Response(body, media_type="text/html")`
                if not (isinstance(given.c, str) and given.c.split(";")[0].strip() == wanted):
                    return
            elif bool(given.c) != wanted:
                return
        if sink.with_values and not _passes_values(sink, args, keywords, star, dstar):
            return  # `tpl.format()`, `tpl.format(site="shop")`: nothing to read from
        for position, keyword, safe_types in sink.unless_types:
            given = args[position] if position < len(args) else keywords.get(keyword)
            if given is not None and (given.ty in safe_types or given.qn in safe_types):
                return
        if sink.unless_media is not None:
            position, key = sink.unless_media
            given = args[position] if position < len(args) else keywords.get(key)
            if given is not None and isinstance(given.c, str) and _data_media(given.c):
                return  # HttpResponse(body, content_type="text/csv"): not a page
        values: list[tuple[V, str]] = []
        wildcard = sink.target.startswith("*.")
        for position in sink.args:
            if position < len(args):
                if sink.kind == "sql" and args[position].ty == SQL_EXPRESSION:
                    continue  # `session.execute(select(User).where(...))`: bound values
                if wildcard and sink.kind == "sql" and _a_collection(args[position]):
                    continue  # `command.execute(sys.argv)`: SQL text is a string, not a list
                values.append((args[position], f"argument {position + 1}"))
            elif star is not None and not wildcard:
                # `*args` of unknown length may fill this position (not for a method matched
                # only by name: `command.execute(*args)` is not a database cursor)
                values.append((star, f"argument {position + 1}"))
        if sink.from_position is not None and sink.part == "argv0":
            # the argument vector spread over the arguments: `create_subprocess_exec("sh",
            # "-c", command)`, `os.execl(path, "sh", "-c", command)`
            spread = tuple(args[sink.from_position :])
            values.append((container("tuple", spread, rest=star), "arguments"))
        elif sink.from_position is not None:
            for position in range(sink.from_position, len(args)):
                values.append((args[position], f"argument {position + 1}"))
            if star is not None:
                values.append((star, "arguments"))
        for keyword in sink.keywords:
            if keyword in keywords:
                values.append((keywords[keyword], f"`{keyword}`"))
        if sink.receiver and receiver is not None:
            values.append((receiver, "the object"))
        if not values:
            return
        dirty: Taint | None = None
        what = values[0][1]
        for value, description in values:
            part_taint = self._sink_part(sink, value)
            if part_taint is None:
                continue
            part_dirty = t_dirty(part_taint, sink.kind)
            if part_dirty:
                if dirty is None:
                    what = description
                dirty = t_union(dirty, part_dirty)
        if dirty is None:
            if self._has_unfoldable_argument(node, sink):
                self.m.mark(node, sink.kind, True)
            return
        self.m.mark(node, sink.kind, False)
        dirty = t_without_unknown(dirty)
        if not dirty:
            return
        if flags:
            dirty = t_flag(dirty, flags) or dirty
        function = None if self.is_module else (self.display or getattr(self.node, "name", None))
        label = sink.label or text
        site = self.m.sink_site(
            node,
            sink.kind,
            sink.cwe,
            label,
            what,
            function,
            via_object,
            via_type,
            mitigated=sink.mitigated,
        )
        self._hit(site, dirty)

    def _text(self, node: ast.AST, limit: int = _SINK_TEXT) -> str:
        return source_text(self.m.lines, node, limit)

    def _hit(self, site: int, dirty: Taint) -> None:
        merged = t_union(self.hits.get(site), dirty)
        self.hits[site] = merged if merged is not None else dirty

    def _has_unfoldable_argument(self, node: ast.AST, sink: Sink) -> bool:
        """Whether a dangerous argument of this call is not a constant to the name resolver."""
        if not isinstance(node, ast.Call):
            return False
        expressions: list[ast.expr] = []
        for position in sink.args:
            if position < len(node.args):
                expressions.append(node.args[position])
        if sink.from_position is not None:
            expressions.extend(node.args[sink.from_position :])
        expressions.extend(
            k.value for k in node.keywords if k.arg in sink.keywords or k.arg is None
        )
        return any(isinstance(e, ast.Starred) or not self._folds(e) for e in expressions)

    def _sink_part(self, sink: Sink, value: V) -> Taint | None:
        """The taint of the part of `value` the sink is dangerous for."""
        part = sink.part
        if sink.safe_prefix is not None and isinstance(value.aux, str) and value.c is NC:
            pattern = _URL_HOST if sink.safe_prefix == "url-host" else _LOCAL_PATH
            if pattern.match(value.aux) or (
                sink.safe_prefix == "local-path" and _URL_HOST.match(value.aux)
            ):
                return None
        if part == "value":
            return value.t
        if part == "argv0":
            if value.shape in ("list", "tuple"):
                elts = value.elts
                if elts:
                    # a program chosen by platform (`cmd.exe` or `sh`) is a shell either way
                    programs = string_choices(elts[0])
                    if programs and any(
                        p.rsplit("/", 1)[-1] in self.models.shell_programs for p in programs
                    ):
                        flags = string_choices(elts[1]) if len(elts) >= 3 else None
                        if flags and any(f in _SHELL_COMMAND_FLAGS for f in flags):
                            return elts[2].t
                        if len(elts) >= 2 and elts[1].c is NC:
                            return t_union(elts[1].t, value.rest.t if value.rest else None)
                        return value.rest.t if value.rest is not None and len(elts) < 3 else None
                    return elts[0].t
                return t_flag(value.rest.t, F_IMPRECISE) if value.rest is not None else None
            if isinstance(value.aux, str) and " " in value.aux:
                return None  # the program name is a constant: the rest are its arguments
            if isinstance(value.aux, str) or value.ty == "builtins.str":
                return value.t
            # a list or a string: which part the input is in is unknown
            return t_flag(value.t, F_IMPRECISE)
        if part == "argv-options":
            if value.shape not in ("list", "tuple") or not value.elts:
                return None
            program = value.elts[0].c
            if (
                not isinstance(program, str)
                or program.rsplit("/", 1)[-1] not in self.models.option_programs
            ):
                return None
            found: Taint | None = None
            for element in value.elts[1:]:
                if element.c == "--":
                    return found
                if element.t and not (
                    isinstance(element.aux, str) and element.aux and not element.aux.startswith("-")
                ):
                    found = t_union(found, element.t)
            return found
        if part == "keys":
            if value.shape == "dict":
                found = None
                for key, element in value.elts.items():
                    if isinstance(key, str) and key in ("$where", "$function", "$accumulator"):
                        found = t_union(found, element.t)
                    elif element.shape == "dict":
                        found = t_union(found, self._sink_part(sink, element))
                if value.rest is not None:
                    found = t_union(found, value.rest.t)
                return found
            return value.t
        return value.t

    def _check_view_return(self, node: ast.Return, value: V) -> None:
        if value.ty in self.models.view_safe_types:
            return
        if value.shape == "tuple" and value.elts:
            if len(value.elts) > 1 and _declares_non_html(value.elts[-1]):
                return  # (body, status, {"Content-Type": "text/plain"})
            value = value.elts[0]
            if value.ty in self.models.view_safe_types:
                return
        if value.shape in ("dict", "list"):
            return  # serialised as JSON
        self._html_body(node, value, _VIEW_RETURN, produced=True)

    def _declare_response_type(
        self,
        node: ast.Call,
        receiver: V | None,
        method: str | None,
        args: list[V],
        keywords: dict[str, V],
        env: Env,
    ) -> None:
        """Follow the Content-Type the response being built declares.

        `self.send_header("Content-Type", media)` in a handler; in a WSGI app
        `start_response(status, [("Content-Type", media), ...])`, or the responder handed
        to another app (`return self.app(environ, start_response)`), which answers then.
        """
        responder = self.responder
        if responder is not None:
            func = node.func
            if isinstance(func, ast.Name) and func.id == responder:
                position = self.responder_headers
                headers = args[position] if position < len(args) else keywords.get("headers")
                declared = _header_list_media(headers)
                if declared is None:
                    env[_RESPONSE_RELAYED] = const(True)
                else:
                    env[_RESPONSE_TYPE] = declared
                return
            passed = [
                a.value if isinstance(a, ast.Starred) else a
                for a in [*node.args, *(k.value for k in node.keywords)]
            ]
            if any(isinstance(a, ast.Name) and a.id == responder for a in passed):
                env[_RESPONSE_RELAYED] = const(True)
                return
        if (
            method in self.header_methods
            and receiver is not None
            and receiver.obj is not None
            and receiver.obj[0] == "self"
        ):
            name = args[0] if args else keywords.get("keyword")
            media = args[1] if len(args) > 1 else keywords.get("value")
            if name is None or not isinstance(name.c, str):
                if name is not None:  # headers relayed from elsewhere (a proxy's)
                    env[_RESPONSE_RELAYED] = const(True)
                return
            if name.c.lower() == "content-type":
                env[_RESPONSE_TYPE] = _media_kind(media)

    def _check_response_body(self, node: ast.AST, value: V, env: Env) -> None:
        """What a WSGI app returns or yields is its response body: HTML unless declared."""
        if _not_a_page(env):
            return
        label = "yield" if isinstance(node, (ast.Yield, ast.YieldFrom)) else _VIEW_RETURN
        self._html_body(node, value, label)

    def _html_body(self, node: ast.AST, value: V, label: str, produced: bool = False) -> None:
        """`value`, sent as the body of an HTML response at `node`: XSS if it is dirty.

        `produced`: a response a project function returned is sent as it is, so the site
        does not hold if that function returns a harmless response type (JSON, redirect).
        """
        dirty = t_without_unknown(t_dirty(value.t, "html"))
        if not dirty:
            return
        unless = None
        if produced and value.ty is None and value.obj is not None and value.obj[0] == "call":
            unless = (value.obj[2], self.models.harmless_views | _JSON_BODIES)
        site = self.m.sink_site(
            node,
            "html",
            79,
            label,
            _BODY_WHAT,
            self.display or getattr(self.node, "name", None),
            unless_returns=unless,
        )
        self._hit(site, dirty)

    def _route(self, urlconf: Any, node: ast.Call, env: Env) -> None:
        view_node: ast.expr | None = None
        if urlconf.view_arg < len(node.args):
            view_node = node.args[urlconf.view_arg]
        elif urlconf.view_keyword:
            for keyword in node.keywords:
                if keyword.arg == urlconf.view_keyword:
                    view_node = keyword.value
        if view_node is None:
            return
        view: str | None = None
        if (
            isinstance(view_node, ast.Call)
            and isinstance(view_node.func, ast.Attribute)
            and view_node.func.attr == "as_view"
        ):
            base = self.expr(view_node.func.value, env)
            if base.qn:
                view = f"{base.qn}.as_view"
        else:
            value = self.expr(view_node, env)
            view = value.qn
        if not view:
            return
        route_text = ""
        if urlconf.route_arg < len(node.args):
            route_value = self.expr(node.args[urlconf.route_arg], env)
            if isinstance(route_value.c, str):
                route_text = route_value.c
        params: list[str] = []
        clean: list[str] = []
        all_params = not route_text
        for match in _ROUTE_PARAM.finditer(route_text):
            params.append(match.group(2))
            if (match.group(1) or "str") in _SAFE_CONVERTERS:
                clean.append(match.group(2))
        for match in _REGEX_GROUP.finditer(route_text):
            params.append(match.group(1))
            if _SAFE_REGEX_BODY.match(match.group(2)):
                clean.append(match.group(1))
        if route_text and not params and "(" in route_text:
            all_params = True
        self.m.routes.append(
            Route(
                view,
                urlconf.framework,
                route_text,
                node.lineno,
                tuple(params),
                tuple(clean),
                all_params,
            )
        )

    # -- helpers ------------------------------------------------------------------------

    def _advance(self, taint: Taint, node: Any, code: int, text: str) -> Taint:
        """A new trace step for every origin of `taint` (a few; the rest keep theirs)."""
        line = getattr(node, "lineno", 0)
        col = getattr(node, "col_offset", 0)
        result: Taint = {}
        count = 0
        steps = self.m.steps
        for origin, info in taint.items():
            # the unknown origin ("U",) has no trace; past 8 origins, steps are not worth it
            if origin[0] == "U" or count == 8:
                result[origin] = info
                continue
            count += 1
            previous_id = info[0]
            if previous_id >= 0:
                previous = steps[previous_id]
                if previous[1] == line and previous[3] == code and previous[4] == text:
                    result[origin] = info
                    continue
            result[origin] = (len(steps), info[1], info[2])
            steps.append((previous_id, line, col, code, text))
        return result


# Dispatch tables: node type → FunctionAnalyzer method (built once, not per function).
_EXPRESSIONS: dict[type, Callable[..., V]] = {
    ast.Attribute: FunctionAnalyzer.e_attribute,
    ast.Call: FunctionAnalyzer.e_call,
    ast.Subscript: FunctionAnalyzer.e_subscript,
    ast.JoinedStr: FunctionAnalyzer.e_joinedstr,
    ast.FormattedValue: FunctionAnalyzer.e_formatted,
    ast.BinOp: FunctionAnalyzer.e_binop,
    ast.UnaryOp: FunctionAnalyzer.e_unaryop,
    ast.BoolOp: FunctionAnalyzer.e_boolop,
    ast.Compare: FunctionAnalyzer.e_compare,
    ast.IfExp: FunctionAnalyzer.e_ifexp,
    ast.List: FunctionAnalyzer.e_list,
    ast.Tuple: FunctionAnalyzer.e_tuple,
    ast.Set: FunctionAnalyzer.e_set,
    ast.Dict: FunctionAnalyzer.e_dict,
    ast.ListComp: FunctionAnalyzer.e_comprehension,
    ast.SetComp: FunctionAnalyzer.e_comprehension,
    ast.GeneratorExp: FunctionAnalyzer.e_comprehension,
    ast.DictComp: FunctionAnalyzer.e_dictcomp,
    ast.Lambda: FunctionAnalyzer.e_lambda,
    ast.Await: FunctionAnalyzer.e_await,
    ast.Yield: FunctionAnalyzer.e_yield,
    ast.YieldFrom: FunctionAnalyzer.e_yield,
    ast.NamedExpr: FunctionAnalyzer.e_namedexpr,
    ast.Starred: FunctionAnalyzer.e_starred,
    ast.Slice: FunctionAnalyzer.e_slice,
}
_STATEMENTS: dict[type, Callable[..., Env | None]] = {
    ast.Expr: FunctionAnalyzer.s_expr,
    ast.Assign: FunctionAnalyzer.s_assign,
    ast.AugAssign: FunctionAnalyzer.s_augassign,
    ast.AnnAssign: FunctionAnalyzer.s_annassign,
    ast.Return: FunctionAnalyzer.s_return,
    ast.If: FunctionAnalyzer.s_if,
    ast.For: FunctionAnalyzer.s_for,
    ast.AsyncFor: FunctionAnalyzer.s_for,
    ast.While: FunctionAnalyzer.s_while,
    ast.Try: FunctionAnalyzer.s_try,
    ast.With: FunctionAnalyzer.s_with,
    ast.AsyncWith: FunctionAnalyzer.s_with,
    ast.Raise: FunctionAnalyzer.s_raise,
    ast.Break: FunctionAnalyzer.s_break,
    ast.Continue: FunctionAnalyzer.s_continue,
    ast.FunctionDef: FunctionAnalyzer.s_functiondef,
    ast.AsyncFunctionDef: FunctionAnalyzer.s_functiondef,
    ast.ClassDef: FunctionAnalyzer.s_classdef,
    ast.Delete: FunctionAnalyzer.s_delete,
    ast.Global: FunctionAnalyzer.s_global,
    ast.Nonlocal: FunctionAnalyzer.s_global,
    ast.Match: FunctionAnalyzer.s_match,
    ast.Assert: FunctionAnalyzer.s_assert,
}
if hasattr(ast, "TryStar"):
    _STATEMENTS[ast.TryStar] = FunctionAnalyzer.s_try


def _argument_dest(node: ast.Call) -> str | None:
    """The attribute `parse_args()` stores an `add_argument(...)` option under."""
    for keyword in node.keywords:
        if keyword.arg == "dest":
            value = keyword.value
            return (
                value.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str)
                else None
            )
    names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not names or len(names) != len(node.args):
        return None
    long = next((n for n in names if n.startswith("--")), None)
    chosen = long[2:] if long else names[0].lstrip("-")
    return chosen.replace("-", "_") or None


def _argument_checked(node: ast.Call) -> bool:
    """Whether an `add_argument(...)` option only takes numbers, constants or flags."""
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "type" and isinstance(value, ast.Name) and value.id in ("int", "float"):
            return True
        if keyword.arg == "choices" and isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            if value.elts and all(isinstance(e, ast.Constant) for e in value.elts):
                return not any(k.arg == "type" for k in node.keywords)
        if (
            keyword.arg == "action"
            and isinstance(value, ast.Constant)
            and value.value in ("store_true", "store_false", "count", "store_const")
        ):
            return True
    return False


def _same_media_type(given: Any, expected: Any) -> bool:
    """`"text/plain; charset=utf-8"` declares the media type `"text/plain"`."""
    return (
        isinstance(given, str)
        and isinstance(expected, str)
        and ";" in given
        and given.split(";")[0].strip().lower() == expected
    )


def _declares_non_html(headers: V) -> bool:
    """Headers (a dict display) whose constant Content-Type is not HTML or XML."""
    if headers.shape != "dict" or not isinstance(headers.elts, dict):
        return False
    for key, item in headers.elts.items():
        if isinstance(key, str) and key.lower() == "content-type" and isinstance(item.c, str):
            return _data_media(item.c)
    return False


def _data_media(content_type: str) -> bool:
    """A Content-Type a browser does not render as a page (not HTML, not XML)."""
    media = content_type.split(";")[0].strip().lower()
    return bool(media) and "html" not in media and "xml" not in media


def _not_a_page(env: Env) -> bool:
    """Whether the response being built declared a constant non-HTML Content-Type, or
    may carry headers built elsewhere (which declare its type there)."""
    if _RESPONSE_RELAYED in env:
        return True
    declared = env.get(_RESPONSE_TYPE)
    return declared is not None and declared.c == _DATA


def _media_kind(media: V | None) -> V:
    """A declared Content-Type as the response state: data, page, or unknown."""
    if media is None or not isinstance(media.c, str):
        return BOTTOM
    return const(_DATA if _data_media(media.c) else _PAGE)


def _header_list_media(headers: V | None) -> V | None:
    """The state a WSGI header list declares: the kind of its Content-Type, const(None)
    when the list is spelled out without one; None for headers the function does not
    spell out (`[*response.items()]`, a list filled in a loop)."""
    if headers is None:
        return BOTTOM
    if headers.shape not in ("list", "tuple"):
        return None
    spelled_out = headers.rest is None
    for item in headers.elts:
        if item.shape in ("list", "tuple") and len(item.elts) == 2 and item.rest is None:
            name = item.elts[0].c
            if isinstance(name, str):
                if name.lower() == "content-type":
                    return _media_kind(item.elts[1])
                continue
        spelled_out = False  # a header whose name is not a constant: maybe the Content-Type
    return const(None) if spelled_out else None


def _is_generator(node: Any) -> bool:
    """Whether a function's own body yields (nested functions and lambdas aside)."""
    stack: list[ast.AST] = list(getattr(node, "body", ()))
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(child_nodes(current))
    return False


def _all_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and every node under it (`ast.walk` without the Load/Store markers)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(child_nodes(current))


def _pattern_checked(default: ast.expr | None, annotation: ast.expr | None) -> bool:
    """A FastAPI parameter declared with `Query(pattern=r"^[a-z]+$")` (or in `Annotated`).

    The framework rejects a value the pattern does not match (searching, so only a
    pattern anchored at both ends, of letters, digits, `_` and `-`, keeps input out).
    """
    declarations: list[ast.expr] = [default] if default is not None else []
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Tuple):
        declarations.extend(annotation.slice.elts[1:])  # Annotated[str, Path(pattern=...)]
    for declaration in declarations:
        if not isinstance(declaration, ast.Call):
            continue
        for keyword in declaration.keywords:
            if (
                keyword.arg in ("pattern", "regex")
                and isinstance(keyword.value, ast.Constant)
                and isinstance(keyword.value.value, str)
                and _safe_regex(keyword.value.value, "search")
            ):
                return True
    return False


def _compiled_pattern(node: ast.Call, args: list[V]) -> str | None:
    """The constant pattern of `re.compile(pattern[, flags])`, when its meaning is plain.

    Not with flags that are unknown or include MULTILINE (`$` then matches before any
    newline, so `^[a-z]+$` lets "a\\n; rm -rf /" through) or VERBOSE.
    """
    if not args or not isinstance(args[0].c, str) or args[0].t:
        return None
    flag_nodes = [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]
    for flag in flag_nodes:
        for part in ast.walk(flag):
            if isinstance(part, ast.Attribute) and part.attr not in _HARMLESS_FLAGS:
                return None
            if isinstance(part, ast.Name) and part.id not in ("re", *_HARMLESS_FLAGS):
                return None
            if isinstance(part, (ast.Constant, ast.Call, ast.Subscript)):
                return None
    return args[0].c


def _passes_values(
    sink: Sink, args: list[V], keywords: dict[str, V], star: V | None, dstar: V | None
) -> bool:
    """Whether a call gives values other than the sink's own arguments that are not constants."""
    if star is not None or dstar is not None:
        return True
    others = [a for i, a in enumerate(args) if i not in sink.args]
    others.extend(v for k, v in keywords.items() if k not in sink.keywords)
    return any(not _constant_data(v) for v in others)


def _constant_data(value: V, depth: int = 0) -> bool:
    """A constant, a number (`i` of `for i in range(n)`, `len(x)`), or a literal container
    of those: nothing whose attributes lead anywhere."""
    if value.c is not NC or (value.ty == NUMBER and not value.t):
        return True
    if value.shape is None or value.rest is not None or depth > 3:
        return False
    parts = value.elts.values() if value.shape == "dict" else value.elts
    return all(_constant_data(p, depth + 1) for p in parts)


def _format_taint(
    template: str,
    args: list[V],
    keywords: dict[str, V],
    star: V | None,
    dstar: V | None,
    place: Callable[[Taint | None, str, str], Taint | None],
) -> Any:
    """The taint `template.format(...)` carries, field by field (NC: not worked out).

    A field with a numeric format spec (`{:d}`, `{price:.2f}`) passes none; a field
    whose value cannot be told (`*args`, a `**mapping` without that key) passes all.
    `place(taint, leading, before)` says what a value becomes after the template's
    leading text and the text before its field.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return NC
    if star is not None:
        return NC
    taints: list[Taint | None] = []
    automatic = 0
    leading = parsed[0][0] if parsed else ""
    before = ""
    for text, name, spec, _conversion in parsed:
        before += text
        if name is None:
            continue
        if spec and ("{" in spec or spec[-1] not in _NUMERIC_FORMATS):
            numeric = False
        else:
            numeric = bool(spec)
        root = re.split(r"[.\[]", name, maxsplit=1)[0]
        if root == "":
            index: int | str = automatic
            automatic += 1
        elif root.isdigit():
            index = int(root)
        else:
            index = root
        if isinstance(index, int):
            if index >= len(args):
                return NC
            value = args[index]
        elif index in keywords:
            value = keywords[index]
        elif dstar is not None and dstar.shape == "dict" and isinstance(dstar.elts, dict):
            item = dstar.elts.get(index)
            if item is None:
                if dstar.rest is None:
                    return NC
                item = dstar.rest
            value = item
        else:
            return NC
        if not numeric and value.t:
            taints.append(place(value.t, leading, before))
    return t_union_many(taints)


def _printf_taint(template: str, operand: V) -> Taint | None:
    """The taint `template % operand` carries: numeric conversions (`%d`, `%.2f`) pass none.

    A `%d` of anything but a number raises TypeError, so only digits reach the result.
    Unless every conversion is read, the operand's whole taint is kept.
    """
    conversions = _PRINTF.findall(template)
    if any(c[1] == "*" or c[2] == "*" for c in conversions):
        return operand.t
    used = [(key, kind) for key, _w, _p, kind in conversions if kind != "%"]
    if not used:
        return operand.t
    keyed = [key for key, _kind in used if key]
    if keyed:
        if len(keyed) != len(used) or operand.shape != "dict":
            return operand.t
        taints: list[Taint | None] = []
        for key, kind in used:
            if kind in _PRINTF_NUMERIC:
                continue
            item = operand.elts.get(key) if isinstance(operand.elts, dict) else None
            if item is None:
                return operand.t
            taints.append(item.t)
        return t_union_many(taints)
    if operand.shape == "tuple":
        if operand.rest is not None or len(operand.elts) != len(used):
            return operand.t
        return t_union_many(
            [
                item.t
                for item, (_k, kind) in zip(operand.elts, used, strict=True)
                if kind not in _PRINTF_NUMERIC
            ]
        )
    if operand.shape is None and len(used) == 1:
        return None if used[0][1] in _PRINTF_NUMERIC else operand.t
    return operand.t


def _first_character(index: ast.expr) -> bool:
    """`s[0]` or `s[:1]`: the subscript reads the first character."""
    if isinstance(index, ast.Constant):
        return index.value == 0 and not isinstance(index.value, bool)
    return (
        isinstance(index, ast.Slice)
        and index.lower is None
        and index.step is None
        and isinstance(index.upper, ast.Constant)
        and index.upper.value == 1
        and not isinstance(index.upper.value, bool)
    )


def _removed_characters(target: str, replacement: str) -> frozenset[str]:
    """The characters a replacement of `target` by `replacement` removes for good."""
    if len(target) == 1:
        return frozenset() if target in replacement else frozenset(target)
    if target.startswith("\x00class:"):
        chars = frozenset(target[len("\x00class:") :])
        return frozenset() if any(c in replacement for c in chars) else chars
    return frozenset()


def _character_class(pattern: str) -> str:
    """A pattern that is one character or one class of literal characters, as a marker."""
    if len(pattern) == 1 and pattern not in ".^$*+?{}[]\\|()":
        return pattern
    escapes = {"\\n": "\n", "\\r": "\r", "\\t": "\t"}
    if pattern in escapes:
        return escapes[pattern]
    if pattern.startswith("[") and pattern.endswith("]") and not pattern.startswith("[^"):
        body = pattern[1:-1]
        chars: list[str] = []
        index = 0
        while index < len(body):
            char = body[index]
            if char == "\\" and index + 1 < len(body):
                nxt = body[index + 1]
                chars.append({"n": "\n", "r": "\r", "t": "\t"}.get(nxt, nxt))
                index += 2
                continue
            if char == "-" and 0 < index < len(body) - 1:
                return ""  # a range: not a list of literal characters
            chars.append(char)
            index += 1
        return "\x00class:" + "".join(chars)
    return ""


# taint origins that may be input itself: a source, a parameter, a call's side effect
# on an argument (see taint_domain)
_INPUT_ORIGINS = frozenset({"S", "P", "E"})


def _constantly(value: V) -> Callable[[V], V]:
    """A refinement that replaces the value (equality with a literal)."""

    def refine(_current: V) -> V:
        return value

    return refine


def _with_prefix(prefix: str) -> Callable[[V], V]:
    """A refinement recording that the value starts with a constant prefix."""

    def refine(current: V) -> V:
        known = current.aux if isinstance(current.aux, str) else ""
        return current if len(known) >= len(prefix) else current.replace(aux=prefix)

    return refine


def _path_part(part: str) -> Callable[[V], V]:
    """A refinement recording half of a path check; with both halves, clean for paths.

    A name without ".." cannot climb, but joined as `os.path.join(base, "/etc/passwd")`
    it replaces the base; a relative name with ".." climbs. Only both together keep
    the name inside the folder.
    """

    def refine(current: V) -> V:
        if not current.t:
            return current
        return current.replace(t=_with_path_part(current.t, part))

    return refine


def _with_path_part(taint: Taint, part: str) -> Taint:
    other = _PATH_RELATIVE if part == _PATH_NO_DOTS else _PATH_NO_DOTS
    result: Taint = {}
    for origin, info in taint.items():
        clean = info[1] | {part}
        if other in clean:
            clean = clean | {"path"}
        result[origin] = (info[0], frozenset(clean), info[2])
    return result


def _relative_path(taint: Taint) -> Taint:
    """Input appended to a constant prefix: it cannot make the path absolute."""
    if not any(_PATH_NO_DOTS in info[1] for info in taint.values()):
        return taint
    return _with_path_part(taint, _PATH_RELATIVE)


_QUERY_LOOKBACK = 16  # nodes `_past_query_delimiter` inspects


def _flag_parameters(arguments: ast.arguments) -> frozenset[str]:
    """Parameters whose default is True or False (`def get(self, path, include_body=True)`):
    the code's own switches, which a URL pattern's groups (text) do not fill."""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaulted = positional[len(positional) - len(arguments.defaults) :]
    pairs = list(zip(defaulted, arguments.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d]
    return frozenset(
        arg.arg
        for arg, default in pairs
        if isinstance(default, ast.Constant) and isinstance(default.value, bool)
    )


def _written_as_data(sink: Sink, args: list[V], keywords: dict[str, V], env: Env) -> bool:
    """True when a response-body sink writes no page: after the handler declared a
    non-HTML Content-Type (`send_header("Content-Type", "text/plain")`), or a dict,
    which Tornado's `write` sends as JSON."""
    if not sink.response_body:
        return False
    chunk = args[0] if args else keywords.get("chunk")
    return _not_a_page(env) or (chunk is not None and chunk.shape == "dict")


_COLLECTION_TYPES = frozenset({"builtins.list", "builtins.tuple", "builtins.dict", "builtins.set"})


def _a_collection(value: V) -> bool:
    """A list, tuple, dict or set (by shape or type), not a string."""
    return value.shape in ("list", "tuple", "dict", "set") or value.ty in _COLLECTION_TYPES


def _path_separator(text: str) -> bool:
    """True when constant text between two parts of a string starts a path below the
    first part (`"/"`, `"/api/"`), not a scheme's `://`, a `//` or a port's `:`."""
    return text.startswith("/") and not text.startswith("//")


def _after_base(node: ast.expr) -> bool:
    """True when text built as `node` is some part followed by a literal path separator
    (`base + "/"`, `base + "/items/"`, `f"{base}/"`): what is appended is in its path."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        tail = node.right
        if isinstance(tail, ast.Constant) and isinstance(tail.value, str):
            return _path_separator(tail.value) and not isinstance(node.left, ast.Constant)
    if isinstance(node, ast.JoinedStr) and len(node.values) >= 2:
        *head, last = node.values
        return (
            isinstance(last, ast.Constant)
            and isinstance(last.value, str)
            and isinstance(head[-1], ast.FormattedValue)
            and _path_separator(last.value)
        )
    return False


def _past_query_delimiter(node: ast.expr) -> bool:
    """True when text built as `node` contains a literal `?` or `#` (`a + "?next=" + b`):
    what is appended to it is in a URL's query string or fragment.

    Looks at the last few pieces only: a long chain of `+` is walked link by link, and
    each link asking about all of its left side would make the walk quadratic.
    """
    pending = [node]
    budget = _QUERY_LOOKBACK
    while pending and budget:
        budget -= 1
        current = pending.pop()
        if isinstance(current, ast.Constant):
            if isinstance(current.value, str) and ("?" in current.value or "#" in current.value):
                return True
        elif isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            pending += (current.left, current.right)
        elif isinstance(current, ast.JoinedStr):
            pending += [v for v in current.values if isinstance(v, ast.Constant)]
    return False


class _Cleaning:
    """A refinement that marks the value clean for `kinds` (None: for every kind).

    The kinds stay readable: a disjunction of checks of which one is a project
    validator (known only at link time) combines them into one placeholder.
    """

    __slots__ = ("kinds",)

    def __init__(self, kinds: frozenset[str] | None) -> None:
        self.kinds = kinds

    def __call__(self, current: V) -> V:
        if self.kinds is None:
            return current.replace(t=None)
        return current.replace(t=t_clean(current.t, self.kinds))


def _either_cleaning(alternatives: list[list[Callable[[V], V]]]) -> Callable[[V], V] | None:
    """One refinement for `check1(x) or check2(x)` when a project validator is among them.

    `alternatives` holds each operand's refinements of the value. Each check cleans some
    kinds, a project validator a placeholder (see `VALIDATED_PREFIX`); the value is clean
    for the kinds every operand cleans, which only the link step can tell: one
    placeholder lists the alternatives. None when no placeholder is involved (joining the
    refined values intersects the cleaned kinds already).
    """
    listed: list[list[str]] = []
    for updates in alternatives:
        kinds: set[str] = set()
        for update in updates:
            if isinstance(update, _Cleaning):
                if update.kinds is None:
                    break  # cleans everything: it restricts none of the others
                kinds |= update.kinds
        else:
            listed.append(sorted(kinds))
    if not any(k.startswith(VALIDATED_PREFIX) for kinds in listed for k in kinds):
        return None
    if not listed:
        return _Cleaning(None)
    return _Cleaning(frozenset({VALIDATED_PREFIX + EITHER_MARK + json.dumps(listed)}))


def _opt_join(a: V | None, b: V | None) -> V | None:
    if a is None:
        return b
    if b is None:
        return a
    return join(a, b)


def _imprecise(value: V) -> V:
    if value.t:
        return value.replace(t=t_flag(value.t, F_IMPRECISE))
    return value


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _safe_eq(a: Any, b: Any) -> bool:
    if a is NC or b is NC:
        return False
    try:
        return (
            bool(a == b)
            and type(a) is type(b)
            or (
                isinstance(a, (int, float))
                and isinstance(b, (int, float))
                and not isinstance(a, bool)
                and not isinstance(b, bool)
                and a == b
            )
        )
    except Exception:  # noqa: BLE001
        return False


def _fold_binop(op: ast.operator, left: Any, right: Any) -> Any:
    try:
        if isinstance(op, ast.Add):
            if isinstance(left, (str, bytes)) and isinstance(right, type(left)):
                if len(left) + len(right) > _MAX_STR:
                    return NC
            result = left + right
        elif isinstance(op, ast.Sub):
            result = left - right
        elif isinstance(op, ast.Mult):
            if isinstance(left, (str, bytes, tuple, list)) or isinstance(
                right, (str, bytes, tuple, list)
            ):
                size = len(left) * right if isinstance(right, int) else len(right) * left
                if size > _MAX_STR:
                    return NC
            result = left * right
        elif isinstance(op, ast.Div):
            result = left / right
        elif isinstance(op, ast.FloorDiv):
            result = left // right
        elif isinstance(op, ast.Mod):
            result = left % right
            if isinstance(result, str) and len(result) > _MAX_STR:
                return NC
        elif isinstance(op, ast.Pow):
            if isinstance(right, (int, float)) and abs(right) > 64:
                return NC
            if isinstance(left, int) and abs(left) > 2**64:
                return NC
            result = left**right
        elif isinstance(op, ast.LShift):
            if right > 64:
                return NC
            result = left << right
        elif isinstance(op, ast.RShift):
            result = left >> right
        elif isinstance(op, ast.BitOr):
            result = left | right
        elif isinstance(op, ast.BitAnd):
            result = left & right
        elif isinstance(op, ast.BitXor):
            result = left ^ right
        else:
            return NC
    except Exception:  # noqa: BLE001 - TypeError, ZeroDivisionError, …: not foldable
        return NC
    if isinstance(result, (int, float, str, bytes, bool, tuple, type(None))):
        return result
    return NC


def _fold_compare(op: ast.cmpop, left: Any, right: Any) -> Any:
    try:
        if isinstance(op, ast.Eq):
            return left == right
        if isinstance(op, ast.NotEq):
            return left != right
        if isinstance(op, ast.Lt):
            return left < right
        if isinstance(op, ast.LtE):
            return left <= right
        if isinstance(op, ast.Gt):
            return left > right
        if isinstance(op, ast.GtE):
            return left >= right
        if isinstance(op, ast.In):
            return left in right
        if isinstance(op, ast.NotIn):
            return left not in right
        if isinstance(op, ast.Is):
            if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
                return left is right
            return NC
        if isinstance(op, ast.IsNot):
            if left is None or right is None or isinstance(left, bool) or isinstance(right, bool):
                return left is not right
            return NC
    except Exception:  # noqa: BLE001
        return NC
    return NC


def _url_components(name: str, result: V, args: list[V]) -> V:
    """A split URL as a tuple of its components; a joined one whose input reached only
    the components after the path (query, fragment, params) clean for redirects."""
    count = _URL_SPLITTERS.get(name)
    if count is not None:
        if result.shape is not None:
            return result
        part = V(t=result.t) if result.t else BOTTOM
        return container("tuple", (part,) * count, ty=result.ty)
    if not args or args[0].shape not in ("list", "tuple") or args[0].rest is not None:
        return result
    parts = args[0].elts
    if len(parts) <= _URL_WHERE or result.t is None:
        return result
    where = t_union_many([part.t for part in parts[:_URL_WHERE]]) or {}
    tail = t_union_many([part.t for part in parts[_URL_WHERE:]]) or {}
    return result.replace(
        t={
            origin: (info[0], info[1] | _URL_TAIL_CLEAN, info[2])
            if origin in tail and origin not in where
            else info
            for origin, info in result.t.items()
        }
    )


def is_harmless(marks: dict[str, bool] | None, kind: str) -> bool:
    """Whether a place's marks prove data there harmless for sink `kind`."""
    if not marks:
        return False
    verdict = marks.get(kind)
    if verdict is not None:
        return verdict
    return marks.get("*", False)
