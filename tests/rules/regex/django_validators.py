import re

from django import forms
from django.conf.urls import url
from django.core import validators
from django.core.validators import RegexValidator
from django.urls import include, path
from django.urls import re_path as route
from django.utils.regex_helper import _lazy_re_compile

from . import views

TAG_WORDS = r"^(\w+-?)+$"

urlpatterns = [
    # every request path is matched against the route patterns
    # expect: PY-REGEX-001
    route(r"^archive/(?P<path>(\w+/?)+)$", views.archive),
    # expect: PY-REGEX-001
    route(route=r"^tags/(?P<tags>([a-z]+,?)+)/$", view=views.tags),
    # the old spelling, through django.conf.urls
    # expect: PY-REGEX-001
    url(r"^search/(?P<q>(\w+\s?)*)/$", views.search),
    # safe: PY-REGEX-001
    route(r"^archive/(?P<path>[\w/]+)$", views.archive),
    # safe: PY-REGEX-001
    url(r"^(?P<year>[0-9]{4})/(?P<slug>[\w-]+)/$", views.post),
    # not a regular expression: path converters
    # safe: PY-REGEX-001
    path("articles/<slug:slug>/", views.article),
    # a route is never an HTML filter, even when it names a tag
    # safe: PY-REGEX-003
    route(r"^embed/<script>$", views.embed),
    # a range typo in a route
    # expect: PY-REGEX-002
    route(r"^users/(?P<name>[A-z]+)/$", views.user),
    # safe: PY-REGEX-002
    route(r"^users/(?P<name>[A-Za-z]+)/$", views.user),
    route(r"^api/", include("api.urls")),
]


# Django's own lazily compiled patterns
# expect: PY-REGEX-001
tag_list_re = _lazy_re_compile(r"^([a-z]+,?)+$")
# safe: PY-REGEX-001
tag_re = _lazy_re_compile(r"^[a-z]+(?:,[a-z]+)*$", re.IGNORECASE)


class TagForm(forms.Form):
    # expect: PY-REGEX-001
    tags = forms.RegexField(regex=TAG_WORDS)
    # safe: PY-REGEX-001
    slug = forms.RegexField(r"^[\w-]+$")


# expect: PY-REGEX-001
words_validator = validators.RegexValidator(regex=r"^(\w+\s?)*$", message="Words only.")
# flags given next to the pattern count
# expect: PY-REGEX-001
spaced_validator = RegexValidator(r"^ ( a + ) + $", "Only a.", "invalid", False, re.VERBOSE)
# safe: PY-REGEX-001
plain_spaced_validator = RegexValidator(r"^ ( a + ) + $", "Only a.", "invalid", False)


class DomainLabelValidator(RegexValidator):
    """A subclass that declares its pattern as a class attribute."""

    # expect: PY-REGEX-001
    regex = r"^([a-z0-9]+-?)+$"
    message = "Enter a valid label."


class SafeDomainLabelValidator(validators.RegexValidator):
    # safe: PY-REGEX-001
    regex = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class VerboseValidator(RegexValidator):
    # the class's flags make the spaces insignificant
    # expect: PY-REGEX-001
    regex = r"^ ( a + ) + $"
    flags = re.VERBOSE


class PlainValidator(RegexValidator):
    # without re.VERBOSE the spaces break every run of `a`
    # safe: PY-REGEX-001
    regex = r"^ ( a + ) + $"


class VerboseBase(RegexValidator):
    flags = re.VERBOSE


class VerboseChild(VerboseBase):
    # flags inherited from a base class of this module
    # expect: PY-REGEX-001
    regex = r"^ ( b + ) + $"


class UsernameValidator(RegexValidator):
    # expect: PY-REGEX-002
    regex = r"^[A-z0-9_.]+\Z"
    flags = re.ASCII


class AsciiUsernameValidator(RegexValidator):
    # safe: PY-REGEX-002
    regex = r"^[\w.@+-]+\Z"
    flags = re.ASCII


class NoScriptValidator(RegexValidator):
    # `<SCRIPT>` passes a case-sensitive deny list
    # expect: PY-REGEX-003
    regex = r"<script"
    inverse_match = True


class NoScriptAnyCaseValidator(RegexValidator):
    # the class's re.IGNORECASE is honoured
    # safe: PY-REGEX-003
    regex = r"<\s*script"
    inverse_match = True
    flags = re.IGNORECASE


class Checker:
    # not a validator: a class attribute named `regex` on some other class
    # safe: PY-REGEX-001
    regex = r"^(a+)+$"


class ValidatorMixin:
    # safe: PY-REGEX-001
    regex = r"^(a+)+$"


class CompiledValidator(RegexValidator):
    # a compiled pattern is judged at the compile call
    # expect: PY-REGEX-001
    regex = re.compile(r"^(x+x+)+y")


class LazyValidator(RegexValidator):
    def __init__(self, pattern):
        super().__init__()
        # safe: PY-REGEX-001
        self.regex = pattern


# a deny list written as a look-ahead: the validator accepts only what the pattern
# finds, and `<SCRIPT>` is found
# expect: PY-REGEX-003
comment_validator = RegexValidator(r"^(?!.*<script).*$", "No scripts.")
# safe: PY-REGEX-003
comment_validator_any_case = RegexValidator(r"(?is)^(?!.*<\s*script).*$", "No scripts.")
# a validator that requires the text (not a filter)
# safe: PY-REGEX-003
embed_validator = RegexValidator(r"^<script src=", "Paste the embed code.")


def no_tags_validator(inverse):
    # whether matches are rejected is not known here
    # safe: PY-REGEX-003
    return RegexValidator(r"<script", inverse_match=inverse)
