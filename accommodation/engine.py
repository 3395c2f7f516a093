"""Match visiting trainees to beds near the hospitals of their placements.

Pure Python (standard library only, no Django) so that it can be tested and benchmarked on
its own. Dataclasses in, dataclasses out; the coordinator reviews the proposals (each with an
explanation) and the unmatched requests (each with the reason) before anything is booked.

Dates
-----
A `Request` stays from `start` (arrival) to `end` (departure): it occupies the bed on the
nights `start` .. `end - 1`, so a stay ending on 21 June and one starting on 21 June can use
the same bed. A bed's availability `windows` are spans of nights, both ends included: a stay
fits the window (first, last) iff first <= start and end - 1 day <= last. A `Stop` is worked
on the days `start` .. `end`, both included (`stop_days`).

Hard constraints (a proposal never breaks one)
----------------------------------------------
* the stay fits inside one availability window of the bed;
* a bed holds one trainee a night: stays on a bed never share a night, counting the
  confirmed stays passed as `existing` (which are not proposed again);
* gender policy: "women" beds only for gender "woman", "men" beds only for "man", "any" beds
  for everyone ("other" therefore only gets "any" beds);
* `needs_accessible` needs an accessible bed, `with_family` a family-friendly one;
* a non-smoker is never put in a smoking room; a smoker may take any room (a non-smoking one
  costs a small preference term, see `Weights`);
* every stop is at most `max_km` from the bed (haversine, Earth radius 6371 km);
* `fixed_bed`, when set, is the only bed the request may get.

The budget is not hard: a bed above `budget_per_night` costs the excess times the nights
times `Weights.over_budget`.

Objective (lexicographic)
-------------------------
1. house as many requests as possible;
2. then minimise the total cost, the sum over proposals of `pair_cost`:
   Σ over stops (km to the bed × days at the stop) × `km_day`
   + (price − budget, if positive) × nights × `over_budget`
   + `smoker_non_smoking` × nights for a smoker in a non-smoking room
   + `spare_feature` × nights for each accessible / family-friendly feature the trainee does
   not need (keeps such beds for those who do).
   The solvers compare costs in integer units of 1e-6 (`cost_units`), so "optimal" means
   optimal for the costs rounded to 1e-6; the float total differs from the true float optimum
   by at most 1e-6 per proposal. No cohort bonus: rewarding pairs of trainees for living close
   makes the problem quadratic and would cost the exactness below.

How
---
1. Candidates (`candidates`): beds with the same location, price, attributes, windows and
   confirmed stays are one *bed class* (a dormitory's identical beds); requests with the
   same dates, stops, distance limit, needs and fixed bed are one *profile*. Bed classes
   are put in a latitude/longitude grid; each profile looks only at the cells that can hold
   a bed within `max_km` of its first stop (a rigorous bound from the haversine formula),
   then checks every hard constraint exactly. Nothing is pruned by cost. Requests of one
   profile with the same budget (or with budgets above every candidate's price) cost the
   same everywhere and form a *request class*.
2. Slots: a bed class's candidate requests are cut, along time, into groups connected by
   overlapping stays; stays in different groups never share a night, so each group is an
   independent *slot* of the class (this is how one bed is reused by consecutive cohorts).
   A slot is a *clique* when all its requests share a night.
3. Components: request classes and slots joined by candidate arcs split into connected
   components, solved independently.
4. A component whose slots are all cliques is a transportation problem (a slot of c beds
   takes at most c of its requests): it is solved EXACTLY as a min-cost max-flow by
   successive shortest paths (Dijkstra with potentials, one augmenting path per row and
   bottleneck, rows in a fixed order; "house as many as possible first" is an "unhoused"
   arc per row costing more than any set of real arcs). This covers
   the usual cases: a cohort on the same dates, cohorts back to back or overlapping, any mix
   where no single bed could host two stays of one time-connected group.
5. Any other component (one bed could host two stays that are not separate in time from a
   third, e.g. a long stay bridging two cohorts) is NP-hard in general (interval scheduling
   with machine eligibility) and is solved per trainee and bed by the best of:
   a. "clique core": in each non-clique slot keep only the requests whose overlapping
      neighbours all overlap each other (those fall into separate cliques) and solve that
      restriction exactly as a flow; the requests it left out then take the cheapest beds
      still free;
   b. the greedy baseline; c. arrival days in order, each day's arrivals given an exact
      assignment on the beds still free (up to `ROLLING_ARCS` request-bed pairs);
   d. the bridging requests (those left out in a.) fixed where the best of a-c put them, or
      where they would go alone, and everyone else re-solved exactly around them (the rest
      is then a transportation problem).
   Then, for components of at most `SEARCH_REQUESTS` requests, an exact branch and bound
   seeded with that answer proves or improves it within `exact_nodes` search nodes (shared by
   all such components of a run). If it finishes, the component counts as exact; otherwise
   the heuristic answer stands and `stats["optimal"]` is False.

So: EXACT for every component that is a transportation problem and for small other ones;
otherwise a heuristic that is never worse than `greedy` with the requests in id order (on one seeded regional instance
with five stays bridging two cohorts it came within 0.1% of the best cost CP-SAT found in
five minutes, with the same coverage).

The same input always gives the same output (ties are broken by ids).
"""

from __future__ import annotations

import heapq
import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "COST_SCALE",
    "EARTH_RADIUS_KM",
    "Bed",
    "Candidates",
    "Proposal",
    "Request",
    "Result",
    "Stop",
    "Unmatched",
    "Weights",
    "candidates",
    "compatible",
    "cost_units",
    "fits_window",
    "greedy",
    "haversine_km",
    "match",
    "nights",
    "pair_cost",
    "stop_days",
]

EARTH_RADIUS_KM = 6371.0
COST_SCALE = 1_000_000  # integer cost units per unit of cost (one km-day)
ONE_DAY = timedelta(days=1)
ROLLING_ARCS = 400_000  # request-bed arcs up to which a general component also tries `rolling`
SEARCH_REQUESTS = 60  # requests up to which a general component is searched exactly
GENDERS = ("woman", "man", "other")
POLICIES = ("any", "women", "men")
_DEG_KM = math.pi * EARTH_RADIUS_KM / 180.0  # km per degree of latitude


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Bed:
    """One bed a provider offers, available on the nights of its `windows` (both ends included)."""

    id: int
    provider: int
    lat: float
    lon: float
    price_per_night: float
    gender_policy: str  # "any" | "women" | "men"
    accessible: bool
    family_friendly: bool
    smoking: bool
    windows: tuple[tuple[date, date], ...]
    city: str = ""
    label: str = ""


@dataclass(frozen=True)
class Stop:
    """A hospital the trainee works at on the days `start` .. `end` (both included)."""

    lat: float
    lon: float
    start: date
    end: date
    name: str


@dataclass(frozen=True)
class Request:
    """A trainee's housing request: nights `start` .. `end - 1` (`end` is the departure day)."""

    id: int
    start: date
    end: date
    gender: str  # "woman" | "man" | "other"
    budget_per_night: float
    needs_accessible: bool = False
    with_family: bool = False
    smoker: bool = False
    max_km: float = 10.0
    stops: tuple[Stop, ...] = ()
    cohort: str = ""
    fixed_bed: int | None = None


@dataclass(frozen=True)
class Weights:
    """Cost weights, in km-days (one km between bed and hospital for one working day)."""

    km_day: float = 1.0  # per km per day at a stop
    over_budget: float = 1.0  # per currency unit above the budget, per night
    smoker_non_smoking: float = 0.5  # per night, a smoker in a non-smoking room
    spare_feature: float = 0.1  # per night and feature: accessible/family bed not needed


@dataclass(frozen=True)
class Proposal:
    """Request `request` gets bed `bed`; `distance_km` is the farthest stop."""

    request: int
    bed: int
    cost: float
    distance_km: float
    explanation: str


@dataclass(frozen=True)
class Unmatched:
    """Request `request` got no bed, and why."""

    request: int
    reason: str


@dataclass
class Result:
    """Proposals and unmatched requests (both by request id) and figures about the run.

    `stats`: requests, beds, existing, housed, unmatched, cost (float), cost_units (int),
    candidate_pairs (feasible request-bed pairs), request_classes, bed_classes, class_arcs,
    components, exact_components, heuristic_components, optimal (True when every component
    was solved exactly), seconds ({"candidates": ..., "solve": ...}; the only part that
    varies between runs).
    """

    proposals: list[Proposal]
    unmatched: list[Unmatched]
    stats: dict


# --------------------------------------------------------------------------- rules


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
    """The cost of housing `request` in `bed` (see the module docstring); no feasibility check."""
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


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidates:
    """Every feasible (request, bed) pair, compressed into classes.

    Request class `i` (ids `request_classes[i]`, all with the stay `stays[i]`) may take any
    bed of bed class `arc_beds[i][k]` at cost `arc_costs[i][k]` (`arc_units[i][k]` in integer
    units), cheapest first (ties: lower bed class); each member costs the same in each member
    bed. Bed classes are numbered in the order of their smallest bed id and list their beds
    by id. Requests without a single candidate are in classes with no arcs; requests whose
    stay has no nights are in `invalid`.
    """

    request_classes: list[tuple[int, ...]]
    bed_classes: list[tuple[int, ...]]
    stays: list[tuple[date, date]]
    arc_beds: list[list[int]]
    arc_units: list[list[int]]
    arc_costs: list[list[float]]
    pairs: int
    requests: dict[int, Request] = field(repr=False)
    beds: dict[int, Bed] = field(repr=False)
    occupied: dict[int, list[tuple[date, date, int]]] = field(repr=False)
    existing: dict[int, int] = field(repr=False)
    invalid: dict[int, str] = field(repr=False)
    weights: Weights = field(repr=False)
    seconds: float = 0.0


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
        )
        profiles.setdefault(key, []).append(r)

    request_classes: list[tuple[int, ...]] = []
    stays: list[tuple[date, date]] = []
    arc_beds: list[list[int]] = []
    arc_units: list[list[int]] = []
    arc_costs: list[list[float]] = []
    pairs = 0
    for key, members in profiles.items():
        start, end, gender, needs_acc, family, smoker, km, stop_key, fixed = key
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


# --------------------------------------------------------------------------- exact flow


def _transport(
    supply: Sequence[int],
    capacity: Sequence[int],
    arc_cols: Sequence[Sequence[int]],
    arc_costs: Sequence[Sequence[int]],
) -> list[dict[int, int]]:
    """Min-cost maximum flow of a transportation problem, exactly (integer costs >= 0).

    Row i ships at most `supply[i]` units, column j receives at most `capacity[j]`, along
    arcs i -> `arc_cols[i][k]` costing `arc_costs[i][k]` a unit. Returns, per row, the units
    sent to each column: the most units possible, and among those the cheapest.

    Method: every row gets a private "unhoused" column costing more than any set of real
    arcs, so that a min-cost flow shipping all supply maximises the real units first. Successive shortest paths from one row at a time (Dijkstra on reduced costs with
    node potentials, which stays valid because every augmentation follows a shortest path)
    keep the flow min-cost for the supply shipped so far; when all is shipped it is optimal.
    Arcs carrying flow have reduced cost 0, so backward arcs cost nothing to cross.
    """
    n_rows, n_cols = len(supply), len(capacity)
    # The "unhoused" column of row i is n_cols + i, at a cost above any set of real arcs.
    big = 1 + sum(s * max(cs, default=0) for s, cs in zip(supply, arc_costs, strict=True))
    # Each row's arcs cheapest first, its "unhoused" column last. Column potentials only
    # ever go down from 0, so c + p(row) is a lower bound on an arc's reduced cost: a row
    # is scanned lazily, only as far as that bound stays below the next distance to settle.
    cols: list[list[int]] = []
    costs: list[list[int]] = []
    for i, (cs, cc) in enumerate(zip(arc_cols, arc_costs, strict=True)):
        if cc != sorted(cc):
            order = sorted(range(len(cs)), key=cc.__getitem__)
            cs, cc = [cs[k] for k in order], [cc[k] for k in order]
        cols.append([*cs, n_cols + i])
        costs.append([*cc, big])
    residual = [*capacity, *supply]
    prow = [-cs[0] for cs in costs]
    pcol = [0] * (n_cols + n_rows)
    rowflow: list[dict[int, int]] = [{} for _ in range(n_rows)]
    colflow: list[dict[int, int]] = [{} for _ in range(n_cols + n_rows)]
    heappush, heappop = heapq.heappush, heapq.heappop
    inf = math.inf
    for root in range(n_rows):
        excess = supply[root]
        root_cols, root_costs = cols[root], costs[root]
        width = len(root_cols)
        while excess > 0:
            # The root's cheapest reduced arcs; done at once if one reaches a column with room.
            pr = prow[root]
            best = inf
            pick = -1
            tent: dict[int, float] = {}
            at = 0
            while at < width:
                low = root_costs[at] + pr
                if low > best or (low == best and residual[pick] > 0):
                    break
                j = root_cols[at]
                d = low - pcol[j]
                node = n_rows + j
                if d < tent.get(node, inf):
                    tent[node] = d
                if d < best or (d == best and residual[pick] <= 0 < residual[j]):
                    best = d
                    pick = j
                at += 1
            if residual[pick] > 0:
                prow[root] -= best
                delta = min(excess, residual[pick])
                residual[pick] -= delta
                excess -= delta
                rowflow[root][pick] = rowflow[root].get(pick, 0) + delta
                colflow[pick][root] = colflow[pick].get(root, 0) + delta
                continue
            # Dijkstra from the root until a column with room is settled. Heap entries:
            # (distance, n_rows + column), (distance, row), (bound, -1 - row) = resume a row.
            parent: dict[int, int] = dict.fromkeys(tent, root)
            heap = [(d, node) for node, d in tent.items()]
            final: dict[int, float] = {root: 0}
            position = {root: at}
            if at < width:
                heap.append((root_costs[at] + pr, -1 - root))
            heapq.heapify(heap)
            found = -1
            reach = 0.0
            while heap:
                d, v = heappop(heap)
                if v < 0 or v < n_rows:
                    if v < 0:
                        k = -1 - v
                        dk = final[k]
                        at = position[k]
                    else:
                        if v in final or d > tent[v]:
                            continue
                        final[v] = d
                        k, dk, at = v, d, 0
                    base = dk + prow[k]
                    row_cols, row_costs = cols[k], costs[k]
                    width_k = len(row_cols)
                    limit = heap[0][0] if heap else inf
                    while at < width_k:
                        low = base + row_costs[at]
                        if low > limit:
                            break
                        j = row_cols[at]
                        at += 1
                        node = n_rows + j
                        if node in final:
                            continue
                        nd = low - pcol[j]
                        if nd < tent.get(node, inf):
                            tent[node] = nd
                            parent[node] = k
                            heappush(heap, (nd, node))
                            if nd < limit:
                                limit = nd
                    position[k] = at
                    if at < width_k:
                        heappush(heap, (base + row_costs[at], -1 - k))
                    continue
                if v in final or d > tent[v]:
                    continue
                final[v] = d
                j = v - n_rows
                if residual[j] > 0:
                    found = j
                    reach = d
                    break
                for k in colflow[j]:
                    if k not in final and d < tent.get(k, inf):
                        tent[k] = d
                        parent[k] = v
                        heappush(heap, (d, k))
            for v, d in final.items():
                if d < reach:
                    if v >= n_rows:
                        pcol[v - n_rows] += d - reach
                    else:
                        prow[v] += d - reach
            forward: list[tuple[int, int]] = []
            backward: list[tuple[int, int]] = []
            delta = min(excess, residual[found])
            node = n_rows + found
            while True:
                k = parent[node]
                forward.append((k, node - n_rows))
                if k == root:
                    break
                node = parent[k]
                j = node - n_rows
                backward.append((k, j))
                delta = min(delta, colflow[j][k])
            for k, j in forward:
                rowflow[k][j] = rowflow[k].get(j, 0) + delta
                colflow[j][k] = colflow[j].get(k, 0) + delta
            for k, j in backward:
                left = colflow[j][k] - delta
                if left:
                    colflow[j][k] = left
                    rowflow[k][j] = left
                else:
                    del colflow[j][k]
                    del rowflow[k][j]
            residual[found] -= delta
            excess -= delta
    return [{j: x for j, x in flows.items() if j < n_cols} for flows in rowflow]


# --------------------------------------------------------------------------- per-bed search


class _Small:
    """A component at the level of single requests and beds (for non-clique components)."""

    def __init__(self, reqs: list[tuple[int, date, date]], cands: list[list[tuple[int, int, int]]]):
        self.reqs = reqs  # (request id, start, end)
        self.cands = cands  # per request: (units, bed id, bed class), cheapest first
        units = [u for cs in cands for u, _, _ in cs]
        self.big = 1 + len(reqs) * max(units, default=0)

    def value(self, assign: dict[int, tuple[int, int]]) -> int:
        """Objective of an assignment {request index: (bed, units)}: lower is better."""
        return sum(u - self.big for _, u in assign.values())

    @staticmethod
    def _free(occ: dict[int, list[tuple[date, date]]], bed: int, s: date, e: date) -> bool:
        return not any(a < e and s < b for a, b in occ.get(bed, ()))

    def greedy(self) -> dict[int, tuple[int, int]]:
        """Requests in id order, each takes its first free candidate (as `greedy` does)."""
        occ: dict[int, list[tuple[date, date]]] = {}
        assign: dict[int, tuple[int, int]] = {}
        for k in sorted(range(len(self.reqs)), key=lambda k: self.reqs[k][0]):
            _, s, e = self.reqs[k]
            for u, bed, _ in self.cands[k]:
                if self._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, u)
                    break
        return assign

    def insert(self, assign: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """`assign` plus, in order, each request left out on its cheapest bed still free."""
        assign = dict(assign)
        occ: dict[int, list[tuple[date, date]]] = {}
        for k, (bed, _) in assign.items():
            occ.setdefault(bed, []).append(self.reqs[k][1:])
        for k, (_, s, e) in enumerate(self.reqs):
            if k in assign:
                continue
            for u, bed, _ in self.cands[k]:
                if self._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, u)
                    break
        return assign

    def assign_alone(self, subset: list[int]) -> dict[int, tuple[int, int]]:
        """The requests `subset` alone, at most one a bed: exactly as many and as cheap as can be."""
        column: dict[int, int] = {}
        cols: list[list[int]] = []
        costs: list[list[int]] = []
        for k in subset:
            row_cols, row_costs = [], []
            for u, bed, _ in self.cands[k]:
                row_cols.append(column.setdefault(bed, len(column)))
                row_costs.append(u)
            cols.append(row_cols)
            costs.append(row_costs)
        beds = list(column)
        flows = _transport([1] * len(subset), [1] * len(beds), cols, costs)
        assign: dict[int, tuple[int, int]] = {}
        for k, row_cols, row_costs, flow in zip(subset, cols, costs, flows, strict=True):
            for j in flow:
                assign[k] = (beds[j], row_costs[row_cols.index(j)])
        return assign

    def rolling(self) -> dict[int, tuple[int, int]]:
        """Arrival days in order; each day's arrivals get an exact assignment on free beds."""
        occ: dict[int, list[tuple[date, date]]] = {}
        assign: dict[int, tuple[int, int]] = {}
        order = sorted(range(len(self.reqs)), key=lambda k: (self.reqs[k][1], self.reqs[k][0]))
        i = 0
        while i < len(order):
            day = self.reqs[order[i]][1]
            batch = []
            while i < len(order) and self.reqs[order[i]][1] == day:
                batch.append(order[i])
                i += 1
            column: dict[int, int] = {}
            beds: list[int] = []
            cols: list[list[int]] = []
            costs: list[list[int]] = []
            for k in batch:
                _, s, e = self.reqs[k]
                row_cols, row_costs = [], []
                for u, bed, _ in self.cands[k]:
                    if self._free(occ, bed, s, e):
                        if bed not in column:
                            column[bed] = len(beds)
                            beds.append(bed)
                        row_cols.append(column[bed])
                        row_costs.append(u)
                cols.append(row_cols)
                costs.append(row_costs)
            flows = _transport([1] * len(batch), [1] * len(beds), cols, costs)
            for k, row_cols, row_costs, flow in zip(batch, cols, costs, flows, strict=True):
                for j in flow:
                    bed = beds[j]
                    _, s, e = self.reqs[k]
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, row_costs[row_cols.index(j)])
        return assign

    def branch_and_bound(
        self, incumbent: dict[int, tuple[int, int]], limit: int
    ) -> tuple[dict[int, tuple[int, int]] | None, int]:
        """The optimum (starting from `incumbent`), or None after `limit` search nodes; and
        the nodes searched."""
        n = len(self.reqs)
        order = sorted(
            range(n), key=lambda k: (len(self.cands[k]), self.reqs[k][1], self.reqs[k][0])
        )
        bound = [0] * (n + 1)
        for p in range(n - 1, -1, -1):
            cs = self.cands[order[p]]
            bound[p] = bound[p + 1] + (cs[0][0] - self.big if cs else 0)
        best = [self.value(incumbent), dict(incumbent)]
        occ: dict[int, list[tuple[date, date]]] = {}
        current: dict[int, tuple[int, int]] = {}
        nodes = [0]

        class _Stop(Exception):
            pass

        def dfs(p: int, value: int) -> None:
            nodes[0] += 1
            if nodes[0] > limit:
                raise _Stop
            if value + bound[p] >= best[0]:
                return
            if p == n:
                best[0] = value
                best[1] = dict(current)
                return
            k = order[p]
            _, s, e = self.reqs[k]
            tried: set[tuple] = set()
            for u, bed, bed_class in self.cands[k]:
                if not self._free(occ, bed, s, e):
                    continue
                state = (bed_class, tuple(occ.get(bed, ())))
                if state in tried:  # an identical bed in the same state: same subtree
                    continue
                tried.add(state)
                occ.setdefault(bed, []).append((s, e))
                current[k] = (bed, u)
                dfs(p + 1, value + u - self.big)
                del current[k]
                occ[bed].pop()
            dfs(p + 1, value)

        try:
            dfs(0, 0)
        except _Stop:
            return None, limit
        return best[1], nodes[0]


# --------------------------------------------------------------------------- matching


def match(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
    exact_nodes: int = 200_000,
) -> Result:
    """Propose beds: as many requests housed as possible, then the cheapest (module docstring).

    `existing` holds confirmed (request id, bed id) bookings: they occupy their beds for the
    request's stay and are neither proposed nor reported unmatched. `exact_nodes` bounds the
    branch and bound of the components that are not transportation problems, all together
    (0: no search).
    """
    cand = candidates(requests, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    assignment, info = _solve(cand, exact_nodes)
    result = _result(cand, assignment, info)
    result.stats["seconds"] = {
        "candidates": cand.seconds,
        "solve": time.perf_counter() - started,
    }
    return result


def greedy(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
) -> Result:
    """Baseline: requests in the order given, each takes its cheapest bed still free.

    Ties go to the bed class holding the smallest bed id, then to the smallest bed id.
    """
    cand = candidates(requests, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    class_of = {rid: i for i, ids in enumerate(cand.request_classes) for rid in ids}
    occ: dict[int, list[tuple[date, date]]] = {}
    assignment: dict[int, tuple[int, int]] = {}
    for r in requests:
        i = class_of.get(r.id)
        if i is None:
            continue
        s, e = cand.stays[i]
        for k in cand.arc_beds[i]:  # cheapest first, ties by bed id
            for bed in cand.bed_classes[k]:
                if _Small._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assignment[r.id] = (bed, i)
                    break
            else:
                continue
            break
    info = {"components": 0, "exact_components": 0, "heuristic_components": 0, "optimal": False}
    result = _result(cand, assignment, info)
    result.stats["seconds"] = {"candidates": cand.seconds, "solve": time.perf_counter() - started}
    return result


def _solve(
    cand: Candidates, exact_nodes: int, *, nested: bool = False
) -> tuple[dict[int, tuple[int, int]], dict]:
    """{request id: (bed id, request class)} and figures about the components; `nested`:
    a re-solve inside `_solve_general`, which does not re-solve again."""
    n_rc = len(cand.request_classes)
    stays = [(s.toordinal(), e.toordinal()) for s, e in cand.stays]
    # Slots: each bed class's candidate requests, visited by arrival, cut into groups joined
    # by overlapping stays (one sweep per class, all classes at once).
    n_bc = len(cand.bed_classes)
    current = [-1] * n_bc  # the class's open slot
    group_end = [0] * n_bc
    earliest = [0] * n_bc  # earliest departure in the open slot
    slot_class: list[int] = []
    slot_clique: list[bool] = []
    slot_rows: list[list[int]] = []
    arc_slot: list[list[int]] = [[] for _ in range(n_rc)]
    for i in sorted(range(n_rc), key=stays.__getitem__):
        s, e = stays[i]
        row = arc_slot[i]
        for k in cand.arc_beds[i]:
            t = current[k]
            if t < 0 or s >= group_end[k]:
                t = current[k] = len(slot_class)
                slot_class.append(k)
                slot_clique.append(True)
                slot_rows.append([i])
                group_end[k] = earliest[k] = e
            else:
                if e > group_end[k]:
                    group_end[k] = e
                if e < earliest[k]:
                    earliest[k] = e
                if s >= earliest[k]:  # arrivals only grow: this one misses an earlier stay
                    slot_clique[t] = False
                slot_rows[t].append(i)
            row.append(t)
    # Components of the graph of request classes and slots.
    comp_row = [-1] * n_rc
    comp_slot = [-1] * len(slot_class)
    components: list[tuple[list[int], list[int]]] = []
    for start in range(n_rc):
        if comp_row[start] >= 0 or not arc_slot[start]:
            continue
        c = len(components)
        rows_c: list[int] = [start]
        slots_c: list[int] = []
        comp_row[start] = c
        stack = [start]
        while stack:
            for t in arc_slot[stack.pop()]:
                if comp_slot[t] < 0:
                    comp_slot[t] = c
                    slots_c.append(t)
                    for i in slot_rows[t]:
                        if comp_row[i] < 0:
                            comp_row[i] = c
                            rows_c.append(i)
                            stack.append(i)
        rows_c.sort()
        components.append((rows_c, slots_c))

    assignment: dict[int, tuple[int, int]] = {}
    exact = heuristic = 0
    budget = exact_nodes  # search nodes left for all the general components together
    for rows, slots in components:
        if all(slot_clique[t] for t in slots):
            exact += 1
            columns = sorted(slots)
            _flow_to_beds(
                cand,
                rows,
                [slot_class[t] for t in columns],
                [arc_slot[i] for i in rows],
                columns,
                assignment,
            )
            continue
        proven, used = _solve_general(
            cand,
            rows,
            slots,
            arc_slot,
            slot_class,
            slot_rows,
            slot_clique,
            budget,
            assignment,
            nested,
        )
        budget -= used
        if proven:
            exact += 1
        else:
            heuristic += 1
    info = {
        "components": len(components),
        "exact_components": exact,
        "heuristic_components": heuristic,
        "optimal": heuristic == 0,
    }
    return assignment, info


def _flow_to_beds(
    cand: Candidates,
    rows: list[int],
    column_class: list[int],
    arc_keys: list[list[object]],
    keys: list[object],
    assignment: dict[int, tuple[int, int]],
) -> None:
    """Solve rows x clique slots exactly and hand out beds.

    Slot `keys[j]` is a clique of bed class `column_class[j]`; row `rows[n]` reaches slot
    `arc_keys[n][x]` at `cand.arc_units[rows[n]][x]` (a key of None: arc not allowed). Each
    slot takes as many requests as its class has beds, members of a request class take the
    cheapest slots in id order, and the beds of a slot are handed out by id.
    """
    column = {key: j for j, key in enumerate(keys)}
    cols: list[list[int]] = []
    costs: list[list[int]] = []
    for i, row_keys in zip(rows, arc_keys, strict=True):
        if None in row_keys:
            row_cols, row_costs = [], []
            for key, u in zip(row_keys, cand.arc_units[i], strict=True):
                if key is not None:
                    row_cols.append(column[key])
                    row_costs.append(u)
        else:
            row_cols, row_costs = [column[key] for key in row_keys], cand.arc_units[i]
        cols.append(row_cols)
        costs.append(row_costs)
    capacity = [len(cand.bed_classes[k]) for k in column_class]
    flows = _transport([len(cand.request_classes[i]) for i in rows], capacity, cols, costs)
    given = [0] * len(keys)
    for i, row_cols, row_costs, flow in zip(rows, cols, costs, flows, strict=True):
        if not flow:
            continue
        price = dict(zip(row_cols, row_costs, strict=True))
        ids = iter(cand.request_classes[i])
        for j in sorted(flow, key=lambda j: (price[j], j)):
            bed_ids = cand.bed_classes[column_class[j]]
            for _ in range(flow[j]):
                assignment[next(ids)] = (bed_ids[given[j]], i)
                given[j] += 1


def _clique_core(
    cand: Candidates,
    rows: list[int],
    slots: list[int],
    arc_slot: list[list[int]],
    slot_class: list[int],
    slot_rows: list[list[int]],
    slot_clique: list[bool],
) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """Heuristic for a general component: exact on a restriction that is a transportation
    problem. In each non-clique slot, keep only the request classes all of whose overlapping
    neighbours overlap each other (each lies in one maximal clique: a cohort, not a stay
    bridging two); those form separate cliques. Requests left out there may still get beds
    elsewhere, and are offered the leftover beds afterwards (`_Small.insert`). Also returns
    the request classes left out somewhere (the "bridging" ones)."""
    stays = cand.stays
    bridging: set[int] = set()
    key_of: dict[tuple[int, int], tuple[int, int]] = {}
    keys: list[tuple[int, int]] = []
    column_class: list[int] = []
    for t in slots:
        members = slot_rows[t]  # by stay
        if slot_clique[t]:
            keys.append((t, 0))
            column_class.append(slot_class[t])
            for i in members:
                key_of[i, t] = (t, 0)
            continue
        starts = sorted(stays[i][0] for i in members)
        ends = sorted(stays[i][1] for i in members)
        group_end = latest = earliest = None
        for i in members:
            s, e = stays[i]
            if starts[bisect_left(starts, e) - 1] >= ends[bisect_right(ends, s)]:
                bridging.add(i)  # lies in two maximal cliques of this slot
                continue
            if group_end is None or s >= group_end:
                keys.append((t, len(keys)))
                column_class.append(slot_class[t])
                group_end, latest, earliest = e, s, e
            else:
                group_end, latest, earliest = max(group_end, e), max(latest, s), min(earliest, e)
                if latest >= earliest:  # cannot happen; never risk an overlap
                    continue
            key_of[i, t] = keys[-1]
    assignment: dict[int, tuple[int, int]] = {}
    _flow_to_beds(
        cand,
        rows,
        column_class,
        [[key_of.get((i, t)) for t in arc_slot[i]] for i in rows],
        keys,
        assignment,
    )
    return assignment, bridging


def _solve_general(
    cand: Candidates,
    rows: list[int],
    slots: list[int],
    arc_slot: list[list[int]],
    slot_class: list[int],
    slot_rows: list[list[int]],
    slot_clique: list[bool],
    budget: int,
    assignment: dict[int, tuple[int, int]],
    nested: bool,
) -> tuple[bool, int]:
    """A component that is not a transportation problem: the best of three heuristics,
    then branch and bound within `budget` nodes. Returns (proven optimal, nodes used)."""
    reqs: list[tuple[int, date, date]] = []
    cands: list[list[tuple[int, int, int]]] = []
    owner: list[int] = []
    arcs = 0
    for i in rows:
        s, e = cand.stays[i]
        options = [  # cheapest first, ties by bed class then bed id, as in `greedy`
            (u, bed, k)
            for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
            for bed in cand.bed_classes[k]
        ]
        for rid in cand.request_classes[i]:
            reqs.append((rid, s, e))
            cands.append(options)
            owner.append(i)
            arcs += len(options)
    small = _Small(reqs, cands)
    index = {rid: k for k, (rid, _, _) in enumerate(reqs)}
    core, bridging = _clique_core(cand, rows, slots, arc_slot, slot_class, slot_rows, slot_clique)
    bed_class = {bed: k for i in rows for k in cand.arc_beds[i] for bed in cand.bed_classes[k]}
    price = {
        (i, k): u for i in rows for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
    }

    def priced(pairs: Iterable[tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """{request index: (bed, units)} for (request id, bed id) pairs."""
        return {index[rid]: (bed, price[owner[index[rid]], bed_class[bed]]) for rid, bed in pairs}

    best = small.insert(priced((rid, bed) for rid, (bed, _) in core.items()))
    tries = [small.greedy()]
    if arcs <= ROLLING_ARCS:
        tries.append(small.rolling())
    for other in tries:
        if small.value(other) < small.value(best):
            best = other
    if bridging and not nested:
        # Put the bridging requests somewhere and treat them as confirmed: the rest is then
        # a transportation problem, solved exactly. Where the best answer so far put them
        # (so never worse than it), and where they would go if they were alone.
        members = [k for k in range(len(reqs)) if owner[k] in bridging]
        alone = small.assign_alone(members)
        beds = sorted(bed_class)
        confirmed = [(rid, b) for b in beds for _, _, rid in cand.occupied.get(b, ())]
        for kept in ({k: best[k] for k in members if k in best}, alone):
            fixed = [(reqs[k][0], bed) for k, (bed, _) in sorted(kept.items())]
            sub = candidates(
                [cand.requests[reqs[k][0]] for k in range(len(reqs)) if owner[k] not in bridging]
                + [cand.requests[rid] for rid, _ in fixed + confirmed],
                [cand.beds[b] for b in beds],
                existing=fixed + confirmed,
                weights=cand.weights,
            )
            again, _ = _solve(sub, 0, nested=True)
            resolved = small.insert(
                {**priced((rid, bed) for rid, (bed, _) in again.items()), **kept}
            )
            if small.value(resolved) < small.value(best):
                best = resolved
    proven, used = None, 0
    if budget > 0 and len(reqs) <= SEARCH_REQUESTS:
        proven, used = small.branch_and_bound(best, budget)
        if proven is not None:
            best = proven
    for k, (bed, _) in best.items():
        assignment[reqs[k][0]] = (bed, owner[k])
    return proven is not None, used


# --------------------------------------------------------------------------- wording


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date, year: bool = False) -> str:
    """ "26 May" (whatever the process locale), with the year if asked."""
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _span(start: date, end: date) -> str:
    year = start.year != end.year
    return f"{_day(start, year)}–{_day(end, year)}"


def _money(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _km(x: float) -> str:
    return f"{x:.1f} km"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _near(r: Request) -> str:
    if not r.stops:
        return ""
    return f" within {_money(r.max_km)} km of " + _and([s.name or "a stop" for s in r.stops])


def _attribute_checks(r: Request):
    """The attribute filters a request applies, in order: (wording, test on a bed)."""
    gender = {"woman": "open to women", "man": "open to men"}.get(r.gender, "open to all genders")
    checks = [(gender, lambda b: _gender_ok(b.gender_policy, r.gender))]
    if r.needs_accessible:
        checks.append(("accessible", lambda b: b.accessible))
    if r.with_family:
        checks.append(("family-friendly", lambda b: b.family_friendly))
    if not r.smoker:
        checks.append(("non-smoking", lambda b: not b.smoking))
    return checks


def _explain(r: Request, b: Bed) -> tuple[float, str]:
    parts = []
    distances = [haversine_km(s.lat, s.lon, b.lat, b.lon) for s in r.stops]
    for s, d in zip(r.stops, distances, strict=True):
        parts.append(f"{_km(d)} from {s.name or 'the stop'}")
    if not r.stops:
        parts.append("no hospital to be near")
    over = b.price_per_night - r.budget_per_night
    if over > 0:
        parts.append(
            f"{_money(over)}/night over budget ({_money(b.price_per_night)} vs {_money(r.budget_per_night)})"
        )
    else:
        parts.append("within budget")
    parts.append(f"available {_span(r.start, r.end)}")
    if r.smoker and not b.smoking:
        parts.append("non-smoking room")
    text = ", ".join(parts)
    if b.label:
        text = f"{b.label}: {text}"
    return max(distances, default=0.0), text


def _reason(
    cand: Candidates, r: Request, i: int | None, taken_by: dict[int, list[tuple[date, date, int]]]
) -> str:
    if r.id in cand.invalid:
        return cand.invalid[r.id]
    dates = _span(r.start, r.end)
    if r.fixed_bed is not None:
        b = cand.beds.get(r.fixed_bed)
        label = f"fixed bed {r.fixed_bed}"
        if b is None:
            return f"{label} does not exist"
        for s in r.stops:
            d = haversine_km(s.lat, s.lon, b.lat, b.lon)
            if d > r.max_km:
                return (
                    f"{label} is {_km(d)} from {s.name or 'a stop'} (limit {_money(r.max_km)} km)"
                )
        if not fits_window(b, r.start, r.end):
            return f"{label} is not available {dates}"
        for s, e, other in cand.occupied.get(b.id, ()):
            if s < r.end and r.start < e:
                return f"{label} is booked {dates} by the confirmed stay of request {other}"
        for name, ok in _attribute_checks(r):
            if not ok(b):
                return f"{label} is not {name}"
    pool = [cand.beds[r.fixed_bed]] if r.fixed_bed is not None else list(cand.beds.values())
    near = _near(r)
    if i is None or not cand.arc_beds[i]:
        in_range = []
        nearest = math.inf
        for b in pool:
            far = max((haversine_km(s.lat, s.lon, b.lat, b.lon) for s in r.stops), default=0.0)
            nearest = min(nearest, far)
            if far <= r.max_km:
                in_range.append(b)
        if not in_range:
            extra = f" (the nearest is {_km(nearest)} away)" if pool and r.stops else ""
            return f"no bed{near}{extra}"
        open_ = [b for b in in_range if fits_window(b, r.start, r.end)]
        if not open_:
            return f"no bed{near} is available {dates}"
        free = [
            b
            for b in open_
            if not any(s < r.end and r.start < e for s, e, _ in cand.occupied.get(b.id, ()))
        ]
        if not free:
            return f"every bed{near} available {dates} is booked by a confirmed stay"
        applied: list[str] = []
        for name, ok in _attribute_checks(r):
            applied.append(name)
            free = [b for b in free if ok(b)]
            if not free:
                return f"no bed{near} free {dates} is {_and(applied)}"
        return f"no bed{near} free {dates} fits"  # not reached
    beds_ids = [bed for k in cand.arc_beds[i] for bed in cand.bed_classes[k]]
    others = sorted(
        {
            other
            for bed in beds_ids
            for s, e, other in taken_by.get(bed, ())
            if s < r.end and r.start < e and other != r.id
        }
    )
    who = ", ".join(str(x) for x in others[:3]) + (
        f" and {len(others) - 3} more" if len(others) > 3 else ""
    )
    what = _and([name for name, _ in _attribute_checks(r)])
    count = (
        "the only candidate bed" if len(beds_ids) == 1 else f"all {len(beds_ids)} candidate beds"
    )
    text = (
        f"{count} ({near.strip() + ', ' if near else ''}free {dates}, {what}) "
        f"went to other trainees (request{'s' if len(others) != 1 else ''} {who})"
    )
    cheapest = min(cand.beds[bed].price_per_night for bed in beds_ids)
    if cheapest > r.budget_per_night:
        text += (
            f"; every one of them is over the {_money(r.budget_per_night)}/night budget"
            f" (the cheapest is {_money(cheapest)}/night)"
        )
    return text


def _result(cand: Candidates, assignment: dict[int, tuple[int, int]], info: dict) -> Result:
    proposals: list[Proposal] = []
    taken_by: dict[int, list[tuple[date, date, int]]] = {}
    total = 0.0
    units = 0
    for rid in sorted(assignment):
        bed_id, i = assignment[rid]
        r, b = cand.requests[rid], cand.beds[bed_id]
        taken_by.setdefault(bed_id, []).append((r.start, r.end, rid))
        cost = pair_cost(r, b, cand.weights)
        total += cost
        units += cost_units(cost)
        distance, text = _explain(r, b)
        proposals.append(Proposal(rid, bed_id, cost, distance, text))
    class_of = {rid: i for i, ids in enumerate(cand.request_classes) for rid in ids}
    unmatched: list[Unmatched] = []
    reasons: dict[int, str] = {}
    for rid in sorted(cand.requests):
        if rid in assignment or rid in cand.existing:
            continue
        r = cand.requests[rid]
        i = class_of.get(rid)
        if i is not None and not cand.arc_beds[i] and i in reasons:
            unmatched.append(Unmatched(rid, reasons[i]))
            continue
        reason = _reason(cand, r, i, taken_by)
        if i is not None and not cand.arc_beds[i]:
            reasons[i] = reason
        unmatched.append(Unmatched(rid, reason))
    stats = {
        "requests": len(cand.requests),
        "beds": len(cand.beds),
        "existing": len(cand.existing),
        "housed": len(proposals),
        "unmatched": len(unmatched),
        "cost": total,
        "cost_units": units,
        "candidate_pairs": cand.pairs,
        "request_classes": len(cand.request_classes),
        "bed_classes": len(cand.bed_classes),
        "class_arcs": sum(len(a) for a in cand.arc_beds),
        **info,
    }
    return Result(proposals, unmatched, stats)
