"""Taint models for common third-party libraries outside the web frameworks.

HTTP clients (requests, httpx, aiohttp) as SSRF sinks; database drivers and SQLAlchemy;
lxml (XPath, XML parsing); python-ldap and ldap3; pymongo; paramiko; Jinja2 and Mako
template sources; PyYAML and other deserializers; MarkupSafe and bleach; click command
arguments as local input.
"""

from __future__ import annotations

from cwescan.analysis.models.base import (
    ALL_KINDS,
    SQL_EXPRESSION,
    EntryDecorator,
    KeyedStore,
    Propagator,
    Sanitizer,
    Sink,
    Tables,
    TypeRule,
)

_HTTP_VERBS = ("get", "post", "put", "delete", "patch", "head", "options")
# methods of a SQLAlchemy statement that return the statement, refined
_STATEMENT_METHODS = (
    "where",
    "filter",
    "filter_by",
    "order_by",
    "group_by",
    "having",
    "join",
    "outerjoin",
    "join_from",
    "select_from",
    "limit",
    "offset",
    "values",
    "returning",
    "distinct",
    "with_only_columns",
    "add_columns",
    "options",
    "correlate",
    "execution_options",
    "union",
    "union_all",
    "except_",
    "intersect",
    "on_conflict_do_nothing",
    "on_conflict_do_update",
    "with_for_update",
)
_DB_CONNECT = (
    "psycopg2.connect",
    "psycopg.connect",
    "pymysql.connect",
    "MySQLdb.connect",
    "mysql.connector.connect",
    "cx_Oracle.connect",
    "oracledb.connect",
    "pyodbc.connect",
    "pymssql.connect",
    "sqlite3.dbapi2.connect",
)

_LDAP_SEARCHES = ("search", "search_s", "search_st", "search_ext", "search_ext_s")
_SQLALCHEMY_RUN = ("execute", "exec_driver_sql")
_OPENPYXL_WORKBOOKS = (
    "openpyxl.Workbook",
    "openpyxl.workbook.Workbook",
    "openpyxl.workbook.workbook.Workbook",
    "openpyxl.load_workbook",
    "openpyxl.reader.excel.load_workbook",
)
# parsers of an XML document given as text
_XML_TEXT_PARSERS = (
    ("lxml.etree.fromstring", "text"),
    ("lxml.etree.XML", "text"),
    ("lxml.objectify.fromstring", "xml"),
    ("lxml.objectify.XML", "xml"),
    ("defusedxml.ElementTree.fromstring", "text"),
    ("defusedxml.ElementTree.XML", "text"),
    ("defusedxml.cElementTree.fromstring", "text"),
    ("defusedxml.lxml.fromstring", "text"),
    ("defusedxml.minidom.parseString", "string"),
    ("defusedxml.pulldom.parseString", "string"),
    ("xmltodict.parse", "xml_input"),
)
_JINJA_ESCAPING = "jinja2.Environment[autoescape]"
_JINJA_ESCAPED_TEMPLATE = "jinja2.Template[autoescape]"

# what a request returns: a response whose body, headers, reason and URL the server
# chose (and so, for a URL from input, whoever picked the server), next to its numbers
_RESPONSES = (
    ("requests", "requests.Session", "requests.Response", ()),
    ("httpx", "httpx.Client", "httpx.Response", ("stream",)),
)

# asyncpg runs queries on the connection or the pool itself (no cursor)
_ASYNCPG_QUERIES = ("execute", "executemany", "fetch", "fetchrow", "fetchval", "prepare", "cursor")
_PEEWEE_DATABASES = (
    "peewee.Database",
    "peewee.SqliteDatabase",
    "peewee.PostgresqlDatabase",
    "peewee.MySQLDatabase",
    "playhouse.postgres_ext.PostgresqlExtDatabase",
    "playhouse.pool.PooledPostgresqlDatabase",
    "playhouse.pool.PooledMySQLDatabase",
    "playhouse.pool.PooledSqliteDatabase",
)

# itsdangerous: what a serializer loads or a signer unsigns carried the server's signature
_ITSDANGEROUS = (
    "itsdangerous.Signer",
    "itsdangerous.TimestampSigner",
    "itsdangerous.Serializer",
    "itsdangerous.URLSafeSerializer",
    "itsdangerous.URLSafeTimedSerializer",
    "itsdangerous.TimedSerializer",
)

TYPES = [
    *[TypeRule(name, "dbapi.Connection") for name in _DB_CONNECT],
    *[TypeRule(signer, signer) for signer in _ITSDANGEROUS],
    TypeRule("asyncpg.connect", "asyncpg.Connection"),
    TypeRule("asyncpg.create_pool", "asyncpg.Pool"),
    TypeRule("asyncpg.Pool.acquire", "asyncpg.Connection"),
    *[TypeRule(name, "peewee.Database") for name in _PEEWEE_DATABASES],
    TypeRule("fabric.Connection", "fabric.Connection"),
    TypeRule("requests.Session", "requests.Session"),
    TypeRule("requests.session", "requests.Session"),
    TypeRule("httpx.Client", "httpx.Client"),
    TypeRule("httpx.AsyncClient", "httpx.Client"),
    TypeRule("aiohttp.ClientSession", "aiohttp.ClientSession"),
    *[
        TypeRule(f"{owner}.{verb}", response)
        for module, client, response, extra in _RESPONSES
        for owner in (module, client)
        for verb in (*_HTTP_VERBS, "request", *extra)
    ],
    TypeRule("requests.Session.send", "requests.Response"),
    TypeRule("httpx.Client.send", "httpx.Response"),
    *[
        TypeRule(f"aiohttp.ClientSession.{verb}", "aiohttp.ClientResponse")
        for verb in (*_HTTP_VERBS, "request")
    ],
    TypeRule("sqlalchemy.create_engine", "sqlalchemy.Engine"),
    TypeRule("sqlalchemy.Engine.connect", "sqlalchemy.Connection"),
    TypeRule("sqlalchemy.Engine.begin", "sqlalchemy.Connection"),
    # SQL built as expressions (`select(User).where(User.name == name)`): the values are
    # bound parameters, whatever methods chain on
    *[
        TypeRule(f"{module}.{f}", SQL_EXPRESSION)
        for module in ("sqlalchemy", "sqlalchemy.sql", "sqlalchemy.sql.expression", "sqlmodel")
        for f in ("select", "insert", "update", "delete", "union", "union_all", "exists")
    ],
    TypeRule("sqlalchemy.future.select", SQL_EXPRESSION),
    *[TypeRule(f"{SQL_EXPRESSION}.{m}", SQL_EXPRESSION) for m in _STATEMENT_METHODS],
    TypeRule("sqlalchemy.text", "sqlalchemy.TextClause"),
    TypeRule("sqlalchemy.sql.text", "sqlalchemy.TextClause"),
    TypeRule("sqlalchemy.sql.expression.text", "sqlalchemy.TextClause"),
    TypeRule("lxml.etree.fromstring", "lxml.etree._Element"),
    TypeRule("lxml.etree.XML", "lxml.etree._Element"),
    TypeRule("lxml.etree.HTML", "lxml.etree._Element"),
    TypeRule("lxml.etree.parse", "lxml.etree._ElementTree"),
    TypeRule("lxml.etree._ElementTree.getroot", "lxml.etree._Element"),
    TypeRule(
        "lxml.etree.XMLParser",
        "lxml.etree.XMLParser[safe]",
        when_keyword=("resolve_entities", False),
    ),
    TypeRule("lxml.etree.XMLParser", "lxml.etree.XMLParser"),
    # spreadsheets: pandas frames, openpyxl and xlsxwriter workbooks and sheets
    *[
        TypeRule(f"pandas.{f}", "pandas.DataFrame")
        for f in ("DataFrame", "DataFrame.from_records", "DataFrame.from_dict")
    ],
    *[TypeRule(name, "openpyxl.Workbook") for name in _OPENPYXL_WORKBOOKS],
    *[
        TypeRule(f"openpyxl.Workbook.{m}", "openpyxl.Worksheet")
        for m in ("active", "create_sheet", "get_sheet_by_name", "*")
    ],
    TypeRule("openpyxl.Worksheet.cell", "openpyxl.Cell"),
    TypeRule("openpyxl.Worksheet.*", "openpyxl.Cell"),  # ws["A1"]
    TypeRule("xlsxwriter.Workbook", "xlsxwriter.Workbook"),
    TypeRule("xlsxwriter.workbook.Workbook", "xlsxwriter.Workbook"),
    TypeRule("xlsxwriter.Workbook.add_worksheet", "xlsxwriter.Worksheet"),
    TypeRule("ldap.initialize", "ldap.LDAPObject"),
    TypeRule("ldap.ldapobject.LDAPObject", "ldap.LDAPObject"),
    TypeRule("ldap3.Connection", "ldap3.Connection"),
    TypeRule("pymongo.MongoClient", "pymongo.MongoClient"),
    TypeRule("pymongo.mongo_client.MongoClient", "pymongo.MongoClient"),
    TypeRule("pymongo.MongoClient.*", "pymongo.Database"),
    TypeRule("pymongo.MongoClient.get_database", "pymongo.Database"),
    TypeRule("pymongo.Database.*", "pymongo.Collection"),
    TypeRule("pymongo.Database.get_collection", "pymongo.Collection"),
    TypeRule("paramiko.SSHClient", "paramiko.SSHClient"),
    TypeRule("paramiko.client.SSHClient", "paramiko.SSHClient"),
    # an environment that autoescapes: `autoescape=True` or `select_autoescape(...)`, which
    # escapes templates from strings and from .html/.xml files
    TypeRule("jinja2.select_autoescape", "jinja2.select_autoescape"),
    TypeRule("jinja2.Environment", _JINJA_ESCAPING, when_keyword=("autoescape", True)),
    TypeRule(
        "jinja2.Environment",
        _JINJA_ESCAPING,
        when_keyword=("autoescape", "jinja2.select_autoescape"),
    ),
    TypeRule("jinja2.Environment", "jinja2.Environment"),
    TypeRule("jinja2.Template", "jinja2.Template"),
    TypeRule(f"{_JINJA_ESCAPING}.from_string", _JINJA_ESCAPED_TEMPLATE),
    TypeRule(f"{_JINJA_ESCAPING}.get_template", _JINJA_ESCAPED_TEMPLATE),
    TypeRule(f"{_JINJA_ESCAPING}.select_template", _JINJA_ESCAPED_TEMPLATE),
]

_DESERIALIZERS = [
    Sink(
        "yaml.load",
        502,
        "deser",
        args=(0,),
        keywords=("stream",),
        unless_types=(
            (
                1,
                "Loader",
                (
                    "yaml.SafeLoader",
                    "yaml.CSafeLoader",
                    "yaml.BaseLoader",
                    "yaml.loader.SafeLoader",
                    # not FullLoader: it still builds Python objects (CVE-2020-14343)
                ),
            ),
        ),
    ),
    Sink(
        "yaml.load_all",
        502,
        "deser",
        args=(0,),
        keywords=("stream",),
        unless_types=((1, "Loader", ("yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader")),),
    ),
    Sink("yaml.unsafe_load", 502, "deser", args=(0,), keywords=("stream",)),
    Sink("yaml.unsafe_load_all", 502, "deser", args=(0,), keywords=("stream",)),
    Sink("jsonpickle.decode", 502, "deser", args=(0,), keywords=("string",)),
    Sink("jsonpickle.loads", 502, "deser", args=(0,)),
    Sink("pandas.read_pickle", 502, "deser", args=(0,), keywords=("filepath_or_buffer",)),
    Sink(
        "numpy.load",
        502,
        "deser",
        args=(0,),
        keywords=("file",),
        when_keyword=("allow_pickle", True),
    ),
    Sink("torch.load", 502, "deser", args=(0,), keywords=("f",)),
    Sink("joblib.load", 502, "deser", args=(0,), keywords=("filename",)),
]

SINKS = [
    *[
        Sink(f"asyncpg.{owner}.{method}", 89, "sql", args=(0,), keywords=("query",))
        for owner in ("Connection", "Pool")
        for method in _ASYNCPG_QUERIES
    ],
    Sink("peewee.Database.execute_sql", 89, "sql", args=(0,), keywords=("sql",)),
    *[
        Sink(f"pandas.{f}", 89, "sql", args=(0,), keywords=("sql",))
        for f in ("read_sql", "read_sql_query")
    ],
    # invoke and fabric run their command through a shell (fabric's on the remote host)
    *[Sink(f"invoke.{f}", 78, "shell", args=(0,), keywords=("command",)) for f in ("run", "sudo")],
    *[
        Sink(f"fabric.Connection.{f}", 78, "shell", args=(0,), keywords=("command",))
        for f in ("run", "sudo", "local")
    ],
    Sink("aiofiles.open", 22, "path", args=(0,), keywords=("file",)),
    # CWE-918 SSRF
    *[
        Sink(f"requests.{v}", 918, "ssrf", args=(0,), keywords=("url",), safe_prefix="url-host")
        for v in _HTTP_VERBS
    ],
    Sink("requests.request", 918, "ssrf", args=(1,), keywords=("url",), safe_prefix="url-host"),
    *[
        Sink(
            f"requests.Session.{v}",
            918,
            "ssrf",
            args=(0,),
            keywords=("url",),
            safe_prefix="url-host",
        )
        for v in _HTTP_VERBS
    ],
    Sink(
        "requests.Session.request",
        918,
        "ssrf",
        args=(1,),
        keywords=("url",),
        safe_prefix="url-host",
    ),
    *[
        Sink(f"httpx.{v}", 918, "ssrf", args=(0,), keywords=("url",), safe_prefix="url-host")
        for v in _HTTP_VERBS
    ],
    *[
        Sink(f"{owner}.{f}", 918, "ssrf", args=(1,), keywords=("url",), safe_prefix="url-host")
        for owner in ("httpx", "httpx.Client")
        for f in ("request", "stream")  # (method, url, ...)
    ],
    *[
        Sink(f"httpx.Client.{v}", 918, "ssrf", args=(0,), keywords=("url",), safe_prefix="url-host")
        for v in _HTTP_VERBS
    ],
    *[
        Sink(
            f"aiohttp.ClientSession.{v}",
            918,
            "ssrf",
            args=(0,),
            keywords=("url",),
            safe_prefix="url-host",
        )
        for v in (*_HTTP_VERBS, "ws_connect")
    ],
    Sink(
        "aiohttp.ClientSession.request",
        918,
        "ssrf",
        args=(1,),
        keywords=("url",),
        safe_prefix="url-host",
    ),
    Sink(
        "urllib3.PoolManager.request",
        918,
        "ssrf",
        args=(1,),
        keywords=("url",),
        safe_prefix="url-host",
    ),
    # CWE-89 SQL
    *[
        Sink(n, 89, "sql", args=(0,), keywords=("text",))
        for n in ("sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text")
    ],
    *[
        Sink(f"sqlalchemy.{t}.{m}", 89, "sql", args=(0,), keywords=("statement",))
        for t in ("Engine", "Connection")
        for m in _SQLALCHEMY_RUN
    ],
    # CWE-643 XPath
    Sink("lxml.etree._Element.xpath", 643, "xpath", args=(0,), keywords=("_path",)),
    Sink("lxml.etree._ElementTree.xpath", 643, "xpath", args=(0,), keywords=("_path",)),
    Sink("*.xpath", 643, "xpath", args=(0,), keywords=("_path",)),
    Sink("lxml.etree.XPath", 643, "xpath", args=(0,), keywords=("path",)),
    Sink("lxml.etree.ETXPath", 643, "xpath", args=(0,), keywords=("path",)),
    # elementpath: XPath 2/3 over ElementTree or lxml documents, the path second
    *[
        Sink(f"elementpath.{f}", 643, "xpath", args=(1,), keywords=("path",))
        for f in ("select", "iter_select")
    ],
    Sink("elementpath.Selector", 643, "xpath", args=(0,), keywords=("path",)),
    # sh: `sh.Command(program)` names the program to run
    Sink("sh.Command", 78, "shell", args=(0,), keywords=("path",)),
    Sink("lxml.etree.XPathEvaluator", 643, "xpath", args=(0,)),
    *[
        Sink(f"lxml.etree._Element.{m}", 643, "xpath", args=(0,), keywords=("path",))
        for m in ("find", "findall", "findtext", "iterfind")
    ],
    # CWE-611 XML external entities: lxml resolves entities unless told not to
    *[
        Sink(
            f"lxml.etree.{f}",
            611,
            "xml",
            args=(0,),
            keywords=("text", "source"),
            unless_types=((1, "parser", ("lxml.etree.XMLParser[safe]",)),),
        )
        for f in ("fromstring", "XML", "parse")
    ],
    # CWE-91 XML injection: a document built as text around input, then parsed or sent
    # (defusedxml stops entities, not elements the input adds)
    *[Sink(name, 91, "xmli", args=(0,), keywords=(k,)) for name, k in _XML_TEXT_PARSERS],
    *[
        Sink(f"{owner}.{verb}", 91, "xmli", args=(1,), keywords=("data",))
        for owner in ("requests", "requests.Session")
        for verb in ("post", "put", "patch")
    ],
    *[
        Sink(f"{owner}.{verb}", 91, "xmli", keywords=("content", "data"))
        for owner in ("httpx", "httpx.Client")
        for verb in ("post", "put", "patch")
    ],
    # CWE-1236 cells of a spreadsheet (a cell beginning with `=` is a formula)
    *[
        Sink(f"{owner}.{m}", 1236, "csv", receiver=True)
        for owner in ("pandas.DataFrame", "*")
        for m in ("to_csv", "to_excel")
    ],
    Sink("openpyxl.Worksheet.append", 1236, "csv", args=(0,), keywords=("iterable",)),
    Sink("openpyxl.Worksheet.cell", 1236, "csv", args=(2,), keywords=("value",)),
    Sink("openpyxl.Worksheet.__setitem__", 1236, "csv", args=(1,)),  # ws["A1"] = value
    Sink("openpyxl.Cell.value", 1236, "csv", args=(0,), assigned=True),  # cell.value = value
    # write(row, col, data) or write("A1", data); write_string stores text, never a formula
    *[
        Sink(f"xlsxwriter.Worksheet.{m}", 1236, "csv", args=(1, 2), keywords=("data",))
        for m in ("write", "write_row", "write_column", "write_formula")
    ],
    # CWE-90 LDAP
    *[
        Sink(f"ldap.LDAPObject.{m}", 90, "ldap", args=(0, 2), keywords=("base", "filterstr"))
        for m in _LDAP_SEARCHES
    ],
    Sink("*.search_s", 90, "ldap", args=(0, 2), keywords=("base", "filterstr")),
    Sink("*.search_ext_s", 90, "ldap", args=(0, 2), keywords=("base", "filterstr")),
    Sink(
        "ldap3.Connection.search",
        90,
        "ldap",
        args=(0, 1),
        keywords=("search_base", "search_filter"),
    ),
    # CWE-943 NoSQL: a query document the user controls, or input in `$where`
    *[
        Sink(f"pymongo.Collection.{m}", 943, "nosql", args=(0,), keywords=("filter",), part="keys")
        for m in (
            "find",
            "find_one",
            "find_one_and_delete",
            "find_one_and_replace",
            "find_one_and_update",
            "update_one",
            "update_many",
            "delete_one",
            "delete_many",
            "count_documents",
            "distinct",
            "aggregate",
            "replace_one",
        )
    ],
    # CWE-78 remote command through SSH
    Sink("paramiko.SSHClient.exec_command", 78, "shell", args=(0,), keywords=("command",)),
    Sink("*.exec_command", 78, "shell", args=(0,), keywords=("command",)),
    # CWE-1336 template source
    Sink("jinja2.Template", 1336, "template", args=(0,), keywords=("source",)),
    *[
        Sink(f"{e}.from_string", 1336, "template", args=(0,), keywords=("source",))
        for e in ("jinja2.Environment", _JINJA_ESCAPING)
    ],
    Sink("*.from_string", 1336, "template", args=(0,), keywords=("source",)),
    Sink("mako.template.Template", 1336, "template", args=(0,), keywords=("text",)),
    # CWE-79
    Sink("markupsafe.Markup", 79, "html", args=(0,)),
    Sink("jinja2.Markup", 79, "html", args=(0,)),
    # CWE-1333
    *[
        Sink(f"regex.{f}", 1333, "regex", args=(0,), keywords=("pattern",))
        for f in ("compile", "match", "search", "fullmatch", "sub", "split", "findall")
    ],
    *_DESERIALIZERS,
]

SANITIZERS = [
    *[
        Sanitizer(f"{signer}.{method}", (ALL_KINDS,), args=(0,), label="signature checked")
        for signer in _ITSDANGEROUS
        for method in ("unsign", "loads")
    ],
    Sanitizer("markupsafe.escape", ("html", "xpath", "xmli"), label="markupsafe.escape"),
    Sanitizer("jinja2.escape", ("html", "xpath", "xmli"), label="jinja2.escape"),
    Sanitizer("bleach.clean", ("html",), label="bleach.clean"),
    Sanitizer("ldap3.utils.conv.escape_filter_chars", ("ldap",), label="escape_filter_chars"),
    Sanitizer("ldap.filter.escape_filter_chars", ("ldap",), label="escape_filter_chars"),
    Sanitizer("ldap.dn.escape_dn_chars", ("ldap",), label="escape_dn_chars"),
    Sanitizer("ldap3.utils.dn.escape_rdn", ("ldap",), label="escape_rdn"),
    Sanitizer("pymysql.converters.escape_string", ("sql",), label="escape_string"),
    Sanitizer("MySQLdb.escape_string", ("sql",), label="escape_string"),
    Sanitizer("psycopg2.extensions.quote_ident", ("sql",), label="quote_ident"),
    # text() reports a tainted query itself; its result is not reported again at execute()
    Sanitizer("sqlalchemy.text", ("sql",), label="sqlalchemy.text"),
    Sanitizer("sqlalchemy.sql.text", ("sql",), label="sqlalchemy.text"),
    Sanitizer("defusedxml.ElementTree.fromstring", ("xml",), label="defusedxml"),
    Sanitizer("defusedxml.lxml.fromstring", ("xml",), label="defusedxml"),
    Sanitizer("yaml.safe_load", ("deser", "code"), label="yaml.safe_load"),
]

PROPAGATORS = [
    # httpx returns the response itself (requests returns None)
    Propagator("httpx.Response.raise_for_status", args=(), type="httpx.Response"),
    Propagator("markupsafe.Markup"),
    *[
        Propagator(f"pandas.{f}", type="pandas.DataFrame")
        for f in ("DataFrame", "DataFrame.from_records", "DataFrame.from_dict")
    ],
    Propagator("jinja2.Template"),
    # an autoescaping template carries its source; the context it renders is escaped
    Propagator(f"{_JINJA_ESCAPING}.from_string", args=(0,), keywords=("source",), receiver=False),
    Propagator(f"{_JINJA_ESCAPED_TEMPLATE}.render", args=(), receiver=True),
    Propagator("requests.utils.unquote"),
    Propagator("yaml.safe_load"),
    Propagator("lxml.etree.fromstring"),
    Propagator("lxml.etree.XML"),
    Propagator("lxml.etree.tostring"),
    Propagator("defusedxml.ElementTree.fromstring"),
    Propagator("bson.json_util.loads"),
]

ENTRY_DECORATORS = [
    EntryDecorator("click.command", "local", "click"),
    EntryDecorator("click.group", "local", "click"),
    EntryDecorator("click.option", "local", "click"),
    EntryDecorator("click.argument", "local", "click"),
    EntryDecorator("typer.Typer.command", "local", "typer"),
]

KEYED_STORES = [
    KeyedStore("configparser.ConfigParser", store="set", load="get", key_args=(0, 1), value_arg=2),
]

TABLES = Tables(
    clean_calls=("defusedxml.ElementTree.parse", "requests.Response.raise_for_status"),
    # a response's headers were parsed line by line: no value holds a line break
    attribute_cleaning=tuple(
        (f"{response}.headers", ("header", "log"))
        for response in ("requests.Response", "httpx.Response", "aiohttp.ClientResponse")
    ),
    # a response's status and timing are numbers and flags, whoever the server is; not its
    # `encoding`, which is the Content-Type header's charset as the server sent it
    clean_attributes=(
        *[
            f"requests.Response.{a}"
            for a in ("status_code", "ok", "elapsed", "is_redirect", "is_permanent_redirect")
        ],
        *[
            f"httpx.Response.{a}"
            for a in (
                "status_code",
                "elapsed",
                "is_success",
                "is_error",
                "is_redirect",
                "is_informational",
                "is_client_error",
                "is_server_error",
                "has_redirect_location",
            )
        ],
        "aiohttp.ClientResponse.status",
        "aiohttp.ClientResponse.ok",
    ),
    opaque_calls=(
        # a template loaded by name is the file's text, not the name
        f"{_JINJA_ESCAPING}.get_template",
        f"{_JINJA_ESCAPING}.select_template",
        # what a directory or database query returns is stored data, not the query
        *[f"ldap.LDAPObject.{m}" for m in _LDAP_SEARCHES],
        "ldap3.Connection.search",
        *[f"sqlalchemy.{t}.{m}" for t in ("Engine", "Connection") for m in _SQLALCHEMY_RUN],
    ),
)

RECORDS = [*TYPES, *SINKS, *SANITIZERS, *PROPAGATORS, *ENTRY_DECORATORS, *KEYED_STORES]
