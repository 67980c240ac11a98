"""Regenerate the sample review in README.md from a real scan of `examples/`.

    python scripts/update_readme_review.py          # rewrite the block in README.md
    python scripts/update_readme_review.py --check  # exit 1 if README.md is out of date

The block between `<!-- review:start -->` and `<!-- review:end -->` is exactly
`cwescan scan examples/ -f markdown` run from the repository root, with its headings
moved down two levels to sit under the README's "What a review looks like" section.
tests/test_report_readme.py fails when the README falls behind (new rules firing on the
example app, changed wording); running this script brings it up to date.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START = "<!-- review:start -->"
END = "<!-- review:end -->"
TARGET = "examples/"
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@contextmanager
def _working_directory(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def shift_headings(markdown: str, levels: int = 2) -> str:
    """Move every ATX heading down `levels` levels, leaving fenced code alone."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[
                len(marker):
            ]:
                fence = None
        elif fence is None and re.match(r"^#{1,6} ", line):
            line = "#" * levels + line
        lines.append(line)
    return "\n".join(lines) + "\n"


def generate_review() -> str:
    """The Markdown review of `examples/`, as `cwescan scan examples/ -f markdown` writes it."""
    from cwescan.config import load_config
    from cwescan.report.markdown import render
    from cwescan.runner import scan

    with _working_directory(REPO):
        config = load_config(None, [TARGET])
        return render(scan([TARGET], config))


def readme_block(readme_text: str) -> str:
    """The current review block of the README (between the markers)."""
    if START not in readme_text or END not in readme_text:
        raise SystemExit(f"{README}: the markers {START} and {END} are missing")
    return readme_text.split(START, 1)[1].split(END, 1)[0]


def wanted_block() -> str:
    """What the block between the markers should be."""
    return "\n" + shift_headings(generate_review())


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    current = readme_block(text)
    wanted = wanted_block()
    if "--check" in argv:
        if current != wanted:
            print("README.md's review is out of date: run python scripts/update_readme_review.py")
            return 1
        return 0
    if current == wanted:
        print("README.md's review is up to date")
        return 0
    updated = text.replace(START + current + END, START + wanted + END, 1)
    from cwescan.atomic import write_text_atomic

    write_text_atomic(README, updated)
    print("README.md: review regenerated from a scan of examples/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
