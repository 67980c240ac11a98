"""Predictable random numbers where unpredictability is the point (CWE-338).

`random` and `numpy.random` are Mersenne Twister generators: after 624 outputs the whole
future (and past) stream can be reconstructed. That is fine for simulations, sampling
and jitter, and fatal for tokens, passwords, keys, salts, nonces and session ids. A
pattern cannot know what a number is for, but code says it in names: the variable it is
assigned to, the keyword or dict key it is passed as, the function that returns it.
Those names decide between the default rule and the audit hint.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.analysis.sensitive_names import identifier_words
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, rule
from cwescan.rules.secrets import (
    bound_value,
    cannot_be,
    destination_names,
    destinations_along,
    enclosing_function,
    expression_names,
    short_code,
)

_RANDOM_FUNCTIONS = frozenset(
    {"random", "randint", "randrange", "choice", "choices", "sample", "shuffle", "uniform",
     "triangular", "randbytes", "getrandbits", "gauss", "normalvariate", "lognormvariate",
     "expovariate", "vonmisesvariate", "gammavariate", "betavariate", "paretovariate",
     "weibullvariate", "binomialvariate"}
)
_NUMPY_FUNCTIONS = frozenset(
    {"rand", "randn", "randint", "random", "random_sample", "random_integers", "ranf",
     "sample", "choice", "bytes", "permutation", "shuffle", "uniform", "normal", "integers"}
)
_GENERATOR_FACTORIES = {
    "random.Random": _RANDOM_FUNCTIONS,
    "numpy.random.default_rng": _NUMPY_FUNCTIONS,
    "numpy.random.RandomState": _NUMPY_FUNCTIONS,
    "numpy.random.Generator": _NUMPY_FUNCTIONS,
}

# Words naming a value whose unpredictability protects something.
_SECURITY_WORDS = frozenset(
    {"token", "tokens", "password", "passwd", "pwd", "passphrase", "secret", "secrets",
     "salt", "nonce", "otp", "totp", "hotp", "pin", "session", "sessionid", "sid", "csrf",
     "xsrf", "apikey", "credential", "credentials", "captcha", "challenge", "cookie", "jti",
     "iv", "reset", "verification", "activation", "mfa", "twofa", "passcode"}
)
# Words before `key`/`code` that make them secrets (`api_key`, `verification_code`).
_KEY_QUALIFIERS = frozenset(
    {"api", "secret", "private", "access", "encryption", "signing", "session", "auth", "aes",
     "hmac", "crypto", "master", "license", "activation", "otp", "sms", "email", "login",
     "mfa", "security", "invite", "invitation", "confirm", "confirmation", "verification",
     "verify", "reset", "recovery", "unlock", "one", "time", "magic", "pairing", "remember"}
)
# Words that make a name about a quantity, not a secret (`token_count`, `session_timeout`).
_QUANTITY_WORDS = frozenset(
    {"count", "counts", "max", "min", "num", "number", "length", "len", "size", "limit",
     "index", "idx", "position", "pos", "delay", "timeout", "sleep", "jitter", "backoff",
     "ttl", "expiry", "expires", "retry", "retries", "interval", "weight", "weights",
     "probability", "prob", "rate", "ratio", "score", "temperature", "offset", "duration",
     "age", "lifetime", "port", "color", "colour", "sample", "mock", "fake", "dummy",
     "example", "order", "shuffle", "shuffled"}
)


def _is_security_name(name: str) -> bool:
    words = identifier_words(name)
    if not words or any(w in _QUANTITY_WORDS for w in words):
        return False
    for index, word in enumerate(words):
        if word in _SECURITY_WORDS or word.endswith(("token", "password", "secret")):
            return True
        if word in ("key", "keys", "code", "codes"):
            if len(words) == 1 and word in ("key", "keys"):
                return True
            if any(w in _KEY_QUALIFIERS for w in words[:index]):
                return True
    return False


_PRNG_LEAVES = _RANDOM_FUNCTIONS | _NUMPY_FUNCTIONS | {"Random"}


def _follow_locals(names: list[str], scope: ast.AST, hops: int = 3) -> str | None:
    """The security-like name a value reaches through local variables in `scope`.

    `rand = random.random(); key = str(rand)[2:]; response.set_cookie(name, key)`:
    from `rand` to `key` to `set_cookie`. Follows plain names only, up to `hops`
    assignments, within one function (or module).
    """
    parent_of: dict[int, ast.AST] = {}
    loads: dict[str, list[ast.Name]] = {}
    for outer in ast.walk(scope):
        for inner in ast.iter_child_nodes(outer):
            parent_of[id(inner)] = outer
        if isinstance(outer, ast.Name) and isinstance(outer.ctx, ast.Load):
            loads.setdefault(outer.id, []).append(outer)
    seen: set[str] = set()
    frontier = [n for n in names if n.isidentifier()]
    for _ in range(hops):
        next_frontier: list[str] = []
        for variable in frontier:
            if variable in seen:
                continue
            seen.add(variable)
            for use in loads.get(variable, []):
                chain: list[ast.AST] = []
                current: ast.AST | None = parent_of.get(id(use))
                while current is not None:
                    chain.append(current)
                    current = parent_of.get(id(current))
                chain.reverse()
                for name in destinations_along(use, chain):
                    if _is_security_name(name):
                        return name
                    next_frontier.append(name)
        frontier = next_frontier
    return None


def prng_call(node: ast.Call, ctx: RuleContext) -> str | None:
    """The name of the non-cryptographic generator `node` calls, if it calls one."""
    if cannot_be(node, _PRNG_LEAVES):
        return None
    name = ctx.call_name(node)
    if name is not None:
        module, _, function = name.rpartition(".")
        if module == "random" and (function in _RANDOM_FUNCTIONS or function == "Random"):
            return name
        if module == "numpy.random" and function in _NUMPY_FUNCTIONS:
            return name
        return None
    if not isinstance(node.func, ast.Attribute):
        return None
    receiver: ast.AST | None = node.func.value
    if isinstance(receiver, ast.Name):
        receiver = bound_value(receiver, ctx)
    if isinstance(receiver, ast.Call):
        factory = ctx.call_name(receiver)
        methods = _GENERATOR_FACTORIES.get(factory or "")
        if methods and node.func.attr in methods:
            return f"{factory}().{node.func.attr}"
    return None


def _security_evidence(node: ast.Call, ctx: RuleContext) -> tuple[str, bool] | None:
    """(the security-like name, whether it is where the value goes) or None.

    A generator's constructor (`random.Random()`) makes no value itself: the calls on
    the generator are judged instead.
    """
    if ctx.call_name(node) in _GENERATOR_FACTORIES:
        return None
    destinations = destination_names(node, ctx)
    for name in destinations:
        if _is_security_name(name):
            return name, True
    function = enclosing_function(ctx.parents)
    scope = function if function is not None else (ctx.parents[0] if ctx.parents else None)
    if scope is not None:
        followed = _follow_locals(destinations, scope)
        if followed is not None:
            return followed, False
    if function is not None and _is_security_name(function.name):
        return function.name, False
    for argument_node in [*node.args, *(kw.value for kw in node.keywords)]:
        for name in expression_names(argument_node, limit=20):
            if _is_security_name(name):
                return name, False
    return None


@rule(
    id="PY-RAND-001",
    cwe=338,
    title="Non-cryptographic random numbers used for a secret value",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `random.*`/`numpy.random.*` calls whose result becomes a token, password, "
        "key, salt, nonce, OTP, PIN, CSRF token or session id — judged by the variable, "
        "attribute, dict key or keyword it goes to, the function returning it, or the names "
        "passed to it."
    ),
    why=(
        "`random` is a Mersenne Twister: from 624 observed outputs an attacker reconstructs "
        "its state and predicts every token it will produce (and every one it produced "
        "before), e.g. other users' password-reset links or session ids."
    ),
    fix=(
        "Use the `secrets` module: `secrets.token_urlsafe(32)`, `secrets.choice(alphabet)`, "
        "`secrets.randbelow(10**6)`, or `os.urandom(16)` for bytes."
    ),
    bad="reset_token = ''.join(random.choice(string.ascii_letters) for _ in range(32))",
    good="reset_token = secrets.token_urlsafe(32)",
    nodes=(ast.Call,),
    methods=_PRNG_LEAVES,
    references=(
        "https://docs.python.org/3/library/random.html",
        "https://docs.python.org/3/library/secrets.html",
    ),
    bandit=("B311",),
    scope_note=(
        "Pattern over names: confidence is high when the value goes straight into a "
        "security-named target, medium when only the enclosing function or the arguments "
        "are named so, or the name is a bare `key` (also a dict key or an id). "
        "Quantities (`token_count`, `session_timeout`, `max_tokens`) are not "
        "secrets. Other uses of `random` are the audit-profile rule PY-RAND-002. "
        "`secrets`, `random.SystemRandom` and `os.urandom` are never reported."
    ),
)
def weak_random_for_secret(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    generator = prng_call(node, ctx)
    if generator is None:
        return
    evidence = _security_evidence(node, ctx)
    if evidence is None:
        return
    name, direct = evidence
    where = f"goes into `{name}`" if direct else f"is used in `{name}`"
    # a bare `key` is as often a dict key, a cache key or an element id as a secret one
    ambiguous = tuple(w for w in identifier_words(name) if w != "self") in (("key",), ("keys",))
    yield Issue(
        node,
        f"`{short_code(node.func)}` ({generator}) is a predictable generator, and its result "
        f"{where}: an attacker who sees a few outputs can predict this value.",
        confidence=None if direct and not ambiguous else Confidence.MEDIUM,
        remediation=_suggestion(generator),
    )


def _suggestion(generator: str) -> str:
    function = generator.rpartition(".")[2]
    replacements = {
        "choice": "`secrets.choice(alphabet)`",
        "choices": "`''.join(secrets.choice(alphabet) for _ in range(n))`",
        "sample": "`''.join(secrets.choice(alphabet) for _ in range(n))`",
        "randint": "`secrets.randbelow(high - low + 1) + low`",
        "randrange": "`secrets.randbelow(n)`",
        "getrandbits": "`secrets.randbits(k)`",
        "randbytes": "`secrets.token_bytes(n)`",
        "bytes": "`secrets.token_bytes(n)`",
    }
    default = "`secrets.token_urlsafe(32)` or `secrets.token_bytes(n)`"
    return f"Use {replacements.get(function, default)} from the `secrets` module."


@rule(
    id="PY-RAND-002",
    cwe=338,
    title="Non-cryptographic random numbers (audit)",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Audit profile: flags every other `random.*`/`numpy.random.*` call, for a reviewer "
        "to confirm the value is not security-relevant."
    ),
    why=(
        "Most uses of `random` are harmless (simulations, sampling, jitter), but a value "
        "that ends up in a token or identifier an attacker can exploit should come from "
        "`secrets`."
    ),
    fix="If the value protects anything, use `secrets`; otherwise nothing needs to change.",
    bad="request_id = random.randint(0, 2**32)",
    good="request_id = secrets.randbits(32)",
    nodes=(ast.Call,),
    methods=_PRNG_LEAVES,
    references=("https://docs.python.org/3/library/secrets.html",),
    bandit=("B311",),
    profile="audit",
    scope_note=(
        "Pattern: what PY-RAND-001 does not report. Kept out of the default profile because "
        "without security-named context it is almost always a simulation or a test."
    ),
)
def weak_random_audit(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    generator = prng_call(node, ctx)
    if generator is None or _security_evidence(node, ctx) is not None:
        return
    yield Issue(
        node,
        f"`{short_code(node.func)}` ({generator}) is not cryptographically secure; fine for "
        "simulations and sampling, not for anything an attacker should not guess.",
    )
