"""Benchmark-style test case BenchmarkTest00014 (pathtraver, form, match_safe): safe."""

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

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00014", methods=["GET"])
	def BenchmarkTest00014_get():
		return BenchmarkTest00014_post()

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00014", methods=["POST"])
	def BenchmarkTest00014_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00014", "")

		possible = "ABC"
		guess = possible[1]
		match guess:
			case "A":
				bar = param
			case "B":
				bar = "bob"
			case "C" | "D":
				bar = param
			case _:
				bar = "bobs_your_uncle"

		fileName = helpers.utils.TESTFILES_DIR + bar
		try:
			# safe: CWE-22
			fd = open(fileName, "rb")
			RESPONSE += f"Now reading file: {escape_for_html(fileName)}"
		except IOError:
			RESPONSE += f"Problem getting file: {escape_for_html(fileName)}"

		return RESPONSE
