"""Guards: checks that make the guarded branch safe (and their unguarded twins)."""

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

from flask import Flask, abort, redirect, request

app = Flask(__name__)

ALLOWED_TOOLS = ("ls", "pwd", "whoami")
BASE = "/srv/public"


@app.route("/allow-list")
def allow_list():
    tool = request.args["tool"]
    if tool in ALLOWED_TOOLS:
        # safe: CWE-78
        os.system(tool)
    # expect: CWE-78
    os.system(tool)


@app.route("/allow-list-inline")
def allow_list_inline():
    tool = request.args["tool"]
    if tool not in {"ls", "pwd"}:
        abort(400)
    # safe: CWE-78
    os.system(tool)


@app.route("/deny-list")
def deny_list_is_not_enough():
    tool = request.args["tool"]
    if tool in ("rm", "shutdown"):
        abort(400)
    # expect: CWE-78
    os.system(tool)


@app.route("/equality")
def equality():
    mode = request.args["mode"]
    if mode == "fast":
        # safe: CWE-78
        os.system("run --" + mode)
    if mode != "slow":
        return "ok"
    # safe: CWE-78
    os.system("run --" + mode)
    return "ok"


@app.route("/isdigit")
def digits_only():
    count = request.args["n"]
    if not count.isdigit():
        return "bad request", 400
    # safe: CWE-78
    os.system("head -n " + count + " log.txt")
    return "ok"


@app.route("/isdigit-twin")
def digits_checked_but_ignored():
    count = request.args["n"]
    if not count.isdigit():
        print("not a number")
    # expect: CWE-78
    os.system("head -n " + count + " log.txt")
    return "ok"


@app.route("/isalnum-raise")
def alphanumeric_or_raise():
    name = request.args["name"]
    if not name.isalnum():
        raise ValueError("bad name")
    # safe: CWE-78
    subprocess.run("id " + name, shell=True)
    return "ok"


@app.route("/regex")
def regex_checked():
    name = request.args["name"]
    if re.fullmatch(r"[a-z0-9_-]+", name):
        # safe: CWE-78
        os.system("id " + name)
    if re.match(r"^[a-z]+$", name):
        # safe: CWE-78
        os.system("id " + name)
    if re.search(r"[a-z]+", name):
        # search finds a match anywhere: the rest may be anything
        # expect: CWE-78
        os.system("id " + name)
    return "ok"


@app.route("/realpath")
def inside_base_folder():
    path = os.path.realpath(os.path.join(BASE, request.args["file"]))
    if not path.startswith(BASE):
        abort(403)
    # safe: CWE-22
    return open(path).read()


@app.route("/realpath-twin")
def prefix_without_normalising():
    path = os.path.join(BASE, request.args["file"])
    if not path.startswith(BASE):
        abort(403)
    # "/srv/public/../../etc/passwd" starts with the base too
    # expect: CWE-22
    return open(path).read()


@app.route("/resolve")
def resolved_inside_base():
    target = (Path(BASE) / request.args["file"]).resolve()
    if not target.is_relative_to(BASE):
        abort(403)
    # safe: CWE-22
    return target.read_text()


@app.route("/isinstance")
def type_checked():
    value = request.get_json()["limit"]
    if isinstance(value, int):
        # safe: CWE-78
        os.system(f"head -n {value} log.txt")
    return "ok"


@app.route("/next")
def redirect_checked():
    target = request.args.get("next", "/")
    if target not in ("/", "/home", "/account"):
        target = "/"
    # safe: CWE-601
    return redirect(target)


@app.route("/docs")
def docs_prefix():
    page = request.args.get("page", "/docs/index")
    if not page.startswith("/docs/"):
        abort(404)
    # safe: CWE-601
    return redirect(page)


@app.route("/docs-twin")
def slash_prefix_is_not_enough():
    page = request.args.get("page", "/")
    if not page.startswith("/"):
        abort(404)
    # "//evil.example" starts with "/" too
    # expect: CWE-601
    return redirect(page)


@app.route("/relative")
def relative_only():
    target = request.args.get("next", "/")
    if urlparse(target).netloc:
        target = "/"
    # safe: CWE-601
    return redirect(target)


@app.route("/relative-twin")
def scheme_checked_only():
    target = request.args.get("next", "/")
    if urlparse(target).scheme:
        target = "/"
    # "//evil.example" has no scheme but a host
    # expect: CWE-601
    return redirect(target)
