"""Base settings whose MIDDLEWARE list is extended elsewhere in the module."""

# expect: PY-WEB-001
DEBUG = True

# safe: PY-WEB-009 (the list is changed below; what runs is not known statically)
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
MIDDLEWARE.insert(1, "django.middleware.csrf.CsrfViewMiddleware")

# safe: PY-WEB-009 (no sessions or authentication: nothing rides on cookies)
MIDDLEWARE_CLASSES = ("django.middleware.common.CommonMiddleware",)
