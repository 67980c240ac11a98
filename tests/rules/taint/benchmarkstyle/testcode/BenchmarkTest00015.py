"""Benchmark-style test case BenchmarkTest00015 (xss, args, plain): vulnerable."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00015", methods=["GET"])
	def BenchmarkTest00015_get():
		return BenchmarkTest00015_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00015", methods=["POST"])
	def BenchmarkTest00015_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00015")
		if not param:
			param = ""

		bar = param

		RESPONSE += f"Parameter value: {bar}"
		# expect: CWE-79
		return RESPONSE
