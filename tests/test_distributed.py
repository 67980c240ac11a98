"""Dask: scans handed to a real local cluster give the report of a local run."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cwescan.cli import main
from cwescan.config import Config
from cwescan.model import ScanResult
from cwescan.report import renderers
from cwescan.runner import scan

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed: pip install 'cwescan[distributed]'"
)

ROOT = Path(__file__).resolve().parent.parent


def report(result: ScanResult) -> dict:
    data = json.loads(renderers()["json"](result, False))
    data.pop("timings")
    return data


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A scheduler on 127.0.0.1 with one in-process worker of two threads."""
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("tree", ["examples", "tests/rules"])
def test_a_cluster_scan_gives_the_local_report(
    tree: str, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    local = scan([tree], Config(jobs=1, cache=False))
    remote = scan([tree], Config(cache=False, scheduler=scheduler))
    assert local.findings
    assert report(remote) == report(local)


def test_cluster_results_fill_the_local_cache(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CWESCAN_CACHE_DIR", str(tmp_path / "user"))
    config = Config(cache_dir=str(tmp_path / "cache"))
    remote = scan(["examples"], config.with_overrides(scheduler=scheduler))
    with sqlite3.connect(tmp_path / "cache" / "entries.sqlite") as database:
        (stored,) = database.execute("SELECT count(*) FROM entries").fetchone()
    assert stored >= len(list(Path("examples").rglob("*.py")))  # an entry per file, at least
    warm = scan(["examples"], config.with_overrides(jobs=1))
    assert report(warm) == report(remote)


def test_scan_many_writes_one_report_per_repository(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("CWESCAN_CACHE_DIR", str(tmp_path / "user"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "loader.py").write_text(
        "import pickle\n\n\ndef load(data):\n    return pickle.loads(data)\n"
    )
    listing = tmp_path / "repos.txt"
    listing.write_text(f"# two repositories\n{ROOT / 'examples'}\n\nother\n")
    out = tmp_path / "reports"
    status = main(
        ["scan-many", str(listing), "--scheduler", scheduler, "--no-cache", "-o", str(out)]
    )
    assert status == 1  # both have findings
    written = sorted(p.name for p in out.iterdir())
    assert written == ["examples.json", "other.json"]
    for name, target in (("examples.json", ROOT / "examples"), ("other.json", other)):
        got = json.loads((out / name).read_text())
        got.pop("timings")
        assert got == report(scan([str(target)], Config(jobs=1, cache=False)))
    printed = capsys.readouterr().out
    assert "other: 1 finding in 1 files" in printed


def test_scan_many_reports_a_missing_repository(
    scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text("missing\n")
    assert main(["scan-many", str(listing), "--scheduler", scheduler, "--no-cache"]) == 2
    assert "missing: not scanned:" in capsys.readouterr().out
