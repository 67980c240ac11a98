# A test module (by its file name): asserts here are never reported.


def helper(user):
    # safe: PY-ASSERT-001
    assert user.is_superuser
