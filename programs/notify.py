"""What the programs app tells people, and its reminder rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from notifications.registry import Kind, register
from notifications.reminders import Reminder, reminder_rule
from programs.models import Program

DRAFT_WINDOW_OPENS = register(
    Kind(
        name="programs.draft_window_opens",
        label=_("Reminder: a draft program's application window opens soon"),
        template="programs/email/draft_window_opens",
        audience=("coordinator",),
    )
)


@reminder_rule("programs.draft-window-opens")
def draft_programs_opening_soon(now: datetime) -> Iterator[Reminder]:
    """Coordinators are reminded of draft programs whose application window opens within
    7 days (counted from today where the host is): unpublished, nobody can apply."""
    opening_soon = Organisation.where_today(
        path="organisation",
        rule=lambda today, _zone: Q(
            application_opens__gte=today, application_opens__lte=today + timedelta(days=7)
        ),
        now=now,
    )
    programs = (
        Program.objects.filter(opening_soon, status=Program.Status.DRAFT)
        .select_related("organisation")
        .prefetch_related("organisation__coordinators")
    )
    for program in programs:
        coordinators = [c for c in program.organisation.coordinators.all() if c.is_active]
        days = (program.application_opens - program.organisation.today(now)).days
        yield Reminder(
            recipients=coordinators,
            kind=DRAFT_WINDOW_OPENS.name,
            context={"program": program, "days": days},
            object_key=f"program:{program.pk}:{program.application_opens.isoformat()}",
            threshold="7d",
            link=reverse("programs:program_detail", args=[program.pk]),
            organisation=program.organisation,
        )
