"""Database helpers."""

import sqlite3

DATABASE = "inventory.db"


def connect():
    return sqlite3.connect(DATABASE)


def find_items(name):
    connection = connect()
    cursor = connection.cursor()
    query = f"SELECT id, name, price FROM items WHERE name LIKE '%{name}%'"
    cursor.execute(query)
    return cursor.fetchall()


def find_item_by_id(item_id):
    connection = connect()
    cursor = connection.cursor()
    cursor.execute("SELECT id, name, price FROM items WHERE id = ?", (item_id,))
    return cursor.fetchone()
