"""Flow sensitivity: a variable overwritten with a constant is clean again, and only then.

Each safe case has a vulnerable twin that differs by one token or one line.
"""

import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/overwrite")
def overwritten():
    x = request.args["q"]
    x = "constant"
    # safe: CWE-78
    os.system(x)


@app.route("/overwrite-twin")
def not_overwritten():
    x = request.args["q"]
    y = "constant"
    # expect: CWE-78
    os.system(x)


@app.route("/order")
def used_before_overwrite():
    x = request.args["q"]
    # expect: CWE-78
    os.system(x)
    x = "constant"
    # safe: CWE-78
    os.system(x)


@app.route("/both-branches")
def overwritten_on_every_path(flag: bool):
    cmd = request.args["cmd"]
    if flag:
        cmd = "ls"
    else:
        cmd = "pwd"
    # safe: CWE-78
    os.system(cmd)


@app.route("/one-branch")
def overwritten_on_one_path(flag: bool):
    cmd = request.args["cmd"]
    if flag:
        cmd = "ls"
    # expect: CWE-78
    os.system(cmd)


@app.route("/swap")
def swapped():
    a = request.args["q"]
    b = "safe"
    a, b = b, a
    # safe: CWE-78
    os.system(a)
    # expect: CWE-78
    os.system(b)


@app.route("/augmented")
def augmented():
    cmd = "ls "
    cmd += request.args["dir"]
    # expect: CWE-78
    os.system(cmd)


@app.route("/augmented-safe")
def augmented_with_constant():
    cmd = "ls "
    cmd += "/srv"
    # safe: CWE-78
    os.system(cmd)


@app.route("/loop-reset")
def reset_in_loop():
    cmd = request.args["cmd"]
    for _ in request.args.getlist("repeat"):
        cmd = "true"
    # the list may be empty: the input may survive the loop
    # expect: CWE-78
    os.system(cmd)


@app.route("/loop-carried")
def carried_by_loop():
    parts = ["echo"]
    command = ""
    for part in parts:
        command = command + " " + part
    # safe: CWE-78
    os.system(command)
    for part in [request.args["extra"]]:
        command = command + " " + part
    # expect: CWE-78
    os.system(command)


@app.route("/walrus")
def walrus():
    if (name := request.args.get("name")) is not None:
        # expect: CWE-78
        os.system("greet " + name)
    name = "nobody"
    # safe: CWE-78
    os.system("greet " + name)


@app.route("/deleted")
def rebound_after_del():
    value = request.args["v"]
    del value
    value = "fixed"
    # safe: CWE-78
    os.system(value)


@app.route("/early-return")
def early_return():
    cmd = request.args["cmd"]
    if cmd:
        return "refused"
    # only an empty command gets here
    # safe: CWE-78
    os.system(cmd)
    return "ok"


@app.route("/early-return-twin")
def early_return_twin():
    cmd = request.args["cmd"]
    if not cmd:
        return "refused"
    # expect: CWE-78
    os.system(cmd)
    return "ok"
