"""Django ORM calls that take input safely, next to the raw-SQL ones that do not."""

from django.db import connection
from django.db.models import F, Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic.edit import FormView

from .django_more import SearchForm
from .models import Product


def safe_orm(request):
    q = request.GET.get("q", "")
    field = request.GET.get("field", "name")
    # safe: CWE-89
    a = Product.objects.filter(name__icontains=q).order_by(field)
    # safe: CWE-89
    b = Product.objects.filter(Q(**{f"{field}__icontains": q})).values(field)
    # safe: CWE-89
    c = Product.objects.annotate(v=F(field)).exclude(name=q).count()
    # safe: CWE-89
    d = Product.objects.get(pk=request.GET.get("id"))
    return JsonResponse({"a": a.count(), "b": b.count(), "c": c, "d": d.pk})


def raw_in_extra(request):
    q = request.GET.get("q", "")
    # expect: CWE-89
    a = Product.objects.extra(select={"hit": "name = '%s'" % q})
    # safe: CWE-89
    b = Product.objects.extra(select={"hit": "name = %s"}, select_params=(q,))
    with connection.cursor() as cursor:
        # expect: CWE-89
        cursor.executemany("INSERT INTO log VALUES ('" + q + "')", [()])
    return JsonResponse({"a": a.count(), "b": b.count()})


class Search(FormView):
    form_class = SearchForm

    def form_valid(self, form):
        q = form.cleaned_data["q"]
        with connection.cursor() as cursor:
            # expect: CWE-89
            cursor.execute("SELECT * FROM shop_product WHERE name = '" + q + "'")
            # safe: CWE-89
            cursor.execute("SELECT * FROM shop_product WHERE name = %s", [q])
        return JsonResponse({})


def stored_url(request):
    # what a lookup returns is the stored row: the filter value chose it, nothing more
    product = Product.objects.get(pk=request.GET["id"])
    # safe: CWE-601
    first = redirect(product.url)
    latest = Product.objects.filter(name__icontains=request.GET["q"]).latest("created")
    # safe: CWE-601
    second = HttpResponseRedirect(latest.url)
    shown = get_object_or_404(Product, slug=request.GET["slug"])
    # safe: CWE-79
    third = HttpResponse(shown.description)
    # an object made from the input still holds it
    made = Product.objects.create(name=request.GET["name"])
    # expect: CWE-79
    fourth = HttpResponse(made.name)
    return first or second or third or fourth


def saved(request):
    product = Product(name=request.POST["name"])
    product.save()
    # the URL of this site's list, then the id: stays on this site
    # safe: CWE-601
    return HttpResponseRedirect("%s?saved=%s" % (reverse("list"), product.id))
