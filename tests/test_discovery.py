"""File discovery: which files a scan reads, under which names, and what it reports skipping."""

from __future__ import annotations

import errno
import inspect
import os
import random
import sys
from pathlib import Path

import pytest

from cwescan import discovery
from cwescan.discovery import (
    DEFAULT_EXCLUDED_DIRS,
    DiscoveryError,
    DiscoveryResult,
    discover,
    is_python_shebang,
)


def write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def shown(result: DiscoveryResult) -> list[str]:
    return [f.display_path for f in result.files]


def scan_names(root: Path, **kwargs: object) -> list[str]:
    """Display paths of a scan of `root`, given as a relative path from its parent."""
    os.chdir(root.parent)
    return shown(discover([root.name], **kwargs))  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _restore_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests chdir so that display paths read as a user would type them.
    monkeypatch.chdir(os.getcwd())


# --------------------------------------------------------------------------- file kinds


def test_python_files_by_extension_and_shebang(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "app.py")
    write(root / "gui.pyw")
    write(root / "types.pyi", "def f() -> int: ...\n")
    write(root / "notes.txt")
    write(root / "bin" / "tool", "#!/usr/bin/env python3\nprint(1)\n")
    write(root / "bin" / "tool-u", "#!/usr/bin/env -S python3 -u\nprint(1)\n")
    write(root / "bin" / "direct", "#!/usr/bin/python\nprint(1)\n")
    write(root / "bin" / "shell", "#!/bin/sh\necho hi\n")
    write(root / "bin" / "plain", "print('no shebang')\n")
    (root / "bin" / "blob").write_bytes(b"\x7fELF\x00\x01python")

    assert scan_names(root) == [
        "proj/app.py",
        "proj/bin/direct",
        "proj/bin/tool",
        "proj/bin/tool-u",
        "proj/gui.pyw",
    ]


@pytest.mark.parametrize(
    "line",
    [
        b"#!/usr/bin/env python3\n",
        b"#!/usr/bin/python\n",
        b"#! /usr/local/bin/python3.11 -O\n",
        b"#!/usr/bin/env -S python3 -u\n",
        b"#!/usr/bin/env -u PYTHONPATH python\n",
        b"#!/usr/bin/env PYTHONUNBUFFERED=1 python3\r\n",
        b"#!/opt/pypy/bin/pypy3\n",
        b"#!/usr/bin/env -S uv run --script\n",
        b"#!python\n",
    ],
)
def test_python_shebangs_are_recognised(line: bytes) -> None:
    assert is_python_shebang(line)


@pytest.mark.parametrize(
    "line",
    [
        b"#!/bin/bash\n",
        b"#!/usr/bin/env node\n",
        b"#!/usr/bin/env\n",
        b"#!/usr/bin/env -S\n",
        b"# python3 comment\n",
        b"import os\n",
        b"#!/usr/bin/perl -w # python\n",
        b"",
    ],
)
def test_other_first_lines_are_not_python(line: bytes) -> None:
    assert not is_python_shebang(line)


def test_shebang_detection_reads_only_the_start_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "proj"
    write(root / "tool", "#!/usr/bin/env python3\n" + "x = 1\n" * 10_000)
    sizes: list[int] = []
    real_read = discovery._read_shebang

    def spy(path: str) -> bytes:
        data = real_read(path)
        sizes.append(len(data))
        return data

    monkeypatch.setattr(discovery, "_read_shebang", spy)
    assert scan_names(root) == ["proj/tool"]
    assert sizes == [256]


def test_file_named_directly_is_scanned_whatever_its_extension(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "sub" / "notes.txt")
    write(tmp_path / "proj" / ".gitignore", "*.txt\n")
    os.chdir(tmp_path)

    result = discover(["./proj/sub/notes.txt"])

    assert shown(result) == ["proj/sub/notes.txt"]
    source = result.files[0]
    assert source.path == (tmp_path / "proj" / "sub" / "notes.txt").resolve()
    assert source.root == (tmp_path / "proj" / "sub").resolve()


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "a.py")
    os.mkfifo(root / "pipe.py")
    os.mkfifo(root / "noext")

    assert scan_names(root) == ["proj/a.py"]
    result = discover([str(root / "pipe.py")])
    assert result.files == []
    assert [e.kind for e in result.skipped] == ["skipped"]
    assert "not a regular file" in result.skipped[0].message


# --------------------------------------------------------------------------- folders left out


def test_virtualenvs_are_skipped_whatever_their_name(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "main.py")
    write(root / "myenv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(root / "myenv" / "lib" / "python3.11" / "mod.py")
    write(root / "myenv" / "bin" / "pip", "#!/proj/myenv/bin/python\n")
    write(root / "condaenv" / "conda-meta" / "history", "")
    write(root / "condaenv" / "lib" / "mod.py")
    # A folder merely named `env` is project code (config/env/ is common).
    write(root / "config" / "env" / "settings.py")

    assert scan_names(root) == ["proj/config/env/settings.py", "proj/main.py"]
    assert scan_names(root, skip_default_dirs=False) == [
        "proj/condaenv/lib/mod.py",
        "proj/config/env/settings.py",
        "proj/main.py",
        "proj/myenv/bin/pip",
        "proj/myenv/lib/python3.11/mod.py",
    ]


def test_default_folders_are_skipped_unless_asked(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "main.py")
    left_out = ["__pycache__", "build", "dist", "node_modules", ".git", ".tox", "venv"]
    for name in left_out:
        write(root / name / "inner.py")
    write(root / "cwescan.egg-info" / "inner.py")
    write(root / "pkg" / "site-packages" / "inner.py")

    assert scan_names(root) == ["proj/main.py"]
    everything = scan_names(root, skip_default_dirs=False)
    assert len(everything) == len(left_out) + 3
    assert "proj/cwescan.egg-info/inner.py" in everything
    assert {"build", "*.egg-info", ".cwescan_cache"} <= DEFAULT_EXCLUDED_DIRS
    assert "env" not in DEFAULT_EXCLUDED_DIRS


def test_package_with_a_default_excluded_name_is_code(tmp_path: Path) -> None:
    # pypa/build keeps its source in src/build/, the stdlib has a venv/ package.
    root = tmp_path / "proj"
    write(root / "src" / "build" / "__init__.py")
    write(root / "src" / "build" / "env.py")
    write(root / "build" / "lib" / "build" / "__init__.py")  # a build output

    assert scan_names(root) == ["proj/src/build/__init__.py", "proj/src/build/env.py"]


def test_folder_named_directly_is_scanned_even_with_a_default_name(tmp_path: Path) -> None:
    write(tmp_path / "build" / "gen.py")
    assert scan_names(tmp_path / "build") == ["build/gen.py"]


# --------------------------------------------------------------------------- gitignore


def test_nested_gitignore_applies_relative_to_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / ".gitignore", "*_gen.py\nsecrets/\n")
    write(root / "a_gen.py")
    write(root / "keep.py")
    write(root / "anchored.py")
    write(root / "secrets" / "s.py")
    write(root / "sub" / ".gitignore", "/anchored.py\n!b_gen.py\nlocal.py\n")
    write(root / "sub" / "anchored.py")
    write(root / "sub" / "deeper" / "anchored.py")
    write(root / "sub" / "b_gen.py")
    write(root / "sub" / "c_gen.py")
    write(root / "sub" / "deeper" / "local.py")
    write(root / "other" / "local.py")

    assert scan_names(root) == [
        "proj/anchored.py",
        "proj/keep.py",
        "proj/other/local.py",
        "proj/sub/b_gen.py",
        "proj/sub/deeper/anchored.py",
    ]
    assert len(scan_names(root, respect_gitignore=False)) == 10


def test_gitignore_above_the_scan_root_is_honoured_inside_a_repo(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("scratch_*.py\n")
    write(repo / ".gitignore", "src/generated/\n*_pb2.py\n")
    write(repo / "src" / ".gitignore", "local_*.py\n")
    write(repo / "src" / "pkg" / "app.py")
    write(repo / "src" / "pkg" / "api_pb2.py")
    write(repo / "src" / "pkg" / "scratch_1.py")
    write(repo / "src" / "pkg" / "local_x.py")
    write(repo / "src" / "generated" / "gen.py")

    assert scan_names(repo / "src" / "pkg") == ["pkg/app.py"]
    assert scan_names(repo / "src") == ["src/pkg/app.py"]


def test_ignored_folder_named_directly_is_scanned(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / ".gitignore", "generated/\n*.tmp.py\n")
    write(repo / "generated" / "gen.py")
    write(repo / "generated" / "x.tmp.py")

    # The folder was asked for; the rule that ignores the whole folder does not apply.
    assert scan_names(repo / "generated") == ["generated/gen.py", "generated/x.tmp.py"]


def test_gitignore_above_the_root_outside_a_repo_is_not_used(tmp_path: Path) -> None:
    write(tmp_path / "outer" / ".gitignore", "*.py\n")
    write(tmp_path / "outer" / "proj" / "app.py")
    assert scan_names(tmp_path / "outer" / "proj") == ["proj/app.py"]


def test_symlinked_gitignore_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "rules", "*.py\n")
    root = tmp_path / "proj"
    write(root / "app.py")
    (root / ".gitignore").symlink_to(tmp_path / "elsewhere" / "rules")
    assert scan_names(root) == ["proj/app.py"]


# --------------------------------------------------------------------------- exclude globs


def test_exclude_globs_match_paths_below_the_scan_root(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "app.py")
    write(root / "api_pb2.py")
    write(root / "tests" / "test_app.py")
    write(root / "tests" / "fixtures" / "bad.py")
    write(root / "tests" / "fixtures" / "deep" / "worse.py")
    write(root / "db" / "migrations" / "0001.py")
    write(root / "top.py")
    write(root / "sub" / "top.py")

    names = scan_names(root, exclude=["tests/fixtures/**", "*_pb2.py", "migrations/", "/top.py"])

    assert names == ["proj/app.py", "proj/sub/top.py", "proj/tests/test_app.py"]


def test_invalid_exclude_pattern_is_named(tmp_path: Path) -> None:
    write(tmp_path / "a.py")
    with pytest.raises(ValueError, match=r"invalid exclude pattern '!'"):
        discover([tmp_path], exclude=["ok/**", "!"])


# --------------------------------------------------------------------------- size cap


def test_size_cap_skips_with_an_actionable_message(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "small.py", "x = 1\n")
    write(root / "big.py", "#" * 200)

    os.chdir(tmp_path)
    result = discover(["proj"], max_file_size=100)

    assert shown(result) == ["proj/small.py"]
    assert [(e.path, e.kind, e.message) for e in result.skipped] == [
        (
            "proj/big.py",
            "skipped",
            "skipped: 200 bytes is over the 100 bytes size cap "
            "(raise `max-file-size` in [tool.cwescan] to scan it)",
        )
    ]


def test_size_cap_default_in_megabytes_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "huge.py"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: costs no disk
    opened: list[str] = []
    real_open = open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy_open)
    result = discover([tmp_path])

    assert result.files == []
    assert "20.0 MB is over the 5.0 MB size cap" in result.skipped[0].message
    assert str(big) not in opened


def test_size_cap_applies_to_a_file_named_directly(tmp_path: Path) -> None:
    write(tmp_path / "big.py", "#" * 2048)
    result = discover([tmp_path / "big.py"], max_file_size=1024)
    assert result.files == []
    assert "2.0 KB is over the 1.0 KB size cap" in result.skipped[0].message


# --------------------------------------------------------------------------- symlinks


def test_symlinks_inside_the_root_are_followed_once(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "real" / "a.py")
    write(root / "real" / "b.py")
    (root / "alias").symlink_to(root / "real")  # a folder link, before `real` in order
    (root / "a_link.py").symlink_to(root / "real" / "a.py")
    write(root / "vendor" / "only_here.py")
    (root / "uses_vendor").symlink_to("vendor", target_is_directory=True)

    os.chdir(tmp_path)
    result = discover(["proj"], exclude=["vendor/"])

    # Reached through links and directly: listed once, under the real path.
    assert shown(result) == ["proj/real/a.py", "proj/real/b.py", "proj/uses_vendor/only_here.py"]
    assert result.files[0].path == (root / "real" / "a.py").resolve()
    assert result.skipped == []


def test_symlink_outside_the_root_is_reported_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "passwd", "root:x:0:0\n")
    write(outside / "lib" / "evil.py")
    write(outside / "README.md", "# docs\n")
    root = tmp_path / "proj"
    write(root / "app.py")
    (root / "config.py").symlink_to(outside / "passwd")
    (root / "lib").symlink_to(outside / "lib")
    (root / "README.md").symlink_to(outside / "README.md")

    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/app.py"]
    assert [(e.path, e.kind, e.message) for e in result.skipped] == [
        (
            "proj/config.py",
            "skipped",
            f"skipped: symlink points outside the scanned root: -> {outside.resolve()}/passwd"
            " (scan that path directly if it should be reviewed)",
        ),
        (
            "proj/lib",
            "skipped",
            f"skipped: symlink points outside the scanned root: -> {outside.resolve()}/lib"
            " (scan that path directly if it should be reviewed)",
        ),
    ]


def test_symlink_loop_between_files_is_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "app.py")
    (root / "a.py").symlink_to("b.py")
    (root / "b.py").symlink_to("a.py")

    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/app.py"]
    assert [(e.path, e.message) for e in result.skipped] == [
        ("proj/a.py", "skipped: symlink loop: a.py -> b.py -> a.py (fix or remove the link)")
    ]


def test_folder_linking_to_its_ancestor_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "pkg" / "mod.py")
    (root / "pkg" / "up").symlink_to("..", target_is_directory=True)
    (root / "pkg" / "self").symlink_to(".", target_is_directory=True)
    # Two sibling folders linking to each other: finite, not a loop to report.
    write(root / "x" / "x.py")
    write(root / "y" / "y.py")
    (root / "x" / "to_y").symlink_to("../y", target_is_directory=True)
    (root / "y" / "to_x").symlink_to("../x", target_is_directory=True)

    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/pkg/mod.py", "proj/x/x.py", "proj/y/y.py"]
    assert [e.path for e in result.skipped] == ["proj/pkg/self", "proj/pkg/up"]
    assert all("symlink loop" in e.message for e in result.skipped)


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "app.py")
    (root / "gone.py").symlink_to("nowhere.py")
    (root / "image.png").symlink_to("nowhere.png")  # not Python: not worth a message

    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/app.py"]
    assert [(e.path, e.message) for e in result.skipped] == [
        (
            "proj/gone.py",
            "skipped: broken symlink: -> nowhere.py does not exist (fix or remove the link)",
        )
    ]


# --------------------------------------------------------------------------- targets


def test_missing_target_raises_naming_it(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    with pytest.raises(DiscoveryError, match=r"^nope/: no such file or folder$"):
        discover(["nope/"])


def test_broken_symlink_target_raises(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    with pytest.raises(DiscoveryError, match="broken symlink"):
        discover([tmp_path / "link"])


def test_display_paths_follow_what_the_user_typed(tmp_path: Path) -> None:
    write(tmp_path / "examples" / "app" / "db.py")
    os.chdir(tmp_path)

    assert shown(discover(["examples/"])) == ["examples/app/db.py"]
    assert shown(discover(["./examples"])) == ["examples/app/db.py"]
    assert shown(discover([Path("examples")])) == ["examples/app/db.py"]
    os.chdir(tmp_path / "examples")
    assert shown(discover(["."])) == ["app/db.py"]
    assert shown(discover(["../examples/app"])) == ["../examples/app/db.py"]
    absolute = discover([str(tmp_path / "examples")])
    assert shown(absolute) == [f"{tmp_path}/examples/app/db.py"]
    assert absolute.files[0].root == (tmp_path / "examples").resolve()
    assert absolute.files[0].path.is_absolute()


def test_a_single_path_is_one_target(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "main.py")
    os.chdir(tmp_path)
    assert shown(discover("proj")) == ["proj/main.py"]


def test_gitignore_with_a_byte_order_mark_still_applies(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "main.py")
    write(root / "gen.py")
    (root / ".gitignore").write_bytes(b"\xef\xbb\xbfgen.py\n")
    assert scan_names(root) == ["proj/main.py"]


def test_same_file_from_two_targets_is_listed_once(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "app" / "db.py")
    write(tmp_path / "proj" / "main.py")
    os.chdir(tmp_path)

    result = discover(["proj/app", "proj", "proj/app/db.py"])

    assert shown(result) == ["proj/app/db.py", "proj/main.py"]


def test_order_is_deterministic_and_sorted(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    names = [f"m{i:02d}.py" for i in range(30)] + [f"pkg{i}/x.py" for i in range(5)]
    random.Random(7).shuffle(names)
    for name in names:
        write(root / name)

    first = scan_names(root)
    assert first == sorted(first)
    assert first == scan_names(root)
    assert len(first) == 35


def test_deep_nesting_does_not_hit_the_recursion_limit(tmp_path: Path) -> None:
    folder = str(tmp_path / "proj")
    os.mkdir(folder)
    for _ in range(400):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    with open(os.path.join(folder, "leaf.py"), "w") as handle:
        handle.write("x = 1\n")
    # A recursive walk would need a frame per level; leave it far fewer than 400.
    # (A tree deeper than the default limit would crash pytest's own cleanup.)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        names = scan_names(tmp_path / "proj")
    finally:
        sys.setrecursionlimit(limit)
    assert names == ["proj/" + "d/" * 400 + "leaf.py"]


# --------------------------------------------------------------------------- unreadable


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads any folder whatever its mode; covered by the simulated test below",
)
def test_unreadable_folder_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "a.py")
    write(root / "locked" / "b.py")
    write(root / "z.py")
    (root / "locked").chmod(0)
    try:
        result = discover([root])
    finally:
        (root / "locked").chmod(0o755)
    assert [f.path.name for f in result.files] == ["a.py", "z.py"]
    assert result.skipped[0].kind == "read"
    assert "Permission denied" in result.skipped[0].message


def test_folder_that_cannot_be_listed_is_reported_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "proj"
    write(root / "a.py")
    write(root / "locked" / "b.py")
    write(root / "z.py")
    locked = str((root / "locked").resolve())
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/a.py", "proj/z.py"]
    assert [(e.path, e.kind) for e in result.skipped] == [("proj/locked", "read")]
    assert "cannot read folder: Permission denied" in result.skipped[0].message


def test_file_without_read_permission_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "proj"
    write(root / "a.py")
    write(root / "secret.py")
    secret = str((root / "secret.py").resolve())
    real_access = os.access

    def access(path: str, mode: int) -> bool:
        return False if os.fspath(path) == secret else real_access(path, mode)

    monkeypatch.setattr(discovery.os, "access", access)
    os.chdir(tmp_path)
    result = discover(["proj"])

    assert shown(result) == ["proj/a.py"]
    assert [(e.path, e.kind) for e in result.skipped] == [("proj/secret.py", "read")]
    assert "Permission denied" in result.skipped[0].message
