"""Benchmark-style test case BenchmarkTest00003 (cmdi, header, list_0): vulnerable."""

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

	@app.route("/benchmark/cmdi-00/BenchmarkTest00003", methods=["GET"])
	def BenchmarkTest00003_get():
		return BenchmarkTest00003_post()

	@app.route("/benchmark/cmdi-00/BenchmarkTest00003", methods=["POST"])
	def BenchmarkTest00003_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00003", "")

		lst = []
		lst.append("safe")
		lst.append(param)
		lst.append("moresafe")
		lst.pop(0)
		bar = lst[0]

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
