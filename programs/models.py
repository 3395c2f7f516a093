"""Training programs offered by host organisations, and their rotation sites."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from hospitals.models import Department
from reference.models import CefrLevel, DocumentType, Language, Specialty

# What a supervisor needs to judge a visiting doctor's clinical work: their training and
# right to practise. Identity and health papers (passport, insurance, vaccinations) stay with
# the coordinators unless the program says otherwise.
DEFAULT_DOCUMENTS_FOR_SUPERVISORS = (DocumentType.CV, DocumentType.DIPLOMA, DocumentType.LICENCE)


def default_documents_for_supervisors() -> list[str]:
    return [str(code) for code in DEFAULT_DOCUMENTS_FOR_SUPERVISORS]


class Program(models.Model):
    class Kind(models.TextChoices):
        COHORT_ROTATION = "cohort_rotation", _("Cohort rotation")
        FELLOWSHIP = "fellowship", _("Fellowship")
        RESIDENT_EXPERT = "resident_expert", _("Resident-expert posting")
        OBSERVERSHIP = "observership", _("Observership")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in the catalog.")
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    application_opens = models.DateField(_("applications open"))
    application_closes = models.DateField(_("applications close"))
    seats = models.PositiveSmallIntegerField(_("seats"))
    # Accepted offers. Kept by the applications' state machine under the program row lock
    # that serialises acceptances, so the catalog reads seats without knowing applications.
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)
    specialties = models.ManyToManyField(
        Specialty, verbose_name=_("specialties"), related_name="programs"
    )
    working_language = models.CharField(
        _("working language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    min_language_level = models.CharField(
        _("minimum level (CEFR)"), max_length=2, choices=CefrLevel.choices, default=CefrLevel.B1
    )
    language_notes = models.CharField(
        _("language notes"),
        max_length=300,
        blank=True,
        help_text=_("E.g. interpreters provided; a 6-month German course is included."),
    )
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    documents_for_supervisors = models.JSONField(
        _("documents shown to supervisors"),
        default=default_documents_for_supervisors,
        blank=True,
        help_text=_("Document types the supervisors of a placement may open."),
    )
    covers_travel = models.BooleanField(_("travel covered"), default=False)
    covers_stipend = models.BooleanField(_("stipend paid"), default=False)
    covers_housing = models.BooleanField(_("housing covered"), default=False)
    covers_meals = models.BooleanField(_("meals covered"), default=False)
    fee = models.DecimalField(
        _("programme fee"), max_digits=10, decimal_places=2, default=0, help_text=_("0 if free.")
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    cost_notes = models.CharField(_("notes on costs"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")), name="program_start_before_end"
            ),
            models.CheckConstraint(
                condition=Q(application_opens__lte=F("application_closes")),
                name="program_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(application_closes__lte=F("start_date")),
                name="program_window_before_start",
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="program_fee_gte_0"),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def application_window_open(self, today: date | None = None) -> bool:
        """Published and today (where the host organisation is) within the window."""
        today = today or self.organisation.today()
        return self.is_public and self.application_opens <= today <= self.application_closes

    @property
    def seats_left(self) -> int:
        return max(self.seats - self.seats_taken, 0)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    def required_document_labels(self) -> list[str]:
        labels = dict(DocumentType.choices)
        return [str(labels.get(code, code)) for code in self.required_documents]

    def documents_for_supervisors_labels(self) -> list[str]:
        labels = dict(DocumentType.choices)
        return [str(labels.get(code, code)) for code in self.documents_for_supervisors]

    def covered_labels(self) -> list[str]:
        pairs = [
            (self.covers_travel, _("Travel")),
            (self.covers_stipend, _("Stipend")),
            (self.covers_housing, _("Housing")),
            (self.covers_meals, _("Meals")),
        ]
        return [str(label) for covered, label in pairs if covered]


class RotationSite(models.Model):
    """A department where the program's trainees rotate for a period, with a capacity."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="rotation_sites"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="rotation_sites",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), help_text=_("Trainees this site takes at the same time in this period.")
    )

    class Meta:
        ordering = ["start_date", "department__hospital__name"]
        verbose_name = _("rotation site")
        verbose_name_plural = _("rotation sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")), name="rotation_start_before_end"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="rotation_capacity_gte_0"),
            models.UniqueConstraint(
                fields=["program", "department", "start_date"], name="rotation_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} ({self.start_date:%d %b}–{self.end_date:%d %b %Y})"


class ProgramStatusChange(models.Model):
    """History row written by the one transition function: who, when, from, to, why."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Program.Status.choices)
    to_status = models.CharField(max_length=20, choices=Program.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("program status change")
        verbose_name_plural = _("program status changes")

    def __str__(self) -> str:
        return f"{self.program}: {self.from_status} → {self.to_status}"
