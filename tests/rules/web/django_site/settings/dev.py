"""Development settings: debug, open hosts and a fixed key are the point here."""

from .base import *  # noqa: F403

# safe: PY-WEB-001
DEBUG = True
# safe: PY-WEB-003
ALLOWED_HOSTS = ["*"]
# safe: PY-WEB-004
SECRET_KEY = "dev-only-key-not-used-in-production"
# safe: PY-WEB-005
SESSION_COOKIE_SECURE = False
# expect: PY-WEB-006 (HttpOnly has no development reason to be off)
SESSION_COOKIE_HTTPONLY = False
# a fast hasher makes the test suite fast
# safe: PY-WEB-013
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# safe: PY-WEB-014
AUTH_PASSWORD_VALIDATORS = []
