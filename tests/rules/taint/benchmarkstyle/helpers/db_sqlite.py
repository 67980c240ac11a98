"""A sqlite connection helper, as the benchmark harness has."""

import sqlite3


def get_connection():
	return sqlite3.connect("benchmark.db")


def results(cursor, sql):
	rows = cursor.fetchall()
	return "<br>".join(str(len(row)) for row in rows)
