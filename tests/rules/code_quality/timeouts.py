import httpx
import requests
import requests as rq
from requests import get as http_get

TIMEOUT = 10


def fetch(url, options):
    # expect: PY-TIMEOUT-001
    requests.get(url)
    # expect: CWE-1088
    rq.post(url, data={"a": 1})
    # expect: PY-TIMEOUT-001
    http_get(url, headers={})
    # expect: PY-TIMEOUT-001
    requests.request("DELETE", url)
    # expect: PY-TIMEOUT-001
    requests.get(url, timeout=None)
    # expect: PY-TIMEOUT-001
    requests.Session().get(url)
    # expect: PY-TIMEOUT-001
    httpx.get(url, timeout=None)
    # expect: PY-TIMEOUT-001
    httpx.Client(timeout=None)
    # safe: PY-TIMEOUT-001
    requests.get(url, timeout=5)
    # safe: PY-TIMEOUT-001
    requests.post(url, timeout=(3.05, 27))
    # safe: PY-TIMEOUT-001
    requests.get(url, timeout=TIMEOUT)
    # the options may carry a timeout
    # safe: PY-TIMEOUT-001
    requests.get(url, **options)
    # httpx has a 5 second default
    # safe: PY-TIMEOUT-001
    httpx.get(url)
    # safe: PY-TIMEOUT-001
    requests.Session().get(url, timeout=5)
    # not a request
    # safe: PY-TIMEOUT-001
    requests.utils.quote(url)


class Cache:
    def get(self, key):
        return key


def lookalike(cache, key):
    # safe: PY-TIMEOUT-001
    return cache.get(key)
