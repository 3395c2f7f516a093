"""Background jobs: an action over many rows that runs in a Celery task, with its progress and
result kept in the database, seen only by the person who started it (core.jobs)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BackgroundJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=60)  # the task that runs it, e.g. "placements.tasks.x"
    title = models.CharField(max_length=200)  # in the starter's language, set when started
    language = models.CharField(max_length=10, default="en")  # messages of the result
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="background_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    params = models.JSONField(default=dict)  # the input, e.g. {"ids": [...], "to": "..."}
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.CharField(max_length=500, blank=True)
    problems = models.JSONField(default=list)  # a message per row that was refused
    result_url = models.CharField(max_length=300, blank=True)  # where to go next, if anywhere
    back_url = models.CharField(max_length=300, blank=True)  # the page it was started from
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="background_job_done_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
