"""The rotation-schedule engine against OR-Tools' min-cost flow and first-fit.

Standalone (no Django, no database). Builds seeded random cohorts — sites in specialties,
every trainee wanting 3-5 sites (mostly of its specialty, some sites far more popular than
others), capacities adding up to about 1.1 × the trainees every week (0.9 × in the "tight"
variant, where every trainee ranks 5 sites drawn uniformly from all), some sites closed some
weeks, the first two weeks of a few trainees already fixed — at 500 × 40 × 12 and
2,000 × 80 × 12, and runs, on each:

- `suggest` (placements.engine: per period, lexicographic min-cost max-flow on OR-Tools);
- `ortools`: one OR-Tools min-cost max-flow per period on the same graph, built here in plain
  Python, with the heaviest lexicographic weights that fit in 64 bits (coverage, then as
  many preference levels as fit): what a direct use of the solver gives;
- `first_fit`, the naive baseline.

Prints times, the ratio suggest/ortools measured in the same run, cells filled and the
preferences honoured. Exits 1 unless, on every instance, `suggest` fills as many cells as
`ortools` with a rank profile at least as good (first choices, then second, …), fills at
least as many as first_fit, is no slower than `ortools` (ratio ≤ 1.0, best of 3), and the
2,000 × 80 × 12 instances finish in under 2 s.

    .venv/bin/python bench/schedule.py [seed]
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ortools.graph.python import min_cost_flow  # noqa: E402

from placements.engine import (  # noqa: E402
    Assignment,
    Site,
    Suggestion,
    Trainee,
    eligible_sites,
    first_fit,
    suggest,
)

PERIODS = 12
LIMIT = 2.0  # seconds, at 2,000 × 80 × 12
REPEAT = 3
SIZES = [(500, 40, False), (500, 40, True), (2000, 80, False), (2000, 80, True)]


def build(
    seed: int, trainees_n: int, sites_n: int, tight: bool
) -> tuple[list[Trainee], list[Site], list[Assignment]]:
    """A random cohort, its sites and a few fixed assignments."""
    rng = random.Random(seed)
    SITES, TRAINEES, SPECIALTIES = sites_n, trainees_n, 8
    PLACES = round((0.9 if tight else 1.1) * trainees_n)  # per period
    most = max(20, 2 * PLACES // sites_n)  # places of one site in a period
    periods = list(range(1, PERIODS + 1))
    popularity = [rng.choice((1, 1, 2, 3, 6)) for _ in range(SITES)]
    specialty = [i % SPECIALTIES for i in range(SITES)]

    capacity: list[dict[int, int]] = [{} for _ in range(SITES)]
    for period in periods:
        open_sites = [i for i in range(SITES) if rng.random() > 0.05]  # closed some weeks
        places = dict.fromkeys(open_sites, 1)
        for _ in range(PLACES - len(open_sites)):
            roomy = [i for i in open_sites if places[i] < most]
            i = rng.choices(roomy, weights=[popularity[j] + 1 for j in roomy])[0]
            places[i] += 1
        for i, count in places.items():
            capacity[i][period] = count
    sites = [Site(id=100 + i, specialty=specialty[i], capacity=capacity[i]) for i in range(SITES)]

    trainees = []
    for t in range(TRAINEES):
        own = rng.randrange(SPECIALTIES)
        wanted: list[int] = []
        if tight:  # five sites of any specialty, uniformly
            wanted = rng.sample(range(SITES), 5)
        for _ in range(0 if tight else rng.randint(3, 5)):
            pool = [
                i
                for i in range(SITES)
                if i not in wanted and (specialty[i] == own or rng.random() < 0.3)
            ]
            wanted.append(rng.choices(pool, weights=[popularity[i] for i in pool])[0])
        trainees.append(
            Trainee(
                id=1000 + t,
                specialty=own,
                preferences=tuple(100 + i for i in wanted),
                periods=tuple(periods),
            )
        )
    rng.shuffle(trainees)  # first_fit takes them in this (application) order

    fixed: list[Assignment] = []
    used: dict[tuple[int, int], int] = {}
    for trainee in rng.sample(trainees, 25):
        for period in periods[:2]:
            site = trainee.preferences[0]
            if used.get((site, period), 0) < capacity[site - 100].get(period, 0):
                used[site, period] = used.get((site, period), 0) + 1
                fixed.append(Assignment(trainee.id, period, site))
    return trainees, sites, fixed


def ortools_flow(trainees: list[Trainee], sites: list[Site], fixed: list[Assignment]) -> Suggestion:
    """One OR-Tools min-cost max-flow per period, weights base**(levels - rank) for as many
    preference levels as fit in 64 bits (the solver scales costs by the node count)."""
    fixed_cells = {(a.trainee, a.period): a.site for a in fixed}
    used = Counter((a.site, a.period) for a in fixed)
    site_ids = sorted(s.id for s in sites)
    ordered = [next(s for s in sites if s.id == i) for i in site_ids]
    options = {t.id: eligible_sites(t, ordered) for t in trainees}
    ranked = {
        t.id: [p for p in dict.fromkeys(t.preferences) if p in set(site_ids)] for t in trainees
    }
    assignments: list[Assignment] = []
    unplaced: list[tuple[int, int]] = []
    for period in sorted({p for t in trainees for p in t.periods}):
        cells = sorted(
            t.id for t in trainees if period in t.periods and (t.id, period) not in fixed_cells
        )
        room = {s.id: max(0, s.capacity.get(period, 0) - used[s.id, period]) for s in sites}
        n, m = len(cells), len(site_ids)
        depth = max((len(ranked[t]) for t in cells), default=0)
        base = n + 1
        levels = depth + 1
        while levels > 1 and base**levels * (n + m + 3) >= 2**62 // 16:
            levels -= 1
        index = {s: i for i, s in enumerate(site_ids)}
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = []
        source, sink = n + m, n + m + 1
        for k, t in enumerate(cells):
            flow.add_arc_with_capacity_and_unit_cost(source, k, 1, 0)
            for s in options[t]:
                if room[s] > 0:
                    r = ranked[t].index(s) if s in ranked[t] else depth
                    weight = base ** max(levels - 1 - r, 0) if r < levels else 0
                    arcs.append(
                        (
                            flow.add_arc_with_capacity_and_unit_cost(k, n + index[s], 1, -weight),
                            t,
                            s,
                        )
                    )
        for i, s in enumerate(site_ids):
            flow.add_arc_with_capacity_and_unit_cost(n + i, sink, room[s], 0)
        flow.set_node_supply(source, n)
        flow.set_node_supply(sink, -n)
        status = flow.solve_max_flow_with_min_cost()
        assert status == flow.OPTIMAL, status
        placed = set()
        for arc, t, s in arcs:
            if flow.flow(arc):
                assignments.append(Assignment(t, period, s))
                placed.add(t)
        unplaced.extend((t, period) for t in cells if t not in placed)
    assignments.sort(key=lambda a: (a.trainee, a.period))
    first = sum(1 for a in assignments if ranked[a.trainee][:1] == [a.site])
    ranks = sum(1 for a in assignments if a.site in ranked[a.trainee])
    return Suggestion(assignments, sorted(unplaced), first, ranks)


def rank_profile(result: Suggestion, trainees: list[Trainee], sites: list[Site]) -> tuple:
    """(cells filled, first choices, second choices, …)."""
    existing = {s.id for s in sites}
    ranked = {t.id: [p for p in dict.fromkeys(t.preferences) if p in existing] for t in trainees}
    counts: Counter[int] = Counter()
    for a in result.assignments:
        if a.site in ranked[a.trainee]:
            counts[ranked[a.trainee].index(a.site)] += 1
    return (len(result.assignments), *(counts[r] for r in range(max(counts, default=0) + 1)))


def timed(function, *args) -> tuple[Suggestion, float]:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


def report(name: str, result: Suggestion, seconds: float, cells: int) -> None:
    filled = len(result.assignments)
    print(
        f"  {name:9} {seconds:6.3f} s   filled {filled}/{cells}   "
        f"first choices {result.first_choices} ({result.first_choices / max(filled, 1):.1%})   "
        f"ranked {result.ranked} ({result.ranked / max(filled, 1):.1%} of filled)"
    )


def main() -> int:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 20240601
    failures = []
    for trainees_n, sites_n, tight in SIZES:
        trainees, sites, fixed = build(seed, trainees_n, sites_n, tight)
        cells = sum(len(t.periods) for t in trainees) - len(fixed)
        name = f"{trainees_n} × {sites_n} × {PERIODS}{' tight' if tight else ''}"
        print(f"{name}: {len(fixed)} fixed, {cells} cells to fill (seed {seed})")
        baseline, baseline_time = timed(first_fit, trainees, sites, fixed)
        solver, solver_time = timed(ortools_flow, trainees, sites, fixed)
        result, result_time = timed(suggest, trainees, sites, fixed)
        report("first_fit", baseline, baseline_time, cells)
        report("ortools", solver, solver_time, cells)
        report("suggest", result, result_time, cells)
        ratio = result_time / solver_time
        ours, theirs = rank_profile(result, trainees, sites), rank_profile(solver, trainees, sites)
        print(f"  suggest/ortools time {ratio:.2f}   profile equal: {ours == theirs}")
        if ours[0] != theirs[0] or ours < theirs:
            failures.append(f"{name}: suggest's profile {ours} is worse than ortools' {theirs}")
        if len(result.assignments) < len(baseline.assignments):
            failures.append(f"{name}: suggest fills fewer cells than first_fit")
        if ratio > 1.0:
            failures.append(f"{name}: suggest is slower than OR-Tools' flow ({ratio:.2f}x)")
        if trainees_n >= 2000 and result_time > LIMIT:
            failures.append(f"{name}: suggest took more than {LIMIT} s")
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
