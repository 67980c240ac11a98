"""Flask sources: every request attribute, accessor and route parameter reaches a sink."""

import os
import subprocess

from flask import Flask, request
from flask.views import MethodView

app = Flask(__name__)


@app.route("/args")
def from_args():
    # expect: PY-TAINT-CMDI
    os.system("echo " + request.args["q"])
    # expect: PY-TAINT-CMDI
    os.system("echo " + request.args.get("q", ""))
    # expect: PY-TAINT-CMDI
    os.system("echo " + " ".join(request.args.getlist("q")))
    # type=int makes Werkzeug convert (or drop) the value
    # safe: CWE-78
    os.system("echo %d" % request.args.get("n", 0, type=int))
    return ""


@app.route("/form", methods=["POST"])
def from_form():
    # expect: CWE-78
    os.system("echo " + request.form["name"])
    # expect: CWE-78
    os.system("echo " + request.values["name"])
    # expect: CWE-78
    os.system("echo " + request.cookies.get("session_hint", ""))
    # expect: CWE-78
    os.system("echo " + request.headers["X-Trace"])
    return ""


@app.route("/body", methods=["POST"])
def from_body():
    payload = request.get_json()
    # expect: CWE-78
    subprocess.call("process " + payload["task"], shell=True)
    # expect: CWE-78
    subprocess.call("process " + request.json["task"], shell=True)
    # expect: CWE-78
    subprocess.call(b"process " + request.data, shell=True)
    # expect: CWE-78
    subprocess.call(b"process " + request.get_data(), shell=True)
    upload = request.files["document"]
    # expect: CWE-78
    subprocess.call("convert " + upload.filename, shell=True)
    # expect: CWE-78
    subprocess.call("show " + request.view_args["page"], shell=True)
    return ""


@app.route("/files/<name>")
def route_parameter(name):
    # expect: PY-TAINT-PATH
    return open("/srv/files/" + name).read()


@app.route("/items/<int:item_id>")
def converted_parameter(item_id):
    # the int converter only lets digits through
    # safe: CWE-22
    return open(f"/srv/items/{item_id}.json").read()


@app.get("/download/<path:subpath>")
def path_parameter(subpath):
    # expect: CWE-22
    return open(os.path.join("/srv/static", subpath)).read()


@app.route("/report/<kind>/<int:year>")
def two_parameters(kind, year):
    # expect: CWE-22
    with open(f"/srv/reports/{kind}/{year}.csv") as handle:
        return handle.read()


class ExportView(MethodView):
    def get(self, fmt):
        # expect: CWE-78
        os.system("export --format " + fmt)
        return ""

    def post(self):
        # expect: CWE-78
        os.system("export --format " + request.form["fmt"])
        return ""


app.add_url_rule("/export/<fmt>", view_func=ExportView.as_view("export"))
