"""Reading `# expect:` / `# safe:` annotations from fixture files.

An annotation comment applies to the next line that is not blank and not a comment.
`# expect: CWE-89` (or a rule id) means a finding of that CWE/rule must start on that
line; `# safe: CWE-89` means none may. Several codes are separated by commas. A fixture
file's first lines may hold `# cwescan-fixture: profile=audit` to run the audit profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ANNOTATION = re.compile(r"#\s*(expect|safe)\s*:\s*([A-Za-z0-9_,\- ]+)")
_PROFILE = re.compile(r"#\s*cwescan-fixture:\s*profile=(\w+)")


@dataclass
class Annotations:
    expect: dict[int, set[str]] = field(default_factory=dict)
    safe: dict[int, set[str]] = field(default_factory=dict)
    profile: str = "default"


def read_annotations(path: Path) -> Annotations:
    """Every annotation in a fixture file, keyed by the line it applies to."""
    result = Annotations()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    pending: list[tuple[str, set[str]]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if number <= 3:
            profile = _PROFILE.search(stripped)
            if profile:
                result.profile = profile.group(1)
        if stripped.startswith("#"):
            match = _ANNOTATION.match(stripped)
            if match:
                codes = {c.strip().upper() for c in match.group(2).split(",") if c.strip()}
                pending.append((match.group(1), codes))
            continue
        if not stripped:
            continue
        for kind, codes in pending:
            target = result.expect if kind == "expect" else result.safe
            target.setdefault(number, set()).update(codes)
        pending = []
    return result


def finding_codes(rule_id: str, cwe: str) -> set[str]:
    """The codes an annotation may use for a finding: its rule id and its CWE."""
    return {rule_id.upper(), cwe.upper()}


def helper_package(root: Path, clean_body: str) -> Path:
    """Package `pkg` under `root`: a Flask view that runs `os.system` on request input
    passed through `helpers.clean`, whose body is `clean_body` (safe or not)."""
    package = root / "pkg"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "helpers.py").write_text(clean_body)
    (package / "views.py").write_text(
        "import os\n\nfrom flask import Flask, request\n\nfrom pkg.helpers import clean\n\n"
        'app = Flask(__name__)\n\n\n@app.route("/run")\ndef run():\n'
        '    os.system("echo " + clean(request.args["x"]))\n'
    )
    return package
