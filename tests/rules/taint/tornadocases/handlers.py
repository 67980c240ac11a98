"""Tornado request handlers: arguments, the request object, path arguments, WebSockets."""

import os
import subprocess

import tornado.template
import tornado.web
import tornado.websocket
from tornado.escape import xhtml_escape
from tornado.httpclient import AsyncHTTPClient, HTTPRequest


class Greeting(tornado.web.RequestHandler):
    def get(self, name):
        q = self.get_argument("q", "")
        # expect: CWE-79
        self.write("<p>" + q + "</p>")
        # a URL path argument is input too
        # expect: CWE-79
        self.write(f"<h1>{name}</h1>")
        # safe: CWE-79 (escaped)
        self.write("<p>" + xhtml_escape(q) + "</p>")
        # safe: CWE-79 (a dict is sent as JSON)
        self.write({"q": q, "name": name})
        # safe: CWE-79 (an autoescaped template file)
        self.render("greeting.html", q=q)


class PlainText(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        # safe: CWE-79 (not a page)
        self.finish(self.get_query_argument("q"))


class Redirects(tornado.web.RequestHandler):
    def get(self):
        # expect: CWE-601
        self.redirect(self.get_argument("next"))
        # safe: CWE-601 (a path of this site)
        self.redirect("/account/" + self.get_argument("page"))


class Files(tornado.web.RequestHandler):
    def post(self):
        name = self.request.headers.get("X-File-Name", "upload.bin")
        # expect: CWE-22
        with open(os.path.join("/srv/files", name), "wb") as out:
            out.write(self.request.body)
        # safe: CWE-22
        with open(os.path.join("/srv/files", os.path.basename(name)), "wb") as out:
            out.write(self.request.body)


class Templates(tornado.web.RequestHandler):
    async def post(self):
        # expect: CWE-1336
        template = tornado.template.Template(self.get_body_argument("template"))
        # safe: CWE-1336
        fixed = tornado.template.Template("<p>{{ q }}</p>")
        self.write(fixed.generate(q=self.get_body_argument("q")))
        client = AsyncHTTPClient()
        # expect: CWE-918
        await client.fetch(self.get_argument("url"))
        # the host is fixed: partial SSRF only
        # expect: PY-TAINT-PSSRF
        # safe: PY-TAINT-SSRF
        await client.fetch("https://api.example.com/items/" + self.get_argument("id"))
        return template


class Commands(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        # expect: CWE-78
        subprocess.run("echo " + message, shell=True)
        # safe: CWE-78
        subprocess.run(["echo", message])


class Helpers(tornado.web.RequestHandler):
    def get_argument(self, name, default=None):
        # the project's own method of that name: what it returns is not the request's
        return "fixed"

    def get(self):
        # safe: CWE-79
        self.write("<p>" + self.get_argument("q") + "</p>")


class Download(tornado.web.RequestHandler):
    def get(self, path, include_body=True):
        # a switch of the code (HEAD calls get with include_body=False), not a URL group
        if include_body:
            # safe: CWE-79
            self.write(str(include_body))
        # expect: CWE-79
        self.write(path)


class Proxy(tornado.web.RequestHandler):
    def initialize(self, url):
        self.url = url

    async def post(self):
        client = AsyncHTTPClient()
        # the client's body and headers are relayed to a URL the server chose
        fixed = HTTPRequest(url=self.url, method="POST", body=self.request.body)
        # safe: CWE-918
        await client.fetch(fixed)
        chosen = HTTPRequest(self.get_argument("target"), method="GET")
        # expect: CWE-918
        await client.fetch(chosen)
