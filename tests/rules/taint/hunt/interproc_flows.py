"""Inter-procedural shapes: properties, static/class methods, factories, dispatch tables, overrides."""

import functools
import logging
import os
import pickle
import sqlite3
import subprocess

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


def audited(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        log.info("calling %s", func.__name__)
        return func(*args, **kwargs)

    return wrapper


@audited
def run_tool(name, *flags):
    # expect: CWE-78
    return subprocess.check_output("tool " + name + " " + " ".join(flags), shell=True)


class Exporter:
    command = "export"

    def __init__(self, target):
        self._target = target

    @property
    def target(self):
        return self._target

    @staticmethod
    def quote(text):
        return "'" + text.replace("'", "'\\''") + "'"

    @classmethod
    def from_request(cls, req):
        return cls(req.args.get("target", ""))

    def build(self):
        return f"{self.command} {self.target}"

    def run(self):
        # expect: CWE-78
        os.system(self.build())


class SafeExporter(Exporter):
    def build(self):
        return f"{self.command} {Exporter.quote(self.target)}"

    def run(self):
        # the pattern rule sees a command that is not a constant; no input gets in unquoted
        # expect: PY-CMD-002
        # safe: PY-TAINT-CMDI
        os.system(self.build())


def make_query(table):
    def query(conn, value):
        # expect: CWE-89
        return conn.execute(f"SELECT * FROM {table} WHERE v = '{value}'")

    return query


def load_blob(blob):
    # expect: CWE-502
    return pickle.loads(blob)


def load_json(blob):
    import json

    return json.loads(blob)


HANDLERS = {"pickle": load_blob, "json": load_json}


@app.route("/tool")
def tool():
    return run_tool(request.args["name"], "-v")


@app.route("/export")
def export():
    Exporter.from_request(request).run()
    SafeExporter.from_request(request).run()
    return "ok"


@app.route("/query")
def query():
    conn = sqlite3.connect("app.db")
    find = make_query("items")
    find(conn, request.args["v"])
    return "ok"


@app.route("/load", methods=["POST"])
def load():
    kind = request.args.get("kind", "json")
    handler = HANDLERS.get(kind, load_json)
    # expect: CWE-79
    return str(handler(request.get_data()))


@app.route("/gen")
def gen():
    def lines():
        for value in request.args.getlist("v"):
            yield value.strip()

    for line in lines():
        # expect: CWE-78
        os.system("echo " + line)
    total = sum(len(x) for x in lines())
    # safe: CWE-78
    os.system(f"echo {total}")
    return "ok"


async def fetch_name(req):
    return req.args.get("name", "")


@app.route("/async")
async def async_view():
    name = await fetch_name(request)
    # expect: CWE-78
    os.system("greet " + name)
    return "ok"
