"""Benchmark-style test case BenchmarkTest00017 (xss, form, map_a): safe."""

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

	@app.route("/benchmark/xss-00/BenchmarkTest00017", methods=["GET"])
	def BenchmarkTest00017_get():
		return BenchmarkTest00017_post()

	@app.route("/benchmark/xss-00/BenchmarkTest00017", methods=["POST"])
	def BenchmarkTest00017_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00017", "")

		map12 = {}
		map12["keyA-12"] = "a-Value"
		map12["keyB-12"] = param
		map12["keyC"] = "another-Value"
		bar = map12["keyA-12"]

		RESPONSE += f"Parameter value: {bar}"
		# safe: CWE-79
		return RESPONSE
