"""Django views exempted from CSRF protection."""

import hmac

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators import csrf
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.csrf import csrf_exempt as no_csrf
from django.views.decorators.csrf import csrf_protect


# expect: PY-WEB-008
@csrf_exempt
def transfer(request):
    return None


# safe: PY-WEB-008
@csrf_protect
def profile(request):
    return None


# expect: PY-WEB-008
@csrf.csrf_exempt
def upload(request):
    return None


@login_required
# expect: PY-WEB-008
@no_csrf
def settings_view(request):
    return None


# expect: PY-WEB-008 (still reported, with low confidence: the body checks a signature)
@csrf_exempt
def stripe_webhook(request, secret):
    expected = hmac.new(secret, request.body, "sha256").hexdigest()
    if not hmac.compare_digest(expected, request.headers["Stripe-Signature"]):
        return None
    return None


# expect: PY-WEB-008
@method_decorator(csrf_exempt, name="dispatch")
class ApiView(View):
    pass


# safe: PY-WEB-008
@method_decorator(login_required, name="dispatch")
class AccountView(View):
    # expect: PY-WEB-008
    @method_decorator(csrf_exempt)
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)


def hook(request):
    return None


urlpatterns = [
    # expect: PY-WEB-008
    path("hook/", csrf_exempt(hook)),
    # safe: PY-WEB-008
    path("profile/", profile),
]
