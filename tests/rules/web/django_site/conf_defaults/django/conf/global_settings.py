"""Django's own defaults file: the framework's defaults are not a deployment."""

DEBUG = False
ALLOWED_HOSTS = []
INSTALLED_APPS = []
# safe: PY-WEB-004
SECRET_KEY = "x-framework-placeholder"
# safe: PY-WEB-005
SESSION_COOKIE_SECURE = False
# safe: PY-WEB-007
SESSION_COOKIE_SAMESITE = None
