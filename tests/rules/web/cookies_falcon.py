"""Falcon responses: Secure and HttpOnly are on by default."""

import falcon


class Login:
    def on_post(self, req, resp):
        # safe: PY-WEB-005, PY-WEB-006, PY-WEB-007
        resp.set_cookie("session", req.context.sid, same_site="Lax")
        # expect: PY-WEB-005
        resp.set_cookie("session", req.context.sid, secure=False, same_site="Lax")
        # expect: PY-WEB-006
        resp.set_cookie("session", req.context.sid, http_only=False, same_site="Strict")
        # expect: PY-WEB-007
        resp.set_cookie("session", req.context.sid)
        resp.status = falcon.HTTP_200
