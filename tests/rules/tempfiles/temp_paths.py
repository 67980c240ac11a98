import logging
import os
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path
from tempfile import mktemp

import tempfile.mktemp as mt

LOG_FILE = "/tmp/app.log"
STATE_DIR = "/var/tmp/myapp"


def writes(data, frame, figure, source):
    # expect: PY-TMP-001
    with open("/tmp/abc", "w") as out:
        out.write(data)
    # expect: CWE-377
    open("/var/tmp/123", "a").write(data)
    # expect: PY-TMP-001
    open(file="/dev/shm/unit/test", mode="wb")
    # expect: PY-TMP-001
    logging.FileHandler(LOG_FILE)
    # expect: PY-TMP-001
    os.makedirs(STATE_DIR, exist_ok=True)
    # expect: PY-TMP-001
    shutil.copy(source, "/tmp/backup.db")
    # expect: PY-TMP-001
    sqlite3.connect("/tmp/cache.sqlite3")
    # expect: PY-TMP-001
    Path("/tmp/report.txt").write_text(data)
    # expect: PY-TMP-001
    (Path("/tmp") / "report.json").write_text(data)
    # expect: PY-TMP-001
    open(os.path.join("/tmp", "out.csv"), "w")
    # expect: PY-TMP-001
    open(os.path.join(tempfile.gettempdir(), "fixed-name.lock"), "w")
    # expect: PY-TMP-001
    frame.to_csv("/tmp/frame.csv")
    # expect: PY-TMP-001
    figure.savefig("/tmp/plot.png")
    # expect: PY-TMP-001
    os.open("/tmp/pidfile", os.O_WRONLY | os.O_CREAT)
    # a predictable prefix and a dynamic part: low confidence
    # expect: PY-TMP-001
    open(f"/tmp/export-{frame.name}.csv", "w")


def safe_writes(data, name):
    # reading is not creating
    # safe: PY-TMP-001
    open("/tmp/abc").read()
    # safe: PY-TMP-001
    open("/tmp/abc", "rb").read()
    # safe: PY-TMP-001
    with open("/abc/tmp", "w") as out:
        out.write(data)
    # safe: PY-TMP-001
    open("/foo/bar", "w")
    # the tempfile functions create files atomically, whatever dir= says
    # safe: PY-TMP-001
    tempfile.NamedTemporaryFile(dir="/tmp")
    # safe: PY-TMP-001
    tempfile.mkstemp(dir="/var/tmp", suffix=".json")
    # safe: PY-TMP-001
    tempfile.mkdtemp(prefix="build-", dir="/tmp")
    # exclusive creation fails on a planted file or symlink
    # safe: PY-TMP-001
    os.open("/tmp/lockfile", os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    # a random name cannot be guessed
    # safe: PY-TMP-001
    open(os.path.join("/tmp", f"{uuid.uuid4()}.json"), "w")
    # safe: PY-TMP-001
    open(os.path.join(tempfile.mkdtemp(), "report.csv"), "w")
    # safe: PY-TMP-001
    Path("/tmp/report.txt").read_text()
    # safe: PY-TMP-001
    open(name, "w")


def mktemp_calls():
    # expect: PY-TMP-002
    path = tempfile.mktemp(suffix=".json")
    # expect: PY-TMP-002
    mktemp()
    # expect: CWE-377
    mt("foo")
    # safe: PY-TMP-002
    fd, safe_path = tempfile.mkstemp()
    return path, fd, safe_path
