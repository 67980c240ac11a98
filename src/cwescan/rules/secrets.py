"""Hard-coded credentials and keys: passwords, known token formats, private keys, secrets.

Three kinds of evidence, strongest first:

- a string whose *format* is a credential (an AWS access key id, a GitHub token, a
  private key block, a JWT, a URL with a password) — wherever it appears;
- a literal handed to a place that only takes a key or a password (`Fernet(b"...")`,
  `hmac.new(b"...")`, `jwt.encode(payload, "...")`, `HTTPBasicAuth("u", "p")`);
- a literal stored under a *name* that says password/secret/token/API key: passwords
  are reported unless the value is a placeholder, generic secrets only when the value
  looks random (Shannon entropy), because `token_type = "bearer"` is not a secret.

The module also holds the identifier helpers the crypto and randomness rules share
(which words a name is made of, which names an expression flows into).
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Iterator, Sequence

from cwescan.analysis.sensitive_names import identifier_words
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, for_last_node, keyword, rule

# -- identifier helpers shared by the crypto, randomness and secrets rules -------------
# (the identifier splitter, `identifier_words`, is in analysis.sensitive_names)


def target_name(node: ast.AST) -> str | None:
    """The name an assignment target or key stands for: `x`, `self.x`, `d["x"]`, `"x"`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def expression_names(node: ast.AST, limit: int = 200) -> list[str]:
    """Names, attributes and constant subscript keys read inside an expression."""
    names: list[str] = []
    for inner in ast.walk(node):
        if len(names) >= limit:
            break
        if isinstance(inner, ast.Name):
            names.append(inner.id)
        elif isinstance(inner, ast.Attribute):
            names.append(inner.attr)
        elif isinstance(inner, ast.Subscript):
            key = target_name(inner)
            if key is not None:
                names.append(key)
    return names


def destination_names(node: ast.AST, ctx: RuleContext) -> list[str]:
    """The names the value of `node` is stored into or handed to, innermost first.

    Climbs from the node to its statement collecting: keyword argument names, dict
    keys, the callee of every enclosing call (`user.set_password(...)`), assignment
    targets, and for a `return` the enclosing function's name.
    """
    return destinations_along(node, ctx.parents)


def destinations_along(node: ast.AST, parents: Sequence[ast.AST]) -> list[str]:
    """`destination_names` for a node whose enclosing nodes (outermost first) are given."""
    names: list[str] = []
    child: ast.AST = node
    for index in range(len(parents) - 1, -1, -1):
        parent = parents[index]
        if isinstance(parent, ast.keyword) and parent.arg:
            names.append(parent.arg)
        elif isinstance(parent, ast.Dict):
            for key, value in zip(parent.keys, parent.values, strict=False):
                if value is child and key is not None:
                    key_name = target_name(key)
                    if key_name:
                        names.append(key_name)
        elif isinstance(parent, ast.Call) and child is not parent.func:
            callee = parent.func
            if isinstance(callee, ast.Attribute):
                names.append(callee.attr)
            elif isinstance(callee, ast.Name):
                names.append(callee.id)
        elif isinstance(parent, ast.NamedExpr):
            names.append(parent.target.id)
        if isinstance(parent, ast.stmt):
            if isinstance(parent, ast.Assign):
                for target in parent.targets:
                    for element in _flatten_targets(target):
                        name = target_name(element)
                        if name:
                            names.append(name)
            elif isinstance(parent, (ast.AnnAssign, ast.AugAssign)):
                name = target_name(parent.target)
                if name:
                    names.append(name)
            elif isinstance(parent, ast.Return):
                function = enclosing_function(parents[:index])
                if function is not None:
                    names.append(function.name)
            break
        child = parent
    return names


def enclosing_function(
    parents: Sequence[ast.AST],
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function among `parents` (outermost first), if any."""
    for parent in reversed(parents):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return parent
    return None


def calls_in_scope(ctx: RuleContext) -> Iterator[ast.Call]:
    """Every call in the function around the current node (the module outside functions)."""
    function = enclosing_function(ctx.parents)
    scope: ast.AST = function if function is not None else ctx.module.tree
    for node in ast.walk(scope):
        if isinstance(node, ast.Call):
            yield node


def _flatten_targets(target: ast.AST) -> list[ast.AST]:
    if isinstance(target, (ast.Tuple, ast.List)):
        flat: list[ast.AST] = []
        for element in target.elts:
            flat.extend(_flatten_targets(element))
        return flat
    if isinstance(target, ast.Starred):
        return _flatten_targets(target.value)
    return [target]


def parameter_defaults(args: ast.arguments) -> list[tuple[ast.arg, ast.expr]]:
    """Each parameter that has a default, with its default expression."""
    pairs: list[tuple[ast.arg, ast.expr]] = []
    defaults = args.defaults
    if defaults:  # most functions have none: no list of parameters built for them
        positional = [*args.posonlyargs, *args.args]
        pairs.extend(zip(positional[len(positional) - len(defaults):], defaults, strict=True))
    if args.kw_defaults:
        pairs.extend(
            (arg, default)
            for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
            if default is not None
        )
    return pairs


def bound_value(node: ast.AST, ctx: RuleContext) -> ast.expr | None:
    """The expression a local name was bound to, when it was bound exactly once."""
    if not isinstance(node, ast.Name):
        return None
    binding = ctx.resolver.lookup(node.id, ctx.scope)
    if binding is None or binding.kind not in ("local", "constant"):
        return None
    return binding.value


def leaves(*tables: object) -> frozenset[str]:
    """The last components of the qualified names in `tables` (dict keys or iterables)."""
    names: set[str] = set()
    for table in tables:
        for name in table:  # type: ignore[attr-defined]
            names.add(str(name).rpartition(".")[2])
    return frozenset(names)


def cannot_be(call: ast.Call, names: frozenset[str]) -> bool:
    """True when a method-style call provably invokes none of `names`' last components.

    The qualified name of `a.b.c(...)` always ends in `c`, whatever `a` is imported as,
    so the attribute alone rules a call out before the (costlier) name resolution.
    Plain-name calls (`md5(...)`, possibly an alias) are never ruled out here.
    """
    return isinstance(call.func, ast.Attribute) and call.func.attr not in names


def short_code(node: ast.AST, limit: int = 60) -> str:
    """The source of a node on one line, cut to `limit` characters."""
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- what counts as a password, a secret, a placeholder ---------------------------------

PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "pswd", "passwort", "pw"})

# Words after which a name holds something *about* a credential, not the credential.
_NOT_A_VALUE_WORDS = frozenset(
    {
        "field", "fields", "prompt", "type", "types", "url", "uri", "urls", "endpoint", "path",
        "file", "filename", "dir", "name", "names", "label", "message", "msg", "hint", "help",
        "header", "headers", "param", "params", "regex", "re", "pattern", "length", "len",
        "min", "max", "minimum", "maximum", "policy", "policies", "validator", "validators",
        "required", "changed", "expired", "expiry", "expires", "expiration", "column", "col",
        "attr", "attribute", "var", "variable", "env", "setting", "settings", "option",
        "options", "template", "input", "error", "errors", "placeholder", "format", "mode",
        "method", "class", "style", "widget", "selector", "xpath", "css", "title", "display",
        "description", "desc", "chars", "charset", "alphabet", "strength", "rule", "rules",
        "count", "index", "timeout", "ttl", "location", "key", "keys", "id", "ids", "lifetime",
        "age", "enabled", "disabled", "reset", "resets", "link", "view", "form", "forms",
        "text", "prefix", "suffix", "query", "kind", "handler", "backend",
        "storage", "store", "cache", "callback", "function", "func", "fn", "algorithm",
        "algo", "hasher", "hashers", "scheme", "version", "mask", "masked", "question",
        "questions", "used", "usage", "hash",
    }
)
# The same, as leading words (`is_password_set`, `show_password`).
_NOT_A_VALUE_PREFIXES = frozenset(
    {"is", "has", "no", "use", "uses", "show", "hide", "check", "require", "requires",
     "validate", "verify", "allow", "enable", "disable", "get", "set", "on",
     "should", "can", "must", "need", "needs", "ask", "change", "forgot", "forgotten",
     "reset", "update"}
)


@functools.lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    """Identifier words without numbering: `password2` → `password`."""
    return tuple(w.rstrip("0123456789") or w for w in identifier_words(name))


_CRYPTO_KEY_QUALIFIERS = frozenset(
    {"private", "signing", "sign", "signature", "encryption", "encrypt", "decryption",
     "decrypt", "hmac", "mac", "aes", "des", "crypto", "cipher", "master", "jwt", "fernet",
     "secret", "symmetric", "wrapping", "kek", "dek"}
)
_CRYPTO_SECRET_QUALIFIERS = frozenset({"jwt", "hmac", "signing", "encryption", "fernet", "aes"})


@functools.lru_cache(maxsize=8192)
def is_crypto_key_name(name: str) -> bool:
    """True for names of cryptographic keys: `ENCRYPTION_KEY`, `jwt_secret`, `hmacKey`."""
    words = _name_words(name)
    if not words or any(w in _NOT_A_SECRET_WORDS - {"key", "keys"} for w in words):
        return False
    if words[-1] in ("id", "ids", "name", "path", "file", "size", "length", "len", "type"):
        return False
    for index, word in enumerate(words):
        if word in ("key", "keys") and index and words[index - 1] in _CRYPTO_KEY_QUALIFIERS:
            return True
        if word == "secret" and any(w in _CRYPTO_SECRET_QUALIFIERS for w in words):
            return True
    return False


@functools.lru_cache(maxsize=8192)
def is_password_name(name: str) -> bool:
    """True for names that hold a password: `db_password`, `EMAIL_PWD`, `adminPassword`.

    False for names about passwords: `password_field`, `PASSWORD_PROMPT`, `is_password`.
    """
    words = _name_words(name)
    if not words or words[0] in _NOT_A_VALUE_PREFIXES:
        return False
    if any(w in _NOT_A_VALUE_WORDS for w in words):
        return False
    if words[-1] == "pass" and len(words) > 1:
        return True
    return any(w in PASSWORD_WORDS or w.endswith(("password", "passwd")) for w in words)


_SECRET_WORDS = frozenset({"secret", "token", "apikey", "credential", "credentials"})
_SECRET_KEY_QUALIFIERS = frozenset(
    {"api", "access", "secret", "private", "auth", "client", "consumer", "app", "license",
     "master", "service", "account", "subscription", "webhook", "bearer"}
)
_NOT_A_SECRET_WORDS = _NOT_A_VALUE_WORDS - {"key", "keys", "id"} | {
    "csrf", "refresh_url", "endpoint", "audience", "issuer", "scope", "scopes", "grant",
    "response", "request", "generator", "length", "bytes", "size", "manager", "provider",
    "loader", "parser", "class", "cls", "name", "path",
}


@functools.lru_cache(maxsize=8192)
def is_secret_name(name: str) -> bool:
    """True for names that hold a generic secret: `api_key`, `AUTH_TOKEN`, `clientSecret`."""
    words = _name_words(name)
    if not words or words[0] in _NOT_A_VALUE_PREFIXES:
        return False
    if any(w in _NOT_A_SECRET_WORDS for w in words):
        return False
    if words[-1] in ("id", "ids"):
        return False
    for index, word in enumerate(words):
        if word in _SECRET_WORDS or word.endswith(("secret", "token", "apikey")):
            return True
        if word in ("key", "keys") and index and words[index - 1] in _SECRET_KEY_QUALIFIERS:
            return True
    return False


_PLACEHOLDER_VALUES = frozenset(
    {
        "", "changeme", "change_me", "change-me", "changethis", "change_this", "placeholder",
        "dummy", "example", "none", "null", "nil", "undefined", "redacted", "todo", "fixme",
        "tbd", "xxx", "your_password",
        "your-password", "yourpassword", "mypassword", "your_token", "your_api_key",
        "your-api-key", "api_key", "apikey", "replace_me", "replaceme", "insert_here", "***",
        "default", "empty", "n/a", "na", "-", "?", "fake", "sample", "hidden",
        "notasecret", "not-a-secret", "secretkey", "secret_key", "your_secret_key",
    }
)
_PLACEHOLDER_SHAPES = re.compile(
    r"""^(
        [x*#.?\-_ ]+                       # xxxxx, *****, ....
      | <[^<>]*>                           # <password>
      | \[[^\[\]]*\]                       # [password]
      | \{\{?[^{}]*\}?\}                   # {password}, {{ password }}
      | \$\{?[A-Za-z_][A-Za-z0-9_]*\}?     # ${VAR}, $VAR
      | %\([^)]*\)[sdr]                    # %(password)s
      | %s                                 # %s
      | (your|my|some|the|enter|insert|replace|put|add)[\s_\-].*   # your_password_here
      | .*(_here|-here|\shere)             # password_here
      | (dummy|fake|test|example|sample|mock|placeholder)[\s_\-].*
      | (str|string|text|bytes|int|integer|number|bool|boolean|any|object)
        (\?|\[\]|\s*\|\s*none)?          # type names in schemas: "string?", "str | None"
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_placeholder(value: str) -> bool:
    """True for values that are not real credentials: "", "changeme", "<password>", "${X}"."""
    stripped = value.strip()
    if stripped.lower() in _PLACEHOLDER_VALUES:
        return True
    if _PLACEHOLDER_SHAPES.match(stripped) or "***" in stripped:
        return True  # "***" anywhere is a masked value (":****", "ab***yz")
    # one character repeated ("aaaa", "0000") is a filler, not a password
    return len(set(stripped)) == 1


def is_message_like(value: str) -> bool:
    """True for prose: prompts, error messages, help texts ("Enter your password:")."""
    words = value.split()
    if len(words) >= 2 and value.rstrip()[-1:] in ":?.!":
        return True
    return len(words) >= 4


def shannon_entropy(value: str) -> float:
    """Bits of entropy per character of `value` (0 for the empty string)."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


_HEX = re.compile(r"^[0-9a-fA-F]+$")
_DOTTED_NAME = re.compile(r"^[A-Za-z_]\w*(?:[.:][A-Za-z_]\w*)+$")


def looks_random(value: str) -> bool:
    """True when `value` has the length and entropy of a generated secret, not a word."""
    if len(value) < 16 or any(ch.isspace() for ch in value):
        return False
    if "://" in value or value.startswith(("/", "./", "~")):
        return False
    if _DOTTED_NAME.match(value) and not _HEX.match(value.replace("-", "")):
        return False  # a module path or identifier chain: "auth_tests.CustomUserWithM2m"
    if not (any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value)):
        return False
    entropy = shannon_entropy(value)
    if _HEX.match(value):
        return entropy >= 3.0
    return entropy >= 3.5


def _string_value(node: ast.AST | None, ctx: RuleContext) -> str | None:
    """The value of a constant str/bytes expression (decoded), or None."""
    if node is None:
        return None
    known, value = ctx.constant(node)
    if not known:
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


# -- PY-SECRET-001: hard-coded passwords -------------------------------------------------


# what only a regular expression is written with: a class with a range (`[0-9]`, `\d`), a count
# (`{5}`, `{2,4}`), a group option (`(?`), a wildcard run (`.*`, `.+`)
_PATTERN_SYNTAX = re.compile(r"\[\^?[^\]]*\w-\w[^\]]*\]|\\[dwsDWSb]|\{\d+(?:,\d*)?\}|\(\?|\.[*+]")


def is_validation_pattern(value: str) -> bool:
    """Whether the literal is a regular expression anchored at a start or an end.

    `"PW": r"^[0-9]{5}$"` (Palau in a table of postcode formats) and
    `"password": r"^(?=.*[0-9]).{8,}$"` (a strength rule) describe values; neither is one.
    """
    anchored = value.startswith("^") or (value.endswith("$") and not value.endswith("\\$"))
    return anchored and _PATTERN_SYNTAX.search(value) is not None


def _password_issue(
    anchor: ast.AST, name: str, value: str, how: str
) -> Issue | None:
    if is_placeholder(value) or is_message_like(value) or is_validation_pattern(value):
        return None
    shown = value if len(value) <= 4 else value[:2] + "…"
    return Issue(
        anchor,
        f"{how} `{name}` is a hard-coded password (`{shown}`, {len(value)} characters): "
        "anyone who can read the code or the package can log in with it, and it cannot "
        "be rotated without a release.",
        remediation=(
            f"Read `{name}` from the environment or a secret store at run time, e.g. "
            f"`{name} = os.environ[\"{name.upper()}\"]`."
        ),
    )


@rule(
    id="PY-SECRET-001",
    cwe=259,
    title="Hard-coded password",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags string literals given to password-named variables, attributes, dict keys, "
        "keyword arguments and parameter defaults, compared with them, or passed as the "
        "password of `HTTPBasicAuth`/`auth=(user, password)`/`.login(user, password)`."
    ),
    why=(
        "A password in source code is readable by everyone with access to the repository, "
        "its history, the built package or a decompiled binary; it is usually the same in "
        "every deployment and cannot be rotated without a release."
    ),
    fix="Load the password at run time from the environment or a secret manager.",
    bad='DB_PASSWORD = "s3cr3t-Pa55"\nconn = connect(user="app", password=DB_PASSWORD)',
    good=(
        'DB_PASSWORD = os.environ["DB_PASSWORD"]\n'
        'conn = connect(user="app", password=DB_PASSWORD)'
    ),
    nodes=(ast.Assign, ast.AnnAssign, ast.Compare, ast.Dict, ast.Call, ast.FunctionDef,
           ast.AsyncFunctionDef, ast.Lambda),
    references=(
        "https://cwe.mitre.org/data/definitions/259.html",
        "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
    ),
    bandit=("B105", "B106", "B107"),
    scope_note=(
        "Pattern: decided by the name the literal is bound to and the literal itself. "
        "Placeholders (`\"\"`, `changeme`, `<password>`, `${VAR}`, `%(password)s`), prose "
        "(prompts, error messages), anchored regular expressions (`r\"^[0-9]{5}$\"`, a "
        "format or strength rule) and names about passwords (`password_field`, "
        "`PASSWORD_PROMPT`, `password_reset_url`) are not reported; nor are environment "
        "look-ups. Unlike Bandit, token/secret names are left to PY-SECRET-004, which also "
        "wants the value to look random."
    ),
)
def hard_coded_password(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        if not isinstance(node.value, ast.Constant):
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = _string_value(node.value, ctx)
        if value is None:
            return
        for target in targets:
            name = target_name(target)
            if name and is_password_name(name):
                if _names_itself(name, value) and _enumeration_member(node, ctx):
                    return  # class LoginMechanism: PASSWORD = "password"; APIKEY = "apikey"
                kind = "the key" if isinstance(target, ast.Subscript) else "the variable"
                issue = _password_issue(node, name, value, f"The value assigned to {kind}")
                if issue:
                    yield issue
                return
    elif isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        if not all(isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)) for op in node.ops):
            return
        names = [target_name(o) for o in operands if not isinstance(o, ast.Constant)]
        literals = [o.value for o in operands if isinstance(o, ast.Constant)]
        password_names = [n for n in names if n and is_password_name(n)]
        for literal in literals:
            if password_names and isinstance(literal, str):
                issue = _password_issue(
                    node, password_names[0], literal, "The literal compared with"
                )
                if issue:
                    yield issue
                    return
    elif isinstance(node, ast.Dict):
        for key, value_node in zip(node.keys, node.values, strict=False):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if not (isinstance(value_node, ast.Constant) and isinstance(value_node.value, str)):
                continue
            if is_password_name(key.value):
                issue = _password_issue(key, key.value, value_node.value, "The value of the key")
                if issue:
                    yield issue
    elif isinstance(node, ast.Call):
        yield from _password_call(node, ctx)
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        for arg, default in parameter_defaults(node.args):
            if (
                isinstance(default, ast.Constant)
                and isinstance(default.value, str)
                and is_password_name(arg.arg)
            ):
                issue = _password_issue(default, arg.arg, default.value, "The default of parameter")
                if issue:
                    yield issue


def _names_itself(name: str, value: str) -> bool:
    """`PASSWORD = "password"`, `API_KEY = "api-key"`: the value spells the name."""
    return _spelling(name) == _spelling(value)


def _spelling(text: str) -> str:
    return text.lower().replace("_", "").replace("-", "").replace(" ", "")


def _enumeration_member(node: ast.Assign | ast.AnnAssign, ctx: RuleContext) -> bool:
    """True in a class body where other constants spell their names too (an enumeration)."""
    parents = ctx.parents
    if not parents or not isinstance(parents[-1], ast.ClassDef):
        return False
    for other in parents[-1].body:
        if other is node or not isinstance(other, ast.Assign) or len(other.targets) != 1:
            continue
        target, value = other.targets[0], other.value
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and _names_itself(target.id, value.value)
        ):
            return True
    return False


_BASIC_AUTH_CLASSES = frozenset(
    {
        "requests.auth.HTTPBasicAuth",
        "requests.auth.HTTPDigestAuth",
        "requests.auth.HTTPProxyAuth",
        "requests.HTTPBasicAuth",
        "httpx.BasicAuth",
        "httpx.DigestAuth",
        "aiohttp.BasicAuth",
        "aiohttp.helpers.BasicAuth",
    }
)
_BASIC_AUTH_LEAVES = leaves(_BASIC_AUTH_CLASSES)
# Methods whose second positional argument is a password on every stdlib client
# (smtplib, imaplib, ftplib, poplib) and most others.
_LOGIN_METHODS = frozenset({"login", "authenticate", "auth_password", "simple_bind_s", "bind_s"})


def _password_call(node: ast.Call, ctx: RuleContext) -> Iterator[Issue]:
    for kw in node.keywords:
        if kw.arg and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
            if is_password_name(kw.arg):
                issue = _password_issue(kw.value, kw.arg, kw.value.value, "The keyword argument")
                if issue:
                    yield issue
        elif kw.arg == "auth" and isinstance(kw.value, ast.Tuple) and len(kw.value.elts) == 2:
            secret = kw.value.elts[1]
            if isinstance(secret, ast.Constant) and isinstance(secret.value, str):
                issue = _password_issue(secret, "auth", secret.value, "The password in")
                if issue:
                    yield issue
    name = None if cannot_be(node, _BASIC_AUTH_LEAVES) else ctx.call_name(node)
    secret_arg: ast.expr | None = None
    label = ""
    if name in _BASIC_AUTH_CLASSES:
        secret_arg = argument(node, 1)
        label = name.rpartition(".")[2]
    elif isinstance(node.func, ast.Attribute) and node.func.attr in _LOGIN_METHODS:
        secret_arg = argument(node, 1)
        label = node.func.attr
    if isinstance(secret_arg, ast.Constant) and isinstance(secret_arg.value, str):
        issue = _password_issue(
            secret_arg, f"{label}()", secret_arg.value, "The password argument of"
        )
        if issue:
            yield issue


# -- PY-SECRET-002: credentials in a known token format ----------------------------------

_TOKEN_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("AWS access key id",
     re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])")),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])")),
    ("GitHub fine-grained token",
     re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9])")),
    ("GitLab token", re.compile(r"(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_\-]{20,}")),
    ("Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abprs]-(?:[0-9]+-)+[0-9A-Za-z]{8,}")),
    ("Slack webhook URL",
     re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}")),
    ("Stripe live key", re.compile(r"(?<![A-Za-z0-9])(?:sk|rk)_live_[0-9A-Za-z]{20,}")),
    ("Google API key", re.compile(r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])")),
    ("JSON Web Token",
     re.compile(r"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}")),
)
# text one of which a file holding a token of these formats contains: the formats'
# fixed prefixes (a concatenation would have to split a prefix to hide one), and `aws`
# for the secret access keys recognised by name
_TOKEN_TEXT = (
    "AKIA", "ASIA", "ABIA", "ACCA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
    "glpat-", "xox", "hooks.slack.com", "_live_", "AIza", "eyJ", "aws",
)
_AWS_SECRET = re.compile(r"^[A-Za-z0-9/+]{40}$")
_AWS_SECRET_NAME_WORDS = frozenset({"aws", "secret"})


def _string_expressions(node: ast.AST, ctx: RuleContext) -> Iterator[tuple[ast.AST, str]]:
    """The whole string values an expression holds, folding `"a" + "b"` and f-strings.

    Reports each string once: at the outermost concatenation when it folds, else at
    each literal piece of it. Literals nested in other expressions (a call argument
    inside an f-string) are visited on their own.
    """
    parents = ctx.parents
    if parents and _is_string_join(parents[-1]):
        return  # the enclosing concatenation speaks for this piece
    # a string assigned to a name is reported on the assignment's first line
    anchor: ast.AST = node
    if parents and isinstance(parents[-1], (ast.Assign, ast.AnnAssign)):
        anchor = parents[-1]
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            yield anchor, node.value
        elif isinstance(node.value, bytes):
            yield anchor, node.value.decode("latin-1")
        return
    known, value = ctx.constant(node)
    if known and isinstance(value, (str, bytes)):
        yield anchor, value if isinstance(value, str) else value.decode("latin-1")
        return
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Constant) and isinstance(current.value, (str, bytes)):
            text = current.value
            yield current, text if isinstance(text, str) else text.decode("latin-1")
        elif isinstance(current, ast.BinOp) and isinstance(current.op, (ast.Add, ast.Mod)):
            stack.extend((current.right, current.left))
        elif isinstance(current, ast.JoinedStr):
            stack.extend(reversed(current.values))
        elif isinstance(current, ast.FormattedValue):
            stack.append(current.value)


def _literal_lacks(node: ast.AST, *needles: str, min_length: int = 0) -> bool:
    """True when `node` is a literal whose text cannot hold every needle (or is shorter
    than `min_length`): what `_string_expressions` would give for it is known already,
    so the string rules skip the bulk of a file's constants (numbers, short names)."""
    if node.__class__ is not ast.Constant:
        return False
    value = node.value  # type: ignore[attr-defined]
    if isinstance(value, str):
        return len(value) < min_length or not all(n in value for n in needles)
    if isinstance(value, bytes):
        return len(value) < min_length or not all(n.encode() in value for n in needles)
    return True  # numbers, None, booleans, Ellipsis: no string at all


def _is_string_join(node: ast.AST | None) -> bool:
    if isinstance(node, (ast.JoinedStr, ast.FormattedValue)):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod))


@rule(
    id="PY-SECRET-002",
    cwe=798,
    title="Credential in a known token format",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags string literals (and constant concatenations) that contain an AWS access "
        "key id or secret key, a GitHub/GitLab/Slack/Stripe token, a Slack webhook, a "
        "Google API key or a signed JWT."
    ),
    why=(
        "These strings are live credentials by construction: anyone who reads the code, "
        "its history or the built package can call the service as the owner. Scrapers "
        "find them in public repositories within minutes."
    ),
    fix=(
        "Revoke the credential now (it is compromised once committed), then load it at "
        "run time from the environment or a secret manager."
    ),
    bad='s3 = boto3.client("s3", aws_access_key_id="AKIA…", aws_secret_access_key="…")',
    good='s3 = boto3.client("s3")  # credentials from the environment or the instance role',
    nodes=(ast.Constant, ast.BinOp, ast.JoinedStr, ast.Assign, ast.Call),
    requires=_TOKEN_TEXT,
    references=(
        "https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns",
        "https://cwe.mitre.org/data/definitions/798.html",
    ),
    scope_note=(
        "Pattern: the format of the string decides, wherever it appears (code, "
        "docstrings, default values). AWS secret access keys have no prefix, so they are "
        "recognised by shape only when bound to a name or keyword with both `aws` and "
        "`secret` in it. Unsigned JWTs (empty signature) are not credentials."
    ),
)
def known_token_format(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Assign):
        if isinstance(node.value, ast.Constant):
            for target in node.targets:
                name = target_name(target)
                if name:
                    yield from _aws_secret(node.value, name)
        return
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg and isinstance(kw.value, ast.Constant):
                yield from _aws_secret(kw.value, kw.arg)
        return
    if _literal_lacks(node, min_length=20):
        return
    for anchor, text in _string_expressions(node, ctx):
        if len(text) < 20:
            continue  # shorter than the shortest format (an AWS access key id)
        for label, pattern in _TOKEN_FORMATS:
            match = pattern.search(text)
            if match:
                token = match.group(0)
                yield Issue(
                    anchor,
                    f"This string contains {'an' if label[0] in 'AEIOU' else 'a'} {label} "
                    f"(`{token[:8]}…`, {len(token)} "
                    "characters): a credential committed to source is readable by everyone "
                    "with the code and must be treated as leaked.",
                )
                break


def _aws_secret(value_node: ast.Constant, name: str) -> Iterator[Issue]:
    value = value_node.value
    if not isinstance(value, str) or not _AWS_SECRET.match(value):
        return
    if not _AWS_SECRET_NAME_WORDS <= set(identifier_words(name)):
        return
    if not looks_random(value):
        return
    yield Issue(
        value_node,
        f"`{name}` holds a 40-character AWS secret access key: with its access key id it "
        "signs requests as the account owner.",
    )


# -- PY-SECRET-003: private key blocks ---------------------------------------------------

_PRIVATE_KEY = re.compile(
    r"-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----"
    r"\s*(?:[A-Za-z\-]+:[^\n]*\n\s*)*([A-Za-z0-9+/=\s]{40,})"
)


@rule(
    id="PY-SECRET-003",
    cwe=321,
    title="Private key embedded in source",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary="Flags string literals holding a PEM/OpenSSH/PGP private key block with key material.",
    why=(
        "A private key in the code is shared with everyone who has the code: they can "
        "impersonate the server, decrypt its traffic or sign as its owner, and the key "
        "cannot be rotated without a release."
    ),
    fix="Revoke the key pair; load the key from a file or secret store outside the repository.",
    bad='KEY = """-----BEGIN RSA PRIVATE KEY-----\\nMIIEow…\\n-----END RSA PRIVATE KEY-----"""',
    good='KEY = Path(os.environ["TLS_KEY_FILE"]).read_bytes()',
    nodes=(ast.Constant, ast.BinOp, ast.JoinedStr),
    requires=("PRIVATE",),  # of the `-----BEGIN … PRIVATE KEY-----` header
    references=("https://cwe.mitre.org/data/definitions/321.html",),
    scope_note=(
        "Pattern: the BEGIN line must be followed by key material, so code that only "
        "looks for the header (`line.startswith(\"-----BEGIN RSA PRIVATE KEY-----\")`) "
        "is not reported. Encrypted keys are reported with medium severity."
    ),
)
def private_key_block(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if _literal_lacks(node, "PRIVATE KEY"):
        return
    for anchor, text in _string_expressions(node, ctx):
        if "PRIVATE KEY" not in text:
            continue
        match = _PRIVATE_KEY.search(text)
        if not match or len(re.sub(r"\s", "", match.group(2))) < 40:
            continue
        kind = match.group(1)
        encrypted = "ENCRYPTED" in kind or "Proc-Type: 4,ENCRYPTED" in text
        yield Issue(
            anchor,
            f"This string holds a `{kind}` block with its key material"
            + (" (encrypted: the passphrase is the only protection left)" if encrypted else "")
            + "; everyone with the code holds the key.",
            severity=Severity.MEDIUM if encrypted else None,
        )


# -- PY-SECRET-004: generic secrets by name and entropy ----------------------------------

# Names other rule families own (framework configuration), left to them.
_FRAMEWORK_SECRET_NAMES = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "JWT_SECRET_KEY"})


@rule(
    id="PY-SECRET-004",
    cwe=798,
    title="Hard-coded secret, token or API key",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags random-looking string literals (length ≥ 16, letters and digits, high "
        "Shannon entropy) bound to names such as `api_key`, `auth_token`, `client_secret` "
        "— in assignments, dict keys, keyword arguments and parameter defaults."
    ),
    why=(
        "An API key or token in source is a credential anyone with the code can use; it "
        "usually grants the same access in every deployment and outlives the people who "
        "knew about it."
    ),
    fix="Revoke it and load it at run time from the environment or a secret manager.",
    bad='STRIPE_API_KEY = "pk9f2Qm7Xc81LzT0aR4vW6yB"',
    good='STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]',
    nodes=(ast.Assign, ast.AnnAssign, ast.Dict, ast.Call, ast.FunctionDef, ast.AsyncFunctionDef),
    references=("https://cwe.mitre.org/data/definitions/798.html",),
    bandit=("B105", "B106", "B107"),
    scope_note=(
        "Pattern: needs both a secret-like name and a random-looking value, so "
        "`token_type = \"bearer\"`, `API_KEY_HEADER = \"X-Api-Key\"` and test values like "
        "`\"dummy-token\"` are not reported. Values in a known format are PY-SECRET-002's; "
        "`SECRET_KEY` settings are left to the web-framework configuration rules."
    ),
)
def hard_coded_secret(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    for anchor, name, literal in _named_literals(node):
        if not isinstance(literal, str):
            continue
        value = literal
        if name.upper() in _FRAMEWORK_SECRET_NAMES or is_password_name(name):
            continue
        if is_crypto_key_name(name):
            continue  # PY-SECRET-005
        if _AWS_SECRET.match(value) and _AWS_SECRET_NAME_WORDS <= set(identifier_words(name)):
            continue  # PY-SECRET-002
        if not is_secret_name(name) or is_placeholder(value) or not looks_random(value):
            continue
        if _matches_known_format(value):
            continue
        yield Issue(
            anchor,
            f"`{name}` is set to a hard-coded random-looking value ({len(value)} characters, "
            f"{shannon_entropy(value):.1f} bits/char): a credential anyone with the code can use.",
            remediation=f"Load `{name}` from the environment or a secret manager at run time.",
        )


def _matches_known_format(value: str) -> bool:
    return any(pattern.search(value) for _, pattern in _TOKEN_FORMATS) or bool(
        _PRIVATE_KEY.search(value)
    )


def _literal(node: ast.AST | None) -> str | bytes | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value
    return None


NamedLiteral = tuple[ast.AST, str, str | bytes]


@for_last_node  # PY-SECRET-004 and -005 ask in turn
def _named_literals(node: ast.AST) -> Iterator[NamedLiteral]:
    """(anchor, name, literal) for every str/bytes literal bound to a name in this node."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        value = _literal(node.value)
        if value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                name = target_name(target)
                if name:
                    yield node, name, value
    elif isinstance(node, ast.Dict):
        for key, value_node in zip(node.keys, node.values, strict=True):
            value = _literal(value_node)
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and value is not None:
                yield key, key.value, value
    elif isinstance(node, ast.Call):
        for kw in node.keywords:
            value = _literal(kw.value)
            if kw.arg and value is not None:
                yield kw.value, kw.arg, value
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        for arg, default in parameter_defaults(node.args):
            value = _literal(default)
            if value is not None:
                yield default, arg.arg, value


# -- PY-SECRET-005: constant keys handed to crypto APIs ----------------------------------

# qualified callable → (position, keyword) of its key argument
_KEY_ARGUMENTS: dict[str, tuple[int, str]] = {
    "hmac.new": (0, "key"),
    "hmac.HMAC": (0, "key"),
    "hmac.digest": (0, "key"),
    "cryptography.fernet.Fernet": (0, "key"),
    "cryptography.hazmat.primitives.hmac.HMAC": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.aead.AESGCM": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.aead.AESCCM": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.aead.AESOCB3": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.aead.AESSIV": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.algorithms.AES": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.algorithms.AES128": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.algorithms.AES256": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20": (0, "key"),
    "cryptography.hazmat.primitives.ciphers.algorithms.Camellia": (0, "key"),
    "Crypto.Cipher.AES.new": (0, "key"),
    "Crypto.Cipher.ChaCha20.new": (-1, "key"),
    "Crypto.Cipher.ChaCha20_Poly1305.new": (-1, "key"),
    "Crypto.Cipher.Salsa20.new": (0, "key"),
    "Crypto.Hash.HMAC.new": (0, "key"),
    "jwt.encode": (1, "key"),
    "jose.jwt.encode": (1, "key"),
    "itsdangerous.URLSafeTimedSerializer": (0, "secret_key"),
    "itsdangerous.URLSafeSerializer": (0, "secret_key"),
    "itsdangerous.TimedSerializer": (0, "secret_key"),
    "itsdangerous.Serializer": (0, "secret_key"),
    "itsdangerous.Signer": (0, "secret_key"),
    "itsdangerous.TimestampSigner": (0, "secret_key"),
}


_KEY_ARGUMENT_LEAVES = leaves(_KEY_ARGUMENTS)


def _normalize_crypto_name(name: str | None) -> str | None:
    if name is None:
        return None
    if name.startswith("Cryptodome."):
        return "Crypto." + name[len("Cryptodome."):]
    return name.replace(".decrepit.", ".primitives.")


@rule(
    id="PY-SECRET-005",
    cwe=321,
    title="Hard-coded cryptographic key",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags constant keys passed to ciphers, MACs, signers and JWT encoders "
        "(`Fernet(b\"...\")`, `hmac.new(b\"...\", ...)`, `AES.new(b\"...\", ...)`, "
        "`AESGCM(b\"...\")`, `jwt.encode(payload, \"...\")`, itsdangerous serializers)."
    ),
    why=(
        "A key written in the code is known to everyone with the code: they can decrypt "
        "the data, forge the MACs and sign tokens that the application will accept."
    ),
    fix=(
        "Load the key at run time from a secret store, a key management service or the "
        "environment."
    ),
    bad='token = jwt.encode(claims, "my-signing-key", algorithm="HS256")',
    good='token = jwt.encode(claims, os.environ["JWT_SIGNING_KEY"], algorithm="HS256")',
    nodes=(ast.Call, ast.Assign, ast.AnnAssign, ast.Dict, ast.FunctionDef, ast.AsyncFunctionDef),
    references=("https://cwe.mitre.org/data/definitions/321.html",),
    bandit=("B105",),
    scope_note=(
        "Pattern: the key argument must fold to a constant (a literal or a module constant); "
        "keys read from files, settings objects or the environment are not reported. Empty "
        "keys are reported too: a MAC with an empty key authenticates nothing. Literals "
        "bound to key names (`ENCRYPTION_KEY`, `jwt_secret`, `hmac_key`) are reported when "
        "they are bytes or look random. Framework `SECRET_KEY` settings are left to the "
        "web-framework configuration rules."
    ),
)
def hard_coded_crypto_key(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if not isinstance(node, ast.Call):
        yield from _named_crypto_keys(node)
        return
    yield from _named_crypto_keys(node)
    if cannot_be(node, _KEY_ARGUMENT_LEAVES):
        return
    name = _normalize_crypto_name(ctx.call_name(node))
    if name not in _KEY_ARGUMENTS:
        return
    position, key_name = _KEY_ARGUMENTS[name]
    key = keyword(node, key_name) if position < 0 else argument(node, position, key_name)
    if key is None or not _is_constant_key(key, ctx):
        return
    short = name.rsplit(".", 2)
    shown = ".".join(short[-2:]) if short[-1] in ("new", "encode", "digest") else short[-1]
    yield Issue(
        node,
        f"`{shown}` is given the constant key `{short_code(key, 40)}`: anyone with the code "
        "can decrypt, forge or sign exactly as this program does.",
    )


def _is_constant_key(node: ast.AST, ctx: RuleContext) -> bool:
    """A str/bytes constant, or a constant repeated (`b"\\x00" * 32`)."""
    known, value = ctx.constant(node)
    if known:
        return isinstance(value, (str, bytes))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left_known, left = ctx.constant(node.left)
        right_known, right = ctx.constant(node.right)
        return left_known and right_known and isinstance(left, (str, bytes)) and (
            isinstance(right, int)
        )
    return False


def _named_crypto_keys(node: ast.AST) -> Iterator[Issue]:
    for anchor, name, literal in _named_literals(node):
        if name.upper() in _FRAMEWORK_SECRET_NAMES or not is_crypto_key_name(name):
            continue
        if isinstance(literal, bytes):
            text = literal.decode("latin-1")
            if len(literal) < 8 or is_placeholder(text):
                continue
        elif is_placeholder(literal) or not looks_random(literal):
            continue
        yield Issue(
            anchor,
            f"`{name}` is a cryptographic key written into the code ({len(literal)} "
            f"{'bytes' if isinstance(literal, bytes) else 'characters'}): whoever has the code "
            "can decrypt or forge what it protects.",
            remediation=f"Load `{name}` from a secret store or the environment at run time.",
        )


# -- PY-SECRET-006: credentials in URLs -------------------------------------------------

_URL_CREDENTIALS = re.compile(
    r"\b([a-z][a-z0-9+.\-]{1,20})://([^\s/:@'\"]{1,100}):([^\s/@'\"]{1,200})@([^\s/?#:'\"]+)",
    re.IGNORECASE,
)
_URL_PASSWORD_PLACEHOLDERS = frozenset(
    {"password", "pass", "passwd", "pwd", "secret", "changeme", "user", "username", "pw",
     "xxx", "xxxx", "***", "****", "token", "mypassword", "yourpassword", "your_password",
     "example", "test", "dummy", "placeholder"}
)
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "example.com", "example.org", "example.net")


@rule(
    id="PY-SECRET-006",
    cwe=259,
    title="Password embedded in a URL",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags string literals holding a URL with a user and password "
        "(`postgresql://app:s3cret@db.internal/prod`, `https://user:pass@host`)."
    ),
    why=(
        "The password travels with the URL into logs, error messages, shell history and "
        "every copy of the code; database and broker URLs are the usual culprits."
    ),
    fix=(
        "Keep the URL without credentials in code and read the full URL or the password "
        "from the environment."
    ),
    bad='DATABASE_URL = "postgresql://app:Xk29dPq7@db.internal:5432/prod"',
    good='DATABASE_URL = os.environ["DATABASE_URL"]',
    nodes=(ast.Constant, ast.BinOp, ast.JoinedStr),
    requires=("//",),  # of `scheme://user:password@host`
    references=("https://cwe.mitre.org/data/definitions/259.html",),
    scope_note=(
        "Pattern. CWE-259 rather than CWE-798 because the embedded credential is a "
        "password. Placeholder passwords (`user:password@`, `{password}`, `${DB_PASS}`, "
        "`***`) are ignored; URLs to localhost or example domains are reported with low "
        "confidence (typical development defaults)."
    ),
)
def password_in_url(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if _literal_lacks(node, "@", "://"):
        return
    for anchor, text in _string_expressions(node, ctx):
        if "@" not in text or "://" not in text:
            continue
        for match in _URL_CREDENTIALS.finditer(text):
            scheme, user, password, host = match.groups()
            if password.lower() in _URL_PASSWORD_PLACEHOLDERS or is_placeholder(password):
                continue
            if any(ch in password for ch in "{}$%<>*"):
                continue
            local = host.lower().startswith(_LOCAL_HOSTS) or host.lower().endswith(
                (".example.com", ".local", ".localhost", ".test")
            )
            yield Issue(
                anchor,
                f"The {scheme}:// URL to `{host}` embeds the password of `{user}`; it ends up "
                "in logs, tracebacks and every copy of the code.",
                confidence=Confidence.LOW if local else None,
            )
            break
