"""Benchmark-style test case BenchmarkTest00036 (cmdi, header, class_vuln): vulnerable."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00036", methods=["GET"])
	def BenchmarkTest00036_get():
		return BenchmarkTest00036_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00036", methods=["POST"])
	def BenchmarkTest00036_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00036", "")

		class Test:
			def doSomething(self, value):
				return value + "_SafeStuff"
		bar = Test().doSomething(param)

		argStr = ""
		if platform.system() == "Windows":
			argStr = "cmd.exe /c "
		else:
			argStr = "sh -c "
		argStr += f"echo {bar}"
		try:
			# expect: CWE-78
			proc = subprocess.run(argStr, shell=True, capture_output=True, encoding="utf-8")
			RESPONSE += escape_for_html(proc.stdout)
		except IOError:
			RESPONSE += "Problem executing cmdi - subprocess.run() Test Case"

		return RESPONSE
