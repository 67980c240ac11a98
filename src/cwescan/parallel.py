"""Analysing many files: in this process, on worker processes, or on a Dask cluster,
with the incremental cache (cache.py) in front of all three.

`analyze_files` is the engine of the scan loop. The parent reads each file once and
keys it by its bytes, its path and module name, the settings that change per-file
results and cwescan's own code; what the cache holds is taken as is. Only the misses
are analysed — in this process when they are few, else in batches on worker processes
(or Dask workers) that return compact results: the file's analysis without its taint
summary, and the summary as a pickle that the parent loads only when the
inter-procedural link step has to run. The link step's findings are cached as well,
under the keys of every file, so a rescan with nothing changed neither analyses nor
links. A rescan with one file changed analyses that file and links incrementally: from
every file's cached link signature and the state of the last link (see
`taint_link.LinkState`), only the functions the change reaches are resolved again, and
only their summaries are unpickled (which is how a caller in an unchanged file learns
that the module it calls has changed, without relinking the whole program).

Results come back in discovery order whatever order the work finished in, so the
report never depends on `-j`, the cache or the scheduler.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from cwescan import __version__
from cwescan.analysis.taint import link_modules
from cwescan.analysis.taint_link import LinkModule, LinkState
from cwescan.analysis.taint_summary import ModuleSummary
from cwescan.cache import AnalysisCache, default_cache_dir
from cwescan.config import Config
from cwescan.discovery import SourceFile
from cwescan.model import FileError, Finding, ScanResult
from cwescan.rules.framework import Rule
from cwescan.runner import (
    FileAnalysis,
    _read_capped,
    analyze_file,
    select_rules,
)

_PICKLE = pickle.HIGHEST_PROTOCOL
# Below this many files to analyse, this process does them: starting workers costs more.
_IN_PROCESS_FILES = 24
# Work is cut into this many batches per worker (largest files first), so one slow batch
# does not leave the other workers idle at the end, and each trip to a worker is worth it.
_BATCHES_PER_WORKER = 12
# The link state is written again only when the link redid more than this share of the
# call graph's components: below it, the next link redoing the same few from the state
# it started from costs less than writing tens of megabytes on every rescan.
_RESAVE_SHARE = 0.05

ProgressCallback = Callable[[int, int], None]


class SchedulerError(Exception):
    """The Dask scheduler cannot be used (not installed, unreachable); the message says why."""


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of cwescan's own source: any change to the analysis invalidates the cache.

    The version number alone is not enough — it does not change between commits, and a
    developer or CI machine would be served analyses made by older code.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def settings_key(config: Config, rules: Sequence[Rule]) -> str:
    """What, besides a file's own bytes and path, decides its analysis."""
    parts = [
        __version__,
        code_fingerprint(),
        f"python {sys.version_info[0]}.{sys.version_info[1]}",
        f"rules {','.join(sorted(r.id for r in rules))}",
        f"skips {','.join(sorted(s.upper() for s in config.skips))}",
        f"taint {config.taint}",
        f"max-file-size {config.max_file_size}",
        f"extra {config.extra!r}",
    ]
    return "\n".join(parts)


def open_cache(config: Config, rules: Sequence[Rule]) -> AnalysisCache | None:
    """The cache this configuration asks for, or None when it is off or cannot be created.

    The signing key always lives in the user's own cache folder, whatever `cache-dir`
    says: that setting may come from the scanned project's pyproject.toml.
    """
    if not config.cache:
        return None
    user_folder = default_cache_dir()
    folder = Path(config.cache_dir).expanduser() if config.cache_dir else user_folder
    try:
        return AnalysisCache(
            folder,
            settings_key(config, rules),
            key_folder=user_folder,
            max_size=config.cache_max_size,
        )
    except OSError:
        return None  # a read-only home or an unwritable folder: scan without reuse


@dataclass
class FileTask:
    """One file to analyse, as the parent read it (picklable: it travels to workers)."""

    index: int
    source: SourceFile
    data: bytes | None  # None: read (and report read errors) where it is analysed
    module: tuple[str, bool]
    key: str | None  # the cache key; None when the cache is off or the file unreadable


# (index, pickled (FileAnalysis without its summary, has a summary), pickled summary)
FileResult = tuple[int, bytes, bytes | None]


@dataclass
class RunStats:
    """How the files of one scan were served."""

    files: int = 0
    cached: int = 0
    analysed: int = 0
    workers: int = 0  # 0: this process did the analysis
    where: str = "in-process"
    link_cached: bool = False


@dataclass
class AnalysisRun:
    """The per-file analyses of one scan (discovery order) and the way to link them."""

    analyses: list[FileAnalysis]
    stats: RunStats
    _keys: list[str | None] = field(default_factory=list)
    _summaries: list[ModuleSummary | bytes | None] = field(default_factory=list)
    _summary_cached: list[bool] = field(default_factory=list)
    _tasks: list[FileTask] = field(default_factory=list)
    _cache: AnalysisCache | None = None
    _config: Config | None = None
    _rules: Sequence[Rule] = ()

    @property
    def has_summaries(self) -> bool:
        """True when at least one file has a taint summary, so the link step has work."""
        return any(
            held is not None or cached
            for held, cached in zip(self._summaries, self._summary_cached, strict=True)
        )

    def finish(self) -> None:
        """Record which cache entries this scan used and keep the cache under its cap."""
        if self._cache is not None:
            self._cache.finish()

    def link(self, rule_ids: Sequence[str]) -> list[Finding]:
        """The taint findings across all files (the inter-procedural link step), cached."""
        wanted = sorted(rule_ids)
        link_key = self._link_key(wanted)
        slot = self._slot("link " + ",".join(wanted))
        cached = _current(self._cache, slot, link_key)
        if isinstance(cached, list):
            self.stats.link_cached = True
            return cached
        collecting = gc.isenabled()
        gc.disable()  # the state is a few hundred thousand small objects, all kept
        try:
            # the state is freed (by reference counts) when `_link_with_state` returns:
            # collection resumes afterwards, so it never walks those objects
            found = self._link_with_state(wanted, link_key is not None)
        finally:
            if collecting:
                gc.enable()
        _put_current(self._cache, slot, link_key, found)
        return found

    def _slot(self, purpose: str) -> str | None:
        """Where this scan's (same files, any contents) combined value for `purpose` is."""
        return _combined_key(
            self._cache, purpose, [task.source.display_path for task in self._tasks]
        )

    def _link_with_state(self, wanted: list[str], cacheable: bool) -> list[Finding]:
        """Link, starting from and then saving the link state of the last scan (cached)."""
        state_key = self._slot("link-state " + ",".join(wanted))
        cache = self._cache if cacheable and state_key is not None else None
        parts = cache.get_parts(state_key) if cache is not None and state_key else None
        previous = LinkState.from_parts(parts) if parts is not None else None
        found, state = self._link_incrementally(wanted, previous, cache is not None)
        if cache is not None and state_key and state.redone > _RESAVE_SHARE:
            cache.put_parts(state_key, state.parts())
        return found

    def _link_incrementally(
        self, rule_ids: list[str], previous: Any, incremental: bool
    ) -> tuple[list[Finding], LinkState]:
        """Link with the state of the last link over the same files (when there is one).

        `incremental` is False when a file has no cache key (the cache is off): then the
        link is a full one. Every file's link signature comes with its summary (see
        `taint_entry`); the summary is unpickled only if the link needs it: when a
        function of it must be resolved again, or a finding shows its code.
        """
        if not isinstance(previous, LinkState):
            previous = None
        entries: list[tuple[LinkModule, str, int]] = []
        fresh: dict[int, ModuleSummary] = {}
        for index, key in enumerate(self._keys):
            if self._summaries[index] is None and not self._summary_cached[index]:
                continue  # no taint summary for this file
            # without an earlier link every summary is read anyway: its signature then
            # shares the summary's tables instead of being a second copy of them
            module = self._signature(index) if previous is not None else None
            if module is None:
                summary = self._summary(index)
                if summary is None:
                    continue
                module = LinkModule.of(summary)
                fresh[index] = summary
            entries.append((module, key or "", index))
        entries.sort(key=lambda entry: (entry[0].path, entry[0].module))

        def load(position: int) -> ModuleSummary:
            index = entries[position][2]
            summary = fresh.pop(index, None)
            if summary is None:
                summary = self._summary(index)
            assert summary is not None, "a file with a link signature has a summary"
            return summary

        return link_modules(
            [module for module, _, _ in entries],
            load,
            rule_ids,
            identities=[key for _, key, _ in entries] if incremental else (),
            previous=previous,
        )

    def _signature(self, index: int) -> LinkModule | None:
        """A file's link signature from its taint entry (None for a summary held as is)."""
        held = self._summaries[index]
        if held is None and self._summary_cached[index]:
            held = self._cached_taint_entry(index)
        if isinstance(held, bytes):
            signature = _entry_part(held, summary=False)
            if isinstance(signature, LinkModule):
                return signature
        return None

    def _cached_taint_entry(self, index: int) -> bytes | None:
        key = self._keys[index]
        assert self._cache is not None and key is not None
        entry = self._cache.get_bytes(key)
        return _split_entry(entry)[1] if entry is not None else None

    def _link_key(self, rule_ids: list[str]) -> str | None:
        return _combined_key(self._cache, "link " + ",".join(rule_ids), self._keys)

    def _summary(self, index: int) -> ModuleSummary | None:
        """A file's taint summary, held or from the cache (then no longer held here)."""
        held = self._summaries[index]
        self._summaries[index] = None  # the link step holds it now; free it after
        if isinstance(held, ModuleSummary):
            return held
        if held is None:
            if not self._summary_cached[index]:
                return None
            held = self._cached_taint_entry(index)
        if held is not None:
            summary = _entry_part(held, summary=True)
            if isinstance(summary, ModuleSummary):
                return summary
        # the summary entry is gone (cleaned, torn): analyse the file again for it
        task = self._tasks[index]
        assert self._config is not None
        fresh = analyze_file(task.source, self._config, self._rules, module=task.module)
        return fresh.taint


def analyze_files(
    sources: Sequence[SourceFile],
    config: Config,
    rules: Sequence[Rule],
    progress: ProgressCallback | None = None,
) -> AnalysisRun:
    """Analyse `sources` (cache first, then in-process, on workers or on Dask)."""
    cache = open_cache(config, rules)
    total = len(sources)
    stats = RunStats(files=total)
    analyses: list[FileAnalysis | None] = [None] * total
    summaries: list[ModuleSummary | bytes | None] = [None] * total
    summary_cached = [False] * total
    pending: list[FileTask] = []
    done = 0
    packages = _PackageNames()
    tasks = [_read_task(i, source, config, cache, packages) for i, source in enumerate(sources)]
    keys: list[str | None] = [task.key for task in tasks]
    # one entry holding every file's analysis, for the rescan where nothing changed
    manifest_key = _combined_key(cache, "manifest", keys)
    manifest_slot = _combined_key(cache, "manifest", [t.source.display_path for t in tasks])
    manifest = _current(cache, manifest_slot, manifest_key)
    if not (isinstance(manifest, list) and len(manifest) == total):
        manifest = None
    elif cache is not None:  # the file entries it stands for are in use, though not read
        cache.touch(key for key in keys if key is not None)
    for index, task in enumerate(tasks):
        if manifest is not None:
            cached = manifest[index]
        else:
            cached = _cached_analysis(cache, task.key) if task.key is not None else None
        if cached is None:
            pending.append(task)
            continue
        analyses[index], summary_cached[index] = cached  # (analysis, has a summary)
        stats.cached += 1
        done += 1
        if progress is not None:
            progress(done, total)
    stats.analysed = len(pending)

    writer = _CacheWriter(cache) if cache is not None else None

    def collect(results: Sequence[FileResult]) -> None:
        """Take results from workers or Dask: keep them, and cache the complete ones."""
        nonlocal done
        for index, blob, summary_blob in results:
            analysis, _ = pickle.loads(blob)
            analyses[index] = analysis
            summaries[index] = summary_blob
            key = tasks[index].key
            if writer is not None and key is not None and _cacheable(analysis):
                writer.store(key, blob, summary_blob)
            done += 1
        if progress is not None:
            progress(done, total)

    def in_process(batch: Sequence[FileTask]) -> None:
        nonlocal done
        with fewer_collections():
            for task in batch:
                analysis = _analyze_in_process(task, config, rules, cache)
                analyses[task.index] = analysis
                summaries[task.index] = analysis.taint
                analysis.taint = None
                done += 1
                if progress is not None:
                    progress(done, total)

    if pending:
        jobs = config.jobs or default_jobs()
        try:
            if config.scheduler:
                stats.where = f"dask {config.scheduler}"
                _run_on_dask(config.scheduler, config, pending, collect)
            elif jobs <= 1 or len(pending) < _IN_PROCESS_FILES:
                in_process(pending)
            else:
                stats.workers = min(jobs, len(pending))
                stats.where = f"{stats.workers} worker processes"
                _run_on_pool(stats.workers, config, pending, collect, in_process)
        finally:
            if writer is not None:
                writer.close()  # every entry on disk before the manifest names them
    finished = [a for a in analyses if a is not None]
    assert len(finished) == total, "every file is analysed or taken from the cache"
    complete = all(_cacheable(a) for a in finished)
    if cache is not None and manifest_key is not None and manifest is None and complete:
        entries = [
            (a, cached or s is not None)
            for a, s, cached in zip(finished, summaries, summary_cached, strict=True)
        ]
        _put_current(cache, manifest_slot, manifest_key, entries)
    return AnalysisRun(
        analyses=finished,
        stats=stats,
        _keys=keys,
        _summaries=summaries,
        _summary_cached=summary_cached,
        _tasks=tasks,
        _cache=cache,
        _config=config,
        _rules=rules,
    )


def _current(cache: AnalysisCache | None, slot: str | None, key: str | None) -> Any:
    """The value stored in `slot` when it was stored for `key` (else None).

    A value over every file of a scan (the manifest, the link findings) is stored under
    the scan's paths, not under the files' contents, with the key of those contents next
    to it: the next scan of the same files replaces it instead of adding one more (a
    megabyte for Django's manifest, on every scan where a file changed).
    """
    if cache is None or slot is None or key is None:
        return None
    stored = cache.get(slot)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        return stored[1]
    return None


def _put_current(cache: AnalysisCache | None, slot: str | None, key: str | None,
                 value: Any) -> None:
    if cache is not None and slot is not None and key is not None:
        cache.put(slot, (key, value))


def _combined_key(
    cache: AnalysisCache | None, purpose: str, keys: Sequence[str | None]
) -> str | None:
    """A key over every file's key: the same files with the same contents, in order."""
    if cache is None or not keys or any(k is None for k in keys):
        return None
    digest = hashlib.sha256(purpose.encode())
    for key in keys:
        digest.update(b"\0")
        digest.update((key or "").encode())
    return cache.key_for(f"<{purpose}>", digest.digest())


class _PackageNames:
    """`module_name_for_file` for many files, asking the disk once per folder."""

    def __init__(self) -> None:
        self._parts: dict[Path, tuple[str, ...]] = {}

    def module(self, path: Path) -> tuple[str, bool]:
        """(dotted module name, is a package `__init__`), as `module_name_for_file`."""
        is_package = path.name == "__init__.py"
        parts = self._package_parts(path.parent)
        if not is_package:
            parts = (*parts, path.stem)
        return ".".join(parts) or path.stem, is_package

    def _package_parts(self, folder: Path) -> tuple[str, ...]:
        known = self._parts.get(folder)
        if known is not None:
            return known
        parts: tuple[str, ...] = ()
        if (folder / "__init__.py").is_file() and folder.parent != folder:
            parts = (*self._package_parts(folder.parent), folder.name)
        self._parts[folder] = parts
        return parts


def _read_task(
    index: int,
    source: SourceFile,
    config: Config,
    cache: AnalysisCache | None,
    packages: _PackageNames | None = None,
) -> FileTask:
    module = (packages or _PackageNames()).module(source.path)
    try:
        data = _read_capped(source.path, config.max_file_size)
    except OSError:
        data = None  # analyze_file reads again and reports the error with its reason
    key = None
    if cache is not None and data is not None:
        identity = f"{source.display_path}\0{source.path}\0{module[0]}\0{module[1]}"
        key = cache.key_for(identity, data)
    return FileTask(index, source, data, module, key)


def _cached_analysis(cache: AnalysisCache | None, key: str) -> tuple[FileAnalysis, bool] | None:
    """(analysis, has a summary) from the cache, or None."""
    if cache is None:
        return None
    entry = cache.get_bytes(key)
    blob = _split_entry(entry)[0] if entry is not None else None
    if blob is None:
        return None
    try:
        value = pickle.loads(blob)
    except Exception:  # an unreadable entry: the file is analysed again
        return None
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], FileAnalysis)
        and isinstance(value[1], bool)
    ):
        return value
    return None


class AnalysisTimeout(BaseException):
    """The per-file budget ran out (a BaseException: no rule's `except Exception` eats it)."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `AnalysisTimeout` in this thread after `seconds` (0: no limit).

    Uses SIGALRM, so it holds only in the main thread of a process that has it (the
    CLI, a worker process); elsewhere (a Dask worker thread, Windows) there is no limit.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise AnalysisTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _analyze_within_budget(task: FileTask, config: Config, rules: Sequence[Rule]) -> FileAnalysis:
    """`analyze_file`, or an "analysis incomplete" error when the file exhausts its budget
    (pathological code must not stall the scan)."""
    try:
        with time_budget(config.file_budget):
            return analyze_file(task.source, config, rules, data=task.data, module=task.module)
    except AnalysisTimeout:
        analysis = FileAnalysis(path=task.source.display_path)
        analysis.errors.append(
            FileError(
                task.source.display_path,
                "analysis",
                f"{_INCOMPLETE}: stopped after the per-file budget of "
                f"{config.file_budget:g} s; this file's findings are missing "
                "(raise the budget with --file-budget)",
            )
        )
        return analysis


_INCOMPLETE = "analysis incomplete"


def _cacheable(analysis: FileAnalysis) -> bool:
    """False for a file that ran out of time or took its worker down: it is tried again
    next run (perhaps with more time), never served from the cache."""
    return not any(
        e.kind == "analysis" and e.message.startswith(_INCOMPLETE) for e in analysis.errors
    )


def _analyze_in_process(
    task: FileTask, config: Config, rules: Sequence[Rule], cache: AnalysisCache | None
) -> FileAnalysis:
    analysis = _analyze_within_budget(task, config, rules)
    if cache is not None and task.key is not None and _cacheable(analysis):
        try:
            blob, summary_blob = _pickled(analysis)
        except (pickle.PicklingError, TypeError, AttributeError):
            pass  # not storable (a cwescan bug): the scan goes on without reuse
        else:
            cache.put_bytes(task.key, _entry(blob, summary_blob))
    return analysis


def _pickled(analysis: FileAnalysis) -> tuple[bytes, bytes | None]:
    """The analysis pickled without its taint summary, and the summary's `taint_entry`
    (None without one): what the cache stores and a worker sends back."""
    summary = analysis.taint
    analysis.taint = None
    try:
        blob = pickle.dumps((analysis, summary is not None), _PICKLE)
        return blob, (taint_entry(summary) if summary is not None else None)
    finally:
        analysis.taint = summary


def taint_entry(summary: ModuleSummary) -> bytes:
    """A file's taint summary as cached and sent back by workers: its link signature and
    the summary, pickled apart behind the signature's length, so that reading the
    signature (every file's, when the link is incremental) does not unpickle the summary
    (only the few the link needs)."""
    signature = pickle.dumps(LinkModule.of(summary), _PICKLE)
    return _frame(signature, pickle.dumps(summary, _PICKLE))


def _frame(first: bytes, rest: bytes) -> bytes:
    """Two blobs in one, `first` behind its length: read back with `_unframe`."""
    return len(first).to_bytes(8, "little") + first + rest


def _unframe(blob: bytes) -> tuple[memoryview, memoryview] | None:
    """The two blobs `_frame` joined (views, not copies), or None for a torn blob."""
    if len(blob) < 8:
        return None
    size = int.from_bytes(blob[:8], "little")
    if 8 + size > len(blob):
        return None
    view = memoryview(blob)
    return view[8 : 8 + size], view[8 + size :]


def _entry_part(blob: bytes, summary: bool) -> Any:
    """The signature (or the summary) unpickled from a `taint_entry`; None if unreadable."""
    parts = _unframe(blob)
    if parts is None:
        return None
    try:
        return pickle.loads(parts[1] if summary else parts[0])
    except Exception:  # an unreadable entry: the caller analyses the file again
        return None


def _entry(blob: bytes, summary_blob: bytes | None) -> bytes:
    """One cache entry per file: the pickled analysis and its taint entry, framed by the
    analysis' length (read back with `_split_entry`)."""
    return _frame(blob, summary_blob or b"")


def _split_entry(entry: bytes) -> tuple[bytes | None, bytes | None]:
    """(analysis blob, taint entry or None) of a cache entry made by `_entry`."""
    parts = _unframe(entry)
    if parts is None:
        return None, None
    return bytes(parts[0]), (bytes(parts[1]) or None)


def analyze_task(task: FileTask, config: Config, rules: Sequence[Rule]) -> FileResult:
    """A worker's job for one file: analyse it and return it pickled (the parent, which
    receives the same bytes, stores them in the cache: workers write nothing)."""
    blob, summary_blob = _pickled(_analyze_within_budget(task, config, rules))
    return task.index, blob, summary_blob


class _CacheWriter:
    """Writes the entries of analysed files on a thread of the parent while the workers
    analyse the next ones: each round stores, in one transaction, every entry that
    arrived while the last round was writing. The thread starts with the first entry,
    after the worker pool has forked."""

    def __init__(self, cache: AnalysisCache) -> None:
        self._cache = cache
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def store(self, key: str, blob: bytes, summary_blob: bytes | None) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._write, name="cwescan-cache", daemon=True
            )
            self._thread.start()
        self._queue.put((key, _entry(blob, summary_blob)))

    def _write(self) -> None:
        try:
            while True:
                batch = [self._queue.get()]
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                done = batch[-1] is None
                self._cache.put_many(entry for entry in batch if entry is not None)
                if done:
                    return
        finally:
            self._cache.close()  # this thread's connection

    def close(self) -> None:
        """Wait for every entry to be written."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the analysis with the cyclic garbage collector mostly out of the way.

    Analysing a file allocates millions of small objects that die with the file; at the
    default thresholds every few hundred allocations start a collection, and the older
    generations, which hold the rules and every summary made so far, are walked again
    and again (a quarter of the run time on Django). Objects that exist now are frozen
    out of collection, and young objects are collected less often.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # a Dask worker thread or an embedding application's thread: hands off
        return
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], 20_000), max(old[1], 20), max(old[2], 1_000))
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


# -- worker processes ---------------------------------------------------------------------

_worker_state: dict[str, Any] = {}


def _init_worker(config: Config) -> None:
    """Once per worker process: its rules and the collector settings."""
    rules = select_rules(config)
    _worker_state.update(config=config, rules=rules)
    gc.freeze()
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 20_000), max(old[1], 20), max(old[2], 1_000))


def _run_batch(tasks: list[FileTask]) -> list[FileResult]:
    state = _worker_state
    return [analyze_task(t, state["config"], state["rules"]) for t in tasks]


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (inherits the loaded rules: no start-up), else forkserver/spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def make_batches(tasks: Sequence[FileTask], workers: int) -> list[list[FileTask]]:
    """Batches of similar total size, the largest files first (they finish last otherwise)."""
    ordered = sorted(tasks, key=lambda t: -(len(t.data) if t.data is not None else 0))
    total = sum(len(t.data) if t.data is not None else 0 for t in ordered) or 1
    target = max(1, total // max(1, workers * _BATCHES_PER_WORKER))
    batches: list[list[FileTask]] = []
    current: list[FileTask] = []
    size = 0
    for task in ordered:
        current.append(task)
        size += len(task.data) if task.data is not None else 0
        if size >= target:
            batches.append(current)
            current, size = [], 0
    if current:
        batches.append(current)
    return batches


def _run_on_pool(
    workers: int,
    config: Config,
    tasks: Sequence[FileTask],
    collect: Callable[[Sequence[FileResult]], None],
    in_process: Callable[[Sequence[FileTask]], None],
) -> None:
    initargs = (config,)
    unfinished: list[FileTask] = []
    with _pool(workers, initargs) as pool:
        futures = [(pool.submit(_run_batch, b), b) for b in make_batches(tasks, workers)]
        for future, batch in futures:
            try:
                collect(future.result())
            except BrokenProcessPool:
                unfinished.extend(batch)
            except Exception:  # a result that cannot travel back (a cwescan bug): no
                in_process(batch)  # pickling needed when this process does the batch
    if unfinished:
        _isolate(unfinished, initargs, collect)


def _isolate(
    tasks: Sequence[FileTask],
    initargs: tuple[Config],
    collect: Callable[[Sequence[FileResult]], None],
) -> None:
    """A worker died (killed for memory, a crash in a native library) and took its pool
    down: analyse the files it left one at a time on one worker, so the file that kills
    the worker is known and is the only one lost."""
    remaining = list(tasks)
    while remaining:
        with _pool(1, initargs) as pool:
            while remaining:
                task = remaining[0]
                try:
                    results = pool.submit(_run_batch, [task]).result()
                except BrokenProcessPool:
                    remaining.pop(0)
                    collect([_lost_result(task)])
                    break  # this pool is gone: the next file gets a fresh one
                remaining.pop(0)
                collect(results)


def _pool(workers: int, initargs: tuple[Config]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_pool_context(),
        initializer=_init_worker,
        initargs=initargs,
    )


def _lost_result(task: FileTask) -> FileResult:
    analysis = FileAnalysis(path=task.source.display_path)
    analysis.errors.append(
        FileError(
            task.source.display_path,
            "analysis",
            f"{_INCOMPLETE}: the process analysing this file stopped (out of memory "
            "or a crash in a parser); its findings are missing",
        )
    )
    return task.index, pickle.dumps((analysis, False), _PICKLE), None


# -- Dask ---------------------------------------------------------------------------------


def _run_remote_batch(tasks: list[FileTask], config: Config) -> list[FileResult]:
    """A Dask task: analyse a batch with this worker's rules; the parent caches results."""
    return [analyze_task(t, config, _rules_for(config)) for t in tasks]


_remote_rules: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Rule]] = {}


def _rules_for(config: Config) -> list[Rule]:
    """The selected rules, built once per worker process and configuration."""
    key = (config.profile, tuple(config.skips), tuple(config.only))
    rules = _remote_rules.get(key)
    if rules is None:
        rules = _remote_rules[key] = select_rules(config)
    return rules


def connect(address: str) -> Any:
    """A Dask `distributed.Client` for `address`, or a `SchedulerError` saying why not."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(
            "--scheduler needs Dask's distributed scheduler: pip install 'cwescan[distributed]'"
        ) from None
    try:
        return Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _run_on_dask(
    address: str,
    config: Config,
    tasks: Sequence[FileTask],
    collect: Callable[[Sequence[FileResult]], None],
) -> None:
    client = connect(address)
    try:
        workers = max(1, sum(client.nthreads().values()))
        batches = make_batches(tasks, workers)
        futures = [
            (client.submit(_run_remote_batch, batch, config, pure=False), batch)
            for batch in batches
        ]
        for future, batch in futures:  # all run meanwhile; collected in submission order
            try:
                results = future.result()
            except Exception:  # the worker died or lacks cwescan: do the batch here
                results = [analyze_task(t, config, _rules_for(config)) for t in batch]
            collect(results)
    finally:
        client.close()


# -- many repositories --------------------------------------------------------------------


@dataclass
class RepositoryScan:
    """One repository of `scan_many`: its result, or why it could not be scanned."""

    path: str
    result: ScanResult | None = None
    error: str | None = None


def read_repository_list(list_file: Path) -> list[str]:
    """The repository paths in a list file: one per line, `#` comments and blanks skipped.

    Relative paths are relative to the list file's folder. Raises OSError when the file
    cannot be read.
    """
    folder = list_file.parent
    paths: list[str] = []
    for raw in list_file.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        path = Path(line).expanduser()
        paths.append(str(path if path.is_absolute() else folder / path))
    return paths


def scan_repository(path: str, config: Config) -> ScanResult:
    """Scan one repository in this process (a Dask task of `scan_many`, or a local step)."""
    from cwescan.runner import scan

    return scan([path], config)


def scan_many(
    repositories: Sequence[str],
    configs: Sequence[Config],
    scheduler: str | None = None,
) -> Iterator[RepositoryScan]:
    """Scan each repository with its configuration; yields them as they finish.

    Without a scheduler the repositories are scanned one after another, each on this
    machine's worker processes. With one, each repository is a Dask task that a worker
    scans on its own (the workers must see the same paths, e.g. shared storage).
    """
    if scheduler is None:
        for path, config in zip(repositories, configs, strict=True):
            yield _guarded_scan(path, config)
        return
    client = connect(scheduler)
    try:
        futures = [
            (
                client.submit(
                    _guarded_scan, path, replace(config, jobs=1, scheduler=None), pure=False
                ),
                path,
            )
            for path, config in zip(repositories, configs, strict=True)
        ]
        for future, path in futures:  # all run meanwhile; reported in list order
            try:
                yield future.result()
            except Exception as exc:  # the worker died or could not run the task
                yield RepositoryScan(path, error=f"{type(exc).__name__}: {exc}")
    finally:
        client.close()


def _guarded_scan(path: str, config: Config) -> RepositoryScan:
    from cwescan.discovery import DiscoveryError

    try:
        return RepositoryScan(path, result=scan_repository(path, config))
    except (DiscoveryError, SchedulerError, OSError) as exc:
        return RepositoryScan(path, error=str(exc))
