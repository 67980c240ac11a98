"""Benchmark-style test case BenchmarkTest00030 (xpathi, form, map_a): safe."""

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

	@app.route("/benchmark/xpathi-00/BenchmarkTest00030", methods=["GET"])
	def BenchmarkTest00030_get():
		return BenchmarkTest00030_post()

	@app.route("/benchmark/xpathi-00/BenchmarkTest00030", methods=["POST"])
	def BenchmarkTest00030_post():
		RESPONSE = ""

		param = request.form.get("BenchmarkTest00030", "")

		map12 = {}
		map12["keyA-12"] = "a-Value"
		map12["keyB-12"] = param
		map12["keyC"] = "another-Value"
		bar = map12["keyA-12"]

		# the pattern rule notes lxml's default parser (entities resolved before lxml 5)
		# expect: PY-XML-002
		root = lxml.etree.parse(helpers.utils.TESTFILES_DIR + "employees.xml")
		query = f"/Employees/Employee[@emplid='{bar}']"
		# safe: CWE-643
		nodes = root.xpath(query)
		RESPONSE += f"Found {len(nodes)} nodes"

		return RESPONSE
