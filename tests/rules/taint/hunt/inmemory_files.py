"""Calls that take "a path or a file object", given uploaded bytes in memory or a name."""

import io
import zipfile
from io import BytesIO, StringIO
from urllib.request import urlopen

from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_archive():
    payload = request.get_data()
    # an archive read from memory opens no file by name
    # safe: PY-TAINT-PATH
    archive = zipfile.ZipFile(io.BytesIO(payload))
    names = archive.namelist()
    buffer = BytesIO(payload)
    # safe: PY-TAINT-PATH
    with zipfile.ZipFile(buffer, "r") as bundle:
        names += bundle.namelist()
    # safe: PY-TAINT-PATH
    zipfile.ZipFile(file=BytesIO(payload)).close()
    # the archive's name comes from the request: a file chosen by the client
    # expect: PY-TAINT-PATH
    zipfile.ZipFile(request.form["archive"])
    return {"files": names}


@app.route("/download-skeleton")
def download_skeleton():
    url = urlopen("https://example.com/skeleton.zip")
    # safe: PY-TAINT-PATH
    zipfile.ZipFile(BytesIO(url.read())).extractall("/srv/skeleton")
    return "ok"


@app.route("/export")
def export_csv():
    rows = request.args.get("rows", "")
    # bytes built in memory and sent back: no file is read
    # safe: PY-TAINT-PATH
    return send_file(io.BytesIO(rows.encode()), mimetype="text/csv", download_name="rows.csv")


@app.route("/export-text")
def export_text():
    text = StringIO(request.args.get("text", ""))
    # safe: PY-TAINT-PATH
    return send_file(path_or_file=text, mimetype="text/plain")


@app.route("/report")
def report():
    name = request.args["name"]
    # the name picks a file on the server
    # expect: PY-TAINT-PATH
    return send_file(name)


@app.route("/echo", methods=["POST"])
def echo_buffer():
    buffer = io.BytesIO(request.get_data())
    # the buffer still carries the request's bytes
    # expect: PY-TAINT-PATH
    return open(buffer.getvalue().decode(), "rb").read()
