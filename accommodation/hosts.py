"""A host (a family, a supervisor offering a room) answers a proposed guest by a signed link,
without an account. The link shows that proposal only; accepting confirms the stay (under the
bed's lock and the database's "one guest a night"); declining records the answer and the next
best bed is proposed at once (asked by link again when it is a host's)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accommodation import engine, services
from accommodation.models import HousingRequest, Provider, Stay
from accommodation.notify import hospitals_of, host_asked, host_declined, stay_confirmed
from accounts.models import User
from accounts.permissions import require_manages
from core.constraints import refused_on

HOST_SALT = "accommodation.host"
# Long enough for a family to talk it over; the coordinator can ask again afterwards.
HOST_LINK_MAX_AGE = timedelta(days=14)


class HostLinkUnavailable(Exception):
    """The link cannot be used: `reason` is EXPIRED or ANSWERED."""

    EXPIRED, ANSWERED = "expired", "answered"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def host_token(stay: Stay) -> str:
    """The token in the e-mailed link: the stay's id, signed and timestamped."""
    return signing.dumps(stay.pk, salt=HOST_SALT)


def host_url(stay: Stay) -> str:
    return settings.PORTAL_URL + reverse("accommodation:host_answer", args=[host_token(stay)])


def stay_from_token(token: str) -> Stay | None:
    """The proposal a link points to; None when tampered with (or unknown); raises
    HostLinkUnavailable when expired or already answered."""
    try:
        pk = signing.loads(token, salt=HOST_SALT, max_age=HOST_LINK_MAX_AGE)
    except signing.SignatureExpired as expired:
        raise HostLinkUnavailable(HostLinkUnavailable.EXPIRED) from expired
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    stay = (
        Stay.objects.select_related(
            "bed__provider", "request__application__trainee", "request__application__program"
        )
        .filter(pk=pk, host_asked_at__isnull=False)
        .first()
    )
    if stay is not None and (stay.host_answered_at or stay.status != Stay.Status.PROPOSED):
        raise HostLinkUnavailable(HostLinkUnavailable.ANSWERED)
    return stay


def proposal(stay: Stay) -> dict:
    """What the host's page shows, and nothing more: the guest's first name, the dates, the
    hospitals, the room."""
    application = stay.request.application
    return {
        "first_name": application.trainee.first_name,
        "start": stay.start,
        "end": stay.end,
        "hospitals": hospitals_of(application),
        "room": stay.bed.label,
        "provider": stay.bed.provider.name,
        "organisation": application.program.organisation.name,
    }


def answers_by_link(provider: Provider) -> bool:
    """Hosts who are asked before a guest is confirmed: families and people with a room."""
    return provider.kind == Provider.Kind.HOST_FAMILY or provider.managed_by_id is not None


def _ask(stay: Stay) -> Stay:
    Stay.objects.filter(pk=stay.pk).update(host_asked_at=timezone.now())
    stay.host_asked_at = timezone.now()
    host_asked(stay, host_url(stay))
    return stay


@transaction.atomic
def ask_host(*, stay: Stay, by: User) -> Stay:
    """The coordinator sends a proposed stay to the bed's host for an answer."""
    stay = Stay.objects.select_related("bed__provider", "request__application__program").get(
        pk=stay.pk
    )
    require_manages(by, stay.request.application.program.organisation_id)
    if stay.status != Stay.Status.PROPOSED:
        raise services.BedTaken(_("Only a proposed stay can be sent to the host."))
    return _ask(stay)


def accept(stay: Stay, *, note: str = "") -> Stay:
    """The host takes the guest: the stay is confirmed (nobody else holds the bed then)."""
    with transaction.atomic():
        services._lock_bed(stay.bed_id)
        locked = Stay.objects.select_related("request__application__program", "bed__provider").get(
            pk=stay.pk
        )
        if locked.status != Stay.Status.PROPOSED or locked.host_answered_at:
            raise HostLinkUnavailable(HostLinkUnavailable.ANSWERED)
        if services._bed_taken(locked):
            raise services._taken()
        locked.status = Stay.Status.CONFIRMED
        locked.confirmed_at = locked.host_answered_at = timezone.now()
        locked.host_note = note[:500]
        with refused_on({services.BED_ONE_GUEST_A_NIGHT: services._taken()}):
            locked.save(update_fields=["status", "confirmed_at", "host_answered_at", "host_note"])
        locked.request.stays.exclude(pk=locked.pk).filter(
            status=Stay.Status.PROPOSED, start__lt=locked.end, end__gt=locked.start
        ).update(status=Stay.Status.CANCELLED)
        services.settle_request(locked.request_id)
        stay_confirmed(locked)
    return locked


def decline(stay: Stay, *, note: str = "") -> Stay | None:
    """The host cannot take the guest: recorded, and the next best bed is proposed (returned,
    or None when no other bed fits); the coordinators are told either way."""
    with transaction.atomic():
        locked = Stay.objects.select_for_update().get(pk=stay.pk)
        if locked.status != Stay.Status.PROPOSED or locked.host_answered_at:
            raise HostLinkUnavailable(HostLinkUnavailable.ANSWERED)
        locked.status = Stay.Status.DECLINED
        locked.host_answered_at = timezone.now()
        locked.host_note = note[:500]
        locked.save(update_fields=["status", "host_answered_at", "host_note"])
        following = propose_next(stay.request, start=locked.start, end=locked.end)
        if following is None:
            HousingRequest.objects.filter(pk=stay.request_id).update(
                status=HousingRequest.Status.OPEN
            )
        host_declined(locked, following)
        if following is not None and answers_by_link(following.bed.provider):
            _ask(following)
    return following


def propose_next(request: HousingRequest, *, start, end) -> Stay | None:
    """The cheapest bed by the matching's own cost among those meeting every hard
    constraint, leaving out beds a host declined for this request."""
    organisation = request.application.program.organisation
    declined = set(
        request.stays.filter(status=Stay.Status.DECLINED).values_list("bed_id", flat=True)
    )
    wanted = services._engine_request(request)
    options = []
    for bed, km in services.alternatives(request, organisation):
        if bed.pk in declined:
            continue
        windows = [(w.start, w.end) for w in bed.availability.all()]
        cost = engine.pair_cost(wanted, services._engine_bed(bed, windows))
        options.append((cost, km, bed.pk, bed))
    if not options:
        return None
    cost, km, _pk, bed = min(options, key=lambda option: option[:3])
    HousingRequest.objects.filter(pk=request.pk).update(status=HousingRequest.Status.PROPOSED)
    return Stay.objects.create(
        request=request,
        bed=bed,
        start=start,
        end=end,
        cost=cost,
        distance_km=km,
        explanation=(
            _("Next option after a host declined: %(bed)s, %(km).1f km.")
            % {
                "bed": bed,
                "km": km,
            }
        )[:500],
    )
