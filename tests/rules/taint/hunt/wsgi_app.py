"""A bare WSGI application and a socket server: the environ and the socket are input."""

import html
import marshal
import os
import socketserver
import subprocess
import xml.sax
from urllib.parse import parse_qs

import jsonpickle


def application(environ, start_response):
    params = parse_qs(environ.get("QUERY_STRING", ""))
    name = params.get("name", ["world"])[0]
    path = environ["PATH_INFO"]
    start_response("200 OK", [("Content-Type", "text/html")])
    if path == "/run":
        # expect: CWE-78
        subprocess.call("run-report " + name, shell=True)
    if path == "/load":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        # expect: CWE-502
        state = jsonpickle.decode(body)
        # expect: CWE-502
        code = marshal.loads(body)
        # expect: CWE-79
        return [str(state).encode(), str(code).encode()]
    if path == "/safe":
        # safe: CWE-79
        return [("<p>Hello %s</p>" % html.escape(name)).encode()]
    # expect: CWE-79
    return [("<p>Hello %s</p>" % name).encode()]


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode().strip()
        # expect: CWE-22
        with open(os.path.join("/srv/files", line)) as fh:
            self.wfile.write(fh.read().encode())


class Content(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.text = []

    def characters(self, content):
        self.text.append(content)


def parse_upload(data):
    parser = xml.sax.make_parser()
    # expect: PY-XML-001
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    parser.setContentHandler(Content())
    # expect: CWE-611
    parser.parse(data)


class Upload(socketserver.StreamRequestHandler):
    def handle(self):
        parse_upload(self.rfile)
