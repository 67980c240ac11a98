"""A module that sets the PEP 706 default filter once for every extraction."""

import tarfile

tarfile.TarFile.extraction_filter = staticmethod(tarfile.data_filter)


def unpack(upload, dest):
    with tarfile.open(upload) as tar:
        # safe: PY-FS-001 (the module-wide extraction_filter applies)
        tar.extractall(dest)
        # expect: PY-FS-001 (an explicit fully_trusted overrides it)
        tar.extractall(dest, filter="fully_trusted")


def per_archive_filter(upload, dest):
    archive = tarfile.open(upload)

    def extraction_filter(member, path):
        return tarfile.data_filter(member, path)

    archive.extraction_filter = extraction_filter
    # safe: PY-FS-001 (the filter is set on this archive above)
    archive.extractall(dest)
