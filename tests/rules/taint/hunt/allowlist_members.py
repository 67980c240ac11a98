"""Dispatch on a name the client sends, checked against a collection the program built."""

import subprocess

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.views import View

REPORTS = {}


def register_report(name, handler):
    REPORTS[name] = handler


class OrderDetailView(View):
    # a subclass may extend these: cwescan cannot take them as constants
    order_actions = ("save_note", "delete_note")

    def post(self, request, number):
        if "order_action" in request.POST:
            return self.handle_order_action(request, request.POST["order_action"])
        return redirect("/dashboard/")

    def handle_order_action(self, request, action):
        if action not in self.order_actions:
            return HttpResponseBadRequest("invalid action")
        # safe: PY-TAINT-REFLECT
        return getattr(self, action)(request)

    def save_note(self, request):
        return redirect("/dashboard/")

    def delete_note(self, request):
        return redirect("/dashboard/")


class BulkEditView(View):
    actions = None

    def get_actions(self):
        base = self.actions or {}
        if isinstance(base, (tuple, list)):
            base = dict.fromkeys(base)
        return base

    def post(self, request):
        action = request.POST.get("action", "").lower()
        actions = self.get_actions()
        if not actions or action not in actions:
            return HttpResponseBadRequest("invalid action")
        # safe: PY-TAINT-REFLECT
        return getattr(self, action)(request)

    def unchecked(self, request):
        action = request.POST.get("action", "")
        # expect: PY-TAINT-REFLECT
        return getattr(self, action)(request)

    def checked_against_input(self, request):
        action = request.POST.get("action", "")
        # the client sends both the name and the list it is checked against
        if action in request.POST.getlist("allowed"):
            # expect: PY-TAINT-REFLECT
            return getattr(self, action)(request)
        return redirect("/")


def run_report(request):
    name = request.GET["report"]
    if name in REPORTS:
        # safe: PY-TAINT-CMDI
        subprocess.run(f"/usr/local/bin/report-{name}", shell=True)
    return redirect("/reports/")


def run_checked(name, allowed):
    # the caller chooses what counts as allowed
    if name in allowed:
        # expect: PY-TAINT-CMDI
        subprocess.run(f"/usr/local/bin/report-{name}", shell=True)


def run_from_request(request):
    run_checked(request.GET["report"], request.GET.getlist("allowed"))


def run_substring(request):
    name = request.GET["report"]
    # a character test on the first letter restricts nothing else
    if name[0] in REPORTS:
        # expect: PY-TAINT-CMDI
        subprocess.run(f"/usr/local/bin/report-{name}", shell=True)


class PartialUpdateView(View):
    form_fields = ("name", "email", "notes")

    def post(self, request, form):
        # the fields the form has, less those the client posted: the form's own names
        declared = set(self.form_fields)
        for field in declared - set(request.POST.keys()):
            # safe: PY-TAINT-REFLECT
            delattr(form, field)
        # the names the client posted, less some the form has: still the client's
        for field in set(request.POST.keys()) - declared:
            # expect: PY-TAINT-REFLECT
            delattr(form, field)
        return redirect("/")

    def dispatch_known(self, request):
        action = request.POST.get("action", "")
        known = {name for name in self.form_fields}
        if action in known:
            # safe: PY-TAINT-REFLECT
            return getattr(self, action)(request)
        posted = [request.POST.get("first"), request.POST.get("second")]
        if action in posted:
            # expect: PY-TAINT-REFLECT
            return getattr(self, action)(request)
        return redirect("/")
