"""Taint models for Flask and Werkzeug.

Sources: the `flask.request` object's data attributes and methods, route parameters
of `@app.route`/`@bp.get(...)` handlers and `MethodView` methods. Sinks: redirects,
`send_file`, template source, `Markup`, the session, response headers and (handled by
the engine through `framework="flask"`) a view returning an HTML string.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ALL_KINDS,
    IN_MEMORY_FILES,
    LOCAL_URL,
    HandlerBase,
    Propagator,
    RouteDecorator,
    Sanitizer,
    Sink,
    Source,
    Tables,
    TypeRule,
    UrlConf,
)

_REQUEST_TYPES = ("flask.Request", "werkzeug.wrappers.Request", "werkzeug.Request", "quart.Request")
_MULTIDICT = "werkzeug.datastructures.MultiDict"
# `request.files`: a MultiDict whose values are uploads (name, content type and stream from
# the client), kept apart from the text MultiDicts so its items get the upload's type
_FILES = "werkzeug.datastructures.MultiDict[FileStorage]"
_FILE_STORAGE = "werkzeug.datastructures.FileStorage"
_HEADER_CHECK = (
    "Werkzeug refuses header values with a line break (ValueError), so the response "
    "cannot be split while that check stands; a value the client chose in a header is "
    "still worth a look."
)

_DATA_ATTRIBUTES = {
    "args": _MULTIDICT,
    "form": _MULTIDICT,
    "values": _MULTIDICT,
    "cookies": _MULTIDICT,
    "headers": _MULTIDICT,
    "files": _FILES,
    "json": None,
    "data": None,
    "view_args": None,
    "query_string": None,
    "path": None,
    "full_path": None,
    "url": None,
    "base_url": None,
    "host": None,
    "host_url": None,
    "url_root": None,
    "stream": None,
    "input_stream": None,
    "environ": None,
    "referrer": None,
    "user_agent": None,
    "authorization": None,
    "access_route": None,
    "mimetype_params": None,
}
_DATA_METHODS = ("get_json", "get_data")
_OWN_PLACE = ("path", "full_path", "host", "host_url", "url_root", "url", "base_url")

SOURCES = [
    *[
        Source(
            f"{t}.{attr}",
            "remote",
            label=f"request.{attr}",
            type=typ,
            # the request's own path keeps a redirect on the site, and its own host (the
            # one the browser asked for) is where the user already is
            clean_for=("redirect",) if attr in _OWN_PLACE else (),
        )
        for t in _REQUEST_TYPES
        for attr, typ in _DATA_ATTRIBUTES.items()
    ],
    *[
        Source(f"{t}.{m}", "remote", "call", f"request.{m}()")
        for t in _REQUEST_TYPES
        for m in _DATA_METHODS
    ],
]

TYPES = [
    TypeRule("flask.request", "flask.Request"),
    TypeRule("flask.globals.request", "flask.Request"),
    TypeRule("quart.request", "quart.Request"),
    TypeRule("flask.session", "flask.session"),
    TypeRule("flask.globals.session", "flask.session"),
    # a response declared as data, not HTML, is not a cross-site scripting sink
    *[
        TypeRule(target, "flask.Response[data]", when_keyword=(keyword, mime))
        for target in ("flask.Response", "flask.wrappers.Response", "werkzeug.wrappers.Response")
        for keyword in ("mimetype", "content_type")
        for mime in ("application/json", "text/plain", "text/csv", "application/octet-stream")
    ],
    TypeRule("flask.make_response", "flask.Response"),
    TypeRule("flask.Response", "flask.Response"),
    TypeRule("flask.wrappers.Response", "flask.Response"),
    TypeRule("werkzeug.wrappers.Response", "flask.Response"),
    TypeRule("flask.Flask.make_response", "flask.Response"),
    TypeRule("flask.Response.headers", "werkzeug.datastructures.Headers"),
    TypeRule("werkzeug.datastructures.Headers", "werkzeug.datastructures.Headers"),
    TypeRule("flask.jsonify", "flask.Response[json]"),
    TypeRule("flask.json.jsonify", "flask.Response[json]"),
    TypeRule("flask.redirect", "flask.Response[redirect]"),
    TypeRule("flask.send_file", "flask.Response[file]"),
    TypeRule("flask.send_from_directory", "flask.Response[file]"),
    TypeRule("flask.abort", "flask.Response[error]"),
    TypeRule("flask.url_for", LOCAL_URL),
    TypeRule(f"{_FILES}.*", _FILE_STORAGE),
    TypeRule(f"{_FILES}.get", _FILE_STORAGE),
]

SINKS = [
    Sink(
        "flask.redirect",
        601,
        "redirect",
        args=(0,),
        keywords=("location",),
        safe_prefix="local-path",
    ),
    Sink(
        "werkzeug.utils.redirect",
        601,
        "redirect",
        args=(0,),
        keywords=("location",),
        safe_prefix="local-path",
    ),
    # `upload.save(path)`: where the upload is written
    Sink(f"{_FILE_STORAGE}.save", 22, "path", args=(0,), keywords=("dst",)),
    Sink(
        "flask.send_file",
        22,
        "path",
        args=(0,),
        keywords=("path_or_file", "filename_or_fp"),
        # `send_file(io.BytesIO(data), ...)` sends bytes from memory, no file by name
        unless_types=((0, "path_or_file", IN_MEMORY_FILES), (0, "filename_or_fp", IN_MEMORY_FILES)),
    ),
    # the directory of send_from_directory is trusted; the file name argument is checked by it
    Sink("flask.send_from_directory", 22, "path", args=(0,), keywords=("directory",)),
    Sink("flask.render_template_string", 1336, "template", args=(0,), keywords=("source",)),
    Sink("flask.Markup", 79, "html", args=(0,)),
    Sink("flask.session.__setitem__", 501, "session", args=(1,)),
    Sink("flask.session.update", 501, "session", args=(0,)),
    Sink("flask.session.setdefault", 501, "session", args=(1,)),
    *[
        Sink(
            f"werkzeug.datastructures.Headers.{m}",
            113,
            "header",
            args=(1,),
            mitigated=_HEADER_CHECK,
        )
        for m in ("__setitem__", "add", "set", "setdefault")
    ],
    Sink("flask.Response", 113, "header", keywords=("headers",), mitigated=_HEADER_CHECK),
    Sink(
        "flask.make_response",
        113,
        "header",
        args=(2,),
        keywords=("headers",),
        mitigated=_HEADER_CHECK,
    ),
]

SANITIZERS = [
    Sanitizer("flask.escape", ("html", "xpath", "xmli"), label="flask.escape"),
    Sanitizer("werkzeug.utils.secure_filename", ("path", "shell"), label="secure_filename"),
    Sanitizer("werkzeug.utils.escape", ("html",), label="werkzeug.utils.escape"),
    Sanitizer("werkzeug.security.safe_join", ("path",), args=(0, 1, 2), label="safe_join"),
    Sanitizer("werkzeug.utils.safe_join", ("path",), args=(0, 1, 2), label="safe_join"),
    Sanitizer("flask.safe_join", ("path",), args=(0, 1, 2), label="safe_join"),
    Sanitizer("flask.url_for", (ALL_KINDS,), args=(), label="url_for"),
    # autoescaped templates: the result is HTML the template engine escaped
    *[
        Sanitizer(name, (ALL_KINDS,), args=(), label="render_template")
        for name in (
            "flask.render_template",
            "flask.templating.render_template",
            "flask.stream_template",
            # Flask-Themes2 (and its predecessor): the same Jinja environment, per theme
            "flask_themes2.render_theme_template",
            "flask_themes.render_theme_template",
        )
    ],
    *[
        Sanitizer(
            f"{_MULTIDICT}.get",
            (ALL_KINDS,),
            receiver=True,
            args=(),
            when_keyword=("type", ("builtins.int", "builtins.float", "builtins.bool", "uuid.UUID")),
            label="get(type=int)",
        )
    ],
]

PROPAGATORS = [
    # the body is the first argument: a status, headers or a media type are no part of it
    Propagator("flask.make_response", args=(0,), type="flask.Response"),
    Propagator("flask.Response", args=(0,), keywords=("response",), type="flask.Response"),
    Propagator(
        "werkzeug.wrappers.Response", args=(0,), keywords=("response",), type="flask.Response"
    ),
    # only the template source carries through: context values are autoescaped
    Propagator("flask.render_template_string", args=(0,)),
    Propagator("flask.Markup"),
]

ROUTES = [
    RouteDecorator(("route",), "flask", unless_imports=("sanic",)),
    RouteDecorator(
        ("get", "post", "put", "delete", "patch"),
        "auto",
        needs_path=True,
        unless_imports=("sanic",),
    ),
]

URLCONFS = [
    UrlConf("*.add_url_rule", view_arg=2, route_arg=0, framework="flask", view_keyword="view_func"),
]

HANDLER_BASES = [
    HandlerBase(
        "flask.views.MethodView",
        "flask",
        entry_methods=("get", "post", "put", "patch", "delete"),
        skip_params=1,
    ),
    HandlerBase("flask.views.View", "flask", entry_methods=("dispatch_request",), skip_params=1),
    # Flask-RESTful and Flask-RESTX resources: URL parameters in, JSON out (not a page)
    *[
        HandlerBase(
            base,
            "flask-restful",
            entry_methods=("get", "post", "put", "patch", "delete"),
            skip_params=1,
        )
        for base in ("flask_restful.Resource", "flask_restx.Resource")
    ],
]

TABLES = Tables(
    noreturn=("flask.abort", "werkzeug.exceptions.abort"),
    shared_namespaces=("flask.g", "flask.globals.g"),
    data_responses=(("flask.Response", "flask.Response[data]"),),
    view_safe_types=(
        "flask.Response[data]",
        "flask.Response[json]",
        "flask.Response[redirect]",
        "flask.Response[file]",
        "flask.Response[error]",
    ),
)

RECORDS = [*SOURCES, *TYPES, *SINKS, *SANITIZERS, *PROPAGATORS, *ROUTES, *URLCONFS, *HANDLER_BASES]
