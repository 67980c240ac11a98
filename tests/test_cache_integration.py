"""The analysis cache in scans: reuse by content, dependents updated, nothing planted runs."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from cwescan import parallel
from cwescan.cache import AnalysisCache
from cwescan.cli import main
from cwescan.config import Config
from cwescan.discovery import discover
from cwescan.model import ScanResult
from cwescan.report import renderers
from cwescan.runner import scan, select_rules
from tests.fixtures import helper_package

ROOT = Path(__file__).resolve().parent.parent


def report(result: ScanResult) -> dict:
    data = json.loads(renderers()["json"](result, False))
    data.pop("timings")
    return data


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files each scan really analyses (not served from the cache), in this process."""
    seen: list[str] = []
    real = parallel.analyze_file

    def counting(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(source.path.name)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(parallel, "analyze_file", counting)
    return seen


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the signing key (and default entries) out of the real user cache folder."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("CWESCAN_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("tree", ["examples", "tests/rules"])
def test_a_warm_scan_analyses_nothing_and_reports_the_same(
    tree: str, tmp_path: Path, analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    fresh = scan([tree], Config(jobs=1, cache=False))
    count = len(analysed)
    cached = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    cold = scan([tree], cached)
    assert len(analysed) == 2 * count
    warm = scan([tree], cached)
    assert len(analysed) == 2 * count  # nothing parsed or analysed again
    assert fresh.findings
    assert report(cold) == report(fresh)
    assert report(warm) == report(fresh)


def _taint_rules_in(result: ScanResult, name: str) -> set[str]:
    return {
        f.rule_id
        for f in result.findings
        if f.location.path.endswith(name) and f.rule_id.startswith("PY-TAINT")
    }


def test_changing_a_callee_updates_the_finding_in_its_unchanged_caller(
    tmp_path: Path, analysed: list[str]
) -> None:
    package = helper_package(tmp_path, "def clean(value):\n    return value\n")
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    before = scan([str(package)], config)
    assert _taint_rules_in(before, "views.py") == {"PY-TAINT-CMDI"}
    analysed.clear()
    (package / "helpers.py").write_text(
        "import shlex\n\n\ndef clean(value):\n    return shlex.quote(value)\n"
    )
    after = scan([str(package)], config)
    assert analysed == ["helpers.py"]  # views.py comes from the cache …
    assert _taint_rules_in(after, "views.py") == set()  # … and still learns of the change
    assert report(after) == report(scan([str(package)], Config(jobs=1, cache=False)))


def _entry_count(folder: Path) -> int:
    with sqlite3.connect(folder / "entries.sqlite") as connection:
        return connection.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_a_rescan_after_an_edit_adds_only_the_edited_files_entry(
    tmp_path: Path, analysed: list[str]
) -> None:
    """The manifest and link findings of a scan replace the last ones of the same files:
    a cache used on every commit grows by the files edited, not by a megabyte a scan."""
    package = helper_package(tmp_path, "def clean(value):\n    return value\n")
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    original = report(scan([str(package)], config))
    stored = _entry_count(tmp_path / "cache")
    helpers = package / "helpers.py"
    first = helpers.read_text()
    for number in range(3):
        helpers.write_text(first + f"\nEDIT = {number}\n")
        scan([str(package)], config)
        assert _entry_count(tmp_path / "cache") == stored + number + 1
    helpers.write_text(first)  # back to the first contents (a branch switched back)
    analysed.clear()
    assert report(scan([str(package)], config)) == original
    assert analysed == []  # every file's entry is still there


def test_other_settings_do_not_reuse_entries(tmp_path: Path, analysed: list[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("import pickle\npickle.loads(data)\n")
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    assert scan([str(tmp_path / "src")], config).findings
    skipped = scan([str(tmp_path / "src")], config.with_overrides(skips=("CWE-502",)))
    assert analysed == ["a.py", "a.py"]
    assert not skipped.findings


def test_no_cache_stores_nothing(tmp_path: Path, user_cache: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    scan([str(tmp_path / "a.py")], Config(jobs=1, cache=False, cache_dir=str(tmp_path / "c")))
    assert not (tmp_path / "c").exists()
    assert not user_cache.exists()


def test_damaged_entries_are_analysed_again(tmp_path: Path, analysed: list[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("import pickle\npickle.loads(data)\n")
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    first = scan([str(tmp_path / "src")], config)
    cache = parallel.open_cache(config, select_rules(config))
    assert cache is not None
    with sqlite3.connect(cache.folder / "entries.sqlite") as database:
        stored = database.execute("SELECT key, value FROM entries").fetchall()
        assert stored
        database.executemany(
            "UPDATE entries SET value = ? WHERE key = ?", [(v[:20], k) for k, v in stored]
        )
    again = scan([str(tmp_path / "src")], config)
    assert analysed == ["a.py", "a.py"]
    assert report(again) == report(first)


class _Planted:
    """A pickle that would create a marker file when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(self.marker),))


def test_a_repository_cannot_plant_cache_entries_through_its_config(
    tmp_path: Path, user_cache: Path
) -> None:
    """A hostile repository sets `cache-dir` to a folder it ships, with its own signing
    key and entries signed by it; cwescan signs with the user's key, so none loads."""
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "a.py").write_text("import pickle\npickle.loads(data)\n")
    (repo / "pyproject.toml").write_text('[tool.cwescan]\ncache-dir = ".cwescan_cache"\n')
    shipped = repo / ".cwescan_cache"
    marker = tmp_path / "pwned"
    config = Config(cache_dir=str(shipped))
    attacker = AnalysisCache(shipped, parallel.settings_key(config, select_rules(config)))
    for index, source in enumerate(discover([str(repo / "src")]).files):
        task = parallel._read_task(index, source, config, attacker)
        assert task.key is not None
        attacker.put_bytes(task.key, pickle.dumps(_Planted(marker)))
    out = tmp_path / "report.json"
    status = main(["scan", str(repo / "src"), "-q", "-j", "1", "-f", "json", "-o", str(out)])
    assert status == 1
    assert not marker.exists()
    assert json.loads(out.read_text())["summary"]["findings"] == 1
    assert (user_cache / "secret.key").exists()  # the key lives with the user


def test_cache_options_on_the_command_line(tmp_path: Path, analysed: list[str]) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("import pickle\npickle.loads(data)\n")
    out = [tmp_path / "one.json", tmp_path / "two.json", tmp_path / "three.json"]
    common = ["scan", str(tmp_path / "src"), "-q", "-j", "1", "-f", "json", "--cache-dir"]
    assert main([*common, str(tmp_path / "c"), "-o", str(out[0])]) == 1
    assert main([*common, str(tmp_path / "c"), "-o", str(out[1])]) == 1
    assert main([*common, str(tmp_path / "c"), "--no-cache", "-o", str(out[2])]) == 1
    assert analysed == ["a.py", "a.py"]  # the second run came from the cache
    texts = [json.loads(p.read_text()) for p in out]
    for text in texts:
        text.pop("timings")
    assert texts[0] == texts[1] == texts[2]


def _project(folder: Path) -> Path:
    """Eight modules of forty request handlers: about half a megabyte of cache entries."""
    folder.mkdir(parents=True)
    body = "".join(
        f"def handler_{n}(request):\n"
        f"    import os\n"
        f"    os.system(request.args['c{n}'])\n"
        f"    return request.args.get('x{n}')\n\n"
        for n in range(40)
    )
    for index in range(8):
        (folder / f"m{index}.py").write_text(body)
    return folder


def test_a_full_cache_evicts_the_project_scanned_least_recently(
    tmp_path: Path, analysed: list[str]
) -> None:
    """Beyond `cache-max-size` the entries used longest ago go: the repository scanned on
    every commit stays warm (its warm scans count as uses), the one left alone does not."""
    first, second, third = (_project(tmp_path / name) for name in ("first", "second", "third"))
    config = Config(jobs=1, cache_dir=str(tmp_path / "cache"))
    scan([str(first)], config)
    one_project = AnalysisCache(tmp_path / "cache", "").usage().live_bytes
    capped = config.with_overrides(cache_max_size=int(one_project * 2.6))
    scan([str(second)], capped)
    analysed.clear()
    scan([str(first)], capped)  # warm: reads only the manifest
    assert analysed == []
    scan([str(third)], capped)  # over the cap: the second project goes
    assert AnalysisCache(tmp_path / "cache", "").usage().live_bytes <= capped.cache_max_size
    analysed.clear()
    scan([str(first)], capped)
    scan([str(third)], capped)
    assert analysed == []
    scan([str(second)], capped)
    assert analysed  # analysed again


def test_cache_info_prune_and_clear_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "project")
    folder = tmp_path / "cache"
    common = ["--cache-dir", str(folder)]
    assert main(["cache", "info", *common]) == 0
    assert f"no cache in {folder}" in capsys.readouterr().out
    main(["scan", str(project), "-q", "-j", "1", "-f", "json", "-o", str(tmp_path / "r"), *common])
    assert main(["cache", "info", *common]) == 0
    shown = capsys.readouterr().out
    assert "entries:        11" in shown  # 8 files, the manifest, the link state and findings
    assert "size cap:       1.0 GiB" in shown
    assert main(["cache", "prune", "--max-size", "100KB", *common]) == 0
    pruned = capsys.readouterr().out
    assert pruned.startswith("cwescan: evicted ")
    assert AnalysisCache(folder, "").usage().file_bytes <= 100 * 1024
    assert main(["cache", "clear", *common]) == 0
    assert "deleted" in capsys.readouterr().out
    assert AnalysisCache(folder, "").usage().entries == 0


def test_a_misspelt_cache_size_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "cwescan.toml"
    config.write_text('cache-max-size = "lots"\n')
    assert main(["cache", "info", "--config", str(config)]) == 2
    assert "cache-max-size" in capsys.readouterr().err


def _scan_repeatedly(project: str, cache_dir: str, cap: int, out: str) -> None:
    reports = []
    for _ in range(3):
        config = Config(jobs=1, cache_dir=cache_dir, cache_max_size=cap)
        reports.append(report(scan([project], config)))
    Path(out).write_text(json.dumps(reports))


def test_scans_sharing_a_small_cache_prune_each_other_and_report_right(tmp_path: Path) -> None:
    """Two processes scanning different projects into one cache too small for both evict
    each other's entries while they run; every report still equals a scan without cache."""
    import multiprocessing

    projects = [_project(tmp_path / name) for name in ("left", "right")]
    cache_dir = str(tmp_path / "cache")
    scan([str(projects[0])], Config(jobs=1, cache_dir=cache_dir))
    cap = int(AnalysisCache(tmp_path / "cache", "").usage().live_bytes * 1.2)
    context = multiprocessing.get_context("spawn")
    outputs = [tmp_path / f"{p.name}.json" for p in projects]
    runners = [
        context.Process(target=_scan_repeatedly, args=(str(p), cache_dir, cap, str(o)))
        for p, o in zip(projects, outputs, strict=True)
    ]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
        assert runner.exitcode == 0
    for project, output in zip(projects, outputs, strict=True):
        expected = report(scan([str(project)], Config(jobs=1, cache=False)))
        assert expected["findings"]
        assert all(got == expected for got in json.loads(output.read_text()))
