"""Database helpers: the sinks live here, far from the request."""

import sqlite3

DATABASE = "shop.db"


def connect():
    return sqlite3.connect(DATABASE)


def find_products(name):
    connection = connect()
    cursor = connection.cursor()
    query = "SELECT id, name FROM products WHERE name LIKE '%" + name + "%'"
    # expect: PY-TAINT-SQLI
    cursor.execute(query)
    return cursor.fetchall()


def find_product(product_id):
    cursor = connect().cursor()
    # a parameterised query: the value travels separately from the SQL text
    # safe: CWE-89
    cursor.execute("SELECT id, name FROM products WHERE id = ?", (product_id,))
    return cursor.fetchone()


def find_orders(customer):
    cursor = connect().cursor()
    # expect: PY-TAINT-SQLI
    cursor.execute(f"SELECT * FROM orders WHERE customer = '{customer}'")
    return cursor.fetchall()


def count_by_status(status):
    cursor = connect().cursor()
    # status arrives validated (an allow-list in services.py): no taint finding; the pattern
    # rule still flags the formatted SQL, since another caller could pass anything
    # safe: PY-TAINT-SQLI
    # expect: PY-SQLI-001
    cursor.execute(f"SELECT count(*) FROM orders WHERE status = '{status}'")
    return cursor.fetchone()


class Repository:
    """Holds the table name it queries; the name comes from the caller."""

    def __init__(self, table):
        self.table = table

    def all(self):
        cursor = connect().cursor()
        # expect: PY-TAINT-SQLI
        cursor.execute("SELECT * FROM " + self.table)
        return cursor.fetchall()
