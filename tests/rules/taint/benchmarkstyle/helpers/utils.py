"""Helpers shared by the benchmark-style test cases."""

import html

TESTFILES_DIR = "/srv/testfiles/"


def escape_for_html(s):
	return html.escape(str(s))
