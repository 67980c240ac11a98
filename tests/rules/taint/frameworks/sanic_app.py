"""Sanic handlers: request.args, form, json and headers are input."""

import html
import shlex
import subprocess

from sanic import Sanic
from sanic.response import html as html_response
from sanic.response import redirect, text

app = Sanic("fixture")


@app.route("/hello")
async def hello(request):
    name = request.args.get("name")
    # expect: PY-TAINT-XSS
    return html_response("<p>Hello " + name + "</p>")


@app.route("/hello_safe")
async def hello_safe(request):
    name = request.args.get("name")
    # safe: CWE-79
    return html_response("<p>Hello " + html.escape(name) + "</p>")


@app.route("/run", methods=["POST"])
async def run(request):
    command = request.json["command"]
    # expect: PY-TAINT-CMDI
    subprocess.run("ls " + command, shell=True, check=False)
    # safe: CWE-78
    subprocess.run("ls " + shlex.quote(command), shell=True, check=False)
    return text("ok")


@app.route("/go")
async def go(request):
    # expect: PY-TAINT-REDIRECT
    return redirect(request.args.get("next"))
