"""Business logic between the views and the database."""

from app import db


def search_inventory(term):
    cleaned = term.strip()
    return db.find_items(cleaned)


def item_details(item_id):
    return db.find_item_by_id(int(item_id))
