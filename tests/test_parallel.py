"""Worker processes: the same report as a serial run, and a crashed worker costs one file."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from cwescan import parallel
from cwescan.cli import main
from cwescan.config import Config
from cwescan.model import ScanResult
from cwescan.report import renderers
from cwescan.runner import scan

ROOT = Path(__file__).resolve().parent.parent
TREES = ["examples", "tests/rules"]


def report(result: ScanResult) -> dict:
    """The JSON report without the timings (the only part allowed to differ)."""
    data = json.loads(renderers()["json"](result, False))
    data.pop("timings")
    return data


@pytest.fixture
def pool_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Send even small trees to the worker pool, and record each pool's worker count."""
    monkeypatch.setattr(parallel, "_IN_PROCESS_FILES", 0)
    started: list[int] = []
    real = parallel._run_on_pool

    def spy(workers: int, *args: object) -> None:
        started.append(workers)
        real(workers, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_run_on_pool", spy)
    return started


@pytest.mark.parametrize("tree", TREES)
def test_worker_processes_give_the_serial_report(
    tree: str, pool_spy: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    serial = scan([tree], Config(jobs=1, cache=False))
    assert pool_spy == []  # -j 1 never starts workers
    pooled = scan([tree], Config(jobs=2, cache=False))
    assert pool_spy == [2]
    assert serial.findings, "the tree has findings to compare"
    assert report(pooled) == report(serial)


def test_reports_leave_out_how_the_scan_ran(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import pickle\npickle.loads(b'')\n")
    one = scan([str(tmp_path)], Config(jobs=1, cache=False))
    other = scan([str(tmp_path)], Config(jobs=7, cache=True, cache_dir=str(tmp_path / "c")))
    assert report(one) == report(other)
    assert "jobs" not in report(one)["config"]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the crash is injected into forked workers",
)
def test_a_crashed_worker_costs_only_the_file_it_was_analysing(
    tmp_path: Path, pool_spy: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(12):
        (tmp_path / f"m{number}.py").write_text("import pickle\n\npickle.loads(data)\n")
    (tmp_path / "crash.py").write_text("x = 1\n")
    real = parallel.analyze_file

    def crashing(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if source.path.name == "crash.py":
            os._exit(3)  # what a segfault in a native parser or the OOM killer looks like
        return real(source, *args, **kwargs)

    monkeypatch.setattr(parallel, "analyze_file", crashing)
    # forked workers inherit the patch (other tests may leave threads that rule out fork)
    monkeypatch.setattr(parallel, "_pool_context", lambda: multiprocessing.get_context("fork"))
    result = scan([str(tmp_path)], Config(jobs=2, cache=False))
    assert pool_spy == [2]
    crashed = [e for e in result.errors if e.path.endswith("crash.py")]
    assert len(crashed) == 1 and crashed[0].message.startswith("analysis incomplete")
    assert result.files_scanned == 12
    assert sorted(Path(f.location.path).name for f in result.findings) == sorted(
        f"m{n}.py" for n in range(12)
    )


def test_jobs_on_the_command_line_and_in_config(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    with pytest.raises(SystemExit) as stop:
        main(["scan", str(tmp_path), "-q", "-j", "two"])
    assert stop.value.code == 2
    (tmp_path / "pyproject.toml").write_text("[tool.cwescan]\njobs = -1\n")
    assert main(["scan", str(tmp_path), "-q", "--no-cache"]) == 2
    (tmp_path / "pyproject.toml").write_text("[tool.cwescan]\njobs = 1\ncache = false\n")
    assert main(["scan", str(tmp_path), "-q", "-f", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["files_scanned"] == 1


def test_batches_cover_every_file_once_largest_first() -> None:
    tasks = [
        parallel.FileTask(i, None, b"x" * size, ("m", False), None)  # type: ignore[arg-type]
        for i, size in enumerate([5, 500, 50, 5000, 1, 0, 70])
    ]
    batches = parallel.make_batches(tasks, workers=2)
    flat = [t.index for batch in batches for t in batch]
    assert sorted(flat) == list(range(7))
    assert flat[0] == 3  # the largest file starts first


def test_module_names_are_those_of_a_file_on_its_own() -> None:
    from cwescan.runner import module_name_for_file

    names = parallel._PackageNames()
    files = sorted((ROOT / "tests" / "rules").rglob("*.py")) + sorted(
        (ROOT / "src" / "cwescan").rglob("*.py")
    )
    assert [names.module(f) for f in files] == [module_name_for_file(f) for f in files]
    assert names.module(ROOT / "src" / "cwescan" / "rules" / "tls.py") == (
        "cwescan.rules.tls",
        False,
    )


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the budget uses SIGALRM")
def test_a_file_over_its_budget_is_reported_incomplete_and_tried_again_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "slow.py").write_text("x = 1\n")
    (tmp_path / "src" / "ok.py").write_text("import pickle\npickle.loads(data)\n")
    monkeypatch.setenv("CWESCAN_CACHE_DIR", str(tmp_path / "user"))
    real = parallel.analyze_file

    def stalling(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if source.path.name == "slow.py":
            time.sleep(60)  # stands for pathological code; the budget cuts it short
        return real(source, *args, **kwargs)

    monkeypatch.setattr(parallel, "analyze_file", stalling)
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"), file_budget=0.5)
    result = scan([str(tmp_path / "src")], config)
    [error] = [e for e in result.errors if e.path.endswith("slow.py")]
    assert error.message.startswith(
        "analysis incomplete: stopped after the per-file budget of 0.5 s"
    )
    assert [Path(f.location.path).name for f in result.findings] == ["ok.py"]
    monkeypatch.setattr(parallel, "analyze_file", real)
    again = scan([str(tmp_path / "src")], config)  # not cached: analysed again, in time
    assert not again.errors
    with pytest.raises(SystemExit) as stop:
        main(["scan", str(tmp_path / "src"), "--file-budget", "soon"])
    assert stop.value.code == 2


def test_a_result_that_cannot_travel_back_is_analysed_here(
    tmp_path: Path, pool_spy: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(6):
        (tmp_path / f"m{number}.py").write_text("import pickle\n\npickle.loads(data)\n")
    serial = scan([str(tmp_path)], Config(jobs=1, cache=False))
    real = parallel.analyze_file

    def unpicklable(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        analysis = real(source, *args, **kwargs)
        if multiprocessing.parent_process() is not None:  # only in the worker
            analysis.observations.append(lambda: None)  # type: ignore[arg-type]
        return analysis

    monkeypatch.setattr(parallel, "analyze_file", unpicklable)
    monkeypatch.setattr(parallel, "_pool_context", lambda: multiprocessing.get_context("fork"))
    pooled = scan([str(tmp_path)], Config(jobs=2, cache=False))
    assert pool_spy == [2]
    assert report(pooled) == report(serial)
