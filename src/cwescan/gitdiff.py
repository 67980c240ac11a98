"""Diff mode (`--diff REF`): keep only findings on lines changed since a git ref.

The changed lines come from `git diff --unified=0 REF` run at the root of the
repository holding the first scanned path — the working tree against REF, so
committed, staged and unstaged changes all count — plus every untracked file (new
code is all changed). The whole project is still analysed, so a data flow through
unchanged files into a changed line is found; only the report is narrowed. A finding
counts as changed when its own lines or any step of its trace touch a changed line.

Outside a git repository, without git, or with a ref git does not know, a `DiffError`
says so; the CLI exits 2.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cwescan.model import Location, ScanResult

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_GIT_TIMEOUT = 120  # seconds; a diff of a huge repository is slow but not this slow


class DiffError(Exception):
    """Diff mode cannot run; the message says why and what to do."""


@dataclass
class ChangedLines:
    """Lines changed since `ref`, by resolved absolute file path (None: the whole file)."""

    ref: str
    repo_root: Path
    files: dict[Path, set[int] | None] = field(default_factory=dict)

    def touches(self, path: Path, start: int, end: int) -> bool:
        """True when any line `start..end` of the file at `path` changed."""
        lines = self.files.get(path, set())
        if lines is None:
            return True
        return any(line in lines for line in range(start, end + 1))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise DiffError("--diff needs git, and git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"git {' '.join(args[:2])} took longer than {_GIT_TIMEOUT}s") from None


def _message(completed: subprocess.CompletedProcess[bytes]) -> str:
    """The last line git wrote to stderr (its actual complaint)."""
    lines = completed.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {completed.returncode}"


def repository_root(start: Path) -> Path:
    """The top folder of the git repository holding `start`; DiffError outside one."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    if not folder.exists():
        raise DiffError(f"{start}: does not exist")
    completed = _git(["rev-parse", "--show-toplevel"], folder)
    if completed.returncode != 0:
        raise DiffError(
            f"--diff: {start} is not inside a git repository ({_message(completed)}); "
            "run the scan from a git checkout or drop --diff"
        )
    return Path(completed.stdout.decode("utf-8", "surrogateescape").strip()).resolve()


def changed_lines(ref: str, start: Path) -> ChangedLines:
    """The lines changed since `ref` in the repository holding `start`."""
    if not ref or ref.startswith("-"):
        raise DiffError(f"--diff: {ref!r} is not a git ref")
    root = repository_root(start)
    verified = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                    root)
    if verified.returncode != 0:
        raise DiffError(
            f"--diff: unknown git ref {ref!r} in {root} (try a branch, tag or commit such as "
            "origin/main or HEAD~1; in CI, fetch enough history, e.g. fetch-depth: 0)"
        )
    commit = verified.stdout.decode().strip()
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", commit, "--"], root)
    if diff.returncode != 0:
        raise DiffError(f"--diff: git diff {ref} failed: {_message(diff)}")
    changes = ChangedLines(ref=ref, repo_root=root)
    for name, lines in parse_unified_diff(diff.stdout.decode("utf-8", "surrogateescape")).items():
        changes.files[(root / name).resolve()] = lines
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    if untracked.returncode == 0:
        for name in untracked.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if name:
                changes.files[(root / name).resolve()] = None
    return changes


def parse_unified_diff(text: str) -> dict[str, set[int]]:
    """Added or changed line numbers (new side) per file of a `--unified=0` diff."""
    files: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            if target == "/dev/null":
                current = None  # deleted file: nothing on the new side
                continue
            name = _unquote(target)
            if name.startswith("b/"):
                name = name[2:]
            current = files.setdefault(name, set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                first = int(match.group(1))
                count = int(match.group(2)) if match.group(2) is not None else 1
                current.update(range(first, first + count))
    return files


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual file names (`"b/tab\\there.py"`)."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1]
    raw = bytearray()
    index = 0
    escapes = {"n": 10, "t": 9, '"': 34, "\\": 92, "a": 7, "b": 8, "f": 12, "r": 13, "v": 11}
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            octal = body[index + 1 : index + 4]
            if len(octal) == 3 and all(c in "01234567" for c in octal):
                raw.append(int(octal, 8) & 0xFF)
                index += 4
                continue
            raw.append(escapes.get(following, ord(following)))
            index += 2
            continue
        raw.extend(char.encode("utf-8"))
        index += 1
    return raw.decode("utf-8", "surrogateescape")


def restrict_to_diff(result: ScanResult, changes: ChangedLines) -> int:
    """Drop findings and observations on unchanged lines; returns how many findings went.

    Records `result.filters["diff"]` for the reports.
    """
    root = Path(result.root or os.getcwd())

    def touched(location: Location) -> bool:
        path = Path(location.path)
        absolute = (path if path.is_absolute() else root / path).resolve()
        end = location.end_line if location.end_line is not None else location.start_line
        return changes.touches(absolute, location.start_line, end)

    kept = []
    for finding in result.findings:
        if touched(finding.location) or any(touched(step.location) for step in finding.trace):
            kept.append(finding)
    dropped = len(result.findings) - len(kept)
    result.findings = kept
    result.observations = [
        o for o in result.observations if any(touched(loc) for loc in o.locations)
    ]
    result.filters["diff"] = {
        "ref": changes.ref,
        "files_changed": len(changes.files),
        "dropped": dropped,
    }
    return dropped
