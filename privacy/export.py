"""What the portal holds about one person: a JSON document plus their files, in a ZIP."""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils import timezone

from accommodation.models import HousingRequest
from applications.models import Application
from letters.models import InvitationLetter
from notifications.models import Notification
from notifications.models import Preference as NotificationPreference
from privacy.models import PersonalDataExport, PrivacyEvent
from trainees.models import Document, DocumentDownload, TraineeProfile

# Fields never exported: secrets and other people's internals.
SECRET_FIELDS = {"password", "token", "details_hash", "dedupe_key", "uuid"}
PLAIN = (str, int, float, bool, type(None), date, Decimal, dict, list)


def _row(obj: Model, exclude: tuple[str, ...] = ()) -> dict:
    """The concrete fields of one row, JSON-ready: foreign keys as ids, files as their name
    inside the ZIP's `files/` folder (or empty), choices with their label."""
    row: dict = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if field.get_internal_type() == "FileField":
            value = bool(value)
        elif not isinstance(value, PLAIN):
            value = str(value)  # e.g. a country: its code
        row[field.name] = value
        if field.choices and value not in (None, ""):
            row[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return row


def _user(user) -> dict:
    return _row(user, exclude=("is_staff", "is_superuser", "coordinator_of"))


def _profile(user) -> dict | None:
    profile = TraineeProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        **_row(profile, exclude=("photo_thumbnail",)),
        "languages": [_row(skill, exclude=("profile",)) for skill in profile.languages.all()],
    }


def _documents(user) -> list[dict]:
    rows = []
    for document in Document.objects.filter(owner=user).order_by("pk"):
        rows.append(
            {
                **_row(document, exclude=("owner", "reviewed_by")),
                "downloads": [
                    {"by": str(download.by), "at": download.at}
                    for download in DocumentDownload.objects.filter(document=document)
                    .select_related("by")
                    .order_by("at")
                ],
            }
        )
    return rows


def _applications(user) -> list[dict]:
    rows = []
    applications = Application.objects.filter(trainee=user).select_related("program")
    for application in applications.order_by("pk"):
        housing = HousingRequest.objects.filter(application=application).first()
        rows.append(
            {
                **_row(application, exclude=("trainee",)),
                "program_title": str(application.program),
                "preferences": [
                    {**_row(p, exclude=("application",)), "wish": str(p)}
                    for p in application.preferences.select_related("rotation_site", "specialty")
                ],
                "history": [
                    _row(change, exclude=("application", "by"))
                    for change in application.status_changes.all()
                ],
                "offers": [
                    _row(offer, exclude=("application", "made_by"))
                    for offer in application.offers.all()
                ],
                "placements": [
                    {
                        **_row(placement, exclude=("application",)),
                        "department": str(placement.department),
                        "supervisor": str(placement.supervisor or ""),
                        "history": [
                            _row(change, exclude=("placement", "by"))
                            for change in placement.history.all()
                        ],
                    }
                    for placement in application.placements.select_related(
                        "department__hospital", "supervisor__user"
                    )
                ],
                "housing_request": None
                if housing is None
                else {
                    **_row(housing, exclude=("application",)),
                    "stays": [
                        {
                            **_row(stay, exclude=("request", "run", "confirmed_by")),
                            "bed": str(stay.bed),
                        }
                        for stay in housing.stays.select_related("bed__provider")
                    ],
                },
                "referee_requests": [
                    _row(referee, exclude=("application", "letter"))
                    | {"letter_received": bool(referee.letter)}
                    for referee in application.referee_requests.all()
                ],
                "invitation_letters": [
                    _row(letter, exclude=("application",))
                    for letter in application.invitation_letters.all()
                ],
            }
        )
    return rows


def personal_data(user) -> dict:
    """Everything the portal holds about `user`, as JSON-ready data."""
    return {
        "generated_at": timezone.now(),
        "user": _user(user),
        "profile": _profile(user),
        "documents": _documents(user),
        "applications": _applications(user),
        "notifications": [
            _row(notification, exclude=("recipient", "digest", "organisation", "last_error"))
            for notification in Notification.objects.filter(recipient=user).order_by("pk")
        ],
        "notification_preferences": [
            _row(preference, exclude=("user",))
            for preference in NotificationPreference.objects.filter(user=user)
        ],
        "privacy_events": [
            _row(event, exclude=("subject", "by"))
            for event in PrivacyEvent.objects.filter(subject=user).order_by("at", "pk")
        ],
    }


def files_of(user) -> list[tuple[str, object]]:
    """(name inside the ZIP, FieldFile) for every stored file of `user`."""
    files: list[tuple[str, object]] = []
    profile = TraineeProfile.objects.filter(user=user).first()
    if profile is not None and profile.photo:
        files.append(("files/photo.jpg", profile.photo))
    for document in Document.objects.filter(owner=user).order_by("pk"):
        if document.file:
            name = f"files/documents/{document.pk}-{document.type}{document.extension}"
            files.append((name, document.file))
    letters = InvitationLetter.objects.filter(application__trainee=user).order_by("pk")
    for letter in letters:
        if letter.pdf:
            files.append((f"files/letters/{letter.code}.pdf", letter.pdf))
    return files


def build_zip(export: PersonalDataExport, on_progress) -> None:
    """Write the export's ZIP to private storage, reporting progress (percent)."""
    user = export.user
    data = personal_data(user)
    on_progress(30)
    files = files_of(user)
    data["files"] = [name for name, _field in files]
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "personal-data.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            for index, (name, field_file) in enumerate(files, start=1):
                try:
                    with field_file.open("rb") as source:
                        archive.writestr(name, source.read())
                except FileNotFoundError:
                    archive.writestr(f"{name}.missing.txt", "This file was not found in storage.")
                on_progress(30 + 60 * index // len(files))
        handle.seek(0)
        export.file.save(f"{user.pk}.zip", File(handle), save=False)
    export.expires_at = timezone.now() + timedelta(days=settings.PRIVACY_EXPORT_KEEP_DAYS)
