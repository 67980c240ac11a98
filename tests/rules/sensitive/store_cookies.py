"""Secrets put in cookies by Flask and Django views."""

from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponse, JsonResponse
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/remember", methods=["POST"])
def remember_me():
    password = request.form["password"]
    response = make_response("saved")
    # expect: PY-STORE-001
    response.set_cookie("password", password, secure=True, httponly=True, samesite="Lax")
    username = request.form["username"]
    # safe: PY-STORE-001
    response.set_cookie("username", username, secure=True, httponly=True, samesite="Lax")
    # safe: PY-STORE-001
    response.set_cookie("theme", "dark", secure=True, httponly=True, samesite="Lax")
    return response


@app.route("/connect")
def connect_service():
    resp = make_response("connected")
    # expect: CWE-312
    resp.set_cookie(
        key="api_key", value=request.args.get("api_key"), secure=True, httponly=True, samesite="Lax"
    )
    return resp


def activate(request, user):
    token = default_token_generator.make_token(user)
    response = JsonResponse({"activated": True})
    # expect: PY-STORE-001
    response.set_cookie("activation", token, max_age=3600, secure=True, httponly=True,
                        samesite="Lax")
    return response


def login_view(request):
    creds = {"user": request.POST["username"], "secret": request.POST["client_secret"]}
    response = HttpResponse("welcome")
    # expect: PY-STORE-001
    response.set_signed_cookie("creds", str(creds), secure=True, httponly=True, samesite="Lax")
    session_key = request.session.session_key
    # safe: PY-STORE-001
    response.set_cookie("sessionid", session_key, secure=True, httponly=True, samesite="Lax")
    language = request.POST.get("language", "en")
    # safe: PY-STORE-001
    response.set_cookie("lang", language, secure=True, httponly=True, samesite="Lax")
    return response
