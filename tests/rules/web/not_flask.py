"""Look-alikes in a module that does not use Flask."""

import asyncio
import subprocess

import uvicorn
from bottle import Bottle


class Job:
    def run(self, debug=False):
        return debug


job = Job()
web = Bottle()


def go():
    # safe: PY-WEB-002
    job.run(debug=True)
    # safe: PY-WEB-002
    asyncio.run(go(), debug=True)
    # safe: PY-WEB-002
    uvicorn.run("app:app", debug=True)
    # safe: PY-WEB-002
    web.run(debug=True)
    # safe: PY-WEB-002
    subprocess.run(["ls"])


def not_a_config(config):
    # safe: PY-WEB-004
    config["SECRET_KEY"] = "not-a-flask-config"
    # safe: PY-WEB-001
    settings_debug = True
    return settings_debug
