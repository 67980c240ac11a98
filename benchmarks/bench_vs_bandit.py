"""Speed and memory of cwescan (taint on) against Bandit 1.9 on Django's sdist, side by side.

    python benchmarks/bench_vs_bandit.py                 # 3 rounds, Django 5.2 from PyPI
    python benchmarks/bench_vs_bandit.py --rounds 5 --jobs 2
    python benchmarks/bench_vs_bandit.py --tree some/dir --no-scaling

Downloads the Django 5.2 sdist once (`pip download --no-deps --no-binary :all:
"django==5.2.*"` into `benchmarks/.corpus/`, shared with compare_bandit.py), then runs,
alternating the order of the tools every round:

- Bandit: `bandit -r . -f json` (it has no cache: every Bandit run is a cold run);
- cwescan cold: `cwescan scan . -f json` with a fresh, empty cache folder;
- cwescan warm: the same command again on the same cache (nothing changed);
- cwescan one file changed: a temporary copy of the tree, cached once, then one file
  edited (a line appended to `django/db/models/query.py`, imported all over Django)
  before each timed run.

Each run's wall time and the peak memory of its whole process tree (the sum of the RSS
of the process and all its children, sampled every 20 ms with psutil, or /proc) are
recorded; the medians and their ratios to Bandit are printed against the targets of
issue 6, followed by the scaling curve (cold cwescan on the first quarter, half and all
of the corpus by lines) and the floor (`ast.parse` of every file in one process).

Not part of the test suite. Needs Bandit (`pip install "bandit==1.9.*"`).
"""

from __future__ import annotations

import argparse
import ast
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare_bandit import DEFAULT_CORPUS, DEFAULT_SPEC, fetch_corpus  # noqa: E402

import cwescan  # noqa: E402

TARGETS = {"cold": 0.15, "warm": 0.02, "memory_mib": 300}
CHANGED_FILE = "django/db/models/query.py"


@dataclass
class Sample:
    """One timed run: wall seconds and the peak RSS of its process tree."""

    seconds: float
    peak_mib: float
    status: int


@dataclass
class Series:
    """The samples of one kind of run."""

    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mib(self) -> float:
        return statistics.median(s.peak_mib for s in self.samples)

    def spread(self) -> str:
        values = sorted(s.seconds for s in self.samples)
        return f"{values[0]:.2f}–{values[-1]:.2f}" if len(values) > 1 else f"{values[0]:.2f}"


# -- measuring ------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Bytes of RSS of `pid` and all its descendants (psutil when present, else /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None  # type: ignore[assignment]
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            total = root.memory_info().rss
            for child in root.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass
            return int(total)
        except psutil.Error:
            return 0
    return _proc_tree_rss(pid)


def _proc_tree_rss(pid: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pending.extend(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Run `command`, sampling its process tree's memory; returns time, peak and status."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    return Sample(seconds, peak / 2**20, process.returncode)


def bandit_command(output: Path) -> list[str]:
    return [sys.executable, "-m", "bandit", "-r", ".", "-f", "json", "-o", str(output), "-q"]


def cwescan_command(output: Path, cache: Path | None, jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "cwescan", "scan", ".", "-q", "-f", "json", "-o", str(output)]
    command += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    if jobs is not None:
        command += ["-j", str(jobs)]
    return command


# -- corpus subsets --------------------------------------------------------------------------


def python_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*.py") if p.is_file())


def count_lines(files: Sequence[Path]) -> int:
    return sum(p.read_bytes().count(b"\n") for p in files)


def subset_tree(tree: Path, fraction: float, target: Path) -> tuple[int, int]:
    """Copy the first `fraction` of the tree's Python lines (files in path order, with the
    `__init__.py` files of their packages) into `target`; returns (files, lines)."""
    files = python_files(tree)
    total = count_lines(files)
    chosen: list[Path] = []
    lines = 0
    for path in files:
        if lines >= total * fraction:
            break
        chosen.append(path)
        lines += path.read_bytes().count(b"\n")
    keep = set(chosen)
    for path in chosen:  # the packages around a module decide its dotted name
        folder = path.parent
        while folder != tree:
            init = folder / "__init__.py"
            if init.is_file():
                keep.add(init)
            folder = folder.parent
    for path in keep:
        destination = target / path.relative_to(tree)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return len(keep), count_lines(sorted(keep))


def parse_floor(tree: Path) -> float:
    """Seconds to `ast.parse` every file in one process (the floor the issue names)."""
    sources = [p.read_bytes() for p in python_files(tree)]
    started = time.perf_counter()
    for source in sources:
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            pass
    return time.perf_counter() - started


# -- the benchmark ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, help="benchmark this source tree instead")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--spec", default=DEFAULT_SPEC, help="pip requirement of the sdist")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each kind (median)")
    parser.add_argument("--jobs", type=int, help="cwescan -j (default: one per core)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling curve")
    args = parser.parse_args(argv)

    tree = (args.tree or fetch_corpus(args.corpus, args.spec)).resolve()
    files = python_files(tree)
    print(f"corpus: {tree} — {len(files)} Python files, {count_lines(files):,} lines")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; rounds {args.rounds}")
    work = Path(tempfile.mkdtemp(prefix="cwescan-bench-"))
    env = dict(os.environ)
    env["CWESCAN_CACHE_DIR"] = str(work / "user-cache")  # the signing key, kept apart
    # both tools start from compiled bytecode, as after `pip install` (Bandit's came with
    # it; an editable cwescan under PYTHONDONTWRITEBYTECODE would compile its edited
    # modules again on every run, 0.2 s of each)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(Path(cwescan.__file__).parent, quiet=1)
    bandit, cold, warm, changed = (Series(n) for n in ("bandit", "cold", "warm", "changed"))
    copy = work / "copy"
    shutil.copytree(tree, copy, symlinks=True)
    changed_cache = work / "changed-cache"
    run_measured(cwescan_command(work / "c.json", changed_cache, args.jobs), copy, env)
    edited = copy / CHANGED_FILE
    if not edited.is_file():  # another tree: edit its largest file
        edited = max(python_files(copy), key=lambda p: p.stat().st_size)
    print(f"one-file-changed edits {edited.relative_to(copy)}")
    try:
        for round_number in range(args.rounds):
            cache = work / f"cache-{round_number}"
            tools = ["bandit", "cwescan"] if round_number % 2 == 0 else ["cwescan", "bandit"]
            for tool in tools:
                if tool == "bandit":
                    command = bandit_command(work / "b.json")
                    bandit.samples.append(run_measured(command, tree, env))
                    continue
                command = cwescan_command(work / "c.json", cache, args.jobs)
                cold.samples.append(run_measured(command, tree, env))
                warm.samples.append(run_measured(command, tree, env))
                with open(edited, "a", encoding="utf-8") as handle:
                    handle.write(f"\nBENCHMARK_EDIT_{round_number} = {round_number}\n")
                command = cwescan_command(work / "c.json", changed_cache, args.jobs)
                changed.samples.append(run_measured(command, copy, env))
            print(
                f"round {round_number + 1}: bandit {bandit.samples[-1].seconds:.2f}s, "
                f"cold {cold.samples[-1].seconds:.2f}s, warm {warm.samples[-1].seconds:.2f}s, "
                f"one file changed {changed.samples[-1].seconds:.2f}s",
                flush=True,
            )
        print()
        print(f"{'run':<28}{'median s':>10}{'range s':>14}{'× bandit':>10}{'peak MiB':>10}")
        base = bandit.seconds
        for series, label in (
            (bandit, "bandit -r (no cache)"),
            (cold, "cwescan cold (taint on)"),
            (warm, "cwescan warm (no change)"),
            (changed, "cwescan one file changed"),
        ):
            print(
                f"{label:<28}{series.seconds:>10.2f}{series.spread():>14}"
                f"{series.seconds / base:>10.3f}{series.peak_mib:>10.0f}"
            )
        print()
        verdicts = [
            ("cold ≤ 0.15 × bandit", cold.seconds / base, TARGETS["cold"]),
            ("warm ≤ 0.02 × bandit", warm.seconds / base, TARGETS["warm"]),
            ("peak memory ≤ 300 MiB", cold.peak_mib, TARGETS["memory_mib"]),
        ]
        for label, value, limit in verdicts:
            print(f"  {label:<26} {value:>8.3f}  {'met' if value <= limit else 'NOT met'}")
        print(f"  ast.parse floor (1 process): {parse_floor(tree):.2f}s")
        if not args.no_scaling:
            print("\nscaling (cold, no cache):")
            print(f"{'part':<8}{'files':>8}{'lines':>10}{'seconds':>10}{'µs/line':>10}")
            for fraction in (0.25, 0.5, 1.0):
                part = work / f"part-{fraction}"
                n_files, n_lines = subset_tree(tree, fraction, part)
                command = cwescan_command(work / "s.json", None, args.jobs)
                seconds = statistics.median(
                    run_measured(command, part, env).seconds for _ in range(args.rounds)
                )
                print(
                    f"{fraction:<8}{n_files:>8}{n_lines:>10,}{seconds:>10.2f}"
                    f"{seconds / n_lines * 1e6:>10.1f}"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
