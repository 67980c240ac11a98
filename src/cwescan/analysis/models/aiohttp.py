"""Taint models for aiohttp's web server.

Sources: a handler's `request` (a parameter named `request` in a module that imports
aiohttp, or annotated `web.Request`): `query`, `match_info`, `headers`, `cookies`, the
URL and path, and the awaitable body readers `post()`, `json()`, `text()`, `read()`,
`multipart()`. Sinks: a `web.Response` declared `text/html`, the redirect exceptions
(`HTTPFound` and the other 3xx), `FileResponse`. (The client side, `ClientSession`, is
with the other HTTP clients in `thirdparty`.)
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ParameterType,
    Sink,
    Tables,
    redirect_responses,
    request_sources,
)

REQUEST = "aiohttp.web.Request"
_REQUEST_NAMES = (
    "aiohttp.web.Request",
    "aiohttp.web.BaseRequest",
    "aiohttp.web_request.Request",
    "aiohttp.web_request.BaseRequest",
)

SOURCES = request_sources(
    REQUEST,
    (
        "query",
        "match_info",
        "headers",
        "cookies",
        "rel_url",
        "url",
        "path",
        "path_qs",
        "raw_path",
        "query_string",
        "content",
        "host",
    ),
    ("post", "json", "text", "read", "multipart"),
    awaited=True,
)

PARAMETER_TYPES = [
    ParameterType(REQUEST, names=("request",), when_imports=("aiohttp",)),
    ParameterType(REQUEST, annotations=_REQUEST_NAMES),
]


SINKS = [
    # its keyword-only body: a page only when declared text/html (text/plain by default)
    Sink(
        "aiohttp.web.Response",
        79,
        "html",
        keywords=("text", "body"),
        when_keyword=("content_type", "text/html"),
    ),
    *redirect_responses("aiohttp.web"),
    Sink("aiohttp.web.FileResponse", 22, "path", args=(0,), keywords=("path",)),
]

TABLES = Tables()

RECORDS = [*SOURCES, *PARAMETER_TYPES, *SINKS]
