"""Writers that keep secrets out of files and cookies: none of this is reported."""

import io
import json

import bcrypt
import keyring
from cryptography.fernet import Fernet
from flask import make_response


def save_password(path, user, password):
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    with open(path, "wb") as handle:
        # safe: PY-STORE-001
        handle.write(hashed)
    keyring.set_password("app", user, password)


def save_secret(path, key, api_secret):
    token = Fernet(key).encrypt(api_secret.encode())
    with open(path, "wb") as handle:
        # safe: PY-STORE-001
        handle.write(token)


def write_settings(path, settings):
    data = {"name": settings.name, "password_policy": settings.password_policy,
            "password_hash": bcrypt.hashpw(settings.password.encode(), bcrypt.gensalt())}
    with open(path, "w") as fp:
        # safe: PY-STORE-001
        json.dump(data, fp)
        # safe: PY-STORE-001
        fp.write("password_required=true\n")


def render(response_body, password):
    buffer = io.StringIO()
    # safe: PY-STORE-001
    buffer.write(f"user typed {len(password)} characters")
    response = make_response(response_body)
    # safe: PY-STORE-001
    response.set_cookie("password_set", "1", secure=True, httponly=True, samesite="Lax")
    return response, buffer.getvalue()
