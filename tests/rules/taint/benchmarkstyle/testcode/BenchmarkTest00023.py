"""Benchmark-style test case BenchmarkTest00023 (deserialization, args, inner_safe): safe."""

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

	@app.route("/benchmark/deserialization-00/BenchmarkTest00023", methods=["GET"])
	def BenchmarkTest00023_get():
		return BenchmarkTest00023_post()

	@app.route("/benchmark/deserialization-00/BenchmarkTest00023", methods=["POST"])
	def BenchmarkTest00023_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00023")
		if not param:
			param = ""

		def doSomething(value):
			return "safe!"
		bar = doSomething(param)

		try:
			# safe: CWE-502
			obj = pickle.loads(base64.urlsafe_b64decode(bar))
			RESPONSE += "Unpickled an object"
		except Exception:
			RESPONSE += "error"

		return RESPONSE
