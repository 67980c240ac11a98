"""A Django settings module as `startproject` writes it, with the usual mistakes."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# expect: PY-WEB-004
SECRET_KEY = "django-insecure-7x#k2!p9@v&q$w3e^r4t5y6u7i8o9p0"

# expect: PY-WEB-001
DEBUG = True

# expect: PY-WEB-003
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "corsheaders",
]

# expect: PY-WEB-009
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

# expect: PY-WEB-005
SESSION_COOKIE_SECURE = False
# expect: CWE-614
CSRF_COOKIE_SECURE = False
# expect: PY-WEB-006
SESSION_COOKIE_HTTPONLY = False
# safe: CWE-1004 (Django's default; the CSRF cookie is meant to be read by scripts)
CSRF_COOKIE_HTTPONLY = False
# expect: PY-WEB-007
SESSION_COOKIE_SAMESITE = None
# expect: PY-WEB-007
CSRF_COOKIE_SAMESITE = "None"
# safe: PY-WEB-007
LANGUAGE_COOKIE_SAMESITE = None

# expect: PY-WEB-010
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# safe: PY-WEB-004
STATIC_ROOT = os.path.join(BASE_DIR, "static")

PASSWORD_HASHERS = [
    # expect: PY-WEB-013
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# expect: PY-WEB-014
AUTH_PASSWORD_VALIDATORS = []
