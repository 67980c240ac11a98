"""Safe alternatives are not sinks: list arguments, bound parameters, safe loaders."""

import ast
import json
import os
import sqlite3
import subprocess

import defusedxml.ElementTree
import psycopg2
import sqlalchemy
import yaml
from flask import Flask, request, send_from_directory

app = Flask(__name__)


@app.route("/list-args")
def argument_list():
    name = request.args["name"]
    # a constant program and no shell: the input is one argument
    # safe: CWE-78
    subprocess.run(["grep", "-r", name, "/srv/docs"], check=True)
    # safe: CWE-78
    subprocess.check_output(["wc", "-l", name])
    # safe: CWE-78
    subprocess.run(["grep", name], shell=False)
    # the same call through a shell is injectable
    # expect: CWE-78
    subprocess.run("grep -r " + name + " /srv/docs", shell=True)


@app.route("/program-constant-in-string")
def program_in_string():
    name = request.args["name"]
    # without a shell the whole string names the program: the input cannot add commands
    # safe: CWE-78
    subprocess.run("grep -r " + name)


@app.route("/sql-params")
def bound_parameters():
    name = request.args["name"]
    connection = sqlite3.connect("app.db")
    # safe: CWE-89
    connection.execute("SELECT * FROM users WHERE name = ?", (name,))
    # safe: CWE-89
    connection.execute("SELECT * FROM users WHERE name = :name", {"name": name})
    # safe: CWE-89
    connection.executemany("INSERT INTO users VALUES (?)", [(name,)])
    # expect: CWE-89
    connection.execute("SELECT * FROM users WHERE name = '" + name + "'")
    pg = psycopg2.connect("dbname=app")
    cursor = pg.cursor()
    # safe: CWE-89
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    # expect: CWE-89
    cursor.execute("SELECT * FROM users WHERE name = %s" % (name,))


@app.route("/sqlalchemy")
def sqlalchemy_binds():
    name = request.args["name"]
    engine = sqlalchemy.create_engine("sqlite://")
    with engine.connect() as conn:
        statement = sqlalchemy.text("SELECT * FROM users WHERE name = :name")
        # safe: CWE-89
        conn.execute(statement, {"name": name})
        table = sqlalchemy.table("users", sqlalchemy.column("name"))
        # safe: CWE-89
        conn.execute(sqlalchemy.select(table).where(table.c.name == name))


@app.route("/files/<path:name>")
def send_from_folder(name):
    # send_from_directory refuses paths that leave the folder
    # safe: CWE-22
    return send_from_directory("/srv/files", name)


@app.route("/load", methods=["POST"])
def safe_loaders():
    # safe: CWE-502
    yaml.safe_load(request.data)
    # safe: CWE-502
    json.loads(request.data)
    # safe: CWE-95
    ast.literal_eval(request.form["literal"])
    # safe: CWE-611
    defusedxml.ElementTree.fromstring(request.data)
    return "ok"


@app.route("/env")
def environment_not_command():
    # passing input through the environment of a fixed command is not a command injection
    # safe: CWE-78
    subprocess.run(["printenv", "GREETING"], env={**os.environ, "GREETING": request.args["g"]})
    return "ok"
