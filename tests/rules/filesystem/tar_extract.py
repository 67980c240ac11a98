"""tarfile and shutil extraction with and without path filters."""

import os
import shutil
import tarfile
import tarfile as tf
from tarfile import open as open_tar

FILTER = "data"


def unpack(upload, dest, member_name):
    with tarfile.open(upload) as tar:
        # expect: PY-FS-001
        tar.extractall(dest)
        # expect: PY-FS-001
        tar.extractall(path=dest, members=tar.getmembers())
        # expect: PY-FS-001
        tar.extractall(dest, filter="fully_trusted")
        # expect: PY-FS-001
        tar.extractall(dest, filter=tarfile.fully_trusted_filter)
        # safe: PY-FS-001
        tar.extractall(dest, filter="data")
        # safe: PY-FS-001
        tar.extractall(dest, filter="tar")
        # safe: PY-FS-001 (a module constant)
        tar.extractall(dest, filter=FILTER)
        # safe: PY-FS-001
        tar.extractall(dest, filter=tarfile.data_filter)
        # safe: PY-FS-001 (members checked by a comprehension condition)
        tar.extractall(dest, members=[m for m in tar.getmembers() if m.isfile()])
        # safe: PY-FS-001 (members checked by the project's function)
        tar.extractall(dest, members=safe_members(tar, dest))
        # expect: PY-FS-001 (the TarFile itself iterates over every member)
        tar.extractall(dest, members=tar)
        # safe: PY-FS-001 (nothing to extract)
        tar.extractall(dest, members=[])
        # expect: PY-FS-001
        tar.extractall(dest, members=(m for m in tar))
        # expect: PY-FS-001 (a comprehension without a condition checks nothing)
        tar.extractall(dest, members=[m for m in tar.getmembers()])
        # safe: PY-FS-001 (a fixed member chosen by the program)
        tar.extract("config.json", dest)
        # safe: PY-FS-001
        tar.extract(member_name, dest, filter="data")

    # expect: PY-FS-001
    tf.open(upload, "r:gz").extractall(dest)
    archive = open_tar(upload)
    # expect: PY-FS-001
    archive.extractall()
    # expect: PY-FS-001
    tarfile.TarFile(upload).extractall(dest)


def unchecked_members(upload, dest):
    tar = tarfile.open(upload)
    for member in tar.getmembers():
        # expect: PY-FS-001
        tar.extract(member, dest)


def checked_members(upload, dest):
    tar = tarfile.open(upload)
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(dest, member.name))
        if not target.startswith(os.path.realpath(dest) + os.sep):
            raise ValueError(member.name)
        if member.issym() or member.islnk():
            continue
        # safe: PY-FS-001 (the member was checked just before)
        tar.extract(member, dest)
    for member in tar.getmembers():
        if member.isfile() and ".." not in member.name:
            # safe: PY-FS-001
            tar.extract(member, dest)


def safe_members(tar, dest):
    return [m for m in tar.getmembers() if not m.name.startswith(("/", ".."))]


def with_shutil(upload, dest, kind):
    # expect: PY-FS-001
    shutil.unpack_archive(upload, dest)
    # expect: PY-FS-001
    shutil.unpack_archive("release.tar.gz", dest)
    # expect: PY-FS-001
    shutil.unpack_archive(upload, dest, "gztar")
    # safe: PY-FS-001 (shutil's zip unpacker drops `..` and absolute names)
    shutil.unpack_archive(upload, dest, format="zip")
    # safe: PY-FS-001
    shutil.unpack_archive("bundle.zip", dest)
    # safe: PY-FS-001
    shutil.unpack_archive(upload, dest, filter="data")
    # safe: PY-FS-001
    shutil.make_archive(dest, "gztar", upload)


def compatibility_fallback(upload, dest):
    with tarfile.open(upload) as tar:
        if hasattr(tarfile, "data_filter"):
            # safe: PY-FS-001
            tar.extractall(dest, filter="data")
        else:
            # safe: PY-FS-001 (the fallback for Pythons without PEP 706 filters)
            tar.extractall(dest)


def other_archive_filter(upload, other, dest):
    with tarfile.open(upload) as tar:
        other.extraction_filter = tarfile.data_filter
        # expect: PY-FS-001 (the filter was set on a different archive)
        tar.extractall(dest)
