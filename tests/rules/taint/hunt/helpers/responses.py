"""Response helpers the views in `flask_responses` return from."""

import flask
import requests


def json_answer(data):
    return flask.jsonify(data)


def relay(data):
    # what another helper returned: still a JSON response
    return json_answer(data)


def as_mapping(text):
    # a plain dict: Flask sends what a view returns of it as JSON
    return {"text": text, "length": len(text)}


def html_answer(text):
    return "<p>" + text + "</p>"


def go_to(url):
    # only ever given a path of this site (`go_local`)
    # safe: CWE-601
    return flask.redirect(url, code=303)


def send_to(url):
    # given the client's URL (`go_anywhere`)
    # expect: CWE-601
    return flask.redirect(url, code=303)


def fetch(url):
    # only ever given a URL whose host is fixed (`fetch_item`): the client's item id is
    # in its path, which is partial SSRF, not SSRF
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    return requests.get(url, timeout=5).text


def fetch_from(url):
    # given the client's URL (`fetch_any`)
    # expect: CWE-918
    return requests.get(url, timeout=5).text
