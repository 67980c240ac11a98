"""Insecure temporary files (CWE-377): predictable names in shared temp directories and
`tempfile.mktemp`.

`/tmp` is writable by every local user. A file created there under a name known in
advance can be created first by someone else — as a symlink to a file the victim can
write (clobbering it), or as a file the attacker can read (stealing what is written).
The `tempfile` functions that create the file atomically with a random name
(`mkstemp`, `NamedTemporaryFile`, `TemporaryDirectory`) avoid this, whatever `dir=`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule
from cwescan.rules.secrets import bound_value, cannot_be, leaves, short_code

TEMP_DIRECTORIES = ("/tmp", "/var/tmp", "/dev/shm", "/usr/tmp")


def _in_temp_directory(path: str) -> bool:
    return any(path == d or path.startswith(d + "/") for d in TEMP_DIRECTORIES)


# qualified callable → (position, keyword) of the path it creates
_CREATING_CALLS: dict[str, tuple[int, str]] = {
    "builtins.open": (0, "file"),
    "io.open": (0, "file"),
    "codecs.open": (0, "filename"),
    "os.open": (0, "path"),
    "os.mkdir": (0, "path"),
    "os.makedirs": (0, "name"),
    "os.mkfifo": (0, "path"),
    "os.mknod": (0, "path"),
    "os.symlink": (1, "dst"),
    "os.link": (1, "dst"),
    "os.rename": (1, "dst"),
    "os.replace": (1, "dst"),
    "shutil.copy": (1, "dst"),
    "shutil.copy2": (1, "dst"),
    "shutil.copyfile": (1, "dst"),
    "shutil.copytree": (1, "dst"),
    "shutil.move": (1, "dst"),
    "logging.FileHandler": (0, "filename"),
    "logging.handlers.RotatingFileHandler": (0, "filename"),
    "logging.handlers.TimedRotatingFileHandler": (0, "filename"),
    "logging.handlers.WatchedFileHandler": (0, "filename"),
    "logging.basicConfig": (-1, "filename"),
    "sqlite3.connect": (0, "database"),
    "numpy.save": (0, "file"),
    "numpy.savez": (0, "file"),
    "numpy.savetxt": (0, "fname"),
    "zipfile.ZipFile": (0, "file"),
    "tarfile.open": (0, "name"),
    "urllib.request.urlretrieve": (1, "filename"),
    "shelve.open": (0, "filename"),
    "dbm.open": (0, "file"),
}
# Method names that write a file named by their first argument (`df.to_csv("/tmp/x")`).
_WRITING_METHODS = frozenset(
    {"to_csv", "to_excel", "to_json", "to_parquet", "to_pickle", "to_feather", "to_hdf",
     "to_html", "savefig", "save", "write_file", "dump_file", "extract", "extractall",
     "download_file", "retrbinary"}
)
# pathlib methods that create the path they are called on.
_PATH_CREATING_METHODS = frozenset(
    {"write_text", "write_bytes", "touch", "mkdir", "symlink_to", "hardlink_to", "open"}
)
_PATH_CLASSES = frozenset(
    {"pathlib.Path", "pathlib.PosixPath", "pathlib.PurePath", "pathlib.PurePosixPath"}
)
_RANDOM_NAME_CALLS = ("uuid.", "secrets.", "tempfile.", "os.urandom")


_TEMP_SINK_LEAVES = leaves(_CREATING_CALLS) | _WRITING_METHODS | _PATH_CREATING_METHODS


def _path_text(node: ast.AST | None, ctx: RuleContext, depth: int = 0) -> tuple[str, bool] | None:
    """(the path's constant text or prefix, whether the whole path is constant).

    Follows `os.path.join`, `pathlib.Path(...)`, `/` on paths, f-strings, `+` and
    `tempfile.gettempdir()` (a shared temp directory too).
    """
    if node is None or depth > 6:
        return None
    known, value = ctx.constant(node)
    if known:
        return (value, True) if isinstance(value, str) else None
    if isinstance(node, ast.Name):
        bound = bound_value(node, ctx)
        return _path_text(bound, ctx, depth + 1) if bound is not None else None
    if isinstance(node, ast.Call):
        name = ctx.call_name(node)
        if name in ("tempfile.gettempdir", "tempfile.gettempdirb"):
            return "/tmp", True
        if name in ("os.path.join", "posixpath.join") or name in _PATH_CLASSES:
            return _join(node.args, ctx, depth)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _join([node.left, node.right], ctx, depth)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left = _path_text(node.left, ctx, depth + 1)
        return (left[0], False) if left else None
    if isinstance(node, ast.JoinedStr) and node.values:
        first = _path_text(node.values[0], ctx, depth + 1)
        return (first[0], False) if first else None
    return None


def _join(parts: list[ast.expr], ctx: RuleContext, depth: int) -> tuple[str, bool] | None:
    if not parts:
        return None
    texts: list[str] = []
    for part in parts:
        found = _path_text(part, ctx, depth + 1)
        if found is None:
            return ("/".join(texts), False) if texts else None
        texts.append(found[0].rstrip("/") if texts or found[0] != "/" else "")
        if not found[1]:
            return "/".join(texts), False
    return "/".join(texts), True


def _opens_for_writing(node: ast.Call, name: str, ctx: RuleContext) -> bool | None:
    """Whether an `open`-like call creates/writes its file (None when unknown)."""
    if name in ("builtins.open", "io.open", "codecs.open"):
        mode = argument(node, 1, "mode")
        if mode is None:
            return False
        known, value = ctx.constant(mode)
        if not known or not isinstance(value, str):
            return None
        return any(flag in value for flag in "wax+")
    if name == "os.open":
        flags = argument(node, 1, "flags")
        names = {ctx.qualified_name(n) for n in ast.walk(flags)} if flags is not None else set()
        if "os.O_EXCL" in names:
            return False  # exclusive creation fails on a planted file or symlink
        return "os.O_CREAT" in names or "os.O_WRONLY" in names or "os.O_RDWR" in names
    if name in ("zipfile.ZipFile", "tarfile.open"):
        mode = argument(node, 1, "mode")
        known, value = ctx.constant(mode) if mode is not None else (True, "r")
        return bool(known and isinstance(value, str) and value[:1] in ("w", "a", "x"))
    return True


def temp_path_issue(node: ast.Call, ctx: RuleContext) -> Issue | None:
    """The PY-TMP-001 finding for a call, if it creates a predictable temp path."""
    if cannot_be(node, _TEMP_SINK_LEAVES):
        return None
    name = ctx.call_name(node)
    path_node: ast.AST | None = None
    what = ""
    if name in _CREATING_CALLS:
        writing = _opens_for_writing(node, name, ctx)
        if writing is False:
            return None
        position, key = _CREATING_CALLS[name]
        path_node = keyword(node, key) if position < 0 else argument(node, position, key)
        what = short_code(node.func)
    elif isinstance(node.func, ast.Attribute):
        method = node.func.attr
        receiver = node.func.value
        if method in _PATH_CREATING_METHODS:
            target: ast.AST | None = receiver
            if isinstance(receiver, ast.Name):
                target = bound_value(receiver, ctx)
            is_path = (
                isinstance(target, ast.Call) and ctx.call_name(target) in _PATH_CLASSES
            ) or isinstance(target, ast.BinOp)
            if is_path and target is not None:
                if method == "open":
                    mode = argument(node, 0, "mode")
                    known, value = ctx.constant(mode) if mode is not None else (True, "r")
                    if known and not (isinstance(value, str) and any(f in value for f in "wax+")):
                        return None
                path_node = target
                what = f"Path(…).{method}"
        elif method in _WRITING_METHODS and name is None:
            path_node = argument(node, 0)
            what = f".{method}"
    if path_node is None:
        return None
    found = _path_text(path_node, ctx)
    if found is None or not _in_temp_directory(found[0]):
        return None
    text, complete = found
    if not complete and any(
        (ctx.call_name(inner) or "").startswith(_RANDOM_NAME_CALLS)
        for inner in ast.walk(path_node)
        if isinstance(inner, ast.Call)
    ):
        return None  # a random component makes the name unguessable
    directory = next(d for d in TEMP_DIRECTORIES if text == d or text.startswith(d + "/"))
    return Issue(
        node,
        f"`{what}` creates `{text}{'' if complete else '…'}` in the shared directory "
        f"`{directory}` under a "
        + ("fixed" if complete else "partly predictable")
        + " name: another local user can create it first (or plant a symlink there) to "
        "read or redirect what is written.",
        confidence=None if complete else Confidence.LOW,
    )


@rule(
    id="PY-TMP-001",
    cwe=377,
    title="File created under a predictable name in a shared temp directory",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags files and directories created at fixed paths under `/tmp`, `/var/tmp` or "
        "`/dev/shm` (or `tempfile.gettempdir()`): `open(\"/tmp/x\", \"w\")`, `os.makedirs`, "
        "`shutil.copy` destinations, `Path(\"/tmp/x\").write_text`, log files, SQLite "
        "databases, `df.to_csv(\"/tmp/…\")`."
    ),
    why=(
        "Every local user can write to these directories. An attacker who knows the name "
        "creates the file first — as a symlink to one of the victim's files, which then "
        "gets overwritten, or as a file they can read, which then receives the victim's data."
    ),
    fix=(
        "Create temporary files with `tempfile.NamedTemporaryFile()`/`mkstemp()` or a "
        "private directory from `tempfile.mkdtemp()`; keep long-lived files in an "
        "application directory."
    ),
    bad='with open("/tmp/report.csv", "w") as out:\n    out.write(data)',
    good=(
        'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as out:\n'
        "    out.write(data)"
    ),
    nodes=(ast.Call,),
    methods=_TEMP_SINK_LEAVES,
    references=(
        "https://docs.python.org/3/library/tempfile.html",
        "https://cwe.mitre.org/data/definitions/377.html",
    ),
    bandit=("B108",),
    scope_note=(
        "Pattern with local constant folding through `os.path.join`, `pathlib` and "
        "f-strings. Reading a file (`open(\"/tmp/x\")`), `os.open` with `O_EXCL`, and the "
        "`tempfile` functions with `dir=\"/tmp\"` are not reported; paths whose dynamic "
        "part comes from `uuid`/`secrets`/`tempfile` are not either. Other `/tmp` strings "
        "are the audit rule PY-TMP-003."
    ),
)
def predictable_temp_path(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    issue = temp_path_issue(node, ctx)
    if issue is not None:
        yield issue


_MKTEMP_LIKE = {"tempfile.mktemp": "tempfile.mktemp", "os.tempnam": "os.tempnam",
                "os.tmpnam": "os.tmpnam"}
_MKTEMP_LEAVES = leaves(_MKTEMP_LIKE)


@rule(
    id="PY-TMP-002",
    cwe=377,
    title="Temporary file name from tempfile.mktemp",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary="Flags `tempfile.mktemp()` (and Python 2's `os.tempnam`/`os.tmpnam`).",
    why=(
        "`mktemp` returns a name that does not exist *yet*; between that moment and the "
        "file's creation another process can create it (or a symlink) and take over the "
        "file. The function is deprecated for that reason."
    ),
    fix=(
        "Use `tempfile.mkstemp()` or `tempfile.NamedTemporaryFile()`, which create the "
        "file atomically."
    ),
    bad="path = tempfile.mktemp(suffix=\".json\")\nwith open(path, \"w\") as out: ...",
    good="with tempfile.NamedTemporaryFile(\"w\", suffix=\".json\", delete=False) as out: ...",
    nodes=(ast.Call,),
    methods=_MKTEMP_LEAVES,
    references=("https://docs.python.org/3/library/tempfile.html#tempfile.mktemp",),
    bandit=("B306",),
    scope_note="Pattern: every call is the defect (a race between naming and creating).",
)
def mktemp_call(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if cannot_be(node, _MKTEMP_LEAVES):
        return
    name = _MKTEMP_LIKE.get(ctx.call_name(node) or "")
    if name is None:
        return
    yield Issue(
        node,
        f"`{name}()` only picks a name; another process can create that file (or a symlink) "
        "before this program does.",
        remediation="`fd, path = tempfile.mkstemp(…)` or `tempfile.NamedTemporaryFile(…)`.",
    )


_SAFE_TEMPFILE_FUNCTIONS = frozenset(
    {"tempfile.mkstemp", "tempfile.mkdtemp", "tempfile.NamedTemporaryFile",
     "tempfile.TemporaryFile", "tempfile.SpooledTemporaryFile", "tempfile.TemporaryDirectory"}
)


@rule(
    id="PY-TMP-003",
    cwe=377,
    title="Hard-coded temp directory path (audit)",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Audit profile: flags other string literals naming `/tmp`, `/var/tmp` or `/dev/shm` "
        "paths (as Bandit's B108 does), for review."
    ),
    why=(
        "A hard-coded temp path often ends up in a file-creating call elsewhere; the "
        "default-profile rule PY-TMP-001 reports the calls it can see."
    ),
    fix="Use the `tempfile` module instead of fixed paths.",
    bad='CACHE_DIR = "/tmp/myapp-cache"',
    good="CACHE_DIR = tempfile.mkdtemp(prefix=\"myapp-cache-\")",
    nodes=(ast.Constant,),
    references=("https://docs.python.org/3/library/tempfile.html",),
    bandit=("B108",),
    profile="audit",
    scope_note=(
        "Pattern over literals; skips literals already reported by PY-TMP-001, "
        "comparisons and `startswith` tests, docstrings, and `dir=` of the safe "
        "`tempfile` functions."
    ),
)
def temp_path_literal(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Constant)
    if not isinstance(node.value, str) or not _in_temp_directory(node.value):
        return
    parents = ctx.parents
    if parents and isinstance(parents[-1], ast.Expr):
        return  # a docstring or a bare string statement
    for parent in reversed(parents):
        if isinstance(parent, ast.Compare):
            return
        if isinstance(parent, ast.Call):
            if isinstance(parent.func, ast.Attribute) and parent.func.attr in (
                "startswith", "endswith", "replace", "relative_to", "is_relative_to",
            ):
                return
            if ctx.call_name(parent) in _SAFE_TEMPFILE_FUNCTIONS:
                return
            if temp_path_issue(parent, ctx) is not None:
                return
        if isinstance(parent, ast.stmt):
            break
    yield Issue(node, f"`{node.value}` is a fixed path in a shared temp directory.")
