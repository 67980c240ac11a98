"""The analysis cache: reuse by content, signed entries, atomic writes."""

from __future__ import annotations

import pickle
from pathlib import Path

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
    entry = cache._path(key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(_Boom(str(marker)))
    entry.write_bytes(b"CWESCAN-CACHE-1\n" + b"\0" * 32 + payload)
    assert cache.get(key) is None
    assert not marker.exists()


def test_a_different_users_key_does_not_verify(tmp_path: Path) -> None:
    first = AnalysisCache(tmp_path / "one", "v1")
    key = first.key_for("a.py", b"x")
    first.put(key, "value")
    second = AnalysisCache(tmp_path / "two", "v1")
    second._path(key).parent.mkdir(parents=True, exist_ok=True)
    second._path(key).write_bytes(first._path(key).read_bytes())
    assert second.get(key) is None


def test_secret_key_is_private(tmp_path: Path) -> None:
    AnalysisCache(tmp_path, "v1")
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_truncated_entry_is_a_miss(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path, "v1")
    key = cache.key_for("a.py", b"x")
    cache.put(key, list(range(1000)))
    blob = cache._path(key).read_bytes()
    cache._path(key).write_bytes(blob[: len(blob) // 2])
    assert cache.get(key) is None
