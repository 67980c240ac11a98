import enum
import hmac

from flask import Flask, abort, request

app = Flask(__name__)
_MISSING = object()
DEFAULT_ROLE = "viewer"


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    role = request.headers.get("X-Role", "")
    # expect: PY-COMPARE-001
    if role is "admin":
        return delete(user_id)
    abort(403)


def check_api_token(token):
    # expect: PY-COMPARE-001
    if token is not "":
        return lookup(token)
    return None


def check_pin(entered):
    # expect: CWE-595
    return entered is 1234


def is_empty(items):
    # expect: PY-COMPARE-001
    return len(items) is 0


def has_defaults(options):
    # expect: PY-COMPARE-001
    return options is {}


def same_point(point):
    # expect: PY-COMPARE-001
    return point is (0, 0)


def negative(offset):
    # expect: PY-COMPARE-001
    return offset is -1


def formatted(user, name):
    # expect: PY-COMPARE-001
    return user.username is f"{name}"


def converted(level, user):
    # expect: PY-COMPARE-001
    return str(level) is not user.level


def magic(header):
    # expect: PY-COMPARE-001
    return header[:4] is b"\x89PNG"


def chained(a, b):
    # expect: PY-COMPARE-001
    return a is b is "x"


# --- not reported ---------------------------------------------------------------


class Color(enum.Enum):
    RED = 1


def singletons(value, flag, other, result):
    # safe: PY-COMPARE-001
    if value is None or value is not None:
        pass
    # safe: PY-COMPARE-001
    if flag is True or flag is False:
        pass
    # safe: PY-COMPARE-001
    if other is Ellipsis or result is NotImplemented:
        pass
    # safe: PY-COMPARE-001
    if value is ...:
        pass


def names_and_sentinels(value, role, color):
    # two names: sentinels, enum members and constants are compared by identity on purpose
    # safe: PY-COMPARE-001
    if value is _MISSING:
        return None
    # safe: PY-COMPARE-001
    if role is DEFAULT_ROLE:
        return None
    # safe: PY-COMPARE-001
    if color is Color.RED:
        return None
    # safe: PY-COMPARE-001
    return type(value) is str


def equality(role, token, expected):
    # safe: PY-COMPARE-001
    if role == "admin" and token != "":
        # safe: PY-COMPARE-001
        return hmac.compare_digest(token, expected)
    return False


def delete(user_id):
    return user_id


def lookup(token):
    return token


def isEqual(account1, account2):
    # expect: PY-COMPARE-001
    if account1 is account2:
        return True
    else:
        return False


def same_user(a, b):
    # expect: PY-COMPARE-001
    return a.profile is b.profile


class Account:
    def __init__(self, number):
        self.number = number

    def __eq__(self, other):
        # safe: PY-COMPARE-001
        if self is other:
            return True
        return isinstance(other, Account) and self.number == other.number

    def __ne__(self, other):
        # safe: PY-COMPARE-001
        return self is not other

    def equals(self, other):
        # expect: PY-COMPARE-001
        return self.number is other.number


class Handle:
    def __eq__(self, other):
        # safe: PY-COMPARE-001
        return self.wrapped is other.wrapped


def equal_lists(first, second):
    for a, b in zip(first, second):
        # safe: PY-COMPARE-001
        if a is not b:
            print("differs")
    return True


def is_same_object(a, b):
    # safe: PY-COMPARE-001
    return a is b


def equal_types(a, b):
    # safe: PY-COMPARE-001
    return type(a) is type(b)


def compare_options(value, default=_MISSING):
    # safe: PY-COMPARE-001
    if value is _MISSING:
        return True
    # safe: PY-COMPARE-001
    return value is None
