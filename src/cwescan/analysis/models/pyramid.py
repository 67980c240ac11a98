"""Taint models for Pyramid.

Sources: a view's `request` (a parameter named `request` in a module that imports
pyramid, or `self.request` of a view class): `params`, `GET`, `POST`, `matchdict`,
`json_body`, `body`, `text`, `headers`, `cookies`, the URL and path. Sinks: a `Response`
built from a body (its default Content-Type is `text/html`), the redirect exceptions
(`HTTPFound(location=...)` and the other 3xx), `FileResponse`.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ParameterType,
    Sink,
    Tables,
    redirect_responses,
    request_sources,
)

REQUEST = "pyramid.request.Request"

SOURCES = request_sources(
    REQUEST,
    (
        "params",
        "GET",
        "POST",
        "matchdict",
        "json_body",
        "json",
        "body",
        "text",
        "headers",
        "cookies",
        "url",
        "path",
        "path_qs",
        "path_info",
        "query_string",
        "body_file",
    ),
)

PARAMETER_TYPES = [
    ParameterType(REQUEST, names=("request",), when_imports=("pyramid",)),
    ParameterType(REQUEST, annotations=(REQUEST, "pyramid.request.BaseRequest")),
]

_RESPONSES = ("pyramid.response.Response", "webob.Response", "webob.response.Response")

SINKS = [
    # text/html unless a content_type says otherwise
    *[
        Sink(
            response,
            79,
            "html",
            args=(0,),
            keywords=("body", "text"),
            unless_media=(1, "content_type"),
        )
        for response in _RESPONSES
    ],
    *redirect_responses("pyramid.httpexceptions"),
    Sink("pyramid.response.FileResponse", 22, "path", args=(0,), keywords=("path",)),
]

TABLES = Tables()

RECORDS = [*SOURCES, *PARAMETER_TYPES, *SINKS]
