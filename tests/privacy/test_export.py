"""A person downloads everything the portal holds about them: JSON plus their files, in a ZIP
made in the background, for them alone, deleted after a week."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from privacy import tasks
from privacy.models import PersonalDataExport, PrivacyEvent
from tests.factories import UserFactory
from tests.privacy.world import IVAN, PASSPORT, make_person

pytestmark = pytest.mark.django_db


def _export(client, person, django_capture_on_commit_callbacks) -> PersonalDataExport:
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export_create"))
    record = PersonalDataExport.objects.get(user=person)
    assert response.url == reverse("privacy:export_status", args=[record.pk])
    return record


def _zip(client, record) -> zipfile.ZipFile:
    response = client.get(reverse("privacy:export_download", args=[record.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_every_kind_of_data_as_json_and_every_file(
    client, django_capture_on_commit_callbacks
):
    world = make_person()
    person = world["person"]
    record = _export(client, person, django_capture_on_commit_callbacks)

    archive = _zip(client, record)
    data = json.loads(archive.read("personal-data.json"))
    assert set(data) >= {
        "user",
        "profile",
        "documents",
        "applications",
        "notifications",
        "notification_preferences",
        "privacy_events",
        "files",
    }
    assert data["user"]["email"] == IVAN["email"]
    assert data["user"]["native_name"] == "Иван Петров"
    assert "password" not in data["user"]
    assert data["profile"]["passport_number"] == PASSPORT
    assert [skill["language"] for skill in data["profile"]["languages"]] == ["ru"]
    assert {d["type"] for d in data["documents"]} == {"passport", "diploma"}
    passport = next(d for d in data["documents"] if d["type"] == "passport")
    assert passport["downloads"][0]["by"] == "Minji Kim (김민지)"
    (application,) = data["applications"]
    assert application["status"] == "under_review"
    assert [h["to_status"] for h in application["history"]] == ["submitted", "under_review"]
    assert application["offers"] == []  # none made yet; the key is always there
    assert application["placements"][0]["status"] == "proposed"
    assert application["housing_request"]["stays"][0]["status"] == "confirmed"
    assert application["invitation_letters"][0]["code"] == world["letter"].code
    assert application["referee_requests"][0]["letter_received"] is True
    assert "comments" not in application  # the host's internal notes are not the person's
    mine = Notification.objects.filter(recipient=person).count()
    assert mine and len(data["notifications"]) == mine
    assert data["privacy_events"][0]["kind"] == "export_requested"

    names = set(archive.namelist())
    documents = {f"files/documents/{d.pk}-{d.type}.pdf" for d in person.documents.all()}
    expected = {"files/photo.jpg", f"files/letters/{world['letter'].code}.pdf", *documents}
    assert expected <= names
    assert set(data["files"]) == expected
    with world["profile"].photo.open("rb") as photo:
        assert archive.read("files/photo.jpg") == photo.read()
    assert not any("r.pdf" in name or "referee" in name for name in names)


def test_the_download_is_logged_in_the_privacy_log(client, django_capture_on_commit_callbacks):
    person = UserFactory()
    record = _export(client, person, django_capture_on_commit_callbacks)
    _zip(client, record)
    kinds = list(PrivacyEvent.objects.filter(subject=person).values_list("kind", flat=True))
    assert sorted(kinds) == ["export_downloaded", "export_requested"]


def test_another_user_gets_404_for_the_export_and_its_file(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    record = _export(client, person, django_capture_on_commit_callbacks)
    client.force_login(UserFactory())
    for name in ("privacy:export_status", "privacy:export_download"):
        assert client.get(reverse(name, args=[record.pk])).status_code == 404


def test_the_progress_is_polled_with_htmx_until_the_file_is_ready(client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("privacy:export_create"))  # not run: the task waits for the commit
    record = PersonalDataExport.objects.get(user=person)
    url = reverse("privacy:export_status", args=[record.pk])
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'hx-get="{url}"' in partial
    assert "<html" not in partial
    tasks.make_export(record.pk)
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in partial
    assert reverse("privacy:export_download", args=[record.pk]) in partial


def test_an_unfinished_export_cannot_be_downloaded(client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("privacy:export_create"))
    record = PersonalDataExport.objects.get(user=person)
    assert client.get(reverse("privacy:export_download", args=[record.pk])).status_code == 404


def test_exports_are_deleted_after_the_keeping_time(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_EXPORT_KEEP_DAYS = 7
    person = UserFactory()
    record = _export(client, person, django_capture_on_commit_callbacks)
    record.refresh_from_db()
    storage, name = record.file.storage, record.file.name
    assert storage.exists(name)

    later = timezone.now() + timedelta(days=6)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        tasks.nightly_retention()
    assert PersonalDataExport.objects.filter(pk=record.pk).exists()

    later = timezone.now() + timedelta(days=7, minutes=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        tasks.nightly_retention()
    assert not PersonalDataExport.objects.filter(pk=record.pk).exists()
    assert not storage.exists(name)
