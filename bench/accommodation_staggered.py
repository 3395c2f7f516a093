"""Staggered instances for `bench/accommodation.py` and an exact OR-Tools model to judge the
engine on them.

Staggered: arrivals spread over a year, stays of 2 weeks to 6 months, every bed and every
budget distinct (no two beds alike, so no classes to compress), 1-2 hospitals a stay, some
of them rotating between two cities (no bed within reach of both: the engine splits them
into segments). Cities are 40 km or more apart, so the instance falls apart into pieces
the way a country does.

The exact model: the engine's own candidate pairs (after the same split into segments),
one Boolean per (request, bed) pair, at most one bed a request, at most one stay a bed on
every night (a constraint per maximal group of overlapping stays of a bed), the same
lexicographic objective (the most housed, then the least cost in the engine's integer units),
solved by a MIP (SCIP, shipped with OR-Tools) in two stages in the time given, as the
independent reviewer did. The LP bound on the housed count comes
from GLOP on the relaxation of the same model.
"""

from __future__ import annotations

import math
import random
import time
from datetime import date, timedelta

from accommodation.engine import Bed, Request, Stop, candidates
from accommodation.engine.segments import split

DAY = timedelta(days=1)
YEAR = 2026


def _cities(rng: random.Random, count: int) -> list[tuple[str, float, float]]:
    """`count` city centres in Korea's bounding box, 40 km or more apart."""
    cities: list[tuple[str, float, float]] = []
    while len(cities) < count:
        lat, lon = rng.uniform(34.8, 38.2), rng.uniform(126.4, 129.4)
        if all(_km(lat, lon, la, lo) >= 40 for _, la, lo in cities):
            cities.append((f"city {len(cities) + 1}", lat, lon))
    return cities


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def _near(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    angle, distance = rng.uniform(0, 2 * math.pi), km * math.sqrt(rng.random())
    return (
        lat + distance * math.sin(angle) / 111.2,
        lon + distance * math.cos(angle) / (111.2 * math.cos(math.radians(lat))),
    )


def _distinct(rng: random.Random, low: float, high: float, seen: set[float]) -> float:
    while True:
        x = round(rng.uniform(low, high), 3)  # 1,000 values a unit: distinct at 15,000
        if x not in seen:
            seen.add(x)
            return x


def staggered(
    seed: int,
    n_requests: int,
    n_beds: int,
    n_cities: int,
    spread_km: float = 12.0,
    max_kms: tuple[float, ...] = (5.0, 8.0, 10.0, 15.0),
):
    """(requests, beds, existing) of a staggered instance."""
    rng = random.Random(seed)
    cities = _cities(rng, n_cities)
    hospitals = {
        name: [(f"{name} hospital {k + 1}", *_near(rng, lat, lon, 5.0)) for k in range(3)]
        for name, lat, lon in cities
    }
    prices: set[float] = set()
    beds: list[Bed] = []
    for n in range(n_beds):
        name, _lat, _lon = cities[n % n_cities]
        _, hlat, hlon = rng.choice(hospitals[name])
        blat, blon = _near(rng, hlat, hlon, spread_km)
        if rng.random() < 0.7:
            windows = ((date(YEAR, 1, 1), date(YEAR + 1, 6, 30)),)
        else:
            first = date(YEAR, 1, 1) + rng.randint(0, 300) * DAY
            windows = ((first, first + rng.randint(120, 365) * DAY),)
        beds.append(
            Bed(
                id=n + 1,
                provider=n + 1,
                lat=round(blat, 6),
                lon=round(blon, 6),
                price_per_night=_distinct(rng, 25.0, 95.0, prices),
                gender_policy=rng.choices(["any", "women", "men"], [0.8, 0.1, 0.1])[0],
                accessible=rng.random() < 0.1,
                family_friendly=rng.random() < 0.1,
                smoking=rng.random() < 0.05,
                windows=windows,
                city=name,
            )
        )
    budgets: set[float] = set()
    requests: list[Request] = []
    for n in range(n_requests):
        start = date(YEAR, 1, 1) + rng.randint(0, 364) * DAY
        end = start + rng.randint(14, 182) * DAY
        city = rng.choice(cities)[0]
        kind = rng.random()
        if kind < 0.65:
            places = [rng.choice(hospitals[city])]
        elif kind < 0.9:
            places = rng.sample(hospitals[city], 2)
        elif n_cities > 1:  # rotating between two cities: no bed reaches both
            other = rng.choice([c for c, _, _ in cities if c != city])
            places = [rng.choice(hospitals[city]), rng.choice(hospitals[other])]
        else:
            places = rng.sample(hospitals[city], 2)
        if len(places) == 1:
            stops = (Stop(places[0][1], places[0][2], start, end - DAY, places[0][0]),)
        else:
            middle = start + (end - start) // 2
            stops = (
                Stop(places[0][1], places[0][2], start, middle - DAY, places[0][0]),
                Stop(places[1][1], places[1][2], middle, end - DAY, places[1][0]),
            )
        requests.append(
            Request(
                id=n + 1,
                start=start,
                end=end,
                gender=rng.choices(["woman", "man", "other"], [0.5, 0.47, 0.03])[0],
                budget_per_night=_distinct(rng, 30.0, 90.0, budgets),
                needs_accessible=rng.random() < 0.02,
                with_family=rng.random() < 0.04,
                smoker=rng.random() < 0.08,
                max_km=rng.choice(max_kms),
                stops=stops,
            )
        )
    return requests, beds, []


def dense(seed: int):
    """The reviewer's dense case: 10,000 requests x 15,000 beds, about 100 beds a request."""
    return staggered(seed, 10_000, 15_000, 10, spread_km=20.0, max_kms=(4.0, 5.0, 6.0))


def sparse(seed: int):
    """The reviewer's smallest case: 62 requests x 8 beds with about 79 candidate pairs."""
    return staggered(seed + 1, 62, 8, 2, spread_km=14.0)  # seed 1: 79 pairs


# --------------------------------------------------------------------------- exact model


class Exact:
    """The exact pair-level model of the engine's objective on the same candidates."""

    def __init__(self, requests, beds, existing) -> None:
        started = time.perf_counter()
        expanded, _ = split(requests, beds, {rid for rid, _ in existing})
        cand = candidates(expanded, beds, existing=existing)
        self.pairs: list[tuple[int, int, int, float]] = []  # request, bed, units, cost
        by_bed: dict[int, list[tuple[date, date, int]]] = {}
        for i, ids in enumerate(cand.request_classes):
            s, e = cand.stays[i]
            for k, u, c in zip(cand.arc_beds[i], cand.arc_units[i], cand.arc_costs[i], strict=True):
                for bed in cand.bed_classes[k]:
                    for rid in ids:
                        by_bed.setdefault(bed, []).append((s, e, len(self.pairs)))
                        self.pairs.append((rid, bed, u, c))
        self.requests = sorted({p[0] for p in self.pairs})
        self.cliques: list[list[int]] = []
        for stays in by_bed.values():
            starts = sorted({s for s, _, _ in stays})
            for n, p in enumerate(starts):
                here = [(e, a) for s, e, a in stays if s <= p < e]
                nxt = starts[n + 1] if n + 1 < len(starts) else None
                if len(here) > 1 and (nxt is None or min(e for e, _ in here) <= nxt):
                    self.cliques.append([a for _, a in here])
        self.seconds = time.perf_counter() - started

    def _rows(self) -> dict[int, list[int]]:
        rows: dict[int, list[int]] = {}
        for a, (rid, _, _, _) in enumerate(self.pairs):
            rows.setdefault(rid, []).append(a)
        return rows

    def solve(self, seconds: float) -> dict:
        """Two stages of a MIP (SCIP) in `seconds`: housed, then cost. Returns the answer's
        housed, cost, units, the bounds and whether both stages were proven."""
        from ortools.linear_solver import pywraplp

        started = time.perf_counter()
        mip = pywraplp.Solver.CreateSolver("SCIP")
        x = [mip.BoolVar("") for _ in self.pairs]
        for arcs in self._rows().values():
            mip.Add(mip.Sum([x[a] for a in arcs]) <= 1)
        for group in self.cliques:
            mip.Add(mip.Sum([x[a] for a in group]) <= 1)
        housed = mip.Sum(x)
        params = pywraplp.MPSolverParameters()
        params.SetDoubleParam(params.RELATIVE_MIP_GAP, 0.0)
        mip.Maximize(housed)
        mip.SetTimeLimit(max(50, int(seconds / 3 * 1000)))
        status = mip.Solve(params)
        found = (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE)
        if status not in found:
            return {
                "housed": 0,
                "cost": 0.0,
                "units": 0,
                "optimal": False,
                "housed_bound": None,
                "seconds": time.perf_counter() - started,
            }
        first = round(mip.Objective().Value())
        housed_bound = int(mip.Objective().BestBound() + 1e-6)
        proven = status == pywraplp.Solver.OPTIMAL
        mip.SetHint(x, [var.solution_value() for var in x])
        mip.Add(housed >= first)
        mip.Minimize(mip.Sum([p[2] * x[a] for a, p in enumerate(self.pairs)]))
        mip.SetTimeLimit(max(50, int((seconds - (time.perf_counter() - started)) * 1000)))
        status = mip.Solve(params)
        chosen = [a for a, var in enumerate(x) if var.solution_value() > 0.5]
        return {
            "housed": len(chosen),
            "cost": sum(self.pairs[a][3] for a in chosen),
            "units": sum(self.pairs[a][2] for a in chosen),
            "optimal": proven and status == pywraplp.Solver.OPTIMAL,
            "housed_bound": housed_bound,
            "seconds": time.perf_counter() - started,
        }

    def lp_bound(self) -> float:
        """The LP relaxation's most housed (GLOP)."""
        from ortools.linear_solver import pywraplp

        lp = pywraplp.Solver.CreateSolver("GLOP")
        x = [lp.NumVar(0.0, 1.0, "") for _ in self.pairs]
        for arcs in self._rows().values():
            lp.Add(lp.Sum([x[a] for a in arcs]) <= 1)
        for group in self.cliques:
            lp.Add(lp.Sum([x[a] for a in group]) <= 1)
        lp.Maximize(lp.Sum(x))
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            raise RuntimeError("GLOP did not solve the LP")
        return lp.Objective().Value()

    def one_per_bed(self) -> dict:
        """Plain one-trainee-per-bed min-cost maximum flow over the same pairs."""
        import numpy as np
        from ortools.graph.python import min_cost_flow

        started = time.perf_counter()
        rid = np.fromiter((p[0] for p in self.pairs), np.int64, len(self.pairs))
        bed = np.fromiter((p[1] for p in self.pairs), np.int64, len(self.pairs))
        units = np.fromiter((p[2] for p in self.pairs), np.int64, len(self.pairs))
        rows, row_of = np.unique(rid, return_inverse=True)
        cols, col_of = np.unique(bed, return_inverse=True)
        first_col = 2 + len(rows)
        heads = first_col + col_of
        row_nodes = np.arange(2, first_col, dtype=np.int64)
        col_nodes = np.arange(first_col, first_col + len(cols), dtype=np.int64)
        flow = min_cost_flow.SimpleMinCostFlow()
        tails = np.concatenate([2 + row_of, np.zeros(len(rows), np.int64), col_nodes])
        flow.add_arcs_with_capacity_and_unit_cost(
            tails,
            np.concatenate([heads, row_nodes, np.ones(len(cols), np.int64)]),
            np.ones(len(tails), np.int64),
            np.concatenate([units, np.zeros(len(rows) + len(cols), np.int64)]),
        )
        total = min(len(rows), len(cols))
        flow.set_node_supply(0, total)
        flow.set_node_supply(1, -total)
        if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
            raise RuntimeError("min-cost flow failed")
        chosen = np.flatnonzero(flow.flows(np.arange(len(self.pairs), dtype=np.int64)))
        return {
            "housed": len(chosen),
            "cost": sum(self.pairs[a][3] for a in chosen),
            "units": int(units[chosen].sum()),
            "seconds": time.perf_counter() - started,
        }


# --------------------------------------------------------------------------- judging


def judge(name: str, instance, *, target: str, time_limit: float, proof_seconds: float = 60.0):
    """Run the engine and the exact model on one instance; print; return the failures.

    `target`: "optimum" (the engine equals the exact model's proven optimum), "bound"
    (housed within 0.5 % of the LP bound, cost no worse than the exact model's best in the
    same time) or "flow" (never below one trainee per bed)."""
    from accommodation.engine import match, quality

    requests, beds, existing = instance
    failures: list[str] = []
    started = time.perf_counter()
    result = match(
        requests, beds, existing=existing, time_limit=time_limit, piece_seconds=time_limit
    )
    engine_s = time.perf_counter() - started
    st = result.stats
    exact = Exact(requests, beds, existing)
    print(
        f"\n{name}: {len(requests):,} requests x {len(beds):,} beds (staggered), "
        f"{st['segments']} split into segments, {len(exact.pairs):,} candidate pairs, "
        f"{st['components']} pieces ({st['exact_components']} proven, "
        f"{st['heuristic_components']} not)"
    )
    print(
        f"  engine            {engine_s:8.2f} s   housed {st['housed']:>6}   "
        f"cost {st['cost']:14.3f}   {quality(result)}"
    )
    if target == "flow":
        ref = exact.one_per_bed()
        print(
            f"  one per bed flow  {ref['seconds']:8.2f} s   housed {ref['housed']:>6}   "
            f"cost {ref['cost']:14.3f}   (pairs built in {exact.seconds:.2f} s)"
        )
        print(f"  time engine / flow (solve incl. candidates): {engine_s / ref['seconds']:.1f}")
        if st["housed"] < ref["housed"] or (
            st["housed"] == ref["housed"] and st["cost_units"] > ref["units"]
        ):
            failures.append(f"{name}: engine {st['housed']} below one trainee per bed {ref}")
        return failures
    seconds = max(engine_s, proof_seconds) if target == "optimum" else engine_s
    ref = exact.solve(seconds)
    status = "proven optimal" if ref["optimal"] else f"bound {ref['housed_bound']}"
    print(
        f"  exact MIP         {ref['seconds']:8.2f} s   housed {ref['housed']:>6}   "
        f"cost {ref['cost']:14.3f}   {status} (given {seconds:.1f} s)"
    )
    print(f"  time engine / exact: {engine_s / ref['seconds']:.2f}")
    if target == "optimum":
        if not ref["optimal"]:
            failures.append(f"{name}: the exact model proved nothing in {seconds:.0f} s")
        elif (st["housed"], st["cost_units"]) != (ref["housed"], ref["units"]):
            failures.append(
                f"{name}: engine {st['housed']}/{st['cost']:.3f} is not the optimum"
                f" {ref['housed']}/{ref['cost']:.3f}"
            )
        return failures
    lp = exact.lp_bound()
    print(f"  LP bound on housed {lp:.1f}: engine within {(1 - st['housed'] / lp) * 100:.2f} %")
    if st["housed"] < lp * (1 - 0.005):
        failures.append(f"{name}: engine houses {st['housed']}, more than 0.5 % below LP {lp:.1f}")
    if st["housed"] < ref["housed"] or (
        st["housed"] == ref["housed"] and st["cost_units"] > ref["units"]
    ):
        failures.append(f"{name}: the exact model's best in the same time beats the engine")
    return failures
