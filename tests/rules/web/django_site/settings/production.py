"""Production settings that extend a base list."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE

# safe: PY-WEB-001 (a settings package module that is not a development one)
DEBUG = False

# expect: PY-WEB-009
MIDDLEWARE.remove("django.middleware.csrf.CsrfViewMiddleware")
# safe: PY-WEB-009
MIDDLEWARE.remove("django.middleware.clickjacking.XFrameOptionsMiddleware")

# expect: PY-WEB-010
CORS_ORIGIN_ALLOW_ALL = True
# safe: PY-WEB-010 (the wildcard above is the finding)
CORS_ALLOW_CREDENTIALS = True
