"""Secrets logged by helper functions of the same module: reported where they enter."""

import getpass
import logging as lg
import os
import sys
from logging import info as note

log = lg.getLogger("deploy")


def connect(host, user):
    password = getpass.getpass(f"password for {user}@{host}: ")
    # expect: PY-LOG-001
    log_attempt(host, user, password)
    # expect: PY-LOG-001
    audit(user, detail=password)
    # expect: PY-LOG-001
    announce("connecting", host, password)
    return host, user, password


def log_attempt(host, user, what):  # defined after its first use
    log.info("connecting to %s as %s with %s", host, user, what)


def audit(user, detail=None, **extra):
    message = f"{user}: {detail}"
    log.warning(message)
    if extra:
        log.debug("extra: %r", extra)


def announce(*parts):
    print(" ".join(str(p) for p in parts), file=sys.stderr)


def rotate(user):
    new_secret = os.urandom(16).hex()
    # expect: PY-LOG-001
    audit(user, reason="rotation", value=new_secret)
    return new_secret


def report(value, label="value"):
    _emit(label, value)


def _emit(label, value):
    sys.stdout.write(f"{label}={value}\n")


def show_api_key(config):
    api_key = config["api_key"]
    # expect: PY-LOG-001
    report(api_key, label="key")


def get_db_password():
    return os.environ["DB_PASSWORD"]


def load_secret(path):
    with open(path) as handle:
        secret = handle.read().strip()
    return secret


def debug_settings(path):
    value = get_db_password()
    # expect: PY-LOG-001, CWE-117
    log.debug("db settings: %s", value)
    loaded = load_secret(path)
    # expect: PY-LOG-001
    print("loaded:", loaded)


def with_prefix(text):
    return "[deploy] " + text


def trace_secret(token_file):
    secret = load_secret(token_file)
    # expect: PY-LOG-001
    log.info(with_prefix(secret))


def walk_parts(parts, depth=0):
    """Recursive: the value logged at the bottom of the recursion."""
    if depth >= 3 or not parts:
        log.debug("leaf %s", parts)
        return
    walk_parts(parts[1:], depth + 1)


def dump_credentials(user, password):
    # expect: PY-LOG-001
    walk_parts([user, password])


def handle_signup(form):
    # expect: PY-LOG-001
    log_attempt("signup", form["email"], form["password"])


def show(template, value):
    print(template % value)


def print_key(settings):
    # expect: PY-LOG-001
    show("api key: %s", settings.API_KEY)


def record(event, *details):
    note("event %s: %s", event, details)


def reset_password(user, new_password):
    # expect: PY-LOG-001
    record("reset", user, new_password)
    # safe: PY-LOG-001
    record("reset", user)
