"""Every write to a trainee's profile, photo and documents goes through this module."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from accounts.models import User
from core.files import delete_after_commit
from core.images import clean_uploaded_image
from core.tasks import enqueue_on_commit
from reference.models import DocumentType
from trainees import selectors
from trainees.files import check_document
from trainees.models import (
    Document,
    DocumentDownload,
    DocumentReview,
    LanguageSkill,
    TraineeProfile,
)
from trainees.notify import document_reviewed
from trainees.signals import profile_changed

log = logging.getLogger("exchange_portal.trainees")

PROFILE_FIELDS = (
    "date_of_birth",
    "sex",
    "nationality",
    "passport_number",
    "current_hospital",
    "current_position",
    "specialty",
    "years_of_practice",
    "phone",
    "emergency_contact_name",
    "emergency_contact_phone",
    "emergency_contact_relation",
)
USER_FIELDS = ("first_name", "last_name", "native_name")


def _profile_for_update(user: User) -> TraineeProfile:
    profile, _created = TraineeProfile.objects.select_for_update().get_or_create(user=user)
    return profile


@transaction.atomic
def profile_save(
    *, user: User, data: dict, languages: Iterable[tuple[str, str]] | None = None
) -> TraineeProfile:
    """Save one's own profile: passport names on the user, the rest on the profile, and the
    languages (language, CEFR level) when given (they replace the previous list)."""
    errors: dict[str, list[str]] = {}
    born = data.get("date_of_birth")
    if born and born > timezone.localdate():
        errors["date_of_birth"] = [_("The date of birth cannot be in the future.")]
    elif born and born.year < 1920:
        errors["date_of_birth"] = [_("Check the year of birth.")]
    pairs = list(languages or [])
    codes = [code for code, _level in pairs]
    if len(codes) != len(set(codes)):
        errors["languages"] = [_("Each language can appear only once.")]
    if errors:
        raise ValidationError(errors)
    for field in USER_FIELDS:
        if field in data:
            setattr(user, field, (data[field] or "").strip())
    user.save(update_fields=list(USER_FIELDS))
    profile = _profile_for_update(user)
    for field in PROFILE_FIELDS:
        if field in data:
            value = data[field]
            setattr(profile, field, value.strip() if isinstance(value, str) else value)
    profile.full_clean(exclude=["photo", "photo_thumbnail", "user"])
    profile.save()
    if languages is not None:
        profile.languages.all().delete()
        LanguageSkill.objects.bulk_create(
            [LanguageSkill(profile=profile, language=code, level=level) for code, level in pairs]
        )
    profile_changed.send(sender=TraineeProfile, trainee_id=user.pk)
    return profile


def photo_set(*, user: User, file) -> TraineeProfile:
    """Store a new photo (checked by content, re-encoded without EXIF) and make a thumbnail
    in the background. The previous photo is deleted once the new one is saved."""
    image = clean_uploaded_image(file)
    with transaction.atomic():
        profile = _profile_for_update(user)
        field = TraineeProfile._meta.get_field("photo")
        name = field.storage.save(field.generate_filename(profile, "photo.jpg"), image)
        # Registered before the names change: they capture the old names.
        delete_after_commit(profile.photo)
        delete_after_commit(profile.photo_thumbnail)
        try:
            profile.photo.name = name
            profile.photo_thumbnail.name = ""
            profile.save(update_fields=["photo", "photo_thumbnail", "updated_at"])
        except Exception:
            field.storage.delete(name)
            raise
        enqueue_on_commit("trainees.tasks.make_thumbnail", profile.pk)
    return profile


THUMBNAIL_SIZE = (240, 240)


def thumbnail_make(profile_id: int) -> bool:
    """Make the photo's thumbnail (run by a Celery task). Returns whether one was made."""
    profile = TraineeProfile.objects.filter(pk=profile_id).first()
    if profile is None or not profile.photo:
        return False
    with profile.photo.open("rb") as handle, Image.open(handle, formats=["JPEG"]) as image:
        thumb = ImageOps.fit(image.convert("RGB"), THUMBNAIL_SIZE)
    output = BytesIO()
    thumb.save(output, format="JPEG", quality=80)
    field = TraineeProfile._meta.get_field("photo_thumbnail")
    name = field.storage.save(
        field.generate_filename(profile, "thumb.jpg"), ContentFile(output.getvalue())
    )
    with transaction.atomic():
        current = TraineeProfile.objects.select_for_update().get(pk=profile.pk)
        if current.photo.name != profile.photo.name:  # replaced meanwhile: drop ours
            field.storage.delete(name)
            return False
        delete_after_commit(current.photo_thumbnail)  # captures the old name
        current.photo_thumbnail.name = name
        current.save(update_fields=["photo_thumbnail"])
    return True


def document_upload(*, owner: User, type: str, file, expires_on: date | None = None) -> Document:
    """Store a new version of one of one's documents. The previous version stays current
    until the new file is safely stored; then it is kept as history, no longer current."""
    if type not in DocumentType.values or type in selectors.NOT_UPLOADED:
        raise ValidationError({"type": [_("Choose a document type.")]})
    if expires_on and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": [_("This document has already expired.")]})
    checked = check_document(file)
    field = Document._meta.get_field("file")
    draft = Document(owner=owner, type=type, extension=checked.extension)
    name = field.storage.save(field.generate_filename(draft, "upload"), checked.content)
    try:
        with transaction.atomic():
            previous = (
                Document.objects.select_for_update()
                .filter(owner=owner, type=type, is_current=True)
                .first()
            )
            if previous is not None:
                previous.is_current = False
                previous.save(update_fields=["is_current"])
            document = Document.objects.create(
                owner=owner,
                type=type,
                file=name,
                extension=checked.extension,
                content_type=checked.content_type,
                size=checked.size,
                expires_on=expires_on,
                replaces=previous,
            )
            if type == DocumentType.PASSPORT:  # its expiry decides the invitation letter
                profile_changed.send(sender=TraineeProfile, trainee_id=owner.pk)
    except Exception:
        field.storage.delete(name)  # the row did not commit: no orphan file
        raise
    log.info("document uploaded owner=%s type=%s id=%s", owner.pk, type, document.pk)
    return document


@transaction.atomic
def document_review(
    *, document: Document, by: User, verified: bool, reason: str = ""
) -> DocumentReview:
    """A coordinator verifies a document for their organisation, or rejects it with a reason
    the trainee reads. Other organisations' verdicts are theirs: untouched, unseen."""
    # Coordinators see every type while they see the trainee at all (open application, or
    # within the retention period after it closed).
    if not by.is_coordinator or not selectors.coordinator_sees_trainee(by, document.owner_id):
        raise PermissionDenied
    # The document row is the lock: one verdict per organisation, and none on a version
    # that a newer upload has just replaced.
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if not locked.is_current:
        raise ValidationError(_("A newer version of this document was uploaded; check that one."))
    reason = reason.strip()
    if not verified and not reason:
        raise ValidationError(
            {"reason": [_("Say why the document is rejected, so it can be fixed.")]}
        )
    review, _created = DocumentReview.objects.update_or_create(
        document=locked,
        organisation_id=by.coordinator_of_id,
        defaults={
            "status": DocumentReview.Status.VERIFIED
            if verified
            else DocumentReview.Status.REJECTED,
            "reason": "" if verified else reason[:300],
            "reviewed_by": by,
            "reviewed_at": timezone.now(),
        },
    )
    document_reviewed(locked, review, by=by)
    return review


def document_download_record(*, document: Document, by: User, ip: str | None) -> None:
    DocumentDownload.objects.create(document=document, by=by, ip=ip or None)
    log.info(
        "document download id=%s owner=%s by=%s ip=%s", document.pk, document.owner_id, by.pk, ip
    )
