"""Error details sent to the client: stack traces and exception messages in HTTP responses.

The flow is followed inside the `except` block that caught the exception: the exception
name, traceback formatting (`traceback.format_exc()`, `sys.exc_info()`), and local
variables assigned from them, into a response constructor (`jsonify`, `HttpResponse`,
`JSONResponse`, `abort`, `HTTPException`, ...) or the return value of a request handler.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from cwescan.analysis.models import load_models
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, rule
from cwescan.rules.secrets import short_code

# calls whose result is the traceback or the exception being handled
_TRACE_CALLS = frozenset(
    {
        "traceback.format_exc",
        "traceback.format_exception",
        "traceback.format_exception_only",
        "traceback.format_tb",
        "traceback.format_stack",
        "traceback.extract_tb",
        "traceback.extract_stack",
        "traceback.TracebackException",
        "traceback.TracebackException.from_exception",
        "sys.exc_info",
        "sys.exception",
    }
)
# calls that turn their argument into text (the exception's message stays in it)
_TEXT_CALLS = frozenset({"builtins.str", "builtins.repr", "builtins.format"})
# attributes of an exception that hold its message or its traceback
_DETAIL_ATTRIBUTES = frozenset({"args", "message", "msg", "strerror", "__traceback__"})
# constructors and helpers whose arguments become the body of an HTTP response
_RESPONSE_CALLS = frozenset(
    {
        "flask.jsonify",
        "flask.make_response",
        "flask.Response",
        "flask.wrappers.Response",
        "flask.abort",
        "werkzeug.wrappers.Response",
        "werkzeug.exceptions.abort",
        "django.http.HttpResponse",
        "django.http.JsonResponse",
        "django.http.HttpResponseBadRequest",
        "django.http.HttpResponseServerError",
        "django.http.StreamingHttpResponse",
        "django.http.response.HttpResponse",
        "django.http.response.JsonResponse",
        "django.http.response.HttpResponseBadRequest",
        "django.http.response.HttpResponseServerError",
        "rest_framework.response.Response",
        "fastapi.HTTPException",
        "fastapi.exceptions.HTTPException",
        "fastapi.responses.JSONResponse",
        "fastapi.responses.HTMLResponse",
        "fastapi.responses.PlainTextResponse",
        "fastapi.responses.Response",
        "starlette.exceptions.HTTPException",
        "starlette.responses.JSONResponse",
        "starlette.responses.HTMLResponse",
        "starlette.responses.PlainTextResponse",
        "starlette.responses.Response",
        "aiohttp.web.Response",
        "aiohttp.web.json_response",
    }
)
# methods of class-based views that answer a request (Django, Django REST framework)
_HANDLER_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "dispatch", "list",
     "create", "retrieve", "update", "partial_update", "destroy"}
)
_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

TRACE = "trace"
MESSAGE = "message"


@rule(
    id="PY-WEB-012",
    cwe=209,
    title="Exception details returned in an HTTP response",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `except` blocks that send the stack trace (`traceback.format_exc()`, "
        "`sys.exc_info()`) or the caught exception's message (`str(e)`, `e.args`) to the "
        "client: returned from a Flask/FastAPI/Django request handler or passed to a "
        "response (`jsonify`, `HttpResponse`, `JSONResponse`, `abort`, `HTTPException`)."
    ),
    why=(
        "Stack traces and raw exception messages describe the program's internals: file "
        "paths, library versions, SQL statements, configuration values, sometimes "
        "credentials in connection strings. An attacker provokes errors on purpose to "
        "read them and plan the next step."
    ),
    fix=(
        "Log the details on the server (`logger.exception(...)`) and answer with a fixed "
        "message and an error id the client can quote."
    ),
    bad=(
        "@app.route(\"/report\")\ndef report():\n    try:\n        return build_report()\n"
        "    except Exception:\n        return traceback.format_exc(), 500"
    ),
    good=(
        "@app.route(\"/report\")\ndef report():\n    try:\n        return build_report()\n"
        "    except Exception:\n        logger.exception(\"report failed\")\n"
        "        return {\"error\": \"internal error\"}, 500"
    ),
    nodes=(ast.ExceptHandler,),
    references=(
        "https://cwe.mitre.org/data/definitions/209.html",
        "https://owasp.org/www-community/Improper_Error_Handling",
    ),
    scope_note=(
        "Pattern with local flow: the details must reach the response inside the `except` "
        "block, directly or through local variables. A stack trace is reported at medium "
        "severity and high confidence; an exception message at low severity and medium "
        "confidence, and not at all for validation errors (`ValidationError`) and the "
        "project's own exception classes, whose messages are written for the user. "
        "Details shown only under `DEBUG` are not reported."
    ),
)
def exception_details_in_response(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.ExceptHandler)
    names: dict[str, str] = {}
    if node.name and not _user_facing(node.type, ctx):
        names[node.name] = MESSAGE
    view = _enclosing_view(ctx.parents)
    reported: set[int] = set()
    for statement in _statements(node.body):
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            kind = _exposes(statement.value, names, ctx)
            targets = statement.targets if isinstance(statement, ast.Assign) else [
                statement.target
            ]
            for target in targets:
                # `kind, value, tb = sys.exc_info()`: every part holds the details
                bound = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
                for name in bound:
                    if not isinstance(name, ast.Name):
                        continue
                    if kind is None:
                        names.pop(name.id, None)  # rebound to something else
                    else:
                        names[name.id] = kind
        for sink, value in _sinks(statement, view, ctx):
            kind = _exposes(value, names, ctx)
            if kind is not None and id(sink) not in reported:
                reported.add(id(sink))
                yield _issue(sink, value, kind)


def _issue(sink: ast.AST, value: ast.expr, kind: str) -> Issue:
    shown = short_code(value, 50)
    where = "is returned to the client" if isinstance(sink, ast.Return) else (
        f"goes into `{short_code(sink.func, 30)}(…)`"  # type: ignore[attr-defined]
    )
    if kind == TRACE:
        return Issue(
            sink,
            f"The stack trace (`{shown}`) {where}: it shows file paths, code and "
            "library versions to whoever triggers the error.",
        )
    return Issue(
        sink,
        f"The caught exception's message (`{shown}`) {where}: it can carry internal "
        "details (paths, queries, configuration) to whoever triggers the error.",
        severity=Severity.LOW,
        confidence=Confidence.MEDIUM,
    )


def _statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a block in source order, nested blocks included; not the
    bodies of functions and classes defined there, nor nested `except` blocks (each
    handler is visited on its own)."""
    stack = list(reversed(body))
    while stack:
        statement = stack.pop()
        yield statement
        if isinstance(statement, _BOUNDARIES):
            continue
        nested: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody"):
            if field == "body" and isinstance(statement, ast.If) and _debug_flag(statement.test):
                continue  # `if settings.DEBUG:` shows details to developers only
            nested.extend(getattr(statement, field, ()) or ())
        for case in getattr(statement, "cases", ()) or ():
            nested.extend(case.body)
        stack.extend(reversed(nested))


def _sinks(
    statement: ast.stmt, view: bool, ctx: RuleContext
) -> Iterator[tuple[ast.AST, ast.expr]]:
    """(sink, value reaching it) for the responses this statement builds or returns."""
    if isinstance(statement, _BOUNDARIES):
        return
    if isinstance(statement, ast.Return) and statement.value is not None and view:
        value = statement.value
        # `return body, 500` and `return body, 500, headers` (Flask)
        if isinstance(value, ast.Tuple) and value.elts:
            value = value.elts[0]
        if not (isinstance(value, ast.Call) and _is_response(value, ctx)):
            yield statement, value
    for child in _own_expressions(statement):
        for call in _calls_in(child):
            if _is_response(call, ctx):
                for argument in [*call.args, *(kw.value for kw in call.keywords)]:
                    yield call, argument


def _own_expressions(statement: ast.stmt) -> Iterator[ast.expr]:
    """The expressions of the statement itself (not of the statements nested in it)."""
    for field in statement._fields:
        if field in ("body", "orelse", "finalbody", "handlers", "cases"):
            continue
        value = getattr(statement, field, None)
        if isinstance(value, ast.expr):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, ast.expr))
            for item in value:
                if isinstance(item, ast.withitem):
                    yield item.context_expr


def _calls_in(expression: ast.expr) -> Iterator[ast.Call]:
    stack: list[ast.AST] = [expression]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Lambda):
            continue
        if isinstance(current, ast.Call):
            yield current
        stack.extend(ast.iter_child_nodes(current))


def _is_response(call: ast.Call, ctx: RuleContext) -> bool:
    return ctx.call_name(call) in _RESPONSE_CALLS


def _exposes(expression: ast.expr | None, names: dict[str, str], ctx: RuleContext) -> str | None:
    """TRACE or MESSAGE when the value of `expression` holds the exception's details."""
    if expression is None:
        return None
    if isinstance(expression, ast.Name):
        return names.get(expression.id)
    if isinstance(expression, ast.Call):
        name = ctx.call_name(expression)
        if name in _TRACE_CALLS:
            return TRACE
        func = expression.func
        if name in _TEXT_CALLS or (
            isinstance(func, ast.Attribute) and func.attr in ("format", "join")
        ):
            return _strongest(_exposes(a, names, ctx) for a in _arguments(expression))
        return None  # any other call: its result is not the details (a mask, a log call)
    if isinstance(expression, ast.Attribute):
        if expression.attr in _DETAIL_ATTRIBUTES:
            return _exposes(expression.value, names, ctx)
        return None  # `e.code`, `e.status_code`: not the details
    if isinstance(expression, ast.Subscript):
        return _exposes(expression.value, names, ctx)
    if isinstance(expression, ast.JoinedStr):
        return _strongest(
            _exposes(v.value, names, ctx)
            for v in expression.values
            if isinstance(v, ast.FormattedValue)
        )
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, (ast.Add, ast.Mod)):
        return _strongest(
            _exposes(e, names, ctx) for e in _operands(expression.right, expression.left)
        )
    if isinstance(expression, ast.Dict):
        return _strongest(_exposes(v, names, ctx) for v in expression.values)
    if isinstance(expression, (ast.List, ast.Tuple, ast.Set)):
        return _strongest(_exposes(e, names, ctx) for e in expression.elts)
    if isinstance(expression, ast.IfExp):
        if _debug_flag(expression.test):  # `format_exc() if settings.DEBUG else "Error"`
            return _exposes(expression.orelse, names, ctx)
        return _strongest(_exposes(e, names, ctx) for e in (expression.body, expression.orelse))
    return None


def _debug_flag(test: ast.expr) -> bool:
    """True for `DEBUG`, `settings.DEBUG`, `app.debug`: details for developers only."""
    if isinstance(test, ast.Name):
        return test.id.lower() == "debug"
    return isinstance(test, ast.Attribute) and test.attr.lower() == "debug"


def _arguments(call: ast.Call) -> list[ast.expr]:
    found = [a.value if isinstance(a, ast.Starred) else a for a in call.args]
    found.extend(kw.value for kw in call.keywords)
    if isinstance(call.func, ast.Attribute):
        found.append(call.func.value)  # `", ".join(e.args)`, `"{}".format(e)`
    return found


def _operands(*expressions: ast.expr) -> list[ast.expr]:
    """The operands of `a + b` and `fmt % args`, tuples of arguments unpacked."""
    found: list[ast.expr] = []
    for expression in expressions:
        if isinstance(expression, ast.Tuple):
            found.extend(expression.elts)
        else:
            found.append(expression)
    return found


def _strongest(kinds: Iterator[str | None]) -> str | None:
    found = None
    for kind in kinds:
        if kind == TRACE:
            return TRACE
        found = found or kind
    return found


def _user_facing(handler_type: ast.expr | None, ctx: RuleContext) -> bool:
    """True when every exception caught is meant for the user: a validation error, or an
    exception class of the project itself (`except SubmissionError as e`), whose messages
    the project wrote, unlike `Exception` or a library's errors."""
    if handler_type is None:
        return False
    types = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    return all(
        short_code(t).rpartition(".")[2].endswith("ValidationError") or _project_class(t, ctx)
        for t in types
    )


def _project_class(node: ast.expr, ctx: RuleContext) -> bool:
    """A class of this module or of its own top-level package (a relative import, or an
    absolute one from the same project)."""
    if isinstance(node, ast.Name):
        binding = ctx.resolver.lookup(node.id, ctx.scope)
        if binding is not None and binding.kind == "def":
            return isinstance(binding.node, ast.ClassDef)
    qualified = ctx.resolver.qualified_name(node, ctx.scope)
    module = ctx.resolver.module_name
    if not qualified or "." not in module:
        return False
    return qualified.split(".", 1)[0] == module.split(".", 1)[0]


def _enclosing_view(parents: Sequence[ast.AST]) -> bool:
    """True when the nearest enclosing function handles web requests: a route
    decorator (`@app.route("/x")`, `@router.get("/x")`), a function whose first
    parameter is the request (a Django view), or a class-based view's handler method
    (`def get(self, request)`)."""
    for index in range(len(parents) - 1, -1, -1):
        parent = parents[index]
        if isinstance(parent, (ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if _is_route(parent):
                return True
            in_class = index > 0 and isinstance(parents[index - 1], ast.ClassDef)
            if in_class:
                return parent.name in _HANDLER_METHODS and _takes_request(parent.args, 1)
            return _takes_request(parent.args, 0)
    return False


def _is_route(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """True when a route decorator of the taint models (`@app.route(...)`,
    `@router.get("/x")`) makes the function a request handler."""
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
            continue
        path = decorator.args[0] if decorator.args else None
        has_path = isinstance(path, ast.Constant) and str(path.value).startswith("/")
        for route in load_models().routes:
            if decorator.func.attr in route.methods and (has_path or not route.needs_path):
                return True
    return False


def _takes_request(arguments: ast.arguments, position: int) -> bool:
    """True when the parameter at `position` is the request (by name or annotation)."""
    positional = [*arguments.posonlyargs, *arguments.args]
    if len(positional) <= position:
        return False
    argument = positional[position]
    annotation = argument.annotation
    return argument.arg in ("request", "req") or (
        annotation is not None and short_code(annotation).endswith("Request")
    )
