import jwt
import paramiko
import python_jwt
import rsa as rsa_lib
from Crypto.PublicKey import DSA as pycrypto_dsa
from Crypto.PublicKey import ECC
from Cryptodome.PublicKey import RSA as pycryptodomex_rsa
from cryptography.hazmat import backends
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key
from jose import jwt as jose_jwt

WEAK_BITS = 1024
STRONG_BITS = 4096
NO_VERIFY = {"verify_signature": False}


def weak_keys():
    # expect: PY-CRYPTO-008
    rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # expect: CWE-326
    rsa.generate_private_key(65537, 512, backends.default_backend())
    # expect: PY-CRYPTO-008
    generate_private_key(public_exponent=65537, key_size=WEAK_BITS)
    # expect: PY-CRYPTO-008
    dsa.generate_private_key(key_size=1024)
    # expect: PY-CRYPTO-008
    ec.generate_private_key(ec.SECT163R2(), backends.default_backend())
    # expect: PY-CRYPTO-008
    ec.generate_private_key(curve=ec.SECP192R1)
    # expect: PY-CRYPTO-008
    pycrypto_dsa.generate(bits=1024)
    # expect: PY-CRYPTO-008
    pycryptodomex_rsa.generate(1024)
    # expect: PY-CRYPTO-008
    ECC.generate(curve="P-192")
    # expect: PY-CRYPTO-008
    rsa_lib.newkeys(512)
    # expect: PY-CRYPTO-008
    paramiko.RSAKey.generate(bits=1024)
    # DSS keys are 1024 bits by default
    # expect: PY-CRYPTO-008
    paramiko.DSSKey.generate()


def strong_keys(key_size):
    # safe: PY-CRYPTO-008
    rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # safe: PY-CRYPTO-008
    rsa.generate_private_key(65537, STRONG_BITS)
    # safe: PY-CRYPTO-008
    ec.generate_private_key(ec.SECP256R1())
    # safe: PY-CRYPTO-008
    ec.generate_private_key(curve=ec.SECP224R1)
    # safe: PY-CRYPTO-008
    ECC.generate(curve="P-256")
    # safe: PY-CRYPTO-008
    pycryptodomex_rsa.generate(bits=3072)
    # a size from a variable cannot be judged
    # safe: PY-CRYPTO-008
    rsa.generate_private_key(public_exponent=65537, key_size=key_size)


def unverified_tokens(token, key):
    # expect: PY-CRYPTO-009
    jwt.decode(token, verify=False)
    # expect: PY-CRYPTO-009
    jwt.decode(token, options={"verify_signature": False})
    # expect: CWE-347
    jwt.decode(token, key, options=NO_VERIFY)
    # expect: PY-CRYPTO-009
    jwt.decode(token, key, algorithms=["HS256", "none"])
    # expect: PY-CRYPTO-009
    jose_jwt.decode(token, key, options={"verify_signature": False, "verify_aud": False})
    # expect: PY-CRYPTO-009
    jwt.PyJWT().decode(token, options={"verify_signature": False})


def python_jwt_parse_only(token):
    # expect: PY-CRYPTO-009
    header, claims = python_jwt.process_jwt(token)
    return claims


def python_jwt_verified(token, public_key):
    # safe: PY-CRYPTO-009 (parsed, then verified)
    header, claims = python_jwt.process_jwt(token)
    python_jwt.verify_jwt(token, public_key, ["RS256"])
    return claims


def verified_tokens(token, key, options):
    # safe: PY-CRYPTO-009
    jwt.decode(token, key, algorithms=["RS256"])
    # safe: PY-CRYPTO-009
    jwt.decode(token, key, algorithms=["HS256"], options={"verify_aud": False})
    # safe: PY-CRYPTO-009
    jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True})
    # safe: PY-CRYPTO-009
    jwt.get_unverified_header(token)
    # options from a caller cannot be judged
    # safe: PY-CRYPTO-009
    jwt.decode(token, key, algorithms=["HS256"], options=options)
    # a look-alike decode on bytes
    # safe: PY-CRYPTO-009
    token.decode("utf-8")
