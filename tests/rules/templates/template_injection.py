import jinja2
from django.template import Template as DjangoTemplate
from django.template import engines
from flask import render_template_string
from jinja2 import Environment, Template
from mako.template import Template as MakoTemplate

GREETING = "<h1>Hello {{ name }}</h1>"


def views(name, stored_template):
    # expect: PY-TMPL-005
    render_template_string(f"<h1>Hello {name}</h1>")
    # expect: CWE-1336
    render_template_string("<h1>Hello %s</h1>" % name)
    # expect: PY-TMPL-005
    Template("Hello " + name)
    # a template from a variable: low confidence (not for Django's Template class,
    # which its own engine feeds from variables everywhere)
    # expect: PY-TMPL-005
    render_template_string(stored_template)
    env = Environment(autoescape=True)
    # expect: PY-TMPL-005
    env.from_string("Hi " + name)
    # expect: PY-TMPL-005
    DjangoTemplate("{% load static %}" + name)
    # expect: PY-TMPL-005
    engines["django"].from_string(stored_template)
    # Mako's default filters are off too: both rules apply
    # expect: PY-TMPL-005, PY-TMPL-002
    MakoTemplate("<%% %s %%>" % name)
    # safe: PY-TMPL-005
    DjangoTemplate(stored_template)
    # safe: PY-TMPL-005
    render_template_string(GREETING, name=name)
    # safe: PY-TMPL-005
    render_template_string("<h1>Hello {{ name }}</h1>", name=name)
    # safe: PY-TMPL-005
    Template("Hello {{ name }}").render(name=name)
    # safe: PY-TMPL-005
    env.from_string(GREETING)
    # a number spliced in cannot carry template syntax
    # safe: PY-TMPL-005
    render_template_string("<p>%d items</p>" % len(name))
    # safe: PY-TMPL-005
    jinja2.Environment(autoescape=True).get_template("page.html")


class Cache:
    def from_string(self, text):
        return text


def lookalike(cache, name):
    # safe: PY-TMPL-005
    return cache.from_string("x" + name)
