"""Django: input from `request.GET` reaches a sink of every CWE the taint rules know.

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
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import escape

DB = "app.db"
CATALOG = "catalog.xml"
PLUGINS = {"csv": "plugins.csv"}
SAFE_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True)


def cwe78_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-78
    os.system("ls " + v)
    return HttpResponse("ok", content_type="text/plain")

def cwe78_safe(request):
    v = request.GET["v"]
    # safe: CWE-78
    os.system("ls " + shlex.quote(v))
    return HttpResponse("ok", content_type="text/plain")

def cwe88_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-88
    subprocess.run(["git", "clone", v])
    return HttpResponse("ok", content_type="text/plain")

def cwe88_safe(request):
    v = request.GET["v"]
    # safe: CWE-88
    subprocess.run(["git", "clone", "--", v])
    return HttpResponse("ok", content_type="text/plain")

def cwe95_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-95
    eval(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe95_safe(request):
    v = request.GET["v"]
    # safe: CWE-95
    ast.literal_eval(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe89_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = '" + v + "'")
    return HttpResponse("ok", content_type="text/plain")

def cwe89_safe(request):
    v = request.GET["v"]
    # safe: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = ?", (v,))
    return HttpResponse("ok", content_type="text/plain")

def cwe22_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-22
    open("/srv/data/" + v).read()
    return HttpResponse("ok", content_type="text/plain")

def cwe22_safe(request):
    v = request.GET["v"]
    # safe: CWE-22
    open("/srv/data/" + os.path.basename(v)).read()
    return HttpResponse("ok", content_type="text/plain")

def cwe79_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-79
    return HttpResponse("<p>" + v)

def cwe79_safe(request):
    v = request.GET["v"]
    # safe: CWE-79
    return HttpResponse("<p>" + escape(v))

def cwe1336_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-1336
    jinja2.Template(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe1336_safe(request):
    v = request.GET["v"]
    # safe: CWE-1336
    jinja2.Template("Hello {{ name }}").render(name=v)
    return HttpResponse("ok", content_type="text/plain")

def cwe502_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-502
    pickle.loads(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe502_safe(request):
    v = request.GET["v"]
    # safe: CWE-502
    json.loads(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe90_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + v + ")")
    return HttpResponse("ok", content_type="text/plain")

def cwe90_safe(request):
    v = request.GET["v"]
    # safe: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + escape_filter_chars(v) + ")")
    return HttpResponse("ok", content_type="text/plain")

def cwe643_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title='" + v + "']")
    return HttpResponse("ok", content_type="text/plain")

def cwe643_safe(request):
    v = request.GET["v"]
    # safe: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title=$t]", t=v)
    return HttpResponse("ok", content_type="text/plain")

def cwe611_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-611
    lxml.etree.fromstring(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe611_safe(request):
    v = request.GET["v"]
    # safe: CWE-611
    lxml.etree.fromstring(v, SAFE_PARSER)
    return HttpResponse("ok", content_type="text/plain")

def cwe601_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-601
    HttpResponseRedirect(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe601_safe(request):
    v = request.GET["v"]
    # safe: CWE-601
    HttpResponseRedirect("/home/" + v)
    return HttpResponse("ok", content_type="text/plain")

def cwe918_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-918
    requests.get(v, timeout=5)
    return HttpResponse("ok", content_type="text/plain")

def cwe918_safe(request):
    v = request.GET["v"]
    # safe: CWE-918
    requests.get("https://api.example.org/items?id=" + v, timeout=5)
    return HttpResponse("ok", content_type="text/plain")

def cwe117_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-117
    logging.warning("user: " + v)
    return HttpResponse("ok", content_type="text/plain")

def cwe117_safe(request):
    v = request.GET["v"]
    # safe: CWE-117
    logging.warning("user: " + v.replace("\n", "").replace("\r", ""))
    return HttpResponse("ok", content_type="text/plain")

def cwe113_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-113
    HttpResponse("x")["X-V"] = v
    return HttpResponse("ok", content_type="text/plain")

def cwe113_safe(request):
    v = request.GET["v"]
    # safe: CWE-113
    HttpResponse("x")["X-V"] = v.replace("\n", "").replace("\r", "")
    return HttpResponse("ok", content_type="text/plain")

def cwe501_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-501
    request.session["k"] = v
    return HttpResponse("ok", content_type="text/plain")

def cwe501_safe(request):
    v = request.GET["v"]
    # safe: CWE-501
    request.session["k"] = int(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe470_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-470
    importlib.import_module(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe470_safe(request):
    v = request.GET["v"]
    # safe: CWE-470
    importlib.import_module(PLUGINS.get(v, "plugins.default"))
    return HttpResponse("ok", content_type="text/plain")

def cwe943_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-943
    pymongo.MongoClient().db.users.find(json.loads(v))
    return HttpResponse("ok", content_type="text/plain")

def cwe943_safe(request):
    v = request.GET["v"]
    # safe: CWE-943
    pymongo.MongoClient().db.users.find({"name": str(v)})
    return HttpResponse("ok", content_type="text/plain")

def cwe1333_vulnerable(request):
    v = request.GET["v"]
    # expect: CWE-1333
    re.compile(v)
    return HttpResponse("ok", content_type="text/plain")

def cwe1333_safe(request):
    v = request.GET["v"]
    # safe: CWE-1333
    re.compile(re.escape(v))
    return HttpResponse("ok", content_type="text/plain")
