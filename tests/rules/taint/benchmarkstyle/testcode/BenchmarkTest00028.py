"""Benchmark-style test case BenchmarkTest00028 (trustbound, cookie, ternary_safe): safe."""

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

	@app.route("/benchmark/trustbound-00/BenchmarkTest00028", methods=["GET"])
	def BenchmarkTest00028_get():
		return BenchmarkTest00028_post()

	@app.route("/benchmark/trustbound-00/BenchmarkTest00028", methods=["POST"])
	def BenchmarkTest00028_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00028", "noCookieValueSupplied")

		num = 106
		bar = "This_should_always_happen" if (7 * 18) + num > 200 else param

		# safe: CWE-501
		flask.session["userid"] = bar
		RESPONSE += f"Item userid: {escape_for_html(bar)} saved in session."

		return RESPONSE
