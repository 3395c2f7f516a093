"""What the placements app tells people, and its reminder rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.selectors import coordinators_of
from core import dates
from notifications.registry import Kind, register
from notifications.reminders import Reminder, reminder_rule
from notifications.services import notify
from placements.models import Placement

REQUESTED = register(
    Kind(
        name="placements.requested",
        label=_("A placement waits for your approval"),
        template="placements/email/requested",
        audience=("supervisor",),
    )
)
DECIDED = register(
    Kind(
        name="placements.decided",
        label=_("A supervisor approved or declined a placement"),
        template="placements/email/decided",
        audience=("coordinator",),
    )
)
CANCELLED = register(
    Kind(
        name="placements.cancelled",
        label=_("A placement with you was cancelled"),
        template="placements/email/cancelled",
        audience=("supervisor",),
    )
)
PLAN_PUBLISHED = register(
    Kind(
        name="placements.plan_published",
        label=_("Your training plan is ready"),
        template="placements/email/plan_published",
        audience=("trainee",),
    )
)
PENDING_REMINDER = register(
    Kind(
        name="placements.pending_reminder",
        label=_("Reminder: placements wait for your approval"),
        template="placements/email/pending_reminder",
        optional=False,
        audience=("supervisor",),
    )
)
PENDING_ESCALATION = register(
    Kind(
        name="placements.pending_escalation",
        label=_("A placement has waited a week for its supervisor"),
        template="placements/email/pending_escalation",
        audience=("coordinator",),
    )
)


def placement_moved(placement, *, source: str, to: str, by, reason: str) -> None:
    """Called by `placement_transition`, inside its transaction."""
    application = placement.application
    program = application.program
    context = {
        "placement": placement,
        "program": program,
        "trainee": application.trainee,
        "reason": reason,
        "status": to,
    }
    supervisor_user = placement.supervisor.user if placement.supervisor_id else None
    if to == "proposed" and supervisor_user:
        notify(
            recipients=[supervisor_user],
            kind=REQUESTED.name,
            context=context,
            link=reverse("placements:inbox"),
            organisation=program.organisation,
        )
    elif to in ("approved", "declined"):
        notify(
            recipients=coordinators_of(program.organisation_id),
            kind=DECIDED.name,
            context=context,
            link=reverse("placements:schedule", args=[program.pk]),
            organisation=program.organisation,
        )
    elif to == "cancelled" and supervisor_user and source != "planned":
        notify(
            recipients=[supervisor_user],
            kind=CANCELLED.name,
            context=context,
            link=reverse("placements:inbox"),
            organisation=program.organisation,
        )


def plan_published(plan) -> None:
    placement = plan.placement
    notify(
        recipients=[placement.application.trainee],
        kind=PLAN_PUBLISHED.name,
        context={"plan": plan, "placement": placement, "program": placement.application.program},
        link=reverse("placements:plan", args=[placement.pk]),
        organisation=placement.application.program.organisation,
    )


def _waiting(now: datetime, days: int):
    """Requests sent `days` or more days ago, counted in dates where the host is: sent on a
    day at least `days` before today there, i.e. before the first moment of the day
    `days - 1` days ago."""
    sent_long_enough_ago = Organisation.where_today(
        path="application__program__organisation",
        rule=lambda today, zone: Q(
            proposed_at__lt=dates.day_start(today - timedelta(days=days - 1), zone)
        ),
        now=now,
    )
    return Placement.objects.filter(
        sent_long_enough_ago, status=Placement.Status.PROPOSED
    ).select_related(
        "supervisor__user", "application__program__organisation", "application__trainee"
    )


@reminder_rule("placements.pending-3-days")
def pending_for_three_days(now: datetime) -> Iterator[Reminder]:
    """The supervisor is reminded of a request that has waited 3 days."""
    for placement in _waiting(now, 3):
        yield Reminder(
            recipients=[placement.supervisor.user],
            kind=PENDING_REMINDER.name,
            context={
                "placement": placement,
                "trainee": placement.application.trainee,
                "program": placement.application.program,
            },
            object_key=f"placement:{placement.pk}:{placement.proposed_at:%Y%m%d%H%M}",
            threshold="3d",
            link=reverse("placements:inbox"),
            organisation=placement.application.program.organisation,
        )


@reminder_rule("placements.pending-7-days")
def pending_for_a_week(now: datetime) -> Iterator[Reminder]:
    """After 7 days without an answer the coordinators are told, to call or re-plan."""
    for placement in _waiting(now, 7):
        program = placement.application.program
        yield Reminder(
            recipients=coordinators_of(program.organisation_id),
            kind=PENDING_ESCALATION.name,
            context={
                "placement": placement,
                "trainee": placement.application.trainee,
                "program": program,
            },
            object_key=f"placement:{placement.pk}:{placement.proposed_at:%Y%m%d%H%M}",
            threshold="7d",
            link=reverse("placements:schedule", args=[program.pk]),
            organisation=program.organisation,
        )
