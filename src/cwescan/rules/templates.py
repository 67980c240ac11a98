"""Templates and HTML markup: autoescaping off (CWE-79), values marked safe without
escaping (CWE-79), and templates compiled from non-constant source (CWE-1336).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, has_star_arguments, keyword, rule
from cwescan.rules.strings import bound_value, decompose, is_safe_value, source_text

_JINJA_ENVIRONMENTS = frozenset(
    {
        "jinja2.Environment",
        "jinja2.environment.Environment",
        "jinja2.sandbox.SandboxedEnvironment",
        "jinja2.sandbox.ImmutableSandboxedEnvironment",
    }
)
_HTML_ESCAPES = frozenset(
    {
        "django.utils.html.escape",
        "django.utils.html.conditional_escape",
        "django.utils.html.format_html",
        "django.utils.html.format_html_join",
        "django.utils.html.json_script",
        "django.utils.html.escapejs",
        "django.utils.html.urlize",
        "django.forms.utils.flatatt",  # attribute values through format_html_join
        "django.template.loader.render_to_string",
        "django.shortcuts.render_to_string",
        "html.escape",
        "cgi.escape",
        "markupsafe.escape",
        "markupsafe.Markup.escape",
        "jinja2.escape",
        "flask.escape",
        "flask.render_template",
        "bleach.clean",
        "bleach.linkify",
        "nh3.clean",
        "urllib.parse.quote",
        "urllib.parse.quote_plus",
        "urllib.parse.urlencode",
    }
)


_RENDER_METHODS = frozenset({"render", "render_to_string", "format_html", "__html__"})


def _html_sanitizer(ctx: RuleContext, call: ast.Call) -> bool:
    name = ctx.call_name(call)
    if name in _HTML_ESCAPES:
        return True
    func = call.func
    # `renderer.render(template, context)`: the output of an autoescaping template engine;
    # `obj.__html__()`: markup the object vouches for (the protocol `mark_safe` speaks)
    if isinstance(func, ast.Attribute) and func.attr in _RENDER_METHODS:
        return True
    # `"".join(escape(x) for x in items)`: every joined piece escaped
    if isinstance(func, ast.Attribute) and func.attr == "join" and ctx.constant(func.value)[0]:
        if len(call.args) == 1 and isinstance(call.args[0], (ast.GeneratorExp, ast.ListComp)):
            return _is_html_safe(ctx, call.args[0].elt)
    return False


def _is_html_safe(ctx: RuleContext, node: ast.expr) -> bool:
    """A constant, an escaped value, or a string built only from those."""
    built = decompose(ctx, node, _html_sanitizer)
    if built is not None:
        return not built.unsafe
    return is_safe_value(ctx, node, _html_sanitizer)


def _unescaped_markup(ctx: RuleContext, value: ast.expr) -> tuple[str, Confidence | None]:
    """Describe a value trusted as HTML; HTML built around unescaped values is surer
    than a value held in a variable, which may have been escaped on another path."""
    built = decompose(ctx, value, _html_sanitizer)
    if built is not None and built.has_dynamic and not isinstance(value, ast.Name):
        values = built.unsafe_values()
        return f"HTML built with {built.how} from {values}, unescaped", None
    return f"`{_short(source_text(value))}`, which is not visibly escaped", Confidence.LOW


def _is_select_autoescape(ctx: RuleContext, node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = ctx.call_name(node) or ""
    func = node.func
    attr = (
        func.attr
        if isinstance(func, ast.Attribute)
        else func.id
        if isinstance(func, ast.Name)
        else ""
    )
    return name.endswith("select_autoescape") or attr == "select_autoescape"


@rule(
    id="PY-TMPL-001",
    cwe=79,
    title="Jinja2 environment with autoescaping off",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `jinja2.Environment` (and the sandboxed environments) created without "
        "`autoescape` or with `autoescape=False`."
    ),
    why=(
        "Jinja2 does not escape by default: `{{ name }}` with `<script>` in it is emitted "
        "as markup, so any value from a user becomes script in the rendered HTML "
        "(cross-site scripting)."
    ),
    fix=(
        "Create the environment with `autoescape=select_autoescape()` (escapes .html/.xml "
        "templates) or `autoescape=True`; mark genuinely safe markup with `Markup` explicitly."
    ),
    bad='env = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"))',
    good=(
        'env = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"),\n'
        "                         autoescape=jinja2.select_autoescape())"
    ),
    nodes=(ast.Call,),
    calls=_JINJA_ENVIRONMENTS,
    references=("https://jinja.palletsprojects.com/en/stable/api/#autoescaping",),
    bandit=("B701",),
    scope_note=(
        "Pattern only. `select_autoescape(...)`, `True`, a callable and a value decided at "
        "run time are accepted; environments for non-HTML output still get flagged, so "
        "say so with `autoescape=False` and a suppression comment."
    ),
)
def jinja_autoescape_off(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _JINJA_ENVIRONMENTS:
        return
    autoescape = keyword(node, "autoescape")
    if autoescape is None:
        if has_star_arguments(node) or len(node.args) > 16:
            return
        yield Issue(
            node,
            f"`{name}` is created without `autoescape`, so Jinja2's default (off) applies: "
            "values rendered into HTML templates are not escaped.",
            remediation="Add `autoescape=jinja2.select_autoescape()` to the constructor.",
        )
        return
    known, value = ctx.constant(autoescape)
    if not known or value or _is_select_autoescape(ctx, autoescape):
        return
    yield Issue(
        node,
        f"`{name}(autoescape={source_text(autoescape)})` emits every rendered value as raw markup.",
        remediation="Use `autoescape=jinja2.select_autoescape()` or `autoescape=True`.",
    )


_MAKO_TEMPLATES = frozenset(
    {"mako.template.Template", "mako.lookup.TemplateLookup", "mako.template.DefTemplate"}
)
_MAKO_ESCAPES = frozenset({"h", "x", "html_escape", "xml_escape", "escape", "u"})


def _escapes_by_default(ctx: RuleContext, filters: ast.expr) -> bool | None:
    """Whether a Mako `default_filters` list includes an HTML-escaping filter."""
    known, value = ctx.constant(filters)
    if not known or not isinstance(value, (list, tuple)):
        return None
    for entry in value:
        if isinstance(entry, str):
            last = entry.rpartition(".")[2]
            if last in _MAKO_ESCAPES - {"u"} or "escape" in last:
                return True
    return False


@rule(
    id="PY-TMPL-002",
    cwe=79,
    title="Mako template without HTML escaping by default",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `mako.template.Template` and `mako.lookup.TemplateLookup` created without an "
        "escaping filter (`h`) in `default_filters`."
    ),
    why=(
        "Mako renders `${value}` without HTML escaping unless a filter is applied: user "
        "data with `<script>` becomes script in the page (cross-site scripting)."
    ),
    fix=(
        'Pass `default_filters=["h"]` (with `imports=["from markupsafe import escape"]` '
        "or Mako's built-in `h`), and opt out per expression with `${value | n}`."
    ),
    bad='lookup = TemplateLookup(directories=["templates"])',
    good='lookup = TemplateLookup(directories=["templates"], default_filters=["h"])',
    nodes=(ast.Call,),
    calls=_MAKO_TEMPLATES,
    references=("https://docs.makotemplates.org/en/latest/filtering.html",),
    bandit=("B702",),
    scope_note="Pattern only; a non-constant `default_filters` is not judged.",
)
def mako_without_escaping(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _MAKO_TEMPLATES:
        return
    filters = keyword(node, "default_filters")
    if filters is None:
        if has_star_arguments(node):
            return
        yield Issue(
            node,
            f"`{name}` without `default_filters`: `${{...}}` expressions are rendered unescaped.",
            remediation=f'Pass `default_filters=["h"]` to `{name.rpartition(".")[2]}(...)`.',
        )
        return
    if _escapes_by_default(ctx, filters) is False:
        yield Issue(
            node,
            f"`{name}(default_filters={_short(source_text(filters))})` has no HTML-escaping "
            "filter: expressions are rendered unescaped.",
            remediation='Add `"h"` to `default_filters`.',
        )


_DJANGO_SAFE = frozenset(
    {
        "django.utils.safestring.mark_safe",
        "django.utils.safestring.SafeString",
        "django.utils.safestring.SafeText",
        "django.utils.safestring.SafeUnicode",
        "django.utils.safestring.SafeBytes",
        "django.utils.html.mark_safe",
    }
)


@rule(
    id="PY-TMPL-003",
    cwe=79,
    title="Django `mark_safe` on a value that is not escaped",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `mark_safe(...)`/`SafeString(...)` whose argument is neither a constant nor "
        "built only from constants and escaped values (`escape`, `format_html`, ...)."
    ),
    why=(
        "`mark_safe` tells Django's autoescaping to trust the string as HTML. If any part "
        "of it comes from a user unescaped, their markup and scripts reach the page "
        "(cross-site scripting)."
    ),
    fix=(
        'Build HTML with `django.utils.html.format_html("<b>{}</b>", value)`, which escapes '
        "the values, instead of formatting a string and marking it safe."
    ),
    bad='return mark_safe(f"<b>{user.name}</b>")',
    good='return format_html("<b>{}</b>", user.name)',
    nodes=(ast.Call,),
    calls=_DJANGO_SAFE,
    references=(
        "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe",
        "https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html",
    ),
    bandit=("B703", "B308"),
    scope_note=(
        "Pattern: constants, escaping calls and strings assembled only from them are "
        "accepted (following a local variable to its one assignment). The taint engine "
        "reports user input reaching `mark_safe` with a trace."
    ),
)
def django_mark_safe(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _DJANGO_SAFE:
        return
    value = argument(node, 0, "s")
    if value is None or _is_html_safe(ctx, value):
        return
    what, confidence = _unescaped_markup(ctx, value)
    yield Issue(
        node,
        f"`{name.rpartition('.')[2]}` tells Django's autoescaping to trust {what}.",
        remediation="Use `format_html(...)` so every value is escaped.",
        confidence=confidence,
    )


_MARKUP = frozenset({"markupsafe.Markup", "flask.Markup", "jinja2.Markup", "jinja2.utils.Markup"})


@rule(
    id="PY-TMPL-004",
    cwe=79,
    title="`markupsafe.Markup` on a value that is not escaped",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `Markup(...)` (markupsafe, flask, jinja2) whose argument is neither a "
        "constant nor built only from constants and escaped values."
    ),
    why=(
        "`Markup(value)` declares `value` to be safe HTML, so Jinja2 autoescaping skips it: "
        "unescaped user data inside it becomes markup and script."
    ),
    fix=(
        "Put the data in as a format argument, which Markup escapes: "
        '`Markup("<b>{}</b>").format(name)`, or use `Markup.escape(name)`.'
    ),
    bad='Markup(f"<b>{name}</b>")',
    good='Markup("<b>{}</b>").format(name)',
    nodes=(ast.Call,),
    calls=_MARKUP,
    references=("https://markupsafe.palletsprojects.com/en/stable/escaping/",),
    bandit=("B704",),
    scope_note="Pattern: as PY-TMPL-003; the taint engine covers user input reaching it.",
)
def markup_non_constant(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name not in _MARKUP:
        return
    value = argument(node, 0, "base")
    if value is None or _is_html_safe(ctx, value):
        return
    what, confidence = _unescaped_markup(ctx, value)
    yield Issue(
        node,
        f"`Markup` tells Jinja2's autoescaping to trust {what}.",
        remediation='Use `Markup("...{}...").format(value)`, which escapes `value`.',
        confidence=confidence,
    )


_TEMPLATE_SOURCES = {
    "flask.render_template_string": "source",
    "flask.templating.render_template_string": "source",
    "jinja2.Template": "source",
    "jinja2.environment.Template": "source",
    "mako.template.Template": "text",
    "django.template.Template": "template_string",
    "django.template.base.Template": "template_string",
    "tornado.template.Template": "template_string",
}


def _from_string_source(ctx: RuleContext, call: ast.Call) -> tuple[str, ast.expr] | None:
    """`Environment(...).from_string(src)` and `engines["django"].from_string(src)`."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "from_string":
        return None
    receiver: ast.expr | None = func.value
    if isinstance(receiver, ast.Name):
        receiver = bound_value(ctx, receiver) or receiver
    owner = None
    if isinstance(receiver, ast.Call):
        owner = ctx.call_name(receiver)
    elif isinstance(receiver, ast.Subscript):
        owner = ctx.qualified_name(receiver.value)
    if owner not in _JINJA_ENVIRONMENTS and owner != "django.template.engines":
        return None
    source = argument(call, 0, "source" if owner in _JINJA_ENVIRONMENTS else "template_code")
    if source is None:
        return None
    return f"{owner}.from_string", source


@rule(
    id="PY-TMPL-005",
    cwe=1336,
    title="Template compiled from a non-constant source (server-side template injection)",
    severity=Severity.HIGH,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `flask.render_template_string`, `jinja2.Template`, `Environment.from_string`, "
        "Mako and Django `Template` whose template text is not a constant."
    ),
    why=(
        "Template syntax is code: `{{ cycler.__init__.__globals__.os.popen('id').read() }}` "
        "runs commands in Jinja2, and Mako's `<% %>` is plain Python. A template assembled "
        "from user input lets that user program the server."
    ),
    fix=(
        "Keep template text constant (files or literals) and pass data as context "
        'variables: `render_template_string("Hello {{ name }}", name=name)`.'
    ),
    bad='render_template_string(f"<h1>Hello {name}</h1>")',
    good='render_template_string("<h1>Hello {{ name }}</h1>", name=name)',
    nodes=(ast.Call,),
    calls=_TEMPLATE_SOURCES,
    methods=("from_string",),
    references=(
        "https://portswigger.net/research/server-side-template-injection",
        "https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string",
    ),
    scope_note=(
        "Pattern: template text built by formatting from non-constant values is high "
        "confidence; a template held in a variable is low (it may come from a trusted "
        "file). The taint engine follows user input into the template source."
    ),
)
def template_injection(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    source: ast.expr | None = None
    if name in _TEMPLATE_SOURCES:
        source = argument(node, 0, _TEMPLATE_SOURCES[name])
        if name == "mako.template.Template" and source is None:
            return  # `Template(filename=...)`: a template file
    else:
        found = _from_string_source(ctx, node)
        if found is not None:
            name, source = found
    if name is None or source is None or ctx.constant(source)[0]:
        return
    built = decompose(ctx, source)
    if built is not None and not built.unsafe:
        return
    if built is None and name in ("django.template.Template", "django.template.base.Template"):
        # Django's own engine compiles template text held in variables all the time;
        # only text assembled from values is worth a finding here
        return
    shown = name
    if built is not None:
        values = built.unsafe_values()
        yield Issue(
            node,
            f"`{shown}` compiles template text built with {built.how} from {values}; "
            "template syntax in those values runs on the server.",
            confidence=Confidence.HIGH,
            remediation="Keep the template constant and pass the values as context variables.",
        )
        return
    yield Issue(
        node,
        f"`{shown}` compiles the template held in `{_short(source_text(source))}`; if that "
        "text can come from a user, so can code that runs on the server.",
        confidence=Confidence.LOW,
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
