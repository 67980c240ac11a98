"""Benchmark-style test case BenchmarkTest00034 (xxe, args, if_safe): safe."""

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

	@app.route("/benchmark/xxe-00/BenchmarkTest00034", methods=["GET"])
	def BenchmarkTest00034_get():
		return BenchmarkTest00034_post()

	@app.route("/benchmark/xxe-00/BenchmarkTest00034", methods=["POST"])
	def BenchmarkTest00034_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00034")
		if not param:
			param = ""

		num = 86
		if (7 * 42) - num > 200:
			bar = "This_should_always_happen"
		else:
			bar = param

		parser = xml.sax.make_parser()
		# expect: PY-XML-001
		parser.setFeature(xml.sax.handler.feature_external_ges, True)
		# safe: CWE-611
		parser.parse(io.StringIO(bar))
		RESPONSE += "Parsed"

		return RESPONSE
