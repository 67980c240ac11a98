"""Benchmark-style test case BenchmarkTest00032 (ldapi, args, switch_safe): safe."""

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

	@app.route("/benchmark/ldapi-00/BenchmarkTest00032", methods=["GET"])
	def BenchmarkTest00032_get():
		return BenchmarkTest00032_post()

	@app.route("/benchmark/ldapi-00/BenchmarkTest00032", methods=["POST"])
	def BenchmarkTest00032_post():
		RESPONSE = ""

		param = request.args.get("BenchmarkTest00032")
		if not param:
			param = ""

		guess = "ABC"
		switchTarget = guess[1]
		bar = "bobs_your_uncle"
		if switchTarget == "A":
			bar = param
		elif switchTarget == "B":
			bar = "bob"
		elif switchTarget == "C" or switchTarget == "D":
			bar = param
		else:
			bar = "bobs_your_uncle"

		conn = ldap3.Connection("ldap://localhost")
		filter_ = f"(&(objectclass=person)(uid={bar}))"
		# safe: CWE-90
		conn.search("ou=users,dc=example,dc=org", filter_)
		RESPONSE += "LDAP query done"

		return RESPONSE
