"""Safe code that looks like a flow: lookups, placeholders built from counts, fixed hosts."""

import json
import os
import sqlite3
import subprocess
from urllib.parse import quote, urlencode

import bleach
import lxml.etree
import requests
from flask import Flask, Response, jsonify, request

app = Flask(__name__)
API = "https://api.example.com/v1/"
COMMANDS = {"status": "systemctl status app", "restart": "systemctl restart app"}
ALLOWED = ("name", "created")
TOOLS = {"zip": "/usr/bin/zip", "tar": "/usr/bin/tar"}


@app.route("/lookup")
def lookup():
    action = request.args.get("action", "status")
    # safe: CWE-78
    os.system(COMMANDS.get(action, "true"))
    # safe: CWE-78
    os.system(COMMANDS[action])
    tool = TOOLS.get(request.args.get("tool"))
    if tool is None:
        return "no", 400
    # safe: CWE-78
    subprocess.run([tool, "--version"])
    return "ok"


@app.route("/order")
def order():
    col = request.args.get("sort", "name")
    col = col if col in ALLOWED else "name"
    conn = sqlite3.connect("app.db")
    # safe: CWE-89
    conn.execute(f"SELECT * FROM t ORDER BY {col}")
    return "ok"


@app.route("/in")
def in_clause():
    ids = request.args.getlist("id")
    conn = sqlite3.connect("app.db")
    marks = ",".join(["?"] * len(ids))
    # safe: CWE-89
    conn.execute(f"SELECT * FROM t WHERE id IN ({marks})", ids)
    # safe: CWE-89
    conn.execute("SELECT * FROM t WHERE id IN (%s)" % ",".join("?" * len(ids)), ids)
    # safe: CWE-89
    conn.execute("SELECT * FROM t WHERE id IN (%s)" % ", ".join("?" for _ in ids), ids)
    return "ok"


@app.route("/api")
def api():
    user = request.args.get("user", "")
    # safe: CWE-918
    r1 = requests.get(API + "users/" + quote(user, safe=""), timeout=5)
    # safe: CWE-918
    r2 = requests.get(f"{API}search?{urlencode({'q': user})}", timeout=5)
    # safe: CWE-918
    r3 = requests.get("https://api.example.com/items", params={"q": user}, timeout=5)
    return jsonify(a=r1.status_code, b=r2.status_code, c=r3.status_code)


@app.route("/json")
def as_json():
    q = request.args.get("q", "")
    # safe: CWE-79
    return Response(json.dumps({"q": q}), mimetype="application/json")


@app.route("/jsonify")
def as_jsonify():
    # safe: CWE-79
    return jsonify(q=request.args.get("q", ""))


@app.route("/bleach")
def cleaned():
    # safe: CWE-79
    return "<div>" + bleach.clean(request.args.get("html", "")) + "</div>"


@app.route("/xml", methods=["POST"])
def xml_default():
    # expect: CWE-611
    doc = lxml.etree.fromstring(request.data, lxml.etree.XMLParser(resolve_entities=True))
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    # safe: CWE-611
    safe = lxml.etree.fromstring(request.data, parser)
    return jsonify(a=doc.tag, b=safe.tag)


@app.route("/count")
def count():
    q = request.args.get("q", "")
    # safe: CWE-79
    return f"<p>{len(q)} characters, {q.count('a')} a's, {q.isdigit()}</p>"


@app.route("/digits")
def digits():
    n = request.args.get("n", "")
    if not n.isdigit():
        return "bad", 400
    # safe: CWE-78
    os.system("seq " + n)
    return "ok"
