"""Benchmark-style test case BenchmarkTest00009 (sqli, cookie, list_1): safe."""

import base64
import configparser
import io
import pickle
import platform
import subprocess
import urllib.parse
import xml.sax

import flask
import ldap3
import lxml.etree
from flask import redirect, request

import helpers.db_sqlite
import helpers.utils
from helpers.utils import escape_for_html


def init(app):

	@app.route("/benchmark/sqli-00/BenchmarkTest00009", methods=["GET"])
	def BenchmarkTest00009_get():
		return BenchmarkTest00009_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00009", methods=["POST"])
	def BenchmarkTest00009_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00009", "noCookieValueSupplied")

		lst = []
		lst.append("safe")
		lst.append(param)
		lst.append("moresafe")
		lst.pop(0)
		bar = lst[1]

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# safe: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
