"""Bulk shortlisting and rejecting over more rows than BACKGROUND_THRESHOLD: a background job
(core.jobs) with progress; each application moves on its own, and the result lists a message
per application that did not."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.permissions import require_manages
from applications import services
from applications.models import Application
from core.jobs import Outcome, Progress, background_threshold, job_start
from core.models import BackgroundJob
from programs.models import Program


def in_background(count: int) -> bool:
    return count > background_threshold()


def bulk_review_start(
    *,
    program: Program,
    application_ids: Sequence[int],
    to: str,
    by: User,
    reason: str,
    back_url: str,
) -> BackgroundJob:
    require_manages(by, program.organisation_id)
    return job_start(
        kind="applications.tasks.bulk_review",
        title=_("Updating %(count)s applications to %(program)s")
        % {"count": len(application_ids), "program": program.title},
        by=by,
        params={"program": program.pk, "ids": sorted(application_ids), "to": to, "reason": reason},
        total=len(application_ids),
        back_url=back_url,
    )


def bulk_review_job(job: BackgroundJob, progress: Progress) -> Outcome:
    params = job.params
    applications = list(
        Application.objects.filter(program_id=params["program"], pk__in=params["ids"])
        .select_related("trainee", "program")
        .order_by("pk")
    )
    progress(0, len(applications), force=True)
    moved, problems = services.bulk_transition(
        applications=applications,
        to=params["to"],
        by=job.started_by,
        reason=params.get("reason", ""),
        on_row=progress,
    )
    return Outcome(
        summary=ngettext("%(count)s application updated.", "%(count)s applications updated.", moved)
        % {"count": moved},
        problems=problems,
        result_url=job.back_url,
    )
