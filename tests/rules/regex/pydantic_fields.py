from typing import Annotated

import pydantic
from pydantic import BaseModel, Field, StringConstraints
from pydantic import constr as c
from pydantic.v1 import BaseModel as BaseModelV1
from pydantic.v1 import ConstrainedStr
from pydantic.v1 import Field as FieldV1
from pydantic.v1 import constr as constr_v1

SLUG_WORDS = r"^([a-z0-9]+-?)+$"


class LegacyUser(BaseModelV1):
    # pydantic v1 runs `regex=` with Python's `re`
    # expect: PY-REGEX-001
    slug: constr_v1(regex=SLUG_WORDS)
    # expect: PY-REGEX-001
    name: str = FieldV1(..., regex=r"^(\w+\s?)*$")
    # safe: PY-REGEX-001
    handle: constr_v1(regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    # expect: PY-REGEX-002
    code: str = FieldV1(..., regex=r"^[A-z0-9]{8}$")
    # safe: PY-REGEX-002
    ref: str = FieldV1(..., regex=r"^[A-Za-z0-9]{8}$")
    # v1 matches from the start of the value: a deny list there lets `<SCRIPT>` through
    # expect: PY-REGEX-003
    bio: constr_v1(regex=r"(?!.*<script).*", max_length=500)
    # safe: PY-REGEX-003
    about: constr_v1(regex=r"(?is)(?!.*<\s*script).*", max_length=500)


class TagList(ConstrainedStr):
    """A v1 constrained string type declared as a class."""

    # expect: PY-REGEX-001
    regex = r"^([a-z]+,?)+$"
    max_length = 200


class Handle(ConstrainedStr):
    # safe: PY-REGEX-001
    regex = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class ShortHandle(Handle):
    max_length = 20
    # expect: PY-REGEX-002
    regex = r"^[A-z]+$"


class Comment(BaseModel):
    # pydantic v2's default engine (Rust `regex`) never backtracks: not a ReDoS
    # safe: PY-REGEX-001
    slug: str = Field(pattern=SLUG_WORDS)
    # safe: PY-REGEX-001
    words: c(pattern=r"^(\w+\s?)*$")
    # safe: PY-REGEX-001
    tags: Annotated[str, StringConstraints(pattern=r"^([a-z]+,?)+$")]
    # a range is as wide in every engine
    # expect: PY-REGEX-002
    author: Annotated[str, StringConstraints(pattern=r"^[A-z]+$", max_length=30)]
    # expect: PY-REGEX-002
    color: str = pydantic.Field(default="000000", pattern=r"^[0-9a-fA-f]{6}$")
    # expect: PY-REGEX-002
    code: c(pattern=r"^[0-Z]{8}$")
    # safe: PY-REGEX-002
    hex_color: str = pydantic.Field(default="000000", pattern=r"^[0-9a-fA-F]{6}$")
    # safe: PY-REGEX-002
    nickname: Annotated[str, StringConstraints(pattern=r"^[\w.-]{1,30}$")]
    # no markup allowed: a class, not a tag filter
    # safe: PY-REGEX-003
    body: str = Field(pattern=r"^[^<>]*$")


# a reusable constrained type
# safe: PY-REGEX-002
Username = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_]{3,30}$")]


def make_field(pattern):
    # a pattern from a variable is not judged
    # safe: PY-REGEX-001
    return Field(pattern=pattern)


def defaults():
    # a `Field` that is not pydantic's
    # safe: PY-REGEX-002
    return dataclass_field(pattern=r"^[A-z]+$")


def dataclass_field(**kwargs):
    return kwargs
