"""Format strings (CWE-134), CSV cells (CWE-1236) and XML built as text (CWE-91) across modules.

The fixtures under tests/rules/taint/hunt/ check where these findings are; these tests
check what crosses function and module boundaries (a sanitizer in a helper module, a
document built in one module and parsed in another), what a finding says, and its
severity by source.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from cwescan.config import Config
from cwescan.model import Confidence, Finding, Severity
from cwescan.runner import scan


def _scan(root: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    config = Config(
        respect_gitignore=False,
        cache=False,
        severity_threshold=Severity.INFO,
        confidence_threshold=Confidence.LOW,
    )
    return [
        f
        for f in scan([str(root)], config).findings
        if f.rule_id.startswith("PY-TAINT-") and not f.suppressed
    ]


_PARSER = """
    from lxml import etree

    def parse(text):
        return etree.fromstring(text)
"""
_BUILDER = """
    from xml.sax.saxutils import escape

    def order_document(item):
        return "<order><item>" + item + "</item></order>"

    def order_document_escaped(item):
        return "<order><item>" + escape(item) + "</item></order>"
"""


def _xml_view(body: str) -> str:
    return (
        "from flask import Flask, request\n"
        "from pkg.builder import order_document, order_document_escaped\n"
        "from pkg.parser import parse\n\n"
        "app = Flask(__name__)\n\n\n"
        '@app.route("/order", methods=["POST"])\n'
        "def order():\n"
        f"    root = parse({body})\n"
        "    return {'tag': root.tag}\n"
    )


def _xml_findings(tmp_path: Path, body: str) -> set[tuple[str, str, int]]:
    findings = _scan(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/parser.py": _PARSER,
            "pkg/builder.py": _BUILDER,
            "pkg/views.py": _xml_view(body),
        },
    )
    return {(f.rule_id, Path(f.location.path).name, f.location.start_line) for f in findings}


def test_document_built_in_one_module_and_parsed_in_another_is_xml_injection(
    tmp_path: Path,
) -> None:
    found = _xml_findings(tmp_path, 'order_document(request.form["item"])')
    # the input sits inside an element: it can add elements, it cannot declare entities
    assert found == {("PY-TAINT-XMLI", "parser.py", 4)}


def test_whole_document_from_the_request_is_xxe_not_xml_injection(tmp_path: Path) -> None:
    assert _xml_findings(tmp_path, "request.data") == {("PY-TAINT-XXE", "parser.py", 4)}


def test_escaped_input_in_a_built_document_is_neither(tmp_path: Path) -> None:
    assert _xml_findings(tmp_path, 'order_document_escaped(request.form["item"])') == set()


def test_text_after_the_prolog_only_is_still_the_whole_document(tmp_path: Path) -> None:
    found = _xml_findings(tmp_path, '"<?xml version=\'1.0\'?>" + request.form["doc"]')
    assert found == {("PY-TAINT-XXE", "parser.py", 4)}


def test_csv_sanitizer_in_a_helper_module_cleans_the_cell(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/cells.py": """
            FORMULA = "=+-@"

            def safe_cell(value):
                if value and value[0] in FORMULA:
                    return "'" + value
                return value

            def trimmed(value):
                return value.strip()
        """,
        "app/views.py": """
            import csv
            import io

            from flask import Flask, request

            from app.cells import safe_cell, trimmed

            app = Flask(__name__)


            @app.route("/export", methods=["POST"])
            def export():
                out = io.StringIO()
                writer = csv.writer(out)
                writer.writerow([safe_cell(request.form["name"])])
                writer.writerow([trimmed(request.form["name"])])
                return out.getvalue(), 200, {"Content-Type": "text/csv"}
        """,
    }
    findings = _scan(tmp_path, files)
    assert [(f.rule_id, f.location.start_line) for f in findings] == [("PY-TAINT-CSV", 16)]
    assert findings[0].severity == Severity.MEDIUM


def test_format_string_finding_names_the_template_and_ranks_by_source(tmp_path: Path) -> None:
    files = {
        "web.py": """
            from flask import Flask, jsonify, request

            app = Flask(__name__)


            class Account:
                name = "ada"


            @app.route("/notice")
            def notice():
                return jsonify(text=request.args["tpl"].format(user=Account()))
        """,
        "tool.py": """
            import argparse


            class Row:
                name = "x"


            def main():
                parser = argparse.ArgumentParser()
                parser.add_argument("--format", default="{row.name}")
                args = parser.parse_args()
                print(args.format.format(row=Row()))


            if __name__ == "__main__":
                main()
        """,
    }
    findings = {Path(f.location.path).name: f for f in _scan(tmp_path, files)}
    remote = findings["web.py"]
    assert (remote.rule_id, remote.cwe_id, remote.severity) == (
        "PY-TAINT-FMTSTR",
        134,
        Severity.HIGH,
    )
    assert "request.args" in remote.description and "(the object)" in remote.description
    # a command-line tool's --format template is the user's own choice
    assert findings["tool.py"].severity == Severity.INFO


def test_printf_template_from_input_is_not_a_format_string_finding(tmp_path: Path) -> None:
    files = {
        "web.py": """
            from flask import Flask, jsonify, request

            app = Flask(__name__)


            @app.route("/notice")
            def notice():
                fmt = request.args.get("fmt", "%s")
                return jsonify(text=fmt % ("ada",), other="{}".format(fmt))
        """,
    }
    assert [f for f in _scan(tmp_path, files) if f.cwe_id == 134] == []
