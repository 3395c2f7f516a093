"""Uploaded documents are judged by their content: a PDF, or a JPEG/PNG scan (re-encoded
without EXIF, so a phone's GPS position is not kept)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from core.images import clean_uploaded_image
from core.uploads import PDF_MAGIC, check_pdf_content

IMAGE_MAGICS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class CheckedFile:
    content: object  # a File to store
    extension: str
    content_type: str
    size: int


def check_document(file) -> CheckedFile:
    """Accept a PDF or a JPEG/PNG picture of at most UPLOAD_MAX_BYTES; anything else is
    refused with a message the uploader can act on."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("File too large: at most %(megabytes)s MB") % {"megabytes": max_bytes // 2**20},
            code="file_too_large",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(PDF_MAGIC):
        check_pdf_content(file)  # unreadable, encrypted or active PDFs are refused
        return CheckedFile(file, ".pdf", "application/pdf", file.size)
    if head.startswith(IMAGE_MAGICS):
        image: ContentFile = clean_uploaded_image(file)
        return CheckedFile(image, ".jpg", "image/jpeg", image.size)
    raise ValidationError(
        _("Upload the document as a PDF, or as a JPEG or PNG photo of it."), code="bad_type"
    )
