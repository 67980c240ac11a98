import os
import smtplib

import psycopg2
import requests
from requests.auth import HTTPBasicAuth

# expect: PY-SECRET-001
DB_PASSWORD = "s3cr3t-Pa55"
# expect: CWE-259
EMAIL_PWD = "emails_secret"
# expect: PY-SECRET-001
adminPassword: str = "Tr0ub4dor&3"
# expect: PY-SECRET-001
passphrase = "correct horse"
# a weak real password is still a password
# expect: PY-SECRET-001
EMAIL_PASSWORD = "secret"

# safe: PY-SECRET-001
EMPTY_PASSWORD = ""
# safe: PY-SECRET-001
DEFAULT_PASSWORD = "changeme"
# safe: PY-SECRET-001
TEMPLATE_PASSWORD = "<password>"
# safe: PY-SECRET-001
SHELL_PASSWORD = "${DB_PASSWORD}"
# safe: PY-SECRET-001
INI_PASSWORD = "%(password)s"
# safe: PY-SECRET-001
MASKED_PASSWORD = "********"
# safe: PY-SECRET-001
REDACTED_PASSWORD = ":****"
# a type schema names the type of the field, not its value
# safe: PY-SECRET-001
LOGIN_SCHEMA = {"username": "string", "password": "string?"}
# safe: PY-SECRET-001
ENV_PASSWORD = os.environ["DB_PASSWORD"]
# safe: PY-SECRET-001
GETENV_PASSWORD = os.getenv("DB_PASSWORD")
# safe: PY-SECRET-001
NO_PASSWORD = None
# safe: PY-SECRET-001
PASSWORD_PROMPT = "Enter your password: "
# safe: PY-SECRET-001
password_field = "password"
# safe: PY-SECRET-001
PASSWORD_RESET_URL = "/accounts/password/reset/"
# safe: PY-SECRET-001
PASSWORD_MIN_LENGTH = "12"


class LoginMechanism:
    """Names of the ways to log in: each constant spells its own name."""

    # safe: PY-SECRET-001
    PASSWORD = "password"
    REMEMBER_ME = "remember_me"
    APIKEY = "apikey"


class Defaults:
    # the same spelling alone, among real settings: a weak default password
    # expect: PY-SECRET-001
    PASSWORD = "password"
    TIMEOUT = 30
# safe: PY-SECRET-001
token_type = "bearer"


class Settings:
    # expect: PY-SECRET-001
    password = "class_password"
    # safe: PY-SECRET-001
    password_help = "Use at least twelve characters."


# expect: PY-SECRET-001
def connect(user, password="Admin"):
    return psycopg2.connect(user=user, password=password)


# safe: PY-SECRET-001
def connect_later(user, password=None, password_hint=""):
    return user, password, password_hint


def check(password, obj):
    # expect: PY-SECRET-001
    if password == "root":
        return True
    # expect: PY-SECRET-001
    if obj.password == "this cool password":
        return True
    # checking for an empty password is not a hard-coded one
    # safe: PY-SECRET-001
    if password == "":
        return False
    return False


def calls(url, server, config):
    # expect: PY-SECRET-001
    psycopg2.connect(host="db", user="app", password="hunter2!")
    # expect: PY-SECRET-001
    requests.get(url, auth=("api", "hunter2!"), timeout=10)
    # expect: PY-SECRET-001
    requests.get(url, auth=HTTPBasicAuth("api", "hunter2!"), timeout=10)
    # expect: PY-SECRET-001
    smtplib.SMTP_SSL("mail.example.com").login("me@example.com", "hunter2!")
    # expect: PY-SECRET-001
    config["password"] = "blerg"
    # expect: PY-SECRET-001
    info = {"user": "app", "password": "12345"}
    # safe: PY-SECRET-001
    psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
    # safe: PY-SECRET-001
    server.login(config.user, config.password)
    # safe: PY-SECRET-001
    info = {"password": config.password}
    # form errors are messages, not passwords
    # safe: PY-SECRET-001
    errors = {"password": "This field is required."}
    return info, errors


# postcode formats by country code: Palau's code is "PW", its value a pattern
POSTCODE_FORMATS = {
    "PT": r"^[0-9]{4}(-?[0-9]{3})?$",
    # safe: PY-SECRET-001
    "PW": r"^[0-9]{5}$",
    "PY": r"^[0-9]{4}$",
}
# a strength rule describes passwords; it is not one
# safe: PY-SECRET-001
PASSWORD = r"^(?=.*[A-Z])(?=.*\d).{12,}$"
# safe: PY-SECRET-001
validators = {"username": r"^[a-z0-9_]{3,30}$", "password": r"^\S{10,}$"}
# a password that begins with a caret is still a password
# expect: PY-SECRET-001
ADMIN_PASSWORD = "^tr0ub4dor&3"
# expect: PY-SECRET-001
LEGACY_CREDENTIALS = {"user": "ops", "pw": "c0rrect-h0rse$"}
