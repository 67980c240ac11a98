"""Format strings chosen by the user (CWE-134): str.format, format_map, string.Formatter, format_html.

A replacement field reads attributes and items of the values it is given
(`{user.__init__.__globals__[SECRET_KEY]}`), so the template is the dangerous part, not the
values. `%` formatting cannot read attributes, and `string.Template` has no attribute access.
"""

import string
from gettext import ngettext
from string import Formatter as TextFormatter

import i18n

from django.http import JsonResponse
from django.utils.html import format_html
from django.views import View
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
api = FastAPI()

SITE = "shop.example"
DEFAULT_NOTICE = "Hello {user.name}, your order {order.number} has shipped."
NOTICES = {
    "short": "Shipped: {order.number}",
    "long": DEFAULT_NOTICE,
}


class Account:
    def __init__(self, name):
        self.name = name
        self.api_key = "k-123"


class Order:
    def __init__(self, number):
        self.number = number


class BadgeFormatter:
    """Not a string: its own `format` method renders a badge."""

    def __init__(self, style):
        self.style = style

    def format(self, account):
        return f"[{self.style}] {account.name}"


class NoticeSettings:
    def __init__(self, template):
        self.template = template


def current_account():
    return Account("ada")


def render_badge(formatter, account):
    # safe: CWE-134
    return formatter.format(account)


def render_with(settings, account):
    # expect: CWE-134
    return settings.template.format(user=account)


def render_notice(template, **values):
    # expect: CWE-134
    return template.format(**values)


def greeting(name):
    # safe: CWE-134
    return "Hello, {}!".format(name)


@app.route("/notice/preview")
def notice_preview():
    account = current_account()
    # expect: CWE-134
    text = request.args["tpl"].format(user=account, order=Order(7))
    return jsonify(text=text)


@app.route("/notice/choice")
def notice_choice():
    account = current_account()
    template = NOTICES.get(request.args.get("kind", "short"), DEFAULT_NOTICE)
    # safe: CWE-134
    text = template.format(user=account, order=Order(7))
    return jsonify(text=text)


@app.route("/notice/checked")
def notice_checked():
    kind = request.args.get("kind", "")
    if kind not in NOTICES:
        abort(404)
    # safe: CWE-134
    return jsonify(text=NOTICES[kind].format(user=current_account(), order=Order(1)))


@app.route("/notice/context", methods=["POST"])
def notice_context():
    fmt = request.form.get("format", DEFAULT_NOTICE)
    ctx = {"user": current_account(), "order": Order(3), "site": SITE}
    # expect: CWE-134
    body = fmt.format(**ctx)
    return jsonify(body=body)


@app.route("/notice/map", methods=["POST"])
def notice_map():
    data = request.get_json()
    account = current_account()
    # expect: CWE-134
    body = data["template"].format_map(vars(account))
    return jsonify(body=body)


@app.route("/notice/helper")
def notice_helper():
    text = render_notice(request.args["tpl"], user=current_account())
    fixed = render_notice(DEFAULT_NOTICE, user=current_account(), order=Order(2))
    return jsonify(text=text, fixed=fixed, hello=greeting(request.args["name"]))


@app.route("/notice/formatter")
def notice_formatter():
    tpl = request.args.get("tpl", "")
    # expect: CWE-134
    a = TextFormatter().vformat(tpl, (), {"user": current_account()})
    # expect: CWE-134
    b = string.Formatter().format(tpl, current_account())
    # safe: CWE-134
    c = string.Formatter().format(DEFAULT_NOTICE, user=current_account(), order=Order(tpl))
    return jsonify(a=a, b=b, c=c)


@app.route("/notice/unbound")
def notice_unbound():
    # expect: CWE-134
    return jsonify(text=str.format(request.args["tpl"], current_account()))


@app.route("/notice/values")
def notice_values():
    name = request.args.get("name", "")
    # safe: CWE-134
    a = "Dear {name}, welcome to {site}".format(name=name, site=SITE)
    # safe: CWE-134
    b = f"Dear {name}, welcome to {SITE}"
    # safe: CWE-134
    c = "Dear {0}".format(name)
    return jsonify(a=a, b=b, c=c)


@app.route("/notice/nothing-to-read")
def notice_nothing_to_read():
    tpl = request.args.get("tpl", "")
    # safe: CWE-134
    a = tpl.format()
    # safe: CWE-134
    b = tpl.format(site="shop.example", year=2024)
    return jsonify(a=a, b=b)


@app.route("/notice/escaped-braces")
def notice_escaped_braces():
    banner = request.args.get("banner", "")
    # safe: CWE-134
    text = ("*** " + banner.replace("{", "{{").replace("}", "}}") + " *** {user.name}").format(
        user=current_account()
    )
    return jsonify(text=text)


@app.route("/notice/printf")
def notice_printf():
    fmt = request.args.get("fmt", "%s")
    account = current_account()
    # safe: CWE-134
    text = fmt % (account.name,)
    return jsonify(text=text)


@app.route("/notice/template")
def notice_template():
    tpl = request.args.get("tpl", "Hello $name")
    # safe: CWE-134
    text = string.Template(tpl).safe_substitute(name=current_account().name)
    return jsonify(text=text)


@app.route("/notice/plural")
def notice_plural():
    count = request.args.get("count", "1")
    # the count picks between two constant templates
    template = ngettext("{n} parcel for {user.name}", "{n} parcels for {user.name}", count)
    # safe: CWE-134
    return jsonify(text=template.format(n=count, user=current_account()))


@app.route("/notice/catalog")
def notice_catalog():
    # a message catalog looked up by the input returns the catalog's text
    template = i18n.t("notices." + request.args.get("key", "shipped"))
    # safe: CWE-134
    return jsonify(text=template.format(user=current_account(), order=Order(1)))


@app.route("/notice/objects")
def notice_objects():
    badge = render_badge(BadgeFormatter(request.args.get("style", "plain")), current_account())
    text = render_with(NoticeSettings(request.args.get("tpl", "")), current_account())
    return jsonify(badge=badge, text=text)


@app.route("/notice/prefs", methods=["POST"])
def notice_prefs():
    prefs = {"greeting": request.form["greeting"], "footer": "Sent by {site}"}
    account = current_account()
    # expect: CWE-134
    head = prefs["greeting"].format(user=account)
    # safe: CWE-134
    foot = prefs["footer"].format(site=SITE, user=account)
    return jsonify(head=head, foot=foot)


def django_notice(request):
    template = request.GET.get("tpl", DEFAULT_NOTICE)
    # expect: CWE-134
    body = template.format(user=request.user, order=Order(request.GET.get("order")))
    return JsonResponse({"body": body})


def django_notice_fixed(request):
    # safe: CWE-134
    body = DEFAULT_NOTICE.format(user=request.user, order=Order(request.GET.get("order")))
    return JsonResponse({"body": body})


def django_badge(request):
    # expect: CWE-134, CWE-79
    badge = format_html(request.GET["fmt"], request.user)
    # safe: CWE-134, CWE-79
    label = format_html("<b>{}</b>", request.GET["label"])
    return JsonResponse({"badge": badge, "label": label})


class NoticeView(View):
    def post(self, request):
        layout = request.POST.get("layout", "{user.username}")
        # expect: CWE-134
        text = layout.format_map({"user": request.user})
        return JsonResponse({"text": text})


@api.get("/notice")
async def fastapi_notice(tpl: str, order: int = 1):
    account = current_account()
    # expect: CWE-134
    return {"text": tpl.format(user=account, order=Order(order))}


@api.get("/notice/choice")
async def fastapi_notice_choice(kind: str = "short"):
    template = NOTICES[kind] if kind in NOTICES else DEFAULT_NOTICE
    # safe: CWE-134
    return {"text": template.format(user=current_account(), order=Order(1))}


@app.route("/frames")
def frames():
    pattern = "frame-" + request.args.get("name", "x") + "-{number}.jpg"
    names = []
    for number in range(4):
        # only numbers are given: their attributes lead nowhere
        # safe: CWE-134
        names.append(pattern.format(number=number))
    # safe: CWE-134
    names.append(pattern.format(number=len(names)))
    # an object is given: its attributes lead to the program's globals
    # expect: CWE-134
    names.append(pattern.format(number=app))
    return jsonify(names)
