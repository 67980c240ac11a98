import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from mako.lookup import TemplateLookup
from mako.template import Template as MakoTemplate

AUTOESCAPE = True
FILTERS = ["h"]


def environments(choice):
    # expect: PY-TMPL-001
    Environment(loader=FileSystemLoader("templates"))
    # expect: CWE-79
    jinja2.Environment(autoescape=False)
    # expect: PY-TMPL-001
    SandboxedEnvironment()
    # safe: PY-TMPL-001
    Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    # safe: PY-TMPL-001
    jinja2.Environment(autoescape=jinja2.select_autoescape(["html", "xml"]))
    # safe: PY-TMPL-001
    Environment(autoescape=True)
    # safe: PY-TMPL-001
    Environment(autoescape=AUTOESCAPE)
    # a callable deciding per template name
    # safe: PY-TMPL-001
    Environment(autoescape=lambda name: name.endswith(".html"))
    # decided at run time
    # safe: PY-TMPL-001
    Environment(autoescape=choice)


def mako():
    # expect: PY-TMPL-002
    TemplateLookup(directories=["templates"])
    # expect: PY-TMPL-002
    MakoTemplate(filename="page.html")
    # expect: CWE-79
    TemplateLookup(directories=["templates"], default_filters=["str"])
    # safe: PY-TMPL-002
    TemplateLookup(directories=["templates"], default_filters=["h"])
    # safe: PY-TMPL-002
    MakoTemplate(filename="page.html", default_filters=FILTERS)
    # safe: PY-TMPL-002
    TemplateLookup(default_filters=["markupsafe.escape", "trim"])


class Template:
    def __init__(self, text):
        self.text = text


def lookalike():
    # a local class named Template is not Mako's
    # safe: PY-TMPL-002
    return Template("x")
