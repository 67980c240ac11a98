"""Django views: request.GET/POST/body/COOKIES/META reaching sinks through helpers and classes."""

import json
import logging
import os
import pickle
import subprocess

import ldap
import lxml.etree
from defusedxml import ElementTree as SafeET
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template import Context, Template, loader
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

logger = logging.getLogger(__name__)
REPORTS = "/var/reports"
SORT_COLUMNS = ("name", "created", "price")


def fetch(sql, params=None):
    with connection.cursor() as cursor:
        # expect: CWE-89
        cursor.execute(sql, params)
        return cursor.fetchall()


def search(request):
    term = request.GET.get("q", "")
    order = request.GET.get("order", "name")
    if order not in SORT_COLUMNS:
        order = "name"
    rows = fetch("SELECT * FROM product WHERE name LIKE %s ORDER BY " + order, ["%" + term + "%"])
    unsafe = fetch("SELECT * FROM product WHERE name LIKE '%" + term + "%'")
    return JsonResponse({"rows": rows, "n": len(unsafe)})


def import_feed(request):
    # expect: CWE-611
    tree = lxml.etree.fromstring(request.body, lxml.etree.XMLParser(resolve_entities=True))
    # safe: CWE-611
    safe = SafeET.fromstring(request.body)
    return JsonResponse({"n": len(tree), "root": safe.tag})


def restore(request):
    blob = request.COOKIES.get("state")
    # expect: CWE-502
    state = pickle.loads(bytes.fromhex(blob))
    # safe: CWE-502
    prefs = json.loads(request.body)
    return JsonResponse({"state": str(state), "prefs": prefs})


def directory(request):
    uid = request.POST["uid"]
    conn = ldap.initialize("ldap://ldap.example")
    # expect: CWE-90
    return HttpResponse(conn.search_s("dc=example", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid))


def go(request):
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        # safe: CWE-601
        return HttpResponseRedirect(nxt)
    # expect: CWE-601
    return redirect(request.GET["fallback"])


def render_greeting(request):
    name = request.GET.get("name", "")
    # expect: CWE-1336
    tpl = Template("<p>Hello " + name + "</p>")
    # safe: CWE-1336
    ok = Template("<p>Hello {{ name }}</p>").render(Context({"name": name}))
    # expect: CWE-79
    return HttpResponse(tpl.render(Context({})) + ok)


def render_safe(request):
    name = request.GET.get("name", "")
    # safe: CWE-79
    return HttpResponse(Template("<p>Hello {{ name }}</p>").render(Context({"name": name})))


def render_named(request):
    name = request.GET.get("name", "")
    template = loader.get_template(request.GET.get("theme", "default") + ".html")
    # safe: CWE-79
    return HttpResponse(template.render({"name": name}, request))


def greet(request):
    name = request.GET.get("name", "")
    # safe: CWE-79
    page = format_html("<p>Hello {}</p>", name)
    # expect: CWE-79
    return HttpResponse(page + "<p>" + name + "</p>")


def greet_escaped(request):
    name = escape(request.GET.get("name", ""))
    # safe: CWE-79
    return HttpResponse("<p>Hello %s</p>" % name)


def agent(request):
    ua = request.META.get("HTTP_USER_AGENT", "")
    # expect: CWE-117
    logger.info("visit from " + ua)
    # safe: CWE-117
    logger.info("visit from %r", ua.replace("\n", ""))
    return HttpResponse("ok")


def download_header(request):
    name = request.GET["name"]
    response = HttpResponse("data")
    # expect: CWE-113
    response["Content-Disposition"] = "attachment; filename=" + name
    return response


class ReportView(View):
    base = REPORTS

    def get_path(self, name):
        return os.path.join(self.base, name)

    def get(self, request, name):
        # expect: CWE-22
        with open(self.get_path(name)) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")

    def post(self, request, name):
        job = request.POST.get("job", "daily")
        # expect: CWE-78
        subprocess.Popen(f"/usr/local/bin/report {job}", shell=True)
        # safe: CWE-78
        subprocess.Popen(["/usr/local/bin/report", "--", job])
        return HttpResponse("queued")
