"""A visiting doctor's application to a program, its ranked preferences, its history and the
offer that may follow."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import private_storage


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        REJECTED = "rejected", _("Not selected")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        OFFERED = "offered", _("Offer made")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    motivation = models.TextField(
        _("motivation"),
        blank=True,
        help_text=_("Why this program, and what you want to learn. A few short paragraphs."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "trainee"], name="application_one_per_trainee_and_program"
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.trainee} → {self.program}"


class Preference(models.Model):
    """One ranked wish: a rotation site (cohort programs), or a department or specialty."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="preferences"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    rotation_site = models.ForeignKey(
        "programs.RotationSite",
        verbose_name=_("rotation site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    specialty = models.ForeignKey(
        "reference.Specialty",
        verbose_name=_("specialty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        ordering = ["application", "rank"]
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="preference_unique_rank"),
            models.CheckConstraint(
                condition=Q(rotation_site__isnull=False) | Q(specialty__isnull=False),
                name="preference_names_a_site_or_specialty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.rotation_site or self.specialty}"


class StatusChange(models.Model):
    """History: who moved an application, when, from what to what, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Application.Status.choices)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class Offer(models.Model):
    """A seat offered to an applicant, to accept or decline before the deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateTimeField(_("answer by"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers_made"
    )
    made_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status="open"),
                name="offer_one_open_per_application",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("made_at")), name="offer_deadline_after_made"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} ({self.get_status_display()})"


class Comment(models.Model):
    """An internal note by the host organisation's coordinators; never shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text = models.TextField(_("comment"))
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("internal comment")
        verbose_name_plural = _("internal comments")

    def __str__(self) -> str:
        return self.text[:40]


REFEREE_LINK_VALIDITY = timedelta(days=14)


def letter_path(instance: RefereeRequest, filename: str) -> str:
    """A random name: the referee's file name never reaches the disk or a URL."""
    return f"letters/{uuid.uuid4().hex}.pdf"


class RefereeRequest(models.Model):
    """The applicant names a referee or nominating officer (e.g. a regional ministry of
    health); they get a signed, expiring, single-use link to upload a letter without an
    account. Coordinators read the letter; the applicant only sees that it arrived."""

    class Kind(models.TextChoices):
        REFEREE = "referee", _("Referee (recommendation letter)")
        NOMINATION = "nomination", _("Nominating officer (nomination letter)")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="referee_requests"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REFEREE)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("E.g. Ministry of Health.")
    )
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    letter = models.FileField(
        _("letter"), upload_to=letter_path, storage=private_storage, blank=True
    )
    received_at = models.DateTimeField(null=True, blank=True)
    # Where the letter came from, for the coordinators who judge it.
    uploaded_from_ip = models.GenericIPAddressField(_("uploaded from"), null=True, blank=True)
    uploaded_user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("referee request")
        verbose_name_plural = _("referee requests")
        constraints = [
            # E-mail addresses are stored in lower case by the service.
            models.UniqueConstraint(
                fields=["application", "email"], name="referee_request_one_per_email"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("requested_at")), name="referee_link_expires_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.application}"

    def save(self, *args, **kwargs) -> None:
        if self.expires_at is None:
            self.expires_at = (self.requested_at or timezone.now()) + REFEREE_LINK_VALIDITY
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class LetterDownload(models.Model):
    """Audit: who downloaded which letter, when, from where."""

    request = models.ForeignKey(RefereeRequest, on_delete=models.CASCADE, related_name="downloads")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("letter download")
        verbose_name_plural = _("letter downloads")

    def __str__(self) -> str:
        return f"{self.request_id} by {self.by_id} at {self.at:%Y-%m-%d %H:%M}"
