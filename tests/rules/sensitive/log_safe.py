"""Logging about secrets without the secrets: none of this is reported."""

import hashlib
import logging

from django.contrib.auth.hashers import make_password

logger = logging.getLogger(__name__)

PASSWORD_MIN_LENGTH = 12
password_policy = {"min_length": PASSWORD_MIN_LENGTH, "symbols": True}


def mask(value):
    return "*" * (len(value) - 4) + value[-4:]


def change_password(user, old_password, new_password):
    # safe: PY-LOG-001
    logger.info("password changed for %s", user)
    # safe: PY-LOG-001
    logger.info("password reset sent")
    # safe: PY-LOG-001
    logger.debug("new password has %d characters", len(new_password))
    # safe: PY-LOG-001
    logger.debug("new password: %s", mask(new_password))
    # safe: PY-LOG-001
    logger.debug("new password: %s", "*" * len(new_password))
    digest = make_password(new_password)
    # safe: PY-LOG-001
    logger.debug("password digest %s", digest)
    # safe: PY-LOG-001
    logger.debug("same as before: %s", old_password == new_password)
    # safe: PY-LOG-001
    print("policy:", password_policy, "minimum", PASSWORD_MIN_LENGTH)


def render_login_form(form):
    password_field = form.fields["password"]
    # safe: PY-LOG-001
    logger.debug("rendering %s with widget %s", password_field.label, password_field.widget)
    token_url = "https://auth.example.com/oauth/token"
    # safe: PY-LOG-001
    print(token_url)
    password_hash = form.instance.password_hash
    # safe: PY-LOG-001
    logger.debug("stored hash %s", password_hash)


def tokenize(text):
    for token in text.split():
        # safe: PY-LOG-001
        print(token)
    api_key_id = "key-1234"
    # safe: PY-LOG-001
    logger.info("using key %s", api_key_id)


def rotate(config):
    password = config.get("password")
    password = hashlib.sha256(password.encode()).hexdigest()  # cwescan: ignore[CWE-916]
    # safe: PY-LOG-001
    logger.info("rotated: %s", password)
    secret = None
    # safe: PY-LOG-001
    logger.info("secret is %s", secret)


def session_info(session, user, headers):
    # safe: PY-LOG-001
    logger.info("session %s for %s", session.session_key, user.username)
    # safe: PY-LOG-001
    logger.info("token starts %s", headers["Authorization"][:13])


def not_a_logger(catalog, password):
    # safe: PY-LOG-001
    catalog.info("entry", password)


def report_form_errors(form):
    # safe: PY-LOG-001
    logger.warning("password rejected: %s", form.errors["password"])
    # safe: PY-LOG-001
    print(form.fields.get("password").help_text)
