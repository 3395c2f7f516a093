"""Visa invitation letters: a PDF per accepted application, with a verification code that a
consulate can check on a public page."""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils import timezone
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
