"""Benchmark-style test case BenchmarkTest00012 (pathtraver, args, if_safe): safe."""

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

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00012", methods=["GET"])
	def BenchmarkTest00012_get():
		return BenchmarkTest00012_post()

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00012", methods=["POST"])
	def BenchmarkTest00012_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00012")
		if not param:
			param = ""

		num = 86
		if (7 * 42) - num > 200:
			bar = "This_should_always_happen"
		else:
			bar = param

		fileName = helpers.utils.TESTFILES_DIR + bar
		try:
			# safe: CWE-22
			fd = open(fileName, "rb")
			RESPONSE += f"Now reading file: {escape_for_html(fileName)}"
		except IOError:
			RESPONSE += f"Problem getting file: {escape_for_html(fileName)}"

		return RESPONSE
