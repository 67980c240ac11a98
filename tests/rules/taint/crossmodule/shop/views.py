"""HTTP handlers: input enters here and crosses two calls and a module boundary."""

from flask import jsonify, request

from shop import app, services


@app.route("/search")
def search():
    term = request.args.get("q", "")
    return jsonify(services.search(term))


@app.route("/products/<product_id>")
def product(product_id):
    return jsonify(services.product(product_id))


@app.route("/orders")
def orders():
    return jsonify(services.orders_of(request.args["customer"]))


@app.route("/count")
def count():
    return jsonify(services.count(request.args["status"]))


@app.route("/list/<table>")
def listing(table):
    return jsonify(services.listing(table))
