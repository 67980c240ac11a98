"""Taint models for FastAPI and Starlette.

Sources: handler parameters (path, query, body models, `Header()`, `Cookie()`), the
`Request` object's `query_params`, `path_params`, `headers`, `cookies`, `url`, and its
awaitable `json()`, `body()`, `form()`. Parameters annotated `int`, `float`, `UUID` and
the like are validated by FastAPI and arrive clean. Sinks: `HTMLResponse`,
`RedirectResponse`, `FileResponse`.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ParameterType,
    RouteDecorator,
    Sink,
    Source,
    Tables,
    TypeRule,
    request_sources,
)

REQUEST = "starlette.requests.Request"

SOURCES = [
    *request_sources(
        REQUEST,
        ("query_params", "path_params", "headers", "cookies", "url", "base_url", "client", "scope"),
        ("json", "body", "form", "stream"),
        awaited=True,
        # the URL the browser asked for: redirecting there keeps the user where they are
        own_place=("url", "base_url"),
    ),
    *[
        Source(f"starlette.websockets.WebSocket.{m}", "remote", "call", f"websocket.{m}()")
        for m in ("receive_text", "receive_bytes", "receive_json", "receive")
    ],
]

RESPONSE = "starlette.responses.Response"
HEADERS = "starlette.datastructures.MutableHeaders"
SESSION = "starlette.session"

TYPES = [
    TypeRule(f"{REQUEST}.session", SESSION),
    TypeRule(f"{RESPONSE}.headers", HEADERS),
    *[
        TypeRule(t, RESPONSE)
        for t in ("fastapi.Response", "starlette.responses.Response", "fastapi.responses.Response")
    ],
]

PARAMETER_TYPES = [
    ParameterType(
        RESPONSE,
        annotations=(
            "fastapi.Response",
            "starlette.responses.Response",
            "fastapi.responses.Response",
        ),
    ),
    ParameterType(
        REQUEST,
        annotations=("fastapi.Request", "starlette.requests.Request", "fastapi.requests.Request"),
    ),
    # a plain Starlette endpoint: `async def home(request)` routed with `Route("/", home)`
    ParameterType(REQUEST, names=("request",), when_imports=("starlette",)),
    ParameterType(
        "starlette.websockets.WebSocket",
        annotations=("fastapi.WebSocket", "starlette.websockets.WebSocket"),
    ),
]

_HTML = ("fastapi.responses.HTMLResponse", "starlette.responses.HTMLResponse")
_REDIRECT = ("fastapi.responses.RedirectResponse", "starlette.responses.RedirectResponse")
_FILE = ("fastapi.responses.FileResponse", "starlette.responses.FileResponse")

SINKS = [
    Sink(f"{HEADERS}.__setitem__", 113, "header", args=(1,)),
    Sink(f"{HEADERS}.append", 113, "header", args=(1,)),
    Sink(f"{SESSION}.__setitem__", 501, "session", args=(1,)),
    Sink(f"{SESSION}.update", 501, "session", args=(0,)),
    *[Sink(t, 79, "html", args=(0,), keywords=("content",)) for t in _HTML],
    # a plain Response declared as HTML
    *[
        Sink(
            t,
            79,
            "html",
            args=(0,),
            keywords=("content",),
            when_keyword=("media_type", "text/html"),
        )
        for t in ("fastapi.Response", "starlette.responses.Response", "fastapi.responses.Response")
    ],
    *[
        Sink(t, 601, "redirect", args=(0,), keywords=("url",), safe_prefix="local-path")
        for t in _REDIRECT
    ],
    *[Sink(t, 22, "path", args=(0,), keywords=("path",)) for t in _FILE],
]

ROUTES = [
    RouteDecorator(("api_route", "websocket"), "fastapi", needs_path=True),
]

TABLES = Tables(
    non_input_annotations=(
        "fastapi.Request",
        "starlette.requests.Request",
        "fastapi.requests.Request",
        "fastapi.Response",
        "starlette.responses.Response",
        "fastapi.BackgroundTasks",
        "starlette.background.BackgroundTasks",
        "fastapi.WebSocket",
        "starlette.websockets.WebSocket",
        "sqlalchemy.orm.Session",
        "sqlalchemy.orm.session.Session",
        "fastapi.security.HTTPAuthorizationCredentials",
        "fastapi.security.OAuth2PasswordRequestForm",
        "fastapi.security.SecurityScopes",
    ),
    validated_annotations=(
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "uuid.UUID",
        "datetime.date",
        "datetime.datetime",
        "datetime.time",
        "datetime.timedelta",
        "decimal.Decimal",
        "pydantic.PositiveInt",
        "pydantic.NegativeInt",
        "pydantic.conint",
        "pydantic.confloat",
        "pydantic.EmailStr",
        "pydantic.UUID4",
        "ipaddress.IPv4Address",
        "ipaddress.IPv6Address",
    ),
)

RECORDS = [*SOURCES, *TYPES, *PARAMETER_TYPES, *SINKS, *ROUTES]
