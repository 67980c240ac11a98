import shlex
import subprocess
import subprocess as sp
from subprocess import Popen as P
from subprocess import run

from tools import run_command

LISTING = "ls -l /tmp"


def convert(path, use_shell):
    # expect: PY-CMD-001
    subprocess.call("convert " + path, shell=True)
    # expect: CWE-78
    sp.run(f"convert {path} out.png", shell=True, check=True)
    # on Windows a shell=True list is joined into one cmd.exe command line
    # expect: PY-CMD-001
    P(["sh", "-c", path], shell=True)
    # expect: PY-CMD-001
    run(
        "tar xf %s" % path,
        shell=True,
    )
    # shell decided at run time: still a shell when true
    # expect: PY-CMD-001
    subprocess.check_output("cat " + path, shell=use_shell)
    # expect: PY-CMD-001
    subprocess.Popen(args="grep {} /var/log/syslog".format(path), shell=1)
    # a command that is a parameter
    # expect: PY-CMD-001
    subprocess.check_call(path, shell=True)
    # a wrapper that forwards shell=True (Bandit's B604)
    # expect: PY-CMD-001
    run_command("ls " + path, shell=True)
    # safe: PY-CMD-001
    subprocess.run(["convert", path, "out.png"], check=True)
    # safe: PY-CMD-001
    subprocess.run("convert " + path, shell=False)
    # safe: PY-CMD-001
    subprocess.run(LISTING, shell=True)
    # safe: PY-CMD-001
    subprocess.run("ls -l", shell=True)
    # every value quoted for the shell
    # safe: PY-CMD-001
    subprocess.run(f"convert {shlex.quote(path)} out.png", shell=True)
    # safe: PY-CMD-001
    subprocess.run("convert %s out.png" % shlex.quote(path), shell=True)
    quoted = shlex.quote(path)
    # safe: PY-CMD-001
    subprocess.run("ls -l " + quoted, shell=True)
    # a number cannot carry shell syntax
    # safe: PY-CMD-001
    subprocess.run("sleep %d" % len(path), shell=True)
    # safe: PY-CMD-001
    subprocess.run(f"kill -9 {int(path)}", shell=True)
    # shell=False spelled through a constant
    # safe: PY-CMD-001
    subprocess.run(path, shell=SHELL)
    # suppressed the Bandit way
    subprocess.call("rm -rf " + path, shell=True)  # nosec B602
    # suppressed the cwescan way
    subprocess.call("rm -rf " + path, shell=True)  # cwescan: ignore[CWE-78] -- path is validated


SHELL = False


def local_shadow(path):
    subprocess = FakeRunner()
    # safe: PY-CMD-001
    subprocess.run("echo " + path, shell=True)


class FakeRunner:
    def run(self, *args, **kwargs):
        return args, kwargs

    def spawn(self, path):
        # a method of an unknown object taking shell=True is not a known wrapper
        # safe: PY-CMD-001
        self.runner.go("echo " + path, shell=True)
