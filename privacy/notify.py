"""What the privacy app tells people. No message names the person who asks for erasure:
the outbox keeps no trace of them once they are erased."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import coordinators_of
from notifications.registry import Kind, register
from notifications.services import notify

ERASURE_REQUESTED = register(
    Kind(
        name="privacy.erasure_requested",
        label=_("Someone asked for their personal data to be erased"),
        template="privacy/email/erasure_requested",
        optional=False,  # a legal deadline runs
        audience=("coordinator",),
    )
)
ERASURE_REFUSED = register(
    Kind(
        name="privacy.erasure_refused",
        label=_("Your erasure request was refused"),
        template="privacy/email/erasure_refused",
        optional=False,
        audience=("trainee",),
    )
)


def erasure_requested(request, organisation_ids: set[int]) -> None:
    """Tell the coordinators who may decide; administrators when the person applied nowhere."""
    people: list[User] = []
    for organisation_id in sorted(organisation_ids):
        people += coordinators_of(organisation_id)
    if not organisation_ids:
        people = list(User.objects.filter(is_superuser=True, is_active=True))
    notify(
        recipients=people,
        kind=ERASURE_REQUESTED.name,
        context={"request": request},
        link=reverse("privacy:erasure_decide", args=[request.pk]),
    )


def erasure_refused(request) -> None:
    notify(
        recipients=[request.subject],
        kind=ERASURE_REFUSED.name,
        context={"request": request},
        link=reverse("privacy:mine"),
    )
