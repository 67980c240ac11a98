import subprocess
import subprocess as sp
from subprocess import Popen as P
from subprocess import run

LISTING = "ls -l /tmp"


def convert(path, use_shell):
    # expect: PY-CMD-001
    subprocess.call("convert " + path, shell=True)
    # expect: CWE-78
    sp.run(f"convert {path} out.png", shell=True, check=True)
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
    # safe: PY-CMD-001
    subprocess.run(["convert", path, "out.png"], check=True)
    # safe: PY-CMD-001
    subprocess.run("convert " + path, shell=False)
    # safe: PY-CMD-001
    subprocess.run(LISTING, shell=True)
    # safe: PY-CMD-001
    subprocess.run("ls -l", shell=True)
    # suppressed the Bandit way
    subprocess.call("rm -rf " + path, shell=True)  # nosec B602
    # suppressed the cwescan way
    subprocess.call("rm -rf " + path, shell=True)  # cwescan: ignore[CWE-78] -- path is validated


def local_shadow(path):
    subprocess = FakeRunner()
    # safe: PY-CMD-001
    subprocess.run("echo " + path, shell=True)


class FakeRunner:
    def run(self, *args, **kwargs):
        return args, kwargs
