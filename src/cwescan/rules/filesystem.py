"""Files and archives: unsafe tar extraction, permissive modes and umasks, archive bombs.

What is and is not flagged, precisely:

- `tarfile` extraction writes member names as given: `../../etc/cron.d/x`, absolute
  paths and symlinks leave the target directory (CWE-22) unless a `filter=` ("data" or
  "tar", PEP 706; the default from Python 3.14 on) or a member check is applied.
  `shutil.unpack_archive` uses `tarfile` for tar formats and is flagged the same way.
- `zipfile` is not a path-traversal risk: `ZipFile.extract`/`extractall` strip absolute
  paths and drop `..` components, and create no symlinks. What remains for both formats
  is the decompression bomb (CWE-409), an audit hint.
- `chmod` sets a mode exactly, so a world-writable mode there is a defect. Creation
  modes (`os.makedirs(p, mode=0o777)`, `os.open(p, flags, 0o777)`, `Path.mkdir`) are
  filtered by the process umask and `0o777` is their default: they are not flagged.
  Group/world *execute* bits (`0o755`) are ordinary and not flagged (Bandit's B103
  flags them).
"""

from __future__ import annotations

import ast
import re
import stat
import weakref
from collections.abc import Iterator

from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, keyword, rule

# ---------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------

_TAR_OPENERS = frozenset(
    {
        "tarfile.open",
        "tarfile.TarFile",
        "tarfile.TarFile.open",
        "tarfile.TarFile.taropen",
        "tarfile.TarFile.gzopen",
        "tarfile.TarFile.bz2open",
        "tarfile.TarFile.xzopen",
    }
)
_ZIP_OPENERS = frozenset({"zipfile.ZipFile", "zipfile.PyZipFile"})
_SAFE_FILTERS = frozenset({"data", "tar"})
_SAFE_FILTER_FUNCTIONS = frozenset({"tarfile.data_filter", "tarfile.tar_filter"})


def _octal(mode: int) -> str:
    """`0o644`, `0o022`, `0o1777`: modes the way people write them."""
    return f"0o{mode:03o}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MODULE_FILTER: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()
_FILTER_FEATURES = frozenset({"extraction_filter", "data_filter", "tar_filter"})


def _sets_filter(statement: ast.AST, receiver_text: str | None) -> bool:
    """`X.extraction_filter = ...` for the receiver (or for the `TarFile` class)."""
    if not isinstance(statement, ast.Assign):
        return False
    for target in statement.targets:
        if isinstance(target, ast.Attribute) and target.attr == "extraction_filter":
            owner = ast.unparse(target.value)
            if receiver_text is None or owner == receiver_text or owner.endswith("TarFile"):
                return True
    return False


def _module_sets_extraction_filter(ctx: RuleContext) -> bool:
    """True when the module sets `TarFile.extraction_filter` at module level (PEP 706)."""
    tree = ctx.module.tree
    cached = _MODULE_FILTER.get(tree)
    if cached is not None:
        return cached
    found = False
    stack: list[ast.stmt] = list(getattr(tree, "body", []))
    while stack and not found:
        statement = stack.pop()
        found = _sets_filter(statement, None)
        if isinstance(statement, (ast.If, ast.Try, ast.With)):
            stack.extend(statement.body)
            stack.extend(getattr(statement, "orelse", []))
            stack.extend(getattr(statement, "finalbody", []))
    _MODULE_FILTER[tree] = found
    return found


def _filter_handled_around(receiver: ast.expr, ctx: RuleContext) -> bool:
    """True when the code around the call already deals with extraction filters.

    Either the enclosing function sets `tar.extraction_filter = ...` on this archive
    (or on `TarFile`), or the call is the fallback branch of a feature check such as
    `if hasattr(tarfile, "data_filter"): ... else: tar.extractall()` for Pythons that
    have no filters.
    """
    receiver_text = ast.unparse(receiver)
    for parent in reversed(ctx.parents):
        if isinstance(parent, ast.If):
            mentioned = {
                n.attr if isinstance(n, ast.Attribute) else n.value
                for n in ast.walk(parent.test)
                if isinstance(n, ast.Attribute)
                or (isinstance(n, ast.Constant) and isinstance(n.value, str))
            }
            if mentioned & _FILTER_FEATURES:
                return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(_sets_filter(inner, receiver_text) for inner in ast.walk(parent)):
                return True
            break
    return _module_sets_extraction_filter(ctx)


def _filter_verdict(call: ast.Call, ctx: RuleContext) -> str:
    """ "safe", "unsafe" (explicitly fully trusted) or "missing" for a `filter=` argument."""
    value = keyword(call, "filter")
    if value is None:
        return "missing"
    known, constant = ctx.constant(value)
    if known:
        if isinstance(constant, str) and constant in _SAFE_FILTERS:
            return "safe"
        return "unsafe"  # None, "fully_trusted" or an unknown name
    name = ctx.qualified_name(value)
    if name == "tarfile.fully_trusted_filter":
        return "unsafe"
    # tarfile.data_filter, tar_filter, or the project's own filter function
    return "safe"


def _all_members(node: ast.expr | None, ctx: RuleContext, depth: int = 0) -> bool:
    """True when a `members=` argument passes every member unchecked."""
    if node is None:
        return True
    if ctx.constant(node) == (True, None):
        return True
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Attribute) and node.func.attr == "getmembers"
    if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        if any(generator.ifs for generator in node.generators):
            return False
        return all(_all_members(g.iter, ctx, depth + 1) for g in node.generators)
    if isinstance(node, ast.Name) and ctx.constructor_of(node) in _TAR_OPENERS:
        return True  # iterating a TarFile yields every member
    if isinstance(node, ast.Name) and depth < 3:
        binding = ctx.resolver.lookup(node.id, ctx.scope)
        if binding is not None and binding.kind == "local" and binding.value is not None:
            return _all_members(binding.value, ctx, depth + 1)
    return False


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _member_checked(member: ast.expr, call: ast.Call, ctx: RuleContext) -> bool:
    """True when a condition around or before the call looks at the member."""
    names = _names_in(member)
    if not names:
        return False
    parents = list(ctx.parents)
    child: ast.AST = call
    for parent in reversed(parents):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
            return False
        if isinstance(parent, (ast.If, ast.While)) and names & _names_in(parent.test):
            return True
        if isinstance(parent, ast.IfExp) and names & _names_in(parent.test):
            return True
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and child in block:
                for earlier in block[: block.index(child)]:
                    guards = isinstance(earlier, (ast.If, ast.Assert))
                    if guards and names & _names_in(earlier.test):
                        return True
        child = parent
    return False


# ---------------------------------------------------------------------------------------
# PY-FS-001  tar extraction without a filter (Bandit B202)
# ---------------------------------------------------------------------------------------


@rule(
    id="PY-FS-001",
    cwe=22,
    title="Tar archive extracted without a path filter",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        'Flags `TarFile.extractall()` without `filter="data"`/`"tar"` and without a member '
        "check, `TarFile.extract(member)` whose member is not checked first, and "
        "`shutil.unpack_archive()` of a possibly-tar archive without `filter=`."
    ),
    why=(
        "A tar member named `../../home/user/.ssh/authorized_keys` or `/etc/cron.d/job`, or "
        "a symlink followed by a file written through it, lands outside the target "
        "directory: extracting an untrusted archive overwrites arbitrary files "
        "(CVE-2007-4559). Before Python 3.14 `tarfile` applies no filter by default."
    ),
    fix=(
        'Pass `filter="data"` (Python 3.12+, and 3.8.17/3.9.17/3.10.12/3.11.4 backports): '
        '`tar.extractall(dest, filter="data")`; on older versions check every member\'s '
        "resolved path and type before extracting it."
    ),
    bad="with tarfile.open(upload) as tar:\n    tar.extractall(dest)",
    good='with tarfile.open(upload) as tar:\n    tar.extractall(dest, filter="data")',
    nodes=(ast.Call,),
    calls=("shutil.unpack_archive",),
    methods=("extractall", "extract"),
    references=(
        "https://docs.python.org/3/library/tarfile.html#extraction-filters",
        "https://peps.python.org/pep-0706/",
    ),
    bandit=("B202",),
    scope_note=(
        "Pattern: the call and its arguments. A `members=` list built with a condition, "
        "a function or a variable counts as checked (Bandit reports those with low "
        "confidence); `members=tar.getmembers()` does not. Whether the archive is "
        "attacker-controlled is not examined."
    ),
)
def tar_extraction_without_filter(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name == "shutil.unpack_archive":
        yield from _unpack_archive(node, ctx)
        return
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in ("extractall", "extract"):
        return
    receiver = func.value
    constructor = ctx.constructor_of(receiver)
    receiver_text = ast.unparse(receiver)
    confidence: Confidence | None = None
    if constructor in _TAR_OPENERS:
        pass
    elif constructor is not None or name is not None:
        return  # a zipfile, or some other known object
    elif "zip" in receiver_text.lower():
        return
    elif func.attr == "extractall" and ctx.imports("tarfile") and not ctx.imports("zipfile"):
        confidence = Confidence.MEDIUM if "tar" in receiver_text.lower() else Confidence.LOW
    elif (
        func.attr == "extract"
        and re.search(r"tar", receiver_text, re.IGNORECASE)
        and ctx.imports("tarfile")
    ):
        confidence = Confidence.LOW
    else:
        return
    verdict = _filter_verdict(node, ctx)
    if verdict == "safe":
        return
    if verdict == "missing" and _filter_handled_around(receiver, ctx):
        return
    call_text = f"{_short(receiver_text, 30)}.{func.attr}"
    fix = f'`{call_text}(..., filter="data")`'
    if func.attr == "extractall":
        members = argument(node, 1, "members")
        if verdict == "missing" and not _all_members(members, ctx):
            return
        chosen = keyword(node, "filter")
        reason = (
            f"with `filter={_short(ast.unparse(chosen), 40)}`"
            if verdict == "unsafe" and chosen is not None
            else "without a `filter=`"
        )
        yield Issue(
            node,
            f"`{call_text}()` extracts every member {reason}: names with `..`, absolute "
            "paths and symlinks write outside the target directory.",
            remediation=f"Use {fix} (the default from Python 3.14).",
            confidence=confidence,
        )
        return
    member = argument(node, 0, "member")
    if member is None or ctx.constant(member)[0]:
        return  # a fixed member name chosen by the program
    if verdict == "missing" and _member_checked(member, node, ctx):
        return
    yield Issue(
        node,
        f"`{call_text}({_short(ast.unparse(member), 30)})` writes the member wherever its "
        "name points (`..`, absolute paths, symlinks) and nothing before it checks the member.",
        remediation=f"Use {fix}, or check the member's resolved path and type first.",
        confidence=confidence or Confidence.MEDIUM,
    )


_TAR_FORMATS = frozenset({"tar", "gztar", "bztar", "xztar", "zstdtar"})


def _unpack_archive(node: ast.Call, ctx: RuleContext) -> Iterator[Issue]:
    if _filter_verdict(node, ctx) == "safe":
        return
    archive = argument(node, 0, "filename")
    archive_format = argument(node, 2, "format")
    confidence: Confidence | None = Confidence.MEDIUM
    if archive_format is not None:
        known, value = ctx.constant(archive_format)
        if known and value not in _TAR_FORMATS:
            return  # zip: shutil skips members with `..` or absolute names
        if known:
            confidence = None
    elif archive is not None:
        known, value = ctx.constant(archive)
        if known and isinstance(value, str):
            if value.lower().endswith(".zip"):
                return
            if re.search(r"\.(tar(\.\w+)?|tgz|tbz2?|txz)$", value.lower()):
                confidence = None
    shown = _short(ast.unparse(archive), 30) if archive is not None else "the archive"
    yield Issue(
        node,
        f"`shutil.unpack_archive({shown}, ...)` without `filter=` extracts tar archives "
        "unfiltered: member names with `..`, absolute paths and symlinks escape the target "
        "directory.",
        remediation='Pass `filter="data"` to `shutil.unpack_archive` (Python 3.12+).',
        confidence=confidence,
    )


# ---------------------------------------------------------------------------------------
# PY-FS-002  permissive chmod (Bandit B103), PY-FS-003 permissive umask
# ---------------------------------------------------------------------------------------

_CHMOD_FUNCTIONS = {"os.chmod": 1, "os.lchmod": 1, "os.fchmod": 1, "posix.chmod": 1}


def _mode_bits(node: ast.expr, ctx: RuleContext, depth: int = 0) -> tuple[int, bool]:
    """(bits known to be set, whether that is the exact mode) for a mode expression.

    Folds literals, module constants, `stat.S_*` names and `|`, `&`, `^`, `~`; an OR
    with an unknown operand still sets the known operand's bits (`st.st_mode |
    stat.S_IWOTH` is world-writable whatever `st_mode` was).
    """
    if depth > 20:
        return 0, False
    known, value = ctx.constant(node)
    if known:
        if isinstance(value, int) and not isinstance(value, bool):
            return value, True
        return 0, False
    name = ctx.qualified_name(node)
    if name is not None and name.startswith("stat.S_"):
        constant = getattr(stat, name[len("stat.") :], None)
        if isinstance(constant, int):
            return constant, True
        return 0, False
    if isinstance(node, ast.BinOp):
        left, left_exact = _mode_bits(node.left, ctx, depth + 1)
        right, right_exact = _mode_bits(node.right, ctx, depth + 1)
        if isinstance(node.op, ast.BitOr):
            return left | right, left_exact and right_exact
        if left_exact and right_exact:
            if isinstance(node.op, ast.BitAnd):
                return left & right, True
            if isinstance(node.op, ast.BitXor):
                return left ^ right, True
            if isinstance(node.op, ast.Add):
                return left + right, True
        return 0, False
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        inner, exact = _mode_bits(node.operand, ctx, depth + 1)
        if exact:
            return ~inner & 0o7777, True
    return 0, False


@rule(
    id="PY-FS-002",
    cwe=732,
    title="File mode set world- or group-writable",
    severity=Severity.HIGH,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `os.chmod`/`os.lchmod`/`os.fchmod`/`Path.chmod` (and other `.chmod(mode)` "
        "methods such as SFTP clients) whose mode makes the file writable by others "
        "(`0o777`, `0o666`, `stat.S_IWOTH`, high severity) or by the group (`0o770`, "
        "`0o664`, low severity). Execute and read bits (`0o755`, `0o644`) are not flagged."
    ),
    why=(
        "Any local user (or any process in the group) can rewrite a world-writable file: "
        "replace a script that is later executed, a configuration that is later trusted, "
        "or data that is later parsed."
    ),
    fix=(
        "Grant the least access needed: `0o600`/`0o640` for data and secrets, `0o700`/"
        "`0o755` for executables and directories."
    ),
    bad="os.chmod(script_path, 0o777)",
    good="os.chmod(script_path, 0o755)",
    nodes=(ast.Call,),
    calls=_CHMOD_FUNCTIONS,
    methods=("chmod",),
    references=(
        "https://docs.python.org/3/library/os.html#os.chmod",
        "https://docs.python.org/3/library/stat.html",
    ),
    bandit=("B103",),
    scope_note=(
        "Pattern: the mode is folded from literals, module constants and `stat.S_*` "
        "flags; an unknown mode is not flagged unless it ORs in a writable bit."
    ),
)
def permissive_chmod(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    mode: ast.expr | None
    if name in _CHMOD_FUNCTIONS:
        mode = argument(node, _CHMOD_FUNCTIONS[name], "mode")
        target = argument(node, 0, "path") or argument(node, 0, "fd")
    elif name is None and isinstance(node.func, ast.Attribute) and node.func.attr == "chmod":
        # Path.chmod(mode), sftp.chmod(path, mode)
        mode = keyword(node, "mode")
        if mode is None and len(node.args) in (1, 2):
            mode = node.args[-1]
        target = node.args[0] if len(node.args) == 2 else node.func.value
    else:
        return
    if mode is None:
        return
    bits, exact = _mode_bits(mode, ctx)
    shown_mode = _octal(bits) if exact else _short(ast.unparse(mode), 40)
    shown_target = _short(ast.unparse(target), 40) if target is not None else "the file"
    if bits & stat.S_IWOTH:
        sticky = exact and bits & stat.S_ISVTX
        yield Issue(
            node,
            f"`{shown_target}` gets mode `{shown_mode}`: every local user can modify it"
            + (" (the sticky bit only stops them deleting others' files)." if sticky else "."),
            remediation=f"Drop the write bit for others, e.g. `{_octal(bits & ~0o022 & 0o7777)}`"
            if exact
            else "Remove `stat.S_IWOTH` from the mode.",
            severity=Severity.MEDIUM if sticky else None,
        )
    elif bits & stat.S_IWGRP:
        yield Issue(
            node,
            f"`{shown_target}` gets mode `{shown_mode}`: every member of its group can modify it.",
            remediation=f"Drop the group write bit, e.g. `{_octal(bits & ~0o020 & 0o7777)}`"
            if exact
            else "Remove `stat.S_IWGRP` from the mode.",
            severity=Severity.LOW,
            confidence=Confidence.MEDIUM,
        )


def _statement_after(node: ast.AST, ctx: RuleContext) -> ast.stmt | None:
    """The statement following the one that contains `node`, in the same block."""
    parents = list(ctx.parents)
    child: ast.AST = node
    for parent in reversed(parents):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and child in block:
                index = block.index(child)
                following = block[index + 1] if index + 1 < len(block) else None
                return following if isinstance(following, ast.stmt) else None
        child = parent
    return None


@rule(
    id="PY-FS-003",
    cwe=732,
    title="Process umask lets new files be world-writable",
    severity=Severity.MEDIUM,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `os.umask(mask)` whose mask does not remove the others-write bit (`0`, "
        "`0o020`), and `daemon.DaemonContext` with such a `umask` (its default is `0`). "
        "The read-only idiom `old = os.umask(0); os.umask(old)` is not flagged."
    ),
    why=(
        "Files and directories are created with mode `0o666`/`0o777` filtered by the "
        "umask. With a umask of `0` every file the process creates afterwards (logs, "
        "sockets, caches, uploads) is writable by every local user."
    ),
    fix="Use a mask that removes at least the others-write bit: `os.umask(0o022)` or `0o077`.",
    bad="os.umask(0)",
    good="os.umask(0o077)",
    nodes=(ast.Call,),
    calls=("os.umask", "daemon.DaemonContext", "daemon.daemon.DaemonContext"),
    references=("https://docs.python.org/3/library/os.html#os.umask",),
    scope_note="Pattern: constant masks only.",
)
def permissive_umask(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name == "os.umask":
        mask = argument(node, 0, "mask")
        if mask is None:
            return
        bits, exact = _mode_bits(mask, ctx)
        if not exact or bits & stat.S_IWOTH:
            return
        parent = ctx.parents[-1] if ctx.parents else None
        if isinstance(parent, ast.Call) and any(
            ctx.qualified_name(a) == "os.umask" for a in parent.args if a is not node
        ):
            return  # addCleanup(os.umask, os.umask(0)): the old mask is put back
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
            saved = parent.targets[0]
            following = _statement_after(parent, ctx)
            if (
                isinstance(saved, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Call)
                and ctx.call_name(following.value) == "os.umask"
                and any(isinstance(a, ast.Name) and a.id == saved.id for a in following.value.args)
            ):
                return  # reading the umask: set it and immediately put it back
        yield Issue(
            node,
            f"`os.umask({_octal(bits)})` does not mask the others-write bit: files this process "
            "creates next are world-writable.",
            remediation="`os.umask(0o022)` (or `0o077` for private files).",
        )
    elif name in ("daemon.DaemonContext", "daemon.daemon.DaemonContext"):
        mask = keyword(node, "umask")
        if mask is None:
            if any(kw.arg is None for kw in node.keywords):
                return
            yield Issue(
                node,
                "`DaemonContext()` without `umask=` sets the daemon's umask to `0`: files it "
                "creates are world-writable.",
                remediation="Pass `umask=0o022` (or `0o077`).",
                severity=Severity.LOW,
                confidence=Confidence.MEDIUM,
            )
            return
        bits, exact = _mode_bits(mask, ctx)
        if exact and not bits & stat.S_IWOTH:
            yield Issue(
                node,
                f"`DaemonContext(umask={_octal(bits)})` does not mask the others-write bit: files "
                "the daemon creates are world-writable.",
                remediation="Pass `umask=0o022` (or `0o077`).",
            )


# ---------------------------------------------------------------------------------------
# PY-FS-004  (audit) archive extracted without size limits
# ---------------------------------------------------------------------------------------


@rule(
    id="PY-FS-004",
    cwe=409,
    title="Archive extracted without a size check",
    severity=Severity.LOW,
    confidence=Confidence.LOW,
    summary=(
        "Flags `extractall()`/`extract()` on `zipfile` and `tarfile` archives and "
        "`shutil.unpack_archive()` (audit: whether the archive can be hostile and sizes are "
        "checked elsewhere is not known)."
    ),
    why=(
        "A few kilobytes of compressed data can expand to gigabytes (a zip or tar bomb) "
        "and fill the disk or exhaust memory of whatever processes the files."
    ),
    fix=(
        "Before extracting untrusted archives, sum `ZipInfo.file_size` / `TarInfo.size` "
        "over the members and refuse archives above a limit (and too many members)."
    ),
    bad="zipfile.ZipFile(upload).extractall(dest)",
    good=(
        "with zipfile.ZipFile(upload) as zf:\n"
        "    if sum(i.file_size for i in zf.infolist()) > MAX_BYTES:\n"
        '        raise ValueError("archive too large")\n'
        "    zf.extractall(dest)"
    ),
    nodes=(ast.Call,),
    calls=("shutil.unpack_archive",),
    methods=("extractall", "extract"),
    references=("https://docs.python.org/3/library/zipfile.html#decompression-pitfalls",),
    profile="audit",
    scope_note="Pattern, audit profile only.",
)
def archive_bomb(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    name = ctx.call_name(node)
    if name == "shutil.unpack_archive":
        yield Issue(node, "`shutil.unpack_archive` expands the archive without a size limit.")
        return
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in ("extractall", "extract"):
        return
    constructor = ctx.constructor_of(func.value)
    if constructor in _ZIP_OPENERS or constructor in _TAR_OPENERS:
        kind = "zip" if constructor in _ZIP_OPENERS else "tar"
        yield Issue(
            node,
            f"`{_short(ast.unparse(func), 40)}` expands a {kind} archive without checking the "
            "uncompressed size.",
        )
