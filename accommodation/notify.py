"""What the accommodation app tells people, and its reminder rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.selectors import coordinators_of
from applications.models import Application
from notifications.registry import Kind, register
from notifications.reminders import Reminder, reminder_rule
from notifications.services import notify

STAY_CONFIRMED = register(
    Kind(
        name="accommodation.stay_confirmed",
        label=_("Your housing is confirmed"),
        template="accommodation/email/stay_confirmed",
        optional=False,
        audience=("trainee",),
    )
)
GUEST_CONFIRMED = register(
    Kind(
        name="accommodation.guest_confirmed",
        label=_("A guest is confirmed for your bed"),
        template="accommodation/email/guest_confirmed",
        optional=False,
    )
)
HOUSING_MISSING = register(
    Kind(
        name="accommodation.housing_missing",
        label=_("Reminder: housing not confirmed yet"),
        template="accommodation/email/housing_missing",
        optional=False,
    )
)

THRESHOLDS = (90, 60, 30)  # days before the start (seed 000: no housing 3 months before)


def stay_confirmed(stay) -> None:
    application = stay.request.application
    provider = stay.bed.provider
    context = {
        "stay": stay,
        "provider": provider,
        "trainee": application.trainee,
        "program": application.program,
    }
    organisation = application.program.organisation
    notify(
        recipients=[application.trainee],
        kind=STAY_CONFIRMED.name,
        context=context,
        link=reverse("accommodation:mine", args=[application.pk]),
        organisation=organisation,
    )
    notify(
        recipients=[provider.managed_by or provider.contact_email],
        kind=GUEST_CONFIRMED.name,
        context=context,
        organisation=organisation,
        language="en",
    )


@reminder_rule("accommodation.housing-missing")
def housing_missing(now: datetime) -> Iterator[Reminder]:
    """Accepted trainees without confirmed housing 90, 60 and 30 days before the start (days
    counted from today where the host is): the trainee and the coordinators are reminded,
    once per threshold."""
    starting_soon = Organisation.where_today(
        path="program__organisation",
        rule=lambda today, _zone: Q(
            program__start_date__gt=today,
            program__start_date__lte=today + timedelta(days=max(THRESHOLDS)),
        ),
        now=now,
    )
    accepted = (
        Application.objects.filter(starting_soon, status=Application.Status.ACCEPTED)
        .exclude(housing_request__status="confirmed")
        .select_related("trainee", "program__organisation")
    )
    for application in accepted:
        program = application.program
        days = (program.start_date - program.organisation.today(now)).days
        threshold = min(t for t in THRESHOLDS if days <= t)
        coordinators = coordinators_of(application.program.organisation_id)
        yield Reminder(
            recipients=[application.trainee, *coordinators],
            kind=HOUSING_MISSING.name,
            context={
                "application": application,
                "program": application.program,
                "days": days,
                "trainee": application.trainee,
            },
            object_key=f"application:{application.pk}",
            threshold=f"{threshold}d",
            link=reverse("accommodation:mine", args=[application.pk]),
            organisation=application.program.organisation,
        )
