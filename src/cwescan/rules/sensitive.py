"""Sensitive data written in clear text: to logs and consoles (CWE-532) and to storage
such as cookies and files (CWE-312).

What is sensitive follows CodeQL's SensitiveDataHeuristics: a value read from a
variable, parameter, attribute, dict key, `.get(...)` key or keyword named like a
password, a secret (token, API key, private key, credentials) or private data (credit
card number, SSN, bank account), or returned by a function named like one
(`get_password()`); the result of `getpass.getpass()`. Names that denote data derived
from a secret or about it (`password_hash`, `token_url`, `password_policy`,
`api_key_id`, `is_secret`) are not. Account names and session ids (CodeQL's "id"
category) are not reported; certificates only when stored.

The value is followed inside one function (or module body), in statement order:
through assignments, f-strings, `%`, `str.format`, concatenation, string methods,
containers and unpacking, with branches merged. A call that masks, hashes, measures or
tests it (`len`, `hashlib.*`, `mask(...)`, `bool`, `"*" * len(pw)`, a slice) makes it
safe, and so does any call not known to pass its argument through.

Across the functions of one module (and methods called as `self.method(...)`) the
analysis uses summaries, as CodeQL's data flow does: a function whose parameter reaches
a sink (directly or through other such functions, to a fixpoint) makes its call sites
sinks for that argument, reported at the call; a function that returns a sensitive value
(or an argument's) makes its result sensitive where it is called; what the function does
to the value on the way (masking, hashing) counts. A parameter named as sensitive is
reported at the helper's own sink, not again at each call.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from cwescan.analysis.callgraph import strongly_connected_components
from cwescan.analysis.names import NameResolver, Scope
from cwescan.analysis.parsing import ParsedModule
from cwescan.analysis.sensitive_names import (
    CATEGORY_ORDER,
    CERTIFICATE,
    LOG_METHODS,
    PASSWORD,
    PRIVATE,
    SECRET,
    NameKind,
    classify_name,
    is_logger_name,
    name_words,
)
from cwescan.analysis.walk import LEAF_EXPRESSIONS, child_nodes
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, keyword, remember_per_file, rule
from cwescan.rules.secrets import enclosing_function, short_code

# -- values: where a sensitive value came from, how it got here -------------------------


@dataclass(frozen=True)
class Origin:
    """A sensitive value: what it is, where it was read, and the steps to the sink."""

    category: str
    confidence: Confidence
    what: str  # "the parameter `password`", "`request.form['password']`"
    line: int
    steps: tuple[str, ...] = ()
    token: bool = False  # an access, session or reset token rather than a password or key
    # the parameters of the function analysed for its summary the value is made from
    # (their values at a call site flow here); category MARK when it is only that
    params: frozenset[str] = frozenset()
    # held under a key of a mapping (`{"password": pw}`): a `%` template read elsewhere
    # shows it only if it names the key
    keyed: bool = False
    # of `params`, those here only as the mapping of `template % mapping` with a template
    # not seen: a caller's mapping of secrets reaches the sink only if the template says so
    mapped: frozenset[str] = frozenset()

    @classmethod
    def named(cls, kind: NameKind, what: str, line: int) -> Origin:
        """The value a name of this kind holds."""
        return cls(kind.category, kind.confidence, what, line, token=kind.token)

    def through(self, step: str) -> Origin:
        if len(self.steps) >= 4 or step in self.steps:
            return self
        return replace(self, steps=(*self.steps, step))

    def real(self) -> Value:
        """The value without what the summary's parameters bring (unknown if only that)."""
        if self.category == MARK:
            return None
        if not self.params:
            return self
        return replace(self, params=frozenset(), mapped=frozenset())


class _Clean:
    """A value known not to be sensitive (a literal, a length, a hash)."""


CLEAN = _Clean()
Value = Origin | _Clean | None  # None: unknown (not sensitive unless its name says so)
# a parameter's value while a function is analysed for its summary: whatever a caller passes
MARK = "parameter"
_CATEGORY_RANK = {**CATEGORY_ORDER, MARK: len(CATEGORY_ORDER)}

_CONFIDENCE_RANK = {Confidence.HIGH: 2, Confidence.MEDIUM: 1, Confidence.LOW: 0}


def _stronger(first: Value, second: Value) -> Value:
    """The value of an expression made of both (a sensitive part wins)."""
    if isinstance(first, Origin) and isinstance(second, Origin):
        a, b = _CATEGORY_RANK[first.category], _CATEGORY_RANK[second.category]
        if a != b:
            chosen = first if a < b else second
        else:
            surer = _CONFIDENCE_RANK[first.confidence] >= _CONFIDENCE_RANK[second.confidence]
            chosen = first if surer else second
        params = first.params | second.params
        if params != chosen.params:  # both parts reach the sink: keep every parameter
            direct = (first.params - first.mapped) | (second.params - second.mapped)
            chosen = replace(chosen, params=params,
                             mapped=(first.mapped | second.mapped) - direct)
        return chosen
    if isinstance(first, Origin):
        return first
    if isinstance(second, Origin):
        return second
    if first is CLEAN and second is CLEAN:
        return CLEAN
    return None


def _merge_values(values: Sequence[Value]) -> Value:
    found: Value = CLEAN if values else None
    for value in values:
        found = _stronger(found, value)
    return found


# -- calls: sources, masks, pass-throughs ------------------------------------------------

_PASSWORD_PROMPTS = frozenset({"getpass.getpass", "getpass.unix_getpass", "getpass.win_getpass",
                               "click.prompt", "typer.prompt"})
_TOKEN_CALLS = frozenset({"jwt.encode", "jose.jwt.encode", "flask_jwt_extended.create_access_token",
                          "flask_jwt_extended.create_refresh_token"})
# calls whose result holds their argument's text
_PASS_THROUGH_CALLS = frozenset(
    {"builtins.str", "builtins.repr", "builtins.format", "builtins.bytes",
     "builtins.bytearray", "builtins.list", "builtins.tuple", "builtins.set",
     "builtins.frozenset", "builtins.dict", "builtins.sorted", "builtins.reversed",
     "builtins.ascii", "json.dumps", "base64.b64encode", "base64.b64decode",
     "base64.urlsafe_b64encode", "base64.urlsafe_b64decode", "base64.b32encode",
     "base64.b16encode", "base64.encodebytes", "base64.standard_b64encode",
     "binascii.hexlify", "binascii.b2a_base64", "codecs.encode", "codecs.decode",
     "urllib.parse.quote", "urllib.parse.quote_plus", "urllib.parse.urlencode",
     "urllib.parse.unquote", "pprint.pformat", "textwrap.dedent", "textwrap.indent",
     "textwrap.shorten", "copy.copy", "copy.deepcopy", "yaml.dump", "yaml.safe_dump",
     "toml.dumps", "tomli_w.dumps", "shlex.quote", "shlex.join", "html.escape",
     "markupsafe.escape", "os.fsencode", "os.fsdecode"}
)
# string and container methods whose result holds the receiver's text
_PASS_THROUGH_METHODS = frozenset(
    {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold",
     "swapcase", "encode", "decode", "split", "rsplit", "splitlines", "partition",
     "rpartition", "removeprefix", "removesuffix", "zfill", "ljust", "rjust", "center",
     "expandtabs", "hex", "copy", "items", "values", "pop", "popitem", "getvalue",
     "to_dict", "dict", "model_dump", "json", "model_dump_json", "as_dict", "_asdict",
     "get_secret_value"}
)
# methods of a format or separator string whose result holds their arguments
_FORMAT_METHODS = frozenset({"format", "format_map", "join", "replace"})
# words of a callee's name that make its result safe to show (a mask, a hash, a check)
_MASKING_WORDS = frozenset(
    {"mask", "masked", "redact", "redacted", "hash", "hashed", "hasher", "digest", "sha",
     "md", "encrypt", "encrypted", "obfuscate", "obfuscated", "censor", "censored",
     "anonymize", "anonymise", "scrub", "sanitize", "sanitise", "hide", "hidden", "truncate",
     "truncated", "shorten", "fingerprint", "check", "verify", "validate", "compare",
     "len", "length", "count", "bool", "is", "has", "matches", "strength", "score",
     "pbkdf", "bcrypt", "scrypt", "argon", "hmac", "make", "set", "crypt", "blake",
     "elide", "star", "stars", "asterisk"}
)


# -- sinks ------------------------------------------------------------------------------

_LOGGER_FACTORIES = frozenset(
    {"logging.getLogger", "logging.Logger", "logging.LoggerAdapter", "logging.getLoggerClass",
     "structlog.get_logger", "structlog.getLogger", "structlog.wrap_logger",
     "loguru.logger.bind", "loguru.logger.opt", "celery.utils.log.get_task_logger",
     "logging.root"}
)
_LOGGER_OBJECTS = frozenset({"loguru.logger", "logging.root", "structlog.stdlib.get_logger"})
_CONSOLE_CALLS = frozenset(
    {"builtins.print", "click.echo", "click.secho", "typer.echo", "pprint.pprint",
     "pprint.pp", "rich.print", "sys.stdout.write", "sys.stderr.write", "sys.stdout.writelines",
     "sys.stderr.writelines", "sys.__stdout__.write", "sys.__stderr__.write", "tqdm.tqdm.write"}
)
_NOT_LOGGED_KEYWORDS = frozenset(
    {"exc_info", "stack_info", "stacklevel", "sep", "end", "file", "flush", "level", "err",
     "fg", "bg", "bold", "nl", "color", "category"}
)
_OPENERS = frozenset(
    {"builtins.open", "io.open", "codecs.open", "os.fdopen", "gzip.open", "bz2.open",
     "lzma.open", "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile",
     "tempfile.SpooledTemporaryFile", "aiofiles.open", "io.FileIO", "pathlib.Path.open"}
)
_FILE_NAME = re.compile(
    r"(?i)^(?:f|fp|fh|fd|fo|fout|outf|(?:[a-z0-9]+_)*file(?:_?obj)?|out|output)$"
)
_DUMPERS = {  # function → (position of the data, position of the file)
    "json.dump": (0, 1), "pickle.dump": (0, 1), "marshal.dump": (0, 1), "yaml.dump": (0, 1),
    "yaml.safe_dump": (0, 1), "toml.dump": (0, 1), "tomli_w.dump": (0, 1),
    "plistlib.dump": (0, 1), "dill.dump": (0, 1), "joblib.dump": (0, 1),
}
_CSV_WRITERS = frozenset({"csv.writer", "csv.DictWriter"})
_CONFIG_PARSERS = frozenset(
    {"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}
)
LOG = "log"
STORE = "store"


@dataclass(frozen=True)
class Hit:
    """A sensitive value reaching a sink."""

    kind: str  # LOG or STORE
    sink: ast.AST
    sink_name: str
    value: ast.expr
    origin: Origin
    how: str = ""  # "a cookie", "a file"
    # for a call of a function of the module: the parameter and the path to the sink
    # ("`audit()` as `detail` → `logger.info` (line 12)")
    via: str = ""


@dataclass(frozen=True)
class ParameterSink:
    """A parameter of a function that reaches a sink (its summary's entry)."""

    kind: str  # LOG or STORE
    sink_name: str
    how: str
    path: str  # "`logger.info` (line 12)", "`_emit()` → `print` (line 30)"
    # only as the mapping of a `%` template not seen there: not for a mapping of secrets
    mapped: bool = False


@dataclass(frozen=True)
class Summary:
    """What calling a function of the module does with sensitive values: which
    parameters reach a log or storage sink, and what it returns (a sensitive value of
    its own, and which parameters' values flow into the result)."""

    sinks: tuple[tuple[str, ParameterSink], ...] = ()
    returned: Value = None
    returned_params: frozenset[str] = frozenset()

    def sink_of(self, parameter: str, kind: str) -> ParameterSink | None:
        for name, sink in self.sinks:
            if name == parameter and sink.kind == kind:
                return sink
        return None


NO_SUMMARY = Summary()


@dataclass
class _State:
    """What is known at one point of a function: sensitive values by variable name,
    and which names hold files, CSV writers, config parsers and loggers."""

    values: dict[str, Value] = field(default_factory=dict)
    # name → "file" / "csv" / "config" / "logger"
    handles: dict[str, str] = field(default_factory=dict)

    def copy(self) -> _State:
        return _State(dict(self.values), dict(self.handles))

    def merge(self, other: _State) -> None:
        """Join the state at the end of another path. A name one path does not bind keeps
        its value from outside the body there (a parameter's, judged by its name), so
        unless the other path made it sensitive it is dropped and read from outside."""
        for name in set(self.values) | set(other.values):
            mine, theirs = self.values.get(name), other.values.get(name)
            if isinstance(mine, Origin) or isinstance(theirs, Origin):
                self.values[name] = _stronger(mine, theirs)
            elif name in self.values and name in other.values:
                self.values[name] = _stronger(mine, theirs)  # CLEAN only if both are
            else:
                self.values.pop(name, None)
        for name, handle in other.handles.items():
            self.handles.setdefault(name, handle)


_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class _FlowAnalysis:
    """Follows sensitive values through one function body (or module body) in order."""

    def __init__(
        self, resolver: NameResolver, scope: Scope, parameters: dict[str, ast.arg],
        module: ModuleFunctions | None = None, *, summary: bool = False,
    ) -> None:
        self.resolver = resolver
        self.scope = scope
        self.parameters = parameters
        self.module = module
        # (id of the sink, LOG or STORE) → the hit
        self.hits: dict[tuple[int, str], Hit] = {}
        self._names: dict[int, str | None] = {}
        # analysing a function for its summary: a parameter not named as sensitive holds
        # a MARK (what the caller passes); what reaches sinks and returns is recorded
        self.summary = summary
        self.parameter_sinks: dict[tuple[str, str], ParameterSink] = {}
        self.returns: list[Value] = []
        self.receiver = _receiver_parameter(scope) if summary else None

    # -- names --------------------------------------------------------------------------

    def qualified(self, node: ast.expr) -> str | None:
        key = id(node)
        if key not in self._names:
            self._names[key] = self.resolver.qualified_name(node, self.scope)
        return self._names[key]

    def _outer_value(self, node: ast.Name) -> Value:
        """The value of a name not assigned in this body: a parameter or an outer name."""
        name = node.id
        binding = self.resolver.lookup(name, self.scope)
        if binding is not None and binding.kind == "constant":
            return CLEAN
        if binding is not None and binding.kind in ("import", "alias", "def"):
            return None  # a module, class or function: what its calls return is unknown
        if binding is not None and binding.kind == "local" and binding.value is not None:
            if _is_literal(binding.value):
                return CLEAN
        kind = classify_name(name)
        marked = frozenset((name,)) if (
            self.summary and name in self.parameters and name != self.receiver) else frozenset()
        if kind is None:
            if marked:
                return Origin(MARK, Confidence.LOW, f"the parameter `{name}`", node.lineno,
                              params=marked)
            return None
        if marked:  # sensitive by its name here, and what a caller passes for the result
            return Origin(kind.category, kind.confidence, f"the parameter `{name}`",
                          node.lineno, token=kind.token, params=marked)
        what = "the parameter" if name in self.parameters else "the variable"
        return Origin.named(kind, f"{what} `{name}`", node.lineno)

    # -- statements ---------------------------------------------------------------------

    def run(self, body: Sequence[ast.stmt], state: _State) -> _State:
        for statement in body:
            state = self.statement(statement, state)
        return state

    def statement(self, node: ast.stmt, state: _State) -> _State:
        if isinstance(node, _BOUNDARIES):
            return state
        if isinstance(node, ast.If):
            self.sinks(node.test, state)
            then = self.run(node.body, state.copy())
            otherwise = self.run(node.orelse, state.copy())
            then.merge(otherwise)
            return then
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            if isinstance(node, ast.While):
                self.sinks(node.test, state)
            result = state.copy()
            current = state.copy()
            for _ in range(2):  # a second round sees what the first one assigned
                before = current.values.copy()
                if not isinstance(node, ast.While):
                    self.sinks(node.iter, current)
                    self.bind(node.target, self.value(node.iter, current), current, node.iter)
                current = self.run(node.body, current)
                result.merge(current)
                if current.values == before:
                    break  # nothing new for a second round to see
            return self.run(node.orelse, result)
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                self.sinks(item.context_expr, state)
                if item.optional_vars is not None:
                    self.bind(item.optional_vars, self.value(item.context_expr, state), state,
                              item.context_expr)
            return self.run(node.body, state)
        if isinstance(node, ast.Try) or node.__class__.__name__ == "TryStar":
            after_body = self.run(node.body, state.copy())  # type: ignore[attr-defined]
            entry = state.copy()
            entry.merge(after_body)
            result = self.run(node.orelse, after_body)  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                result.merge(self.run(handler.body, entry.copy()))
            return self.run(node.finalbody, result)  # type: ignore[attr-defined]
        if isinstance(node, ast.Match):
            self.sinks(node.subject, state)
            joined = state.copy()
            for case in node.cases:
                joined.merge(self.run(case.body, state.copy()))
            return joined
        # a simple statement: sinks first (with the values before it), then bindings
        for expression in _own_expressions(node):
            self.sinks(expression, state)
        if isinstance(node, ast.Return) and self.summary:
            self.returns.append(self.value(node.value, state))
        elif isinstance(node, ast.Assign):
            value = self.value(node.value, state)
            for target in node.targets:
                self.store_sink(target, node.value, value, state)
                self.bind(target, value, state, node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            value = self.value(node.value, state)
            self.bind(node.target, value, state, node.value)
        elif isinstance(node, ast.AugAssign):
            value = self.value(node.value, state)
            old = self.value(node.target, state) if isinstance(node.target, ast.Name) else None
            combined = _stronger(old, value)
            if isinstance(node.target, ast.Name):
                self._set(node.target.id, combined, state, node.lineno)
            else:
                self._taint_container(node.target, value, state)
        return state

    def store_sink(self, target: ast.expr, source: ast.expr, value: Value, state: _State) -> None:
        """`response.cookies["name"] = value`: a cookie set by assignment."""
        if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
                and target.value.attr == "cookies" and isinstance(value, Origin)):
            if value.category != MARK:
                self.hits.setdefault((id(target), STORE), Hit(
                    STORE, target, short_code(target.value, 40), source, value, "a cookie"))
            self._parameters_reach(value, STORE, short_code(target.value, 40), "a cookie",
                                   target.lineno)

    def _set(self, name: str, value: Value, state: _State, line: int) -> None:
        if isinstance(value, Origin) and value.what != f"the variable `{name}`":
            value = value.through(f"`{name}` (line {line})")
        state.values[name] = value
        state.handles.pop(name, None)

    def bind(self, target: ast.expr, value: Value, state: _State, source: ast.expr | None) -> None:
        """Bind `target` to a value: by its own name when the value is not clean."""
        if isinstance(target, ast.Name):
            if source is not None:
                handle = self._handle_kind(source, state)
                if handle is not None:
                    state.values[target.id] = CLEAN
                    state.handles[target.id] = handle
                    return
            if value is None or (isinstance(value, Origin)
                                 and value.category in (CERTIFICATE, MARK)):
                kind = classify_name(target.id)
                if kind is not None:
                    value = Origin.named(kind,
                                   f"the variable `{target.id}`", target.lineno)
            self._set(target.id, value, state, target.lineno)
        elif isinstance(target, (ast.Tuple, ast.List)):
            elements = None
            if isinstance(source, (ast.Tuple, ast.List)) and len(source.elts) == len(target.elts):
                elements = source.elts
            for index, element in enumerate(target.elts):
                if elements is not None:
                    self.bind(element, self.value(elements[index], state), state, elements[index])
                else:
                    inner = element.value if isinstance(element, ast.Starred) else element
                    part = value if not _names_account(inner) else None
                    self.bind(inner, part, state, None)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, value, state, None)
        elif isinstance(target, ast.Subscript):
            key = target.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and value is None:
                kind = classify_name(key.value, key=True)
                if kind is not None:
                    value = Origin.named(kind,
                                   f"the value stored under `{key.value!r}`", target.lineno)
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                value = _keyed(value)
            self._taint_container(target.value, value, state)

    def _taint_container(self, target: ast.expr, value: Value, state: _State) -> None:
        """`config["db"]["password"] = pw`: the container now holds a sensitive value."""
        root = _root_name(target)
        if root is not None and isinstance(value, Origin):
            old = state.values.get(root)
            state.values[root] = _stronger(old if isinstance(old, Origin) else None, value)

    def _handle_kind(self, source: ast.expr, state: _State) -> str | None:
        if isinstance(source, ast.Await):
            source = source.value
        if not isinstance(source, ast.Call):
            return None
        name = self.qualified(source.func)
        func = source.func
        if name in _OPENERS or (isinstance(func, ast.Attribute) and func.attr == "open"
                                and _opens_for_writing(source)):
            return "file"
        if name in _CSV_WRITERS:
            return "csv"
        if name in _CONFIG_PARSERS:
            return "config"
        if name in _LOGGER_FACTORIES:
            return "logger"
        return None

    # -- expressions --------------------------------------------------------------------

    def value(self, node: ast.expr | None, state: _State) -> Value:  # noqa: C901
        """What `node` evaluates to: a sensitive Origin, CLEAN, or None (unknown)."""
        if node is None:
            return CLEAN
        if isinstance(node, ast.Constant):
            return CLEAN
        if isinstance(node, ast.Name):
            if node.id in state.values:
                return state.values[node.id]
            return self._outer_value(node)
        if isinstance(node, ast.Attribute):
            if node.attr in ("data", "value", "raw_value", "plaintext"):
                base = self.value(node.value, state)  # `form.password.data`
                if isinstance(base, Origin):
                    return base
            kind = classify_name(node.attr)
            if kind is not None and not self._is_module(node.value):
                return Origin.named(kind,
                              f"the attribute `{short_code(node, 40)}`", node.lineno)
            if kind is not None:  # `settings.SECRET_KEY`
                return Origin.named(kind, f"`{short_code(node, 40)}`",
                              node.lineno)
            return None
        if isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Slice):
                if _identifying_slice(key):
                    return CLEAN  # `token[:6]`, `card[-4:]`: a part to recognise it by
                return _only_origin(self.value(node.value, state))  # `header[7:]`
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                kind = classify_name(key.value, key=True)
                if kind is not None and not _describes_fields(node.value):
                    return Origin.named(kind,
                                  f"`{short_code(node, 50)}`", node.lineno)
                if set(name_words(key.value)) & _PUBLIC_PARTS:
                    return None  # `credentials["username"]`, `token_info["expires_in"]`
            return _only_origin(self.value(node.value, state))  # `api_keys["github"]`
        if isinstance(node, ast.Call):
            return self.call_value(node, state)
        if isinstance(node, ast.JoinedStr):
            return _merge_values([self.value(v.value, state) for v in node.values
                                  if isinstance(v, ast.FormattedValue)])
        if isinstance(node, ast.FormattedValue):
            return self.value(node.value, state)
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mult):
                return CLEAN  # `"*" * len(pw)`, numbers
            if isinstance(node.op, (ast.Add, ast.Mod)):
                right = node.right
                parts = [node.left, *(right.elts if isinstance(right, ast.Tuple) else [right])]
                if isinstance(right, ast.Dict) and isinstance(node.op, ast.Mod):
                    return _stronger(self.value(node.left, state), self.value(right, state))
                values = [self.value(p, state) for p in parts]
                mapping = values[-1]
                if isinstance(node.op, ast.Mod) and isinstance(mapping, Origin) and not (
                    isinstance(right, ast.Tuple) or values[0] is CLEAN
                ):  # `template % params`, the template not known here (not a constant):
                    # which keys of a mapping it shows is unknown (Django's Oracle backend
                    # formats DDL from one dict of the user, password and tablespaces)
                    if mapping.keyed:
                        values[-1] = None
                    elif mapping.params:  # a caller's mapping of secrets is not reported
                        values[-1] = replace(mapping, mapped=mapping.params)
                return _merge_values(values)
            return CLEAN
        if isinstance(node, (ast.Compare, ast.UnaryOp)):
            return CLEAN  # a boolean, a number
        if isinstance(node, ast.BoolOp):
            return _merge_values([self.value(v, state) for v in node.values])
        if isinstance(node, ast.IfExp):
            return _merge_values([self.value(node.body, state), self.value(node.orelse, state)])
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return _merge_values([self.value(e, state) for e in node.elts])
        if isinstance(node, ast.Starred):
            return self.value(node.value, state)
        if isinstance(node, ast.Dict):
            entries = zip(node.keys, node.values, strict=True)
            return _keyed(_merge_values([self._entry(k, v, state) for k, v in entries]))
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = state.copy()
            for generator in node.generators:
                self.bind(generator.target, self.value(generator.iter, inner), inner, None)
            if isinstance(node, ast.DictComp):
                return _merge_values([self.value(node.key, inner), self.value(node.value, inner)])
            return self.value(node.elt, inner)
        if isinstance(node, ast.NamedExpr):
            value = self.value(node.value, state)
            self.bind(node.target, value, state, node.value)
            return value
        if isinstance(node, ast.Await):
            return self.value(node.value, state)
        if isinstance(node, ast.Lambda):
            return CLEAN
        return None

    def _entry(self, key: ast.expr | None, value: ast.expr, state: _State) -> Value:
        """A dict entry: its value, or sensitive by its key's name (`{"password": pw}`)."""
        found = self.value(value, state)
        if found is None and isinstance(key, ast.Constant) and isinstance(key.value, str):
            kind = classify_name(key.value, key=True)
            if kind is not None:
                return Origin.named(kind,
                              f"the value under the key {key.value!r}", value.lineno)
        return found

    def _keyword_value(self, kw: ast.keyword, state: _State) -> Value:
        found = self.value(kw.value, state)
        if found is None and kw.arg:
            kind = classify_name(kw.arg, key=True)
            if kind is not None:
                return Origin.named(kind,
                              f"the value passed as `{kw.arg}=`", kw.value.lineno)
        return found

    def call_value(self, node: ast.Call, state: _State) -> Value:  # noqa: C901
        name = self.qualified(node.func)
        func = node.func
        if name in _PASSWORD_PROMPTS:
            if name.startswith("getpass.") or keyword(node, "hide_input") is not None:
                return Origin(PASSWORD, Confidence.HIGH, f"`{short_code(node, 40)}`", node.lineno)
        if name in ("builtins.input", "click.prompt", "typer.prompt") and node.args:
            prompt = node.args[0]
            if isinstance(prompt, ast.Constant) and isinstance(prompt.value, str):
                asked = _prompt_kind(prompt.value)
                if asked is not None:
                    return Origin(asked, Confidence.MEDIUM, f"`{short_code(node, 40)}`",
                                  node.lineno)
        if name in _TOKEN_CALLS or (isinstance(func, ast.Attribute) and func.attr == "make_token"):
            return Origin(SECRET, Confidence.MEDIUM, f"the token from `{short_code(node.func)}`",
                          node.lineno, token=True)
        callee_name = name.rpartition(".")[2] if name else (
            func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        )
        if _masks(callee_name) or name in ("builtins.len", "builtins.bool", "builtins.hash",
                                      "builtins.int", "builtins.float", "builtins.id",
                                      "builtins.type", "builtins.isinstance", "builtins.any",
                                      "builtins.all") or (name or "").startswith(
            ("hashlib.", "hmac.", "bcrypt.", "passlib.", "argon2.", "cryptography.",
             "werkzeug.security.", "django.contrib.auth.hashers.", "nacl.", "Crypto.")
        ):
            return CLEAN
        # `x.get("password")`, `os.getenv("API_KEY")`, `request.POST.get("password", "")`
        if callee_name in ("get", "getenv", "getlist", "pop") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                kind = classify_name(first.value, key=True)
                receiver = func.value if isinstance(func, ast.Attribute) else None
                if kind is not None and not (receiver and _describes_fields(receiver)):
                    return Origin.named(kind,
                                  f"`{short_code(node, 50)}`", node.lineno)
                return None
        if name in _PASS_THROUGH_CALLS:
            parts = [self.value(a, state) for a in node.args]
            parts += [self._keyword_value(kw, state) for kw in node.keywords
                      if kw.arg not in ("indent", "sort_keys", "default", "separators", "safe",
                                        "encoding", "errors")]
            return _only_origin(_merge_values(parts))
        callee = self.module.callee(node, self.scope) if self.module is not None else None
        if callee is not None:  # a function of this module: what its summary returns
            returned = self._returned(node, callee, state)
            if returned is not None:
                return returned
        if isinstance(func, ast.Attribute):
            if func.attr in _FORMAT_METHODS:
                parts = [self.value(func.value, state)]
                parts += [self.value(a, state) for a in node.args]
                parts += [self._keyword_value(kw, state) for kw in node.keywords]
                return _only_origin(_merge_values(parts))
            if func.attr in _PASS_THROUGH_METHODS:
                return _only_origin(self.value(func.value, state))
        if isinstance(func, ast.Attribute) and self.value(func.value, state) is CLEAN and not any(
            isinstance(self.value(a, state), Origin) for a in node.args
        ):
            return CLEAN  # `hashlib.sha256(pw).hexdigest()`, `"abc".upper()`
        # a function named after what it returns: `get_password()`, `self.api_key()`
        if callee_name:
            kind = classify_name(callee_name, call=True)
            if kind is not None:
                return Origin.named(kind,
                              f"the result of `{short_code(node.func, 40)}()`", node.lineno)
        return None

    def _returned(self, call: ast.Call, callee: Callee, state: _State) -> Value:
        """What a call of a function of the module returns, from its summary: a
        sensitive value it reads, the arguments it passes on, CLEAN when it returns only
        clean values, None when unknown (then its name decides)."""
        assert self.module is not None
        summary = self.module.summary(callee)
        found = summary.returned
        if isinstance(found, Origin):
            found = found.through(f"the result of `{callee.name}()` (line {call.lineno})")
        if summary.returned_params:
            for parameter, _, value in self._arguments(call, callee, state):
                if parameter in summary.returned_params:
                    found = _stronger(found, value)
        return found

    def _arguments(self, call: ast.Call, callee: Callee, state: _State
                   ) -> Iterator[tuple[str, ast.expr, Value]]:
        """The value of each argument of a call, by the parameter that receives it."""
        for parameter, argument in callee.bind(call):
            if isinstance(argument, ast.keyword):
                yield parameter, argument.value, self._keyword_value(argument, state)
            else:
                yield parameter, argument, self.value(argument, state)

    def _function_call(self, call: ast.Call, callee: Callee, state: _State) -> None:
        """A call of a function of the module whose parameter reaches a sink: a sink for
        the argument it receives there (positional or keyword)."""
        assert self.module is not None
        if not self.module.may_reach_sink(callee.node):
            return
        summary = self.module.summary(callee)
        if not summary.sinks:
            return
        for parameter, node, value in self._arguments(call, callee, state):
            if not isinstance(value, Origin):
                continue
            for kind in (LOG, STORE):
                sink = summary.sink_of(parameter, kind)
                if sink is None or (sink.mapped and value.keyed):
                    continue
                path = f"`{callee.name}()` → {sink.path}"
                via = f"passed to `{callee.name}()` as `{parameter}`, which reaches {sink.path}"
                passed = replace(value, mapped=value.params) if sink.mapped else value
                self._report(call, kind, sink.sink_name, node, passed, sink.how, path, via)

    def _is_module(self, node: ast.expr) -> bool:
        if not isinstance(node, ast.Name):
            return False
        binding = self.resolver.lookup(node.id, self.scope)
        return binding is not None and binding.kind in ("import", "alias")

    # -- sinks --------------------------------------------------------------------------

    def sinks(self, expression: ast.expr, state: _State) -> None:
        """Record every sink call inside `expression` that a sensitive value reaches."""
        for call in _calls_in(expression):
            self.sink_call(call, state)

    def sink_call(self, call: ast.Call, state: _State) -> None:  # noqa: C901
        func = call.func
        name = self.qualified(func)
        leaf = func.attr if isinstance(func, ast.Attribute) else (
            name.rpartition(".")[2] if name else getattr(func, "id", "")
        )
        if name in _CONSOLE_CALLS or (name or "").endswith(".rich.print") or (
            isinstance(func, ast.Attribute) and func.attr in ("write", "writelines")
            and isinstance(func.value, ast.Attribute) and func.value.attr in ("stdout", "stderr")
        ):
            destination = keyword(call, "file")
            if destination is not None and self._is_file(destination, state):
                self._check_arguments(call, STORE, "print", "a file", state)
            elif destination is None or _is_console(destination):
                shown = "print" if name == "builtins.print" else (name or short_code(func, 30))
                self._check_arguments(call, LOG, shown, "", state)
            return
        if leaf in LOG_METHODS and (
            (name is not None and name.startswith("logging.") and name.count(".") == 1)
            or (isinstance(func, ast.Attribute) and self._is_logger(func.value, state))
        ):
            skip = 1 if leaf == "log" else 0
            self._check_arguments(call, LOG, short_code(func, 40), "", state, skip=skip)
            return
        if leaf in ("set_cookie", "set_signed_cookie"):
            value = call.args[1] if len(call.args) > 1 else keyword(call, "value")
            if value is not None:
                self._report(call, STORE, short_code(func, 40), value, self.value(value, state),
                             "a cookie")
            return
        if leaf in ("write_text", "write_bytes") and call.args:
            self._report(call, STORE, short_code(func, 40), call.args[0],
                         self.value(call.args[0], state), "a file")
            return
        if leaf in ("write", "writelines") and isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and state.handles.get(receiver.id) == "config":
                self._report(call, STORE, short_code(func, 40), receiver,
                             self.value(receiver, state), "a configuration file")
            elif self._is_file(receiver, state) and call.args:
                self._report(call, STORE, short_code(func, 40), call.args[0],
                             self.value(call.args[0], state), "a file")
            return
        if leaf in ("writerow", "writerows") and isinstance(func, ast.Attribute):
            receiver = func.value
            if (isinstance(receiver, ast.Name) and state.handles.get(receiver.id) == "csv") or (
                isinstance(receiver, ast.Call) and self.qualified(receiver.func) in _CSV_WRITERS
            ):
                if call.args:
                    self._report(call, STORE, short_code(func, 40), call.args[0],
                                 self.value(call.args[0], state), "a CSV file")
            return
        if name in _DUMPERS:
            data_at, file_at = _DUMPERS[name]
            target = call.args[file_at] if len(call.args) > file_at else (
                keyword(call, "fp") or keyword(call, "stream") or keyword(call, "file")
            )
            data = call.args[data_at] if len(call.args) > data_at else keyword(call, "obj")
            if target is not None and data is not None:
                if _is_console(target):  # `json.dump(data, sys.stdout)`
                    self._report(call, LOG, name, data, self.value(data, state), "")
                else:
                    self._report(call, STORE, name, data, self.value(data, state), "a file")
            return
        if name == "os.write" and len(call.args) > 1:
            self._report(call, STORE, name, call.args[1], self.value(call.args[1], state), "a file")
            return
        if self.module is not None:
            callee = self.module.callee(call, self.scope)
            if callee is not None:
                self._function_call(call, callee, state)
        self._mutation(call, state)

    def _mutation(self, call: ast.Call, state: _State) -> None:
        """`parts.append(pw)`, `cfg.set("db", "password", pw)`, `d.update(password=pw)`."""
        func = call.func
        if not isinstance(func, ast.Attribute):
            return
        root = _root_name(func.value)
        if root is None:
            return
        found: Value = None
        if func.attr in ("append", "extend", "add", "insert", "appendleft", "update",
                         "setdefault", "write"):
            found = _merge_values([self.value(a, state) for a in call.args]
                                  + [self._keyword_value(kw, state) for kw in call.keywords])
        elif func.attr in ("set", "__setitem__") and len(call.args) >= 2:
            value_node = call.args[-1]
            found = self.value(value_node, state)
            option = call.args[-2]
            if found is None and isinstance(option, ast.Constant) and isinstance(option.value, str):
                kind = classify_name(option.value, key=True)
                if kind is not None:
                    found = Origin.named(kind,
                                   f"the value set as {option.value!r}", value_node.lineno)
        if isinstance(found, Origin):
            self._taint_container(func.value, found, state)

    def _check_arguments(self, call: ast.Call, kind: str, sink_name: str, how: str,
                         state: _State, skip: int = 0) -> None:
        for argument in call.args[skip:]:
            self._report(call, kind, sink_name, argument, self.value(argument, state), how)
        for kw in call.keywords:
            if kw.arg in _NOT_LOGGED_KEYWORDS:
                continue
            self._report(call, kind, sink_name, kw.value, self._keyword_value(kw, state), how)

    def _report(self, call: ast.Call, kind: str, sink_name: str, value_node: ast.expr,
                value: Value, how: str, path: str = "", via: str = "") -> None:
        if not isinstance(value, Origin):
            return
        self._parameters_reach(value, kind, sink_name, how, call.lineno, path)
        key = (id(call), kind)
        if value.category == MARK or key in self.hits:
            return
        if kind == LOG and value.category == CERTIFICATE:
            return  # a certificate is public: CodeQL does not report it in logs
        real = value.real()
        assert isinstance(real, Origin)
        self.hits[key] = Hit(kind, call, sink_name, value_node, real, how, via)

    def _parameters_reach(self, value: Origin, kind: str, sink_name: str, how: str,
                          line: int, path: str = "") -> None:
        """Analysing for a summary: the parameters `value` is made from reach this sink.
        Not a parameter named as sensitive: its sink is reported in the function itself."""
        if not value.params or (kind == LOG and value.category == CERTIFICATE):
            return
        path = path or f"`{sink_name}` (line {line})"
        for parameter in value.params:
            if classify_name(parameter) is None:
                sink = ParameterSink(kind, sink_name, how, path, parameter in value.mapped)
                known = self.parameter_sinks.get((parameter, kind))
                if known is None or (known.mapped and not sink.mapped):
                    self.parameter_sinks[(parameter, kind)] = sink

    def _is_logger(self, receiver: ast.expr, state: _State) -> bool:
        """True when `receiver` is a logger: made by `logging.getLogger`/`structlog`, or
        named like one (`log`, `logger`, `self.logger`, `app.logger`)."""
        if isinstance(receiver, ast.Call):
            return self.qualified(receiver.func) in _LOGGER_FACTORIES
        if isinstance(receiver, ast.Name):
            if state.handles.get(receiver.id) == "logger":
                return True
            qualified = self.qualified(receiver)
            if qualified in _LOGGER_OBJECTS:
                return True
            binding = self.resolver.lookup(receiver.id, self.scope)
            if binding is not None and isinstance(binding.value, ast.Call):
                made_by = self.resolver.qualified_name(binding.value.func, self.scope)
                if made_by in _LOGGER_FACTORIES:
                    return True
            return is_logger_name(receiver.id)
        if isinstance(receiver, ast.Attribute):
            return is_logger_name(receiver.attr)
        return False

    def _is_file(self, node: ast.expr, state: _State) -> bool:
        if isinstance(node, ast.Name):
            if node.id in state.handles:
                return state.handles[node.id] == "file"
            return bool(_FILE_NAME.match(node.id)) and node.id in self.parameters
        if isinstance(node, ast.Call):
            return self._handle_kind(node, state) == "file"
        return False


def _opens_for_writing(call: ast.Call) -> bool:
    """`path.open("w")`: a mode with w, a or x (pathlib's open)."""
    mode = call.args[0] if call.args else keyword(call, "mode")
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and any(
        c in mode.value for c in "wax"
    )


def _is_console(node: ast.expr) -> bool:
    text = short_code(node)
    return text.endswith(("stdout", "stderr", "__stdout__", "__stderr__"))


def _masks(callee: str) -> bool:
    words = name_words(callee)
    return any(w in _MASKING_WORDS for w in words) or callee.lower().startswith(
        ("mask", "redact", "hash", "obfusc", "censor", "anonym", "scrub", "sanitiz")
    )


def _prompt_kind(prompt: str) -> str | None:
    lowered = prompt.lower()
    if re.search(r"pass(word|phrase|wd|code)|\bpin\b", lowered):
        return PASSWORD
    if re.search(r"secret|api[ _-]?key|access[ _-]?key|token", lowered):
        return SECRET
    return None


# containers keyed by field name whose values describe the field, not hold its value
_FIELD_TABLES = frozenset(
    {"errors", "error", "fields", "field", "widgets", "widget", "labels", "label", "help",
     "texts", "messages", "validators", "attrs", "attributes", "schema", "properties",
     "columns", "meta", "choices", "placeholders", "descriptions", "options", "types"}
)


def _identifying_slice(key: ast.Slice) -> bool:
    """`[:6]`, `[-4:]`: a few characters that identify a secret without giving it away
    (not `[7:]`, which drops a `Bearer ` prefix and keeps the rest)."""
    lower, upper = key.lower, key.upper
    if lower is None:
        return upper is not None
    negative = isinstance(lower, ast.UnaryOp) and isinstance(lower.op, ast.USub)
    return negative and upper is None


def _describes_fields(container: ast.expr) -> bool:
    """`form.errors["password"]`, `self.fields.get("password")`: about the field."""
    name = container.attr if isinstance(container, ast.Attribute) else (
        container.id if isinstance(container, ast.Name) else ""
    )
    words = name_words(name)
    return bool(words) and words[-1] in _FIELD_TABLES


# keys of a secret's record that hold something else than the secret
_PUBLIC_PARTS = frozenset(
    {"user", "username", "login", "name", "email", "account", "host", "hostname", "port",
     "url", "uri", "type", "kind", "id", "scheme", "method", "path", "file", "expires",
     "expiry", "expiration", "created", "updated", "scope", "scopes", "region", "endpoint",
     "issuer", "audience", "version", "description", "label", "status", "in", "at",
     "algorithm", "alg", "provider", "domain", "project", "owner", "client"}
)


def _keyed(value: Value) -> Value:
    return replace(value, keyed=True) if isinstance(value, Origin) and not value.keyed else value


def _only_origin(value: Value) -> Value:
    return value if isinstance(value, Origin) else None


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) or (
        isinstance(node, (ast.Tuple, ast.List)) and all(_is_literal(e) for e in node.elts)
    )


def _names_account(node: ast.expr) -> bool:
    """`user, password = creds`: the user name half is not the secret."""
    return isinstance(node, ast.Name) and bool(
        set(name_words(node.id)) & {"user", "username", "login", "name", "email", "account",
                                "host", "scheme", "kind", "type", "prefix", "method"}
    )


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _own_expressions(statement: ast.stmt) -> Iterator[ast.expr]:
    """The expressions of a simple statement (its targets' subscripts included)."""
    for name in statement._fields:
        value = getattr(statement, name, None)
        if isinstance(value, ast.expr):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, ast.expr))


def _calls_in(expression: ast.expr) -> Iterator[ast.Call]:
    """The calls in an expression, innermost first (not inside lambdas)."""
    found: list[ast.Call] = []
    stack: list[ast.AST] = [expression]
    while stack:
        current = stack.pop()
        kind = current.__class__
        if kind is ast.Lambda or kind in LEAF_EXPRESSIONS:
            continue
        if kind is ast.Call:
            found.append(current)  # type: ignore[arg-type]
        stack.extend(child_nodes(current))
    return reversed(found)


# the last name of every call that may be a sink (`x.write`, `print`, `logger.info`):
# the rules see only these calls, and analyse the function around one when they do
_SINK_LEAVES = LOG_METHODS | {
    "print", "write", "writelines", "set_cookie", "set_signed_cookie", "write_text",
    "write_bytes", "writerow", "writerows", "dump", "safe_dump", "echo", "secho", "pprint",
    "pp",
}


def _parameters(node: ast.AST) -> dict[str, ast.arg]:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {}
    args = node.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return {a.arg: a for a in every}


def _receiver_parameter(scope: Scope) -> str | None:
    """`self`/`cls` of a method (the first parameter of a function in a class body,
    unless it is a static method), or None."""
    node = scope.node
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    if scope.parent is None or not scope.parent.is_class or any(
        isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list
    ):
        return None
    positional = [*node.args.posonlyargs, *node.args.args]
    return positional[0].arg if positional else None


def _method_receiver(scope: Scope) -> tuple[str | None, Scope | None]:
    """The receiver (`self`) of the method whose body holds `scope`, and its class."""
    function_scope: Scope | None = scope
    while function_scope is not None and not isinstance(
        function_scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)
    ):
        function_scope = function_scope.parent
    if function_scope is None or function_scope.parent is None:
        return None, None
    receiver = _receiver_parameter(function_scope)
    return receiver, function_scope.parent if receiver is not None else None


@dataclass(frozen=True)
class Callee:
    """A function of the module called somewhere in it."""

    node: ast.FunctionDef | ast.AsyncFunctionDef
    receiver: str | None  # its `self`/`cls` parameter, which a call does not pass

    @property
    def name(self) -> str:
        return self.node.name

    def bind(self, call: ast.Call) -> Iterator[tuple[str, ast.expr | ast.keyword]]:
        """The arguments of `call` by the parameter that receives them (`*args` and
        `**kwargs` parameters included; nothing after a `*sequence` argument)."""
        args = self.node.args
        positional = [*args.posonlyargs, *args.args]
        if self.receiver is not None:
            positional = positional[1:]
        for index, argument in enumerate(call.args):
            if isinstance(argument, ast.Starred):
                break
            if index < len(positional):
                yield positional[index].arg, argument
            elif args.vararg is not None:
                yield args.vararg.arg, argument
        by_keyword = {a.arg for a in (*args.args, *args.kwonlyargs)}
        for kw in call.keywords:
            if kw.arg is None:
                continue
            if kw.arg in by_keyword and kw.arg != self.receiver:
                yield kw.arg, kw
            elif args.kwarg is not None:
                yield args.kwarg.arg, kw


# text of a call that may be a sink (the leaves the rules see) or a cookie assignment:
# looked for as plain substrings first (fast; `print (x)` is not Python's style), then
# as whole names (`catalog(` is not `log(`)
_SINK_TEXTS = (*sorted(f"{leaf}(" for leaf in _SINK_LEAVES), "cookies[")
_SINK_TEXT = re.compile(r"\b(?:" + "|".join(sorted(_SINK_LEAVES)) + r")\(|\bcookies\[")
_DEFINED_NAME = re.compile(r"def\s+(\w+)")
_SUMMARY_BUDGET = 200  # summaries computed per module (a recursive cycle counts each round)
_SUMMARY_DEPTH = 12  # summaries computed inside one another (each nests an analysis)


class ModuleFunctions:
    """The functions of one module as the rules see them across calls: which may reach
    a sink, their summaries, and the analysis of every function with a sink.

    Built once per module and only as far as asked: a function is analysed for its
    summary when a call of it is met and its text holds a sink's or another such
    function's call (a test on the source, not a walk); recursive functions are analysed
    again until their summaries stop changing.
    """

    def __init__(self, module: ParsedModule, resolver: NameResolver) -> None:
        self.module = module
        self.resolver = resolver
        self._source = module.source
        self._sink_texts: tuple[str, ...] | None = None
        self._sink_pattern = _SINK_TEXT
        self._line_starts: list[int] | None = None
        self._defined: list[tuple[str, str]] | None = None
        self._defined_names: frozenset[str] | None = None
        self._callees: dict[int, Callee] = {}
        # id of a scope → (the scope, its method's receiver, the class around the method)
        self._receivers: dict[int, tuple[Scope, str | None, Scope | None]] = {}
        self._methods: dict[tuple[int, str], Callee | None] = {}  # (class, name) → method
        self._may_sink: dict[int, bool] = {}
        self._summaries: dict[int, Summary] = {}
        self._open: dict[int, Summary] = {}  # being computed: the summary so far
        self._consulted: set[int] = set()  # open summaries read by the current analysis
        self._budget = _SUMMARY_BUDGET
        self._hits: dict[int, tuple[ast.AST, dict[tuple[int, str], Hit]]] = {}

    # -- which function a call calls ------------------------------------------------------

    def callee(self, call: ast.Call, scope: Scope) -> Callee | None:
        """The function of this module `call` calls: `helper(...)` (a function defined
        at module level or around the call) or `self.method(...)` in a method (a method
        of its class or of a base class defined in the module)."""
        func = call.func
        if func.__class__ is ast.Name:
            binding = self.resolver.lookup(func.id, scope)  # type: ignore[attr-defined]
            if binding is None or binding.kind != "def":
                return None
            return self._callee(binding.node)
        if func.__class__ is not ast.Attribute:
            return None
        receiver = func.value  # type: ignore[attr-defined]
        if receiver.__class__ is not ast.Name:
            return None
        known = self._receivers.get(id(scope))
        if known is None or known[0] is not scope:
            known = self._receivers[id(scope)] = (scope, *_method_receiver(scope))
        _, name, class_scope = known
        if name != receiver.id or class_scope is None:
            return None
        key = (id(class_scope), func.attr)  # type: ignore[attr-defined]
        if key not in self._methods:
            self._methods[key] = self._method(class_scope, func.attr, 0)  # type: ignore[attr-defined]
        return self._methods[key]

    def _method(self, class_scope: Scope, name: str, depth: int) -> Callee | None:
        binding = class_scope.bindings.get(name)
        if binding is not None:
            return self._callee(binding.node) if binding.kind == "def" else None
        base_classes = getattr(class_scope.node, "bases", [])
        if depth >= 3 or class_scope.parent is None:
            return None
        for base in base_classes:
            if not isinstance(base, ast.Name):
                continue
            found = self.resolver.lookup(base.id, class_scope.parent)
            if found is None or found.kind != "def" or not isinstance(found.node, ast.ClassDef):
                continue
            inner = self.resolver.scope_for(found.node)
            if inner is not None:
                method = self._method(inner, name, depth + 1)
                if method is not None:
                    return method
        return None

    def _callee(self, node: ast.AST | None) -> Callee | None:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        known = self._callees.get(id(node))
        if known is None:
            scope = self.resolver.scope_for(node)
            receiver = _receiver_parameter(scope) if scope is not None else None
            known = self._callees[id(node)] = Callee(node, receiver)
        return known

    # -- which functions may reach a sink ---------------------------------------------

    def may_reach_sink(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """False when neither the function's text nor that of the functions it calls
        (transitively) holds a call that may be a sink: its summary then has no sink.
        Judged for all the functions it reaches at once, callees first."""
        known = self._may_sink.get(id(node))
        if known is not None:
            return known
        region: dict[int, bool] = {}  # not judged yet → whether its own text has a sink
        calls: dict[int, list[int]] = {}
        pending = [node]
        while pending:
            current = pending.pop()
            key = id(current)
            if key in region or key in self._may_sink:
                continue
            region[key] = self._sink_text_in(current)
            callees = [] if region[key] else [c.node for c in self._calls_in_text(current)]
            calls[key] = [id(c) for c in callees]
            pending.extend(callees)
        for component in strongly_connected_components(list(region), calls):
            reaches = any(region[key] for key in component) or any(
                self._may_sink.get(target, False) for key in component for target in calls[key]
            )
            for key in component:
                self._may_sink[key] = reaches
        return self._may_sink[id(node)]

    def defined_names(self) -> frozenset[str]:
        """The names of the functions defined in the module (read from its text)."""
        if self._defined_names is None:
            self._defined_names = frozenset(_DEFINED_NAME.findall(self._source))
        return self._defined_names

    def _text(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
        if self._line_starts is None:
            lengths = map(len, self._source.split("\n"))
            self._line_starts = list(itertools.accumulate(map((1).__add__, lengths), initial=0))
        starts = self._line_starts
        end = min(node.end_lineno or node.lineno, len(starts) - 1)
        return self._source[starts[node.lineno - 1]:starts[end]]

    def _sink_text_in(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether the function's text holds a call that may be a sink."""
        if self._sink_texts is None:
            aliases = [  # `from logging import info as note`: `note(` may be a sink
                f"{name}(" for name, binding in self.resolver.module_scope.bindings.items()
                if binding.kind in ("import", "alias") and binding.qualified_name
                and name not in _SINK_LEAVES
                and binding.qualified_name.rpartition(".")[2] in _SINK_LEAVES
            ]
            self._sink_texts = (*_SINK_TEXTS, *aliases)
            self._sink_pattern = _SINK_TEXT if not aliases else re.compile(
                rf"{_SINK_TEXT.pattern}|\b(?:{'|'.join(map(re.escape, aliases))})"
            )
        text = self._text(node)
        return any(map(text.__contains__, self._sink_texts)) and (
            self._sink_pattern.search(text) is not None
        )

    def _calls_in_text(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Callee]:
        """The functions of the module whose names the function's text calls."""
        if self._defined is None:  # (name, its call's text) of every function defined
            self._defined = [(n, n + "(") for n in self.defined_names()]
        text = self._text(node)
        names = [name for name, called in self._defined if called in text]
        if not names:
            return []
        scope = self.resolver.scope_for(node)
        if scope is None:
            return []
        found: list[Callee] = []
        for name in names:
            binding = self.resolver.lookup(name, scope)
            callee = self._callee(binding.node) if binding and binding.kind == "def" else None
            if callee is None and scope.parent is not None and scope.parent.is_class:
                callee = self._method(scope.parent, name, 0)
            if callee is not None:
                found.append(callee)
        return found

    # -- summaries --------------------------------------------------------------------

    def summary(self, callee: Callee) -> Summary:
        """What `callee` does with sensitive values (see `Summary`), to a fixpoint for
        recursive functions: a summary read while still being computed is the one so
        far, and a function whose summary read one is analysed again, up to 4 times."""
        key = id(callee.node)
        done = self._summaries.get(key)
        if done is not None:
            return done
        if key in self._open:
            self._consulted.add(key)
            return self._open[key]
        if self._budget <= 0 or len(self._open) >= _SUMMARY_DEPTH:
            return NO_SUMMARY  # a chain of calls deeper than that is not followed
        outer = self._consulted
        self._open[key] = result = NO_SUMMARY
        consulted: set[int] = set()
        try:
            for _ in range(4):
                self._consulted = set()
                self._budget -= 1
                result = self._analyse_for_summary(callee)
                again = key in self._consulted and result != self._open[key]
                self._open[key] = result
                consulted |= self._consulted
                if not again or self._budget <= 0:
                    break
        finally:
            del self._open[key]
            consulted.discard(key)
            self._consulted = outer | consulted
        if not consulted:  # not read from another function's unfinished summary
            self._summaries[key] = result
        return result

    def _analyse_for_summary(self, callee: Callee) -> Summary:
        node = callee.node
        scope = self.resolver.scope_for(node) or self.resolver.module_scope
        analysis = _FlowAnalysis(self.resolver, scope, _parameters(node), self, summary=True)
        analysis.run(node.body, _State())
        returned = _merge_values(analysis.returns) if analysis.returns else None
        params: frozenset[str] = frozenset()
        if isinstance(returned, Origin):
            params = returned.params
            if any(returned.what == f"the parameter `{p}`" for p in params):
                returned = None  # the argument's own value, not a secret of the function
            else:
                returned = returned.real()
        sinks = tuple((parameter, sink) for (parameter, _), sink
                      in sorted(analysis.parameter_sinks.items(), key=lambda item: item[0]))
        return Summary(sinks, returned, params)

    # -- the hits of one function -----------------------------------------------------

    def hits(self, owner: ast.AST) -> dict[tuple[int, str], Hit]:
        """Every sensitive value reaching a log or storage sink in the body of `owner`
        (a function or the module), by the id of the sink and its kind: one analysis
        for all its sinks and both rules."""
        known = self._hits.get(id(owner))
        if known is not None and known[0] is owner:
            return known[1]
        scope = self.resolver.scope_for(owner) if not isinstance(owner, ast.Module) else None
        analysis = _FlowAnalysis(self.resolver, scope or self.resolver.module_scope,
                                 _parameters(owner), self)
        analysis.run(getattr(owner, "body", []), _State())
        self._hits[id(owner)] = (owner, analysis.hits)
        return analysis.hits


class _Remembered:
    """The last module's `ModuleFunctions` and the last node's hits: asked for on every
    call of a file by both rules, so kept without `for_last_node`'s general (slower)
    comparison of arguments. Each is one tuple, replaced whole, so threads scanning
    other files at the same time (a Dask worker) never read one's key with another's
    value; the module and node are held, so their ids stay theirs."""

    functions: tuple[ParsedModule | None, NameResolver | None, ModuleFunctions | None] = (
        None, None, None)
    hits: tuple[ast.AST | None, list[Hit]] = (None, [])


_REMEMBERED = _Remembered()


def _forget_remembered() -> None:
    _REMEMBERED.functions = (None, None, None)
    _REMEMBERED.hits = (None, [])


remember_per_file(_forget_remembered)


def _module_functions(ctx: RuleContext) -> ModuleFunctions:
    module, resolver, functions = _REMEMBERED.functions
    if module is not ctx.module or resolver is not ctx.resolver or functions is None:
        functions = ModuleFunctions(ctx.module, ctx.resolver)
        _REMEMBERED.functions = (ctx.module, ctx.resolver, functions)
    return functions


def _may_be_sink(call: ast.Call, ctx: RuleContext) -> bool:
    """Whether the analysis can find a hit at this call: a call that may be a sink
    itself, or a call of a function of the module whose parameter reaches one."""
    func = call.func
    if func.__class__ is ast.Attribute:
        written: str = func.attr  # type: ignore[attr-defined]
        if written in _SINK_LEAVES:
            return True
        if func.value.__class__ is not ast.Name:  # type: ignore[attr-defined]
            return False  # not `self.method(...)`
    elif func.__class__ is ast.Name:
        written = func.id  # type: ignore[attr-defined]
        if written in _SINK_LEAVES:
            return True
        binding = ctx.resolver.lookup(written, ctx.scope)
        if binding is None:
            return False  # a builtin: `print` is a leaf
        if binding.kind != "def":  # `from logging import info as note`
            name = ctx.call_name(call)
            return name is not None and name.rpartition(".")[2] in _SINK_LEAVES
    else:
        return False
    if not call.args and not call.keywords:
        return False  # a function called without arguments is given nothing to log
    functions = _module_functions(ctx)
    if written not in functions.defined_names():
        return False  # not a function of this module (a class, an inherited method)
    callee = functions.callee(call, ctx.scope)
    return callee is not None and functions.may_reach_sink(callee.node) and bool(
        functions.summary(callee).sinks
    )


def _node_hits(node: ast.AST, ctx: RuleContext) -> Iterator[Hit]:
    """The hits at the sink `node` (of both kinds: both rules ask in turn)."""
    if node.__class__ is not ast.Assign:
        if not _may_be_sink(node, ctx):  # type: ignore[arg-type]
            return
    elif not any(
        t.__class__ is ast.Subscript and t.value.__class__ is ast.Attribute  # type: ignore[attr-defined]
        and t.value.attr == "cookies" for t in node.targets  # type: ignore[attr-defined]
    ):
        return  # only `response.cookies[name] = value` is a sink among assignments
    owner = enclosing_function(ctx.parents) or ctx.module.tree
    hits = _module_functions(ctx).hits(owner)
    targets = node.targets if isinstance(node, ast.Assign) else [node]
    for target in targets:
        for kind in (LOG, STORE):
            hit = hits.get((id(target), kind))
            if hit is not None:
                yield hit


def _report_hits(node: ast.AST, ctx: RuleContext, kind: str, describe: Callable[[Hit], Issue]
                 ) -> list[Issue]:
    """The issue of the sink `node`, when the analysis of its function found one."""
    if node.__class__ is ast.Assign and not any(
        t.__class__ is ast.Subscript for t in node.targets  # type: ignore[attr-defined]
    ):
        return []  # not a cookie set by assignment
    last, hits = _REMEMBERED.hits
    if last is not node:  # the first of the two rules to ask about it
        hits = list(_node_hits(node, ctx))
        _REMEMBERED.hits = (node, hits)
    return [describe(hit) for hit in hits if hit.kind == kind] if hits else []


def _path_text(origin: Origin) -> str:
    steps = f" through {', '.join(origin.steps)}" if origin.steps else ""
    return f"{origin.what} (line {origin.line}){steps}"


_SENSITIVE_WORDS = (
    "pass", "pwd", "pw", "secret", "token", "key", "cred", "auth", "otp", "ssn", "card",
    "cvv", "cvc", "iban", "bank", "account", "routing", "birth", "dob", "cert", "social",
    "bearer",
)


def _log_issue(hit: Hit) -> Issue:
    origin = hit.origin
    fix = (
        f"Do not log the {origin.category}: log that it was set or changed, or a masked "
        "form (`mask(value)`, its length, a hash prefix)."
    )
    severity = Severity.MEDIUM if origin.category in (PASSWORD, SECRET) else Severity.LOW
    confidence = origin.confidence if origin.category != PRIVATE else Confidence.MEDIUM
    where = (f"is {hit.via}, where it is written in clear text (`{short_code(hit.value, 50)}`)"
             if hit.via else
             f"is written in clear text by `{hit.sink_name}` (in `{short_code(hit.value, 50)}`)")
    return Issue(
        hit.sink,
        f"A {origin.category} — {_path_text(origin)} — {where}: logs and consoles are kept, "
        "shipped and read by people who must not learn it.",
        remediation=fix,
        severity=severity,
        confidence=confidence,
    )


def _store_issue(hit: Hit) -> Issue:
    origin = hit.origin
    if hit.how == "a cookie":
        fix = (
            f"Keep the {origin.category} on the server (in the session store) and put only "
            "an opaque session id in the cookie; if it must travel, encrypt it."
        )
    else:
        fix = (
            f"Do not write the {origin.category} in clear text: store a salted hash "
            "(passwords) or encrypt it (`cryptography.fernet`), or keep it in a secrets "
            "manager or the OS keyring."
        )
    reader = (
        "the browser keeps it, and scripts, other users of the machine and whoever sees "
        "the requests can read it." if hit.how == "a cookie" else
        "whoever can read the file, its backups or copies reads it."
    )
    if hit.how == "a cookie" and origin.token:
        # a token in a cookie is often how the session works: weaker than a password
        severity, confidence = Severity.LOW, Confidence.LOW
        fix = (
            "Prefer an opaque, server-side session id in the cookie; if the token must be "
            "there, make the cookie `Secure`, `HttpOnly` and `SameSite`, short-lived, and "
            "never put a password, API key or long-lived token in it."
        )
    elif origin.category == CERTIFICATE:
        severity, confidence = Severity.INFO, Confidence.LOW
    elif origin.category == PRIVATE:
        severity, confidence = Severity.LOW, Confidence.MEDIUM
    else:
        severity, confidence = Severity.MEDIUM, origin.confidence
    where = (f"is {hit.via}, where it is stored in clear text in {hit.how} "
             f"(`{short_code(hit.value, 50)}`)" if hit.via else
             f"is stored in clear text in {hit.how} by `{hit.sink_name}` "
             f"(`{short_code(hit.value, 50)}`)")
    return Issue(
        hit.sink,
        f"A {origin.category} — {_path_text(origin)} — {where}: {reader}",
        remediation=fix,
        severity=severity,
        confidence=confidence,
    )


@rule(
    id="PY-LOG-001",
    cwe=532,
    title="Sensitive information written to a log",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags passwords, secrets (tokens, API keys, private keys, credentials) and "
        "private data (credit card numbers, SSNs) that reach a logging call "
        "(`logging.*`, `logger.info(...)`, `logger.log(level, ...)`) or the console "
        "(`print`, `sys.stdout.write`), followed through local variables, f-strings, "
        "`%`/`str.format`, concatenation and containers. Values are recognised by their "
        "names (variables, parameters, attributes, dict keys, `request.form['password']`) "
        "and by `getpass.getpass()`."
    ),
    why=(
        "Logs and console output are kept for a long time, copied to log servers, CI "
        "output, backups and support tickets, and read by many more people than the "
        "credential was meant for. A password in a log is a password known to everyone "
        "who can read the log."
    ),
    fix=(
        "Log that the secret was set, changed or rejected, or a masked form (its length, "
        "the last four characters, a hash prefix), never the value."
    ),
    bad=(
        "def login(username, password):\n"
        "    logger.info(\"login %s with %s\", username, password)"
    ),
    good=(
        "def login(username, password):\n"
        "    logger.info(\"login attempt for %s\", username)"
    ),
    nodes=(ast.Call, ast.Assign),
    requires=_SENSITIVE_WORDS,
    references=(
        "https://cwe.mitre.org/data/definitions/532.html",
        "https://codeql.github.com/codeql-query-help/python/py-clear-text-logging-sensitive-data/",
        "https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html",
    ),
    scope_note=(
        "Data flow within one function, and across the functions and methods of one "
        "module through summaries: the value is followed through assignments, "
        "formatting, string methods and containers, with branches merged, into helper "
        "functions that log it (reported where it is passed) and out of functions that "
        "return it; calls that mask, hash, measure or test it, slices, and calls not "
        "known to pass text through end the flow. Passwords and secrets are medium "
        "severity, private data low; confidence is high for unambiguous names "
        "(`password`, `secret`, `api_key`), medium for weaker ones (`pwd`, "
        "`access_token`, `credentials`). Account names and session ids are not "
        "reported, nor certificates."
    ),
)
def sensitive_data_logged(node: ast.AST, ctx: RuleContext) -> list[Issue]:
    """A sensitive value written to a log or the console."""
    return _report_hits(node, ctx, LOG, _log_issue)


@rule(
    id="PY-STORE-001",
    cwe=312,
    title="Sensitive information stored in clear text",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags passwords, secrets and private data written without hashing or encryption "
        "to a cookie (`response.set_cookie(name, value)`) or a file (`f.write(...)`, "
        "`Path.write_text`, `print(..., file=f)`, `json.dump`/`pickle.dump`/`yaml.dump` "
        "to a file, CSV writers, `ConfigParser.write`), followed through local variables "
        "and containers."
    ),
    why=(
        "A cookie is stored in the browser and sent with every request; a file is read "
        "by backups, other users of the machine and whoever gets a copy. A password or "
        "key stored there in clear text is disclosed to all of them."
    ),
    fix=(
        "Store a salted hash of a password (`bcrypt`, `argon2`), encrypt other secrets "
        "(`cryptography.fernet`) or keep them in a secrets manager or the OS keyring; keep "
        "secrets on the server and put only an opaque session id in cookies."
    ),
    bad=(
        "def save_config(path, password):\n"
        "    with open(path, \"w\") as f:\n"
        "        f.write(f\"password={password}\\n\")"
    ),
    good=(
        "def save_config(path, password):\n"
        "    keyring.set_password(\"myapp\", \"db\", password)"
    ),
    nodes=(ast.Call, ast.Assign),
    requires=_SENSITIVE_WORDS,
    references=(
        "https://cwe.mitre.org/data/definitions/312.html",
        "https://codeql.github.com/codeql-query-help/python/py-clear-text-storage-sensitive-data/",
    ),
    scope_note=(
        "Data flow within one function and across the functions of one module, as for "
        "PY-LOG-001. Files are recognised by how "
        "they were opened (`open`, `Path.open('w')`, `tempfile`, ...) or, for a "
        "parameter, by a name like `f`/`fp`/`outfile`. Passwords and secrets are medium "
        "severity, private data low; a token in a cookie is low severity and low "
        "confidence (it is often the session credential the cookie exists for), and "
        "certificates info and low (they are usually public)."
    ),
)
def sensitive_data_stored(node: ast.AST, ctx: RuleContext) -> list[Issue]:
    """A sensitive value written to a cookie or a file in clear text."""
    return _report_hits(node, ctx, STORE, _store_issue)
