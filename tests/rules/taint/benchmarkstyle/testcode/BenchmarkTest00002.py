"""Benchmark-style test case BenchmarkTest00002 (cmdi, form, map_a): safe."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00002", methods=["GET"])
	def BenchmarkTest00002_get():
		return BenchmarkTest00002_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00002", methods=["POST"])
	def BenchmarkTest00002_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00002", "")

		map12 = {}
		map12["keyA-12"] = "a-Value"
		map12["keyB-12"] = param
		map12["keyC"] = "another-Value"
		bar = map12["keyA-12"]

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
