"""Taint models for Bottle.

Sources: the `bottle.request` object (`query`, `forms`, `params`, `json`, `body`,
`headers`, `cookies`, `files`, `GET`, `POST`, the URL and path, `get_header()`,
`get_cookie()`) and the URL wildcards of `@route('/p/<name>')` handlers. Sinks: a
handler returning a string (HTML), `template()` given template source rather than a
template name, `redirect()`.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    Propagator,
    RouteDecorator,
    Sink,
    Tables,
    TypeRule,
    request_sources,
)

REQUEST = "bottle.BaseRequest"

SOURCES = request_sources(
    REQUEST,
    (
        "query",
        "forms",
        "params",
        "json",
        "body",
        "headers",
        "cookies",
        "files",
        "GET",
        "POST",
        "url",
        "fullpath",
        "path",
        "query_string",
        "environ",
    ),
    ("get_header", "get_cookie"),
)

TYPES = [
    TypeRule("bottle.request", REQUEST),
    TypeRule("bottle.LocalRequest", REQUEST),
]

SINKS = [
    # `template(source)`: a string with a newline or `{{`/`%` is compiled as a template
    *[
        Sink(f"bottle.{f}", 1336, "template", args=(0,), keywords=("tpl",))
        for f in ("template", "SimpleTemplate", "jinja2_template", "mako_template")
    ],
    Sink(
        "bottle.redirect", 601, "redirect", args=(0,), keywords=("url",), safe_prefix="local-path"
    ),
]

# `@route("/p/<name>")`, `@app.get("/x")`: the handler's wildcards are input, and the
# string it returns is the page (as in Flask)
_VERBS = ("route", "get", "post", "put", "delete", "patch")
ROUTES = [
    RouteDecorator(
        _VERBS, "flask", needs_path=True, functions=tuple(f"bottle.{verb}" for verb in _VERBS)
    )
]

# only the template source carries through: the values it is given are escaped
PROPAGATORS = [
    Propagator(f"bottle.{f}", args=(0,), keywords=("tpl",))
    for f in ("template", "jinja2_template", "mako_template")
]

TABLES = Tables()

RECORDS = [*SOURCES, *TYPES, *SINKS, *PROPAGATORS, *ROUTES]
