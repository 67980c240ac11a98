"""Taint models for Django and Django REST framework.

Sources: `HttpRequest` data (`GET`, `POST`, `COOKIES`, `META`, `headers`, `body`,
`FILES`, DRF `data`/`query_params`), URL parameters of views wired in `urls.py`
(function views and class-based views), `self.request`/`self.kwargs` in class-based
views. Sinks: raw SQL, `HttpResponse`, `mark_safe`, redirects, templates from strings,
the session, response headers.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ALL_KINDS,
    LOCAL_URL,
    Guard,
    HandlerBase,
    ParameterType,
    Propagator,
    Sanitizer,
    Sink,
    Source,
    Tables,
    TypeRule,
    UrlConf,
)

REQUEST = "django.http.HttpRequest"
_QUERYDICT = "django.http.QueryDict"
_SESSION = "django.contrib.sessions.backends.base.SessionBase"
_TEMPLATE = "django.template.Template"
_RESPONSE = "django.http.HttpResponse"
_HEADER_CHECK = (
    "Django refuses header values with a line break (BadHeaderError), so the response "
    "cannot be split while that check stands; a value the client chose in a header is "
    "still worth a look."
)

_DATA_ATTRIBUTES = {
    "GET": _QUERYDICT,
    "POST": _QUERYDICT,
    "COOKIES": None,
    "META": None,
    "headers": None,
    "body": None,
    "FILES": None,
    "path": None,
    "path_info": None,
    "content_params": None,
    # Django REST framework's Request
    "data": None,
    "query_params": _QUERYDICT,
    "stream": None,
}

# the request's own path starts with "/" (Django escapes a leading "//"): redirecting to
# it keeps the user on the site
_OWN_PATH = ("path", "path_info")
_OWN_PATH_METHODS = ("get_full_path", "get_full_path_info")
# get_host() is checked against ALLOWED_HOSTS (DisallowedHost otherwise)
_HOST = {"get_host": ("redirect", "ssrf")}

SOURCES = [
    *[
        Source(
            f"{REQUEST}.{attr}",
            "remote",
            label=f"request.{attr}",
            type=typ,
            clean_for=("redirect",) if attr in _OWN_PATH else (),
        )
        for attr, typ in _DATA_ATTRIBUTES.items()
    ],
    *[
        Source(
            f"{REQUEST}.{m}",
            "remote",
            "call",
            f"request.{m}()",
            clean_for=("redirect",) if m in _OWN_PATH_METHODS else _HOST.get(m, ()),
        )
        for m in (
            "get_full_path",
            "get_full_path_info",
            "build_absolute_uri",
            "read",
            "readline",
            "readlines",
            "get_signed_cookie",
            "get_host",
        )
    ],
]


PARAMETER_TYPES = [
    ParameterType(REQUEST, names=("request",), when_imports=("django", "rest_framework")),
    ParameterType(
        REQUEST,
        annotations=(
            "django.http.HttpRequest",
            "django.http.request.HttpRequest",
            "rest_framework.request.Request",
            "django.core.handlers.wsgi.WSGIRequest",
        ),
    ),
]

_MANAGER = "django.db.models.Manager"
_QUERYSET = "django.db.models.QuerySet"
_QUERYSET_METHODS = (
    "all",
    "filter",
    "exclude",
    "order_by",
    "annotate",
    "alias",
    "select_related",
    "prefetch_related",
    "distinct",
    "values",
    "values_list",
    "using",
    "only",
    "defer",
    "none",
    "reverse",
    "select_for_update",
    "extra",
)

# a value whose signature verifies was made by the server (`Signer().sign(...)`): the
# client only handed it back, so it is clean for every kind
_SIGNERS = ("django.core.signing.Signer", "django.core.signing.TimestampSigner")

TYPES = [
    *[TypeRule(signer, signer) for signer in _SIGNERS],
    # `Model.objects` (any attribute named `objects`) is a manager; its query methods chain
    TypeRule("*.objects", _MANAGER),
    *[TypeRule(f"{t}.{m}", _QUERYSET) for t in (_MANAGER, _QUERYSET) for m in _QUERYSET_METHODS],
    TypeRule(f"{REQUEST}.session", _SESSION),
    TypeRule("django.http.HttpResponse", _RESPONSE),
    TypeRule("django.http.response.HttpResponse", _RESPONSE),
    TypeRule("django.shortcuts.render", _RESPONSE),
    TypeRule("django.http.JsonResponse", _RESPONSE),
    TypeRule("django.http.HttpResponseRedirect", _RESPONSE),
    TypeRule("django.shortcuts.redirect", _RESPONSE),
    TypeRule("django.db.connection", "dbapi.Connection"),
    TypeRule("django.db.connections.*", "dbapi.Connection"),
    TypeRule("django.template.engines.*", "django.template.backends.Engine"),
    TypeRule("django.urls.reverse", LOCAL_URL),
    TypeRule("django.template.Template", _TEMPLATE),
    TypeRule("django.template.base.Template", _TEMPLATE),
    TypeRule("django.template.backends.Engine.from_string", _TEMPLATE),
    TypeRule("django.template.loader.get_template", _TEMPLATE),
    TypeRule("django.template.loader.select_template", _TEMPLATE),
]

_URL_CONVERTERS_HINT = "path converters <int:…>, <slug:…> and <uuid:…> are validated"

SINKS = [
    Sink("django.db.models.expressions.RawSQL", 89, "sql", args=(0,), keywords=("sql",)),
    Sink("django.db.models.RawSQL", 89, "sql", args=(0,), keywords=("sql",)),
    *[
        Sink(f"{t}.raw", 89, "sql", args=(0,), keywords=("raw_query",))
        for t in (_MANAGER, _QUERYSET)
    ],
    *[
        Sink(f"{t}.extra", 89, "sql", keywords=("select", "where", "tables", "order_by"))
        for t in (_MANAGER, _QUERYSET)
    ],
    # a manager or queryset the engine could not type (a parameter, an attribute)
    Sink("*.raw", 89, "sql", args=(0,), keywords=("raw_query",)),
    Sink("*.extra", 89, "sql", keywords=("select", "where", "tables", "order_by")),
    Sink(
        "django.http.HttpResponse",
        79,
        "html",
        args=(0,),
        keywords=("content",),
        unless_media=(1, "content_type"),
    ),
    Sink(
        "django.http.response.HttpResponse",
        79,
        "html",
        args=(0,),
        keywords=("content",),
        unless_media=(1, "content_type"),
    ),
    Sink("django.utils.safestring.mark_safe", 79, "html", args=(0,), keywords=("s",)),
    Sink("django.utils.html.format_html", 79, "html", args=(0,), keywords=("format_string",)),
    # CWE-134 format_html runs `format_string.format(*args, **kwargs)`
    Sink(
        "django.utils.html.format_html",
        134,
        "format",
        args=(0,),
        keywords=("format_string",),
        with_values=True,
    ),
    Sink(
        "django.shortcuts.redirect",
        601,
        "redirect",
        args=(0,),
        keywords=("to",),
        safe_prefix="local-path",
    ),
    Sink(
        "django.http.HttpResponseRedirect",
        601,
        "redirect",
        args=(0,),
        keywords=("redirect_to",),
        safe_prefix="local-path",
    ),
    Sink(
        "django.http.HttpResponsePermanentRedirect",
        601,
        "redirect",
        args=(0,),
        keywords=("redirect_to",),
        safe_prefix="local-path",
    ),
    Sink("django.template.Template", 1336, "template", args=(0,), keywords=("template_string",)),
    Sink("django.template.backends.Engine.from_string", 1336, "template", args=(0,)),
    Sink(f"{_SESSION}.__setitem__", 501, "session", args=(1,)),
    Sink(f"{_SESSION}.setdefault", 501, "session", args=(1,)),
    Sink(f"{_SESSION}.update", 501, "session", args=(0,)),
    *[
        Sink(f"{_RESPONSE}.{m}", 113, "header", args=(1,), mitigated=_HEADER_CHECK)
        for m in ("__setitem__", "setdefault")
    ],
    Sink(
        "django.http.FileResponse",
        22,
        "path",
        args=(0,),
        keywords=("streaming_content",),
        label="FileResponse of a path",
    ),
]

SANITIZERS = [
    *[
        Sanitizer(f"{signer}.{method}", (ALL_KINDS,), args=(0,), label="signature checked")
        for signer in _SIGNERS
        for method in ("unsign", "unsign_object")
    ],
    Sanitizer("django.core.signing.loads", (ALL_KINDS,), label="signature checked"),
    Sanitizer("django.utils.html.escape", ("html", "xpath", "xmli"), label="django escape"),
    Sanitizer(
        "django.utils.html.conditional_escape",
        ("html", "xpath", "xmli"),
        label="conditional_escape",
    ),
    Sanitizer("django.utils.html.strip_tags", ("html",), label="strip_tags"),
    Sanitizer("django.utils.html.escapejs", ("html",), label="escapejs"),
    # JSON in a <script> element with <, > and & escaped: it cannot close the element
    Sanitizer("django.utils.html.json_script", ("html",), label="json_script"),
    Sanitizer("django.forms.utils.flatatt", ("html",), label="flatatt"),
    Sanitizer("django.utils.text.slugify", (ALL_KINDS,), label="slugify"),
    # format_html escapes its arguments (its format string is a sink of its own)
    Sanitizer(
        "django.utils.html.format_html", ("html",), args=tuple(range(1, 12)), label="format_html"
    ),
    Sanitizer(
        "django.utils.html.format_html_join", ("html",), args=(1, 2), label="format_html_join"
    ),
    Sanitizer(
        "django.utils.text.get_valid_filename", ("path", "shell"), label="get_valid_filename"
    ),
    Sanitizer("django.shortcuts.render", (ALL_KINDS,), args=(), label="render"),
    Sanitizer(
        "django.template.loader.render_to_string", (ALL_KINDS,), args=(), label="render_to_string"
    ),
    Sanitizer("django.urls.reverse", (ALL_KINDS,), args=(), label="reverse"),
    Sanitizer("django.http.JsonResponse", (ALL_KINDS,), args=(), label="JsonResponse"),
]

_TRANSLATIONS = (
    ("gettext", (0,)),
    ("ngettext", (0, 1)),
    ("pgettext", (1,)),
    ("npgettext", (1, 2)),
)

PROPAGATORS = [
    Propagator("django.http.HttpResponse", type=_RESPONSE),
    Propagator("django.utils.encoding.force_str"),
    Propagator("django.utils.encoding.smart_str"),
    Propagator("django.utils.encoding.force_bytes"),
    Propagator("django.utils.safestring.mark_safe"),
    # a template carries its source; rendering autoescapes the context, so only the
    # source reaches the page unescaped
    Propagator(
        "django.template.Template", args=(0,), keywords=("template_string",), type=_TEMPLATE
    ),
    Propagator(
        "django.template.base.Template", args=(0,), keywords=("template_string",), type=_TEMPLATE
    ),
    Propagator(f"{_TEMPLATE}.render", args=(), receiver=True),
    # a translation is the message text (or its translation), never the count that picks
    # between singular and plural
    *[
        Propagator(f"django.utils.translation.{f}{lazy}", args=args, receiver=False)
        for f, args in _TRANSLATIONS
        for lazy in ("", "_lazy")
    ],
]

GUARDS = [
    Guard(
        "django.utils.http.url_has_allowed_host_and_scheme",
        ("redirect", "ssrf"),
        subject=0,
        keyword="url",
    ),
    Guard("django.utils.http.is_safe_url", ("redirect", "ssrf"), subject=0, keyword="url"),
]

_ENTRY_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")
_VIEWSET_METHODS = ("list", "retrieve", "create", "update", "partial_update", "destroy")

HANDLER_BASES = [
    HandlerBase(
        prefix,
        "django",
        self_sources=(("kwargs", "remote"), ("args", "remote")),
        self_types=(("request", REQUEST),),
        entry_methods=_ENTRY_METHODS + _VIEWSET_METHODS,
        skip_params=2,
    )
    for prefix in (
        "django.views.",
        "rest_framework.views.",
        "rest_framework.generics.",
        "rest_framework.viewsets.",
        "rest_framework.mixins.",
    )
]

URLCONFS = [
    UrlConf("django.urls.path"),
    UrlConf("django.urls.re_path"),
    UrlConf("django.conf.urls.url"),
]

# what a query reads from the database: rows, not the filter values that chose them
# (`Ticket.objects.get(id=request.GET["id"]).url` is the stored URL); `create` and
# `get_or_create` return objects made from their arguments, and still carry them
_LOOKUPS = (
    *_QUERYSET_METHODS,
    "get",
    "first",
    "last",
    "latest",
    "earliest",
    "count",
    "exists",
    "contains",
    "aggregate",
    "in_bulk",
    "iterator",
    "dates",
    "datetimes",
)

TABLES = Tables(
    noreturn=(),
    view_safe_types=(),
    clean_calls=(
        *[f"{t}.{m}" for t in (_MANAGER, _QUERYSET) for m in _LOOKUPS if m != "extra"],
        "django.shortcuts.get_object_or_404",
        "django.shortcuts.get_list_or_404",
    ),
    # a template found by name is the template file, not the (possibly tainted) name
    opaque_calls=(
        "django.template.loader.get_template",
        "django.template.loader.select_template",
    ),
)

RECORDS = [
    *SOURCES,
    *PARAMETER_TYPES,
    *TYPES,
    *SINKS,
    *SANITIZERS,
    *PROPAGATORS,
    *GUARDS,
    *HANDLER_BASES,
    *URLCONFS,
]
