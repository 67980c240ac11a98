# cwescan-fixture: profile=audit
import random
import secrets

import numpy


def simulation(samples):
    # expect: PY-RAND-002
    noise = random.gauss(0, 1)
    # expect: PY-RAND-002
    picked = random.sample(samples, 10)
    # expect: PY-RAND-002
    matrix = numpy.random.rand(3, 3)
    # expect: PY-RAND-002
    generator = random.Random(42)
    # the security-named case is the default rule, not this one
    # expect: PY-RAND-001
    token = random.getrandbits(64)
    # safe: PY-RAND-002
    random.seed(42)
    # safe: PY-RAND-002
    secrets.randbelow(10)
    return noise, picked, matrix, generator, token
