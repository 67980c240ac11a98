"""A plain Starlette endpoint: `request` is unannotated, routed with `Route`."""

import html

from starlette.applications import Starlette
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route


async def home(request):
    q = request.query_params["q"]
    # expect: PY-TAINT-XSS
    return HTMLResponse("<p>" + q + "</p>")


async def home_safe(request):
    q = request.query_params["q"]
    # safe: CWE-79
    return HTMLResponse("<p>" + html.escape(q) + "</p>")


async def home_text(request):
    # safe: CWE-79
    return PlainTextResponse(request.query_params["q"])


app = Starlette(routes=[Route("/", home), Route("/safe", home_safe), Route("/text", home_text)])
