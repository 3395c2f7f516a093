"""What the accommodation app tells people, and its reminder rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accommodation.models import OutsideArrangement, Stay
from accounts.models import Organisation, User
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

HOST_ASKED = register(
    Kind(
        name="accommodation.host_asked",
        label=_("A guest is proposed for your room"),
        template="accommodation/email/host_asked",
        optional=False,
    )
)
HOST_DECLINED = register(
    Kind(
        name="accommodation.host_declined",
        label=_("A host declined a proposed guest"),
        template="accommodation/email/host_declined",
        optional=False,
        audience=("coordinator",),
    )
)
STAY_ENDING = register(
    Kind(
        name="accommodation.stay_ending",
        label=_("Reminder: your housing ends before your placement"),
        template="accommodation/email/stay_ending",
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


def _host_address(provider):
    """The provider's contact: their account when they have one (mail in their language),
    else the bare address."""
    user = User.objects.filter(email__iexact=provider.contact_email, is_active=True).first()
    return user or provider.contact_email


def host_asked(stay, link: str) -> None:
    """The host gets the proposal with the signed link: first name, dates, hospital only."""
    application = stay.request.application
    program = application.program
    notify(
        recipients=[_host_address(stay.bed.provider)],
        kind=HOST_ASKED.name,
        context={
            "stay": stay,
            "provider": stay.bed.provider,
            "first_name": application.trainee.first_name,
            "hospitals": hospitals_of(application),
            "organisation": program.organisation,
            "answer_link": link,
        },
        organisation=program.organisation,
    )


def host_declined(stay, following) -> None:
    application = stay.request.application
    notify(
        recipients=coordinators_of(application.program.organisation_id),
        kind=HOST_DECLINED.name,
        context={"stay": stay, "trainee": application.trainee, "following": following},
        link=reverse("accommodation:matching", args=[application.program_id]),
        organisation=application.program.organisation,
    )


def hospitals_of(application) -> str:
    names = application.placements.exclude(status__in=["cancelled", "declined"]).values_list(
        "department__hospital__name", flat=True
    )
    if not names:  # nothing placed yet: the program's hospitals
        names = application.program.rotation_sites.values_list(
            "department__hospital__name", flat=True
        )
    return ", ".join(dict.fromkeys(names)) or application.program.organisation.name


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


ENDING_THRESHOLDS = (30, 7)  # days before a stay ends while the placement goes on


def _last_day(application) -> date | None:
    return max(
        (
            p.end_date
            for p in application.placements.all()
            if p.status not in ("cancelled", "declined")
        ),
        default=None,
    )


def _housed_after(application, day: date) -> bool:
    """Another confirmed stay or outside arrangement covers the night of `day`."""
    request = getattr(application, "housing_request", None)
    stays = request.stays.all() if request is not None else []
    return any(s.start <= day < s.end for s in stays if s.status == "confirmed") or any(
        a.start <= day < a.end for a in application.outside_housing.all()
    )


def _ending(model, path: str, now: datetime, **filters):
    soon = Organisation.where_today(
        path=path,
        rule=lambda today, _zone: Q(
            end__gt=today, end__lte=today + timedelta(days=max(ENDING_THRESHOLDS))
        ),
        now=now,
    )
    return model.objects.filter(soon, **filters)


@reminder_rule("accommodation.stay-ending")
def stay_ending(now: datetime) -> Iterator[Reminder]:
    """A stay (or housing arranged outside) that covers only part of the placement: the
    trainee and the coordinators are reminded 30 and 7 days before it ends, while nothing
    houses the trainee from that day on, once per threshold."""
    stays = _ending(
        Stay,
        "request__application__program__organisation",
        now,
        status=Stay.Status.CONFIRMED,
    ).select_related("request__application")
    outside = _ending(
        OutsideArrangement,
        "application__program__organisation",
        now,
        cancelled_at__isnull=True,
    ).select_related("application")
    items = [(f"stay:{s.pk}", s.request.application_id, s.end) for s in stays] + [
        (f"outside:{a.pk}", a.application_id, a.end) for a in outside
    ]
    applications = Application.objects.select_related(
        "trainee", "program__organisation", "housing_request"
    ).prefetch_related("placements", "housing_request__stays", "outside_housing")
    by_id = applications.in_bulk({application_id for _key, application_id, _end in items})
    for key, application_id, end in items:
        application = by_id[application_id]
        last = _last_day(application)
        if last is None or last < end or _housed_after(application, end):
            continue
        organisation = application.program.organisation
        days = (end - organisation.today(now)).days
        yield Reminder(
            recipients=[application.trainee, *coordinators_of(organisation.pk)],
            kind=STAY_ENDING.name,
            context={"application": application, "trainee": application.trainee, "end": end},
            object_key=key,
            threshold=f"{min(t for t in ENDING_THRESHOLDS if days <= t)}d",
            link=reverse("accommodation:mine", args=[application.pk]),
            organisation=organisation,
        )
