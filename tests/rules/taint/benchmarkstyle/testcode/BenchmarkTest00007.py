"""Benchmark-style test case BenchmarkTest00007 (sqli, headernames, ternary_safe): safe."""

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

	@app.route("/benchmark/sqli-00/BenchmarkTest00007", methods=["GET"])
	def BenchmarkTest00007_get():
		return BenchmarkTest00007_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00007", methods=["POST"])
	def BenchmarkTest00007_post():
		RESPONSE = ""

		param = ""
		for name in request.headers.keys():
			if name in ["Content-Type", "Accept", "Host", "Cookie"]:
				continue
			param = name
			break

		num = 106
		bar = "This_should_always_happen" if (7 * 18) + num > 200 else param

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# safe: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
