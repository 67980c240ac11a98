"""A Flask login view that logs what it should not, and one that logs safely."""

import logging as lg

from flask import Flask, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
audit = lg.getLogger("audit")
log = lg.getLogger(__name__)


def find_user(name):
    return None


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    # the form values are also a log injection (CWE-117, the taint engine's finding)
    # expect: PY-LOG-001, CWE-117
    log.info("login attempt for %s with password %s", username, password)
    user = find_user(username)
    if user is None or not check_password_hash(user.password_hash, password):
        # expect: CWE-532, CWE-117
        audit.warning(f"failed login: {username}/{password}")
        return "bad credentials", 401
    session["user"] = username
    # safe: PY-LOG-001
    log.info("user %s logged in", username)
    return "ok"


@app.post("/api/token")
def issue_token():
    body = request.get_json()
    api_key = body.get("api_key")
    message = "client key: " + api_key
    # expect: PY-LOG-001, CWE-117
    lg.getLogger(__name__).debug(message)
    # expect: PY-LOG-001, CWE-117
    lg.log(lg.INFO, "key=%s", request.headers.get("X-Api-Key"))
    # expect: PY-LOG-001
    app.logger.error("refresh failed for %(token)s", {"token": request.json["refresh_token"]})
    return {"ok": True}


@app.post("/register")
def register():
    form = request.form
    details = {"user": form["email"], "password": form["password"]}
    # expect: PY-LOG-001, CWE-117
    log.debug("registering %r", details)
    # safe: PY-LOG-001
    # expect: CWE-117
    log.debug("registering %s", details["user"])
    return "created"


class PaymentService:
    def __init__(self):
        self.logger = lg.getLogger("payments")

    def charge(self, amount, card_number, cvv):
        # expect: PY-LOG-001
        self.logger.info("charging %s to card %s", amount, card_number)
        # safe: PY-LOG-001
        self.logger.info("charging %s to card ending %s", amount, card_number[-4:])
        # safe: PY-LOG-001
        self.logger.info("cvv supplied: %s", bool(cvv))


def audit_credentials(user, password, already_hashed):
    if not already_hashed:
        password = generate_password_hash(password)
    # safe: PY-LOG-001
    audit.info("stored credentials for %s", user)
    # expect: PY-LOG-001
    audit.debug("stored %s", password)  # plain text when it came in unhashed


def audit_hashed(user, password):
    password = generate_password_hash(password)
    # safe: PY-LOG-001
    audit.debug("stored %s for %s", password, user)
