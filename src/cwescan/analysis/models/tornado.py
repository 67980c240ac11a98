"""Taint models for Tornado.

Sources: a `RequestHandler`'s `get_argument(s)`, `get_query_argument(s)`,
`get_body_argument(s)`, `get_cookie`, its URL path arguments (the parameters of
`get`/`post`/... and `self.path_args`/`self.path_kwargs`), and its `self.request`:
`body`, `arguments`, `files`, `headers`, `uri`, `path`, `query`, `cookies`. Sinks:
`self.write()`/`self.finish()` (the response body, HTML unless a constant non-HTML
Content-Type was set with `set_header`; a dict is sent as JSON), `self.redirect()`,
templates compiled from strings, and the HTTP clients' `fetch` (SSRF). `set_header`
is no header-injection sink: Tornado refuses values with line breaks.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ALL_KINDS,
    PERCENT_ENCODED,
    HandlerBase,
    Propagator,
    Sanitizer,
    Sink,
    Tables,
    TypeRule,
    request_sources,
)

HANDLER = "tornado.web.RequestHandler"
REQUEST = "tornado.httputil.HTTPServerRequest"
TEMPLATE = "tornado.template.Template"
_CLIENTS = ("tornado.httpclient.AsyncHTTPClient", "tornado.httpclient.HTTPClient")

SOURCES = [
    *request_sources(
        HANDLER,
        (),
        (
            "get_argument",
            "get_arguments",
            "get_query_argument",
            "get_query_arguments",
            "get_body_argument",
            "get_body_arguments",
            "get_cookie",
            "decode_argument",
        ),
        name="self",
    ),
    *request_sources(
        REQUEST,
        (
            "body",
            "arguments",
            "query_arguments",
            "body_arguments",
            "files",
            "headers",
            "uri",
            "path",
            "query",
            "cookies",
            "full_url",
        ),
        name="self.request",
    ),
]

TYPES = [
    *[TypeRule(client, client) for client in _CLIENTS],
    TypeRule(TEMPLATE, TEMPLATE),
    TypeRule("tornado.template.Loader.load", TEMPLATE),
    TypeRule("tornado.template.DictLoader.load", TEMPLATE),
]

SANITIZERS = [
    Sanitizer("tornado.escape.xhtml_escape", ("html", "xpath", "xmli"), label="xhtml_escape"),
    Sanitizer(
        "tornado.escape.url_escape",
        PERCENT_ENCODED,
        label="url_escape",
    ),
    # templates escape what they are given (autoescape is on unless turned off)
    Sanitizer(f"{TEMPLATE}.generate", (ALL_KINDS,), args=(), label="Template.generate"),
    *[
        Sanitizer(f"{HANDLER}.{m}", (ALL_KINDS,), args=(), label=m)
        for m in ("render_string", "xsrf_form_html")
    ],
]

SINKS = [
    # the response body: HTML unless the handler declared another Content-Type
    *[
        Sink(f"{HANDLER}.{m}", 79, "html", args=(0,), keywords=("chunk",), response_body=True)
        for m in ("write", "finish")
    ],
    Sink(
        f"{HANDLER}.redirect",
        601,
        "redirect",
        args=(0,),
        keywords=("url",),
        safe_prefix="local-path",
    ),
    Sink(TEMPLATE, 1336, "template", args=(0,), keywords=("template_string",)),
    *[
        Sink(
            f"{client}.fetch", 918, "ssrf", args=(0,), keywords=("request",), safe_prefix="url-host"
        )
        for client in _CLIENTS
    ],
]

# a request built for `fetch`: where it goes is its URL; a body or headers relayed from
# the client's request choose nothing of that
PROPAGATORS = [
    Propagator(
        "tornado.httpclient.HTTPRequest",
        args=(0,),
        keywords=("url",),
        type="tornado.httpclient.HTTPRequest",
    ),
]

HANDLER_BASES = [
    HandlerBase(
        base,
        "tornado",
        self_sources=(("path_args", "remote"), ("path_kwargs", "remote")),
        self_types=(("request", REQUEST),),
        entry_methods=entry_methods,
        skip_params=1,
        header_methods=("set_header", "add_header"),
        methods_of=HANDLER,
    )
    for base, entry_methods in (
        (HANDLER, ("get", "post", "put", "patch", "delete", "head", "options")),
        ("tornado.web.StaticFileHandler", ("get", "head")),
        # a WebSocket's messages are input too, as are the path arguments `open` gets
        ("tornado.websocket.WebSocketHandler", ("open", "on_message")),
    )
]

TABLES = Tables()

RECORDS = [*SOURCES, *TYPES, *SANITIZERS, *SINKS, *PROPAGATORS, *HANDLER_BASES]
