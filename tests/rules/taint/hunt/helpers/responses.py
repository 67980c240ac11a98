"""Response helpers the views in `flask_responses` return from."""

import flask


def json_answer(data):
    return flask.jsonify(data)


def relay(data):
    # what another helper returned: still a JSON response
    return json_answer(data)


def html_answer(text):
    return "<p>" + text + "</p>"
