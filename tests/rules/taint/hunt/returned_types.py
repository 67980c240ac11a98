"""Objects a project function returns: a library's type, or the project's own class.

`conn = helpers.clients.ldap_connection()` is an `ldap3.Connection`, so `conn.search`
is an LDAP query; `catalogue().search(...)` is the project's own method and no sink.
"""

import ldap3.utils.conv
from flask import Flask, request

from .helpers import clients

app = Flask(__name__)


def local_connection():
    return ldap3.Connection(ldap3.Server("ldap://localhost"), auto_bind=True)


@app.route("/people")
def people():
    uid = request.args.get("uid", "")
    conn = clients.ldap_connection()
    # expect: CWE-90
    conn.search("ou=users,dc=example,dc=org", f"(uid={uid})")
    return str(conn.entries)


@app.route("/people/again")
def people_again():
    uid = request.args.get("uid", "")
    # expect: CWE-90
    clients.directory().search("ou=users,dc=example,dc=org", "(uid=" + uid + ")")
    return "ok"


@app.route("/people/local")
def people_local():
    uid = request.args.get("uid", "")
    conn = local_connection()
    # expect: CWE-90
    conn.search("ou=users,dc=example,dc=org", "(uid=%s)" % uid)
    return "ok"


@app.route("/people/escaped")
def people_escaped():
    uid = ldap3.utils.conv.escape_filter_chars(request.args.get("uid", ""))
    conn = clients.ldap_connection()
    # safe: CWE-90
    conn.search("ou=users,dc=example,dc=org", f"(uid={uid})")
    return "ok"


@app.route("/run")
def run():
    command = request.args.get("cmd", "")
    client = clients.ssh_client("build.example.org")
    # expect: CWE-78
    client.exec_command("ls " + command)
    return "ok"


@app.route("/catalogue")
def catalogue_search():
    text = request.args.get("q", "")
    items = clients.catalogue()
    # safe: CWE-90
    found = items.search("ou=users", "(uid=" + text + ")")
    # safe: CWE-89
    items.execute("SELECT " + text)
    # safe: CWE-78
    items.exec_command("ls " + text)
    return str(len(found))
