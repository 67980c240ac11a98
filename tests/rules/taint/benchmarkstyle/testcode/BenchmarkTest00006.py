"""Benchmark-style test case BenchmarkTest00006 (sqli, args, map_b): vulnerable."""

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

	@app.route("/benchmark/sqli-00/BenchmarkTest00006", methods=["GET"])
	def BenchmarkTest00006_get():
		return BenchmarkTest00006_post()

	@app.route("/benchmark/sqli-00/BenchmarkTest00006", methods=["POST"])
	def BenchmarkTest00006_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00006")
		if not param:
			param = ""

		map12 = {}
		map12["keyA-12"] = "a-Value"
		map12["keyB-12"] = param
		map12["keyC"] = "another-Value"
		bar = map12["keyB-12"]

		sql = f"SELECT username FROM USERS WHERE password = '{bar}'"
		con = helpers.db_sqlite.get_connection()
		cur = con.cursor()
		# expect: CWE-89
		cur.execute(sql)
		RESPONSE += helpers.db_sqlite.results(cur, sql)

		return RESPONSE
