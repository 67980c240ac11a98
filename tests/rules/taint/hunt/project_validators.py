"""Redirects guarded by the project's own check functions (same module and imported).

A function of the project that returns a true value only for a safe argument cleans
that argument where it is used as a check, as a library validator does. One that
returns True for anything, or checks something that does not constrain the value,
cleans nothing.
"""

from fnmatch import fnmatch
from urllib.parse import urlparse

from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, current_app, redirect, request, url_for

from .helpers import urls
from .helpers.urls import host_is_ours, is_allowed_redirect, safe_target

app = Flask(__name__)
TRUSTED = ("example.com", "static.example.com")


def is_safe_redirect_url(url):
    parsed = urlparse(url)
    return not parsed.netloc or parsed.netloc in TRUSTED


def check_next(target, request_host):
    return url_has_allowed_host_and_scheme(target, allowed_hosts={request_host})


def validate_next(target):
    if not target:
        return False
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return False
    return True


def accept_anything(url):
    return True


def not_too_long(url):
    return len(url) < 200


def checked_or_not(url, strict):
    if strict:
        return url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    return True


def get_safe_redirect(url):
    if url and check_next(url, "example.com"):
        return url
    return url_for("index")


class Checks:
    @staticmethod
    def allowed(url):
        return url_has_allowed_host_and_scheme(url, allowed_hosts=None)

    def permissive(self, url):
        return bool(url)


@app.route("/login/a")
def login_a():
    nxt = request.args.get("next", "/")
    if check_next(nxt, request.host):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/b")
def login_b():
    nxt = request.args.get("next", "/")
    if not validate_next(nxt):
        nxt = "/"
    # safe: PY-TAINT-REDIRECT
    return redirect(nxt)


@app.route("/login/c")
def login_c():
    nxt = request.args.get("next", "/")
    if accept_anything(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/d")
def login_d():
    nxt = request.args.get("next", "/")
    if not not_too_long(nxt):
        return redirect("/")
    # expect: PY-TAINT-REDIRECT
    return redirect(nxt)


@app.route("/login/e")
def login_e():
    # safe: PY-TAINT-REDIRECT
    return redirect(get_safe_redirect(request.args.get("next")))


@app.route("/login/f")
def login_f():
    nxt = request.args["next"]
    if checked_or_not(nxt, strict=request.args.get("strict") == "1"):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/g")
def login_g():
    nxt = request.args["next"]
    if is_allowed_redirect(nxt, host=request.host):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if urls.is_allowed_redirect(url=nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if urls.looks_fine(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/h")
def login_h():
    nxt = request.args["next"]
    if not urls.short_enough(nxt):
        abort_to = "/"
        return redirect(abort_to)
    # expect: PY-TAINT-REDIRECT
    return redirect(nxt)


@app.route("/login/i")
def login_i():
    # safe: PY-TAINT-REDIRECT
    return redirect(safe_target(request.args.get("next")))


@app.route("/login/j")
def login_j():
    # expect: PY-TAINT-REDIRECT
    return redirect(urls.logged_target(request.args.get("next")))


@app.route("/login/k")
def login_k():
    nxt = request.args["next"]
    ok = host_is_ours(nxt)
    if ok:
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if is_safe_redirect_url(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/l")
def login_l():
    nxt = request.args["next"]
    if Checks.allowed(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if Checks().permissive(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/m")
def login_m():
    nxt = request.args["next"]
    if accept_anything(nxt) or check_next(nxt, request.host):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


REDIRECT_HOSTS = ["example.com", "*.example.com"]


def host_matches(url):
    parts = urlparse(url)
    allowed = not parts.netloc or any(fnmatch(parts.netloc, p) for p in REDIRECT_HOSTS)
    return allowed and parts.scheme in ("", "http", "https")


def host_is_configured(url):
    hosts = current_app.config.get("SAFE_REDIRECT_HOSTS", [])
    if not hosts:
        hosts = [urlparse(request.host_url).netloc]
    parts = urlparse(url)
    return not parts.netloc or any(fnmatch(parts.netloc, h) for h in hosts)


def host_from_header(url):
    hosts = [request.headers.get("X-Forwarded-Host", "")]
    return any(urlparse(url).netloc == h for h in hosts)


def host_matches_theirs(url, hosts):
    parts = urlparse(url)
    return not parts.netloc or any(fnmatch(parts.netloc, p) for p in hosts)


def host_checked_elsewhere(url, other):
    return urlparse(other).netloc in TRUSTED


@app.route("/login/n")
def login_n():
    nxt = request.args["next"]
    if host_matches(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if host_matches_theirs(nxt, request.args.getlist("hosts")):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    if host_checked_elsewhere(nxt, "https://example.com/"):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    if host_is_configured(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if host_from_header(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/o")
def login_o():
    nxt = request.args["next"]
    # one check or the other: clean for what both of them validate
    if urls.host_is_ours(nxt) or nxt.startswith("/account/"):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if not (nxt.startswith("/help/") or check_next(nxt, request.host)):
        return redirect("/")
    # safe: PY-TAINT-REDIRECT
    return redirect(nxt)


@app.route("/login/p")
def login_p():
    nxt = request.args["next"]
    # the second check validates nothing: it lets any URL through
    if urls.host_is_ours(nxt) or urls.short_enough(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    if urls.host_is_ours(nxt) or len(nxt) < 100:
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    if host_matches(nxt) or urls.host_is_ours(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    return redirect("/")


@app.route("/login/q")
def login_q():
    nxt = request.args["next"]
    if urls.is_site_path(nxt):
        # safe: PY-TAINT-REDIRECT
        return redirect(nxt)
    if urls.is_local_path(nxt):
        # expect: PY-TAINT-REDIRECT
        return redirect(nxt)
    if not nxt.startswith("/") or nxt.startswith("//") or nxt.startswith("/\\"):
        return redirect("/")
    # safe: PY-TAINT-REDIRECT
    return redirect(nxt)


@app.route("/login/r")
def login_r():
    login_url = current_app.config["LOGIN_URL"]
    # the input is in the query string: it cannot choose the host
    if request.args.get("form"):
        # safe: PY-TAINT-REDIRECT
        return redirect(login_url + "?next=" + request.path + request.args["form"])
    if request.args.get("anchor"):
        # safe: PY-TAINT-REDIRECT
        return redirect(f"{login_url}#{request.args['anchor']}")
    # the base comes from the request too
    # expect: PY-TAINT-REDIRECT
    return redirect(request.args["base"] + "?next=" + request.path)
