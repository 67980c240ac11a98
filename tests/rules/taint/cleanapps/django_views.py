"""Typical, safe Django views: ORM, forms, templates, reverse(), checked redirects.

No annotations: any finding in this file is a false alarm.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .forms import CommentForm
from .models import Article


@login_required
def article_list(request):
    articles = Article.objects.filter(title__icontains=request.GET.get("q", ""))
    return render(request, "articles.html", {"articles": articles})


def article_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE blog_article SET views = views + 1 WHERE id = %s", [article.pk])
    return render(request, "article.html", {"article": article})


def comment(request, pk):
    form = CommentForm(request.POST or None)
    if form.is_valid():
        form.save()
        return redirect(reverse("article_detail", args=[pk]))
    return render(request, "comment.html", {"form": form})


def api_article(request, pk):
    try:
        article = Article.objects.get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("no such article")
    return JsonResponse({"title": article.title, "query": request.GET.get("fields")})


def login_done(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
