import os

import pyDes
from Crypto.Cipher import AES, ARC4, DES, DES3, Blowfish
from Crypto.Cipher import ARC2 as rc2
from Crypto.Random import get_random_bytes
from Cryptodome.Cipher import AES as AESX
from Cryptodome.Cipher import XOR
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers.modes import ECB

ECB_MODE = AES.MODE_ECB


def weak_ciphers(key, iv, data):
    # expect: PY-CRYPTO-002
    DES.new(key, DES.MODE_CBC, iv)
    # expect: PY-CRYPTO-002
    DES3.new(key, DES3.MODE_CBC, iv)
    # expect: PY-CRYPTO-002
    ARC4.new(key).encrypt(data)
    # expect: PY-CRYPTO-002
    rc2.new(key, rc2.MODE_CFB, iv)
    # expect: PY-CRYPTO-002
    Blowfish.new(key, Blowfish.MODE_CBC, iv)
    # expect: PY-CRYPTO-002
    XOR.new(key)
    # expect: CWE-327
    Cipher(algorithms.ARC4(key), mode=None)
    # expect: PY-CRYPTO-002
    Cipher(algorithms.Blowfish(key), modes.CBC(iv))
    # expect: PY-CRYPTO-002
    Cipher(algorithms.IDEA(key), modes.CBC(iv))
    # expect: PY-CRYPTO-002
    Cipher(algorithms.CAST5(key), modes.CBC(iv))
    # expect: PY-CRYPTO-002
    Cipher(TripleDES(key), modes.CBC(iv))
    # expect: PY-CRYPTO-002
    pyDes.triple_des(key)


def ecb(key, data):
    # expect: PY-CRYPTO-003
    Cipher(algorithms.AES(key), modes.ECB())
    # expect: PY-CRYPTO-003
    Cipher(algorithms.AES(key), ECB())
    # expect: PY-CRYPTO-003
    AES.new(key, AES.MODE_ECB)
    # expect: PY-CRYPTO-003
    AESX.new(key, mode=AESX.MODE_ECB)
    # expect: PY-CRYPTO-003
    AES.new(key, ECB_MODE)
    # a weak cipher in ECB mode: two defects on one line
    # expect: PY-CRYPTO-002, PY-CRYPTO-003
    DES.new(key, DES.MODE_ECB)


def strong(key, data):
    iv = os.urandom(16)
    nonce = get_random_bytes(12)
    # safe: PY-CRYPTO-002, PY-CRYPTO-003
    Cipher(algorithms.AES(key), modes.CBC(iv))
    # safe: PY-CRYPTO-002, PY-CRYPTO-003
    AES.new(key, AES.MODE_GCM, nonce=nonce)
    # safe: PY-CRYPTO-002, PY-CRYPTO-003
    AES.new(key, AES.MODE_CBC, iv)
    # safe: PY-CRYPTO-002, PY-CRYPTO-003
    Cipher(algorithms.ChaCha20(key, nonce + nonce[:4]), mode=None)


class Legacy:
    def new(self, key):
        return key

    def run(self, key):
        # look-alike method on an unrelated object
        # safe: PY-CRYPTO-002
        return self.new(key)
