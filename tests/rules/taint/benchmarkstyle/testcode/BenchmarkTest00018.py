"""Benchmark-style test case BenchmarkTest00018 (xss, querystring, stringio): vulnerable."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00018", methods=["GET"])
	def BenchmarkTest00018_get():
		return BenchmarkTest00018_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00018", methods=["POST"])
	def BenchmarkTest00018_post():
		RESPONSE = ""

		query_string = request.query_string.decode("utf-8")
		paramLoc = query_string.find("BenchmarkTest00018" + "=")
		if paramLoc == -1:
			return f"request.query_string did not include a 'BenchmarkTest00018' parameter."
		param = query_string[paramLoc + len("BenchmarkTest00018") + 1:]
		ampLoc = param.find("&")
		if ampLoc != -1:
			param = param[:ampLoc]
		param = urllib.parse.unquote_plus(param)

		sbxyz = io.StringIO()
		sbxyz.write(param)
		sbxyz.write("_SafeStuff")
		bar = sbxyz.getvalue()

		RESPONSE += f"Parameter value: {bar}"
		# expect: CWE-79
		return RESPONSE
