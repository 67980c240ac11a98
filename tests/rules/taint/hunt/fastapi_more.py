"""FastAPI: forms, uploads, background tasks, websockets, response classes and templates."""

import os
import shutil
import subprocess
from typing import Annotated

from fastapi import (
    BackgroundTasks,
    FastAPI,
    File,
    Form,
    Path,
    Query,
    Request,
    UploadFile,
    WebSocket,
)
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

app = FastAPI()
templates = Jinja2Templates(directory="templates")
UPLOADS = "/srv/uploads"


class Ticket(BaseModel):
    title: str
    severity: int = Field(ge=1, le=5)


def notify(title: str) -> None:
    # expect: CWE-78
    subprocess.run(f"notify-send '{title}'", shell=True)


@app.post("/tickets")
async def create(ticket: Ticket, tasks: BackgroundTasks):
    tasks.add_task(notify, ticket.title)
    # safe: CWE-78
    os.system(f"logger severity={ticket.severity}")
    return {"ok": True}


@app.post("/login")
async def login(username: Annotated[str, Form()], password: Annotated[str, Form()]):
    # expect: CWE-79
    return HTMLResponse(f"<p>Welcome {username}</p>")


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    # expect: CWE-22, PY-UPLOAD-001
    with open(os.path.join(UPLOADS, file.filename), "wb") as out:
        shutil.copyfileobj(file.file, out)
    # expect: PY-UPLOAD-001
    # safe: CWE-22
    with open(os.path.join(UPLOADS, os.path.basename(file.filename)), "wb") as out:
        shutil.copyfileobj(file.file, out)
    return {"ok": True}


@app.get("/text")
async def text(q: str = Query("")):
    # safe: CWE-79
    return PlainTextResponse(q)


@app.get("/raw")
async def raw(q: str = Query("")):
    # expect: CWE-79
    return Response(content=f"<b>{q}</b>", media_type="text/html")


@app.get("/page")
async def page(request: Request, q: str = ""):
    # safe: CWE-79
    return templates.TemplateResponse("page.html", {"request": request, "q": q})


@app.get("/files/{name}")
async def files(name: Annotated[str, Path(pattern=r"^[a-z0-9]+$")]):
    # safe: CWE-22
    return PlainTextResponse(open(os.path.join(UPLOADS, name)).read())


@app.get("/search")
async def search(q: str = Query("", pattern=r"[a-z]+")):
    # the pattern is searched for: "a;rm -rf /" has a match
    # expect: CWE-78
    os.system("grep " + q + " index.txt")
    return {}


@app.get("/docs/{name}")
async def docs(name: str = Path(..., pattern=r"^[a-z0-9-]+$")):
    # safe: CWE-78
    os.system("man " + name)
    return {}


class Order(BaseModel):
    sku: str
    quantity: int
    express: bool | None = None


class ExpressOrder(Order):
    priority: int = 1


@app.post("/orders")
async def order(body: ExpressOrder):
    # safe: CWE-78
    os.system(f"ship --qty {body.quantity} --prio {body.priority} --express {body.express}")
    # expect: CWE-78
    os.system(f"ship --sku {body.sku}")
    return {}


@app.get("/cookie")
async def cookie(request: Request):
    theme = request.cookies.get("theme", "light")
    # expect: CWE-79
    return HTMLResponse("<body class='" + theme + "'>")


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()
    cmd = await websocket.receive_text()
    # expect: CWE-78
    os.system(cmd)
