"""Unknown receivers in a module that works with tar archives."""

import tarfile


def restore(backup_tar, dest, member):
    # expect: PY-FS-001
    backup_tar.extractall(dest)
    # safe: PY-FS-001
    backup_tar.extractall(dest, filter="data")
    # expect: PY-FS-001
    backup_tar.extract(member, dest)


def open_backup(path):
    return tarfile.open(path)
