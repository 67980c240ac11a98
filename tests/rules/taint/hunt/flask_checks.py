"""Flask views that check or convert input before use, next to ones that do not."""

import os
import re
import shlex
import subprocess
import tarfile
from pathlib import Path

import jinja2
import yaml
from flask import Flask, abort, g, render_template_string, request, send_from_directory

app = Flask(__name__)
BASE = Path("/srv/data")
EXPORTS = "/srv/exports"
NAME_RE = re.compile(r"^[a-z0-9_-]+$")
env = jinja2.Environment(autoescape=True)
files_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader("templates"), autoescape=jinja2.select_autoescape()
)
# expect: PY-TMPL-001
plain_env = jinja2.Environment()


class Job:
    def __init__(self, name):
        self.name = name
        self.tool = "/usr/bin/convert"

    def command(self):
        return f"{self.tool} {self.name} out.png"

    def run(self):
        # expect: CWE-78
        return subprocess.run(self.command(), shell=True, check=False)


@app.before_request
def load_user():
    g.user = request.headers.get("X-User", "anon")


@app.route("/job")
def job():
    Job(request.args["name"]).run()
    return "ok"


@app.route("/whoami")
def whoami():
    # expect: CWE-79
    return "<b>" + g.user + "</b>"


@app.route("/regex")
def regex_checked():
    name = request.args.get("name", "")
    if not NAME_RE.match(name):
        abort(400)
    # safe: CWE-78
    os.system("convert " + name + " out.png")
    return "ok"


@app.route("/fullmatch")
def fullmatch_checked():
    name = request.args.get("name", "")
    if re.fullmatch(r"[A-Za-z0-9]+", name) is None:
        return "bad", 400
    # safe: CWE-22
    return (BASE / name).read_text()


@app.route("/compiled")
def compiled_local():
    code = request.args.get("code", "")
    loose = re.compile(r"^[a-z]+$", re.MULTILINE)
    if loose.match(code):
        # expect: CWE-78
        os.system("lookup " + code)
    strict = re.compile(r"[a-z]+", re.IGNORECASE)
    if strict.fullmatch(code) is not None:
        # safe: CWE-78
        os.system("lookup " + code)
    return "ok"


@app.route("/isalnum")
def isalnum_checked():
    name = request.args.get("name", "")
    if not name.isalnum():
        abort(400)
    # safe: CWE-78
    os.system("convert " + name)
    return "ok"


@app.route("/int-try")
def int_try():
    raw = request.args.get("n", "0")
    try:
        n = int(raw)
    except ValueError:
        return "bad", 400
    # safe: CWE-78
    os.system(f"seq {n}")
    # expect: CWE-78
    os.system(f"seq {raw}")
    return "ok"


@app.route("/split")
def split_args():
    line = request.args.get("q", "")
    # expect: CWE-78
    subprocess.run("grep " + line, shell=True)
    # safe: CWE-78
    subprocess.run(["grep", "--", *shlex.split(line)])
    return "ok"


@app.route("/pathlib")
def pathlib_join():
    sub = request.args.get("dir", "")
    name = request.args.get("name", "")
    target = BASE / sub / name
    # expect: CWE-22
    with target.open() as fh:
        return fh.read()


@app.route("/normpath")
def normpath_checked():
    name = request.args.get("name", "")
    full = os.path.normpath(os.path.join(EXPORTS, name))
    if not full.startswith(EXPORTS + "/"):
        abort(403)
    # safe: CWE-22
    return open(full).read()


@app.route("/send")
def send():
    # safe: CWE-22
    return send_from_directory(EXPORTS, request.args["name"])


@app.route("/strings")
def string_methods():
    raw = request.args.get("tags", "")
    first = raw.strip().lower().split(",")[0]
    # expect: CWE-78
    os.system("tag " + first)
    m = re.match(r"(\w+)-(\d+)", raw)
    if m:
        # expect: CWE-78
        os.system("tag " + m.group(1))
    return "ok"


@app.route("/form-items")
def form_items():
    parts = []
    for key, value in request.form.items():
        parts.append(f"{key}={value}")
    # expect: CWE-79
    return "<pre>" + "\n".join(parts) + "</pre>"


@app.route("/to-dict")
def to_dict():
    data = request.args.to_dict()
    # the name is template source, and is in the page as it is
    # expect: CWE-1336, CWE-79
    return render_template_string("Hello " + data.get("name", ""))


@app.route("/jinja")
def jinja_env():
    name = request.args.get("name", "")
    # expect: CWE-1336
    bad = env.from_string("<p>" + name + "</p>").render()
    # expect: CWE-79
    return bad


@app.route("/jinja-safe")
def jinja_env_safe():
    name = request.args.get("name", "")
    page = env.from_string("<p>{{ name }}</p>").render(name=name)
    listing = files_env.get_template("list.html").render(items=request.args.getlist("i"))
    # safe: CWE-79
    return page + listing


@app.route("/jinja-plain")
def jinja_plain():
    name = request.args.get("name", "")
    # no autoescaping: the name is written into the page as it is
    page = plain_env.from_string("<p>{{ name }}</p>").render(name=name)
    # expect: CWE-79
    return page


@app.route("/yaml", methods=["POST"])
def yaml_load():
    # expect: CWE-502
    config = yaml.load(request.data, Loader=yaml.FullLoader)
    # safe: CWE-502
    other = yaml.safe_load(request.data)
    return {"a": str(config), "b": str(other)}


@app.route("/tar", methods=["POST"])
def tar_extract():
    upload = request.files["archive"]
    with tarfile.open(fileobj=upload.stream) as tar:
        # expect: CWE-22
        tar.extractall(EXPORTS)
    return "ok"


@app.route("/getattr")
def dynamic_attr():
    action = request.args.get("action", "status")
    # expect: CWE-95, CWE-79
    return str(eval("handlers." + action + "()"))
