"""URLs rebuilt from their components: input in the query or the fragment cannot send
the browser elsewhere; input in the scheme, the host or the path can."""

from urllib import parse
from urllib.parse import urlencode, urlparse, urlsplit, urlunparse, urlunsplit

from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/search")
def search_again():
    parts = list(urlsplit(url_for("search_page")))
    parts[3] = urlencode({"q": request.args.get("q", "")})
    # safe: CWE-601
    return redirect(urlunsplit(parts))


@app.route("/fragment")
def jump_to_section():
    section = request.args.get("section", "top")
    # safe: CWE-601
    return redirect(urlunsplit(("https", "docs.example.com", "/guide", "", section)))


@app.route("/filters")
def keep_filters():
    scheme, netloc, path, params, query, fragment = urlparse(url_for("index"))
    query = parse.urlencode({"filter": request.args.get("filter", "")})
    # safe: CWE-601
    return redirect(urlunparse((scheme, netloc, path, params, query, fragment)))


@app.route("/next")
def next_page():
    parts = list(urlsplit(request.args.get("next", "/")))
    # the whole target comes from the request
    # expect: CWE-601
    return redirect(urlunsplit(parts))


@app.route("/host")
def host_from_input():
    host = request.args["host"]
    # expect: CWE-601
    return redirect(urlunsplit(("https", host, "/", "", "")))


@app.route("/path")
def path_from_input():
    page = request.args["page"]
    # an empty host and a path of "//evil.example" lead off the site
    # expect: CWE-601
    return redirect(urlunsplit(("", "", page, "", "")))


@app.route("/query-and-host")
def query_and_host():
    target = request.args["target"]
    parts = list(urlsplit(url_for("index")))
    parts[3] = urlencode({"next": target})
    parts[1] = target
    # expect: CWE-601
    return redirect(urlunsplit(parts))


@app.route("/unknown-index")
def unknown_index(position: int = 3):
    parts = list(urlsplit(url_for("index")))
    parts[position] = request.args["value"]
    # which component the input went to is unknown
    # expect: CWE-601
    return redirect(urlunsplit(parts))
