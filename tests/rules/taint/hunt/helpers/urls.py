"""URL checks the views in `project_validators` import from another module."""

import re
from urllib.parse import urlparse

from django.utils.http import url_has_allowed_host_and_scheme

ALLOWED_HOSTS = {"example.com", "www.example.com"}
SLUG = re.compile(r"[a-z0-9-]+")


def is_allowed_redirect(url, host=None):
    if not url:
        return False
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={host or "example.com"}):
        return False
    return True


def host_is_ours(url):
    return urlparse(url).netloc in ALLOWED_HOSTS


def is_local_path(path):
    # misses "/\\evil.example", which browsers read as a host name
    return path.startswith("/") and not path.startswith("//")


def is_site_path(path):
    return path.startswith("/") and not path.startswith(("//", "/\\"))


def is_slug(value):
    return SLUG.fullmatch(value) is not None


def looks_fine(url):
    # no check at all: every URL passes
    return True


def short_enough(url):
    return len(url) < 200


def safe_target(url, fallback="/"):
    if url and is_allowed_redirect(url):
        return url
    return fallback


def logged_target(url):
    if is_allowed_redirect(url):
        print("redirecting")
    return url
