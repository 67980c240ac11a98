"""CSV and spreadsheet exports with cells from the request (CWE-1236, formula injection).

A spreadsheet runs a cell beginning with `=`, `+`, `-` or `@` as a formula. Safe variants
prefix such cells with a quote, strip the characters, check the first character, or
convert the value to a number.
"""

import csv
import io
from csv import DictWriter
from csv import writer as csv_writer

import openpyxl
import pandas as pd
import xlsxwriter
from django.http import HttpResponse
from fastapi import FastAPI, Form
from fastapi.responses import StreamingResponse
from flask import Flask, Response, request
from openpyxl import Workbook

app = Flask(__name__)
api = FastAPI()

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIELDS = ["name", "email", "note"]


def neutralize(value):
    """Make a cell text: a leading formula character gets a quote before it."""
    if value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralize_first(value):
    if value and value[0] in "=+-@":
        value = "'" + value
    return value


def cell_text(value):
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return f"'{value}"
    return value


def checks_only_equals(value):
    if value.startswith("="):
        return "'" + value
    return value


def export_rows(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for row in rows:
        # expect: CWE-1236
        writer.writerow(row)
    return out.getvalue()


@app.route("/export/contact", methods=["POST"])
def export_contact():
    out = io.StringIO()
    writer = csv.writer(out)
    # expect: CWE-1236
    writer.writerow([request.form["name"], request.form["email"]])
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/contact-safe", methods=["POST"])
def export_contact_safe():
    out = io.StringIO()
    writer = csv.writer(out)
    # safe: CWE-1236
    writer.writerow([neutralize(request.form["name"]), neutralize_first(request.form["email"])])
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/contact-partial", methods=["POST"])
def export_contact_partial():
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    # expect: CWE-1236
    writer.writerow([neutralize(request.form["name"]), request.form["email"]])
    # expect: CWE-1236
    writer.writerow([checks_only_equals(request.form["note"])])
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/feedback", methods=["POST"])
def export_feedback():
    entries = request.get_json()["entries"]
    rows = []
    for entry in entries:
        rows.append([entry["author"], entry["comment"]])
    body = export_rows(rows)
    return Response(body, mimetype="text/csv")


@app.route("/export/feedback-safe", methods=["POST"])
def export_feedback_safe():
    entries = request.get_json()["entries"]
    out = io.StringIO()
    writer = csv.writer(out)
    for entry in entries:
        author = entry["author"].lstrip("=+-@\t\r")
        comment = cell_text(entry["comment"])
        # safe: CWE-1236
        writer.writerow((author, comment, int(entry["rating"])))
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/prefixed")
def export_prefixed():
    name = request.args.get("name", "")
    out = io.StringIO()
    writer = csv.writer(out)
    # safe: CWE-1236
    writer.writerow([f"Customer: {name}", "'" + name, "note: %s" % name])
    # expect: CWE-1236
    writer.writerow([f"{name} (customer)"])
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/dict", methods=["POST"])
def export_dict():
    out = io.StringIO()
    writer = DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    # expect: CWE-1236
    writer.writerow({"name": request.form["name"], "email": "-", "note": ""})
    # safe: CWE-1236
    writer.writerow({"name": neutralize(request.form["name"]), "email": "-", "note": ""})
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/checked")
def export_checked():
    note = request.args.get("note", "")
    if note[:1] in ("=", "+", "-", "@"):
        return Response("bad note", status=400)
    out = io.StringIO()
    # safe: CWE-1236
    csv.writer(out).writerow([note])
    return Response(out.getvalue(), mimetype="text/csv")


@app.route("/export/pandas", methods=["POST"])
def export_pandas():
    records = [{"name": request.form["name"], "qty": 1}]
    frame = pd.DataFrame(records)
    # expect: CWE-1236
    frame.to_csv("/srv/exports/orders.csv", index=False)
    # expect: CWE-1236
    pd.DataFrame.from_records(records).to_excel("/srv/exports/orders.xlsx")
    clean = pd.DataFrame([{"name": neutralize(request.form["name"]), "qty": 1}])
    # safe: CWE-1236
    clean.to_csv("/srv/exports/orders-clean.csv", index=False)
    return "ok"


@app.route("/export/xlsx", methods=["POST"])
def export_xlsx():
    wb = Workbook()
    ws = wb.active
    name = request.form["name"]
    # expect: CWE-1236
    ws.append(["Name", name])
    # expect: CWE-1236
    ws.cell(row=2, column=1, value=name)
    # expect: CWE-1236
    ws["B3"] = name
    # expect: CWE-1236
    ws.cell(row=4, column=1).value = name
    # safe: CWE-1236
    ws.append(["Name", neutralize(name), float(request.form["amount"])])
    # safe: CWE-1236
    ws["B5"] = "'" + name
    wb.save("/srv/exports/contacts.xlsx")
    return "ok"


@app.route("/export/workbook", methods=["POST"])
def export_workbook():
    book = openpyxl.load_workbook("/srv/template.xlsx")
    sheet = book.create_sheet("Requests")
    # expect: CWE-1236
    sheet.append([request.form.get("title"), request.form.get("owner")])
    book.save("/srv/exports/requests.xlsx")
    report = xlsxwriter.Workbook("/srv/exports/report.xlsx")
    page = report.add_worksheet()
    # expect: CWE-1236
    page.write(0, 0, request.form["title"])
    # expect: CWE-1236
    page.write("A2", request.form["title"])
    # safe: CWE-1236
    page.write_string(0, 1, request.form["title"])
    report.close()
    return "ok"


def django_export(request):
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="search.csv"'
    writer = csv.writer(response)
    term = request.GET.get("q", "")
    # expect: CWE-1236
    writer.writerow(["Search", term])
    # safe: CWE-1236
    writer.writerow(["Search", neutralize(term)])
    # safe: CWE-1236
    writer.writerow(["Page", int(request.GET.get("page", "1"))])
    return response


def django_export_rows(request):
    response = HttpResponse(content_type="text/csv")
    names = request.POST.getlist("names")
    rows = [[n] for n in names]
    # expect: CWE-1236
    csv.writer(response).writerows(rows)
    cleaned = [[neutralize(n)] for n in names]
    # safe: CWE-1236
    csv.writer(response).writerows(cleaned)
    return response


@api.post("/export")
async def fastapi_export(name: str = Form(...), city: str = Form("")):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # expect: CWE-1236
    writer.writerow([name, city])
    # safe: CWE-1236
    writer.writerow([cell_text(name), cell_text(city)])
    buffer.seek(0)
    return StreamingResponse(iter([buffer.getvalue()]), media_type="text/csv")


@api.get("/export/count")
async def fastapi_export_count(count: int, label: str = "total"):
    buffer = io.StringIO()
    # safe: CWE-1236
    csv.writer(buffer).writerow(["count", count])
    return {"csv": buffer.getvalue(), "label": label}
