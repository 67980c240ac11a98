"""Benchmark-style test case BenchmarkTest00040 (cmdi, form, arglist_platform_noshell): safe."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00040", methods=["GET"])
	def BenchmarkTest00040_get():
		return BenchmarkTest00040_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00040", methods=["POST"])
	def BenchmarkTest00040_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00040")
		if not param:
			param = ""

		bar = param

		argList = []
		if "Windows" in platform.system():
			argList.append("findstr.exe")
			argList.append("/i")
		else:
			argList.append("grep")
			argList.append("-i")
		argList.append("--")
		argList.append(bar)
		argList.append("notes.txt")
		try:
			# safe: CWE-78
			proc = subprocess.run(argList, capture_output=True, encoding="utf-8")
			RESPONSE += escape_for_html(proc.stdout)
		except IOError:
			RESPONSE += "Problem executing cmdi - subprocess.run() Test Case"

		return RESPONSE
