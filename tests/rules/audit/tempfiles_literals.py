# cwescan-fixture: profile=audit
import tempfile

# expect: PY-TMP-003
CACHE_DIR = "/tmp/myapp-cache"


def run(path):
    # expect: PY-TMP-003
    options = {"scratch": "/var/tmp", "input": path}
    # the default-profile rule reports this one; the audit rule stays quiet
    # expect: PY-TMP-001
    open("/tmp/out.txt", "w")
    # safe: PY-TMP-003
    if path.startswith("/tmp/"):
        return None
    # safe: PY-TMP-003
    if path == "/tmp":
        return None
    # safe: PY-TMP-003
    return tempfile.mkdtemp(dir="/tmp"), options


def documented():
    """Writes its scratch files to /tmp/scratch (this docstring is not a path use)."""
    return None
