"""The incremental cache: a file's analysis, keyed by its content, reused when unchanged.

Key = SHA-256 of the file bytes, its display path, the cwescan version and the
settings that change per-file results (profile, rules selected, taint on/off, test-code
handling). Entries are pickles, because a file's analysis holds findings and taint
summaries as dataclasses — and a pickle from a hostile repository would run code on
load. So every entry is signed with HMAC-SHA256 under a per-user secret key kept with
mode 0600 in the user's own cache folder — never in the entries folder, which a
project's configuration may choose (`cache-dir`) and a hostile repository may fill with
a key and entries of its own; an entry whose signature does not verify is ignored and
recomputed, never unpickled.

The entries live in one SQLite database in the folder (`entries.sqlite`, standard
library `sqlite3`). One file per entry cost a cold scan of Django more than two CPU
seconds of kernel time creating 2,800 files; the database takes a tenth of that. SQLite's
transactions keep concurrent and interrupted runs safe: a write is whole or absent,
concurrent writers wait for each other (up to `_BUSY_SECONDS`, then the entry is simply
not stored), and a database that cannot be read is deleted and started again.

The database is kept under a size cap (`cache-max-size`, 1 GiB by default), least
recently used entries first: each entry's last use is kept in a small table beside
it (`uses`), so recording a use never rewrites a megabyte-sized row. A warm scan reads
only the scan's manifest, so it records a use of every file entry the manifest stands
for (`touch`). What this scan used is never evicted by its own prune, even when the
scan alone is larger than the cap. Deleted rows leave free pages that later entries
reuse; `cwescan cache prune` also gives them back to the file system.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import re
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

_DATABASE = "entries.sqlite"
_SCHEMA = 2  # PRAGMA user_version of the layout below
DEFAULT_MAX_SIZE = 1 << 30  # bytes of live entries before the least recently used go
_PRUNED_SHARE = 0.8  # a prune leaves this share of the cap: not one prune per scan
_BUSY_SECONDS = 10.0
_CHUNK = 1 << 20  # bytes copied at a time from a spooled entry


def default_cache_dir() -> Path:
    """The user cache folder: `$CWESCAN_CACHE_DIR`, else `$XDG_CACHE_HOME/cwescan` (~/.cache)."""
    explicit = os.environ.get("CWESCAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cwescan"


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Cursor]:
    """A write transaction taken at once (`BEGIN IMMEDIATE`): committed when the block
    ends, rolled back when it raises (a killed run leaves the journal to undo it)."""
    with contextlib.closing(connection.cursor()) as cursor:
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def _create_schema(connection: sqlite3.Connection) -> None:
    """Make the tables (dropping those of another layout), unless a concurrent run did it
    first: the version is read again inside the write transaction."""
    dropped = False
    with _transaction(connection) as cursor:
        if cursor.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:
            (dropped,) = cursor.execute(
                "SELECT count(*) > 0 FROM sqlite_master WHERE name IN ('entries', 'uses')"
            ).fetchone()
            cursor.execute("DROP TABLE IF EXISTS entries")
            cursor.execute("DROP TABLE IF EXISTS uses")
            cursor.execute(
                "CREATE TABLE entries"
                " (key TEXT PRIMARY KEY, signature BLOB NOT NULL, value BLOB NOT NULL)"
            )
            # when each entry was last written or read (seconds), and its size in bytes
            cursor.execute(
                "CREATE TABLE uses (key TEXT PRIMARY KEY, used REAL NOT NULL,"
                " size INTEGER NOT NULL) WITHOUT ROWID"
            )
            cursor.execute("CREATE INDEX uses_by_time ON uses (used)")
            cursor.execute(f"PRAGMA user_version = {_SCHEMA}")
    if dropped:  # the entries of an older layout: give their space back to the disk
        with contextlib.suppress(sqlite3.OperationalError):  # busy: new entries reuse it
            _vacuum(connection)


def _vacuum(connection: sqlite3.Connection) -> None:
    """Rewrite the database without its free pages, and truncate the file now (in WAL
    mode the rewrite goes to the log first)."""
    connection.execute("VACUUM")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(_CHUNK):
        yield chunk


def _unpickled_parts(stream: IO[bytes]) -> Iterator[Any]:
    """Consecutive pickles from a verified entry, until the stream ends or is unreadable."""
    while True:
        try:
            yield pickle.load(stream)  # signed by this user's key: written by cwescan
        except Exception:  # the end (EOFError), or a version's incompatible entry
            return


_HEX = frozenset("0123456789abcdef")
# an entry file, or the temporary file of one that a killed run left behind
_OLD_ENTRY = re.compile(r"[0-9a-f]{62}(?:-taint|-link)?\.bin|\.entry\.[a-z0-9_]{8}")


def _remove_entry_files(folder: Path) -> None:
    """Delete the entry files of earlier versions (`ab/<62 hex digits>.bin`, one per file
    ever scanned), which the database replaced and nothing reads any more: only names of
    exactly that shape, so a cache folder shared with other files loses nothing else."""
    try:
        shards = [entry for entry in os.scandir(folder) if len(entry.name) == 2
                  and _HEX.issuperset(entry.name) and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for shard in shards:
        try:
            with os.scandir(shard.path) as entries:
                for entry in entries:
                    if _OLD_ENTRY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)
            os.rmdir(shard.path)  # only when nothing else is in it
        except OSError:
            continue  # in use by an old version running now, or not ours: left alone


class AnalysisCache:
    """Signed, content-addressed storage of per-file analysis results."""

    def __init__(
        self,
        folder: Path,
        settings_key: str,
        key_folder: Path | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
    ) -> None:
        """Entries live in `folder`; the signing key in `key_folder` (default: `folder`).

        Give `key_folder` (the user's cache folder) whenever `folder` comes from
        configuration that the scanned code could have written. `finish` keeps the
        entries under `max_size` bytes.
        """
        self.folder = folder
        self.settings_key = settings_key
        self.max_size = max_size
        self.hits = 0
        self.misses = 0
        self.opened = time.time()  # entries used since are this scan's: never pruned by it
        self._used: set[str] = set()  # keys read, whose use `finish` records
        self._key = self._load_or_create_secret(key_folder or folder)
        self._database = folder / _DATABASE
        self._local = threading.local()  # one connection per thread (sqlite3's rule)
        self._connection()  # fails here, not mid-scan, when the folder is unusable
        _remove_entry_files(folder)

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection to the entries database, opened on first use."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = self._open()
            except sqlite3.DatabaseError:
                # not a database (torn by a crash, or something else by that name): an
                # entry cache loses nothing but time by starting again
                for stale in ("", "-wal", "-shm"):  # a journal must not replay onto the new one
                    Path(f"{self._database}{stale}").unlink(missing_ok=True)
                connection = self._open()
            self._local.connection = connection
        return connection

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        # created private, like the entries it holds
        os.close(os.open(self._database, os.O_RDWR | os.O_CREAT, 0o600))
        try:
            connection = sqlite3.connect(
                self._database, timeout=_BUSY_SECONDS, isolation_level=None
            )
        except sqlite3.OperationalError as error:
            raise OSError(f"cannot open the cache database {self._database}: {error}") from error
        try:
            # WAL: readers never wait for a writer, and a commit needs no fsync; a
            # file system without shared memory (some network mounts) keeps the
            # rollback journal, which is as safe and only slower under concurrency
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            if connection.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:
                _create_schema(connection)
        except sqlite3.OperationalError as error:  # locked past the timeout, read-only
            connection.close()
            raise OSError(f"cannot use the cache database {self._database}: {error}") from error
        except BaseException:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        """Close this thread's connection (the next use opens another)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            self._local.connection = None
            connection.close()

    def _load_or_create_secret(self, folder: Path) -> bytes:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "secret.key"
        try:
            data = path.read_bytes()
            if len(data) == 32:
                return data
        except FileNotFoundError:
            pass
        secret = secrets.token_bytes(32)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".secret.")
        try:
            os.fchmod(descriptor, 0o600)
            os.write(descriptor, secret)
            os.close(descriptor)
            try:
                # first writer wins, so concurrent runs agree on one key
                os.link(temporary, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
        data = path.read_bytes()
        return data if len(data) == 32 else secret

    def key_for(self, display_path: str, content: bytes) -> str:
        """The cache key of one file's bytes under the current settings."""
        digest = hashlib.sha256()
        digest.update(self.settings_key.encode())
        digest.update(b"\0")
        digest.update(display_path.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(content)
        return digest.hexdigest()

    def read_raw(self, key: str) -> tuple[bytes, bytes] | None:
        """An entry as stored: (signature, payload), unverified; None if absent."""
        try:
            row = (
                self._connection()
                .execute("SELECT signature, value FROM entries WHERE key = ?", (key,))
                .fetchone()
            )
        except (sqlite3.Error, OSError):  # locked past the timeout, damaged: a miss
            return None
        if row is None:
            return None
        self._used.add(key)
        return bytes(row[0]), bytes(row[1])

    def touch(self, keys: Iterable[str]) -> None:
        """Record a use of these entries (at `finish`) although they were not read: the
        file entries a warm scan's manifest stands for."""
        self._used.update(keys)

    def write_raw(self, entries: Iterable[tuple[str, bytes, bytes]]) -> None:
        """Store (key, signature, payload) entries as they are, in one transaction
        (whole or not at all); a failure to write only costs the reuse."""
        try:
            with _transaction(self._connection()) as cursor:
                for key, signature, payload in entries:
                    cursor.execute(
                        "INSERT OR REPLACE INTO entries (key, signature, value) VALUES (?, ?, ?)",
                        (key, signature, payload),
                    )
                    self._record_use(cursor, key, len(signature) + len(payload))
        except (sqlite3.Error, OSError):
            pass

    @staticmethod
    def _record_use(cursor: sqlite3.Cursor, key: str, size: int) -> None:
        cursor.execute(
            "INSERT OR REPLACE INTO uses (key, used, size) VALUES (?, ?, ?)",
            (key, time.time(), len(key) + size),
        )

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent, unreadable or not signed by us."""
        payload = self.get_bytes(key)
        if payload is None:
            return None
        try:
            return pickle.loads(payload)  # signed by this user's key: written by cwescan
        except Exception:  # an entry from an incompatible version: recompute
            self.hits -= 1
            self.misses += 1
            return None

    def get_bytes(self, key: str) -> bytes | None:
        """The stored payload whose signature verifies, or None (absent, torn, forged)."""
        stored = self.read_raw(key)
        if stored is None:
            self.misses += 1
            return None
        signature, payload = stored
        if not hmac.compare_digest(signature, self._signature(key, payload)):
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, key: str, value: Any) -> None:
        """Store `value` atomically; a failure to write only costs the reuse."""
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_parts(self, key: str, parts: Iterable[Any]) -> None:
        """Store a large value as consecutive pickles of its parts (see `get_parts`).

        Each part is pickled on its own, into a temporary file, and the file is copied
        into the database a chunk at a time: neither one memo of the whole value nor a
        second copy of its bytes is ever held.
        """
        try:
            with tempfile.TemporaryFile(dir=self.folder) as spool:
                for part in parts:
                    pickle.dump(part, spool, protocol=pickle.HIGHEST_PROTOCOL)
                size = spool.tell()
                signer = hmac.new(self._key, key.encode(), hashlib.sha256)
                for chunk in _chunks(spool):
                    signer.update(chunk)
                self._write_spooled(key, signer.digest(), spool, size)
        except (OSError, sqlite3.Error, pickle.PicklingError):
            pass  # a failure to write only costs the reuse

    def _write_spooled(self, key: str, signature: bytes, spool: IO[bytes], size: int) -> None:
        connection = self._connection()
        if not hasattr(connection, "blobopen"):  # Python 3.10: one copy in memory
            spool.seek(0)
            self.write_raw([(key, signature, spool.read())])
            return
        with _transaction(connection) as cursor:
            cursor.execute(
                "INSERT OR REPLACE INTO entries (key, signature, value)"
                " VALUES (?, ?, zeroblob(?))",
                (key, signature, size),
            )
            row = cursor.lastrowid
            assert row is not None
            with connection.blobopen("entries", "value", row) as blob:
                for chunk in _chunks(spool):
                    blob.write(chunk)
            self._record_use(cursor, key, len(signature) + size)

    def get_parts(self, key: str) -> Iterator[Any] | None:
        """The parts `put_parts` stored, unpickled one by one as the iterator is read;
        None when the entry is absent, torn or not signed by us."""
        payload = self.get_bytes(key)
        if payload is None:
            return None
        return _unpickled_parts(io.BytesIO(payload))

    def put_bytes(self, key: str, payload: bytes) -> None:
        """Store an already pickled payload (a worker pickles once for both the cache
        and the trip to the parent); a failure to write only costs the reuse."""
        self.put_many([(key, payload)])

    def put_many(self, entries: Iterable[tuple[str, bytes]]) -> None:
        """Store pickled payloads in one transaction (the cold scan's writer thread
        stores what arrived while it wrote the last batch)."""
        self.write_raw((key, self._signature(key, payload), payload) for key, payload in entries)

    def _signature(self, key: str, payload: bytes) -> bytes:
        signer = hmac.new(self._key, key.encode(), hashlib.sha256)
        signer.update(payload)  # no joined copy of a payload that may be megabytes
        return signer.digest()

    def finish(self) -> None:
        """At the end of a scan: record the uses of the entries it read or stood on, and
        evict the least recently used entries when the cache is over its cap. A failure
        (the database busy past the timeout, read-only) costs only the bookkeeping."""
        used, self._used = self._used, set()
        try:
            if used:
                self._write(
                    "UPDATE uses SET used = ? WHERE key = ?",
                    [(self.opened, key) for key in sorted(used)],
                )
            if self._live_bytes() > self.max_size:
                self.prune(int(self.max_size * _PRUNED_SHARE), keep_since=self.opened)
        except (sqlite3.Error, OSError):
            pass

    def usage(self) -> CacheUsage:
        """How many entries there are and how much of the disk they take."""
        connection = self._connection()
        entries, oldest = connection.execute("SELECT count(*), min(used) FROM uses").fetchone()
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        return CacheUsage(
            folder=self.folder,
            entries=entries,
            live_bytes=self._live_bytes(),
            file_bytes=connection.execute("PRAGMA page_count").fetchone()[0] * page_size,
            max_bytes=self.max_size,
            oldest_use=oldest,
        )

    def _live_bytes(self) -> int:
        """The bytes of the database's pages in use (free pages left out)."""
        connection = self._connection()
        pages, free, page_size = (
            connection.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("page_count", "freelist_count", "page_size")
        )
        return int((pages - free) * page_size)

    def prune(self, target: int, keep_since: float | None = None) -> tuple[int, int]:
        """Delete the least recently used entries until about `target` bytes are left;
        entries used at or after `keep_since` stay. Returns (entries, bytes) deleted."""
        excess = self._live_bytes() - target
        if excess <= 0:
            return 0, 0
        doomed: list[tuple[str]] = []
        freed = 0
        # the oldest are chosen and deleted in one transaction
        with _transaction(self._connection()) as cursor:
            rows = cursor.execute(
                "SELECT key, size FROM uses WHERE used < ? ORDER BY used, key",
                (keep_since if keep_since is not None else float("inf"),),
            )
            for key, size in rows.fetchall():
                if freed >= excess:
                    break
                doomed.append((key,))
                freed += size
            cursor.executemany("DELETE FROM entries WHERE key = ?", doomed)
            cursor.executemany("DELETE FROM uses WHERE key = ?", doomed)
        return len(doomed), freed

    def clear(self) -> int:
        """Delete every entry and give the space back; returns how many there were."""
        count = self.usage().entries
        self._write("DELETE FROM entries", [()])
        self._write("DELETE FROM uses", [()])
        self.vacuum()
        return count

    def vacuum(self) -> None:
        """Give the pages of deleted entries back to the file system (rewrites the file)."""
        _vacuum(self._connection())

    def _write(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        with _transaction(self._connection()) as cursor:
            cursor.executemany(statement, rows)


@dataclass(frozen=True)
class CacheUsage:
    """What `cwescan cache info` shows."""

    folder: Path
    entries: int
    live_bytes: int  # pages holding entries (what the cap counts)
    file_bytes: int  # the database file, free pages included
    max_bytes: int
    oldest_use: float | None  # seconds since the epoch
