"""Dates in a place. "Today" is the date where the host organisation is, never the server's
(UTC) date: at 23:30 UTC it is already tomorrow in Seoul and still today in São Paulo.

Times are stored in UTC; a date rule (a window open today, a deadline day passed, a flag N
days before a start) asks for today in the organisation's time zone. A query over many
organisations judges each row in its own zone with `in_each_zone`: one condition per distinct
zone, so the number of queries does not grow with the number of organisations.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UTC_NAME = "UTC"


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows (read from disk once)."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value and value not in time_zone_names():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def time_zone_choices() -> list[tuple[str, str]]:
    """(name, label) pairs for a select: UTC first, then the Area/City zones."""
    zones = sorted(z for z in time_zone_names() if "/" in z and not z.startswith("Etc/"))
    return [(UTC_NAME, UTC_NAME), *((z, z.replace("_", " ")) for z in zones)]


@lru_cache(maxsize=512)
def zone(tz_name: str) -> zoneinfo.ZoneInfo:
    """The zone named `tz_name`; an empty or unknown name is UTC (a date must still come out)."""
    try:
        return zoneinfo.ZoneInfo(tz_name or UTC_NAME)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(UTC_NAME)


def today_in(tz_name: str, now: datetime | None = None) -> date:
    """Today's date in the zone `tz_name` (at the moment `now`, by default this one)."""
    return (now or timezone.now()).astimezone(zone(tz_name)).date()


def local_date(moment: datetime, tz_name: str) -> date:
    """The date an aware moment falls on in the zone `tz_name`."""
    return moment.astimezone(zone(tz_name)).date()


def day_start(day: date, tz_name: str) -> datetime:
    """The first moment of `day` in the zone `tz_name`, as an aware datetime (compare it with
    stored UTC times: "before day D there" is `moment < day_start(D, zone)`)."""
    return datetime.combine(day, time.min, tzinfo=zone(tz_name))


def in_each_zone(
    tz_names: Iterable[str],
    *,
    zone_field: str,
    rule: Callable[[date, str], Q],
    now: datetime | None = None,
) -> Q:
    """A filter that judges each row by today in its own zone: for every zone name, the rows
    whose `zone_field` is that name and that meet `rule(today there, zone name)`. With no
    zone at all it matches nothing."""
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for name in sorted(set(tz_names)):
        condition |= Q(**{zone_field: name}) & rule(today_in(name, now), name)
    return condition


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), clamped to the month's last day:
    31 August + 6 months is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last = (following - date.resolution).day
    return date(year, month, min(day.day, last))
