"""aiohttp handlers: the request's query, path, headers and body are input."""

import html
import os
import subprocess

from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/run")
async def run(request):
    name = request.query["name"]
    # expect: PY-TAINT-CMDI
    os.system("echo " + name)
    # safe: CWE-78
    subprocess.run(["echo", name], check=False)
    return web.Response(text="ok")


@routes.post("/form")
async def form(request):
    data = await request.post()
    # expect: PY-TAINT-CMDI
    os.system(data["cmd"])
    body = await request.json()
    # expect: PY-TAINT-CMDI
    os.system(body["cmd"])
    # safe: CWE-78
    os.system("uptime")
    return web.json_response({"ok": True})


async def item(request):
    name = request.match_info["name"]
    # expect: PY-TAINT-XSS
    page = web.Response(text="<p>" + name + "</p>", content_type="text/html")
    # safe: CWE-79
    page = web.Response(text="<p>" + html.escape(name) + "</p>", content_type="text/html")
    # plain text is not rendered as a page
    # safe: CWE-79
    page = web.Response(text="<p>" + name + "</p>")
    return page


async def go(request):
    target = request.query.get("next", "/")
    if target.startswith("/account/"):
        # safe: CWE-601
        raise web.HTTPFound("/account/" + target[len("/account/") :])
    # expect: PY-TAINT-REDIRECT
    raise web.HTTPFound(target)


app = web.Application()
app.add_routes(routes)
app.router.add_get("/item/{name}", item)
app.router.add_get("/go", go)
