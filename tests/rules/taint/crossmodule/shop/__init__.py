"""A small shop: views → services → db across modules (a taint fixture project)."""

from flask import Flask

from .db import find_orders as find_orders_reexported  # noqa: F401  (re-exported for views)

app = Flask(__name__)
