"""Web framework configuration: Django and Flask settings, cookies, CSRF and CORS.

What one assignment or call says about a deployment: debug mode on, every Host header
accepted, a signing key in the source, session cookies without `Secure`/`HttpOnly`/
`SameSite`, views exempted from CSRF protection, CORS open to every origin with
credentials. None of this needs data flow; the rules below are pure patterns.

Where a setting lives decides whether it is one. A *settings context* is:

- a Django settings module — a path `settings.py`, `*_settings.py`, `settings/*.py`, or a
  module that assigns Django-only names (`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`,
  `ALLOWED_HOSTS`, `DATABASES`, `WSGI_APPLICATION`) at module level. `DEBUG = True`
  alone does not make one: scripts use that name for their own flag;
- a Flask module that loads itself as configuration (`app.config.from_object(__name__)`);
- the body of a configuration class (`class ProductionConfig:`, pydantic `Settings`);
- run-time configuration: `app.config["KEY"] = ...`, `app.config.update(KEY=...)`,
  `app.config.from_mapping(...)`, `app.secret_key = ...`, `settings.configure(KEY=...)`.

Development and test settings (`settings/dev.py`, `local_settings.py`, `test_settings.py`,
`class TestingConfig`) are meant to run with debug on, over plain HTTP, with a fixed key:
the deployment checks (debug, allowed hosts, secret key, Secure cookies, WTF CSRF switch)
skip them. Django's own `django/conf/global_settings.py` (framework defaults) is skipped
entirely.
"""

from __future__ import annotations

import ast
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import (
    Issue,
    RuleContext,
    argument,
    for_last_node,
    has_star_arguments,
    in_test_code,
    keyword,
    rule,
)

# ---------------------------------------------------------------------------------------
# Shared facts: settings contexts, module-level settings, object constructors
# ---------------------------------------------------------------------------------------

_DJANGO_ONLY_SETTINGS = frozenset(
    {
        "INSTALLED_APPS",
        "MIDDLEWARE",
        "MIDDLEWARE_CLASSES",
        "ROOT_URLCONF",
        "ALLOWED_HOSTS",
        "DATABASES",
        "WSGI_APPLICATION",
        "ASGI_APPLICATION",
    }
)
_DEV_WORDS = frozenset(
    {"dev", "devel", "develop", "development", "local", "test", "tests", "testing", "ci", "debug"}
)
_CONFIG_CLASS = re.compile(r"(config|settings|conf)$", re.IGNORECASE)


@dataclass
class _ModuleFacts:
    """What the module's top-level statements say, computed once per module."""

    values: dict[str, ast.expr] = field(default_factory=dict)
    rebound: set[str] = field(default_factory=set)
    is_settings: bool = False
    is_dev: bool = False
    is_framework_defaults: bool = False


_FACTS: weakref.WeakKeyDictionary[ast.AST, _ModuleFacts] = weakref.WeakKeyDictionary()


def _top_level_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Module-level statements, including those inside module-level if/try/with blocks."""
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        statement = stack.pop()
        yield statement
        inner: list[ast.stmt] = []
        if isinstance(statement, (ast.If, ast.For, ast.While)):
            inner = [*statement.body, *statement.orelse]
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            inner = list(statement.body)
        elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
            inner = [*statement.body, *statement.orelse, *statement.finalbody]  # type: ignore[attr-defined]
            for handler in statement.handlers:  # type: ignore[attr-defined]
                inner.extend(handler.body)
        stack.extend(reversed(inner))


def _path_words(path: str) -> set[str]:
    parts = path.replace("\\", "/").split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    parent = parts[-2] if len(parts) > 1 else ""
    return {w.lower() for w in re.split(r"[_\-.]+", f"{parent}_{stem}") if w}


def _module_facts(ctx: RuleContext) -> _ModuleFacts:
    tree = ctx.module.tree
    facts = _FACTS.get(tree)
    if facts is not None:
        return facts
    facts = _ModuleFacts()
    counts: dict[str, int] = {}
    loads_itself = False
    for statement in _top_level_statements(tree):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign):
            targets, value = list(statement.targets), statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
            facts.rebound.add(statement.target.id)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            func = statement.value.func
            if isinstance(func, ast.Attribute):
                if isinstance(func.value, ast.Name):
                    # MIDDLEWARE.append(...) and the like change a list setting
                    facts.rebound.add(func.value.id)
                if func.attr == "from_object" and any(
                    isinstance(a, ast.Name) and a.id == "__name__" for a in statement.value.args
                ):
                    loads_itself = True
        for target in targets:
            if isinstance(target, ast.Name) and value is not None:
                counts[target.id] = counts.get(target.id, 0) + 1
                facts.values[target.id] = value
    facts.rebound.update(name for name, count in counts.items() if count > 1)
    path = ctx.path.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    parent = path.rsplit("/", 2)[-2] if path.count("/") else ""
    facts.is_settings = (
        name == "settings.py"
        or name.endswith("_settings.py")
        or name.startswith("settings_")
        or parent == "settings"
        or loads_itself
        or bool(_DJANGO_ONLY_SETTINGS & facts.values.keys())
    )
    facts.is_dev = bool(_path_words(path) & _DEV_WORDS)
    facts.is_framework_defaults = path.endswith(
        "django/conf/global_settings.py"
    ) or ctx.resolver.module_name.endswith("django.conf.global_settings")
    _FACTS[tree] = facts
    return facts


def _camel_words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)}


@dataclass
class _Setting:
    """One configuration value being set, wherever the syntax put it."""

    name: str
    value: ast.expr
    anchor: ast.AST
    where: str  # "module" (module level), "class" (configuration class) or "runtime"
    dev: bool
    settings_module: bool = False


@for_last_node  # eight rules ask about every assignment in turn
def _settings_at(node: ast.AST, ctx: RuleContext) -> Iterator[_Setting]:
    """The configuration values set by this assignment or call, if it sets any.

    Module-level assignments are yielded for every module (`settings_module` tells
    whether the module is recognisably a settings module); rules for generic names
    such as `DEBUG` require it, rules for framework-only names (`SECRET_KEY`,
    `SESSION_COOKIE_SECURE`, `CORS_ALLOW_ALL_ORIGINS`) do not.
    """
    return _find_settings(node, ctx)


def _find_settings(node: ast.AST, ctx: RuleContext) -> Iterator[_Setting]:
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        if node.value is None:
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            yield from _setting_from_target(target, node.value, node, ctx)
    elif isinstance(node, ast.Call):
        yield from _settings_from_call(node, ctx)


def _setting_from_target(
    target: ast.expr, value: ast.expr, anchor: ast.AST, ctx: RuleContext
) -> Iterator[_Setting]:
    if isinstance(target, ast.Name):
        parent = ctx.parents[-1] if ctx.parents else None
        if isinstance(parent, ast.ClassDef):
            if _CONFIG_CLASS.search(parent.name):
                facts = _module_facts(ctx)
                dev = facts.is_dev or bool(_camel_words(parent.name) & _DEV_WORDS)
                yield _Setting(target.id, value, anchor, "class", dev)
            return
        if ctx.function is not None or ctx.scope is not ctx.resolver.module_scope:
            return
        facts = _module_facts(ctx)
        if not facts.is_framework_defaults:
            yield _Setting(target.id, value, anchor, "module", facts.is_dev, facts.is_settings)
    elif isinstance(target, ast.Subscript):
        # app.config["SECRET_KEY"] = ...
        container = target.value
        if isinstance(container, ast.Attribute) and container.attr == "config":
            key = _constant_str(target.slice, ctx)
            if key is not None:
                yield _Setting(key, value, anchor, "runtime", _module_facts(ctx).is_dev)
    elif isinstance(target, ast.Attribute) and target.attr == "secret_key":
        yield _Setting("SECRET_KEY", value, anchor, "runtime", _module_facts(ctx).is_dev)
    elif (
        isinstance(target, ast.Attribute)
        and target.attr.isupper()
        and ctx.qualified_name(target.value) == "django.conf.settings"
    ):
        # settings.PASSWORD_HASHERS = [...]: Django's settings changed at run time
        yield _Setting(target.attr, value, anchor, "runtime", _module_facts(ctx).is_dev)


# the methods through which a call sets configuration (`app.config.update(...)`,
# `settings.configure(...)`): the rules reading settings want only these calls
_SETTINGS_CALL_METHODS = frozenset({"update", "from_mapping", "configure"})


def _settings_from_call(call: ast.Call, ctx: RuleContext) -> Iterator[_Setting]:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return
    runtime = (
        func.attr in ("update", "from_mapping")
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "config"
    )
    configure = func.attr == "configure" and ctx.call_name(call) == "django.conf.settings.configure"
    if not (runtime or configure):
        return
    dev = _module_facts(ctx).is_dev
    for kw in call.keywords:
        if kw.arg is not None:
            yield _Setting(kw.arg, kw.value, kw.value, "runtime", dev)
    if runtime:
        for arg in call.args:
            if isinstance(arg, ast.Dict):
                for key, value in zip(arg.keys, arg.values, strict=False):
                    name = _constant_str(key, ctx) if key is not None else None
                    if name is not None:
                        yield _Setting(name, value, key or value, "runtime", dev)


def _constant_str(node: ast.AST | None, ctx: RuleContext) -> str | None:
    known, value = ctx.constant(node)
    return value if known and isinstance(value, str) else None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _masked(value: object) -> str:
    """A secret shown only by its first characters, so reports do not spread it."""
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return repr(text[:4] + "…") if len(text) > 6 else "'…'"


def _is_false(node: ast.expr, ctx: RuleContext) -> bool:
    known, value = ctx.constant(node)
    return known and value is not None and not isinstance(value, str) and not value


def _is_true(node: ast.expr, ctx: RuleContext) -> bool:
    known, value = ctx.constant(node)
    return known and value is True


# ---------------------------------------------------------------------------------------
# PY-WEB-001  Debug mode in settings
# ---------------------------------------------------------------------------------------


@rule(
    id="PY-WEB-001",
    cwe=489,
    title="Debug mode enabled in framework settings",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags `DEBUG = True` in a Django settings module or a non-development configuration "
        'class, `settings.configure(DEBUG=True)`, and `app.config["DEBUG"] = True` / '
        "`app.debug = True` on a Flask application. Development and test settings files "
        "are not flagged."
    ),
    why=(
        "With `DEBUG = True` Django answers every error with a page listing the settings, "
        "the SQL queries, local variables and source around the failing line, and serves "
        "static files itself; a Flask app in debug mode runs the Werkzeug debugger. Left on "
        "in production this is active debug code that tells an attacker how the "
        "application is built (CWE-489)."
    ),
    fix=(
        "Read the flag from the environment with a safe default, e.g. "
        '`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`, and keep `DEBUG = True` in '
        "development-only settings."
    ),
    bad='DEBUG = True\nALLOWED_HOSTS = ["example.com"]',
    good='DEBUG = os.environ.get("DJANGO_DEBUG") == "1"\nALLOWED_HOSTS = ["example.com"]',
    nodes=(ast.Assign, ast.AnnAssign, ast.Call),
    requires=("debug",),
    methods=_SETTINGS_CALL_METHODS,
    references=(
        "https://docs.djangoproject.com/en/stable/ref/settings/#debug",
        "https://docs.djangoproject.com/en/stable/howto/deployment/checklist/",
    ),
    scope_note="Pattern: a literal `True` (or a module constant folding to it) only.",
)
def debug_setting(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name != "DEBUG" or setting.dev or not _is_true(setting.value, ctx):
            continue
        if setting.where == "module" and not setting.settings_module:
            continue  # a script's own DEBUG flag
        where = {
            "module": f"settings module `{ctx.path}`",
            "class": "configuration class",
            "runtime": "run-time configuration",
        }[setting.where]
        yield Issue(
            setting.anchor,
            f"`DEBUG` is set to `True` in the {where}; if this configuration is deployed, error "
            "pages expose settings, queries and source code.",
        )
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "debug"
                and ctx.constructor_of(target.value) in _FLASK_APPS
                and _is_true(node.value, ctx)
                and not _module_facts(ctx).is_dev
            ):
                yield Issue(
                    node,
                    f"`{ast.unparse(target)} = True` puts the Flask application in debug mode.",
                )


# ---------------------------------------------------------------------------------------
# PY-WEB-002  Werkzeug debugger (Bandit B201)
# ---------------------------------------------------------------------------------------

_FLASK_APPS = frozenset(
    {
        "flask.Flask",
        "flask.app.Flask",
        "flask_socketio.SocketIO",
        "dash.Dash",
        "dash.dash.Dash",
        "connexion.FlaskApp",
        "connexion.App",
        "apiflask.APIFlask",
    }
)
# A `.run(debug=True)` on objects of these packages is not the Werkzeug debugger.
_NOT_WERKZEUG = frozenset(
    {
        "asyncio",
        "trio",
        "anyio",
        "uvicorn",
        "hypercorn",
        "gunicorn",
        "waitress",
        "bottle",
        "sanic",
        "quart",
        "fastapi",
        "starlette",
        "aiohttp",
        "tornado",
        "subprocess",
        "unittest",
        "pytest",
        "doctest",
        "cProfile",
        "profile",
        "pdb",
        "runpy",
        "sched",
        "uvloop",
        "litestar",
        "falcon",
        "cherrypy",
        "pyramid",
    }
)


@rule(
    id="PY-WEB-002",
    cwe=489,
    title="Flask/Werkzeug interactive debugger enabled",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `app.run(debug=True)` (or `use_debugger=True`) on a Flask, Flask-SocketIO "
        "or Dash application, `werkzeug.serving.run_simple(..., use_debugger=True)` and "
        "`werkzeug.debug.DebuggedApplication(app, evalex=True)`."
    ),
    why=(
        "The Werkzeug debugger serves an in-browser Python console on every error page: "
        "whoever reaches it (or guesses/derives its PIN) runs arbitrary code on the server, "
        "as in the 2015 Patreon breach. Bandit files this under CWE-94; the defect in the "
        "code is the debug entry point left active (CWE-489), code execution is its "
        "consequence."
    ),
    fix=(
        "Never pass `debug=True` in code that can be deployed: use `flask run --debug` "
        "during development and a production WSGI server (gunicorn, uWSGI) in production."
    ),
    bad='if __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)',
    good=('if __name__ == "__main__":\n    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")'),
    nodes=(ast.Call,),
    calls=(
        "werkzeug.serving.run_simple",
        "werkzeug.run_simple",
        "werkzeug.debug.DebuggedApplication",
        "werkzeug.DebuggedApplication",
    ),
    methods=("run", "run_server"),
    references=(
        "https://flask.palletsprojects.com/en/stable/debugging/",
        "https://werkzeug.palletsprojects.com/en/stable/debug/",
    ),
    bandit=("B201",),
    scope_note=(
        "Pattern: a literal `True` (or a module constant folding to it). The receiver must "
        "be a Flask-like application (constructed here, or unknown in a module that imports "
        "Flask, with medium confidence); `asyncio.run(main(), debug=True)` and other "
        "frameworks' `run` are not flagged."
    ),
)
def werkzeug_debugger(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in ("werkzeug.serving.run_simple", "werkzeug.run_simple"):
        flag = argument(node, 5, "use_debugger")
        if flag is not None and _is_true(flag, ctx):
            yield Issue(
                node,
                f"`{name}` with `use_debugger=True` serves the interactive Werkzeug debugger, "
                "which executes Python code sent from the browser.",
            )
        return
    if name in ("werkzeug.debug.DebuggedApplication", "werkzeug.DebuggedApplication"):
        evalex = argument(node, 1, "evalex")
        if evalex is not None and _is_true(evalex, ctx):
            yield Issue(
                node,
                "`DebuggedApplication(..., evalex=True)` wraps the application in the "
                "Werkzeug debugger with its in-browser Python console.",
            )
        return
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in ("run", "run_server"):
        return
    flag_name = "debug"
    flag = keyword(node, "debug")
    if flag is None or not _is_true(flag, ctx):
        flag_name = "use_debugger"
        flag = keyword(node, "use_debugger")
        if flag is None or not _is_true(flag, ctx):
            return
    receiver = func.value
    confidence: Confidence | None = None
    constructor = ctx.constructor_of(receiver)
    qualified = ctx.qualified_name(receiver)
    if constructor in _FLASK_APPS or qualified in (
        "flask.current_app",
        "flask.globals.current_app",
    ):
        pass
    elif qualified is not None and qualified.split(".")[0] in _NOT_WERKZEUG:
        return
    elif constructor is not None and constructor.split(".")[0] in _NOT_WERKZEUG:
        return
    elif _project_class_not_flask(receiver, ctx):
        return
    elif ctx.imports("flask", "flask_socketio", "dash", "connexion", "apiflask"):
        confidence = Confidence.MEDIUM
    else:
        return
    yield Issue(
        node,
        f"`{_short(ast.unparse(func))}(..., {flag_name}=True)` starts the Werkzeug debugger: "
        "anyone who reaches an error page can run Python code on the server.",
        remediation=(
            "Remove `debug=True`; develop with `flask run --debug` and serve production "
            "traffic with a WSGI server such as gunicorn."
        ),
        confidence=confidence,
    )


# ---------------------------------------------------------------------------------------
# PY-WEB-003  ALLOWED_HOSTS wildcard
# ---------------------------------------------------------------------------------------

_ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})


def _project_class_not_flask(receiver: ast.expr, ctx: RuleContext) -> bool:
    """True when `receiver` is an instance of a class defined in this module that does
    not derive from a Flask-like application class."""
    call: ast.expr | None = receiver
    if isinstance(receiver, ast.Name):
        binding = ctx.resolver.lookup(receiver.id, ctx.scope)
        call = binding.value if binding is not None and binding.kind == "local" else None
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return False
    binding = ctx.resolver.lookup(call.func.id, ctx.scope)
    if binding is None or binding.kind != "def" or not isinstance(binding.node, ast.ClassDef):
        return False
    return not any(ctx.qualified_name(base) in _FLASK_APPS for base in binding.node.bases)


def _fallback_defaults(value: ast.expr, ctx: RuleContext) -> Iterator[ast.expr]:
    """Literal defaults used when the environment does not provide a setting.

    `os.environ.get("K", "x")`, `os.getenv("K", "x")`, `env("K", default="x")`,
    `config("K", default="x")` and `os.environ.get("K") or "x"`.
    """
    stack: list[ast.AST] = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.BoolOp) and isinstance(current.op, ast.Or):
            last = current.values[-1]
            if ctx.constant(last)[0]:
                yield last
            stack.extend(current.values[:-1])
        elif isinstance(current, ast.Call):
            default = keyword(current, "default")
            if default is None and ctx.call_name(current) in _ENV_GETTERS:
                default = argument(current, 1)
            if default is not None and ctx.constant(default)[0]:
                first = argument(current, 0)
                if first is not None and _constant_str(first, ctx) is not None:
                    yield default
            if isinstance(current.func, ast.Attribute):
                # os.environ.get("HOSTS", "*").split(",")
                stack.append(current.func.value)


def _wildcard_host(value: object) -> bool:
    if isinstance(value, str):
        return value.strip() == "*" or "*" in [v.strip() for v in value.split(",")]
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_wildcard_host(v) for v in value)
    return False


@rule(
    id="PY-WEB-003",
    cwe=183,
    title="Django ALLOWED_HOSTS accepts any Host header",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        'Flags `ALLOWED_HOSTS` containing `"*"` in a Django settings module, also as the '
        'fallback of an environment lookup (`os.environ.get("HOSTS", "*")`).'
    ),
    why=(
        '`ALLOWED_HOSTS` is Django\'s allow-list for the `Host` header. With `"*"` every '
        "value is accepted, so `request.get_host()` and `build_absolute_uri()` trust an "
        "attacker's header: password-reset e-mails and cached pages then carry links to "
        "the attacker's domain (Host header poisoning). The allow-list is too permissive "
        "(CWE-183)."
    ),
    fix='List the real host names: `ALLOWED_HOSTS = ["example.com", "www.example.com"]`.',
    bad='ALLOWED_HOSTS = ["*"]',
    good='ALLOWED_HOSTS = ["example.com", "www.example.com"]',
    nodes=(ast.Assign, ast.AnnAssign),
    requires=("allowed_hosts",),
    references=("https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",),
    scope_note="Pattern on the settings value; development and test settings are skipped.",
)
def allowed_hosts_wildcard(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name != "ALLOWED_HOSTS" or setting.dev or setting.where == "runtime":
            continue
        known, value = ctx.constant(setting.value)
        if known:
            if _wildcard_host(value):
                yield Issue(
                    setting.anchor,
                    '`ALLOWED_HOSTS` contains `"*"`: Django accepts any `Host` header, so '
                    "absolute URLs it builds (password-reset links) can point to an attacker's "
                    "domain.",
                )
            continue
        for default in _fallback_defaults(setting.value, ctx):
            if _wildcard_host(ctx.constant(default)[1]):
                yield Issue(
                    setting.anchor,
                    '`ALLOWED_HOSTS` falls back to `"*"` when the environment variable is '
                    "missing, so a deployment that forgets it accepts any `Host` header.",
                    confidence=Confidence.MEDIUM,
                )
                break


# ---------------------------------------------------------------------------------------
# PY-WEB-013  Weak password hasher first in PASSWORD_HASHERS
# PY-WEB-014  Password validation switched off
# ---------------------------------------------------------------------------------------

# Django's hashers that store a password with one round of a fast hash (or DES crypt)
_WEAK_HASHERS = {
    "UnsaltedMD5PasswordHasher": "one unsalted MD5",
    "UnsaltedSHA1PasswordHasher": "one unsalted SHA-1",
    "MD5PasswordHasher": "one salted MD5",
    "SHA1PasswordHasher": "one salted SHA-1",
    "CryptPasswordHasher": "DES crypt",
}


def _production_settings(node: ast.AST, ctx: RuleContext, name: str) -> Iterator[_Setting]:
    """The settings named `name` this node sets, outside development and test code."""
    for setting in _settings_at(node, ctx):
        if setting.name == name and not setting.dev and not in_test_code(ctx):
            yield setting


def _string_items(value: ast.AST, ctx: RuleContext) -> list[tuple[ast.expr, str]] | None:
    """The elements of a literal list or tuple of strings (None if it is not one)."""
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    items = []
    for element in value.elts:
        text = _constant_str(element, ctx)
        if text is None:
            return None
        items.append((element, text))
    return items


@rule(
    id="PY-WEB-013",
    cwe=916,
    title="Django stores new passwords with a weak hasher",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags a Django `PASSWORD_HASHERS` setting whose first entry (the one new passwords "
        "are stored with) is an MD5, SHA-1 or DES-crypt hasher."
    ),
    why=(
        "Django hashes every new password with the first hasher of `PASSWORD_HASHERS`. The "
        "MD5, SHA-1 and crypt hashers apply one fast hash (the unsalted ones not even a "
        "salt): a stolen user table is cracked at billions of guesses per second, and equal "
        "passwords show as equal hashes. Further down the list such a hasher only lets old "
        "hashes still be checked (and upgraded on the next login)."
    ),
    fix=(
        "Put a slow hasher first (`Argon2PasswordHasher`, `PBKDF2PasswordHasher`, "
        "`ScryptPasswordHasher`); keep a weak one after it only to read old hashes."
    ),
    bad='PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]',
    good=(
        "PASSWORD_HASHERS = [\n"
        '    "django.contrib.auth.hashers.Argon2PasswordHasher",\n'
        '    "django.contrib.auth.hashers.MD5PasswordHasher",  # old hashes only\n'
        "]"
    ),
    nodes=(ast.Assign, ast.AnnAssign, ast.Call),
    requires=("PASSWORD_HASHERS",),
    references=(
        "https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords",
    ),
    scope_note=(
        "Pattern on the settings value (module settings, `settings.PASSWORD_HASHERS = …`, "
        "`settings.configure(...)`); test and development settings, where a fast hasher "
        "speeds up the test suite, are skipped."
    ),
)
def weak_password_hasher(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _production_settings(node, ctx, "PASSWORD_HASHERS"):
        items = _string_items(setting.value, ctx)
        if not items:
            continue
        element, first = items[0]
        weakness = _WEAK_HASHERS.get(first.rpartition(".")[2])
        if weakness is not None:
            yield Issue(
                element,
                f"New passwords are stored with `{first.rpartition('.')[2]}` ({weakness}): "
                "a stolen user table is cracked at the speed of that hash.",
            )


@rule(
    id="PY-WEB-014",
    cwe=521,
    title="Django password validation switched off",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary="Flags a Django `AUTH_PASSWORD_VALIDATORS` setting that is an empty list.",
    why=(
        "`AUTH_PASSWORD_VALIDATORS` decides which passwords Django's forms and "
        "`validate_password` refuse. Empty, every password is accepted: one character, the "
        "user name, `123456`; such accounts fall to the first guesses of an attacker."
    ),
    fix=(
        "Keep Django's default validators (minimum length, common passwords, similarity to "
        "the user's attributes, all-numeric)."
    ),
    bad="AUTH_PASSWORD_VALIDATORS = []",
    good=(
        "AUTH_PASSWORD_VALIDATORS = [\n"
        '    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},\n'
        '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},\n'
        "]"
    ),
    nodes=(ast.Assign, ast.AnnAssign, ast.Call),
    requires=("AUTH_PASSWORD_VALIDATORS",),
    references=(
        "https://docs.djangoproject.com/en/stable/topics/auth/passwords/#module-django.contrib.auth.password_validation",
    ),
    scope_note=(
        "Pattern on the settings value; test and development settings are skipped. An "
        "absent setting is not reported (Django then validates nothing either, but a "
        "project may validate passwords elsewhere)."
    ),
)
def password_validators_off(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _production_settings(node, ctx, "AUTH_PASSWORD_VALIDATORS"):
        if isinstance(setting.value, (ast.List, ast.Tuple)) and not setting.value.elts:
            yield Issue(
                setting.anchor,
                "`AUTH_PASSWORD_VALIDATORS` is empty: Django accepts any password, however "
                "short or common.",
            )


# ---------------------------------------------------------------------------------------
# PY-WEB-004  Hard-coded SECRET_KEY
# ---------------------------------------------------------------------------------------

_SECRET_KEY_NAMES = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS"})


def _literal_secret(value: object) -> object | None:
    """The first non-empty string/bytes in a literal value, or None."""
    if isinstance(value, (str, bytes)):
        return value if value.strip() else None
    if isinstance(value, (list, tuple)):
        for element in value:
            found = _literal_secret(element)
            if found is not None:
                return found
    return None


@rule(
    id="PY-WEB-004",
    cwe=321,
    title="Framework secret key hard-coded in source",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags a literal Django/Flask `SECRET_KEY` (module settings, configuration classes, "
        '`app.config["SECRET_KEY"]`, `app.secret_key`, `app.config.update(SECRET_KEY=...)`, '
        "`settings.configure(SECRET_KEY=...)`, `SECRET_KEY_FALLBACKS`), and a literal "
        'fallback such as `os.environ.get("SECRET_KEY", "dev")`.'
    ),
    why=(
        "`SECRET_KEY` is the HMAC key that signs sessions, password-reset tokens, CSRF "
        "tokens and signed cookies. Anyone who reads the repository can forge a session "
        "cookie for any user (and, with pickle-based sessions, run code). It is a "
        "hard-coded cryptographic key (CWE-321, a kind of CWE-798)."
    ),
    fix=(
        "Load the key from the environment or a secrets manager and fail when it is "
        'missing: `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`.'
    ),
    bad='SECRET_KEY = "django-insecure-7x#k2!p9@v&q$w3e"',
    good='SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    nodes=(ast.Assign, ast.AnnAssign, ast.Call),
    requires=("secret_key",),
    methods=_SETTINGS_CALL_METHODS,
    references=(
        "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key",
        "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
    ),
    scope_note=(
        "Pattern: literal values only; empty strings and computed keys "
        "(`get_random_secret_key()`, `os.urandom(32)`) are not flagged. Development and "
        "test settings are skipped."
    ),
)
def hardcoded_secret_key(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        name = setting.name.upper() if setting.where == "class" else setting.name
        if name not in _SECRET_KEY_NAMES or setting.dev:
            continue
        known, value = ctx.constant(setting.value)
        if known:
            secret = _literal_secret(value)
            if secret is not None:
                yield Issue(
                    setting.anchor,
                    f"`{setting.name}` is the literal {_masked(secret)}: anyone with the source "
                    "can sign session cookies and reset tokens the application will trust.",
                    remediation=(
                        f"Read it from the environment: `{setting.name} = "
                        f'os.environ["{name}"]`, and rotate the exposed key.'
                    ),
                )
            continue
        for default in _fallback_defaults(setting.value, ctx):
            secret = _literal_secret(ctx.constant(default)[1])
            if secret is not None:
                yield Issue(
                    setting.anchor,
                    f"`{setting.name}` falls back to the literal {_masked(secret)} when the "
                    "environment does not provide one, so a deployment that forgets the "
                    "variable signs sessions with a key published in the source.",
                    remediation=(
                        f'Fail instead of falling back: `{setting.name} = os.environ["{name}"]`.'
                    ),
                    confidence=Confidence.MEDIUM,
                )
                break


# ---------------------------------------------------------------------------------------
# Cookies: PY-WEB-005 Secure, PY-WEB-006 HttpOnly, PY-WEB-007 SameSite
# ---------------------------------------------------------------------------------------

_SET_COOKIE_METHODS = frozenset({"set_cookie", "set_signed_cookie", "set_secure_cookie"})
# Werkzeug/Flask, Django and Starlette share this positional layout.
_COOKIE_POSITIONS = {
    "key": 0,
    "value": 1,
    "max_age": 2,
    "expires": 3,
    "secure": 6,
    "httponly": 7,
    "samesite": 8,
}
_SENSITIVE_COOKIE = re.compile(
    r"sess|(^|[^a-z])s?id([^a-z]|$)|uid|token|auth|jwt|login|logged|remember|csrf|xsrf|cred"
    r"|passw|pwd|secret|api.?key|access|refresh|user|account|ident|admin|role|perm|sso|oauth",
    re.IGNORECASE,
)
_SCRIPT_READABLE_COOKIE = re.compile(r"csrf|xsrf", re.IGNORECASE)

_SECURE_SETTINGS = frozenset(
    {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE", "JWT_COOKIE_SECURE"}
)
_HTTPONLY_SETTINGS = frozenset({"SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_HTTPONLY"})
_SAMESITE_SETTINGS = frozenset(
    {"SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE"}
)


@dataclass
class _CookieCall:
    """A server-side `set_cookie` call and what it says about one cookie."""

    call: ast.Call
    method: str
    name_text: str
    sensitive: bool
    script_readable: bool
    unknown_name: bool
    open_kwargs: bool
    defaults_secure: bool
    defaults_samesite: bool

    def attribute(self, *names: str) -> ast.expr | None:
        for name in names:
            found = keyword(self.call, name)
            if found is not None:
                return found
        position = _COOKIE_POSITIONS.get(names[0])
        if position is not None and self.method == "set_cookie":
            return argument(self.call, position)
        return None


def _cookie_call(node: ast.AST, ctx: RuleContext) -> _CookieCall | None:
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    method = node.func.attr
    if method not in _SET_COOKIE_METHODS:
        return None
    receiver = node.func.value
    receiver_text = ast.unparse(receiver).lower()
    # test clients and cookie jars hold the browser's cookies, not the server's
    if "client" in receiver_text or "jar" in receiver_text or receiver_text.endswith("cookies"):
        return None
    if ctx.constructor_of(receiver) in ("http.cookiejar.CookieJar", "requests.Session"):
        return None
    name_node = argument(node, 0, "key") or keyword(node, "name")
    value_node = argument(node, 1, "value")
    if name_node is None:
        return None
    name = _constant_str(name_node, ctx)
    if (
        name is None
        and not node.args[1:]
        and value_node is None
        and not isinstance(name_node, ast.Constant)
    ):
        return None  # jar.set_cookie(cookie_object)
    # a cookie being cleared (empty value, max_age=0 / expires=0) carries nothing
    max_age = keyword(node, "max_age") or (argument(node, 2) if method == "set_cookie" else None)
    expires = keyword(node, "expires") or (argument(node, 3) if method == "set_cookie" else None)
    if value_node is not None and ctx.constant(value_node) in ((True, ""), (True, b"")):
        if any(
            n is not None and ctx.constant(n) in ((True, 0), (True, "0"))
            for n in (max_age, expires)
        ):
            return None
    name_text = name if name is not None else ast.unparse(name_node)
    value_text = ast.unparse(value_node) if value_node is not None else ""
    sensitive = bool(_SENSITIVE_COOKIE.search(name_text) or _SENSITIVE_COOKIE.search(value_text))
    falcon = ctx.imports("falcon") and not ctx.imports("flask", "django", "werkzeug")
    starlette = ctx.imports("starlette", "fastapi") and not ctx.imports(
        "flask", "django", "werkzeug"
    )
    return _CookieCall(
        call=node,
        method=method,
        name_text=name_text,
        sensitive=sensitive,
        script_readable=bool(_SCRIPT_READABLE_COOKIE.search(name_text)),
        unknown_name=name is None,
        open_kwargs=has_star_arguments(node),
        defaults_secure=falcon,
        defaults_samesite=starlette,
    )


def _missing_attribute_issue(
    cookie: _CookieCall, attribute: str, consequence: str, fix_kwarg: str
) -> Issue | None:
    """The finding for a cookie set without an attribute, when its name says it matters."""
    if cookie.open_kwargs or not (cookie.sensitive or cookie.unknown_name):
        return None
    confidence = None if cookie.sensitive else Confidence.LOW
    call_text = _short(ast.unparse(cookie.call), 80)
    return Issue(
        cookie.call,
        f"`{call_text}` sets cookie `{_short(cookie.name_text, 40)}` without `{attribute}`: "
        f"{consequence}",
        remediation=f"Pass `{fix_kwarg}` to `{cookie.method}`.",
        confidence=confidence,
    )


def _explicit_off_issue(
    cookie: _CookieCall, node: ast.expr, attribute: str, consequence: str, fix_kwarg: str
) -> Issue:
    """The finding for a cookie attribute explicitly switched off."""
    severity = None if cookie.sensitive else Severity.LOW
    confidence = None if cookie.sensitive else Confidence.LOW
    call = cookie.call
    assert isinstance(call.func, ast.Attribute)
    passed = next(
        (f"{kw.arg}={ast.unparse(kw.value)}" for kw in call.keywords if kw.value is node),
        f"{attribute}={ast.unparse(node)}",
    )
    return Issue(
        call,
        f"`{_short(ast.unparse(call.func), 40)}({_short(cookie.name_text, 30)!r}, ..., "
        f"{passed})`: {consequence}",
        remediation=f"Pass `{fix_kwarg}` to `{cookie.method}`.",
        severity=severity,
        confidence=confidence,
    )


_COOKIE_SCOPE = (
    "Pattern. Settings: an explicit insecure value. `set_cookie`: one finding per missing "
    "or disabled attribute (each is its own CWE and fix, and can be suppressed on its "
    "own); a missing attribute is reported only for cookies whose name or value looks "
    "sensitive (session, token, auth, user, csrf, …) or whose name is not a constant (low "
    "confidence), an explicitly disabled one for every cookie. Calls with `**kwargs`, "
    "test clients and cookie jars, and cookies being cleared are not flagged."
)


@rule(
    id="PY-WEB-005",
    cwe=614,
    title="Cookie sent without the Secure attribute",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `SESSION_COOKIE_SECURE = False` / `CSRF_COOKIE_SECURE = False` (Django, Flask, "
        "Flask-Login, flask-jwt-extended) and `response.set_cookie(...)` of a sensitive "
        "cookie without `secure=True` (Flask/Werkzeug, Django, Starlette, Tornado, aiohttp)."
    ),
    why=(
        "A cookie without `Secure` is also sent over plain HTTP: one request to an `http://` "
        "URL on a hostile network (public Wi-Fi, a downgrade) hands the session or token "
        "to whoever is listening."
    ),
    fix=(
        "Set `secure=True` on the cookie, and `SESSION_COOKIE_SECURE = True` / "
        "`CSRF_COOKIE_SECURE = True` in production settings."
    ),
    bad='response.set_cookie("session_id", sid, httponly=True, samesite="Lax")',
    good='response.set_cookie("session_id", sid, secure=True, httponly=True, samesite="Lax")',
    nodes=(ast.Call, ast.Assign, ast.AnnAssign),
    requires=("cookie",),
    methods=_SETTINGS_CALL_METHODS | _SET_COOKIE_METHODS,
    references=(
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies",
        "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
    ),
    scope_note=_COOKIE_SCOPE,
)
def cookie_without_secure(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name in _SECURE_SETTINGS and not setting.dev and _is_false(setting.value, ctx):
            yield Issue(
                setting.anchor,
                f"`{setting.name}` is `False`: the cookie is also sent over plain HTTP, where "
                "anyone on the network can read it.",
                remediation=f"`{setting.name} = True` in production settings.",
            )
    cookie = _cookie_call(node, ctx)
    if cookie is None:
        return
    consequence = "it is also sent over plain HTTP, where anyone on the network can read it."
    secure = cookie.attribute("secure")
    if secure is not None and ctx.constant(secure) == (True, None):
        secure = None  # Werkzeug/Django: None means "not set"
    if secure is None:
        if not cookie.defaults_secure:
            issue = _missing_attribute_issue(cookie, "secure=True", consequence, "secure=True")
            if issue is not None:
                yield issue
    elif _is_false(secure, ctx):
        yield _explicit_off_issue(cookie, secure, "secure", consequence, "secure=True")


@rule(
    id="PY-WEB-006",
    cwe=1004,
    title="Cookie readable by scripts (no HttpOnly)",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `SESSION_COOKIE_HTTPONLY = False` (Django, Flask, Flask-Login's "
        "`REMEMBER_COOKIE_HTTPONLY`) and `set_cookie(...)` of a sensitive cookie without "
        "`httponly=True`. CSRF/XSRF cookies are exempt: double-submit schemes need scripts "
        "to read them."
    ),
    why=(
        "Without `HttpOnly`, `document.cookie` exposes the cookie to every script on the "
        "page, so any cross-site scripting bug becomes session theft."
    ),
    fix="Set `httponly=True` on session and authentication cookies.",
    bad='response.set_cookie("auth_token", token, secure=True, samesite="Strict")',
    good='response.set_cookie("auth_token", token, secure=True, httponly=True, samesite="Strict")',
    nodes=(ast.Call, ast.Assign, ast.AnnAssign),
    requires=("cookie",),
    methods=_SETTINGS_CALL_METHODS | _SET_COOKIE_METHODS,
    references=(
        "https://owasp.org/www-community/HttpOnly",
        "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly",
    ),
    scope_note=_COOKIE_SCOPE,
)
def cookie_without_httponly(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name in _HTTPONLY_SETTINGS and _is_false(setting.value, ctx):
            yield Issue(
                setting.anchor,
                f"`{setting.name}` is `False`: scripts on the page can read the session "
                "cookie, so a cross-site scripting bug becomes session theft.",
                remediation=f"`{setting.name} = True` (the framework default).",
            )
    cookie = _cookie_call(node, ctx)
    if cookie is None or cookie.script_readable:
        return
    consequence = "any script on the page can read it, so an XSS bug leaks it."
    httponly = cookie.attribute("httponly", "http_only")
    if httponly is None:
        if not cookie.defaults_secure:
            issue = _missing_attribute_issue(cookie, "httponly=True", consequence, "httponly=True")
            if issue is not None:
                yield issue
    elif _is_false(httponly, ctx) and cookie.sensitive:
        yield _explicit_off_issue(cookie, httponly, "httponly", consequence, "httponly=True")


def _samesite_off(node: ast.expr, ctx: RuleContext) -> bool:
    known, value = ctx.constant(node)
    return known and (
        value is None or value is False or (isinstance(value, str) and value.lower() == "none")
    )


@rule(
    id="PY-WEB-007",
    cwe=1275,
    title="Cookie with SameSite disabled or missing",
    severity=Severity.LOW,
    confidence=Confidence.MEDIUM,
    summary=(
        'Flags `SESSION_COOKIE_SAMESITE`/`CSRF_COOKIE_SAMESITE` set to `None`/`"None"`/'
        '`False`, `set_cookie(..., samesite="None")`, and a sensitive cookie set without '
        "`samesite` where the framework adds none by default (not Starlette/FastAPI, "
        "whose default is `lax`)."
    ),
    why=(
        "A cookie without `SameSite` (or with `SameSite=None`) is attached to requests "
        "that other sites trigger, which is what cross-site request forgery relies on; "
        "browsers that do not default to `Lax` send it on cross-site POSTs."
    ),
    fix='Pass `samesite="Lax"` (or `"Strict"`) when setting session cookies.',
    bad='response.set_cookie("sessionid", sid, secure=True, httponly=True, samesite="None")',
    good='response.set_cookie("sessionid", sid, secure=True, httponly=True, samesite="Lax")',
    nodes=(ast.Call, ast.Assign, ast.AnnAssign),
    requires=("cookie",),
    methods=_SETTINGS_CALL_METHODS | _SET_COOKIE_METHODS,
    references=(
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value",
        "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite",
    ),
    scope_note=_COOKIE_SCOPE,
)
def cookie_samesite(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name in _SAMESITE_SETTINGS and _samesite_off(setting.value, ctx):
            yield Issue(
                setting.anchor,
                f"`{setting.name}` is `{ast.unparse(setting.value)}`: browsers attach the "
                "cookie to requests started by other sites.",
                remediation=f'`{setting.name} = "Lax"`.',
                severity=Severity.MEDIUM,
            )
    cookie = _cookie_call(node, ctx)
    if cookie is None:
        return
    consequence = "browsers attach it to requests that other sites trigger (CSRF)."
    samesite = cookie.attribute("samesite", "same_site")
    if samesite is None:
        if not cookie.defaults_samesite and cookie.sensitive:
            issue = _missing_attribute_issue(cookie, "samesite", consequence, 'samesite="Lax"')
            if issue is not None:
                yield issue
    elif _samesite_off(samesite, ctx):
        yield _explicit_off_issue(cookie, samesite, "samesite", consequence, 'samesite="Lax"')


# ---------------------------------------------------------------------------------------
# CSRF: PY-WEB-008 exempted views, PY-WEB-009 protection switched off
# ---------------------------------------------------------------------------------------

_CSRF_EXEMPT = frozenset({"django.views.decorators.csrf.csrf_exempt"})
_CSRF_PROTECT = frozenset({"flask_wtf.CSRFProtect", "flask_wtf.csrf.CSRFProtect"})
_SIGNATURE_HINT = re.compile(r"signature|verify|hmac|compare_digest|webhook_secret", re.IGNORECASE)


def _exempt_decorator(expr: ast.expr, ctx: RuleContext) -> str | None:
    """`csrf_exempt` or a Flask-WTF `csrf.exempt`, named as written, else None."""
    if ctx.qualified_name(expr) in _CSRF_EXEMPT:
        return ast.unparse(expr)
    if isinstance(expr, ast.Attribute) and expr.attr == "exempt":
        if ctx.constructor_of(expr.value) in _CSRF_PROTECT:
            return ast.unparse(expr)
    return None


def _verifies_signature(function: ast.AST) -> bool:
    for inner in ast.walk(function):
        if isinstance(inner, ast.Name) and _SIGNATURE_HINT.search(inner.id):
            return True
        if isinstance(inner, ast.Attribute) and _SIGNATURE_HINT.search(inner.attr):
            return True
    return False


@rule(
    id="PY-WEB-008",
    cwe=352,
    title="View exempted from CSRF protection",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags Django's `@csrf_exempt` (also through `method_decorator` and as "
        "`csrf_exempt(view)` in URL patterns) and Flask-WTF's `@csrf.exempt`."
    ),
    why=(
        "An exempted view accepts state-changing requests that another site makes the "
        "victim's browser send with the victim's cookies. That is safe only when the view "
        "does not authenticate by cookie (e.g. a webhook that checks an HMAC signature)."
    ),
    fix=(
        "Remove the exemption and send the CSRF token (form field or `X-CSRFToken` "
        "header); for webhooks, authenticate each request by its signature instead of by "
        "cookies."
    ),
    bad="@csrf_exempt\ndef transfer(request):\n    ...",
    good="@require_POST\ndef transfer(request):  # CsrfViewMiddleware checks the token\n    ...",
    nodes=(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Call),
    calls=(*_CSRF_EXEMPT, "django.utils.decorators.method_decorator"),
    methods=("exempt",),
    references=(
        "https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt",
        "https://flask-wtf.readthedocs.io/en/stable/csrf/#exclude-views-from-protection",
    ),
    scope_note=(
        "Pattern. Confidence is low when the view's body checks a signature (names like "
        "`signature`, `verify`, `hmac.compare_digest`), the usual reason for a webhook "
        "exemption."
    ),
)
def csrf_exempt_view(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call):
                continue  # calls are seen by the Call branch
            written = _exempt_decorator(decorator, ctx)
            if written is None:
                continue
            yield Issue(
                decorator,
                f"`@{written}` turns off CSRF checks for `{node.name}`: another site can make a "
                "logged-in user's browser call it.",
                confidence=Confidence.LOW if _verifies_signature(node) else None,
            )
        return
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name in _CSRF_EXEMPT:
        target = argument(node, 0)
        shown = _short(ast.unparse(target)) if target is not None else "the view"
        yield Issue(
            node, f"`{name.rsplit('.', 1)[-1]}({shown})` turns off CSRF checks for that view."
        )
        return
    if name == "django.utils.decorators.method_decorator":
        inner = argument(node, 0, "decorator")
        if inner is not None and ctx.qualified_name(inner) in _CSRF_EXEMPT:
            yield Issue(
                node,
                f"`{_short(ast.unparse(node), 70)}` turns off CSRF checks for the "
                "class-based view.",
            )
        return
    if isinstance(node.func, ast.Attribute) and node.func.attr == "exempt" and node.args:
        if ctx.constructor_of(node.func.value) in _CSRF_PROTECT:
            yield Issue(
                node,
                f"`{_short(ast.unparse(node))}` turns off Flask-WTF CSRF checks for "
                f"`{_short(ast.unparse(node.args[0]), 30)}`.",
            )


_CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
_COOKIE_AUTH_MIDDLEWARE = frozenset(
    {
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    }
)


@rule(
    id="PY-WEB-009",
    cwe=352,
    title="CSRF protection disabled in configuration",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags a Django `MIDDLEWARE` list that has sessions or authentication but no "
        '`CsrfViewMiddleware`, `MIDDLEWARE.remove("...CsrfViewMiddleware")`, and Flask-WTF\'s '
        "`WTF_CSRF_ENABLED = False` / `WTF_CSRF_CHECK_DEFAULT = False` outside test settings."
    ),
    why=(
        "Without the CSRF middleware (or Flask-WTF's global check) every form and "
        "state-changing endpoint that relies on the session cookie can be triggered by any "
        "web page the logged-in user visits."
    ),
    fix=(
        "Keep `django.middleware.csrf.CsrfViewMiddleware` in `MIDDLEWARE` (after "
        "`SessionMiddleware`) and `WTF_CSRF_ENABLED` at its default `True`; exempt single "
        "views only where they do not use cookie authentication."
    ),
    bad=(
        "MIDDLEWARE = [\n"
        '    "django.contrib.sessions.middleware.SessionMiddleware",\n'
        '    "django.contrib.auth.middleware.AuthenticationMiddleware",\n'
        "]"
    ),
    good=(
        "MIDDLEWARE = [\n"
        '    "django.contrib.sessions.middleware.SessionMiddleware",\n'
        '    "django.middleware.csrf.CsrfViewMiddleware",\n'
        '    "django.contrib.auth.middleware.AuthenticationMiddleware",\n'
        "]"
    ),
    nodes=(ast.Assign, ast.AnnAssign, ast.Call),
    requires=("csrf", "middleware"),
    methods=_SETTINGS_CALL_METHODS | {"remove"},
    references=(
        "https://docs.djangoproject.com/en/stable/ref/csrf/",
        "https://flask-wtf.readthedocs.io/en/stable/config/",
    ),
    scope_note=(
        "Pattern: a `MIDDLEWARE` list is judged only when it is a literal assigned once and "
        "never changed in the module (otherwise what runs is not known statically)."
    ),
)
def csrf_disabled(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for setting in _settings_at(node, ctx):
        if setting.name in ("WTF_CSRF_ENABLED", "WTF_CSRF_CHECK_DEFAULT"):
            if not setting.dev and _is_false(setting.value, ctx):
                yield Issue(
                    setting.anchor,
                    f"`{setting.name}` is `False`: Flask-WTF no longer checks CSRF tokens on "
                    "form posts.",
                    remediation=f"Remove the `{setting.name}` override outside test configuration.",
                )
        elif setting.name in ("MIDDLEWARE", "MIDDLEWARE_CLASSES") and setting.where == "module":
            if setting.name in _module_facts(ctx).rebound:
                continue
            known, value = ctx.constant(setting.value)
            if not known or not isinstance(value, (list, tuple)):
                continue
            entries = {v for v in value if isinstance(v, str)}
            if _CSRF_MIDDLEWARE not in entries and entries & _COOKIE_AUTH_MIDDLEWARE:
                yield Issue(
                    setting.anchor,
                    f"`{setting.name}` has session/authentication middleware but no "
                    f"`{_CSRF_MIDDLEWARE}`: no view checks CSRF tokens.",
                    remediation=f'Add `"{_CSRF_MIDDLEWARE}"` after `SessionMiddleware`.',
                )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "remove" and len(node.args) == 1:
            if _constant_str(node.args[0], ctx) == _CSRF_MIDDLEWARE:
                yield Issue(
                    node,
                    f"`{_short(ast.unparse(node), 80)}` removes Django's CSRF middleware.",
                )


# ---------------------------------------------------------------------------------------
# CORS: PY-WEB-010 any origin with credentials, PY-WEB-011 (audit) any origin
# ---------------------------------------------------------------------------------------

_MATCH_ALL_REGEX = frozenset({".*", ".+", "(.*)", "https?://.*", "https?://.+", "(https?://)?.*"})


def _wildcard_origin(value: object) -> bool:
    if isinstance(value, str):
        text = value.strip()
        return text == "*" or text.removeprefix("^").removesuffix("$") in _MATCH_ALL_REGEX
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_wildcard_origin(v) for v in value)
    return False


_UNKNOWN = object()


def _cors_value(node: ast.expr | None, default: object, ctx: RuleContext) -> object:
    if node is None:
        return default
    known, value = ctx.constant(node)
    return value if known else _UNKNOWN


@dataclass
class _CorsPolicy:
    anchor: ast.AST
    description: str
    credentials: object  # True, False or _UNKNOWN


def _cors_policies(node: ast.AST, ctx: RuleContext) -> Iterator[_CorsPolicy]:
    """Every wildcard-origin CORS policy this node declares, with its credentials flag."""
    if isinstance(node, ast.Call):
        name = ctx.call_name(node) or ""
        if name in (
            "flask_cors.CORS",
            "flask_cors.cross_origin",
            "flask_cors.extension.CORS",
            "flask_cors.decorator.cross_origin",
        ):
            if has_star_arguments(node):
                return
            origins = _cors_value(keyword(node, "origins"), "*", ctx)
            credentials = _cors_value(keyword(node, "supports_credentials"), False, ctx)
            resources = keyword(node, "resources")
            if isinstance(resources, ast.Dict) and all(
                isinstance(v, ast.Dict) for v in resources.values
            ):
                for key, options in zip(resources.keys, resources.values, strict=False):
                    assert isinstance(options, ast.Dict)
                    local = {
                        _constant_str(k, ctx): v
                        for k, v in zip(options.keys, options.values, strict=False)
                    }
                    r_origins = _cors_value(local.get("origins"), origins, ctx)
                    r_creds = _cors_value(local.get("supports_credentials"), credentials, ctx)
                    if _wildcard_origin(r_origins):
                        path = _constant_str(key, ctx) or "…"
                        yield _CorsPolicy(
                            node,
                            f"`{name.rsplit('.', 1)[-1]}` resource `{path}` allows any origin",
                            r_creds,
                        )
                return
            if _wildcard_origin(origins):
                shown = (
                    "`origins` defaults to `*`"
                    if keyword(node, "origins") is None
                    else "allows any origin"
                )
                yield _CorsPolicy(node, f"`{name.rsplit('.', 1)[-1]}(...)` {shown}", credentials)
            return
        middleware = name
        target = node
        first = argument(node, 0)
        if first is not None and ctx.qualified_name(first) in _STARLETTE_CORS:
            middleware = ctx.qualified_name(first) or ""
        if middleware in _STARLETTE_CORS or middleware == "litestar.config.cors.CORSConfig":
            if has_star_arguments(target):
                return
            origins = _cors_value(keyword(target, "allow_origins"), (), ctx)
            regex = _cors_value(keyword(target, "allow_origin_regex"), None, ctx)
            credentials = _cors_value(keyword(target, "allow_credentials"), False, ctx)
            if _wildcard_origin(origins) or _wildcard_origin(regex):
                yield _CorsPolicy(
                    node, f"`{middleware.rsplit('.', 1)[-1]}` allows any origin", credentials
                )
            return
        if name == "aiohttp_cors.ResourceOptions":
            parent = ctx.parents[-1] if ctx.parents else None
            if isinstance(parent, ast.Dict):
                for key, option in zip(parent.keys, parent.values, strict=False):
                    if option is node and _constant_str(key, ctx) == "*":
                        credentials = _cors_value(keyword(node, "allow_credentials"), False, ctx)
                        yield _CorsPolicy(
                            node, '`aiohttp_cors` options for origin `"*"`', credentials
                        )
        return
    for setting in _settings_at(node, ctx):
        if setting.where == "runtime":
            continue
        wildcard = False
        if setting.name in ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"):
            wildcard = _is_true(setting.value, ctx)
        elif setting.name in ("CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"):
            known, value = ctx.constant(setting.value)
            wildcard = known and _wildcard_origin(value)
        if not wildcard:
            continue
        yield _CorsPolicy(
            setting.anchor,
            f"`{setting.name}` allows any origin",
            _django_cors_credentials(setting, ctx),
        )


def _django_cors_credentials(setting: _Setting, ctx: RuleContext) -> object:
    """`CORS_ALLOW_CREDENTIALS` set beside a django-cors-headers wildcard (module or class)."""
    value_node: ast.expr | None = None
    scope = ctx.resolver.module_scope
    if setting.where == "module":
        value_node = _module_facts(ctx).values.get("CORS_ALLOW_CREDENTIALS")
    else:
        parent = ctx.parents[-1] if ctx.parents else None
        if isinstance(parent, ast.ClassDef):
            scope = ctx.scope
            for statement in parent.body:
                if isinstance(statement, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "CORS_ALLOW_CREDENTIALS"
                    for t in statement.targets
                ):
                    value_node = statement.value
    if value_node is None:
        return False
    known, value = ctx.resolver.constant_value(value_node, scope)
    return value if known else _UNKNOWN


_STARLETTE_CORS = frozenset(
    {
        "starlette.middleware.cors.CORSMiddleware",
        "fastapi.middleware.cors.CORSMiddleware",
    }
)


@rule(
    id="PY-WEB-010",
    cwe=942,
    title="CORS allows any origin with credentials",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags CORS policies that accept every origin (`*` or a match-all regex) and allow "
        "credentials: flask-cors `CORS(app, supports_credentials=True)` (origins default to "
        '`*`), Starlette/FastAPI `CORSMiddleware(allow_origins=["*"], '
        "allow_credentials=True)`, django-cors-headers `CORS_ALLOW_ALL_ORIGINS = True` with "
        "`CORS_ALLOW_CREDENTIALS = True`, Litestar `CORSConfig` and aiohttp-cors."
    ),
    why=(
        "Browsers refuse `Access-Control-Allow-Origin: *` with credentials, so these "
        "libraries echo the caller's `Origin` instead: any web site the user visits can "
        "read authenticated responses (account data, CSRF tokens) from the API."
    ),
    fix=(
        'List the trusted origins explicitly, e.g. `CORS(app, origins=["https://app.example.com"], '
        "supports_credentials=True)`."
    ),
    bad='app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)',
    good=(
        'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], '
        "allow_credentials=True)"
    ),
    nodes=(ast.Call, ast.Assign, ast.AnnAssign),
    requires=("cors",),
    references=(
        "https://portswigger.net/web-security/cors",
        "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials",
    ),
    scope_note=(
        "Pattern on literal settings; origins computed at run time (a reflected `Origin` "
        "header) are a data-flow question."
    ),
)
def cors_wildcard_with_credentials(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for policy in _cors_policies(node, ctx):
        if policy.credentials is True:
            yield Issue(
                policy.anchor,
                f"{policy.description} and allows credentials: the library reflects any "
                "`Origin`, so every web site can read authenticated responses.",
            )


@rule(
    id="PY-WEB-011",
    cwe=942,
    title="CORS allows any origin",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Flags CORS policies open to every origin without credentials (audit: right for a "
        "public API, wrong for one that relies on network position or tokens in responses)."
    ),
    why=(
        "Any web site can read the responses. Without credentials this only matters for "
        "data the caller's network position grants (intranet APIs) — worth a look, rarely "
        "a bug."
    ),
    fix="Restrict `origins` to the front ends that need the API.",
    bad="CORS(app)",
    good='CORS(app, origins=["https://app.example.com"])',
    nodes=(ast.Call, ast.Assign, ast.AnnAssign),
    requires=("cors",),
    references=("https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS",),
    profile="audit",
    scope_note="Pattern; the credentialed case is PY-WEB-010.",
)
def cors_wildcard(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for policy in _cors_policies(node, ctx):
        if policy.credentials is not True:
            yield Issue(
                policy.anchor, f"{policy.description}: any web site can read its responses."
            )
