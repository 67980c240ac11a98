"""Benchmark-style test case BenchmarkTest00019 (xss, cookie, switch_vuln): vulnerable."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00019", methods=["GET"])
	def BenchmarkTest00019_get():
		return BenchmarkTest00019_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00019", methods=["POST"])
	def BenchmarkTest00019_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00019", "noCookieValueSupplied")

		guess = "ABC"
		switchTarget = guess[2]
		bar = "bobs_your_uncle"
		if switchTarget == "A":
			bar = param
		elif switchTarget == "B":
			bar = "bob"
		elif switchTarget == "C" or switchTarget == "D":
			bar = param
		else:
			bar = "bobs_your_uncle"

		RESPONSE += f"Parameter value: {bar}"
		# expect: CWE-79
		return RESPONSE
