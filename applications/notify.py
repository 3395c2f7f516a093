"""What the applications app tells people, and its reminder rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.selectors import coordinators_of
from applications.models import Application, Offer
from core import dates
from notifications.registry import EMAIL, Kind, register
from notifications.reminders import Reminder, reminder_rule
from notifications.services import notify

RECEIVED = register(
    Kind(
        name="applications.received",
        label=_("A new application was submitted to one of your programs"),
        template="applications/email/received",
        audience=("coordinator",),
    )
)
STATUS_CHANGED = register(
    Kind(
        name="applications.status_changed",
        label=_("Your application changed status"),
        template="applications/email/status_changed",
        optional=False,  # decisions about one's application always arrive
        audience=("trainee",),
    )
)
OFFER_MADE = register(
    Kind(
        name="applications.offer_made",
        label=_("You received an offer"),
        template="applications/email/offer_made",
        optional=False,
        audience=("trainee",),
    )
)
TRAINEE_ANSWERED = register(
    Kind(
        name="applications.trainee_answered",
        label=_("An applicant accepted, declined or withdrew"),
        template="applications/email/trainee_answered",
        audience=("coordinator",),
    )
)
OFFER_EXPIRING = register(
    Kind(
        name="applications.offer_expiring",
        label=_("Reminder: your offer expires soon"),
        template="applications/email/offer_expiring",
        optional=False,
        audience=("trainee",),
    )
)

REFEREE_REQUEST = register(
    Kind(
        name="applications.referee_request",
        label=_("A request for a recommendation or nomination letter"),
        template="applications/email/referee_request",
        optional=False,  # sent to a referee without an account: there is nobody to opt out
        channels=(EMAIL,),
    )
)
REFEREE_LETTER_RECEIVED = register(
    Kind(
        name="applications.referee_letter_received",
        label=_("A letter for your application arrived"),
        template="applications/email/referee_letter_received",
        audience=("trainee",),
    )
)
REFEREE_LETTER_TO_READ = register(
    Kind(
        name="applications.referee_letter_to_read",
        label=_("A recommendation or nomination letter arrived for an application"),
        template="applications/email/referee_letter_to_read",
        audience=("coordinator",),
    )
)


def application_moved(application, *, source: str, to: str, by: User | None, reason: str) -> None:
    """Called by `application_transition`, inside its transaction."""
    S = Application.Status
    context = {"application": application, "program": application.program, "reason": reason}
    organisation = application.program.organisation
    review_link = reverse("applications:review_detail", args=[application.pk])
    own_link = reverse("applications:detail", args=[application.pk])
    if to == S.SUBMITTED:
        notify(
            recipients=coordinators_of(application.program.organisation_id),
            kind=RECEIVED.name,
            context=context,
            link=review_link,
            organisation=organisation,
        )
    if to in (S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.REJECTED, S.EXPIRED):
        notify(
            recipients=[application.trainee],
            kind=STATUS_CHANGED.name,
            context={**context, "status": to},
            link=own_link,
            organisation=organisation,
        )
    if to in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED):
        notify(
            recipients=coordinators_of(application.program.organisation_id),
            kind=TRAINEE_ANSWERED.name,
            context={**context, "status": to},
            link=review_link,
            organisation=organisation,
        )


def offer_made(offer) -> None:
    application = offer.application
    notify(
        recipients=[application.trainee],
        kind=OFFER_MADE.name,
        context={"application": application, "program": application.program, "offer": offer},
        link=reverse("applications:detail", args=[application.pk]),
        organisation=application.program.organisation,
    )


def referee_requested(referee, *, link: str) -> None:
    """Mail the referee their upload link (`link` is absolute); called inside the transaction
    that creates or renews the request. No in-app row: the referee has no account."""
    application = referee.application
    notify(
        recipients=[referee.email],
        kind=REFEREE_REQUEST.name,
        context={
            "referee": referee,
            "application": application,
            "program": application.program,
            "applicant": application.trainee.display_name,
            "upload_url": link,
        },
        organisation=application.program.organisation,
        language=application.trainee.language,
    )


def referee_letter_received(referee) -> None:
    """The applicant learns that a letter came (never the letter itself); the coordinators
    learn there is one to read, unless the application is still a draft they cannot see."""
    application = referee.application
    context = {"referee": referee, "application": application, "program": application.program}
    organisation = application.program.organisation
    notify(
        recipients=[application.trainee],
        kind=REFEREE_LETTER_RECEIVED.name,
        context=context,
        link=reverse("applications:detail", args=[application.pk]),
        organisation=organisation,
    )
    if application.status != Application.Status.DRAFT:
        notify(
            recipients=coordinators_of(application.program.organisation_id),
            kind=REFEREE_LETTER_TO_READ.name,
            context={**context, "applicant": application.trainee.display_name},
            link=reverse("applications:review_detail", args=[application.pk]),
            organisation=organisation,
        )


@reminder_rule("applications.offer-expiring")
def offers_expiring_soon(now: datetime) -> Iterator[Reminder]:
    """An applicant who has not answered is reminded when 3 days or fewer are left before
    the last day to answer, counted in days where the host is."""
    # The last day to answer is at most 3 days after today there: the offer ends before
    # the first moment of the fourth day.
    ending_within_three_days = Organisation.where_today(
        path="application__program__organisation",
        rule=lambda today, zone: Q(deadline__lte=dates.day_start(today + timedelta(days=4), zone)),
        now=now,
    )
    soon = Offer.objects.filter(
        ending_within_three_days, status=Offer.Status.OPEN, deadline__gt=now
    ).select_related("application__trainee", "application__program__organisation")
    for offer in soon:
        application = offer.application
        yield Reminder(
            recipients=[application.trainee],
            kind=OFFER_EXPIRING.name,
            context={"application": application, "program": application.program, "offer": offer},
            object_key=f"offer:{offer.pk}",
            threshold="3d",
            link=reverse("applications:detail", args=[application.pk]),
            organisation=application.program.organisation,
        )
