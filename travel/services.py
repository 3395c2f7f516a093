"""Changing travel: the visa (with its history), the arrival, and the pickup person, who is
asked by e-mail with a signed link, re-asked when the flight changes, and answers by it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import manages_program
from applications.models import Application
from travel import notify
from travel.airports import NonexistentLocalTime, airport, to_utc
from travel.models import Arrival, Pickup, Visa, VisaChange
from travel.selectors import can_see_travel, related

PICKUP_SALT = "travel.pickup"
# The link works for a year: pickups are often arranged months ahead of a long fellowship.
PICKUP_LINK_MAX_AGE = 365 * 24 * 3600
# What the pickup person was told: a change of any of these asks them again.
ARRIVAL_FIELDS = ("mode", "flight_number", "airport", "place", "arrives_at", "meeting_point")
VISA_FIELDS = ("status", "appointment_on", "valid_from", "valid_until", "refusal_reason")


def _editable(application: Application, by: User) -> None:
    """Refuse strangers and applications not accepted; lock the application's row, so two
    first saves at once make one visa, arrival or pickup (each is one per application)."""
    if not can_see_travel(by, application):
        raise PermissionDenied
    status = (
        Application.objects.select_for_update()
        .filter(pk=application.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status != Application.Status.ACCEPTED:
        raise ValidationError(_("Travel details can be given once the offer is accepted."))


# --- Visa ------------------------------------------------------------------------------


def _visa_clean(data: dict) -> dict:
    status = data["status"]
    S = Visa.Status
    clean = {
        "status": status,
        "appointment_on": data.get("appointment_on") if status == S.APPOINTMENT else None,
        "valid_from": data.get("valid_from") if status == S.GRANTED else None,
        "valid_until": data.get("valid_until") if status == S.GRANTED else None,
        "refusal_reason": (data.get("refusal_reason") or "").strip() if status == S.REFUSED else "",
    }
    errors = {}
    if status == S.APPOINTMENT and not clean["appointment_on"]:
        errors["appointment_on"] = _("Give the date of the appointment.")
    if status == S.GRANTED and not (clean["valid_from"] and clean["valid_until"]):
        errors["valid_until"] = _("Give the dates the visa is valid from and until.")
    elif status == S.GRANTED and clean["valid_from"] > clean["valid_until"]:
        errors["valid_until"] = _("The visa cannot end before it starts.")
    if status == S.REFUSED and not clean["refusal_reason"]:
        errors["refusal_reason"] = _("Say why the visa was refused.")
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def visa_save(*, application: Application, by: User, data: dict) -> Visa:
    """Create or change the visa of an application (the trainee or the program's
    coordinator); every change is kept in the history with who, when, from and to."""
    _editable(application, by)
    clean = _visa_clean(data)
    visa = Visa.objects.select_for_update().filter(application=application).first()
    before = "" if visa is None else visa.status
    if visa is not None and all(getattr(visa, f) == clean[f] for f in VISA_FIELDS):
        return visa
    if visa is None:
        visa = Visa(application=application)
    for name, value in clean.items():
        setattr(visa, name, value)
    visa.save()
    VisaChange.objects.create(
        visa=visa, from_status=before, to_status=visa.status, by=by, summary=_summary(visa)
    )
    return visa


def _summary(visa: Visa) -> str:
    if visa.status == Visa.Status.APPOINTMENT:
        return visa.appointment_on.isoformat()
    if visa.status == Visa.Status.GRANTED:
        return f"{visa.valid_from.isoformat()} – {visa.valid_until.isoformat()}"
    return visa.refusal_reason[:300]


# --- Arrival ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ArrivalInput:
    mode: str
    day: date
    clock: time
    flight_number: str = ""
    airport: str = ""
    place: str = ""
    pickup_requested: bool = False
    meeting_point: str = ""


def _arrival_values(application: Application, given: ArrivalInput) -> dict:
    flight = given.mode == Arrival.Mode.FLIGHT
    code = given.airport.strip().upper() if flight else ""
    zone = application.program.organisation.time_zone
    if flight:
        found = airport(code)
        if found is None:
            raise ValidationError({"airport": _("No airport has the IATA code “%s”.") % code})
        if not given.flight_number.strip():
            raise ValidationError({"flight_number": _("Give the flight number.")})
        zone = found.time_zone
    try:
        moment = to_utc(given.day, given.clock, zone)
    except NonexistentLocalTime:
        raise ValidationError(
            {"clock": _("This time does not exist there: the clocks change that night.")}
        ) from None
    return {
        "mode": given.mode,
        "flight_number": given.flight_number.replace(" ", "").upper() if flight else "",
        "airport": code,
        "place": "" if flight else given.place.strip(),
        "arrives_at": moment,
        "time_zone": zone,
        "pickup_requested": given.pickup_requested,
        "meeting_point": given.meeting_point.strip() if given.pickup_requested else "",
    }


@transaction.atomic
def arrival_save(*, application: Application, by: User, given: ArrivalInput) -> Arrival:
    """The trainee's travel details (the coordinator may enter them too). The time is the
    local time where they arrive (the airport's zone), stored as a UTC moment with the zone.
    A change of what the pickup person was told asks them again and resets their answer."""
    _editable(application, by)
    values = _arrival_values(application, given)
    arrival = Arrival.objects.select_for_update().filter(application=application).first()
    changed = arrival is not None and any(getattr(arrival, f) != values[f] for f in ARRIVAL_FIELDS)
    newly_wanted = values["pickup_requested"] and (arrival is None or not arrival.pickup_requested)
    if arrival is None:
        arrival = Arrival(application=application)
    for name, value in values.items():
        setattr(arrival, name, value)
    arrival.save()
    pickup = Pickup.objects.select_for_update().filter(application=application).first()
    if pickup is not None and (changed or pickup.notified_at is None):
        _ask(pickup, arrival, changed=changed)  # named before the arrival was known: ask now
    elif pickup is None and newly_wanted:
        notify.pickup_wanted(arrival)
    return arrival


# --- Pickup ----------------------------------------------------------------------------


def pickup_token(pickup: Pickup) -> str:
    """The signed token of the pickup person's link; it names the person's address too, so a
    link mailed to someone who was replaced stops working."""
    return signing.dumps({"p": pickup.pk, "e": pickup.email.lower()}, salt=PICKUP_SALT)


def pickup_from_token(token: str) -> Pickup | None:
    try:
        payload = signing.loads(token, salt=PICKUP_SALT, max_age=PICKUP_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("p"), int):
        return None
    pickup = (
        Pickup.objects.select_related(
            "application__trainee__trainee_profile",
            "application__arrival",
            "application__program__organisation",
        )
        .filter(pk=payload["p"])
        .first()
    )
    if pickup is None or pickup.email.lower() != payload.get("e"):
        return None
    return pickup


def _ask(pickup: Pickup, arrival: Arrival | None, *, changed: bool) -> None:
    pickup.status = Pickup.Status.ASKED
    pickup.answered_at = None
    pickup.answer_note = ""
    if arrival is not None:
        pickup.notified_at = timezone.now()
    pickup.save()  # first: the link's token names the row
    if arrival is not None:
        notify.pickup_request(pickup, arrival, token=pickup_token(pickup), changed=changed)


@transaction.atomic
def pickup_assign(*, application: Application, by: User, data: dict) -> Pickup:
    """The coordinator names who meets the trainee; the person is asked by e-mail (once the
    arrival is known) with the flight, the time, the meeting point, the trainee's photo and
    phone, and a link to confirm."""
    if not manages_program(by, application.program):
        raise PermissionDenied
    _editable(application, by)
    pickup = Pickup.objects.select_for_update().filter(application=application).first()
    pickup = pickup or Pickup(application=application)
    for name in ("name", "email", "phone", "language"):
        setattr(pickup, name, (data.get(name) or "").strip())
    pickup.email = pickup.email.lower()
    pickup.language = pickup.language or "en"
    pickup.assigned_by = by
    pickup.full_clean(exclude=["application", "assigned_by"])
    _ask(pickup, related(application, "arrival"), changed=False)
    return pickup


@transaction.atomic
def pickup_answer(*, pickup: Pickup, confirm: bool, note: str = "") -> Pickup:
    """The pickup person's answer through the link: confirm, or say they cannot."""
    pickup = Pickup.objects.select_for_update().get(pk=pickup.pk)
    pickup.status = Pickup.Status.CONFIRMED if confirm else Pickup.Status.DECLINED
    pickup.answer_note = note.strip()[:300]
    pickup.answered_at = timezone.now()
    pickup.save(update_fields=["status", "answer_note", "answered_at", "updated_at"])
    notify.pickup_answered(pickup)
    return pickup
