"""FastAPI: Query/Body/Path parameters, pydantic models, async helpers and dependencies."""

import asyncio
import os
import sqlite3
import subprocess
from pathlib import Path

import httpx
from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel

app = FastAPI()
STATIC = Path("/srv/static")


class Job(BaseModel):
    command: str
    priority: int = 0


async def run_shell(cmd: str) -> str:
    # expect: CWE-78
    proc = await asyncio.create_subprocess_shell(cmd)
    await proc.wait()
    return "done"


async def fetch_json(url: str) -> dict:
    async with httpx.AsyncClient() as client:
        # expect: CWE-918
        r = await client.get(url)
        return r.json()


def pagination(limit: int = Query(10), cursor: str = Query("")) -> dict:
    return {"limit": limit, "cursor": cursor}


@app.post("/jobs")
async def submit(job: Job):
    await run_shell("nice " + job.command)
    # safe: CWE-78
    subprocess.run(["nice", "-n", str(job.priority), "true"])
    return {"ok": True}


@app.get("/proxy")
async def proxy(url: str = Query(...)):
    return await fetch_json(url)


@app.get("/static/{name}")
async def static(name: str):
    # expect: CWE-22
    return HTMLResponse((STATIC / name).read_text())


@app.get("/static-safe/{name}")
async def static_safe(name: str):
    target = (STATIC / name).resolve()
    if not target.is_relative_to(STATIC):
        return HTMLResponse("no", status_code=404)
    # safe: CWE-22
    return HTMLResponse(target.read_text())


@app.get("/items")
def items(page: dict = Depends(pagination)):
    conn = sqlite3.connect("app.db")
    # expect: CWE-89
    conn.execute("SELECT * FROM items WHERE id > '%s'" % page["cursor"])
    # safe: CWE-89
    conn.execute("SELECT * FROM items LIMIT %d" % page["limit"])
    return {}


@app.post("/render")
async def render(body: dict = Body(...)):
    title = body.get("title", "")
    # expect: CWE-79
    return HTMLResponse(f"<h1>{title}</h1>")


@app.get("/next")
async def next_page(request: Request):
    target = request.query_params.get("next", "/")
    # expect: CWE-601
    return RedirectResponse(target)


@app.post("/calc")
async def calc(request: Request):
    data = await request.json()
    # expect: CWE-95
    return {"v": eval(data["expr"])}


@app.get("/env")
def env(name: str):
    # expect: CWE-78
    os.system(os.environ.get("PAGER", "less") + " " + name)
    return {}
