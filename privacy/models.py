"""Personal-data exports, erasure requests and the privacy audit log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import private_storage


def export_path(instance: PersonalDataExport, filename: str) -> str:
    return f"privacy/exports/{uuid.uuid4().hex}.zip"


class PersonalDataExport(models.Model):
    """Everything the portal holds about one person, as a ZIP made in the background.
    Only that person downloads it; it is deleted after settings.PRIVACY_EXPORT_KEEP_DAYS."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_data_exports"
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(upload_to=export_path, storage=private_storage, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal-data export")
        verbose_name_plural = _("personal-data exports")

    def __str__(self) -> str:
        return f"export {self.pk} of {self.user_id}"

    @property
    def done(self) -> bool:
        return self.finished_at is not None


class ErasureRequest(models.Model):
    """A person asks to be erased; a coordinator of an organisation they applied to (or an
    administrator when there is none) confirms there is no legal hold, then it runs."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a coordinator")
        CONFIRMED = "confirmed", _("Confirmed, being erased")
        DONE = "done", _("Erased")
        REFUSED = "refused", _("Refused (legal hold)")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = ("requested", "confirmed")

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("What you checked: no legal hold, no open dispute or payment, no stay now."),
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="erasure_one_open_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"erasure {self.pk} of {self.subject_id} ({self.status})"


class PrivacyEvent(models.Model):
    """The audit log: exports, erasure requests and decisions, erasures and retention runs.
    `detail` never holds the person's name or contacts (it survives the erasure)."""

    class Kind(models.TextChoices):
        EXPORT_REQUESTED = "export_requested", _("Export requested")
        EXPORT_DOWNLOADED = "export_downloaded", _("Export downloaded")
        ERASURE_REQUESTED = "erasure_requested", _("Erasure requested")
        ERASURE_CONFIRMED = "erasure_confirmed", _("Erasure confirmed")
        ERASURE_REFUSED = "erasure_refused", _("Erasure refused")
        ERASURE_CANCELLED = "erasure_cancelled", _("Erasure cancelled")
        ERASED = "erased", _("Personal data erased")
        RETENTION = "retention", _("Documents deleted (retention)")

    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_events"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("privacy event")
        verbose_name_plural = _("privacy events")

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} at {self.at:%Y-%m-%d %H:%M}"
