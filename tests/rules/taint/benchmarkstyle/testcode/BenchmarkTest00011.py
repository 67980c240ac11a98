"""Benchmark-style test case BenchmarkTest00011 (pathtraver, cookie, plain): vulnerable."""

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

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00011", methods=["GET"])
	def BenchmarkTest00011_get():
		return BenchmarkTest00011_post()

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00011", methods=["POST"])
	def BenchmarkTest00011_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00011", "noCookieValueSupplied")

		bar = param

		fileName = helpers.utils.TESTFILES_DIR + bar
		try:
			# expect: CWE-22
			fd = open(fileName, "rb")
			RESPONSE += f"Now reading file: {escape_for_html(fileName)}"
		except IOError:
			RESPONSE += f"Problem getting file: {escape_for_html(fileName)}"

		return RESPONSE
