"""Candidates: every feasible (request, bed) pair and its cost, by request and bed class.

Identical beds form a bed class, requests with the same profile (and budget, where it
matters) a request class; a latitude/longitude grid of bed classes limits each profile's
search to the cells that can hold a bed within its `max_km`, then every hard constraint is
checked exactly. Nothing is pruned by cost."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from datetime import date

from .model import (
    COST_SCALE,
    EARTH_RADIUS_KM,
    GENDERS,
    ONE_DAY,
    POLICIES,
    Bed,
    Candidates,
    Request,
    Weights,
)
from .rules import _cost, _dist_days, _gender_ok, _hav_km, stop_days
from .wording import _day

_DEG_KM = math.pi * EARTH_RADIUS_KM / 180.0  # km per degree of latitude


class _Grid:
    """Bed classes bucketed by latitude/longitude cells of `cell` degrees."""

    def __init__(self, points: Sequence[tuple[float, float]], cell: float) -> None:
        self.cell = cell
        # Columns divide 360° exactly, so that longitudes wrap around the antimeridian.
        self.columns = max(1, math.ceil(360.0 / cell))
        self.width = 360.0 / self.columns
        self.cells: dict[tuple[int, int], list[int]] = {}
        for index, (lat, lon) in enumerate(points):
            self.cells.setdefault(self._key(lat, lon), []).append(index)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor((lon + 180.0) / self.width) % self.columns

    def near(self, lat: float, lon: float, km: float) -> list[int]:
        """Every point that can be within `km` of (lat, lon), and some more."""
        dphi = km / EARTH_RADIUS_KM
        dlat = math.degrees(dphi) + 1e-9
        phi = math.radians(lat)
        far = min(math.pi / 2, abs(phi) + dphi)
        bound = math.cos(phi) * math.cos(far)
        hav = math.sin(dphi / 2) ** 2
        if bound <= 0 or hav >= bound:
            columns = range(self.columns)
        else:
            dlon = math.degrees(2 * math.asin(math.sqrt(hav / bound))) + 1e-9
            first = math.floor((lon - dlon + 180.0) / self.width)
            last = math.floor((lon + dlon + 180.0) / self.width)
            if last - first + 1 >= self.columns:
                columns = range(self.columns)
            else:
                columns = sorted({c % self.columns for c in range(first, last + 1)})
        found: list[int] = []
        cells = self.cells
        for row in range(
            math.floor((lat - dlat) / self.cell), math.floor((lat + dlat) / self.cell) + 1
        ):
            for column in columns:
                bucket = cells.get((row, column))
                if bucket:
                    found.extend(bucket)
        return found


def _check(requests: Sequence[Request], beds: Sequence[Bed], existing: Iterable[tuple[int, int]]):
    by_request = {r.id: r for r in requests}
    if len(by_request) != len(requests):
        raise ValueError("two requests share an id")
    by_bed = {b.id: b for b in beds}
    if len(by_bed) != len(beds):
        raise ValueError("two beds share an id")
    for r in requests:
        if r.gender not in GENDERS:
            raise ValueError(f"request {r.id}: gender must be one of {GENDERS}")
        for s in r.stops:
            if s.end < s.start:
                raise ValueError(f"request {r.id}: stop {s.name!r} ends before it starts")
    for b in beds:
        if b.gender_policy not in POLICIES:
            raise ValueError(f"bed {b.id}: gender_policy must be one of {POLICIES}")
    booked: dict[int, int] = {}
    for request_id, bed_id in existing:
        if request_id not in by_request:
            raise ValueError(f"existing booking for unknown request {request_id}")
        if bed_id not in by_bed:
            raise ValueError(f"existing booking on unknown bed {bed_id}")
        if request_id in booked:
            raise ValueError(f"request {request_id} is booked twice")
        booked[request_id] = bed_id
    return by_request, by_bed, booked


def candidates(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
) -> Candidates:
    """All feasible (request, bed) pairs and their costs, by request class and bed class.

    Requests booked in `existing` are left out; their stays occupy their beds.
    """
    started = time.perf_counter()
    w = weights or Weights()
    if min(w.km_day, w.over_budget, w.smoker_non_smoking, w.spare_feature) < 0:
        raise ValueError("weights must not be negative")
    by_request, by_bed, booked = _check(requests, beds, existing)
    occupied: dict[int, list[tuple[date, date, int]]] = {}
    for request_id, bed_id in booked.items():
        r = by_request[request_id]
        occupied.setdefault(bed_id, []).append((r.start, r.end, request_id))
    for stays in occupied.values():
        stays.sort()
    pinned = {r.fixed_bed for r in requests if r.fixed_bed is not None and r.id not in booked}

    # Bed classes: identical beds (a pinned bed is always alone in its class).
    class_of_key: dict[tuple, int] = {}
    bed_classes: list[list[int]] = []
    for b in sorted(beds, key=lambda b: b.id):
        key = (
            b.lat,
            b.lon,
            b.price_per_night,
            b.gender_policy,
            b.accessible,
            b.family_friendly,
            b.smoking,
            tuple(sorted(set(b.windows))),
            tuple((s, e) for s, e, _ in occupied.get(b.id, ())),
            b.id if b.id in pinned else None,
            b.room,
        )
        index = class_of_key.setdefault(key, len(bed_classes))
        if index == len(bed_classes):
            bed_classes.append([])
        bed_classes[index].append(b.id)
    heads = [by_bed[members[0]] for members in bed_classes]
    bed_class_of = {bid: k for k, members in enumerate(bed_classes) for bid in members}
    sizes = [len(members) for members in bed_classes]
    radians = [
        (math.radians(h.lat), math.radians(h.lon), math.cos(math.radians(h.lat))) for h in heads
    ]
    windows = [[(first, until + ONE_DAY) for first, until in sorted(set(h.windows))] for h in heads]
    busy = [[(s, e) for s, e, _ in occupied.get(h.id, ())] for h in heads]
    attrs = [(h.gender_policy, h.accessible, h.family_friendly, h.smoking) for h in heads]
    # Confirmed stays in each shared room: (arrival, departure, gender, same gender only).
    in_room: dict[str, list[tuple[date, date, str, bool]]] = {}
    for request_id, bed_id in booked.items():
        room = by_bed[bed_id].room
        if room is not None:
            r = by_request[request_id]
            in_room.setdefault(room, []).append((r.start, r.end, r.gender, r.same_gender_only))

    limits = sorted(r.max_km for r in requests if r.stops)
    cell_km = min(max(limits[len(limits) // 2] / 4 if limits else 5.0, 0.25), 500.0)
    grid = _Grid([(h.lat, h.lon) for h in heads], cell_km / _DEG_KM)

    zones: dict[tuple, list[tuple[int, tuple[float, ...]]]] = {}

    def zone(coords: tuple[tuple[float, float], ...], km: float):
        key = (coords, km)
        if key in zones:
            return zones[key]
        if not coords:
            found = [(k, ()) for k in range(len(heads))]
        else:
            points = [
                (math.radians(la), math.radians(lo), math.cos(math.radians(la)))
                for la, lo in coords
            ]
            p0, l0, c0 = points[0]
            found = []
            for k in grid.near(coords[0][0], coords[0][1], km):
                p, lo, c = radians[k]
                d = _hav_km(p0, l0, c0, p, lo, c)
                if d > km:
                    continue
                ds = [d]
                for p1, l1, c1 in points[1:]:
                    d = _hav_km(p1, l1, c1, p, lo, c)
                    if d > km:
                        break
                    ds.append(d)
                else:
                    found.append((k, tuple(ds)))
            found.sort()
        zones[key] = found
        return found

    profiles: dict[tuple, list[Request]] = {}
    invalid: dict[int, str] = {}
    for r in sorted(requests, key=lambda r: r.id):
        if r.id in booked:
            continue
        if r.end <= r.start:
            invalid[r.id] = (
                f"the stay has no nights (arrival {_day(r.start)}, departure {_day(r.end)})"
            )
            continue
        key = (
            r.start,
            r.end,
            r.gender,
            r.needs_accessible,
            r.with_family,
            r.smoker,
            r.max_km,
            tuple((s.lat, s.lon, stop_days(s)) for s in r.stops),
            r.fixed_bed,
            r.same_gender_only,
        )
        profiles.setdefault(key, []).append(r)

    request_classes: list[tuple[int, ...]] = []
    stays: list[tuple[date, date]] = []
    arc_beds: list[list[int]] = []
    arc_units: list[list[int]] = []
    arc_costs: list[list[float]] = []
    pairs = 0
    for key, members in profiles.items():
        start, end, gender, needs_acc, family, smoker, km, stop_key, fixed, alike = key
        n = (end - start).days
        days = [k for _, _, k in stop_key]
        found = zone(tuple((la, lo) for la, lo, _ in stop_key), km)
        allowed: dict[tuple, bool] = {}
        chosen: list[tuple[int, float]] = []
        for k, ds in found:
            if fixed is not None and (fixed not in bed_class_of or bed_class_of[fixed] != k):
                continue
            a = attrs[k]
            ok = allowed.get(a)
            if ok is None:
                policy, acc, fam, smoking = a
                ok = allowed[a] = (
                    _gender_ok(policy, gender)
                    and (acc or not needs_acc)
                    and (fam or not family)
                    and (smoker or not smoking)
                )
            if not ok:
                continue
            if not any(first <= start and end <= until for first, until in windows[k]):
                continue
            if any(s < end and start < e for s, e in busy[k]):
                continue
            mates = in_room.get(heads[k].room, ()) if heads[k].room is not None else ()
            if any(
                s < end and start < e and g != gender and (alike or other_alike)
                for s, e, g, other_alike in mates
            ):
                continue  # a confirmed roommate of another gender, and one of them minds
            chosen.append((k, _dist_days(ds, days)))
        top = max((heads[k].price_per_night for k, _ in chosen), default=0.0)
        by_budget: dict[float | None, list[int]] = {}
        for r in members:
            budget = r.budget_per_night
            if w.over_budget == 0 or budget >= top:
                budget = None  # no candidate is over this budget: the budget does not matter
            by_budget.setdefault(budget, []).append(r.id)
        for budget, ids in by_budget.items():
            b_value = math.inf if budget is None else budget
            beds_k: list[int] = []
            units_k: list[int] = []
            costs_k: list[float] = []
            for k, dist_days in chosen:
                h = heads[k]
                c = _cost(
                    dist_days,
                    h.price_per_night,
                    b_value,
                    n,
                    smoker,
                    needs_acc,
                    family,
                    h.smoking,
                    h.accessible,
                    h.family_friendly,
                    w,
                )
                beds_k.append(k)
                units_k.append(round(c * COST_SCALE))
                costs_k.append(c)
                pairs += sizes[k] * len(ids)
            order = sorted(range(len(beds_k)), key=lambda x: (units_k[x], beds_k[x]))
            request_classes.append(tuple(ids))
            stays.append((start, end))
            arc_beds.append([beds_k[x] for x in order])
            arc_units.append([units_k[x] for x in order])
            arc_costs.append([costs_k[x] for x in order])
    return Candidates(
        request_classes=request_classes,
        bed_classes=[tuple(members) for members in bed_classes],
        stays=stays,
        arc_beds=arc_beds,
        arc_units=arc_units,
        arc_costs=arc_costs,
        pairs=pairs,
        requests=by_request,
        beds=by_bed,
        occupied=occupied,
        existing=booked,
        invalid=invalid,
        weights=w,
        seconds=time.perf_counter() - started,
    )
