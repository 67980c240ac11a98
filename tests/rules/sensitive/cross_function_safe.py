"""Helpers that mask, hash or drop secrets, or log another parameter: not reported (only
the sinks of parameters named as sensitive, in the helper, and a known template)."""

import hashlib
import logging

logger = logging.getLogger(__name__)


def mask(value):
    return value[:2] + "*" * 6


def log_masked(pw):
    logger.info("password set: %s", mask(pw))


def log_digest(secret_value):
    logger.info("secret digest %s", hashlib.sha256(secret_value.encode()).hexdigest())


def log_user(user, credential_value):
    logger.info("login for %s", user)
    return check(user, credential_value)


def check(user, value):
    return bool(user) and len(value) > 8


def log_length(text):
    logger.debug("%d characters", len(text))


def describe(kind, value):
    logger.debug("setting %s", kind)
    return value


def log_password(password):
    # expect: PY-LOG-001
    logger.info("password is %s", password)


def login(user, password):
    # safe: PY-LOG-001
    log_masked(password)
    # safe: PY-LOG-001
    log_digest(password)
    # safe: PY-LOG-001
    log_user(user, password)
    # safe: PY-LOG-001
    log_length(password)
    # safe: PY-LOG-001
    describe("password", password)
    # safe: PY-LOG-001
    log_password(password)  # the helper's own sink is the finding, not each call
    # safe: PY-LOG-001
    logger.info("password policy: %s", get_password_policy())


def get_password():
    return "*" * 8  # a placeholder shown in forms, not the password


def get_password_policy():
    return {"min_length": 12}


def render_form():
    # safe: PY-LOG-001
    logger.debug("placeholder %s", get_password())


def countdown(n, secret_value):
    """Recursive, and the secret never reaches the log."""
    if n <= 0:
        return len(secret_value)
    logger.debug("countdown %d", n)
    return countdown(n - 1, secret_value)


def start(api_key):
    # safe: PY-LOG-001
    countdown(3, api_key)


def run_statements(cursor, statements, params, verbose=False):
    for template in statements:
        sql = template % params
        if verbose:
            print(sql)
        cursor.execute(sql)


def drop_user(cursor, user, password):
    params = {"user": user, "password": password}
    # safe: PY-LOG-001
    run_statements(cursor, ["DROP USER %(user)s CASCADE"], params, verbose=True)


CREATE_USER = "CREATE USER %(user)s IDENTIFIED BY %(password)s"


def create_user(cursor, user, password):
    params = {"user": user, "password": password}
    statement = CREATE_USER % params
    # expect: PY-LOG-001
    print(statement)
    cursor.execute(statement)
