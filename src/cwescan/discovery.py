"""Stage 1 of the pipeline: the paths a user named → the Python files to read.

Discovery only looks at names, `stat` results, small ignore files and at most the first
256 bytes of an extension-less file (to spot a Python shebang). It never imports,
executes or reads a whole scanned file, so a hostile tree cannot make it run code or
load a 2 GB file.

What is walked and what is left out:

- Folders are walked iteratively (no recursion limit) with `os.scandir`, entries in
  sorted order so two runs over the same tree report the same thing.
- Scanned files are `.py` and `.pyw`, plus extension-less files whose first line is a
  Python shebang. `.pyi` stubs are not scanned: they hold signatures, not code. A file
  named on the command line is scanned whatever its name, and even when ignored or
  excluded, because the user asked for it.
- Virtualenvs (a folder holding `pyvenv.cfg`) and conda environments (a folder holding
  `conda-meta/`) are skipped whatever their name, and so are the folder names in
  `DEFAULT_EXCLUDED_DIRS`; `skip_default_dirs=False` turns both off. A folder named
  `env` is *not* skipped by name: `env/` is a common package name (`config/env/`,
  `gym/envs/`), and a real virtualenv called `env` is caught by its `pyvenv.cfg`.
  A default-excluded name that holds an `__init__.py` is a package and is walked
  anyway: the stdlib's `venv/`, pypa/build's `src/build/` are code, while a build
  output (`build/lib/…`), a wheel folder or a cache never holds one at its top.
  A folder named on the command line is never skipped by name.
- `.gitignore` files are honoured with the `pathspec` library's `GitIgnoreSpec`: the
  root's, those in subfolders (each relative to its own folder, deeper ones taking
  precedence as in git), the `.gitignore` files between the enclosing repository's top
  and the scan root (so scanning `repo/src` honours `repo/.gitignore`), and the
  repository's `.git/info/exclude`. Above-root files are used only inside a git
  repository; a `.gitignore` in the scanned tree is used even outside one. When the
  scan root itself is ignored by the files above it, those files are not applied: the
  user asked for that folder.
- `exclude` globs are gitignore-style patterns matched against the path relative to
  the scan root (`tests/fixtures/**`, `*_pb2.py`, `migrations/`).
- Files over `max_file_size` (by `stat`) are reported as skipped, never read.
- A symlink whose target lies inside the scan root is followed; the same real file
  reached twice is listed once, under its real (non-symlink) path when that path is
  itself scanned. A symlink pointing outside the root is reported and not followed;
  loops and broken links are reported once each and never hang the walk.
- Unreadable folders and files are reported with the OS reason and the walk goes on.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pathspec

from cwescan.model import FileError

__all__ = [
    "DEFAULT_EXCLUDED_DIRS",
    "DiscoveryError",
    "DiscoveryResult",
    "SourceFile",
    "discover",
    "is_python_shebang",
]

DEFAULT_EXCLUDED_DIRS: frozenset[str] = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "node_modules",
        "build",
        "dist",
        "site-packages",
        ".eggs",
        "*.egg-info",
        ".cwescan_cache",
    }
)
"""Folder names not walked into (below the scan root) unless `skip_default_dirs=False`.

Entries holding a `*` are `fnmatch` globs on the folder name. A folder with one of
these names that holds an `__init__.py` is a package and is walked all the same.
"""

PYTHON_SUFFIXES: frozenset[str] = frozenset({".py", ".pyw"})
SHEBANG_READ_LIMIT = 256

_DEFAULT_NAMES = frozenset(n for n in DEFAULT_EXCLUDED_DIRS if "*" not in n)
_DEFAULT_GLOBS = tuple(n for n in DEFAULT_EXCLUDED_DIRS if "*" in n)
# Markers whose presence in a folder makes it a Python environment, not project code.
_ENVIRONMENT_MARKERS = ("pyvenv.cfg", "conda-meta")
# `python`, `python3`, `python3.11`, `python3.13t`, `pypy3`, `python.exe`.
_PYTHON_INTERPRETER = re.compile(r"^(?:python|pypy)(?:\d+(?:\.\d+)*)?[a-z]?(?:\.exe)?$")
# `env` options that consume the following word (`env -u NAME python3`).
_ENV_OPTIONS_WITH_ARGUMENT = frozenset({"-u", "--unset", "-C", "--chdir", "-P"})
_MAX_SYMLINK_HOPS = 40


class DiscoveryError(Exception):
    """A target named on the command line does not exist (the message names it)."""


@dataclass(frozen=True)
class SourceFile:
    """One file to scan.

    `path` is the absolute resolved path to read; `display_path` is what reports show
    (the target as the user typed it, joined with the path below it, in posix form);
    `root` is the resolved scan root the file was found under (for a file named
    directly, the folder holding it).
    """

    path: Path
    display_path: str
    root: Path


@dataclass
class DiscoveryResult:
    """The files to scan, sorted by display path, and what was left out with a reason."""

    files: list[SourceFile] = field(default_factory=list)
    skipped: list[FileError] = field(default_factory=list)


def discover(
    targets: Sequence[str | os.PathLike[str]],
    *,
    exclude: Sequence[str] = (),
    max_file_size: int = 5 * 1024 * 1024,
    respect_gitignore: bool = True,
    skip_default_dirs: bool = True,
) -> DiscoveryResult:
    """Find the Python files to scan under `targets` (files or folders).

    Raises `DiscoveryError` when a target does not exist (a broken symlink or a symlink
    loop named as a target counts as not existing), and `ValueError` naming the pattern
    when an `exclude` glob is not a valid gitignore-style pattern. Every other problem
    (unreadable folder, oversized file, symlink out of the root, …) becomes a
    `FileError` in `skipped` and the walk goes on.
    """
    if isinstance(targets, (str, os.PathLike)):
        targets = [targets]  # one path, not a sequence of one-character targets
    excludes = _compile_excludes(exclude)
    collector = _Collector()
    for target in targets:
        _discover_target(
            os.fspath(target),
            collector,
            excludes=excludes,
            max_file_size=max_file_size,
            respect_gitignore=respect_gitignore,
            skip_default_dirs=skip_default_dirs,
        )
    return collector.result()


# --------------------------------------------------------------------------- results


@dataclass
class _Candidate:
    source: SourceFile
    via_symlink: bool


class _Collector:
    """Accumulates files (deduplicated by resolved path) and skip reports (once each)."""

    def __init__(self) -> None:
        self._files: dict[Path, _Candidate] = {}
        self._skipped: list[FileError] = []
        self._reported: set[object] = set()

    def add_file(self, source: SourceFile, *, via_symlink: bool) -> None:
        current = self._files.get(source.path)
        # The real location wins over a symlinked one; among equals the first in sort
        # order, so the choice does not depend on the order the targets were given in.
        if current is None or (via_symlink, source.display_path) < (
            current.via_symlink,
            current.source.display_path,
        ):
            self._files[source.path] = _Candidate(source, via_symlink)

    def report(self, path: str, kind: str, message: str, *, key: object = None) -> None:
        dedupe_key = key if key is not None else (path, kind, message)
        if dedupe_key in self._reported:
            return
        self._reported.add(dedupe_key)
        self._skipped.append(FileError(path=path, kind=kind, message=message))

    def result(self) -> DiscoveryResult:
        files = sorted((c.source for c in self._files.values()), key=lambda s: s.display_path)
        skipped = sorted(self._skipped, key=lambda e: (e.path, e.kind, e.message))
        return DiscoveryResult(files=files, skipped=skipped)


# --------------------------------------------------------------------------- ignore rules


@dataclass(frozen=True)
class _IgnoreLayer:
    """One ignore file, matched against root-relative paths rewritten to its own base.

    A path `rel` (relative to the scan root) is seen by this layer as
    `prefix + rel[strip:]`: `strip` drops the part of the path above a nested
    `.gitignore`'s folder, `prefix` adds the part between an above-root `.gitignore`'s
    folder and the scan root.
    """

    spec: pathspec.GitIgnoreSpec
    strip: int = 0
    prefix: str = ""


def _gitignore_verdict(layers: tuple[_IgnoreLayer, ...], rel: str, is_dir: bool) -> bool:
    """Whether `rel` is ignored: the deepest ignore file with a matching pattern decides."""
    suffix = "/" if is_dir else ""
    for layer in reversed(layers):
        outcome = layer.spec.check_file(layer.prefix + rel[layer.strip :] + suffix)
        if outcome.include is not None:
            return bool(outcome.include)
    return False


def _compile_excludes(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec | None:
    if not patterns:
        return None
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, re.error) as exc:
            raise ValueError(
                f"invalid exclude pattern {pattern!r}: {exc} "
                "(use gitignore syntax, e.g. 'tests/fixtures/**' or '*_pb2.py')"
            ) from None
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _spec_from_lines(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    lines = list(lines)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):
        # Git silently drops a pattern it cannot parse and keeps the rest; do the same
        # rather than ignoring the whole file.
        valid = []
        for line in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([line])
            except (ValueError, re.error):
                continue
            valid.append(line)
        return pathspec.GitIgnoreSpec.from_lines(valid)


def _load_ignore_file(
    path: str, display: str, max_file_size: int, collector: _Collector
) -> pathspec.GitIgnoreSpec | None:
    """Parse one ignore file; a symlinked, oversized or unreadable one is not used."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    # Git refuses to follow a symlinked .gitignore too, and following it could read a
    # file outside the root.
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size > max_file_size:
        collector.report(
            display,
            "skipped",
            f"skipped: ignore file of {_human_size(info.st_size)} is over the "
            f"{_human_size(max_file_size)} size cap, its patterns are not applied "
            "(raise `max-file-size` in [tool.cwescan] to use it)",
        )
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_file_size + 1)
    except OSError as exc:
        collector.report(
            display,
            "read",
            f"cannot read ignore file: {exc.strerror or exc}, its patterns are not "
            "applied (check its permissions)",
        )
        return None
    # utf-8-sig: git skips a byte-order mark at the start of an ignore file.
    return _spec_from_lines(data.decode("utf-8-sig", errors="replace").splitlines())


def _find_repository_top(start: str) -> str | None:
    """The nearest folder at or above `start` holding `.git` (a folder or a file)."""
    current = start
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _layers_above_root(
    root: str, max_file_size: int, collector: _Collector
) -> tuple[_IgnoreLayer, ...]:
    """Ignore layers from the enclosing repository that apply to `root`'s contents."""
    top = _find_repository_top(root)
    if top is None:
        return ()
    layers: list[_IgnoreLayer] = []
    # Lowest precedence first: info/exclude, then .gitignore from the top downwards.
    exclude_file = os.path.join(top, ".git", "info", "exclude")
    if os.path.isdir(os.path.join(top, ".git")) and os.path.isfile(exclude_file):
        spec = _load_ignore_file(exclude_file, exclude_file, max_file_size, collector)
        if spec is not None:
            layers.append(_IgnoreLayer(spec, prefix=_relative_dir_prefix(top, root)))
    if top == root:
        # The root's own .gitignore is read during the walk like any other folder's.
        return tuple(layers)
    folder = top
    between = PurePosixPath(Path(root).relative_to(top).as_posix()).parts
    for part in (None, *between[:-1]):
        if part is not None:
            folder = os.path.join(folder, part)
        ignore_path = os.path.join(folder, ".gitignore")
        if os.path.isfile(ignore_path):
            spec = _load_ignore_file(ignore_path, ignore_path, max_file_size, collector)
            if spec is not None:
                layers.append(_IgnoreLayer(spec, prefix=_relative_dir_prefix(folder, root)))
    # If the root (or a folder on the way to it) is itself ignored, the user named an
    # ignored folder on purpose: scan it, without the rules that would drop all of it.
    if _root_is_ignored(layers, between):
        return ()
    return tuple(layers)


def _root_is_ignored(layers: list[_IgnoreLayer], between: tuple[str, ...]) -> bool:
    """Whether the root, or a folder between the repository top and it, is ignored.

    `between` is the root's path below the repository top, as parts.
    """
    for depth in range(1, len(between) + 1):
        for layer in reversed(layers):
            # `prefix` runs from the layer's folder down to the root, so its part count
            # tells how deep below the repository top the layer's folder is.
            layer_depth = len(between) - layer.prefix.count("/")
            if depth <= layer_depth:
                continue  # this folder is the layer's own folder or above it
            outcome = layer.spec.check_file("/".join(between[layer_depth:depth]) + "/")
            if outcome.include is not None:
                if outcome.include:
                    return True
                break
    return False


def _relative_dir_prefix(folder: str, root: str) -> str:
    """`root` relative to `folder` as a posix prefix ending in '/', or '' when equal."""
    rel = Path(root).relative_to(folder).as_posix()
    return "" if rel == "." else rel + "/"


# --------------------------------------------------------------------------- file kinds


def _human_size(size: int) -> str:
    """A byte count as a person reads it: `512 bytes`, `3.2 KB`, `20.0 MB`."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def is_python_shebang(first_line: bytes) -> bool:
    """Whether `first_line` is a shebang that runs Python.

    Accepts a direct interpreter (`#!/usr/bin/python3`), `env` with its options
    (`#!/usr/bin/env -S python3 -u`, `#!/usr/bin/env -u VAR python`), PyPy, and
    `uv run` scripts (`#!/usr/bin/env -S uv run --script`).
    """
    if not first_line.startswith(b"#!"):
        return False
    words = first_line[2:].split(b"\n", 1)[0].decode("latin-1").split()
    if not words:
        return False
    interpreter, rest = _basename(words[0]), words[1:]
    if interpreter == "env":
        index = 0
        while index < len(rest):
            word = rest[index]
            if word in _ENV_OPTIONS_WITH_ARGUMENT:
                index += 2
            elif word.startswith("-") or "=" in word:
                index += 1  # another option (`-S`, `-i`, `--split-string`) or VAR=value
            else:
                break
        if index >= len(rest):
            return False
        interpreter, rest = _basename(rest[index]), rest[index + 1 :]
    if _PYTHON_INTERPRETER.match(interpreter):
        return True
    return interpreter == "uv" and bool(rest) and rest[0] == "run"


def _basename(word: str) -> str:
    return word.replace("\\", "/").rsplit("/", 1)[-1].lower()


def _read_shebang(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SHEBANG_READ_LIMIT)


def _is_default_excluded(name: str) -> bool:
    return name in _DEFAULT_NAMES or any(fnmatch.fnmatchcase(name, g) for g in _DEFAULT_GLOBS)


def _is_package(folder: str) -> bool:
    """Whether `folder` holds an `__init__.py`, making it code whatever its name."""
    return os.path.isfile(os.path.join(folder, "__init__.py"))


def _inside(path: str, folder: str) -> bool:
    """Whether real path `path` is `folder` or below it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _display_base(typed: str) -> str:
    """The target as typed, in posix form without `./` or a trailing slash."""
    if os.sep != "/":
        typed = typed.replace(os.sep, "/")
    return PurePosixPath(typed).as_posix()


def _join_display(base: str, rel: str) -> str:
    if base == ".":
        return rel
    return base + rel if base.endswith("/") else f"{base}/{rel}"


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class _Settings:
    excludes: pathspec.GitIgnoreSpec | None
    max_file_size: int
    respect_gitignore: bool
    skip_default_dirs: bool


def _discover_target(
    typed: str,
    collector: _Collector,
    *,
    excludes: pathspec.GitIgnoreSpec | None,
    max_file_size: int,
    respect_gitignore: bool,
    skip_default_dirs: bool,
) -> None:
    display = _display_base(typed)
    try:
        info = os.stat(typed)
    except FileNotFoundError:
        if os.path.lexists(typed):
            raise DiscoveryError(
                f"{typed}: is a broken symlink (-> {os.readlink(typed)} does not exist)"
            ) from None
        raise DiscoveryError(f"{typed}: no such file or folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DiscoveryError(f"{typed}: symlink loop, it never reaches a file") from None
        collector.report(display, "read", f"cannot read: {exc.strerror or exc}")
        return
    settings = _Settings(excludes, max_file_size, respect_gitignore, skip_default_dirs)
    if stat.S_ISDIR(info.st_mode):
        _Walk(os.path.realpath(typed), display, settings, collector).run()
    elif stat.S_ISREG(info.st_mode):
        real = os.path.realpath(typed)
        # Named on purpose: scanned whatever its extension, ignore rules or excludes.
        if _check_size_and_access(real, info, display, settings, collector):
            source = SourceFile(Path(real), display, Path(os.path.dirname(real)))
            collector.add_file(source, via_symlink=False)
    else:
        collector.report(
            display,
            "skipped",
            "skipped: not a regular file or folder (a FIFO, device or socket is never read)",
        )


def _check_size_and_access(
    path: str, info: os.stat_result, display: str, settings: _Settings, collector: _Collector
) -> bool:
    if info.st_size > settings.max_file_size:
        collector.report(
            display,
            "skipped",
            f"skipped: {_human_size(info.st_size)} is over the "
            f"{_human_size(settings.max_file_size)} size cap "
            "(raise `max-file-size` in [tool.cwescan] to scan it)",
        )
        return False
    if not os.access(path, os.R_OK):
        collector.report(
            display,
            "read",
            f"cannot read file: {os.strerror(errno.EACCES)} (check its permissions)",
        )
        return False
    return True


# --------------------------------------------------------------------------- the walk


@dataclass(frozen=True)
class _Folder:
    """A folder waiting to be listed."""

    real: str  # resolved path, used to list it and to detect loops
    rel: str  # path below the scan root as reached (through symlinks), posix, '' for root
    layers: tuple[_IgnoreLayer, ...]
    via_symlink: bool


class _Walk:
    """Walks one folder target. Real folders first, symlinked folders after them.

    Listing every real folder before following any symlinked one means a file reachable
    both ways is first met at its real path, and a link to an already walked folder is
    simply not walked again, which is also what keeps link cycles finite.
    """

    def __init__(self, root: str, display: str, settings: _Settings, collector: _Collector) -> None:
        self.root = root
        self.display = display
        self.settings = settings
        self.collector = collector
        self.walked: set[str] = set()
        self.pending: list[_Folder] = []
        self.deferred: list[_Folder] = []

    def run(self) -> None:
        layers: tuple[_IgnoreLayer, ...] = ()
        if self.settings.respect_gitignore:
            layers = _layers_above_root(self.root, self.settings.max_file_size, self.collector)
        self.walked.add(self.root)
        self.pending.append(_Folder(self.root, "", layers, via_symlink=False))
        while self.pending or self.deferred:
            if not self.pending:
                # Symlinked folders are taken in sort order, so which link wins is stable.
                self.deferred.sort(key=lambda f: f.rel, reverse=True)
                folder = self.deferred.pop()
                if folder.real in self.walked:
                    continue
                self.walked.add(folder.real)
                self.pending.append(folder)
            self._list(self.pending.pop())

    # ------------------------------------------------------------------ one folder

    def _show(self, rel: str) -> str:
        return _join_display(self.display, rel)

    def _list(self, folder: _Folder) -> None:
        try:
            with os.scandir(folder.real) as iterator:
                entries = sorted(iterator, key=lambda e: e.name)
        except OSError as exc:
            shown = self._show(folder.rel) if folder.rel else self.display
            self.collector.report(
                shown,
                "read",
                f"cannot read folder: {exc.strerror or exc} (check its permissions; "
                "the rest of the scan went on without it)",
            )
            return
        names = {entry.name for entry in entries}
        if (
            folder.rel
            and self.settings.skip_default_dirs
            and any(marker in names for marker in _ENVIRONMENT_MARKERS)
        ):
            return  # a virtualenv or conda environment: installed code, not the project's
        layers = folder.layers
        if self.settings.respect_gitignore and ".gitignore" in names:
            ignore_path = os.path.join(folder.real, ".gitignore")
            shown = self._show(posixpath.join(folder.rel, ".gitignore"))
            spec = _load_ignore_file(
                ignore_path, shown, self.settings.max_file_size, self.collector
            )
            if spec is not None:
                strip = len(folder.rel) + 1 if folder.rel else 0
                layers = (*layers, _IgnoreLayer(spec, strip=strip))
        children: list[_Folder] = []
        for entry in entries:
            rel = f"{folder.rel}/{entry.name}" if folder.rel else entry.name
            child = self._visit(entry, rel, folder, layers)
            if child is not None:
                children.append(child)
        # Pushed in reverse so they are popped, and listed, in name order.
        self.pending.extend(reversed(children))

    def _is_left_out(self, rel: str, layers: tuple[_IgnoreLayer, ...], is_dir: bool) -> bool:
        excludes = self.settings.excludes
        if excludes is not None and excludes.match_file(rel + "/" if is_dir else rel):
            return True
        return bool(layers) and _gitignore_verdict(layers, rel, is_dir)

    def _visit(
        self,
        entry: os.DirEntry[str],
        rel: str,
        parent: _Folder,
        layers: tuple[_IgnoreLayer, ...],
    ) -> _Folder | None:
        """Handle one entry; return the folder to walk when it is one."""
        try:
            is_link = entry.is_symlink()
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False  # a symlink loop; resolved (and reported) below
        except OSError as exc:
            self._report_read(rel, exc)
            return None
        if is_dir:
            if (
                self.settings.skip_default_dirs
                and _is_default_excluded(entry.name)
                and not _is_package(entry.path)
            ):
                return None
            if self._is_left_out(rel, layers, is_dir=True):
                return None
            if not is_link:
                real = os.path.join(parent.real, entry.name)
                self.walked.add(real)
                return _Folder(real, rel, layers, parent.via_symlink)
            self._follow_folder_link(entry, rel, parent, layers)
            return None
        if self._is_left_out(rel, layers, is_dir=False):
            return None
        if is_link:
            self._follow_file_link(entry, rel, parent)
        else:
            self._consider_file(entry.path, entry.name, rel, parent.via_symlink, entry)
        return None

    # ------------------------------------------------------------------ symlinks

    def _follow_folder_link(
        self,
        entry: os.DirEntry[str],
        rel: str,
        parent: _Folder,
        layers: tuple[_IgnoreLayer, ...],
    ) -> None:
        real = self._resolve_link(entry, rel, report_dangling=True)
        if real is None:
            return
        if not _inside(real, self.root):
            self._report_outside(rel, real)
        elif _inside(parent.real, real):
            self.collector.report(
                self._show(rel),
                "skipped",
                f"skipped: symlink loop: -> {real} is a folder that holds this link "
                "(remove the link, or exclude it)",
                key=("loop", os.path.join(parent.real, entry.name)),
            )
        elif real not in self.walked:
            self.deferred.append(_Folder(real, rel, layers, via_symlink=True))

    def _follow_file_link(self, entry: os.DirEntry[str], rel: str, parent: _Folder) -> None:
        looks_python = self._looks_python_by_name(entry.name)
        real = self._resolve_link(entry, rel, report_dangling=looks_python)
        if real is None:
            return
        if not _inside(real, self.root):
            if looks_python:
                self._report_outside(rel, real)
            return
        self._consider_file(real, entry.name, rel, True, None)

    @staticmethod
    def _looks_python_by_name(name: str) -> bool:
        suffix = os.path.splitext(name)[1]
        return suffix in PYTHON_SUFFIXES or suffix == ""

    def _resolve_link(
        self, entry: os.DirEntry[str], rel: str, *, report_dangling: bool
    ) -> str | None:
        """The link's real target, or None after reporting a broken link or a loop."""
        try:
            return os.path.realpath(entry.path, strict=True)
        except OSError as exc:
            if not report_dangling:
                return None
            if exc.errno == errno.ELOOP:
                chain, cycle = _trace_link_chain(entry.path)
                self.collector.report(
                    self._show(rel),
                    "skipped",
                    f"skipped: symlink loop: {' -> '.join(chain)} (fix or remove the link)",
                    key=("cycle", cycle),
                )
            elif exc.errno == errno.ENOENT:
                try:
                    target = os.readlink(entry.path)
                except OSError:
                    target = "?"
                self.collector.report(
                    self._show(rel),
                    "skipped",
                    f"skipped: broken symlink: -> {target} does not exist (fix or remove the link)",
                )
            else:
                self._report_read(rel, exc)
            return None

    def _report_outside(self, rel: str, real: str) -> None:
        self.collector.report(
            self._show(rel),
            "skipped",
            f"skipped: symlink points outside the scanned root: -> {real} "
            "(scan that path directly if it should be reviewed)",
        )

    def _report_read(self, rel: str, exc: OSError) -> None:
        self.collector.report(
            self._show(rel),
            "read",
            f"cannot read: {exc.strerror or exc} (check its permissions)",
        )

    # ------------------------------------------------------------------ files

    def _consider_file(
        self,
        path: str,
        name: str,
        rel: str,
        via_symlink: bool,
        entry: os.DirEntry[str] | None,
    ) -> None:
        """Add `path` if it is a Python file that passes the size and access checks."""
        suffix = os.path.splitext(name)[1]
        if suffix not in PYTHON_SUFFIXES and suffix != "":
            return
        try:
            info = entry.stat() if entry is not None else os.stat(path)
        except OSError as exc:
            self._report_read(rel, exc)
            return
        if not stat.S_ISREG(info.st_mode):
            return  # never open a FIFO or a device: it could block or never end
        if suffix == "":
            try:
                first_bytes = _read_shebang(path)
            except OSError as exc:
                self.collector.report(
                    self._show(rel),
                    "read",
                    f"cannot read to look for a Python shebang: {exc.strerror or exc} "
                    "(check its permissions)",
                )
                return
            if not is_python_shebang(first_bytes):
                return
        shown = self._show(rel)
        if _check_size_and_access(path, info, shown, self.settings, self.collector):
            # Every folder is listed by its real path, so `path` is already resolved.
            source = SourceFile(Path(path), shown, Path(self.root))
            self.collector.add_file(source, via_symlink=via_symlink)


def _trace_link_chain(start: str) -> tuple[list[str], frozenset[str]]:
    """Follow a looping symlink by hand: the targets as written, and the cycle's members.

    The cycle (as a set of absolute link paths) is the key that reports a loop once,
    however many of its links the walk meets.
    """
    shown = [os.path.basename(start)]
    seen: list[str] = []
    current = os.path.abspath(start)
    for _ in range(_MAX_SYMLINK_HOPS):
        if current in seen:
            return shown, frozenset(seen[seen.index(current) :])
        seen.append(current)
        try:
            target = os.readlink(current)
        except OSError:
            break
        shown.append(target)
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return shown, frozenset(seen)
