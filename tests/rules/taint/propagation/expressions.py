"""Taint flows through every kind of expression and statement."""

import base64
import json
import os
import urllib.parse
from pathlib import Path

from flask import Flask, request

app = Flask(__name__)


@app.route("/strings")
def string_building():
    v = request.args["v"]
    # expect: CWE-78
    os.system(f"echo {v}")
    # expect: CWE-78
    os.system("echo %s" % v)
    # expect: CWE-78
    os.system("echo %(value)s" % {"value": v})
    # expect: CWE-78
    os.system("echo {}".format(v))
    # expect: CWE-78
    os.system("echo {value}".format(value=v))
    # expect: CWE-78
    os.system("echo " + v.upper().strip().replace("a", "b"))
    # expect: CWE-78
    os.system(" ".join(["echo", v]))
    # expect: CWE-78
    os.system(v.split(",")[0])
    # expect: CWE-78
    os.system(str(v)[1:])
    # expect: CWE-78
    os.system(v * 2)


@app.route("/decoding")
def decoding():
    raw = request.args["payload"]
    # expect: CWE-78
    os.system(base64.b64decode(raw).decode("utf-8"))
    # expect: CWE-78
    os.system(urllib.parse.unquote(raw))
    # expect: CWE-78
    os.system(json.loads(raw)["command"])
    # expect: CWE-78
    os.system(raw.encode().decode())
    # expect: CWE-78
    os.system(bytes(raw, "utf-8").hex())


@app.route("/paths")
def path_building():
    name = request.args["name"]
    # expect: CWE-22
    open(os.path.join("/srv", "data", name)).read()
    # expect: CWE-22
    (Path("/srv") / "data" / name).read_text()
    # expect: CWE-22
    Path("/srv").joinpath(name).read_bytes()


@app.route("/comprehensions")
def comprehensions():
    values = request.args.getlist("v")
    upper = [item.upper() for item in values]
    # expect: CWE-78
    os.system(upper[0])
    mapping = {key: "x" for key in values}
    # expect: CWE-78
    os.system(" ".join(mapping))
    joined = ",".join(item for item in values if item)
    # expect: CWE-78
    os.system(joined)
    constant = [item.upper() for item in ["a", "b"]]
    # safe: CWE-78
    os.system(constant[0])


@app.route("/iteration")
def iteration():
    for value in request.args.getlist("v"):
        # expect: CWE-78
        os.system(value)
    for index, value in enumerate(request.args.getlist("w")):
        # expect: CWE-78
        os.system(value)
    for key, value in request.args.items():
        # expect: CWE-78
        os.system(key + value)
    for key, value in {"a": "x"}.items():
        # safe: CWE-78
        os.system(key + value)


@app.route("/with")
def with_statement():
    # expect: CWE-22
    with open(request.args["name"]) as handle:
        pass
    # expect: CWE-22
    with open(request.args["name"]) as handle:
        handle.read()


@app.route("/try")
def try_except_finally():
    command = "true"
    try:
        command = request.args["cmd"]
        int(command)
    except ValueError:
        # the assignment may have happened before the exception
        # expect: CWE-78
        os.system(command)
    finally:
        # expect: CWE-78
        os.system(command)


@app.route("/loops")
def loop_fixpoint():
    current = "start"
    previous = "start"
    for _ in range(5):
        previous = current
        current = request.args["next"]
    # the input reaches `previous` only in the second round
    # expect: CWE-78
    os.system(previous)
    counter = "0"
    while counter != "5":
        counter = str(int(counter) + 1)
    # safe: CWE-78
    os.system("echo " + counter)


@app.route("/conditional-assignment")
def conditional_value(flag: bool):
    value = request.args["v"] if flag else "default"
    # expect: CWE-78
    os.system(value)
