import sqlite3

import sqlalchemy
from sqlalchemy import text as sql_text

TABLE = "users"
ORDER = "name"


def find_user(cursor, name, user_id, table, ids):
    # expect: PY-SQLI-001
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # expect: CWE-89
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # expect: PY-SQLI-001
    cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
    # expect: PY-SQLI-001
    cursor.execute("DELETE FROM sessions WHERE token = '{}'".format(name))
    # expect: PY-SQLI-001
    cursor.executemany("INSERT INTO log (msg) VALUES ('%s')" % name, [])
    cursor.execute(
        # reported where the string is built
        # expect: PY-SQLI-001
        "UPDATE users SET name = '%(name)s' WHERE id = %(id)d" % {"name": name, "id": user_id}
    )
    # an identifier from a parameter is injectable too
    # expect: PY-SQLI-001
    cursor.execute("SELECT * FROM %s WHERE id = ?" % table, (user_id,))
    # built first, executed later: reported where it is built
    # expect: PY-SQLI-001
    query = "SELECT id FROM users WHERE email = '%s'" % name
    cursor.execute(query)
    # lower-case SQL
    # expect: PY-SQLI-001
    sql = f"select * from accounts where owner = '{name}'"
    cursor.execute(sql)
    # a long concatenation chain
    # expect: PY-SQLI-001
    cursor.execute("SELECT " + table + ", " + name + " FROM " + table + " WHERE a = '" + name + "' AND b = '" + name + "'")
    # a template filled by replacement
    # expect: PY-SQLI-001
    cursor.execute("SELECT * FROM foo WHERE id = '[VALUE]'".replace("[VALUE]", name))
    # a clause built separately
    # expect: PY-SQLI-001
    where = " WHERE name = '%s'" % name
    # expect: PY-SQLI-001
    sqlalchemy.text(f"SELECT * FROM users WHERE name = '{name}'")
    # expect: PY-SQLI-001
    sql_text("SELECT * FROM users ORDER BY " + name)
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM foo WHERE id = ?".replace("foo", TABLE), (name,))
    # bound parameters
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})
    # constants only, folded through module constants
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM %s ORDER BY %s" % (TABLE, ORDER))
    # safe: PY-SQLI-001
    cursor.execute(f"SELECT * FROM {TABLE} WHERE id = ?", (user_id,))
    # numbers cannot carry SQL syntax
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM users WHERE id = %d" % user_id)
    # safe: PY-SQLI-001
    cursor.execute(f"SELECT * FROM users LIMIT {int(user_id)}")
    # safe: PY-SQLI-001
    cursor.execute(f"SELECT * FROM users WHERE id = {user_id:d}")
    # bind markers generated for an IN list
    placeholders = ", ".join(["?"] * len(ids))
    # safe: PY-SQLI-001
    cursor.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids)
    # safe: PY-SQLI-001
    cursor.execute("DELETE FROM t WHERE id IN (%s)" % ",".join("%s" for _ in ids), ids)
    # an identifier quoted by the driver's quoting helper
    # safe: PY-SQLI-001
    cursor.execute("SELECT * FROM %s" % cursor.connection.quote_identifier(table))
    return where


def compose(inner_sql, cursor):
    # SQL composed from a SQL fragment, as query builders do: still reported, low confidence
    # expect: PY-SQLI-001
    cursor.execute("SELECT COUNT(*) FROM (%s) subquery" % inner_sql)


def not_sql(name, logger):
    # prose that starts like SQL but is not
    # safe: PY-SQLI-001
    logger.info("Select a file from the list, %s" % name)
    # safe: PY-SQLI-001
    message = f"Updated {name} settings"
    # safe: PY-SQLI-001
    print("Deleting %s from cache" % name)
    return message


def executor(pool, name):
    # an execute method given a non-SQL string
    # safe: PY-SQLI-001
    pool.execute(f"resize {name}")


def connect():
    return sqlite3.connect(":memory:")


def vacuum_table(connection, Entry, rows, rows_sql, params):
    with connection.cursor() as cursor:
        # a model's declared table name: not data
        # safe: PY-SQLI-001
        cursor.execute("DELETE FROM %s WHERE stale" % Entry._meta.db_table)
        # the table is declared, but the rows are not: still reported
        # expect: PY-SQLI-001
        cursor.execute("INSERT INTO %s VALUES %s" % (Entry._meta.db_table, rows), params)
        # only SQL fragments and declared names: reported at low confidence
        # expect: PY-SQLI-001
        cursor.execute("INSERT INTO %s VALUES %s" % (Entry._meta.db_table, rows_sql), params)
