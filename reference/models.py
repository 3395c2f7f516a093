"""The shared vocabulary every app speaks: languages, CEFR levels, document types and
medical specialties. Ground floor: imports only Django, third-party libraries and core."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Documents a program can require from applicants."""

    PASSPORT = "passport", _("Passport")
    DIPLOMA = "diploma", _("Medical diploma")
    LICENCE = "licence", _("Medical licence")
    CV = "cv", _("Curriculum vitae")
    LANGUAGE_CERTIFICATE = "language_certificate", _("Language certificate")
    HEALTH_INSURANCE = "health_insurance", _("Health insurance")
    VACCINATION = "vaccination", _("Vaccination record")
    NOMINATION = "nomination", _("Nomination or recommendation letter")
    PHOTO = "photo", _("Passport photo")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    KOREAN = "ko", _("Korean")
    RUSSIAN = "ru", _("Russian")
    CHINESE = "zh", _("Chinese")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    JAPANESE = "ja", _("Japanese")


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Specialty(models.Model):
    """A medical specialty (surgery, neurosurgery, orthopedics…)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short code"), max_length=100, unique=True)

    class Meta:
        # Moved from the hospitals app; the table keeps its original name.
        db_table = "hospitals_specialty"
        ordering = ["name"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")

    def __str__(self) -> str:
        return self.name
