"""State shared between views, wrappers that forward arguments, tuples returned by helpers."""

import functools
import os
import subprocess

from flask import Flask, request

app = Flask(__name__)
CACHE = {}
NOTES = []
LIMITS = {"rows": 10}


def run(*args, **kwargs):
    # expect: CWE-78
    return subprocess.run(*args, **kwargs)


def with_user(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(request.args.get("user", ""), *args, **kwargs)

    return wrapper


def parse(req):
    return req.args.get("host", ""), int(req.args.get("port", "0"))


class Base:
    def command(self):
        return "true"

    def execute(self):
        # expect: CWE-78
        os.system(self.command())


class FromRequest(Base):
    def __init__(self, value):
        self.value = value

    def command(self):
        return "echo " + self.value


@app.route("/remember")
def remember():
    CACHE["cmd"] = request.args.get("cmd", "")
    return "ok"


@app.route("/replay")
def replay():
    # expect: CWE-78
    os.system(CACHE.get("cmd", "true"))
    return "ok"


@app.route("/forward")
def forward():
    run("ping -c1 " + request.args["host"], shell=True)
    return "ok"


@app.route("/whoami")
@with_user
def whoami(user):
    # expect: CWE-78
    os.system("finger " + user)
    return "ok"


@app.route("/tuple")
def tuple_view():
    host, port = parse(request)
    # expect: CWE-78
    os.system(f"nc {host} {port}")
    # expect: PY-CMD-002
    # safe: PY-TAINT-CMDI
    os.system(f"nc localhost {port}")
    return "ok"


@app.route("/override")
def override():
    FromRequest(request.args["v"]).execute()
    return "ok"


@app.route("/note", methods=["POST"])
def add_note():
    NOTES.append(request.form["note"])
    LIMITS["rows"] = int(request.form.get("rows", "10"))
    return "ok"


@app.route("/notes")
def notes():
    # stored cross-site scripting: another request's note
    # expect: CWE-79
    return "<ul>" + "".join(f"<li>{n}</li>" for n in NOTES) + "</ul>"


@app.route("/limits")
def limits():
    # safe: CWE-79
    return f"<p>{LIMITS['rows']} rows</p>"
