"""Housing decided by a person rather than by the matching: the coordinator assigns any bed
by hand (every hard constraint shown for the chosen bed; breaking one needs a reason, kept on
the stay), or records housing arranged outside the portal (a hotel, a flat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accommodation import engine
from accommodation.models import Bed, HousingRequest, OutsideArrangement, Stay
from accommodation.notify import stay_confirmed
from accommodation.services import (
    BED_ONE_GUEST_A_NIGHT,
    BedTaken,
    _engine_bed,
    _engine_request,
    _lock_bed,
)
from accounts.models import User
from accounts.permissions import manages, require_manages
from applications.models import Application
from core.constraints import refused_on


@dataclass(frozen=True)
class Check:
    """One hard constraint for a request in a bed: whether it holds, and why not."""

    key: str
    label: str
    ok: bool
    detail: str = ""
    # The database holds "one guest a night" whatever anyone decides: no override.
    can_override: bool = True


def _gender_check(request: HousingRequest, bed: Bed) -> Check:
    gender = _engine_request(request).gender
    allowed = {
        Bed.Gender.ANY: not request.same_gender_only,
        Bed.Gender.WOMEN: gender == "woman",
        Bed.Gender.MEN: gender == "man",
    }[bed.gender_policy]
    detail = (
        ""
        if allowed
        else _("The room is “%(policy)s”; the trainee is %(who)s.")
        % {
            "policy": bed.get_gender_policy_display(),
            "who": {"woman": _("a woman"), "man": _("a man")}.get(gender, _("of another gender"))
            + (_(" and shares only with the same gender") if request.same_gender_only else ""),
        }
    )
    return Check("gender", _("Gender of the room"), allowed, detail)


def _needs_check(request: HousingRequest, bed: Bed) -> Check:
    missing = []
    if request.needs_accessible and not bed.accessible:
        missing.append(_("no step-free access"))
    if request.with_family and not bed.family_friendly:
        missing.append(_("no room for a family"))
    if bed.smoking and not request.smoker:
        missing.append(_("a smoking room for a non-smoker"))
    return Check("needs", _("Access, family, smoking"), not missing, ", ".join(missing))


def _distance_check(request: HousingRequest, bed: Bed) -> Check:
    wanted = _engine_request(request)
    lat, lon = float(bed.provider.latitude), float(bed.provider.longitude)
    far = [
        f"{stop.name} ({engine.haversine_km(stop.lat, stop.lon, lat, lon):.1f} km)"
        for stop in wanted.stops
        if engine.haversine_km(stop.lat, stop.lon, lat, lon) > wanted.max_km
    ]
    detail = _("Farther than %(km)s km from %(where)s.") % {
        "km": request.max_km,
        "where": ", ".join(far),
    }
    return Check("distance", _("Distance to the hospitals"), not far, detail if far else "")


def _budget_check(request: HousingRequest, bed: Bed) -> Check:
    if request.covered_by_program:
        return Check("budget", _("Budget"), True, _("Paid by the program."))
    ok = request.budget_per_night is None or bed.price_per_night <= request.budget_per_night
    detail = _("%(price)s %(currency)s a night, the budget is %(budget)s.") % {
        "price": bed.price_per_night,
        "currency": bed.currency,
        "budget": request.budget_per_night,
    }
    return Check("budget", _("Budget"), ok, "" if ok else detail)


def _taken_check(request: HousingRequest, bed: Bed, start: date, end: date) -> Check:
    taken = (
        Stay.objects.filter(bed=bed, status=Stay.Status.CONFIRMED, start__lt=end, end__gt=start)
        .exclude(request=request)
        .exists()
    )
    detail = _("Another guest is confirmed in this bed on some of these nights.")
    return Check(
        "taken", _("Free on these nights"), not taken, detail if taken else "", can_override=False
    )


def checks(request: HousingRequest, bed: Bed, start: date, end: date) -> list[Check]:
    """Every hard constraint for `request` in `bed` on the nights start .. end - 1."""
    windows = sorted(bed.availability.values_list("start", "end"))
    available = engine.fits_window(_engine_bed(bed, windows), start, end)
    dates = Check(
        "dates",
        _("Available on these dates"),
        available,
        ""
        if available
        else _("Available: %(windows)s.")
        % {"windows": ", ".join(f"{a:%Y-%m-%d} – {b:%Y-%m-%d}" for a, b in windows) or "—"},
    )
    return [
        dates,
        _gender_check(request, bed),
        _needs_check(request, bed),
        _distance_check(request, bed),
        _budget_check(request, bed),
        _taken_check(request, bed, start, end),
    ]


def _nights_within(request: HousingRequest, start: date, end: date) -> None:
    if end <= start:
        raise ValidationError({"end": [_("Departure must be after arrival.")]})
    if start < request.start or end > request.end:
        raise ValidationError(
            {"start": [_("The stay must lie within the request's dates (it may cover a part).")]}
        )


def assign_by_hand(
    *, request: HousingRequest, bed: Bed, by: User, start: date, end: date, reason: str = ""
) -> Stay:
    """Give `bed` to `request` for the nights start .. end - 1 (the whole request or a part),
    confirmed at once. A broken hard constraint needs `reason`; a bed confirmed for someone
    else on one of these nights is refused whatever the reason."""
    program = request.application.program
    require_manages(by, program.organisation_id)
    if bed.provider.organisation_id != program.organisation_id:
        raise PermissionDenied
    _nights_within(request, start, end)
    reason = (reason or "").strip()
    with transaction.atomic():
        _lock_bed(bed.pk)
        found = checks(request, bed, start, end)
        fixed = [c for c in found if not c.ok and not c.can_override]
        if fixed:
            raise BedTaken(fixed[0].detail)
        broken = [c.key for c in found if not c.ok]
        if broken and not reason:
            raise ValidationError(
                {"reason": [_("This bed breaks a rule: give the reason for the exception.")]}
            )
        request.stays.filter(status=Stay.Status.PROPOSED, start__lt=end, end__gt=start).update(
            status=Stay.Status.CANCELLED
        )
        stay = Stay(
            request=request,
            bed=bed,
            start=start,
            end=end,
            status=Stay.Status.CONFIRMED,
            confirmed_by=by,
            confirmed_at=timezone.now(),
            overridden=broken,
            override_reason=reason if broken else "",
            explanation=(_("Assigned by hand by %(name)s.") % {"name": by.display_name})[:500],
        )
        with refused_on({BED_ONE_GUEST_A_NIGHT: BedTaken(_taken_check_text())}):
            stay.save()
        HousingRequest.objects.filter(pk=request.pk).update(status=HousingRequest.Status.CONFIRMED)
        stay_confirmed(stay)
    return stay


def _taken_check_text() -> str:
    return _("This bed is already confirmed for someone else on some of these nights.")


OUTSIDE_FIELDS = ("name", "address", "start", "end", "cost", "currency", "notes")


def _may_record(by: User, application: Application) -> None:
    """The organisation's coordinators, and the trainee for their own application."""
    if application.trainee_id == by.pk:
        return
    if not manages(by, application.program.organisation_id):
        raise PermissionDenied


@transaction.atomic
def arrange_outside(*, application: Application, by: User, data: dict) -> OutsideArrangement:
    """Record housing arranged outside the portal: the trainee is housed on these nights
    (readiness turns green) and the matching stops proposing beds for the request."""
    _may_record(by, application)
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Housing is arranged once the offer is accepted."))
    if data["end"] <= data["start"]:
        raise ValidationError({"end": [_("Departure must be after arrival.")]})
    arrangement = OutsideArrangement(application=application, recorded_by=by)
    for field in OUTSIDE_FIELDS:
        if field in data:
            setattr(arrangement, field, data[field] if data[field] is not None else None)
    arrangement.currency = arrangement.currency or ""
    arrangement.full_clean()
    arrangement.save()
    request = HousingRequest.objects.select_for_update().filter(application=application).first()
    if request is not None:
        request.stays.filter(status=Stay.Status.PROPOSED).update(status=Stay.Status.CANCELLED)
        HousingRequest.objects.filter(pk=request.pk).update(status=HousingRequest.Status.CONFIRMED)
    return arrangement
