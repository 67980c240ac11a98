import asyncio
import os
import shutil
import subprocess
import sys
from os import execvp as replace_process

TOOL = "/usr/bin/convert"


def restart(tool, path, mode):
    # expect: PY-CMD-003
    os.execv(tool, [tool, path])
    # expect: PY-CMD-003
    replace_process(tool, [tool, "--help"])
    # expect: PY-CMD-003
    os.spawnv(mode, tool, [tool])
    # expect: CWE-78
    os.startfile(path)
    # expect: PY-CMD-003
    subprocess.run([tool, "--version"], check=True)
    # expect: PY-CMD-003
    subprocess.Popen(["/bin/ls"], executable=tool)
    # expect: PY-CMD-003
    os.posix_spawn(path, [path], {})
    # safe: PY-CMD-003
    os.execv(TOOL, [TOOL, path])
    # only the argument varies: an audit hint, not a chosen program
    # safe: PY-CMD-003
    subprocess.run(["/usr/bin/convert", path, "out.png"], check=True)
    # the interpreter running this program
    # safe: PY-CMD-003
    os.execv(sys.executable, [sys.executable, *sys.argv])
    # safe: PY-CMD-003
    subprocess.run([sys.executable, "-m", "pip", "list"], check=True)
    # safe: PY-CMD-003
    subprocess.run([shutil.which("git"), "status"], check=True)
    # a program given as constant first word of a string, no shell
    # safe: PY-CMD-003
    subprocess.run("convert " + path)
    # mode is the first argument of spawn*, the program the second
    # safe: PY-CMD-003
    os.spawnl(mode, "/bin/true", "true")


async def run_tool(tool, path):
    # expect: PY-CMD-003
    await asyncio.create_subprocess_exec(tool, path)
    # safe: PY-CMD-003
    await asyncio.create_subprocess_exec("/usr/bin/file", path)
