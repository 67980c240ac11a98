"""Flask-RESTful resources: URL parameters of `get(self, name)` are input; the return
value is serialised as JSON, not a page."""

import os
import shlex

from flask import Flask
from flask_restful import Api, Resource

app = Flask(__name__)
api = Api(app)


class Tail(Resource):
    def get(self, name):
        # expect: PY-TAINT-CMDI
        os.system("tail " + name)
        # safe: CWE-78
        os.system("tail " + shlex.quote(name))
        # JSON, not HTML
        # safe: CWE-79
        return {"name": name}


api.add_resource(Tail, "/tail/<name>")
