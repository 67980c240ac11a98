"""Benchmark-style test case BenchmarkTest00031 (ldapi, header, plain): vulnerable."""

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

	@app.route("/benchmark/ldapi-00/BenchmarkTest00031", methods=["GET"])
	def BenchmarkTest00031_get():
		return BenchmarkTest00031_post()

	@app.route("/benchmark/ldapi-00/BenchmarkTest00031", methods=["POST"])
	def BenchmarkTest00031_post():
		RESPONSE = ""

		param = request.headers.get("BenchmarkTest00031", "")

		bar = param

		conn = ldap3.Connection("ldap://localhost")
		filter_ = f"(&(objectclass=person)(uid={bar}))"
		# expect: CWE-90
		conn.search("ou=users,dc=example,dc=org", filter_)
		RESPONSE += "LDAP query done"

		return RESPONSE
