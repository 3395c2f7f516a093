"""Every write about housing goes through this module: requests, matching runs (a Celery
task around the pure engine in `accommodation/engine.py`), and confirming a proposed stay
under a lock on the bed, so a bed is never confirmed for two overlapping stays."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accommodation import engine
from accommodation.models import Availability, Bed, HousingRequest, MatchingRun, Provider, Stay
from accommodation.notify import stay_confirmed
from accounts.models import User
from accounts.permissions import require_manages
from applications.models import Application
from core.constraints import refused_on
from core.errors import Refused
from core.tasks import enqueue_on_commit
from placements.models import Placement

# The exclusion constraint of migration 0003 (PostgreSQL only).
BED_ONE_GUEST_A_NIGHT = "stay_bed_one_guest_a_night"


class BedTaken(Refused):
    """The bed cannot be given to this request (taken, or a hard constraint)."""


def default_dates(application: Application) -> tuple[date, date]:
    """Arrive the day before the first placement, leave the day after the last one (the
    program's dates when nothing is placed yet)."""
    placements = application.placements.exclude(
        status__in=[Placement.Status.CANCELLED, Placement.Status.DECLINED]
    )
    first = min((p.start_date for p in placements), default=application.program.start_date)
    last = max((p.end_date for p in placements), default=application.program.end_date)
    return first - timedelta(days=1), last + timedelta(days=1)


@transaction.atomic
def request_save(*, application: Application, by: User, data: dict) -> HousingRequest:
    """The trainee asks for housing (from an accepted offer on) or changes the request while
    nothing is confirmed."""
    if application.trainee_id != by.pk:
        raise PermissionDenied
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("You can ask for housing once you have accepted your offer."))
    if data["end"] <= data["start"]:
        raise ValidationError({"end": [_("Departure must be after arrival.")]})
    existing = HousingRequest.objects.select_for_update().filter(application=application).first()
    if existing and existing.status == HousingRequest.Status.CONFIRMED:
        raise ValidationError(_("Your housing is confirmed; ask the coordinator to change it."))
    request = existing or HousingRequest(application=application)
    for field in (
        "start",
        "end",
        "budget_per_night",
        "with_family",
        "needs_accessible",
        "smoker",
        "same_gender_only",
        "languages",
        "max_km",
        "notes",
    ):
        if field in data:
            setattr(request, field, data[field])
    if application.program.covers_housing:
        request.budget_per_night = None  # the program pays: no budget is asked
    elif request.budget_per_night is None:
        raise ValidationError({"budget_per_night": [_("Give your budget per night.")]})
    request.status = HousingRequest.Status.OPEN
    request.save()
    request.stays.filter(status=Stay.Status.PROPOSED).update(status=Stay.Status.CANCELLED)
    return request


def run_request(*, organisation, program, by: User | None) -> MatchingRun:
    if by is not None:
        require_manages(by, organisation.pk)
    run = MatchingRun.objects.create(organisation=organisation, program=program, requested_by=by)
    enqueue_on_commit("accommodation.tasks.run_matching", run.pk)
    return run


def _gender(application: Application) -> str:
    profile = getattr(application.trainee, "trainee_profile", None)
    return {"F": "woman", "M": "man"}.get(getattr(profile, "sex", ""), "other")


def _stops(application: Application) -> tuple:
    stops = []
    for placement in application.placements.exclude(
        status__in=[Placement.Status.CANCELLED, Placement.Status.DECLINED]
    ).select_related("department__hospital"):
        hospital = placement.department.hospital
        if hospital.latitude is not None and hospital.longitude is not None:
            stops.append(
                engine.Stop(
                    float(hospital.latitude),
                    float(hospital.longitude),
                    placement.start_date,
                    placement.end_date,
                    hospital.name,
                )
            )
    if not stops:  # nothing placed yet: the program's hospitals, over its dates
        for site in application.program.rotation_sites.select_related("department__hospital"):
            hospital = site.department.hospital
            if hospital.latitude is not None:
                stops.append(
                    engine.Stop(
                        float(hospital.latitude),
                        float(hospital.longitude),
                        site.start_date,
                        site.end_date,
                        hospital.name,
                    )
                )
                break
    return tuple(stops)


def _engine_request(r: HousingRequest):
    return engine.Request(
        id=r.pk,
        start=r.start,
        end=r.end,
        gender=_gender(r.application),
        budget_per_night=r.engine_budget(),
        needs_accessible=r.needs_accessible,
        with_family=r.with_family,
        smoker=r.smoker,
        max_km=float(r.max_km),
        stops=_stops(r.application),
        cohort=str(r.application.program_id),
        same_gender_only=r.same_gender_only,
    )


def _engine_bed(b: Bed, windows):
    return engine.Bed(
        id=b.pk,
        provider=b.provider_id,
        lat=float(b.provider.latitude),
        lon=float(b.provider.longitude),
        price_per_night=float(b.price_per_night),
        gender_policy=b.gender_policy,
        accessible=b.accessible,
        family_friendly=b.family_friendly,
        smoking=b.smoking,
        windows=tuple(sorted(windows)),
        city=b.provider.city,
        label=str(b),
        room=_room(b),
    )


def _room(b: Bed) -> str:
    """Beds whose occupants may share a room, for the engine's same-gender rule: we do not
    know rooms, so a provider's beds of one gender policy count as one room (cautious)."""
    return f"{b.provider_id}:{b.gender_policy}"


def _mixed_room_refused(request: HousingRequest, bed: Bed) -> bool:
    """A trainee who shares only with their own gender gets women-only or men-only rooms."""
    return request.same_gender_only and bed.gender_policy == Bed.Gender.ANY


def bed_problem(request: HousingRequest, bed: Bed) -> str | None:
    """Why this bed cannot house this request (a hard constraint), or None."""
    wanted = _engine_request(request)
    offered = _engine_bed(bed, list(bed.availability.values_list("start", "end")))
    if not engine.compatible(wanted, offered) or _mixed_room_refused(request, bed):
        return _("The bed does not suit the trainee (gender policy, access, family or smoking).")
    if not engine.fits_window(offered, request.start, request.end):
        return _("The bed is not available for the whole stay.")
    far = [
        stop.name
        for stop in wanted.stops
        if engine.haversine_km(stop.lat, stop.lon, offered.lat, offered.lon) > wanted.max_km
    ]
    if far:
        return _("The bed is farther than %(km)s km from %(where)s.") % {
            "km": request.max_km,
            "where": ", ".join(far),
        }
    clash = Stay.objects.filter(
        bed=bed, status=Stay.Status.CONFIRMED, start__lt=request.end, end__gt=request.start
    ).exclude(request=request)
    if clash.exists():
        return _("The bed is already confirmed for someone else on some of these nights.")
    return None


def alternatives(request: HousingRequest, organisation) -> list[tuple[Bed, float]]:
    """Every bed of the organisation that could house the request, nearest first."""
    wanted = _engine_request(request)
    result = []
    for bed in (
        Bed.objects.filter(provider__organisation=organisation)
        .select_related("provider")
        .prefetch_related("availability")
    ):
        if bed_problem(request, bed) is None:
            distance = max(
                (
                    engine.haversine_km(
                        s.lat, s.lon, float(bed.provider.latitude), float(bed.provider.longitude)
                    )
                    for s in wanted.stops
                ),
                default=0.0,
            )
            result.append((bed, distance))
    return sorted(result, key=lambda pair: (pair[1], pair[0].pk))


@transaction.atomic
def stay_propose(*, request: HousingRequest, bed: Bed, by: User) -> Stay:
    """The coordinator proposes another bed by hand (before confirming); hard constraints
    still hold."""
    program = request.application.program
    require_manages(by, program.organisation_id)
    if bed.provider.organisation_id != program.organisation_id:
        raise PermissionDenied
    if request.status == HousingRequest.Status.CONFIRMED:
        raise BedTaken(_("This request is already confirmed."))
    problem = bed_problem(request, bed)
    if problem:
        raise BedTaken(problem)
    request.stays.filter(status=Stay.Status.PROPOSED).update(status=Stay.Status.CANCELLED)
    HousingRequest.objects.filter(pk=request.pk).update(status=HousingRequest.Status.PROPOSED)
    return Stay.objects.create(
        request=request,
        bed=bed,
        start=request.start,
        end=request.end,
        explanation=_("Chosen by %(name)s.") % {"name": by.display_name},
    )


def run_execute(run_id: int) -> MatchingRun:
    """Run the matching engine for open requests (of the run's program, or all of the
    organisation's) over the organisation's beds; write proposals and reasons."""
    run = MatchingRun.objects.select_related("organisation", "program").get(pk=run_id)
    MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.RUNNING, progress=5)
    try:
        scope = HousingRequest.objects.filter(
            application__program__organisation=run.organisation
        ).select_related("application__trainee__trainee_profile", "application__program")
        open_requests = scope.exclude(
            status__in=[HousingRequest.Status.CONFIRMED, HousingRequest.Status.CANCELLED]
        )
        if run.program_id:
            open_requests = open_requests.filter(application__program=run.program)
        # A proposal a host is answering by link stays as it is until they answer.
        open_requests = open_requests.exclude(
            stays__status=Stay.Status.PROPOSED, stays__host_asked_at__isnull=False
        )
        confirmed = Stay.objects.filter(
            status=Stay.Status.CONFIRMED, bed__provider__organisation=run.organisation
        ).select_related("request")
        requests = [*open_requests, *{s.request for s in confirmed}]
        engine_requests = [_engine_request(r) for r in requests]
        MatchingRun.objects.filter(pk=run.pk).update(progress=25)
        windows: dict[int, list] = {}
        for window in Availability.objects.filter(bed__provider__organisation=run.organisation):
            windows.setdefault(window.bed_id, []).append((window.start, window.end))
        beds = Bed.objects.filter(provider__organisation=run.organisation).select_related(
            "provider"
        )
        engine_beds = [_engine_bed(b, windows.get(b.pk, [])) for b in beds]
        MatchingRun.objects.filter(pk=run.pk).update(progress=40)
        result = engine.match(
            engine_requests, engine_beds, existing=[(s.request_id, s.bed_id) for s in confirmed]
        )
        MatchingRun.objects.filter(pk=run.pk).update(progress=80)
        by_id = {r.pk: r for r in open_requests}
        with transaction.atomic():
            Stay.objects.filter(request__in=list(by_id), status=Stay.Status.PROPOSED).update(
                status=Stay.Status.CANCELLED
            )
            for proposal in result.proposals:
                request = by_id.get(proposal.request)
                if request is None:
                    continue
                Stay.objects.create(
                    request=request,
                    bed_id=proposal.bed,
                    start=proposal.start or request.start,  # a segment's own nights
                    end=proposal.end or request.end,
                    cost=proposal.cost,
                    distance_km=proposal.distance_km,
                    explanation=proposal.explanation[:500],
                    run=run,
                )
                HousingRequest.objects.filter(pk=request.pk).update(
                    status=HousingRequest.Status.PROPOSED
                )
            unmatched = [
                {"request": u.request, "reason": u.reason}
                for u in result.unmatched
                if u.request in by_id
            ]
            for item in unmatched:
                HousingRequest.objects.filter(pk=item["request"]).update(
                    status=HousingRequest.Status.OPEN
                )
            MatchingRun.objects.filter(pk=run.pk).update(
                status=MatchingRun.Status.DONE,
                progress=100,
                housed=sum(1 for p in result.proposals if p.request in by_id),
                unmatched=unmatched,
                finished_at=timezone.now(),
                **_run_quality(result),
            )
    except Exception as error:
        MatchingRun.objects.filter(pk=run.pk).update(
            status=MatchingRun.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run


def _run_quality(result) -> dict:
    """The run's quality fields from the engine's proven bounds."""
    return {
        "optimal": result.optimal,
        "housed_gap": result.housed_gap,
        "cost_gap": round(result.cost_gap, 1),
    }


def _lock_bed(pk: int) -> None:
    """The bed's row lock, taken before its stays are checked."""
    Bed.objects.select_for_update().get(pk=pk)


def _bed_taken(stay: Stay) -> bool:
    """Whether another confirmed stay holds the bed on one of this stay's nights."""
    return Stay.objects.filter(
        bed_id=stay.bed_id,
        status=Stay.Status.CONFIRMED,
        start__lt=stay.end,
        end__gt=stay.start,
    ).exists()


def _taken() -> BedTaken:
    return BedTaken(_("This bed is already confirmed for someone else on some of these nights."))


def stay_confirm(*, stay: Stay, by: User) -> Stay:
    """Confirm a proposed stay. The bed's row is locked while its other confirmed stays are
    checked, so two coordinators confirming overlapping stays at once cannot both win; on
    PostgreSQL the exclusion constraint "stay_bed_one_guest_a_night" holds it too, and a
    write that reaches it gets the same refusal."""
    with transaction.atomic():
        _lock_bed(stay.bed_id)
        locked = Stay.objects.select_related("request__application__program", "bed__provider").get(
            pk=stay.pk
        )
        program = locked.request.application.program
        require_manages(by, program.organisation_id)
        if locked.status == Stay.Status.CONFIRMED:
            return locked
        if locked.status != Stay.Status.PROPOSED:
            raise BedTaken(_("This proposal is no longer open; run the matching again."))
        if _bed_taken(locked):
            raise _taken()
        locked.status = Stay.Status.CONFIRMED
        locked.confirmed_by = by
        locked.confirmed_at = timezone.now()
        with refused_on({BED_ONE_GUEST_A_NIGHT: _taken()}):
            locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        # Other proposals for these nights go; a segmented stay's other segments stay.
        locked.request.stays.exclude(pk=locked.pk).filter(
            status=Stay.Status.PROPOSED, start__lt=locked.end, end__gt=locked.start
        ).update(status=Stay.Status.CANCELLED)
        settle_request(locked.request_id)
        stay_confirmed(locked)
    return locked


def settle_request(request_id: int) -> None:
    """A request is confirmed once none of its stays waits for a decision: a stay split
    into segments is confirmed segment by segment and stays "proposed" until the last."""
    waiting = Stay.objects.filter(request_id=request_id, status=Stay.Status.PROPOSED).exists()
    HousingRequest.objects.filter(pk=request_id).update(
        status=HousingRequest.Status.PROPOSED if waiting else HousingRequest.Status.CONFIRMED
    )


def confirmed_stay(application: Application) -> Stay | None:
    return (
        Stay.objects.filter(request__application=application, status=Stay.Status.CONFIRMED)
        .select_related("bed__provider")
        .first()
    )


PROVIDER_FIELDS = (
    "name",
    "name_native",
    "kind",
    "address",
    "city",
    "latitude",
    "longitude",
    "contact_name",
    "contact_email",
    "contact_phone",
    "house_rules",
    "languages",
    "managed_by",
)


def _coordinates(user: User, organisation_id: int, provider=None) -> None:
    """Coordinators of the organisation manage its listings; a provider's own manager (a
    host family, a supervisor offering a room) manages theirs."""
    if provider is not None and provider.managed_by_id and provider.managed_by_id == user.pk:
        return
    require_manages(user, organisation_id)


@transaction.atomic
def provider_save(*, by: User, data: dict, provider=None):
    provider = provider or Provider(organisation_id=by.coordinator_of_id)
    _coordinates(by, provider.organisation_id)
    for field in PROVIDER_FIELDS:
        if field in data:
            setattr(provider, field, data[field])
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def bed_add(*, provider, by: User, data: dict, windows: list[tuple[date, date]]) -> Bed:
    """Add a bed with its availability windows (each from ≤ until)."""
    _coordinates(by, provider.organisation_id, provider)
    for start, end in windows:
        if end < start:
            raise ValidationError(
                {"available_until": [_("The window cannot end before it starts.")]}
            )
    bed = Bed(provider=provider, **data)
    bed.full_clean()
    bed.save()
    Availability.objects.bulk_create(Availability(bed=bed, start=s, end=e) for s, e in windows)
    return bed
