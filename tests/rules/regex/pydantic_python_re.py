"""Models configured to run their patterns with Python's `re` (backtracking)."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, constr


class Article(BaseModel):
    model_config = ConfigDict(regex_engine="python-re")

    # expect: PY-REGEX-001
    slug: str = Field(pattern=r"^([a-z0-9]+-?)+$")
    # expect: PY-REGEX-001
    title: Annotated[str, StringConstraints(pattern=r"^(\w+\s?)*$")]
    # expect: PY-REGEX-001
    tags: constr(pattern=r"^([a-z]+,?)+$")
    # safe: PY-REGEX-001
    summary: str = Field(pattern=r"^\w+(?:\s\w+)*$")
    # safe: PY-REGEX-001
    lang: constr(pattern=r"^[a-z]{2}(?:-[A-Z]{2})?$")
    # a deny list kept to one spelling of the tag: `<SCRIPT>` passes
    # expect: PY-REGEX-003
    bio: str = Field(pattern=r"^(?!.*<script).*$")
    # safe: PY-REGEX-003
    about: str = Field(pattern=r"(?is)^(?!.*<\s*script).*$")
