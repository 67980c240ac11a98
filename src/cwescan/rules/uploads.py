"""File uploads: what a web application does with the files its clients send.

PY-UPLOAD-001 (CWE-434) follows, inside one module, the upload objects of Flask/Werkzeug
(`request.files`, Flask-WTF `FileField` data), Django (`request.FILES`), FastAPI/Starlette
(`UploadFile` parameters, `await request.form()`) and Tornado (`self.request.files`) to
the calls that store them,
and asks of each stored file's name how it ends: with the client's file name or
extension (`f.filename`, `secure_filename(f.filename)`, `uuid4().hex + ext`), or with
something the server chose (`uuid4().hex + ".png"`). A store under the client's name is
reported unless the function, a helper it calls, or the function that handed it the
upload checks the extension or the detected type against an allow-list.

The def-use walk is local: each use of a variable sees the assignments that reach it in
source order (a later assignment in the same or an enclosing block replaces earlier
ones), and functions of the same module are followed one or two calls deep (helpers
that check, helpers that store, helpers that build a name).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cwescan.analysis.names import NameResolver, Scope, all_args
from cwescan.analysis.parsing import ParsedModule
from cwescan.analysis.sensitive_names import identifier_words
from cwescan.analysis.walk import child_nodes
from cwescan.model import Confidence, Severity
from cwescan.rules.framework import (
    Issue,
    RuleContext,
    argument,
    for_last_node,
    keyword,
    rule,
)
from cwescan.rules.secrets import enclosing_function, short_code

Labels = frozenset[str]
EMPTY: Labels = frozenset()

# -- what a value is, as far as uploads go ---------------------------------------------
# upload objects (and the collections holding them), by framework: their attributes differ
WERKZEUG = "upload:werkzeug"  # FileStorage: .filename, .stream, .save(dst); .name is the field
DJANGO = "upload:django"  # UploadedFile: .name, .chunks(), .read()
STARLETTE = "upload:starlette"  # UploadFile: .filename, .file, await .read()
TORNADO = "upload:tornado"  # dicts with "filename", "body", "content_type"
UPLOADS = frozenset({WERKZEUG, DJANGO, STARLETTE, TORNADO})
# request objects whose attributes are sources
REQUEST_DJANGO = "request:django"
REQUEST_STARLETTE = "request:starlette"
REQUEST_TORNADO = "request:tornado"
REQUEST_WERKZEUG = "request:werkzeug"
# strings: what the end of the string is (the part that decides a file's type)
NAME = "name"  # ends with a name the client chose (its extension included)
EXT = "ext"  # the client's extension
PARTS = "parts"  # the client's name split at dots: the last part is the extension
FROM_UPLOAD = "from-upload"  # with NAME/EXT/PARTS: the name is the upload's own file name
CLIENT = "client"  # other request data (form fields, JSON); as a file name, client-chosen
CONTENT = "content"  # bytes the client sent
CTYPE = "ctype"  # the Content-Type the client declared for the part
GUESSED = "guessed"  # a type detected by the server (imghdr, filetype, magic, mimetypes)
GUESS_PAIR = "guess-pair"  # mimetypes.guess_type(...): (type, encoding)
VALIDATOR = "validator"  # a Django FileExtensionValidator object
CLIENT_NAMES = frozenset({NAME, EXT, CLIENT})  # a path ending so is named by the client
FROM_CLIENT = UPLOADS | {CONTENT, CLIENT}  # a value holding what the client sent

_UPLOAD_TYPES = {
    "fastapi.UploadFile": STARLETTE,
    "fastapi.datastructures.UploadFile": STARLETTE,
    "starlette.datastructures.UploadFile": STARLETTE,
    "werkzeug.datastructures.FileStorage": WERKZEUG,
    "werkzeug.datastructures.file_storage.FileStorage": WERKZEUG,
    "werkzeug.FileStorage": WERKZEUG,
    "django.core.files.uploadedfile.UploadedFile": DJANGO,
    "django.core.files.uploadedfile.InMemoryUploadedFile": DJANGO,
    "django.core.files.uploadedfile.TemporaryUploadedFile": DJANGO,
    "ninja.UploadedFile": DJANGO,
    "ninja.files.UploadedFile": DJANGO,
}
_REQUEST_TYPES = {
    "fastapi.Request": REQUEST_STARLETTE,
    "starlette.requests.Request": REQUEST_STARLETTE,
    "django.http.HttpRequest": REQUEST_DJANGO,
    "django.http.request.HttpRequest": REQUEST_DJANGO,
    "rest_framework.request.Request": REQUEST_DJANGO,
    "werkzeug.wrappers.Request": REQUEST_WERKZEUG,
    "werkzeug.wrappers.request.Request": REQUEST_WERKZEUG,
    "werkzeug.Request": REQUEST_WERKZEUG,
    "flask.Request": REQUEST_WERKZEUG,
}
# flask/quart request attributes and methods (by qualified name, after `flask.request.`)
_FLASK_REQUEST = ("flask.request.", "quart.request.")
_FLASK_ATTRIBUTES = {
    "files": frozenset({WERKZEUG}),
    "form": frozenset({CLIENT}),
    "args": frozenset({CLIENT}),
    "values": frozenset({CLIENT}),
    "json": frozenset({CLIENT}),
    "data": frozenset({CLIENT, CONTENT}),
    "stream": frozenset({CONTENT}),
    "get_json": frozenset({CLIENT}),
    "get_data": frozenset({CLIENT, CONTENT}),
}
_DJANGO_ATTRIBUTES = {
    "FILES": frozenset({DJANGO}),
    "POST": frozenset({CLIENT}),
    "GET": frozenset({CLIENT}),
    "data": frozenset({CLIENT, DJANGO}),  # DRF: form fields and files together
    "query_params": frozenset({CLIENT}),
    "body": frozenset({CLIENT, CONTENT}),
}
# attributes of an upload object, per framework
_UPLOAD_ATTRIBUTES = {
    WERKZEUG: {"filename": NAME, "stream": CONTENT, "content_type": CTYPE, "mimetype": CTYPE},
    DJANGO: {"name": NAME, "file": CONTENT, "content_type": CTYPE},
    STARLETTE: {"filename": NAME, "file": CONTENT, "content_type": CTYPE},
    TORNADO: {"filename": NAME, "body": CONTENT, "content_type": CTYPE},
}
_READ_METHODS = frozenset(
    {"read", "chunks", "readlines", "readline", "getvalue", "getbuffer", "temporary_file_path",
     "open"}
)
_COLLECTION_METHODS = frozenset(
    {"get", "getlist", "values", "items", "lists", "to_dict", "dict", "pop", "copy", "getone",
     "getall", "multi_items", "popitem", "setdefault"}
)
# string methods whose result ends as the receiver does
_STRING_METHODS = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "casefold", "replace", "title",
     "capitalize", "swapcase", "removeprefix", "encode", "decode", "resolve", "absolute",
     "expanduser", "as_posix", "normalize"}
)
_DOT_SPLITS = frozenset({"split", "rsplit", "partition", "rpartition"})
# calls whose result ends as their argument (index) does
_NAME_KEEPING = {
    "werkzeug.utils.secure_filename": 0,
    "werkzeug.secure_filename": 0,
    "django.utils.text.get_valid_filename": 0,
    "os.path.basename": 0,
    "posixpath.basename": 0,
    "ntpath.basename": 0,
    "os.path.normpath": 0,
    "os.path.abspath": 0,
    "os.path.realpath": 0,
    "os.path.expanduser": 0,
    "os.fspath": 0,
    "builtins.str": 0,
    "urllib.parse.unquote": 0,
    "urllib.parse.unquote_plus": 0,
    "urllib.parse.quote": 0,
    "html.escape": 0,
    "shlex.quote": 0,
    "unicodedata.normalize": 1,
}
# calls whose result ends as their last argument does
_JOINS = frozenset(
    {"os.path.join", "posixpath.join", "ntpath.join", "pathlib.Path", "pathlib.PurePath",
     "pathlib.PosixPath", "pathlib.PurePosixPath", "anyio.Path", "aiofiles.os.path.join"}
)
_SPLITEXT = frozenset({"os.path.splitext", "posixpath.splitext", "ntpath.splitext"})
_DECODERS = frozenset(
    {"base64.b64decode", "base64.urlsafe_b64decode", "base64.standard_b64decode",
     "base64.b32decode", "base64.b16decode", "base64.a85decode", "base64.b85decode",
     "base64.decodebytes", "base64.decodestring", "binascii.a2b_base64", "binascii.unhexlify",
     "codecs.decode", "builtins.bytes", "bytes.fromhex", "io.BytesIO", "zlib.decompress",
     "gzip.decompress"}
)
# type detection from the bytes (or the name, for mimetypes)
_TYPE_DETECTORS = ("imghdr.", "filetype.", "magic.", "puremagic.", "sndhdr.")
# an image decoder: a check once its result is verified or its format compared
_IMAGE_OPENERS = frozenset({"PIL.Image.open"})
_VALIDATORS = frozenset(
    {"django.core.validators.validate_image_file_extension",
     "django.core.validators.FileExtensionValidator"}
)
_REGEX_MATCHES = frozenset(
    {"re.match", "re.fullmatch", "re.search", "fnmatch.fnmatch", "fnmatch.fnmatchcase",
     "regex.match", "regex.fullmatch", "regex.search"}
)
# words that name a check in the name of a function this module cannot see into
_CHECK_WORDS = frozenset(
    {"allowed", "allow", "valid", "validate", "validator", "validators", "verify", "verified",
     "whitelist", "whitelisted", "allowlist", "permitted", "acceptable", "accepted"}
)
_CHECK_VERBS = frozenset({"is", "has", "check", "ensure", "assert", "guard", "require"})
_TYPE_WORDS = frozenset(
    {"ext", "extension", "extensions", "type", "types", "mime", "mimetype", "image", "img",
     "suffix", "format", "picture", "photo", "pdf", "filetype", "kind"}
)

# -- where the file lands --------------------------------------------------------------
_OPEN_FUNCTIONS = {
    "builtins.open": "file",
    "io.open": "file",
    "codecs.open": "filename",
    "aiofiles.open": "file",
    "aiofiles.threadpool.open": "file",
    "anyio.open_file": "file",
    "os.open": "path",
}
_MOVES = frozenset(
    {"shutil.move", "shutil.copy", "shutil.copy2", "shutil.copyfile", "os.rename",
     "os.replace", "os.link"}
)
_PATH_WRITES = frozenset({"write_bytes", "write_text"})
_SINK_METHODS = frozenset({"save", "open", "write_bytes", "write_text", *(
    n.rpartition(".")[2] for n in (*_OPEN_FUNCTIONS, *_MOVES))})
# folder names a web server serves (or renders) as they are
_SERVED_WORDS = frozenset(
    {"static", "public", "www", "wwwroot", "htdocs", "webroot", "media", "templates",
     "template", "assets", "html", "cgi"}
)
_ROOT_WORDS = frozenset({"base", "root", "project"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_PLACEHOLDER_END = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sr]$")
_FORMAT_FIELD_END = re.compile(r"\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}$")
_MAX_DEPTH = 2  # calls followed into helpers of the same module


@dataclass
class _Definition:
    """One assignment to a name inside a function."""

    position: tuple[int, int]
    block: int  # id of the statement list holding the assigning statement
    kind: str  # value, element, iter, aug, param, other
    value: ast.expr | None = None
    index: int = 0
    labels: Labels = EMPTY


@dataclass
class _Sink:
    """A call that stores a file: the path it stores under and what it writes."""

    call: ast.Call
    destination: ast.expr
    content: list[ast.expr]  # expressions written into the file
    content_is_upload: bool  # the call stores an upload object itself (FileStorage.save)
    storage_root: str = ""  # where a storage's relative names land ("MEDIA_ROOT")
    needs_content: bool = False  # a store only when it writes what the client sent


@dataclass
class _Check:
    """What a function does to check an upload's type: strong, weak (declared type), none."""

    strong: bool = False
    client_strong: bool = False  # a check of a name from form fields or JSON, not of an upload
    weak: bool = False
    form: bool = False  # validated by a form class this module cannot see

    def settle(self, labels: Labels) -> None:
        """A check of a value with these labels: of the upload, or of a request-given name."""
        if labels & (UPLOADS | {FROM_UPLOAD, GUESSED}):
            self.strong = True
        else:
            self.client_strong = True

    def merge(self, other: _Check) -> None:
        self.strong |= other.strong
        self.client_strong |= other.client_strong
        self.weak |= other.weak
        self.form |= other.form


class _ModuleIndex:
    """The functions of one module, who calls whom, and each function's upload flow."""

    def __init__(self, module: ParsedModule, resolver: NameResolver) -> None:
        tree = module.tree
        self.tree = tree
        self.resolver = resolver
        self.owner: dict[int, ast.ClassDef | None] = {}  # id(function) → its class
        self.enclosing: dict[int, ast.AST | None] = {}  # id(function) → enclosing function
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.classes: dict[str, ast.ClassDef] = {}
        self._collect(tree, None, None)
        self._source = module.source
        self._callers: (
            dict[int, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]]] | None
        ) = None
        self._flows: dict[tuple[int, int, tuple[tuple[str, Labels], ...]], _Flow] = {}
        self._own_flows: dict[tuple[int, int], _Flow] = {}
        self._seeding: set[int] = set()
        self.django = self._imports("django", "rest_framework", "ninja")
        self.tornado = self._imports("tornado")
        self.config = self._config_values()

    @property
    def callers(self) -> dict[int, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]]]:
        """id(function) → the calls of it in this module's functions (built on first use:
        only a function that stores something asks)."""
        if self._callers is None:
            self._callers = {}
            for function in self.functions:
                for call in _calls_in(function):
                    target = self.callee(call, function)
                    if target is not None and target is not function:
                        self._callers.setdefault(id(target), []).append((function, call))
        return self._callers

    def callers_of(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.Call]]:
        """The calls of `function` in this module (none when only its `def` is written
        `name(`: most stores are in views and handlers nothing in their module calls)."""
        if self._source.count(function.name + "(") < 2:
            return []  # `name(` only in its `def` (calls spaced as `name (` are left out)
        return self.callers.get(id(function), [])

    def _collect(self, node: ast.AST, cls: ast.ClassDef | None, outer: ast.AST | None) -> None:
        """Functions and classes are statements: only statement lists are searched (the
        bodies of blocks, handlers and match cases), never expressions."""
        for child in _inner_statements(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.append(child)
                self.owner[id(child)] = cls
                self.enclosing[id(child)] = outer
                self._collect(child, None, child)
            elif isinstance(child, ast.ClassDef):
                if outer is None and cls is None:
                    self.classes[child.name] = child
                self._collect(child, child, outer)
            else:
                self._collect(child, cls, outer)

    def _imports(self, *modules: str) -> bool:
        if not any(module in self._source for module in modules):
            return False  # never named: no import of it either
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(n == m or n.startswith(m + ".") for n in names for m in modules):
                return True
        return False

    def _config_values(self) -> dict[str, ast.expr]:
        """`app.config["UPLOAD_FOLDER"] = ...` and `config.update(KEY=...)` at module level."""
        values: dict[str, ast.expr] = {}
        for statement in self.tree.body:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                        key = target.slice.value
                        if isinstance(key, str):
                            values[key] = statement.value
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                call = statement.value
                if isinstance(call.func, ast.Attribute) and call.func.attr == "update":
                    for kw in call.keywords:
                        if kw.arg:
                            values[kw.arg] = kw.value
        return values

    def scope(self, function: ast.AST) -> Scope:
        return self.resolver.scope_for(function) or self.resolver.module_scope

    def callee(
        self, call: ast.Call, caller: ast.FunctionDef | ast.AsyncFunctionDef
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function of this module a call invokes: `helper(...)`, `self.helper(...)`."""
        func = call.func
        if isinstance(func, ast.Name):
            binding = self.resolver.lookup(func.id, self.scope(caller))
            node = binding.node if binding is not None and binding.kind == "def" else None
            return node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in ("self", "cls")
        ):
            cls = self.owner.get(id(caller))
            if cls is not None:
                for statement in cls.body:
                    if (
                        isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and statement.name == func.attr
                    ):
                        return statement
        return None

    def flow(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        depth: int = 0,
        arguments: dict[str, Labels] | None = None,
    ) -> _Flow:
        """The flow of a function, its parameters seeded by annotations and its callers
        (or by `arguments`, for a helper followed from one call)."""
        if arguments is None:
            own_key = (id(function), depth)
            found = self._own_flows.get(own_key)
            if found is None:
                seeds, inherited = self.parameter_seeds(function, depth)
                found = self._own_flows[own_key] = _Flow(self, function, seeds, depth)
                found.inherited = inherited
            return found
        key = (id(function), depth, tuple(sorted(arguments.items())))
        found = self._flows.get(key)
        if found is None:
            found = self._flows[key] = _Flow(self, function, dict(arguments), depth)
        return found

    def parameter_seeds(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, depth: int
    ) -> tuple[dict[str, Labels], _Check]:
        """What each parameter holds (from its annotation, from this module's callers), and
        what the callers that hand over an upload checked of it."""
        seeds: dict[str, Labels] = {}
        args = function.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        for arg in every:
            if arg.annotation is not None:
                found = self._annotation_labels(arg.annotation, function)
                if found:
                    seeds[arg.arg] = found
        if self.django and every:
            method = self.owner.get(id(function)) is not None and len(every) > 1
            first = every[1] if method else every[0]
            if first.arg in ("request", "req") and first.arg not in seeds:
                seeds[first.arg] = frozenset({REQUEST_DJANGO})
        inherited = _Check()
        if depth < _MAX_DEPTH and id(function) not in self._seeding:
            self._seeding.add(id(function))
            try:
                inherited = self._caller_seeds(function, depth, seeds)
            finally:
                self._seeding.discard(id(function))
        return seeds, inherited

    def _caller_seeds(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        depth: int,
        seeds: dict[str, Labels],
    ) -> _Check:
        """Add to `seeds` what this module's callers pass; their checks, all weak or none."""
        weak: list[bool] = []
        form: list[bool] = []
        for caller, call in self.callers_of(function):
            flow = self.flow(caller, depth + 1)
            if not flow.relevant:
                continue
            checked = flow.checks()
            if checked.strong:
                continue  # a caller that checked the upload hands over a checked one
            passed = flow.argument_labels(call, function, flow.statement_of(call))
            for name, labels in passed.items():
                seeds[name] = seeds.get(name, EMPTY) | labels
            if passed:
                weak.append(checked.weak)
                form.append(checked.form or checked.weak)
        every_weak = bool(weak) and all(weak)
        return _Check(weak=every_weak, form=bool(form) and all(form) and not every_weak)

    def _annotation_labels(self, annotation: ast.expr, function: ast.AST) -> Labels:
        found: set[str] = set()
        for node in ast.walk(annotation):
            if isinstance(node, (ast.Name, ast.Attribute)):
                name = self.resolver.qualified_name(node, self.resolver.module_scope)
                if name in _UPLOAD_TYPES:
                    found.add(_UPLOAD_TYPES[name])
                elif name in _REQUEST_TYPES:
                    found.add(_REQUEST_TYPES[name])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value.strip("'\" ").endswith("UploadFile"):
                    found.add(STARLETTE)
        return frozenset(found)


def _inner_statements(node: ast.AST) -> Iterator[ast.AST]:
    """The statements directly inside `node`, and the handlers and match cases holding
    more of them."""
    for name in ("body", "orelse", "finalbody", "handlers", "cases"):
        block = getattr(node, name, None)
        if isinstance(block, list):
            yield from block


def _calls_in(function: ast.AST) -> Iterator[ast.Call]:
    """The calls in a function's own body (not in nested functions or classes)."""
    stack: list[ast.AST] = list(getattr(function, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, _SCOPES):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(child_nodes(node))


class _Flow:
    """Labels of the values of one function: a local def-use walk over its body."""

    def __init__(
        self,
        index: _ModuleIndex,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        seeds: dict[str, Labels],
        depth: int,
    ) -> None:
        self.index = index
        self.function = function
        self.scope = index.scope(function)
        self.depth = depth
        self.definitions: dict[str, list[_Definition]] = {}
        self.chains: dict[int, frozenset[int]] = {}  # id(statement) → enclosing blocks
        self.statement: dict[int, ast.stmt] = {}  # id(expression) → its statement
        self.comprehension_targets: dict[int, ast.expr] = {}  # id(Name load) → iterable
        self._memo: dict[int, Labels] = {}
        self._busy: set[int] = set()
        self._check: _Check | None = None
        self.inherited = _Check()  # what the callers handing over the upload checked
        root = id(function.body)
        for arg in all_args(function.args):
            labels = seeds.get(arg.arg, EMPTY)
            self.definitions.setdefault(arg.arg, []).append(
                _Definition((0, 0), root, "param", labels=labels)
            )
        self._walk_block(function.body, frozenset({root}))
        self.relevant = bool(seeds and any(seeds.values())) or self._has_source()

    # -- building ---------------------------------------------------------------------

    def _walk_block(self, body: list[ast.stmt], chain: frozenset[int]) -> None:
        for statement in body:
            self.chains[id(statement)] = chain
            self._define(statement, id(body))
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(statement, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    if isinstance(statement, _SCOPES):
                        continue
                    self._walk_block(inner, chain | {id(inner)})
            for handler in getattr(statement, "handlers", ()):
                self._walk_block(handler.body, chain | {id(handler.body)})
            for case in getattr(statement, "cases", ()):
                self._walk_block(case.body, chain | {id(case.body)})
            if isinstance(statement, _SCOPES):
                continue
            for expression in _own_expressions(statement):
                self._note_expression(expression, statement, id(body))

    def _note_expression(self, root: ast.AST, statement: ast.stmt, block: int) -> None:
        stack: list[tuple[ast.AST, dict[str, ast.expr]]] = [(root, {})]
        while stack:
            node, bound = stack.pop()
            if isinstance(node, (ast.Lambda, *_SCOPES)):
                continue
            self.statement[id(node)] = statement
            if isinstance(node, ast.Name) and node.id in bound:
                self.comprehension_targets[id(node)] = bound[node.id]
            if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                end = (node.end_lineno or 0, node.end_col_offset or 0)
                self.definitions.setdefault(node.target.id, []).append(
                    _Definition(end, block, "value", node.value)
                )
            if isinstance(node, _COMPREHENSIONS):
                inner = dict(bound)
                for generator in node.generators:
                    stack.append((generator.iter, dict(inner)))
                    for name in _target_names(generator.target):
                        inner[name] = generator.iter
                    for condition in generator.ifs:
                        stack.append((condition, dict(inner)))
                elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
                stack.extend((e, inner) for e in elements)
                continue
            stack.extend((child, bound) for child in child_nodes(node))

    def _define(self, statement: ast.stmt, block: int) -> None:
        end = (statement.end_lineno or 0, statement.end_col_offset or 0)
        add = self._add
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                self._assign(target, statement.value, end, block)
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            self._assign(statement.target, statement.value, end, block)
        elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
            add(statement.target.id, _Definition(end, block, "aug", statement.value))
        elif isinstance(statement, (ast.For, ast.AsyncFor)):
            at = (statement.iter.end_lineno or 0, statement.iter.end_col_offset or 0)
            for name in _target_names(statement.target):
                add(name, _Definition(at, block, "iter", statement.iter))
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                if item.optional_vars is not None:
                    expr = item.context_expr
                    at = (expr.end_lineno or 0, expr.end_col_offset or 0)
                    for name in _target_names(item.optional_vars):
                        add(name, _Definition(at, block, "value", expr))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            add(statement.name, _Definition(end, block, "other"))
        elif isinstance(statement, ast.Try):
            for handler in statement.handlers:
                if handler.name:
                    add(handler.name, _Definition(
                        (handler.lineno, handler.col_offset), id(handler.body), "other"))

    def _assign(
        self, target: ast.expr, value: ast.expr, end: tuple[int, int], block: int
    ) -> None:
        if isinstance(target, ast.Name):
            self._add(target.id, _Definition(end, block, "value", value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            elements = target.elts
            if (
                isinstance(value, (ast.Tuple, ast.List))
                and len(value.elts) == len(elements)
                and not any(isinstance(e, ast.Starred) for e in elements)
            ):
                for element, part in zip(elements, value.elts, strict=True):
                    self._assign(element, part, end, block)
                return
            count = len(elements)
            for position, element in enumerate(elements):
                index = position - count if position else 0  # the last element as -1
                if isinstance(element, ast.Starred):
                    element = element.value
                for name in _target_names(element):
                    self._add(name, _Definition(end, block, "element", value, index))

    def _add(self, name: str, definition: _Definition) -> None:
        self.definitions.setdefault(name, []).append(definition)

    def _has_source(self) -> bool:
        for node in _expressions_in(self.function):
            if isinstance(node, ast.Attribute) and (
                self._source_attribute(node) or self._form_file(node)
            ):
                return True
            if isinstance(node, ast.Call) and self._source_call_name(node):
                return True
        return False

    def statement_of(self, node: ast.AST) -> ast.stmt:
        return self.statement.get(id(node)) or self.function.body[0]

    # -- labels -------------------------------------------------------------------------

    def labels(self, node: ast.AST, statement: ast.stmt) -> Labels:
        """What `node` holds: an upload, client data, or a string ending with the client's
        file name or extension."""
        key = id(node)
        found = self._memo.get(key)
        if found is not None:
            return found
        if key in self._busy:
            return EMPTY
        self._busy.add(key)
        try:
            found = self._labels(node, statement)
        finally:
            self._busy.discard(key)
        self._memo[key] = found
        return found

    def _labels(self, node: ast.AST, statement: ast.stmt) -> Labels:
        if isinstance(node, ast.Constant):
            return EMPTY
        if isinstance(node, ast.Name):
            return self._name_labels(node, statement)
        if isinstance(node, ast.Attribute):
            return self._attribute_labels(node, statement)
        if isinstance(node, ast.Subscript):
            return self._subscript_labels(node, statement)
        if isinstance(node, ast.Call):
            return self._call_labels(node, statement)
        if isinstance(node, ast.BinOp):
            return self._binop_labels(node, statement)
        if isinstance(node, ast.JoinedStr):
            for value in reversed(node.values):
                if isinstance(value, ast.Constant):
                    if value.value == "":
                        continue
                    return EMPTY  # a constant ending: the server chose the type
                if isinstance(value, ast.FormattedValue):
                    return _as_string(self.labels(value.value, statement))
            return EMPTY
        if isinstance(node, ast.IfExp):
            return self.labels(node.body, statement) | self.labels(node.orelse, statement)
        if isinstance(node, ast.BoolOp):
            result: Labels = EMPTY
            for value in node.values:
                result |= self.labels(value, statement)
            return result
        if isinstance(node, (ast.Await, ast.NamedExpr, ast.Starred)):
            return self.labels(node.value, statement)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            result = EMPTY
            for element in node.values if isinstance(node, ast.Dict) else node.elts:
                result |= self.labels(element, statement) & (FROM_CLIENT | {CTYPE})
            return result
        return EMPTY

    def _name_labels(self, node: ast.Name, statement: ast.stmt) -> Labels:
        iterable = self.comprehension_targets.get(id(node))
        if iterable is not None:
            return _element(self.labels(iterable, statement))
        definitions = self.definitions.get(node.id)
        if not definitions:
            return EMPTY
        chain = self.chains.get(id(statement), frozenset())
        position = (node.lineno, node.col_offset)
        reaching: list[_Definition] = []
        for definition in sorted(
            (d for d in definitions if d.position < position), key=lambda d: d.position,
            reverse=True,
        ):
            reaching.append(definition)
            if definition.block in chain:
                break  # a plain assignment on the way to this use replaces earlier ones
        if not reaching:
            reaching = definitions  # only later assignments: a loop brings them back
        result: Labels = EMPTY
        for definition in reaching:
            result |= self._definition_labels(definition)
        return result

    def _definition_labels(self, definition: _Definition) -> Labels:
        if definition.kind == "param":
            return definition.labels
        value = definition.value
        if value is None:
            return EMPTY
        statement = self.statement_of(value)
        labels = self.labels(value, statement)
        if definition.kind == "value":
            return labels
        if definition.kind == "iter":
            return _element(labels)
        if definition.kind == "element":
            if PARTS in labels:
                return _ext_of(labels) if definition.index else EMPTY
            if GUESS_PAIR in labels:
                return frozenset({GUESSED}) if definition.index == 0 else EMPTY
            return labels & (FROM_CLIENT | {CTYPE})
        if definition.kind == "aug":
            # `name += ".txt"` ends with the addition, which decides the type
            return _as_string(labels)
        return EMPTY

    def _attribute_labels(self, node: ast.Attribute, statement: ast.stmt) -> Labels:
        source = self._source_attribute(node)
        if source is not None:
            return source
        uploaded = self._form_file(node)
        if uploaded is not None:
            return uploaded
        base = self.labels(node.value, statement)
        if not base:
            return EMPTY
        attribute = node.attr
        result: set[str] = set()
        for kind in base & UPLOADS:
            what = _UPLOAD_ATTRIBUTES[kind].get(attribute)
            if what == NAME:
                result |= {NAME, FROM_UPLOAD}
            elif what is not None:
                result.add(what)
        if REQUEST_WERKZEUG in base and attribute in _FLASK_ATTRIBUTES:
            result |= _FLASK_ATTRIBUTES[attribute]
        if REQUEST_DJANGO in base and attribute in _DJANGO_ATTRIBUTES:
            result |= _DJANGO_ATTRIBUTES[attribute]
        if REQUEST_TORNADO in base:
            if attribute == "files":
                result.add(TORNADO)
            elif attribute == "body":
                result |= {CLIENT, CONTENT}
        if CLIENT in base and attribute not in ("content_type", "size"):
            result.add(CLIENT)
        if base & CLIENT_NAMES:
            if attribute in ("suffix", "suffixes"):
                result |= {EXT} | (base & {FROM_UPLOAD})
            elif attribute == "name":
                result |= base & (CLIENT_NAMES | {FROM_UPLOAD})
        if GUESSED in base:
            result.add(GUESSED)
        if CONTENT in base and attribute not in ("name", "size"):
            result.add(CONTENT)
        return frozenset(result)

    def _form_file(self, node: ast.Attribute) -> Labels | None:
        """`form.photo.data` of a form of this module whose `photo` is a Flask-WTF
        `FileField` (`MultipleFileField`: a list of them): the upload, or nothing when the
        field checks the type (`FileAllowed`, a `validate_photo` method)."""
        holder = node.value
        if node.attr != "data" or not (
            isinstance(holder, ast.Attribute) and isinstance(holder.value, ast.Name)
        ):
            return None
        for definition in self.definitions.get(holder.value.id, ()):
            value = definition.value
            if definition.kind != "value" or not isinstance(value, ast.Call):
                continue
            cls = self._module_class(value.func)
            if cls is None:
                continue
            declared = _file_field(cls, holder.attr)
            if declared is None:
                continue
            # a list of uploads is labelled as one: its elements keep the label
            return EMPTY if declared == "checked" else frozenset({WERKZEUG})
        return None

    def _source_attribute(self, node: ast.Attribute) -> Labels | None:
        """Labels of a source attribute (`flask.request.files`, `request.FILES`, ...)."""
        attribute = node.attr
        if attribute == "FILES" and isinstance(node.value, (ast.Name, ast.Attribute)):
            return frozenset({DJANGO})
        if attribute in _FLASK_ATTRIBUTES:
            name = self.index.resolver.qualified_name(node, self.scope)
            if name is not None and name.startswith(_FLASK_REQUEST) and name.count(".") == 2:
                return _FLASK_ATTRIBUTES[attribute]
        if (
            attribute == "request"
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            if self.index.django:
                return frozenset({REQUEST_DJANGO})
            if self.index.tornado:
                return frozenset({REQUEST_TORNADO})
        return None

    def _source_call_name(self, node: ast.Call) -> bool:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("get_argument", "get_body_argument"):
            return self.index.tornado
        return False

    def _subscript_labels(self, node: ast.Subscript, statement: ast.stmt) -> Labels:
        base = self.labels(node.value, statement)
        if not base:
            return EMPTY
        key = node.slice
        constant = key.value if isinstance(key, ast.Constant) else None
        if isinstance(key, ast.UnaryOp) and isinstance(key.op, ast.USub):
            if isinstance(key.operand, ast.Constant):
                constant = -key.operand.value  # type: ignore[operator]
        result: set[str] = set()
        if PARTS in base:
            if constant != 0:
                result |= _ext_of(base)
        if GUESS_PAIR in base and constant == 0:
            result.add(GUESSED)
        if TORNADO in base:
            what = _UPLOAD_ATTRIBUTES[TORNADO].get(constant) if isinstance(constant, str) else None
            if what == NAME:
                result |= {NAME, FROM_UPLOAD}
            elif what is not None:
                result.add(what)
            else:
                result.add(TORNADO)  # files["field"][0]: the field's uploads, one of them
        result |= base & (UPLOADS - {TORNADO})
        if CLIENT in base:
            result.add(CLIENT)
        if CONTENT in base:
            result.add(CONTENT)
        if base & {NAME, CLIENT} and isinstance(key, ast.Slice) and key.upper is None:
            lower = key.lower
            if isinstance(lower, ast.UnaryOp) and isinstance(lower.op, ast.USub):
                result |= {EXT} | (base & {FROM_UPLOAD})  # name[-4:]: its extension
        if GUESSED in base:
            result.add(GUESSED)
        return frozenset(result)

    def _binop_labels(self, node: ast.BinOp, statement: ast.stmt) -> Labels:
        if isinstance(node.op, (ast.Add, ast.Div)):
            right = node.right
            if isinstance(right, ast.Constant) and right.value in ("", b""):
                return _as_string(self.labels(node.left, statement))
            return _as_string(self.labels(right, statement)) | (
                self.labels(node.left, statement) & {CONTENT}
            )
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            template = node.left.value
            if not isinstance(template, str) or not _PLACEHOLDER_END.search(template):
                return EMPTY
            right = node.right
            last = right.elts[-1] if isinstance(right, ast.Tuple) and right.elts else right
            return _as_string(self.labels(last, statement))
        return EMPTY

    def _call_labels(self, node: ast.Call, statement: ast.stmt) -> Labels:
        func = node.func
        name = self.index.resolver.qualified_name(func, self.scope)
        if name is not None:
            found = self._named_call_labels(node, name, statement)
            if found is not None:
                return found
        if isinstance(func, ast.Attribute):
            return self._method_labels(node, func, statement)
        if isinstance(func, ast.Call):
            return EMPTY
        target = self.index.callee(node, self.function)
        if target is not None:
            return self._helper_return(node, target, statement)
        return EMPTY

    def _named_call_labels(self, node: ast.Call, name: str, statement: ast.stmt) -> Labels | None:
        args = node.args
        if name.startswith(_FLASK_REQUEST) and name.count(".") == 2:
            return _FLASK_ATTRIBUTES.get(name.rpartition(".")[2], EMPTY)
        if name in _NAME_KEEPING:
            position = _NAME_KEEPING[name]
            value = argument(node, position)
            return _as_string(self.labels(value, statement)) if value is not None else EMPTY
        if name in _JOINS:
            if not args or isinstance(args[-1], ast.Starred):
                return EMPTY
            return _as_string(self.labels(args[-1], statement))
        if name in _SPLITEXT and args:
            base = self.labels(args[0], statement)
            return frozenset({PARTS}) | (base & {FROM_UPLOAD}) if base & CLIENT_NAMES else EMPTY
        if name in ("mimetypes.guess_type", "mimetypes.MimeTypes.guess_type"):
            return frozenset({GUESS_PAIR})
        if name == "mimetypes.guess_extension" and args:
            if self.labels(args[0], statement) & {CTYPE}:
                return frozenset({EXT, FROM_UPLOAD})  # from the type the client declared
            return frozenset({GUESSED})
        if name.startswith(_TYPE_DETECTORS) or name in _IMAGE_OPENERS:
            return frozenset({GUESSED})
        if name in _DECODERS:
            if any(self.touches(a, statement) for a in args):
                return frozenset({CONTENT})
            return EMPTY
        if name in ("json.loads", "ujson.loads", "orjson.loads"):
            if any(self.touches(a, statement) for a in args):
                return frozenset({CLIENT})
            return EMPTY
        if name == "django.core.validators.FileExtensionValidator":
            return frozenset({VALIDATOR})
        if name.startswith(("uuid.", "secrets.", "time.", "datetime.", "hashlib.", "random.")):
            return EMPTY
        return None

    def _method_labels(self, node: ast.Call, func: ast.Attribute, statement: ast.stmt) -> Labels:
        method = func.attr
        receiver = self.labels(func.value, statement)
        if method == "format" and isinstance(func.value, ast.Constant):
            return self._format_labels(node, func.value.value, statement)
        if method == "join" and isinstance(func.value, ast.Constant):
            if node.args and isinstance(node.args[0], (ast.List, ast.Tuple)) and node.args[0].elts:
                return _as_string(self.labels(node.args[0].elts[-1], statement))
            return EMPTY
        if method in ("joinpath", "with_name", "with_suffix") and node.args:
            last = node.args[-1]
            return _as_string(self.labels(last, statement))
        if method in ("get_argument", "get_body_argument", "get_arguments") and self.index.tornado:
            return frozenset({CLIENT})
        if not receiver:
            return EMPTY
        result: set[str] = set()
        if receiver & CLIENT_NAMES:
            if method in _DOT_SPLITS:
                separator = argument(node, 0, "sep")
                if isinstance(separator, ast.Constant) and separator.value == ".":
                    result |= {PARTS} | (receiver & {FROM_UPLOAD})
                elif separator is None and CLIENT not in receiver:
                    pass  # split() on whitespace: not a name any more
            elif method in _STRING_METHODS:
                result |= receiver & (CLIENT_NAMES | {FROM_UPLOAD})
        uploads = receiver & UPLOADS
        if uploads:
            if method in _READ_METHODS:
                result.add(CONTENT)
            elif method in _COLLECTION_METHODS:
                result |= uploads
                if TORNADO in uploads and method == "get":
                    key = argument(node, 0)
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        what = _UPLOAD_ATTRIBUTES[TORNADO].get(key.value)
                        if what == NAME:
                            result |= {NAME, FROM_UPLOAD}
                        elif what is not None:
                            result.add(what)
        if REQUEST_STARLETTE in receiver:
            if method == "form":
                result |= {STARLETTE, CLIENT}
            elif method == "json":
                result.add(CLIENT)
            elif method in ("body", "stream"):
                result |= {CLIENT, CONTENT}
        if REQUEST_WERKZEUG in receiver and method in ("get_json", "get_data"):
            result |= _FLASK_ATTRIBUTES[method]
        if REQUEST_DJANGO in receiver and method in ("read", "readlines"):
            result |= {CLIENT, CONTENT}
        if CLIENT in receiver and method not in _DOT_SPLITS and method not in _STRING_METHODS:
            result.add(CLIENT)
        if CONTENT in receiver:
            result.add(CONTENT)
        if GUESSED in receiver:
            result.add(GUESSED)
        return frozenset(result)

    def _format_labels(self, node: ast.Call, template: object, statement: ast.stmt) -> Labels:
        if not isinstance(template, str):
            return EMPTY
        match = _FORMAT_FIELD_END.search(template)
        if match is None:
            return EMPTY
        field_name = match.group(1).split(".")[0].split("[")[0]
        value: ast.expr | None = None
        if field_name == "":
            index = len(re.findall(r"\{(?:![rsa])?(?::[^{}]*)?\}", template.replace("{{", ""))) - 1
            if 0 <= index < len(node.args):
                value = node.args[index]
        elif field_name.isdigit():
            index = int(field_name)
            value = node.args[index] if index < len(node.args) else None
        else:
            value = keyword(node, field_name)
        if value is None or isinstance(value, ast.Starred):
            return EMPTY
        return _as_string(self.labels(value, statement))

    def _helper_return(
        self, call: ast.Call, target: ast.FunctionDef | ast.AsyncFunctionDef,
        statement: ast.stmt,
    ) -> Labels:
        """What a helper of this module returns for these arguments (`unique_name(f.filename)`)."""
        if self.depth >= _MAX_DEPTH:
            return EMPTY
        arguments = self.argument_labels(call, target, statement)
        if not arguments:
            return EMPTY
        flow = self.index.flow(target, self.depth + 1, arguments)
        result: Labels = EMPTY
        for node in _statements_in(target):
            if isinstance(node, ast.Return) and node.value is not None:
                result |= flow.labels(node.value, node)
        return result

    def argument_labels(
        self, call: ast.Call, target: ast.FunctionDef | ast.AsyncFunctionDef,
        statement: ast.stmt,
    ) -> dict[str, Labels]:
        positional = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
        offset = 1 if isinstance(call.func, ast.Attribute) and positional[:1] in (
            ["self"], ["cls"]) else 0
        arguments: dict[str, Labels] = {}
        for index, value in enumerate(call.args):
            if isinstance(value, ast.Starred) or index + offset >= len(positional):
                break
            labels = self.labels(value, statement)
            if labels:
                arguments[positional[index + offset]] = labels
        for kw in call.keywords:
            if kw.arg is not None:
                labels = self.labels(kw.value, statement)
                if labels:
                    arguments[kw.arg] = labels
        return arguments

    def touches(self, node: ast.AST, statement: ast.stmt) -> bool:
        """True when `node` holds or is computed from what the client sent."""
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
                if self.labels(current, statement) & FROM_CLIENT:
                    return True
            if isinstance(current, (ast.Lambda, *_SCOPES)):
                continue
            stack.extend(child_nodes(current))
        return False

    # -- sinks and checks ---------------------------------------------------------------

    def sink(self, call: ast.Call) -> _Sink | None:
        """The store this call does, when it stores a file under a path."""
        statement = self.statement_of(call)
        func = call.func
        name = self.index.resolver.qualified_name(func, self.scope)
        if name in _OPEN_FUNCTIONS:
            destination = argument(call, 0, _OPEN_FUNCTIONS[name])
            if destination is None or not self._writes(call, name):
                return None
            return _Sink(call, destination, self._handle_writes(call), False)
        if name in _MOVES:
            destination = argument(call, 1, "dst")
            source = argument(call, 0, "src")
            if destination is None or source is None:
                return None
            return _Sink(call, destination, [source], False)
        if not isinstance(func, ast.Attribute):
            return None
        method = func.attr
        receiver = func.value
        if method == "save":
            if self.labels(receiver, statement) & {WERKZEUG}:
                destination = argument(call, 0, "dst")
                if destination is None:
                    return None
                return _Sink(call, destination, [receiver], True)
            root = self._storage_root(receiver, statement)
            if root is not None:
                destination = argument(call, 0, "name")
                content = argument(call, 1, "content")
                if destination is None or content is None:
                    return None
                return _Sink(call, destination, [content], False, root)
            if len(call.args) >= 2:  # FieldFile.save(name, content): the model's storage
                return _Sink(call, call.args[0], [call.args[1]], False, needs_content=True)
            return None
        if method in _PATH_WRITES and call.args:
            return _Sink(call, receiver, [call.args[0]], False)
        if method == "open" and name is None:
            mode = argument(call, 0, "mode")
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
                if any(flag in mode.value for flag in "wax+"):
                    return _Sink(call, receiver, self._handle_writes(call), False)
        return None

    def _writes(self, call: ast.Call, name: str) -> bool:
        if name == "os.open":
            flags = argument(call, 1, "flags")
            return flags is not None and any(
                isinstance(n, ast.Attribute) and n.attr in ("O_CREAT", "O_WRONLY", "O_RDWR")
                for n in ast.walk(flags)
            )
        mode = argument(call, 1, "mode")
        if mode is None:
            return False
        known, value = self.index.resolver.constant_value(mode, self.scope)
        return known and isinstance(value, str) and any(flag in value for flag in "wax+")

    def _handle_writes(self, call: ast.Call) -> list[ast.expr]:
        """What the function writes into the file an `open(...)` call opened."""
        statement = self.statement_of(call)
        handles: set[str] = set()
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                if item.context_expr is call and isinstance(item.optional_vars, ast.Name):
                    handles.add(item.optional_vars.id)
        if isinstance(statement, ast.Assign) and statement.value is call:
            handles |= {t.id for t in statement.targets if isinstance(t, ast.Name)}
        written: list[ast.expr] = []
        for other in _calls_in(self.function):
            func = other.func
            if isinstance(func, ast.Attribute) and func.attr in ("write", "writelines"):
                target = func.value
                if target is call or (isinstance(target, ast.Name) and target.id in handles):
                    written.extend(other.args)
            elif other.args and len(other.args) >= 2:
                destination = other.args[1]
                if isinstance(destination, ast.Name) and destination.id in handles:
                    written.append(other.args[0])  # shutil.copyfileobj(src, handle)
                elif destination is call:
                    written.append(other.args[0])
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "save"
                and other.args
                and (other.args[0] is call or (
                    isinstance(other.args[0], ast.Name) and other.args[0].id in handles))
            ):
                written.append(func.value)  # upload.save(handle)
        return written

    def _storage_root(self, receiver: ast.expr, statement: ast.stmt) -> str | None:
        """Where a Django storage saves (None when `receiver` is no storage)."""
        name = self.index.resolver.qualified_name(receiver, self.scope)
        if name is not None and name.endswith(".default_storage"):
            return "MEDIA_ROOT"
        built: ast.expr | None = receiver
        if isinstance(receiver, ast.Name):
            built = None
            for definition in self.definitions.get(receiver.id, ()):
                if definition.kind == "value":
                    built = definition.value
        if isinstance(built, ast.Call):
            maker = self.index.resolver.qualified_name(built.func, self.scope) or ""
            if maker.startswith(("django.core.files.storage.", "storages.")):
                location = argument(built, 0, "location")
                return ast.unparse(location) if location is not None else "MEDIA_ROOT"
            if isinstance(built.func, ast.Call):  # get_storage_class()()
                inner = self.index.resolver.qualified_name(built.func.func, self.scope) or ""
                if inner.startswith("django.core.files.storage."):
                    return "MEDIA_ROOT"
        if isinstance(built, ast.Subscript):
            maker = self.index.resolver.qualified_name(built.value, self.scope) or ""
            if maker.startswith("django.core.files.storage."):
                return "MEDIA_ROOT"
        if isinstance(receiver, ast.Attribute) and receiver.attr == "storage":
            return "the field's storage"
        return None

    def checks(self) -> _Check:
        """How this function (and the helpers it hands the upload to) checks its type."""
        if self._check is not None:
            return self._check
        self._check = found = _Check()  # a recursive helper sees no check of its own
        for node in _expressions_in(self.function):
            statement = self.statement_of(node)
            if isinstance(node, ast.Compare):
                self._compare_check(node, statement, found)
            elif isinstance(node, ast.Call):
                self._call_check(node, statement, found)
            elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Store):
                key = self.labels(node.slice, statement)
                if key & {EXT} and not self.labels(node.value, statement) & FROM_CLIENT:
                    found.settle(key)  # ALLOWED_TYPES[ext]: unknown ones raise
            if found.strong:
                break
        if not found.strong:
            for statement in _statements_in(self.function):
                if isinstance(statement, ast.Match):
                    subject = self.labels(statement.subject, statement)
                    if subject & {EXT, GUESSED}:
                        found.settle(subject)
                    elif subject & {CTYPE}:
                        found.weak = True
        return found

    def _compare_check(self, node: ast.Compare, statement: ast.stmt, found: _Check) -> None:
        operands = [node.left, *node.comparators]
        labels = [self.labels(o, statement) for o in operands]
        every: Labels = EMPTY
        for each in labels:
            every |= each
        if every & {GUESSED}:
            found.strong = True  # imghdr.what(f) == "png", kind.mime in ALLOWED, ... is None
            return
        ordering = all(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in node.ops)
        if not ordering:
            return
        # `if ext == ""` or `if not name == None` ask whether there is one, not which
        others = [o for o, each in zip(operands, labels, strict=True) if not each]
        if others and all(_blank(o) for o in others):
            return
        if every & {EXT}:
            found.settle(every)
            return
        first = labels[0]
        if first & {NAME, CLIENT} and not first & (UPLOADS | {CONTENT}):
            other = node.comparators[0]
            if isinstance(node.ops[0], (ast.In, ast.NotIn)) and not isinstance(other, ast.Constant):
                found.settle(first)  # `filename in ALLOWED_FILES`: the whole name, listed
                return
            if (
                isinstance(node.ops[0], (ast.Eq, ast.NotEq))
                and isinstance(other, ast.Constant)
                and isinstance(other.value, str)
                and "." in other.value
            ):
                found.settle(first)  # one fixed name: `filename == "report.pdf"`
                return
        if every & {CTYPE}:
            found.weak = True

    def _call_check(self, node: ast.Call, statement: ast.stmt, found: _Check) -> None:
        func = node.func
        name = self.index.resolver.qualified_name(func, self.scope)
        if isinstance(func, ast.Attribute):
            method = func.attr
            if method in ("endswith", "startswith", "match", "fullmatch", "search", "verify"):
                receiver = self.labels(func.value, statement)
                if method == "endswith" and receiver & (CLIENT_NAMES | {GUESSED}):
                    found.settle(receiver)
                    return
                if method in ("startswith", "endswith") and receiver & {CTYPE}:
                    found.weak = True
                if method == "startswith" and receiver & {GUESSED}:
                    found.strong = True
                    return
                if method == "verify" and receiver & {GUESSED}:
                    found.strong = True  # PIL: Image.open(upload).verify()
                    return
                if method in ("match", "fullmatch", "search") and name is None:
                    for each in node.args:
                        matched = self.labels(each, statement)
                        if matched & CLIENT_NAMES:
                            found.settle(matched)
                            return
        if name is not None:
            if name in _REGEX_MATCHES:
                for each in node.args:
                    matched = self.labels(each, statement)
                    if matched & CLIENT_NAMES:
                        found.settle(matched)
                        return
            if name in _VALIDATORS or name.startswith(_TYPE_DETECTORS):
                if any(self.touches(a, statement) or self.labels(a, statement) & CLIENT_NAMES
                       for a in (*node.args, *(k.value for k in node.keywords))):
                    found.strong = True
                    return
        if isinstance(func, ast.Attribute) and self.labels(func.value, statement) & {GUESSED}:
            if any(self.touches(a, statement) for a in node.args):
                found.strong = True  # magic.Magic(mime=True).from_buffer(data)
                return
        if isinstance(func, ast.Call):
            inner = self.index.resolver.qualified_name(func.func, self.scope)
            if inner in _VALIDATORS:
                found.strong = True  # FileExtensionValidator([...])(upload)
                return
        if isinstance(func, ast.Name) and self._names_validator(func, statement):
            found.strong = True  # pdf_only = FileExtensionValidator([...]); pdf_only(upload)
            return
        given = [
            self.labels(a, statement)
            for a in (*node.args, *(k.value for k in node.keywords))
        ]
        carried: Labels = EMPTY
        for labels in given:
            carried |= labels
        if not carried & (UPLOADS | CLIENT_NAMES | {CONTENT, PARTS, CTYPE}):
            return
        target = self.index.callee(node, self.function)
        if target is not None:
            if self.depth < _MAX_DEPTH + 1:
                arguments = self.argument_labels(node, target, statement)
                helper = self.index.flow(target, self.depth + 1, arguments).checks()
                found.merge(helper)
            return
        cls = self._module_class(func)
        if cls is not None and carried & UPLOADS:
            if _form_validates_type(cls):
                found.strong = True  # a form of this module whose file field checks the type
            return
        callee = name or (func.attr if isinstance(func, ast.Attribute) else "")
        if callee and _names_a_check(callee.rpartition(".")[2]):
            found.settle(carried)  # an imported `allowed_file(...)`: trusted by its name
            return
        if carried & UPLOADS and callee.endswith(("Form", "Serializer")) and self.index.django:
            found.form = True  # UploadForm(request.POST, request.FILES) from elsewhere

    def _names_validator(self, func: ast.Name, statement: ast.stmt) -> bool:
        if self.labels(func, statement) & {VALIDATOR}:
            return True
        binding = self.index.resolver.lookup(func.id, self.scope)
        value = binding.value if binding is not None else None
        if isinstance(value, ast.Call):
            return self.index.resolver.qualified_name(value.func, self.scope) in _VALIDATORS
        return False

    def _module_class(self, func: ast.expr) -> ast.ClassDef | None:
        if isinstance(func, ast.Name):
            binding = self.index.resolver.lookup(func.id, self.scope)
            node = binding.node if binding is not None and binding.kind == "def" else None
            if isinstance(node, ast.ClassDef):
                return node
        return None


_FILE_FIELDS = {"FileField": "file", "MultipleFileField": "list"}


def _file_field(cls: ast.ClassDef, name: str) -> str | None:
    """How a form class declares field `name`: "file" (a `FileField`), "list" (a
    `MultipleFileField`), "checked" (either, with `FileAllowed` among its validators or a
    `validate_<name>` method in the class), None (no file field of that name)."""
    declared = None
    for statement in cls.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name == f"validate_{name}":
                return "checked" if declared is not None else None
            continue
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Call)
        ):
            continue
        func = statement.value.func
        written = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        declared = _FILE_FIELDS.get(written)
        if declared is not None and any(
            isinstance(inner, ast.Call)
            and (
                getattr(inner.func, "id", None) == "FileAllowed"
                or getattr(inner.func, "attr", None) == "FileAllowed"
            )
            for argument in (*statement.value.args, *statement.value.keywords)
            for inner in ast.walk(argument)
        ):
            return "checked"
    if declared is not None and any(
        isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == f"validate_{name}"
        for s in cls.body
    ):
        return "checked"
    return declared


def _form_validates_type(cls: ast.ClassDef) -> bool:
    """A form class whose fields check what a file is (ImageField, extension validators,
    a `clean_<field>` method)."""
    for node in ast.walk(cls):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name.startswith("clean"):
                return True
        if isinstance(node, (ast.Name, ast.Attribute)):
            written = node.id if isinstance(node, ast.Name) else node.attr
            if written in ("ImageField", "FileExtensionValidator", "validate_image_file_extension"):
                return True
    return False


def _blank(node: ast.expr) -> bool:
    """An empty string or None: compared with, it asks whether a value is there."""
    return isinstance(node, ast.Constant) and node.value in ("", None, b"")


def _names_a_check(name: str) -> bool:
    words = identifier_words(name)
    if not words:
        return False
    if _CHECK_WORDS.intersection(words):
        return True
    return words[0] in _CHECK_VERBS and bool(_TYPE_WORDS.intersection(words[1:]))


def _as_string(labels: Labels) -> Labels:
    """The labels a string built from this value keeps (its name, its extension)."""
    return labels & (CLIENT_NAMES | {FROM_UPLOAD, PARTS, CONTENT, GUESSED})


def _element(labels: Labels) -> Labels:
    """The labels of one element of an iterable with these labels."""
    return labels & (FROM_CLIENT | {CTYPE})


def _ext_of(labels: Labels) -> Labels:
    return frozenset({EXT}) | (labels & {FROM_UPLOAD})


def _target_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for element in target.elts for n in _target_names(element)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _own_expressions(statement: ast.stmt) -> list[ast.AST]:
    """The expressions of a statement itself (not of the statements nested in it)."""
    found: list[ast.AST] = []
    for name, value in ast.iter_fields(statement):
        if name in ("body", "orelse", "finalbody", "handlers", "cases", "decorator_list"):
            continue
        if isinstance(value, list):
            found.extend(v for v in value if isinstance(v, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


def _statements_in(function: ast.AST) -> Iterator[ast.stmt]:
    stack: list[ast.AST] = list(getattr(function, "body", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, _SCOPES):
            continue
        if isinstance(node, ast.stmt):
            yield node
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(node, name, None)
                if isinstance(inner, list):
                    stack.extend(inner)
            for handler in getattr(node, "handlers", ()):
                stack.extend(handler.body)
            for case in getattr(node, "cases", ()):
                stack.extend(case.body)


def _expressions_in(function: ast.AST) -> Iterator[ast.AST]:
    """Every expression node of a function's own body, in source order of statements."""
    for statement in _statements_in(function):
        stack = list(reversed(_own_expressions(statement)))
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.Lambda, *_SCOPES)):
                continue
            yield node
            stack.extend(reversed(child_nodes(node)))


# -- the rule --------------------------------------------------------------------------

_module_index_of_last = for_last_node(
    lambda module, resolver: [_ModuleIndex(module, resolver)]
)


def _module_index(ctx: RuleContext) -> _ModuleIndex:
    """The index of the module being scanned, built once per module."""
    return _module_index_of_last(ctx.module, ctx.resolver)[0]


def _destination_parts(
    node: ast.expr, flow: _Flow, depth: int = 0
) -> tuple[list[ast.expr], bool]:
    """The parts of a path before its last component, and whether it has no folder."""
    if depth > 4:
        return [], False
    if isinstance(node, ast.Name):
        definitions = [
            d for d in flow.definitions.get(node.id, ()) if d.kind == "value" and d.value
        ]
        if len(definitions) == 1 and definitions[0].value is not None:
            return _destination_parts(definitions[0].value, flow, depth + 1)
        return [], False
    if isinstance(node, ast.Call):
        name = flow.index.resolver.qualified_name(node.func, flow.scope)
        if name in _JOINS:
            if len(node.args) == 1:
                return _destination_parts(node.args[0], flow, depth + 1)
            return list(node.args[:-1]), False
        if name in _NAME_KEEPING and node.args:
            return _destination_parts(node.args[0], flow, depth + 1)
        return [], False
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        return [node.left], False
    if isinstance(node, ast.JoinedStr):
        values = node.values
        return [v.value if isinstance(v, ast.FormattedValue) else v for v in values[:-1]], (
            len(values) == 1
        )
    if isinstance(node, ast.Attribute):
        return [], True  # f.filename itself: the working directory
    return [], False


def _placement(sink: _Sink, flow: _Flow) -> tuple[bool, str]:
    """(whether the file lands in a served folder or the application's tree, where)."""
    if sink.storage_root:
        served = sink.storage_root == "MEDIA_ROOT" or _served_text(sink.storage_root)
        where = f"under `{sink.storage_root}`, which the site serves at MEDIA_URL"
        return served, where if served else ""
    parts, bare = _destination_parts(sink.destination, flow)
    if bare or (not parts and isinstance(sink.destination, ast.Attribute)):
        return True, "in the working directory, the application's root, beside its code"
    for text in _folder_texts(parts, flow):
        if _served_text(text):
            return True, f"under `{text}`, a folder the web server serves"
    if parts and _base_kind(parts[0], flow) == "root":
        return True, (
            f"inside the application's folder (`{short_code(parts[0], 40)}`), beside its code"
        )
    return False, ""


def _folder_texts(parts: list[ast.expr], flow: _Flow) -> list[str]:
    """The names and strings the folder part of a path is built from, one binding deep."""
    texts: list[str] = []
    resolver = flow.index.resolver
    pending: list[tuple[ast.AST, int]] = [(p, 0) for p in parts]
    while pending:
        part, depth = pending.pop()
        for node in ast.walk(part):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
            elif isinstance(node, (ast.Name, ast.Attribute)):
                texts.append(node.id if isinstance(node, ast.Name) else node.attr)
                known, value = resolver.constant_value(node, flow.scope)
                if known and isinstance(value, str):
                    texts.append(value)
                elif isinstance(node, ast.Name) and depth < 2:
                    bound = _bound_value(node, flow)
                    if bound is not None:
                        pending.append((bound, depth + 1))
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                configured = flow.index.config.get(str(node.slice.value))
                if configured is not None and depth < 2:
                    pending.append((configured, depth + 1))
    return texts


def _bound_value(node: ast.Name, flow: _Flow) -> ast.expr | None:
    """The one value a name is bound to, in the function or around it."""
    local = [d for d in flow.definitions.get(node.id, ()) if d.kind != "param"]
    if local:
        if len(local) == 1 and local[0].kind == "value":
            return local[0].value
        return None
    binding = flow.index.resolver.lookup(node.id, flow.scope)
    return binding.value if binding is not None else None


def _served_text(text: str) -> bool:
    for segment in re.split(r"[/\\]", text):
        words = identifier_words(segment)
        if _SERVED_WORDS.intersection(words) or segment.lower() == "public_html":
            return True
    return False


def _base_kind(node: ast.AST, flow: _Flow, depth: int = 0) -> str:
    """Where a path starts: "root" (the working directory or the application's folder),
    "absolute" (elsewhere), or "unknown"."""
    if depth > 6:
        return "unknown"
    resolver = flow.index.resolver
    known, value = resolver.constant_value(node, flow.scope)
    if known:
        if not isinstance(value, str):
            return "unknown"
        if value.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:", value):
            return "absolute"
        return "root"  # a relative path: under the working directory
    if isinstance(node, ast.Call):
        name = resolver.qualified_name(node.func, flow.scope) or ""
        if name in ("os.getcwd", "pathlib.Path.cwd"):
            return "root"
        if name in _JOINS or name in _NAME_KEEPING or name in (
            "os.path.dirname", "posixpath.dirname",
        ):
            return _base_kind(node.args[0], flow, depth + 1) if node.args else "unknown"
        return "unknown"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        return _base_kind(node.left, flow, depth + 1)
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        inner = first.value if isinstance(first, ast.FormattedValue) else first
        return _base_kind(inner, flow, depth + 1)
    if isinstance(node, ast.Attribute):
        if node.attr in ("root_path", "instance_path", "parent"):
            return "root" if node.attr != "parent" else _base_kind(node.value, flow, depth + 1)
        words = set(identifier_words(node.attr))
        return "root" if words & _ROOT_WORDS and "dir" in words else "unknown"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        configured = flow.index.config.get(str(node.slice.value))
        return _base_kind(configured, flow, depth + 1) if configured is not None else "unknown"
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return "root"
        bound = _bound_value(node, flow)
        if bound is not None:
            return _base_kind(bound, flow, depth + 1)
        words = set(identifier_words(node.id))
        return "root" if words & _ROOT_WORDS and "dir" in words else "unknown"
    return "unknown"


def _callee_shown(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute) and not isinstance(func.value, (ast.Name, ast.Attribute)):
        return "…." + func.attr  # (folder / name).write_bytes: the path is shown after
    return short_code(func, 40)


def _name_shown(sink: _Sink) -> str:
    return short_code(sink.destination, 50)


@rule(
    id="PY-UPLOAD-001",
    cwe=434,
    title="Uploaded file stored under the client's file name and type",
    severity=Severity.MEDIUM,
    confidence=Confidence.MEDIUM,
    summary=(
        "Flags a web handler that stores a file a client uploaded under a name whose "
        "extension the client chose, with no allow-list check of the type: Flask/Werkzeug "
        "`request.files[...]` saved as `f.save(dir + f.filename)` or under "
        "`secure_filename(f.filename)` (and Flask-WTF `form.photo.data` of a `FileField` "
        "without `FileAllowed`), Django `request.FILES` written with "
        "`open(os.path.join(MEDIA_ROOT, upload.name), \"wb\")` or "
        "`default_storage.save(upload.name, upload)` or `instance.file.save(upload.name, "
        "upload)`, FastAPI/Starlette `UploadFile` parameters copied to `file.filename`, "
        "Tornado `self.request.files`, and base64 or raw bodies written under a name from "
        "the request. Severity is high when the file lands in a served folder (static, "
        "media, public, templates, `MEDIA_ROOT`) or in the application's own tree (the "
        "working directory, a relative folder, `BASE_DIR`, `app.root_path`)."
    ),
    why=(
        "The extension decides what the file is to the web server and the browser: an "
        "uploaded `shell.php`, `x.jsp` or `cgi.py` in a served folder runs on the server, "
        "and `page.html` or `image.svg` served from the site's origin runs script in every "
        "visitor's session (stored XSS). `secure_filename` removes path separators but "
        "keeps the extension, and the part's Content-Type is whatever the client wrote."
    ),
    fix=(
        "Check the extension against an allow-list before storing (`ext = "
        "filename.rsplit('.', 1)[-1].lower(); if ext not in ALLOWED_EXTENSIONS: abort(400)`), "
        "better also the detected type (`filetype.guess`, `imghdr`, `python-magic`), and "
        "store under a name the server makes (`f\"{uuid4().hex}.{ext}\"`), outside the "
        "served folders."
    ),
    bad=(
        '@app.route("/upload", methods=["POST"])\n'
        "def upload():\n"
        '    f = request.files["document"]\n'
        '    f.save(os.path.join(app.static_folder, secure_filename(f.filename)))'
    ),
    good=(
        'ALLOWED_EXTENSIONS = {"png", "jpg", "pdf"}\n\n'
        '@app.route("/upload", methods=["POST"])\n'
        "def upload():\n"
        '    f = request.files["document"]\n'
        '    ext = f.filename.rsplit(".", 1)[-1].lower()\n'
        "    if ext not in ALLOWED_EXTENSIONS:\n"
        "        abort(400)\n"
        '    f.save(os.path.join(UPLOAD_DIR, f"{uuid.uuid4().hex}.{ext}"))'
    ),
    nodes=(ast.Call,),
    methods=_SINK_METHODS,
    # every upload source or name spells one of these (`request.files`, `UploadFile`,
    # `.filename`, base64 bodies, `request.get_data()`, Tornado's `get_body_argument`)
    requires=("files", "upload", "filename", "filestorage", "base64", "get_data",
              "get_body_argument"),
    references=(
        "https://cwe.mitre.org/data/definitions/434.html",
        "https://owasp.org/www-community/vulnerabilities/Unrestricted_File_Upload",
        "https://flask.palletsprojects.com/en/stable/patterns/fileuploads/",
        "https://docs.djangoproject.com/en/stable/topics/http/file-uploads/",
    ),
    scope_note=(
        "Pattern with a local def-use walk inside one function, and into the functions of "
        "the same module it calls or is called from (one or two calls deep). Not reported: "
        "a check of the extension (`rsplit('.')`/`splitext`/`Path.suffix` compared, "
        "`endswith`, a regex), of the detected type (`imghdr`, `filetype`, `magic`, "
        "`mimetypes.guess_type` compared, PIL `verify()`), Django's "
        "`FileExtensionValidator`, a helper named like `allowed_file` or a form with an "
        "`ImageField`; names the server makes (`uuid4().hex + \".png\"`, a constant suffix); "
        "uploads only read into memory. A check of the client's declared Content-Type "
        "alone leaves the finding at low confidence; so does a Django form from another "
        "module that may validate the file (or a DRF serializer). Uploads assigned to a "
        "model's `FileField` through the ORM (`Document.objects.create(file=upload)`) are "
        "not followed: where they land depends on the model's `upload_to`."
    ),
)
def unrestricted_upload(node: ast.AST, ctx: RuleContext) -> Iterator[Issue]:
    assert isinstance(node, ast.Call)
    if not _may_store(node, ctx):
        return
    function = enclosing_function(ctx.parents)
    if function is None:
        return
    index = _module_index(ctx)
    flow = index.flow(function)
    if not flow.relevant:
        return
    sink = flow.sink(node)
    if sink is None:
        return
    issue = _report(sink, flow)
    if issue is not None:
        yield issue


def _may_store(call: ast.Call, ctx: RuleContext) -> bool:
    """False for the calls that share a sink's name and store nothing (`text.replace(...)`,
    `shutil.copy` is kept), before any flow is built."""
    func = call.func
    name = ctx.call_name(call)
    if name in _OPEN_FUNCTIONS or name in _MOVES:
        return True
    if not isinstance(func, ast.Attribute):
        return False
    return func.attr in ("save", "open", *_PATH_WRITES)


def _report(sink: _Sink, flow: _Flow) -> Issue | None:
    statement = flow.statement_of(sink.call)
    ending = flow.labels(sink.destination, statement)
    if not ending & CLIENT_NAMES:
        return None
    if FROM_UPLOAD not in ending or sink.needs_content:
        # a name from form fields or JSON: an upload only when the bytes are the client's
        if not sink.content_is_upload and not any(
            flow.touches(c, flow.statement_of(c)) for c in sink.content
        ):
            return None
    checks = _Check()
    checks.merge(flow.checks())
    checks.merge(flow.inherited)
    if checks.strong or (checks.client_strong and FROM_UPLOAD not in ending):
        return None
    served, where = _placement(sink, flow)
    kind = "extension" if EXT in ending and NAME not in ending else "file name"
    origin = "the upload's own" if FROM_UPLOAD in ending else "a request-supplied"
    text = (
        f"`{_callee_shown(sink.call)}(...)` stores an uploaded file as "
        f"`{_name_shown(sink)}`, which ends with {origin} {kind}: the client picks the "
        "type (`.php`, `.html`, `.svg`), and nothing in this function or the helpers it "
        "calls checks it against an allow-list"
    )
    if served:
        text += f"; the file lands {where}"
    confidence = None
    if checks.weak:
        confidence = Confidence.LOW
        text += (
            ". Only the declared Content-Type is checked, which the client sets freely "
            "(`shell.php` sent as `image/png` passes)"
        )
    elif checks.form:
        confidence = Confidence.LOW
        text += ". A form from another module also receives the upload and may validate it"
    return Issue(
        sink.call,
        text + ".",
        severity=Severity.HIGH if served else None,
        confidence=confidence,
    )

