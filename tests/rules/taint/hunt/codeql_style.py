"""Variants in the style of CodeQL's Python query tests: redirects, paths, SSRF, regex, headers."""

import os.path
import re
from urllib.parse import urlparse

import requests
from flask import Flask, make_response, redirect, request

app = Flask(__name__)
STATIC = "/server/static/images"


@app.route("/ok-prefix")
def ok_prefix():
    untrusted = request.args.get("target", "")
    if untrusted.startswith("https://example.com/"):
        # safe: CWE-601
        return redirect(untrusted)
    # safe: CWE-601
    return redirect("https://example.com/" + untrusted)


@app.route("/not-ok-prefix")
def not_ok_prefix():
    untrusted = request.args.get("target", "")
    # the host is not closed: https://example.com.evil.net
    # expect: CWE-601
    return redirect("https://example.com" + untrusted)


@app.route("/relative")
def relative():
    untrusted = request.args.get("target", "")
    untrusted = untrusted.replace("\\", "")
    if not urlparse(untrusted).netloc and not urlparse(untrusted).scheme:
        # safe: CWE-601
        return redirect(untrusted, code=302)
    return redirect("/")


@app.route("/path1")
def path1():
    filename = request.args.get("filename", "")
    npath = os.path.normpath(os.path.join(STATIC, filename))
    if npath.startswith(STATIC):
        # safe: CWE-22
        return open(npath).read()
    return "no"


@app.route("/path2")
def path2():
    filename = request.args.get("filename", "")
    npath = os.path.join(STATIC, filename)
    if npath.startswith(STATIC):
        # not normalised: ../ still climbs out
        # expect: CWE-22
        return open(npath).read()
    return "no"


@app.route("/path3")
def path3():
    filename = request.args.get("filename", "")
    if ".." in filename or filename.startswith("/"):
        return "no", 400
    # safe: CWE-22
    return open(os.path.join(STATIC, filename)).read()


@app.route("/path4")
def path4():
    filename = request.args.get("filename", "")
    if ".." in filename:
        return "no", 400
    # an absolute name replaces the folder
    # expect: CWE-22
    data = open(os.path.join(STATIC, filename)).read()
    # safe: CWE-22
    data += open(STATIC + "/" + filename).read()
    # safe: CWE-22
    data += open(f"{STATIC}/{filename}").read()
    if os.path.isabs(filename):
        return "no", 400
    # safe: CWE-22
    return data + open(os.path.join(STATIC, filename)).read()


@app.route("/path5")
def path5():
    filename = request.args.get("filename", "")
    if filename.startswith("/"):
        return "no", 400
    # expect: CWE-22
    return open(os.path.join(STATIC, filename)).read()


@app.route("/ssrf-partial")
def ssrf_partial():
    user_id = request.args["user_id"]
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    requests.get("https://api.example.com/user_info/" + user_id, timeout=5)
    return "ok"


@app.route("/ssrf-full")
def ssrf_full():
    host = request.args["host"]
    # expect: CWE-918
    requests.get("https://" + host + "/status", timeout=5)
    return "ok"


@app.route("/regex")
def regex_injection():
    pattern = request.args["pattern"]
    text = request.args["text"]
    # expect: CWE-1333
    found = re.search(pattern, text)
    # safe: CWE-1333
    escaped = re.search(re.escape(pattern), text)
    return str(bool(found) and bool(escaped))


@app.route("/header")
def header_split():
    value = request.args["v"]
    resp = make_response("ok")
    # expect: CWE-113
    resp.headers["X-Value"] = value
    resp.headers["X-Clean"] = value.replace("\r", "").replace("\n", "")
    # werkzeug quotes cookie values
    # safe: CWE-113
    resp.set_cookie("pref", value)
    return resp
