"""What the per-file taint analysis hands to the link step: compact, picklable summaries.

A `ModuleSummary` holds everything the inter-procedural step needs about one file and
nothing more (no syntax trees): the trace steps its summaries point at, its source
sites, the calls it makes to functions that may belong to the project (with the taint
of every argument), its sink sites, and per function a `FunctionSummary` (which
parameters reach the return value, which sinks, what it writes to fields and
globals). Taints inside use module-local origins (see `taint_domain`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# Trace step codes (the note a step renders to)
STEP_SOURCE = 0  # text: the source label
STEP_ASSIGN = 1  # text: the variable
STEP_PARAM = 2  # text: parameter name; function display name in `extra`
STEP_CALL_RESULT = 3  # text: the call text
STEP_PASS = 4  # text: the call text
STEP_SANITIZE = 5  # text: sanitizer label and kinds
STEP_RETURN = 6  # text: function name
STEP_UNKNOWN_CALL = 7  # text: call text
STEP_FIELD_WRITE = 8  # text: attribute path
STEP_FIELD_READ = 9  # text: attribute path
STEP_GLOBAL_READ = 10  # text: name
STEP_ITERATE = 11  # text: variable
STEP_ENTRY_PARAM = 12  # text: parameter name
STEP_ELEMENT = 13  # text: container expression


class _EmptyMapping(Mapping[Any, Any]):
    """A read-only empty mapping, one per process (pickles back to the singleton)."""

    def __getitem__(self, key: Any) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __reduce__(self) -> str:
        return "EMPTY_MAPPING"


# shared by every function without effects or self writes (most of them)
EMPTY_MAPPING: Mapping[Any, Any] = _EmptyMapping()

# Step: (previous step id or -1, line, column, code, text)
Step = tuple[int, int, int, int, str]

# A taint as summaries store it: (origin, step, clean kinds, flags) per origin. Flat
# tuples take a third of the memory of dicts, and summaries only ever iterate them.
FrozenTaint = tuple[tuple[Any, int, frozenset[str], int], ...]


class StepTable:
    """Trace steps packed into arrays (a few bytes per step instead of a tuple each)."""

    __slots__ = ("prev", "line", "col", "code", "text")

    def __init__(self) -> None:
        self.prev = array("i")
        self.line = array("i")
        self.col = array("i")
        self.code = array("b")
        self.text: list[str] = []

    @classmethod
    def from_columns(
        cls,
        prev: Iterable[int],
        line: Iterable[int],
        col: Iterable[int],
        code: Iterable[int],
        text: Iterable[str],
    ) -> StepTable:
        """A table of the steps whose fields are given column by column, in order."""
        table = cls()
        table.prev = array("i", prev)
        table.line = array("i", line)
        table.col = array("i", col)
        table.code = array("b", code)
        table.text = list(text)
        return table

    def append(self, prev: int, line: int, col: int, code: int, text: str) -> None:
        """Add a step at the end."""
        self.prev.append(prev)
        self.line.append(line)
        self.col.append(col)
        self.code.append(code)
        self.text.append(text)

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, index: int) -> Step:
        return (
            self.prev[index],
            self.line[index],
            self.col[index],
            self.code[index],
            self.text[index],
        )

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.prev, self.line, self.col, self.code, self.text)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.prev, self.line, self.col, self.code, self.text = state


# a clean kind that stands for "what the project function called by call record N
# validates in its argument": `<prefix><N>:<position>` or `<prefix><N>:=<keyword>`,
# replaced by the validated kinds at link time (see `FunctionSummary.validates`)
VALIDATED_PREFIX = "?validated:"
# after the prefix: `check1(x) or check2(x)` with a project validator among the checks,
# the JSON list of each check's clean kinds (placeholders among them); clean for what
# every alternative cleans
EITHER_MARK = "either:"

# the callee name of a name a star import may provide: `<prefix><module>:<name>`
STAR_PREFIX = "*import*"

# Parameter kinds
PARAM_POSITIONAL_ONLY = 0
PARAM_NORMAL = 1
PARAM_VARARGS = 2
PARAM_KEYWORD_ONLY = 3
PARAM_KWARGS = 4


@dataclass(slots=True)
class CallRecord:
    """A call that may reach a project function, resolved at link time.

    `callee` is the name to resolve: a qualified function or class name, a method as
    `Class.method`, `super:Class.method`, or `<callee>.method` for a method called on
    the result of another callee. `args`/`keywords` hold each argument's taint (with
    "passed to" steps); `star`/`dstar` the taint of `*args`/`**kwargs` whose positions
    are unknown. `bound` is True for a method called on an instance (the callee's
    first parameter is the instance, which carries no taint of its own).
    """

    callee: str
    function: str
    line: int
    col: int
    args: tuple[FrozenTaint | None, ...]
    keywords: tuple[tuple[str, FrozenTaint | None], ...]
    star: FrozenTaint | None = None
    dstar: FrozenTaint | None = None
    bound: bool = False
    receiver: FrozenTaint | None = None


@dataclass(slots=True)
class SinkSite:
    """A place where tainted data would do harm."""

    kind: str
    cwe: int
    line: int
    col: int
    end_line: int
    end_col: int
    function: str | None
    label: str
    what: str
    snippet: str
    # for a sink matched only by method name on an object a project call returned: the
    # method as `callee.method`; if that resolves to project code, it is not this sink
    via_object: str | None = None
    # for a sink on a method of a library type (`ldap3.Connection.search`) called on an
    # object a project call returned: (callee, type); the sink holds only if the callee
    # returns that type
    via_type: tuple[str, str] | None = None
    # for data a project call returned: (callee, types); if the callee returns one of
    # these types (a view returning a helper's JSON response), it is not this sink
    unless_returns: tuple[str, frozenset[str]] | None = None
    # what the library itself does against the attack (Werkzeug refuses line breaks in
    # header values): the finding is reported at low confidence, with this said
    mitigated: str = ""


@dataclass(slots=True)
class EntryInfo:
    """A request handler (or CLI command) whose parameters are input.

    `params` maps parameter positions to (source kind, label). `view_returns` marks a
    framework where a returned string is sent as HTML (Flask). `validated` lists
    parameters the framework converts before the call (`<int:id>`, `id: int`).
    """

    framework: str
    params: dict[int, tuple[str, str]]
    view_returns: bool = False
    route: str = ""
    validated: frozenset[int] = frozenset()


@dataclass(slots=True)
class FunctionSummary:
    """One function's flows in terms of its parameters and module-local origins."""

    qualname: str
    name: str
    line: int
    params: tuple[tuple[str, int], ...]
    bound: int  # 0: plain function or staticmethod, 1: instance method, 2: classmethod
    class_qualname: str | None
    ret: FrozenTaint | None = None
    ret_objects: tuple[str, ...] = ()
    # the library type of what it returns (`ldap3.Connection`), when the models know it
    ret_type: str | None = None
    hits: tuple[tuple[int, FrozenTaint], ...] = ()
    effects: Mapping[int, FrozenTaint] = field(default_factory=lambda: EMPTY_MAPPING)
    self_writes: Mapping[str, FrozenTaint] = field(default_factory=lambda: EMPTY_MAPPING)
    field_writes: tuple[tuple[str, str, FrozenTaint], ...] = ()
    global_writes: tuple[tuple[str, FrozenTaint], ...] = ()
    calls: tuple[int, ...] = ()
    entry: EntryInfo | None = None
    incomplete: bool = False
    # a validator: (parameter index, kinds) for each parameter that is clean for those
    # kinds whenever the function returns a true value (`ALL_KINDS` among them: every kind)
    validates: tuple[tuple[int, frozenset[str]], ...] = ()

    def is_trivial(self) -> bool:
        """True when the function says nothing to the link step (no flow at all)."""
        return not (
            self.ret
            or self.ret_objects
            or self.ret_type
            or self.hits
            or self.effects
            or self.self_writes
            or self.field_writes
            or self.global_writes
            or self.calls
            or self.entry
            or self.validates
        )


# what a function that says nothing to the link step is summarised as (shared, to save
# memory on large projects where most functions never touch tainted data)
TRIVIAL = FunctionSummary(qualname="", name="", line=0, params=(), bound=0, class_qualname=None)


@dataclass(slots=True)
class ClassInfo:
    """A class: its bases (qualified names) and methods, for method resolution.

    `fields` are the constructor's parameters, in order, of a class whose `__init__` is
    generated from its annotated fields (a dataclass, a `NamedTuple`).
    """

    qualname: str
    bases: tuple[str, ...]
    methods: dict[str, str]
    entry_methods: tuple[str, ...] = ()
    entry_framework: str = ""
    entry_skip: int = 1
    fields: tuple[str, ...] = ()
    # class attributes bound to a project name in the class body (`form_class = LoginForm`):
    # `self.form_class(...)` constructs that class
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Route:
    """A URL route found in a routing call: which view, which parameters are input.

    `view` is a qualified name (function) or `Class.as_view`; `clean_params` lists the
    URL parameters whose converter validates them (`<int:pk>`).
    """

    view: str
    framework: str
    route: str
    line: int
    params: tuple[str, ...] = ()
    clean_params: tuple[str, ...] = ()
    all_params: bool = True


@dataclass
class ModuleSummary:
    """Everything the link step needs from one file."""

    module: str
    path: str
    source_path: str = ""  # where to read the code shown in traces (read only when reporting)
    steps: StepTable = field(default_factory=StepTable)
    sources: list[tuple[str, str, int, int]] = field(default_factory=list)
    calls: list[CallRecord | None] = field(default_factory=list)
    sink_sites: list[SinkSite] = field(default_factory=list)
    functions: dict[str, FunctionSummary] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    star_imports: tuple[str, ...] = ()  # modules imported with `from x import *`
    routes: list[Route] = field(default_factory=list)
    module_function: str = ""
    incomplete_functions: int = 0
    # unexpected failures inside the engine (each stopped one function, marked incomplete)
    internal_errors: list[str] = field(default_factory=list)
