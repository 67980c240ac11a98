import collections
import ssl

import requests

SESSION_COOKIE = {
    "secure": True,
    "httponly": True,
    "samesite": "Lax",
    # expect: PY-DUPKEY-001
    "secure": False,
}

REQUEST_OPTIONS = {
    "verify": "/etc/ssl/certs/ca.pem",
    "timeout": 10,
    # expect: PY-DUPKEY-001
    "verify": False,
}

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # expect: CWE-462
    "version": 2,
}

STATUS_TEXT = {
    200: "OK",
    404: "Not Found",
    # expect: PY-DUPKEY-001
    200: "Success",
}

FLAGS = {
    1: "one",
    # 1 and True are the same key
    # expect: PY-DUPKEY-001
    True: "yes",
}


class Permission:
    READ = "read"
    WRITE = "write"


ROLE_PERMISSIONS = {
    Permission.READ: ["viewer", "editor"],
    Permission.WRITE: ["editor"],
    # expect: PY-DUPKEY-001
    Permission.READ: ["admin"],
}


def fetch(url, token):
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        # expect: PY-DUPKEY-001
        "Authorization": "Basic anonymous",
    }
    return requests.get(url, headers=headers, timeout=5)


def context_options(cafile):
    return {
        # safe: PY-DUPKEY-001
        "cafile": cafile,
        "protocol": ssl.PROTOCOL_TLS_CLIENT,
        # the same value twice loses nothing: not reported
        # safe: PY-DUPKEY-001
        "cafile": cafile,
    }


def merged(defaults, overrides):
    # `**` entries override on purpose
    # safe: PY-DUPKEY-001
    return {**defaults, "debug": False, **overrides}


def distinct(user):
    # safe: PY-DUPKEY-001
    return {"id": user.id, "name": user.name, "ID": user.id, b"id": 1, 1.5: "x", -1: "y", 1: "z"}


def cookie_flags():
    # an association list handed to dict(): the later pair wins the same way
    return dict(
        [
            ("secure", True),
            ("samesite", "Strict"),
            # expect: PY-DUPKEY-001
            ("secure", False),
        ]
    )


def ordered_settings(value):
    return collections.OrderedDict(
        [("debug", False), ("name", value)],
        # expect: PY-DUPKEY-001
        debug=True,
    )


def pairs_without_duplicates(rows):
    # safe: PY-DUPKEY-001
    return dict([("a", 1), ("b", 2), *rows])


# response headers may repeat on purpose: a list of pairs that is not made a dict
# safe: PY-DUPKEY-001
HEADERS = [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]
