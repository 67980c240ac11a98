"""Bottle: `bottle.request` and the wildcards of `@route('/p/<name>')` are input."""

import html
import os

from bottle import redirect, request, route, template


@route("/hello")
def hello():
    name = request.query.name
    # a template made from the input is template injection (and the page echoes it)
    # expect: PY-TAINT-SSTI, PY-TAINT-XSS
    return template("<b>Hello " + name + "</b>")


@route("/hello_safe")
def hello_safe():
    name = request.query.name
    # the input is a value of a fixed template: escaped by SimpleTemplate
    # safe: CWE-1336, CWE-79
    return template("<b>Hello {{name}}</b>", name=name)


@route("/page/<name>")
def page(name):
    # expect: PY-TAINT-PATH
    with open(os.path.join("/srv/pages", name)) as handle:
        # expect: PY-TAINT-XSS
        return handle.read() + name


@route("/escaped/<name>")
def escaped(name):
    # safe: CWE-79
    return "<p>" + html.escape(name) + "</p>"


@route("/go")
def go():
    # expect: PY-TAINT-REDIRECT
    redirect(request.query.get("next"))
