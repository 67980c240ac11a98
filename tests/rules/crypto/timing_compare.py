"""Secrets compared with == / != (CWE-208) and comparisons that leak nothing."""

import hashlib
import hmac
import inspect
import os
from hmac import new as new_mac

from flask import abort, request

WEBHOOK_KEY = os.environ["WEBHOOK_KEY"]
API_KEY = os.environ.get("API_KEY", "")


def github_webhook():
    body = request.get_data()
    expected = "sha256=" + hmac.new(WEBHOOK_KEY.encode(), body, hashlib.sha256).hexdigest()
    # expect: PY-TIMING-001
    if expected != request.headers.get("X-Hub-Signature-256"):
        abort(403)


def stripe_style(payload: bytes, header_signature: str):
    mac = new_mac(WEBHOOK_KEY.encode(), payload, "sha256")
    # expect: PY-TIMING-001
    return mac.hexdigest() == header_signature


def signed_cookie(value: str, signature: str) -> bool:
    computed = hmac.digest(WEBHOOK_KEY.encode(), value.encode(), "sha256").hex()
    # expect: PY-TIMING-001
    return signature == computed


def api_key_header():
    provided = request.headers["X-Api-Key"]
    # expect: PY-TIMING-001
    if provided != API_KEY:
        abort(401)


class User:
    def __init__(self, name, password):
        self.name = name
        self.password = password

    def __eq__(self, other):
        # safe: PY-TIMING-001
        return self.name == other.name and self.password == other.password


def login(user: User, typed: str) -> bool:
    # expect: PY-TIMING-001
    return user.password == typed


def check_reset(stored_reset_token: str, token_from_link: str) -> bool:
    # expect: PY-TIMING-001
    return token_from_link == stored_reset_token


def validate_password(actual_pw, typed_pw):
    if len(actual_pw) != len(typed_pw):
        return False
    for i in range(len(actual_pw)):
        # expect: PY-TIMING-001
        if actual_pw[i] != typed_pw[i]:
            return False
    return True


def bearer(auth_header: str, settings) -> bool:
    scheme, _, credentials = auth_header.partition(" ")
    # expect: PY-TIMING-001
    return scheme == "Bearer" and credentials == settings.get_api_token()


# -- nothing to time ------------------------------------------------------------------


def safe_webhook():
    body = request.get_data()
    expected = hmac.new(WEBHOOK_KEY.encode(), body, hashlib.sha256).hexdigest()
    # safe: PY-TIMING-001
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        abort(403)


def register(form):
    password = form["password"]
    confirm_password = form["confirm_password"]
    # safe: PY-TIMING-001
    if password != confirm_password:
        raise ValueError("The two passwords differ")
    # safe: PY-TIMING-001
    if form["password1"] != form["password2"]:
        raise ValueError("The two passwords differ")
    # safe: PY-TIMING-001
    if form.cleaned_data["old_password"] == form.cleaned_data["new_password"]:
        raise ValueError("Choose a password you have not used")


def empty_checks(password, api_key, signature):
    # safe: PY-TIMING-001
    if password == "":
        return False
    # safe: PY-TIMING-001
    if api_key != None:  # noqa: E711
        return True
    # safe: PY-TIMING-001
    return len(signature) == 64


def same_signature(func_a, func_b) -> bool:
    sig = inspect.signature(func_a)
    # safe: PY-TIMING-001
    return sig == inspect.signature(func_b)


def checksum(path: str, expected_sha256: str) -> bool:
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    # safe: PY-TIMING-001
    return digest == expected_sha256


def tokenizer(tokens, end_token):
    for token in tokens:
        # safe: PY-TIMING-001
        if token == end_token:
            return True
    return False


def key_lookup(cache_key, other_key, password_hash, stored_hash):
    # safe: PY-TIMING-001
    if cache_key == other_key:
        return True
    # safe: PY-TIMING-001
    return password_hash == stored_hash


class PasswordResetConfirm:
    reset_url_token = "set-password"

    def dispatch(self, token):
        # safe: PY-TIMING-001
        if token == self.reset_url_token:
            return "from the session"
        return token


def parser_state(item, i):
    # safe: PY-TIMING-001
    return item["token"] == i
