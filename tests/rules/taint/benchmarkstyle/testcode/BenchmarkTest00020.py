"""Benchmark-style test case BenchmarkTest00020 (codeinj, form, inner): vulnerable."""

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

	@app.route("/benchmark/codeinj-00/BenchmarkTest00020", methods=["GET"])
	def BenchmarkTest00020_get():
		return BenchmarkTest00020_post()

	@app.route("/benchmark/codeinj-00/BenchmarkTest00020", methods=["POST"])
	def BenchmarkTest00020_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00020", "")

		def doSomething(value):
			return "safe!" + value
		bar = doSomething(param)

		try:
			# expect: CWE-95
			RESPONSE += escape_for_html(str(eval(bar)))
		except Exception:
			RESPONSE += "error"

		return RESPONSE
