"""Airports by IATA code (from `airportsdata`), and local wall-clock times turned into UTC
moments in a given zone, refusing the times a daylight-saving change skips."""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import airportsdata


@dataclass(frozen=True)
class Airport:
    iata: str
    name: str
    city: str
    country: str
    time_zone: str


@functools.cache
def _airports() -> dict[str, dict]:
    return airportsdata.load("IATA")


def airport(code: str) -> Airport | None:
    """The airport with this IATA code (any case), or None."""
    row = _airports().get((code or "").strip().upper())
    if row is None or not row.get("tz"):
        return None
    return Airport(row["iata"], row["name"], row["city"], row["country"], row["tz"])


class NonexistentLocalTime(ValueError):
    """The wall-clock time does not happen in that zone (clocks jump over it)."""


def to_utc(day: date, clock: time, time_zone: str) -> datetime:
    """The UTC moment of a wall-clock time in a zone. A time the clocks skip (spring
    forward) raises NonexistentLocalTime; a time that happens twice (fall back) is the
    first of the two."""
    zone = zoneinfo.ZoneInfo(time_zone)
    local = datetime.combine(day, clock, tzinfo=zone)
    back = local.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentLocalTime(f"{day} {clock} does not exist in {time_zone}")
    return local.astimezone(UTC)
