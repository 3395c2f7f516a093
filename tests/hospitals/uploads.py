"""Small files built in memory for upload tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(size=(40, 30), fmt="PNG", mode="RGB", **save_kwargs) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, "white" if mode == "1" else "steelblue").save(
        buffer, format=fmt, **save_kwargs
    )
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
