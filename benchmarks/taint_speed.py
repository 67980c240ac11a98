"""How fast is the taint engine, next to parsing? (Not part of the test suite.)

Usage:
    python benchmarks/taint_speed.py [--corpus DIR] [--repeat N]

Without `--corpus`, downloads Django's sdist once into benchmarks/.corpus/ (with
`pip download --no-deps --no-binary :all: "django==5.2.*"`) and unpacks it. Each
measurement runs in a fresh child process (so peak memory is that run's own), `--repeat`
times, and the medians are printed:

- `ast.parse` of every file (the floor);
- the per-file taint analysis alone (name resolution done beforehand, not counted);
- the link step over all summaries;
- a whole `cwescan` scan (one process) with taint on and off, and its peak memory;
- the scaling curve of per-file analysis + link at 1/4, 1/2 and all of the files.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"

_CHILD = r"""
import ast, json, resource, sys, time
from pathlib import Path

mode, root, fraction = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
files = sorted(root.rglob("*.py"))
files = files[: max(1, int(len(files) * fraction))]
out = {"files": len(files)}
if mode == "parse":
    started = time.perf_counter()
    lines = 0
    for path in files:
        data = path.read_bytes()
        lines += data.count(b"\n")
        try:
            ast.parse(data)
        except (SyntaxError, ValueError):
            pass
    out["seconds"] = time.perf_counter() - started
    out["lines"] = lines
elif mode == "taint":
    from cwescan.analysis.names import NameResolver
    from cwescan.analysis.parsing import parse_source
    from cwescan.analysis.taint import analyze_module_taint, link_taint
    from cwescan.config import Config
    from cwescan.runner import module_name_for_file

    config = Config()
    analysis = 0.0
    summaries = []
    for path in files:
        parsed = parse_source(str(path), path.read_bytes())
        if not hasattr(parsed, "tree"):
            continue
        name, is_package = module_name_for_file(path)
        resolver = NameResolver(parsed.tree, name, is_package)
        started = time.perf_counter()
        summaries.append(analyze_module_taint(parsed, resolver, name, config).summary)
        analysis += time.perf_counter() - started
        del parsed, resolver
    started = time.perf_counter()
    findings = link_taint(summaries)
    out["link"] = time.perf_counter() - started
    out["seconds"] = analysis
    out["findings"] = len(findings)
elif mode in ("scan", "scan-no-taint"):
    import dataclasses
    from cwescan.config import Config
    from cwescan.runner import scan

    # a cold scan in this one process: no result cache, no worker processes
    known = {f.name for f in dataclasses.fields(Config)}
    settings = {"taint": mode == "scan"}
    settings.update({k: v for k, v in (("cache", False), ("jobs", 1)) if k in known})
    started = time.perf_counter()
    result = scan([str(root)], Config(**settings))
    out["seconds"] = time.perf_counter() - started
    out["findings"] = len(result.findings)
    out["timings"] = result.timings
out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def ensure_corpus() -> Path:
    """The unpacked Django sdist, downloaded the first time."""
    found = sorted(p for p in CORPUS.glob("django-5.2*") if p.is_dir())
    if found:
        return found[-1]
    CORPUS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            "django==5.2.*",
            "-d",
            str(CORPUS),
        ],
        check=True,
    )
    archive = sorted(CORPUS.glob("django-5.2*.tar.gz"))[-1]
    with tarfile.open(archive) as tar:
        tar.extractall(CORPUS, filter="data")
    return sorted(p for p in CORPUS.glob("django-5.2*") if p.is_dir())[-1]


def child(mode: str, root: Path, fraction: float = 1.0) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return what it reports."""
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(root), str(fraction)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of Python code (default: Django)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    root = args.corpus or ensure_corpus()
    print(f"corpus: {root}")
    results: dict[str, list[dict[str, float]]] = {
        "parse": [],
        "taint": [],
        "scan": [],
        "scan-no-taint": [],
    }
    for _ in range(args.repeat):
        for mode in results:  # alternate, so load on the machine hits every mode alike
            results[mode].append(child(mode, root))
    parse = median_of(results["parse"], "seconds")
    analysis = median_of(results["taint"], "seconds")
    link = median_of(results["taint"], "link")
    files = int(results["parse"][0]["files"])
    lines = int(results["parse"][0]["lines"])
    print(f"{files} files, {lines} lines, {args.repeat} runs each (medians)")
    print(f"  ast.parse, every file:           {parse:7.2f} s")
    print(
        f"  taint, per-file analysis:         {analysis:7.2f} s  ({analysis / parse:.2f} x parse)"
    )
    print(f"  taint, link step:                 {link:7.2f} s  ({link / parse:.2f} x parse)")
    print(
        f"  taint total:                      {analysis + link:7.2f} s  "
        f"({(analysis + link) / parse:.2f} x parse)"
    )
    print(f"  taint findings:                   {int(results['taint'][0]['findings'])}")
    on = median_of(results["scan"], "seconds")
    off = median_of(results["scan-no-taint"], "seconds")
    print(
        f"  whole scan, taint on:             {on:7.2f} s  "
        f"(peak {median_of(results['scan'], 'peak_mib'):.0f} MiB)"
    )
    print(
        f"  whole scan, taint off:            {off:7.2f} s  "
        f"(peak {median_of(results['scan-no-taint'], 'peak_mib'):.0f} MiB)"
    )
    print("  scaling (per-file analysis + link):")
    for fraction in (0.25, 0.5, 1.0):
        runs = [child("taint", root, fraction) for _ in range(args.repeat)]
        total = median_of(runs, "seconds") + median_of(runs, "link")
        print(
            f"    {fraction:>4.0%} of the files ({int(runs[0]['files']):>5}): {total:6.2f} s, "
            f"peak {median_of(runs, 'peak_mib'):.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
