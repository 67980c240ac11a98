"""Benchmark-style test case BenchmarkTest00029 (xpathi, args, plain): vulnerable."""

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

	@app.route("/benchmark/xpathi-00/BenchmarkTest00029", methods=["GET"])
	def BenchmarkTest00029_get():
		return BenchmarkTest00029_post()

	@app.route("/benchmark/xpathi-00/BenchmarkTest00029", methods=["POST"])
	def BenchmarkTest00029_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00029")
		if not param:
			param = ""

		bar = param

		# the pattern rule notes lxml's default parser (entities resolved before lxml 5)
		# expect: PY-XML-002
		root = lxml.etree.parse(helpers.utils.TESTFILES_DIR + "employees.xml")
		query = f"/Employees/Employee[@emplid='{bar}']"
		# expect: CWE-643
		nodes = root.xpath(query)
		RESPONSE += f"Found {len(nodes)} nodes"

		return RESPONSE
