"""A typical, safe Flask CRUD app: ORM queries, bound parameters, templates, JSON, checks.

No annotations: any finding in this file is a false alarm.
"""

import os
import sqlite3
import subprocess
from urllib.parse import urlparse

from flask import Blueprint, abort, jsonify, redirect, render_template, request, send_from_directory, url_for
from markupsafe import escape
from werkzeug.utils import secure_filename

from .models import Item, db

bp = Blueprint("items", __name__)
UPLOADS = "/srv/uploads"
SORTS = {"name": "name ASC", "date": "created DESC"}
EXPORTERS = ("csv", "json")


@bp.route("/items")
def list_items():
    page = request.args.get("page", 1, type=int)
    sort = SORTS.get(request.args.get("sort", "name"), "name ASC")
    items = Item.query.filter_by(owner=request.args.get("owner")).paginate(page=page)
    connection = sqlite3.connect("app.db")
    rows = connection.execute(f"SELECT id, name FROM items ORDER BY {sort}").fetchall()
    return render_template("items.html", items=items, rows=rows)


@bp.route("/items/<int:item_id>")
def show_item(item_id):
    item = db.session.get(Item, item_id) or abort(404)
    return jsonify(id=item.id, name=item.name)


@bp.route("/items/search")
def search():
    term = request.args.get("q", "")
    connection = sqlite3.connect("app.db")
    rows = connection.execute("SELECT id FROM items WHERE name LIKE ?", ("%" + term + "%",))
    return jsonify([row[0] for row in rows])


@bp.route("/items/<int:item_id>/attachment", methods=["POST"])
def upload(item_id):
    document = request.files["document"]
    name = secure_filename(document.filename)
    # expect: PY-UPLOAD-001
    document.save(os.path.join(UPLOADS, str(item_id), name))
    return redirect(url_for("items.show_item", item_id=item_id))


@bp.route("/attachments/<path:name>")
def attachment(name):
    return send_from_directory(UPLOADS, name)


@bp.route("/greet")
def greet():
    return "<p>Hello " + str(escape(request.args.get("name", "world"))) + "</p>"


@bp.route("/export/<fmt>")
def export(fmt):
    if fmt not in EXPORTERS:
        abort(400)
    subprocess.run(["exporter", "--format", fmt, "--out", "/srv/exports"], check=True)
    return jsonify(status="started")


@bp.route("/next")
def after_login():
    target = request.args.get("next", "")
    if urlparse(target).netloc:
        target = url_for("items.list_items")
    return redirect(target)


@bp.route("/docs")
def docs():
    page = request.args.get("page", "/docs/index")
    if not page.startswith("/docs/"):
        abort(404)
    return redirect(page)
