"""CORS configurations that let every origin read credentialed responses."""

import aiohttp_cors
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS, cross_origin
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS

app = Flask(__name__)
TRUSTED = ["https://app.example.com"]

# expect: PY-WEB-010
CORS(app, supports_credentials=True)
# expect: PY-WEB-010
CORS(app, origins="*", supports_credentials=True)
# expect: PY-WEB-010
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)
# expect: PY-WEB-010
CORS(app, resources={r"/api/*": {"origins": r".*", "supports_credentials": True}})
# safe: PY-WEB-010
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
# safe: PY-WEB-010
CORS(app, origins=TRUSTED, supports_credentials=True)
# safe: PY-WEB-010
CORS(app, resources={r"/api/*": {"origins": TRUSTED}}, supports_credentials=True)


# expect: PY-WEB-010
@cross_origin(supports_credentials=True)
def account():
    return {}


api = FastAPI()
# expect: PY-WEB-010
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
# expect: PY-WEB-010
api.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)
# safe: PY-WEB-010
api.add_middleware(CORSMiddleware, allow_origins=TRUSTED, allow_credentials=True)
# safe: PY-WEB-010 (credentials are not allowed)
api.add_middleware(CORSMiddleware, allow_origins=["https://a.example.com"])

middleware = [
    # expect: PY-WEB-010
    Middleware(StarletteCORS, allow_origins=["*"], allow_credentials=True),
]


def setup(aio_app):
    cors = aiohttp_cors.setup(
        aio_app,
        defaults={
            # expect: PY-WEB-010
            "*": aiohttp_cors.ResourceOptions(allow_credentials=True, expose_headers="*"),
            # safe: PY-WEB-010
            "https://app.example.com": aiohttp_cors.ResourceOptions(allow_credentials=True),
        },
    )
    return cors
