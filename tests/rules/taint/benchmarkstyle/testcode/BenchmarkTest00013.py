"""Benchmark-style test case BenchmarkTest00013 (pathtraver, header, config_b): vulnerable."""

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

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00013", methods=["GET"])
	def BenchmarkTest00013_get():
		return BenchmarkTest00013_post()

	@app.route("/benchmark/pathtraver-00/BenchmarkTest00013", methods=["POST"])
	def BenchmarkTest00013_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00013", "")

		conf = configparser.ConfigParser()
		conf.add_section("section")
		conf.set("section", "keyA", "a_Value")
		conf.set("section", "keyB", param)
		bar = conf.get("section", "keyB")

		fileName = helpers.utils.TESTFILES_DIR + bar
		try:
			# expect: CWE-22
			fd = open(fileName, "rb")
			RESPONSE += f"Now reading file: {escape_for_html(fileName)}"
		except IOError:
			RESPONSE += f"Problem getting file: {escape_for_html(fileName)}"

		return RESPONSE
