"""Flask-WTF file fields: `form.photo.data` is the upload; `FileAllowed` or a
`validate_<field>` method checks its type."""

import os

from flask import Flask
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, MultipleFileField
from werkzeug.utils import secure_filename
from wtforms import StringField
from wtforms.validators import ValidationError

app = Flask(__name__)
UPLOADS = os.path.join(app.root_path, "static", "uploads")


class PhotoForm(FlaskForm):
    title = StringField("title")
    photo = FileField("photo", validators=[FileRequired()])
    attachments = MultipleFileField("attachments")


class CheckedForm(FlaskForm):
    photo = FileField("photo", validators=[FileRequired(), FileAllowed(["jpg", "png"])])


class MethodCheckedForm(FlaskForm):
    photo = FileField("photo")

    def validate_photo(self, field):
        if not field.data.filename.lower().endswith((".jpg", ".png")):
            raise ValidationError("images only")


@app.route("/photo", methods=["POST"])
def photo():
    form = PhotoForm()
    if form.validate_on_submit():
        upload = form.photo.data
        # expect: PY-UPLOAD-001
        upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))
        for attachment in form.attachments.data:
            # expect: PY-UPLOAD-001
            attachment.save(os.path.join(UPLOADS, secure_filename(attachment.filename)))
        # a name the server makes: the type is its choice
        # safe: PY-UPLOAD-001
        upload.save(os.path.join(UPLOADS, f"{form.title.data[:8]}.jpg"))
    return "ok"


@app.route("/checked", methods=["POST"])
def checked():
    form = CheckedForm()
    if form.validate_on_submit():
        upload = form.photo.data
        # safe: PY-UPLOAD-001
        upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))
    return "ok"


@app.route("/method", methods=["POST"])
def method_checked():
    form = MethodCheckedForm()
    if form.validate_on_submit():
        upload = form.photo.data
        # safe: PY-UPLOAD-001
        upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))
    return "ok"
