"""CWE-20: URL and host name checks that an attacker's domain passes, and sound ones."""

import re
from urllib.parse import urlsplit

from flask import Flask, redirect, request

app = Flask(__name__)
ALLOWED_HOSTS = ["example.com", "www.example.com"]
TRUSTED = {"api.example.org"}


@app.route("/go")
def go():
    next_url = request.args.get("next", "/")
    # expect: CWE-20
    if "example.com" in next_url:
        # expect: CWE-601
        return redirect(next_url)
    return redirect("/")


def check_callback(callback_url, host, referer):
    # expect: CWE-20
    if callback_url.startswith("https://example.com"):
        return True
    # expect: CWE-20
    if host.endswith("example.com"):
        return True
    # expect: CWE-20
    if "www.example.org" not in str(referer):
        return False
    # expect: CWE-20
    if re.match(r"^https?://(www|api).example.com/", callback_url):
        return True
    # expect: CWE-20
    return bool(re.compile("^https://trusted.example.org/").search(callback_url))


def sound_checks(url, host, hosts):
    parsed = urlsplit(url)
    # safe: CWE-20
    if parsed.hostname in ALLOWED_HOSTS:
        return True
    # safe: CWE-20
    if "example.com" in ALLOWED_HOSTS or "api.example.org" in TRUSTED:
        return True
    # safe: CWE-20
    if "example.com" in hosts:
        return True
    # safe: CWE-20
    if url.startswith("https://example.com/"):
        return True
    # safe: CWE-20
    if host == "example.com" or host.endswith(".example.com"):
        return True
    # safe: CWE-20
    if re.match(r"^https?://(www|api)\.example\.com/", url):
        return True
    # safe: CWE-20
    if re.search(r"[.]example[.]com$", host):
        return True
    # safe: CWE-20
    if re.match(r"\d+.\d+", url) or re.match(r"setup.py", url) or "v1.2" in url:
        return True
    # safe: CWE-20
    return url.endswith(".html") or "localhost" in host
