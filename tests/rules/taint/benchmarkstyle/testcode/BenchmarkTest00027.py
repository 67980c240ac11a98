"""Benchmark-style test case BenchmarkTest00027 (trustbound, args, match_vuln): vulnerable."""

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

	@app.route("/benchmark/trustbound-00/BenchmarkTest00027", methods=["GET"])
	def BenchmarkTest00027_get():
		return BenchmarkTest00027_post()

	@app.route("/benchmark/trustbound-00/BenchmarkTest00027", methods=["POST"])
	def BenchmarkTest00027_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00027")
		if not param:
			param = ""

		possible = "ABC"
		guess = possible[0]
		match guess:
			case "A":
				bar = param
			case "B":
				bar = "bob"
			case _:
				bar = "bobs_your_uncle"

		# expect: CWE-501
		flask.session["userid"] = bar
		RESPONSE += f"Item userid: {escape_for_html(bar)} saved in session."

		return RESPONSE
