"""Views that pass request data to the upstream client."""

from flask import Flask, jsonify, request

from .upstream import fetch, fetch_item, fetch_number, safe_item_url, search_url, item_url

app = Flask(__name__)


@app.route("/items/<item_id>")
def item(item_id):
    return jsonify(fetch(item_url(item_id)))


@app.route("/quoted/<item_id>")
def quoted(item_id):
    return jsonify(fetch(safe_item_url(item_id)))


@app.route("/search")
def search():
    return jsonify(fetch(search_url(request.args["q"])))


@app.route("/proxy")
def proxy():
    return jsonify(fetch(request.args["url"]))


@app.route("/direct")
def direct():
    return jsonify(fetch_item(request.args["id"]))


@app.route("/number")
def number():
    return jsonify(fetch_number(request.args["n"]))
