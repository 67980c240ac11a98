import hashlib
import hashlib as hl
import hmac
import os
import uuid
from hashlib import md5 as fast_digest
from hashlib import sha1

from Crypto.Hash import MD5 as pycrypto_md5
from Crypto.Hash import SHA
from Cryptodome.Hash import MD4
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.asymmetric import padding

WEAK_NAME = "md5"
STRONG_NAME = "sha256"
NOT_FOR_SECURITY = False


def plain_uses(data):
    # expect: PY-CRYPTO-001
    digest = hashlib.md5(data).hexdigest()
    # expect: CWE-328
    hl.sha1(data)
    # expect: PY-CRYPTO-001
    fast_digest(data)
    # expect: PY-CRYPTO-001
    sha1(data).digest()
    # expect: PY-CRYPTO-001
    hashlib.new("md5", data)
    # expect: PY-CRYPTO-001
    hashlib.new(name="SHA1", data=data)
    # expect: PY-CRYPTO-001
    hashlib.new(WEAK_NAME)
    # expect: PY-CRYPTO-001
    hashlib.new("md4", data, usedforsecurity=True)
    # expect: PY-CRYPTO-001
    pycrypto_md5.new(data)
    # expect: PY-CRYPTO-001
    SHA.new(data)
    # expect: PY-CRYPTO-001
    MD4.new()
    # expect: PY-CRYPTO-001
    hashes.Hash(hashes.MD5())
    # expect: PY-CRYPTO-001
    hashes.Hash(hashes.SHA1())
    return digest


def hash_password(password):
    # security names around the call: still reported, with high severity
    # expect: PY-CRYPTO-001
    return hashlib.md5(password.encode()).hexdigest()


def new_csrf_token(session_secret):
    # a digest of fresh random bytes is itself random: nothing to collide with
    # safe: PY-CRYPTO-001
    token = hashlib.sha1(os.urandom(64)).hexdigest()
    # safe: PY-CRYPTO-001
    nonce = hashlib.md5(str(uuid.uuid4()).encode()).hexdigest()
    # but not once a secret is mixed in
    # expect: PY-CRYPTO-001
    signed = hashlib.sha1(session_secret + os.urandom(16)).hexdigest()
    return token, nonce, signed


def cache_key_for(url):
    # a cache key: reported with low confidence, not dropped
    # expect: PY-CRYPTO-001
    cache_key = hashlib.md5(url.encode()).hexdigest()
    return cache_key


def file_checksum(path):
    # expect: PY-CRYPTO-001
    checksum = hashlib.sha1(open(path, "rb").read()).hexdigest()
    return checksum


def safe_uses(data, key):
    # safe: PY-CRYPTO-001
    hashlib.md5(data, usedforsecurity=False)
    # safe: PY-CRYPTO-001
    hashlib.sha1(data, usedforsecurity=NOT_FOR_SECURITY)
    # safe: PY-CRYPTO-001
    hashlib.new("md5", data, usedforsecurity=False)
    # safe: PY-CRYPTO-001
    hashlib.sha256(data)
    # safe: PY-CRYPTO-001
    hashlib.new(STRONG_NAME, data)
    # safe: PY-CRYPTO-001
    hashlib.new("sha3_256", data)
    # a function reference is not a hash computation
    # safe: PY-CRYPTO-001
    hmac.new(key, data, hashlib.sha1)
    # SHA-1 inside HMAC and OAEP/MGF1 is not broken
    # safe: PY-CRYPTO-001
    crypto_hmac.HMAC(key, hashes.SHA1())
    # safe: PY-CRYPTO-001
    padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA256(), label=None)
    # safe: PY-CRYPTO-001
    hashes.SHA256()
    # reading a property hashes nothing
    # safe: PY-CRYPTO-001
    secret_padding = {"secret": "x" * hashlib.sha1().block_size}
    return secret_padding


class Digester:
    def md5(self, data):
        return data

    def run(self, data):
        # a method named md5 on an unrelated object
        # safe: PY-CRYPTO-001
        return self.md5(data)


def shadowed(hashlib):
    # a parameter shadowing the module name
    # safe: PY-CRYPTO-001
    return hashlib.md5(b"x")


def static_version_tag(version, secret_key):
    # a tag cut to eight characters (a cache buster): reported, as a non-security use
    # expect: PY-CRYPTO-001
    return hashlib.sha1((version + secret_key).encode()).hexdigest()[:8]


def session_signature(payload, secret_key):
    # the whole digest of a secret and data: a signature, and a weak one
    # expect: PY-CRYPTO-001
    return hashlib.sha1((payload + secret_key).encode()).hexdigest()
