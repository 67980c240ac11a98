"""A stdlib command-line tool and HTTP handler: argv, stdin, input() and the request line."""

import argparse
import os
import shlex
import sqlite3
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import yaml

DEFAULTS = {"db": "tool.db"}


def build_parser():
    p = argparse.ArgumentParser()
    p.add_argument("--host")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--table", choices=["a", "b"])
    p.add_argument("--where")
    p.add_argument("-v", "--verbose", action="count", default=0)
    return p


def ping(host, count):
    # expect: CWE-78
    return subprocess.check_output(f"ping -c {count} {host}", shell=True)


def ping_safe(host, count):
    # safe: CWE-78
    return subprocess.check_output(f"ping -c {int(count)} {shlex.quote(host)}", shell=True)


def load_config(path):
    # expect: CWE-22
    with open(path) as fh:
        # expect: CWE-502
        return yaml.load(fh, Loader=yaml.Loader)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        name = query.get("name", [""])[0]
        conn = sqlite3.connect(DEFAULTS["db"])
        # expect: CWE-89
        rows = conn.execute("SELECT * FROM t WHERE name = '" + name + "'").fetchall()
        self.send_response(200)
        self.end_headers()
        # no Content-Type: a browser sniffs the body as HTML
        # expect: CWE-79
        self.wfile.write(("<p>%s</p>" % name).encode())
        self.wfile.write(str(len(rows)).encode())

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        # expect: CWE-776
        root = ET.fromstring(body)
        self.send_response(200)
        self.end_headers()
        # the tag ("{namespace}name") is the client's text
        # expect: CWE-79
        self.wfile.write(root.tag.encode())


def main(argv=None):
    args = build_parser().parse_args(argv)
    print(ping(args.host, args.count))
    print(ping_safe(args.host, args.count))
    conn = sqlite3.connect(DEFAULTS["db"])
    # safe: CWE-89
    conn.execute("SELECT * FROM t LIMIT %d" % args.count)
    # safe: CWE-89
    conn.execute(f"SELECT * FROM {args.table} LIMIT {args.count} -- {args.verbose}")
    # expect: CWE-89
    conn.execute(f"SELECT * FROM {args.table} WHERE {args.where}")
    for line in sys.stdin:
        # expect: CWE-918
        urllib.request.urlopen(line.strip())
    load_config(input("config file: "))


if __name__ == "__main__":
    main()
    HTTPServer(("127.0.0.1", 8000), Handler).serve_forever()


class StartCommand:
    def execute(self, argv):
        print("starting", argv[1:])


class StopCommand:
    def execute(self, argv):
        print("stopping", argv[1:])


SUBCOMMANDS = {"start": StartCommand(), "stop": StopCommand()}


def dispatch():
    command = SUBCOMMANDS[sys.argv[1]]
    # a command object's `execute(argv)`: the argument vector is no SQL text
    # safe: CWE-89
    command.execute(sys.argv)
    connection = sqlite3.connect(DEFAULTS["db"])
    # expect: PY-TAINT-SQLI
    connection.execute(" ".join(sys.argv[2:]))
