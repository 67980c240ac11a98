# cwescan-fixture: profile=audit
import os
# expect: PY-IMPORT-404
import subprocess
# expect: PY-IMPORT-404
from subprocess import check_output

LISTING = "ls -l /tmp"


def audit_hints(path, args):
    # a constant shell command: audit hint, and `ls` is looked up through PATH
    # expect: PY-CMD-004, PY-CMD-005
    subprocess.run("ls -l", shell=True)
    # expect: PY-CMD-004
    subprocess.run("/bin/ls -l", shell=True)
    # expect: PY-CMD-004, PY-CMD-005
    os.system(LISTING)
    # no shell, absolute program
    # expect: PY-CMD-004
    subprocess.run(["/usr/bin/git", "log", path])
    # a variable argv list
    # expect: PY-CMD-004
    subprocess.call(args)
    # expect: PY-CMD-004, PY-CMD-005
    check_output(["git", "status"])
    # expect: PY-CMD-004
    os.execv("/bin/true", ["true"])
    # environment assignments and builtins are not programs
    # expect: PY-CMD-004, PY-CMD-005
    os.system("LANG=C sort /tmp/x")
    # expect: PY-CMD-004
    os.system("cd /tmp && ls")
    # relative and home paths count as explicit
    # expect: PY-CMD-004
    subprocess.run(["./manage.py", "check"])
    # the default rule reports it: no audit duplicate
    # expect: PY-CMD-001, PY-CMD-005
    subprocess.run("cat " + path, shell=True)
    # safe: PY-CMD-004, PY-CMD-005
    os.path.join(path, "ls")


def constant_eval():
    # expect: PY-EVAL-002
    eval("1 + 2")
    # expect: PY-EVAL-002
    exec(compile("x = 1", "<string>", "exec"))
