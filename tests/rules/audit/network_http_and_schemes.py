# cwescan-fixture: profile=audit
import urllib.request

import httpx
import requests

PARTNER = "http://partner.example-corp.com/api/"


def calls(session, path):
    # expect: PY-NET-005
    requests.get("http://partner.example-corp.com/orders", timeout=10)
    # expect: PY-NET-005
    httpx.post(PARTNER + path, json={})
    # expect: PY-NET-005
    session.get(f"http://203.0.113.7:8080/{path}", timeout=10)
    # safe: PY-NET-005
    requests.get("https://partner.example-corp.com/orders", timeout=10)
    # safe: PY-NET-005
    requests.get("http://localhost:8000/health", timeout=10)
    # safe: PY-NET-005
    requests.get("http://127.0.0.1:9200/_cluster/health", timeout=10)
    # safe: PY-NET-005
    requests.get("http://metadata.internal/computeMetadata/v1/", timeout=10)
    # a namespace URI is not a request
    # safe: PY-NET-005
    namespace = "http://www.w3.org/2000/svg"
    return namespace


def constant_schemes():
    # expect: PY-NET-006
    urllib.request.urlopen("file:///etc/hosts")
    # expect: PY-NET-006
    urllib.request.urlretrieve("ftp://ftp.example.org/pub/file.txt", "file.txt")
    # safe: PY-NET-006
    urllib.request.urlopen("https://example.org/", timeout=10)
