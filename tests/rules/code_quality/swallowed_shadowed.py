# A module defining its own `Exception`: catching it is not catching everything.


class Exception(ValueError):  # noqa: A001
    """A project exception that shadows the builtin name."""


def shadowed(verify):
    try:
        verify()
    # the module's own Exception class, not the builtin
    # safe: PY-EXCEPT-001
    except Exception:
        pass
