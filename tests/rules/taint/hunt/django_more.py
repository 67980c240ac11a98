"""Django: ORM escapes, forms, uploads, class-based views and DRF request data."""

import os
import subprocess

from django import forms
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import ListView
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .models import Product


class SearchForm(forms.Form):
    q = forms.CharField(max_length=100)
    page = forms.IntegerField(min_value=1)


def product_search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse("bad", status=400)
    q = form.cleaned_data["q"]
    page = form.cleaned_data["page"]
    # expect: CWE-89
    rows = Product.objects.raw("SELECT * FROM shop_product WHERE name = '%s'" % q)
    # safe: CWE-89
    more = Product.objects.raw("SELECT * FROM shop_product WHERE name = %s", [q])
    # safe: CWE-89
    paged = Product.objects.raw("SELECT * FROM shop_product LIMIT 10 OFFSET %d" % (page * 10))
    # expect: CWE-89
    annotated = Product.objects.annotate(hit=RawSQL("name = '" + q + "'", []))
    return JsonResponse(
        {"n": len(list(rows)) + len(list(more)) + len(list(paged)) + annotated.count()}
    )


def extra_where(request):
    ordering = request.GET.get("o", "name")
    # expect: CWE-89
    qs = Product.objects.extra(where=["name LIKE '%%" + ordering + "%%'"])
    # safe: CWE-89
    safe = Product.objects.filter(name__icontains=ordering)
    return JsonResponse({"n": qs.count() + safe.count()})


def cursor_params(request):
    pid = request.GET.get("id", "")
    with connection.cursor() as cursor:
        # safe: CWE-89
        cursor.execute("SELECT * FROM shop_product WHERE id = %s", [pid])
        row = cursor.fetchone()
        # expect: CWE-89
        cursor.execute("SELECT * FROM shop_product WHERE id = " + pid)
    return JsonResponse({"row": row})


def upload(request):
    f = request.FILES["doc"]
    # expect: CWE-22, PY-UPLOAD-001
    with open(os.path.join(settings.MEDIA_ROOT, f.name), "wb") as out:
        for chunk in f.chunks():
            out.write(chunk)
    # safe: CWE-22
    stored = default_storage.save("docs/upload.bin", f)
    return HttpResponse(stored, content_type="text/plain")


def banner(request):
    text = request.GET.get("text", "")
    # expect: CWE-79
    return HttpResponse(mark_safe("<div>" + text + "</div>"))


def back(request):
    # expect: CWE-601
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))


def home(request):
    # safe: CWE-601
    return redirect(reverse("home") + "?q=" + request.GET.get("q", ""))


def text_echo(request):
    # safe: CWE-79
    return HttpResponse(request.GET.get("q", ""), content_type="text/plain")


class ProductList(ListView):
    model = Product

    def get_queryset(self):
        term = self.request.GET.get("q", "")
        # expect: CWE-89
        return Product.objects.raw(f"SELECT * FROM shop_product WHERE name LIKE '%{term}%'")


@api_view(["POST"])
def run_report(request):
    name = request.data.get("name", "")
    # expect: CWE-78
    subprocess.run(f"report --name {name}", shell=True)
    # safe: CWE-78
    subprocess.run(["report", "--name", name])
    return Response({"ok": True})
