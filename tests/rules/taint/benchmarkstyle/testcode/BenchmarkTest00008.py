"""Benchmark-style test case BenchmarkTest00008 (sqli, form, thing): vulnerable."""

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

	@app.route("/benchmark/sqli-00/BenchmarkTest00008", methods=["GET"])
	def BenchmarkTest00008_get():
		return BenchmarkTest00008_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00008", methods=["POST"])
	def BenchmarkTest00008_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00008", "")

		import helpers.ThingFactory
		thing = helpers.ThingFactory.createThing()
		bar = thing.doSomething(param)

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# expect: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
