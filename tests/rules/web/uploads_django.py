"""Django uploads: request.FILES written to MEDIA_ROOT, storages, class-based views, DRF."""

import os
import uuid

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.validators import FileExtensionValidator, validate_image_file_extension
from django.http import HttpResponse, JsonResponse
from django.views import View
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from .forms import UploadFileForm
from .models import Document

pdf_only = FileExtensionValidator(allowed_extensions=["pdf"])


def upload_document(request):
    upload = request.FILES["doc"]
    # expect: PY-UPLOAD-001, CWE-22
    with open(os.path.join(settings.MEDIA_ROOT, upload.name), "wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    return HttpResponse("stored")


def upload_to_default_storage(request):
    upload = request.FILES.get("doc")
    if upload is None:
        return HttpResponse("missing", status=400)
    # expect: PY-UPLOAD-001
    stored = default_storage.save(upload.name, upload)
    return JsonResponse({"name": stored})


def simple_upload(request):
    if request.method == "POST" and request.FILES["myfile"]:
        myfile = request.FILES["myfile"]
        fs = FileSystemStorage()
        # expect: PY-UPLOAD-001
        filename = fs.save(myfile.name, myfile)
        return JsonResponse({"url": fs.url(filename)})
    return HttpResponse(status=405)


def upload_server_named(request):
    upload = request.FILES["avatar"]
    # safe: PY-UPLOAD-001
    stored = default_storage.save(f"avatars/{uuid.uuid4().hex}.png", upload)
    return JsonResponse({"name": stored})


def upload_validated(request):
    upload = request.FILES["doc"]
    FileExtensionValidator(allowed_extensions=["pdf", "docx"])(upload)
    # safe: PY-UPLOAD-001
    stored = default_storage.save(upload.name, upload)
    return JsonResponse({"name": stored})


def upload_validated_by_instance(request):
    upload = request.FILES["doc"]
    pdf_only(upload)
    # safe: PY-UPLOAD-001
    stored = default_storage.save(upload.name, upload)
    return JsonResponse({"name": stored})


def upload_image_validated(request):
    upload = request.FILES["image"]
    validate_image_file_extension(upload)
    # safe: PY-UPLOAD-001
    stored = default_storage.save(os.path.join("images", upload.name), upload)
    return JsonResponse({"name": stored})


def upload_extension_checked(request):
    upload = request.FILES["doc"]
    if os.path.splitext(upload.name)[1].lower() not in {".pdf", ".txt"}:
        return HttpResponse("unsupported type", status=415)
    # safe: PY-UPLOAD-001
    stored = default_storage.save(upload.name, ContentFile(upload.read()))
    return JsonResponse({"name": stored})


def upload_content_type_only(request):
    upload = request.FILES["image"]
    if not upload.content_type.startswith("image/"):
        return HttpResponse("images only", status=415)
    # expect: PY-UPLOAD-001
    stored = default_storage.save(upload.name, upload)
    return JsonResponse({"name": stored})


def handle_uploaded_file(f):
    # expect: PY-UPLOAD-001, CWE-22
    with open(f"uploads/{f.name}", "wb+") as destination:
        for chunk in f.chunks():
            destination.write(chunk)


def handle_uploaded_file_fixed(f):
    # safe: PY-UPLOAD-001
    with open("uploads/incoming.bin", "wb+") as destination:
        for chunk in f.chunks():
            destination.write(chunk)


def upload_file(request):
    form = UploadFileForm(request.POST, request.FILES)
    if form.is_valid():
        handle_uploaded_file(request.FILES["file"])
        handle_uploaded_file_fixed(request.FILES["file"])
        return HttpResponse("ok")
    return HttpResponse("invalid", status=400)


class ImageUploadForm(forms.Form):
    image = forms.ImageField()


def upload_with_image_form(request):
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return HttpResponse("invalid", status=400)
    upload = request.FILES["image"]
    # safe: PY-UPLOAD-001
    stored = default_storage.save(upload.name, upload)
    return JsonResponse({"name": stored})


class AttachmentView(View):
    def post(self, request):
        attachment = self.request.FILES["attachment"]
        target = os.path.join(settings.MEDIA_ROOT, "attachments", attachment.name)
        # expect: PY-UPLOAD-001, CWE-22
        with open(target, "wb") as out:
            out.write(attachment.read())
        return HttpResponse("ok")

    def put(self, request):
        attachment = request.FILES["attachment"]
        name = f"{uuid.uuid4().hex}.bin"
        # safe: PY-UPLOAD-001
        with open(os.path.join(settings.MEDIA_ROOT, name), "wb") as out:
            out.write(attachment.read())
        return HttpResponse("ok")


class DocumentUpload(APIView):
    parser_classes = [MultiPartParser]

    def post(self, request, format=None):
        upload = request.data["file"]
        # expect: PY-UPLOAD-001, CWE-22
        with open(os.path.join("/srv/documents", upload.name), "wb+") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return Response(status=201)

    def put(self, request, format=None):
        upload = request.data["file"]
        if not upload.name.lower().endswith(".pdf"):
            return Response(status=415)
        # expect: CWE-22
        # safe: PY-UPLOAD-001
        with open(os.path.join("/srv/documents", upload.name), "wb+") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return Response(status=201)


def upload_to_model_field(request, pk):
    document = Document.objects.get(pk=pk)
    upload = request.FILES["file"]
    # expect: PY-UPLOAD-001
    document.attachment.save(upload.name, upload, save=True)
    # safe: PY-UPLOAD-001
    document.attachment.save(f"{uuid.uuid4().hex}.pdf", upload, save=True)
    return HttpResponse("ok")
