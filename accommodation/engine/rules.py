"""The rules for one request and one bed: haversine distance, nights and windows, the
attribute constraints (gender policy, accessibility, family, smoking) and the cost formula."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from .model import COST_SCALE, EARTH_RADIUS_KM, ONE_DAY, Bed, Request, Stop, Weights


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine formula, `EARTH_RADIUS_KM`)."""
    return _hav_km(
        math.radians(lat1),
        math.radians(lon1),
        math.cos(math.radians(lat1)),
        math.radians(lat2),
        math.radians(lon2),
        math.cos(math.radians(lat2)),
    )


def _hav_km(p1: float, l1: float, c1: float, p2: float, l2: float, c2: float) -> float:
    a = math.sin((p2 - p1) / 2) ** 2 + c1 * c2 * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nights(request: Request) -> int:
    """Nights of the stay (`end` - `start`)."""
    return (request.end - request.start).days


def stop_days(stop: Stop) -> int:
    """Days worked at a stop, both ends included."""
    return (stop.end - stop.start).days + 1


def fits_window(bed: Bed, start: date, end: date) -> bool:
    """Whether the nights `start` .. `end - 1` lie inside one availability window of the bed."""
    last = end - ONE_DAY
    return any(first <= start and last <= until for first, until in bed.windows)


def _gender_ok(policy: str, gender: str) -> bool:
    return (
        policy == "any"
        or (policy == "women" and gender == "woman")
        or (policy == "men" and gender == "man")
    )


def compatible(request: Request, bed: Bed) -> bool:
    """The bed's attributes allow the trainee: gender policy, accessibility, family, smoking.

    Dates, distance, confirmed stays and `fixed_bed` are checked elsewhere.
    """
    return (
        _gender_ok(bed.gender_policy, request.gender)
        and (bed.accessible or not request.needs_accessible)
        and (bed.family_friendly or not request.with_family)
        and (request.smoker or not bed.smoking)
    )


def _cost(
    dist_days: float,
    price: float,
    budget: float,
    n: int,
    smoker: bool,
    needs_accessible: bool,
    with_family: bool,
    bed_smoking: bool,
    bed_accessible: bool,
    bed_family: bool,
    w: Weights,
) -> float:
    """The cost formula; `candidates` and `pair_cost` share it so their floats agree."""
    cost = dist_days * w.km_day
    if price > budget:
        cost += (price - budget) * n * w.over_budget
    if smoker and not bed_smoking:
        cost += w.smoker_non_smoking * n
    if bed_accessible and not needs_accessible:
        cost += w.spare_feature * n
    if bed_family and not with_family:
        cost += w.spare_feature * n
    return cost


def _dist_days(distances: Sequence[float], days: Sequence[int]) -> float:
    total = 0.0
    for d, k in zip(distances, days, strict=True):
        total += d * k
    return total


def pair_cost(request: Request, bed: Bed, weights: Weights | None = None) -> float:
    """The cost of housing `request` in `bed` (see `accommodation.engine`); no feasibility check."""
    w = weights or Weights()
    distances = [haversine_km(s.lat, s.lon, bed.lat, bed.lon) for s in request.stops]
    return _cost(
        _dist_days(distances, [stop_days(s) for s in request.stops]),
        bed.price_per_night,
        request.budget_per_night,
        nights(request),
        request.smoker,
        request.needs_accessible,
        request.with_family,
        bed.smoking,
        bed.accessible,
        bed.family_friendly,
        w,
    )


def cost_units(cost: float) -> int:
    """A cost in the solvers' integer units (1e-6)."""
    return round(cost * COST_SCALE)
