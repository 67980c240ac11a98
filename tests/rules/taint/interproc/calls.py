"""Summaries: parameters to returns and sinks, side effects, recursion, methods."""

import os
import subprocess

from flask import Flask, request

app = Flask(__name__)

COMMANDS = []


def passthrough(value):
    return value


def constant(value):
    return "fixed"


def run(command):
    # expect: CWE-78
    subprocess.call(command, shell=True)


def run_second(first, second):
    # expect: CWE-78
    os.system(second)


def fill(target, value):
    target.append(value)


def remember(command):
    COMMANDS.append(command)


def run_remembered():
    for command in COMMANDS:
        # expect: CWE-78
        os.system(command)


def nest(value, depth):
    if depth == 0:
        return value
    return nest("(" + value + ")", depth - 1)


def ping(value, rounds):
    if rounds:
        return pong(value, rounds - 1)
    return value


def pong(value, rounds):
    return ping(value, rounds)


def options(*args, **kwargs):
    # expect: CWE-78
    os.system(" ".join(args))
    # expect: CWE-78
    os.system(kwargs["mode"])


@app.route("/helpers")
def helpers():
    v = request.args["v"]
    # expect: CWE-78
    os.system(passthrough(v))
    # safe: CWE-78
    os.system(constant(v))
    run("echo " + v)
    run_second("safe", v)
    run_second(v, "safe")
    collected = []
    fill(collected, v)
    # expect: CWE-78
    os.system(collected[0])
    remember(v)
    # expect: CWE-78
    os.system(nest(v, 3))
    # expect: CWE-78
    os.system(ping(v, 4))
    options(v, mode=v)
    return "ok"


class Base:
    def command(self, value):
        return "echo " + value

    def execute(self, value):
        # expect: CWE-78
        os.system(self.command(value))


class Quiet(Base):
    def command(self, value):
        return "true"


class Loud(Base):
    def shout(self, value):
        return super().command(value.upper())


class Tools:
    @staticmethod
    def quote(value):
        return "'" + value.replace("'", "") + "'"

    @classmethod
    def build(cls, value):
        return cls.prefix() + value

    @classmethod
    def prefix(cls):
        return "run "


@app.route("/methods")
def methods():
    v = request.args["v"]
    Base().execute(v)
    loud = Loud()
    # expect: CWE-78
    os.system(loud.shout(v))
    # expect: CWE-78
    os.system(Tools.quote(v))
    # expect: CWE-78
    os.system(Tools.build(v))
    # safe: CWE-78
    os.system(Tools.prefix())
    return "ok"


def make_runner():
    return Base()


@app.route("/factory")
def factory():
    runner = make_runner()
    # expect: CWE-78
    os.system(runner.command(request.args["v"]))
    return "ok"


def with_default(value, prefix="echo "):
    return prefix + value


@app.route("/keywords")
def keyword_arguments():
    # expect: CWE-78
    os.system(with_default(prefix="ls ", value=request.args["v"]))
    # safe: CWE-78
    os.system(with_default("x"))
    return "ok"
