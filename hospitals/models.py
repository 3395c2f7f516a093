"""Host hospitals, their departments and supervisors, and partnership agreements."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.models import Organisation
from core.files import private_storage
from reference.models import Specialty


def hospital_photo_path(instance: Hospital, filename: str) -> str:
    # Random names: a client file name never reaches the filesystem.
    return f"hospitals/photos/{uuid.uuid4().hex}.jpg"


def agreement_path(instance: Partnership, filename: str) -> str:
    return f"partnerships/{uuid.uuid4().hex}.pdf"


class Hospital(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University hospital")
        GENERAL = "general", _("General hospital")
        SPECIALTY = "specialty", _("Specialty hospital")
        REGIONAL = "regional", _("Regional hospital")
        CITY = "city", _("City hospital")
        CANCER = "cancer", _("Cancer centre")
        CHILDREN = "children", _("Children's hospital")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="hospitals",
    )
    name = models.CharField(_("name (Latin letters)"), max_length=200)
    name_native = models.CharField(_("name in native script"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    grade = models.CharField(
        _("grade or accreditation"),
        max_length=120,
        blank=True,
        help_text=_("E.g. Grade III-A, JCI accredited, academic teaching hospital."),
    )
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)
    international_office_name = models.CharField(
        _("international office contact person"), max_length=200, blank=True
    )
    international_office_email = models.EmailField(_("international office e-mail"), blank=True)
    international_office_phone = models.CharField(
        _("international office phone"), max_length=40, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    photo = models.ImageField(_("photo"), upload_to=hospital_photo_path, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hospital")
        verbose_name_plural = _("hospitals")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="hospital_unique_name_per_organisation"
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="hospital_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        if self.name_native and self.name_native != self.name:
            return f"{self.name} ({self.name_native})"
        return self.name


class Department(models.Model):
    hospital = models.ForeignKey(
        Hospital, verbose_name=_("hospital"), on_delete=models.PROTECT, related_name="departments"
    )
    specialty = models.ForeignKey(
        Specialty,
        verbose_name=_("specialty"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    name = models.CharField(_("name"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("concurrent trainee capacity"),
        help_text=_("How many visiting doctors the department can train at the same time."),
    )

    class Meta:
        ordering = ["hospital__name", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["hospital", "name"], name="department_unique_name_per_hospital"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="department_capacity_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.hospital.name}"


class Supervisor(models.Model):
    """A senior doctor who supervises visiting doctors in one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="supervisor_roles",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="supervisors",
    )
    title = models.CharField(
        _("title or position"), max_length=120, blank=True, help_text=_("E.g. Professor, Chief.")
    )
    max_trainees = models.PositiveSmallIntegerField(
        _("maximum trainees at a time"),
        default=2,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        ordering = ["department__hospital__name", "department__name", "user__last_name"]
        verbose_name = _("supervisor")
        verbose_name_plural = _("supervisors")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="supervisor_unique_per_department"
            ),
            models.CheckConstraint(
                condition=Q(max_trainees__gte=1), name="supervisor_max_trainees_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name} — {self.department}"


class Partnership(models.Model):
    """A cooperation agreement between a host organisation and a partner."""

    host = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="partnerships_hosted",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_joined",
    )
    title = models.CharField(_("title"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    yearly_quota = models.PositiveSmallIntegerField(
        _("yearly quota of trainees"), null=True, blank=True
    )
    agreement = models.FileField(
        _("agreement document (PDF)"),
        upload_to=agreement_path,
        storage=private_storage,
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("signed_on")),
                name="partnership_expires_after_signed",
            ),
            models.CheckConstraint(
                condition=~Q(host=F("partner")), name="partnership_parties_differ"
            ),
        ]

    def __str__(self) -> str:
        return self.title
