"""Upload checks shared by every upload: pixels limited before decoding, uploads limited per
user (HTTP 429), PDFs with active content or encryption refused."""

import time
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image, ImageFile

from core import ratelimit, uploads
from core.images import clean_uploaded_image
from core.uploads import check_pdf_content
from tests.factories import UserFactory
from tests.hospitals.uploads import (
    PDF_BYTES,
    active_pdfs,
    harmless_pdfs,
    image_bytes,
    pdf_bytes,
    upload,
)
from trainees.models import Document

ACTIVE = active_pdfs()


def _png(size, mode="1") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Pixels ------------------------------------------------------------------------------


def test_a_36_megapixel_png_is_refused_from_its_header_without_decoding(monkeypatch):
    content = _png((6000, 6000))

    def decoded(*args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)
    started = time.perf_counter()
    with pytest.raises(ValidationError) as refusal:
        clean_uploaded_image(upload("scan.png", content))
    elapsed = time.perf_counter() - started

    assert refusal.value.code == "image_too_many_pixels"
    assert "6000 × 6000 pixels (36 megapixels)" in refusal.value.messages[0]
    assert "at most 25 megapixels" in refusal.value.messages[0]
    assert elapsed < 0.5


def test_a_recent_phone_photo_of_24_5_megapixels_is_still_accepted():
    cleaned = clean_uploaded_image(upload("IMG_0001.png", _png((5712, 4284))))
    assert Image.open(BytesIO(cleaned.read())).size == (5712, 4284)


def test_the_pixel_limit_follows_the_setting(settings):
    settings.IMAGE_MAX_PIXELS = 5_000_000
    with pytest.raises(ValidationError, match="at most 5 megapixels"):
        clean_uploaded_image(upload("scan.png", _png((3000, 2000))))


# --- Rate limit --------------------------------------------------------------------------


def test_the_limiter_allows_the_limit_then_refuses_until_the_next_window(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert [ratelimit.hit("k", 3, 60) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit("other", 3, 60)  # another key counts on its own
    now[0] += 60
    assert ratelimit.hit("k", 3, 60)


def _photo(client):
    return client.post(
        reverse("trainees:photo_upload"), {"photo": upload("me.png", image_bytes(), "image/png")}
    )


def _document(client):
    return client.post(
        reverse("trainees:documents"),
        {"type": "passport", "file": upload("passport.pdf", PDF_BYTES, "application/pdf")},
    )


def test_a_trainee_gets_a_429_page_after_the_upload_limit_and_nothing_is_stored(
    client_for, trainee, settings
):
    settings.UPLOAD_RATE_LIMIT = 2
    client = client_for(trainee)
    assert _document(client).status_code == 302
    assert _photo(client).status_code == 302

    refused = _document(client)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "You have reached the upload limit (2 files" in refused.content.decode()
    assert Document.objects.filter(owner=trainee).count() == 1
    assert _photo(client).status_code == 429


def test_the_limit_counts_per_user(client, trainee, settings):
    settings.UPLOAD_RATE_LIMIT = 1
    client.force_login(trainee)
    _document(client)
    assert _document(client).status_code == 429
    client.force_login(UserFactory())
    assert _document(client).status_code == 302


# --- PDFs --------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "named"), ACTIVE.values(), ids=ACTIVE.keys())
def test_a_pdf_with_active_content_or_encryption_is_refused_with_what_was_found(content, named):
    with pytest.raises(ValidationError) as refusal:
        check_pdf_content(upload("x.pdf", content))
    assert named in refusal.value.messages[0]
    assert refusal.value.code in ("pdf_active_content", "pdf_encrypted")


@pytest.mark.parametrize("content", harmless_pdfs().values(), ids=harmless_pdfs().keys())
def test_a_pdf_with_links_or_a_start_page_is_accepted(content):
    check_pdf_content(upload("x.pdf", content))


def test_a_file_that_only_starts_like_a_pdf_is_refused_as_unreadable():
    with pytest.raises(ValidationError) as refusal:
        check_pdf_content(upload("x.pdf", b"%PDF-1.7\nnot really a pdf"))
    assert refusal.value.code == "pdf_unreadable"


def test_a_pdf_of_more_objects_than_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", 5)
    many_pages = pdf_bytes(lambda pdf: [pdf.add_blank_page() for _page in range(4)])
    with pytest.raises(ValidationError) as refusal:
        check_pdf_content(upload("x.pdf", many_pages))
    assert refusal.value.code == "pdf_too_complex"
    check_pdf_content(upload("x.pdf", PDF_BYTES))  # 3 objects: under the limit
