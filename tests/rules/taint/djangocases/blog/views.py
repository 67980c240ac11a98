"""Django function views: request data and URL parameters reaching sinks."""

import os
import subprocess

from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from .models import Article

MEDIA = "/srv/media"


def search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        # expect: PY-TAINT-SQLI
        cursor.execute("SELECT id FROM blog_article WHERE title LIKE '%%" + term + "%%'")
        # safe: CWE-89
        cursor.execute("SELECT id FROM blog_article WHERE title LIKE %s", ["%" + term + "%"])
    # expect: PY-TAINT-SQLI
    Article.objects.raw("SELECT * FROM blog_article WHERE title = '%s'" % term)
    # safe: CWE-89
    Article.objects.raw("SELECT * FROM blog_article WHERE title = %s", [term])
    # expect: PY-TAINT-SQLI
    Article.objects.extra(where=["title = '" + term + "'"])
    # expect: PY-TAINT-SQLI
    Article.objects.annotate(rank=RawSQL("ts_rank(body, '" + term + "')", []))
    return JsonResponse({"term": term})


def greet(request):
    name = request.POST.get("name", "")
    # expect: PY-TAINT-XSS
    return HttpResponse("<p>Hello " + name + "</p>")


def greet_escaped(request):
    name = request.POST.get("name", "")
    # safe: CWE-79
    return HttpResponse("<p>Hello " + escape(name) + "</p>")


def greet_formatted(request):
    # format_html escapes the values it fills in
    # safe: CWE-79
    return HttpResponse(format_html("<p>Hello {}</p>", request.POST.get("name", "")))


def greet_formatted_badly(request):
    # ... but not its format string
    # expect: CWE-79
    return HttpResponse(format_html("<p>Hello " + request.POST.get("name", "") + "</p>"))


def greet_text(request):
    name = request.POST.get("name", "")
    # plain text is not rendered as HTML
    # safe: CWE-79
    return HttpResponse("Hello " + name, content_type="text/plain")


def export_rows(request):
    rows = request.GET.get("rows", "")
    # any type browsers do not render as a page, also given by position
    # safe: CWE-79
    first = HttpResponse(rows, "application/csv")
    # safe: CWE-79
    second = HttpResponse(rows, content_type="application/vnd.ms-excel; charset=utf-8")
    # XML is rendered, scripts and all (an XHTML namespace)
    # expect: CWE-79
    third = HttpResponse(rows, content_type="application/xml")
    return first or second or third


def greet_template(request):
    # safe: CWE-79
    return render(request, "greet.html", {"name": request.GET.get("name")})


def banner(request):
    # expect: PY-TAINT-XSS
    message = mark_safe("<b>" + request.COOKIES.get("banner", "") + "</b>")
    return render(request, "banner.html", {"message": message})


def go(request):
    target = request.GET.get("next", "/")
    # expect: PY-TAINT-REDIRECT
    return HttpResponseRedirect(target)


def go_checked(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # safe: CWE-601
    return redirect(target)


def go_back(request):
    # redirecting to the request's own path keeps the user on the site
    # safe: CWE-601
    return redirect(request.get_full_path())


def remember(request):
    # expect: PY-TAINT-TRUST
    request.session["layout"] = request.GET["layout"]
    # safe: CWE-501
    request.session["visits"] = int(request.GET.get("visits", 0))
    return HttpResponse("ok")


def export(request):
    response = HttpResponse("data", content_type="text/csv")
    # expect: PY-TAINT-HEADERI
    response["Content-Disposition"] = "attachment; filename=" + request.GET["name"]
    return response


def download(request, filename):
    # expect: PY-TAINT-PATH
    return FileResponse(open(os.path.join(MEDIA, filename), "rb"))


def article(request, article_id):
    # <int:article_id> only matches digits
    # safe: CWE-22
    return FileResponse(open(os.path.join(MEDIA, "articles", str(article_id)), "rb"))


def thumbnail(request, slug, size):
    # expect: PY-TAINT-CMDI
    subprocess.run("convert %s -resize %s out.png" % (slug, size), shell=True)
    return HttpResponse("ok")


def upload(request):
    document = request.FILES["document"]
    # expect: PY-TAINT-PATH, PY-UPLOAD-001
    with open(os.path.join(MEDIA, document.name), "wb") as handle:
        handle.write(document.read())
    # expect: PY-TAINT-CMDI
    os.system("file " + request.META["HTTP_X_ORIGINAL_NAME"])
    # expect: PY-TAINT-CMDI
    os.system("file " + request.headers["X-Original-Name"])
    # expect: PY-TAINT-CMDI
    os.system(b"file " + request.body)
    return HttpResponse("ok")
