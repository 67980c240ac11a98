"""Benchmark-style test case BenchmarkTest00037 (pathtraver, form, class_safe): safe."""

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

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00037", methods=["GET"])
	def BenchmarkTest00037_get():
		return BenchmarkTest00037_post()

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00037", methods=["POST"])
	def BenchmarkTest00037_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00037", "")

		class Test:
			def doSomething(self, value):
				return "safe!"
		bar = Test().doSomething(param)

		fileName = helpers.utils.TESTFILES_DIR + bar
		try:
			# safe: CWE-22
			fd = open(fileName, "rb")
			RESPONSE += f"Now reading file: {escape_for_html(fileName)}"
		except IOError:
			RESPONSE += f"Problem getting file: {escape_for_html(fileName)}"

		return RESPONSE
