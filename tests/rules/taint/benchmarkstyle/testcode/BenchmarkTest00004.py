"""Benchmark-style test case BenchmarkTest00004 (cmdi, cookie, switch_safe): safe."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00004", methods=["GET"])
	def BenchmarkTest00004_get():
		return BenchmarkTest00004_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00004", methods=["POST"])
	def BenchmarkTest00004_post():
		RESPONSE = ""

		param = request.cookies.get("BenchmarkTest00004", "noCookieValueSupplied")

		guess = "ABC"
		switchTarget = guess[1]
		bar = "bobs_your_uncle"
		if switchTarget == "A":
			bar = param
		elif switchTarget == "B":
			bar = "bob"
		elif switchTarget == "C" or switchTarget == "D":
			bar = param
		else:
			bar = "bobs_your_uncle"

		argStr = ""
		if platform.system() == "Windows":
			argStr = "cmd.exe /c "
		else:
			argStr = "sh -c "
		argStr += f"echo {bar}"
		try:
			# safe: CWE-78
			proc = subprocess.run(argStr, shell=True, capture_output=True, encoding="utf-8")
			RESPONSE += escape_for_html(proc.stdout)
		except IOError:
			RESPONSE += "Problem executing cmdi - subprocess.run() Test Case"

		return RESPONSE
