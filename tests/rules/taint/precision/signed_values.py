"""A value the server signed and the client handed back is the server's: after the
signature is checked (`Signer.unsign`, `signing.loads`, itsdangerous) it is no input."""

import os

from django.core import signing
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from flask import Flask, redirect, request
from itsdangerous import URLSafeTimedSerializer

app = Flask(__name__)
serializer = URLSafeTimedSerializer(os.environ["SECRET_KEY"])


def safe_redirect(request):
    signer = signing.Signer(salt="safe-redirect")
    try:
        url = signer.unsign(request.GET.get("url", ""))
    except signing.BadSignature:
        return HttpResponseBadRequest("Invalid parameter")
    # safe: CWE-601
    return HttpResponseRedirect(url)


def unsigned_redirect(request):
    # expect: PY-TAINT-REDIRECT
    return HttpResponseRedirect(request.GET.get("url", ""))


def export(request):
    job = signing.loads(request.GET["job"], salt="export")
    # safe: CWE-78
    os.system("export-job " + job["name"])
    return HttpResponseRedirect("/done/")


@app.route("/confirm")
def confirm():
    target = serializer.loads(request.args["token"], max_age=3600)
    # safe: CWE-601
    return redirect(target)
