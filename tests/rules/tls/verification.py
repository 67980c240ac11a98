import ssl
import urllib.request
from ssl import CERT_NONE, create_default_context

import aiohttp
import boto3
import httpx
import redis
import requests
import urllib3
from elasticsearch import Elasticsearch
from requests import get as http_get

VERIFY_TLS = False
CA_BUNDLE = "/etc/ssl/certs/internal-ca.pem"


def requests_calls(url, settings):
    # expect: PY-TLS-001
    requests.get(url, timeout=10, verify=False)
    # expect: CWE-295
    requests.post(url, data={}, timeout=10, verify=VERIFY_TLS)
    # expect: PY-TLS-001
    http_get(url, timeout=10, verify=False)
    # expect: PY-TLS-001
    requests.request("GET", url, timeout=10, verify=0)
    # expect: PY-TLS-001
    httpx.Client(verify=False)
    # expect: PY-TLS-001
    httpx.get(url, verify=False)
    session = requests.Session()
    # a method on a session object: recognised by name, medium confidence
    # expect: PY-TLS-001
    session.get(url, timeout=10, verify=False)
    # expect: PY-TLS-001
    session.verify = False
    # expect: PY-TLS-001
    boto3.client("s3", verify=False)
    # safe: PY-TLS-001
    requests.get(url, timeout=10, verify=True)
    # safe: PY-TLS-001
    requests.get(url, timeout=10, verify=CA_BUNDLE)
    # configurable verification is not a constant
    # safe: PY-TLS-001
    requests.get(url, timeout=10, verify=settings.VERIFY)
    # safe: PY-TLS-001
    session.get(url, timeout=10)


def other_libraries(url, host):
    # expect: PY-TLS-001
    aiohttp.TCPConnector(ssl=False)
    # expect: PY-TLS-001
    urllib3.PoolManager(cert_reqs="CERT_NONE")
    # expect: PY-TLS-001
    urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)
    # expect: PY-TLS-001
    redis.Redis(host=host, ssl=True, ssl_cert_reqs="none")
    # expect: PY-TLS-001
    Elasticsearch([url], verify_certs=False)
    # safe: PY-TLS-001
    urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=CA_BUNDLE)
    # a model save with verify=False is not an HTTP call
    # safe: PY-TLS-001
    save_model(url, verify=False)
    # ssl=False on a database driver means "no TLS", a different question
    # safe: PY-TLS-001
    connect_database(host, ssl=False)


def save_model(path, verify=True):
    return path, verify


def connect_database(host, ssl=True):
    return host, ssl


def contexts(sock, host):
    # expect: PY-TLS-001
    context = ssl._create_unverified_context()
    # expect: PY-TLS-001
    ssl._create_default_https_context = ssl._create_unverified_context
    client = create_default_context()
    # expect: PY-TLS-002
    client.check_hostname = False
    # expect: PY-TLS-001
    client.verify_mode = CERT_NONE
    # expect: PY-TLS-001
    ssl.wrap_socket(sock)
    # expect: PY-TLS-001
    ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE)
    # safe: PY-TLS-001
    ssl.wrap_socket(sock, server_side=True, certfile="server.pem")
    # safe: PY-TLS-001
    ssl.wrap_socket(sock, cert_reqs=ssl.CERT_REQUIRED, ca_certs=CA_BUNDLE)
    # safe: PY-TLS-001, PY-TLS-002
    secure = ssl.create_default_context()
    # safe: PY-TLS-001
    secure.verify_mode = ssl.CERT_REQUIRED
    # safe: PY-TLS-001
    urllib.request.urlopen("https://example.com", context=secure, timeout=10)
    return context, client


def server_contexts():
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    # a server does not ask clients for certificates by default
    # safe: PY-TLS-001
    server.verify_mode = ssl.CERT_NONE
    # safe: PY-TLS-002
    server.check_hostname = False
    tls_server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # safe: PY-TLS-001
    tls_server.verify_mode = ssl.CERT_NONE
    return server, tls_server


class Settings:
    def __init__(self):
        # an attribute named verify on a non-HTTP object
        # safe: PY-TLS-001
        self.verify = False


class ContextLike:
    def __init__(self):
        # an SSLContext-like class initialising itself
        # safe: PY-TLS-002
        self.check_hostname = False


def conditional(context, verify_hostname):
    if not verify_hostname:
        # reported, with low confidence: it depends on configuration
        # expect: PY-TLS-002
        context.check_hostname = False
    return context


def hostname_options(url):
    # expect: PY-TLS-002
    urllib3.PoolManager(assert_hostname=False)
    # expect: CWE-297
    redis.Redis(ssl=True, ssl_check_hostname=False)
    # safe: PY-TLS-002
    urllib3.PoolManager(assert_hostname="api.example.com")
