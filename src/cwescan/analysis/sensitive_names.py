"""What an identifier says about the value it holds: a password, a secret, private data.

The heuristics follow CodeQL's SensitiveDataHeuristics: a name is sensitive when its
words name a password (`password`, `passwd`, `pwd`, `auth_key`), a secret (`secret`,
`api_key`, `private_key`, `access_token`, `credentials`), private data (`ssn`,
`credit_card_number`, `iban`) or a certificate, and not when it names data derived from
or about one (`password_hash`, `encrypted_token`, `token_url`, `password_policy`,
`is_secret`, `api_key_id`). Account names and session ids (CodeQL's "id" category) are
not sensitive here; a bare `token` is one only as a dict key (it is as often a lexer's
token). `weak_secret_name` says which other names still look like credentials.

Also the names of logging methods and of logger objects, shared by the CWE-532 rule and
the `secret-logged` observation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cwescan.model import Confidence

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")

LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
     "msg", "success", "trace"}
)
_LOGGER_NAME = re.compile(r"(?i)^_*(?:[a-z0-9]+_)*(?:log|logger|logging)$")


def is_logger_name(name: str) -> bool:
    """True for names loggers go by: `log`, `logger`, `_LOG`, `audit_logger`."""
    return bool(_LOGGER_NAME.match(name))



PASSWORD = "password"
SECRET = "secret"
PRIVATE = "private data"
CERTIFICATE = "certificate"

_PASSWORD_WORDS = frozenset(
    {"password", "passwd", "passphrase", "passcode", "pwd", "pswd", "pw", "passwort", "otp"}
)
# `db_pass`, `smtp_pass`: `pass` only after one of these
_PASS_QUALIFIERS = frozenset(
    {"db", "database", "user", "admin", "root", "mysql", "postgres", "pg", "smtp", "email",
     "mail", "ftp", "ldap", "proxy", "login", "redis", "sql", "ssh", "sudo", "auth"}
)
# `<qualifier>_key` names a secret key, `session_key` / `cache_key` do not
_KEY_QUALIFIERS = frozenset(
    {"api", "access", "secret", "private", "signing", "encryption", "master", "hmac", "jwt",
     "fernet", "aes", "crypto", "decryption", "license", "subscription", "webhook", "stripe",
     "openai", "aws", "gcp", "azure", "ssh", "gpg", "pgp", "rsa", "ecdsa", "ed"}
)
# `<qualifier>_token` names a credential; a bare `token` is as often a lexer's token
_TOKEN_QUALIFIERS = _KEY_QUALIFIERS - {"private", "encryption", "decryption"} | {
    "client", "app", "service", "consumer",
    "auth", "bearer", "refresh", "id", "session", "reset", "oauth", "github", "gh",
    "gitlab", "slack", "discord", "telegram", "bot", "security", "verification", "verify",
    "activation", "activate", "confirm", "confirmation", "invite", "invitation", "magic",
    "login", "sso", "personal", "pat", "user", "device", "push", "hf", "huggingface",
    "npm", "pypi", "admin", "upload", "sas", "sts", "remember", "password", "otp",
    "unsubscribe", "registration", "authentication", "authorization", "twilio", "vault",
}
_SECRET_WORDS = frozenset({"secret", "secrets", "credential", "credentials", "creds",
                           "apikey", "authorization", "bearer"})
# words anywhere in a name that make it data derived from a secret, not the secret
# (CodeQL's notSensitive: hash, crypt, redact, random ...)
_DERIVED_WORDS = frozenset(
    {"hash", "hashed", "hashes", "hasher", "hashing", "digest", "md", "sha", "encrypted",
     "encrypt", "encryption_", "crypt", "crypted", "ciphertext", "cipher", "redact",
     "redacted", "censor", "censored", "obfuscate", "obfuscated", "masked", "mask",
     "random", "salted", "scrubbed", "sanitized", "anonymized", "secretary", "secretaries",
     "certain", "concert", "csrf", "xsrf", "fingerprint", "verifier", "checksum"}
)
# words that may follow the secret's word and still name the value itself
_VALUE_SUFFIXES = frozenset(
    {"confirm", "confirmation", "confirmed", "again", "repeat", "repeated", "retype",
     "plain", "plaintext", "raw", "clear", "cleartext", "value", "val", "str", "string",
     "bytes", "b", "new", "old", "current", "orig", "original", "hex", "b64", "base64",
     "pem", "der", "data", "number", "num", "no", "nr", "dict", "map", "list", "s"}
)
# first words that make the name a flag, an action or a question about the secret
_NOT_A_VALUE_PREFIXES = frozenset(
    {"is", "has", "no", "use", "uses", "show", "hide", "check", "require", "requires",
     "validate", "verify", "allow", "enable", "disable", "set", "should", "can", "must",
     "need", "needs", "change", "forgot", "forgotten", "reset", "update", "num", "count",
     "len", "min", "max", "invalid", "valid", "wrong", "bad", "missing", "empty", "expired",
     "revoke", "revoked", "delete", "remove", "clear", "send", "sent", "with", "without",
     "ask", "prompt", "input"}
)
# verbs a function named after what it returns starts with (`get_password()`)
_GETTER_VERBS = frozenset(
    {"get", "fetch", "load", "read", "retrieve", "obtain", "generate", "gen", "make",
     "create", "issue", "new", "build", "decrypt", "lookup", "find", "request", "prompt",
     "ask", "input", "current"}
)
CATEGORY_ORDER = {PASSWORD: 0, SECRET: 1, PRIVATE: 2, CERTIFICATE: 3}


@dataclass(frozen=True)
class NameKind:
    """What a name says: the category and how sure the name makes us."""

    category: str
    confidence: Confidence
    token: bool = False  # a secret because it is a token (`access_token`, `"token"` key)


@functools.lru_cache(maxsize=8192)  # pure; names repeat across a file
def identifier_words(name: str) -> tuple[str, ...]:
    """The lower-case words of an identifier: `dbPassword_FIELD` → ("db", "password", "field")."""
    words: list[str] = []
    for chunk in _NON_ALNUM.split(name):
        if chunk:
            words.extend(w.lower() for w in _CAMEL_BOUNDARY.split(chunk) if w)
    return tuple(words)


def name_words(name: str) -> tuple[str, ...]:
    """The lower-case words of an identifier without numbering: `dbPassword2` → ("db",
    "password")."""
    return tuple(
        stripped for word in identifier_words(name) if (stripped := word.rstrip("0123456789"))
    )


@functools.lru_cache(maxsize=8192)
def classify_name(name: str, *, key: bool = False, call: bool = False) -> NameKind | None:
    """The kind of sensitive value a name holds, or None.

    `key` for a dict key or `.get()` key (a bare `"token"` counts there); `call` for a
    function's name (`get_password`, `make_token`: a getter verb first is skipped).
    """
    words = name_words(name)
    if call and words and words[0] in _GETTER_VERBS:
        words = words[1:]
    if not words or len(words) > 6 or any(w in _DERIVED_WORDS for w in words):
        return None
    found: tuple[int, int, NameKind] | None = None  # (first word, last word, kind)
    for index in range(len(words)):
        core = _core_at(words, index, key)
        if core is not None:
            kind, width = core
            found = (index - width + 1, index, kind)
    if found is None:
        return None
    start, end, kind = found
    if any(w not in _VALUE_SUFFIXES for w in words[end + 1:]):
        return None  # `password_policy`, `token_url`, `api_key_id`
    if any(w in _NOT_A_VALUE_PREFIXES for w in words[:start]):
        return None  # `is_password_set`, `reset_password`
    return kind


def _core_at(words: tuple[str, ...], index: int, key: bool) -> tuple[NameKind, int] | None:
    """The sensitive value the name's word at `index` ends (with how many words it spans)."""
    word = words[index]
    before = words[index - 1] if index else ""
    high, medium = Confidence.HIGH, Confidence.MEDIUM
    if word in ("password", "passwd", "passphrase", "passcode", "passwort") or word.endswith(
        ("password", "passwd", "passphrase", "passwords")
    ):
        return NameKind(PASSWORD, high), 1
    if word in _PASSWORD_WORDS:
        return NameKind(PASSWORD, medium), 1
    if word == "pass" and before in _PASS_QUALIFIERS:
        return NameKind(PASSWORD, medium), 2
    if word in ("key", "keys") and before in ("auth", "authentication", "authorization"):
        return NameKind(PASSWORD, high), 2  # CodeQL: auth(entication|orization)?key
    if word in ("key", "keys") and before in _KEY_QUALIFIERS:
        return NameKind(SECRET, high), 2
    if word in ("apikey", "secretkey", "privatekey", "accesskey", "authkey"):
        return NameKind(SECRET, high), 1
    if word in ("secret", "secrets") or (word.endswith("secret") and len(word) > 6):
        return NameKind(SECRET, high), 1
    if word in _SECRET_WORDS:
        return NameKind(SECRET, medium), 1
    if word in ("token", "tokens"):
        qualifiers = [i for i, w in enumerate(words[:index]) if w in _TOKEN_QUALIFIERS]
        if qualifiers:  # `reset_token`: the qualifier belongs to the name of the value
            return NameKind(SECRET, medium, token=True), index - qualifiers[0] + 1
        if key and index == 0 and word == "token":
            return NameKind(SECRET, medium, token=True), 1
        return None
    if word.endswith("token") and word[:-5] in _TOKEN_QUALIFIERS:
        return NameKind(SECRET, medium, token=True), 1  # `authtoken`, `accesstoken`
    if word in ("ssn", "cvv", "cvc", "iban", "ccnum", "ccn", "creditcard", "cardnumber",
                "birthdate", "dob"):
        return NameKind(PRIVATE, medium), 1
    pairs = {"security": ("social",), "card": ("credit", "debit"), "account": ("bank",),
             "number": ("card", "cc", "account", "routing", "passport"),
             "num": ("card", "cc", "account", "routing", "passport"),
             "no": ("card", "cc", "account", "passport")}
    if before and before in pairs.get(word, ()):
        return NameKind(PRIVATE, medium), 2
    if word == "birth" and index >= 2 and words[index - 2] == "date":
        return NameKind(PRIVATE, medium), 3
    if word in ("cert", "certs", "certificate", "certificates"):
        return NameKind(CERTIFICATE, Confidence.LOW), 1
    return None


# words that name a credential only sometimes: a lexer's `token`, a GPIO `pin`
_WEAK_WORDS = frozenset({"token", "tokens", "cookie", "cookies", "pin", "sessionid"})


@functools.lru_cache(maxsize=8192)
def weak_secret_name(name: str) -> bool:
    """True for names that may hold a credential but too often do not for a finding:
    a bare `token`, `session_id`/`session_key`, `cookie`, `pin`.

    False for every name `classify_name` reports, and for names of derived data or
    flags (`token_type`, `cookie_name`, `has_token`).
    """
    if classify_name(name) is not None:
        return False
    words = name_words(name)
    if not words or any(w in _DERIVED_WORDS for w in words):
        return False
    core = None
    for index, word in enumerate(words):
        after_session = index > 0 and words[index - 1] == "session"
        if word in _WEAK_WORDS or (word in ("id", "key") and after_session):
            core = index
    if core is None:
        return False
    start = core - 1 if words[core] in ("id", "key") else core
    return all(w in _VALUE_SUFFIXES for w in words[core + 1:]) and not any(
        w in _NOT_A_VALUE_PREFIXES for w in words[:start]
    )
