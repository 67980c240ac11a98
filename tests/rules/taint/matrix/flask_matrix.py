"""Flask: input from `request.args` reaches a sink of every CWE the taint rules know.

Generated matrix: each vulnerable case has a safe twin (sanitised, parameterised, fixed).
"""

import ast
import html
import importlib
import json
import logging
import os
import pickle
import re
import shlex
import sqlite3
import subprocess
import sys

import jinja2
import ldap3
import lxml.etree
import markupsafe
import pymongo
import requests
from ldap3.utils.conv import escape_filter_chars
from flask import Flask, make_response, redirect, request, session

DB = "app.db"
CATALOG = "catalog.xml"
PLUGINS = {"csv": "plugins.csv"}
SAFE_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True)

app = Flask(__name__)


@app.route("/cwe78_vulnerable")
def cwe78_vulnerable():
    v = request.args["v"]
    # expect: CWE-78
    os.system("ls " + v)
    return "ok"

@app.route("/cwe78_safe")
def cwe78_safe():
    v = request.args["v"]
    # safe: CWE-78
    os.system("ls " + shlex.quote(v))
    return "ok"

@app.route("/cwe88_vulnerable")
def cwe88_vulnerable():
    v = request.args["v"]
    # expect: CWE-88
    subprocess.run(["git", "clone", v])
    return "ok"

@app.route("/cwe88_safe")
def cwe88_safe():
    v = request.args["v"]
    # safe: CWE-88
    subprocess.run(["git", "clone", "--", v])
    return "ok"

@app.route("/cwe95_vulnerable")
def cwe95_vulnerable():
    v = request.args["v"]
    # expect: CWE-95
    eval(v)
    return "ok"

@app.route("/cwe95_safe")
def cwe95_safe():
    v = request.args["v"]
    # safe: CWE-95
    ast.literal_eval(v)
    return "ok"

@app.route("/cwe89_vulnerable")
def cwe89_vulnerable():
    v = request.args["v"]
    # expect: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = '" + v + "'")
    return "ok"

@app.route("/cwe89_safe")
def cwe89_safe():
    v = request.args["v"]
    # safe: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = ?", (v,))
    return "ok"

@app.route("/cwe22_vulnerable")
def cwe22_vulnerable():
    v = request.args["v"]
    # expect: CWE-22
    open("/srv/data/" + v).read()
    return "ok"

@app.route("/cwe22_safe")
def cwe22_safe():
    v = request.args["v"]
    # safe: CWE-22
    open("/srv/data/" + os.path.basename(v)).read()
    return "ok"

@app.route("/cwe79_vulnerable")
def cwe79_vulnerable():
    v = request.args["v"]
    # expect: CWE-79
    return "<p>" + v + "</p>"

@app.route("/cwe79_safe")
def cwe79_safe():
    v = request.args["v"]
    # safe: CWE-79
    return "<p>" + html.escape(v) + "</p>"

@app.route("/cwe1336_vulnerable")
def cwe1336_vulnerable():
    v = request.args["v"]
    # expect: CWE-1336
    jinja2.Template(v)
    return "ok"

@app.route("/cwe1336_safe")
def cwe1336_safe():
    v = request.args["v"]
    # safe: CWE-1336
    jinja2.Template("Hello {{ name }}").render(name=v)
    return "ok"

@app.route("/cwe502_vulnerable")
def cwe502_vulnerable():
    v = request.args["v"]
    # expect: CWE-502
    pickle.loads(v)
    return "ok"

@app.route("/cwe502_safe")
def cwe502_safe():
    v = request.args["v"]
    # safe: CWE-502
    json.loads(v)
    return "ok"

@app.route("/cwe90_vulnerable")
def cwe90_vulnerable():
    v = request.args["v"]
    # expect: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + v + ")")
    return "ok"

@app.route("/cwe90_safe")
def cwe90_safe():
    v = request.args["v"]
    # safe: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + escape_filter_chars(v) + ")")
    return "ok"

@app.route("/cwe643_vulnerable")
def cwe643_vulnerable():
    v = request.args["v"]
    # expect: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title='" + v + "']")
    return "ok"

@app.route("/cwe643_safe")
def cwe643_safe():
    v = request.args["v"]
    # safe: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title=$t]", t=v)
    return "ok"

@app.route("/cwe611_vulnerable")
def cwe611_vulnerable():
    v = request.args["v"]
    # expect: CWE-611
    lxml.etree.fromstring(v)
    return "ok"

@app.route("/cwe611_safe")
def cwe611_safe():
    v = request.args["v"]
    # safe: CWE-611
    lxml.etree.fromstring(v, SAFE_PARSER)
    return "ok"

@app.route("/cwe601_vulnerable")
def cwe601_vulnerable():
    v = request.args["v"]
    # expect: CWE-601
    redirect(v)
    return "ok"

@app.route("/cwe601_safe")
def cwe601_safe():
    v = request.args["v"]
    # safe: CWE-601
    redirect("/home/" + v)
    return "ok"

@app.route("/cwe918_vulnerable")
def cwe918_vulnerable():
    v = request.args["v"]
    # expect: CWE-918
    requests.get(v, timeout=5)
    return "ok"

@app.route("/cwe918_safe")
def cwe918_safe():
    v = request.args["v"]
    # safe: CWE-918
    requests.get("https://api.example.org/items?id=" + v, timeout=5)
    return "ok"

@app.route("/cwe117_vulnerable")
def cwe117_vulnerable():
    v = request.args["v"]
    # expect: CWE-117
    logging.warning("user: " + v)
    return "ok"

@app.route("/cwe117_safe")
def cwe117_safe():
    v = request.args["v"]
    # safe: CWE-117
    logging.warning("user: " + v.replace("\n", "").replace("\r", ""))
    return "ok"

@app.route("/cwe113_vulnerable")
def cwe113_vulnerable():
    v = request.args["v"]
    # expect: CWE-113
    make_response("x").headers["X-V"] = v
    return "ok"

@app.route("/cwe113_safe")
def cwe113_safe():
    v = request.args["v"]
    # safe: CWE-113
    make_response("x").headers["X-V"] = v.replace("\n", "").replace("\r", "")
    return "ok"

@app.route("/cwe501_vulnerable")
def cwe501_vulnerable():
    v = request.args["v"]
    # expect: CWE-501
    session["k"] = v
    return "ok"

@app.route("/cwe501_safe")
def cwe501_safe():
    v = request.args["v"]
    # safe: CWE-501
    session["k"] = int(v)
    return "ok"

@app.route("/cwe470_vulnerable")
def cwe470_vulnerable():
    v = request.args["v"]
    # expect: CWE-470
    importlib.import_module(v)
    return "ok"

@app.route("/cwe470_safe")
def cwe470_safe():
    v = request.args["v"]
    # safe: CWE-470
    importlib.import_module(PLUGINS.get(v, "plugins.default"))
    return "ok"

@app.route("/cwe943_vulnerable")
def cwe943_vulnerable():
    v = request.args["v"]
    # expect: CWE-943
    pymongo.MongoClient().db.users.find(json.loads(v))
    return "ok"

@app.route("/cwe943_safe")
def cwe943_safe():
    v = request.args["v"]
    # safe: CWE-943
    pymongo.MongoClient().db.users.find({"name": str(v)})
    return "ok"

@app.route("/cwe1333_vulnerable")
def cwe1333_vulnerable():
    v = request.args["v"]
    # expect: CWE-1333
    re.compile(v)
    return "ok"

@app.route("/cwe1333_safe")
def cwe1333_safe():
    v = request.args["v"]
    # safe: CWE-1333
    re.compile(re.escape(v))
    return "ok"
