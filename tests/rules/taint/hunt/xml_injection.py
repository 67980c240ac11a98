"""XML documents built as text around request data, then parsed or sent (CWE-91, XML injection).

Only input placed inside a document the program writes is XML injection; a document
taken whole from the user is XXE's case (CWE-611, for parsers that resolve entities).
Escaping (`saxutils.escape`, `quoteattr`, `html.escape`) or building the tree with
ElementTree/lxml keeps the input text. (The standard library's parsers also get PY-XML-003,
the Expat entity-expansion note, wherever they parse text that is not a constant.)
"""

import html
import xml.etree.ElementTree as ET
from xml.dom import minidom
from xml.sax.saxutils import escape, quoteattr

import defusedxml.ElementTree as SafeET
import requests
from django.http import JsonResponse
from django.utils.html import escape as django_escape
from fastapi import FastAPI
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
api = FastAPI()

SOAP_URL = "https://billing.example/soap"
QUERY_TEMPLATE = "<query><user>{name}</user><limit>{limit}</limit></query>"
ORDER_TEMPLATE = "<order><item>%s</item><qty>1</qty></order>"
PROLOG = '<?xml version="1.0" encoding="utf-8"?>'


def build_search(term):
    return f"<search><term>{term}</term><page>1</page></search>"


def build_search_escaped(term):
    return f"<search><term>{escape(term)}</term><page>1</page></search>"


def parse_document(text):
    # expect: CWE-91
    return SafeET.fromstring(text)


@app.route("/xml/user")
def xml_user():
    name = request.args.get("name", "")
    # expect: CWE-91
    doc = etree.fromstring("<user><name>" + name + "</name><role>guest</role></user>")
    return jsonify(role=doc.findtext("role"))


@app.route("/xml/user-escaped")
def xml_user_escaped():
    name = request.args.get("name", "")
    # safe: CWE-91, CWE-611
    doc = etree.fromstring("<user><name>" + escape(name) + "</name><role>guest</role></user>")
    return jsonify(role=doc.findtext("role"))


@app.route("/xml/query")
def xml_query():
    q = request.args["q"]
    # expect: CWE-91, CWE-776
    root = ET.fromstring(f"<q lang='en'>{q}</q>")
    # safe: CWE-91
    same = SafeET.fromstring(f"<q lang='en'>{html.escape(q)}</q>")
    # safe: CWE-91
    attr = SafeET.fromstring(f"<q lang={quoteattr(q)}/>")
    return jsonify(n=len(root), m=len(same), a=attr.tag)


@app.route("/xml/template")
def xml_template():
    name = request.args.get("user", "")
    # expect: CWE-91
    query = SafeET.XML(QUERY_TEMPLATE.format(name=name, limit=10))
    # safe: CWE-91
    limited = SafeET.XML(QUERY_TEMPLATE.format(name="anonymous", limit=int(request.args["n"])))
    return jsonify(q=query.tag, l=limited.tag)


@app.route("/xml/order", methods=["POST"])
def xml_order():
    item = request.form["item"]
    # expect: CWE-91, CWE-776
    dom = minidom.parseString(ORDER_TEMPLATE % item)
    return jsonify(items=len(dom.getElementsByTagName("item")))


@app.route("/xml/steps", methods=["POST"])
def xml_steps():
    doc = "<request>"
    for tag in request.form.getlist("tags"):
        doc += "<tag>" + tag + "</tag>"
    doc += "</request>"
    # expect: CWE-91
    tree = SafeET.fromstring(doc)
    return jsonify(n=len(tree))


@app.route("/xml/joined")
def xml_joined():
    title = request.args.get("title", "")
    parts = ["<book><title>", title, "</title></book>"]
    # expect: CWE-91
    book = SafeET.fromstring("".join(parts))
    return jsonify(tag=book.tag)


@app.route("/xml/search")
def xml_search():
    term = request.args.get("term", "")
    # expect: CWE-91
    found = SafeET.fromstring(build_search(term))
    # safe: CWE-91
    escaped = SafeET.fromstring(build_search_escaped(term))
    # safe: CWE-91
    fixed = SafeET.fromstring(build_search("python"))
    return jsonify(a=found.tag, b=escaped.tag, c=fixed.tag)


@app.route("/xml/helper")
def xml_helper():
    node = request.args.get("node", "")
    tree = parse_document("<config><node>" + node + "</node></config>")
    same = parse_document("<config><node>" + escape(node) + "</node></config>")
    whole = parse_document(request.args.get("doc", "<config/>"))
    return jsonify(a=tree.tag, b=same.tag, c=whole.tag)


@app.route("/xml/tree")
def xml_tree():
    root = ET.Element("user")
    # safe: CWE-91
    ET.SubElement(root, "name").text = request.args.get("name", "")
    ET.SubElement(root, "role").set("level", request.args.get("level", "1"))
    data = ET.tostring(root)
    # safe: CWE-91
    copy = SafeET.fromstring(data)
    return jsonify(tag=copy.tag)


@app.route("/xml/upload", methods=["POST"])
def xml_upload():
    # expect: CWE-611
    # safe: CWE-91
    whole = etree.fromstring(request.data)
    # expect: CWE-611
    # safe: CWE-91
    after_prolog = etree.fromstring(PROLOG + request.get_data(as_text=True))
    return jsonify(a=whole.tag, b=after_prolog.tag)


@app.route("/xml/soap", methods=["POST"])
def xml_soap():
    account = request.form["account"]
    envelope = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        f"<GetBalance><Account>{account}</Account></GetBalance>"
        "</soap:Body></soap:Envelope>"
    )
    # expect: CWE-91
    reply = requests.post(SOAP_URL, envelope, headers={"Content-Type": "text/xml"}, timeout=5)
    safe_envelope = envelope.replace(account, escape(account))
    # safe: CWE-91
    fixed = requests.post(SOAP_URL, data=safe_envelope.encode(), timeout=5)
    # safe: CWE-91
    form = requests.post(SOAP_URL, data={"account": account}, timeout=5)
    return jsonify(a=reply.status_code, b=fixed.status_code, c=form.status_code)


def django_profile(request):
    nickname = request.POST.get("nickname", "")
    # expect: CWE-91
    profile = etree.XML("<profile><nick>%s</nick><admin>0</admin></profile>" % nickname)
    return JsonResponse({"admin": profile.findtext("admin")})


def django_profile_escaped(request):
    nickname = django_escape(request.POST.get("nickname", ""))
    # safe: CWE-91, CWE-611
    profile = etree.XML("<profile><nick>%s</nick><admin>0</admin></profile>" % nickname)
    return JsonResponse({"admin": profile.findtext("admin")})


def django_lookup(request):
    uid = request.GET.get("uid", "0")
    # safe: CWE-91
    doc = SafeET.fromstring("<lookup><uid>{}</uid></lookup>".format(int(uid)))
    return JsonResponse({"uid": doc.findtext("uid")})


@api.get("/xml/filter")
async def fastapi_filter(category: str, max_price: int = 100):
    # expect: CWE-91, CWE-776
    query = ET.fromstring(f"<filter><category>{category}</category><max>{max_price}</max></filter>")
    # safe: CWE-91
    checked = SafeET.fromstring(f"<filter><category>{escape(category)}</category></filter>")
    return {"category": query.findtext("category"), "checked": checked.tag}
