"""Names that look like CSRF exemptions but are not."""

from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
protect = CSRFProtect(app)


def csrf_exempt(view):
    """A project's own decorator with the same name."""
    return view


class Limiter:
    def exempt(self, view):
        return view


limiter = Limiter()


# safe: PY-WEB-008
@csrf_exempt
def local_decorator(request):
    return None


# safe: PY-WEB-008 (a rate limiter's exemption)
@limiter.exempt
@app.route("/health")
def health():
    return "ok"


# expect: PY-WEB-008
@protect.exempt
@app.route("/hook", methods=["POST"])
def hook():
    return "ok"


# safe: PY-WEB-009 (a list without the CSRF middleware, but not Django's MIDDLEWARE setting)
def middleware_names():
    MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
    return MIDDLEWARE
