"""A visiting doctor's profile (as in the passport), photo, languages and private documents."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.files import private_storage
from reference.models import CefrLevel, DocumentType, Language

phone_validator = RegexValidator(
    r"^\+[1-9][0-9 ()-]{6,22}$",
    _("Give the number in international format, e.g. +7 423 222 33 44."),
)


def photo_path(instance: TraineeProfile, filename: str) -> str:
    return f"trainees/photos/{uuid.uuid4().hex}.jpg"


def thumbnail_path(instance: TraineeProfile, filename: str) -> str:
    return f"trainees/thumbnails/{uuid.uuid4().hex}.jpg"


def document_path(instance: Document, filename: str) -> str:
    # Never the client's file name: `../../x.pdf` must not reach the filesystem.
    return f"trainees/documents/{uuid.uuid4().hex}{instance.extension}"


class TraineeProfile(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        UNSPECIFIED = "X", _("X (unspecified)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trainee_profile"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex (as in passport)"), max_length=1, choices=Sex.choices, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    passport_number = models.CharField(
        _("passport number"),
        max_length=30,
        blank=True,
        help_text=_(
            "Printed on the visa invitation letter. Only coordinators of programs you apply to see it."
        ),
    )
    current_hospital = models.CharField(_("current hospital"), max_length=200, blank=True)
    current_position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("E.g. resident, attending surgeon.")
    )
    specialty = models.ForeignKey(
        "reference.Specialty",
        verbose_name=_("specialty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    years_of_practice = models.PositiveSmallIntegerField(
        _("years of practice"), null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=200, blank=True)
    emergency_contact_phone = models.CharField(
        _("emergency contact's phone"), max_length=30, blank=True, validators=[phone_validator]
    )
    emergency_contact_relation = models.CharField(
        _("relation"), max_length=100, blank=True, help_text=_("E.g. wife, father.")
    )
    photo = models.FileField(_("photo"), upload_to=photo_path, storage=private_storage, blank=True)
    photo_thumbnail = models.FileField(
        upload_to=thumbnail_path, storage=private_storage, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trainee profile")
        verbose_name_plural = _("trainee profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(years_of_practice__lte=70), name="trainee_years_plausible"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    def age_on(self, day: date) -> int | None:
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class LanguageSkill(models.Model):
    profile = models.ForeignKey(TraineeProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    level = models.CharField(_("level (CEFR)"), max_length=2, choices=CefrLevel.choices)

    class Meta:
        ordering = ["language"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="language_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} {self.level}"


class Document(models.Model):
    """One uploaded version of a document. The current version of each type is the one
    coordinators check; older versions stay until a newer one is safely stored. Each host
    organisation checks it for itself (DocumentReview): one organisation's verdict is not
    another's."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    type = models.CharField(_("document"), max_length=30, choices=DocumentType.choices)
    file = models.FileField(upload_to=document_path, storage=private_storage)
    extension = models.CharField(max_length=5)  # ".pdf" / ".jpg", decided by content
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=True)
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["type", "-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "type"],
                condition=Q(is_current=True),
                name="document_one_current_per_type",
            )
        ]
        indexes = [models.Index(fields=["owner", "is_current"], name="document_owner_current")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.owner})"

    def is_expired_on(self, day: date) -> bool:
        return self.expires_on is not None and self.expires_on < day

    @property
    def download_name(self) -> str:
        return f"{self.type}{self.extension}"


class DocumentReview(models.Model):
    """One host organisation's verdict on one document version: verified, or rejected with a
    reason the trainee reads. No row: the organisation has not checked it yet."""

    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    PENDING_LABEL = _("Waiting for a check")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="reviews")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "organisation"]
        verbose_name = _("document review")
        verbose_name_plural = _("document reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "organisation"], name="document_review_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["verified", "rejected"]),
                name="document_review_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} by organisation {self.organisation_id}: {self.status}"


class DocumentDownload(models.Model):
    """Audit: who downloaded which document, when, from where."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="downloads")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("document download")
        verbose_name_plural = _("document downloads")

    def __str__(self) -> str:
        return f"{self.document_id} by {self.by_id} at {self.at:%Y-%m-%d %H:%M}"
