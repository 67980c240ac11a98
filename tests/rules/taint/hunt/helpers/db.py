"""A helper module the views call into."""

import sqlite3
from contextlib import contextmanager

SETTINGS = {"db": "app.db", "table": "users"}


@contextmanager
def cursor():
    conn = sqlite3.connect(SETTINGS["db"])
    try:
        yield conn.cursor()
    finally:
        conn.close()


def find(column, value):
    with cursor() as cur:
        # expect: CWE-89
        cur.execute(f"SELECT * FROM {SETTINGS['table']} WHERE {column} = '{value}'")
        return cur.fetchall()


def find_safe(column, value):
    if column not in ("name", "email"):
        raise ValueError(column)
    with cursor() as cur:
        # safe: CWE-89
        cur.execute(f"SELECT * FROM {SETTINGS['table']} WHERE {column} = ?", (value,))
        return cur.fetchall()


def rows_for(values):
    for value in values:
        # expect: PY-SQLI-001
        yield "SELECT * FROM t WHERE v = '%s'" % value
