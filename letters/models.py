"""Visa invitation letters: a PDF per accepted application, with a verification code that a
consulate can check on a public page."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.files import private_storage

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def letter_path(instance: InvitationLetter, filename: str) -> str:
    return f"letters/{uuid.uuid4().hex}.pdf"


class InvitationLetter(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="invitation_letters"
    )
    code = models.CharField(_("verification code"), max_length=14, unique=True, default=new_code)
    pdf = models.FileField(upload_to=letter_path, storage=private_storage)
    # What the letter says, as it said it: the verification page and the regeneration check
    # read these, never the live profile.
    details = models.JSONField(default=dict)
    details_hash = models.CharField(max_length=64)
    issued_at = models.DateTimeField(default=timezone.now)
    # The date printed on the letter: the issue day where the host organisation is, kept as
    # printed so the verification page shows the same day whatever its viewer's zone.
    issued_on = models.DateField(_("issued on"), editable=False)
    is_current = models.BooleanField(default=True)
    # The letter that replaced this one: its issue date is the day this one stopped being
    # current, as its verification page says.
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(is_current=True),
                name="letter_one_current_per_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.application_id})"

    def save(self, *args, **kwargs):
        if self.issued_on is None:
            self.issued_on = self.application.program.organisation.local_date(self.issued_at)
        super().save(*args, **kwargs)


class LetterRefusal(models.Model):
    """Why the letter of an accepted application is not issued (yet), for the coordinator
    and the trainee; gone once a letter is issued. The dates are kept, the sentence is said
    in the reader's language."""

    class Reason(models.TextChoices):
        PASSPORT_EXPIRES = "passport_expires", _("The passport expires too soon after the stay")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="letter_refusal"
    )
    reason = models.CharField(max_length=30, choices=Reason.choices)
    passport_expires_on = models.DateField(null=True, blank=True)
    stay_ends_on = models.DateField()
    valid_until_needed = models.DateField()
    refused_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("refused invitation letter")
        verbose_name_plural = _("refused invitation letters")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.reason}"

    def _dates(self) -> dict:
        return {
            "expires": date_format(self.passport_expires_on, "DATE_FORMAT"),
            "end": date_format(self.stay_ends_on, "DATE_FORMAT"),
            "needed": date_format(self.valid_until_needed, "DATE_FORMAT"),
        }

    def message_for_coordinator(self) -> str:
        return (
            _(
                "No invitation letter was issued: the passport expires on %(expires)s, and it "
                "must be valid until at least %(needed)s (the stay ends on %(end)s). The trainee "
                "was asked to upload their renewed passport; the letter is issued as soon as they do."
            )
            % self._dates()
        )

    def message_for_trainee(self) -> str:
        return (
            _(
                "Your invitation letter cannot be issued yet: your passport expires on %(expires)s, "
                "and consulates ask for a passport valid until at least %(needed)s (your stay ends "
                "on %(end)s). Renew your passport, then upload the new one with its expiry date "
                "under Documents; the letter is issued as soon as you do."
            )
            % self._dates()
        )
