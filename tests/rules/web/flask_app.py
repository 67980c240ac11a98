"""A Flask application with debug, secret-key and CSRF configuration mistakes."""

import asyncio
import os

import flask
from flask import Flask
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple

app = Flask(__name__)
socketio = SocketIO(app)
csrf = CSRFProtect(app)
DEBUG_MODE = True

# expect: PY-WEB-004
app.config["SECRET_KEY"] = "s3cr3t-flask-key"
# expect: PY-WEB-004
app.secret_key = b"\x8f\x12\x99binary-key"
# expect: PY-WEB-004
app.config.update(SECRET_KEY="another-literal-key", TESTING=False)
app.config.update(
    # expect: PY-WEB-004
    {"SECRET_KEY": "dict-literal-key"}
)
# expect: PY-WEB-004
app.config.from_mapping(SECRET_KEY="dev")
# safe: PY-WEB-004
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]
# safe: PY-WEB-004
app.secret_key = os.urandom(32)
# safe: PY-WEB-004
app.config.from_mapping(SECRET_KEY=os.environ.get("SECRET_KEY"))

# expect: PY-WEB-005
app.config["SESSION_COOKIE_SECURE"] = False
# safe: PY-WEB-005
app.config["SESSION_COOKIE_SECURE"] = True
# expect: PY-WEB-006
app.config.update(SESSION_COOKIE_HTTPONLY=False)
# expect: PY-WEB-009
app.config["WTF_CSRF_ENABLED"] = False
# expect: PY-WEB-001
app.config["DEBUG"] = True
# expect: PY-WEB-001
app.debug = True


# expect: PY-WEB-008
@csrf.exempt
@app.route("/api/ping", methods=["POST"])
def ping():
    return "pong"


@app.route("/form", methods=["POST"])
def form():
    return "ok"


# expect: PY-WEB-008
csrf.exempt(form)


class Runner:
    def run(self, debug=False):
        return debug


def serve_all():
    # expect: PY-WEB-002
    app.run(debug=True)
    # expect: PY-WEB-002
    app.run(port=5000, debug=DEBUG_MODE)
    # expect: PY-WEB-002
    Flask(__name__).run(debug=True)
    # expect: PY-WEB-002
    socketio.run(app, debug=True)
    # expect: PY-WEB-002
    flask.current_app.run(use_debugger=True)
    # expect: PY-WEB-002
    run_simple("localhost", 5000, app, use_reloader=True, use_debugger=True)
    # expect: PY-WEB-002
    DebuggedApplication(app, evalex=True)
    # safe: PY-WEB-002
    DebuggedApplication(app)
    # safe: PY-WEB-002
    app.run()
    # safe: PY-WEB-002
    app.run(debug=False)
    # safe: PY-WEB-002
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    # safe: PY-WEB-002 (asyncio debug mode is not a debugger console)
    asyncio.run(main(), debug=True)
    # safe: PY-WEB-002
    run_simple("localhost", 5000, app)


def factory_app(create_app):
    application = create_app()
    # expect: PY-WEB-002
    application.run(debug=True)


async def main():
    return None


def local_runner():
    # safe: PY-WEB-002 (a class of this module, not a Flask app)
    Runner().run(debug=True)
    runner = Runner()
    # safe: PY-WEB-002
    runner.run(debug=True)
