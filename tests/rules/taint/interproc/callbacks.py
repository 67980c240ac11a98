"""Functions called later by the library: thread targets, executors, map()."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, request

app = Flask(__name__)


def deploy(target):
    # expect: CWE-78
    os.system("deploy " + target)


def notify(channel):
    # safe: CWE-78
    os.system("notify ops")


def shout(text):
    return text.upper() + "!"


@app.route("/deploy")
def start_deploy():
    threading.Thread(target=deploy, args=(request.args["target"],)).start()
    with ThreadPoolExecutor() as pool:
        pool.submit(deploy, request.args["other"])
        pool.submit(notify, request.args["channel"])
    loud = list(map(shout, request.args.getlist("word")))
    # expect: CWE-78
    os.system("echo " + loud[0])
    quiet = list(map(str.lower, ["A", "B"]))
    # safe: CWE-78
    os.system("echo " + quiet[0])
    return "ok"
