"""iCalendar feeds of placements (icalendar), per trainee and per supervisor."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from icalendar import Calendar, Event

from accounts.models import User
from placements.models import CalendarFeed, Placement, new_feed_token


def feed_for(user: User) -> bytes:
    """The person's placements as all-day events: dates, not moments, so a calendar shows
    them on the same days in every zone (no server date is involved)."""
    placements = (
        Placement.objects.filter(Q(application__trainee=user) | Q(supervisor__user=user))
        .exclude(
            status__in=[
                Placement.Status.PLANNED,
                Placement.Status.CANCELLED,
                Placement.Status.DECLINED,
            ]
        )
        .select_related(
            "application__trainee",
            "application__program",
            "department__hospital",
            "supervisor__user",
        )
        .order_by("start_date")
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//placements//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.SITE_NAME}: {user.display_name}")
    for placement in placements:
        hospital = placement.department.hospital
        trainee = placement.application.trainee
        event = Event()
        event.add("uid", f"placement-{placement.pk}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}")
        event.add("dtstart", placement.start_date)
        event.add("dtend", placement.end_date + timedelta(days=1))  # all-day, end exclusive
        who = (
            trainee.display_name
            if placement.supervisor and placement.supervisor.user_id == user.pk
            else ""
        )
        event.add(
            "summary",
            " — ".join(
                part for part in (who, f"{placement.department.name}, {hospital.name}") if part
            ),
        )
        event.add("location", ", ".join(p for p in (hospital.name, hospital.city) if p))
        lines = [placement.application.program.title, placement.get_status_display()]
        if placement.supervisor_id:
            lines.append(placement.supervisor.user.display_name)
        event.add("description", "\n".join(str(line) for line in lines))
        event.add("status", "CONFIRMED" if placement.status != "proposed" else "TENTATIVE")
        calendar.add_component(event)
    return calendar.to_ical()


def feed_reset(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    return feed
