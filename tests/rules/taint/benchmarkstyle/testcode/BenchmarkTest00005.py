"""Benchmark-style test case BenchmarkTest00005 (cmdi, querystring, base64): vulnerable."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00005", methods=["GET"])
	def BenchmarkTest00005_get():
		return BenchmarkTest00005_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00005", methods=["POST"])
	def BenchmarkTest00005_post():
		RESPONSE = ""

		query_string = request.query_string.decode("utf-8")
		paramLoc = query_string.find("BenchmarkTest00005" + "=")
		if paramLoc == -1:
			return f"request.query_string did not include a 'BenchmarkTest00005' parameter."
		param = query_string[paramLoc + len("BenchmarkTest00005") + 1:]
		ampLoc = param.find("&")
		if ampLoc != -1:
			param = param[:ampLoc]
		param = urllib.parse.unquote_plus(param)

		tmp = base64.b64encode(param.encode("utf-8"))
		bar = base64.b64decode(tmp).decode("utf-8")

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
