"""A regular-expression check that lets a few harmless characters by cleans the input for
the sinks none of those characters can attack; a server the input chose answers with the
attacker's data whatever the URL's characters were, a server the program chose only
perhaps (an echo of the path: lower confidence)."""

import re
import sqlite3
import subprocess
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.example.com", "cdn.example.com"}


@app.route("/ping")
def ping():
    host = request.args["host"]
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        abort(400)
    # dots and dashes cannot end a shell command or start another
    # safe: CWE-78
    subprocess.check_output("ping -c 1 " + host, shell=True)
    # but a host name is exactly what SSRF needs, and that server's answer may hold a page
    # expect: PY-TAINT-SSRF, PY-TAINT-XSS
    return requests.get("https://" + host + "/status", timeout=5).text


@app.route("/lookup")
def lookup():
    email = request.args["email"]
    if not re.match(r"^[\w.@+-]+$", email):
        abort(400)
    connection = sqlite3.connect("app.db")
    # "+" is an SQL operator: not clean for SQL
    # expect: PY-TAINT-SQLI
    rows = connection.execute("SELECT id FROM users WHERE email = '" + email + "'").fetchall()
    return {"rows": rows}


@app.route("/nick")
def nick():
    name = request.args["name"]
    if not re.fullmatch(r"[\w.]+", name):
        abort(400)
    connection = sqlite3.connect("app.db")
    # safe: CWE-89
    rows = connection.execute("SELECT id FROM users WHERE nick = '" + name + "'").fetchall()
    return {"rows": rows}


@app.route("/say")
def say():
    words = request.args["words"]
    # a ";" ends the command and starts another
    if re.fullmatch(r"[\w ;]+", words):
        # expect: PY-TAINT-CMDI
        subprocess.run("echo " + words, shell=True, check=False)
    return "ok"


@app.route("/status")
def status():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # the host is an allowed one (no SSRF); what it answers to the client's path may
    # still echo it (reported at lower confidence)
    # safe: CWE-918
    # expect: PY-TAINT-XSS
    return requests.get(url, timeout=5).text


@app.route("/item")
def item():
    item_id = request.args["id"]
    # a fixed server answers the client's path (partial SSRF; an echo, at lower confidence)
    # expect: PY-TAINT-PSSRF, PY-TAINT-XSS
    return requests.get("https://api.example.com/items/" + item_id, timeout=5).text
