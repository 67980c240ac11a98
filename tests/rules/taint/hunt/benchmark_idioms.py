"""Propagation idioms of generated benchmark suites, each next to a twin that drops the input."""

import base64
import codecs
import collections
import configparser
import copy
import io
import os
import subprocess
import urllib.parse

from flask import Flask, request

app = Flask(__name__)
TESTFILES = "/srv/testfiles"


def escape_for_html(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@app.route("/list-pop", methods=["POST"])
def list_pop():
    param = request.form.get("p", "")
    items = ["safe", param, "moresafe"]
    items.pop(0)
    # expect: CWE-78
    os.system("echo " + items[0])
    items.pop(0)
    # safe: CWE-78
    os.system("echo " + items[0])
    return "ok"


@app.route("/stringio", methods=["POST"])
def string_io():
    param = request.form.get("p", "")
    buffer = io.StringIO()
    buffer.write("prefix ")
    buffer.write(param)
    # expect: CWE-78
    os.system("echo " + buffer.getvalue())
    # safe: CWE-78
    os.system("echo " + io.StringIO("fixed").getvalue())
    return "ok"


@app.route("/deque", methods=["POST"])
def deque_flow():
    param = request.form.get("p", "")
    queue = collections.deque()
    queue.append(param)
    # expect: CWE-78
    os.system("echo " + queue.popleft())
    return "ok"


@app.route("/match", methods=["POST"])
def match_flow():
    param = request.form.get("p", "")
    target = "B"
    match target:
        case "A":
            bar = param
        case "B":
            bar = "bob"
        case _:
            bar = param
    # safe: CWE-78
    os.system("echo " + bar)
    return "ok"


@app.route("/codec", methods=["POST"])
def codec_flow():
    param = request.form.get("p", "")
    bar = codecs.decode(codecs.encode(param, "rot13"), "rot13")
    # expect: CWE-78
    os.system("echo " + bar)
    hexed = param.encode().hex()
    back = bytes.fromhex(hexed).decode()
    # expect: CWE-78
    os.system("echo " + back)
    twice = base64.b64decode(base64.b64encode(param.encode("utf-8"))).decode("utf-8")
    # expect: CWE-78
    os.system("echo " + twice)
    return "ok"


@app.route("/unquote", methods=["POST"])
def unquote_flow():
    param = urllib.parse.unquote(request.form.get("p", ""))
    # expect: CWE-22
    with open(os.path.join(TESTFILES, param)) as fh:
        body = fh.read()
    # safe: CWE-79
    return "<pre>" + escape_for_html(body) + escape_for_html(param) + "</pre>"


@app.route("/update", methods=["POST"])
def dict_update():
    param = request.form.get("p", "")
    settings = {"mode": "fast"}
    settings.update({"target": param})
    # expect: CWE-78
    subprocess.run("deploy " + settings["target"], shell=True)
    # safe: CWE-78
    subprocess.run("deploy " + settings["mode"], shell=True)
    clone = copy.copy(settings)
    # expect: CWE-78
    subprocess.run("deploy " + clone["target"], shell=True)
    return "ok"


@app.route("/conf", methods=["POST"])
def conf_other_key():
    param = request.form.get("p", "")
    conf = configparser.ConfigParser()
    conf.add_section("s")
    conf.set("s", "a", "a_value")
    conf.set("s", "b", param)
    # safe: CWE-78
    os.system("echo " + conf.get("s", "a"))
    return "ok"


@app.route("/reverse", methods=["POST"])
def reverse_flow():
    param = request.form.get("p", "")
    bar = "".join(reversed(param))
    # expect: CWE-78
    os.system("echo " + bar)
    words = param.split(" ")
    # expect: CWE-78
    os.system("echo " + words[-1])
    return "ok"


@app.route("/ternary", methods=["POST"])
def ternary_flow():
    param = request.form.get("p", "")
    num = 106
    bar = "This should never happen" if (7 * 18) + num > 200 else param
    # safe: CWE-78
    os.system("echo " + bar)
    bar2 = param if (7 * 18) + num > 200 else "never"
    # expect: CWE-78
    os.system("echo " + bar2)
    return "ok"
