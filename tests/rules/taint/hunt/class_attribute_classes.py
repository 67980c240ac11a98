"""Class-based views that build a helper from a class named in a class attribute.

`finder_class = SafeFinder` in the class body makes `self.finder_class(...)` a
SafeFinder, as a direct `SafeFinder(...)` call is: what its methods return is known.
"""

from django.views import View


class SafeFinder:
    def __init__(self, term):
        self.limit = int(term)

    def path(self):
        return f"/srv/pages/{self.limit}.html"


class RawFinder:
    def __init__(self, term):
        self.term = term

    def path(self):
        return f"/srv/pages/{self.term}.html"


class SearchView(View):
    finder_class = SafeFinder

    def get(self, request):
        finder = self.finder_class(request.GET["limit"])
        # safe: PY-TAINT-PATH
        with open(finder.path()) as page:
            return page.read()


class RawSearchView(View):
    finder_class = RawFinder

    def get(self, request):
        finder = self.finder_class(request.GET["q"])
        # expect: PY-TAINT-PATH
        with open(finder.path()) as page:
            return page.read()


class NarrowSearchView(SearchView):
    def get(self, request):
        # safe: PY-TAINT-PATH
        with open(self.finder_class(request.GET["limit"]).path()) as page:
            return page.read()


class OverriddenSearchView(SearchView):
    finder_class = RawFinder

    def get(self, request):
        # expect: PY-TAINT-PATH
        with open(self.finder_class(request.GET["q"]).path()) as page:
            return page.read()
