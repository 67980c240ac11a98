"""Taint models for Falcon.

Sources: a responder's request (`def on_get(self, req, resp)`: a parameter named `req`
in a module that imports falcon, or annotated `falcon.Request`): `get_param` and its
typed variants' string forms, `params`, `get_header`, `headers`, `cookies`,
`get_cookie_values`, `media`/`get_media()`, `stream`, the URL and path. Sinks: the
redirect exceptions (`HTTPFound` and the other 3xx). Falcon's responses are JSON unless
a responder sets another content type, so `resp.text` is not treated as HTML.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ParameterType,
    Tables,
    redirect_responses,
    request_sources,
)

REQUEST = "falcon.Request"

SOURCES = request_sources(
    REQUEST,
    (
        "params",
        "headers",
        "cookies",
        "media",
        "stream",
        "bounded_stream",
        "path",
        "query_string",
        "uri",
        "url",
        "relative_uri",
        "forwarded_uri",
    ),
    ("get_param", "get_param_as_list", "get_header", "get_cookie_values", "get_media"),
    name="req",
)

PARAMETER_TYPES = [
    ParameterType(REQUEST, names=("req",), when_imports=("falcon",)),
    ParameterType(REQUEST, annotations=(REQUEST, "falcon.request.Request", "falcon.asgi.Request")),
]

SINKS = redirect_responses("falcon")

TABLES = Tables()

RECORDS = [*SOURCES, *PARAMETER_TYPES, *SINKS]
