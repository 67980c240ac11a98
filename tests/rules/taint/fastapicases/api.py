"""FastAPI handlers: typed parameters, Header/Cookie, body models and the Request object."""

import os
import sqlite3
import subprocess
import uuid
from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, FastAPI, Header, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()
FILES = "/srv/files"


class Item(BaseModel):
    name: str
    quantity: int


def current_user(request: Request) -> str:
    return "someone"


@app.get("/items/{item_id}")
def read_item(item_id: str, q: str | None = None):
    # expect: PY-TAINT-CMDI
    os.system("lookup " + item_id)
    # expect: PY-TAINT-CMDI
    os.system("lookup " + (q or ""))
    return {}


@app.get("/orders/{order_id}")
def read_order(order_id: int, ref: uuid.UUID):
    # FastAPI validates: only an int and a UUID get here
    # safe: CWE-78
    os.system(f"lookup {order_id} {ref}")
    return {}


@app.post("/items")
def create_item(item: Item, user: str = Depends(current_user)):
    connection = sqlite3.connect("app.db")
    # expect: PY-TAINT-SQLI
    connection.execute("INSERT INTO items VALUES ('" + item.name + "')")
    # safe: CWE-89
    connection.execute("INSERT INTO items VALUES (?)", (item.name,))
    # safe: CWE-89
    connection.execute(f"INSERT INTO counts VALUES ({int(item.quantity)})")
    return {}


@router.get("/headers")
def from_headers(
    user_agent: Annotated[str, Header()],
    session: str = Cookie(""),
    sort: str = Query("name"),
):
    # expect: PY-TAINT-CMDI
    subprocess.run("log-agent " + user_agent, shell=True)
    # expect: PY-TAINT-CMDI
    subprocess.run("check-session " + session, shell=True)
    # expect: PY-TAINT-CMDI
    subprocess.run("sort-by " + sort, shell=True)
    return {}


@app.get("/page", response_class=HTMLResponse)
async def page(request: Request):
    title = request.query_params.get("title", "")
    # expect: PY-TAINT-XSS
    return HTMLResponse("<h1>" + title + "</h1>")


@app.post("/hook")
async def hook(request: Request):
    payload = await request.json()
    # expect: PY-TAINT-CODEI
    eval(payload["expr"])
    body = await request.body()
    # expect: PY-TAINT-CMDI
    os.system(b"process " + body)
    form = await request.form()
    # expect: PY-TAINT-CMDI
    os.system("process " + form["name"])
    # expect: PY-TAINT-CMDI
    os.system("process " + request.headers["x-name"] + request.cookies["id"])
    # expect: PY-TAINT-CMDI
    os.system("process " + request.path_params["name"])
    return {}


@app.get("/go")
def go(next: str):
    # expect: PY-TAINT-REDIRECT
    return RedirectResponse(next)


@app.get("/go-home")
def go_home(section: str):
    # safe: CWE-601
    return RedirectResponse("/home/" + section)


@app.get("/logout")
def logout(request: Request):
    # the URL the browser asked for, on this site: redirecting there leaves nothing
    # safe: CWE-601
    return RedirectResponse(str(request.url).replace("/logout", "/"))


@app.get("/back")
def back(request: Request):
    # expect: PY-TAINT-REDIRECT
    return RedirectResponse(request.query_params["back"])


@app.get("/files/{name}")
def download(name: str):
    # expect: PY-TAINT-PATH
    return FileResponse(os.path.join(FILES, name))


@app.get("/files-safe/{name}")
def download_safe(name: str):
    # safe: CWE-22
    return FileResponse(os.path.join(FILES, os.path.basename(name)))


@app.get("/greeting")
def greeting(name: str):
    # handler returns are serialised as JSON
    # safe: CWE-79
    return {"greeting": "Hello " + name}


app.include_router(router)
