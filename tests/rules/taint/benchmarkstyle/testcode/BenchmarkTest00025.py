"""Benchmark-style test case BenchmarkTest00025 (redirect, header, if_vuln): vulnerable."""

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

	@app.route("/benchmark/redirect-00/BenchmarkTest00025", methods=["GET"])
	def BenchmarkTest00025_get():
		return BenchmarkTest00025_post()

	@app.route("/benchmark/redirect-00/BenchmarkTest00025", methods=["POST"])
	def BenchmarkTest00025_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00025", "")

		num = 196
		if (500 / 42) + num > 200:
			bar = param
		else:
			bar = "This should never happen"

		# expect: CWE-601
		return redirect(bar)
