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
   bottleneck, rows in a fixed order; "house as many as possible first" is a large
   constant subtracted from every real arc, with an "unhoused" arc per row). This covers
   the usual cases: a cohort on the same dates, cohorts back to back or overlapping, any mix
   where no single bed could host two stays of one time-connected group.
5. Any other component (a bed could host two stays that are not separate in time from a
   third, e.g. a long stay bridging two cohorts) is NP-hard in general (interval scheduling
   with machine eligibility). It is solved per trainee and bed by a heuristic — requests by
   arrival day, each arrival day solved exactly as an assignment on the beds still free,
   or the greedy baseline if that is better — and then by an exact branch and bound seeded
   with it, which proves optimality for small components (up to `exact_nodes` search
   nodes); if the search runs out the heuristic answer stands and `stats["optimal"]` is
   False. So: exact for all-clique components and for small others; otherwise a heuristic
   that is never worse than `greedy`.

The same input always gives the same output (ties are broken by ids).
"""

from __future__ import annotations

import heapq
import math
import time
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
    units); each member costs the same in each member bed. Requests without a single
    candidate are in classes with no arcs; requests whose stay has no nights are in
    `invalid`.
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
        self.columns = max(1, math.ceil(360.0 / cell))
        self.cells: dict[tuple[int, int], list[int]] = {}
        for index, (lat, lon) in enumerate(points):
            self.cells.setdefault(self._key(lat, lon), []).append(index)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor((lon + 180.0) / self.cell) % self.columns

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
            first = math.floor((lon - dlon + 180.0) / self.cell)
            last = math.floor((lon + dlon + 180.0) / self.cell)
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
            request_classes.append(tuple(ids))
            stays.append((start, end))
            arc_beds.append(beds_k)
            arc_units.append(units_k)
            arc_costs.append(costs_k)
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

    Method: every row gets a private "unhoused" column of cost 0 and every real arc a large
    negative constant, so that a min-cost flow shipping all supply maximises the real units
    first. Successive shortest paths from one row at a time (Dijkstra on reduced costs with
    node potentials, which stays valid because every augmentation follows a shortest path)
    keep the flow min-cost for the supply shipped so far; when all is shipped it is optimal.
    Arcs carrying flow have reduced cost 0, so backward arcs cost nothing to cross.
    """
    n_rows, n_cols = len(supply), len(capacity)
    big = 1 + sum(s * max(cs, default=0) for s, cs in zip(supply, arc_costs, strict=True))
    cols = [[*cs, n_cols + i] for i, cs in enumerate(arc_cols)]
    costs = [[c - big for c in cs] + [0] for cs in arc_costs]
    residual = [*capacity, *supply]
    prow = [-min(cs) for cs in costs]
    pcol = [0] * (n_cols + n_rows)
    rowflow: list[dict[int, int]] = [{} for _ in range(n_rows)]
    colflow: list[dict[int, int]] = [{} for _ in range(n_cols + n_rows)]
    heappush, heappop = heapq.heappush, heapq.heappop
    inf = math.inf
    for root in range(n_rows):
        excess = supply[root]
        while excess > 0:
            # Fast path: the cheapest arc of the root reaches a column with room.
            pr = prow[root]
            best = inf
            pick = -1
            tent: dict[int, float] = {}
            for j, c in zip(cols[root], costs[root], strict=True):
                d = c + pr - pcol[j]
                node = n_rows + j
                if d < tent.get(node, inf):
                    tent[node] = d
                if d < best or (d == best and pick >= 0 and residual[pick] <= 0 < residual[j]):
                    best = d
                    pick = j
            if residual[pick] > 0:
                prow[root] -= best
                delta = min(excess, residual[pick])
                residual[pick] -= delta
                excess -= delta
                rowflow[root][pick] = rowflow[root].get(pick, 0) + delta
                colflow[pick][root] = colflow[pick].get(root, 0) + delta
                continue
            # Dijkstra from the root until a column with room is reached.
            parent: dict[int, int] = dict.fromkeys(tent, root)
            heap = [(d, node) for node, d in tent.items()]
            heapq.heapify(heap)
            final: dict[int, float] = {root: 0}
            found = -1
            reach = 0.0
            while heap:
                d, v = heappop(heap)
                if v in final or d > tent[v]:
                    continue
                final[v] = d
                if v >= n_rows:
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
                else:
                    pk = prow[v]
                    for j, c in zip(cols[v], costs[v], strict=True):
                        node = n_rows + j
                        if node in final:
                            continue
                        nd = d + c + pk - pcol[j]
                        if nd < tent.get(node, inf):
                            tent[node] = nd
                            parent[node] = v
                            heappush(heap, (nd, node))
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
        """Requests in id order, each takes its cheapest free candidate."""
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
    ) -> dict[int, tuple[int, int]] | None:
        """The optimum (starting from `incumbent`), or None after `limit` search nodes."""
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
            return None
        return best[1]


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
    branch and bound of each component that is not a transportation problem.
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
    """Baseline: requests in the order given, each takes its cheapest bed still free (ties by id)."""
    cand = candidates(requests, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    class_of = {rid: i for i, ids in enumerate(cand.request_classes) for rid in ids}
    ranked: dict[int, list[tuple[int, int, int]]] = {}
    occ: dict[int, list[tuple[date, date]]] = {}
    assignment: dict[int, tuple[int, int]] = {}
    for r in requests:
        i = class_of.get(r.id)
        if i is None:
            continue
        if i not in ranked:
            ranked[i] = sorted(
                (u, cand.bed_classes[k][0], k)
                for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
            )
        s, e = cand.stays[i]
        for _, _, k in ranked[i]:
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


def _solve(cand: Candidates, exact_nodes: int) -> tuple[dict[int, tuple[int, int]], dict]:
    """{request id: (bed id, request class)} and figures about the components."""
    n_rc = len(cand.request_classes)
    # Slots: each bed class's candidate requests, cut into time-connected groups.
    users: list[list[int]] = [[] for _ in cand.bed_classes]
    for i, arc in enumerate(cand.arc_beds):
        for k in arc:
            users[k].append(i)
    slot_of: dict[tuple[int, int], int] = {}  # (request class, bed class) -> slot
    slot_class: list[int] = []
    slot_clique: list[bool] = []
    for k, rcs in enumerate(users):
        if not rcs:
            continue
        rcs.sort(key=lambda i: cand.stays[i])
        group_end: date | None = None
        latest_start = min_end = None
        for i in rcs:
            s, e = cand.stays[i]
            if group_end is None or s >= group_end:
                slot_class.append(k)
                slot_clique.append(True)
                group_end = e
                latest_start, min_end = s, e
            else:
                group_end = max(group_end, e)
                latest_start = max(latest_start, s)
                min_end = min(min_end, e)
                if latest_start >= min_end:
                    slot_clique[-1] = False
            slot_of[i, k] = len(slot_class) - 1
    # Components (union-find over request classes and slots).
    parent = list(range(n_rc + len(slot_class)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, arc in enumerate(cand.arc_beds):
        for k in arc:
            a, b = root(i), root(n_rc + slot_of[i, k])
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(n_rc):
        if cand.arc_beds[i]:
            members.setdefault(root(i), ([], []))[0].append(i)
    for t in range(len(slot_class)):
        members[root(n_rc + t)][1].append(t)

    assignment: dict[int, tuple[int, int]] = {}
    exact = heuristic = 0
    for rows, slots in members.values():
        if all(slot_clique[t] for t in slots):
            exact += 1
            _solve_clique(cand, rows, slots, slot_of, slot_class, assignment)
        elif _solve_small(cand, rows, exact_nodes, assignment):
            exact += 1
        else:
            heuristic += 1
    info = {
        "components": len(members),
        "exact_components": exact,
        "heuristic_components": heuristic,
        "optimal": heuristic == 0,
    }
    return assignment, info


def _solve_clique(
    cand: Candidates,
    rows: list[int],
    slots: list[int],
    slot_of: dict[tuple[int, int], int],
    slot_class: list[int],
    assignment: dict[int, tuple[int, int]],
) -> None:
    """A transportation component: exact min-cost max-flow, then beds handed out by id."""
    column = {t: j for j, t in enumerate(slots)}
    cols = [[column[slot_of[i, k]] for k in cand.arc_beds[i]] for i in rows]
    costs = [cand.arc_units[i] for i in rows]
    capacity = [len(cand.bed_classes[slot_class[t]]) for t in slots]
    flows = _transport([len(cand.request_classes[i]) for i in rows], capacity, cols, costs)
    given = [0] * len(slots)
    for i, row_cols, row_costs, flow in zip(rows, cols, costs, flows, strict=True):
        price = dict(zip(row_cols, row_costs, strict=True))
        ids = iter(cand.request_classes[i])
        for j in sorted(flow, key=lambda j: (price[j], slots[j])):
            bed_ids = cand.bed_classes[slot_class[slots[j]]]
            for _ in range(flow[j]):
                assignment[next(ids)] = (bed_ids[given[j]], i)
                given[j] += 1


def _solve_small(
    cand: Candidates, rows: list[int], exact_nodes: int, assignment: dict[int, tuple[int, int]]
) -> bool:
    """A general component per request and bed: heuristic, then branch and bound. Exact?"""
    reqs: list[tuple[int, date, date]] = []
    cands: list[list[tuple[int, int, int]]] = []
    owner: list[int] = []
    for i in rows:
        s, e = cand.stays[i]
        options = sorted(
            (u, bed, k)
            for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
            for bed in cand.bed_classes[k]
        )
        for rid in cand.request_classes[i]:
            reqs.append((rid, s, e))
            cands.append(options)
            owner.append(i)
    small = _Small(reqs, cands)
    best = small.rolling()
    other = small.greedy()
    if small.value(other) < small.value(best):
        best = other
    proven = small.branch_and_bound(best, exact_nodes) if exact_nodes > 0 else None
    if proven is not None:
        best = proven
    for k, (bed, _) in best.items():
        assignment[reqs[k][0]] = (bed, owner[k])
    return proven is not None


# --------------------------------------------------------------------------- wording


def _day(d: date, year: bool = False) -> str:
    return f"{d.day} {d:%b}" + (f" {d.year}" if year else "")


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
