"""Uploaded files checked by content before they are stored (pictures: core.images)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"


def clean_uploaded_pdf(file) -> object:
    """Accept a PDF by its content (it starts with %PDF-), at most UPLOAD_MAX_BYTES."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            _("File too large: at most %(megabytes)s MB") % {"megabytes": max_bytes // 2**20}
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(_("Upload the agreement as a PDF file."))
    return file
