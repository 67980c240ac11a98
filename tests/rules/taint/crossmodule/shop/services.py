"""Business logic between the views and the database."""

from . import db
from .db import Repository

STATUSES = ("open", "paid", "shipped")


def search(term):
    cleaned = term.strip().lower()
    return db.find_products(cleaned)


def product(product_id):
    return db.find_product(int(product_id))


def orders_of(customer):
    from shop import find_orders_reexported

    return find_orders_reexported(customer)


def count(status):
    if status not in STATUSES:
        status = "open"
    return db.count_by_status(status)


def listing(table):
    return Repository(table).all()


def listing_fixed():
    repository = Repository("products")
    return repository.all()
