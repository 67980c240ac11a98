"""Benchmark-style test case BenchmarkTest00024 (redirect, args, plain): vulnerable."""

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

	@app.route("/benchmark/redirect-00/BenchmarkTest00024", methods=["GET"])
	def BenchmarkTest00024_get():
		return BenchmarkTest00024_post()

	@app.route("/benchmark/redirect-00/BenchmarkTest00024", methods=["POST"])
	def BenchmarkTest00024_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00024")
		if not param:
			param = ""

		bar = param

		# expect: CWE-601
		return redirect(bar)
