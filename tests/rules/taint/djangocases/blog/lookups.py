"""Rows chosen by request data are stored data: a queryset the engine cannot type (a
form's `ModelMultipleChoiceField`) is looked up with `get(pk=...)` like a manager."""

from django import forms
from django.http import HttpResponse, HttpResponseRedirect

from .models import Article


class MergeForm(forms.Form):
    articles = forms.ModelMultipleChoiceField(queryset=Article.objects.all())


def merge(request):
    form = MergeForm(request.POST)
    if not form.is_valid():
        return HttpResponse("invalid", content_type="text/plain")
    articles = form.cleaned_data["articles"]
    kept = articles.get(pk=request.POST.get("kept"))
    # safe: CWE-601
    return HttpResponseRedirect(kept.get_absolute_url())


def pick(request):
    choices = dict(request.POST.items())
    # a dict's get takes the key positionally: the value is the client's
    # expect: PY-TAINT-REDIRECT
    return HttpResponseRedirect(choices.get("next"))
