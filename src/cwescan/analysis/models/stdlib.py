"""Taint models for the Python standard library (and the DB-API shape every driver shares).

Sources: `input()`, `sys.argv`, `sys.stdin`, the environment, `http.server` handlers,
sockets, `urlopen(...).read()`, `argparse`. Sinks for commands, code, SQL, paths,
deserialization, XML, XPath, SSRF, logging, reflection and regular expressions.
Sanitizers, propagators and guards that the standard library provides.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ALL_KINDS,
    IN_MEMORY_FILES,
    NUMBER,
    PERCENT_ENCODED,
    Callback,
    Guard,
    HandlerBase,
    ParameterType,
    Propagator,
    ResponderEntry,
    Sanitizer,
    Sink,
    Source,
    Tables,
    TypeRule,
    TypeTransition,
)

_SUBPROCESS = ("Popen", "run", "call", "check_call", "check_output")
_OS_PATH_MODULES = ("os.path", "posixpath", "ntpath")

SOURCES = [
    Source("builtins.input", "local", "call", "input()"),
    Source("builtins.raw_input", "local", "call", "raw_input()"),
    Source("sys.argv", "local", label="sys.argv", type="builtins.list"),
    Source("sys.orig_argv", "local", label="sys.orig_argv"),
    Source("sys.stdin", "local", label="sys.stdin", type="io.TextIOWrapper"),
    Source("fileinput.input", "local", "call", "fileinput.input()"),
    Source("os.environ", "environment", label="os.environ"),
    Source("os.environb", "environment", label="os.environb"),
    Source("os.getenv", "environment", "call", "os.getenv()"),
    Source("os.getenvb", "environment", "call", "os.getenvb()"),
    # network data
    Source("socket.socket.recv", "network", "call", "socket.recv()"),
    Source("socket.socket.recvfrom", "network", "call", "socket.recvfrom()"),
    Source("socket.socket.recvmsg", "network", "call", "socket.recvmsg()"),
    Source("*.recv", "network", "call", "recv()"),
    Source("*.recvfrom", "network", "call", "recvfrom()"),
    Source("http.client.HTTPResponse.read", "network", "call", "urlopen(...).read()"),
    Source("http.client.HTTPResponse.readline", "network", "call", "urlopen(...).readline()"),
    Source("http.client.HTTPResponse.readlines", "network", "call", "urlopen(...).readlines()"),
    Source("http.client.HTTPResponse.headers", "network", label="urlopen(...).headers"),
    # command-line arguments
    # typed: options declared with type=int, choices=... or a flag action are checked
    Source(
        "argparse.ArgumentParser.parse_args",
        "local",
        "call",
        "argparse arguments",
        type="argparse.Namespace",
    ),
    Source("argparse.ArgumentParser.parse_known_args", "local", "call", "argparse arguments"),
    Source("*.parse_args", "local", "call", "command-line arguments", type="argparse.Namespace"),
    Source("*.parse_known_args", "local", "call", "command-line arguments"),
    Source("optparse.OptionParser.parse_args", "local", "call", "optparse arguments"),
]

_HANDLER_SOURCES = (
    ("path", "remote"),
    ("headers", "remote"),
    ("rfile", "remote"),
    ("requestline", "remote"),
    ("raw_requestline", "remote"),
)
# what an http.server handler writes to `self.wfile` is the HTTP response body
_RESPONSE_BODY = "http.server.ResponseBody"
_HTTP_HANDLER = "http.server.BaseHTTPRequestHandler"

HANDLER_BASES = [
    *[
        HandlerBase(
            prefix=base,
            framework="http.server",
            self_sources=_HANDLER_SOURCES,
            self_types=(("wfile", _RESPONSE_BODY),),
            header_methods=("send_header",),
            methods_of=_HTTP_HANDLER,
        )
        for base in (
            "http.server.BaseHTTPRequestHandler",
            "http.server.SimpleHTTPRequestHandler",
            "http.server.CGIHTTPRequestHandler",
        )
    ],
    # a plain socket server: `self.wfile` is a byte stream, not a web page
    *[
        HandlerBase(prefix=base, framework="http.server", self_sources=_HANDLER_SOURCES)
        for base in ("socketserver.StreamRequestHandler", "socketserver.BaseRequestHandler")
    ],
]

RESPONDER_ENTRIES = [
    # PEP 3333: `def application(environ, start_response)`; the environ holds the request
    ResponderEntry("wsgi", ("start_response",), headers_arg=1, label="WSGI environ"),
]

_DBAPI_METHODS = ("execute", "executemany", "executescript")

# what these builtins return is a number, whatever they are given
_NUMBER_RESULTS = ("builtins.len", "builtins.int", "builtins.hash", "builtins.ord", "builtins.id")

TYPES = [
    # numbers: a format string given only these reads nothing from an object
    *[TypeRule(name, NUMBER) for name in _NUMBER_RESULTS],
    TypeRule("builtins.range", "builtins.range"),
    TypeRule("builtins.range[]", NUMBER),
    TypeRule("socket.socket", "socket.socket"),
    TypeRule("socket.create_connection", "socket.socket"),
    TypeRule("socket.socket.accept", "socket.accept-result"),
    TypeRule("urllib.request.urlopen", "http.client.HTTPResponse"),
    TypeRule("urllib.request.OpenerDirector.open", "http.client.HTTPResponse"),
    TypeRule("http.client.HTTPConnection.getresponse", "http.client.HTTPResponse"),
    TypeRule("http.client.HTTPSConnection.getresponse", "http.client.HTTPResponse"),
    TypeRule("argparse.ArgumentParser", "argparse.ArgumentParser"),
    TypeRule("optparse.OptionParser", "optparse.OptionParser"),
    TypeRule("sqlite3.connect", "dbapi.Connection"),
    TypeRule("dbapi.Connection.cursor", "dbapi.Cursor"),
    # sqlite3's Connection.execute returns a new cursor, Cursor.execute the cursor itself
    *[
        TypeRule(f"dbapi.{t}.{m}", "dbapi.Cursor")
        for t in ("Connection", "Cursor")
        for m in _DBAPI_METHODS
    ],
    TypeRule("logging.getLogger", "logging.Logger"),
    TypeRule("logging.Logger.getChild", "logging.Logger"),
    TypeRule("logging.root", "logging.Logger"),
    TypeRule("logging.LoggerAdapter", "logging.Logger"),
    TypeRule("xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.Element"),
    TypeRule("xml.etree.ElementTree.XML", "xml.etree.ElementTree.Element"),
    TypeRule("xml.etree.ElementTree.parse", "xml.etree.ElementTree.ElementTree"),
    TypeRule("xml.etree.ElementTree.ElementTree", "xml.etree.ElementTree.ElementTree"),
    TypeRule("xml.etree.ElementTree.ElementTree.getroot", "xml.etree.ElementTree.Element"),
    TypeRule("xml.etree.ElementTree.Element.find", "xml.etree.ElementTree.Element"),
    TypeRule("xml.etree.ElementTree.Element.getroot", "xml.etree.ElementTree.Element"),
    TypeRule("xml.sax.make_parser", "xml.sax.XMLReader"),
    TypeRule("xml.etree.ElementTree.XMLParser", "xml.etree.ElementTree.XMLParser"),
    TypeRule("xml.etree.ElementTree.XMLPullParser", "xml.etree.ElementTree.XMLParser"),
    TypeRule("string.Formatter", "string.Formatter"),
    TypeRule("csv.writer", "csv.writer"),
    TypeRule("csv.DictWriter", "csv.DictWriter"),
    TypeRule("configparser.ConfigParser", "configparser.ConfigParser"),
    TypeRule("configparser.RawConfigParser", "configparser.ConfigParser"),
    TypeRule("re.compile", "re.Pattern"),
    TypeRule("pathlib.Path", "pathlib.Path"),
    TypeRule("pathlib.PurePath", "pathlib.Path"),
    TypeRule("pathlib.PosixPath", "pathlib.Path"),
    TypeRule("pathlib.WindowsPath", "pathlib.Path"),
    TypeRule("pathlib.Path.resolve", "pathlib.Path[resolved]"),
    TypeRule("pathlib.Path[resolved].resolve", "pathlib.Path[resolved]"),
    TypeRule("pathlib.Path.absolute", "pathlib.Path"),
    TypeRule("pathlib.Path.joinpath", "pathlib.Path"),
    TypeRule("pathlib.Path.with_name", "pathlib.Path"),
    TypeRule("pathlib.Path.with_suffix", "pathlib.Path"),
    TypeRule("pathlib.Path.parent", "pathlib.Path"),
    TypeRule("pathlib.Path[resolved].parent", "pathlib.Path[resolved]"),
    TypeRule("pathlib.Path[resolved].joinpath", "pathlib.Path"),
    TypeRule("collections.deque", "collections.deque"),
    *[
        TypeRule(f"{m}.{f}", "path[normalized]")
        for m in _OS_PATH_MODULES
        for f in ("realpath", "abspath", "normpath")
    ],
    TypeRule("os.path.abspath", "path[normalized]"),
]

TRANSITIONS = [
    TypeTransition(
        "xml.sax.XMLReader.setFeature",
        ((0, "http://xml.org/sax/features/external-general-entities"), (1, True)),
        "xml.sax.XMLReader[external-entities]",
    ),
    TypeTransition(
        "xml.sax.XMLReader.setFeature",
        ((0, "http://xml.org/sax/features/external-parameter-entities"), (1, True)),
        "xml.sax.XMLReader[external-entities]",
    ),
]


def _subprocess_sinks() -> list[Sink]:
    sinks: list[Sink] = []
    for name in _SUBPROCESS:
        target = f"subprocess.{name}"
        sinks.append(
            Sink(
                target,
                78,
                "shell",
                args=(0,),
                keywords=("args",),
                when_keyword=("shell", True),
                label=f"subprocess.{name}(shell=True)",
            )
        )
        sinks.append(
            Sink(
                target,
                78,
                "shell",
                args=(0,),
                keywords=("args", "executable"),
                part="argv0",
                when_keyword=("shell", False),
                label=f"subprocess.{name}",
            )
        )
        sinks.append(
            Sink(
                target,
                88,
                "argv",
                args=(0,),
                keywords=("args",),
                part="argv-options",
                when_keyword=("shell", False),
                label=f"subprocess.{name}",
            )
        )
    for name in ("getoutput", "getstatusoutput"):
        sinks.append(Sink(f"subprocess.{name}", 78, "shell", args=(0,), keywords=("cmd",)))
    return sinks


_EXEC = ("execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe")
_SPAWN = ("spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe")

SINKS = [
    # CWE-78 OS command injection
    Sink("os.system", 78, "shell", args=(0,), keywords=("command",)),
    # CWE-113: http.server writes a header value or a status message as it is given
    Sink(f"{_HTTP_HANDLER}.send_header", 113, "header", args=(1,), keywords=("value",)),
    Sink(f"{_HTTP_HANDLER}.send_response", 113, "header", args=(1,), keywords=("message",)),
    Sink("os.popen", 78, "shell", args=(0,), keywords=("cmd",)),
    Sink("os.startfile", 78, "shell", args=(0,)),
    *[Sink(f"os.{n}", 78, "shell", args=(0,), keywords=("path", "file")) for n in _EXEC],
    *[Sink(f"os.{n}", 78, "shell", args=(1,), keywords=("path", "file")) for n in _SPAWN],
    # the argument vector: a command line when the program it names is a shell with -c
    *[
        Sink(f"os.{n}", 78, "shell", args=(1,), keywords=("args", "argv"), part="argv0")
        for n in _EXEC
        if "v" in n[4:]
    ],
    *[Sink(f"os.{n}", 78, "shell", from_position=1, part="argv0") for n in _EXEC if "l" in n[4:]],
    *[
        Sink(f"os.{n}", 78, "shell", args=(2,), keywords=("args",), part="argv0")
        for n in _SPAWN
        if "v" in n[5:]
    ],
    *[Sink(f"os.{n}", 78, "shell", from_position=2, part="argv0") for n in _SPAWN if "l" in n[5:]],
    Sink("asyncio.create_subprocess_exec", 78, "shell", from_position=0, part="argv0"),
    *_subprocess_sinks(),
    Sink("asyncio.create_subprocess_shell", 78, "shell", args=(0,), keywords=("cmd",)),
    Sink("asyncio.create_subprocess_exec", 78, "shell", args=(0,), keywords=("program",)),
    Sink("pty.spawn", 78, "shell", args=(0,), keywords=("argv",), part="argv0"),
    # CWE-95 code injection
    Sink("builtins.eval", 95, "code", args=(0,), keywords=("source",)),
    Sink("builtins.exec", 95, "code", args=(0,), keywords=("source",)),
    Sink("builtins.compile", 95, "code", args=(0,), keywords=("source",)),
    Sink("code.InteractiveInterpreter.runsource", 95, "code", args=(0,)),
    # CWE-89 SQL injection: the query string; the parameters argument is safe
    *[
        Sink(f"dbapi.Cursor.{m}", 89, "sql", args=(0,), keywords=("sql", "query", "operation"))
        for m in _DBAPI_METHODS
    ],
    *[
        Sink(f"dbapi.Connection.{m}", 89, "sql", args=(0,), keywords=("sql", "query"))
        for m in _DBAPI_METHODS
    ],
    *[
        Sink(f"*.{m}", 89, "sql", args=(0,), keywords=("sql", "query", "operation", "statement"))
        for m in _DBAPI_METHODS
    ],
    # CWE-22 path traversal
    Sink("builtins.open", 22, "path", args=(0,), keywords=("file",)),
    Sink("io.open", 22, "path", args=(0,), keywords=("file",)),
    Sink("io.FileIO", 22, "path", args=(0,), keywords=("file",)),
    Sink("codecs.open", 22, "path", args=(0,), keywords=("filename",)),
    Sink("os.open", 22, "path", args=(0,), keywords=("path",)),
    *[
        Sink(f"os.{n}", 22, "path", args=(0,), keywords=("path",))
        for n in (
            "remove",
            "unlink",
            "rmdir",
            "removedirs",
            "mkdir",
            "makedirs",
            "chmod",
            "chown",
            "listdir",
            "scandir",
            "truncate",
            "lchown",
            "chdir",
            "mkfifo",
        )
    ],
    *[
        Sink(f"os.{n}", 22, "path", args=(0, 1), keywords=("src", "dst"))
        for n in ("rename", "renames", "replace", "symlink", "link")
    ],
    *[
        Sink(f"shutil.{n}", 22, "path", args=(0, 1), keywords=("src", "dst"))
        for n in ("copy", "copy2", "copyfile", "copytree", "move", "copymode", "copystat")
    ],
    Sink("shutil.rmtree", 22, "path", args=(0,), keywords=("path",)),
    *[
        Sink(f"pathlib.Path.{n}", 22, "path", receiver=True)
        for n in (
            "open",
            "read_text",
            "read_bytes",
            "write_text",
            "write_bytes",
            "unlink",
            "rmdir",
            "mkdir",
            "touch",
            "iterdir",
            "rename",
            "replace",
            "chmod",
            "glob",
            "rglob",
        )
    ],
    *[
        Sink(f"pathlib.Path[resolved].{n}", 22, "path", receiver=True)
        for n in (
            "open",
            "read_text",
            "read_bytes",
            "write_text",
            "write_bytes",
            "unlink",
            "rmdir",
            "touch",
            "iterdir",
            "rename",
            "replace",
        )
    ],
    Sink("tarfile.open", 22, "path", args=(0,), keywords=("name",)),
    # probing the file system with a user-chosen path discloses what exists where
    *[
        Sink(f"{m}.{f}", 22, "path", args=(0,), keywords=("path",))
        for m in _OS_PATH_MODULES
        for f in ("exists", "lexists", "isfile", "isdir", "getsize", "getmtime")
    ],
    *[
        Sink(f"os.{f}", 22, "path", args=(0,), keywords=("path",))
        for f in ("stat", "lstat", "access", "walk")
    ],
    # an archive opened from an in-memory buffer reads no file by name
    Sink(
        "zipfile.ZipFile",
        22,
        "path",
        args=(0,),
        keywords=("file",),
        unless_types=((0, "file", IN_MEMORY_FILES),),
    ),
    # CWE-502 deserialization of untrusted data
    *[
        Sink(f"{m}.{f}", 502, "deser", args=(0,), keywords=("data", "file"))
        for m in ("pickle", "_pickle", "cPickle", "dill", "marshal", "cloudpickle")
        for f in ("loads", "load")
    ],
    Sink("pickle.Unpickler", 502, "deser", args=(0,), keywords=("file",)),
    Sink("shelve.open", 502, "deser", args=(0,), keywords=("filename",)),
    # CWE-611 XML external entities through a SAX parser that resolves them
    Sink("xml.sax.XMLReader[external-entities].parse", 611, "xml", args=(0,), keywords=("source",)),
    # CWE-643 XPath injection through ElementTree paths
    *[
        Sink(f"xml.etree.ElementTree.{t}.{m}", 643, "xpath", args=(0,), keywords=("path", "match"))
        for t in ("Element", "ElementTree")
        for m in ("find", "findall", "findtext", "iterfind")
    ],
    # CWE-91 XML injection: a document built as text around input, then parsed (only input
    # placed after constant text that opens an element counts: see REQUIRED_MARKS)
    *[
        Sink(f"xml.etree.ElementTree.{f}", 91, "xmli", args=(0,), keywords=("text",))
        for f in ("fromstring", "XML")
    ],
    Sink("xml.etree.ElementTree.XMLParser.feed", 91, "xmli", args=(0,), keywords=("data",)),
    *[
        Sink(f"xml.dom.{m}.parseString", 91, "xmli", args=(0,), keywords=("string",))
        for m in ("minidom", "pulldom")
    ],
    Sink("xml.sax.parseString", 91, "xmli", args=(0,), keywords=("string",)),
    # CWE-134 a format string from input, given values whose attributes it can read
    Sink("*.format", 134, "format", receiver=True, with_values=True),
    Sink("*.format_map", 134, "format", receiver=True, with_values=True),
    *[
        Sink(f"builtins.str.{m}", 134, "format", args=(0,), with_values=True)
        for m in ("format", "format_map")
    ],
    *[
        Sink(
            f"string.Formatter.{m}",
            134,
            "format",
            args=(0,),
            keywords=("format_string",),
            with_values=True,
        )
        for m in ("format", "vformat")
    ],
    # CWE-1236 cells of a CSV file (a spreadsheet runs `=...` as a formula)
    *[
        Sink(f"{t}.{m}", 1236, "csv", args=(0,), keywords=(k,))
        for t in ("csv.writer", "csv.DictWriter", "*")
        for m, k in (("writerow", "row"), ("writerows", "rows"))
    ],
    # CWE-918 server-side request forgery
    Sink(
        "urllib.request.urlopen", 918, "ssrf", args=(0,), keywords=("url",), safe_prefix="url-host"
    ),
    Sink(
        "urllib.request.urlretrieve",
        918,
        "ssrf",
        args=(0,),
        keywords=("url",),
        safe_prefix="url-host",
    ),
    Sink("http.client.HTTPConnection", 918, "ssrf", args=(0,), keywords=("host",)),
    Sink("http.client.HTTPSConnection", 918, "ssrf", args=(0,), keywords=("host",)),
    # CWE-79 an http.server handler's response body (unless sent as a non-HTML type)
    *[
        Sink(f"{_RESPONSE_BODY}.{m}", 79, "html", args=(0,), response_body=True)
        for m in ("write", "writelines")
    ],
    # CWE-117 log injection
    *[
        Sink(f"logging.{f}", 117, "log", from_position=0, keywords=("msg",))
        for f in ("debug", "info", "warning", "warn", "error", "critical", "exception", "fatal")
    ],
    Sink("logging.log", 117, "log", from_position=1, keywords=("msg",)),
    *[
        Sink(f"logging.Logger.{f}", 117, "log", from_position=0, keywords=("msg",))
        for f in ("debug", "info", "warning", "warn", "error", "critical", "exception", "fatal")
    ],
    Sink("logging.Logger.log", 117, "log", from_position=1, keywords=("msg",)),
    # CWE-470 unsafe reflection
    Sink("importlib.import_module", 470, "reflection", args=(0,), keywords=("name",)),
    Sink("builtins.__import__", 470, "reflection", args=(0,), keywords=("name",)),
    Sink("builtins.getattr", 470, "reflection", args=(1,)),
    Sink("builtins.setattr", 470, "reflection", args=(1,)),
    Sink("builtins.delattr", 470, "reflection", args=(1,)),
    # CWE-1333 regular expression built from input
    *[
        Sink(f"re.{f}", 1333, "regex", args=(0,), keywords=("pattern",))
        for f in (
            "compile",
            "match",
            "search",
            "fullmatch",
            "sub",
            "subn",
            "split",
            "findall",
            "finditer",
        )
    ],
]

_NUMERIC = (
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "builtins.complex",
    "uuid.UUID",
    "decimal.Decimal",
    "fractions.Fraction",
)

SANITIZERS = [
    Sanitizer("shlex.quote", ("shell",), label="shlex.quote"),
    Sanitizer("pipes.quote", ("shell",), label="pipes.quote"),
    *[Sanitizer(f"{m}.basename", ("path",), label="os.path.basename") for m in _OS_PATH_MODULES],
    Sanitizer("html.escape", ("html", "xpath", "xmli", "header", "log"), label="html.escape"),
    Sanitizer(
        "xml.sax.saxutils.escape", ("html", "xpath", "xmli"), label="xml.sax.saxutils.escape"
    ),
    Sanitizer("xml.sax.saxutils.quoteattr", ("html", "xpath", "xmli"), label="quoteattr"),
    # `s.replace("{", "{{")`: every brace of the input is literal text to str.format
    Sanitizer(
        "*.replace",
        ("format",),
        args=(),
        receiver=True,
        label="brace escaping",
        when_arguments=((0, ("{",)), (1, ("{{",))),
    ),
    Sanitizer("re.escape", ("regex",), label="re.escape"),
    Sanitizer(
        "urllib.parse.quote",
        PERCENT_ENCODED,
        label="urllib.parse.quote",
        also_when=(1, "safe", ("",), ("pssrf",)),  # "/" quoted too: one path segment
    ),
    # quotes "/" unless told otherwise
    Sanitizer(
        "urllib.parse.quote_plus", (*PERCENT_ENCODED, "pssrf"), label="urllib.parse.quote_plus"
    ),
    Sanitizer("builtins.repr", ("log", "header"), label="repr()"),
    Sanitizer("ast.literal_eval", ("code",), label="ast.literal_eval"),
    *[Sanitizer(name, (ALL_KINDS,), label=name.rpartition(".")[2] + "()") for name in _NUMERIC],
    Sanitizer("hashlib.sha256", (ALL_KINDS,), label="hashlib"),
    Sanitizer("hashlib.md5", (ALL_KINDS,), label="hashlib"),
    Sanitizer("hashlib.sha1", (ALL_KINDS,), label="hashlib"),
    Sanitizer("hashlib.new", (ALL_KINDS,), label="hashlib"),
    # what the program serialized itself loads back as the same plain data: the deep
    # copy idiom `pickle.loads(pickle.dumps(obj))` runs no code of the input's choosing
    *[
        Sanitizer(f"{m}.dumps", ("deser",), label=f"{m}.dumps")
        for m in ("pickle", "_pickle", "cPickle", "dill", "marshal", "cloudpickle")
    ],
]

_STR_METHODS = (
    "capitalize",
    "casefold",
    "center",
    "decode",
    "encode",
    "expandtabs",
    "format",
    "format_map",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
)
_CONTAINER_METHODS = (
    "get",
    "getlist",
    "getall",
    "getone",
    "items",
    "keys",
    "values",
    "copy",
    "lists",
    "to_dict",
    "dict",
    "popitem",
    "setdefault",
    "pop",
    "__getitem__",
    "group",
    "groups",
    "groupdict",
    "read",
    "readline",
    "readlines",
    "getvalue",
    "read_text",
    "read_bytes",
    "decode_header",
    "as_string",
    "get_payload",
    "json",
    "text",
    "tolist",
)

PROPAGATORS = [
    *[
        Propagator(f"{m}.{f}")
        for m in _OS_PATH_MODULES
        for f in (
            "join",
            "normpath",
            "realpath",
            "abspath",
            "expanduser",
            "expandvars",
            "dirname",
            "splitext",
            "split",
            "relpath",
        )
    ],
    Propagator("os.fspath"),
    Propagator("os.fsencode"),
    Propagator("os.fsdecode"),
    *[
        Propagator(f"builtins.{f}")
        for f in (
            "str",
            "bytes",
            "bytearray",
            "list",
            "tuple",
            "set",
            "frozenset",
            "dict",
            "sorted",
            "reversed",
            "format",
            "iter",
            "next",
            "map",
            "filter",
            "zip",
            "enumerate",
            "min",
            "max",
            "memoryview",
            "ascii",
            "chr",
            "vars",
        )
    ],
    *[
        Propagator(f"base64.{f}")
        for f in (
            "b64decode",
            "b64encode",
            "urlsafe_b64decode",
            "urlsafe_b64encode",
            "standard_b64decode",
            "standard_b64encode",
            "b32decode",
            "b32encode",
            "b16decode",
            "b16encode",
            "a85decode",
            "b85decode",
            "decodebytes",
            "encodebytes",
        )
    ],
    *[
        Propagator(f"binascii.{f}")
        for f in ("unhexlify", "hexlify", "a2b_base64", "b2a_base64", "a2b_hex", "b2a_hex")
    ],
    Propagator("codecs.decode"),
    Propagator("codecs.encode"),
    *[
        Propagator(f"urllib.parse.{f}")
        for f in (
            "unquote",
            "unquote_plus",
            "unquote_to_bytes",
            "urlencode",
            "urljoin",
            "urlparse",
            "urlsplit",
            "urlunparse",
            "urlunsplit",
            "parse_qs",
            "parse_qsl",
        )
    ],
    Propagator("urllib.request.Request"),
    Propagator("json.loads"),
    Propagator("json.load"),
    Propagator("json.dumps"),
    Propagator("html.unescape"),
    # typed: a buffer handed to a call that takes "a path or a file object" is no path
    Propagator("io.StringIO", type="io.StringIO"),
    Propagator("io.BytesIO", type="io.BytesIO"),
    Propagator("textwrap.dedent"),
    Propagator("textwrap.indent"),
    Propagator("textwrap.fill"),
    Propagator("shlex.split"),
    Propagator("shlex.join"),
    Propagator("copy.copy"),
    Propagator("copy.deepcopy"),
    Propagator("zlib.decompress"),
    Propagator("gzip.decompress"),
    Propagator("bz2.decompress"),
    Propagator("string.Template"),
    Propagator("string.Template.substitute"),
    Propagator("string.Template.safe_substitute"),
    Propagator("collections.deque"),
    Propagator("collections.OrderedDict"),
    Propagator("collections.defaultdict"),
    Propagator("collections.ChainMap"),
    Propagator("pathlib.Path"),
    Propagator("pathlib.PurePath"),
    Propagator("pathlib.PosixPath"),
    Propagator("functools.partial"),
    Propagator("email.message_from_string"),
    Propagator("email.message_from_bytes"),
    Propagator("operator.itemgetter"),
    Propagator("itertools.chain"),
    Propagator("unicodedata.normalize"),
    Propagator("re.sub", args=(1, 2), keywords=("repl", "string"), receiver=False),
    Propagator("re.subn", args=(1, 2), keywords=("repl", "string"), receiver=False),
    # a translation is the message text (or its translation), never the count that picks
    # between singular and plural
    *[
        Propagator(f"gettext.{f}", args=args, receiver=False)
        for f, args in (
            ("gettext", (0,)),
            ("ngettext", (0, 1)),
            ("pgettext", (1,)),
            ("npgettext", (1, 2)),
            ("dgettext", (1,)),
            ("dngettext", (1, 2)),
        )
    ],
    Propagator("xml.etree.ElementTree.fromstring"),
    Propagator("xml.etree.ElementTree.XML"),
    Propagator("xml.etree.ElementTree.tostring"),
]

GUARDS = [
    *[
        Guard(f"*.{m}", (ALL_KINDS,))
        for m in ("isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier")
    ],
    Guard("*.startswith", ("path",), requires_type=("path[normalized]", "pathlib.Path[resolved]")),
    Guard("pathlib.Path[resolved].is_relative_to", ("path",)),
    Guard("*.is_relative_to", ("path",), requires_type=("pathlib.Path[resolved]",)),
    Guard("re.fullmatch", (ALL_KINDS,), subject=1, regex_arg=0, anchored="full"),
    Guard("re.match", (ALL_KINDS,), subject=1, regex_arg=0, anchored="start"),
    Guard("re.search", (ALL_KINDS,), subject=1, regex_arg=0),
    Guard("re.Pattern.fullmatch", (ALL_KINDS,), subject=0, regex_arg=-1, anchored="full"),
    Guard("re.Pattern.match", (ALL_KINDS,), subject=0, regex_arg=-1, anchored="start"),
    Guard("re.Pattern.search", (ALL_KINDS,), subject=0, regex_arg=-1),
]

TABLES = Tables(
    noreturn=("sys.exit", "os._exit", "os.abort", "builtins.exit", "builtins.quit"),
    clean_calls=(
        # the names of an object's attributes are its class's, whatever data it holds
        "builtins.dir",
        "builtins.len",
        "builtins.hash",
        "builtins.id",
        "builtins.isinstance",
        "builtins.issubclass",
        "builtins.hasattr",
        "builtins.callable",
        "builtins.ord",
        "builtins.abs",
        "builtins.round",
        "builtins.sum",
        "builtins.any",
        "builtins.all",
        "builtins.divmod",
        "builtins.pow",
        "builtins.hex",
        "builtins.oct",
        "builtins.bin",
        "builtins.type",
        "builtins.range",
        "builtins.print",
        "builtins.object",
        "os.path.exists",
        "os.path.isfile",
        "os.path.isdir",
        "os.path.getsize",
        "os.path.isabs",
        "os.path.islink",
        "os.path.getmtime",
        "uuid.uuid4",
        "uuid.uuid1",
        "secrets.token_hex",
        "secrets.token_urlsafe",
        "secrets.token_bytes",
        "time.time",
        "datetime.datetime.now",
        "random.random",
        "random.randint",
        "hmac.compare_digest",
        "secrets.compare_digest",
        "os.getpid",
        "http.client.HTTPResponse.getcode",
        "http.client.HTTPResponse.getstatus",
        "tempfile.mkdtemp",
        "tempfile.gettempdir",
    ),
    opaque_calls=(
        # what a process prints is not the input that started it, but nothing is known of it
        "os.system",
        "os.popen",
        *[f"subprocess.{n}" for n in _SUBPROCESS],
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        # the content of a file is not its (possibly tainted) name
        "builtins.open",
        "io.open",
        "codecs.open",
        "os.getcwd",
        # the rows a query returns are the database's, not the query text's or parameters'
        *[f"dbapi.{t}.{m}" for t in ("Connection", "Cursor") for m in _DBAPI_METHODS],
        *[
            f"pathlib.Path{t}.{m}"
            for t in ("", "[resolved]")
            for m in ("read_text", "read_bytes", "open")
        ],
    ),
    clean_methods=(
        "count",
        "find",
        "index",
        "rfind",
        "rindex",
        "startswith",
        "endswith",
        "isdigit",
        "isalnum",
        "isalpha",
        "isdecimal",
        "isnumeric",
        "isspace",
        "islower",
        "isupper",
        "istitle",
        "isidentifier",
        "isascii",
        "isprintable",
        "__len__",
        "hexdigest",
        "digest",
        "exists",
        "is_file",
        "is_dir",
        "__contains__",
        "bit_length",
        "fileno",
        "close",
        "is_relative_to",
        "write",
        "flush",
        "sort",
    ),
    propagating_methods=_STR_METHODS + _CONTAINER_METHODS,
    constants=(
        (
            "xml.sax.handler.feature_external_ges",
            "http://xml.org/sax/features/external-general-entities",
        ),
        (
            "xml.sax.handler.feature_external_pes",
            "http://xml.org/sax/features/external-parameter-entities",
        ),
        ("os.sep", "/"),
        ("os.path.sep", "/"),
    ),
    shell_programs=(
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "csh",
        "fish",
        "cmd",
        "cmd.exe",
        "powershell",
        "powershell.exe",
        "pwsh",
    ),
    option_programs=(
        "git",
        "curl",
        "wget",
        "tar",
        "ssh",
        "scp",
        "rsync",
        "find",
        "zip",
        "unzip",
        "sudo",
        "env",
        "xargs",
        "awk",
        "sed",
        "hg",
        "svn",
        "openssl",
        "ffmpeg",
        "convert",
        "mail",
        "sendmail",
        "psql",
        "mysql",
        "docker",
        "kubectl",
        "npm",
        "pip",
        "python",
        "python3",
        "perl",
        "ruby",
        "node",
    ),
    dangerous_characters=(
        ("html", "<>"),
        ("log", "\n"),
        ("header", "\n"),
        ("ldap", "*()\\"),
        ("xpath", "'\""),
        ("xmli", "<"),  # no element can be opened or closed without it
        ("path", "/"),  # without a separator the name cannot leave its folder
        ("pssrf", "/?#"),  # nor leave its URL path segment, nor add a query
        # no shell can be made to run another command without one of these (POSIX and
        # cmd.exe metacharacters, quotes, expansions; spaces only split arguments)
        ("shell", ";&|$`()<>\n\r\\\"'*?[]{}~!#%^"),
        # nor can SQL text be left, or a condition added, without a quote, a separator,
        # a space, an operator or a comment
        ("sql", "'\";\\ \t\n\r=()/*<>|&%+"),
    ),
    normalizers=tuple(
        f"{m}.{f}" for m in _OS_PATH_MODULES for f in ("realpath", "abspath", "normpath")
    ),
    # a spreadsheet reads a cell beginning with one of these as a formula
    leading_characters=(("csv", "=+-@"),),
    # the status a server answered with is a number, whichever server it is
    clean_attributes=("http.client.HTTPResponse.status", "http.client.HTTPResponse.code"),
)

CALLBACKS = [
    *[
        Callback(
            t,
            function_arg=1,
            function_keyword="target",
            args_keyword="args",
            kwargs_keyword="kwargs",
        )
        for t in ("threading.Thread", "multiprocessing.Process", "threading.Timer")
    ],
    *[
        Callback(f"concurrent.futures.{e}.submit", function_arg=0, args_from=1)
        for e in ("Executor", "ThreadPoolExecutor", "ProcessPoolExecutor")
    ],
    Callback("*.submit", function_arg=0, args_from=1),
    Callback("asyncio.to_thread", function_arg=0, args_from=1),
    Callback("*.run_in_executor", function_arg=1, args_from=2),
    Callback("builtins.map", function_arg=0, element_of=1),
    Callback("functools.partial", function_arg=0, args_from=1),
]

_DBAPI_DRIVERS = (
    "sqlite3",
    "psycopg2",
    "psycopg",
    "pymysql",
    "MySQLdb",
    "mysql",
    "cx_Oracle",
    "oracledb",
)

PARAMETER_TYPES = [
    # `self.conn`, a `cursor` parameter: in a module using a DB-API driver, the usual names
    ParameterType(
        "dbapi.Connection",
        names=("conn", "connection", "db_conn", "dbconn"),
        annotations=("sqlite3.Connection",),
        when_imports=_DBAPI_DRIVERS,
    ),
    ParameterType(
        "dbapi.Cursor",
        names=("cursor", "cur"),
        annotations=("sqlite3.Cursor",),
        when_imports=_DBAPI_DRIVERS,
    ),
]

RECORDS = [
    *PARAMETER_TYPES,
    *CALLBACKS,
    *SOURCES,
    *HANDLER_BASES,
    *RESPONDER_ENTRIES,
    *TYPES,
    *TRANSITIONS,
    *SINKS,
    *SANITIZERS,
    *PROPAGATORS,
    *GUARDS,
]
