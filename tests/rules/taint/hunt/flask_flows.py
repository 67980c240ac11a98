"""Flask views whose input reaches sinks through the constructs developers use every day."""

import base64
import configparser
import functools
import html
import json
import os
import shlex
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass
from string import Template
from typing import NamedTuple

import requests
from flask import Flask, redirect, request
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"
CONFIG = {"db": "app.db", "base": "https://api.internal.example"}
ALLOWED_HOSTS = {"a.example", "b.example"}


@dataclass
class Query:
    name: str
    limit: int = 10


class Filter(NamedTuple):
    column: str
    value: str


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    return wrapper


class Repo:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def _run(self, sql):
        # expect: CWE-89
        return self.conn.execute(sql).fetchall()

    def by_name(self, name):
        return self._run("SELECT * FROM users WHERE name = '%s'" % name)

    def by_name_safe(self, name):
        return self.conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()


@app.route("/dataclass")
def dataclass_field():
    q = Query(name=request.args.get("name", ""))
    conn = sqlite3.connect(CONFIG["db"])
    # expect: CWE-89
    conn.execute(f"SELECT * FROM t WHERE name = '{q.name}'")
    # safe: CWE-89
    conn.execute("SELECT * FROM t WHERE name = ?", (q.name,))
    return "ok"


@app.route("/namedtuple")
def namedtuple_field():
    f = Filter("/home", request.args["v"])
    # safe: CWE-601
    redirect(f.column)
    g = Filter(value="/home", column=request.args["c"])
    # safe: CWE-601
    redirect(g.value)
    # expect: CWE-601
    redirect(g.column)
    # expect: CWE-601
    return redirect(f.value)


@app.route("/dataclass-positional")
def dataclass_positional():
    q = Query(request.args["next"], 5)
    # expect: CWE-601
    return redirect(q.name)


@app.route("/methods")
@login_required
def methods_calling_methods():
    repo = Repo(CONFIG["db"])
    name = request.values.get("name")
    rows = repo.by_name(name)
    safe_rows = repo.by_name_safe(name)
    return str(rows) + str(safe_rows)


@app.route("/json")
def json_body():
    data = request.get_json()
    host = data.get("host", "localhost")
    # expect: CWE-78
    subprocess.call("ping -c 1 " + host, shell=True)
    # safe: CWE-78
    subprocess.call("ping -c 1 " + shlex.quote(host), shell=True)
    return "ok"


@app.route("/cookie")
def cookie_path():
    name = request.cookies.get("theme", "default")
    # expect: CWE-22
    with open(os.path.join(UPLOADS, "themes", name + ".css")) as fh:
        body = fh.read()
    # safe: CWE-22
    with open(os.path.join(UPLOADS, "themes", secure_filename(name) + ".css")) as fh:
        body += fh.read()
    return body


@app.route("/realpath")
def realpath_check():
    name = request.args["file"]
    full = os.path.realpath(os.path.join(UPLOADS, name))
    if not full.startswith(UPLOADS + os.sep):
        return "no", 400
    # safe: CWE-22
    with open(full) as fh:
        return fh.read()


@app.route("/basename")
def basename_path():
    name = os.path.basename(request.args["file"])
    # safe: CWE-22
    return open(os.path.join(UPLOADS, name)).read()


@app.route("/header")
def header_ssrf():
    target = request.headers.get("X-Target")
    # the page shows what the server the client chose sends back
    # expect: CWE-918, CWE-79
    return requests.get(target, timeout=5).text


@app.route("/ssrf-base")
def ssrf_path_only():
    item = request.args["item"]
    # safe: CWE-918
    return requests.get(CONFIG["base"] + "/items/" + str(int(item)), timeout=5).text


@app.route("/ssrf-allow")
def ssrf_allow():
    host = request.args["host"]
    if host not in ALLOWED_HOSTS:
        return "no", 400
    # safe: CWE-918
    return requests.get(f"https://{host}/status", timeout=5).text


@app.route("/greet")
def greet():
    name = request.args.get("name", "world")
    # expect: CWE-79
    return "<h1>Hello " + name + "</h1>"


@app.route("/greet-safe")
def greet_safe():
    name = request.args.get("name", "world")
    # safe: CWE-79
    return "<h1>Hello %s</h1>" % escape(name)


@app.route("/template")
def template_substitute():
    name = request.args.get("name", "")
    page = Template("<p>$name</p>").substitute(name=name)
    # expect: CWE-79
    return page


@app.route("/format-map")
def format_map():
    params = {"name": request.args.get("name", "")}
    # expect: CWE-79
    return "<p>{name}</p>".format_map(params)


@app.route("/join")
def joined():
    tags = request.args.getlist("tag")
    # expect: CWE-79
    return "<ul>" + "".join("<li>%s</li>" % t for t in tags) + "</ul>"


@app.route("/join-safe")
def joined_safe():
    tags = request.args.getlist("tag")
    # safe: CWE-79
    return "<ul>" + "".join("<li>%s</li>" % html.escape(t) for t in tags) + "</ul>"


@app.route("/b64")
def b64_roundtrip():
    blob = base64.b64decode(request.args["state"])
    state = json.loads(blob)
    # expect: CWE-601
    return redirect(state["next"])


@app.route("/uuid")
def uuid_convert():
    ident = uuid.UUID(request.args["id"])
    conn = sqlite3.connect(CONFIG["db"])
    # safe: CWE-89
    conn.execute(f"DELETE FROM t WHERE id = '{ident}'")
    return "ok"


@app.route("/config")
def config_roundtrip():
    cp = configparser.ConfigParser()
    cp.add_section("user")
    cp.set("user", "cmd", request.form["cmd"])
    # expect: CWE-78
    os.system(cp.get("user", "cmd"))
    return "ok"


@app.route("/partial")
def partial_call():
    # expect: PY-CMD-001
    run = functools.partial(subprocess.run, shell=True)
    # expect: CWE-78
    run(request.args["cmd"])
    listing = functools.partial(subprocess.run, ["ls", "-l"])
    # safe: CWE-78
    listing(check=False, cwd=UPLOADS)
    fetch = functools.partial(Repo(CONFIG["db"]).by_name)
    fetch(request.args["name"])
    return "ok"


@app.route("/lambda")
def lambda_call():
    # expect: PY-SQLI-001
    build = lambda n: "SELECT * FROM t WHERE n = '" + n + "'"
    conn = sqlite3.connect(CONFIG["db"])
    # expect: CWE-89
    conn.execute(build(request.args["n"]))
    return "ok"


@app.route("/map")
def map_filter():
    names = request.args.getlist("n")
    cleaned = list(map(str.strip, names))
    conn = sqlite3.connect(CONFIG["db"])
    # expect: CWE-89
    conn.execute("SELECT * FROM t WHERE n IN ('%s')" % "','".join(cleaned))
    ints = sorted(map(int, names))
    # safe: CWE-89
    conn.execute("SELECT * FROM t WHERE n IN (%s)" % ",".join(str(i) for i in ints))
    return "ok"


@app.route("/exception")
def exception_message():
    try:
        raise ValueError(request.args["v"])
    except ValueError as exc:
        # expect: CWE-79, PY-WEB-012
        return "<p>%s</p>" % exc


@app.route("/int-error")
def int_error():
    raw = request.args.get("n", "")
    try:
        n = int(raw)
    except ValueError as exc:
        # the message quotes the text: invalid literal for int() with base 10: '<script>'
        # expect: CWE-79, PY-WEB-012
        return f"<p>Bad number: {exc}</p>", 400
    try:
        n += int(request.args.get("m", "0"))
    except ValueError:
        # safe: CWE-79
        return f"<p>Bad number {n}</p>", 400
    try:
        os.stat(UPLOADS)
    except OSError as exc:
        # expect: PY-WEB-012
        # safe: PY-TAINT-XSS
        return f"<p>{exc}</p>", 500
    return str(n)


@app.route("/closure")
def closure_flow():
    cmd = request.args["cmd"]

    def runner():
        # expect: CWE-78
        os.system(cmd)

    runner()
    return "ok"


@app.route("/kwargs")
def kwargs_flow():
    def query(conn, **filters):
        where = " AND ".join(f"{k} = '{v}'" for k, v in filters.items())
        # expect: CWE-89
        return conn.execute("SELECT * FROM t WHERE " + where)

    conn = sqlite3.connect(CONFIG["db"])
    query(conn, name=request.args["name"])
    return "ok"


@app.route("/eval")
def eval_flow():
    expr = request.args.get("expr", "1+1")
    # expect: CWE-95, CWE-79
    return str(eval(expr))
