"""HTTP handlers."""

import pickle
import subprocess

from flask import jsonify, request

from app import app, services


@app.route("/search")
def search():
    term = request.args.get("q", "")
    return jsonify(services.search_inventory(term))


@app.route("/items/<item_id>")
def item(item_id):
    return jsonify(services.item_details(item_id))


@app.route("/ping")
def ping():
    host = request.args["host"]
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return output.decode()


@app.route("/restore", methods=["POST"])
def restore():
    cart = pickle.loads(request.get_data())
    return jsonify(cart)


@app.route("/price")
def price():
    formula = request.args["formula"]
    return jsonify(eval(formula))


@app.route("/version")
def version():
    tag = subprocess.check_output(["git", "describe", "--tags"])
    return tag.decode()
