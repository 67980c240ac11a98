"""Logic defects with a security edge: check-then-use races on files (CWE-367), identity
comparisons against literals (CWE-595) and duplicate keys in dict displays (CWE-462)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cwescan.analysis.sensitive_names import identifier_words
from cwescan.analysis.walk import child_fields
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import Issue, RuleContext, argument, in_test_code, keyword, rule
from cwescan.rules.secrets import enclosing_function, short_code

# -- PY-RACE-001: a file-system check, then a use of the same path ----------------------

# functions that answer "is it there / what is it" for a path: (qualified name → kind).
# "exists" checks say yes or no (a negated one guards the code that creates the file);
# "stat" checks raise when the file is missing, so every branch after them assumes it;
# "link" checks say whether it is a symbolic link (a negated one is a security decision).
_CHECK_FUNCTIONS = {
    "os.path.exists": "exists",
    "os.path.lexists": "exists",
    "os.path.isfile": "exists",
    "os.path.isdir": "exists",
    "os.path.islink": "link",
    "os.access": "exists",
    "os.path.getsize": "stat",
    "os.path.getmtime": "stat",
    "os.stat": "stat",
    "os.lstat": "stat",
}
# the same checks as methods of a `pathlib.Path` (called without arguments)
_CHECK_METHODS = {
    "exists": "exists",
    "is_file": "exists",
    "is_dir": "exists",
    "is_symlink": "link",
    "stat": "stat",
    "lstat": "stat",
}
# checks that decide on permissions or links: what the use relies on, not only existence
_GATE_CHECKS = ("os.access(", "os.lstat(")
# words a file must contain for the rule to find a check in it
_CHECK_WORDS = ("exists", "isfile", "isdir", "islink", "access", "getsize", "getmtime",
                "stat", "is_file", "is_dir", "is_symlink")


@dataclass(frozen=True)
class _Use:
    """What a call does to the path in one of its arguments."""

    action: str  # read, write, create, delete, chmod, move, archive
    position: int
    keyword: str | None


_OPEN = (_Use("open", 0, "file"),)
_USE_FUNCTIONS: dict[str, tuple[_Use, ...]] = {
    "builtins.open": _OPEN,
    "io.open": _OPEN,
    "codecs.open": (_Use("open", 0, "filename"),),
    "os.open": (_Use("os.open", 0, "path"),),
    "os.remove": (_Use("delete", 0, "path"),),
    "os.unlink": (_Use("delete", 0, "path"),),
    "os.rmdir": (_Use("delete", 0, "path"),),
    "os.removedirs": (_Use("delete", 0, "name"),),
    "shutil.rmtree": (_Use("delete", 0, "path"),),
    "os.chmod": (_Use("chmod", 0, "path"),),
    "os.chown": (_Use("chmod", 0, "path"),),
    "shutil.chown": (_Use("chmod", 0, "path"),),
    "os.mkdir": (_Use("mkdir", 0, "path"),),
    "os.makedirs": (_Use("mkdir", 0, "name"),),
    "os.rename": (_Use("move", 0, "src"), _Use("move-to", 1, "dst")),
    "os.replace": (_Use("move", 0, "src"), _Use("move-to", 1, "dst")),
    "os.renames": (_Use("move", 0, "old"), _Use("move-to", 1, "new")),
    "shutil.move": (_Use("move", 0, "src"), _Use("move-to", 1, "dst")),
    "shutil.copy": (_Use("read", 0, "src"), _Use("copy-to", 1, "dst")),
    "shutil.copy2": (_Use("read", 0, "src"), _Use("copy-to", 1, "dst")),
    "shutil.copyfile": (_Use("read", 0, "src"), _Use("copy-to", 1, "dst")),
    "shutil.copytree": (_Use("read", 0, "src"), _Use("copy-to", 1, "dst")),
    "shutil.copymode": (_Use("read", 0, "src"), _Use("chmod", 1, "dst")),
    "shutil.copystat": (_Use("read", 0, "src"), _Use("chmod", 1, "dst")),
    "tarfile.open": (_Use("archive", 0, "name"),),
    "tarfile.TarFile": (_Use("archive", 0, "name"),),
    "zipfile.ZipFile": (_Use("archive", 0, "file"),),
    "os.truncate": (_Use("write", 0, "path"),),
    "flask.send_file": (_Use("read", 0, "path_or_file"),),
    "urllib.request.urlretrieve": (_Use("write", 1, "filename"),),
}
# `pathlib.Path` methods acting on the path they are called on
_USE_METHODS = {
    "open": "open",
    "read_text": "read",
    "read_bytes": "read",
    "write_text": "write",
    "write_bytes": "write",
    "touch": "create",
    "unlink": "delete",
    "rmdir": "delete",
    "mkdir": "mkdir",
    "chmod": "chmod",
    "rename": "move",
    "replace": "move",
    "save": "write",  # werkzeug's FileStorage.save(dst), PIL's Image.save(fp)
}
# calls that build the same path again from the same parts
_PURE_PATH_CALLS = frozenset(
    {
        "os.path.join", "os.path.abspath", "os.path.normpath", "os.path.realpath",
        "os.path.expanduser", "os.path.expandvars", "os.path.dirname", "os.path.basename",
        "os.fspath", "builtins.str", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
    }
)
_PURE_PATH_METHODS = frozenset(
    {"joinpath", "with_name", "with_suffix", "with_stem", "resolve", "absolute", "expanduser"}
)
# exceptions whose handler turns a vanished or already-created file into a handled case
_OS_ERRORS = frozenset(
    {
        "builtins.OSError", "builtins.IOError", "builtins.EnvironmentError",
        "builtins.FileNotFoundError", "builtins.FileExistsError", "builtins.IsADirectoryError",
        "builtins.NotADirectoryError", "builtins.PermissionError", "builtins.Exception",
        "builtins.BaseException",
    }
)
# calls after which the code below an `if` does not run
_EXITS = frozenset(
    {
        "sys.exit", "builtins.exit", "builtins.quit", "os._exit", "os.abort", "flask.abort",
        "werkzeug.exceptions.abort", "django.shortcuts.abort", "pytest.skip", "pytest.fail",
    }
)
_SCOPE_BOUNDARIES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


@dataclass(frozen=True)
class _Check:
    """A file-system check on one path expression and what the guarded code may assume."""

    call: ast.Call
    path: ast.expr
    exists: bool  # True: the guarded code assumes the path exists; False: that it does not
    name: str  # the check as shown to the user
    gate: bool  # a permission or link check: the use relies on what it decided


@rule(
    id="PY-RACE-001",
    cwe=367,
    title="File checked, then used: time-of-check time-of-use race",
    severity=Severity.LOW,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags a use of a path (`open`, `os.remove`, `os.chmod`, `shutil.copy`, "
        "`os.makedirs`, `Path.write_text`, ...) guarded by a check of the same path "
        "(`os.path.exists`, `isfile`, `os.access`, `os.stat`, `Path.exists()`, ...) in the "
        "same function: inside the `if` body, or after an `if not check: return/raise`."
    ),
    why=(
        "The file can change between the check and the use. A local attacker who can "
        "write to the directory replaces the checked file with a symbolic link (or creates "
        "it, or removes it) in that window, so the program reads, overwrites or changes the "
        "permissions of a file it never checked, for example a privileged process that "
        "tested `os.access(path, os.W_OK)` and then writes to `/etc/passwd`, or a handler "
        "that saw no file and then writes through the attacker's link. At best the race "
        "turns into an unhandled `FileNotFoundError`/`FileExistsError`."
    ),
    fix=(
        "Act and handle the failure instead of asking first (EAFP): `try: open(path)` "
        "`except FileNotFoundError: ...`; create with `open(path, \"x\")` or "
        "`os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)`, refuse links with "
        "`os.O_NOFOLLOW`, pass `exist_ok=True` to `os.makedirs`, and work relative to an "
        "opened directory (`dir_fd=`) when the directory is shared."
    ),
    bad=(
        "if os.path.exists(path):\n"
        "    with open(path) as f:\n"
        "        return f.read()"
    ),
    good=(
        "try:\n"
        "    with open(path) as f:\n"
        "        return f.read()\n"
        "except FileNotFoundError:\n"
        "    return None"
    ),
    nodes=(ast.If, ast.IfExp),
    requires=_CHECK_WORDS,
    references=(
        "https://cwe.mitre.org/data/definitions/367.html",
        "https://docs.python.org/3/library/os.html#os.access",
        "https://docs.python.org/3/glossary.html#term-EAFP",
    ),
    scope_note=(
        "Pattern inside one function: the use must name the checked path with the same "
        "expression (a variable or attribute chain not assigned in between, a constant, "
        "or the same `os.path.join(...)` of them) and be guarded by the check: in the "
        "`if`/`else` branch or conditional expression it decides, or after an `if` whose "
        "branch returns, raises, `continue`s or exits; a check kept in a variable bound "
        "once (`found = os.path.isfile(p)`, `st = os.stat(p)`) counts where the variable "
        "is tested. After a check that the path exists, reads, writes, deletes, moves, "
        "copies, permission changes, archive opens, `send_file` and `upload.save(p)` are "
        "reported; after a check that it does not, only what creates it (`open(p, \"w\")`, "
        "`os.makedirs(p)`, `Path.touch()`, `upload.save(p)`, a copy or move onto it). When "
        "checks of one path are nested, the innermost reports. Not reported: "
        "`open(p, \"x\")`, `os.open` with `O_EXCL` or `O_NOFOLLOW`, `mkdir`/`makedirs` "
        "with `exist_ok=True`, deletes, moves and directory creation inside a `try` or "
        "`contextlib.suppress` that handles `OSError` (the race then only raises an "
        "error that is handled), and checks that only choose a message. Severity medium "
        "when a file found missing is then created (the planted-link case), when the use "
        "changes permissions, or when a permission or link check (`os.access`, "
        "`islink`, `lstat`) decides a read or write; low otherwise (the race turns into "
        "an unhandled error or acts on whatever the path names by then)."
    ),
)
def check_then_use(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, (ast.If, ast.IfExp))
    body: list[ast.AST] = [node.body] if isinstance(node, ast.IfExp) else list(node.body)
    orelse: list[ast.AST] = [node.orelse] if isinstance(node, ast.IfExp) else list(node.orelse)
    guarded: list[tuple[list[ast.AST], list[_Check]]] = [
        (body, _checks(node.test, True, ctx)),
        (orelse, _checks(node.test, False, ctx)),
    ]
    if not guarded[0][1] and not guarded[1][1]:
        return
    # `if not check: return` guards what follows the `if` (and the reverse for `else`)
    following = [] if isinstance(node, ast.IfExp) else _following_statements(node, ctx.parents)
    if isinstance(node, ast.If) and following:
        if _always_exits(node.body, ctx):
            guarded.append((following, guarded[1][1]))
        elif node.orelse and _always_exits(node.orelse, ctx):
            guarded.append((following, guarded[0][1]))
    handled = _inside_handled_try(node, ctx)
    reported: set[tuple[str, bool]] = set()
    for statements, checks in guarded:
        if not checks or not statements:
            continue
        for check, use, action, protected in _uses(statements, checks, handled, ctx):
            key = (ast.dump(check.path), check.exists)
            if key in reported:
                continue
            issue = _race_issue(check, use, action, protected, ctx)
            if issue is not None:
                reported.add(key)
                yield issue


def _checks(test: ast.expr, truth: bool, ctx: RuleContext) -> list[_Check]:
    """The file-system checks that hold when `test` evaluates to `truth`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _checks(test.operand, not truth, ctx)
    if isinstance(test, ast.BoolOp):
        # every operand of `a and b` holds when it is true, of `a or b` when it is false
        if isinstance(test.op, ast.And) == truth:
            return [c for value in test.values for c in _checks(value, truth, ctx)]
        return []
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        right = test.comparators[0]
        if isinstance(right, ast.Constant) and isinstance(right.value, bool):
            # `exists(p) is False`, `exists(p) == True`
            if isinstance(test.ops[0], (ast.Is, ast.Eq)):
                return _checks(test.left, truth == right.value, ctx)
            if isinstance(test.ops[0], (ast.IsNot, ast.NotEq)):
                return _checks(test.left, truth != right.value, ctx)
            return []
        # `os.path.getsize(p) > 0`, `os.stat(p).st_size == 0`: the file was there
        return [c for c in _checks(test.left, truth, ctx) if c.exists]
    if isinstance(test, ast.Name):  # `found = os.path.exists(p)` ... `if found:`
        binding = ctx.scope.bindings.get(test.id)
        value = binding.value if binding is not None and binding.kind == "local" else None
        if isinstance(value, ast.Call) and value.lineno < test.lineno:
            return _checks(value, truth, ctx)
        return []
    if isinstance(test, ast.Attribute):  # `os.stat(p).st_mode`
        return [c for c in _checks(test.value, truth, ctx) if c.exists]
    if isinstance(test, ast.Call):
        found = _check_call(test, ctx)
        if found is not None:
            kind, path, name = found
            if kind == "link":
                # a link is there, or something that is not a link (which the code relies on)
                return [_Check(test, path, True, name, not truth)]
            exists = True if kind == "stat" else truth
            gate = name.startswith(_GATE_CHECKS) or name.endswith(".lstat()")
            return [_Check(test, path, exists, name, gate)]
        if isinstance(test.func, ast.Attribute) and not test.args:  # `os.stat(p).st_mode.bit()`
            return [c for c in _checks(test.func.value, truth, ctx) if c.exists]
    return []


def _check_call(call: ast.Call, ctx: RuleContext) -> tuple[str, ast.expr, str] | None:
    """(kind, path expression, shown name) when `call` checks a path, else None."""
    name = ctx.call_name(call)
    if name in _CHECK_FUNCTIONS:
        path = argument(call, 0, "path")
        if path is None or not _is_path_expression(path, ctx):
            return None
        return _CHECK_FUNCTIONS[name], path, f"{name}({short_code(path, 40)})"
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr in _CHECK_METHODS
        and not call.args
        and _is_path_expression(func.value, ctx)
    ):
        return _CHECK_METHODS[func.attr], func.value, f"{short_code(func.value, 40)}.{func.attr}()"
    return None


def _is_path_expression(node: ast.expr, ctx: RuleContext, depth: int = 0) -> bool:
    """True when evaluating `node` again names the same path while its names are unchanged."""
    if depth > 20:
        return False
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (str, bytes))
    if isinstance(node, ast.Attribute):
        return _is_path_expression(node.value, ctx, depth + 1) and not isinstance(
            node.value, ast.Constant
        )
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and _is_path_expression(
            node.value, ctx, depth + 1
        )
    if isinstance(node, ast.JoinedStr):
        return all(
            _is_path_expression(v.value if isinstance(v, ast.FormattedValue) else v, ctx, depth + 1)
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div, ast.Mod)):
        return _is_path_expression(node.left, ctx, depth + 1) and _is_path_expression(
            node.right, ctx, depth + 1
        )
    if isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        pure = ctx.call_name(node) in _PURE_PATH_CALLS or (
            isinstance(func, ast.Attribute)
            and func.attr in _PURE_PATH_METHODS
            and _is_path_expression(func.value, ctx, depth + 1)
        )
        return pure and all(_is_path_expression(a, ctx, depth + 1) for a in node.args)
    return False


def _following_statements(node: ast.stmt, parents: Sequence[ast.AST]) -> list[ast.AST]:
    """The statements after `node` in the block that holds it."""
    if not parents:
        return []
    parent = parents[-1]
    for field in child_fields(parent.__class__):
        block = getattr(parent, field, None)
        if block.__class__ is list:
            for index, statement in enumerate(block):
                if statement is node:
                    return block[index + 1 :]
    return []


def _always_exits(block: list[ast.stmt], ctx: RuleContext) -> bool:
    """True when a block ends by returning, raising, leaving the loop or exiting."""
    if not block:
        return False
    last = block[-1]
    if isinstance(last, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        return ctx.call_name(last.value) in _EXITS
    if isinstance(last, ast.If):
        return _always_exits(last.body, ctx) and _always_exits(last.orelse, ctx)
    return False


def _inside_handled_try(node: ast.AST, ctx: RuleContext) -> bool:
    """True when `node` sits in the body of a `try` of this function that handles OSError."""
    parents = ctx.parents
    child: ast.AST = node
    for parent in reversed(parents):
        if isinstance(parent, _SCOPE_BOUNDARIES):
            return False
        body = getattr(parent, "body", None)
        if (
            isinstance(parent, (ast.Try, ast.With, ast.AsyncWith))
            or parent.__class__.__name__ == "TryStar"
        ) and isinstance(body, list) and any(child is s for s in body):
            if _handles_os_errors(parent, ctx):
                return True
        child = parent
    return False


def _uses(
    statements: Sequence[ast.AST], checks: list[_Check], handled: bool, ctx: RuleContext
) -> Iterator[tuple[_Check, ast.Call, _Use, bool]]:
    """(check, call, use, inside a try handling OSError) for each use of a checked path.

    Walks the statements in this function only (not nested definitions), skipping uses
    after an assignment to a name or attribute the path expression is built from.
    """
    wanted = {ast.dump(c.path): c for c in checks}
    mentioned = {key: _mentioned_chains(c.path) for key, c in wanted.items()}
    stores: list[tuple[tuple[int, int], str]] = []
    calls: list[tuple[ast.Call, bool, frozenset[str]]] = []
    # (node, inside a handler of OSError, paths a nested `if` in the region checks again:
    # the innermost check reports its uses)
    stack: list[tuple[ast.AST, bool, frozenset[str]]] = []
    _push_block(stack, statements, handled, frozenset(), ctx)
    while stack:
        current, protected, covered = stack.pop()
        if isinstance(current, _SCOPE_BOUNDARIES):
            if not isinstance(current, ast.Lambda):
                stores.append(((current.lineno, current.col_offset), current.name))
            continue
        if isinstance(current, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
            # the targets change after the value is evaluated
            value = current.value
            end = (
                (value.end_lineno or 0, value.end_col_offset or 0)
                if value is not None
                else (current.lineno, current.col_offset)
            )
            targets = current.targets if isinstance(current, ast.Assign) else [current.target]
            for target in targets:
                stores.extend((end, chain) for chain in _stored_chains(target))
            if value is not None:
                stack.append((value, protected, covered))
            continue
        if isinstance(current, (ast.Name, ast.Attribute, ast.Subscript)) and isinstance(
            current.ctx, (ast.Store, ast.Del)
        ):
            stores.append(((current.lineno, current.col_offset), ast.unparse(current)))
        if isinstance(current, ast.Call):
            calls.append((current, protected, covered))
        inner = protected
        if isinstance(current, (ast.Try, ast.With, ast.AsyncWith)) or (
            current.__class__.__name__ == "TryStar"
        ):
            inner = protected or _handles_os_errors(current, ctx)
        if isinstance(current, ast.If):
            rechecked = covered | _checked_paths(current.test, ctx)
            stack.append((current.test, protected, covered))
            _push_block(stack, current.orelse, inner, rechecked, ctx)
            _push_block(stack, current.body, inner, rechecked, ctx)
            continue
        for field in reversed(child_fields(current.__class__)):
            value = getattr(current, field, None)
            if value.__class__ is list:
                if field == "body":
                    _push_block(stack, value, inner, covered, ctx)
                elif value and isinstance(value[0], ast.stmt):
                    _push_block(stack, value, protected, covered, ctx)
                else:
                    stack.extend(
                        (item, protected, covered)
                        for item in reversed(value)
                        if isinstance(item, ast.AST)
                    )
            elif isinstance(value, ast.AST):
                stack.append((value, protected, covered))
    for call, protected, covered in calls:
        for use, path in _path_arguments(call, ctx):
            key = ast.dump(path)
            check = wanted.get(key)
            if check is None or key in covered:
                continue
            at = (call.lineno, call.col_offset)
            if any(where < at and chain in mentioned[key] for where, chain in stores):
                continue
            yield check, call, use, protected


def _push_block(
    stack: list[tuple[ast.AST, bool, frozenset[str]]],
    block: Sequence[ast.AST],
    protected: bool,
    covered: frozenset[str],
    ctx: RuleContext,
) -> None:
    """Push a block's statements (first on top); after an `if` that re-checks a path and
    leaves the block in one branch, that `if` guards the rest of the block."""
    states: list[frozenset[str]] = []
    for statement in block:
        states.append(covered)
        if isinstance(statement, ast.If) and (
            _always_exits(statement.body, ctx) or _always_exits(statement.orelse, ctx)
        ):
            covered = covered | _checked_paths(statement.test, ctx)
    stack.extend(
        (statement, protected, state)
        for statement, state in zip(reversed(block), reversed(states), strict=True)
    )


def _checked_paths(test: ast.expr, ctx: RuleContext) -> frozenset[str]:
    """The paths an `if` test checks, whatever the outcome."""
    return frozenset(ast.dump(c.path) for truth in (True, False) for c in _checks(test, truth, ctx))


def _mentioned_chains(path: ast.expr) -> set[str]:
    """Every name, attribute chain and subscript a path expression reads."""
    chains: set[str] = set()
    for node in ast.walk(path):
        if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
            chains.add(ast.unparse(node))
    return chains


def _stored_chains(target: ast.AST) -> list[str]:
    """What an assignment target changes: `a`, `self.path`, `(a, b)` → each."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return [c for element in target.elts for c in _stored_chains(element)]
    if isinstance(target, ast.Starred):
        return _stored_chains(target.value)
    if isinstance(target, (ast.Name, ast.Attribute, ast.Subscript)):
        return [ast.unparse(target)]
    return []


def _handles_os_errors(node: ast.AST, ctx: RuleContext) -> bool:
    """True for a `try` with a handler of OSError (or broader) and for a `with
    contextlib.suppress(OSError)`."""
    if isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            call = item.context_expr
            if isinstance(call, ast.Call) and ctx.call_name(call) == "contextlib.suppress":
                if any(ctx.qualified_name(a) in _OS_ERRORS for a in call.args):
                    return True
        return False
    for handler in getattr(node, "handlers", ()):
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(ctx.qualified_name(t) in _OS_ERRORS for t in types):
            return True
    return False


def _path_arguments(call: ast.Call, ctx: RuleContext) -> Iterator[tuple[_Use, ast.expr]]:
    """(use, path expression) for each path a call acts on."""
    name = ctx.call_name(call)
    if name in _USE_FUNCTIONS:
        for use in _USE_FUNCTIONS[name]:
            path = argument(call, use.position, use.keyword)
            if path is not None:
                yield use, path
        return
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _USE_METHODS:
        action = _USE_METHODS[func.attr]
        if action == "write" and func.attr == "save":
            # `upload.save(path)`: the path is the argument, not the receiver
            if call.args:
                yield _Use(action, 0, None), call.args[0]
            return
        # `str.replace(old, new)` takes two arguments, `Path.replace(target)` one
        if action == "move" and len(call.args) + len(call.keywords) != 1:
            return
        yield _Use(action, -1, None), func.value


def _open_mode(call: ast.Call, use: _Use, ctx: RuleContext) -> str | None:
    """The constant mode of an `open` call ("r" when not given), or None when unknown."""
    if use.position < 0:  # Path.open(mode="r", ...)
        mode = argument(call, 0, "mode")
    else:
        mode = argument(call, 1, "mode")
    if mode is None:
        return "r"
    known, value = ctx.constant(mode)
    return value if known and isinstance(value, str) else None


def _os_open_flags(call: ast.Call) -> set[str]:
    flags = argument(call, 1, "flags")
    if flags is None:
        return set()
    return {
        n.attr if isinstance(n, ast.Attribute) else n.id
        for n in ast.walk(flags)
        if isinstance(n, (ast.Attribute, ast.Name))
    }


def _exist_ok(call: ast.Call, ctx: RuleContext) -> bool:
    """True when a `mkdir`/`makedirs` call passes `exist_ok` that is not known to be false."""
    # os.makedirs(name, mode, exist_ok); Path.mkdir(mode, parents, exist_ok)
    value = argument(call, 2, "exist_ok")
    if value is None:
        return False
    known, flag = ctx.constant(value)
    return not known or bool(flag)


def _race_issue(
    check: _Check, call: ast.Call, use: _Use, protected: bool, ctx: RuleContext
) -> Issue | None:
    """The finding for one check and use, or None when this use cannot race harmfully."""
    action = use.action
    if keyword(call, "dir_fd") is not None:
        return None  # relative to an opened directory: the fix for a shared directory
    follow = keyword(call, "follow_symlinks")
    if follow is not None and ctx.constant(follow) != (True, True):
        return None  # acts on a link itself (or decides so at run time), not through it
    if action == "open":
        mode = _open_mode(call, use, ctx)
        if mode is not None and "x" in mode:
            return None
        action = "write" if mode is not None and any(c in mode for c in "wa+") else "read"
    elif action == "os.open":
        flags = _os_open_flags(call)
        if flags & {"O_EXCL", "O_NOFOLLOW"}:
            return None
        writes = bool(flags & {"O_CREAT", "O_WRONLY", "O_RDWR", "O_APPEND", "O_TRUNC"})
        action = "write" if writes else "read"
    elif action == "archive":
        known, archive_mode = ctx.constant(argument(call, 1, "mode"))
        text = archive_mode if known and isinstance(archive_mode, str) else ""
        if "x" in text:
            return None
        action = "write" if any(c in text for c in "wa") else "read"
    elif action == "mkdir" and (_exist_ok(call, ctx) or protected):
        return None
    elif action in ("delete", "move", "move-to") and protected:
        return None  # the race only raises, and the error is handled
    used = short_code(call, 50)
    checked = f"`{check.name}` (line {check.call.lineno})"
    if not check.exists:
        if action not in ("write", "create", "mkdir", "copy-to", "move-to"):
            return None  # a file found missing is not read, deleted or chmod-ed
        if action == "mkdir":
            return Issue(
                call,
                f"{checked} found nothing at the path, then `{used}` creates it: a file or "
                "directory created in between makes it fail with `FileExistsError`.",
                remediation="Pass `exist_ok=True` and drop the check.",
            )
        return Issue(
            call,
            f"{checked} found no file, then `{used}` creates it: a file or symbolic link "
            "created in between is overwritten or written through, so a local attacker who "
            "can write to the directory points the write at a file of their choosing.",
            remediation=(
                'Create the file atomically and drop the check: `open(path, "x")` or '
                "`os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)`, which fail when "
                "the path exists (a symbolic link included)."
            ),
            severity=Severity.MEDIUM,
        )
    if action == "mkdir":
        return None
    if action == "chmod" or (check.gate and action in ("read", "write", "copy-to", "create")):
        what = {
            "read": "reads", "write": "writes", "chmod": "changes the permissions or owner of",
            "copy-to": "copies onto", "create": "touches",
        }[action]
        return Issue(
            call,
            f"{checked} decides, then `{used}` {what} the same path: a local attacker who "
            "swaps the file for a symbolic link in between makes it act on a file the "
            "check never saw (the classic `access()`/`open()` race).",
            remediation=(
                "Open the file once, with `os.O_NOFOLLOW` where links must be refused, and "
                "check and use the descriptor (`os.fstat`, `os.fchmod`, `os.fchown`); for "
                "permission checks, let the operating system decide by attempting the "
                "operation with the user's privileges."
            ),
            severity=Severity.MEDIUM,
        )
    what = {
        "read": "reads", "write": "writes", "delete": "deletes", "move": "moves",
        "move-to": "moves a file onto", "copy-to": "copies onto", "create": "touches",
    }.get(action, "uses")
    return Issue(
        call,
        f"{checked} is checked, then `{used}` {what} the same path: the file can be "
        "removed or replaced (for example by a symbolic link) in between, so the call "
        "fails with an error the check was meant to avoid or acts on a file that was "
        "never checked.",
        remediation=(
            "Drop the check and handle the failure (EAFP): `try: ...` "
            "`except FileNotFoundError: ...`."
        ),
    )


# -- PY-COMPARE-001: `is` against a literal or a freshly built value --------------------

# builtins whose call returns a new object (or one whose identity is an accident)
_FRESH_CALLS = frozenset(
    {
        "builtins.str", "builtins.bytes", "builtins.int", "builtins.float", "builtins.complex",
        "builtins.tuple", "builtins.list", "builtins.dict", "builtins.set",
        "builtins.frozenset", "builtins.bytearray", "builtins.object", "builtins.repr",
        "builtins.format", "builtins.chr", "builtins.ord", "builtins.len", "builtins.sorted",
    }
)
# builtins whose call always returns an object nothing else refers to
_NEW_CALLS = frozenset(
    {"builtins.list", "builtins.dict", "builtins.set", "builtins.bytearray", "builtins.object",
     "builtins.sorted"}
)
# displays that build a new object each time they are evaluated
_NEW_OBJECTS: dict[type[ast.AST], str] = {
    ast.List: "a list display",
    ast.Dict: "a dict display",
    ast.Set: "a set display",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.Lambda: "a lambda",
}
# words of an operand that make the comparison an authentication or authorization decision
_SECURITY_WORDS = frozenset(
    {
        "token", "password", "passwd", "pwd", "secret", "key", "apikey", "role", "roles",
        "admin", "user", "username", "auth", "permission", "perm", "perms", "csrf",
        "signature", "sig", "digest", "hash", "hmac", "otp", "pin", "session", "scope",
        "credential", "credentials", "nonce", "privilege", "access", "owner", "superuser",
        "staff", "verify", "verified", "login",
    }
)


@rule(
    id="PY-COMPARE-001",
    cwe=595,
    title="`is` compares identity with a literal or new object, not its value",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        "Flags `x is \"admin\"`, `token is not \"\"`, `n is 1000`, `x is ()`, "
        "`x is [..]`/`{..}`, `x is f\"..\"` and `x is str(y)`: `is`/`is not` whose operand "
        "is a str, bytes or number literal, a display or a freshly built value; and "
        "a function named for equality (`is_equal(a, b)`, `equals`) whose answer is "
        "`a is b`."
    ),
    why=(
        "`is` asks whether two names are the same object, not whether they hold equal "
        "values. Whether an equal string or number is the same object depends on "
        "CPython's interning and caches: a literal compared with a literal in a test "
        "matches, the same value read from a request, a database or a `split()` does not. "
        "A role, token or password check written with `is` works in tests and denies (or, "
        "with `is not`, grants) in production; Python itself warns `SyntaxWarning: \"is\" "
        "with a literal`."
    ),
    fix=(
        "Compare values with `==`/`!=` (`hmac.compare_digest` for secrets); keep `is` for "
        "`None`, `True`, `False`, `Ellipsis`, `NotImplemented` and sentinel objects."
    ),
    bad='if role is "admin":\n    grant_all(user)',
    good='if role == "admin":\n    grant_all(user)',
    nodes=(ast.Compare,),
    references=(
        "https://cwe.mitre.org/data/definitions/595.html",
        "https://docs.astral.sh/ruff/rules/is-literal/",
        "https://docs.python.org/3/reference/expressions.html#is-not",
    ),
    scope_note=(
        "Pattern: one side of `is`/`is not` is a literal (str, bytes, int, float, complex, "
        "also negated), a tuple, list, dict or set display, a comprehension, an f-string "
        "or a call of a builtin constructor (`str(x)`, `int(x)`, `object()`). `is None`, "
        "`is True/False`, `is Ellipsis`, `is NotImplemented` and comparisons of two names "
        "(sentinels, constants) are not reported. Severity medium when the other side "
        "names a role, token, password, user or similar; low otherwise. A function "
        "whose name says equal/equals/eq/same/equivalent (not identity) and returns the "
        "result of `is` between two objects, or returns a boolean as soon as they are "
        "identical, without comparing contents anywhere (`==`, `compare_digest`), is "
        "reported at medium confidence; `__eq__`-style methods and test code are not."
    ),
)
def identity_with_literal(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Compare)
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        if isinstance(op, (ast.Is, ast.IsNot)):
            fresh, other = _fresh_operand(right, ctx), left
            if fresh is None:
                fresh, other = _fresh_operand(left, ctx), right
            if fresh is not None:
                yield _identity_issue(node, op, fresh, other)
                return
            if _equality_by_identity(node, left, right, ctx):
                yield Issue(
                    node,
                    f"`{ctx.function}` says whether two values are equal, but "
                    f"`{short_code(node, 50)}` asks whether they are the same object: two "
                    "equal objects built apart (read from a database twice, copied, "
                    "deserialized) compare as different.",
                    remediation=f"Compare the contents: `{short_code(left, 25)} == "
                    f"{short_code(right, 25)}` (with `__eq__` defined on the class), or the "
                    "fields that identify them.",
                    confidence=Confidence.MEDIUM,
                )
                return
        left = right


# words of a function's name that promise a comparison of values
_EQUALITY_WORDS = frozenset({"equal", "equals", "eq", "same", "equivalent"})
# ... unless it says it is about identity
_IDENTITY_WORDS = frozenset({"identical", "identity", "object", "instance", "id", "ref"})
_SENTINEL_CALLS = frozenset({"builtins.type", "builtins.id"})
_BUILTIN_SINGLETONS = frozenset({"NotImplemented", "Ellipsis"})


def _the_answer(node: ast.Compare, ctx: RuleContext) -> bool:
    """`return a is b`, or `if a is b:` whose body returns a boolean at once."""
    parent = ctx.parents[-1] if ctx.parents else None
    if isinstance(parent, ast.Return):
        return True
    if isinstance(parent, ast.If) and parent.test is node and parent.body:
        first = parent.body[0]
        return isinstance(first, ast.Return) and isinstance(first.value, ast.Constant) and (
            isinstance(first.value.value, bool))
    return False


def _equality_by_identity(
    node: ast.Compare, left: ast.expr, right: ast.expr, ctx: RuleContext
) -> bool:
    """What is compared, when `left is right` is the whole answer of a function named for
    equality (`def is_equal(a, b): return a is b`), not its shortcut before comparing
    contents (`if self is other: return True` in an `__eq__` that goes on with `==`)."""
    function = enclosing_function(ctx.parents)
    if function is None or function.name.startswith("__") or in_test_code(ctx):
        return False  # a class's `__eq__` may define equality as identity on purpose
    words = set(identifier_words(function.name))
    if not words & _EQUALITY_WORDS or words & _IDENTITY_WORDS or not _the_answer(node, ctx):
        return False
    for side in (left, right):
        if isinstance(side, ast.Constant) or (isinstance(side, ast.Name) and (
            side.id.isupper() or side.id.startswith("_") or side.id in _BUILTIN_SINGLETONS
        )):
            return False  # None, True, a sentinel or a constant: identity is the point
        if isinstance(side, ast.Call) and ctx.call_name(side) in _SENTINEL_CALLS:
            return False  # `type(a) is type(b)`
        if isinstance(side, ast.Attribute) and side.attr.startswith("__"):
            return False  # `a.__class__ is b.__class__`
    for inner in ast.walk(function):
        if isinstance(inner, ast.Compare) and any(
            isinstance(op, (ast.Eq, ast.NotEq)) for op in inner.ops
        ):
            return False  # the contents are compared too
        if isinstance(inner, ast.Call):
            name = ctx.call_name(inner) or ""
            if name.rpartition(".")[2] in ("compare_digest", "eq", "ne", "__eq__"):
                return False
    return True


def _fresh_operand(node: ast.expr, ctx: RuleContext) -> tuple[str, bool] | None:
    """(what `node` is, whether it is always a new object) when `is` on it compares an
    accident of interning or a brand-new object; None for anything else."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)):
        return _fresh_operand(node.operand, ctx)
    if isinstance(node, ast.Constant):
        value = node.value
        if value is None or value is Ellipsis or isinstance(value, bool):
            return None
        if isinstance(value, str):
            return "a string literal", False
        return ("a bytes literal" if isinstance(value, bytes) else "a number literal"), False
    if isinstance(node, ast.Tuple):
        return "a tuple", False
    if isinstance(node, ast.JoinedStr):
        return "an f-string", False
    new_object = _NEW_OBJECTS.get(type(node))
    if new_object is not None:
        return new_object, True
    if isinstance(node, ast.BinOp) and _only_literals(node):
        return "a computed literal", False
    if isinstance(node, ast.Call):
        name = ctx.call_name(node)
        if name in _FRESH_CALLS:
            return f"the result of `{short_code(node.func, 20)}(...)`", name in _NEW_CALLS
    return None


def _only_literals(node: ast.expr) -> bool:
    return all(
        isinstance(n, (ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop))
        for n in ast.walk(node)
    )


def _identity_issue(
    node: ast.Compare, op: ast.cmpop, fresh: tuple[str, bool], other: ast.expr
) -> Issue:
    kind, always_new = fresh
    negated = isinstance(op, ast.IsNot)
    operator_text = "is not" if negated else "is"
    if always_new:
        outcome = (
            f"a new object is never identical to another, so it is always "
            f"{'True' if negated else 'False'}"
        )
    else:
        outcome = (
            "whether an equal value is the same object depends on interning and caches, "
            "not on the value"
        )
    security = _security_word(other)
    stakes = (
        f" It decides on `{short_code(other, 30)}`: the check can pass in tests and fail in "
        "production, or the reverse."
        if security is not None
        else ""
    )
    return Issue(
        node,
        f"`{short_code(node, 60)}` compares identity (`{operator_text}`) with {kind}: "
        f"{outcome}.{stakes}",
        remediation=f"Use `{'!=' if negated else '=='}` to compare values"
        + (" (`hmac.compare_digest` for secrets)." if security else "."),
        severity=Severity.MEDIUM if security is not None else None,
    )


def _security_word(node: ast.expr) -> str | None:
    for part in ast.walk(node):
        identifier = None
        if isinstance(part, ast.Name):
            identifier = part.id
        elif isinstance(part, ast.Attribute):
            identifier = part.attr
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            identifier = part.value  # `request.headers["X-Api-Key"]`
        if identifier is None:
            continue
        words = set(identifier_words(identifier))
        if words & _SECURITY_WORDS:
            return identifier
    return None


# -- PY-DUPKEY-001: the same key twice in a dict display --------------------------------

# calls that build a mapping from an association list of (key, value) pairs
_DICT_BUILDERS = frozenset({"builtins.dict", "collections.OrderedDict", "typing.OrderedDict"})
# key words that make a lost setting a security question
_SECURITY_KEY_WORDS = frozenset(
    {
        "verify", "secure", "httponly", "samesite", "debug", "ssl", "tls", "cert", "certs",
        "csrf", "cors", "origin", "origins", "hosts", "auth", "authentication",
        "password", "passwd", "secret", "token", "key", "permission", "permissions",
        "admin", "superuser", "staff", "insecure", "hostname", "sandbox", "autoescape",
        "safe", "trusted", "allow", "allowed", "deny", "algorithm", "algorithms",
        "signature", "encryption", "encrypt", "cipher", "ciphers", "session", "cookie",
        "expire", "expires", "expiry", "timeout", "role", "roles", "scope", "scopes",
    }
)


@rule(
    id="PY-DUPKEY-001",
    cwe=462,
    title="Same key twice in a dict display: the later value wins silently",
    severity=Severity.LOW,
    confidence=Confidence.HIGH,
    summary=(
        "Flags a dict display (`{...}`) or an association list given to `dict([...])` in "
        "which a constant key (`\"verify\"`, `1`) or the same variable or attribute key "
        "appears twice with different values."
    ),
    why=(
        "Python keeps the last value of a repeated key without a warning, so one of the "
        "two entries is dead: a settings dict with `\"verify\": True` early and "
        "`\"verify\": False` further down turns certificate checking off although a "
        "reader sees it on, and a mapping of roles or permissions loses an entry. The "
        "duplicate is usually a copy-paste mistake hiding the key that was meant."
    ),
    fix="Keep one entry per key and check which value (or which other key) was intended.",
    bad='SESSION = {\n    "secure": True,\n    "httponly": True,\n    "secure": False,\n}',
    good='SESSION = {\n    "secure": True,\n    "httponly": True,\n    "samesite": "Lax",\n}',
    nodes=(ast.Dict, ast.Call),
    calls=_DICT_BUILDERS,
    references=(
        "https://cwe.mitre.org/data/definitions/462.html",
        "https://docs.astral.sh/ruff/rules/multi-value-repeated-key-literal/",
        "https://docs.astral.sh/ruff/rules/multi-value-repeated-key-variable/",
    ),
    scope_note=(
        "Pattern: keys compare as Python compares them (`1`, `1.0` and `True` are one "
        "key); variable and attribute keys compare by their spelling. A key repeated with "
        "the same value expression is not reported: nothing is lost, it is only "
        "redundant. Severity medium when the key names a security setting (`verify`, "
        "`secure`, `httponly`, `debug`, `ssl`, `password`, `allowed_hosts`, ...); low "
        "otherwise. The association lists given to `dict([...])` and `OrderedDict([...])` "
        "(literal pairs, and keyword arguments after them) are checked the same way; "
        "`dict(a=1, a=2)` is a syntax error and cannot occur."
    ),
)
def duplicate_dict_key(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    if isinstance(node, ast.Dict):
        entries: list[tuple[ast.expr | None, ast.expr]] = list(
            zip(node.keys, node.values, strict=True)
        )
    else:
        assert isinstance(node, ast.Call)
        entries = _pairs_given_to_dict(node, ctx)
    if len(entries) < 2:
        return
    seen: dict[object, tuple[ast.expr, ast.expr]] = {}
    for key, value in entries:
        if key is None:  # `**other`
            continue
        identity = _key_identity(key)
        if identity is None:
            continue
        try:
            earlier = seen.get(identity)
        except TypeError:
            continue
        if earlier is None:
            seen[identity] = (key, value)
            continue
        first_key, first_value = earlier
        seen[identity] = (key, value)
        if ast.dump(first_value) == ast.dump(value):
            continue
        yield _duplicate_issue(key, value, first_key, first_value)


def _pairs_given_to_dict(
    call: ast.Call, ctx: RuleContext
) -> list[tuple[ast.expr | None, ast.expr]]:
    """The (key, value) pairs of `dict([("a", 1), ("b", 2)])`: an association list."""
    if ctx.call_name(call) not in _DICT_BUILDERS or len(call.args) != 1:
        return []
    listed = call.args[0]
    if not isinstance(listed, (ast.List, ast.Tuple)):
        return []
    pairs: list[tuple[ast.expr | None, ast.expr]] = []
    for element in listed.elts:
        if isinstance(element, (ast.Tuple, ast.List)) and len(element.elts) == 2:
            if not any(isinstance(e, ast.Starred) for e in element.elts):
                pairs.append((element.elts[0], element.elts[1]))
                continue
        pairs.append((None, element))  # unknown: neither compared nor reported
    # keyword arguments are added after the pairs: `dict([("a", 1)], a=2)`
    for kw in call.keywords:
        name = ast.copy_location(ast.Constant(kw.arg), kw) if kw.arg is not None else None
        pairs.append((name, kw.value))
    return pairs


def _key_identity(key: ast.expr) -> object | None:
    """What makes two keys of a display the same key, or None when it is not known."""
    if isinstance(key, ast.Constant):
        value = key.value
        if isinstance(value, float) and value != value:  # NaN is never equal to itself
            return None
        return ("constant", value)
    if isinstance(key, ast.UnaryOp) and isinstance(key.op, ast.USub):
        if isinstance(key.operand, ast.Constant) and isinstance(
            key.operand.value, (int, float, complex)
        ):
            return ("constant", -key.operand.value)
        return None
    chain = key
    while isinstance(chain, ast.Attribute):
        chain = chain.value
    if isinstance(chain, ast.Name):
        return ("variable", ast.unparse(key))
    return None


def _duplicate_issue(
    key: ast.expr, value: ast.expr, first_key: ast.expr, first_value: ast.expr
) -> Issue:
    key_text = short_code(key, 40)
    name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
    if name is None and not isinstance(key, ast.Constant):
        name = key.attr if isinstance(key, ast.Attribute) else getattr(key, "id", None)
    security = name is not None and bool(set(identifier_words(name)) & _SECURITY_KEY_WORDS)
    stakes = (
        " It is a security setting: the effective value is not the one a reader sees first."
        if security
        else ""
    )
    return Issue(
        key,
        f"Key `{key_text}` appears again: `{short_code(value, 30)}` here silently replaces "
        f"`{short_code(first_value, 30)}` from line {first_key.lineno}.{stakes}",
        remediation=(
            f"Keep one `{key_text}` entry with the intended value (or fix the key that was "
            "meant)."
        ),
        severity=Severity.MEDIUM if security else None,
        end_node=value,
    )
