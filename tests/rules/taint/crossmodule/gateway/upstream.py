"""The upstream API client: the request sinks live here, far from the request."""

from urllib.parse import quote

import requests

BASE = "https://api.example.com/v1/"


def item_url(item_id):
    return BASE + "items/" + item_id


def safe_item_url(item_id):
    return BASE + "items/" + quote(item_id, safe="")


def search_url(term):
    return BASE + "search?q=" + term


def fetch(url):
    # the host is fixed when a caller passes item_url(...); not when it passes input
    # expect: PY-TAINT-PSSRF, PY-TAINT-SSRF
    return requests.get(url, timeout=5).json()


def fetch_item(item_id):
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    return requests.get(BASE + "items/" + item_id, timeout=5).json()


def fetch_number(number):
    # safe: CWE-918
    return requests.get(BASE + "items/" + str(int(number)), timeout=5).json()
