"""Reading travel: who may see an application's travel, lead times, late flags (the readiness
dashboard's visa, arrival and pickup columns) and a pickup person's list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import manages_program, owns_application
from applications.models import Application
from travel.models import (
    ARRIVAL_DUE_DAYS,
    DEFAULT_LEAD_DAYS,
    DEFAULT_MARGIN_DAYS,
    Arrival,
    Pickup,
    Visa,
    VisaLeadTime,
)

PICKUP_DUE_DAYS = 7

Leads = dict[tuple[str, str], tuple[int, int]]


def can_see_travel(user: User, application: Application) -> bool:
    """The trainee (their own) and the coordinators of the program's organisation."""
    return owns_application(user, application) or manages_program(user, application.program)


def application_for_travel(user: User, pk: int) -> Application:
    """The application with its travel rows, for someone who may see them; 404 otherwise
    (ids of others' applications cannot be told from missing ones)."""
    application = (
        Application.objects.select_related(
            "program__organisation", "trainee__trainee_profile", "visa", "arrival", "pickup"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None or not can_see_travel(user, application):
        raise Http404
    return application


def related(application: Application, name: str):
    """The application's visa, arrival or pickup, or None."""
    try:
        return getattr(application, name)
    except (Visa.DoesNotExist, Arrival.DoesNotExist, Pickup.DoesNotExist):
        return None


def all_lead_times() -> Leads:
    return {
        (str(row.host_country), str(row.nationality)): (row.days, row.margin_days)
        for row in VisaLeadTime.objects.all()
    }


def lead_time(leads: Leads, host_country: str, nationality: str) -> tuple[int, int]:
    return leads.get(
        (str(host_country), str(nationality)), (DEFAULT_LEAD_DAYS, DEFAULT_MARGIN_DAYS)
    )


def nationality_of(application: Application) -> str:
    profile = getattr(application.trainee, "trainee_profile", None)
    return str(profile.nationality) if profile is not None and profile.nationality else ""


def visa_done(visa: Visa | None, host_country: str, nationality: str) -> bool:
    """Granted or not needed; a citizen of the host country needs none."""
    if visa is None:
        return bool(nationality) and nationality == str(host_country)
    return visa.done


def visa_late(
    visa: Visa | None, *, start: date, today: date, lead: tuple[int, int], done: bool
) -> bool:
    """Late when the start is nearer than the lead time plus the margin, counted from the
    appointment when one is booked ahead (the embassy starts then); a submitted visa waits
    on the embassy and is late only inside the margin; a refusal is always late."""
    if done:
        return False
    days, margin = lead
    if visa is not None and visa.status == Visa.Status.REFUSED:
        return True
    if visa is not None and visa.status == Visa.Status.SUBMITTED:
        return (start - today).days < margin
    begin = today
    if visa is not None and visa.status == Visa.Status.APPOINTMENT and visa.appointment_on:
        begin = max(today, visa.appointment_on)
    return (start - begin).days < days + margin


@dataclass(frozen=True)
class TravelState:
    visa_done: bool
    visa_late: bool
    arrival_done: bool
    arrival_late: bool
    pickup_done: bool
    pickup_late: bool


def travel_state(application: Application, *, today: date, leads: Leads) -> TravelState:
    """The three readiness items of an application whose visa, arrival, pickup, program's
    organisation and trainee's profile are loaded (select_related) — no query of its own."""
    program = application.program
    host = str(program.organisation.country)
    nationality = nationality_of(application)
    visa, arrival, pickup = (related(application, n) for n in ("visa", "arrival", "pickup"))
    v_done = visa_done(visa, host, nationality)
    v_late = visa_late(
        visa,
        start=program.start_date,
        today=today,
        lead=lead_time(leads, host, nationality),
        done=v_done,
    )
    a_done = arrival is not None
    p_done = a_done and (
        not arrival.pickup_requested
        or (pickup is not None and pickup.status == Pickup.Status.CONFIRMED)
    )
    due = program.start_date - today
    return TravelState(
        visa_done=v_done,
        visa_late=v_late,
        arrival_done=a_done,
        arrival_late=not a_done and due <= timedelta(days=ARRIVAL_DUE_DAYS),
        pickup_done=p_done,
        pickup_late=not p_done and due <= timedelta(days=PICKUP_DUE_DAYS),
    )


def pickups_for(user: User) -> QuerySet[Pickup]:
    """The pickups addressed to this person's e-mail (pickup people need no account; one
    who has one sees theirs)."""
    return (
        Pickup.objects.filter(email__iexact=user.email)
        .select_related("application__trainee", "application__arrival", "application__program")
        .order_by("application__arrival__arrives_at", "pk")
    )
