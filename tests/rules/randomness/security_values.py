import os
import random
import time
import random as rnd
import secrets
import string
from random import choice, randint
from random import getrandbits as bits

import numpy as np

ALPHABET = string.ascii_letters + string.digits


def tokens(user, session, response):
    # expect: PY-RAND-001
    reset_token = "".join(random.choice(ALPHABET) for _ in range(32))
    # expect: CWE-338
    user.password = "".join(rnd.choices(ALPHABET, k=16))
    # expect: PY-RAND-001
    session["csrf_token"] = str(bits(128))
    # expect: PY-RAND-001
    api_key = "%032x" % random.getrandbits(128)
    # expect: PY-RAND-001
    salt = random.randbytes(16)
    # expect: PY-RAND-001
    otp = randint(100000, 999999)
    # expect: PY-RAND-001
    response.headers["X-Session-Token"] = str(random.random())
    # expect: PY-RAND-001
    user.update(verification_code=choice(range(10**6)))
    # expect: PY-RAND-001
    nonce = np.random.bytes(16)
    rng = random.Random()
    # expect: PY-RAND-001
    session_id = rng.getrandbits(64)
    return reset_token, api_key, salt, otp, nonce, session_id


def generate_password(length=12):
    # the value is returned from a function named for what it makes
    # expect: PY-RAND-001
    return "".join(random.sample(ALPHABET, length))


def remember_me(request, response, test_case):
    # the value reaches a cookie through two local variables
    # expect: PY-RAND-001
    rand = random.random()
    remember_me_value = str(rand)[2:]
    cookie_name = "rememberMe" + test_case
    request.session[cookie_name] = remember_me_value
    response.set_cookie(cookie_name, remember_me_value, secure=True, httponly=True, samesite="Lax")


def backoff(attempt):
    # safe: PY-RAND-001
    delay = random.random() * 2**attempt
    time.sleep(delay)


def make_reset_link(user):
    # only the enclosing function tells: medium confidence
    # expect: PY-RAND-001
    code = random.randint(0, 10**8)
    return f"https://example.com/reset/{user.id}/{code}"


def safe_values(items, user):
    # safe: PY-RAND-001
    token = secrets.token_urlsafe(32)
    # safe: PY-RAND-001
    password = "".join(secrets.choice(ALPHABET) for _ in range(16))
    # safe: PY-RAND-001
    salt = os.urandom(16)
    # safe: PY-RAND-001
    key = random.SystemRandom().getrandbits(256)
    system = random.SystemRandom()
    # safe: PY-RAND-001
    session_id = system.choice(ALPHABET)
    # quantities named after tokens are not secrets
    # safe: PY-RAND-001
    max_tokens = random.randint(100, 500)
    # safe: PY-RAND-001
    session_timeout = random.uniform(300, 600)
    # safe: PY-RAND-001
    retry_delay = random.random() * 2
    # safe: PY-RAND-001
    random.shuffle(items)
    # safe: PY-RAND-001
    cache_key = random.choice(items)
    return token, password, salt, key, session_id, max_tokens, session_timeout, retry_delay, cache_key


class Dice:
    def choice(self, options):
        return options[0]

    def roll_token(self, options):
        # a look-alike method on an unrelated object
        # safe: PY-RAND-001
        token = self.choice(options)
        return token


def shadowed(random):
    # a parameter shadowing the module name
    # safe: PY-RAND-001
    token = random.choice("abc")
    return token


class Block:
    def __init__(self, key=None):
        # a bare `key`: an element id as often as a secret (reported, at medium confidence)
        # expect: PY-RAND-001
        self.key = key or "".join(random.choice("abcdefghij") for _ in range(5))


def make_signing_key():
    # expect: PY-RAND-001
    signing_key = "%064x" % random.getrandbits(256)
    return signing_key
