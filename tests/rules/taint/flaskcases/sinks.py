"""Every sink CWE reached from Flask input, each with a safe twin."""

import asyncio
import base64
import codecs
import html
import importlib
import io
import json
import logging
import os
import pickle
import re
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import quote, quote_plus
from xml.etree import ElementTree

import ldap
import ldap3
import lxml.etree
import paramiko
import pymongo
import requests
import sqlalchemy
import yaml
from flask import (
    Flask,
    Markup,
    Response,
    jsonify,
    make_response,
    redirect,
    render_template,
    render_template_string,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)
from ldap3.utils.conv import escape_filter_chars
from markupsafe import escape
from werkzeug.utils import secure_filename

app = Flask(__name__)
log = logging.getLogger(__name__)
UPLOADS = "/srv/uploads"
PLUGINS = {"csv": "exporters.csv", "pdf": "exporters.pdf"}


@app.route("/cmd")
def command_injection():
    host = request.args["host"]
    # expect: PY-TAINT-CMDI
    subprocess.run(f"ping -c 1 {host}", shell=True)
    # the argument list without a shell: the program is fixed
    # safe: CWE-78
    subprocess.run(["ping", "-c", "1", host])
    # expect: PY-TAINT-CMDI
    subprocess.Popen([host, "--version"])
    # expect: PY-TAINT-CMDI
    subprocess.run(["sh", "-c", "ping " + host])
    # safe: CWE-78
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    # expect: PY-TAINT-CMDI
    asyncio.create_subprocess_shell("nslookup " + host)
    client = paramiko.SSHClient()
    # expect: PY-TAINT-CMDI
    client.exec_command("uptime; ping " + host)
    return "ok"


@app.route("/clone")
def argument_injection():
    repo = request.args["repo"]
    # a leading "-" would be read as an option (--upload-pack=...)
    # expect: PY-TAINT-ARGI
    subprocess.run(["git", "clone", repo])
    # safe: CWE-88
    subprocess.run(["git", "clone", "--", repo])
    # safe: CWE-88
    subprocess.run(["git", "clone", "https://example.org/" + repo])
    return "ok"


@app.route("/calc")
def code_injection():
    formula = request.args["formula"]
    # expect: PY-TAINT-CODEI
    value = eval(formula)
    # expect: PY-TAINT-CODEI
    exec("result = " + formula)
    # expect: PY-TAINT-CODEI
    compile(formula, "<formula>", "eval")
    # safe: CWE-95
    eval("1 + 2")
    return jsonify(value=value)


@app.route("/users")
def sql_injection():
    name = request.args["name"]
    connection = sqlite3.connect("app.db")
    cursor = connection.cursor()
    # expect: PY-TAINT-SQLI
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # the value as a bound parameter
    # safe: CWE-89
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))
    # expect: PY-TAINT-SQLI
    connection.executescript("DELETE FROM users WHERE name = '{}'".format(name))
    engine = sqlalchemy.create_engine("sqlite://")
    with engine.connect() as conn:
        # expect: PY-TAINT-SQLI
        conn.execute(sqlalchemy.text(f"SELECT * FROM users WHERE name = '{name}'"))
        # safe: CWE-89
        conn.execute(sqlalchemy.text("SELECT * FROM users WHERE name = :n"), {"n": name})
    return jsonify(cursor.fetchall())


@app.route("/files")
def path_traversal():
    name = request.args["name"]
    # expect: PY-TAINT-PATH
    data = open(os.path.join(UPLOADS, name)).read()
    # expect: PY-TAINT-PATH
    io.open(UPLOADS + "/" + name, "rb")
    # expect: PY-TAINT-PATH
    codecs.open(name, encoding="utf-8")
    # expect: PY-TAINT-PATH
    os.remove(os.path.join(UPLOADS, name))
    # expect: PY-TAINT-PATH
    shutil.copy(os.path.join(UPLOADS, name), "/srv/backup/copy")
    # expect: PY-TAINT-PATH
    (Path(UPLOADS) / name).read_text()
    # safe: CWE-22
    open(os.path.join(UPLOADS, secure_filename(name))).read()
    # safe: CWE-22
    open(os.path.join(UPLOADS, os.path.basename(name))).read()
    # expect: PY-TAINT-PATH
    send_file(os.path.join(UPLOADS, name))
    # send_from_directory keeps the name inside the folder
    # safe: CWE-22
    send_from_directory(UPLOADS, name)
    return data


@app.route("/hello")
def reflected_xss():
    name = request.args.get("name", "")
    # expect: PY-TAINT-XSS
    return "<h1>Hello " + name + "</h1>"


@app.route("/hello-escaped")
def escaped_xss():
    name = request.args.get("name", "")
    # safe: CWE-79
    return "<h1>Hello " + html.escape(name) + "</h1>"


@app.route("/hello-markup")
def markup_xss():
    name = request.args.get("name", "")
    # expect: PY-TAINT-XSS
    Markup("<b>" + name + "</b>")
    # safe: CWE-79
    Markup("<b>%s</b>") % escape(name)
    # expect: PY-TAINT-XSS
    return make_response("<p>" + name + "</p>", 200)


@app.route("/hello-json")
def json_is_not_html():
    name = request.args.get("name", "")
    # safe: CWE-79
    return jsonify(greeting="Hello " + name)


@app.route("/hello-text")
def text_is_not_html():
    name = request.args.get("name", "")
    # safe: CWE-79
    return Response("Hello " + name, mimetype="text/plain")


@app.route("/hello-template")
def autoescaped_template():
    name = request.args.get("name", "")
    # safe: CWE-79, CWE-1336
    return render_template("hello.html", name=name)


@app.route("/template")
def template_injection():
    name = request.args.get("name", "")
    # expect: PY-TAINT-SSTI, PY-TAINT-XSS
    return render_template_string("<p>Hello " + name + "</p>")


@app.route("/template-safe")
def template_context():
    name = request.args.get("name", "")
    # safe: CWE-1336, CWE-79
    return render_template_string("<p>Hello {{ name }}</p>", name=name)


@app.route("/restore", methods=["POST"])
def deserialization():
    blob = base64.b64decode(request.form["state"])
    # expect: PY-TAINT-DESER
    pickle.loads(blob)
    # expect: PY-TAINT-DESER
    yaml.load(request.data, Loader=yaml.Loader)
    # safe: CWE-502
    yaml.load(request.data, Loader=yaml.SafeLoader)
    # safe: CWE-502
    yaml.safe_load(request.data)
    # safe: CWE-502
    json.loads(request.data)
    # safe: CWE-502 (a deep copy: the program's own serialization of the data)
    pickle.loads(pickle.dumps(request.form.to_dict()))
    return "ok"


@app.route("/directory")
def ldap_injection():
    user = request.args["user"]
    connection = ldap3.Connection("ldap://directory")
    # expect: PY-TAINT-LDAPI
    connection.search("dc=example,dc=org", "(uid=" + user + ")")
    # safe: CWE-90
    connection.search("dc=example,dc=org", "(uid=" + escape_filter_chars(user) + ")")
    legacy = ldap.initialize("ldap://directory")
    # expect: PY-TAINT-LDAPI
    legacy.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, f"(cn={user})")
    return "ok"


@app.route("/catalog")
def xpath_injection():
    title = request.args["title"]
    tree = lxml.etree.parse("catalog.xml")
    # expect: PY-TAINT-XPATHI
    tree.xpath("//book[title='" + title + "']")
    # XPath variables keep the value out of the expression
    # safe: CWE-643
    tree.xpath("//book[title=$title]", title=title)
    root = ElementTree.parse("catalog.xml").getroot()
    # expect: PY-TAINT-XPATHI
    root.findall(f"./book[@title='{title}']")
    return "ok"


@app.route("/import", methods=["POST"])
def xml_entities():
    # expect: PY-TAINT-XXE
    lxml.etree.fromstring(request.data)
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    # safe: CWE-611
    lxml.etree.fromstring(request.data, parser)
    return "ok"


@app.route("/go")
def open_redirect():
    target = request.args["next"]
    # expect: PY-TAINT-REDIRECT
    return redirect(target)


@app.route("/go-local")
def local_redirect():
    page = request.args["page"]
    # a fixed same-site prefix: the input only picks a page
    # safe: CWE-601
    return redirect("/docs/" + page)


@app.route("/go-named")
def named_redirect():
    # safe: CWE-601
    return redirect(url_for("local_redirect", page=request.args["page"]))


@app.route("/fetch")
def server_side_request_forgery():
    url = request.args["url"]
    # expect: PY-TAINT-SSRF
    requests.get(url, timeout=5)
    # the host is fixed; only the path carries input: partial SSRF, not SSRF
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    requests.get("https://api.example.org/items/" + url, timeout=5)
    # one quoted path segment, or a query parameter
    # safe: CWE-918
    requests.get("https://api.example.org/items/" + quote(url, safe=""), timeout=5)
    # safe: CWE-918
    requests.get("https://api.example.org/items/" + quote_plus(url), timeout=5)
    # safe: CWE-918
    requests.get("https://api.example.org/items?id=" + url, timeout=5)
    # "/" kept by quote's default: the input can still climb out of /items/
    # expect: PY-TAINT-PSSRF
    requests.get("https://api.example.org/items/" + quote(url), timeout=5)
    return "ok"


@app.route("/login", methods=["POST"])
def log_injection():
    user = request.form["user"]
    # expect: PY-TAINT-LOGI
    log.warning("failed login for " + user)
    # expect: PY-TAINT-LOGI
    logging.info("failed login for %s", user)
    # safe: CWE-117
    log.warning("failed login for %s", user.replace("\n", "").replace("\r", ""))
    # safe: CWE-117
    log.warning("failed login for %r", repr(user))
    return "ok"


@app.route("/lang")
def header_injection():
    response = make_response("ok")
    # expect: PY-TAINT-HEADERI
    response.headers["Content-Language"] = request.args["lang"]
    # safe: CWE-113
    response.headers["X-Page"] = str(int(request.args["page"]))
    return response


@app.route("/prefs")
def trust_boundary():
    # expect: PY-TAINT-TRUST
    session["theme"] = request.args["theme"]
    # safe: CWE-501
    session["page_size"] = int(request.args["size"])
    return "ok"


@app.route("/plugin")
def unsafe_reflection():
    name = request.args["plugin"]
    # expect: PY-TAINT-REFLECT
    importlib.import_module(name)
    # expect: PY-TAINT-REFLECT
    getattr(os, name)
    # an allow-list maps the input to a fixed module
    # safe: CWE-470
    importlib.import_module(PLUGINS.get(name, "exporters.csv"))
    if name in PLUGINS:
        # safe: CWE-470
        importlib.import_module("exporters." + name)
    return "ok"


@app.route("/orders")
def nosql_injection():
    orders = pymongo.MongoClient().shop.orders
    # the whole query document comes from the request: operators like $ne work
    # expect: PY-TAINT-NOSQLI
    orders.find(json.loads(request.data))
    # expect: PY-TAINT-NOSQLI
    orders.find({"$where": "this.owner == '" + request.args["owner"] + "'"})
    # safe: CWE-943
    orders.find({"owner": str(request.args["owner"])})
    return "ok"


@app.route("/grep")
def regex_injection():
    pattern = request.args["q"]
    # expect: PY-TAINT-REDOS
    re.search(pattern, "some text")
    # safe: CWE-1333
    re.search(re.escape(pattern), "some text")
    return "ok"
