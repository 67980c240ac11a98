"""Cookies set by Flask/Werkzeug and Django responses."""

from http.cookiejar import Cookie, CookieJar

from django.http import HttpResponse
from flask import make_response

COOKIE_FLAGS = {"secure": True, "httponly": True, "samesite": "Lax"}
SESSION = "session_id"
SECURE = True


def login(sid, token, name, value, cookie: Cookie, client):
    resp = make_response("ok")
    # expect: PY-WEB-005, PY-WEB-006, PY-WEB-007
    resp.set_cookie("session_id", sid)
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007
    resp.set_cookie("session_id", sid, secure=True, httponly=True, samesite="Lax")
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007 (values from module constants)
    resp.set_cookie(SESSION, sid, secure=SECURE, httponly=SECURE, samesite="Strict")
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007 (positional, Werkzeug's order)
    resp.set_cookie("sid", sid, 3600, None, "/", None, True, True, "Lax")
    # expect: PY-WEB-006
    resp.set_cookie("auth_token", token, secure=True, samesite="Strict")
    # expect: PY-WEB-007
    resp.set_cookie("auth", token, secure=True, httponly=True, samesite="None")
    # expect: PY-WEB-005
    resp.set_cookie("remember_me", token, secure=False, httponly=True, samesite="Lax")
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007 (not a sensitive cookie)
    resp.set_cookie("theme", "dark")
    # expect: PY-WEB-005 (explicitly insecure, even for a harmless cookie)
    resp.set_cookie("theme", "dark", secure=False)
    # safe: PY-WEB-006 (a CSRF cookie must stay readable by scripts)
    resp.set_cookie("XSRF-TOKEN", token, secure=True, samesite="Strict")
    # expect: PY-WEB-005, PY-WEB-006
    resp.set_cookie(name, value)
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007 (flags unknown)
    resp.set_cookie("token", token, **COOKIE_FLAGS)
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007 (the cookie is being cleared)
    resp.set_cookie("session_id", "", max_age=0)
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007
    resp.delete_cookie("session_id")
    # safe: PY-WEB-005 (None means "not set"; a harmless cookie may go without Secure)
    resp.set_cookie("lang", "en", secure=None)
    # safe: PY-WEB-005, PY-WEB-006 (a test client's browser-side cookie)
    client.set_cookie("session", "abc")
    jar = CookieJar()
    # safe: PY-WEB-005, PY-WEB-006
    jar.set_cookie(cookie)
    return resp


def django_view(request, uid):
    response = HttpResponse("ok")
    # expect: PY-WEB-007
    response.set_signed_cookie("user_id", uid, salt="profile", secure=True, httponly=True)
    # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007
    response.set_signed_cookie("user_id", uid, salt="p", secure=True, httponly=True, samesite="Lax")
    return response
