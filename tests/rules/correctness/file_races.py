import argparse
import contextlib
import os
import shutil
import sys
import tarfile
from os import path as osp
from pathlib import Path

from flask import Flask, abort, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.route("/upload", methods=["POST"])
def upload():
    uploaded = request.files["document"]
    target = os.path.join(UPLOAD_DIR, secure_filename(uploaded.filename))
    if os.path.exists(target):
        # expect: PY-RACE-001, PY-UPLOAD-001
        with open(target, "ab") as out:
            out.write(uploaded.read())
        return "appended"
    # expect: PY-RACE-001, PY-UPLOAD-001
    with open(target, "wb") as out:
        out.write(uploaded.read())
    return "stored"


@app.route("/attachments", methods=["POST"])
def attach():
    upload_file = request.files["file"]
    filepath = os.path.join(UPLOAD_DIR, secure_filename(upload_file.filename))
    if os.path.exists(filepath):
        return "a file of that name exists", 409
    # expect: PY-RACE-001, PY-UPLOAD-001
    upload_file.save(filepath)
    return "saved", 201


@app.route("/report/<int:report_id>")
def report(report_id):
    location = f"/srv/reports/{report_id}.pdf"
    if not os.path.isfile(location):
        abort(404)
    # expect: PY-RACE-001
    with open(location, "rb") as handle:
        data = handle.read()
    return data


@app.route("/avatar/<int:user_id>")
def avatar(user_id):
    picture = Path("/srv/avatars") / f"{user_id}.png"
    if picture.is_file():
        # expect: PY-RACE-001
        return send_file(picture)
    return send_file("/srv/avatars/default.png")


class ConfigCommand:
    """`tool config PATH`: print a configuration file the invoking user may read."""

    def __init__(self, options: argparse.Namespace):
        self.options = options

    def run(self):
        if not os.access(self.options.config, os.R_OK):
            sys.exit(f"cannot read {self.options.config}")
        # expect: PY-RACE-001
        with open(self.options.config) as stream:
            print(stream.read())


def make_private(key_file):
    if osp.exists(key_file):
        # expect: PY-RACE-001
        os.chmod(key_file, 0o600)


def clean_cache(cache_dir):
    if os.path.isdir(cache_dir):
        # expect: PY-RACE-001
        shutil.rmtree(cache_dir)


def write_lock(lock_path):
    if os.path.exists(lock_path):
        raise RuntimeError("already running")
    # expect: PY-RACE-001
    with open(lock_path, "w") as lock:
        lock.write(str(os.getpid()))


def ensure_dir(directory):
    if not os.path.exists(directory):
        # expect: PY-RACE-001
        os.makedirs(directory)


def ensure_dir_tolerant(directory):
    if not os.path.exists(directory):
        # exist_ok=True: a directory created in between is fine
        # safe: PY-RACE-001
        os.makedirs(directory, exist_ok=True)


def ensure_dir_handled(directory):
    if not os.path.isdir(directory):
        try:
            # the race only raises, and that is handled
            # safe: PY-RACE-001
            os.mkdir(directory)
        except FileExistsError:
            pass


def remove_stale(pid_file):
    if os.path.exists(pid_file):
        # expect: PY-RACE-001
        os.remove(pid_file)


def remove_stale_handled(pid_file):
    if os.path.exists(pid_file):
        try:
            # safe: PY-RACE-001
            os.remove(pid_file)
        except OSError:
            pass


def read_settings(settings_path: Path) -> str:
    if settings_path.exists():
        # expect: PY-RACE-001
        return settings_path.read_text()
    return ""


def save_settings(settings_path: Path, text: str) -> None:
    if not settings_path.exists():
        # expect: PY-RACE-001
        settings_path.write_text(text)


def backup(source, destination):
    if os.path.getsize(source) > 0:
        # expect: PY-RACE-001
        shutil.copy(source, destination)


def unpack(archive_path, into):
    if not tarfile.is_tarfile(archive_path):
        return
    if os.path.isfile(archive_path):
        # expect: PY-RACE-001
        with tarfile.open(archive_path) as bundle:
            return bundle.getnames()


class Journal:
    def __init__(self, path):
        self.path = path

    def load(self):
        if os.path.exists(self.path):
            # expect: PY-RACE-001
            with open(self.path) as f:
                return f.read()
        return None


# --- not reported ---------------------------------------------------------------


def different_paths(src, dst):
    if os.path.exists(src):
        # a check on one path then a use of another
        # safe: PY-RACE-001
        with open(dst, "w") as out:
            out.write("x")


def reassigned(name):
    if os.path.exists(name):
        name = name + ".bak"
        # safe: PY-RACE-001
        os.remove(name)


def message_only(log_path):
    if not os.path.exists(log_path):
        print("creating a new log", file=sys.stderr)
    # the check only chose a message: the open is not guarded by it
    # safe: PY-RACE-001
    with open(log_path, "a") as log:
        log.write("started\n")


def exclusive_create(lock_path):
    if not os.path.exists(lock_path):
        # "x" fails when the file appeared in between
        # safe: PY-RACE-001
        with open(lock_path, "x") as lock:
            lock.write("1")


def no_follow(target):
    if os.path.exists(target):
        # safe: PY-RACE-001
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
        os.close(fd)


def eafp(config_path):
    try:
        # safe: PY-RACE-001
        with open(config_path) as f:
            return f.read()
    except FileNotFoundError:
        return None


def missing_file_is_not_read(cache_file):
    if not os.path.exists(cache_file):
        # reading a file found missing is a bug of its own, not a race
        # safe: PY-RACE-001
        return open(cache_file).read()
    return None


def deferred(path):
    if os.path.exists(path):
        # runs later, in another frame
        # safe: PY-RACE-001
        return lambda: open(path).read()
    return None


def text_replace(name):
    if os.path.exists(name):
        # str.replace, not Path.replace
        # safe: PY-RACE-001
        return name.replace("a", "b")
    return name


def query_set(orders):
    if orders.exists():
        # safe: PY-RACE-001
        orders.delete()


def delete_handled_outside(name):
    # the whole check-and-delete is in a try that handles the vanished file
    try:
        if os.path.isdir(name):
            # safe: PY-RACE-001
            os.rmdir(name)
        else:
            # safe: PY-RACE-001
            os.remove(name)
    except FileNotFoundError:
        pass


def refuse_links(log_dir, name):
    if os.path.islink(os.path.join(log_dir, name)):
        raise PermissionError("refusing to follow a link")
    # expect: PY-RACE-001
    with open(os.path.join(log_dir, name), "a") as log:
        log.write("rotated\n")


def rewrite_existing(directories, domain):
    for directory in directories:
        catalog = os.path.join(directory, f"{domain}.pot")
        if not os.path.exists(catalog):
            continue
        # expect: PY-RACE-001
        with open(catalog, "w", encoding="utf-8") as out:
            out.write("")


def stat_then_open(path, mode):
    st = os.stat(path)
    if st.st_size:
        # expect: PY-RACE-001
        return open(path, mode)
    return None


def write_through_check_on_other_path(directory, name):
    if not os.path.isdir(directory):
        return None
    # the directory was checked, the file inside it is used
    # safe: PY-RACE-001
    return open(os.path.join(directory, name), "w")


def remove_path(target):
    # nested checks of one path: the innermost reports
    if os.path.lexists(target):
        if os.path.islink(target):
            # expect: PY-RACE-001
            os.unlink(target)
        elif os.path.isdir(target):
            # expect: PY-RACE-001
            shutil.rmtree(target)


def remove_quietly(filename):
    if os.path.exists(filename):
        with contextlib.suppress(OSError):
            # safe: PY-RACE-001
            os.remove(filename)


def make_executable(script):
    if os.path.islink(script):
        return
    # expect: PY-RACE-001
    os.chmod(script, 0o755)


def read_optional(notes_path):
    # expect: PY-RACE-001
    return open(notes_path).read() if os.path.exists(notes_path) else ""


def read_if_found(cache_path):
    found = os.path.isfile(cache_path)
    if found:
        # expect: PY-RACE-001
        with open(cache_path, "rb") as cached:
            return cached.read()
    return b""


def saved_elsewhere(upload_file, target, other):
    if not os.path.exists(target):
        # safe: PY-RACE-001
        upload_file.save(other)


def tighten(directory, uid):
    st = os.stat(directory, follow_symlinks=False)
    if st.st_uid != uid:
        raise PermissionError(directory)
    # acts on a link itself, never through one
    # safe: PY-RACE-001
    os.chmod(directory, 0o700, follow_symlinks=False)
