# cwescan-fixture: profile=audit


def parse(parts, user):
    # expect: PY-ASSERT-002
    assert len(parts) == 3
    # expect: PY-ASSERT-002
    assert parts is not None, "parts required"
    # the security-decision assert is the default rule, not an audit duplicate
    # expect: PY-ASSERT-001
    assert user.is_superuser
    return parts


def test_parse():
    # safe: PY-ASSERT-002
    assert parse([1, 2, 3], None)
