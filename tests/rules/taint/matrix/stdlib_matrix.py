"""Command-line tools: input from `sys.argv` reaches a sink of every CWE the taint rules know.

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
import flask
from werkzeug.datastructures import Headers
from werkzeug.utils import redirect

DB = "app.db"
CATALOG = "catalog.xml"
PLUGINS = {"csv": "plugins.csv"}
SAFE_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True)


def cwe78_vulnerable():
    v = sys.argv[1]
    # expect: CWE-78
    os.system("ls " + v)

def cwe78_safe():
    v = sys.argv[1]
    # safe: CWE-78
    os.system("ls " + shlex.quote(v))

def cwe88_vulnerable():
    v = sys.argv[1]
    # expect: CWE-88
    subprocess.run(["git", "clone", v])

def cwe88_safe():
    v = sys.argv[1]
    # safe: CWE-88
    subprocess.run(["git", "clone", "--", v])

def cwe95_vulnerable():
    v = sys.argv[1]
    # expect: CWE-95
    eval(v)

def cwe95_safe():
    v = sys.argv[1]
    # safe: CWE-95
    ast.literal_eval(v)

def cwe89_vulnerable():
    v = sys.argv[1]
    # expect: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = '" + v + "'")

def cwe89_safe():
    v = sys.argv[1]
    # safe: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = ?", (v,))

def cwe22_vulnerable():
    v = sys.argv[1]
    # expect: CWE-22
    open("/srv/data/" + v).read()

def cwe22_safe():
    v = sys.argv[1]
    # safe: CWE-22
    open("/srv/data/" + os.path.basename(v)).read()

def cwe79_vulnerable():
    v = sys.argv[1]
    # expect: CWE-79
    markupsafe.Markup("<p>" + v)

def cwe79_safe():
    v = sys.argv[1]
    # safe: CWE-79
    markupsafe.Markup("<p>" + str(markupsafe.escape(v)))

def cwe1336_vulnerable():
    v = sys.argv[1]
    # expect: CWE-1336
    jinja2.Template(v)

def cwe1336_safe():
    v = sys.argv[1]
    # safe: CWE-1336
    jinja2.Template("Hello {{ name }}").render(name=v)

def cwe502_vulnerable():
    v = sys.argv[1]
    # expect: CWE-502
    pickle.loads(v)

def cwe502_safe():
    v = sys.argv[1]
    # safe: CWE-502
    json.loads(v)

def cwe90_vulnerable():
    v = sys.argv[1]
    # expect: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + v + ")")

def cwe90_safe():
    v = sys.argv[1]
    # safe: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + escape_filter_chars(v) + ")")

def cwe643_vulnerable():
    v = sys.argv[1]
    # expect: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title='" + v + "']")

def cwe643_safe():
    v = sys.argv[1]
    # safe: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title=$t]", t=v)

def cwe611_vulnerable():
    v = sys.argv[1]
    # expect: CWE-611
    lxml.etree.fromstring(v)

def cwe611_safe():
    v = sys.argv[1]
    # safe: CWE-611
    lxml.etree.fromstring(v, SAFE_PARSER)

def cwe601_vulnerable():
    v = sys.argv[1]
    # expect: CWE-601
    redirect(v)

def cwe601_safe():
    v = sys.argv[1]
    # safe: CWE-601
    redirect("/home/" + v)

def cwe918_vulnerable():
    v = sys.argv[1]
    # expect: CWE-918
    requests.get(v, timeout=5)

def cwe918_safe():
    v = sys.argv[1]
    # safe: CWE-918
    requests.get("https://api.example.org/items?id=" + v, timeout=5)

def cwe117_vulnerable():
    v = sys.argv[1]
    # expect: CWE-117
    logging.warning("user: " + v)

def cwe117_safe():
    v = sys.argv[1]
    # safe: CWE-117
    logging.warning("user: " + v.replace("\n", "").replace("\r", ""))

def cwe113_vulnerable():
    v = sys.argv[1]
    # expect: CWE-113
    Headers()["X-V"] = v

def cwe113_safe():
    v = sys.argv[1]
    # safe: CWE-113
    Headers()["X-V"] = v.replace("\n", "").replace("\r", "")

def cwe501_vulnerable():
    v = sys.argv[1]
    # expect: CWE-501
    flask.session["k"] = v

def cwe501_safe():
    v = sys.argv[1]
    # safe: CWE-501
    flask.session["k"] = int(v)

def cwe470_vulnerable():
    v = sys.argv[1]
    # expect: CWE-470
    importlib.import_module(v)

def cwe470_safe():
    v = sys.argv[1]
    # safe: CWE-470
    importlib.import_module(PLUGINS.get(v, "plugins.default"))

def cwe943_vulnerable():
    v = sys.argv[1]
    # expect: CWE-943
    pymongo.MongoClient().db.users.find(json.loads(v))

def cwe943_safe():
    v = sys.argv[1]
    # safe: CWE-943
    pymongo.MongoClient().db.users.find({"name": str(v)})

def cwe1333_vulnerable():
    v = sys.argv[1]
    # expect: CWE-1333
    re.compile(v)

def cwe1333_safe():
    v = sys.argv[1]
    # safe: CWE-1333
    re.compile(re.escape(v))
