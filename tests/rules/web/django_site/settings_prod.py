"""Production settings done right, plus the fallback mistakes."""

import os

from django.core.management.utils import get_random_secret_key

# safe: PY-WEB-001
DEBUG = False
# safe: PY-WEB-001
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
# safe: PY-WEB-004
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# safe: PY-WEB-004
SECRET_KEY = get_random_secret_key()
# safe: PY-WEB-004 (an empty key makes Django refuse to start; nothing is signed with it)
SECRET_KEY = ""
# expect: PY-WEB-004
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-fallback-key-123")
# expect: PY-WEB-004
SECRET_KEY = os.getenv("DJANGO_SECRET_KEY") or "another-fallback-key"
# safe: PY-WEB-004
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# expect: PY-WEB-004
SECRET_KEY_FALLBACKS = ["old-key-that-was-rotated-out"]
# safe: PY-WEB-004
SECRET_KEY_FALLBACKS = [os.environ["OLD_SECRET_KEY"]]

# safe: PY-WEB-003
ALLOWED_HOSTS = ["example.com", ".example.com"]
# expect: PY-WEB-003
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "*").split(",")
# safe: PY-WEB-003
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")

# safe: PY-WEB-005
SESSION_COOKIE_SECURE = True
# safe: PY-WEB-005
CSRF_COOKIE_SECURE = os.environ.get("HTTPS") == "on"
# safe: PY-WEB-007
SESSION_COOKIE_SAMESITE = "Lax"

# safe: PY-WEB-010
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True

# safe: PY-WEB-009
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

PASSWORD_HASHERS = [
    # safe: PY-WEB-013
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # a weak hasher after the first one only checks old hashes (and upgrades them)
    # safe: PY-WEB-013
    "django.contrib.auth.hashers.MD5PasswordHasher",
]

# safe: PY-WEB-014
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
