"""Helpers other modules pull in with `from .starlib import *`."""

import os


def archive(name):
    # expect: CWE-78
    os.system("tar czf backup.tgz " + name)


def archive_fixed(name):
    # safe: CWE-78
    os.system("tar czf backup.tgz /srv/data")
