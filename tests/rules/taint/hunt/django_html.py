"""Django HTML building: escaping helpers, safe strings, rendered templates, URL kwargs."""

import os

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join, json_script
from django.utils.safestring import mark_safe
from django.views import View

REPORTS = "/var/reports"


def listing(request):
    tags = request.GET.getlist("tag")
    # safe: CWE-79
    items = format_html_join("\n", "<li>{}</li>", ((t,) for t in tags))
    # safe: CWE-79
    return HttpResponse(format_html("<ul>{}</ul>", items))


def escaped_then_marked(request):
    q = request.GET.get("q", "")
    # safe: CWE-79
    return HttpResponse(mark_safe("<b>" + escape(q) + "</b>"))


def rendered(request):
    q = request.GET.get("q", "")
    # safe: CWE-79
    page = render_to_string("search.html", {"q": q})
    # safe: CWE-79
    data = json_script({"q": q}, "search-data")
    # safe: CWE-79
    return HttpResponse(page + data)


def shortcut(request):
    # safe: CWE-79
    return render(request, "search.html", {"q": request.GET.get("q", "")})


def cookie(request):
    theme = request.COOKIES.get("theme", "light")
    # expect: CWE-79
    return HttpResponse(f"<body class='{theme}'>")


class Report(View):
    def get(self, request, *args, **kwargs):
        name = self.kwargs["name"]
        # expect: CWE-22
        with open(os.path.join(REPORTS, name)) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")
