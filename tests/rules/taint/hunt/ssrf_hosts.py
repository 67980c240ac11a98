"""Requests whose host comes from configuration, and the query from the client."""

import requests
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect

API_HOST = "api.example.com"
CONFIG = {"search": "https://search.example.com"}


def search(request):
    q = request.GET.get("q", "")
    # safe: CWE-918
    a = requests.get(f"https://{settings.SEARCH_HOST}/search?q={q}", timeout=5)
    # the host is fixed, the path is not: partial SSRF
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    b = requests.get(f"https://{API_HOST}/v1/items/{q}", timeout=5)
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    c = requests.get(CONFIG["search"] + "/q/" + q, timeout=5)
    # safe: CWE-918
    d = requests.get(settings.SEARCH_URL, params={"q": q}, timeout=5)
    return JsonResponse({"n": a.status_code + b.status_code + c.status_code + d.status_code})


def proxy(request):
    host = request.GET.get("host", "")
    # expect: CWE-918
    r = requests.get(f"https://{host}/health", timeout=5)
    return JsonResponse({"n": r.status_code})


def fetch(host, q):
    # expect: CWE-918
    return requests.get(f"https://{host}/search?q={q}", timeout=5)


def relay(request):
    fetch(request.GET.get("host", ""), "x")
    fetch(API_HOST, request.GET.get("q", ""))
    return JsonResponse({})


def configured_base(request):
    item = request.GET.get("item", "")
    # the base URL comes from the settings, the item only picks a path below it
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    a = requests.get(f"{settings.PIPELINES_URL}/{item}/valves", timeout=5)
    # expect: PY-TAINT-PSSRF
    # safe: PY-TAINT-SSRF
    b = requests.get(settings.PIPELINES_URL + "/items/" + item, timeout=5)
    scheme = settings.SCHEME
    # after "://" the input is the host
    # expect: PY-TAINT-SSRF
    c = requests.get(f"{scheme}://{item}", timeout=5)
    # a base from the request is SSRF of its own; the item after it only partial
    # expect: PY-TAINT-SSRF, PY-TAINT-PSSRF
    d = requests.get(f"{request.GET['base']}/{item}", timeout=5)
    return JsonResponse({"n": a.status_code + b.status_code + c.status_code + d.status_code})


def configured_redirect(request):
    # a prefix from the settings may be empty: "/" + "/evil.example" leaves the site
    # expect: PY-TAINT-REDIRECT
    return redirect(f"{settings.LOGIN_PREFIX}/{request.GET['next']}")
