"""Standard-library sources: the terminal, arguments, the environment, the network."""

import argparse
import os
import shlex
import socket
import subprocess
import sys
import urllib.request
from http.server import BaseHTTPRequestHandler

import click


def from_input():
    answer = input("file to show: ")
    # expect: PY-TAINT-CMDI
    os.system("cat " + answer)
    # safe: CWE-78
    os.system("cat " + shlex.quote(answer))


def from_argv():
    target = sys.argv[1]
    # expect: PY-TAINT-CMDI
    subprocess.call("tar xf " + target, shell=True)
    # expect: PY-TAINT-PATH
    open(target).read()


def from_stdin():
    # expect: PY-TAINT-CODEI
    exec(sys.stdin.read())


def from_environment():
    editor = os.environ.get("EDITOR", "vi")
    # expect: PY-TAINT-CMDI
    os.system(editor + " notes.txt")
    home = os.getenv("APP_HOME")
    # expect: PY-TAINT-PATH
    open(os.path.join(home, "settings.ini")).read()
    # expect: PY-TAINT-CMDI
    os.system("ls " + os.environ["HOME"])


def from_socket():
    server = socket.socket()
    server.bind(("127.0.0.1", 9000))
    connection, _ = server.accept()
    command = connection.recv(1024).decode()
    # expect: PY-TAINT-CMDI
    subprocess.run(command, shell=True)


def from_url():
    remote = urllib.request.urlopen("https://example.org/script.txt").read()
    # expect: PY-TAINT-CODEI
    eval(remote)


def from_argparse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--output")
    options = parser.parse_args()
    # expect: PY-TAINT-PATH
    open(options.output, "w").write("done")


@click.command()
@click.option("--name")
def from_click(name):
    # expect: PY-TAINT-CMDI
    os.system("greet " + name)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        # expect: PY-TAINT-PATH
        with open("/srv/www" + self.path, "rb") as handle:
            self.wfile.write(handle.read())
        # expect: PY-TAINT-CMDI
        os.system("log " + self.headers["User-Agent"])

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        # expect: PY-TAINT-CODEI
        eval(self.rfile.read(length))


if __name__ == "__main__":
    # expect: PY-TAINT-CMDI
    os.system("echo " + sys.argv[0])
