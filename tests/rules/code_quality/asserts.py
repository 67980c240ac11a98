from django.core.exceptions import PermissionDenied
from passlib.hash import argon2

# at import time: a probe of the environment, not a decision about a caller
# safe: PY-ASSERT-001
assert argon2.verify("test", argon2.hash("test"))


def delete_article(request, article):
    # expect: PY-ASSERT-001
    assert request.user.is_staff, "staff only"
    # expect: CWE-617
    assert request.user.has_perm("blog.delete_article")
    # expect: PY-ASSERT-001
    assert article.owner == request.user
    # expect: PY-ASSERT-001
    assert form_is_valid(request.POST)
    # expect: PY-ASSERT-001
    assert request.user.isAuthenticated()
    # type narrowing and invariants are not security decisions (audit only)
    # safe: PY-ASSERT-001
    assert article is not None
    # safe: PY-ASSERT-001
    assert isinstance(article.id, int)
    # safe: PY-ASSERT-001
    assert len(article.tags) < 100, "too many tags"
    # what the permissions are, not whether they allow anything
    # safe: PY-ASSERT-001
    assert all(map(lambda p: isinstance(p, Permission), article.permissions))
    # safe: PY-ASSERT-001
    assert request.user.permissions is not None
    # expect: PY-ASSERT-001
    assert all(request.user.has_perm(p) for p in article.permissions)
    # an explicit check is the fix
    if not request.user.is_staff:
        raise PermissionDenied
    article.delete()


class Permission:
    pass


def form_is_valid(data):
    return bool(data)


def test_delete_article(client):
    # asserts are the point of a test
    # safe: PY-ASSERT-001
    assert client.user.is_staff


class TestPermissions:
    def check(self, user):
        # safe: PY-ASSERT-001
        assert user.has_perm("x")
