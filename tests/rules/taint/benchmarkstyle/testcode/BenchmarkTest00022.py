"""Benchmark-style test case BenchmarkTest00022 (deserialization, cookie, plain): vulnerable."""

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

	@app.route("/benchmark/deserialization-00/BenchmarkTest00022", methods=["GET"])
	def BenchmarkTest00022_get():
		return BenchmarkTest00022_post()

	@app.route("/benchmark/deserialization-00/BenchmarkTest00022", methods=["POST"])
	def BenchmarkTest00022_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00022", "noCookieValueSupplied")

		bar = param

		try:
			# expect: CWE-502
			obj = pickle.loads(base64.urlsafe_b64decode(bar))
			RESPONSE += "Unpickled an object"
		except Exception:
			RESPONSE += "error"

		return RESPONSE
