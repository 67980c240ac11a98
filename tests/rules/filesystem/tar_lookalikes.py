"""extractall/extract on things that are not tar archives."""

import re
import zipfile
from zipfile import ZipFile

import trafilatura


class Bundle:
    def extractall(self, dest):
        return dest


def unpack(upload, dest, html, pattern, archive):
    # safe: PY-FS-001 (zipfile sanitises member names)
    zipfile.ZipFile(upload).extractall(dest)
    with ZipFile(upload) as zf:
        # safe: PY-FS-001
        zf.extractall(dest)
        # safe: PY-FS-001
        zf.extract("a.txt", dest)
    # safe: PY-FS-001
    Bundle().extractall(dest)
    # safe: PY-FS-001
    trafilatura.extract(html)
    # safe: PY-FS-001
    re.compile(pattern).findall(html)
    # safe: PY-FS-001 (unknown object in a module that uses zipfile, not tarfile)
    archive.extractall(dest)
