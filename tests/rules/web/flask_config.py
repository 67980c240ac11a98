"""Flask configuration classes and a module that loads itself as configuration."""

import os

from flask import Flask

# expect: PY-WEB-001
DEBUG = True
# expect: PY-WEB-004
SECRET_KEY = "development key"

app = Flask(__name__)
app.config.from_object(__name__)


class Config:
    # expect: PY-WEB-004
    SECRET_KEY = os.environ.get("SECRET_KEY") or "hard to guess string"
    # safe: PY-WEB-001
    DEBUG = False
    # expect: PY-WEB-005
    REMEMBER_COOKIE_SECURE = False
    # expect: PY-WEB-010
    CORS_ALLOW_ALL_ORIGINS = True
    CORS_ALLOW_CREDENTIALS = True


class ProductionConfig(Config):
    # expect: PY-WEB-001
    DEBUG = True
    # expect: PY-WEB-009
    WTF_CSRF_ENABLED = False


class DevelopmentConfig(Config):
    # safe: PY-WEB-001
    DEBUG = True
    # safe: PY-WEB-004
    SECRET_KEY = "dev"


class TestingConfig(Config):
    # safe: PY-WEB-009
    WTF_CSRF_ENABLED = False
    # safe: PY-WEB-005
    SESSION_COOKIE_SECURE = False


class AppSettings:
    # expect: PY-WEB-004 (a pydantic-style default is used when the variable is unset)
    secret_key: str = "change-me-in-production"
    # safe: PY-WEB-004
    secret_key_file: str = "/run/secrets/key"
