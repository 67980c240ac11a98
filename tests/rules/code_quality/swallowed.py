import contextlib
import logging
from contextlib import suppress

logger = logging.getLogger(__name__)


def verify_all(items, verify):
    for item in items:
        try:
            verify(item)
        # expect: PY-EXCEPT-001
        except Exception:
            pass
    try:
        verify(items)
    # expect: CWE-390
    except:  # noqa: E722
        pass
    for item in items:
        try:
            verify(item)
        # expect: PY-EXCEPT-001
        except (ValueError, BaseException):
            continue
    try:
        verify(items)
    # expect: PY-EXCEPT-001
    except Exception:
        ...
    # expect: PY-EXCEPT-001
    with contextlib.suppress(Exception):
        verify(items)
    # expect: PY-EXCEPT-001
    with suppress(BaseException):
        verify(items)
    # a narrow, expected exception
    try:
        verify(items)
    # safe: PY-EXCEPT-001
    except KeyError:
        pass
    # safe: PY-EXCEPT-001
    with suppress(FileNotFoundError):
        verify(items)
    # handled: logged
    try:
        verify(items)
    # safe: PY-EXCEPT-001
    except Exception:
        logger.exception("verification failed")
    # re-raised
    try:
        verify(items)
    # safe: PY-EXCEPT-001
    except Exception:
        raise


class Resource:
    def __del__(self):
        try:
            self.close()
        # finalizers must not raise
        # safe: PY-EXCEPT-001
        except BaseException:
            pass

    def close(self):
        return None
