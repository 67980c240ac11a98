import crypt
import hashlib
import os

import bcrypt
from Crypto.Hash import SHA256
from Crypto.Protocol.KDF import PBKDF2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from passlib.hash import md5_crypt, pbkdf2_sha256

ITERATIONS = 1000
GOOD_ITERATIONS = 600_000


def pbkdf2(password, salt):
    # expect: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha256", password, salt, 1000)
    # expect: CWE-916
    hashlib.pbkdf2_hmac("sha256", password, salt, iterations=ITERATIONS)
    # expect: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha256", password, salt, 99_999)
    # SHA-1 needs more rounds than SHA-256 for the same work
    # expect: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha1", password, salt, 150_000)
    # expect: PY-CRYPTO-007
    PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=10_000)
    # PyCryptodome's default count is 1,000
    # expect: PY-CRYPTO-007
    PBKDF2(password, salt, 32)
    # safe: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha256", password, salt, 100_000)
    # safe: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha512", password, salt, 210_000)
    # safe: PY-CRYPTO-007
    hashlib.pbkdf2_hmac("sha256", password, salt, GOOD_ITERATIONS)
    # safe: PY-CRYPTO-007
    PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=GOOD_ITERATIONS)
    # safe: PY-CRYPTO-007
    PBKDF2(password, salt, 32, count=1_000_000, hmac_hash_module=SHA256)


def iterations_from_config(password, salt, rounds):
    # safe: PY-CRYPTO-007
    return hashlib.pbkdf2_hmac("sha256", password, salt, rounds)


def other_work_factors(password, salt):
    # expect: PY-CRYPTO-007
    bcrypt.gensalt(rounds=4)
    # expect: PY-CRYPTO-007
    hashlib.scrypt(password, salt=salt, n=1024, r=8, p=1)
    # expect: PY-CRYPTO-007
    Scrypt(salt, 32, 2**10, 8, 1)
    # safe: PY-CRYPTO-007
    bcrypt.gensalt()
    # safe: PY-CRYPTO-007
    bcrypt.gensalt(12)
    # safe: PY-CRYPTO-007
    Scrypt(salt=salt, length=32, n=2**17, r=8, p=1)


def legacy_schemes(password):
    # expect: PY-CRYPTO-007
    crypt.crypt(password, crypt.METHOD_MD5)
    # expect: PY-CRYPTO-007
    crypt.crypt(password, salt=crypt.METHOD_CRYPT)
    # expect: PY-CRYPTO-007
    crypt.mksalt(crypt.METHOD_CRYPT)
    # expect: PY-CRYPTO-007
    md5_crypt.hash(password)
    # bcrypt through crypt is not weak (Bandit's B324 flags it)
    # safe: PY-CRYPTO-007
    crypt.crypt(password, crypt.METHOD_BLOWFISH)
    # safe: PY-CRYPTO-007
    pbkdf2_sha256.hash(password)


def fast_digest_of_password(user, password):
    # expect: PY-CRYPTO-007
    stored = hashlib.sha256(password.encode()).hexdigest()
    # expect: PY-CRYPTO-007
    hashlib.sha512((user.salt + user.password).encode())
    digest = hashlib.sha256()
    # expect: PY-CRYPTO-007
    digest.update(password.encode())
    # expect: PY-CRYPTO-007
    hashlib.new("sha256", password.encode())
    return stored


def fast_digest_of_other_things(token, password_reset_token, document):
    # hashing a high-entropy token for storage is fine
    # safe: PY-CRYPTO-007
    hashlib.sha256(token.encode()).hexdigest()
    # safe: PY-CRYPTO-007
    hashlib.sha256(password_reset_token.encode()).hexdigest()
    # safe: PY-CRYPTO-007
    hashlib.sha256(document).hexdigest()
    salt = os.urandom(16)
    # safe: PY-CRYPTO-007
    return salt
