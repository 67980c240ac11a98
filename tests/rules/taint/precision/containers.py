"""Element-precise containers: literal indices and keys keep safe elements safe."""

import configparser
import os
from collections import deque

from flask import Flask, request

app = Flask(__name__)


@app.route("/list-index")
def list_index():
    user_value = request.args["v"]
    args = ["--list", user_value]
    # safe: CWE-78
    os.system(args[0])
    # expect: CWE-78
    os.system(args[1])
    # expect: CWE-78
    os.system(args[-1])


@app.route("/dict-key")
def dict_key():
    user_value = request.args["v"]
    opts = {"q": user_value, "mode": "fast"}
    # safe: CWE-78
    os.system(opts["mode"])
    # expect: CWE-78
    os.system(opts["q"])
    # safe: CWE-78
    os.system(opts.get("mode"))
    # expect: CWE-78
    os.system(opts.get("q", "none"))


@app.route("/map-assign")
def map_assigned_keys():
    param = request.args["p"]
    values = {}
    values["keyA"] = "a-Value"
    values["keyB"] = param
    values["keyC"] = "another-Value"
    bar = values["keyA"]
    # safe: CWE-78
    os.system(bar)
    bar = values["keyB"]
    # expect: CWE-78
    os.system(bar)


@app.route("/append-pop")
def append_then_pop():
    param = request.args["p"]
    items = []
    items.append("safe")
    items.append(param)
    items.append("moresafe")
    items.pop(0)  # removes "safe": the input is now first
    # expect: CWE-78
    os.system(items[0])
    # safe: CWE-78
    os.system(items[1])


@app.route("/append-pop-twin")
def append_then_pop_twin():
    param = request.args["p"]
    items = []
    items.append("safe")
    items.append(param)
    items.append("moresafe")
    items.pop(1)  # removes the input
    # safe: CWE-78
    os.system(items[0])
    # safe: CWE-78
    os.system(items[1])


@app.route("/insert-remove")
def insert_and_remove():
    param = request.args["p"]
    items = ["a", "b"]
    items.insert(0, param)
    # expect: CWE-78
    os.system(items[0])
    # safe: CWE-78
    os.system(items[2])
    items.remove("a")
    # safe: CWE-78
    os.system(items[1])


@app.route("/pop-last")
def pop_last():
    param = request.args["p"]
    stack = ["base", param]
    top = stack.pop()
    # expect: CWE-78
    os.system(top)
    # safe: CWE-78
    os.system(stack[0])


@app.route("/update-setdefault")
def update_and_setdefault():
    param = request.args["p"]
    config = {"host": "localhost"}
    config.update({"user": param})
    # safe: CWE-78
    os.system(config["host"])
    # expect: CWE-78
    os.system(config["user"])
    config.setdefault("port", "5432")
    # safe: CWE-78
    os.system(config["port"])
    popped = config.pop("user")
    # expect: CWE-78
    os.system(popped)


@app.route("/unknown-key")
def unknown_key():
    param = request.args["p"]
    table = {"a": "x", "b": param}
    # an index the analysis cannot know: the tainted element may be chosen
    # expect: CWE-78
    os.system(table[request.args["which"]])


@app.route("/nested")
def nested_containers():
    param = request.args["p"]
    data = {"inner": ["fixed", param], "other": ("x", "y")}
    # safe: CWE-78
    os.system(data["inner"][0])
    # expect: CWE-78
    os.system(data["inner"][1])
    # safe: CWE-78
    os.system(data["other"][1])


@app.route("/tuple-unpack")
def tuple_unpacking():
    param = request.args["p"]
    first, second = ("fixed", param)
    # safe: CWE-78
    os.system(first)
    # expect: CWE-78
    os.system(second)
    head, *rest = ["a", "b", param]
    # safe: CWE-78
    os.system(head)
    # expect: CWE-78
    os.system(rest[1])


@app.route("/slices")
def slices():
    param = request.args["p"]
    parts = ["ls", "-l", param]
    # safe: CWE-78
    os.system(" ".join(parts[:2]))
    # expect: CWE-78
    os.system(" ".join(parts[1:]))


@app.route("/configparser")
def config_sections():
    param = request.args["p"]
    conf = configparser.ConfigParser()
    conf.add_section("section")
    conf.set("section", "keyA", "a_Value")
    conf.set("section", "keyB", param)
    # safe: CWE-78
    os.system(conf.get("section", "keyA"))
    # expect: CWE-78
    os.system(conf.get("section", "keyB"))


@app.route("/deque")
def deque_ends():
    param = request.args["p"]
    queue = deque(["first"])
    queue.appendleft(param)
    # expect: CWE-78
    os.system(queue.popleft())
    # safe: CWE-78
    os.system(queue[0])


@app.route("/alias")
def mutation_through_alias():
    param = request.args["p"]
    items = ["safe"]
    alias = items
    alias.append(param)
    # the list both names refer to now holds the input
    # expect: CWE-78
    os.system(items[1])


@app.route("/loop-append")
def appended_in_loop():
    collected = []
    for value in request.args.getlist("v"):
        collected.append(value)
    # expect: CWE-78
    os.system(collected[0])
    fixed = []
    for value in ["a", "b"]:
        fixed.append(value)
    # safe: CWE-78
    os.system(fixed[0])


@app.route("/clear")
def cleared():
    items = [request.args["p"]]
    items.clear()
    items.append("safe")
    # safe: CWE-78
    os.system(items[0])


def attribute_listing():
    from flask import request
    from somelib import load_task

    task = load_task(request.args["id"])
    # the names `dir()` lists are the class's, whatever the object holds
    # safe: CWE-470
    fields = [(name, getattr(task, name)) for name in dir(task) if not name.startswith("_")]
    # expect: PY-TAINT-REFLECT
    chosen = getattr(task, request.args["field"])
    return fields, chosen
