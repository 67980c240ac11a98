"""The taint rules: one per sink CWE, declared as data.

Each rule names the sink *kind* the models use (`sql`, `shell`, …), its CWE, the
severity for remote input (network input ranks one level lower, local input and the
environment two), and the documentation `cwescan rules`/`explain` print. The rules are
registered in the shared rule registry so listing, `--skip`/`--only` and suppression by
rule id work as for pattern rules; they have no pattern matcher (the taint engine
reports them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from cwescan.model import Confidence, Severity


@dataclass(frozen=True)
class TaintRuleSpec:
    """A taint rule's declaration."""

    id: str
    cwe: int
    kind: str
    title: str
    severity: Severity
    summary: str
    why: str
    fix: str
    bad: str
    good: str
    references: tuple[str, ...] = ()
    # local input and the environment reaching this sink is usually the program's purpose
    # (a command-line tool opens the file its user names): reported at INFO
    local_by_design: bool = False


_FLOW_NOTE = (
    "Data flow: reported only when data from a source (request parameters, command-line "
    "arguments, the environment, network reads) reaches this sink without a sanitizer for "
    "it, across assignments, containers, function calls and modules. Each finding carries "
    "the path."
)

TAINT_RULES: tuple[TaintRuleSpec, ...] = (
    TaintRuleSpec(
        "PY-TAINT-CMDI",
        78,
        "shell",
        "OS command injection from untrusted input",
        Severity.CRITICAL,
        "Untrusted input reaches a shell command or the program a process runs.",
        "A shell interprets `;`, `|`, `$(...)` and backticks in the command line; input that "
        "reaches it runs arbitrary commands with the application's privileges.",
        "Run the program with a list of arguments and no shell "
        '(`subprocess.run(["ping", "-c", "1", host])`); if a shell is unavoidable, quote '
        "every value with `shlex.quote`.",
        'host = request.args["host"]\nos.system(f"ping -c 1 {host}")',
        'host = request.args["host"]\nsubprocess.run(["ping", "-c", "1", "--", host], check=True)',
        ("https://cwe.mitre.org/data/definitions/78.html",),
    ),
    TaintRuleSpec(
        "PY-TAINT-ARGI",
        88,
        "argv",
        "Argument injection into a command's options",
        Severity.HIGH,
        "Untrusted input becomes an argument of a program that interprets options "
        "(`git`, `curl`, `tar`, …) without a `--` separator before it.",
        "Even without a shell, a value starting with `-` is read as an option "
        "(`--upload-pack=...`, `-o /etc/passwd`), which can run commands or overwrite files.",
        "Put `--` before user-supplied arguments, or check they do not start with `-`.",
        'subprocess.run(["git", "clone", request.args["repo"]])',
        'subprocess.run(["git", "clone", "--", request.args["repo"]])',
    ),
    TaintRuleSpec(
        "PY-TAINT-CODEI",
        95,
        "code",
        "Code injection: untrusted input evaluated as Python",
        Severity.CRITICAL,
        "Untrusted input reaches `eval`, `exec` or `compile`.",
        "Evaluated input runs as Python code inside the application: an attacker can read "
        "files, run commands and take over the process.",
        "Parse data instead of running it: `ast.literal_eval` for literals, `json.loads` for "
        "JSON, or a table of allowed operations.",
        'result = eval(request.args["expr"])',
        'result = ast.literal_eval(request.args["expr"])',
    ),
    TaintRuleSpec(
        "PY-TAINT-SQLI",
        89,
        "sql",
        "SQL injection from untrusted input",
        Severity.CRITICAL,
        "Untrusted input is built into the text of an SQL statement that is executed.",
        "Quotes and SQL keywords in the input change the statement: attackers read or modify "
        "any data the database user can reach, or bypass authentication.",
        'Pass values as bound parameters: `cursor.execute("SELECT * FROM t WHERE name = ?", '
        "(name,))`; never format them into the SQL text.",
        "cursor.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",
        'cursor.execute("SELECT * FROM users WHERE name = ?", (name,))',
    ),
    TaintRuleSpec(
        "PY-TAINT-PATH",
        22,
        "path",
        "Path traversal from untrusted input",
        Severity.HIGH,
        "Untrusted input reaches a file-system path that is opened, written or removed.",
        "`../` sequences and absolute paths in the input reach files outside the intended "
        "folder: configuration, keys, other users' data.",
        "Reduce the name with `os.path.basename` or `werkzeug.utils.secure_filename`, or "
        "resolve the path and check it stays under the base folder "
        "(`Path(base, name).resolve().is_relative_to(base)`); Flask's `send_from_directory` "
        "does this.",
        'open(os.path.join(UPLOADS, request.args["name"]))',
        'open(os.path.join(UPLOADS, secure_filename(request.args["name"])))',
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-XSS",
        79,
        "html",
        "Cross-site scripting: untrusted input in an HTML response",
        Severity.HIGH,
        "Untrusted input is returned as HTML without escaping (a Flask view returning a "
        "string, `HttpResponse`, `Markup`, `mark_safe`, an `http.server` handler's "
        "`self.wfile.write`, a WSGI app's body) and not as a declared non-HTML type.",
        "Markup in the input runs as script in other users' browsers: session theft, actions "
        "on their behalf.",
        "Render through an autoescaping template (`render_template`), or escape with "
        "`markupsafe.escape` / `django.utils.html.escape`; return JSON with `jsonify`.",
        "return f\"<p>Hello {request.args['name']}</p>\"",
        'return render_template("hello.html", name=request.args["name"])',
    ),
    TaintRuleSpec(
        "PY-TAINT-SSTI",
        1336,
        "template",
        "Server-side template injection",
        Severity.CRITICAL,
        "Untrusted input becomes the source of a template (`render_template_string`, "
        "`jinja2.Template`, `Environment.from_string`).",
        "Template expressions in the input run on the server: `{{ config }}` leaks secrets and "
        "Jinja2 sandbox escapes lead to code execution.",
        "Keep templates constant and pass input as context values: "
        "`render_template_string(TEMPLATE, name=name)`.",
        'render_template_string("<p>Hello " + name + "</p>")',
        'render_template_string("<p>Hello {{ name }}</p>", name=name)',
    ),
    TaintRuleSpec(
        "PY-TAINT-DESER",
        502,
        "deser",
        "Deserialization of untrusted data",
        Severity.CRITICAL,
        "Untrusted bytes reach `pickle`, `marshal`, `yaml.load` with an unsafe loader, or a "
        "similar object deserializer.",
        "These formats construct arbitrary objects while loading: a crafted payload runs code "
        "in the application.",
        "Exchange data as JSON (`json.loads`) or load YAML with `yaml.safe_load`; sign "
        "anything that must be pickled and verify the signature first.",
        'cart = pickle.loads(base64.b64decode(request.cookies["cart"]))',
        'cart = json.loads(request.cookies["cart"])',
    ),
    TaintRuleSpec(
        "PY-TAINT-LDAPI",
        90,
        "ldap",
        "LDAP injection",
        Severity.HIGH,
        "Untrusted input is built into an LDAP search filter or base DN.",
        "`*`, `(`, `)` and `|` in the input change the filter: attackers enumerate the "
        "directory or bypass authentication checks.",
        "Escape values with `ldap3.utils.conv.escape_filter_chars` / "
        "`ldap.filter.escape_filter_chars` before building the filter.",
        'conn.search("dc=example,dc=com", f"(uid={user})")',
        'conn.search("dc=example,dc=com", f"(uid={escape_filter_chars(user)})")',
    ),
    TaintRuleSpec(
        "PY-TAINT-XPATHI",
        643,
        "xpath",
        "XPath injection",
        Severity.HIGH,
        "Untrusted input is built into an XPath expression or ElementTree path.",
        "Quotes and predicates in the input change the query, exposing other nodes of the "
        "document or bypassing checks.",
        'Use XPath variables (`root.xpath("//user[@name=$name]", name=name)`) or validate '
        "the value against an allow-list.",
        "root.xpath(f\"//user[@name='{name}']\")",
        'root.xpath("//user[@name=$name]", name=name)',
    ),
    TaintRuleSpec(
        "PY-TAINT-XXE",
        611,
        "xml",
        "XML external entities in untrusted XML",
        Severity.HIGH,
        "Untrusted XML is parsed by a parser that resolves external entities (lxml by "
        "default, SAX with external entities enabled).",
        "An entity pointing at `file:///etc/passwd` or an internal URL makes the parser read "
        "local files or make requests (XXE, SSRF).",
        "Parse untrusted XML with `defusedxml`, or an lxml parser built with "
        "`resolve_entities=False, no_network=True`.",
        "lxml.etree.fromstring(request.data)",
        "defusedxml.lxml.fromstring(request.data)",
    ),
    TaintRuleSpec(
        "PY-TAINT-REDIRECT",
        601,
        "redirect",
        "Open redirect",
        Severity.MEDIUM,
        "Untrusted input decides where a redirect sends the browser.",
        "Links on the trusted domain forward users to an attacker's site (phishing, token "
        "theft through OAuth redirects).",
        "Redirect only to relative paths or allowed hosts: check with "
        "`url_has_allowed_host_and_scheme`, or map names to fixed URLs.",
        'return redirect(request.args["next"])',
        'nxt = request.args.get("next", "/")\n'
        "if not url_has_allowed_host_and_scheme(nxt, None):\n"
        '    nxt = "/"\n'
        "return redirect(nxt)",
    ),
    TaintRuleSpec(
        "PY-TAINT-SSRF",
        918,
        "ssrf",
        "Server-side request forgery",
        Severity.HIGH,
        "Untrusted input decides the URL or host the server sends a request to.",
        "Attackers make the server call internal services, cloud metadata endpoints "
        "(credentials) or arbitrary hosts.",
        "Fix the scheme and host in code and take only a path or identifier from input, or "
        "check the host against an allow-list.",
        'requests.get(request.args["url"])',
        'requests.get(f"https://api.example.com/items/{int(item_id)}")',
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-PSSRF",
        918,
        "pssrf",
        "Partial server-side request forgery (input in the path of a request URL)",
        Severity.MEDIUM,
        "Untrusted input is placed in the path of a URL whose scheme and host are fixed, "
        "and the server sends a request to it.",
        "The host is the intended one, but the input chooses what is asked of it: `../` "
        "(encoded, as `%2e%2e%2f`, where a server decodes it) reaches other endpoints of "
        "that service, `?` and `#` add or cut off parameters, all with the server's own "
        "credentials and network position.",
        "Allow only the expected shape (`int(item_id)`, a UUID, a slug checked with "
        "`re.fullmatch`), or quote the value as one path segment "
        '(`urllib.parse.quote(item_id, safe="")`).',
        'requests.get("https://api.example.com/users/" + request.args["user"])',
        'requests.get(f"https://api.example.com/users/{int(request.args[\'user\'])}")',
        references=(
            "https://cwe.mitre.org/data/definitions/918.html",
            "https://codeql.github.com/codeql-query-help/python/py-partial-ssrf/",
            "https://owasp.org/www-community/attacks/Server_Side_Request_Forgery",
        ),
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-LOGI",
        117,
        "log",
        "Log injection",
        Severity.LOW,
        "Untrusted input is written to a log without neutralising line breaks.",
        "Line breaks in the input forge log entries, hiding attacks or misleading whoever "
        "reads the logs.",
        'Remove or escape line breaks (`value.replace("\\n", "")`, or log `%r`/`repr()`).',
        'logger.info("login failed for %s", request.form["user"])',
        'logger.info("login failed for %r", request.form["user"])',
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-HEADERI",
        113,
        "header",
        "HTTP header injection",
        Severity.MEDIUM,
        "Untrusted input is written into an HTTP response header.",
        "Line breaks in a header value split the response (response splitting, cache "
        "poisoning, injected cookies).",
        "Validate header values against an allow-list or strip `\\r` and `\\n`.",
        'response.headers["X-Name"] = request.args["name"]',
        'response.headers["X-Name"] = request.args["name"].replace("\\n", "").replace("\\r", "")',
    ),
    TaintRuleSpec(
        "PY-TAINT-TRUST",
        501,
        "session",
        "Trust boundary violation: untrusted input in the session",
        Severity.LOW,
        "Untrusted input is stored in the server-side session next to trusted data.",
        "Later code trusts session values (roles, user ids); mixing unvalidated input in "
        "blurs that boundary.",
        "Validate the value (type, allow-list) before storing it in the session.",
        'session["role"] = request.args["role"]',
        'session["role"] = "admin" if user.is_admin else "user"',
    ),
    TaintRuleSpec(
        "PY-TAINT-REFLECT",
        470,
        "reflection",
        "Unsafe reflection: input selects code to load or call",
        Severity.MEDIUM,
        "Untrusted input names a module to import or an attribute to read or set.",
        "Attackers choose which module is imported or which method runs, reaching code that "
        "was never meant to be callable.",
        "Map allowed names to objects with a dictionary instead of `getattr`/`import_module`.",
        'handler = getattr(actions, request.args["action"])',
        'handler = ACTIONS.get(request.args["action"])',
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-NOSQLI",
        943,
        "nosql",
        "NoSQL injection",
        Severity.HIGH,
        "Untrusted input is the query document of a MongoDB call, or reaches a `$where` clause.",
        "Operators such as `$ne` and `$gt` in a user-supplied document, or JavaScript in "
        "`$where`, change what the query matches.",
        "Build the query document in code from validated scalar values; never pass a parsed "
        "request body as the filter.",
        "users.find(json.loads(request.data))",
        'users.find({"name": str(request.json["name"])})',
    ),
    TaintRuleSpec(
        "PY-TAINT-REDOS",
        1333,
        "regex",
        "Regular expression built from untrusted input",
        Severity.MEDIUM,
        "Untrusted input is used as a regular-expression pattern.",
        "A crafted pattern with nested quantifiers takes exponential time (ReDoS) and can "
        "match far more than intended.",
        "Escape the input with `re.escape` before putting it in a pattern.",
        're.search(request.args["q"], text)',
        're.search(re.escape(request.args["q"]), text)',
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-FMTSTR",
        134,
        "format",
        "Externally-controlled format string",
        Severity.HIGH,
        "Untrusted input is the format string of `str.format`/`format_map`, "
        "`string.Formatter().format`/`vformat` or Django's `format_html`, called with "
        'values. Not reported: input passed as a value (`"Hello {}".format(name)`), '
        "`%` formatting with an untrusted template (it reaches the values it is given, never "
        "their attributes), "
        "`string.Template`.",
        "A replacement field reads attributes and items of the values it is given: "
        "`{user.__init__.__globals__[SECRET_KEY]}` walks from any object defined in Python "
        "to its module's globals, so a user-chosen template leaks secrets and internal "
        "state.",
        "Keep templates constant and choose among them by key "
        "(`TEMPLATES.get(name, DEFAULT).format(user=user)`), or use `string.Template` "
        "(`$name` placeholders, no attribute access) for user-written templates.",
        'request.args["tpl"].format(user=request.user)',
        'TEMPLATES.get(request.args["tpl"], DEFAULT).format(user=request.user)',
        (
            "https://cwe.mitre.org/data/definitions/134.html",
            "https://lucumr.pocoo.org/2016/12/29/careful-with-str-format/",
        ),
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-CSV",
        1236,
        "csv",
        "CSV injection: untrusted input written as a spreadsheet cell",
        Severity.MEDIUM,
        "Untrusted input is written as a cell by `csv.writer`/`csv.DictWriter` "
        "(`writerow`, `writerows`), pandas `to_csv`/`to_excel`, openpyxl `ws.append`/"
        "`ws.cell(value=...)` or xlsxwriter `write`, without neutralising a leading "
        "`=`, `+`, `-` or `@`.",
        "Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula: "
        "whoever opens the export can have data sent to another site "
        "(`=HYPERLINK(...)`) or, with DDE, a command run (`=cmd|' /C calc'!A0`).",
        "Prefix cells that start with `=`, `+`, `-`, `@` (or a tab or carriage return) with "
        "a single quote, or strip those characters; convert numbers with `int()`/`float()`.",
        'csv.writer(out).writerow([request.form["name"], request.form["email"]])',
        'name = request.form["name"]\n'
        'if name.startswith(("=", "+", "-", "@")):\n'
        '    name = "\'" + name\n'
        "csv.writer(out).writerow([name])",
        (
            "https://cwe.mitre.org/data/definitions/1236.html",
            "https://owasp.org/www-community/attacks/CSV_Injection",
        ),
        local_by_design=True,
    ),
    TaintRuleSpec(
        "PY-TAINT-XMLI",
        91,
        "xmli",
        "XML injection into a document built as text",
        Severity.MEDIUM,
        "Untrusted input is concatenated or formatted into the text of an XML document "
        "(after constant text that opens an element) which is then parsed "
        "(`lxml.etree.fromstring`, `ElementTree.fromstring`, `minidom.parseString`, …) or "
        "sent as a request body, without escaping. A document taken whole from the user "
        "is PY-TAINT-XXE's case; elements built with ElementTree/lxml "
        '(`SubElement(root, "q").text = value`) are escaped by the serializer.',
        "`<`, `&` and quotes in the input add elements and attributes or close the ones the "
        "program opened: a `<role>admin</role>` slipped into a request document, a changed "
        "price, a SOAP call with other parameters.",
        'Build the document with ElementTree or lxml (`SubElement(root, "name").text = '
        "name`), or escape the value with `xml.sax.saxutils.escape` (text) / `quoteattr` "
        "(attributes).",
        'etree.fromstring("<user><name>" + request.args["name"] + "</name></user>")',
        'etree.fromstring("<user><name>" + escape(request.args["name"]) + "</name></user>")',
        (
            "https://cwe.mitre.org/data/definitions/91.html",
            "https://owasp.org/www-community/vulnerabilities/XML_Injection",
        ),
        local_by_design=True,
    ),
)

RULE_BY_KIND: dict[str, TaintRuleSpec] = {r.kind: r for r in TAINT_RULES}
RULE_BY_ID: dict[str, TaintRuleSpec] = {r.id: r for r in TAINT_RULES}
# a CWE's main kind (the first rule declared for it: CWE-918 is "ssrf", not "pssrf")
KIND_BY_CWE: dict[int, str] = {}
# every kind reported under a CWE (what a sanitizer declared by CWE cleans)
KINDS_BY_CWE: dict[int, tuple[str, ...]] = {}
for _spec in TAINT_RULES:
    KIND_BY_CWE.setdefault(_spec.cwe, _spec.kind)
    KINDS_BY_CWE[_spec.cwe] = (*KINDS_BY_CWE.get(_spec.cwe, ()), _spec.kind)

# how much lower than for remote input a finding from each source kind ranks
SOURCE_KIND_DEMOTION = {"remote": 0, "network": 1, "local": 2, "environment": 2}


def severity_for(rule: TaintRuleSpec, source_kind: str) -> Severity:
    """The severity of a finding: the sink's, lowered for less exposed sources."""
    if rule.local_by_design and source_kind in ("local", "environment"):
        return Severity.INFO
    level = int(rule.severity) - SOURCE_KIND_DEMOTION.get(source_kind, 2)
    return Severity(max(int(Severity.LOW), level))


def _no_pattern(node: ast.AST, ctx: object) -> Iterator[object]:
    """Taint rules have no pattern matcher: the taint engine reports them."""
    return iter(())


def register_taint_rules() -> None:
    """Add the taint rules to the shared registry (once), for listing and selection."""
    from cwescan.rules.framework import REGISTRY, Rule

    for spec in TAINT_RULES:
        if REGISTRY.get(spec.id) is not None:
            continue
        REGISTRY.add(
            Rule(
                id=spec.id,
                cwe=spec.cwe,
                title=spec.title,
                severity=spec.severity,
                confidence=Confidence.HIGH,
                summary=spec.summary,
                why=spec.why,
                fix=spec.fix,
                bad=spec.bad,
                good=spec.good,
                nodes=(),
                check=_no_pattern,  # type: ignore[arg-type]
                references=spec.references,
                family="taint",
                scope_note=_FLOW_NOTE,
            )
        )
