"""What a Flask view returns: HTML strings, JSON-encoded containers, declared content types."""

from flask import Flask, Response, jsonify, make_response, request, url_for
from flask_themes2 import render_theme_template
from markupsafe import Markup, escape

from .helpers import responses

app = Flask(__name__)


@app.route("/dict")
def as_dict():
    # safe: CWE-79
    return {"q": request.args.get("q", "")}


@app.route("/list")
def as_list():
    # safe: CWE-79
    return [request.args.get("q", "")]


@app.route("/text-tuple")
def text_tuple():
    # safe: CWE-79
    return request.args.get("q", ""), 200, {"Content-Type": "text/plain"}


@app.route("/html-headers")
def html_headers():
    # expect: CWE-79
    return request.args.get("q", ""), 200, {"Content-Type": "text/html"}


@app.route("/html-tuple")
def html_tuple():
    # expect: CWE-79
    return "<p>" + request.args.get("q", "") + "</p>", 200


@app.route("/markup")
def markup():
    q = request.args.get("q", "")
    # safe: CWE-79
    safe = Markup("<p>{}</p>").format(q)
    # expect: CWE-79
    unsafe = Markup("<p>" + q + "</p>")
    # expect: CWE-79
    return safe + unsafe


@app.route("/escape-concat")
def escape_concat():
    q = request.args.get("q", "")
    # safe: CWE-79
    return Markup("<b>") + escape(q) + Markup("</b>")


@app.route("/charset")
def charset():
    q = request.args.get("q", "")
    # safe: CWE-79
    return Response(q, content_type="text/plain; charset=utf-8")


@app.route("/html-charset")
def html_charset():
    q = request.args.get("q", "")
    # expect: CWE-79
    return make_response("<p>" + q + "</p>", 200, {"Content-Type": "text/html; charset=utf-8"})


@app.route("/plain-response")
def plain_response():
    q = request.args.get("q", "")
    # safe: CWE-79
    return make_response(q, 200, {"Content-Type": "text/plain; charset=utf-8"})


@app.route("/plain-tuple")
def plain_tuple():
    q = request.args.get("q", "")
    # safe: CWE-79
    return make_response((q, 200, {"Content-Type": "application/json"}))


@app.route("/retyped")
def retyped():
    q = request.args.get("q", "")
    resp = make_response(q)
    resp.headers["Content-Type"] = "text/plain; charset=utf-8"
    # safe: CWE-79
    return resp


@app.route("/mimetype")
def mimetype():
    resp = make_response(request.args.get("q", ""))
    resp.mimetype = "application/json"
    # safe: CWE-79
    return resp


@app.route("/still-html")
def still_html():
    resp = make_response(request.args.get("q", ""))
    resp.headers["X-Frame-Options"] = "DENY"
    # expect: CWE-79
    return resp


@app.route("/json-created")
def json_created():
    resp = make_response(jsonify(name=request.args.get("q", "")), 201)
    resp.headers["Location"] = "/items/1"
    # safe: CWE-79 (make_response keeps the JSON response it is given)
    return resp


@app.route("/json-tuple")
def json_tuple():
    # safe: CWE-79
    return make_response((jsonify(request.args.to_dict()), 200))


@app.route("/html-created")
def html_created():
    resp = make_response("<p>" + request.args.get("q", "") + "</p>", 201)
    # expect: CWE-79
    return resp


@app.route("/helper-json")
def helper_json():
    # safe: CWE-79 (the helper returns a JSON response)
    return responses.json_answer({"q": request.args.get("q", "")})


@app.route("/helper-relay")
def helper_relay():
    # safe: CWE-79
    return responses.relay([request.args.get("q", "")])


@app.route("/helper-mapping")
def helper_mapping():
    # safe: CWE-79 (the helper returns a dict, sent as JSON)
    return responses.as_mapping(request.args.get("q", ""))


@app.route("/themed")
def themed():
    # safe: CWE-79 (a Jinja template of the current theme: autoescaped)
    return render_theme_template("dark", "page.html", q=request.args.get("q", ""))


@app.route("/typed/<name>")
def typed(name):
    # the media type comes from the request; the body does not
    # safe: CWE-79
    return Response("<p>fixed</p>", mimetype=request.args.get("type", "text/html"))


@app.route("/helper-html")
def helper_html():
    # expect: CWE-79
    return responses.html_answer(request.args.get("q", ""))


@app.route("/go-local/<name>")
def go_local(name):
    # a path of this site, whichever helper redirects to it
    return responses.go_to("/logs/" + name)


@app.route("/go-logs/<name>")
def go_logs(name):
    # the site's own URL, then constant text, then the input: still this site
    return responses.go_to(url_for("index") + "downloads/logs/" + name)


@app.route("/go-anywhere")
def go_anywhere():
    return responses.send_to(request.args.get("next", "/"))


@app.route("/item/<item_id>")
def fetch_item(item_id):
    # safe: CWE-918, CWE-79
    return escape(responses.fetch(f"https://api.example.com/items/{item_id}"))


@app.route("/fetch")
def fetch_any():
    # safe: CWE-79
    return escape(responses.fetch_from(request.args.get("url", "")))
