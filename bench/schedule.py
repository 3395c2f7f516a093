"""The rotation-schedule engine on a cohort of 500 trainees × 40 sites × 12 weeks.

Standalone (no Django, no database): builds a seeded random instance — 8 specialties of 5
sites each, every trainee of one specialty wanting 3-5 sites (mostly of its specialty, some
sites far more popular than others), capacities of 1-20 places a week adding up to about
1.1 × the trainees every week, some sites closed some weeks, and the first two weeks of a
few trainees already fixed — then runs `suggest` and the naive `first_fit` on it and prints,
for each, the time taken, the cells filled, the first choices honoured and the share of
filled cells at a ranked preference.

Exits 1 unless `suggest` fills at least as many cells as `first_fit`, honours at least as
many first choices, and finishes within 2 s.

    .venv/bin/python bench/schedule.py [seed]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from placements.engine import (  # noqa: E402
    Assignment,
    Site,
    Suggestion,
    Trainee,
    first_fit,
    suggest,
)

TRAINEES = 500
SITES = 40
SPECIALTIES = 8
PERIODS = 12
PLACES = round(1.1 * TRAINEES)  # per period
LIMIT = 2.0  # seconds


def build(seed: int) -> tuple[list[Trainee], list[Site], list[Assignment]]:
    """A random cohort, its sites and a few fixed assignments."""
    rng = random.Random(seed)
    periods = list(range(1, PERIODS + 1))
    popularity = [rng.choice((1, 1, 2, 3, 6)) for _ in range(SITES)]
    specialty = [i % SPECIALTIES for i in range(SITES)]

    capacity: list[dict[int, int]] = [{} for _ in range(SITES)]
    for period in periods:
        open_sites = [i for i in range(SITES) if rng.random() > 0.05]  # closed some weeks
        places = dict.fromkeys(open_sites, 1)
        for _ in range(PLACES - len(open_sites)):
            roomy = [i for i in open_sites if places[i] < 20]
            i = rng.choices(roomy, weights=[popularity[j] + 1 for j in roomy])[0]
            places[i] += 1
        for i, count in places.items():
            capacity[i][period] = count
    sites = [Site(id=100 + i, specialty=specialty[i], capacity=capacity[i]) for i in range(SITES)]

    trainees = []
    for t in range(TRAINEES):
        own = rng.randrange(SPECIALTIES)
        wanted: list[int] = []
        for _ in range(rng.randint(3, 5)):
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


def report(name: str, result: Suggestion, seconds: float, cells: int) -> None:
    filled = len(result.assignments)
    print(
        f"{name:9} {seconds:6.3f} s   filled {filled}/{cells}   "
        f"first choices {result.first_choices} ({result.first_choices / max(filled, 1):.1%})   "
        f"ranked {result.ranked} ({result.ranked / max(filled, 1):.1%} of filled)"
    )


def main() -> int:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 20240601
    trainees, sites, fixed = build(seed)
    cells = sum(len(t.periods) for t in trainees) - len(fixed)
    print(
        f"{len(trainees)} trainees × {len(sites)} sites × {PERIODS} periods, "
        f"{len(fixed)} fixed, {cells} cells to fill (seed {seed})"
    )

    start = time.perf_counter()
    baseline = first_fit(trainees, sites, fixed)
    baseline_time = time.perf_counter() - start
    start = time.perf_counter()
    result = suggest(trainees, sites, fixed)
    result_time = time.perf_counter() - start

    report("first_fit", baseline, baseline_time, cells)
    report("suggest", result, result_time, cells)

    failures = []
    if len(result.assignments) < len(baseline.assignments):
        failures.append("suggest fills fewer cells than first_fit")
    if result.first_choices < baseline.first_choices:
        failures.append("suggest honours fewer first choices than first_fit")
    if result_time > LIMIT:
        failures.append(f"suggest took more than {LIMIT} s")
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print("OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
