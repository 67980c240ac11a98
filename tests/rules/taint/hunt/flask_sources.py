"""Flask request attributes: the ones the client writes and the ones it cannot shape."""

import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/sources", methods=["POST"])
def sources():
    # expect: CWE-78
    os.system("echo " + request.json["a"])
    # expect: CWE-78
    os.system("echo " + request.get_json(force=True)["b"])
    # expect: CWE-78
    os.system("echo " + request.data.decode())
    # expect: CWE-78
    os.system("echo " + request.stream.read().decode())
    # expect: CWE-78
    os.system("echo " + request.environ.get("HTTP_X_TRACE", ""))
    # expect: CWE-78
    os.system("echo " + request.authorization.username)
    # expect: CWE-78
    os.system("echo " + ",".join(request.form.getlist("tag")))
    # expect: CWE-78
    os.system("echo " + request.headers["User-Agent"])
    return "ok"


@app.route("/not-sources", methods=["POST"])
def not_sources():
    # the pattern rule cannot tell these apart from input; the taint rule can
    # expect: PY-CMD-002
    # safe: PY-TAINT-CMDI
    os.system("echo " + request.method)
    # expect: PY-CMD-002
    # safe: PY-TAINT-CMDI
    os.system(f"echo {request.content_length} {request.is_json}")
    # safe: CWE-78
    os.system("echo " + str(request.args.get("page", 1, type=int)))
    return "ok"
