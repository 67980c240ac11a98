"""Benchmark-style test case BenchmarkTest00016 (xss, header, ternary_vuln): vulnerable."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00016", methods=["GET"])
	def BenchmarkTest00016_get():
		return BenchmarkTest00016_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00016", methods=["POST"])
	def BenchmarkTest00016_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00016", "")

		num = 106
		bar = "This_should_always_happen" if (7 * 42) - num > 200 else param

		RESPONSE += f"Parameter value: {bar}"
		# expect: CWE-79
		return RESPONSE
