"""Benchmark-style test case BenchmarkTest00039 (cmdi, form, arglist_platform): vulnerable."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00039", methods=["GET"])
	def BenchmarkTest00039_get():
		return BenchmarkTest00039_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00039", methods=["POST"])
	def BenchmarkTest00039_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00039")
		if not param:
			param = ""

		bar = param

		argList = []
		if "Windows" in platform.system():
			argList.append("cmd.exe")
			argList.append("/c")
		else:
			argList.append("sh")
			argList.append("-c")
		argList.append(f"echo {bar}")
		try:
			# expect: CWE-78
			proc = subprocess.run(argList, capture_output=True, encoding="utf-8")
			RESPONSE += escape_for_html(proc.stdout)
		except IOError:
			RESPONSE += "Problem executing cmdi - subprocess.run() Test Case"

		return RESPONSE
