"""PY-UPLOAD-001: how severe and how sure a finding is, which the fixtures do not show
(they live under tests/, where every finding is downgraded as test code)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwescan.config import Config
from cwescan.model import Confidence, Severity
from cwescan.runner import scan

HEADER = """\
import os
from flask import Flask, abort, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "static/uploads"
ARCHIVE = "/srv/archive"
ALLOWED = {"image/png", "image/jpeg"}


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
"""


def _upload_findings(tmp_path: Path, body: str) -> list[tuple[Severity, Confidence]]:
    app = tmp_path / "app.py"
    app.write_text(HEADER + body, encoding="utf-8")
    config = Config(
        severity_threshold=Severity.INFO,
        confidence_threshold=Confidence.LOW,
        respect_gitignore=False,
    )
    result = scan([str(app)], config)
    return [(f.severity, f.confidence) for f in result.findings if f.rule_id == "PY-UPLOAD-001"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a folder the web server serves (through the app's configuration)
        (
            '    f.save(os.path.join(app.config["UPLOAD_FOLDER"], secure_filename(f.filename)))\n',
            [(Severity.HIGH, Confidence.MEDIUM)],
        ),
        # the working directory: the application's own folder
        ("    f.save(secure_filename(f.filename))\n", [(Severity.HIGH, Confidence.MEDIUM)]),
        (
            '    f.save("uploads/" + secure_filename(f.filename))\n',
            [(Severity.HIGH, Confidence.MEDIUM)],
        ),
        # a folder outside the application, not served
        (
            "    f.save(os.path.join(ARCHIVE, secure_filename(f.filename)))\n",
            [(Severity.MEDIUM, Confidence.MEDIUM)],
        ),
        # only the declared Content-Type checked: the client sets it
        (
            "    if f.content_type not in ALLOWED:\n"
            "        abort(415)\n"
            "    f.save(os.path.join(ARCHIVE, secure_filename(f.filename)))\n",
            [(Severity.MEDIUM, Confidence.LOW)],
        ),
        # the extension checked: nothing to report
        (
            '    if f.filename.rsplit(".", 1)[-1].lower() not in {"png", "jpg"}:\n'
            "        abort(415)\n"
            "    f.save(os.path.join(ARCHIVE, secure_filename(f.filename)))\n",
            [],
        ),
    ],
)
def test_severity_and_confidence(
    tmp_path: Path, body: str, expected: list[tuple[Severity, Confidence]]
) -> None:
    assert _upload_findings(tmp_path, body) == expected
