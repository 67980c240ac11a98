"""What the per-file taint analysis hands to the link step: compact, picklable summaries.

A `ModuleSummary` holds everything the inter-procedural step needs about one file and
nothing more (no syntax trees): the trace steps its summaries point at, its source
sites, the calls it makes to functions that may belong to the project (with the taint
of every argument), its sink sites, and per function a `FunctionSummary` (which
parameters reach the return value, which sinks, what it writes to fields and
globals). Taints inside use module-local origins (see `taint_domain`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cwescan.analysis.taint_domain import Taint

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

# Step: (previous step id or -1, line, column, code, text)
Step = tuple[int, int, int, int, str]

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
    text: str
    args: tuple[Taint | None, ...]
    keywords: tuple[tuple[str, Taint | None], ...]
    star: Taint | None = None
    dstar: Taint | None = None
    bound: bool = False
    receiver: Taint | None = None


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


@dataclass(slots=True)
class EntryInfo:
    """A request handler (or CLI command) whose parameters are input.

    `params` maps parameter positions to (source kind, label). `view_returns` marks a
    framework where a returned string is sent as HTML (Flask).
    """

    framework: str
    params: dict[int, tuple[str, str]]
    view_returns: bool = False
    route: str = ""


@dataclass(slots=True)
class FunctionSummary:
    """One function's flows in terms of its parameters and module-local origins."""

    qualname: str
    name: str
    line: int
    params: tuple[tuple[str, int], ...]
    bound: int  # 0: plain function or staticmethod, 1: instance method, 2: classmethod
    class_qualname: str | None
    ret: Taint | None = None
    ret_objects: tuple[str, ...] = ()
    hits: list[tuple[int, Taint]] = field(default_factory=list)
    effects: dict[int, Taint] = field(default_factory=dict)
    self_writes: dict[str, Taint] = field(default_factory=dict)
    field_writes: list[tuple[str, str, Taint]] = field(default_factory=list)
    global_writes: list[tuple[str, Taint]] = field(default_factory=list)
    calls: tuple[int, ...] = ()
    entry: EntryInfo | None = None
    incomplete: bool = False


@dataclass(slots=True)
class ClassInfo:
    """A class: its bases (qualified names) and methods, for method resolution."""

    qualname: str
    bases: tuple[str, ...]
    methods: dict[str, str]
    entry_methods: tuple[str, ...] = ()
    entry_framework: str = ""
    entry_skip: int = 1


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
    steps: list[Step] = field(default_factory=list)
    sources: list[tuple[str, str, int, int]] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)
    sink_sites: list[SinkSite] = field(default_factory=list)
    functions: dict[str, FunctionSummary] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)
    suppressions: Any = None
    module_function: str = ""
    incomplete_functions: int = 0
