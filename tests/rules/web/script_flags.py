"""A script with its own DEBUG flag: not a settings module."""

import logging

# safe: PY-WEB-001
DEBUG = True
VERBOSE = False


def main():
    # safe: PY-WEB-001
    DEBUG = True
    logging.basicConfig(level=logging.DEBUG if DEBUG else logging.INFO)


class Options:
    # safe: PY-WEB-001 (not a configuration class name)
    DEBUG = True
