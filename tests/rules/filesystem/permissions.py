"""chmod and umask with permissive modes."""

import os
import stat
from os import chmod as set_mode
from pathlib import Path

import daemon
import paramiko

PRIVATE = 0o600
OPEN = 0o777


def modes(path, fd, st, key_file, sftp: paramiko.SFTPClient, mode):
    # expect: PY-FS-002
    os.chmod(path, 0o777)
    # expect: PY-FS-002
    os.chmod(path, 0o666)
    # expect: PY-FS-002
    os.chmod(path, 511)
    # expect: PY-FS-002
    os.chmod(path, mode=0x1FF)
    # expect: PY-FS-002
    os.chmod(path, OPEN)
    # expect: PY-FS-002
    os.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
    # expect: PY-FS-002
    os.chmod(path, st.st_mode | stat.S_IWOTH)
    # expect: PY-FS-002
    set_mode(path, 0o776)
    # expect: PY-FS-002
    os.fchmod(fd, 0o662)
    # expect: PY-FS-002
    Path(path).chmod(0o777)
    # expect: PY-FS-002
    sftp.chmod("/srv/app/run.sh", 0o777)
    # expect: PY-FS-002 (sticky, like /tmp: still writable by everyone)
    os.chmod(path, 0o1777)
    # expect: PY-FS-002 (group-writable, low severity)
    os.chmod(path, 0o770)
    # expect: PY-FS-002
    os.chmod(key_file, 0o664)
    # safe: PY-FS-002 (execute bits are ordinary)
    os.chmod(path, 0o755)
    # safe: PY-FS-002
    os.chmod(path, 0o644)
    # safe: PY-FS-002
    os.chmod(key_file, PRIVATE)
    # safe: PY-FS-002
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    # safe: PY-FS-002
    os.chmod(path, st.st_mode & ~stat.S_IWOTH)
    # safe: PY-FS-002 (removing write bits)
    os.chmod(path, 0o777 & ~0o022)
    # safe: PY-FS-002 (unknown mode)
    os.chmod(path, mode)
    # safe: PY-FS-002 (creation modes are filtered by the umask; 0o777 is the default)
    os.makedirs(path, mode=0o777, exist_ok=True)
    # safe: PY-FS-002
    os.open(path, os.O_CREAT | os.O_WRONLY, 0o777)
    # safe: PY-FS-002
    Path(path).mkdir(mode=0o777)


def masks(register_cleanup):
    # expect: PY-FS-003
    os.umask(0)
    # expect: PY-FS-003
    os.umask(0o020)
    # safe: PY-FS-003
    os.umask(0o022)
    # safe: PY-FS-003
    os.umask(0o002)
    # safe: PY-FS-003
    os.umask(0o077)
    # safe: PY-FS-003 (reading the current umask)
    current = os.umask(0)
    os.umask(current)
    # safe: PY-FS-003 (the old mask is restored by the cleanup)
    register_cleanup(os.umask, os.umask(0))
    # expect: PY-FS-003 (set to 0 for the work below, restored later)
    previous = os.umask(0)
    open("/var/run/app.sock", "w").close()
    os.umask(previous)
    return current


def daemonize():
    # expect: PY-FS-003
    daemon.DaemonContext()
    # expect: PY-FS-003
    daemon.DaemonContext(umask=0)
    # safe: PY-FS-003
    daemon.DaemonContext(umask=0o027)
