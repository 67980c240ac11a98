import base64
import binascii
import codecs
import getpass
import hashlib
import hmac
import json
import os
import sqlite3
from base64 import b64decode, urlsafe_b64encode

import bcrypt
import keyring
import requests
from flask import Flask, request

app = Flask(__name__)
db = sqlite3.connect("users.db")


# -- a password kept in a reversible encoding -------------------------------------------


@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    password = request.form["password"]
    # the "hash" is base64 of the password
    # expect: PY-CRYPTO-010
    password_hash = base64.b64encode(password.encode()).decode()
    db.execute("INSERT INTO users (name, password) VALUES (?, ?)", (username, password_hash))
    db.commit()


def add_user(cursor, username, pwd):
    # expect: CWE-261
    encoded = base64.b64encode(pwd.encode("utf-8"))
    cursor.execute("INSERT INTO accounts VALUES (%s, %s)", (username, encoded))


def obfuscate_password(password: str) -> str:
    # expect: PY-CRYPTO-010
    return codecs.encode(password, "rot13")


def hex_password(user):
    # expect: PY-CRYPTO-010
    return binascii.hexlify(user.password.encode())


class Account:
    def __init__(self, name, password):
        self.name = name
        # expect: PY-CRYPTO-010
        self.password = urlsafe_b64encode(password.encode())


def save_credentials(path, login, passwd):
    with open(path, "w") as out:
        record = {
            "login": login,
            # expect: PY-CRYPTO-010
            "password": base64.b32encode(passwd.encode()).decode(),
        }
        # expect: PY-STORE-001
        json.dump(record, out)


def remember_me(response):
    secret_pw = getpass.getpass("Password: ")
    # expect: PY-STORE-001
    response.set_cookie(
        "pw",
        # expect: PY-CRYPTO-010
        base64.b64encode(secret_pw.encode()).decode(),
        secure=True,
        httponly=True,
        samesite="Strict",
    )


def login(username, password):
    row = db.execute("SELECT password FROM users WHERE name = ?", (username,)).fetchone()
    # comparing encoded forms keeps the stored password encoded
    # expect: PY-CRYPTO-010
    return base64.b64encode(password.encode()) == row[0]


def check_password(userid, password):
    cursor = db.cursor()
    cursor.execute("SELECT password FROM users WHERE userid = ?", (userid,))
    result = cursor.fetchone()
    if result is None:
        return False
    # expect: PY-CRYPTO-010, PY-TIMING-001
    return base64.b64decode(result[0]) == password


def verify(stored, candidate_password):
    decoded = b64decode(stored).decode()
    # expect: CWE-261, PY-TIMING-001
    if candidate_password != decoded:
        return False
    # expect: PY-CRYPTO-010
    return hmac.compare_digest(codecs.decode(stored, "rot13"), candidate_password)


def store_hex(db_password):
    # expect: PY-CRYPTO-010
    stored_pw = db_password.encode().hex()
    return stored_pw


def encode_password(value):
    # a helper named for what it is given
    # expect: PY-CRYPTO-010
    return base64.b64encode(value.encode("utf-8")).decode("ascii")


def save_config(config, section, db_password):
    # expect: PY-CRYPTO-010
    config.set(section, "password", base64.b64encode(db_password.encode()).decode())


# -- not reported ----------------------------------------------------------------------


def basic_auth_header(username, password):
    # the HTTP Basic credential: the protocol's encoding, protected by TLS
    # safe: PY-CRYPTO-010
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def call_api(url, user, password):
    credentials = f"{user}:{password}".encode()
    # safe: PY-CRYPTO-010
    encoded = base64.b64encode(credentials).decode("ascii")
    headers = {"Authorization": "Basic " + encoded}
    return requests.get(url, headers=headers, timeout=10)


def proxy_login(session, password):
    # safe: PY-CRYPTO-010
    session.headers["Proxy-Authorization"] = "Basic " + base64.b64encode(password.encode()).decode()


def post_login(url, password):
    # an API that wants the password base64-encoded in its request body
    # safe: PY-CRYPTO-010
    body = {"pass": base64.b64encode(password.encode()).decode()}
    return requests.post(url, json=body, timeout=10)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    # safe: PY-CRYPTO-010
    return base64.b64encode(salt + digest).decode()


def hash_with_bcrypt(password):
    # safe: PY-CRYPTO-010
    password_hash = base64.b64encode(bcrypt.hashpw(password.encode(), bcrypt.gensalt()))
    return password_hash


def stored_form(password_hash):
    # safe: PY-CRYPTO-010
    return base64.b64encode(password_hash)


def keep_in_keyring(service, user, password):
    # the OS keyring encrypts what it keeps
    # safe: PY-CRYPTO-010
    keyring.set_password(service, user, base64.b64encode(password.encode()).decode())


def encode_payload(value):
    # safe: PY-CRYPTO-010
    return base64.b64encode(value.encode("utf-8")).decode("ascii")


def thumbnail(image_bytes):
    # safe: PY-CRYPTO-010
    data = base64.b64encode(image_bytes).decode()
    return data


def log_length(logger, password):
    # only printed: PY-LOG-001's question, not a stored encoding
    # safe: PY-CRYPTO-010
    logger.debug("length %d", len(base64.b64encode(password.encode())))


def compare_tokens(stored_token, request_token):
    # safe: PY-CRYPTO-010
    return base64.b64decode(stored_token) == request_token


def totp_secret(otp_seed):
    # TOTP secrets are base32 by convention and must stay readable to compute codes
    # safe: PY-CRYPTO-010
    otp_secret = base64.b32encode(otp_seed)
    return otp_secret


def password_bytes(password):
    # a text encoding, not a reversible code
    # safe: PY-CRYPTO-010
    password_utf8 = password.encode("utf-8")
    return password_utf8
