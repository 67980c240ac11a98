"""Sanitizers clean for their own sink kind only."""

import html
import logging
import os
import re
import shlex
import sqlite3
import uuid

import ldap3
from flask import Flask, request
from ldap3.utils.conv import escape_filter_chars
from markupsafe import escape

app = Flask(__name__)


@app.route("/numbers")
def numeric_conversion():
    raw = request.args["id"]
    # safe: CWE-78
    os.system("show " + str(int(raw)))
    # safe: CWE-89
    sqlite3.connect("a.db").execute("SELECT * FROM t WHERE id = %d" % float(raw))
    # safe: CWE-22
    open(f"/srv/items/{uuid.UUID(raw)}.json").read()
    return "ok"


@app.route("/shell-quote")
def quoted_for_shell_only():
    name = request.args["name"]
    quoted = shlex.quote(name)
    # safe: CWE-78
    os.system("grep " + quoted + " notes.txt")
    # shell quoting does not make SQL safe
    # expect: CWE-89
    sqlite3.connect("a.db").execute("SELECT * FROM t WHERE name = '" + quoted + "'")
    return "ok"


@app.route("/html-escape")
def escaped_for_html_only():
    name = request.args["name"]
    # HTML escaping leaves quotes that SQL cares about: still injectable
    # expect: CWE-89
    sqlite3.connect("a.db").execute("SELECT * FROM t WHERE name = '" + html.escape(name, quote=False) + "'")
    # safe: CWE-79
    return "<b>" + str(escape(name)) + "</b>"


@app.route("/ldap")
def escaped_for_ldap():
    user = request.args["user"]
    connection = ldap3.Connection("ldap://directory")
    # safe: CWE-90
    connection.search("dc=example,dc=org", f"(uid={escape_filter_chars(user)})")
    # expect: CWE-90
    connection.search("dc=example,dc=org", f"(uid={user})")
    return "ok"


def clean_name(value):
    """A project sanitizer: keeps letters and digits only."""
    return "".join(ch for ch in value if ch.isalnum())


def to_int(value):
    return int(value)


@app.route("/helpers")
def sanitizing_helpers():
    # safe: CWE-78
    os.system("show " + str(to_int(request.args["id"])))
    # a helper that only strips spaces is no sanitizer
    # expect: CWE-78
    os.system("show " + request.args["name"].strip())
    return "ok"


def escape_markup(value):
    """A project escaper built from replacements."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@app.route("/replacements")
def replaced_characters():
    name = request.args["name"]
    # safe: CWE-117
    logging.info("login by " + name.replace("\n", ""))
    # safe: CWE-117
    logging.info("login by " + re.sub(r"[\r\n]", " ", name))
    # replacing some other character leaves the line break in
    # expect: CWE-117
    logging.info("login by " + name.replace("\t", " "))
    # safe: CWE-22
    open("/srv/notes/" + name.replace("/", "_")).read()
    # doubling quotes is not accepted as SQL escaping: use bound parameters
    # expect: CWE-89
    sqlite3.connect("a.db").execute("SELECT * FROM t WHERE n = '" + name.replace("'", "''") + "'")
    return "ok"


@app.route("/escaped-by-hand")
def escaped_by_hand():
    # safe: CWE-79
    return "<p>" + escape_markup(request.args["name"]) + "</p>"


@app.route("/half-escaped")
def half_escaped():
    # only `<` is replaced: `>` and the rest stay
    # expect: CWE-79
    return "<p>" + request.args["name"].replace("<", "&lt;") + "</p>"
