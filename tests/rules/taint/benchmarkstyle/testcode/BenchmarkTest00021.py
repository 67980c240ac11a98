"""Benchmark-style test case BenchmarkTest00021 (codeinj, args, config_a): safe."""

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

	@app.route("/benchmark/codeinj-00/BenchmarkTest00021", methods=["GET"])
	def BenchmarkTest00021_get():
		return BenchmarkTest00021_post()

	@app.route("/benchmark/codeinj-00/BenchmarkTest00021", methods=["POST"])
	def BenchmarkTest00021_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00021")
		if not param:
			param = ""

		conf = configparser.ConfigParser()
		conf.add_section("section")
		conf.set("section", "keyA", "a_Value")
		conf.set("section", "keyB", param)
		bar = conf.get("section", "keyA")

		try:
			# safe: CWE-95
			RESPONSE += escape_for_html(str(eval(bar)))
		except Exception:
			RESPONSE += "error"

		return RESPONSE
