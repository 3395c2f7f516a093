"""A MIP (SCIP, shipped with OR-Tools) on one piece that is not a transportation problem: a bed may hold several stays
that do not share a night, shared rooms may have to keep one gender.

The model works on classes (`Candidates`): x[i, k] = how many members of request class i
get a bed of bed class k. A bed class of m identical beds takes, on every night, at most m of
the stays given to it; that is exact, because stays are intervals (an interval graph whose
cliques are at most m can be coloured with m beds: `hand_out` does it, by arrival). A night
on which the stays of a class can be together is checked once, at the arrival that starts a
maximal group of overlapping stays.

Same-gender rooms: in a room (`Bed.room`) shared by beds that trainees of different genders
could get, y[p, g] says "someone of gender g is in the room on the night starting at p"
(p: every arrival among those stays; two stays share a night iff one contains the other's
arrival). A request with `same_gender_only` in the room on night p forbids every other
gender there on that night.

Objective, lexicographic as everywhere in the engine: first the most requests housed
(stage 1), then, among answers housing that many, the least cost in integer units (stage
2). Both stages start from a hint (the best answer the fast methods found) and stop after
their share of the time; the solver's proven bounds are reported with the answer.

Why a MIP and not CP-SAT: on staggered instances (300 requests x 200 beds) CP-SAT, even
with 8 workers and a minute, stayed at three times the optimal cost, which SCIP proved in
under a minute: the model is an assignment with interval cliques, whose LP relaxation is
strong, and that is what a MIP solver is built around.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import date

from ortools.linear_solver import pywraplp

from .model import Candidates


@dataclass
class Piece:
    """What CP-SAT found for one piece: counts per class arc, and what it proved."""

    counts: dict[tuple[int, int], int]  # (request class, bed class) -> members
    housed_bound: int  # no answer houses more
    cost_bound: int  # no answer housing as many as `counts` costs less (units)
    optimal: bool


def _cliques(stays: list[tuple[date, date, int]]) -> list[list[int]]:
    """The maximal groups of stays (arrival, departure, key) that share a night: one per
    arrival p after which some stay ends before the next arrival."""
    starts = sorted({s for s, _, _ in stays})
    groups: list[list[int]] = []
    for n, p in enumerate(starts):
        nxt = starts[n + 1] if n + 1 < len(starts) else None
        members = [key for s, e, key in stays if s <= p < e]
        ends = [e for s, e, _ in stays if s <= p < e]
        if nxt is None or min(ends) <= nxt:
            groups.append(members)
    return groups


def lp_guide(
    cand: Candidates, rows: list[int], seconds: float
) -> tuple[dict[tuple[int, int], float], int]:
    """The LP relaxation of the piece (GLOP; rooms left out), with housing worth more than
    any cost: its values guide a rounding heuristic (often integral on interval data), and
    its housed total, rounded down, bounds what any answer can house. Nothing if it takes
    longer than `seconds`."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    x: dict[tuple[int, int], pywraplp.Variable] = {}
    by_class: dict[int, list[tuple[date, date, tuple[int, int]]]] = {}
    total = 1 + sum(max(cand.arc_units[i], default=0) * len(cand.request_classes[i]) for i in rows)
    objective = lp.Objective()
    for i in rows:
        n = len(cand.request_classes[i])
        s, e = cand.stays[i]
        for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True):
            var = x[i, k] = lp.NumVar(0.0, min(n, len(cand.bed_classes[k])), "")
            objective.SetCoefficient(var, 1.0 - u / total)
            by_class.setdefault(k, []).append((s, e, (i, k)))
        if cand.arc_beds[i]:
            lp.Add(lp.Sum([x[i, k] for k in cand.arc_beds[i]]) <= n)
    for k, stays in by_class.items():
        for group in _cliques(stays):
            lp.Add(lp.Sum([x[a] for a in group]) <= len(cand.bed_classes[k]))
    objective.SetMaximization()
    supply = sum(len(cand.request_classes[i]) for i in rows if cand.arc_beds[i])
    lp.SetTimeLimit(max(1, int(seconds * 1000)))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return {}, supply
    values = {a: var.solution_value() for a, var in x.items()}
    return values, min(supply, math.floor(sum(values.values()) + 1e-6))


def solve_piece(
    cand: Candidates,
    rows: list[int],
    rooms: dict[str, list[int]],
    hint: dict[tuple[int, int], int],
    seconds: float,
    workers: int = 1,
    most: int | None = None,
) -> Piece | None:
    """The best answer the MIP finds in `seconds` (None if it found none), with its bounds."""
    started = time.perf_counter()
    mip = pywraplp.Solver.CreateSolver("SCIP")
    if mip is None:  # pragma: no cover - SCIP ships with the OR-Tools wheels
        raise RuntimeError("OR-Tools was built without SCIP")
    mip.SetNumThreads(max(1, workers))
    x: dict[tuple[int, int], pywraplp.Variable] = {}
    units: dict[tuple[int, int], int] = {}
    tops: dict[tuple[int, int], int] = {}
    by_class: dict[int, list[tuple[date, date, tuple[int, int]]]] = {}
    supply = 0
    for i in rows:
        n = len(cand.request_classes[i])
        s, e = cand.stays[i]
        row = []
        for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True):
            top = tops[i, k] = min(n, len(cand.bed_classes[k]))
            var = x[i, k] = mip.IntVar(0, top, "")
            units[i, k] = u
            row.append(var)
            by_class.setdefault(k, []).append((s, e, (i, k)))
        if row:
            supply += n
            if sum(tops[i, k] for k in cand.arc_beds[i]) > n:
                mip.Add(mip.Sum(row) <= n)
    for k, stays in by_class.items():
        m = len(cand.bed_classes[k])
        for group in _cliques(stays):
            if sum(tops[a] for a in group) > m:
                mip.Add(mip.Sum([x[a] for a in group]) <= m)
    for ks in rooms.values():
        _room(mip, cand, x, tops, [a for k in ks for a in by_class.get(k, ())])
    if not x:
        return Piece({}, 0, 0, True)
    keys = list(x)
    housed = mip.Sum([x[a] for a in keys])
    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(params.RELATIVE_MIP_GAP, 0.0)

    def run(values: dict[tuple[int, int], int], share: float) -> int:
        mip.SetHint([x[a] for a in keys], [float(values.get(a, 0)) for a in keys])
        left = share - (time.perf_counter() - started)
        mip.SetTimeLimit(max(50, int(left * 1000)))
        return mip.Solve(params)

    found = pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE
    best_housed = sum(hint.values())
    housed_bound = supply if most is None else min(supply, most)  # `most`: the LP's bound
    proven_housed = best_housed >= housed_bound
    if not proven_housed:
        mip.Maximize(housed)
        status = run(hint, seconds / 3)
        if status not in found:
            return None
        best_housed = max(best_housed, round(mip.Objective().Value()))
        housed_bound = min(housed_bound, int(mip.Objective().BestBound() + 1e-6))
        proven_housed = status == pywraplp.Solver.OPTIMAL
        if best_housed > sum(hint.values()):
            hint = {a: round(x[a].solution_value()) for a in keys}
    mip.Add(housed >= best_housed)
    mip.Minimize(mip.Sum([units[a] * x[a] for a in keys]))
    status = run(hint, seconds)
    if status not in found:
        return None
    counts = {a: round(x[a].solution_value()) for a in keys}
    counts = {a: c for a, c in counts.items() if c}
    value = sum(units[a] * c for a, c in counts.items())
    proven = proven_housed and status == pywraplp.Solver.OPTIMAL
    lower = mip.Objective().BestBound()
    bound = value if proven else min(value, max(0, math.ceil(lower - 0.5)))
    return Piece(counts, max(housed_bound, sum(counts.values())), bound, proven)


def _room(
    mip: pywraplp.Solver,
    cand: Candidates,
    x: dict[tuple[int, int], pywraplp.Variable],
    tops: dict[tuple[int, int], int],
    stays: list[tuple[date, date, tuple[int, int]]],
) -> None:
    """The same-gender rule of one room, on every night starting at an arrival."""
    used: dict[tuple[int, int], pywraplp.Variable] = {}
    for _, _, a in stays:
        if tops[a] == 1:
            used[a] = x[a]
        else:
            b = used[a] = mip.BoolVar("")
            mip.Add(x[a] <= tops[a] * b)
    for p in sorted({s for s, _, _ in stays}):
        here = [a for s, e, a in stays if s <= p < e]
        person = {a: cand.requests[cand.request_classes[a[0]][0]] for a in here}
        genders = sorted({r.gender for r in person.values()})
        if len(genders) < 2:
            continue
        present = {g: mip.BoolVar("") for g in genders}
        for a in here:
            r = person[a]
            mip.Add(used[a] <= present[r.gender])
            if r.same_gender_only:
                for g, y in present.items():
                    if g != r.gender:
                        mip.Add(used[a] + y <= 1)


def hand_out(
    cand: Candidates, counts: dict[tuple[int, int], int], assignment: dict[int, tuple[int, int]]
) -> None:
    """Beds for class counts: members of a request class take its cheapest arcs in id
    order; a bed class's stays, by arrival, each take the lowest free bed (never short:
    at most as many stays as beds share any night)."""
    items: dict[int, list[tuple[date, date, int, int]]] = {}
    for i in sorted({i for i, _ in counts}):
        ids = iter(cand.request_classes[i])
        s, e = cand.stays[i]
        for k in cand.arc_beds[i]:  # cheapest first
            for _ in range(counts.get((i, k), 0)):
                items.setdefault(k, []).append((s, e, next(ids), i))
    for k, stays in items.items():
        free_from: dict[int, date] = {}
        for s, e, rid, i in sorted(stays):
            bed = next(b for b in cand.bed_classes[k] if free_from.get(b, s) <= s)
            free_from[bed] = e
            assignment[rid] = (bed, i)
