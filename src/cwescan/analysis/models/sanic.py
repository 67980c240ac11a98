"""Taint models for Sanic.

Sources: a handler's `request` (a parameter named `request` in a module that imports
sanic, or annotated `sanic.Request`): `args`, `query_args`, `form`, `json`, `body`,
`files`, `headers`, `cookies`, `match_info`, the URL and path, and the parameters of
`@app.route("/p/<name>")`. Sinks: `response.html()`,
`response.redirect()`, `response.file()`/`file_stream()`.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ParameterType,
    RouteDecorator,
    Sink,
    Tables,
    request_sources,
)

REQUEST = "sanic.request.Request"

SOURCES = request_sources(
    REQUEST,
    (
        "args",
        "query_args",
        "form",
        "json",
        "body",
        "files",
        "headers",
        "cookies",
        "match_info",
        "url",
        "path",
        "query_string",
        "raw_url",
    ),
    ("get_args", "get_query_args", "get_form", "receive_body"),
)

PARAMETER_TYPES = [
    ParameterType(REQUEST, names=("request",), when_imports=("sanic",)),
    ParameterType(REQUEST, annotations=("sanic.Request", REQUEST)),
]

SINKS = [
    *[Sink(f"sanic.response.{m}", 79, "html", args=(0,), keywords=("body",)) for m in ("html",)],
    Sink(
        "sanic.response.redirect",
        601,
        "redirect",
        args=(0,),
        keywords=("to",),
        safe_prefix="local-path",
    ),
    *[
        Sink(f"sanic.response.{m}", 22, "path", args=(0,), keywords=("location",))
        for m in ("file", "file_stream")
    ],
]

# `@app.route("/p/<name>")`: the route's parameters are input; handlers return responses
ROUTES = [
    RouteDecorator(
        ("route", "get", "post", "put", "delete", "patch", "websocket"), "sanic", needs_path=True
    )
]

TABLES = Tables()

RECORDS = [*SOURCES, *PARAMETER_TYPES, *SINKS, *ROUTES]
