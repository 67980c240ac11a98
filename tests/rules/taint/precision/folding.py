"""Constant folding and dead branches: only the branch that can run is analysed."""

import os

from flask import Flask, request

app = Flask(__name__)

DEBUG = False
MODE = "production"
LIMIT = 10


@app.route("/ifexp")
def conditional_expression():
    param = request.args["p"]
    retries = 3
    name = "default" if retries * 10 > 20 else param
    # safe: CWE-78
    os.system("run " + name)
    name = "default" if retries * 10 > 40 else param
    # expect: CWE-78
    os.system("run " + name)


@app.route("/arith")
def arithmetic():
    param = request.args["p"]
    num = 86
    bar = "This_should_always_happen" if (7 * 42) - num > 200 else param
    # safe: CWE-78
    os.system(bar)
    bar = "This_should_never_happen" if (7 * 42) - num < 200 else param
    # expect: CWE-78
    os.system(bar)


@app.route("/if-constant")
def dead_if():
    param = request.args["p"]
    bar = "safe"
    if (500 / 42) + 196 > 200:
        bar = param
    # expect: CWE-78
    os.system(bar)
    baz = "safe"
    if (500 / 42) + 196 < 200:
        baz = param
    # safe: CWE-78
    os.system(baz)


@app.route("/module-constants")
def module_constants():
    param = request.args["p"]
    target = "/srv/fixed"
    if DEBUG:
        target = param
    # safe: CWE-78
    os.system("ls " + target)
    if MODE == "production":
        target = param
    # expect: CWE-78
    os.system("ls " + target)


@app.route("/switch")
def switch_on_constant_char():
    param = request.args["p"]
    guess = "ABC"
    switch_target = guess[2]
    if switch_target == "A":
        bar = param
    elif switch_target == "B":
        bar = "bob"
    elif switch_target == "C" or switch_target == "D":
        bar = "carol"
    else:
        bar = param
    # safe: CWE-78
    os.system(bar)
    switch_target = guess[0]
    if switch_target == "A":
        bar = param
    elif switch_target == "B":
        bar = "bob"
    else:
        bar = "bobs_your_uncle"
    # expect: CWE-78
    os.system(bar)


@app.route("/match")
def match_on_constant():
    param = request.args["p"]
    possible = "ABC"
    guess = possible[1]
    match guess:
        case "A":
            bar = param
        case "B":
            bar = "bob"
        case _:
            bar = param
    # safe: CWE-78
    os.system(bar)
    match possible[0]:
        case "A":
            bar = param
        case _:
            bar = "bob"
    # expect: CWE-78
    os.system(bar)


@app.route("/while-false")
def while_never_runs():
    cmd = "ls"
    while LIMIT < 5:
        cmd = request.args["cmd"]
    # safe: CWE-78
    os.system(cmd)


@app.route("/boolops")
def boolean_operators():
    param = request.args["p"]
    value = "" or "fallback"
    # safe: CWE-78
    os.system(value)
    value = param or "fallback"
    # expect: CWE-78
    os.system(value)
    value = "set" and "chosen"
    # safe: CWE-78
    os.system(value)


@app.route("/strings")
def string_operations_on_constants():
    param = request.args["p"]
    prefix = "  LS  ".strip().lower()
    if prefix == "ls":
        chosen = "ls -l"
    else:
        chosen = param
    # safe: CWE-78
    os.system(chosen)
    if len("abc") == 4:
        chosen = param
    # safe: CWE-78
    os.system(chosen)
    if "b" in "abc":
        chosen = param
    # expect: CWE-78
    os.system(chosen)
