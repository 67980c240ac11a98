"""Calls into a star-imported module are resolved like any other."""

from flask import Flask, request

from .starlib import *  # noqa: F403

app = Flask(__name__)


@app.route("/archive")
def archive_view():
    archive(request.args["name"])  # noqa: F405
    archive_fixed(request.args["name"])  # noqa: F405
    return "ok"
