"""The incremental cache: a file's analysis, keyed by its content, reused when unchanged.

Key = SHA-256 of the file bytes, its display path, the cwescan version and the
settings that change per-file results (profile, rules selected, taint on/off, test-code
handling). Entries are pickles, because a file's analysis holds findings and taint
summaries as dataclasses — and a pickle from a hostile repository would run code on
load. So every entry is signed with HMAC-SHA256 under a per-user secret key kept with
mode 0600 in the user's own cache folder — never in the entries folder, which a
project's configuration may choose (`cache-dir`) and a hostile repository may fill with
a key and entries of its own; an entry whose signature does not verify is ignored and
recomputed, never unpickled. Writes are atomic (temporary file + rename), so concurrent
and interrupted runs never leave a torn entry.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import Any

_MAGIC = b"CWESCAN-CACHE-1\n"
_DIGEST_SIZE = 32


def default_cache_dir() -> Path:
    """The user cache folder: `$CWESCAN_CACHE_DIR`, else `$XDG_CACHE_HOME/cwescan` (~/.cache)."""
    explicit = os.environ.get("CWESCAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cwescan"


class AnalysisCache:
    """Signed, content-addressed storage of per-file analysis results."""

    def __init__(self, folder: Path, settings_key: str, key_folder: Path | None = None) -> None:
        """Entries live in `folder`; the signing key in `key_folder` (default: `folder`).

        Give `key_folder` (the user's cache folder) whenever `folder` comes from
        configuration that the scanned code could have written.
        """
        self.folder = folder
        self.settings_key = settings_key
        self.hits = 0
        self.misses = 0
        self._key = self._load_or_create_secret(key_folder or folder)

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

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.bin"

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
        try:
            with open(self._path(key), "rb") as handle:
                blob = handle.read()
        except OSError:
            self.misses += 1
            return None
        if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _DIGEST_SIZE:
            self.misses += 1
            return None
        signature = blob[len(_MAGIC) : len(_MAGIC) + _DIGEST_SIZE]
        payload = blob[len(_MAGIC) + _DIGEST_SIZE :]
        expected = hmac.new(self._key, key.encode() + payload, hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, key: str, value: Any) -> None:
        """Store `value` atomically; a failure to write only costs the reuse."""
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, key: str, payload: bytes) -> None:
        """Store an already pickled payload atomically (a worker pickles once for both
        the cache and the trip to the parent); a failure to write only costs the reuse."""
        signature = hmac.new(self._key, key.encode() + payload, hashlib.sha256).digest()
        path = self._path(key)
        # unique per process and entry: concurrent writers of one entry never share a
        # temporary file, and the rename makes whichever finishes last the entry
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        try:
            try:
                descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(_MAGIC + signature + payload)
                os.replace(temporary, path)
            except BaseException:
                try:
                    os.unlink(temporary)
                except FileNotFoundError:
                    pass
                raise
        except OSError:
            pass
