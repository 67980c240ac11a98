"""Benchmark-style test case BenchmarkTest00010 (sqli, getlist, concat): vulnerable."""

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

	@app.route("/benchmark/sqli-00/BenchmarkTest00010", methods=["GET"])
	def BenchmarkTest00010_get():
		return BenchmarkTest00010_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00010", methods=["POST"])
	def BenchmarkTest00010_post():
		RESPONSE = ""

		values = request.args.getlist("BenchmarkTest00010")
		param = values[0] if values else ""

		bar = param + "_SafeStuff"

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# expect: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
