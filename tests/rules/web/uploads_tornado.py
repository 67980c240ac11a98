"""Tornado uploads: self.request.files holds dicts with filename, body, content_type."""

import os
import uuid

import tornado.web

UPLOADS = "uploads"
ALLOWED = (".png", ".jpg", ".gif")


class UploadHandler(tornado.web.RequestHandler):
    def post(self):
        fileinfo = self.request.files["filearg"][0]
        fname = fileinfo["filename"]
        # the client's file name: a dangerous type, and "../" leaves the folder
        # expect: PY-UPLOAD-001, CWE-22
        with open(os.path.join(UPLOADS, fname), "wb") as out:
            out.write(fileinfo["body"])
        self.finish("ok")


class CheckedUploadHandler(tornado.web.RequestHandler):
    def post(self):
        for field, files in self.request.files.items():
            for info in files:
                extension = os.path.splitext(info["filename"])[1].lower()
                if extension not in ALLOWED:
                    raise tornado.web.HTTPError(415)
                # safe: PY-UPLOAD-001
                with open(os.path.join(UPLOADS, uuid.uuid4().hex + extension), "wb") as out:
                    out.write(info["body"])
        self.finish("ok")
