"""Fake credentials, built by concatenation so that the repository itself holds no
token-shaped string; the scanner folds the constant expressions back together."""

import hashlib
import hmac
import os

import boto3
import jwt
from Crypto.Cipher import AES
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from itsdangerous import URLSafeTimedSerializer

GITHUB_PREFIX = "ghp_"

# expect: PY-SECRET-002
AWS_ACCESS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE"
# expect: PY-SECRET-002
aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
# expect: CWE-798
GITHUB_TOKEN = GITHUB_PREFIX + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
# expect: PY-SECRET-002
GITLAB = "glpat-" + "A1b2C3d4E5f6G7h8I9j0"
# expect: PY-SECRET-002
SLACK = "xoxb-" + "123456789012-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"
# expect: PY-SECRET-002
STRIPE = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"
# expect: PY-SECRET-002
GOOGLE_MAPS = "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6q"
# expect: PY-SECRET-002
BEARER = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)

# expect: PY-SECRET-003
SERVER_KEY = (
    "-----BEGIN " + "RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
    "-----END RSA PRIVATE KEY-----\n"
)

# safe: PY-SECRET-002
AWS_REGION = "eu-west-1"
# safe: PY-SECRET-002
GITHUB_TOKEN_ENV = os.environ.get("GITHUB_TOKEN")
# an unsigned JWT carries no credential
# safe: PY-SECRET-002
UNSIGNED = "eyJhbGciOiJub25lIn0" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + "."
# safe: PY-SECRET-002
STRIPE_TEST = "sk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc"
# safe: PY-SECRET-003
PUBLIC_KEY = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRg\n"
    "-----END PUBLIC KEY-----\n"
)


def is_private_key(line):
    # looking for the header is not holding a key
    # safe: PY-SECRET-003
    return line.startswith("-----BEGIN RSA PRIVATE KEY-----")


def aws_client():
    # expect: PY-SECRET-002
    return boto3.client("s3", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


# generic secrets: a secret-like name and a random-looking value
# expect: PY-SECRET-004
API_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
# expect: CWE-798
PAYMENT_AUTH_TOKEN: str = "Zx8Lq2Vm9Tr4Wp6Ys1Ke3Hb7"
# safe: PY-SECRET-004
API_KEY_HEADER = "X-Api-Key"
# safe: PY-SECRET-004
CLIENT_ID = "1234567890abcdef1234"
# safe: PY-SECRET-004
ACCESS_TOKEN_URL = "https://auth.example.com/oauth/token"
# safe: PY-SECRET-004
TEST_TOKEN = "dummy-token"
# safe: PY-SECRET-004
API_KEY_NAME = "my_application_key_name"
# safe: PY-SECRET-004
EMPTY_SECRET = ""
# a dotted module path is not random
# safe: PY-SECRET-004
TOKEN_BACKEND_CLASS2 = "auth_tests.CustomTokenBackend2"
# "auth" alone does not make a setting secret
# safe: PY-SECRET-004
AUTH_USER_MODEL = "accounts.User2a9f4f152e97"


class Client:
    def __init__(self, api_key=None):
        # expect: PY-SECRET-004
        self.client_secret = "b8J2kL9mQ4rT7vX1zC5nF3hG"
        self.api_key = api_key


def service(make_client):
    # expect: PY-SECRET-004
    make_client(api_key="d41d8cd98f00b204e9800998ecf8427e")
    # expect: PY-SECRET-004
    headers = {"X-Auth-Token": "Q2x9Vb7Nm4Lk8Jh3Gf6Ds1Aa"}
    # safe: PY-SECRET-004
    make_client(api_key=os.environ["API_KEY"])
    return headers


# hard-coded cryptographic keys
# expect: PY-SECRET-005
ENCRYPTION_KEY = b"0123456789abcdef0123456789abcdef"
# expect: CWE-321
JWT_SECRET = "N7vQ2xL9pK4mR8tW1zY6bC3d"
# safe: PY-SECRET-005
JWT_SECRET_NAME = "prod/jwt/signing-key"
# safe: PY-SECRET-005
SIGNING_KEY_ID = "key-2024-01"


def crypto(message, payload, key, settings):
    # expect: PY-SECRET-005
    Fernet(b"ZmFrZS1mZXJuZXQta2V5LWZvci10ZXN0cy0wMDAwMDA=")
    # expect: PY-SECRET-005
    hmac.new(b"webhook-secret", message, hashlib.sha256)
    # expect: PY-SECRET-005
    jwt.encode(payload, "my-signing-key", algorithm="HS256")
    # expect: PY-SECRET-005
    AES.new(ENCRYPTION_KEY, AES.MODE_GCM)
    # expect: PY-SECRET-005
    AESGCM(b"\x00" * 32)
    # expect: PY-SECRET-005
    URLSafeTimedSerializer("not-so-secret")
    # safe: PY-SECRET-005
    hmac.new(key, message, hashlib.sha256)
    # safe: PY-SECRET-005
    Fernet(os.environ["FERNET_KEY"].encode())
    # safe: PY-SECRET-005
    Fernet(Fernet.generate_key())
    # safe: PY-SECRET-005
    jwt.encode(payload, settings.JWT_SIGNING_KEY, algorithm="HS256")
    # safe: PY-SECRET-005
    AESGCM(AESGCM.generate_key(bit_length=256))


# credentials in URLs
# expect: PY-SECRET-006
DATABASE_URL = "postgresql://app:Xk29dPq7@db.internal:5432/prod"
# expect: CWE-259
BROKER_URL = "amqp://worker:W0rk3r-Pw@rabbit.prod.corp:5672/"
# local development defaults: low confidence
# expect: PY-SECRET-006
DEV_DATABASE_URL = "postgresql://app:Xk29dPq7@localhost:5432/dev"
# safe: PY-SECRET-006
EXAMPLE_URL = "postgresql://user:password@localhost/db"
# safe: PY-SECRET-006
TEMPLATE_URL = "postgresql://{user}:{password}@{host}/db"
# safe: PY-SECRET-006
SHELL_URL = "redis://:${REDIS_PASSWORD}@redis:6379/0"
# safe: PY-SECRET-006
USER_ONLY_URL = "https://git@github.com/org/repo.git"
# safe: PY-SECRET-006
MAILTO = "mailto:someone@example.com"


def build_url(user, pwd, host):
    # safe: PY-SECRET-006
    return f"postgresql://{user}:{pwd}@{host}/db"
