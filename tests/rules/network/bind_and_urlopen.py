import argparse
import http.server
import os
import socket
import socketserver
import urllib.request
from urllib.parse import urlparse
from urllib.request import Request, urlopen
from wsgiref.simple_server import make_server

import uvicorn
from flask import Flask
from werkzeug.serving import run_simple

app = Flask(__name__)
ALL_INTERFACES = "0.0.0.0"
LOOPBACK = "127.0.0.1"
# a bind setting is reported where it is set (low confidence), not again where it is used
# expect: PY-NET-001
HOST = "0.0.0.0"
# gunicorn.conf.py style
# expect: PY-NET-001
bind = "0.0.0.0:8000"
# safe: PY-NET-001
DATABASE_HOST = "0.0.0.0"
# safe: PY-NET-001
LISTEN_ADDRESS = ""
API_BASE = "https://api.example.com/v1/"


def servers(handler):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # expect: PY-NET-001
    sock.bind(("0.0.0.0", 8080))
    # expect: CWE-1327
    sock.bind(("", 8080))
    # expect: PY-NET-001
    app.run(host=ALL_INTERFACES, port=5000)
    # expect: PY-NET-001
    uvicorn.run(app, host="0.0.0.0", port=8000)
    # expect: PY-NET-001
    run_simple("0.0.0.0", 5000, app)
    # expect: PY-NET-001
    make_server("", 8000, app)
    # expect: PY-NET-001
    socketserver.TCPServer(("::", 9000), handler)
    # expect: PY-NET-001
    http.server.HTTPServer(("", 8000), handler)
    # an environment default: low confidence, the variable may override it
    # expect: PY-NET-001
    app.run(host=os.environ.get("HOST", "0.0.0.0"))
    # safe: PY-NET-001
    app.run(host=HOST)
    # safe: PY-NET-001
    sock.bind(("127.0.0.1", 8080))
    # safe: PY-NET-001
    app.run(host=LOOPBACK)
    # safe: PY-NET-001
    uvicorn.run(app, host=os.environ["HOST"], port=8000)
    # safe: PY-NET-001
    app.run()
    # connecting to an address is not binding to it
    # safe: PY-NET-001
    sock.connect(("0.0.0.0", 8080))
    # safe: PY-NET-001
    allowed = host_allowed("0.0.0.0")
    return allowed


def options():
    parser = argparse.ArgumentParser()
    # expect: PY-NET-001
    parser.add_argument("--host", default="0.0.0.0")
    # safe: PY-NET-001
    parser.add_argument("--host", default="127.0.0.1")
    # safe: PY-NET-001
    parser.add_argument("--db-host", default="localhost")
    return parser


def host_allowed(host):
    return host != "0.0.0.0"


class Task:
    def run(self, target):
        return target

    def go(self):
        # an unrelated run() with an empty string argument
        # safe: PY-NET-001
        return self.run("")


def fetch(url, path):
    # expect: PY-NET-002
    urllib.request.urlopen(url)
    # expect: CWE-918
    urlopen(url + "?format=json", timeout=10)
    # expect: PY-NET-002
    urllib.request.urlretrieve(url, path)
    # expect: PY-NET-002
    Request(url, headers={"Accept": "application/json"})
    opener = urllib.request.build_opener()
    # expect: PY-NET-002
    opener.open(url)
    # expect: PY-NET-002
    urllib.request.FancyURLopener()
    # safe: PY-NET-002
    urlopen("https://example.com/status", timeout=10)
    # safe: PY-NET-002
    urlopen(f"https://example.com/users/{path}", timeout=10)
    # safe: PY-NET-002
    urlopen(API_BASE + path, timeout=10)
    # safe: PY-NET-002
    urlopen("https://example.com/{}".format(path), timeout=10)
    request = Request("https://example.com/items")
    # the Request was judged where it was built
    # safe: PY-NET-002
    urlopen(request, timeout=10)


def fetch_checked(url):
    if urlparse(url).scheme not in ("http", "https"):
        raise ValueError(url)
    # the scheme is checked in this function
    # safe: PY-NET-002
    return urlopen(url, timeout=10).read()


def fetch_prefix_checked(url):
    if not url.startswith(("https://", "http://")):
        raise ValueError(url)
    # safe: PY-NET-002
    return urlopen(url, timeout=10).read()
