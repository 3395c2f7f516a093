"""Placements: a trainee's application × department × supervisor × dates, approved by the
supervisor; the training plan the supervisor writes for it; per-person calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import private_storage


class Placement(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned (not sent yet)")
        PROPOSED = "proposed", _("Waiting for the supervisor")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CONFIRMED = "confirmed", _("Confirmed")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    # Statuses that hold a place in the department and with the supervisor.
    HOLDING = ("planned", "proposed", "approved", "confirmed", "in_progress")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="placements"
    )
    # The application's trainee, copied so that PostgreSQL can hold "one trainee is never in
    # two places at once" across all their applications (an exclusion constraint cannot
    # join). Set by save(); on PostgreSQL a composite foreign key to (application, trainee)
    # refuses any write that disagrees with the application (migration 0002).
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    rotation_site = models.ForeignKey(
        "programs.RotationSite",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    department = models.ForeignKey(
        "hospitals.Department", on_delete=models.PROTECT, related_name="placements"
    )
    supervisor = models.ForeignKey(
        "hospitals.Supervisor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    comment = models.CharField(_("supervisor's comment"), max_length=500, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        # Dates are inclusive (a one-day placement starts and ends on the same day). On
        # PostgreSQL, migration 0002 adds "placement_trainee_never_twice_at_once": a
        # trainee's placements that hold a place (HOLDING) never overlap.
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="placement_dates_in_order"
            )
        ]
        indexes = [
            models.Index(fields=["department", "start_date", "end_date"], name="placement_load"),
            models.Index(fields=["supervisor", "status"], name="placement_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} @ {self.department_id} {self.start_date}–{self.end_date}"

    def save(self, *args, **kwargs) -> None:
        if self._state.adding or self.trainee_id is None:  # a placement never changes hands
            self.trainee_id = self.application.trainee_id
        super().save(*args, **kwargs)

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDING


class PlacementStatusChange(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=Placement.Status.choices)
    to_status = models.CharField(max_length=20, choices=Placement.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_status} → {self.to_status}"


class TrainingPlan(models.Model):
    """What the trainee will do, week by week (seed 000: outpatient clinics, ward rounds,
    case discussions, surgeries, lectures, language course). Shared when published."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="training_plan"
    )
    summary = models.TextField(_("goals and summary"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")

    def __str__(self) -> str:
        return f"plan {self.placement_id}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TrainingActivity(models.Model):
    class Kind(models.TextChoices):
        OUTPATIENT = "outpatient", _("Outpatient clinic")
        WARD_ROUND = "ward_round", _("Ward round")
        CASE_DISCUSSION = "case_discussion", _("Case discussion")
        SURGERY = "surgery", _("Surgery (observation or assisting)")
        LECTURE = "lecture", _("Lecture or seminar")
        LANGUAGE = "language", _("Language course")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="activities")
    week = models.PositiveSmallIntegerField(_("week"))
    kind = models.CharField(_("activity"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["week", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"week {self.week}: {self.kind}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A secret address for a person's placements as an iCalendar feed; reset makes the old
    address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"feed {self.user_id}"


class ReadinessExport(models.Model):
    """A CSV or XLSX export of the readiness dashboard, made by a Celery task; the page
    polls its progress."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(upload_to="exports/", storage=private_storage, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format})"

    @property
    def done(self) -> bool:
        return self.finished_at is not None


class SchedulePlan(models.Model):
    """A suggestion for a program's empty schedule cells, computed in the background
    (placements.suggestions) and shown to the coordinator who asked for it; applied all at
    once — or not at all, if the schedule or the room it assumed changed meanwhile."""

    class Status(models.TextChoices):
        READY = "ready", _("Ready to review")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Discarded")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READY)
    # [[application id, week index, rotation site id], ...]: the cells to fill.
    cells = models.JSONField(default=list)
    # [[application id, week index], ...]: the cells that stay empty.
    empty = models.JSONField(default=list)
    # {rotation site id: {week index: places}}: the room the suggestion assumed.
    rooms = models.JSONField(default=dict)
    # The program's schedule, applicants and sites when computed (suggestions.fingerprint).
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("schedule suggestion")
        verbose_name_plural = _("schedule suggestions")

    def __str__(self) -> str:
        return f"plan {self.pk} for {self.program_id} ({self.status})"
