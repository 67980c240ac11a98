"""The shapes of taint models: sources, sinks, sanitizers, propagators, guards, types.

Framework knowledge lives in data tables built from these records (one module per
framework beside this one); the engine only knows the record shapes. A *target* is a
dotted name matched against what the engine resolves at a read or a call:

- a module attribute or function, by qualified name: `flask.request`, `os.system`,
  `builtins.input`;
- a member of a type the engine tracked a value to: `django.http.HttpRequest.GET`,
  `sqlite3.Cursor.execute` (values get types from `TypeRule`s, annotations and class
  bases);
- `*.name`: a method or attribute `name` on a receiver whose type is unknown
  (`*.execute` for DB-API cursors the engine could not type).

Kinds tie the pieces together: a sink has a *kind* (`sql`, `shell`, `path`, …), a
sanitizer cleans values for some kinds, and a value reaches a sink only while it is not
clean for that sink's kind.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

# Source kinds, most to least severe. Findings from `remote` input rank highest.
SOURCE_KINDS = ("remote", "network", "local", "environment")

ALL_KINDS = "*"  # a sanitizer that cleans for every sink kind (e.g. int())
# the type of a URL the application's router builds (`url_for`, `reverse`): a path of
# this site, so text appended to it does not change where it leads
LOCAL_URL = "url[local]"
# the type of a number the engine cannot fold (`len(items)`, `i` of `range(n)`): no
# input in it, and nothing behind its attributes that a format string could reach
NUMBER = "builtins.int"
# the type of a statement SQLAlchemy builds from expressions (`select(User).where(...)`):
# its values are bound parameters, so it is no SQL text for an `execute` sink
SQL_EXPRESSION = "sqlalchemy.Executable"
# the types of in-memory file objects: a call taking "a path or a file object" reads no
# file by name when it is given one of these
IN_MEMORY_FILES = ("io.BytesIO", "io.StringIO")
# the sink kinds percent-encoding (`quote`, `url_escape`) makes harmless: no quote,
# bracket, separator or line break is left
PERCENT_ENCODED = (
    "html",
    "header",
    "log",
    "sql",
    "shell",
    "ldap",
    "xpath",
    "xmli",
    "code",
    "nosql",
)


@dataclass(frozen=True)
class Source:
    """Where untrusted data enters.

    `access` is "read" when reading the name or attribute yields the data
    (`request.args`), "call" when calling it does (`input()`, `request.get_json()`).
    `label` is how traces and messages name it. `clean_for` lists sink kinds the data
    cannot harm by construction (the request's own path is not an open redirect).
    """

    target: str
    kind: str
    access: str = "read"
    label: str = ""
    type: str | None = None
    clean_for: tuple[str, ...] = ()


def request_sources(
    request: str,
    attributes: Iterable[str],
    methods: Iterable[str] = (),
    *,
    name: str = "request",
    awaited: bool = False,
    own_place: Collection[str] = (),
) -> list[Source]:
    """Remote-input sources of a framework's request type: the data `attributes` read
    (`request.query`) and the `methods` called (`await request.json()`), labelled as
    written with the parameter `name`. Attributes in `own_place` are the URL the browser
    asked for: a redirect to them keeps the user on the site."""
    prefix = "await " if awaited else ""
    return [
        *[
            Source(
                f"{request}.{attr}",
                "remote",
                label=f"{name}.{attr}",
                clean_for=("redirect",) if attr in own_place else (),
            )
            for attr in attributes
        ],
        *[Source(f"{request}.{m}", "remote", "call", f"{prefix}{name}.{m}()") for m in methods],
    ]


@dataclass(frozen=True)
class Sink:
    """A call (or a construct) where tainted data does harm, and which CWE it is.

    `args`/`keywords` name the dangerous arguments (positions and keyword names);
    `receiver` makes the object the method is called on dangerous too. `part` says
    which part of an argument counts: "value" (all of it), "argv0" (the program of a
    command list or command string), "argv-options" (an option-interpreting program's
    arguments), "keys" (the keys of a query document). `when_keyword` restricts the sink
    to calls where a keyword is truthy ("shell", True) or absent/falsy ("shell", False),
    or, given a string, equal to it ("media_type", "text/html"; parameters after `;` aside).
    `unless_types` names argument slots (position, keyword, safe types) whose type or
    qualified name makes the call safe (a parser built without entity resolution,
    `Loader=yaml.SafeLoader`); `unless_media` the argument slot (position, keyword) of a
    Content-Type whose constant value, when browsers do not render it as a page (not
    HTML, not XML: `content_type="application/json"`, `"text/csv"`), makes the call safe.
    `from_position` makes every positional
    argument from that index on dangerous (logging's format arguments). `safe_prefix`
    names a check on the string's constant prefix that makes it safe: "url-host" (the
    scheme and host are fixed), "local-path" (a same-site path such as `/account/`).
    `response_body` marks the body of the HTTP response a handler is building
    (`self.wfile.write(...)`): harmless once the handler declared a constant non-HTML
    Content-Type for it (see `HandlerBase.header_methods`). `with_values` makes the call
    dangerous only when it also passes something that is not a constant (a format string
    reaches into the values it is given, and nothing else). `assigned` makes it the
    assignment of an attribute (`cell.value = ...`), the assigned value being argument 0.
    `mitigated` says what the library does against the attack there.
    """

    target: str
    cwe: int
    kind: str
    args: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()
    receiver: bool = False
    part: str = "value"
    when_keyword: tuple[str, bool | str] | None = None
    unless_types: tuple[tuple[int, str, tuple[str, ...]], ...] = ()
    unless_media: tuple[int, str] | None = None
    from_position: int | None = None
    safe_prefix: str | None = None
    label: str = ""
    response_body: bool = False
    with_values: bool = False
    assigned: bool = False
    # what the library does against the attack at this sink, in a sentence for the
    # finding, which is then reported at low confidence (see `SinkSite.mitigated`)
    mitigated: str = ""


# the 3xx responses web frameworks raise or return with a location (`HTTPFound(url)`)
_REDIRECT_RESPONSES = (
    "HTTPFound",
    "HTTPMovedPermanently",
    "HTTPSeeOther",
    "HTTPTemporaryRedirect",
    "HTTPPermanentRedirect",
)


def redirect_responses(module: str) -> list[Sink]:
    """Open-redirect sinks for `module`'s 3xx responses, given the location first or by
    keyword `location` (aiohttp, Pyramid and WebOb, Falcon)."""
    return [
        Sink(
            f"{module}.{name}",
            601,
            "redirect",
            args=(0,),
            keywords=("location",),
            safe_prefix="local-path",
        )
        for name in _REDIRECT_RESPONSES
    ]


@dataclass(frozen=True)
class Sanitizer:
    """A call whose result is clean for `kinds` (`ALL_KINDS` for every kind).

    `args` lists the arguments the result is made from (their taint is kept, marked
    clean); `receiver` for methods whose result derives from the object. `when_keyword`
    makes it conditional on a keyword naming one of the listed qualified names
    (`request.args.get("n", type=int)`); `when_arguments` on constant arguments
    (`text.replace("\\n", "")` removes line breaks); `also_when` cleans more kinds for
    some constant arguments.
    """

    target: str
    kinds: tuple[str, ...]
    args: tuple[int, ...] = (0,)
    receiver: bool = False
    label: str = ""
    when_keyword: tuple[str, tuple[str, ...]] | None = None
    when_arguments: tuple[tuple[int, tuple[Any, ...]], ...] = ()
    # more kinds when an argument (position, keyword) is one of some constants:
    # `quote(s, safe="")` quotes "/" too, so the value stays one segment of a URL path
    also_when: tuple[int, str, tuple[Any, ...], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Propagator:
    """A call known to pass taint from some inputs to its result, with no loss of confidence.

    Unknown calls also propagate (by default every argument to the result) but lower
    the confidence of a finding; a propagator says the flow is certain. `args = None`
    means every argument.
    """

    target: str
    args: tuple[int, ...] | None = None
    keywords: tuple[str, ...] = ()
    receiver: bool = True
    type: str | None = None


@dataclass(frozen=True)
class Guard:
    """A check that makes a value safe on one branch.

    `subject` is the argument position checked (-1: the receiver of a method), `keyword`
    the name it may be passed by instead (`url_has_allowed_host_and_scheme(url=...)`). On the
    branch where the call is `when` (True by default), the subject is clean for `kinds`.
    `requires_type` restricts the guard to receivers of that type (a path made absolute
    by `os.path.realpath` before `startswith`). `regex_arg` makes it a regular-expression
    check (position of the pattern, -1 for a compiled pattern's receiver): the subject is
    clean only when the constant pattern admits nothing but letters, digits, `_` and `-`
    and is anchored; `anchored` says what the call anchors by itself ("full", "start",
    "none").
    """

    target: str
    kinds: tuple[str, ...]
    subject: int = -1
    when: bool = True
    keyword: str | None = None
    requires_type: tuple[str, ...] = ()
    regex_arg: int | None = None
    anchored: str = "none"


@dataclass(frozen=True)
class TypeRule:
    """The type of what a name, attribute or call yields, for member lookups.

    `when_keyword` makes the rule conditional on a keyword's constant value (an
    `XMLParser(resolve_entities=False)` is a different type from the default one).
    """

    target: str
    type: str
    when_keyword: tuple[str, Any] | None = None


@dataclass(frozen=True)
class TypeTransition:
    """A method call that changes the type of its receiver (a parser switching on a feature).

    `arguments` maps positions to the constant values the call must pass.
    """

    target: str
    arguments: tuple[tuple[int, Any], ...]
    becomes: str


@dataclass(frozen=True)
class KeyedStore:
    """Methods that store and load values under constant keys (element precision).

    `store` writes argument `value` under the key made of arguments `key_args`;
    `load` reads the value stored under the key made of its `key_args`.
    """

    type: str
    store: str
    load: str
    key_args: tuple[int, ...]
    value_arg: int


@dataclass(frozen=True)
class Callback:
    """A call that calls one of its arguments later, with some of its other arguments.

    `threading.Thread(target=f, args=(x,))` calls `f(x)`; `executor.submit(f, x)` too;
    `map(f, xs)` calls `f` with each element of `xs`. The function is argument
    `function_arg` or keyword `function_keyword`; its positional arguments are the call's
    arguments from `args_from` on, or the tuple in keyword `args_keyword`, or (for
    `element_of`) each element of that argument; `kwargs_keyword` holds its keywords.
    """

    target: str
    function_arg: int | None = None
    function_keyword: str | None = None
    args_from: int | None = None
    args_keyword: str | None = None
    kwargs_keyword: str | None = None
    element_of: int | None = None


@dataclass(frozen=True)
class RouteDecorator:
    """A decorator that makes a function a request handler whose parameters are input.

    Matches `@<obj>.<method>(...)` for the listed method names, and `@<function>(...)` for
    the listed `functions`. `framework` selects the
    handler conventions ("flask": a returned string is HTML; "fastapi": returns are
    serialised, parameters typed `int` etc. are validated).
    `needs_path` requires a first argument that is a constant starting with "/".
    """

    methods: tuple[str, ...]
    framework: str
    needs_path: bool = False
    object_types: tuple[str, ...] = ()
    # decorators that are module functions (`from bottle import route`; `@route("/x")`),
    # by qualified name
    functions: tuple[str, ...] = ()
    # a module importing one of these routes with another framework's decorator of the
    # same name (`@app.route` of Sanic is not Flask's)
    unless_imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandlerBase:
    """A base class whose subclasses handle requests.

    `self_sources` maps `self` attributes to source kinds (`self.path` of an
    `http.server` handler); `self_types` gives types to `self` attributes
    (`self.request` of a Django view, `self.wfile` of an `http.server` handler);
    `entry_methods` are the methods whose parameters after `skip_params` are input
    (URL keyword arguments). `header_methods` are methods called on `self` with a header
    name and value (`self.send_header("Content-Type", "text/plain")`): a constant
    non-HTML Content-Type sent by a method makes what it writes to the response body
    (a `response_body` sink) data rather than a page, and so do headers whose names the
    method does not spell out (relayed from another response, which declares the type).
    `methods_of` names the library class whose methods the handler inherits.
    """

    prefix: str
    framework: str
    self_sources: tuple[tuple[str, str], ...] = ()
    self_types: tuple[tuple[str, str], ...] = ()
    entry_methods: tuple[str, ...] = ()
    skip_params: int = 1
    header_methods: tuple[str, ...] = ()
    # the library class whose methods `self.name(...)` reaches when the project's classes
    # do not define `name` (`self.get_argument("q")` of a Tornado handler is
    # `tornado.web.RequestHandler.get_argument`): models name them under it
    methods_of: str = ""


@dataclass(frozen=True)
class ResponderEntry:
    """A function called with a request and a callable that starts the response (WSGI).

    A function, or a method after `self`, whose positional parameters are exactly
    (input, responder) with the responder named one of `responder_names`
    (`def application(environ, start_response)`, PEP 3333) handles requests: its first
    parameter is input of `kind`. Calling the responder with a header list (argument
    `headers_arg`: `[("Content-Type", "text/plain")]`) declares the response's media
    type, and what the function returns or yields is the response body: HTML
    (cross-site scripting) unless that media type is a constant non-HTML one. Headers
    the function does not spell out (`list(response.headers.items())`), or the responder
    handed on (`return self.app(environ, start_response)`), leave the type to whoever
    built them.
    """

    framework: str
    responder_names: tuple[str, ...]
    headers_arg: int = 1
    kind: str = "remote"
    label: str = ""


@dataclass(frozen=True)
class ParameterType:
    """Parameters that get a type from their name or annotation.

    A parameter named one of `names` (in a module that imports `when_imports`), or
    annotated with one of `annotations`, gets `type`.
    """

    type: str
    names: tuple[str, ...] = ()
    annotations: tuple[str, ...] = ()
    when_imports: tuple[str, ...] = ()


@dataclass(frozen=True)
class UrlConf:
    """A URL-routing call (`django.urls.path`) whose `view_arg` is a request handler.

    `view_keyword` names the keyword form (`add_url_rule(..., view_func=f)`).
    """

    target: str
    view_arg: int = 1
    route_arg: int = 0
    framework: str = "django"
    view_keyword: str | None = None


@dataclass(frozen=True)
class EntryDecorator:
    """A decorator (by qualified name, possibly called) that makes parameters input.

    Used for CLI frameworks: `@click.command()` makes the function's parameters local
    input.
    """

    target: str
    kind: str
    framework: str


@dataclass
class ModelSet:
    """Every model record, indexed by target for the engine's lookups."""

    sources: dict[str, list[Source]] = field(default_factory=dict)
    sinks: dict[str, list[Sink]] = field(default_factory=dict)
    sanitizers: dict[str, Sanitizer] = field(default_factory=dict)
    propagators: dict[str, Propagator] = field(default_factory=dict)
    guards: dict[str, list[Guard]] = field(default_factory=dict)
    types: dict[str, list[TypeRule]] = field(default_factory=dict)
    transitions: dict[str, list[TypeTransition]] = field(default_factory=dict)
    keyed_stores: dict[str, KeyedStore] = field(default_factory=dict)
    routes: list[RouteDecorator] = field(default_factory=list)
    handler_bases: list[HandlerBase] = field(default_factory=list)
    responder_entries: list[ResponderEntry] = field(default_factory=list)
    parameter_types: list[ParameterType] = field(default_factory=list)
    urlconfs: dict[str, UrlConf] = field(default_factory=dict)
    callbacks: dict[str, Callback] = field(default_factory=dict)
    entry_decorators: dict[str, EntryDecorator] = field(default_factory=dict)
    noreturn: set[str] = field(default_factory=set)
    clean_calls: set[str] = field(default_factory=set)
    opaque_calls: set[str] = field(default_factory=set)
    clean_methods: set[str] = field(default_factory=set)
    propagating_methods: set[str] = field(default_factory=set)
    constants: dict[str, Any] = field(default_factory=dict)
    shell_programs: set[str] = field(default_factory=set)
    option_programs: set[str] = field(default_factory=set)
    view_safe_types: set[str] = field(default_factory=set)
    non_input_annotations: set[str] = field(default_factory=set)
    validated_annotations: set[str] = field(default_factory=set)
    normalizers: set[str] = field(default_factory=set)
    dangerous_characters: dict[str, frozenset[str]] = field(default_factory=dict)
    shared_namespaces: set[str] = field(default_factory=set)
    data_responses: dict[str, str] = field(default_factory=dict)
    clean_attributes: set[str] = field(default_factory=set)
    attribute_cleaning: dict[str, frozenset[str]] = field(default_factory=dict)
    leading_characters: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, records: Iterable[Any]) -> None:
        """Index model records of any kind."""
        self.forget_derived()
        for record in records:
            if isinstance(record, Source):
                self.sources.setdefault(record.target, []).append(record)
            elif isinstance(record, Sink):
                self.sinks.setdefault(record.target, []).append(record)
                if record.kind == "ssrf" and record.safe_prefix == "url-host":
                    # input in the path of a URL whose host is fixed: partial SSRF
                    self.sinks[record.target].append(
                        replace(record, kind="pssrf", safe_prefix=None)
                    )
            elif isinstance(record, Sanitizer):
                self.sanitizers[record.target] = record
            elif isinstance(record, Propagator):
                self.propagators[record.target] = record
            elif isinstance(record, Guard):
                self.guards.setdefault(record.target, []).append(record)
            elif isinstance(record, TypeRule):
                self.types.setdefault(record.target, []).append(record)
            elif isinstance(record, TypeTransition):
                self.transitions.setdefault(record.target, []).append(record)
            elif isinstance(record, KeyedStore):
                self.keyed_stores[record.type] = record
            elif isinstance(record, RouteDecorator):
                self.routes.append(record)
            elif isinstance(record, HandlerBase):
                self.handler_bases.append(record)
            elif isinstance(record, ResponderEntry):
                self.responder_entries.append(record)
            elif isinstance(record, ParameterType):
                self.parameter_types.append(record)
            elif isinstance(record, UrlConf):
                self.urlconfs[record.target] = record
            elif isinstance(record, Callback):
                self.callbacks[record.target] = record
            elif isinstance(record, EntryDecorator):
                self.entry_decorators[record.target] = record
            else:
                raise TypeError(f"not a model record: {record!r}")

    @cached_property
    def call_names(self) -> frozenset[str]:
        """Every name some table holds a call, function or method under.

        Most calls a project makes are to none of them: one set lookup tells the engine
        it can skip the dozen tables.
        """
        return frozenset().union(
            self.sources,
            self.sinks,
            self.sanitizers,
            self.propagators,
            self.guards,
            self.types,
            self.transitions,
            self.urlconfs,
            self.callbacks,
            self.noreturn,
            self.clean_calls,
            self.opaque_calls,
        )

    def forget_derived(self) -> None:
        """Drop the indexes computed from the tables (recomputed on their next use)."""
        for derived in (
            "call_names",
            "object_types",
            "typed_method_sinks",
            "harmless_views",
            "request_calls",
        ):
            self.__dict__.pop(derived, None)

    @cached_property
    def request_calls(self) -> frozenset[str]:
        """The calls that send a request to a URL they are given (SSRF sinks)."""
        return frozenset(
            target for target, sinks in self.sinks.items() if any(s.kind == "ssrf" for s in sinks)
        )

    @cached_property
    def harmless_views(self) -> frozenset[str]:
        """`view_safe_types` frozen: what a sink site may hold for the link step."""
        return frozenset(self.view_safe_types)

    @cached_property
    def object_types(self) -> frozenset[str]:
        """The types of objects the models know (what type rules and sources produce).

        These are library types (`ldap3.Connection`), never the project's classes: a
        project function returning one says so in its summary (`ret_type`).
        """
        produced = {rule.type for rules in self.types.values() for rule in rules}
        produced.update(
            source.type for sources in self.sources.values() for source in sources if source.type
        )
        return frozenset(produced)

    @cached_property
    def typed_method_sinks(self) -> dict[str, tuple[tuple[str, Sink], ...]]:
        """Method name → (type, sink) for the sinks on a method of a known object type.

        For `conn.search(...)` on what a project function returned: that function may
        return an `ldap3.Connection`, which only the link step can tell.
        """
        found: dict[str, list[tuple[str, Sink]]] = {}
        types = self.object_types
        for target, sinks in self.sinks.items():
            owner, _, method = target.rpartition(".")
            if owner in types:
                found.setdefault(method, []).extend((owner, sink) for sink in sinks)
        return {method: tuple(pairs) for method, pairs in found.items()}

    def is_modelled(self, name: str) -> bool:
        """True when any table mentions `name` (a source, sink, sanitizer, …)."""
        return (
            name in self.sources
            or name in self.sinks
            or name in self.sanitizers
            or name in self.propagators
            or name in self.guards
            or name in self.types
            or name in self.clean_calls
            or name in self.opaque_calls
            or name in self.noreturn
        )


@dataclass(frozen=True)
class Tables:
    """The sets and maps a framework module contributes besides records."""

    noreturn: tuple[str, ...] = ()
    clean_calls: tuple[str, ...] = ()
    opaque_calls: tuple[str, ...] = ()
    clean_methods: tuple[str, ...] = ()
    propagating_methods: tuple[str, ...] = ()
    constants: tuple[tuple[str, Any], ...] = ()
    shell_programs: tuple[str, ...] = ()
    option_programs: tuple[str, ...] = ()
    view_safe_types: tuple[str, ...] = ()
    non_input_annotations: tuple[str, ...] = ()
    validated_annotations: tuple[str, ...] = ()
    normalizers: tuple[str, ...] = ()
    # sink kind → the characters whose removal (`s.replace("<", "&lt;")`) makes data
    # harmless for it
    dangerous_characters: tuple[tuple[str, str], ...] = ()
    # objects whose attributes any function sets and any other reads (`flask.g`): an
    # attribute holds whatever any function stores in it
    shared_namespaces: tuple[str, ...] = ()
    # response type → the type it has once a non-HTML Content-Type is set on it
    # (`resp.headers["Content-Type"] = "text/plain"`, `resp.mimetype = "application/json"`)
    data_responses: tuple[tuple[str, str], ...] = ()
    # attributes of typed values that carry none of the value's taint: numbers and flags
    # (`requests.Response.status_code`), as `type.attribute`
    clean_attributes: tuple[str, ...] = ()
    # attributes of typed values clean for some sink kinds, as (`type.attribute`, kinds):
    # the headers of a response a client parsed hold no line break
    attribute_cleaning: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # sink kind → the characters data must not begin with (a spreadsheet reads a cell
    # starting with `=` as a formula). Data is clean for the kind once a check shows it
    # does not begin with any of them (`s.startswith(("=", "+", "-", "@"))` false,
    # `s[0] in "=+-@"` false, `not isinstance(s, str)`), once they are stripped
    # (`s.lstrip("=+-@")`), or when constant text not starting with one (nor with blank
    # space) comes first (`"'" + s`)
    leading_characters: tuple[tuple[str, str], ...] = ()

    def apply(self, models: ModelSet) -> None:
        """Merge these tables into `models`."""
        models.forget_derived()
        models.noreturn.update(self.noreturn)
        models.clean_calls.update(self.clean_calls)
        models.opaque_calls.update(self.opaque_calls)
        models.clean_methods.update(self.clean_methods)
        models.propagating_methods.update(self.propagating_methods)
        models.constants.update(dict(self.constants))
        models.shell_programs.update(self.shell_programs)
        models.option_programs.update(self.option_programs)
        models.view_safe_types.update(self.view_safe_types)
        models.non_input_annotations.update(self.non_input_annotations)
        models.validated_annotations.update(self.validated_annotations)
        models.normalizers.update(self.normalizers)
        models.shared_namespaces.update(self.shared_namespaces)
        models.data_responses.update(dict(self.data_responses))
        models.clean_attributes.update(self.clean_attributes)
        for member, kinds in self.attribute_cleaning:
            models.attribute_cleaning[member] = frozenset(kinds)
        for kind, characters in self.dangerous_characters:
            models.dangerous_characters[kind] = frozenset(characters)
        for kind, characters in self.leading_characters:
            models.leading_characters[kind] = frozenset(characters)
