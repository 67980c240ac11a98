"""Benchmark-style test case BenchmarkTest00026 (redirect, form, list_1): safe."""

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

	@app.route("/benchmark/redirect-00/BenchmarkTest00026", methods=["GET"])
	def BenchmarkTest00026_get():
		return BenchmarkTest00026_post()

	@app.route("/benchmark/redirect-00/BenchmarkTest00026", methods=["POST"])
	def BenchmarkTest00026_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00026", "")

		lst = []
		lst.append("safe")
		lst.append(param)
		lst.append("moresafe")
		lst.pop(0)
		bar = lst[1]

		# safe: CWE-601
		return redirect(bar)
