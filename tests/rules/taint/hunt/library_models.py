"""Database drivers, process launchers and file APIs beyond the usual ones (FastAPI).

Each sink has a vulnerable call (input in the SQL text, the command line or the path)
and a safe twin (parameters, an argument vector without a shell, a fixed name).
"""

import asyncio
import os

import aiofiles
import asyncpg
import fabric
import invoke
import pandas as pd
import peewee
from fastapi import FastAPI

app = FastAPI()
db = peewee.SqliteDatabase("app.db")


@app.get("/asyncpg")
async def asyncpg_queries(name: str):
    conn = await asyncpg.connect("postgresql://localhost/app")
    # expect: PY-TAINT-SQLI
    await conn.fetch("SELECT * FROM users WHERE name = '" + name + "'")
    # safe: CWE-89
    await conn.fetch("SELECT * FROM users WHERE name = $1", name)
    pool = await asyncpg.create_pool("postgresql://localhost/app")
    # expect: PY-TAINT-SQLI
    await pool.fetchval(f"SELECT count(*) FROM {name}")
    # safe: CWE-89
    await pool.fetchval("SELECT count(*) FROM users WHERE name = $1", name)
    return {}


@app.get("/peewee")
def peewee_queries(name: str):
    # expect: PY-TAINT-SQLI
    db.execute_sql("SELECT * FROM users WHERE name = '%s'" % name)
    # safe: CWE-89
    db.execute_sql("SELECT * FROM users WHERE name = ?", (name,))
    return {}


@app.get("/pandas")
def pandas_queries(name: str):
    # expect: PY-TAINT-SQLI
    frame = pd.read_sql("SELECT * FROM users WHERE name = '" + name + "'", db)
    # safe: CWE-89
    frame = pd.read_sql_query("SELECT * FROM users WHERE name = ?", db, params=(name,))
    return frame.to_dict()


@app.get("/exec")
async def launch(command: str):
    # expect: PY-TAINT-CMDI
    await asyncio.create_subprocess_exec("sh", "-c", command)
    # an argument vector without a shell: the input is one argument of `echo`
    # safe: CWE-78
    await asyncio.create_subprocess_exec("echo", command)
    if os.fork() == 0:
        # expect: PY-TAINT-CMDI
        os.execv("/bin/sh", ["sh", "-c", command])
    if os.fork() == 0:
        # safe: CWE-78
        os.execv("/bin/echo", ["echo", command])
    # expect: PY-TAINT-CMDI
    os.spawnl(os.P_WAIT, "/bin/sh", "sh", "-c", command)
    # safe: CWE-78
    os.spawnlp(os.P_WAIT, "echo", "echo", command)
    return {}


@app.get("/remote")
def remote(command: str):
    # expect: PY-TAINT-CMDI
    invoke.run("ls " + command)
    # safe: CWE-78
    invoke.run("ls /srv/data")
    connection = fabric.Connection("build.example.com")
    # expect: PY-TAINT-CMDI
    connection.run(f"tail -n 20 {command}")
    # safe: CWE-78
    connection.run("uptime")
    return {}


@app.get("/files")
async def files(name: str):
    # expect: PY-TAINT-PATH
    async with aiofiles.open(name) as handle:
        text = await handle.read()
    # safe: CWE-22
    async with aiofiles.open(os.path.join("/srv/data", os.path.basename(name))) as handle:
        text += await handle.read()
    return {"text": text}


@app.get("/xpath")
def xpath_query(name: str):
    import elementpath
    from lxml import etree

    root = etree.parse("/srv/data/users.xml")
    # expect: PY-TAINT-XPATHI
    found = elementpath.select(root, f"//user[@name='{name}']")
    # safe: CWE-643
    found += elementpath.select(root, "//user[@name=$name]", variables={"name": name})
    return {"n": len(found)}


@app.get("/program")
def run_program(program: str):
    import sh

    # expect: PY-TAINT-CMDI
    sh.Command(program)()
    # safe: CWE-78
    sh.Command("uptime")()
    return {}
