"""Benchmark-style test case BenchmarkTest00038 (xss, args, class_safe): safe."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00038", methods=["GET"])
	def BenchmarkTest00038_get():
		return BenchmarkTest00038_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00038", methods=["POST"])
	def BenchmarkTest00038_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00038")
		if not param:
			param = ""

		class Test:
			def doSomething(self, value):
				return "safe!"
		bar = Test().doSomething(param)

		RESPONSE += f"Parameter value: {bar}"
		# safe: CWE-79
		return RESPONSE
