"""Pyramid views: request.params, matchdict and the body are input."""

import html
import os

from pyramid.httpexceptions import HTTPFound
from pyramid.response import Response
from pyramid.view import view_config


@view_config(route_name="greet")
def greet(request):
    name = request.params["name"]
    # a Response is text/html unless told otherwise
    # expect: PY-TAINT-XSS
    return Response("<p>Hello " + name + "</p>")


@view_config(route_name="greet_safe")
def greet_safe(request):
    name = request.params["name"]
    # safe: CWE-79
    return Response("<p>Hello " + html.escape(name) + "</p>")


@view_config(route_name="greet_text")
def greet_text(request):
    name = request.matchdict["name"]
    # safe: CWE-79
    return Response("Hello " + name, content_type="text/plain")


@view_config(route_name="files")
def files(request):
    name = request.matchdict["name"]
    # expect: PY-TAINT-PATH
    with open(os.path.join("/srv/files", name)) as handle:
        text = handle.read()
    # safe: CWE-22
    with open(os.path.join("/srv/files", os.path.basename(name))) as handle:
        text += handle.read()
    return Response(text, content_type="text/plain")


@view_config(route_name="go")
def go(request):
    # expect: PY-TAINT-REDIRECT
    raise HTTPFound(location=request.GET["next"])


@view_config(route_name="home")
def home(request):
    # safe: CWE-601
    raise HTTPFound(location="/home")
