"""Benchmark-style test case BenchmarkTest00033 (xxe, form, plain): vulnerable."""

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

	@app.route("/benchmark/xxe-00/BenchmarkTest00033", methods=["GET"])
	def BenchmarkTest00033_get():
		return BenchmarkTest00033_post()

	@app.route("/benchmark/xxe-00/BenchmarkTest00033", methods=["POST"])
	def BenchmarkTest00033_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00033", "")

		bar = param

		parser = xml.sax.make_parser()
		# expect: PY-XML-001
		parser.setFeature(xml.sax.handler.feature_external_ges, True)
		# expect: CWE-611
		parser.parse(io.StringIO(bar))
		RESPONSE += "Parsed"

		return RESPONSE
