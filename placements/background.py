"""Bulk approval (the supervisor's inbox) and sending planned placements (the coordinator's
schedule) over more rows than BACKGROUND_THRESHOLD: background jobs (core.jobs) with progress;
each placement moves on its own and the result lists a message per one that did not."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from core.jobs import Outcome, Progress, background_threshold, job_start
from core.models import BackgroundJob
from placements import services
from placements.models import Placement
from programs.models import Program


def in_background(count: int) -> bool:
    return count > background_threshold()


def bulk_approve_start(*, placement_ids: Sequence[int], by: User) -> BackgroundJob:
    return job_start(
        kind="placements.tasks.bulk_approve",
        title=_("Approving %(count)s placement requests") % {"count": len(placement_ids)},
        by=by,
        params={"ids": sorted(placement_ids)},
        total=len(placement_ids),
        back_url=reverse("placements:inbox"),
    )


def bulk_approve_job(job: BackgroundJob, progress: Progress) -> Outcome:
    chosen = list(
        Placement.objects.filter(pk__in=job.params["ids"], supervisor__user=job.started_by)
        .select_related("supervisor__user", "application__program")
        .order_by("pk")
    )
    progress(0, len(chosen), force=True)
    done, problems = services.bulk_approve(placements=chosen, by=job.started_by, on_row=progress)
    return Outcome(
        summary=ngettext("%(count)s placement approved.", "%(count)s placements approved.", done)
        % {"count": done},
        problems=problems,
        result_url=reverse("placements:inbox"),
    )


def propose_start(*, program: Program, by: User) -> BackgroundJob:
    services.require_coordinator(by, program)
    total = services.planned_of(program).count()
    return job_start(
        kind="placements.tasks.propose_planned",
        title=_("Sending %(count)s planned placements to supervisors") % {"count": total},
        by=by,
        params={"program": program.pk},
        total=total,
        back_url=reverse("placements:schedule", args=[program.pk]),
    )


def propose_job(job: BackgroundJob, progress: Progress) -> Outcome:
    program = Program.objects.get(pk=job.params["program"])
    progress(0, services.planned_of(program).count(), force=True)
    sent, problems = services.propose_planned(program=program, by=job.started_by, on_row=progress)
    return Outcome(
        summary=ngettext(
            "%(count)s placement request sent to supervisors.",
            "%(count)s placement requests sent to supervisors.",
            sent,
        )
        % {"count": sent},
        problems=problems,
        result_url=reverse("placements:schedule", args=[program.pk]),
    )
