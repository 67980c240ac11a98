"""The analysis cache: reuse by content, signed entries, atomic writes."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

from cwescan.cache import AnalysisCache


def test_roundtrip_and_content_keying(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x = 1\n")
    assert cache.get(key) is None
    cache.put(key, {"findings": [1, 2]})
    assert AnalysisCache(tmp_path, "v1").get(key) == {"findings": [1, 2]}
    assert cache.key_for("a.py", b"x = 2\n") != key
    assert AnalysisCache(tmp_path, "v2").key_for("a.py", b"x = 1\n") != key


class _Boom:
    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))

    def __init__(self, marker: str) -> None:
        self.marker = marker


def test_a_planted_unsigned_pickle_is_never_loaded(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path / "cache", "v1")
    key = cache.key_for("a.py", b"x = 1\n")
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Boom(str(marker)))
    cache.write_raw([(key, b"\0" * 32, payload)])
    assert cache.read_raw(key) is not None
    assert cache.get(key) is None
    assert not marker.exists()


def test_a_different_users_key_does_not_verify(tmp_path: Path) -> None:
    first = AnalysisCache(tmp_path / "one", "v1")
    key = first.key_for("a.py", b"x")
    first.put(key, "value")
    second = AnalysisCache(tmp_path / "two", "v1")
    stored = first.read_raw(key)
    assert stored is not None
    second.write_raw([(key, *stored)])
    assert second.get(key) is None


def test_secret_key_is_private(tmp_path: Path) -> None:
    AnalysisCache(tmp_path, "v1")
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_truncated_entry_is_a_miss(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x")
    cache.put(key, list(range(1000)))
    stored = cache.read_raw(key)
    assert stored is not None
    signature, payload = stored
    cache.write_raw([(key, signature, payload[: len(payload) // 2])])
    assert cache.get(key) is None


def test_entries_are_private(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    cache.put(cache.key_for("a.py", b"x"), "value")
    stored = [p for p in tmp_path.iterdir() if p.name.startswith("entries.sqlite")]
    assert stored
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in stored)


def test_a_damaged_database_is_started_again(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x")
    cache.put(key, "value")
    cache.close()
    for leftover in tmp_path.glob("entries.sqlite-*"):
        leftover.unlink()
    (tmp_path / "entries.sqlite").write_bytes(b"not a database at all" * 100)
    again = AnalysisCache(tmp_path, "v1")
    assert again.get(key) is None
    again.put(key, "new value")
    assert AnalysisCache(tmp_path, "v1").get(key) == "new value"


def _write_entries(folder: str, first: int, count: int) -> None:
    cache = AnalysisCache(Path(folder), "v1")
    for number in range(first, first + count):
        cache.put(cache.key_for(f"{number}.py", b"x"), list(range(number % 50)))


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_entries, args=(str(tmp_path), start, 200))
        for start in (0, 200, 400)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    cache = AnalysisCache(tmp_path, "v1")
    for number in range(600):
        assert cache.get(cache.key_for(f"{number}.py", b"x")) == list(range(number % 50))


def _write_forever(folder: str, ready: Any) -> None:
    cache = AnalysisCache(Path(folder), "v1")
    big = os.urandom(1 << 20)
    cache.put(cache.key_for("kept.py", b"x"), "kept")
    ready.set()
    number = 0
    while True:
        number += 1
        cache.put_many([(cache.key_for(f"{number}-{i}.py", b"x"), big) for i in range(20)])


def test_a_writer_killed_mid_write_leaves_a_readable_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    writer = context.Process(target=_write_forever, args=(str(tmp_path), ready))
    writer.start()
    assert ready.wait(60)
    time.sleep(0.3)
    os.kill(writer.pid, signal.SIGKILL)  # most likely inside a 20 MB transaction
    writer.join()
    cache = AnalysisCache(tmp_path, "v1")
    assert cache.get(cache.key_for("kept.py", b"x")) == "kept"
    cache.put(cache.key_for("after.py", b"x"), "after")
    assert cache.get(cache.key_for("after.py", b"x")) == "after"


def test_a_database_of_another_layout_is_started_again(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "entries.sqlite") as database:
        database.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB)")
        database.execute("INSERT INTO entries VALUES ('k', x'00')")
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x")
    cache.put(key, "value")
    assert AnalysisCache(tmp_path, "v1").get(key) == "value"


def test_a_value_stored_in_parts_comes_back_part_by_part(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("state", b"")
    parts = [("header", 1), {"a": [1, 2]}, list(range(5000)), {"b": "x" * (3 << 20)}]
    cache.put_parts(key, iter(parts))
    stored = AnalysisCache(tmp_path, "v1").get_parts(key)
    assert stored is not None
    assert list(stored) == parts
    signature, payload = cache.read_raw(key) or (b"", b"")
    cache.write_raw([(key, signature, payload[:-10])])  # torn: the signature fails
    assert cache.get_parts(key) is None


def test_entry_files_of_earlier_versions_are_deleted_and_nothing_else(tmp_path: Path) -> None:
    old_entries = [tmp_path / "3f" / ("a" * 62 + suffix)
                   for suffix in (".bin", "-taint.bin", "-link.bin")]
    left_by_a_killed_run = tmp_path / "3f" / ".entry.k2j_x9qa"
    for path in (*old_entries, left_by_a_killed_run):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"an old pickle")
    # a cache folder the user chose may hold other things: names of another shape stay
    kept = [tmp_path / "ab" / "notes.bin", tmp_path / "cd" / ("b" * 61 + ".bin"),
            tmp_path / "ef" / ("d" * 62 + "-mine.bin"),
            tmp_path / "src" / ("c" * 62 + ".bin"), tmp_path / "README.md"]
    for path in kept:
        path.parent.mkdir(exist_ok=True)
        path.write_text("mine")

    cache = AnalysisCache(tmp_path, "v1")

    assert not (tmp_path / "3f").exists()
    assert all(path.read_text() == "mine" for path in kept)
    key = cache.key_for("a.py", b"x = 1\n")
    cache.put(key, [1])
    assert AnalysisCache(tmp_path, "v1").get(key) == [1]


def _stored(folder: Path, keys: list[str]) -> list[bool]:
    reader = AnalysisCache(folder, "v1")
    return [reader.read_raw(key) is not None for key in keys]


def test_over_the_cap_the_least_recently_used_entries_go_first(tmp_path: Path) -> None:
    first = AnalysisCache(tmp_path, "v1")
    keys = [first.key_for(f"{n}.py", b"") for n in range(5)]
    for key in keys:
        first.put_bytes(key, os.urandom(200_000))
    first.finish()
    later = AnalysisCache(tmp_path, "v1", max_size=700_000)
    assert later.get_bytes(keys[0]) is not None  # read again: now the most recently used
    later.finish()
    kept = _stored(tmp_path, keys)
    assert kept[0]
    assert not kept[1]  # written after the first entry, but not used since
    assert 0 < kept.count(False) < 5
    assert later.usage().live_bytes <= 700_000


def test_a_scan_never_evicts_what_it_used_itself(tmp_path: Path) -> None:
    """Even a scan larger than the cap keeps its own entries for the next run."""
    old = AnalysisCache(tmp_path, "v1")
    old_key = old.key_for("old.py", b"")
    old.put_bytes(old_key, os.urandom(100_000))
    old.finish()
    scan = AnalysisCache(tmp_path, "v1", max_size=50_000)
    keys = [scan.key_for(f"{n}.py", b"") for n in range(3)]
    for key in keys:
        scan.put_bytes(key, os.urandom(100_000))
    scan.finish()
    assert _stored(tmp_path, [old_key, *keys]) == [False, True, True, True]


def test_uses_are_recorded_for_entries_a_scan_stands_on_without_reading(
    tmp_path: Path,
) -> None:
    first = AnalysisCache(tmp_path, "v1")
    keys = [first.key_for(f"{n}.py", b"") for n in range(4)]
    for key in keys:
        first.put_bytes(key, os.urandom(200_000))
    first.finish()
    warm = AnalysisCache(tmp_path, "v1")
    warm.touch(keys[:2])  # a manifest hit: these file entries are still in use
    warm.finish()
    pruning = AnalysisCache(tmp_path, "v1", max_size=600_000)
    pruning.finish()
    assert _stored(tmp_path, keys)[:2] == [True, True]
    assert not all(_stored(tmp_path, keys)[2:])


def test_clear_deletes_every_entry_and_gives_the_space_back(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    keys = [cache.key_for(f"{n}.py", b"") for n in range(3)]
    for key in keys:
        cache.put_bytes(key, os.urandom(300_000))
    assert cache.usage().file_bytes > 800_000
    assert cache.clear() == 3
    assert _stored(tmp_path, keys) == [False, False, False]
    assert cache.usage().file_bytes < 100_000


def test_a_cache_of_the_previous_layout_is_replaced_and_shrunk(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "entries.sqlite") as connection:
        connection.execute(
            "CREATE TABLE entries (key TEXT PRIMARY KEY, signature BLOB, value BLOB)"
        )
        connection.executemany(
            "INSERT INTO entries VALUES (?, ?, ?)",
            [(str(n), b"", os.urandom(100_000)) for n in range(10)],
        )
        connection.execute("PRAGMA user_version = 1")
    connection.close()
    assert (tmp_path / "entries.sqlite").stat().st_size > 1_000_000
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x")
    cache.put(key, "value")
    assert cache.get(key) == "value"
    assert cache.usage().entries == 1
    assert (tmp_path / "entries.sqlite").stat().st_size < 100_000
