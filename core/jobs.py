"""Long actions in the background: a `BackgroundJob` row holds what was asked, how far the
Celery task got (done of total) and what came out (a summary, a message per refused row, a page
to go to next). Only the person who started a job sees it; its page polls the progress with
htmx (and reloads itself without JavaScript). The same pattern as the readiness export
(dashboards.exports), made generic.

An app starts a job with `job_start(kind="app.tasks.name", ...)`: the row is written and the
task (by that name) queued after the transaction commits (core.tasks' convention). The task is a thin wrapper that calls
`job_run(job_id, work)`, where `work(job, progress)` does the domain work, calls `progress(n)`
as rows are done and returns an `Outcome`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import Refused
from core.models import BackgroundJob
from core.tasks import send_task_now

logger = logging.getLogger(__name__)
J = BackgroundJob.Status


def background_threshold() -> int:
    """Above this many rows an action runs as a background job (setting BACKGROUND_THRESHOLD)."""
    return getattr(settings, "BACKGROUND_THRESHOLD", 50)


@dataclass
class Outcome:
    summary: str
    problems: Sequence[str] = field(default_factory=list)
    result_url: str = ""


def job_start(
    *, kind: str, title: str, by, params: dict, total: int = 0, back_url: str = ""
) -> BackgroundJob:
    """Record the job and queue its task (`kind`, a registered task name) after commit."""
    job = BackgroundJob.objects.create(
        kind=kind,
        title=str(title)[:200],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        started_by=by,
        params=params,
        total=total,
        back_url=back_url[:300],
    )
    transaction.on_commit(lambda: _queue(job))
    return job


def _queue(job: BackgroundJob) -> None:
    """Hand the job to Celery; if the broker cannot be reached, the job fails at once with a
    message (never a page that waits for ever, never a server error after the commit)."""
    try:
        send_task_now(job.kind, job.pk)
    except Exception:  # kombu/redis errors vary by transport; the log has the traceback
        logger.exception("background job %s could not be queued", job.pk)
        BackgroundJob.objects.filter(pk=job.pk, status=J.QUEUED).update(
            status=J.FAILED,
            error=_("The background worker cannot be reached; try again in a few minutes."),
            finished_at=timezone.now(),
        )


class Progress:
    """`progress(done)` records how many rows are done, at most a few times a second (each
    call outside any transaction of the work, so the page sees it at once)."""

    def __init__(self, job_id: int, total: int = 0, every: float = 0.5):
        self.job_id, self.total, self.every, self.last = job_id, total, every, 0.0

    def __call__(self, done: int, total: int | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.every:
            return
        self.last = now
        if total is not None:
            self.total = total
        done = min(done, self.total) if self.total else done
        BackgroundJob.objects.filter(pk=self.job_id).update(done=done, total=self.total)


def job_run(job_id: int, work: Callable[[BackgroundJob, Progress], Outcome]) -> None:
    """Run a job's work once (a job redelivered after its worker died runs again from the
    start; the work is written to be safe to repeat). A refusal ends the job as failed with its
    message; any other error too, with a generic message (the log has the traceback)."""
    claimed = BackgroundJob.objects.filter(Q(pk=job_id), Q(status=J.QUEUED) | Q(status=J.RUNNING))
    if not claimed.update(status=J.RUNNING):
        return
    job = BackgroundJob.objects.select_related("started_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            outcome = work(job, Progress(job.pk, job.total))
        except Refused as refusal:
            _finish(job, status=J.FAILED, error=str(refusal))
        except Exception:
            logger.exception("background job %s failed", job_id)
            _finish(job, status=J.FAILED, error=_("An unexpected error stopped this job."))
            raise
        else:
            _finish(
                job,
                status=J.DONE,
                summary=str(outcome.summary)[:500],
                problems=[str(p) for p in outcome.problems],
                result_url=outcome.result_url[:300],
            )


def _finish(job: BackgroundJob, **changes) -> None:
    fresh = BackgroundJob.objects.filter(pk=job.pk).values_list("total", flat=True).first() or 0
    done = {"done": fresh} if changes["status"] == J.DONE else {}
    BackgroundJob.objects.filter(pk=job.pk).update(**changes, **done, finished_at=timezone.now())


def job_for(user, pk: int) -> BackgroundJob:
    """The job, for the person who started it; 404 for anyone else."""
    return get_object_or_404(BackgroundJob, pk=pk, started_by_id=user.pk or 0)
