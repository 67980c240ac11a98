"""More Flask flows: helper modules, generators, headers, logs, XPath, redirects."""

import logging
import os
import sqlite3
from urllib.parse import urlparse

from flask import Flask, Response, make_response, redirect, request, url_for
from lxml import etree
from werkzeug.utils import secure_filename

from .helpers import db

app = Flask(__name__)
log = logging.getLogger("app")
DOC = etree.parse("catalog.xml")
SAFE_HOSTS = frozenset({"example.com"})


class Settings:
    upload_dir = "/srv/up"
    default_sort = "name"


@app.route("/find")
def find():
    column = request.args.get("by", "name")
    value = request.args["value"]
    rows = db.find(column, value)
    more = db.find_safe(column, value)
    return {"n": len(rows) + len(more)}


@app.route("/gen")
def generated():
    conn = sqlite3.connect("app.db")
    for sql in db.rows_for(request.args.getlist("v")):
        # expect: CWE-89
        conn.execute(sql)
    return "ok"


@app.route("/xpath")
def xpath():
    name = request.args["name"]
    # expect: CWE-643
    hits = DOC.xpath("//book[title='" + name + "']")
    # safe: CWE-643
    safe = DOC.xpath("//book[title=$name]", name=name)
    return str(len(hits) + len(safe))


@app.route("/header")
def header():
    lang = request.args.get("lang", "en")
    resp = make_response("ok")
    # expect: CWE-113
    resp.headers["Content-Language"] = lang
    return resp


@app.route("/log")
def log_user():
    user = request.form.get("user", "")
    # expect: CWE-117
    log.warning("failed login for %s" % user)
    # safe: CWE-117
    log.warning("failed login for %s", user.replace("\n", " "))
    return "ok"


@app.route("/redir")
def redir():
    target = request.args.get("next") or url_for("index")
    if urlparse(target).netloc not in SAFE_HOSTS:
        target = url_for("index")
    # safe: CWE-601
    return redirect(target)


@app.route("/redir-host")
def redir_host():
    target = request.args.get("next", "/")
    if urlparse(target).netloc == "example.com":
        # safe: CWE-601
        return redirect(target)
    if urlparse(target).hostname in ("example.com", "www.example.com"):
        # safe: CWE-601
        return redirect(target)
    if urlparse(target).netloc != "example.com":
        # expect: CWE-601
        return redirect(target)
    return "no", 400


@app.route("/login-required")
def login_required_redirect():
    if request.cookies.get("session") is None:
        # safe: CWE-601
        return redirect(url_for("login") + "?next=" + request.url)
    # safe: CWE-601
    return redirect(f"{url_for('index')}?tab={request.args.get('tab', '')}")


@app.route("/redir-suffix")
def redir_suffix():
    # expect: CWE-601
    return redirect(request.args.get("next", "/") + "?from=suffix")


@app.route("/redir-bad")
def redir_bad():
    target = request.args.get("next", "/")
    # expect: CWE-601
    return redirect(target)


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    # expect: CWE-22, PY-UPLOAD-001
    f.save(os.path.join(Settings.upload_dir, f.filename))
    return "ok"


@app.route("/upload-safe", methods=["POST"])
def upload_safe():
    upload = request.files.get("avatar")
    if upload is None:
        return "missing", 400
    # expect: PY-UPLOAD-001
    # safe: CWE-22
    upload.save(os.path.join(Settings.upload_dir, secure_filename(upload.filename)))
    # expect: CWE-22, PY-UPLOAD-001
    upload.save(os.path.join(Settings.upload_dir, upload.filename))
    return "ok"


@app.route("/sorted")
def sorted_view():
    cols = sorted(request.args.getlist("col"))
    conn = sqlite3.connect("app.db")
    # expect: CWE-89
    conn.execute("SELECT %s FROM t" % ", ".join(cols))
    picked = [c for c in cols if c in ("a", "b")]
    # safe: CWE-89
    conn.execute("SELECT %s FROM t" % ", ".join(picked))
    return "ok"


@app.route("/fmt")
def fmt_view():
    page = request.args.get("page", "1")
    conn = sqlite3.connect("app.db")
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT 10 OFFSET %d" % int(page))
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT 10 OFFSET {}".format(int(page)))
    # expect: CWE-89
    conn.execute("SELECT * FROM t LIMIT 10 OFFSET {}".format(page))
    size = request.args.get("size", "10")
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT %d OFFSET %d" % (size, page))
    # expect: CWE-89
    conn.execute("SELECT * FROM t LIMIT %d OFFSET %s" % (size, page))
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT %(size)d" % {"size": size})
    # expect: CWE-89
    conn.execute("SELECT * FROM t ORDER BY %(col)s LIMIT %(size)d" % {"size": size, "col": page})
    # safe: CWE-89
    conn.execute(f"SELECT * FROM t WHERE price < {page:.2f}")
    # expect: CWE-89
    conn.execute(f"SELECT * FROM t WHERE price < {page:>8}")
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT {:d} OFFSET {:d}".format(size, page))
    # expect: CWE-89
    conn.execute("SELECT * FROM {table} LIMIT {size:d}".format(table=page, size=size))
    table = "t"
    # safe: CWE-89
    conn.execute("SELECT * FROM %(table)s LIMIT %(size)d" % locals())
    # expect: CWE-89
    conn.execute("SELECT * FROM %(table)s WHERE p = '%(page)s'" % locals())
    return "ok"


@app.route("/resp")
def resp():
    msg = request.args.get("msg", "")
    # expect: CWE-79
    return Response("<div>" + msg + "</div>", mimetype="text/html")


@app.route("/resp-text")
def resp_text():
    msg = request.args.get("msg", "")
    # safe: CWE-79
    return Response(msg, mimetype="text/plain")
