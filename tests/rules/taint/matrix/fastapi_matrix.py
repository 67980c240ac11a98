"""FastAPI: input from a query parameter reaches a sink of every CWE the taint rules know.

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
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

DB = "app.db"
CATALOG = "catalog.xml"
PLUGINS = {"csv": "plugins.csv"}
SAFE_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True)

app = FastAPI()


@app.get("/cwe78_vulnerable")
def cwe78_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-78
    os.system("ls " + v)
    return {}

@app.get("/cwe78_safe")
def cwe78_safe(v: str, request: Request, response: Response):
    # safe: CWE-78
    os.system("ls " + shlex.quote(v))
    return {}

@app.get("/cwe88_vulnerable")
def cwe88_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-88
    subprocess.run(["git", "clone", v])
    return {}

@app.get("/cwe88_safe")
def cwe88_safe(v: str, request: Request, response: Response):
    # safe: CWE-88
    subprocess.run(["git", "clone", "--", v])
    return {}

@app.get("/cwe95_vulnerable")
def cwe95_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-95
    eval(v)
    return {}

@app.get("/cwe95_safe")
def cwe95_safe(v: str, request: Request, response: Response):
    # safe: CWE-95
    ast.literal_eval(v)
    return {}

@app.get("/cwe89_vulnerable")
def cwe89_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = '" + v + "'")
    return {}

@app.get("/cwe89_safe")
def cwe89_safe(v: str, request: Request, response: Response):
    # safe: CWE-89
    sqlite3.connect(DB).execute("SELECT * FROM t WHERE n = ?", (v,))
    return {}

@app.get("/cwe22_vulnerable")
def cwe22_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-22
    open("/srv/data/" + v).read()
    return {}

@app.get("/cwe22_safe")
def cwe22_safe(v: str, request: Request, response: Response):
    # safe: CWE-22
    open("/srv/data/" + os.path.basename(v)).read()
    return {}

@app.get("/cwe79_vulnerable")
def cwe79_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-79
    return HTMLResponse("<p>" + v)

@app.get("/cwe79_safe")
def cwe79_safe(v: str, request: Request, response: Response):
    # safe: CWE-79
    return HTMLResponse("<p>" + html.escape(v))

@app.get("/cwe1336_vulnerable")
def cwe1336_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-1336
    jinja2.Template(v)
    return {}

@app.get("/cwe1336_safe")
def cwe1336_safe(v: str, request: Request, response: Response):
    # safe: CWE-1336
    jinja2.Template("Hello {{ name }}").render(name=v)
    return {}

@app.get("/cwe502_vulnerable")
def cwe502_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-502
    pickle.loads(v)
    return {}

@app.get("/cwe502_safe")
def cwe502_safe(v: str, request: Request, response: Response):
    # safe: CWE-502
    json.loads(v)
    return {}

@app.get("/cwe90_vulnerable")
def cwe90_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + v + ")")
    return {}

@app.get("/cwe90_safe")
def cwe90_safe(v: str, request: Request, response: Response):
    # safe: CWE-90
    ldap3.Connection("ldap://dir").search("dc=org", "(uid=" + escape_filter_chars(v) + ")")
    return {}

@app.get("/cwe643_vulnerable")
def cwe643_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title='" + v + "']")
    return {}

@app.get("/cwe643_safe")
def cwe643_safe(v: str, request: Request, response: Response):
    # safe: CWE-643
    lxml.etree.parse(CATALOG).xpath("//book[@title=$t]", t=v)
    return {}

@app.get("/cwe611_vulnerable")
def cwe611_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-611
    lxml.etree.fromstring(v)
    return {}

@app.get("/cwe611_safe")
def cwe611_safe(v: str, request: Request, response: Response):
    # safe: CWE-611
    lxml.etree.fromstring(v, SAFE_PARSER)
    return {}

@app.get("/cwe601_vulnerable")
def cwe601_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-601
    RedirectResponse(v)
    return {}

@app.get("/cwe601_safe")
def cwe601_safe(v: str, request: Request, response: Response):
    # safe: CWE-601
    RedirectResponse("/home/" + v)
    return {}

@app.get("/cwe918_vulnerable")
def cwe918_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-918
    requests.get(v, timeout=5)
    return {}

@app.get("/cwe918_safe")
def cwe918_safe(v: str, request: Request, response: Response):
    # safe: CWE-918
    requests.get("https://api.example.org/items?id=" + v, timeout=5)
    return {}

@app.get("/cwe117_vulnerable")
def cwe117_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-117
    logging.warning("user: " + v)
    return {}

@app.get("/cwe117_safe")
def cwe117_safe(v: str, request: Request, response: Response):
    # safe: CWE-117
    logging.warning("user: " + v.replace("\n", "").replace("\r", ""))
    return {}

@app.get("/cwe113_vulnerable")
def cwe113_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-113
    response.headers["X-V"] = v
    return {}

@app.get("/cwe113_safe")
def cwe113_safe(v: str, request: Request, response: Response):
    # safe: CWE-113
    response.headers["X-V"] = v.replace("\n", "").replace("\r", "")
    return {}

@app.get("/cwe501_vulnerable")
def cwe501_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-501
    request.session["k"] = v
    return {}

@app.get("/cwe501_safe")
def cwe501_safe(v: str, request: Request, response: Response):
    # safe: CWE-501
    request.session["k"] = int(v)
    return {}

@app.get("/cwe470_vulnerable")
def cwe470_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-470
    importlib.import_module(v)
    return {}

@app.get("/cwe470_safe")
def cwe470_safe(v: str, request: Request, response: Response):
    # safe: CWE-470
    importlib.import_module(PLUGINS.get(v, "plugins.default"))
    return {}

@app.get("/cwe943_vulnerable")
def cwe943_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-943
    pymongo.MongoClient().db.users.find(json.loads(v))
    return {}

@app.get("/cwe943_safe")
def cwe943_safe(v: str, request: Request, response: Response):
    # safe: CWE-943
    pymongo.MongoClient().db.users.find({"name": str(v)})
    return {}

@app.get("/cwe1333_vulnerable")
def cwe1333_vulnerable(v: str, request: Request, response: Response):
    # expect: CWE-1333
    re.compile(v)
    return {}

@app.get("/cwe1333_safe")
def cwe1333_safe(v: str, request: Request, response: Response):
    # safe: CWE-1333
    re.compile(re.escape(v))
    return {}
