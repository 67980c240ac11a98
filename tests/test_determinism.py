"""The same code gives the same report whatever the hash seed of the process.

Sets and dicts keyed by strings iterate in a seed-dependent order; anything that lets
that order choose a kept trace or a finding shows up here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _report(seed: str, target: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "cwescan",
            "scan",
            target,
            "-f",
            "json",
            "--no-cache",
            "-j",
            "1",
            "--severity-threshold",
            "info",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode in (0, 1), completed.stderr
    data = json.loads(completed.stdout)
    data.pop("timings", None)
    return json.dumps(data, sort_keys=True)


def test_taint_fixtures_report_is_independent_of_the_hash_seed() -> None:
    target = "tests/rules/taint"
    assert _report("1", target) == _report("4242", target)


def test_many_writers_of_one_attribute_keep_the_same_trace(tmp_path: Path) -> None:
    # several methods store different request fields in one attribute that reaches a
    # sink: which writer's trace is kept must not depend on set iteration order
    fields = ["args", "form", "cookies", "headers", "values", "files", "json", "view_args"]
    writers = "".join(
        f"    def set_{n}(self):\n        self.value = request.{f}['k{n}']\n"
        for n, f in enumerate(fields)
    )
    (tmp_path / "store.py").write_text(
        "import os\nfrom flask import request\n\n\nclass Store:\n"
        + writers
        + "    def run(self):\n        os.system(self.value)\n",
        encoding="utf-8",
    )
    reports = {_report(seed, str(tmp_path)) for seed in ("1", "2", "3", "4")}
    assert len(reports) == 1
