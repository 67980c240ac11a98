"""The incremental link: a rescan resolves again only what an edit reaches, and its
findings are exactly those of a full link of the same tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cwescan import parallel
from cwescan.analysis import taint_link
from cwescan.config import Config
from cwescan.model import ScanResult
from cwescan.report import renderers
from cwescan.runner import scan
from tests.fixtures import helper_package

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "tests" / "rules" / "taint" / "crossmodule" / "shop"


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the signing key out of the real user cache folder."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("CWESCAN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def resolved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The functions whose summaries the link step resolves (again), in order."""
    seen: list[str] = []
    real = taint_link.Linker._resolve_function

    def counting(self: taint_link.Linker, qualname: str) -> taint_link.Resolved:
        seen.append(qualname)
        return real(self, qualname)

    monkeypatch.setattr(taint_link.Linker, "_resolve_function", counting)
    return seen


def report(result: ScanResult) -> dict:
    data = json.loads(renderers()["json"](result, False))
    data.pop("timings")
    return data


def taint_findings(result: ScanResult, name: str) -> list[tuple[str, int]]:
    return sorted(
        (f.rule_id, f.location.start_line)
        for f in result.findings
        if f.location.path.endswith(name) and f.rule_id.startswith("PY-TAINT")
    )


def full(tree: Path) -> ScanResult:
    return scan([str(tree)], Config(jobs=1, cache=False))


def _project(root: Path, helper_body: str) -> Path:
    """`helper_package` with a module no change touches (`other.unrelated`)."""
    package = helper_package(root, helper_body)
    (package / "other.py").write_text(
        "import subprocess\n\n\ndef unrelated(command):\n"
        "    return subprocess.run(command, shell=True)\n"
    )
    return package


def test_a_changed_callee_changes_the_finding_of_its_unchanged_caller(
    tmp_path: Path, resolved: list[str]
) -> None:
    package = _project(
        tmp_path, "import shlex\n\n\ndef clean(value):\n    return shlex.quote(value)\n"
    )
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    cold = scan([str(package)], config)
    assert taint_findings(cold, "views.py") == []
    resolved_cold = len(resolved)
    resolved.clear()
    # a body edit (the imports stay): the modules' link signatures do not change
    (package / "helpers.py").write_text(
        "import shlex\n\n\ndef clean(value):\n    return value.strip()\n"
    )
    changed = scan([str(package)], config)
    assert taint_findings(changed, "views.py") == [("PY-TAINT-CMDI", 12)]
    # the callee and the caller it reaches were resolved again, not the unrelated module
    again = list(resolved)
    assert "pkg.helpers.clean" in again and "pkg.views.run" in again
    assert "pkg.other.unrelated" not in again
    assert len(again) < resolved_cold
    assert report(changed) == report(full(package))


def test_a_callee_that_starts_returning_a_connection_makes_its_caller_a_sink(
    tmp_path: Path, resolved: list[str]
) -> None:
    """The caller's `conn.search(...)` is an LDAP query only while the helper returns an
    ldap3 connection: an edit of the helper alone must change the unchanged caller's
    finding (the summary's return type is part of the module's link signature)."""
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    directory = package / "directory.py"
    helper = 'import ldap3\n\n\ndef connect():\n    return ldap3.{}("ldap://localhost")\n'
    directory.write_text(helper.format("Server"))
    (package / "views.py").write_text(
        "from flask import Flask, request\n\nfrom app import directory\n\n"
        "app = Flask(__name__)\n\n\n"
        '@app.route("/people")\n'
        "def people():\n"
        "    conn = directory.connect()\n"
        '    conn.search("ou=people", "(uid=" + request.args["uid"] + ")")\n'
        '    return "ok"\n'
    )
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    assert taint_findings(scan([str(package)], config), "views.py") == []
    resolved.clear()
    directory.write_text(helper.format("Connection"))
    changed = scan([str(package)], config)
    assert taint_findings(changed, "views.py") == [("PY-TAINT-LDAPI", 11)]
    assert "app.views.people" in resolved  # resolved again, though its file is unchanged
    assert report(changed) == report(full(package))
    directory.write_text(helper.format("Server"))
    assert taint_findings(scan([str(package)], config), "views.py") == []


def test_removing_the_sink_in_another_module_removes_the_finding(tmp_path: Path) -> None:
    tree = tmp_path / "shop"
    shutil.copytree(SHOP, tree)
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    db = tree / "db.py"
    line = db.read_text().splitlines().index("    cursor.execute(query)") + 1
    cold = scan([str(tree)], config)
    assert ("PY-TAINT-SQLI", line) in taint_findings(cold, "db.py")
    db.write_text(db.read_text().replace("    cursor.execute(query)\n", "    print(query)\n"))
    changed = scan([str(tree)], config)
    assert ("PY-TAINT-SQLI", line) not in taint_findings(changed, "db.py")
    assert report(changed) == report(full(tree))


EDITS: list[tuple[str, str, str]] = [
    # (file, text replaced, replacement): each applied on top of the ones before
    ("services.py", "cleaned = term.strip().lower()", "cleaned = term"),
    ("services.py", 'status = "open"', "status = status"),
    ("db.py", 'WHERE id = ?", (product_id,))', 'WHERE id = " + str(product_id))'),
    ("views.py", "return jsonify(services.count(", "return jsonify(services.search("),
    # a new function and a new import change the modules' signatures: a full link again
    ("db.py", "def connect():", "def helper(x):\n    return x\n\n\ndef connect():"),
    ("services.py", "from . import db\n", "from . import db\nimport os\n"),
    ("services.py", "cleaned = term\n", "cleaned = term\n    os.system(cleaned)\n"),
    # back to a plain parameterised query: a finding disappears again
    ("db.py", 'WHERE id = " + str(product_id))', 'WHERE id = ?", (product_id,))'),
]


@pytest.mark.parametrize("resave", [0.0, 0.999])
def test_each_incremental_rescan_equals_a_full_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resave: float
) -> None:
    """Every rescan links from the last state written: with 0.0 that is the previous
    scan's, with 0.999 the cold scan's (only full links write it), so the edits pile up."""
    monkeypatch.setattr(parallel, "_RESAVE_SHARE", resave)
    tree = tmp_path / "shop"
    shutil.copytree(SHOP, tree)
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    scan([str(tree)], config)
    reports = set()
    for name, old, new in EDITS:
        path = tree / name
        text = path.read_text()
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1))
        incremental = scan([str(tree)], config)
        expected = report(full(tree))
        assert report(incremental) == expected, (name, old)
        reports.add(json.dumps(expected, sort_keys=True))
    assert len(reports) > 3  # the edits changed what is reported


def test_the_link_state_of_another_process_gives_the_same_report(tmp_path: Path) -> None:
    """Rescans run as separate processes, each with its own hash seed: a link state
    written by one must give another exactly the findings of a full link."""
    tree = tmp_path / "taint"
    shutil.copytree(ROOT / "tests" / "rules" / "taint", tree)
    outputs = [tmp_path / f"{name}.json" for name in ("cold", "changed", "full")]

    def run(seed: str, output: Path, *options: str) -> None:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        command = [sys.executable, "-m", "cwescan", "scan", str(tree), "-q", "-j", "1"]
        command += ["-f", "json", "-o", str(output), *options]
        status = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert status.returncode in (0, 1), status.stderr

    cache = ["--cache-dir", str(tmp_path / "cache")]
    run("1", outputs[0], *cache)
    services = tree / "crossmodule" / "shop" / "services.py"
    services.write_text(services.read_text().replace("term.strip().lower()", "term"))
    run("2", outputs[1], *cache)
    run("3", outputs[2], "--no-cache")
    texts = [json.loads(p.read_text()) for p in outputs]
    for text in texts:
        text.pop("timings")
    assert texts[1] == texts[2]
    assert texts[0] != texts[1]
