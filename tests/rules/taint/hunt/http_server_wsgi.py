"""Standard-library web servers: http.server handlers and raw WSGI apps.

What a handler writes to `self.wfile`, and what a WSGI app returns or yields, is the
response body: HTML (cross-site scripting) unless the response declared a constant
non-HTML Content-Type (`send_header`, `start_response` headers). Also what a request to
a URL from the client gives back: the body is the chosen server's, the status code is a
number.
"""

import asyncio
import html
import http.server as hs
import json
import mimetypes
import os
import socketserver
import sqlite3
import subprocess
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

import aiohttp
import httpx
import markupsafe
import requests

PLAIN = "text/plain; charset=utf-8"
PAGE = "<html><body><h1>{title}</h1><div>{content}</div></body></html>"


def render_page(title, content):
    return PAGE.format(title=title, content=content)


def render_escaped(title, content):
    return PAGE.format(title=html.escape(title), content=html.escape(content))


def query_param(path, name):
    return parse_qs(urlparse(path).query).get(name, [""])[0]


class SearchHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        term = query.get("q", [""])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        body = f"<h1>Results for {term}</h1>"
        # expect: CWE-79
        self.wfile.write(body.encode("utf-8"))

    def do_HEAD(self):
        term = query_param(self.path, "q")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(("Results for %s" % term).encode())


class EchoHandler(hs.BaseHTTPRequestHandler):
    def do_GET(self):
        agent = self.headers["User-Agent"]
        self.send_response(200)
        self.end_headers()
        # expect: CWE-79
        self.wfile.write(("<p>You use %s</p>" % agent).encode())

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        fields = parse_qs(self.rfile.read(length).decode())
        comment = fields.get("comment", [""])[0]
        self.send_response(201)
        self.send_header("content-type", "application/json")
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(json.dumps({"comment": comment}).encode())

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", 0))
        comment = self.rfile.read(length).decode()
        self.send_response(200)
        self.send_header("Content-Type", PLAIN)
        self.end_headers()
        out = self.wfile
        # safe: CWE-79
        out.write(comment.encode())

    def do_PATCH(self):
        length = int(self.headers.get("Content-Length", 0))
        comment = self.rfile.read(length)
        self.send_response(200)
        self.end_headers()
        out = self.wfile
        # expect: CWE-79
        out.write(b"<p>" + comment + b"</p>")


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        title = query_param(self.path, "title")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        # expect: CWE-79
        self.wfile.write(render_page(title, "hello").encode())
        # safe: CWE-79
        self.wfile.write(render_escaped(title, "hello").encode())
        # safe: CWE-79
        self.wfile.write("<p>{}</p>".format(html.escape(title)).encode())
        # safe: CWE-79
        self.wfile.write(("<p>%d characters</p>" % len(title)).encode())

    def do_POST(self):
        wants_json = self.path.endswith(".json")
        name = query_param(self.path, "name")
        self.send_response(200)
        if wants_json:
            self.send_header("Content-Type", "application/json")
        self.end_headers()
        # expect: CWE-79
        self.wfile.write(("<b>%s</b>" % name).encode())

    def do_DELETE(self):
        name = query_param(self.path, "name")
        self.send_response(200)
        if self.path.endswith(".txt"):
            self.send_header("Content-Type", "text/plain")
        else:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(("deleted %s" % name).encode())


class ReplyHandler(BaseHTTPRequestHandler):
    def reply(self, body, content_type="text/html; charset=utf-8"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        # expect: CWE-79
        self.wfile.write(body.encode())

    def do_GET(self):
        self.reply(f"<p>{query_param(self.path, 'q')}</p>")


class FilesHandler(SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/hello/"):
            who = self.path[len("/hello/") :]
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            # expect: CWE-79
            self.wfile.write("<p>Hello {}</p>".format(who).encode())
            return
        super().do_GET()


class BackendProxy(BaseHTTPRequestHandler):
    def do_GET(self):
        # a proxy: the client's path goes to the backend as it is (partial SSRF)
        # expect: PY-TAINT-PSSRF
        upstream = requests.get("http://backend.internal/" + self.path.lstrip("/"), timeout=5)
        self.send_response(upstream.status_code)
        for name, value in upstream.headers.items():
            self.send_header(name, value)  # the backend's Content-Type
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(upstream.content)

    def do_HEAD(self):
        # expect: PY-TAINT-PSSRF
        upstream = requests.get("http://backend.internal/" + self.path.lstrip("/"), timeout=5)
        self.send_response(upstream.status_code)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        # expect: CWE-79
        self.wfile.write(upstream.content)


class LineEcho(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline()
        # safe: CWE-79
        self.wfile.write(b"<echo>" + line)


class LinkChecker(BaseHTTPRequestHandler):
    def do_GET(self):
        target = query_param(self.path, "url")
        # expect: CWE-918
        r = requests.get(target, timeout=5)
        # safe: CWE-78
        subprocess.run("/usr/bin/logger checked " + str(r.status_code), shell=True)
        # safe: CWE-78
        os.system("echo %d" % r.status_code)
        # safe: CWE-78
        os.system(f"echo {r.ok} {r.elapsed} {r.is_redirect}")
        # expect: CWE-78
        os.system("echo " + r.text)
        # expect: CWE-78
        os.system("echo " + r.headers["Server"])
        # expect: CWE-78
        os.system("echo " + r.json()["name"])
        # safe: CWE-78
        os.system("echo took %s" % r.elapsed)
        # the charset the server named: text it chose
        # expect: CWE-78
        os.system("iconv -f " + r.encoding + " page.html")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(f"<p>answered {r.status_code}</p>".encode())
        # expect: CWE-79
        self.wfile.write(f"<p>answered {r.reason}</p>".encode())

    def do_POST(self):
        target = query_param(self.path, "url")
        with httpx.Client() as client:
            # expect: CWE-918
            resp = client.get(target)
        # safe: CWE-78
        os.system("echo status " + str(resp.status_code) + " " + str(resp.is_success))
        # expect: CWE-78
        os.system("echo " + resp.raise_for_status().text)
        # expect: CWE-78
        os.system("echo " + resp.text)
        # expect: CWE-918
        with httpx.stream("GET", target) as streamed:
            # safe: CWE-78
            os.system(f"echo {streamed.status_code}")
            for line in streamed.iter_lines():
                # expect: CWE-78
                os.system("echo " + line)
        # expect: CWE-918
        with urlopen(target) as page:
            # safe: CWE-78
            os.system("echo %s" % page.status)
            # expect: CWE-78
            os.system("echo " + page.read().decode())
        asyncio.run(probe(target))
        record_check(target)


async def probe(url):
    async with aiohttp.ClientSession() as session:
        # expect: CWE-918
        async with session.get(url) as resp:
            # safe: CWE-78
            os.system(f"echo {resp.status} {resp.ok}")
            # expect: CWE-78
            os.system("echo " + await resp.text())


def record_check(url):
    db = sqlite3.connect("links.db")
    with requests.Session() as session:
        # expect: CWE-918
        r = session.request("HEAD", url, allow_redirects=False)
    r.raise_for_status()
    # safe: CWE-89
    db.execute(f"UPDATE links SET status = {r.status_code}, moved = {r.is_permanent_redirect}")
    # expect: CWE-89
    db.execute(f"UPDATE links SET server = '{r.headers.get('Server')}'")


def application(environ, start_response):
    who = parse_qs(environ.get("QUERY_STRING", "")).get("who", ["world"])[0]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    # safe: CWE-79
    return [f"Hello {who}".encode()]


def html_app(environ, start_response):
    who = parse_qs(environ.get("QUERY_STRING", "")).get("who", ["world"])[0]
    headers = [("Content-Type", "text/html"), ("Cache-Control", "no-store")]
    start_response("200 OK", headers)
    body = "<p>Hello {}</p>".format(who)
    # expect: CWE-79
    return [body.encode("utf-8")]


def untyped_app(environ, start_response):
    referer = environ.get("HTTP_REFERER", "")
    start_response("200 OK", [])
    # expect: CWE-79
    return [("<a href='%s'>back</a>" % referer).encode()]


def escaped_app(environ, start_response):
    referer = environ.get("HTTP_REFERER", "")
    start_response("200 OK", [("Content-Type", "text/html")])
    # safe: CWE-79
    return [("<a href='%s'>back</a>" % markupsafe.escape(referer)).encode()]


def form_app(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    form = parse_qs(environ["wsgi.input"].read(size).decode())
    comment = form.get("comment", [""])[0]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    # expect: CWE-79
    return ["<blockquote>{}</blockquote>".format(comment).encode()]


def text_form_app(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    form = parse_qs(environ["wsgi.input"].read(size).decode())
    comment = form.get("comment", [""])[0]
    headers = []
    headers.append(("Content-Type", "text/plain"))
    start_response("200 OK", headers)
    # safe: CWE-79
    return ["You wrote: {}".format(comment).encode()]


def file_app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    media, _ = mimetypes.guess_type(path)
    start_response("200 OK", [("Content-Type", media or "application/octet-stream")])
    # expect: CWE-79
    return [b"Requested: " + path.encode()]


def json_app(environ, start_response):
    size = int(environ.get("CONTENT_LENGTH") or 0)
    payload = json.loads(environ["wsgi.input"].read(size))
    start_response("200 OK", [("Content-Type", "application/json")])
    # safe: CWE-79
    return [json.dumps({"echo": payload}).encode()]


def streaming_app(environ, start_response):
    path = environ["PATH_INFO"]
    start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
    yield b"<h1>Not found</h1>"
    # expect: CWE-79
    yield ("<p>%s does not exist</p>" % path).encode()
    # safe: CWE-79
    yield ("<p>%s</p>" % html.escape(path)).encode()


def log_app(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    start_response("200 OK", [("Content-Type", "text/plain")])
    # expect: CWE-22
    with open(os.path.join("/var/www", path.lstrip("/"))) as fh:
        yield fh.read().encode()


class Greeter:
    def __init__(self, greeting):
        self.greeting = greeting

    def __call__(self, environ, start_response):
        name = parse_qs(environ["QUERY_STRING"]).get("name", [""])[0]
        start_response("200 OK", [("Content-Type", "text/html")])
        # expect: CWE-79
        return [(self.greeting + ", " + name).encode()]


class Gateway:
    """Serves the responses another layer builds, with the headers that layer chose."""

    def __init__(self, handler):
        self.handler = handler

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        start_response(response.status, list(response.headers.items()))
        # safe: CWE-79
        return [response.body]


class BareGateway(Gateway):
    def __call__(self, environ, start_response):
        response = self.handler(environ)
        start_response(response.status, [("Content-Length", str(len(response.body)))])
        # expect: CWE-79
        return [response.body]


class Prefixed:
    def __init__(self, app, prefix):
        self.app = app
        self.prefix = prefix

    def __call__(self, environ, start_response):
        environ["PATH_INFO"] = environ["PATH_INFO"][len(self.prefix) :]
        # safe: CWE-79
        return self.app(environ, start_response)


class EchoHeaders(BaseHTTPRequestHandler):
    def do_GET(self):
        # http.server writes the status message and header values as they are given
        # expect: PY-TAINT-HEADERI
        self.send_response(200, self.headers.get("X-Status", "OK"))
        # expect: PY-TAINT-HEADERI
        self.send_header("X-Request-Path", self.path)
        # safe: CWE-113
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        # safe: CWE-79
        self.wfile.write(b"ok")
