# cwescan-fixture: profile=audit
"""CORS open to every origin without credentials: an audit hint, not a default finding."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)

# expect: PY-WEB-011
CORS(app)
# expect: PY-WEB-011
CORS(app, resources={r"/public/*": {"origins": "*"}})
# safe: PY-WEB-011
CORS(app, origins=["https://app.example.com"])
# expect: PY-WEB-010
CORS(app, supports_credentials=True)


# expect: PY-WEB-011
@cross_origin()
def public():
    return {}


api = FastAPI()
# expect: PY-WEB-011
api.add_middleware(CORSMiddleware, allow_origins=["*"])
# safe: PY-WEB-011
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])

# expect: PY-WEB-011
CORS_ALLOW_ALL_ORIGINS = True
