"""What the travel app tells people, and its reminder rules (run hourly by the
notifications app's beat task `notifications.tasks.run_reminders`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.selectors import coordinators_of
from applications.models import Application
from notifications.registry import EMAIL, Kind, register
from notifications.reminders import Reminder, reminder_rule
from notifications.services import notify
from travel.selectors import all_lead_times, travel_state

PICKUP_REQUEST = register(
    Kind(
        name="travel.pickup_request",
        label=_("Please meet a visiting doctor"),
        template="travel/email/pickup_request",
        optional=False,
        channels=(EMAIL,),
    )
)
PICKUP_ANSWERED = register(
    Kind(
        name="travel.pickup_answered",
        label=_("The pickup person answered"),
        template="travel/email/pickup_answered",
        optional=False,
        audience=("trainee", "coordinator"),
    )
)
PICKUP_WANTED = register(
    Kind(
        name="travel.pickup_wanted",
        label=_("A trainee asks to be picked up"),
        template="travel/email/pickup_wanted",
        audience=("coordinator",),
    )
)
VISA_LATE = register(
    Kind(
        name="travel.visa_late",
        label=_("Reminder: the visa is late"),
        template="travel/email/visa_late",
        optional=False,
        audience=("trainee", "coordinator"),
    )
)
VISA_APPOINTMENT = register(
    Kind(
        name="travel.visa_appointment",
        label=_("Reminder: visa appointment tomorrow"),
        template="travel/email/visa_appointment",
        audience=("trainee", "coordinator"),
    )
)


def _travel_link(application: Application) -> str:
    return reverse("travel:detail", args=[application.pk])


def pickup_request(pickup, arrival, *, token: str, changed: bool) -> None:
    """Ask the pickup person (no account: their address, in their language, English by
    default) to meet the trainee; again, with `changed`, when the flight or time changed."""
    application = pickup.application
    profile = getattr(application.trainee, "trainee_profile", None)
    has_photo = bool(profile and (profile.photo_thumbnail or profile.photo))
    notify(
        recipients=[pickup.email],
        kind=PICKUP_REQUEST.name,
        context={
            "pickup": pickup,
            "arrival": arrival,
            "trainee": application.trainee,
            "phone": profile.phone if profile else "",
            "program": application.program,
            "changed": changed,
            "photo_url": settings.PORTAL_URL + reverse("travel:pickup_photo", args=[token])
            if has_photo
            else "",
        },
        link=settings.PORTAL_URL + reverse("travel:pickup_link", args=[token]),
        organisation=application.program.organisation,
        language=pickup.language or "en",
    )


def pickup_wanted(arrival) -> None:
    """The trainee asks for a pickup and nobody is named yet: the coordinators are told."""
    application = arrival.application
    notify(
        recipients=coordinators_of(application.program.organisation_id),
        kind=PICKUP_WANTED.name,
        context={
            "arrival": arrival,
            "trainee": application.trainee,
            "program": application.program,
        },
        link=_travel_link(application),
        organisation=application.program.organisation,
    )


def pickup_answered(pickup) -> None:
    application = pickup.application
    notify(
        recipients=[application.trainee, *coordinators_of(application.program.organisation_id)],
        kind=PICKUP_ANSWERED.name,
        context={"pickup": pickup, "trainee": application.trainee, "program": application.program},
        link=_travel_link(application),
        organisation=application.program.organisation,
    )


def _accepted_starting_within(now: datetime, days: int):
    starting = Organisation.where_today(
        path="program__organisation",
        rule=lambda today, _zone: Q(
            program__start_date__gt=today, program__start_date__lte=today + timedelta(days=days)
        ),
        now=now,
    )
    return Application.objects.filter(starting, status=Application.Status.ACCEPTED)


@reminder_rule("travel.visa-late")
def visa_late(now: datetime) -> Iterator[Reminder]:
    """Accepted trainees whose visa is late (the start nearer than the lead time for their
    nationality plus the margin, from the host's today): the trainee and the coordinators,
    once per application and visa status."""
    leads = all_lead_times()
    applications = (
        _accepted_starting_within(now, 366)
        .exclude(visa__status__in=["granted", "not_needed"])
        .select_related("trainee__trainee_profile", "program__organisation", "visa")
        .select_related("arrival", "pickup")
    )
    for application in applications:
        organisation = application.program.organisation
        state = travel_state(application, today=organisation.today(now), leads=leads)
        if not state.visa_late:
            continue
        status = getattr(getattr(application, "visa", None), "status", "none")
        yield Reminder(
            recipients=[application.trainee, *coordinators_of(organisation.pk)],
            kind=VISA_LATE.name,
            context={
                "application": application,
                "program": application.program,
                "trainee": application.trainee,
            },
            object_key=f"application:{application.pk}",
            threshold=status,
            link=_travel_link(application),
            organisation=organisation,
        )


@reminder_rule("travel.visa-appointment")
def visa_appointment_tomorrow(now: datetime) -> Iterator[Reminder]:
    """The day before a booked visa appointment (the host's tomorrow)."""
    applications = (
        _accepted_starting_within(now, 366)
        .filter(visa__status="appointment")
        .select_related("trainee", "program__organisation", "visa")
    )
    for application in applications:
        organisation = application.program.organisation
        if application.visa.appointment_on != organisation.today(now) + timedelta(days=1):
            continue
        yield Reminder(
            recipients=[application.trainee, *coordinators_of(organisation.pk)],
            kind=VISA_APPOINTMENT.name,
            context={
                "visa": application.visa,
                "program": application.program,
                "trainee": application.trainee,
            },
            object_key=f"application:{application.pk}",
            threshold=application.visa.appointment_on.isoformat(),
            link=_travel_link(application),
            organisation=organisation,
        )
