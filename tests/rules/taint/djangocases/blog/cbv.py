"""Class-based views: `self.request`, `self.kwargs` and URL keyword arguments."""

import os

from django.http import HttpResponse
from django.views import View
from django.views.generic import TemplateView
from rest_framework.response import Response
from rest_framework.views import APIView


class ArchiveView(View):
    def get(self, request, year):
        # expect: PY-TAINT-CMDI
        os.system("archive " + year)
        # expect: PY-TAINT-CMDI
        os.system("archive " + self.request.GET["month"])
        return HttpResponse("ok")


class ReportView(TemplateView):
    template_name = "report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # expect: PY-TAINT-PATH
        context["report"] = open("/srv/reports/" + self.kwargs["name"]).read()
        return context


class SearchAPI(APIView):
    def get(self, request):
        # expect: PY-TAINT-CMDI
        os.system("search " + request.query_params["q"])
        return Response({})

    def post(self, request):
        # expect: PY-TAINT-CODEI
        eval(request.data["expression"])
        return Response({})
