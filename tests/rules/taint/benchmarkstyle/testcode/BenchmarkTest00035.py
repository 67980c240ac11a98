"""Benchmark-style test case BenchmarkTest00035 (sqli, args, class_safe): safe."""

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

	@app.route("/benchmark/sqli-00/BenchmarkTest00035", methods=["GET"])
	def BenchmarkTest00035_get():
		return BenchmarkTest00035_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00035", methods=["POST"])
	def BenchmarkTest00035_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00035")
		if not param:
			param = ""

		class Test:
			def doSomething(self, value):
				return "safe!"
		bar = Test().doSomething(param)

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# safe: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
