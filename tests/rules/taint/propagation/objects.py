"""Objects, closures, lambdas and coroutines carry taint too."""

import asyncio
import os
import subprocess

from flask import Flask, request

app = Flask(__name__)


class Job:
    def __init__(self, command, label="job"):
        self.command = command
        self.label = label

    def run(self):
        # expect: CWE-78
        os.system(self.command)

    def describe(self):
        # no taint finding; fields are summarised per class, so only the link step knows the
        # label is constant, and the pattern rule (which runs per file) still flags the call
        # safe: PY-TAINT-CMDI
        # expect: PY-CMD-002
        os.system("echo " + self.label)


@app.route("/job")
def create_job():
    job = Job(request.args["cmd"])
    job.run()
    # the label was not from the request
    job.describe()
    # expect: CWE-78
    os.system(job.command)
    # safe: PY-TAINT-CMDI
    # expect: PY-CMD-002
    os.system(job.label)
    return "ok"


class Settings:
    def load(self, data):
        self.target = data["target"]

    def apply(self):
        # expect: CWE-78
        subprocess.run("deploy " + self.target, shell=True)


@app.route("/settings", methods=["POST"])
def settings():
    config = Settings()
    config.load(request.get_json())
    config.apply()
    return "ok"


@app.route("/local-object")
def local_object_attributes():
    class Box:
        pass

    box = Box()
    box.value = request.args["v"]
    box.other = "fixed"
    # expect: CWE-78
    os.system(box.value)
    # safe: CWE-78
    os.system(box.other)
    return "ok"


@app.route("/closure")
def closures():
    user = request.args["user"]

    def run():
        # expect: CWE-78
        os.system("finger " + user)

    run()
    return "ok"


@app.route("/lambda")
def lambdas():
    decorate = lambda text: "[" + text + "]"  # noqa: E731
    # expect: CWE-78
    os.system(decorate(request.args["v"]))
    # safe: CWE-78
    os.system(decorate("constant"))
    values = list(map(lambda s: s.strip(), request.args.getlist("v")))
    # expect: CWE-78
    os.system(values[0])
    return "ok"


async def run_remote(command):
    # expect: CWE-78
    process = await asyncio.create_subprocess_shell(command)
    return await process.wait()


async def fetch_command():
    await asyncio.sleep(0)
    return request.args["cmd"]


@app.route("/async")
async def coroutines():
    command = await fetch_command()
    # expect: CWE-78
    os.system(command)
    await run_remote("ls " + request.args["dir"])
    return "ok"
