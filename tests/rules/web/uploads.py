"""Flask uploads: stored under the client's file name (and so its type) or not."""

import base64
import csv
import imghdr
import io
import mimetypes
import os
import os.path as osp
import re
import secrets
import shutil
import uuid
from os import path
from pathlib import Path
from uuid import uuid4

import filetype
import magic
from flask import Flask, abort, flash, redirect, request
from flask import request as req
from myapp.validation import validate_extension
from PIL import Image
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "static/uploads"
UPLOADS = "/srv/app/uploads"
UPLOAD_ROOT = Path("/srv/app/uploads")
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "pdf"}
ALLOWED_MIME_TYPES = {"image/png", "image/jpeg"}


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


def has_a_dot(filename):
    return "." in filename


@app.route("/pdf", methods=["POST"])
def upload_pdf():
    f = request.files["pdf"]
    # expect: PY-UPLOAD-001, CWE-22
    f.save("./uploads/" + f.filename)
    return "ok"


@app.route("/avatar", methods=["POST"])
def upload_avatar():
    if "file" not in request.files:
        flash("No file part")
        return redirect("/")
    file = request.files["file"]
    if file.filename == "":
        flash("No selected file")
        return redirect("/")
    filename = secure_filename(file.filename)
    # expect: PY-UPLOAD-001
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], filename))
    return "saved"


@app.route("/docs-pattern", methods=["POST"])
def upload_checked():
    file = request.files["file"]
    if file and allowed_file(file.filename):
        filename = secure_filename(file.filename)
        # safe: PY-UPLOAD-001
        file.save(os.path.join(app.config["UPLOAD_FOLDER"], filename))
        return "saved"
    abort(400)


@app.route("/dot-only", methods=["POST"])
def upload_dot_only():
    file = request.files["file"]
    if not has_a_dot(file.filename):
        abort(400)
    # expect: PY-UPLOAD-001
    file.save(os.path.join(UPLOADS, secure_filename(file.filename)))
    return "saved"


@app.route("/raw", methods=["POST"])
def upload_raw():
    uploaded = req.files.get("attachment")
    # expect: PY-UPLOAD-001, CWE-22
    open(osp.join(UPLOADS, uploaded.filename), "wb").write(uploaded.read())
    return "ok"


@app.route("/many", methods=["POST"])
def upload_many():
    for item in request.files.getlist("photos"):
        target = path.join(UPLOADS, secure_filename(item.filename))
        # expect: PY-UPLOAD-001
        item.save(target)
    return "ok"


@app.route("/keep-extension", methods=["POST"])
def upload_keep_extension():
    f = request.files["image"]
    extension = os.path.splitext(f.filename)[1]
    stored = uuid.uuid4().hex + extension
    # expect: PY-UPLOAD-001, CWE-22
    f.save(os.path.join(UPLOADS, stored))
    return "ok"


@app.route("/checked-extension", methods=["POST"])
def upload_checked_extension():
    f = request.files["image"]
    root, extension = os.path.splitext(f.filename)
    if extension.lower() not in {".png", ".jpg"}:
        abort(415)
    stored = f"{uuid4().hex}{extension}"
    # expect: CWE-22
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, stored))
    return "ok"


@app.route("/endswith", methods=["POST"])
def upload_endswith():
    f = request.files["image"]
    name = secure_filename(f.filename)
    if not name.lower().endswith((".png", ".jpg", ".jpeg")):
        return "images only", 400
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/suffix", methods=["POST"])
def upload_suffix():
    f = request.files["image"]
    name = secure_filename(f.filename)
    if Path(name).suffix.lower() not in (".png", ".gif"):
        abort(400)
    # safe: PY-UPLOAD-001
    (UPLOAD_ROOT / name).write_bytes(f.read())
    return "ok"


@app.route("/pathlib", methods=["POST"])
def upload_pathlib():
    f = request.files["image"]
    # expect: PY-UPLOAD-001
    (UPLOAD_ROOT / secure_filename(f.filename)).write_bytes(f.read())
    return "ok"


@app.route("/imghdr", methods=["POST"])
def upload_imghdr():
    f = request.files["image"]
    header = f.stream.read(512)
    f.stream.seek(0)
    if imghdr.what(None, header) not in ("png", "jpeg"):
        abort(400)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/filetype", methods=["POST"])
def upload_filetype():
    f = request.files["image"]
    data = f.read()
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED_MIME_TYPES:
        abort(415)
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOADS, secure_filename(f.filename)), "wb") as out:
        out.write(data)
    return "ok"


@app.route("/magic", methods=["POST"])
def upload_magic():
    f = request.files["document"]
    data = f.read()
    if magic.from_buffer(data, mime=True) != "application/pdf":
        abort(415)
    # safe: PY-UPLOAD-001
    open(os.path.join(UPLOADS, secure_filename(f.filename)), "wb").write(data)
    return "ok"


@app.route("/guess-type", methods=["POST"])
def upload_guess_type():
    f = request.files["document"]
    name = secure_filename(f.filename)
    mime, _ = mimetypes.guess_type(name)
    if mime not in ALLOWED_MIME_TYPES:
        abort(415)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/content-type", methods=["POST"])
def upload_content_type():
    f = request.files["image"]
    if f.content_type not in ALLOWED_MIME_TYPES:
        abort(415)
    # expect: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/regex", methods=["POST"])
def upload_regex():
    f = request.files["image"]
    name = secure_filename(f.filename)
    if not re.fullmatch(r"[\w-]+\.(png|jpe?g)", name, re.IGNORECASE):
        abort(400)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/imported-check", methods=["POST"])
def upload_imported_check():
    f = request.files["image"]
    validate_extension(f.filename)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/server-name", methods=["POST"])
def upload_server_name():
    f = request.files["image"]
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, uuid4().hex + ".png"))
    token = secrets.token_hex(16)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, token))
    return "ok"


@app.route("/constant-suffix", methods=["POST"])
def upload_constant_suffix():
    f = request.files["log"]
    name = secure_filename(f.filename) + ".txt"
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    stem = f.filename.rsplit(".", 1)[0]
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, f"{secure_filename(stem)}.bin"))
    return "ok"


@app.route("/fstring", methods=["POST"])
def upload_fstring():
    f = request.files["file"]
    # expect: PY-UPLOAD-001
    f.save(f"{UPLOADS}/{uuid4().hex}_{secure_filename(f.filename)}")
    return "ok"


@app.route("/format", methods=["POST"])
def upload_format():
    f = request.files["file"]
    name = "{}-{}".format(uuid4().hex, secure_filename(f.filename))
    # expect: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/working-dir", methods=["POST"])
def upload_working_dir():
    f = request.files["file"]
    # expect: PY-UPLOAD-001, CWE-22
    f.save(f.filename)
    return "ok"


@app.route("/static", methods=["POST"])
def upload_static():
    f = request.files["file"]
    # expect: PY-UPLOAD-001
    f.save(os.path.join(app.static_folder, secure_filename(f.filename)))
    return "ok"


@app.route("/csv", methods=["POST"])
def upload_csv():
    f = request.files["table"]
    rows = list(csv.reader(io.StringIO(f.read().decode("utf-8"))))
    return {"rows": len(rows)}


@app.route("/thumbnail", methods=["POST"])
def upload_thumbnail():
    f = request.files["image"]
    image = Image.open(f.stream)
    image.thumbnail((128, 128))
    # safe: PY-UPLOAD-001
    image.save(os.path.join(UPLOADS, uuid4().hex + ".png"))
    return "ok"


@app.route("/verified", methods=["POST"])
def upload_verified():
    f = request.files["image"]
    Image.open(f.stream).verify()
    f.stream.seek(0)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/base64", methods=["POST"])
def upload_base64():
    payload = request.get_json()
    content = base64.b64decode(payload["content"])
    name = payload["filename"]
    # expect: PY-UPLOAD-001, CWE-22
    with open(os.path.join(UPLOADS, name), "wb") as out:
        out.write(content)
    return "ok"


@app.route("/base64-fixed", methods=["POST"])
def upload_base64_fixed():
    payload = request.get_json()
    content = base64.b64decode(payload["content"])
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOADS, f"{uuid4().hex}.bin"), "wb") as out:
        out.write(content)
    return "ok"


@app.route("/note", methods=["POST"])
def save_note():
    title = request.form["title"]
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOADS, secure_filename(title)), "w") as out:
        out.write("created by the server\n")
    return "ok"


def store_upload(upload):
    target = os.path.join(UPLOADS, secure_filename(upload.filename))
    # expect: PY-UPLOAD-001
    upload.save(target)


@app.route("/helper", methods=["POST"])
def upload_through_helper():
    store_upload(request.files["file"])
    return "ok"


def store_checked(upload):
    # safe: PY-UPLOAD-001
    upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))


@app.route("/checked-then-helper", methods=["POST"])
def upload_checked_then_helper():
    f = request.files["file"]
    if not allowed_file(f.filename):
        abort(400)
    store_checked(f)
    return "ok"


@app.route("/move", methods=["POST"])
def upload_move():
    f = request.files["file"]
    temporary = os.path.join(UPLOADS, "incoming", uuid4().hex)
    f.save(temporary)
    # expect: PY-UPLOAD-001
    shutil.move(temporary, os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/reassigned", methods=["POST"])
def upload_reassigned():
    f = request.files["file"]
    filename = secure_filename(f.filename)
    filename = uuid4().hex + ".dat"
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, filename))
    return "ok"


@app.route("/mode", methods=["POST"])
def upload_with_mode():
    mode = request.form.get("mode", "replace")
    if mode not in ("replace", "append"):
        abort(400)
    f = request.files["file"]
    # expect: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/base64-checked", methods=["POST"])
def upload_base64_checked():
    payload = request.get_json()
    name = secure_filename(payload["filename"])
    if not allowed_file(name):
        abort(400)
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOADS, name), "wb") as out:
        out.write(base64.b64decode(payload["content"]))
    return "ok"


@app.route("/raw-body", methods=["PUT"])
def upload_raw_body():
    name = request.args.get("name", "upload.bin")
    # expect: PY-UPLOAD-001, CWE-22
    with open(os.path.join(UPLOADS, name), "wb") as out:
        out.write(request.get_data())
    return "ok"


@app.route("/encoded", methods=["POST"])
def upload_encoded():
    img = request.files["img"]
    img_name = img.filename
    img_data = img.read()
    img_encoded = base64.b64encode(img_data)
    # expect: PY-UPLOAD-001, CWE-22
    with open("./pictures/" + img_name, "wb") as f:
        f.write(img_encoded)
    return "ok"


@app.route("/split-ext", methods=["POST"])
def upload_split_extension():
    f = request.files["file"]
    if f.filename.split(".")[-1].lower() not in ALLOWED_EXTENSIONS:
        abort(400)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


@app.route("/any-endswith", methods=["POST"])
def upload_any_endswith():
    f = request.files["file"]
    name = secure_filename(f.filename)
    if not any(name.endswith(ext) for ext in (".png", ".jpg")):
        abort(400)
    # safe: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, name))
    return "ok"


@app.route("/magic-object", methods=["POST"])
def upload_magic_object():
    f = request.files["document"]
    detector = magic.Magic(mime=True)
    data = f.read()
    if detector.from_buffer(data) not in ALLOWED_MIME_TYPES:
        abort(415)
    # safe: PY-UPLOAD-001
    with open(os.path.join(UPLOADS, secure_filename(f.filename)), "wb") as out:
        out.write(data)
    return "ok"


@app.route("/has-file", methods=["POST"])
def upload_has_file():
    if not has_file(request.files, "photo"):
        abort(400)
    f = request.files["photo"]
    # expect: PY-UPLOAD-001
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    return "ok"


def has_file(files, field):
    return field in files and files[field].filename != ""
