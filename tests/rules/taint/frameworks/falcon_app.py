"""Falcon resources: req.get_param, headers and media are input."""

import sqlite3

import falcon


class Users:
    def on_get(self, req, resp):
        name = req.get_param("name")
        connection = sqlite3.connect("app.db")
        # expect: PY-TAINT-SQLI
        rows = connection.execute("SELECT * FROM users WHERE name = '" + name + "'").fetchall()
        # safe: CWE-89
        rows = connection.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
        resp.media = {"users": rows}

    def on_post(self, req, resp):
        target = req.media["next"]
        # expect: PY-TAINT-REDIRECT
        raise falcon.HTTPFound(target)


app = falcon.App()
app.add_route("/users", Users())
