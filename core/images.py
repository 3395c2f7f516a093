"""Uploaded photos, checked by content and re-encoded before they are stored.

Any app that accepts a picture (hospital photos now, profile photos later) calls
`clean_uploaded_image`: the file is opened by Pillow as JPEG, PNG or WebP only, its declared
size is checked before a single pixel is decoded (a tiny file may declare a gigapixel image),
and what is stored is a fresh JPEG without EXIF, so the camera's GPS position never leaves
the uploader's phone.
"""

from __future__ import annotations

import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ["JPEG", "PNG", "WEBP"]
JPEG_QUALITY = 85


def _too_large_pixels(size: tuple[int, int] | None = None) -> ValidationError:
    limit = settings.IMAGE_MAX_PIXELS // 1_000_000
    if size is None:
        message = _("Image too large: at most %(megapixels)s megapixels.") % {"megapixels": limit}
    else:
        message = _(
            "Image too large: this picture is %(width)s × %(height)s pixels "
            "(%(size)s megapixels), at most %(megapixels)s megapixels are accepted. Save it "
            "at a smaller size and upload it again."
        ) % {
            "width": size[0],
            "height": size[1],
            "size": round(size[0] * size[1] / 1_000_000),
            "megapixels": limit,
        }
    return ValidationError(message, code="image_too_many_pixels")


def clean_uploaded_image(file) -> ContentFile:
    """Return the upload re-encoded as an EXIF-free JPEG, or raise a ValidationError a
    person can act on (too big, too many pixels, not a JPEG/PNG/WebP picture)."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("File too large: at most %(megabytes)s MB") % {"megabytes": max_bytes // 2**20},
            code="file_too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; we refuse outright.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # open() reads the header only; no pixel is decoded before load().
            with Image.open(file, formats=ALLOWED_FORMATS) as image:
                width, height = image.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise _too_large_pixels((width, height))
                image.load()
                upright = ImageOps.exif_transpose(image)
                rgb = upright.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("Upload a photo in JPEG, PNG or WebP format."), code="invalid_image"
        ) from None
    finally:
        file.seek(0)

    output = BytesIO()
    # No exif= argument: the new file carries no EXIF (and so no GPS position).
    rgb.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(output.getvalue(), name="photo.jpg")
