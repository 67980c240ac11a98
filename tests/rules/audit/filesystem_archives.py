# cwescan-fixture: profile=audit
"""Archive bombs: every extraction is a hint to check sizes (audit profile)."""

import shutil
import tarfile
import zipfile


def unpack(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        # expect: PY-FS-004
        zf.extractall(dest)
    # expect: PY-FS-004
    shutil.unpack_archive(upload, dest, format="zip")
    with tarfile.open(upload) as tar:
        # expect: PY-FS-004
        tar.extractall(dest, filter="data")
        # expect: PY-FS-001, PY-FS-004
        tar.extractall(dest)
    # safe: PY-FS-004
    zipfile.ZipFile(upload).namelist()
