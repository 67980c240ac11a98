"""The taint engine seen from a scan: traces, severities, confidence, merging, switches.

The annotated fixtures under tests/rules/taint check *where* findings are; these tests
check what a finding says and how the engine behaves as part of the pipeline.
"""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

from cwescan.config import Config, ConfigError, load_config_file
from cwescan.model import Confidence, Finding, Severity
from cwescan.runner import analyze_file, scan

REPO = Path(__file__).resolve().parent.parent
EVERYTHING = {"severity_threshold": Severity.INFO, "confidence_threshold": Confidence.LOW}


def _scan(path: Path, config: Config | None = None, **overrides: object) -> list[Finding]:
    base = config or Config()
    settings = {"respect_gitignore": False, **EVERYTHING, **overrides}
    return scan([str(path)], base.with_overrides(**settings)).findings


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def _taint(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule_id.startswith("PY-TAINT-") and not f.suppressed]


def test_example_app_sql_injection_has_the_whole_path() -> None:
    findings = _scan(REPO / "examples" / "flaskapp")
    sql = [f for f in _taint(findings) if f.cwe_id == 89]
    assert len(sql) == 1
    finding = sql[0]
    assert finding.location.path.endswith("app/db.py")
    assert finding.location.start_line == 16
    hops = [(Path(s.location.path).name, s.location.start_line, s.note) for s in finding.trace]
    assert hops[0][:2] == ("views.py", 13) and "request.args" in hops[0][2]
    assert ("views.py", 14, "passed to `services.search_inventory(term)` at views.py:14") in hops
    assert any(h[0] == "services.py" and "received as parameter `term`" in h[2] for h in hops)
    assert ("services.py", 8, "passed to `db.find_items(cleaned)` at services.py:8") in hops
    assert any(h[0] == "db.py" and h[2] == "assigned to `query`" for h in hops)
    assert hops[-1][0] == "db.py" and hops[-1][1] == 16 and "cursor.execute" in hops[-1][2]
    assert finding.trace[-1].code == "cursor.execute(query)"
    assert "2 function calls" in finding.description
    # the parameterised query and the int() conversion stay quiet
    assert not [f for f in findings if f.cwe_id == 89 and f.location.start_line == 23]


def test_cross_module_fixture_project_reports_each_hop(tmp_path: Path) -> None:
    project = REPO / "tests" / "rules" / "taint" / "crossmodule"
    findings = _taint(_scan(project))
    by_function = {f.function: f for f in findings}
    repository = by_function["Repository.all"]
    notes = [s.note for s in repository.trace]
    assert notes[0] == "source: route parameter `table` (remote input)"
    assert "passed to `Repository(table)` at services.py:31" in notes
    assert "stored in `self.table`" in notes and "read from `self.table`" in notes
    reexported = by_function["find_orders"]
    assert any("find_orders_reexported(customer)" in n for n in (s.note for s in reexported.trace))


def test_severity_follows_the_source_kind(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "web.py": """
            import os
            from flask import request

            def view():
                os.system("ping " + request.args["host"])
            """,
            "cli.py": """
            import os
            import sys

            os.system("ping " + sys.argv[1])
            """,
        },
    )
    findings = {Path(f.location.path).name: f for f in _taint(_scan(tmp_path))}
    assert findings["web.py"].severity == Severity.CRITICAL
    assert findings["cli.py"].severity < findings["web.py"].severity
    assert "local input" in findings["cli.py"].description


def test_local_input_where_it_is_the_programs_purpose_ranks_info(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "tool.py": """
            import os
            import sys

            with open(sys.argv[1]) as handle:
                os.system("lpr " + handle.name + sys.argv[2])
            """,
        },
    )
    severities = {f.cwe_id: f.severity for f in _taint(_scan(tmp_path))}
    # a command-line tool opening the file its user names is what it is for
    assert severities[22] == Severity.INFO
    assert severities[78] == Severity.MEDIUM
    assert not [f for f in _scan(tmp_path, severity_threshold=Severity.LOW) if f.cwe_id == 22]


def test_confidence_drops_through_calls_without_a_model(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            import thirdparty
            from flask import request

            def direct():
                os.system("ping " + request.args["host"])

            def indirect():
                os.system(thirdparty.normalise(request.args["host"]))
            """,
        },
    )
    by_function = {f.function: f for f in _taint(_scan(tmp_path))}
    assert by_function["direct"].confidence == Confidence.HIGH
    assert by_function["indirect"].confidence == Confidence.MEDIUM
    assert "no model" in by_function["indirect"].description


def test_a_header_the_framework_checks_for_line_breaks_is_low_confidence(
    tmp_path: Path,
) -> None:
    """Werkzeug and Django refuse header values with CR/LF: a header from input is still
    reported (CWE-113), but at low confidence and saying why; `http.server` checks
    nothing, so its header is reported as sure."""
    _write(
        tmp_path,
        {
            "app.py": """
            from http.server import BaseHTTPRequestHandler
            from flask import Flask, make_response, request

            app = Flask(__name__)

            @app.route("/lang")
            def lang():
                response = make_response("ok")
                response.headers["Content-Language"] = request.args["lang"]
                return response

            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("X-Echo", self.headers.get("X-Echo"))
                    self.end_headers()
            """,
        },
    )
    headers = {
        f.function: f for f in _taint(_scan(tmp_path)) if f.rule_id == "PY-TAINT-HEADERI"
    }
    assert headers["lang"].confidence == Confidence.LOW
    assert "Werkzeug refuses header values with a line break" in headers["lang"].description
    assert headers["Handler.do_GET"].confidence == Confidence.HIGH
    assert "refuses" not in headers["Handler.do_GET"].description


def test_pattern_finding_at_the_same_place_is_merged(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            from flask import request

            def view():
                os.system("ping " + request.args["host"])
            """,
        },
    )
    with_taint = [f for f in _scan(tmp_path) if f.cwe_id == 78]
    assert [f.rule_id for f in with_taint] == ["PY-TAINT-CMDI"]
    without = [f for f in _scan(tmp_path, taint=False) if f.cwe_id == 78]
    assert without and all(not f.rule_id.startswith("PY-TAINT-") for f in without)


def test_pattern_finding_disproved_by_flow_is_dropped_only_with_taint(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            from flask import request

            def view():
                command = request.args["cmd"]
                command = "uptime"
                os.system(command)
            """,
        },
    )
    assert not [f for f in _scan(tmp_path) if f.cwe_id == 78]
    assert [f for f in _scan(tmp_path, taint=False) if f.cwe_id == 78]


def test_several_sources_of_one_kind_at_one_sink_make_one_finding(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            from flask import Flask, request

            app = Flask(__name__)

            @app.route("/files/<folder>/<name>")
            def remove(folder, name):
                os.remove(os.path.join("/srv", folder, name, request.args["suffix"]))
                return "gone"
            """
        },
    )
    found = [f for f in _taint(_scan(tmp_path)) if f.cwe_id == 22]
    assert len(found) == 1
    description = found[0].description
    # the best flow is told in full, the other two sources are named
    assert description.count("reaches") == 2
    assert "reaches it too" in description
    for source in ("`folder`", "`name`", "`request.args`"):
        assert source in description


def test_inline_comments_suppress_taint_findings(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            from flask import request

            def view():
                os.system("a " + request.args["x"])  # cwescan: ignore[CWE-78] -- admin only
                os.system("b " + request.args["y"])  # nosec
                os.system("c " + request.args["z"])
            """,
        },
    )
    findings = [f for f in _scan(tmp_path) if f.rule_id == "PY-TAINT-CMDI"]
    assert sorted((f.location.start_line, f.suppressed) for f in findings) == [
        (5, True),
        (6, True),
        (7, False),
    ]
    reason = next(f for f in findings if f.location.start_line == 5).suppression_reason
    assert reason == "admin only"


def test_no_taint_and_rule_selection(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "app.py": """
            import os
            from flask import request

            def view():
                os.system("ping " + request.args["host"])
                eval(request.args["expr"])
            """,
        },
    )
    assert not _taint(_scan(tmp_path, taint=False))
    kept = {f.rule_id for f in _taint(_scan(tmp_path, skips=("PY-TAINT-CMDI",)))}
    assert kept == {"PY-TAINT-CODEI"}
    only = {f.rule_id for f in _taint(_scan(tmp_path, only=("CWE-78",)))}
    assert only == {"PY-TAINT-CMDI"}


def test_user_models_from_pyproject(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pyproject.toml": """
            [tool.cwescan.taint-models]
            [[tool.cwescan.taint-models.sources]]
            target = "acme.web.param"
            kind = "remote"

            [[tool.cwescan.taint-models.sinks]]
            target = "acme.db.run_query"
            cwe = 89
            args = [0]

            [[tool.cwescan.taint-models.sanitizers]]
            target = "acme.db.quote"
            cwes = [89]
            """,
            "service.py": """
            from acme import db, web

            def search():
                term = web.param("q")
                db.run_query("SELECT * FROM t WHERE name = '" + term + "'")
                db.run_query("SELECT * FROM t WHERE name = " + db.quote(term))
            """,
        },
    )
    config = load_config_file(tmp_path / "pyproject.toml")
    findings = _taint(_scan(tmp_path / "service.py", config))
    assert [(f.rule_id, f.location.start_line) for f in findings] == [("PY-TAINT-SQLI", 5)]
    assert "acme.web.param" in findings[0].description


def test_user_model_errors_name_the_entry(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.cwescan.taint-models]\n[[tool.cwescan.taint-models.sinks]]\ntarget = "x.y"\n'
        "cwe = 12345\n",
        encoding="utf-8",
    )
    try:
        load_config_file(config)
    except ConfigError as error:
        message = str(error)
    else:
        raise AssertionError("a sink with an unknown CWE must be refused")
    assert str(config) in message and "sinks[0]" in message and "CWE-12345" in message


def test_findings_are_deterministic_and_fingerprints_stable(tmp_path: Path) -> None:
    first = [(f.rule_id, f.fingerprint) for f in _taint(_scan(REPO / "examples" / "flaskapp"))]
    second = [(f.rule_id, f.fingerprint) for f in _taint(_scan(REPO / "examples" / "flaskapp"))]
    assert first == second
    assert len({fp for _, fp in first}) == len(first)


def test_summaries_survive_pickling(tmp_path: Path) -> None:
    """Workers hand summaries to the parent process: a pickled summary links the same."""
    from cwescan.analysis.taint import link_taint
    from cwescan.discovery import discover

    root = REPO / "examples" / "flaskapp"
    files = discover([str(root)], exclude=(), max_file_size=10**7, respect_gitignore=False).files
    summaries = [a.taint for a in (analyze_file(f, Config()) for f in files) if a.taint]
    copies = [pickle.loads(pickle.dumps(s)) for s in summaries]
    direct = [(f.rule_id, f.location.start_line, f.fingerprint) for f in link_taint(summaries)]
    linked = [(f.rule_id, f.location.start_line, f.fingerprint) for f in link_taint(copies)]
    assert direct == linked and direct


def test_large_function_is_marked_incomplete_not_stalled(tmp_path: Path) -> None:
    body = "\n".join(f"    v{i} = v{i - 1} + '{i}'" for i in range(1, 14000))
    _write(
        tmp_path,
        {
            "big.py": "import os\nimport sys\n\ndef huge():\n    v0 = sys.argv[1]\n"
            + body
            + "\n    os.system(v13999)\n",
        },
    )
    findings = _taint(_scan(tmp_path))
    assert findings, "input still reaches the sink after the budget runs out"
    assert "analysis-incomplete" in findings[0].tags


def test_deeply_nested_expression_does_not_crash(tmp_path: Path) -> None:
    nested = "x" + " + x" * 3000
    _write(
        tmp_path,
        {
            "deep.py": f"import os\nimport sys\n\nx = sys.argv[1]\nos.system({nested})\n",
        },
    )
    findings = _taint(_scan(tmp_path))
    assert [f.cwe_id for f in findings] == [78]


def test_taint_rules_are_listed(capsys: object) -> None:
    from cwescan.cli import main

    assert main(["rules", "--format", "json"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert '"id": "PY-TAINT-SQLI"' in out and '"cwe": "CWE-89"' in out
    assert main(["explain", "PY-TAINT-SSRF"]) == 0
    assert "server-side request forgery" in capsys.readouterr().out.lower()  # type: ignore[attr-defined]
