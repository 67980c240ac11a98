"""Starlette/FastAPI responses: SameSite defaults to lax there."""

from fastapi import FastAPI, Response

api = FastAPI()


@api.post("/login")
def login(response: Response, token: str):
    # safe: PY-WEB-007 (Starlette's default is samesite="lax")
    response.set_cookie("session", token, secure=True, httponly=True)
    # expect: PY-WEB-005, PY-WEB-006
    response.set_cookie(key="access_token", value=token)
    # expect: PY-WEB-007
    response.set_cookie("session", token, secure=True, httponly=True, samesite="none")
    return {}
