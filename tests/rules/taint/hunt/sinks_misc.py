"""Sinks less often seen: templates from strings, pickled uploads, dynamic imports, XPath objects."""

import importlib
import logging
import pickle

import jinja2
from flask import Flask, request
from lxml import etree
from mako.template import Template as MakoTemplate

app = Flask(__name__)
logger = logging.getLogger("audit")
DOC = etree.parse("users.xml")


@app.route("/jinja-template")
def jinja_template():
    # expect: CWE-1336
    tpl = jinja2.Template("Hello " + request.args.get("name", ""))
    # expect: CWE-79
    return tpl.render()


@app.route("/mako")
def mako():
    # expect: CWE-1336
    page = MakoTemplate(request.args.get("tpl", "")).render()
    # expect: CWE-79
    return page


@app.route("/pickle-upload", methods=["POST"])
def pickle_upload():
    # expect: CWE-502
    data = pickle.load(request.files["state"])
    return {"keys": sorted(data)}


@app.route("/plugin")
def plugin():
    name = request.args.get("plugin", "")
    # expect: CWE-470
    module = importlib.import_module("plugins." + name)
    return "ok" if module else "missing"


@app.route("/plugin-safe")
def plugin_safe():
    name = request.args.get("plugin", "")
    if name not in ("csv", "json"):
        return "no", 400
    # safe: CWE-470
    module = importlib.import_module("plugins." + name)
    return "ok" if module else "missing"


@app.route("/xpath-compiled")
def xpath_compiled():
    user = request.args.get("user", "")
    # expect: CWE-643
    find = etree.XPath("//user[@name='" + user + "']")
    # safe: CWE-643
    safe = etree.XPath("//user[@name=$name]")
    return str(len(find(DOC)) + len(safe(DOC, name=user)))


@app.route("/exec")
def exec_code():
    source = request.form.get("code", "")
    # expect: CWE-95
    exec(compile(source, "<user>", "exec"))
    return "ok"


@app.route("/log-fstring")
def log_fstring():
    user = request.args.get("user", "")
    # expect: CWE-117
    logger.info(f"login attempt for {user}")
    # safe: CWE-117
    logger.info("login attempt for %s", user.replace("\r", "").replace("\n", ""))
    return "ok"
