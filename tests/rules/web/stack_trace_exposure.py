"""CWE-209: exception details sent to the client, and the ways of not doing it."""

import logging
import sys
import traceback

from django.http import HttpResponse, JsonResponse
from fastapi import APIRouter, HTTPException
from flask import Flask, abort, jsonify

app = Flask(__name__)
router = APIRouter()
logger = logging.getLogger(__name__)


def compute():
    return 1


@app.route("/trace")
def flask_trace():
    try:
        return str(compute())
    except Exception:
        # expect: CWE-209
        return traceback.format_exc(), 500


@app.route("/trace-variable")
def flask_trace_variable():
    try:
        return str(compute())
    except Exception as error:
        details = traceback.format_exc()
        logger.error("failed: %s", error)
        # expect: CWE-209
        return jsonify({"error": "internal", "details": details}), 500


@app.route("/message")
def flask_message():
    try:
        return str(compute())
    except KeyError as e:
        # expect: CWE-209
        return {"error": f"lookup failed: {e}"}, 400


@app.route("/abort")
def flask_abort():
    try:
        return str(compute())
    except OSError as exc:
        # expect: CWE-209
        abort(500, description=str(exc))


@router.get("/items")
async def fastapi_detail():
    try:
        return compute()
    except RuntimeError as e:
        # expect: CWE-209
        raise HTTPException(status_code=500, detail=str(e.args[0]))  # noqa: B904


def django_view(request):
    try:
        return HttpResponse(str(compute()))
    except Exception:
        kind, value, tb = sys.exc_info()
        # expect: CWE-209
        return JsonResponse({"error": repr(value)}, status=500)


def django_exc_info(request):
    try:
        return HttpResponse(str(compute()))
    except Exception:
        # expect: CWE-209
        return HttpResponse("".join(traceback.format_exception(*sys.exc_info())))


# -- safe: logged on the server, fixed message to the client ---------------------------


@app.route("/logged")
def flask_logged():
    try:
        return str(compute())
    except Exception:
        logger.exception("compute failed")
        # safe: CWE-209
        return {"error": "internal error"}, 500


@app.route("/status-only")
def flask_status_only():
    try:
        return str(compute())
    except OSError as e:
        # safe: CWE-209
        return jsonify({"errno": e.errno}), 500


@app.route("/validation")
def flask_validation():
    try:
        return str(compute())
    except ValidationError as e:  # noqa: F821 - messages written for the user
        # safe: CWE-209
        return {"error": str(e)}, 400


@app.route("/rebound")
def flask_rebound():
    try:
        return str(compute())
    except Exception:
        details = traceback.format_exc()
        logger.error(details)
        details = "see the server log"
        # safe: CWE-209
        return details, 500


@app.route("/masked")
def flask_masked():
    try:
        return str(compute())
    except Exception as e:
        # safe: CWE-209
        return {"error": type(e).__name__ == "KeyError" and "missing" or "failed"}, 500


def helper():
    try:
        return compute()
    except Exception as e:
        # safe: CWE-209
        return str(e)


def cli_main():
    try:
        compute()
    except Exception:
        # safe: CWE-209
        print(traceback.format_exc(), file=sys.stderr)


class ReportView:
    def get(self, request):
        try:
            return HttpResponse(str(compute()))
        except Exception as e:
            # expect: CWE-209
            return JsonResponse({"error": str(e)}, status=500)

    def describe(self, request, value):
        try:
            return isinstance(value, dict)
        except Exception as e:
            # safe: CWE-209
            return "{!r} while evaluating {!r}".format(e, value)  # noqa: UP032


def debug_only(request):
    try:
        return HttpResponse(str(compute()))
    except Exception:
        # safe: CWE-209
        return HttpResponse(traceback.format_exc() if settings.DEBUG else "Internal error")  # noqa: F821


def debug_block(request):
    try:
        return HttpResponse(str(compute()))
    except Exception:
        if settings.DEBUG:  # noqa: F821
            return HttpResponse(traceback.format_exc())
        # safe: CWE-209
        return HttpResponse("Internal error", status=500)


class QuotaExceeded(Exception):
    """The project's own error: its messages are written for the user."""


def reserve(amount):
    if amount > 10:
        raise QuotaExceeded(f"at most 10 seats, {amount} asked")
    return amount


@app.route("/reserve")
def reserve_seats():
    try:
        return str(reserve(12))
    except QuotaExceeded as e:
        # safe: CWE-209
        return jsonify({"error": str(e)}), 400
    except Exception as e:
        # expect: CWE-209
        return jsonify({"error": str(e)}), 500
