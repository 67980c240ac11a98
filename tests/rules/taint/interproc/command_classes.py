"""Command objects sharing a base class: each stores its own `_properties`.

A field is shared along the inheritance chain of the instance (a base's `__init__`, a
subclass's methods), not between siblings: what one command stores, another command
deriving from the same base never reads.
"""

import os

from flask import Flask, request

app = Flask(__name__)


class BaseCommand:
    def run(self):
        self.validate()
        return self.execute()

    def validate(self):
        pass

    def execute(self):
        raise NotImplementedError


class RenameFromRequest(BaseCommand):
    def __init__(self, data):
        self._properties = data

    def execute(self):
        # expect: PY-TAINT-CMDI
        os.system("rename " + self._properties["name"])


class ScheduledCleanup(BaseCommand):
    def __init__(self, days):
        self._properties = {"days": days}

    def execute(self):
        # a sibling of RenameFromRequest: the request's data is not in this object (the
        # pattern rule still asks for a constant or quoted command line)
        # safe: PY-TAINT-CMDI
        # expect: PY-CMD-002
        os.system("cleanup --days " + str(self._properties["days"]))


class AuditedRename(RenameFromRequest):
    def execute(self):
        # a subclass reads what its base class's __init__ stored
        # expect: PY-TAINT-CMDI
        os.system("rename --audit " + self._properties["name"])


@app.route("/rename", methods=["POST"])
def rename():
    RenameFromRequest(request.json).run()
    AuditedRename(request.json).run()
    return "ok"


def nightly():
    ScheduledCleanup(30).run()
