"""FastAPI/Starlette uploads: UploadFile parameters and request.form() files."""

import os
import shutil
import uuid
from pathlib import Path
from typing import Annotated, List, Optional

import aiofiles
import filetype
from fastapi import FastAPI, File, HTTPException, Request, UploadFile
from starlette.datastructures import UploadFile as StarletteUpload

app = FastAPI()
UPLOAD_DIR = "/var/lib/app/uploads"
STATIC_DIR = Path(__file__).parent / "static"
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}


@app.post("/files/")
async def create_upload_file(uploaded_file: UploadFile = File(...)):
    file_location = f"files/{uploaded_file.filename}"
    # expect: PY-UPLOAD-001, CWE-22
    with open(file_location, "wb+") as file_object:
        shutil.copyfileobj(uploaded_file.file, file_object)
    return {"info": "saved"}


@app.post("/async")
async def upload_async(file: UploadFile):
    destination = os.path.join(UPLOAD_DIR, os.path.basename(file.filename))
    # expect: PY-UPLOAD-001
    async with aiofiles.open(destination, "wb") as out:
        await out.write(await file.read())
    return {"ok": True}


@app.post("/many")
async def upload_many(files: List[UploadFile] = File(...)):
    for upload in files:
        # expect: PY-UPLOAD-001
        (STATIC_DIR / os.path.basename(upload.filename)).write_bytes(await upload.read())
    return {"count": len(files)}


@app.post("/annotated")
async def upload_annotated(document: Annotated[UploadFile, File()]):
    target = Path(UPLOAD_DIR) / os.path.basename(document.filename)
    # expect: PY-UPLOAD-001
    with target.open("wb") as out:
        shutil.copyfileobj(document.file, out)
    return {"ok": True}


@app.post("/optional")
async def upload_optional(file: Optional[UploadFile] = None):
    if file is None:
        return {"ok": False}
    if not file.filename.lower().endswith((".png", ".jpg")):
        raise HTTPException(status_code=415, detail="images only")
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOAD_DIR, os.path.basename(file.filename)), "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.post("/detected")
async def upload_detected(file: UploadFile):
    data = await file.read()
    kind = filetype.guess(data)
    if kind is None or kind.mime not in IMAGE_TYPES:
        raise HTTPException(status_code=415)
    name = uuid.uuid4().hex + IMAGE_TYPES[kind.mime]
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOAD_DIR, name), "wb") as out:
        out.write(data)
    return {"name": "stored"}


@app.post("/declared-type")
async def upload_declared_type(file: UploadFile):
    if file.content_type not in IMAGE_TYPES:
        raise HTTPException(status_code=415)
    # expect: PY-UPLOAD-001
    with open(os.path.join(UPLOAD_DIR, os.path.basename(file.filename)), "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.post("/in-memory")
async def upload_in_memory(file: UploadFile):
    data = await file.read()
    return {"size": len(data), "lines": data.count(b"\n")}


@app.post("/server-named")
async def upload_server_named(file: StarletteUpload):
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOAD_DIR, f"{uuid.uuid4()}.upload"), "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.post("/form")
async def upload_form(request: Request):
    form = await request.form()
    upload = form["attachment"]
    contents = await upload.read()
    # expect: PY-UPLOAD-001
    with open(os.path.join(UPLOAD_DIR, os.path.basename(upload.filename)), "wb") as out:
        out.write(contents)
    return {"ok": True}


def save_upload(upload: UploadFile, folder: str) -> str:
    target = os.path.join(folder, os.path.basename(upload.filename))
    # expect: PY-UPLOAD-001
    with open(target, "wb") as out:
        shutil.copyfileobj(upload.file, out)
    return "saved"
