"""Secrets stored in files and cookies by helper functions."""

import json
import os

from flask import make_response


def write_line(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def save_json(path, data):
    with open(path, "w") as fp:
        json.dump(data, fp)


def remember(response, name, value):
    response.set_cookie(name, value, secure=True, httponly=True, samesite="Lax")


def store_credentials(path, user, password):
    # expect: PY-STORE-001
    write_line(path, f"{user}:{password}")
    # safe: PY-STORE-001
    write_line(path, f"user={user}")


def export_keys(path, keys):
    api_key = keys["api_key"]
    # expect: PY-STORE-001
    save_json(path, data={"key": api_key})


def login_view(user, password):
    response = make_response("ok")
    # expect: PY-STORE-001
    remember(response, "pw", password)
    # safe: PY-STORE-001
    remember(response, "user", user.name)
    return response


def read_private_key():
    return os.environ.get("PRIVATE_KEY")


def backup(path):
    # expect: PY-STORE-001
    write_line(path, read_private_key())
