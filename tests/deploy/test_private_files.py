"""Uploaded files on S3-compatible object storage (moto's server on 127.0.0.1, started here),
and the other ways private files are handed out (nginx's X-Accel-Redirect, streaming).

Needs no external service: runs in the PostgreSQL and the SQLite pass alike."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import boto3
import environ
import httpx
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db.models import FileField
from django.urls import reverse
from storages.backends.s3 import S3Storage

from core.files import private_storage
from exchange_portal.storage import file_storage_settings
from tests.factories import (
    HospitalFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)
from tests.hospitals.uploads import PDF_BYTES, image_bytes, upload
from tests.live_services import _free_port
from trainees.models import Document, DocumentDownload, TraineeProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 in server mode, in a thread of this process, on a free local port."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@dataclass
class ObjectStore:
    endpoint: str
    bucket: str
    client: object
    settings: dict

    def key(self, name: str) -> str:
        return f"private/{name}"

    def anonymous_get(self, key: str) -> httpx.Response:
        return httpx.get(f"{self.endpoint}/{self.bucket}/{key}")


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch, tmp_path):
    """The portal configured as production would be with FILE_STORAGE=s3: the STORAGES of
    exchange_portal/storage.py, built from these environment variables, on the model fields."""
    bucket = f"portal-{uuid.uuid4().hex[:12]}"
    for name, value in {
        "FILE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "portal-test",
        "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
    }.items():
        monkeypatch.setenv(name, value)
    built = file_storage_settings(
        environ.Env(), production=True, private_media_root=tmp_path, static_backend="x"
    )
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=bucket)
    public = S3Storage(**built["STORAGES"]["default"]["OPTIONS"])
    private = S3Storage(**built["STORAGES"]["private"]["OPTIONS"])
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, FileField):
                continue
            is_private = getattr(field, "_storage_callable", None) is private_storage
            monkeypatch.setattr(field, "storage", private if is_private else public)
    settings.PRIVATE_FILES_SERVE = built["PRIVATE_FILES_SERVE"]
    settings.PRIVATE_FILES_URL_EXPIRY = built["PRIVATE_FILES_URL_EXPIRY"]
    return ObjectStore(endpoint=s3_endpoint, bucket=bucket, client=client, settings=built)


def _upload_passport(client) -> Document:
    response = client.post(
        reverse("trainees:documents"),
        {"type": "passport", "file": upload("passport.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 302
    return Document.objects.get(is_current=True, type="passport")


def test_s3_is_chosen_by_the_environment_with_a_signed_minute_for_private_files(s3):
    assert s3.settings["PRIVATE_FILES_SERVE"] == "s3"
    private = s3.settings["STORAGES"]["private"]["OPTIONS"]
    assert private["querystring_auth"] is True and private["querystring_expire"] == 60
    assert private["custom_domain"] is None and private["default_acl"] is None
    assert private["location"] == "private"


def test_an_uploaded_passport_is_stored_privately_in_the_bucket(client_for, trainee, s3):
    document = _upload_passport(client_for(trainee))
    stored = s3.client.get_object(Bucket=s3.bucket, Key=s3.key(document.file.name))
    assert stored["Body"].read() == PDF_BYTES
    assert stored["CacheControl"] == "private, no-store"
    grants = s3.client.get_object_acl(Bucket=s3.bucket, Key=s3.key(document.file.name))["Grants"]
    assert not any("AllUsers" in str(grant.get("Grantee")) for grant in grants)
    # Nobody reads it without a signature (negative control: a public-read object is read).
    assert s3.anonymous_get(s3.key(document.file.name)).status_code == 403
    s3.client.put_object(Bucket=s3.bucket, Key="control", Body=b"x", ACL="public-read")
    assert s3.anonymous_get("control").status_code == 200


def test_the_owner_downloads_it_through_a_short_lived_signed_url(client_for, trainee, s3):
    client = client_for(trainee)
    document = _upload_passport(client)

    response = client.get(reverse("trainees:document_download", args=[document.pk]))

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert location.startswith(f"{s3.endpoint}/{s3.bucket}/private/")
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-Signature"]
    signed_at = time.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
    assert abs(time.mktime(signed_at) - time.mktime(time.gmtime())) < 60
    # The download is recorded before the redirect, as when the file is streamed.
    assert DocumentDownload.objects.filter(document=document, by=trainee).count() == 1

    fetched = httpx.get(location)
    assert fetched.status_code == 200
    assert fetched.content == PDF_BYTES
    assert fetched.headers["content-type"] == "application/pdf"
    assert fetched.headers["content-disposition"].startswith("attachment;")
    assert fetched.headers["cache-control"] == "private, no-store"
    # The same address without its signature is refused.
    assert httpx.get(location.split("?", 1)[0]).status_code == 403


def test_a_stranger_gets_no_url_at_all(client, client_for, trainee, s3):
    document = _upload_passport(client_for(trainee))
    client.logout()
    url = reverse("trainees:document_download", args=[document.pk])
    stranger = client_for(UserFactory(email="mallory@example.org"))
    response = stranger.get(url)
    assert response.status_code == 404
    assert "Location" not in response
    assert s3.endpoint not in response.content.decode()


def test_an_agreement_is_signed_for_its_host_coordinators_only(
    client_for, coordinator, other_coordinator, organisation, s3
):
    partnership = PartnershipFactory(host=organisation)
    partnership.agreement.save("agreement.pdf", ContentFile(PDF_BYTES))
    url = reverse("hospitals:partnership_agreement", args=[partnership.pk])

    refused = client_for(other_coordinator).get(url)
    assert refused.status_code == 404 and "Location" not in refused
    response = client_for(coordinator).get(url)
    assert response.status_code == 302
    assert httpx.get(response["Location"]).content == PDF_BYTES


def test_a_missing_object_is_a_404_not_a_redirect_to_nothing(client_for, trainee, s3):
    client = client_for(trainee)
    document = _upload_passport(client)
    s3.client.delete_object(Bucket=s3.bucket, Key=s3.key(document.file.name))
    response = client.get(reverse("trainees:document_download", args=[document.pk]))
    assert response.status_code == 404


def test_a_trainee_photo_is_shown_from_an_origin_the_csp_allows(
    client_for, trainee, s3, django_capture_on_commit_callbacks
):
    client = client_for(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainees:photo_upload"),
            {"photo": upload("me.jpg", image_bytes(size=(400, 300), fmt="JPEG"), "image/jpeg")},
        )
    profile = TraineeProfile.objects.get(user=trainee)
    assert profile.photo_thumbnail  # the thumbnail task read from and wrote to the bucket
    response = client.get(reverse("trainees:photo", args=[trainee.pk]))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" in s3.settings["STORAGE_ORIGINS"]
    fetched = httpx.get(response["Location"])
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == "image/jpeg"
    assert fetched.headers["content-disposition"].startswith("inline;")


def test_public_hospital_photos_live_under_their_own_prefix(s3):
    hospital = HospitalFactory(organisation=OrganisationFactory())
    hospital.photo.save("front.jpg", ContentFile(image_bytes(fmt="JPEG")), save=True)
    assert s3.client.head_object(Bucket=s3.bucket, Key=f"public/{hospital.photo.name}")
    assert httpx.get(hospital.photo.url).status_code == 200


# Local storage: streamed by Django, or handed to nginx --------------------------------------


def test_with_nginx_the_view_answers_with_an_internal_redirect_and_no_body(
    client_for, trainee, settings
):
    settings.PRIVATE_FILES_SERVE = "nginx"
    settings.PRIVATE_FILES_NGINX_LOCATION = "/_protected/"
    client = client_for(trainee)
    document = _upload_passport(client)
    response = client.get(reverse("trainees:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_by_default_django_streams_the_file(client_for, trainee):
    client = client_for(trainee)
    document = _upload_passport(client)
    response = client.get(reverse("trainees:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "X-Accel-Redirect" not in response
